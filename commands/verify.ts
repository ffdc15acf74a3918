import { NO_RULES_FILE, verify } from '../src/api/verify.js';
import { CheckCommand } from '../src/cli/check-command.js';
import { pathFlag } from '../src/cli/path-flag.js';
import type { Report } from '../src/rules/findings.js';

export default class Verify extends CheckCommand {
  // oclif copies a command's own static properties only: inherited ones must be restated.
  static override args = CheckCommand.args;
  static override description = 'Check a snapshot against the house rules of schema_rules.yaml; no database needed.';
  static override examples = [
    '<%= config.bin %> verify',
    '<%= config.bin %> verify --rules rules/strict.yaml --format junit > verify.xml',
    '<%= config.bin %> verify --changed prod~5',
  ];
  static override flags = {
    ...CheckCommand.flags,
    rules: pathFlag({ description: 'Rules file (default: schema_rules.yaml at the repository root).', helpValue: 'FILE' }),
  };

  async run(): Promise<Report> {
    const { args, flags } = await this.parse(Verify, this.checkArgv());
    this.refuseJsonWith(flags.format);
    const result = await verify({ cwd: process.cwd(), target: flags.target, rev: args.rev, changed: this.changedSince(flags.changed), rulesFile: flags.rules });
    if (result.rulesFile === null) process.stderr.write(`note: ${NO_RULES_FILE}\n`);
    this.warnAll(result.warnings ?? []);
    return this.finish(result, flags.format, flags['max-warnings']);
  }
}
