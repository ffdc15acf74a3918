// snapshot: introspect a target's database and commit the schema on refs/datatrack/<target>.
import { allTargetNames, pickTarget, storedPasswordIfUsable } from '../config/targets.js';
import { loadDriver, type Progress } from '../dialects/driver.js';
import { DIALECT_NAMES, type Dialect, type Introspection } from '../model/types.js';
import { carryForward, readPrevious } from '../snapshot/carry-forward.js';
import { applyScope, leftScope, referencesLeftOut, refuseMistakenScope, unmatchedExcludes, unmatchedExcludesWarning, type Scope } from '../snapshot/scope.js';
import { plural, someOf } from '../util/plural.js';
import { writeSnapshotObjects } from '../snapshot/write-objects.js';
import { snapshotDialect, type SnapshotReader } from '../store/read-snapshot.js';
import { RefConflictError, readRef, targetRef } from '../store/refs.js';
import { gitConfigNow } from '../store/git-config.js';
import { configuredIdentity, readIdentity } from '../store/repository.js';
import { readWhenRestored, writeSnapshot, type SnapshotOutcome } from '../store/write-snapshot.js';
import { DatatrackError, errorReport, systemErrorAsStorage, UsageError, type TargetFailure } from '../errors.js';
import { withoutSecrets } from '../util/redact.js';
import { refuseOtherEngine } from './target-engine.js';
import { openWorkspace, targetConnection, type Workspace } from './workspace.js';

export interface SnapshotRequest {
  cwd: string;
  target?: string;
  note?: string;
  allowEmpty?: boolean;
  jobs?: number;
  progress?: Progress;
  /** Schema globs to track, replacing the target's configured `schemas`. */
  schemas?: string[];
  /** Schema or `schema.object` globs to leave out, replacing the target's configured `exclude`. */
  exclude?: string[];
  /** A connection URL for this run (pipeline --source; errors name it so), as DATATRACK_<TARGET>_URL would give it. */
  url?: string;
  /** Told at once, for stderr, when the run waits on something outside it (a running `git gc`). */
  notice?: (line: string) => void;
  /** How the previous snapshot is read, where parts are carried from it (pipeline run shares it with its later steps). */
  read?: SnapshotReader;
}

export interface SnapshotResult {
  target: string;
  commit: string;
  tree: string;
  changed: boolean;
  /** `superseded`: not committed, as another snapshot, begun after this one, moved the ref meanwhile (`commit` is that one). */
  outcome: SnapshotOutcome;
  tables: number;
  objects: number;
  added: number;
  modified: number;
  removed: number;
  seconds: number;
  changes: { action: 'added' | 'modified' | 'removed'; path: string }[];
  warnings: string[];
}

/** Times a snapshot with carried-forward parts is rebuilt when another writer moves the ref first. */
const CARRY_ATTEMPTS = 5;

/** When the capture began, and the ref's commit then. */
interface Capture {
  began: Date;
  tip: string | undefined;
}

/**
 * Writes the introspected schema, dated when its capture began. Parts the account could not see
 * are carried forward from the ref's current commit, and the commit must then go on top of that
 * very commit: when another writer moved the ref meanwhile, they are carried again from its commit.
 */
async function writeIntrospection(workspace: Workspace, target: string, scope: Scope, introspection: Introspection, capture: Capture, request: SnapshotRequest) {
  const hidden = introspection.hidden ?? [];
  // Before anything is written: an identity or a date git would refuse leaves no objects behind.
  const identity = await readIdentity(workspace.repo, capture.began);
  for (let attempt = 1; ; attempt++) {
    const previous = hidden.length ? await readPrevious(workspace.repo, target, request.read) : undefined;
    const carried = carryForward(introspection.snapshot, hidden, previous);
    const scoped = applyScope(carried.snapshot, scope);
    try {
      const written = await writeSnapshot({
        repo: workspace.repo,
        target,
        snapshot: scoped,
        files: await writeSnapshotObjects(workspace.repo.objects, scoped, request.jobs),
        note: request.note,
        allowEmpty: request.allowEmpty,
        identity,
        ...(hidden.length ? { basis: { parent: previous?.commit } } : {}),
        refAtCapture: { tip: capture.tip },
        onWait: request.notice,
      });
      const dangling = written.changed && (scope.schemas?.length || scope.exclude?.length) ? referencesLeftOut(carried.snapshot, scoped, introspection.leftOut ?? []) : [];
      const references = dangling.length
        ? [`${plural(dangling.length, 'foreign key')} of tracked tables ${dangling.length === 1 ? 'references a table' : 'reference tables'} the scope leaves out (${someOf(dangling, 5)}): the snapshot keeps ${dangling.length === 1 ? 'it' : 'them'} without the table referenced`]
        : [];
      return { written, warnings: [...carried.warnings, ...introspection.warnings, ...references] };
    } catch (error) {
      if (!(error instanceof RefConflictError) || attempt >= CARRY_ATTEMPTS) throw error;
    }
  }
}

/**
 * A configured target is held to its config's engine, not to its snapshots': after `connect --force`
 * to another database, or another engine's snapshots pulled under the name (a teammate's switch, a
 * fast-forward), its snapshot goes on the other engine's history. Said once, where it happens.
 */
async function engineSwitch(workspace: Workspace, target: string, dialect: Dialect, parent: string): Promise<string[]> {
  const before = await readWhenRestored(workspace.repo, () => snapshotDialect(workspace.repo.objects, parent));
  if (!before || before === dialect) return [];
  const [now, then, short] = [DIALECT_NAMES[dialect], DIALECT_NAMES[before], parent.slice(0, 7)];
  return [
    `${target}: this ${now} snapshot follows a ${then} one (${short}): one target's history is one engine's, so it reads as every object removed and another schema added; ` +
      `unless ${target} was meant to change engines, take it back before you push (git update-ref ${targetRef(target)} ${short}) and snapshot this database as another target (datatrack connect <URL> --name NAME)`,
  ];
}

/**
 * A snapshot left out because another, begun after it, reached the ref first: said, since this run
 * made no commit (its `-m` note went with it) of a schema that differs from the latest.
 */
function superseded(target: string, latest: string): string {
  return `${target}: not committed: ${targetRef(target)} moved meanwhile to ${latest.slice(0, 7)}, a snapshot begun after this one, which records the database later and stays the latest`;
}

/**
 * A target's first snapshot in a repository that has a remote: a CI clone that did not fetch
 * refs/datatrack/* starts the history afresh, and its diff compares with nothing, so a breaking
 * change passes until the push is refused. Said when it happens (the remotes are in git's
 * configuration, read with the identity while the database was).
 */
function firstSnapshotBesideRemote(workspace: Workspace, target: string): string[] {
  const remotes = [...new Set(gitConfigNow(workspace.repo.commonDir).flatMap(({ key }) => /^remote\.(.+)\.url$/s.exec(key)?.[1] ?? []))];
  if (remotes.length === 0) return [];
  return [
    `${target}: this is its first snapshot in this repository, which has a remote (${remotes.join(', ')}): if ${target}'s history is there, run \`datatrack pull\` (this snapshot goes on top of it); until then diff compares with nothing`,
  ];
}

/**
 * The passwords of every target of one `snapshot --all -m NOTE`: each commit's note is kept free of
 * all of them (a note naming another target's password would put it in git), so a target waits
 * for the others' connections before it commits.
 */
class RunPasswords {
  private readonly passwords: string[] = [];
  private waiting: number;
  private release!: () => void;
  private readonly everyone = new Promise<void>((resolve) => (this.release = resolve));

  constructor(targets: number) {
    this.waiting = targets;
  }

  /** One target's share: it adds its passwords once connected, or leaves having added none (it failed). */
  member(): { add(own: string[]): Promise<string[]>; leave(): void } {
    let counted = false;
    const count = () => {
      if (counted) return;
      counted = true;
      if (--this.waiting === 0) this.release();
    };
    return {
      add: async (own) => {
        this.passwords.push(...own);
        count();
        await this.everyone;
        return this.passwords;
      },
      leave: count,
    };
  }
}

type PasswordShare = ReturnType<RunPasswords['member']>;

async function snapshotTarget(workspace: Workspace, target: string, request: SnapshotRequest, share?: PasswordShare): Promise<SnapshotResult> {
  const started = performance.now();
  const given = request.url === undefined ? undefined : { variable: '--source', url: request.url, base: request.cwd };
  const configured = targetConnection(workspace, target, given);
  await refuseOtherEngine(workspace, target, configured, given);
  // The latest snapshot is read before anything is written: one this datatrack cannot read (a newer
  // datatrack's format) stops the run here, the ref untouched, not after a commit on top of it.
  const latest = readRef(workspace.repo.commonDir, targetRef(target));
  if (latest) await readWhenRestored(workspace.repo, () => snapshotDialect(workspace.repo.objects, latest), request.notice);
  // The scope reaches the dialects through the spec (PostgreSQL filters schemas in its catalog queries).
  const spec = { ...configured, schemas: request.schemas ?? configured.schemas, exclude: request.exclude ?? configured.exclude };
  const driver = await loadDriver(spec.dialect);
  const began = new Date();
  const introspection = await driver.introspect(spec, { jobs: request.jobs, progress: request.progress });
  const source = { schemas: request.schemas ? '--schema' : `the schemas of target ${target}`, exclude: request.exclude ? '--exclude' : `the exclude globs of target ${target}` };
  refuseMistakenScope(introspection.snapshot, spec, source, spec.database, 'nothing was written');
  const idle = unmatchedExcludes(introspection.snapshot, spec, introspection.leftOut);
  request.progress?.('writing snapshot', introspection.snapshot.objects.length);
  // A note goes into a commit for good: the password this very connection used never goes with it,
  // nor the stored one a server that asked for none was not sent. As typed or as a URL spells it
  // (percent-encoded), as the password of a connection string is often pasted.
  const own = request.note === undefined ? [] : [spec.password, introspection.password, storedPasswordIfUsable(spec)].flatMap((password) => (password === undefined ? [] : [password, encodeURIComponent(password)]));
  const passwords = share ? await share.add(own) : own;
  const note = request.note === undefined ? undefined : withoutSecrets(request.note, passwords, [spec.user]);
  const { written, warnings } = await writeIntrospection(workspace, target, spec, introspection, { began, tip: latest }, { ...request, note });
  if (written.outcome === 'superseded') warnings.push(superseded(target, written.commit));
  if (idle.length) warnings.push(unmatchedExcludesWarning(idle, source.exclude, spec.database));
  if (written.changed && written.parent) warnings.push(...(await engineSwitch(workspace, target, spec.dialect, written.parent)));
  if (written.changed && !written.parent) warnings.push(...firstSnapshotBesideRemote(workspace, target));
  // A scope narrowed since the last snapshot reads, in every diff, as those objects dropped.
  const untracked = written.changed ? leftScope(written.removed, spec) : [];
  if (untracked.length) {
    const by = request.exclude || request.schemas ? 'this run' : `target ${target}'s configuration`;
    warnings.push(`${plural(untracked.length, 'object')} left the scope that ${by} tracks (${someOf(untracked, 5)}): recorded as removed, though the database may still hold ${untracked.length === 1 ? 'it' : 'them'}, and every diff across this snapshot shows ${untracked.length === 1 ? 'it' : 'them'} removed`);
  }
  const label = (action: SnapshotResult['changes'][number]['action'], paths: string[]) => paths.map((path) => ({ action, path }));
  return {
    target,
    commit: written.commit,
    tree: written.tree,
    changed: written.changed,
    outcome: written.outcome,
    tables: written.tables,
    objects: written.objects,
    added: written.added.length,
    modified: written.modified.length,
    removed: written.removed.length,
    seconds: Math.round(performance.now() - started) / 1000,
    changes: written.parent ? [...label('added', written.added), ...label('modified', written.modified), ...label('removed', written.removed)] : [],
    warnings,
  };
}

/** Snapshots one target: the request's, or the configured default. */
export async function snapshot(request: SnapshotRequest): Promise<SnapshotResult> {
  const workspace = openWorkspace(request.cwd);
  // git's identity for the commit is read while the database is.
  configuredIdentity(workspace.repo);
  return snapshotTarget(workspace, pickTarget(workspace.config, request.target), request);
}

/** Targets run side by side share one progress line: each report names its target when there are several. */
export function progressOfOne(progress: Progress | undefined, target: string, targets: number): Progress | undefined {
  if (!progress || targets < 2) return progress;
  return (phase, done, total) => progress(`${target}: ${phase}`, done, total);
}

/** Snapshots every configured target concurrently; each runs to completion on its own ref whatever the others do. */
export async function snapshotAll(request: Omit<SnapshotRequest, 'target'>): Promise<(SnapshotResult | TargetFailure)[]> {
  const workspace = openWorkspace(request.cwd);
  configuredIdentity(workspace.repo);
  const targets = allTargetNames(workspace.config);
  if (targets.length === 0) throw new UsageError('no targets configured; add one with `datatrack connect <url>`', 'NO_TARGETS');
  const run = request.note !== undefined && targets.length > 1 ? new RunPasswords(targets.length) : undefined;
  const settled = await Promise.allSettled(
    targets.map(async (target) => {
      const share = run?.member();
      try {
        return await snapshotTarget(workspace, target, { ...request, progress: progressOfOne(request.progress, target, targets.length) }, share);
      } finally {
        share?.leave();
      }
    }),
  );
  return settled.map((outcome, i) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    const error = systemErrorAsStorage(outcome.reason);
    if (!(error instanceof DatatrackError)) throw error;
    return { target: targets[i]!, error: errorReport(error) };
  });
}
