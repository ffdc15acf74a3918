// export -o: where the document goes when a path is given.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exportDirectoryName } from '../../src/api/export.js';
import { repoWithSqlite, run, runJson } from '../helpers/cli.js';

test("the default export directory is named as the Python tool named it: every character but letters, digits, _ and - is _", () => {
  assert.is(exportDirectoryName('shop.v2 x'), 'shop_v2_x');
  assert.is(exportDirectoryName('Ünïcode-db_1'), 'Ünïcode-db_1');
  assert.is(exportDirectoryName('..'), '__');
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)', 'my app.db');
  run(['snapshot'], dir);
  const exported = runJson<{ path: string }>(['export'], dir);
  assert.is(exported.path, join(dir, '.databases', 'exports', 'my_app', 'latest_snapshot.yaml'));
});

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

/** `chattr ±i`: what a file's or directory's permissions refuse, even root (the suite's user) is refused when immutable. */
const immutable = (path: string, on: boolean) => spawnSync('chattr', [on ? '+i' : '-i', path]).status === 0;

test('an existing file is written as `>` would: a read-only one refused, a writable one in a closed directory written in place', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY);');
  runJson(['snapshot'], dir);
  mkdirSync(join(dir, 'closed'));
  writeFileSync(join(dir, 'closed', 'schema.md'), 'old\n');
  writeFileSync(join(dir, 'locked.md'), 'old\n');
  if (!immutable(join(dir, 'closed'), true)) return console.log('SKIP chattr +i is not available here: the permission cases of export -o are not checked');
  try {
    assert.ok(immutable(join(dir, 'locked.md'), true));
    const inPlace = run(['export', '--format', 'markdown', '-o', 'closed/schema.md'], dir);
    assert.is(inPlace.code, 0, inPlace.stderr);
    assert.match(readFileSync(join(dir, 'closed', 'schema.md'), 'utf8'), /^# /);
    const refused = run(['export', '--format', 'markdown', '-o', 'locked.md'], dir);
    assert.equal([refused.code, refused.stderr], [2, `datatrack: cannot write ${join(dir, 'locked.md')}: permission denied; choose another path\n`]);
    assert.is(readFileSync(join(dir, 'locked.md'), 'utf8'), 'old\n');
  } finally {
    immutable(join(dir, 'closed'), false);
    immutable(join(dir, 'locked.md'), false);
  }
  // a directory where nothing may be created is said so, not as one that cannot be made
  const proc = run(['export', '-o', '/proc/version'], dir);
  assert.equal([proc.code, proc.stderr], [2, 'datatrack: cannot write /proc/version: no file can be created in its directory; choose another path\n']);
});

test.run();
