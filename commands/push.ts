import { Args, Flags } from '#oclif';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { push, type PushResult } from '../src/remote/sync.js';
import { openRepository } from '../src/store/repository.js';

export default class Push extends DatatrackCommand {
  static override description = 'Push the snapshot history of every target (-t: one target) to a git remote (never forced).';
  static override args = { remote: Args.string({ description: 'Git remote.', default: 'origin' }) };
  static override flags = {
    'no-verify': Flags.boolean({ description: 'Skip the pre-push hook, as git push --no-verify does.' }),
  };

  async run(): Promise<PushResult> {
    const { args, flags } = await this.parse(Push);
    const result = push(openRepository(process.cwd()), {
      remote: args.remote,
      target: flags.target,
      noVerify: flags['no-verify'],
      relay: (line) => process.stderr.write(`${this.safe(line)}\n`),
    });
    if (result.refs.length === 0) this.say('no snapshots to push');
    for (const r of result.refs) {
      if (r.error) this.reportFailure(r.ref, r.error);
      else if (r.status === 'behind') this.say(`${r.ref}: behind ${result.remote}, nothing to push (\`datatrack pull ${result.remote}\` brings its newer snapshots)`);
      else this.say(`${r.ref}: ${r.status}`);
    }
    return result;
  }
}
