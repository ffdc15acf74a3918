import { lint } from '../src/api/lint.js';
import { CheckCommand } from '../src/cli/check-command.js';
import type { Report } from '../src/rules/findings.js';

export default class Lint extends CheckCommand {
  // oclif copies a command's own static properties only: inherited ones must be restated.
  static override args = CheckCommand.args;
  static override description = 'Check a snapshot with the built-in rules (naming, structure, types); no database needed.';
  static override flags = CheckCommand.flags;
  static override examples = [
    '<%= config.bin %> lint',
    '<%= config.bin %> lint prod~1 --format sarif > lint.sarif',
    '<%= config.bin %> lint --changed --format github',
  ];

  async run(): Promise<Report> {
    const { args, flags } = await this.parse(Lint, this.checkArgv());
    this.refuseJsonWith(flags.format);
    const result = await lint({ cwd: process.cwd(), target: flags.target, rev: args.rev, changed: this.changedSince(flags.changed) });
    this.warnAll(result.warnings ?? []);
    return this.finish(result, flags.format, flags['max-warnings']);
  }
}
