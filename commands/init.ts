import { Flags } from '#oclif';
import { init, type InitResult } from '../src/api/init.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { loadConfig } from '../src/config/config.js';
import { HOOK_NAMES, hooksDirectoryWarnings, installHooks, type HookChange } from '../src/hooks/install.js';
import { openRepository } from '../src/store/repository.js';

export default class Init extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = 'Prepare this git repository for datatrack (runs git init first if there is no repository).';
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init --hooks', '<%= config.bin %> init --force'];
  static override flags = {
    hooks: Flags.boolean({ description: 'Also install the git hooks (as `datatrack hooks install`).' }),
    force: Flags.boolean({ description: 'Overwrite .datatrack/ files from the template (config.yaml keeps every setting; schema_rules.yaml is never overwritten).' }),
  };

  async run(): Promise<InitResult & { hooks: HookChange[] }> {
    const { flags } = await this.parse(Init);
    this.refuseTarget(flags, 'sets up the repository for every target');
    const result = init({ cwd: process.cwd(), force: flags.force });
    if (result.git_initialized) this.say(`initialized an empty git repository in ${result.root}`);
    for (const file of result.created) this.say(`created ${file}`);
    for (const file of result.kept) this.say(`kept existing ${file}`);
    const repo = flags.hooks ? openRepository(result.root) : undefined;
    const hooks = repo ? installHooks(repo, HOOK_NAMES) : [];
    if (repo) this.warnAll(hooksDirectoryWarnings(repo));
    for (const c of hooks) this.say(`hook ${c.hook}: ${c.action} — ${c.path}`);
    // A repository set up before (init --force, or a clone of one) needs no connect to go on.
    const targets = Object.keys(loadConfig(result.root).config.targets);
    this.say(targets.length ? `next: datatrack snapshot${targets.length > 1 ? ' --all' : ''} (targets: ${targets.join(', ')})` : 'next: datatrack connect <url>, then datatrack snapshot');
    return { ...result, hooks };
  }
}
