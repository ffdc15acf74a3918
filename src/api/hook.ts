// What the git hooks run (hooks/pre-commit, hooks/pre-push → `datatrack hook <name>`): lint and
// verify the latest snapshot of every target from git (no database), validate the staged
// configuration and rules files, and before a push (when configured) check the live database for
// drift. Bounded by hooks.timeout: a hook blocks rather than hangs.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, configuredTarget, loadConfig } from '../config/config.js';
import { pythonLinkLeft } from '../config/python-link.js';
import { SECRETS_FILE } from '../config/secrets.js';
import { environmentUrl } from '../config/targets.js';
import { DatatrackError, EXIT, UsageError } from '../errors.js';
import { hooksSettings, findingsFail, impactFails, pipelineSettings, type HookSettings } from '../pipeline/settings.js';
import { diffSettings } from '../diff/settings.js';
import { LintSettings } from '../rules/lint/lint-config.js';
import { LINT_RULES } from '../rules/lint/rule-list.js';
import { loadCheckTarget } from '../rules/check-target.js';
import { readRulesFile } from '../rules/verify/rules-file.js';
import { listRefs, REF_PREFIX, targetRef } from '../store/refs.js';
import { fillScratchDirectory } from '../util/scratch-directory.js';
import { writeFileMakingDirectories } from '../util/write-file.js';
import { RULES_FILE } from './init.js';
import { diffIn } from './diff.js';
import { knownSchemas, lintLoaded, lintSettings } from './lint.js';
import { defaultRulesFile, verifyLoaded } from './verify.js';
import { openWorkspace, type Workspace } from './workspace.js';
import { openRepository, type Repository } from '../store/repository.js';
import { changeSummaryLine } from '../diff/render/common.js';
import { plural } from '../util/plural.js';
import { findingName } from '../rules/findings.js';
import { printable } from '../util/printable.js';

export const HOOKS = ['pre-commit', 'pre-push'] as const;
export type Hook = (typeof HOOKS)[number];

export interface HookLine {
  status: 'ok' | 'blocked' | 'warning';
  /** What was checked; a line break in it is ours, starting a detail (a name's own is escaped). */
  text: string;
}

export interface HookResult {
  hook: Hook;
  blocked: boolean;
  lines: HookLine[];
}

/**
 * The configuration and rules files as the commit will hold them: their index copies, written to a
 * scratch directory. A pre-commit hook judges what is committed, never unstaged edits.
 */
interface IndexView {
  dir: string;
  /** Of CONFIG_FILE and RULES_FILE, those the index holds. */
  tracked: string[];
  /** Those staged for this commit (changed in the index). */
  staged: string[];
}

/** The index's copies go under TMPDIR, removed when the hook is done or fails. */
const SCRATCH_PREFIX = 'datatrack-hook-';
const SCRATCH = "the pre-commit hook's copy of the staged files";

async function readIndexView(repo: Repository, root: string): Promise<IndexView> {
  const git = (args: string[]) => execFileSync('git', [...args, '-z', '--', CONFIG_FILE, RULES_FILE], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  // `<mode> <blob> <stage>\t<path>`: the blobs are read from the object store, not by a git process each.
  const entries = git(['ls-files', '--stage']).map((line) => ({ blob: line.split(' ')[1]!, path: line.slice(line.indexOf('\t') + 1) }));
  const tracked = entries.map((e) => e.path);
  const staged = git(['diff', '--cached', '--name-only']).filter((file) => tracked.includes(file));
  // `<path> NUL filter NUL <value> NUL`: a file under a clean/smudge filter (git-crypt, sops) is
  // stored as the filter cleaned it, and read as a checkout would smudge it.
  const attributes = git(['check-attr', 'filter']);
  const filtered = new Set(attributes.filter((_, i) => i % 3 === 0 && !['unspecified', 'unset', 'set'].includes(attributes[i + 2]!)));
  const content = async ({ blob, path }: { blob: string; path: string }) =>
    filtered.has(path) ? execFileSync('git', ['cat-file', '--filters', `--path=${path}`, blob], { cwd: root }) : (await repo.objects.read(blob)).content;
  const dir = await fillScratchDirectory(SCRATCH_PREFIX, SCRATCH, async (dir) => {
    for (const entry of entries) writeFileMakingDirectories(join(dir, entry.path), await content(entry));
  });
  return { dir, tracked, staged };
}

/** Every section of a configuration read as the commands read it: a mistake in one is found at commit, not at the next run. */
function validateSections({ config, file }: ReturnType<typeof loadConfig>): void {
  LintSettings.parse(config.lint, file, LINT_RULES);
  hooksSettings(config.hooks, file);
  pipelineSettings(config.pipeline, file);
  diffSettings(config, file);
}

/** Files staged for this commit, validated as they will be committed. */
function checkStaged(view: IndexView, lines: HookLine[]): void {
  for (const file of view.staged) {
    try {
      if (file === CONFIG_FILE) validateSections(loadConfig(view.dir));
      else readRulesFile(join(view.dir, file), file);
      lines.push({ status: 'ok', text: `${file} (staged) is valid` });
    } catch (error) {
      if (!(error instanceof DatatrackError)) throw error;
      lines.push({ status: 'blocked', text: printable(error.message) });
    }
  }
}

/**
 * The local secrets file holds passwords and is git-ignored; `git add -f`, or a .gitignore that
 * lost its entry and a `git add -A`, would stage it all the same. Staged (added or changed), it
 * blocks: once committed, every clone of the repository has the passwords. Already tracked and not
 * changed here, the leak is in an earlier commit: a warning that says how to stop tracking it.
 */
function checkSecretsNotStaged(workspace: Workspace, lines: HookLine[]): void {
  const git = (args: string[]) => execFileSync('git', [...args, '-z', '--', SECRETS_FILE], { cwd: workspace.root, encoding: 'utf8' }).split('\0').filter(Boolean);
  if (git(['ls-files', '--cached']).length === 0) return;
  const fix = `\`git rm --cached ${SECRETS_FILE}\` (the file stays here) and keep /${SECRETS_FILE} in .gitignore`;
  if (git(['diff', '--cached', '--name-only', '--diff-filter=AM']).length > 0) {
    lines.push({ status: 'blocked', text: `${SECRETS_FILE} is staged: it holds this clone's passwords and must never be committed; ${fix}` });
  } else {
    lines.push({ status: 'warning', text: `${SECRETS_FILE} is tracked by git (committed earlier), so its passwords are in the history: ${fix}, then change those passwords` });
  }
}

/** The rules file and the lint settings to check with: the index's copies (pre-commit), else the work tree's. */
function rulesToCheck(workspace: Workspace, view: IndexView | undefined) {
  return view?.tracked.includes(RULES_FILE) ? readRulesFile(join(view.dir, RULES_FILE), RULES_FILE) : defaultRulesFile(workspace);
}

/** The workspace with the configuration the commit holds: the index's copy (pre-commit), else the work tree's. */
function workspaceToCheck(workspace: Workspace, view: IndexView | undefined): Workspace {
  const indexConfig = view?.tracked.includes(CONFIG_FILE) ? loadConfig(view.dir) : undefined;
  return indexConfig ? { ...workspace, config: indexConfig.config, configFile: indexConfig.file } : workspace;
}

async function checkSnapshots(workspace: Workspace, settings: HookSettings, lines: HookLine[], view: IndexView | undefined): Promise<void> {
  if (!settings.lint && !settings.verify) return;
  const { refs, damaged } = listRefs(workspace.repo.commonDir, REF_PREFIX);
  const targets = [...refs.keys(), ...damaged.keys()].map((ref) => ref.slice(REF_PREFIX.length)).sort();
  if (targets.length === 0) lines.push({ status: 'ok', text: 'no snapshots yet: nothing to lint' });
  /** What a broken file leaves out: it blocks, once (the staged check may have said so already), and the other check still runs. */
  const readOrBlock = <T>(read: () => T): { value: T } | undefined => {
    try {
      return { value: read() };
    } catch (error) {
      if (!(error instanceof DatatrackError)) throw error;
      if (!lines.some((l) => l.text === error.message)) lines.push({ status: 'blocked', text: error.message });
      return undefined;
    }
  };
  const rules = settings.verify ? readOrBlock(() => rulesToCheck(workspace, view)) : undefined;
  const checked = readOrBlock(() => workspaceToCheck(workspace, view));
  const lint = settings.lint && checked ? readOrBlock(() => lintSettings(checked.value)) : undefined;
  const config = checked?.value.config ?? workspace.config;
  // The config the commit holds may differ from the work tree's (a connect not staged yet): say which was read.
  // (A staged config that cannot be read left the work tree's in use.)
  const where = checked !== undefined && checked.value !== workspace ? `in ${CONFIG_FILE} as staged` : 'here';
  for (const target of targets) {
    // Snapshots of a target nothing here connects to (disconnected, or pulled from a teammate) are
    // reported but never block: no snapshot here could fix them, so every commit would stay blocked.
    const connected = configuredTarget(config, target) || environmentUrl(config, target, process.env) !== undefined;
    const damage = damaged.get(targetRef(target));
    if (damage) {
      // Reported in its place, the other targets checked all the same; a connected one blocks, as one holding no snapshot does.
      // (Said already when this push would delete it on the remote.)
      const said = damageLine(target, damage);
      if (!lines.some((l) => l.text.startsWith(said))) lines.push({ status: connected ? 'blocked' : 'warning', text: `${said}${connected ? '' : ` (target not configured ${where}: not blocking)`}` });
      continue;
    }
    let loaded;
    try {
      loaded = await loadCheckTarget(workspace.repo, { defaultTarget: target });
    } catch (error) {
      // A ref under refs/datatrack/ that holds no snapshot (made by hand or another tool): in the report, with the others.
      if (!(error instanceof DatatrackError)) throw error;
      lines.push({ status: connected ? 'blocked' : 'ok', text: `${target}: ${printable(error.message)}` });
      continue;
    }
    const linted = lint && lintLoaded(loaded, lint.value, await knownSchemas(workspace, loaded.commit));
    for (const result of [linted, rules && verifyLoaded(loaded, rules.value)]) {
      if (!result) continue;
      const s = result.summary;
      const failed = findingsFail(s, 'error');
      const worst = result.findings.filter((f) => f.severity === 'error').slice(0, 5).map((f) => `\n    ${printable(`${f.rule} ${findingName(f)}: ${f.message}`)}`).join('');
      const unblocking = failed && !connected ? ` (target not configured ${where}: not blocking)` : '';
      lines.push({ status: failed && connected ? 'blocked' : 'ok', text: `${target}: ${result.command} ${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}${unblocking}${worst}` });
      // What the command itself would warn about (a lint.schemas key naming no schema, a house rule that cannot judge).
      for (const warning of result.warnings ?? []) lines.push({ status: 'warning', text: `${target}: ${result.command}: ${printable(warning)}` });
    }
  }
}

const damageLine = (target: string, damage: DatatrackError) => `${target}: ${printable(damage.message)}`;

/**
 * git pushes a ref whose file is damaged as a deletion: a `refs/datatrack/*` refspec (as `remote
 * setup` configures) would take the remote's copy away, maybe the last good one. Such a ref comes
 * in git's lines under its own name with no commit; one deleted on purpose (`git push <remote>
 * :<ref>`) comes as `(delete)` and passes.
 */
function checkDamagedRefsDeleted(workspace: Workspace, input: string, lines: HookLine[]): void {
  const { damaged } = listRefs(workspace.repo.commonDir, REF_PREFIX);
  for (const line of input.split('\n')) {
    const [local = '', oid = '', remote = ''] = line.trim().split(' ');
    const damage = damaged.get(local);
    if (!damage || !/^0{40}$/.test(oid)) continue;
    const text = `${damageLine(local.slice(REF_PREFIX.length), damage)}\n    this push would delete ${printable(remote)} on the remote (git pushes a ref it cannot read as a deletion); repair the ref first, or skip the hook with --no-verify to delete it there`;
    lines.push({ status: 'blocked', text });
  }
}

/**
 * Every target's drift, read side by side: one after another, each unreachable database's connect
 * timeout (10 s) added to the last, and a few off the VPN ran past hooks.timeout, which blocks.
 */
async function checkDrift(workspace: Workspace, settings: HookSettings, lines: HookLine[]): Promise<void> {
  const reports = await Promise.all(Object.keys(workspace.config.targets).sort().map((target) => targetDrift(workspace, settings, target)));
  lines.push(...reports.flat());
}

async function targetDrift(workspace: Workspace, settings: HookSettings, target: string): Promise<HookLine[]> {
  try {
    const { result } = await diffIn(workspace, { target, live: true });
    const s = result.summary;
    const blocked = impactFails(s, settings.failOnDrift);
    // What blocks is listed, worst first, as lint and verify list their errors.
    const rank = { breaking: 0, caution: 1, safe: 2 } as const;
    const worst = blocked
      ? [...result.changes].sort((a, b) => rank[a.impact] - rank[b.impact]).slice(0, 5).map((c) => `\n    ${printable(changeSummaryLine(c))}`).join('') +
        `\n    (all of it: datatrack diff --live -t ${target})`
      : '';
    return [
      { status: blocked ? 'blocked' : 'ok', text: `${target}: drift ${plural(result.changes.length, 'change')} (${s.breaking} breaking) between the database and its latest snapshot${worst}` },
      ...(result.warnings ?? []).map((warning): HookLine => ({ status: 'warning', text: `${target}: drift: ${printable(warning)}` })),
    ];
  } catch (error) {
    // An unreachable database, or a target not snapshotted yet, leaves drift unknown: not a reason to block unless strict.
    // So does a connection this target cannot take here (a ${VAR} not set where the hook runs, set
    // where snapshots are taken; an environment URL of another kind), or its ref damaged (which the
    // snapshot checks report). One line of the report: the other targets' drift is still checked.
    if (!(error instanceof DatatrackError)) throw error;
    return [{ status: settings.strict ? 'blocked' : 'warning', text: `${target}: drift not checked: ${printable(error.message)}` }];
  }
}

export interface HookRequest {
  cwd: string;
  hook: Hook;
  /**
   * What git passes on stdin (pre-push: the pushed refs); read only by pre-push, under the timeout.
   * Undefined from a terminal: a person trying the hook, who pushes nothing but wants the checks.
   */
  readInput: () => Promise<string | undefined>;
  /**
   * Whether git's own arguments came along (pre-push: the remote's name and URL), as the installed
   * hook script passes them. Only then is an empty stdin git saying that nothing is sent: the
   * pre-commit framework passes the hook neither those arguments nor git's stdin (it reads that
   * itself, and runs no hook for a push with nothing to send).
   */
  fromGit?: boolean;
}

/**
 * The workspace a hook works in. Before a commit, a work-tree config.yaml with a mistake that is not
 * staged (an edit in progress) does not stop it: the commit holds the index's copy, which is read
 * instead when it is valid, and the work tree's mistake is a warning. Otherwise the error stands.
 * Opening it changes no file: the Python tool's link is left for a command to migrate (runHook says so).
 */
function openHookWorkspace(cwd: string, repo: Repository, view: IndexView | undefined): { workspace: Workspace; warning?: string } {
  try {
    return { workspace: openWorkspace(cwd, { migrate: false }) };
  } catch (error) {
    if (!(error instanceof UsageError) || !view?.tracked.includes(CONFIG_FILE)) throw error;
    try {
      const { config, file } = loadConfig(view.dir);
      return { workspace: { repo, root: repo.workTree, config, configFile: file }, warning: `${error.message} (the work tree's copy, not staged; this commit holds the staged ${CONFIG_FILE}, which was read instead)` };
    } catch {
      throw error;
    }
  }
}

type Settings = ReturnType<typeof hooksSettings>;
type Opened = { opened: ReturnType<typeof openHookWorkspace>; view: IndexView | undefined; all: Settings } | { unreadable: HookLine; all: Settings };

/**
 * The hooks settings a hook runs by. Before a commit, those the commit holds (the index's copy), as
 * its lint settings and rules are: an unstaged edit neither loosens the hook nor breaks it. A staged
 * copy that cannot be read blocks with the staged checks, and the work tree's settings serve meanwhile.
 */
function settingsToRun(workspace: Workspace, view: IndexView | undefined): Settings {
  let held = workspace;
  try {
    held = workspaceToCheck(workspace, view);
  } catch (error) {
    if (!(error instanceof DatatrackError)) throw error;
  }
  return hooksSettings(held.config.hooks, held.configFile);
}

/**
 * The hook's workspace, settings and (pre-commit) the index's copies of the files, read first: the
 * settings come from them. A config.yaml that cannot be read blocks as a finding does, reported as
 * one; the default settings then bound the wait for git's ref lines.
 */
async function openHook(request: HookRequest): Promise<Opened> {
  const repo = openRepository(request.cwd);
  const view = request.hook === 'pre-commit' && repo.workTree ? await readIndexView(repo, repo.workTree) : undefined;
  try {
    const opened = openHookWorkspace(request.cwd, repo, view);
    return { opened, view, all: settingsToRun(opened.workspace, view) };
  } catch (error) {
    if (view) rmSync(view.dir, { recursive: true, force: true });
    if (!(error instanceof DatatrackError && error.code === 'CONFIG_INVALID')) throw error;
    return { unreadable: { status: 'blocked', text: error.message }, all: hooksSettings(undefined, undefined) };
  }
}

export async function runHook(request: HookRequest): Promise<HookResult> {
  const hook = await openHook(request);
  const { all } = hook;
  const settings = request.hook === 'pre-commit' ? all.preCommit : all.prePush;
  const lines: HookLine[] = [];
  if ('opened' in hook && hook.opened.warning) lines.push({ status: 'warning', text: hook.opened.warning });
  const link = 'opened' in hook && hook.opened.workspace.root ? pythonLinkLeft(hook.opened.workspace.root, hook.opened.workspace.config) : undefined;
  if (link) lines.push({ status: 'warning', text: printable(link) });
  const view = 'opened' in hook ? hook.view : undefined;
  // The clock starts before anything that can wait: a stdin that never ends blocks, it does not hang.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DatatrackError(`${request.hook} hook gave up after ${all.timeout}s (hooks.timeout); blocking to be safe — rerun, or bypass with --no-verify`, 'HOOK_TIMEOUT', EXIT.findings)),
      all.timeout * 1000,
    );
    timer.unref();
  });
  try {
    await Promise.race([
      (async () => {
        let input: string | undefined;
        if (request.hook === 'pre-push') {
          input = await request.readInput();
          const pushed = (input ?? '').split('\n').filter((line) => line.trim() !== '').length;
          // git runs the hook for a push with nothing to send too (every ref up to date): nothing leaves, nothing to block.
          if (input !== undefined && pushed === 0 && request.fromGit) {
            lines.push({ status: 'ok', text: 'nothing to push: no checks' });
            return;
          }
          lines.push({ status: 'ok', text: `pushing ${pushed} ref${pushed === 1 ? '' : 's'}` });
        }
        // A push with nothing to send needs no config (above); anything else does.
        if (!('opened' in hook)) {
          lines.push(hook.unreadable);
          return;
        }
        const workspace = hook.opened.workspace;
        if (request.hook === 'pre-push' && input !== undefined) checkDamagedRefsDeleted(workspace, input, lines);
        if (view) checkSecretsNotStaged(workspace, lines);
        if (view) checkStaged(view, lines);
        await checkSnapshots(workspace, settings, lines, view);
        if (request.hook === 'pre-push' && settings.drift) await checkDrift(workspace, settings, lines);
      })(),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    if (view) rmSync(view.dir, { recursive: true, force: true });
  }
  return { hook: request.hook, blocked: lines.some((l) => l.status === 'blocked'), lines };
}
