import { listTargets, type TargetListing } from '../src/api/targets.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { shortId } from '../src/cli/terminal.js';

export default class Targets extends DatatrackCommand {
  static override description = 'List targets: name, dialect, connection (passwords never shown) and latest snapshot.';

  async run(): Promise<TargetListing[]> {
    const { flags } = await this.parse(Targets);
    const targets = listTargets({ cwd: process.cwd(), target: flags.target });
    if (targets.length === 0) this.say('no targets; add one with `datatrack connect <url>`');
    // Columns as wide as their widest entry, so that the snapshot ids line up under each other.
    const rows = targets.map((t) => ({ t, name: this.safe(t.name), url: this.safe(t.url) }));
    const width = (column: 'name' | 'url') => Math.max(...rows.map((row) => row[column].length));
    for (const { t, name, url } of rows) {
      const marker = t.default ? '*' : ' ';
      const source = t.source === 'config' ? '' : `  (from ${t.source})`;
      const latest = t.latest ? shortId(t.latest) : t.error ? '(ref damaged)' : '(no snapshots)';
      this.say(`${marker} ${name.padEnd(Math.max(12, width('name')))} ${t.dialect.padEnd(8)} ${url.padEnd(width('url'))}  ${latest}${source}`);
    }
    // After the table, as pull and push report a target that failed.
    for (const t of targets) if (t.error) this.reportFailure(t.name, t.error);
    return targets;
  }
}
