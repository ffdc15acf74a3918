import { Args, Flags } from '#oclif';
import { history, type HistoryEntry } from '../src/api/history.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { shortId } from '../src/cli/terminal.js';
import { renderChangeLines } from '../src/diff/render/text.js';
import { DIALECT_NAMES, type Dialect } from '../src/model/types.js';
import { printable } from '../src/util/printable.js';
import { utcTime } from '../src/cli/utc-time.js';

/** A dialect as people write it (SQLite), or as a trailer spelt it when datatrack knows no such dialect. */
const engineName = (dialect: string) => printable(Object.hasOwn(DIALECT_NAMES, dialect) ? DIALECT_NAMES[dialect as Dialect] : dialect);

export default class History extends DatatrackCommand {
  static override description = 'List snapshots newest first; with OBJECT, only the snapshots that changed it, and what changed in it.';
  static override examples = ['<%= config.bin %> history', '<%= config.bin %> history -n 5', '<%= config.bin %> history public.users'];
  static override args = { object: Args.string({ description: 'An object, as schema.name (e.g. public.users).' }) };
  static override flags = { max: Flags.integer({ char: 'n', description: 'Show at most N snapshots.', min: 1, helpValue: 'N' }) };

  async run(): Promise<HistoryEntry[]> {
    const { args, flags } = await this.parse(History);
    const warnings: string[] = [];
    const entries = await history({ cwd: process.cwd(), target: flags.target, limit: flags.max, object: args.object, warnings });
    this.warnAll(warnings);
    if (entries.length === 0) this.say(args.object ? `no snapshot changed ${this.safe(args.object)}` : 'no snapshots');
    for (const e of entries) {
      const change = e.change ? `  ${e.change}` : '';
      // The author's name only, as `git log --format=%an` gives it: with the email the line outgrew a terminal (--json keeps both).
      const author = e.author.replace(/ <[^>]*>$/, '');
      this.say(`${this.painter.paint('yellow', shortId(e.commit))} ${utcTime(e.date)}  ${this.safe(author)}  ${this.safe(e.message)}${change}`);
      for (const line of e.note?.split('\n') ?? []) this.say(`    ${this.safe(line)}`);
      if (e.engine_change) this.say(`    engine: ${engineName(e.engine_change.from)} → ${engineName(e.engine_change.to)} (another database: its objects read as removed and added)`);
      for (const line of renderChangeLines(e.changes ?? [], (style, text) => this.painter.paint(style, text))) this.say(line);
      // Its file changed but nothing in it did: SQL written another way, as diff says too.
      if (e.change === 'modified' && e.changes?.length === 0) this.say(this.painter.paint('dim', '    written differently, the same in meaning'));
    }
    return entries;
  }
}
