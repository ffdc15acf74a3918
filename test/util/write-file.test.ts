// Directories made as mkdir -p makes them, and what a read-only file system says through them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compiledFile } from '../../src/util/package-files.js';
import { makeDirectories } from '../../src/util/write-file.js';
import { BIN, GIT_ENV, git, newRepo, repoWithSqlite, run, runWithFileSizeLimit, sqliteDatabase, tempDir } from '../helpers/cli.js';

test('makeDirectories makes the missing levels and returns the first it made', () => {
  const dir = tempDir();
  assert.is(makeDirectories(join(dir, 'a', 'b', 'c')), join(dir, 'a'));
  assert.ok(existsSync(join(dir, 'a', 'b', 'c')));
  assert.is(makeDirectories(join(dir, 'a', 'b')), undefined);
  writeFileSync(join(dir, 'file'), '');
  assert.throws(() => makeDirectories(join(dir, 'file', 'x')), (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR');
});

test('a directory another process makes meanwhile is no failure (two snapshots, a git fetch)', () => {
  const dir = tempDir();
  const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const mkdir = fs.mkdirSync;
  // The other process wins the race for every level: each mkdir finds its directory made.
  fs.mkdirSync = ((path: string) => (mkdir(path), mkdir(path))) as typeof fs.mkdirSync;
  syncBuiltinESMExports();
  try {
    assert.is(makeDirectories(join(dir, 'a', 'b')), undefined);
  } finally {
    fs.mkdirSync = mkdir;
    syncBuiltinESMExports();
  }
  assert.ok(existsSync(join(dir, 'a', 'b')));
});

test('appendWhole appends all of its text or none: a write cut short is cut back off', () => {
  const dir = tempDir();
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '# earlier step\n');
  // A file-size limit stops the write part way, as a full disk does.
  const append = (path: string) =>
    spawnSync('sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, '--input-type=module', '-e', `import { appendWhole } from ${JSON.stringify(compiledFile('util', 'write-file.js'))}; appendWhole(${JSON.stringify(path)}, 'x'.repeat(100000));`], { encoding: 'utf8' });
  assert.match(append(summary).stderr, /EFBIG/);
  assert.is(readFileSync(summary, 'utf8'), '# earlier step\n');
  assert.match(append(join(dir, 'new.md')).stderr, /EFBIG/);
  assert.not.ok(existsSync(join(dir, 'new.md')));
});

test('init on a full device says to free space, not to check permissions', () => {
  const result = runWithFileSizeLimit(['init'], newRepo(), 1);
  assert.is(result.code, 4, result.stderr);
  assert.match(result.stderr, /^datatrack: cannot write \.datatrack\/\S+: the file-size limit \(ulimit -f\) was reached; free some space and run it again\n$/);
});

/** Whether this process may bind-mount in a mount namespace of its own (root in most CI containers). */
const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind / /mnt && mount -o remount,bind,ro /mnt'], { stdio: 'ignore' }).status === 0;

test('a repository on a read-only file system: each target fails saying so, in its place', () => {
  if (!canMount) {
    console.log('  (skipped: cannot bind-mount read-only here; needs root and unshare)');
    return;
  }
  // Node's recursive mkdir reported a new object directory's EROFS as ENOENT: "no such file",
  // which ended `snapshot --all` at the first target, unclassified.
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  assert.is(run(['connect', sqliteDatabase(join(dir, 'two.db'), 'CREATE TABLE u (id INTEGER)'), '--name', 'two'], dir).code, 0);
  assert.is(run(['snapshot', '--all'], dir).code, 0);
  sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE added (id INTEGER)');
  sqliteDatabase(join(dir, 'two.db'), 'CREATE TABLE added (id INTEGER)');
  const refs = git(dir, 'for-each-ref', 'refs/datatrack/');
  const script = 'mount --bind "$REPO" "$REPO" && mount -o remount,bind,ro "$REPO" && exec "$0" "$@"';
  const result = spawnSync('unshare', ['-m', 'sh', '-c', script, process.execPath, BIN, 'snapshot', '--all', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, REPO: dir },
  });
  assert.is(result.status, 4, result.stderr);
  const report = JSON.parse(result.stdout) as { target: string; error: { code: string; message: string } }[];
  assert.equal(report.map((r) => [r.target, r.error.code]), [['default', 'EROFS'], ['two', 'EROFS']]);
  assert.match(report[0]!.error.message, /read-only file system.*\(or a read-only file system\)$/);
  assert.is(git(dir, 'for-each-ref', 'refs/datatrack/'), refs);
});

test.run();
