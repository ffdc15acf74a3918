// Revisions as users type them: a target name, `target~N` / `target^`, a full ref, or a
// (possibly abbreviated) commit id — each optionally followed by `~N` or `^` steps along parents.
// Anything else is asked of `git rev-parse`, so what git itself resolves works too: a tag on a
// snapshot, `prod@{1}` where a reflog was kept (datatrack writes none: a snapshot's parents
// already are its ref's history, and `prod~1` names the one before).
import { META_FILE } from '../codec/layout.js';
import { StorageError, UsageError } from '../errors.js';
import { connectCommand, databaseWord } from '../util/database-word.js';
import { parseCommitMessage } from './commit-message.js';
import { readCommit } from './read-snapshot.js';
import { readRef, REF_PREFIX, targetRef } from './refs.js';
import { runGit, type Repository } from './repository.js';
import { findTreeFile } from './tree-files.js';

export interface ResolvedRevision {
  commit: string;
  /** The target whose ref the revision started from, when it started from one. */
  target: string | undefined;
}

export function unknownRevision(rev: string): UsageError {
  // A database typed where a snapshot belongs: say how it comes to have snapshots.
  const database = databaseWord(rev) === undefined ? '' : `; revisions are snapshots: a database is added as a target with \`${connectCommand(rev)}\`, then snapshotted`;
  return new UsageError(`unknown revision ${JSON.stringify(rev)}; use a target name, target~N, a commit id or a refs/datatrack/ ref${database}`, 'UNKNOWN_REVISION');
}

async function resolveBase(repo: Repository, base: string, rev: string): Promise<ResolvedRevision> {
  // datatrack's own refs always hold commits; any other (an annotated tag) is peeled by git.
  if (base.startsWith(REF_PREFIX)) {
    const oid = readRef(repo.commonDir, base);
    if (!oid) throw unknownRevision(rev);
    return { commit: oid, target: base.slice(REF_PREFIX.length) };
  }
  if (base.startsWith('refs/')) throw unknownRevision(rev);
  const oid = /^[^.~^:\s]+$/.test(base) && !base.endsWith('.lock') ? readRef(repo.commonDir, targetRef(base)) : undefined;
  if (oid) return { commit: oid, target: base };
  // A full id needs no expansion (and so no isomorphic-git, which costs ~40 ms to load).
  if (/^[0-9a-fA-F]{40}$/.test(base) && (await repo.objects.has(base.toLowerCase()))) return { commit: await commitId(repo, base.toLowerCase()), target: undefined };
  if (/^[0-9a-fA-F]{4,40}$/.test(base)) {
    let oid: string;
    try {
      oid = await repo.objects.expand(base);
    } catch (error) {
      const matches = (error as { code?: string; data?: { matches?: string[] } }).code === 'AmbiguousError' ? ((error as { data?: { matches?: string[] } }).data?.matches ?? []) : [];
      if (matches.length > 1) {
        const listed = matches.slice(0, 5).map((match) => match.slice(0, 12)).join(', ');
        throw new UsageError(`the short id ${base} is ambiguous: ${matches.length} objects start with it (${listed}${matches.length > 5 ? ', …' : ''}); give more of its digits`, 'AMBIGUOUS_REVISION');
      }
      throw unknownRevision(rev);
    }
    return { commit: await commitId(repo, oid), target: undefined };
  }
  throw unknownRevision(rev);
}

/** `oid` when it names a commit; a tree's or blob's id given for a snapshot is the user's to correct. */
async function commitId(repo: Repository, oid: string): Promise<string> {
  const { type } = await repo.objects.read(oid);
  if (type !== 'commit') throw new UsageError(`${oid.slice(0, 12)} is a ${type}, not a commit; name a snapshot (\`datatrack history\` lists them)`, 'NOT_A_SNAPSHOT');
  return oid;
}

/** What git makes of a revision in a datatrack ref's terms (`refs/datatrack/x@{1}`, `x@{2.days.ago}`). */
function askGit(repo: Repository, rev: string): string | undefined {
  // `:/text` names the newest commit whose message matches text, spaces and all; a suffix would be
  // part of the text. `x^{/text}` searches x's history alike, and may hold spaces too.
  const search = rev.startsWith(':/');
  const spaced = search || /\^\{\/.*\}/s.test(rev);
  if (rev.startsWith('-') || (spaced ? /[\u0000-\u001f]/ : /[\s\u0000-\u001f]/).test(rev)) return undefined;
  const candidates = search ? [rev] : [rev, ...(rev.startsWith('refs/') ? [] : [`${REF_PREFIX}${rev}`])];
  for (const candidate of candidates) {
    try {
      return runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', search ? candidate : `${candidate}^{commit}`], repo.gitDir).trim();
    } catch {
      // not this spelling
    }
  }
  return undefined;
}

/** A target whose ref does not exist (yet, or in this clone: a fresh CI checkout fetches no refs/datatrack/*). */
export function noSnapshots(target: string): UsageError {
  return new UsageError(`target ${target} has no snapshots yet; run \`datatrack snapshot -t ${target}\`, or \`datatrack pull\` if they are on a git remote`, 'NO_SNAPSHOTS');
}

/**
 * A target's ref is on a snapshot: one moved onto another commit (a branch's, by hand) is damage to
 * the repository, not a revision mistyped, whichever command reads it.
 */
export async function refOnSnapshot(repo: Repository, target: string, commit: string): Promise<void> {
  if ((await findTreeFile(repo.objects, (await readCommit(repo.objects, commit)).commit.tree, META_FILE)) !== undefined) return;
  throw new StorageError(
    `${targetRef(target)} points at commit ${commit.slice(0, 12)}, which is no datatrack snapshot (its tree has no ${META_FILE}); restore it with \`git update-ref\` (a clone or \`git reflog\` may have the snapshot) or delete it`,
    'NOT_A_SNAPSHOT',
  );
}

/**
 * The target no revision means: its name, or how to find it, asked only then (a revision names its
 * own target, and the default one may be disconnected, or none set).
 */
export type DefaultTarget = string | (() => string);

export const defaultTargetName = (target: DefaultTarget): string => (typeof target === 'string' ? target : target());

/**
 * Resolves `rev` (default: the latest snapshot of `defaultTarget`) to a commit id. A configured
 * target (of `configuredTargets`) that has no ref yet is named as such, not as an unknown revision.
 */
export async function resolveRevision(repo: Repository, rev: string | undefined, defaultTarget: DefaultTarget, configuredTargets: readonly string[] = []): Promise<ResolvedRevision> {
  if (rev === undefined || rev === '') {
    const target = defaultTargetName(defaultTarget);
    const commit = readRef(repo.commonDir, targetRef(target));
    if (!commit) throw noSnapshots(target);
    await refOnSnapshot(repo, target, commit);
    return { commit, target };
  }
  const match = /^([\s\S]*?)((?:~\d*|\^1?)*)$/.exec(rev)!;
  let resolved: ResolvedRevision;
  try {
    resolved = await resolveBase(repo, match[1]!, rev);
  } catch (error) {
    const unknown = error instanceof UsageError && error.code === 'UNKNOWN_REVISION';
    const commit = unknown ? askGit(repo, rev) : undefined;
    if (!commit) throw unknown && configuredTargets.includes(match[1]!) ? noSnapshots(match[1]!) : error;
    return { commit, target: undefined };
  }
  if (resolved.target !== undefined && match[2] === '') await refOnSnapshot(repo, resolved.target, resolved.commit);
  for (const step of match[2]!.match(/~\d*|\^1?/g) ?? []) {
    const count = step.startsWith('~') ? (step.length > 1 ? Number(step.slice(1)) : 1) : 1;
    for (let i = 0; i < count; i++) {
      const { commit } = await readCommit(repo.objects, resolved.commit);
      const parent = commit.parents[0];
      if (!parent) throw new UsageError(`revision ${JSON.stringify(rev)} goes back past the first snapshot`, 'REVISION_OUT_OF_RANGE');
      resolved = { ...resolved, commit: parent };
    }
  }
  return resolved;
}

/** The target a revision is a snapshot of: the ref it started from, else the one its commit message names. */
export async function revisionTarget(repo: Repository, resolved: ResolvedRevision): Promise<string | undefined> {
  return resolved.target ?? parseCommitMessage((await readCommit(repo.objects, resolved.commit)).commit.message).target;
}

/**
 * Refuses a revision of one target beside a `-t` naming another. The revision decides what is
 * read, so the -t would be silently ignored and the answer be about a target other than the one
 * asked for. `requested` is the -t as given (undefined when left out).
 */
export function refuseOtherTarget(rev: string | undefined, target: string | null | undefined, requested: string | undefined): void {
  if (rev === undefined || requested === undefined || target == null || target === requested) return;
  throw new UsageError(`${JSON.stringify(rev)} is a snapshot of target ${target}; -t ${requested} names another: drop -t, or give a revision of ${requested}`, 'USAGE');
}
