import { Flags } from '#oclif';
import { disconnect } from '../src/api/targets.js';
import { DatatrackCommand } from '../src/cli/base-command.js';

export default class Disconnect extends DatatrackCommand {
  static override description = 'Remove a target and its stored password (its snapshot history stays in git).';
  static override flags = { name: Flags.string({ description: 'Target name; default: the default target (-t/--target says the same).', helpValue: 'NAME' }) };

  async run(): Promise<{ target: string; snapshots_kept: boolean }> {
    const { flags } = await this.parse(Disconnect);
    const result = disconnect({ cwd: process.cwd(), name: this.namedTarget(flags) });
    this.say(`removed target ${result.target}${result.snapshots_kept ? `; its history stays on refs/datatrack/${result.target}` : ''}`);
    return result;
  }
}
