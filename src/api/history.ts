// history: snapshots of a target, newest first, read from commit messages (no tree reads), and
// with an object only the snapshots that changed it.
import { UsageError } from '../errors.js';
import { parseCommitMessage } from '../store/commit-message.js';
import { readCommit } from '../store/read-snapshot.js';
import { pickTarget } from '../config/targets.js';
import { readRef, targetRef } from '../store/refs.js';
import { compareFileIndexes, listTreeFiles } from '../store/tree-files.js';
import { matchesSpec } from '../snapshot/object-spec.js';
import { openWorkspace } from './workspace.js';
import type { ObjectStore } from '../store/objects.js';
import type { CommitData } from '../store/git-format.js';

export interface HistoryEntry {
  commit: string;
  date: string;
  author: string;
  message: string;
  tables: number | null;
  objects: number | null;
  added: number;
  modified: number;
  removed: number;
  /** With an object: what happened to it in this snapshot. */
  change?: 'added' | 'modified' | 'removed';
}

const ACTIONS = { '+': 'added', '~': 'modified', '-': 'removed' } as const;

/** What a commit changed, from its body; by comparing trees for commits that do not list it. */
async function changedPaths(objects: ObjectStore, commit: CommitData, listed: { action: '+' | '~' | '-'; path: string }[] | undefined) {
  if (listed) return listed;
  const after = await listTreeFiles(objects, commit.tree);
  const before = commit.parents[0] ? await listTreeFiles(objects, (await readCommit(objects, commit.parents[0])).commit.tree) : new Map<string, string>();
  return compareFileIndexes(before, after);
}

export async function history(request: { cwd: string; target?: string; limit?: number; object?: string }): Promise<HistoryEntry[]> {
  const workspace = openWorkspace(request.cwd);
  const target = pickTarget(workspace.config, request.target);
  let oid = readRef(workspace.repo.commonDir, targetRef(target));
  if (!oid) throw new UsageError(`target ${target} has no snapshots yet; run \`datatrack snapshot -t ${target}\``, 'NO_SNAPSHOTS');
  const entries: HistoryEntry[] = [];
  const limit = request.limit ?? Infinity;
  while (oid && entries.length < limit) {
    const { commit } = await readCommit(workspace.repo.objects, oid);
    const parsed = parseCommitMessage(commit.message);
    const entry: HistoryEntry = {
      commit: oid,
      date: new Date(commit.author.timestamp * 1000).toISOString(),
      author: `${commit.author.name} <${commit.author.email}>`,
      message: parsed.subject,
      tables: parsed.tables ?? null,
      objects: parsed.objects ?? null,
      added: parsed.added ?? 0,
      modified: parsed.modified ?? 0,
      removed: parsed.removed ?? 0,
    };
    if (request.object === undefined) entries.push(entry);
    else {
      const changes = await changedPaths(workspace.repo.objects, commit, parsed.first ? undefined : parsed.changes ?? (parsed.added === 0 && parsed.modified === 0 && parsed.removed === 0 ? [] : undefined));
      const hit = changes.find((c) => matchesSpec(c.path, request.object!));
      if (hit) entries.push({ ...entry, change: ACTIONS[hit.action] });
    }
    oid = commit.parents[0];
  }
  return entries;
}
