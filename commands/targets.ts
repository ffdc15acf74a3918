import { listTargets, type TargetListing } from '../src/api/targets.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { shortId } from '../src/cli/terminal.js';

export default class Targets extends DatatrackCommand {
  static override description = 'List targets: name, dialect, connection (passwords never shown) and latest snapshot.';

  async run(): Promise<TargetListing[]> {
    const { flags } = await this.parse(Targets);
    const targets = listTargets({ cwd: process.cwd(), target: flags.target });
    if (targets.length === 0) this.say('no targets; add one with `datatrack connect <url>`');
    for (const t of targets) {
      const marker = t.default ? '*' : ' ';
      const source = t.source === 'config' ? '' : `  (from ${t.source})`;
      this.say(`${marker} ${t.name.padEnd(12)} ${t.dialect.padEnd(8)} ${this.safe(t.url)}  ${t.latest ? shortId(t.latest) : '(no snapshots)'}${source}`);
    }
    return targets;
  }
}
