// history: snapshots of a target, newest first, read from commit messages (no tree reads), and
// with an object only the snapshots that changed it, with what changed: for just those snapshots,
// the object's file before and after is read (two blobs) and diffed as `diff` would.
import { UsageError } from '../errors.js';
import { parseCommitMessage } from '../store/commit-message.js';
import { readCommit } from '../store/read-snapshot.js';
import { readRef, targetRef } from '../store/refs.js';
import { compareFileIndexes, findTreeFile, listTreeFiles } from '../store/tree-files.js';
import type { Change } from '../diff/change.js';
import { diffSettings, type DiffSettings } from '../diff/settings.js';
import { loadFile } from '../diff/sides.js';
import type { Dialect } from '../model/types.js';
import { diffPairs } from './diff.js';
import { findObjectFile, matchesSpec } from '../snapshot/object-spec.js';
import { openWorkspace, pickSnapshotTarget } from './workspace.js';
import type { ObjectStore } from '../store/objects.js';
import type { CommitData } from '../store/git-format.js';

export interface HistoryEntry {
  commit: string;
  date: string;
  author: string;
  message: string;
  /** The note given with `snapshot -m`, or null. */
  note: string | null;
  tables: number | null;
  objects: number | null;
  added: number;
  modified: number;
  removed: number;
  /** With an object: what happened to it in this snapshot. */
  change?: 'added' | 'modified' | 'removed';
  /** With an object: its changes in this snapshot, as `diff --format json` gives them. */
  changes?: Change[];
}

const ACTIONS = { '+': 'added', '~': 'modified', '-': 'removed' } as const;

/** What a commit changed, from its body; by comparing trees for commits that do not list it. */
async function changedPaths(objects: ObjectStore, commit: CommitData, listed: { action: '+' | '~' | '-'; path: string }[] | undefined) {
  if (listed) return listed;
  const after = await listTreeFiles(objects, commit.tree);
  const before = commit.parents[0] ? await listTreeFiles(objects, (await readCommit(objects, commit.parents[0])).commit.tree) : new Map<string, string>();
  return compareFileIndexes(before, after);
}

/** The object file's changes from the commit's parent to the commit: two blobs read (and the trees on their path). */
async function objectChanges(objects: ObjectStore, commit: CommitData, path: string, dialect: Dialect, settings: DiffSettings): Promise<Change[]> {
  const parent = commit.parents[0] ? (await readCommit(objects, commit.parents[0])).commit : undefined;
  const side = async (data: CommitData | undefined) => {
    const blob = data && (await findTreeFile(objects, data.tree, path));
    return blob ? loadFile(objects, path, blob) : undefined;
  };
  return diffPairs([{ path, from: await side(parent), to: await side(commit) }], dialect, settings);
}

function shallowHistoryEnds(oid: string): string {
  return `the history stops at ${oid.slice(0, 7)}: this clone's snapshot history is shallow (fetched with --depth); \`git fetch --unshallow\` fetches the rest`;
}

export async function history(request: { cwd: string; target?: string; limit?: number; object?: string; warnings?: string[] }): Promise<HistoryEntry[]> {
  const workspace = openWorkspace(request.cwd);
  const target = pickSnapshotTarget(workspace, request.target);
  let oid = readRef(workspace.repo.commonDir, targetRef(target));
  if (!oid) throw new UsageError(`target ${target} has no snapshots yet; run \`datatrack snapshot -t ${target}\``, 'NO_SNAPSHOTS');
  // Config mistakes in diff settings only matter when there is something to diff.
  const settings = request.object === undefined ? undefined : diffSettings(workspace.config, workspace.configFile);
  const entries: HistoryEntry[] = [];
  /** With an object: the snapshots that changed a file it may name, the file chosen once all are known. */
  const hits: { entry: HistoryEntry; commit: CommitData; path: string; action: '+' | '~' | '-'; dialect: Dialect }[] = [];
  const limit = request.limit ?? Infinity;
  const shallow = workspace.repo.objects.shallowCommits();
  let found = 0;
  while (oid && found < limit) {
    // A shallow clone's history ends here, as `git log`'s does; what changed in this snapshot needs its parent.
    if (shallow.has(oid) && request.object !== undefined) {
      request.warnings?.push(shallowHistoryEnds(oid));
      break;
    }
    const { commit } = await readCommit(workspace.repo.objects, oid);
    const parsed = parseCommitMessage(commit.message);
    const entry: HistoryEntry = {
      commit: oid,
      date: new Date(commit.author.timestamp * 1000).toISOString(),
      author: `${commit.author.name} <${commit.author.email}>`,
      message: parsed.subject,
      note: parsed.note ?? null,
      tables: parsed.tables ?? null,
      objects: parsed.objects ?? null,
      added: parsed.added ?? 0,
      modified: parsed.modified ?? 0,
      removed: parsed.removed ?? 0,
    };
    if (request.object === undefined) {
      entries.push(entry);
      found++;
    } else {
      const changes = await changedPaths(workspace.repo.objects, commit, parsed.first ? undefined : parsed.changes ?? (parsed.added === 0 && parsed.modified === 0 && parsed.removed === 0 ? [] : undefined));
      const matched = changes.filter((c) => matchesSpec(c.path, request.object!));
      const dialect = (parsed.dialect as Dialect | undefined) ?? 'postgres';
      for (const change of matched) hits.push({ entry, commit, path: `${change.path}.yaml`, action: change.action, dialect });
      if (matched.length) found++;
    }
    if (shallow.has(oid)) {
      if (found < limit) request.warnings?.push(shallowHistoryEnds(oid));
      break;
    }
    oid = commit.parents[0];
  }
  if (request.object !== undefined && hits.length > 0) {
    // One object, as `show` would name it: `users` in two schemas is ambiguous, not two histories in one.
    const path = findObjectFile(new Set(hits.map((hit) => hit.path)), request.object);
    for (const hit of hits.filter((h) => h.path === path)) {
      entries.push({ ...hit.entry, change: ACTIONS[hit.action], changes: await objectChanges(workspace.repo.objects, hit.commit, path, hit.dialect, settings!) });
    }
  }
  // Every snapshot was read and none ever held it: a misspelt name, not an object that never changed.
  if (request.object !== undefined && entries.length === 0 && request.limit === undefined && !(oid && shallow.has(oid))) {
    throw new UsageError(`no snapshot of ${target} holds an object ${JSON.stringify(request.object)}; write it as schema.name (for a column or an index, its table), a routine with its argument types (see \`datatrack show\`)`, 'UNKNOWN_OBJECT');
  }
  return entries;
}
