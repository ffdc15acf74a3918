// Ref reads and compare-and-swap updates under git's own lock-file protocol: `<ref>.lock` is
// created exclusively, the current value is checked against the expected one while the lock is
// held, and the lock file is renamed over the ref. git, and every other datatrack process, use
// the same lock, so no update is lost; isomorphic-git's writeRef has neither the lock nor the check.
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { StorageError } from '../errors.js';

const OID = /^[0-9a-f]{40}$/;

export const REF_PREFIX = 'refs/datatrack/';

export function targetRef(target: string): string {
  return REF_PREFIX + target;
}

export class RefConflictError extends StorageError {
  constructor(
    readonly ref: string,
    readonly actual: string | undefined,
  ) {
    super(`${ref} moved while this snapshot was being written; retry`, 'REF_CONFLICT');
  }
}

function readPackedRef(gitdir: string, ref: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(join(gitdir, 'packed-refs'), 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    if (line.endsWith(` ${ref}`) && line.length === 41 + ref.length) {
      const oid = line.slice(0, 40);
      if (!OID.test(oid)) throw new StorageError(`packed-refs has a damaged line for ${ref}; repair it with git`, 'BROKEN_REF');
      return oid;
    }
  }
  return undefined;
}

/** The object id a ref points at, or undefined when the ref does not exist. */
export function readRef(gitdir: string, ref: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(join(gitdir, ref), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return readPackedRef(gitdir, ref);
    throw new StorageError(`cannot read ${ref}: ${(error as Error).message}`, 'BROKEN_REF', error);
  }
  const value = text.trim();
  if (OID.test(value)) return value;
  const shown = value === '' ? 'is empty' : `holds ${JSON.stringify(value.slice(0, 60))}`;
  throw new StorageError(
    `${ref} is damaged: the ref file ${shown} instead of a commit id; restore it (git reflog, git update-ref) or delete it`,
    'BROKEN_REF',
  );
}

/** Every ref under a prefix (loose and packed), name → id. */
export function listRefs(gitdir: string, prefix: string): Map<string, string> {
  const refs = new Map<string, string>();
  try {
    for (const line of fs.readFileSync(join(gitdir, 'packed-refs'), 'utf8').split('\n')) {
      const ref = line.slice(41);
      if (line[40] === ' ' && ref.startsWith(prefix)) refs.set(ref, line.slice(0, 40));
    }
  } catch {
    // no packed refs
  }
  const walk = (relative: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(join(gitdir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const name = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(name);
      else if (!entry.name.endsWith('.lock')) {
        const oid = readRef(gitdir, name);
        if (oid) refs.set(name, oid);
      }
    }
  };
  walk(prefix.replace(/\/$/, ''));
  return refs;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a datatrack lock holds until the value is written: whose it is, so a dead owner's can go. */
const OWNER = `datatrack-lock ${process.pid} ${hostname()}\n`;

/**
 * Removes a lock left by a datatrack process that died holding it (killed with -9): one whose owner
 * mark names a process of this host that no longer runs. A lock of git's, of a live process or of
 * another host is never removed. The lock is first moved aside atomically and checked there, so a
 * lock another process took meanwhile is put back rather than lost.
 */
function removeIfAbandoned(gitdir: string, lock: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(lock, 'utf8');
  } catch {
    return true; // released meanwhile: try again at once
  }
  const match = /^datatrack-lock (\d+) (\S+)\n$/.exec(text);
  if (!match || match[2] !== hostname() || Number(match[1]) === process.pid || alive(Number(match[1]))) return false;
  const aside = join(gitdir, `datatrack-abandoned-lock-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    fs.renameSync(lock, aside);
  } catch {
    return true;
  }
  if (fs.readFileSync(aside, 'utf8') !== text) {
    try {
      fs.linkSync(aside, lock); // not ours to remove: put it back unless its place is taken
    } catch {
      // its owner finished or another lock stands there now
    }
  }
  fs.rmSync(aside, { force: true });
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface UpdateRefOptions {
  /** How long to wait for another process's lock before giving up. */
  lockTimeoutMs?: number;
}

/**
 * Moves `ref` from `expected` (undefined: the ref must not exist) to `next`. Throws
 * RefConflictError when the ref holds something else, and a StorageError naming the lock file
 * when the lock stays taken; never removes a lock it did not create.
 */
export async function updateRef(
  gitdir: string,
  ref: string,
  next: string,
  expected: string | undefined,
  { lockTimeoutMs = 10_000 }: UpdateRefOptions = {},
): Promise<void> {
  const file = join(gitdir, ref);
  const lock = `${file}.lock`;
  try {
    fs.mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new StorageError(`cannot create the directory for ${ref}: ${(error as Error).message}`, 'REF_PATH', error);
  }
  let fd: number | undefined;
  const deadline = Date.now() + lockTimeoutMs;
  for (let wait = 5; fd === undefined; wait = Math.min(wait * 2, 200)) {
    try {
      fd = fs.openSync(lock, 'wx', 0o644);
      fs.writeSync(fd, OWNER);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StorageError(`cannot lock ${ref}: ${(error as Error).message}`, 'REF_LOCK', error);
      }
      if (removeIfAbandoned(gitdir, lock)) continue;
      if (Date.now() >= deadline) {
        throw new StorageError(
          `cannot lock ${ref}: ${lock} exists; another git or datatrack process is updating it (remove the file only if none is running)`,
          'REF_LOCKED',
        );
      }
      await sleep(wait);
    }
  }
  let renamed = false;
  try {
    const actual = readRef(gitdir, ref);
    if (actual !== expected) throw new RefConflictError(ref, actual);
    // The owner mark gives way to the ref's value, which the rename publishes. No fsync, as git
    // does not fsync loose refs either: it would only widen the window in which a killed process
    // leaves a lock that no longer says whose it was.
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, `${next}\n`, 0);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(lock, file);
    renamed = true;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (!renamed) fs.rmSync(lock, { force: true });
  }
}
