import { Args, Flags } from '#oclif';
import { HOOKS, runHook, type Hook as HookName, type HookResult } from '../src/api/hook.js';
import { DatatrackCommand } from '../src/cli/base-command.js';
import { readPipedStdin } from '../src/cli/stdin.js';
import { colorEnabled, Painter } from '../src/cli/terminal.js';
import { runChainedHook } from '../src/hooks/chain.js';

export default class Hook extends DatatrackCommand {
  static override baseFlags = DatatrackCommand.targetlessBaseFlags;
  static override description = 'What the git hooks run: lint and verify the latest snapshots (and, before a push, optionally check drift). Exit 1 blocks.';
  static override args = {
    hook: Args.string({ required: true, options: [...HOOKS], description: 'The git hook being run.' }),
    rest: Args.string({ description: 'What git passes the hook (handed on to a chained hook).' }),
  };
  static override flags = {
    chain: Flags.string({ description: 'A hook to run after ours passes, with the same arguments and stdin (set up by `hooks install` for an existing hook).', helpValue: 'HOOK' }),
  };
  static override strict = false;
  // oclif would print `HOOK... [REST...]` for a command that takes any number of arguments: one hook, then git's.
  static override usage = '<%= command.id %> pre-commit|pre-push [ARGS...] [--json] [--debug] [--color] [--chain HOOK]';

  async run(): Promise<HookResult> {
    const { args, argv, flags } = await this.parse(Hook);
    this.refuseTarget(flags, 'checks every target');
    let input: string | undefined;
    const gitArguments = (argv as string[]).slice(1);
    const result = await runHook({ cwd: process.cwd(), hook: args.hook as HookName, readInput: async () => (input = await readPipedStdin()), fromGit: gitArguments.length > 0 });
    // The report goes to stderr: colour it when stderr is a terminal, not stdout (a hook's log
    // redirected with 2> would otherwise get escape codes, and a terminal with stdout piped none).
    const painter = new Painter(colorEnabled(process.stderr, !this.argv.includes('--no-color')));
    const mark = { ok: painter.paint('green', 'ok'), blocked: painter.paint('red', 'BLOCKED'), warning: painter.paint('yellow', 'warning') };
    for (const line of result.lines) process.stderr.write(`datatrack ${result.hook}: ${mark[line.status]} ${line.text.split('\n').map((part) => this.safe(part)).join('\n')}\n`);
    if (result.blocked) {
      process.stderr.write(`datatrack ${result.hook}: blocked; fix the findings above, or bypass once with --no-verify\n`);
      process.exitCode = 1;
    } else if (flags.chain) {
      process.exitCode = runChainedHook(flags.chain, gitArguments, input);
    }
    return result;
  }
}
