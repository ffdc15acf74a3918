// Commits a snapshot on refs/datatrack/<target>: blobs, trees, a commit whose parent is the ref's
// current value, then a compare-and-swap of the ref. An unchanged tree makes no commit unless
// forced. A concurrent writer that moved the ref first makes us recompute the summary against its
// commit and try again, so neither snapshot is lost; unless its snapshot was taken after ours
// began, when ours, the older schema, is left out rather than recorded as its revert.
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { countSnapshot } from '../model/canonical.js';
import type { Snapshot } from '../model/types.js';
import { encodeSnapshot, META_FILE, type SnapshotFile } from '../codec/layout.js';
import { StorageError } from '../errors.js';
import { formatCommitMessage, parseCommitMessage } from './commit-message.js';
import { parseCommit, serializeCommit, type CommitData, type Signature } from './git-format.js';
import { RefConflictError, readRef, targetRef, updateRef } from './refs.js';
import { nextTurn } from '../util/event-loop.js';
import { processAlive } from '../util/process-alive.js';
import { readIdentity, type Repository } from './repository.js';
import { hashObject, type ObjectStore, type ObjectType } from './objects.js';
import { compareFileIndexes, listTreeFiles, writeTrees, type FileIndex } from './tree-files.js';

export interface WriteSnapshotOptions {
  repo: Repository;
  target: string;
  snapshot: Snapshot;
  note?: string;
  allowEmpty?: boolean;
  when?: Date;
  identity?: { author: Signature; committer: Signature };
  /** The snapshot's files, already written as blobs (e.g. by a worker pool); else written here. */
  files?: StoredFile[];
  /**
   * The ref value the snapshot was built from (parts of it carried forward from that commit):
   * when the ref has moved since, RefConflictError is thrown for the caller to rebuild, rather
   * than committing on a parent the snapshot does not follow.
   */
  basis?: { parent: string | undefined };
  /**
   * Where the ref was when the capture began, the commit being dated then (`identity`): should
   * another writer have moved the ref since onto a snapshot dated later, one whose capture began
   * after this one's, that one stays the latest (outcome 'superseded') rather than this older
   * schema going on top of it, where history would read as its changes undone.
   */
  refAtCapture?: { tip: string | undefined };
  /** Told at once (for stderr) when the write waits for a running `git gc`. */
  onWait?: (line: string) => void;
}

export interface StoredFile {
  /** Tree path segments, encoded. */
  path: string[];
  oid: string;
}

/** Writes encoded snapshot files as blobs (a pack when there are many new ones). */
export function storeFiles(objects: ObjectStore, files: SnapshotFile[]): StoredFile[] {
  const oids = objects.writeMany(files.map((file) => ({ type: 'blob', content: Buffer.from(file.text, 'utf8') })));
  return files.map((file, i) => ({ path: file.path, oid: oids[i]! }));
}

/**
 * What became of a snapshot: committed; not, as the ref's latest snapshot has its schema; or not,
 * as the ref moved meanwhile to a snapshot whose capture began later.
 */
export type SnapshotOutcome = 'committed' | 'unchanged' | 'superseded';

export interface WriteSnapshotResult {
  /** The commit the ref holds, and its tree: this snapshot's when committed, else the ref's. */
  commit: string;
  tree: string;
  parent: string | undefined;
  changed: boolean;
  outcome: SnapshotOutcome;
  tables: number;
  objects: number;
  added: string[];
  modified: string[];
  removed: string[];
}

const MAX_ATTEMPTS = 20;

/**
 * Whether `commit` is a snapshot whose capture began after the one dated `ours` (a snapshot commit
 * is dated when its capture began; git dates to the second, so one begun in the same second is not
 * later). A commit without datatrack's trailers records no capture: one made by hand on the ref.
 */
function capturedLater(commit: CommitData, ours: Signature): boolean {
  return parseCommitMessage(commit.message).target !== undefined && commit.committer.timestamp > ours.timestamp;
}

/**
 * Reads what the parent snapshot holds. Another writer that just moved the ref may still be
 * restoring objects a concurrent gc took (see restoreIfPruned): wait for that before calling
 * them lost.
 */
async function readParent(repo: Repository, parent: string, onWait: WriteSnapshotOptions['onWait']): Promise<{ commit: CommitData; files: FileIndex }> {
  return readWhenRestored(repo, async () => {
    const commit = parseCommit(await repo.objects.readTyped(parent, 'commit'), parent);
    const files = await listTreeFiles(repo.objects, commit.tree);
    return { commit, files };
  }, onWait);
}

/**
 * Reads what a ref another writer just moved names: that writer may still be restoring objects a
 * concurrent gc took, so a missing object is waited for (a running gc, then a little longer) before
 * it is called lost.
 */
export async function readWhenRestored<T>(repo: Repository, read: () => Promise<T>, onWait?: WriteSnapshotOptions['onWait']): Promise<T> {
  for (let wait = 20; ; wait *= 2) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'MISSING_OBJECT') || wait > 1280) throw error;
      await waitForGc(repo.commonDir, onWait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * `git gc --prune=now` running alongside deletes objects that are not yet reachable, and ours are
 * unreachable until the ref moves. Once it has: freshen every object of the snapshot (a prune in
 * progress spares what is newer than its start) and write again whatever a prune already took.
 * prune compares whole seconds, so while a gc is running (gc.pid) wait for it to finish and
 * check once more; from then on the ref keeps the objects alive.
 */
async function restoreIfPruned(repo: Repository, snapshot: Snapshot, files: StoredFile[], written: Written, onWait: WriteSnapshotOptions['onWait']): Promise<void> {
  const objects = repo.objects;
  const restore = () => {
    const missing = new Set(objects.freshen([...files.map((f) => f.oid), ...written.keys()]));
    if (missing.size === 0) return;
    rewrite(objects, written, missing);
    for (const file of encodeSnapshot(snapshot)) {
      const bytes = Buffer.from(file.text, 'utf8');
      if (missing.has(hashObject('blob', bytes).oid)) objects.write('blob', bytes);
    }
  };
  await restoringAroundGc(repo.commonDir, restore, onWait);
}

/** Runs `restore` now and, while a gc runs around it, once more after that gc has finished. */
async function restoringAroundGc(commonDir: string, restore: () => void, onWait: WriteSnapshotOptions['onWait']): Promise<void> {
  // A gc that was running at any time around a restore may still delete what it just checked
  // (prune compares whole seconds): restore once more after it has finished.
  const before = runningGc(commonDir);
  restore();
  if (before === undefined && runningGc(commonDir) === undefined) return;
  // gc after gc (a loop, or gc.auto) may prune between two restores: restore while waiting too, not only after.
  await waitForGc(commonDir, onWait, restore);
  restore();
}

/**
 * After a ref moved onto objects a run wrote other than a snapshot's (pull's replayed commits):
 * write again what a `git gc --prune=now` alongside took while they were unreachable.
 */
export function keepWritten(repo: Repository, written: Written, onWait?: WriteSnapshotOptions['onWait']): Promise<void> {
  return restoringAroundGc(repo.commonDir, () => rewrite(repo.objects, written, repo.objects.freshen(written.keys())), onWait);
}

const GC_WAIT_MS = 120_000;

/** Trees and the commit this run wrote, by id, to write again if a prune takes them. */
export type Written = Map<string, { type: ObjectType; bytes: Buffer }>;

function rewrite(objects: ObjectStore, written: Written, missing: Iterable<string>): void {
  for (const oid of missing) {
    const object = written.get(oid);
    if (object) objects.write(object.type, object.bytes);
  }
}

/** git's own limit: a gc.pid older than this is left from a gc that died, and git runs over it. */
const GC_PID_STALE_MS = 12 * 3600 * 1000;

/**
 * The `git gc` that holds the repository's gc.pid, as git judges it (builtin/gc.c): a file written
 * in the last 12 hours by a live process of this host, or by another host's (which cannot be
 * asked); undefined when none does.
 */
function runningGc(commonDir: string): string | undefined {
  const path = join(commonDir, 'gc.pid');
  let text: string;
  let written: number;
  try {
    written = fs.statSync(path).mtimeMs;
    text = fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  if (Date.now() - written > GC_PID_STALE_MS) return undefined;
  const [pidText, host = ''] = text.trim().split(/\s+/, 2);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (host !== hostname()) return `pid ${pid} on ${host}`;
  return processAlive(pid) ? `pid ${pid}` : undefined;
}

/** How often a wait for gc restores what it guards (each restore touches every object of the snapshot). */
const RESTORE_EVERY_MS = 1000;

/** Waits (up to GC_WAIT_MS from now) while a gc runs, saying so once when it takes a while; `restore`, if given, runs every second meanwhile. */
async function waitForGc(commonDir: string, onWait: ((line: string) => void) | undefined, restore?: () => void): Promise<void> {
  const started = Date.now();
  let said = false;
  let restored = started;
  for (let gc = runningGc(commonDir); gc !== undefined && Date.now() - started < GC_WAIT_MS; gc = runningGc(commonDir)) {
    if (!said && Date.now() - started >= 1000) {
      onWait?.(`waiting for git gc (${gc}, ${join(commonDir, 'gc.pid')}) to finish, up to ${GC_WAIT_MS / 1000} s: it may prune the snapshot's new objects`);
      said = true;
    }
    if (restore && Date.now() - restored >= RESTORE_EVERY_MS) {
      restore();
      restored = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function writeSnapshot(options: WriteSnapshotOptions): Promise<WriteSnapshotResult> {
  try {
    return await commitSnapshot(options);
  } finally {
    // The ref holds the new packs' objects now, or never will: git may repack them again.
    options.repo.objects.releaseKeptPacks();
  }
}

async function commitSnapshot(options: WriteSnapshotOptions): Promise<WriteSnapshotResult> {
  const { repo, target, snapshot } = options;
  const objects = repo.objects;
  const ref = targetRef(target);
  // Before the files are stored: an identity or a date git would refuse leaves no objects behind.
  const identity = options.identity ?? (await readIdentity(repo, options.when ?? new Date()));
  const files = options.files ?? storeFiles(objects, encodeSnapshot(snapshot));
  const trees = new Map<string, Buffer>();
  const tree = writeTrees(objects, files, trees);
  const index: FileIndex = new Map(files.map((f) => [f.path.join('/'), f.oid]));
  const counts = countSnapshot(snapshot);
  const notCommitted = (outcome: SnapshotOutcome, parent: string, parentTree: string): WriteSnapshotResult => ({
    commit: parent,
    tree: parentTree,
    parent,
    changed: false,
    outcome,
    tables: counts.tables,
    objects: counts.objects,
    added: [],
    modified: [],
    removed: [],
  });

  for (let attempt = 1; ; attempt++) {
    const parent = readRef(repo.commonDir, ref);
    if (options.basis && parent !== options.basis.parent) throw new RefConflictError(ref, parent);
    let parentIndex: FileIndex | undefined;
    if (parent) {
      const read = await readParent(repo, parent, options.onWait);
      // A ref moved by hand onto another commit (`git update-ref … HEAD`): a snapshot on top would
      // carry that history, and every diff from it would fail on the commit that is none.
      if (!read.files.has(META_FILE)) {
        throw new StorageError(
          `${ref} points at commit ${parent.slice(0, 12)}, which is no datatrack snapshot (its tree has no ${META_FILE}); point the ref back at the last snapshot (\`git log ${ref}\` lists the commits) with \`git update-ref ${ref} <commit>\`, or delete it (\`git update-ref -d ${ref}\`) to start the history afresh`,
          'NOT_A_SNAPSHOT',
        );
      }
      if (read.commit.tree === tree && !options.allowEmpty) return notCommitted('unchanged', parent, read.commit.tree);
      const moved = options.refAtCapture && parent !== options.refAtCapture.tip;
      if (moved && read.commit.tree !== tree && capturedLater(read.commit, identity.committer)) return notCommitted('superseded', parent, read.commit.tree);
      parentIndex = read.files;
    }
    const changes = parentIndex ? compareFileIndexes(parentIndex, index) : undefined;
    const pick = (action: string) => (changes ?? []).filter((c) => c.action === action).map((c) => c.path);
    const added = changes ? pick('+') : [...index.keys()].filter((p) => p !== 'datatrack.yaml').map((p) => p.slice(0, -5));
    const modified = pick('~');
    const removed = pick('-');
    const message = formatCommitMessage({
      target,
      dialect: snapshot.meta.dialect,
      server: snapshot.meta.server,
      database: snapshot.meta.database,
      tables: counts.tables,
      objects: counts.objects,
      added: added.length,
      modified: modified.length,
      removed: removed.length,
      changes,
      note: options.note,
    });
    const commitBytes = serializeCommit({ tree, parents: parent ? [parent] : [], author: identity.author, committer: identity.committer, message });
    const commit = objects.write('commit', commitBytes);
    const written: Written = new Map([...trees].map(([oid, bytes]) => [oid, { type: 'tree', bytes }]));
    written.set(commit, { type: 'commit', bytes: commitBytes });
    try {
      // The commit and trees are what a concurrent writer reads first: keep a prune off them.
      rewrite(objects, written, objects.freshen(written.keys()));
      // A signal is taken between event-loop turns, and encoding and writing the objects is one
      // long turn: a Ctrl-C during it is taken here, before the ref moves, not after the commit.
      await nextTurn();
      await updateRef(repo.commonDir, ref, commit, parent, { log: { committer: async () => identity.committer, message: `datatrack: ${message.split('\n')[0]}` } });
      await restoreIfPruned(repo, snapshot, files, written, options.onWait);
      return { commit, tree, parent, changed: true, outcome: 'committed', tables: counts.tables, objects: counts.objects, added, modified, removed };
    } catch (error) {
      if (error instanceof RefConflictError && options.basis) throw error;
      if (!(error instanceof RefConflictError) || attempt >= MAX_ATTEMPTS) {
        if (error instanceof RefConflictError) {
          throw new StorageError(`${ref} kept moving under ${MAX_ATTEMPTS} concurrent writers; nothing was lost, retry the snapshot`, 'REF_CONTENDED');
        }
        throw error;
      }
    }
  }
}
