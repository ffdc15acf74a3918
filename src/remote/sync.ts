// Sharing refs/datatrack/* through a git remote. Transport is the git binary (isomorphic-git has
// no SSH and no custom refspecs). Remote snapshots are fetched into refs/datatrack-remotes/<remote>/
// so they never overwrite local ones; `pull` then fast-forwards, or puts local-only snapshots on
// top of the remote's (each commit is a whole tree, so replaying one is exact). Nothing is ever
// force-pushed, and every ref move is a compare-and-swap.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { validateTargetName } from '../config/targets.js';
import { DIALECT_NAMES, type Dialect } from '../model/types.js';
import { redactUrl } from '../util/redact.js';
import { DatatrackError, errorReport, EXIT, StorageError, UsageError, type ErrorReport, type TargetFailure } from '../errors.js';
import { hooksDirectory } from '../hooks/install.js';
import { branchPush, type BranchPush } from './branch-push.js';
import { formatCommitMessage, parseCommitMessage } from '../store/commit-message.js';
import { serializeCommit } from '../store/git-format.js';
import { readGitConfig } from '../store/git-config.js';
import { keepWritten, type Written } from '../store/write-snapshot.js';
import { readCommit, snapshotDialect } from '../store/read-snapshot.js';
import { listRefs, readRef, RefConflictError, REF_PREFIX, targetRef, updateRef, type UpdateRefOptions } from '../store/refs.js';
import { cannotRunGit, readIdentity, type Repository } from '../store/repository.js';
import { compareFileIndexes, findTreeFile, listTreeFiles } from '../store/tree-files.js';
import { META_FILE } from '../codec/layout.js';
import { shallowError } from '../store/objects.js';
import { interruptReport } from '#early-interrupt';
import { nextTurn } from '../util/event-loop.js';

export const TRACKING_PREFIX = 'refs/datatrack-remotes/';

function git(repo: Repository, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd: repo.workTree ?? repo.gitDir, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (result.error) throw cannotRunGit(result.error);
  // Ctrl-C reaches git as it reaches us: git ended by it failed for no reason of its own, and the run was interrupted.
  if (result.signal === 'SIGINT' || result.signal === 'SIGTERM') {
    const { message, exitCode } = interruptReport(result.signal);
    throw new DatatrackError(message, 'INTERRUPTED', exitCode);
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: redactUrl(result.stderr) };
}

function checkRemote(repo: Repository, remote: string): void {
  // A name that starts with `-` would reach git as an option; git accepts any other it can put in a ref name (`équipe`).
  if (remote.startsWith('-') || git(repo, ['remote', 'get-url', remote]).status !== 0) {
    // git would take a URL or a path; datatrack mirrors a remote's snapshots under its name, so it needs one.
    if (/^[a-z][a-z0-9+.-]*:\/\/|^[^/]*@[^/]+:|^\.{0,2}\/|^~/i.test(remote)) {
      throw new UsageError(
        // Not repeated: a URL may carry a token as its user name (https://<token>@host/…).
        `the remote given is a URL or path, and datatrack takes a git remote's name (it keeps that remote's snapshots under refs/datatrack-remotes/<name>/): add it with \`git remote add <name> <url>\` and use the name`,
        'UNKNOWN_REMOTE',
      );
    }
    throw new UsageError(`no git remote named ${JSON.stringify(remote)}; see \`git remote -v\``, 'UNKNOWN_REMOTE');
  }
  // Its snapshots are mirrored in refs/datatrack-remotes/<remote>/, where team/eu's would read as remote team's target eu/….
  if (remote.includes('/')) {
    throw new UsageError(
      `the remote name ${JSON.stringify(remote)} holds a /: a remote's snapshots are kept under refs/datatrack-remotes/<remote>/, where they would mix with another remote's; add its URL under a name without / (\`git remote add ${remote.replaceAll('/', '-')} <url>\`) and use that`,
      'REMOTE_NAME',
    );
  }
}

/** git's failure talking to `remote`, in its own words, and how to see it fail outside datatrack. */
function gitError(repo: Repository, what: string, stderr: string, remote: string): StorageError {
  // A ref here on an object this repository lacks: the damage is local, not the remote's.
  const local = /bad object (refs\/\S+)/.exec(stderr)?.[1];
  // So git calls an empty or garbage ref file too (and fetches nothing while there is one): that file is what to repair.
  const damage = local && damageOf(repo, local);
  if (damage) return new StorageError(`${what} failed: ${damage.message}`, damage.code, damage);
  if (local) return new StorageError(`${what} failed: ${local} here points at an object this repository does not have; see \`git fsck\`, then point it at a snapshot with \`git update-ref\` or delete it`, 'GIT_FAILED');
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => /^(fatal|error):/.test(l)) ?? stderr.trim().split('\n')[0] ?? '';
  return new StorageError(`${what} failed: ${line.replace(/^(fatal|error): /, '') || 'git gave no reason'}; check that \`git ls-remote ${remote}\` works`, 'GIT_FAILED');
}

/** Why a ref file here cannot be read, if it cannot. */
function damageOf(repo: Repository, ref: string): StorageError | undefined {
  try {
    readRef(repo.commonDir, ref);
    return undefined;
  } catch (error) {
    if (error instanceof StorageError) return error;
    throw error;
  }
}

/**
 * A fetch that moves the mirror refs it names and nothing else: without an empty --refmap, git
 * also moves whatever the remote's configured fetch refspecs map the fetched refs to, which in a
 * `git clone --mirror` (or with `+refs/datatrack/*:refs/datatrack/*` configured) is the local
 * snapshot ref itself, force-moved past its local snapshots. FETCH_HEAD stays the user's (a `git
 * merge FETCH_HEAD` after a pull would otherwise take a snapshot commit).
 */
const FETCH_ONLY_INTO_MIRROR = ['--quiet', '--no-tags', '--refmap=', '--no-write-fetch-head'];

/** A remote of a `git clone --mirror` pushes every ref, and git refuses it a refspec: this push names its refs. */
const pushAsRefspecs = (remote: string) => ['-c', `remote.${remote}.mirror=false`];

export interface PushRequest {
  remote: string;
  /** Only this target's ref; every refs/datatrack/* without one. */
  target?: string;
  /** Skip the pre-push hook, as `git push --no-verify` does. */
  noVerify?: boolean;
  /** Receives what the hooks and the remote said (git's stderr, URLs redacted), line by line. */
  relay: (line: string) => void;
}

export interface PushedRef {
  ref: string;
  /**
   * `behind`: the remote has every local snapshot of the ref and newer ones; nothing to push.
   * `damaged`: the local ref file cannot be read, so the ref was left out.
   */
  status: 'new' | 'updated' | 'up to date' | 'behind' | 'rejected' | 'damaged';
  /** Why a rejected or damaged ref was not pushed. */
  error?: ErrorReport;
}

export interface PushResult {
  remote: string;
  refs: PushedRef[];
}

interface PushPlan {
  /** What `git push` gets to push; none when there is nothing. */
  refspecs: string[];
  /** The refs pushed, as they were read before git read them. */
  sent: Map<string, string>;
  /** Refs left out, their files damaged: each reported in its place. */
  damaged: PushedRef[];
}

function pushPlan(repo: Repository, target: string | undefined): PushPlan {
  const { refs, damaged } = listRefs(repo.commonDir, REF_PREFIX);
  if (target === undefined) {
    // git pushes a ref it cannot read as a deletion of the remote's copy: a negative refspec keeps each out.
    const refspecs = refs.size ? [`${REF_PREFIX}*:${REF_PREFIX}*`, ...[...damaged.keys()].map((ref) => `^${ref}`)] : [];
    return { refspecs, sent: refs, damaged: [...damaged].map(([ref, error]) => ({ ref, status: 'damaged', error: errorReport(error) })) };
  }
  const ref = targetRef(validateTargetName(target));
  const damage = damaged.get(ref);
  if (damage) throw damage;
  const tip = refs.get(ref);
  if (tip) return { refspecs: [`${ref}:${ref}`], sent: new Map([[ref, tip]]), damaged: [] };
  const known = [...refs.keys()].map((r) => r.slice(REF_PREFIX.length));
  const hint = known.length ? `targets with snapshots: ${known.join(', ')}` : 'there are no snapshots yet';
  throw new UsageError(`target ${JSON.stringify(target)} has no snapshots to push; ${hint}`, 'NO_SNAPSHOTS');
}

/** Why git did not push a ref, from its porcelain summary (`[rejected] (non-fast-forward)`). */
function rejection(remote: string, summary: string): ErrorReport {
  const [, kind = summary, reason] = /^\[(.+?)\](?: \((.+)\))?$/.exec(summary) ?? [];
  // Only these two mean the remote has commits this clone lacks, which `pull` puts underneath.
  if (kind === 'rejected' && (reason === 'non-fast-forward' || reason === 'fetch first')) {
    return { code: 'PUSH_REJECTED', message: `rejected: ${remote} has snapshots this clone lacks; run \`datatrack pull ${remote}\`, then push again`, exitCode: EXIT.storage };
  }
  // A shallow clone's history ends at a commit the remote lacks the parents of.
  if (reason === 'shallow update not allowed') {
    const shallow = shallowError(`rejected: ${remote} takes no history cut short`);
    return { code: shallow.code, message: shallow.message, exitCode: EXIT.storage };
  }
  return { code: 'PUSH_REFUSED', message: `not pushed: ${kind}${reason ? ` (${reason})` : ''}`, exitCode: EXIT.storage };
}

const PUSH_STATUS: Record<string, PushedRef['status']> = { '*': 'new', '=': 'up to date', '!': 'rejected' };

/** A ref's line of `git push --porcelain`: `<flag>\t<from>:<to>\t<summary>`. */
const PORCELAIN_REF = /^([ +\-*=!])\t[^:]+:(\S+)\t(.*)$/;

/**
 * `git push --porcelain`'s stdout, told apart: its report (per URL, `To <url>`, a line per ref,
 * and `Done` when all went through) and the rest, which is the pre-push hook's: git (2.39 at
 * least) gives the hook its own stdout. A `To` or `Done` line is the report's only beside a ref's.
 */
function splitPushOutput(stdout: string): { report: string[]; hook: string[] } {
  const lines = stdout.split('\n').map((line) => line.trimEnd());
  const isRef = (i: number) => PORCELAIN_REF.test(lines[i] ?? '');
  const inReport = (line: string, i: number) => isRef(i) || (line.startsWith('To ') && isRef(i + 1)) || (line === 'Done' && isRef(i - 1));
  return { report: lines.filter(inReport), hook: lines.filter((line, i) => line !== '' && !inReport(line, i)) };
}

/** One entry per ref line of `git push --porcelain`'s report. */
function pushedRefs(remote: string, report: string[]): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const line of report) {
    const match = PORCELAIN_REF.exec(line);
    if (!match) continue;
    const status = PUSH_STATUS[match[1]!] ?? 'updated';
    refs.push(status === 'rejected' ? { ref: match[2]!, status, error: rejection(remote, match[3]!) } : { ref: match[2]!, status });
  }
  return refs;
}

/** git's own summary and advice (it would send the user to `git pull`); datatrack says it instead. */
const GIT_ADVICE = /^(hint:|error: failed to push some refs)/;

/** The lines of git's stderr that come from hooks and the remote. */
function hookAndRemoteLines(stderr: string): string[] {
  return stderr.split('\n').map((line) => line.trimEnd()).filter((line) => line && !GIT_ADVICE.test(line));
}

/**
 * The hook's stdout and git's stderr as one report. How the hook's lines fell among those it wrote
 * on stderr is lost: they go after them (after datatrack's report, which a hook it chains follows),
 * and before the remote's, which come once the hook has passed.
 */
function relayedLines(hookStdout: string[], stderr: string[]): string[] {
  const remote = stderr.findIndex((line) => line.startsWith('remote: '));
  const at = remote < 0 ? stderr.length : remote;
  return [...stderr.slice(0, at), ...hookStdout, ...stderr.slice(at)];
}

function hasPrePushHook(repo: Repository): boolean {
  try {
    fs.accessSync(join(hooksDirectory(repo), 'pre-push'), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * git runs the pre-push hook after talking to the remote and before sending anything; when it
 * blocks, git prints no report of the refs, no fatal error, and no word about the hook.
 */
function blockedByPrePushHook(repo: Repository, request: PushRequest, report: string[], stderr: string): boolean {
  if (request.noVerify || report.length > 0 || /^fatal:/m.test(stderr)) return false;
  return hasPrePushHook(repo);
}

/**
 * A remote's pre-receive hook judges a push whole: one ref it declines turns back every other
 * (git reports each "pre-receive hook declined"), while refs up to date or behind are reported as
 * such. Each declined ref then goes alone, so that the others land.
 */
const declined = (pushed: PushedRef) => pushed.status === 'rejected' && pushed.error?.message.endsWith('(pre-receive hook declined)') === true;

/** One ref pushed by itself; the pre-push hook passed it with the rest already. */
function pushAlone(repo: Repository, request: PushRequest, ref: string): PushedRef {
  const result = git(repo, [...pushAsRefspecs(request.remote), 'push', '--porcelain', '--no-verify', request.remote, `${ref}:${ref}`]);
  hookAndRemoteLines(result.stderr).forEach(request.relay);
  return pushedRefs(request.remote, splitPushOutput(result.stdout).report)[0] ?? { ref, status: 'rejected', error: errorReport(gitError(repo, `git push of ${ref} to ${request.remote}`, result.stderr, request.remote)) };
}

export function push(repo: Repository, request: PushRequest): PushResult {
  const { remote } = request;
  checkRemote(repo, remote);
  // Read before git reads them to push: a snapshot landing meanwhile would otherwise be recorded
  // in the mirror as pushed. One landing before git reads makes the mirror lag behind, which is
  // safe: the next fetch puts it right.
  const { refspecs, sent, damaged } = pushPlan(repo, request.target);
  // git push with a refspec that matches nothing fails with a misleading "remote end hung up".
  if (refspecs.length === 0) return { remote, refs: damaged };
  const result = git(repo, [...pushAsRefspecs(remote), 'push', '--porcelain', ...(request.noVerify ? ['--no-verify'] : []), remote, ...refspecs]);
  const { report, hook } = splitPushOutput(result.stdout);
  let refs = pushedRefs(remote, report);
  const failedOutright = result.status !== 0 && !refs.some((r) => r.status === 'rejected');
  if (failedOutright && !blockedByPrePushHook(repo, request, report, result.stderr)) throw gitError(repo, `git push to ${remote}`, result.stderr, remote);
  relayedLines(hook, hookAndRemoteLines(result.stderr)).forEach(request.relay);
  if (refs.filter(declined).length > 1) refs = refs.map((pushed) => (declined(pushed) ? pushAlone(repo, request, pushed.ref) : pushed));
  if (failedOutright) {
    // The hook found something to block on, as a check does: nothing is wrong with git (see README's exit codes).
    throw new DatatrackError(
      `the pre-push hook blocked the push to ${remote} (its report is on stderr); fix what it reports, or skip it with \`datatrack push --no-verify\``,
      'PUSH_BLOCKED',
      EXIT.findings,
    );
  }
  for (const { ref, status } of refs) {
    const local = sent.get(ref);
    if (local && status !== 'rejected') git(repo, ['update-ref', trackingRef(remote, ref), local]);
  }
  // By name, as pull lists its targets: git lists up-to-date refs first, so each ref's place would depend on its outcome.
  const byName = [...refs, ...damaged].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { remote, refs: byName.map((pushed) => (pushed.error?.code === 'PUSH_REJECTED' && onlyBehind(repo, remote, pushed.ref) ? { ref: pushed.ref, status: 'behind' } : pushed)) };
}

const trackingRef = (remote: string, ref: string) => `${TRACKING_PREFIX}${remote}/${ref.slice(REF_PREFIX.length)}`;

/**
 * Whether a ref the remote rejected only lacks the remote's newer snapshots (a CI job whose
 * snapshot found no change, after another pushed): nothing of this clone's is left unpushed.
 * The remote's ref is fetched into its mirror to tell.
 */
function onlyBehind(repo: Repository, remote: string, ref: string): boolean {
  const local = readRef(repo.commonDir, ref);
  const mirror = trackingRef(remote, ref);
  if (!local || git(repo, ['fetch', ...FETCH_ONLY_INTO_MIRROR, remote, `+${ref}:${mirror}`]).status !== 0) return false;
  return git(repo, ['merge-base', '--is-ancestor', local, mirror]).status === 0;
}

/** The first-parent chain of a commit, newest first. */
/** First-parent history from `tip`, newest first; `cut` when a shallow clone's boundary ended it before the root. */
async function chain(repo: Repository, tip: string): Promise<{ commits: string[]; cut: boolean }> {
  const shallow = repo.objects.shallowCommits();
  const commits: string[] = [];
  for (let oid: string | undefined = tip; oid; oid = (await readCommit(repo.objects, oid)).commit.parents[0]) {
    commits.push(oid);
    if (shallow.has(oid)) return { commits, cut: true };
  }
  return { commits, cut: false };
}

export interface PulledTarget {
  target: string;
  action: 'new' | 'up to date' | 'ahead' | 'fast-forward' | 'replayed';
  replayed?: number;
  /** Local snapshots left out: the remote had recorded their schema already (their `-m` notes go with them). */
  left_out?: number;
  /**
   * Set when a replayed snapshot was taken before the remote's latest: now the newest in history, it
   * reads as undoing what the remote's recorded since (the remote tip's commit id).
   */
  older_than?: string;
}

export interface PullResult {
  remote: string;
  /** A target whose local ref could not be brought up to date is reported in its place. */
  targets: (PulledTarget | TargetFailure)[];
}

/**
 * Rewrites `commits` (oldest first) onto `base`, keeping trees, authors, dates and `-m` notes; returns
 * the new tip and how many were written. One whose schema its new parent already has (both clones
 * snapshotted the same change) is left out, as `snapshot` makes no commit for an unchanged schema;
 * but not one that had its own parent's schema too: that one was made on purpose
 * (`snapshot --allow-empty -m …`, a checkpoint) and is kept, note and all.
 */
async function replay(repo: Repository, commits: string[], base: string): Promise<{ tip: string; written: number; objects: Written }> {
  let tip = base;
  let written = 0;
  const objects: Written = new Map();
  for (const oid of commits) {
    const { commit } = await readCommit(repo.objects, oid);
    const parsed = parseCommitMessage(commit.message);
    const parentTree = (await readCommit(repo.objects, tip)).commit.tree;
    if (commit.tree === parentTree && !(await emptyWhereTaken(repo, commit))) continue;
    const changes = compareFileIndexes(await listTreeFiles(repo.objects, parentTree), await listTreeFiles(repo.objects, commit.tree));
    const count = (action: string) => changes.filter((c) => c.action === action).length;
    const message = parsed.target
      ? formatCommitMessage({
          target: parsed.target,
          dialect: parsed.dialect ?? '',
          server: parsed.server ?? '',
          database: parsed.database ?? '',
          tables: parsed.tables ?? 0,
          objects: parsed.objects ?? 0,
          added: count('+'),
          modified: count('~'),
          removed: count('-'),
          changes,
          note: parsed.note,
        })
      : commit.message;
    const bytes = serializeCommit({ ...commit, parents: [tip], message });
    tip = repo.objects.write('commit', bytes);
    objects.set(tip, { type: 'commit', bytes });
    written++;
  }
  return { tip, written, objects };
}

/** Whether a snapshot recorded the same schema as its own parent: made with `--allow-empty`. */
async function emptyWhereTaken(repo: Repository, commit: { tree: string; parents: string[] }): Promise<boolean> {
  const parent = commit.parents[0];
  return parent !== undefined && (await readCommit(repo.objects, parent)).commit.tree === commit.tree;
}

/** The engine of the newest snapshot of a first-parent chain: a commit that is none (a note committed by hand) has no engine to compare. */
async function latestEngine(repo: Repository, commits: string[]): Promise<Dialect | undefined> {
  for (const oid of commits) {
    const dialect = await snapshotDialect(repo.objects, oid);
    if (dialect) return dialect;
  }
  return undefined;
}

/**
 * One target's history is one engine's: local snapshots of another engine than the remote's (a
 * clone that connected the name to another database) are not put on top of them, where the first
 * would read as every object removed and another schema added. Kept under another name, they pull.
 * `configured`: the engine this clone's config connects the target to; when it is the local
 * snapshots', the connection has to move with them, or the next snapshot mixes the engines again.
 */
async function refuseOtherEngines(repo: Repository, target: string, local: string[], remote: string[], configured: Dialect | undefined): Promise<void> {
  const [here, there] = [await latestEngine(repo, local), await latestEngine(repo, remote)];
  if (!here || !there || here === there) return;
  const ref = targetRef(target);
  const connection =
    configured === here
      ? `move this target's ${DIALECT_NAMES[here]} connection to that name: datatrack disconnect --name ${target} && datatrack connect <its URL> --name ${target}-${here}`
      : `connect your database as ${target}-${here}`;
  throw new UsageError(
    `the snapshots of ${target} here are ${DIALECT_NAMES[here]} and the remote's ${DIALECT_NAMES[there]}: one target's history is one engine's; ` +
      `keep yours under another name (git update-ref ${ref}-${here} ${ref} && git update-ref -d ${ref}, and ${connection}), then pull again`,
    'DIALECT_MISMATCH',
  );
}

/** The reflog entry of a pull's move, signed as a commit made now would be. */
const pullLog = (repo: Repository, what: string): UpdateRefOptions => ({
  // git holds no reflog entry to user.useConfigOnly, only commits.
  log: { committer: async () => (await readIdentity(repo, new Date(), { strict: false })).committer, message: `datatrack: pull: ${what}` },
});

/** How many notes deep a snapshot is looked for beneath a remote's tip. */
const MAX_NOTES = 100;

/** Whether `tip` (of tree `tree`) is a snapshot, or a note pushed by hand on one: a branch's commit is neither. */
async function snapshotBeneath(repo: Repository, tip: string, tree: string): Promise<boolean> {
  let [commit, at] = [tip, tree];
  for (let depth = 0; depth <= MAX_NOTES; depth++) {
    if ((await findTreeFile(repo.objects, at, META_FILE)) !== undefined) return true;
    const parent = (await readCommit(repo.objects, commit)).commit.parents[0];
    if (parent === undefined) return false;
    [commit, at] = [parent, (await readCommit(repo.objects, parent)).commit.tree];
  }
  return false;
}

/** Brings one local ref up to date with the remote's tip, never dropping a local snapshot. */
async function pullTarget(repo: Repository, target: string, remoteTip: string, configured: Dialect | undefined): Promise<PulledTarget> {
  // The remote's ref must hold a snapshot: one pointing at a blob, a tree or a branch's commit
  // (pushed there by hand) would become a target here that every command fails on.
  let tree: string;
  try {
    tree = (await readCommit(repo.objects, remoteTip)).commit.tree;
  } catch (error) {
    if (!(error instanceof StorageError && error.code === 'WRONG_OBJECT_TYPE')) throw error;
    throw new StorageError(`the remote's ${targetRef(target)} points at ${remoteTip.slice(0, 12)}, which is no commit (${error.message}); not pulled: fix or delete that ref on the remote`, 'NOT_A_SNAPSHOT', error);
  }
  if (!(await snapshotBeneath(repo, remoteTip, tree))) {
    throw new StorageError(`the remote's ${targetRef(target)} points at commit ${remoteTip.slice(0, 12)}, which is no datatrack snapshot, nor a note on one (no ${META_FILE} in its tree or its first parents'); not pulled: fix or delete that ref on the remote`, 'NOT_A_SNAPSHOT');
  }
  const localRef = targetRef(target);
  const local = readRef(repo.commonDir, localRef);
  if (!local) {
    await updateRef(repo.commonDir, localRef, remoteTip, undefined, pullLog(repo, 'new'));
    return { target, action: 'new' };
  }
  if (local === remoteTip) return { target, action: 'up to date' };
  const remote = await chain(repo, remoteTip);
  const localHistory = await chain(repo, local);
  const [remoteChain, localChain] = [remote.commits, localHistory.commits];
  if (localChain.includes(remoteTip)) return { target, action: 'ahead' };
  if (remoteChain.includes(local)) {
    await updateRef(repo.commonDir, localRef, remoteTip, local, pullLog(repo, 'fast-forward'));
    return { target, action: 'fast-forward' };
  }
  await refuseOtherEngines(repo, target, localChain, remoteChain, configured);
  const onRemote = new Set(remoteChain);
  const base = localChain.findIndex((oid) => onRemote.has(oid));
  // Where the histories meet lies beyond the boundary: replaying all that is here would copy the remote's own snapshots.
  if (base < 0 && (remote.cut || localHistory.cut)) throw shallowError(`cannot tell where the local and remote snapshots of ${target} part`);
  // No common snapshot (two clones started the target independently): all local ones go on top.
  const localOnly = (base < 0 ? localChain : localChain.slice(0, base)).reverse();
  const { tip, written, objects } = await replay(repo, localOnly, remoteTip);
  await updateRef(repo.commonDir, localRef, tip, local, pullLog(repo, `${localOnly.length} local snapshot(s) put on top of the remote's`));
  // Unreachable until the ref moved: a `git gc --prune=now` alongside may have taken them.
  await keepWritten(repo, objects);
  const leftOut = localOnly.length - written ? { left_out: localOnly.length - written } : {};
  // Every local snapshot's schema was already the remote's: the local history is the remote's now.
  if (written === 0) return { target, action: 'fast-forward', ...leftOut };
  const takenAt = async (oid: string) => (await readCommit(repo.objects, oid)).commit.committer.timestamp;
  const older = (await takenAt(localOnly.at(-1)!)) < (await takenAt(remoteTip));
  return { target, action: 'replayed', replayed: written, ...leftOut, ...(older ? { older_than: remoteTip } : {}) };
}

export interface PullRequest {
  remote: string;
  /** Only this target's local ref moves; every target's without one. */
  target?: string;
  /** The engine this clone's config connects a target to, for the advice of a refusal. */
  configuredEngine?: (target: string) => Dialect | undefined;
}

/** Times a target's pull starts over when a snapshot taken meanwhile moved its local ref. */
const PULL_ATTEMPTS = 5;

/**
 * Pulls one target, starting over from the new local tip when a snapshot (or another pull) moved
 * the ref while this one replayed: what was fetched is still what to bring in, and the
 * compare-and-swap guarantees the other writer's commit is kept either way.
 */
async function pullTargetRetrying(repo: Repository, target: string, remoteTip: string, configured: Dialect | undefined): Promise<PulledTarget> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pullTarget(repo, target, remoteTip, configured);
    } catch (error) {
      if (!(error instanceof RefConflictError) || attempt >= PULL_ATTEMPTS) throw error;
    }
  }
}

/** Every target runs to completion: one that cannot be updated is reported in its place. */
export async function pull(repo: Repository, request: PullRequest): Promise<PullResult> {
  const { remote } = request;
  checkRemote(repo, remote);
  const only = request.target === undefined ? undefined : validateTargetName(request.target);
  const tracking = `${TRACKING_PREFIX}${remote}/`;
  // Read where this work tree is (a linked one may set core.logAllRefUpdates in its own config), while git fetches.
  const config = readGitConfig(repo);
  // All of the remote's refs are fetched (its mirror stays whole); -t limits which local ref moves.
  // --prune: a target deleted on the remote must not come back from a stale mirror of it.
  const fetched = git(repo, ['fetch', ...FETCH_ONLY_INTO_MIRROR, '--prune', remote, `+${REF_PREFIX}*:${tracking}*`]);
  if (fetched.status !== 0) throw gitError(repo, `git fetch from ${remote}`, fetched.stderr, remote);
  await config;
  // A signal that came while git fetched (sent to datatrack alone) is taken here, before any local ref moves.
  await nextTurn();
  const targets: PullResult['targets'] = [];
  for (const [ref, remoteTip] of listRefs(repo.commonDir, tracking).refs) {
    const target = ref.slice(tracking.length);
    if (only !== undefined && target !== only) continue;
    try {
      targets.push(await pullTargetRetrying(repo, target, remoteTip, request.configuredEngine?.(target)));
    } catch (error) {
      if (!(error instanceof DatatrackError)) throw error;
      targets.push({ target, error: errorReport(error) });
    }
  }
  return { remote, targets };
}

export interface RemoteSetupResult {
  remote: string;
  added: string[];
  /** What plain `git push` does differently now that the remote has push refspecs. */
  warnings: string[];
}

/** Adds refspecs so that plain `git fetch` and `git push` carry the snapshots too. */
export function setupRemote(repo: Repository, remote: string): RemoteSetupResult {
  checkRemote(repo, remote);
  const get = (key: string) => git(repo, ['config', '--get-all', key]).stdout.split('\n').filter(Boolean);
  const added: string[] = [];
  const add = (key: string, value: string) => {
    if (get(key).includes(value)) return;
    git(repo, ['config', '--add', key, value]);
    added.push(`${key} = ${value}`);
  };
  add(`remote.${remote}.fetch`, `+${REF_PREFIX}*:${TRACKING_PREFIX}${remote}/*`);
  // A push refspec replaces push.default, which pushed the branches: keep that where a refspec can.
  const branches: BranchPush = get(`remote.${remote}.push`).length === 0 ? branchPush((args) => git(repo, args).stdout, remote) : { warnings: [] };
  if (branches.refspec) add(`remote.${remote}.push`, branches.refspec);
  add(`remote.${remote}.push`, `${REF_PREFIX}*:${REF_PREFIX}*`);
  return { remote, added, warnings: branches.warnings };
}
