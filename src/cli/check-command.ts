// What lint and verify share on the command line: the revision argument, --format, --changed
// [REV], --max-warnings, rendering, and exit status 1 on errors (or too many warnings).
import { Args, Flags } from '#oclif';
import { failed, toReport, type Report } from '../rules/findings.js';
import type { CheckResult } from '../rules/format/check-result.js';
import { OUTPUT_FORMATS, renderCheck, reportJson, type OutputFormat } from '../rules/format/index.js';
import { DatatrackCommand } from './base-command.js';
import { writePieces } from './stdout.js';

/** `--changed` with no value (last, or followed by another flag) means "since the previous snapshot". */
export const SINCE_PARENT = '@parent';

export function withOptionalValue(argv: string[], flag: string, absent: string): string[] {
  return argv.map((arg, i) => (arg === flag && (i === argv.length - 1 || argv[i + 1]!.startsWith('-')) ? `${flag}=${absent}` : arg));
}

export abstract class CheckCommand extends DatatrackCommand {
  static override formatJsonIsReport = true;
  static override args = {
    rev: Args.string({ description: 'Revision to check: a target name, target~N, a commit id (default: the latest snapshot).' }),
  };

  static override flags = {
    format: Flags.string({ char: 'f', description: 'Output format.', options: [...OUTPUT_FORMATS], default: 'text' }),
    changed: Flags.string({
      description: 'Report only objects changed since REV (default: the previous snapshot); reads only their files.',
      helpValue: '[REV]',
    }),
    'max-warnings': Flags.integer({ description: 'Exit 1 when there are more than N warnings.', min: 0, helpValue: 'N' }),
  };

  /** The argv to parse, with a bare --changed given its default. */
  protected checkArgv(): string[] {
    return withOptionalValue(this.argv, '--changed', SINCE_PARENT);
  }

  protected changedSince(flag: string | undefined): string | true | undefined {
    return flag === undefined ? undefined : flag === SINCE_PARENT || flag === '' ? true : flag;
  }

  /** --json writes the report's findings one at a time. */
  protected override toSuccessJson(report: Report): unknown {
    return reportJson(report);
  }

  /** Prints the result in its format, sets the exit status, and returns the JSON report for --json. */
  protected finish(result: CheckResult, format: string, maxWarnings: number | undefined): Report {
    if (failed(result.summary, maxWarnings)) process.exitCode = 1;
    const { error, warning } = result.summary;
    // Errors are in the report for all to see; a failure by count alone would otherwise go unexplained.
    const overLimit = error === 0 && maxWarnings !== undefined && warning > maxWarnings;
    const report = toReport(result.findings);
    if (!this.jsonEnabled()) writePieces(renderCheck(result, format as OutputFormat, { paint: (style, t) => this.painter.paint(style, t), toolVersion: this.config.version }));
    if (overLimit) process.stderr.write(`datatrack: ${warning} warning${warning === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows\n`);
    return report;
  }
}
