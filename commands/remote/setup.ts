import { Args } from '#oclif';
import { DatatrackCommand } from '../../src/cli/base-command.js';
import { setupRemote, type RemoteSetupResult } from '../../src/remote/sync.js';
import { openRepository } from '../../src/store/repository.js';

export default class RemoteSetup extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = 'Add refspecs to a git remote so that plain git fetch and git push carry refs/datatrack/* too.';
  static override args = { remote: Args.string({ description: 'Git remote.', default: 'origin' }) };

  async run(): Promise<RemoteSetupResult> {
    const { args, flags } = await this.parse(RemoteSetup);
    this.refuseTarget(flags, 'sets up the remote for the refs of every target');
    const result = setupRemote(openRepository(process.cwd()), args.remote);
    this.warnAll(result.warnings);
    if (result.added.length === 0) this.say(`${args.remote} already carries refs/datatrack/*`);
    for (const line of result.added) this.say(`added ${line}`);
    return result;
  }
}
