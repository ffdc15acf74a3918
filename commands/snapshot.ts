import { Flags } from '#oclif';
import { availableParallelism } from 'node:os';
import { snapshot, snapshotAll, type SnapshotResult } from '../src/api/snapshot.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { progressReporter } from '../src/cli/progress.js';
import { pythonSnapshotFlags, pythonSnapshotJobs } from '../src/cli/python-snapshot-flags.js';
import { shortId } from '../src/cli/terminal.js';
import { isFailure, type TargetFailure } from '../src/errors.js';
import { plural } from '../src/util/plural.js';
import { shownApart } from '../src/util/read-apart.js';

export default class Snapshot extends DatatrackCommand {
  static override summary = 'Introspect the database and commit its schema on refs/datatrack/<target>.';
  static override description =
    "The Python datatrack's flags are taken too: --max-workers N (--jobs N), --no-parallel (--jobs 1), --parallel, --batch-size and --max-rows (no effect); --include-data is refused.";
  static override examples = ['<%= config.bin %> snapshot', '<%= config.bin %> snapshot -t prod -m "after release 42"', '<%= config.bin %> snapshot --all', "<%= config.bin %> snapshot --schema 'app_*' --exclude 'app_core.tmp_*'"];
  static override flags = {
    all: Flags.boolean({ description: 'Snapshot every configured target.', exclusive: ['target'] }),
    message: Flags.string({ char: 'm', description: 'A note to add to the commit message.', helpValue: 'MSG' }),
    'allow-empty': Flags.boolean({ description: 'Commit even when the schema has not changed.' }),
    jobs: Flags.integer({ description: 'Catalog connections and workers to use (default: the CPU count; PostgreSQL opens at most 8 connections, MySQL one per catalog view).', min: 1, max: 64, helpValue: 'N' }),
    schema: Flags.string({ description: 'Track only schemas matching this glob (repeatable; replaces the target\'s `schemas`).', multiple: true, helpValue: 'GLOB' }),
    exclude: Flags.string({ description: 'Leave out schemas or schema.object names matching this glob (repeatable; replaces the target\'s `exclude`).', multiple: true, helpValue: 'GLOB' }),
    ...pythonSnapshotFlags,
  };

  async run(): Promise<SnapshotResult | (SnapshotResult | TargetFailure)[]> {
    const { flags } = await this.parse(Snapshot);
    const pythonJobs = pythonSnapshotJobs(flags);
    const progress = progressReporter(!this.jsonEnabled());
    const request = {
      cwd: process.cwd(),
      note: flags.message,
      allowEmpty: flags['allow-empty'],
      jobs: flags.jobs ?? pythonJobs ?? availableParallelism(),
      progress: progress.report,
      notice: (line: string) => this.warnAll([line]),
      schemas: flags.schema,
      exclude: flags.exclude,
    };
    let outcomes: (SnapshotResult | TargetFailure)[];
    try {
      outcomes = flags.all ? await snapshotAll(request) : [await snapshot({ ...request, target: flags.target })];
    } finally {
      progress.done();
    }
    for (const outcome of outcomes) {
      if (isFailure(outcome)) {
        this.reportFailure(outcome.target, outcome.error);
        continue;
      }
      this.report(outcome);
    }
    return flags.all ? outcomes : (outcomes[0] as SnapshotResult);
  }

  private report(result: SnapshotResult): void {
    this.warnAll(result.warnings);
    if (result.outcome === 'unchanged') {
      this.say(`${result.target}: no changes since ${shortId(result.commit)} (${plural(result.tables, 'table')})`);
      return;
    }
    if (result.outcome === 'superseded') {
      this.say(`${result.target}: superseded by ${shortId(result.commit)}, a later snapshot (not committed)`);
      return;
    }
    this.say(`${result.target}: ${this.painter.paint('yellow', shortId(result.commit))} snapshot of ${plural(result.tables, 'table')}, ${plural(result.objects, 'object')} (files +${result.added} ~${result.modified} -${result.removed}) in ${result.seconds.toFixed(2)}s`);
    const marks = { added: this.painter.paint('green', '+'), modified: this.painter.paint('yellow', '~'), removed: this.painter.paint('red', '-') };
    const listed = result.changes.slice(0, 50);
    const shown = shownApart(listed.map((change) => change.path));
    for (const change of listed) this.say(`  ${marks[change.action]} ${shown.get(change.path)!}`);
    if (result.changes.length > 50) this.say(`  … and ${result.changes.length - 50} more`);
  }
}
