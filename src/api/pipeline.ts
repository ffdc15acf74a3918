// pipeline run: snapshot → lint → verify → diff → export for one target or all of them (each on
// its own ref, concurrently), with one summary and an exit code from the worst step, by the
// failure policy of the `pipeline:` section of .datatrack/config.yaml.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatatrackError, EXIT, UsageError, systemErrorAsStorage } from '../errors.js';
import type { Progress } from '../dialects/driver.js';
import { allTargetNames, pickTarget, validateTargetName } from '../config/targets.js';
import { loadCheckTarget } from '../rules/check-target.js';
import { findingsFail, impactFails, pipelineSettings, STEPS, strictFindings, type PipelineSettings, type Step } from '../pipeline/settings.js';
import { findingName, type Summary } from '../rules/findings.js';
import type { LintSettings } from '../rules/lint/lint-config.js';
import type { RulesFile } from '../rules/verify/rules-file.js';
import { changeSummaryLine } from '../diff/render/common.js';
import { diffSettings } from '../diff/settings.js';
import { renderMarkdown as renderDiffMarkdown } from '../diff/render/markdown.js';
import { cell } from '../util/markdown.js';
import { plural } from '../util/plural.js';
import { lastSnapshotReader } from '../store/read-snapshot.js';
import { readRef, targetRef } from '../store/refs.js';
import { diffIn, type DiffResult } from './diff.js';
import { exportDocument, type ExportFormat, type ExportType } from './export.js';
import { knownSchemas, lintLoaded, lintSettings } from './lint.js';
import { progressOfOne, snapshot, type SnapshotResult } from './snapshot.js';
import { defaultRulesFile, NO_RULES_FILE, verifyLoaded } from './verify.js';
import { openWorkspace, pickSnapshotTarget, targetConnection, type Workspace } from './workspace.js';
import { nextTurn } from '../util/event-loop.js';

export interface StepResult {
  step: Step;
  /** ok; failed: the policy says these findings or changes fail the run; error: the step could not run. */
  status: 'ok' | 'failed' | 'error' | 'skipped';
  detail: string;
  exitCode: number;
  /** With status error: the error's code, as every command's --json error carries it (CONNECTION_FAILED, …). */
  code?: string;
  /** With `verbose`: what the step found or changed, one line each (findings, changed objects). */
  lines?: string[];
  /** What the step warned of (objects the account could not see or that are recorded raw, an export too big to render), always. */
  warnings?: string[];
}

export interface TargetRun {
  target: string;
  commit: string | null;
  steps: StepResult[];
  exitCode: number;
  /** The diff this run's snapshot made, for summaries (absent when it made none). */
  diff?: DiffResult;
}

export interface PipelineResult {
  targets: TargetRun[];
  exitCode: number;
}

export interface PipelineRequest {
  cwd: string;
  target?: string;
  all?: boolean;
  jobs?: number;
  progress?: Progress;
  /** Told at once, for stderr, when a step waits on something outside it (a running `git gc`). */
  notice?: (line: string) => void;
  /** The Python tool's `--source`: a configured target's name, or a connection URL for this run's target. */
  source?: string;
  /** The Python tool's `--strict`: lint and verify warnings fail the run. */
  strict?: boolean;
  /** Each step also lists what it found or changed. */
  verbose?: boolean;
  /** Where exports go instead of `.databases/exports` (the Python tool's `--export-dir`). */
  exportDir?: string;
}

/** The most lines a verbose step lists before saying how many more there are. */
const VERBOSE_LINES = 20;

/** What a verbose step lists of `items`: the first few, then how many more; only those are spelt out (naming 100,000 findings took ~0.5 s of a run). */
function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, VERBOSE_LINES).map(line);
  return items.length > VERBOSE_LINES ? [...shown, `… and ${items.length - VERBOSE_LINES} more`] : shown;
}

const describeFindings = (s: Summary) => `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`;

/** Export path → the targets of this run that wrote it. */
type ExportWriters = Map<string, string[]>;

/** The configuration the checks read, parsed once for every target. */
interface CheckSettings {
  lint?: LintSettings;
  rules?: RulesFile;
}

async function runTarget(
  workspace: Workspace,
  cwd: string,
  target: string,
  settings: PipelineSettings & CheckSettings,
  request: PipelineRequest & { url?: string; writers: ExportWriters; targets: number },
): Promise<TargetRun> {
  const run: TargetRun = { target, commit: null, steps: [], exitCode: EXIT.ok };
  const record = (
    step: Step,
    status: StepResult['status'],
    detail: string,
    { exitCode = status === 'failed' ? EXIT.findings : EXIT.ok, code, lines, warnings }: { exitCode?: number; code?: string; lines?: string[]; warnings?: string[] } = {},
  ) => {
    run.steps.push({ step, status, detail, exitCode, ...(code ? { code } : {}), ...(request.verbose && lines?.length ? { lines } : {}), ...(warnings?.length ? { warnings } : {}) });
    run.exitCode = Math.max(run.exitCode, exitCode);
  };
  const attempt = async (step: Step, work: () => Promise<void>) => {
    // A Ctrl-C during the step before (each is one long synchronous run) stops the pipeline here, not at its end.
    await nextTurn();
    if (!settings.steps.includes(step)) return record(step, 'skipped', 'not in pipeline.steps');
    try {
      await work();
    } catch (thrown) {
      const error = systemErrorAsStorage(thrown);
      if (!(error instanceof DatatrackError)) throw error;
      record(step, 'error', error.message, { exitCode: error.exitCode, code: error.code });
    }
  };

  // A snapshot read by one step is decoded once for the steps after it that read the same commit.
  const read = lastSnapshotReader(workspace.repo.objects);
  let snapped: SnapshotResult | undefined;
  await attempt('snapshot', async () => {
    snapped = await snapshot({ cwd, target, jobs: request.jobs, progress: progressOfOne(request.progress, target, request.targets), url: request.url, notice: request.notice, read });
    run.commit = snapped!.commit;
    const counts = `(+${snapped!.added} ~${snapped!.modified} -${snapped!.removed})`;
    const marks = { added: '+', modified: '~', removed: '-' };
    const changed = listed(snapped!.changes, (c) => `${marks[c.action]} ${c.path}`);
    const short = snapped!.commit.slice(0, 7);
    const outcomes = { committed: `${short} ${plural(snapped!.tables, 'table')} ${counts}`, unchanged: `no changes since ${short}`, superseded: `superseded by ${short}, a later snapshot (not committed)` };
    record('snapshot', 'ok', outcomes[snapped!.outcome], { lines: changed, warnings: snapped!.warnings });
  });
  // Later steps read git, so a failed snapshot leaves them the latest snapshot there is; only a
  // target without any has nothing for them, and they are listed as skipped, saying why.
  const snapshotFailed = run.steps.some((s) => s.status === 'error');
  if (snapshotFailed && readRef(workspace.repo.commonDir, targetRef(target)) === undefined) {
    for (const step of STEPS.filter((s) => s !== 'snapshot')) await attempt(step, async () => record(step, 'skipped', 'the target has no snapshot yet'));
    return run;
  }
  // Said beside what was checked, so an older snapshot's results are not read as this run's.
  const onOlder = (commit: string) => (snapshotFailed ? ` (on ${commit.slice(0, 7)}, the latest snapshot)` : '');

  const wantsChecks = settings.steps.includes('lint') || settings.steps.includes('verify');
  // One read of the snapshot serves both lint and verify; a failure is each step's error, awaited
  // in its attempt (handled here at once, or Node would end the process on the rejection first).
  const checked = wantsChecks ? loadCheckTarget(workspace.repo, { defaultTarget: target, read }) : undefined;
  checked?.catch(() => {});
  for (const step of ['lint', 'verify'] as const) {
    await attempt(step, async () => {
      const loaded = await checked!;
      const result = step === 'lint' ? lintLoaded(loaded, settings.lint!, await knownSchemas(workspace, loaded.commit)) : verifyLoaded(loaded, settings.rules);
      const found = listed(result.findings, (f) => `${f.severity} ${f.rule} ${findingName(f)}: ${f.message}`);
      // As `verify` says on stderr: a rules file missing from a CI checkout passes on the defaults.
      const warnings = [...(result.warnings ?? []), ...(result.rulesFile === null ? [NO_RULES_FILE] : [])];
      record(step, findingsFail(result.summary, settings.failOn[step]) ? 'failed' : 'ok', describeFindings(result.summary) + onOlder(loaded.commit), { lines: found, warnings });
    });
  }
  await attempt('diff', async () => {
    if (snapped?.outcome === 'unchanged') return record('diff', 'ok', 'no changes');
    const { result } = await diffIn(workspace, { target, revisions: [] });
    run.diff = result;
    const s = result.summary;
    const detail = `${plural(result.changes.length, 'change')}: ${s.breaking} breaking, ${s.caution} caution, ${s.safe} safe${onOlder(result.to.commit!)}`;
    const changes = listed(result.changes, changeSummaryLine);
    record('diff', impactFails(s, settings.failOn.diff) ? 'failed' : 'ok', detail, { lines: changes, warnings: result.warnings });
  });
  await attempt('export', async () => {
    const written: string[] = [];
    const warnings: string[] = [];
    let exportedCommit: string | null = null;
    for (const item of settings.exports) {
      // A diff export is always the latest snapshot against the one before it, written on every run,
      // so that an artifact never ships an older run's file as this one's.
      const [type, format] = item.split(':') as [ExportType, ExportFormat];
      const exported = await exportDocument({ cwd, target, type, format, exportDir: request.exportDir, read });
      written.push(exported.path);
      exportedCommit ??= exported.commit;
      // Once per target: pipeline.export naming one export twice is no other target overwriting it.
      const writers = request.writers.get(exported.path) ?? [];
      if (!writers.includes(target)) request.writers.set(exported.path, [...writers, target]);
      warnings.push(...exported.warnings);
    }
    record('export', 'ok', (written.length ? written.join(', ') : 'nothing to export') + (exportedCommit ? onOlder(exportedCommit) : ''), { warnings });
  });
  return run;
}

/** `--source`: a configured target's name picks it; anything else is a URL for the run's target. */
function sourceOf(workspace: Workspace, request: PipelineRequest): { target?: string; url?: string } {
  const { source } = request;
  if (source === undefined) return { target: request.target };
  // An unset CI variable (`--source "$DB_URL"`): running on the configured default would hide it.
  if (source.trim() === '') throw new UsageError('--source is empty; give a configured target name or a connection URL (an unset variable?)', 'USAGE');
  if (!Object.hasOwn(workspace.config.targets, source)) {
    // A plain word that names no target is more likely a typo than a SQLite file next to us.
    if (!source.includes('://') && !existsSync(resolve(request.cwd, source))) {
      const known = Object.keys(workspace.config.targets);
      throw new UsageError(`--source ${source} is neither a configured target${known.length ? ` (known: ${known.join(', ')})` : ''} nor a connection URL or existing SQLite file`, 'UNKNOWN_TARGET');
    }
    return { target: request.target, url: source };
  }
  if (request.target !== undefined && request.target !== source) throw new UsageError(`--source ${source} names a target, and so does -t ${request.target}; give one`, 'USAGE');
  return { target: source };
}

export async function runPipeline(request: PipelineRequest): Promise<PipelineResult> {
  const workspace = openWorkspace(request.cwd);
  const configured = pipelineSettings(workspace.config.pipeline, workspace.configFile);
  const settings = request.strict
    ? { ...configured, failOn: { ...configured.failOn, lint: strictFindings(configured.failOn.lint), verify: strictFindings(configured.failOn.verify) } }
    : configured;
  if (request.all && request.source !== undefined) throw new UsageError('--source picks one target; --all runs every configured one', 'USAGE');
  // Every setting the steps read is checked before the first step writes anything: a mistake in
  // `lint:`, `impact:`, `renames:` or schema_rules.yaml fails the run, not only its own step after
  // the snapshot was committed and the exports written; and it fails even when the schema did not
  // change, rather than lie in wait for the first run whose schema did.
  const checks: CheckSettings = {
    lint: settings.steps.includes('lint') ? lintSettings(workspace) : undefined,
    rules: settings.steps.includes('verify') ? defaultRulesFile(workspace) : undefined,
  };
  // `export:` lists diff:json by default, so a diff export counts only when the export step runs.
  const diffs = settings.steps.includes('diff') || (settings.steps.includes('export') && settings.exports.some((item) => item.startsWith('diff:')));
  if (diffs) diffSettings(workspace.config, workspace.configFile);
  const { target, url } = sourceOf(workspace, request);
  // A -t that names nothing (no config, no environment URL, no snapshots) is a typo, refused as
  // every command that reads snapshots refuses it; a --source URL is the connection of any name.
  const names = request.all ? allTargetNames(workspace.config).map(validateTargetName) : [url === undefined ? pickSnapshotTarget(workspace, target) : pickTarget(workspace.config, target)];
  if (names.length === 0) throw new DatatrackError('no targets configured; add one with `datatrack connect <url>`', 'NO_TARGETS', EXIT.usage);
  // Mistakes that need no database stop the run before its snapshot is committed: a --source URL of
  // another engine than the target's, an --export-dir that is a file.
  if (url !== undefined) targetConnection(workspace, names[0]!, { variable: '--source', url, base: request.cwd });
  if (request.exportDir !== undefined && statSync(resolve(request.cwd, request.exportDir), { throwIfNoEntry: false })?.isDirectory() === false) {
    throw new UsageError(`--export-dir ${request.exportDir} is a file, not a directory; name a directory (it is made if missing)`, 'CANNOT_WRITE');
  }
  const writers: ExportWriters = new Map();
  const targets = await Promise.all(names.map((name) => runTarget(workspace, request.cwd, name, { ...settings, ...checks }, { ...request, url, writers, targets: names.length })));
  warnSharedExports(targets, writers);
  return { targets, exitCode: Math.max(...targets.map((t) => t.exitCode)) };
}

/**
 * The default export path is per database name, so targets on databases of the same name (staging
 * and prod, both `app`) write one file, concurrently: only one target's export is left, and which
 * one is a matter of timing. Each of them is told, as a warning of its export step.
 */
function warnSharedExports(targets: TargetRun[], writers: ExportWriters): void {
  for (const run of targets) {
    const shared = [...writers].filter(([, names]) => names.length > 1 && names.includes(run.target));
    if (shared.length === 0) continue;
    // In the run's order, so that the message is the same whichever target finished first.
    const others = targets.map((r) => r.target).filter((name) => name !== run.target && shared.some(([, names]) => names.includes(name)));
    const files = shared.map(([path]) => path).join(', ');
    const step = run.steps.find((s) => s.step === 'export')!;
    step.warnings = [...(step.warnings ?? []), `${files} ${shared.length > 1 ? 'are also the exports' : 'is also the export'} of ${others.join(', ')} in this run (databases of the same name share an export path), so only one target's is left; run them with -t and an --export-dir each`];
  }
}

/** The run as Markdown, for CI job summaries: the step table, then each target's diff. */
export function pipelineMarkdown(result: PipelineResult): string {
  const icon = { ok: '✅', failed: '❌', error: '⛔', skipped: '⏭️' };
  const lines = ['## datatrack pipeline', '', '| target | step | result | detail |', '|---|---|---|---|'];
  for (const run of result.targets) {
    for (const step of run.steps) lines.push(`| ${cell(run.target)} | ${step.step} | ${icon[step.status]} ${step.status} | ${cell(step.detail)} |`);
  }
  const warnings = result.targets.flatMap((run) => run.steps.flatMap((step) => (step.warnings ?? []).map((warning) => `- ${cell(run.target)} ${step.step}: ${cell(warning)}`)));
  if (warnings.length) lines.push('', '**Warnings**', '', ...warnings);
  lines.push('', `Exit code: ${result.exitCode}`, '');
  let room = SUMMARY_BYTES - Buffer.byteLength(lines.join('\n'));
  for (const run of result.targets) {
    // The diff's own heading names the target and both snapshots.
    if (!run.diff || !run.diff.changes.length) continue;
    // Its warnings are the diff step's, listed above.
    const diff = renderDiffMarkdown({ ...run.diff, warnings: undefined }).trim();
    // After a failed snapshot the diff is an earlier run's: said under its heading, as the step
    // table says it, so that it is not read as a change this run found.
    const failed = run.steps.some((s) => s.step === 'snapshot' && s.status === 'error');
    const [heading, ...rest] = diff.split('\n');
    const section = failed ? [heading!, '', `_This run's snapshot of ${cell(run.target)} failed: this is the diff of its latest snapshot, made by an earlier run._`, ...rest] : [heading!, ...rest];
    const kept = linesWithin(section, room - CUT_NOTE_BYTES);
    if (kept.length < section.length) {
      lines.push(...kept, '', `_${section.length - kept.length} more lines of the diff of ${cell(run.target)} are left out: a job summary holds 1 MiB; \`datatrack diff -t ${run.target}\` shows all of it._`, '');
      room = 0;
    } else {
      lines.push(...section, '');
      room -= Buffer.byteLength(section.join('\n')) + 2;
    }
  }
  return lines.join('\n');
}

/**
 * GitHub drops a step's whole job summary past 1024 KiB ("upload aborted"), the step table too, in
 * just the run of thousands of breaking changes it is there for: the diffs are cut to fit below it.
 */
const SUMMARY_BYTES = 1000 * 1024;
/** Room kept for the line that says what was cut. */
const CUT_NOTE_BYTES = 300;

/** The first lines of `lines` that fit in `bytes` (joined by line breaks). */
function linesWithin(lines: string[], bytes: number): string[] {
  let used = 0;
  for (const [i, line] of lines.entries()) {
    used += Buffer.byteLength(line) + 1;
    if (used > bytes) return lines.slice(0, i);
  }
  return lines;
}
