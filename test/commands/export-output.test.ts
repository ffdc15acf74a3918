// export -o: where the document goes when a path is given.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoWithSqlite, run, runJson } from '../helpers/cli.js';

test('a path ending in a slash names a directory: refused, never written as a file of that name', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY);');
  runJson(['snapshot'], dir);
  const database = readFileSync(db);
  for (const path of ['docs/', 'app.db/']) {
    const refused = run(['export', '--format', 'markdown', '-o', path], dir);
    assert.is(refused.code, 2, path);
    assert.is(refused.stderr, `datatrack: cannot write ${path}: ending in /, it names a directory; choose another path\n`);
  }
  assert.not.ok(existsSync(join(dir, 'docs')));
  assert.ok(readFileSync(db).equals(database), 'app.db/ did not overwrite the database file');
  assert.is(run(['export', '--format', 'markdown', '-o', 'docs/schema.md'], dir).code, 0);
});

test.run();
