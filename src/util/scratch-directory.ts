// Scratch directories under the system's temporary one (TMPDIR, else /tmp), for what a command
// writes only to read back: the demo's repository, a hook's copies of the staged files. What fails
// there (a TMPDIR that does not exist, a full or read-only /tmp) is the environment's to fix: the
// message names TMPDIR, never the scratch path, which the user did not choose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatatrackError, StorageError } from '../errors.js';
import { isDeviceFailure, writeFailureReason } from './write-file.js';

function scratchFailure(what: string, reason: string, error: unknown): StorageError {
  const fix = `${isDeviceFailure(error) ? 'free some space there, or ' : ''}set TMPDIR to a directory you can write`;
  return new StorageError(`cannot ${what} in ${tmpdir()} (TMPDIR): ${reason}; ${fix}`, 'CANNOT_WRITE', error);
}

/** A fresh directory under TMPDIR; `what` is it, as in "the demo's scratch directory". */
export function makeScratchDirectory(prefix: string, what: string): string {
  try {
    return mkdtempSync(join(tmpdir(), prefix));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : writeFailureReason(error);
    throw scratchFailure(`make ${what}`, reason, error);
  }
}

/**
 * A fresh directory under TMPDIR, filled by `fill` (with writeFileMakingDirectories). When that
 * fails, the directory is removed, and a write that failed is said to be TMPDIR's.
 */
export async function fillScratchDirectory(prefix: string, what: string, fill: (dir: string) => Promise<void>): Promise<string> {
  const dir = makeScratchDirectory(prefix, what);
  try {
    await fill(dir);
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (!(error instanceof DatatrackError && error.code === 'CANNOT_WRITE')) throw error;
    throw scratchFailure(`write ${what}`, writeFailureReason(error.cause), error.cause);
  }
}
