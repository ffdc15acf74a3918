// Directories made as mkdir -p makes them, and what a read-only file system says through them.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeDirectories } from '../../src/util/write-file.js';
import { BIN, GIT_ENV, git, repoWithSqlite, run, sqliteDatabase, tempDir } from '../helpers/cli.js';

test('makeDirectories makes the missing levels and returns the first it made', () => {
  const dir = tempDir();
  assert.is(makeDirectories(join(dir, 'a', 'b', 'c')), join(dir, 'a'));
  assert.ok(existsSync(join(dir, 'a', 'b', 'c')));
  assert.is(makeDirectories(join(dir, 'a', 'b')), undefined);
  writeFileSync(join(dir, 'file'), '');
  assert.throws(() => makeDirectories(join(dir, 'file', 'x')), (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR');
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
