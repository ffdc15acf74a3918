import { Args } from '#oclif';
import { show, type ObjectView, type SnapshotSummary } from '../src/api/show.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { KIND_DIRECTORIES } from '../src/model/canonical.js';
import type { ObjectKind } from '../src/model/types.js';
import { plural } from '../src/util/plural.js';
import { utcTime } from '../src/cli/utc-time.js';

export default class Show extends DatatrackCommand {
  static override description = "Print a snapshot's summary, or one object's YAML, from git.";
  static override examples = ['<%= config.bin %> show', '<%= config.bin %> show default~1', '<%= config.bin %> show prod public.users'];
  static override args = {
    rev: Args.string({ description: 'Revision: a target name, target~N, a commit id (default: the latest snapshot).' }),
    object: Args.string({ description: 'An object, as schema.name.' }),
  };

  async run(): Promise<SnapshotSummary | ObjectView> {
    const { args, flags } = await this.parse(Show);
    const result = await show({ cwd: process.cwd(), target: flags.target, rev: args.rev, object: args.object });
    if ('yaml' in result) {
      // As the file is (canonical YAML escapes every unsafe character): a literal block's last
      // blank lines and spaces are its value's (`|+`), and trimming them changed it.
      this.say(result.yaml.endsWith('\n') ? result.yaml.slice(0, -1) : result.yaml);
      return result;
    }
    this.say(`${this.painter.paint('yellow', 'snapshot ' + result.commit)}${result.target ? ` (${this.safe(result.target)})` : ''}`);
    this.say(`Date:     ${utcTime(result.date)}`);
    this.say(`Author:   ${this.safe(result.author)}`);
    this.say(`Database: ${this.safe(result.database)} (${result.dialect} ${this.safe(result.server)})`);
    this.say(`Subject:  ${this.safe(result.message)}`);
    if (result.note) this.say(`Note:     ${result.note.split('\n').map((line) => this.safe(line)).join('\n          ')}`);
    // The counts are keyed by tree directory (materialized_views, unknown): said as words, one in the singular.
    const counts = Object.entries(result.counts)
      .filter(([k]) => k !== 'objects')
      .map(([k, v]) => plural(v, k.replace(/s$/, '').replace(/_/g, ' '), k.replace(/_/g, ' ')));
    this.say(`Counts:   ${counts.join(', ')}`);
    let heading = '';
    for (const o of result.objects) {
      const group = `${o.schema} ${KIND_DIRECTORIES[o.kind as ObjectKind]}`;
      if (group !== heading) this.say(`\n${this.painter.paint('bold', this.safe(group))}`);
      heading = group;
      this.say(`  ${this.safe(o.name)}`);
    }
    return result;
  }
}
