// The catalog queries' own text: the server converts each statement into the database's encoding,
// so a character outside ASCII, even in a comment, fails every snapshot of a database whose
// encoding lacks it (PostgreSQL's LATIN1, LATIN2, KOI8R …).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compiledFile } from '../../src/util/package-files.js';

function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sqlFiles(join(dir, entry.name)) : entry.name.endsWith('.sql') ? [join(dir, entry.name)] : [],
  );
}

test('every catalog query is plain ASCII', () => {
  const root = compiledFile('dialects');
  const files = sqlFiles(root);
  assert.ok(files.length >= 30, `only ${files.length} .sql files found under ${root}`);
  const offending = files.filter((file) => /[^\x00-\x7f]/.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
  assert.equal(offending, []);
});

test.run();
