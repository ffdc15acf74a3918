import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Flags } from '#oclif';
import { pipelineMarkdown, runPipeline, type PipelineResult } from '../../src/api/pipeline.js';
import { DatatrackCommand } from '../../src/cli/base-command.js';
import { pathFlag } from '../../src/cli/path-flag.js';
import { progressReporter } from '../../src/cli/progress.js';
import { printable } from '../../src/cli/terminal.js';
import { appendWhole, probeWritable, writeFailure, writeFileMakingDirectories } from '../../src/util/write-file.js';

export default class PipelineRun extends DatatrackCommand {
  static override description = 'Snapshot → lint → verify → diff → export in one run, with one summary; the exit code is the worst step’s (policy in .datatrack/config.yaml).';
  static override examples = [
    '<%= config.bin %> pipeline run',
    '<%= config.bin %> pipeline run --all --summary summary.md',
    '<%= config.bin %> pipeline run --strict --verbose',
    '<%= config.bin %> pipeline run --source postgresql://ci@localhost/app --export-dir artifacts',
  ];
  static override flags = {
    all: Flags.boolean({ description: 'Run every configured target (concurrently, each on its own ref).', exclusive: ['target'] }),
    summary: pathFlag({ description: 'Also write the summary as Markdown to FILE (on GitHub Actions it is appended to $GITHUB_STEP_SUMMARY anyway).', helpValue: 'FILE' }),
    jobs: Flags.integer({ description: 'Catalog connections and workers per snapshot (default: the CPU count; at most 8 PostgreSQL connections).', min: 1, max: 64, helpValue: 'N' }),
    // The Python tool's flags, with their meaning mapped onto this pipeline.
    strict: Flags.boolean({ description: 'Lint and verify warnings fail the run too (as the Python tool\'s --strict).' }),
    verbose: Flags.boolean({ description: 'List what each step found or changed under its line (--no-verbose: the summary only, the default).', allowNo: true }),
    source: Flags.string({ description: 'A configured target name (like -t), or a connection URL to snapshot for this run (as DATATRACK_<TARGET>_URL).', exclusive: ['all'], helpValue: 'NAME|URL' }),
    'export-dir': pathFlag({ description: 'Write the exports under DIR/<db_name>/ instead of .databases/exports/<db_name>/.', helpValue: 'DIR' }),
  };

  async run(): Promise<PipelineResult & { summary_errors?: string[] }> {
    const { flags } = await this.parse(PipelineRun);
    const stepSummary = process.env.GITHUB_STEP_SUMMARY;
    // `--summary "$GITHUB_STEP_SUMMARY"` means the job summary: appended once, keeping earlier steps' own.
    const summaryIsStepSummary = flags.summary !== undefined && stepSummary !== undefined && resolve(flags.summary) === resolve(stepSummary);
    const summaries = [...(flags.summary && !summaryIsStepSummary ? [flags.summary] : []), ...(stepSummary ? [stepSummary] : [])];
    // A summary that cannot be written fails the run before any step, not after a snapshot is committed.
    for (const path of summaries) probeWritable(path);
    const progress = progressReporter(!this.jsonEnabled());
    let result: PipelineResult;
    try {
      result = await runPipeline({
        cwd: process.cwd(),
        target: flags.target,
        all: flags.all,
        jobs: flags.jobs ?? availableParallelism(),
        progress: progress.report,
        notice: (line: string) => this.warnAll([line]),
        source: flags.source,
        strict: flags.strict,
        verbose: flags.verbose,
        exportDir: flags['export-dir'],
      });
    } finally {
      progress.done();
    }
    const markdown = pipelineMarkdown(result);
    // Every step has run by now (a snapshot may be committed): a summary that still cannot be
    // written (the probe passed) is reported after the step table, never instead of it.
    const unwritten: string[] = [];
    const write = (path: string, save: () => void) => {
      try {
        save();
      } catch (error) {
        const failure = writeFailure(path, error);
        unwritten.push(`the summary: ${failure.message}`);
        result.exitCode = Math.max(result.exitCode, failure.exitCode);
      }
    };
    if (flags.summary && !summaryIsStepSummary) write(flags.summary, () => writeFileMakingDirectories(flags.summary!, markdown));
    if (stepSummary) write(stepSummary, () => appendWhole(stepSummary, `${markdown}\n`));
    const style = { ok: 'green', failed: 'red', error: 'red', skipped: 'dim' } as const;
    for (const run of result.targets) {
      this.say(this.painter.paint('bold', this.safe(run.target)));
      for (const step of run.steps) {
        this.say(`  ${step.step.padEnd(9)} ${this.painter.paint(style[step.status], step.status.padEnd(8))} ${this.safe(step.detail)}`);
        for (const line of step.lines ?? []) this.say(`      ${this.safe(line)}`);
      }
    }
    this.warnAll(result.targets.flatMap((run) => run.steps.flatMap((step) => (step.warnings ?? []).map((warning) => `${run.target} ${step.step}: ${warning}`))));
    for (const problem of unwritten) process.stderr.write(`datatrack: ${printable(problem)}\n`);
    this.say(`exit code ${result.exitCode}`);
    process.exitCode = result.exitCode;
    // A --json reader sees why the run failed where every step is ok.
    return unwritten.length ? { ...result, summary_errors: unwritten } : result;
  }
}
