import { Flags } from '#oclif';
import { openRepository } from '../../src/store/repository.js';
import { DatatrackCommand } from '../../src/cli/base-command.js';
import { HOOK_NAMES, hooksDirectoryWarnings, installHooks, type HookChange, type HookName } from '../../src/hooks/install.js';

export default class HooksInstall extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = "Install datatrack's git hooks (core.hooksPath respected; an existing hook is chained, never overwritten).";
  static override examples = ['<%= config.bin %> hooks install', '<%= config.bin %> hooks install --pre-push'];
  static override flags = {
    'pre-commit': Flags.boolean({ description: 'Install the pre-commit hook (lint + verify). Without --pre-commit or --pre-push: both hooks.' }),
    'pre-push': Flags.boolean({ description: 'Install the pre-push hook (lint + verify, optional drift check).' }),
  };

  async run(): Promise<HookChange[]> {
    const { flags } = await this.parse(HooksInstall);
    this.refuseTarget(flags, 'installs hooks that check every target');
    const chosen = HOOK_NAMES.filter((name) => flags[name]);
    const repo = openRepository(process.cwd());
    const changes = installHooks(repo, chosen.length ? chosen : (HOOK_NAMES as readonly HookName[]));
    this.warnAll(hooksDirectoryWarnings(repo));
    for (const c of changes) this.say(`${c.hook}: ${c.action}${c.action === 'chained' ? ' (your existing hook runs after ours)' : ''} — ${c.path}`);
    return changes;
  }
}
