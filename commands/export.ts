import { Flags } from '#oclif';
import { EXPORT_FORMATS, EXPORT_TYPES, exportDocument, type ExportFormat, type ExportResult, type ExportType } from '../src/api/export.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { pathFlag } from '../src/cli/path-flag.js';
import { UsageError } from '../src/errors.js';

export default class Export extends DatatrackCommand {
  static override description =
    'Export a snapshot (YAML, JSON, Markdown docs, a Mermaid ER diagram) or the latest diff (YAML, JSON, Markdown) from git (default: .databases/exports/<db_name>/latest_<type>.<ext>).';
  static override examples = [
    '<%= config.bin %> export',
    '<%= config.bin %> export --format json -o -',
    '<%= config.bin %> export --rev prod~3 -o old.yaml',
    '<%= config.bin %> export --format markdown --schema public -o docs/schema.md',
    '<%= config.bin %> export --format mermaid -o -',
    "<%= config.bin %> export --format mermaid --tables 'film*' --tables actor -o films.mmd",
    '<%= config.bin %> export --type diff --format markdown',
    '<%= config.bin %> export --type diff --rev prod~5..prod --format json -o -',
  ];
  static override flags = {
    type: Flags.string({ description: 'What to export.', options: [...EXPORT_TYPES], default: 'snapshot' }),
    format: Flags.string({ char: 'f', description: 'Output format (mermaid: snapshots only). Default: yaml; json with --json -o -.', options: [...EXPORT_FORMATS] }),
    rev: Flags.string({ description: 'Snapshot: the revision (default: the latest). Diff: A..B, or A for A against the latest (default: the latest change).', helpValue: 'REV' }),
    output: pathFlag({ char: 'o', description: 'Output file, or - for stdout.', helpValue: 'PATH|-' }),
    schema: Flags.string({ description: 'Only schemas matching this glob (repeatable).', multiple: true, helpValue: 'GLOB' }),
    tables: Flags.string({ description: 'Only tables and views whose name or schema.name matches this glob (repeatable; other kinds are left out).', multiple: true, helpValue: 'GLOB' }),
  };

  async run(): Promise<ExportResult | undefined> {
    const { flags } = await this.parse(Export);
    if (this.jsonEnabled() && flags.output === '-' && flags.format !== undefined && flags.format !== 'json') {
      throw new UsageError(`--json and --format ${flags.format} ask for two outputs on stdout; give one`, 'USAGE');
    }
    const result = await exportDocument({
      cwd: process.cwd(),
      target: flags.target,
      rev: flags.rev,
      type: flags.type as ExportType,
      // With --json and -o -, the export is what reaches stdout: JSON unless a format is asked for.
      format: (flags.format ?? (this.jsonEnabled() && flags.output === '-' ? 'json' : 'yaml')) as ExportFormat,
      output: flags.output,
      schemas: flags.schema,
      tables: flags.tables,
    });
    this.warnAll(result.warnings);
    if (result.content !== undefined) {
      // -o - makes the export itself the output, so nothing else may reach stdout (not even --json).
      process.stdout.write(result.content);
      return undefined;
    }
    this.say(result.path);
    return result;
  }
}
