import { Args, Flags } from '#oclif';
import { emitYaml } from '../src/codec/yaml-emit.js';
import { diff, DIFF_FORMATS, type DiffResult } from '../src/api/diff.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { UsageError } from '../src/errors.js';
import { progressReporter } from '../src/cli/progress.js';
import { renderMarkdown } from '../src/diff/render/markdown.js';
import { renderText } from '../src/diff/render/text.js';
import type { Change } from '../src/diff/change.js';

const FAIL_ON = { breaking: ['breaking'], caution: ['breaking', 'caution'], any: ['breaking', 'caution', 'safe'] } as const;

export default class Diff extends DatatrackCommand {
  static override description = 'Show what changed between two snapshots, a snapshot and the live database (--live), or two targets.';
  static override examples = [
    '<%= config.bin %> diff',
    '<%= config.bin %> diff prod~3',
    '<%= config.bin %> diff staging prod --format markdown',
    '<%= config.bin %> diff --live --fail-on breaking',
  ];
  static override args = {
    from: Args.string({ description: 'Older side: a target (its latest snapshot; alone: its latest change), target~N, a commit id, or A..B.' }),
    to: Args.string({ description: 'Newer side (default: the latest snapshot of the older side\'s target).' }),
  };
  static override formatJsonIsReport = true;
  static override flags = {
    live: Flags.boolean({ description: 'Compare with the live database (drift); nothing is committed.' }),
    format: Flags.string({ char: 'f', description: 'Output format.', options: [...DIFF_FORMATS], default: 'text' }),
    stat: Flags.boolean({ description: 'One line per changed object with change counts.', exclusive: ['name-only'] }),
    'name-only': Flags.boolean({ description: 'Only the names of the changed objects.' }),
    'exit-code': Flags.boolean({ description: 'Exit 1 when there are changes.' }),
    'fail-on': Flags.string({ description: 'Exit 1 when a change of this impact (or worse) is found.', options: Object.keys(FAIL_ON) }),
    'schema-map': Flags.string({ description: 'OLD=NEW: schema OLD of the older side is schema NEW of the newer (repeatable).', multiple: true, multipleNonGreedy: true, helpValue: 'OLD=NEW' }),
  };

  async run(): Promise<DiffResult> {
    const { args, flags } = await this.parse(Diff);
    const layout = flags.stat ? '--stat' : flags['name-only'] ? '--name-only' : undefined;
    const output = this.jsonEnabled() ? '--json' : flags.format !== 'text' ? `--format ${flags.format}` : undefined;
    if (layout && output) throw new UsageError(`${layout} is a layout of the text output; it does not combine with ${output}`, 'USAGE');
    this.refuseJsonWith(flags.format);
    const progress = progressReporter(!this.jsonEnabled());
    let result: DiffResult;
    try {
      result = await diff({
        cwd: process.cwd(),
        target: flags.target,
        revisions: [args.from, args.to].filter((r): r is string => r !== undefined),
        live: flags.live,
        schemaMap: flags['schema-map'],
        progress: progress.report,
      });
    } finally {
      progress.done();
    }
    this.warnAll(result.warnings ?? []);
    this.render(result, flags);
    if (this.fails(result.changes, flags)) process.exitCode = 1;
    return result;
  }

  private render(result: DiffResult, flags: { format: string; stat: boolean; 'name-only': boolean }): void {
    if (this.jsonEnabled()) return;
    if (flags.format === 'json') this.log(JSON.stringify(result, null, 2));
    else if (flags.format === 'yaml') process.stdout.write(emitYaml(result as unknown as Record<string, unknown>));
    else if (flags.format === 'markdown') process.stdout.write(renderMarkdown(result));
    else for (const line of renderText(result, (style, text) => this.painter.paint(style, text), { stat: flags.stat, nameOnly: flags['name-only'] })) this.log(line);
  }

  private fails(changes: Change[], flags: { 'exit-code': boolean; 'fail-on'?: string }): boolean {
    if (flags['exit-code'] && changes.length > 0) return true;
    const levels = flags['fail-on'] ? (FAIL_ON[flags['fail-on'] as keyof typeof FAIL_ON] as readonly string[]) : [];
    return changes.some((c) => levels.includes(c.impact));
  }
}
