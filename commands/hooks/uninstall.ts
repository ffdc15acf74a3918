import { Flags } from '#oclif';
import { openRepository } from '../../src/store/repository.js';
import { DatatrackCommand } from '../../src/cli/base-command.js';
import { HOOK_NAMES, uninstallHooks, type HookChange, type HookName } from '../../src/hooks/install.js';

export default class HooksUninstall extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = "Remove datatrack's git hooks and restore any hook they chained.";
  static override flags = {
    'pre-commit': Flags.boolean({ description: 'Remove the pre-commit hook. Without --pre-commit or --pre-push: both hooks.' }),
    'pre-push': Flags.boolean({ description: 'Remove the pre-push hook.' }),
  };

  async run(): Promise<HookChange[]> {
    const { flags } = await this.parse(HooksUninstall);
    this.refuseTarget(flags, 'removes the hooks, which check every target');
    const chosen = HOOK_NAMES.filter((name) => flags[name]);
    const changes = uninstallHooks(openRepository(process.cwd()), chosen.length ? chosen : (HOOK_NAMES as readonly HookName[]));
    for (const c of changes) this.say(`${c.hook}: ${c.action === 'not ours' ? "not datatrack's, left as it is" : c.action} — ${c.path}`);
    return changes;
  }
}
