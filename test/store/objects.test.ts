import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ObjectStore } from '../../src/store/objects.js';
import { markDamaged, newRepo, tempDir } from '../helpers/cli.js';

/**
 * Runs `body` with a `git` first on PATH that runs `script` (sh) instead: the reader's last resort
 * is `git cat-file`, and what happens while it runs is what these tests stage.
 */
async function withGit<T>(script: string, body: () => Promise<T>): Promise<T> {
  const bin = tempDir();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  try {
    return await body();
  } finally {
    process.env.PATH = path;
  }
}

test('an object another writer restores while a read looks for it is read, not called corrupt', async () => {
  // A concurrent `git gc --prune=now` took an unreachable object, and the writer that made it
  // writes it again (write-snapshot's restore) while a second process is reading it.
  const dir = newRepo();
  const content = Buffer.from('name: t\n');
  const store = new ObjectStore(join(dir, '.git'));
  const written = store.write('blob', content);
  const loose = join(dir, '.git/objects', written.slice(0, 2), written.slice(2));
  const aside = join(tempDir(), 'object');
  renameSync(loose, aside);
  const found = await withGit(`mv '${aside}' '${loose}'; read oid; echo "$oid missing"`, () => new ObjectStore(join(dir, '.git')).read(written));
  assert.ok(found.content.equals(content));
  assert.is(found.type, 'blob');
});

test('an object that is gone stays missing, and one that does not read stays corrupt', async () => {
  const dir = newRepo();
  const store = new ObjectStore(join(dir, '.git'));
  const written = store.write('blob', Buffer.from('name: t\n'));
  const loose = join(dir, '.git/objects', written.slice(0, 2), written.slice(2));
  const missing = 'ab'.repeat(20);
  const readError = (oid: string) => withGit('read oid; echo "$oid missing"', () => new ObjectStore(join(dir, '.git')).read(oid).then(() => undefined, (error) => error));
  assert.is((await readError(missing))?.code, 'MISSING_OBJECT');
  markDamaged(dir);
  chmodSync(loose, 0o644);
  writeFileSync(loose, 'not zlib at all');
  assert.is((await readError(written))?.code, 'CORRUPT_OBJECT');
});

test.run();
