// Node's system errors as datatrack reports them: a file-system failure is a storage error that
// says what to do; anything else is left for the one place that maps errors to exit codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXIT, StorageError, systemErrorAsStorage, withSystemErrorFix } from '../src/errors.js';
import { cannotRunGit } from '../src/store/repository.js';

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

test('a file-system error becomes a storage error (exit 4) with its fix; a socket\'s or any other is left as it is', () => {
  const readOnly = systemErrorAsStorage(systemError('EACCES', "EACCES: permission denied, open '.git/objects/ab/tmp'"));
  assert.instance(readOnly, StorageError);
  assert.is((readOnly as StorageError).exitCode, EXIT.storage);
  assert.is((readOnly as StorageError).message, "EACCES: permission denied, open '.git/objects/ab/tmp'; check the ownership and permissions of that path (or a read-only file system)");
  assert.instance(systemErrorAsStorage(systemError('ENOSPC', 'ENOSPC: no space left on device, write')), StorageError);
  const reset = systemError('ECONNRESET', 'read ECONNRESET');
  assert.is(systemErrorAsStorage(reset), reset);
  const plain = new Error('a bug');
  assert.is(systemErrorAsStorage(plain), plain);
});

test('the fix is said once, also where the code is inside a message of datatrack\'s', () => {
  const once = withSystemErrorFix('cannot lock refs/datatrack/prod: EPERM: operation not permitted, link', 'LOCK_FAILED');
  assert.match(once, /; check the ownership and permissions of that path \(or a read-only file system\)$/);
  assert.is(withSystemErrorFix(once, 'LOCK_FAILED'), once);
  assert.is(withSystemErrorFix('no such target', 'UNKNOWN_TARGET'), 'no such target');
});

test('git that cannot start for too many open files says to raise ulimit -n', () => {
  const error = cannotRunGit(Object.assign(new Error('spawnSync git EMFILE'), { code: 'EMFILE' }));
  assert.equal([error.message, error.exitCode], ['cannot run git: spawnSync git EMFILE; too many files are open: raise the limit (ulimit -n) and run it again', EXIT.storage]);
});

test.run();
