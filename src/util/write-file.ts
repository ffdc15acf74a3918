// Files written where the user points (`export -o`, `pipeline run --summary`): a directory that
// does not exist yet is made, as `mkdir -p` would, rather than failing after all the work is done.
// A path that cannot be written is the user's to correct: a usage error that says why, in words;
// a device that fails (full, broken) is a storage error.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removingOnFailure } from './temporary-file.js';
import { StorageError, UsageError } from '../errors.js';

const REASONS: Record<string, string> = {
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of it is a file, not a directory',
  EEXIST: 'a part of it is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'its directory cannot be made there',
  ENOCREATE: 'no file can be created in its directory',
};

/** Failures of the device, not of the path chosen: exit 4 (storage), as a full standard output is. */
const DEVICE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  // `ulimit -f`: snapshot's own writes report it as a full disk (exit 4); so does a file written here.
  EFBIG: 'the file-size limit (ulimit -f) was reached',
  EIO: 'an I/O error on the device',
};

/** Why a write failed, in words. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return DEVICE_FAILURES[code] ?? REASONS[code] ?? (error as Error).message;
}

/** Whether a write failed for the device (full, broken), not for the path chosen. */
export function isDeviceFailure(error: unknown): boolean {
  return DEVICE_FAILURES[(error as NodeJS.ErrnoException).code ?? ''] !== undefined;
}

/** The error for a write that failed, as a person would say it. */
export function writeFailure(path: string, error: unknown): UsageError | StorageError {
  if ((error instanceof UsageError || error instanceof StorageError) && error.code === 'CANNOT_WRITE') return error;
  return new (isDeviceFailure(error) ? StorageError : UsageError)(`cannot write ${path}: ${writeFailureReason(error)}; choose another path`, 'CANNOT_WRITE', error);
}

/**
 * Makes `dir` and the missing directories above it one level at a time, as `mkdir -p`, and returns
 * the first one it made itself. mkdirSync's own recursion loops forever where a parent exists but refuses
 * children (Node 20 under /proc), and reports any failure but EACCES/EPERM as ENOENT (a read-only
 * file system's EROFS among them).
 */
export function makeDirectories(dir: string): string | undefined {
  const missing: string[] = [];
  for (let at = dir; !fs.existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  let first: string | undefined;
  for (const at of missing) {
    try {
      fs.mkdirSync(at);
      first ??= at;
    } catch (error) {
      // Made meanwhile by another process (two snapshots, a git fetch): there, as wanted.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(at).isDirectory()) throw error;
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
  return first;
}

const makeParents = (path: string) => makeDirectories(dirname(path));

const errno = (code: string) => Object.assign(new Error(code), { code });

/**
 * A regular file is written under a temporary name and renamed into place: a write that fails part
 * way (a full disk) leaves the old file, or none, never a truncated one that CI would upload as the
 * export. A device, a FIFO or a symlink (`-o /dev/stdout`) is written where it is. The file's own
 * permissions hold as they would for `>`: a read-only file is refused (the rename would replace
 * it), and a writable one in a directory this user may not add to is written in place.
 */
export function writeFileMakingDirectories(path: string, content: string | Buffer): void {
  try {
    makeParents(path);
    const existing = fs.lstatSync(path, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) return fs.writeFileSync(path, content);
    if (existing) fs.accessSync(path, fs.constants.W_OK);
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    let written = false;
    try {
      removingOnFailure([temp], () => {
        fs.writeFileSync(temp, content, existing ? { mode: existing.mode & 0o7777 } : {});
        written = true;
        fs.renameSync(temp, path);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!written && existing && (code === 'EACCES' || code === 'EPERM')) return fs.writeFileSync(path, content);
      // The directory is there (made above), yet nothing may be created in it (/proc).
      throw !written && code === 'ENOENT' ? errno('ENOCREATE') : error;
    }
  } catch (error) {
    throw writeFailure(path, error);
  }
}

/**
 * Fails now as writing `path` would fail later, for a command that must not do its work first (a
 * pipeline commits a snapshot before it writes its summary): the directories are made, and the
 * file opened for writing, or created and removed again.
 */
export function probeWritable(path: string): void {
  try {
    makeParents(path);
    const existing = fs.statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw errno('EISDIR');
    // A device or FIFO is written where it is, and opening a FIFO would wait for its reader.
    if (existing) return existing.isFile() ? fs.closeSync(fs.openSync(path, 'r+')) : undefined;
    fs.closeSync(fs.openSync(path, 'wx'));
    fs.rmSync(path);
  } catch (error) {
    throw writeFailure(path, error);
  }
}

/**
 * Appends `text` to a file others append to too (GitHub's job summary): all of it, or nothing. A
 * write that fails part way (a full disk) is cut back off, rather than leave half a section
 * that the next writer's text follows.
 */
export function appendWhole(path: string, text: string): void {
  const before = fs.statSync(path, { throwIfNoEntry: false })?.size;
  try {
    fs.appendFileSync(path, text);
  } catch (error) {
    if (before === undefined) fs.rmSync(path, { force: true });
    else fs.truncateSync(path, before);
    throw error;
  }
}
