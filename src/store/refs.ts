// Ref reads and compare-and-swap updates under git's own lock-file protocol: `<ref>.lock` is
// created exclusively and the current value is checked against the expected one while the lock is
// held. git, and every other datatrack process, use the same lock, so no update is lost;
// isomorphic-git's writeRef has neither the lock nor the check.
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { StorageError } from '../errors.js';
import { appendReflog, type ReflogEntry } from './reflog.js';
import { makeSharedDirectories, sharedMode, shareLikeGit } from './shared-repository.js';
import { removingOnFailure } from '../util/temporary-file.js';
import { removeIfAbandoned, takeOwnedLock } from '../util/owned-lock.js';

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
    // Thrown for a snapshot and a pull alike: the message names neither.
    super(`${ref} moved meanwhile (another datatrack or git process updated it); nothing was lost, retry`, 'REF_CONFLICT');
  }
}

/** The lines of packed-refs; none when the repository has no such file. */
function packedRefLines(gitdir: string): string[] {
  try {
    return fs.readFileSync(join(gitdir, 'packed-refs'), 'utf8').split('\n');
  } catch {
    return [];
  }
}

function readPackedRef(gitdir: string, ref: string): string | undefined {
  for (const line of packedRefLines(gitdir)) {
    if (line.endsWith(` ${ref}`) && line.length === 41 + ref.length) {
      const oid = line.slice(0, 40);
      if (!OID.test(oid)) throw new StorageError(`packed-refs has a damaged line for ${ref}; repair it with git`, 'BROKEN_REF');
      return oid;
    }
  }
  return undefined;
}

/** A packed ref that is a directory of `ref` (`a` for `a/b`) or below it (`a/b` for `a`), if any. */
function packedClash(gitdir: string, ref: string): string | undefined {
  for (const line of packedRefLines(gitdir)) {
    const other = line[40] === ' ' ? line.slice(41) : '';
    if (other.startsWith(`${ref}/`) || (other !== '' && ref.startsWith(`${other}/`))) return other;
  }
  return undefined;
}

/** The object id a ref points at, or undefined when the ref does not exist; a symbolic ref is followed, as git follows it. */
export function readRef(gitdir: string, ref: string): string | undefined {
  let value = readRefFile(gitdir, ref);
  for (let depth = 0; value?.startsWith('ref: ') && depth < MAX_SYMBOLIC_DEPTH; depth++) value = readRefFile(gitdir, value.slice(5).trim());
  if (value?.startsWith('ref: ')) throw new StorageError(`${ref} is a chain of symbolic refs ${MAX_SYMBOLIC_DEPTH} long or a loop; point it at a commit with \`git update-ref\``, 'BROKEN_REF');
  return value;
}

/** git follows at most this many symbolic refs. */
const MAX_SYMBOLIC_DEPTH = 5;

/**
 * A name git can hold as a ref: under refs/, with no empty component and none starting with a dot,
 * so none that climbs out of refs/ (`refs/datatrack/../../config` names the repository's config file).
 */
const isRefName = (ref: string) => ref.startsWith('refs/') && !ref.split('/').some((part) => part === '' || part.startsWith('.'));

/** A ref file's commit id, or its `ref: <target>` line when it is symbolic (`git symbolic-ref`); undefined when there is none. */
function readRefFile(gitdir: string, ref: string): string | undefined {
  if (!isRefName(ref)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(join(gitdir, ref), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A name longer than a file name can be is no ref git holds (a revision typed too long).
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return readPackedRef(gitdir, ref);
    throw new StorageError(`cannot read ${ref}: ${(error as Error).message}`, 'BROKEN_REF', error);
  }
  const value = text.trim();
  if (OID.test(value) || /^ref: refs\/\S+$/.test(value)) return value;
  const shown = value === '' ? 'is empty' : `holds ${JSON.stringify(value.slice(0, 60))}`;
  // git refuses to update or delete a ref whose file is damaged (`git update-ref -d` too): the file goes first.
  const logged = lastLogged(gitdir, ref);
  const commit = logged ? `the commit its reflog names last` : 'a clone or `git fsck --lost-found` has the commit';
  throw new StorageError(
    `${ref} is damaged: the ref file ${shown} instead of a commit id; remove ${join(gitdir, ref)} (git cannot update or delete the ref while it is so), then restore it with \`git update-ref ${ref} ${logged ?? '<commit>'}\` (${commit}) or leave it gone`,
    'BROKEN_REF',
  );
}

/** The commit a ref's reflog says it was last moved to, if git keeps a log of it. */
function lastLogged(gitdir: string, ref: string): string | undefined {
  let log: string;
  try {
    log = fs.readFileSync(join(gitdir, 'logs', ref), 'utf8');
  } catch {
    return undefined;
  }
  // `<old> <new> <committer>\t<message>`, one move a line, the newest last.
  const next = log.trimEnd().split('\n').at(-1)?.split(' ')[1];
  return next && OID.test(next) && !/^0+$/.test(next) ? next : undefined;
}

/** The refs under a prefix: those that read, and those whose file is damaged. */
export interface RefListing {
  /** name → commit id */
  refs: Map<string, string>;
  /** name → why it cannot be read */
  damaged: Map<string, StorageError>;
}

/**
 * The refs under a prefix (loose and packed). A damaged ref file (empty or garbage, as a crash can
 * leave one) is listed apart with the error that says how to repair it: what works on every target
 * must not fail for one, whose own commands still fail on it.
 */
export function listRefs(gitdir: string, prefix: string): RefListing {
  const refs = new Map<string, string>();
  const damaged = new Map<string, StorageError>();
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
        let value: string | undefined;
        try {
          value = readRefFile(gitdir, name);
        } catch (error) {
          if (!(error instanceof StorageError)) throw error;
          // The loose file is what git reads, damaged or not: a packed value beneath it is stale.
          refs.delete(name);
          damaged.set(name, error);
          continue;
        }
        // A symbolic ref is another name for a target's ref, no target of its own.
        if (value && !value.startsWith('ref: ')) refs.set(name, value);
      }
    }
  };
  walk(prefix.replace(/\/$/, ''));
  return { refs, damaged };
}

/** The name of every ref under a prefix, damaged ones too: a damaged ref file still holds its name. */
export function listRefNames(gitdir: string, prefix: string): string[] {
  const { refs, damaged } = listRefs(gitdir, prefix);
  return [...refs.keys(), ...damaged.keys()];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface UpdateRefOptions {
  /** How long to wait for another process's lock before giving up. */
  lockTimeoutMs?: number;
  /** The reflog entry of the move, written where git would keep the ref's log. */
  log?: ReflogEntry;
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
  { lockTimeoutMs = 10_000, log }: UpdateRefOptions = {},
): Promise<void> {
  const file = join(gitdir, ref);
  const lock = `${file}.lock`;
  const shared = sharedMode(gitdir);
  // The file system refuses a ref beside a loose one above or below it, but not beside a packed one
  // (after `git gc`); git would then see neither ref right.
  const packed = packedClash(gitdir, ref);
  if (packed !== undefined) throw new StorageError(`cannot write ${ref}: ${packed} exists, and git cannot hold both; use another target name`, 'REF_PATH');
  try {
    makeSharedDirectories(dirname(file), shared);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const clash = code === 'EEXIST' || code === 'ENOTDIR' ? ': a ref above it exists, and git cannot hold both; use another target name' : `: ${(error as Error).message}`;
    throw new StorageError(`cannot create the directory for ${ref}${clash}`, 'REF_PATH', error);
  }
  const deadline = Date.now() + lockTimeoutMs;
  for (let wait = 5; !takeLock(gitdir, ref, lock); wait = Math.min(wait * 2, 200)) {
    if (removeIfAbandoned(lock, scratchPath(gitdir))) continue;
    if (Date.now() >= deadline) {
      throw new StorageError(
        `cannot lock ${ref}: ${lock} exists; another git or datatrack process is updating it (remove the file only if none is running)`,
        'REF_LOCKED',
      );
    }
    await sleep(wait);
  }
  try {
    // Renamed onto, a symbolic ref would become a ref of its own and the one it names stay behind.
    const own = readRefFile(gitdir, ref);
    if (own?.startsWith('ref: ')) {
      const named = own.slice(5).trim();
      throw new StorageError(`${ref} is another name for ${named} (a symbolic ref); use ${named.startsWith(REF_PREFIX) ? `-t ${named.slice(REF_PREFIX.length)}` : named} instead, or remove the alias with \`git symbolic-ref --delete ${ref}\``, 'SYMBOLIC_REF');
    }
    const actual = readRef(gitdir, ref);
    if (actual !== expected) throw new RefConflictError(ref, actual);
    // The value goes in by its own atomic rename while the lock still names its owner: a process
    // killed at any moment leaves either no lock or one that says whose it was, never an
    // anonymous one that would block every later snapshot.
    const value = scratchPath(gitdir);
    try {
      // Written before the log: a full disk then fails the update before the log tells of a move.
      removingOnFailure([value], () => {
        fs.writeFileSync(value, `${next}\n`);
        shareLikeGit(value, shared);
      });
      // Under the lock and before the ref moves, as git writes it: a log that cannot be written
      // fails the update with the ref where it was, and entries keep the order of the moves.
      if (log) {
        try {
          await appendReflog(gitdir, ref, expected, next, log, shared);
        } catch (error) {
          fs.rmSync(value, { force: true });
          throw error;
        }
      }
      removingOnFailure([value], () => fs.renameSync(value, file));
    } catch (error) {
      if (!['EISDIR', 'ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      throw new StorageError(`cannot write ${ref}: refs below it exist (${ref}/…), and git cannot hold both; use another target name`, 'REF_PATH', error);
    }
  } finally {
    fs.rmSync(lock, { force: true });
  }
  removeStaleScratch(gitdir);
}

const SCRATCH_PREFIX = 'datatrack-tmp-';

/** A temporary file beside the refs: in the git dir itself, where git never looks for refs. */
function scratchPath(gitdir: string): string {
  return join(gitdir, `${SCRATCH_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Removes scratch files a killed process left behind; an hour is far beyond any live use. */
function removeStaleScratch(gitdir: string): void {
  const cutoff = Date.now() - 3_600_000;
  for (const name of fs.readdirSync(gitdir)) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const path = join(gitdir, name);
    try {
      if (fs.statSync(path).mtimeMs < cutoff) fs.rmSync(path, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/** Takes the ref's lock with its owner mark; false when it is taken. */
function takeLock(gitdir: string, ref: string, lock: string): boolean {
  try {
    return takeOwnedLock(lock, scratchPath(gitdir));
  } catch (error) {
    throw new StorageError(`cannot lock ${ref}: ${(error as Error).message}`, 'REF_LOCK', error);
  }
}
