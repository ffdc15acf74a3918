// pipeline run: snapshot → lint → verify → diff → export for one target or all of them (each on
// its own ref, concurrently), with one summary and an exit code from the worst step, by the
// failure policy of the `pipeline:` section of .datatrack/config.yaml.
import { DatatrackError, EXIT } from '../errors.js';
import type { Progress } from '../dialects/driver.js';
import { pickTarget, validateTargetName } from '../config/targets.js';
import { loadCheckTarget } from '../rules/check-target.js';
import { findingsFail, impactFails, pipelineSettings, type PipelineSettings, type Step } from '../pipeline/settings.js';
import type { Summary } from '../rules/findings.js';
import { renderMarkdown as renderDiffMarkdown } from '../diff/render/markdown.js';
import { cell } from '../export/markdown.js';
import { diffIn, type DiffResult } from './diff.js';
import { exportDocument, type ExportFormat, type ExportType } from './export.js';
import { lintLoaded, lintSettings } from './lint.js';
import { snapshot, type SnapshotResult } from './snapshot.js';
import { defaultRulesFile, verifyLoaded } from './verify.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface StepResult {
  step: Step;
  /** ok; failed: the policy says these findings or changes fail the run; error: the step could not run. */
  status: 'ok' | 'failed' | 'error' | 'skipped';
  detail: string;
  exitCode: number;
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
}

const describeFindings = (s: Summary) => `${s.error} errors, ${s.warning} warnings, ${s.info} info`;

async function runTarget(workspace: Workspace, cwd: string, target: string, settings: PipelineSettings, request: PipelineRequest): Promise<TargetRun> {
  const run: TargetRun = { target, commit: null, steps: [], exitCode: EXIT.ok };
  const record = (step: Step, status: StepResult['status'], detail: string, exitCode: number = status === 'failed' ? EXIT.findings : EXIT.ok) => {
    run.steps.push({ step, status, detail, exitCode });
    run.exitCode = Math.max(run.exitCode, exitCode);
  };
  const attempt = async (step: Step, work: () => Promise<void>) => {
    if (!settings.steps.includes(step)) return record(step, 'skipped', 'not in pipeline.steps');
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DatatrackError)) throw error;
      record(step, 'error', error.message, error.exitCode);
    }
  };

  let snapped: SnapshotResult | undefined;
  await attempt('snapshot', async () => {
    [snapped] = await snapshot({ cwd, target, jobs: request.jobs, progress: request.progress });
    run.commit = snapped!.commit;
    const counts = `(+${snapped!.added} ~${snapped!.modified} -${snapped!.removed})`;
    record('snapshot', 'ok', snapped!.changed ? `${snapped!.commit.slice(0, 7)} ${snapped!.tables} tables ${counts}` : `no changes since ${snapped!.commit.slice(0, 7)}`);
  });
  // Later steps read git; without any snapshot of the target there is nothing to check.
  if (run.steps.some((s) => s.status === 'error')) return run;

  const wantsChecks = settings.steps.includes('lint') || settings.steps.includes('verify');
  // One read of the snapshot serves both lint and verify.
  const checked = wantsChecks ? loadCheckTarget(workspace.repo, { defaultTarget: target }) : undefined;
  for (const step of ['lint', 'verify'] as const) {
    await attempt(step, async () => {
      const loaded = await checked!;
      const result = step === 'lint' ? lintLoaded(loaded, lintSettings(workspace)) : verifyLoaded(loaded, defaultRulesFile(workspace));
      record(step, findingsFail(result.summary, settings.failOn[step]) ? 'failed' : 'ok', describeFindings(result.summary));
    });
  }
  await attempt('diff', async () => {
    if (snapped && !snapped.changed) return record('diff', 'ok', 'no changes');
    const { result } = await diffIn(workspace, { target, revisions: [] });
    run.diff = result;
    const s = result.summary;
    const detail = `${result.changes.length} changes: ${s.breaking} breaking, ${s.caution} caution, ${s.safe} safe`;
    record('diff', impactFails(s, settings.failOn.diff) ? 'failed' : 'ok', detail);
  });
  await attempt('export', async () => {
    const written: string[] = [];
    for (const item of settings.exports) {
      const [type, format] = item.split(':') as [ExportType, ExportFormat];
      if (type === 'diff' && !run.diff) continue;
      written.push((await exportDocument({ cwd, target, type, format })).path);
    }
    record('export', 'ok', written.length ? written.join(', ') : 'nothing to export');
  });
  return run;
}

export async function runPipeline(request: PipelineRequest): Promise<PipelineResult> {
  const workspace = openWorkspace(request.cwd);
  const settings = pipelineSettings(workspace.config.pipeline, workspace.configFile);
  const names = request.all ? Object.keys(workspace.config.targets).map(validateTargetName) : [pickTarget(workspace.config, request.target)];
  if (names.length === 0) throw new DatatrackError('no targets configured; add one with `datatrack connect <url>`', 'NO_TARGETS', EXIT.usage);
  const targets = await Promise.all(names.map((name) => runTarget(workspace, request.cwd, name, settings, request)));
  return { targets, exitCode: Math.max(...targets.map((t) => t.exitCode)) };
}

/** The run as Markdown, for CI job summaries: the step table, then each target's diff. */
export function pipelineMarkdown(result: PipelineResult): string {
  const icon = { ok: '✅', failed: '❌', error: '⛔', skipped: '⏭️' };
  const lines = ['## datatrack pipeline', '', '| target | step | result | detail |', '|---|---|---|---|'];
  for (const run of result.targets) {
    for (const step of run.steps) lines.push(`| ${cell(run.target)} | ${step.step} | ${icon[step.status]} ${step.status} | ${cell(step.detail)} |`);
  }
  lines.push('', `Exit code: ${result.exitCode}`, '');
  for (const run of result.targets) {
    if (run.diff && run.diff.changes.length) lines.push(`### ${cell(run.target)}`, '', renderDiffMarkdown(run.diff).trim(), '');
  }
  return lines.join('\n');
}
