// Changes to .datatrack/ (config.yaml and secrets.yaml together) are read-modify-write: two
// `connect` runs at once would each write back what they read, and one target (or its password)
// would be lost. They take an exclusive lock file first, as git does for its config.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { removeIfAbandoned, takeOwnedLock } from '../util/owned-lock.js';
import { StorageError } from '../errors.js';
import { CONFIG_DIR, makeConfigDir } from './config.js';

const LOCK_FILE = `${CONFIG_DIR}/config.lock`;
/** How long to wait for another datatrack process to finish its change. */
const WAIT_MS = 10_000;
const RETRY_MS = 20;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `change` while holding .datatrack/config.lock. */
export function withConfigLock<T>(root: string, change: () => T): T {
  makeConfigDir(root);
  const path = join(root, LOCK_FILE);
  const deadline = Date.now() + WAIT_MS;
  // Beside the lock, for its owner mark (and for checking an abandoned one aside): never a name config reads.
  const scratch = () => join(root, CONFIG_DIR, `.config.lock.${process.pid}.${randomBytes(4).toString('hex')}`);
  // A lock whose owner died (a connect killed with -9) goes: it would block every change for good.
  while (!takeOwnedLock(path, scratch())) {
    if (removeIfAbandoned(path, scratch())) continue;
    if (Date.now() >= deadline) {
      throw new StorageError(`${LOCK_FILE} exists: another datatrack is changing the configuration; if none is running, remove the file and try again`, 'CONFIG_LOCKED');
    }
    pause(RETRY_MS);
  }
  try {
    return change();
  } finally {
    fs.rmSync(path, { force: true });
  }
}
