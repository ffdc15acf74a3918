import { Args } from '#oclif';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { configuredTarget, loadConfig } from '../src/config/config.js';
import { DatatrackError, isFailure, UsageError } from '../src/errors.js';
import { pull, type PullResult } from '../src/remote/sync.js';
import { readRef, targetRef } from '../src/store/refs.js';
import { openRepository } from '../src/store/repository.js';
import { plural } from '../src/util/plural.js';

export default class Pull extends DatatrackCommand {
  static override description = "Fetch a remote's snapshots and put local-only snapshots on top of them, for every target (-t: one target); no commit is ever lost.";
  static override args = { remote: Args.string({ description: 'Git remote.', default: 'origin' }) };

  async run(): Promise<PullResult> {
    const { args, flags } = await this.parse(Pull);
    const repo = openRepository(process.cwd());
    // Read only for the advice of a target refused: a config that does not load makes it less precise, not the pull fail.
    const configuredEngine = (target: string) => {
      if (!repo.workTree) return undefined;
      try {
        return configuredTarget(loadConfig(repo.workTree).config, target)?.dialect;
      } catch (error) {
        if (error instanceof DatatrackError) return undefined;
        throw error;
      }
    };
    const result = await pull(repo, { remote: args.remote, target: flags.target, configuredEngine });
    // A -t that names nothing here or there is a typo: exit 0 would let a CI job go on as if it had pulled.
    if (result.targets.length === 0 && flags.target !== undefined && !configuredEngine(flags.target) && readRef(repo.commonDir, targetRef(flags.target)) === undefined) {
      throw new UsageError(`${args.remote} has no snapshots of ${flags.target}, and no target ${flags.target} is configured or has snapshots here; check the name given to -t`, 'UNKNOWN_TARGET');
    }
    if (result.targets.length === 0) this.say(`${args.remote} has no snapshots${flags.target === undefined ? '' : ` of ${this.safe(flags.target)}`}`);
    for (const t of result.targets) {
      if (isFailure(t)) {
        this.reportFailure(t.target, t.error);
        continue;
      }
      const detail = t.action === 'replayed' ? `: ${plural(t.replayed ?? 0, 'local snapshot')} put on top of ${args.remote}'s` : '';
      const leftOut = t.left_out ? ` (${plural(t.left_out, 'local snapshot')} of a schema ${args.remote} had already recorded left out, with any -m note)` : '';
      this.say(`${this.safe(t.target)}: ${t.action}${detail}${leftOut}`);
      if (t.older_than) {
        this.warnAll([
          `${t.target}: the local snapshot now on top was taken before ${args.remote}'s latest (${t.older_than.slice(0, 7)}), so the newest snapshot reads as undoing what that one recorded; run \`datatrack snapshot -t ${t.target}\` to record the database as it is now, before you push`,
        ]);
      }
    }
    return result;
  }
}
