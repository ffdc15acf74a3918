// Changes to .datatrack/ (config.yaml and secrets.yaml together) are read-modify-write: two
// `connect` runs at once would each write back what they read, and one target (or its password)
// would be lost. They take an exclusive lock file first, as git does for its config.
import * as fs from 'node:fs';
import { join } from 'node:path';
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
  for (;;) {
    try {
      fs.closeSync(fs.openSync(path, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() >= deadline) {
        throw new StorageError(`${LOCK_FILE} exists: another datatrack is changing the configuration; if none is running, remove the file and try again`, 'CONFIG_LOCKED');
      }
      pause(RETRY_MS);
    }
  }
  try {
    return change();
  } finally {
    fs.rmSync(path, { force: true });
  }
}
