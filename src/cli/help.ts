// oclif's help, but for a topic typed without its command (`datatrack pipeline`): oclif shows the
// topic's help and exits 0, so a CI step missing its `run` would pass having done nothing. That is
// a usage error like a missing argument: one line, exit 2; the topic's help stays on --help and -h.
// A help class rather than an init hook: it is loaded only when help would be shown, never on the
// way to a command.
import { Help } from '#oclif';
import { EXIT } from '../errors.js';

export default class DatatrackHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    // oclif passes a bare topic alone ([id]); --help and -h come with the words typed.
    const [id] = argv;
    if (argv.length !== 1 || id === undefined || this.config.findCommand(id) || !this.config.findTopic(id)) return super.showHelp(argv);
    const topic = id.replace(/:/g, ' ');
    const commands = this.config.commands.filter((c) => c.id.startsWith(`${id}:`) && !c.hidden).map((c) => `${topic} ${c.id.slice(id.length + 1).replace(/:/g, ' ')}`);
    const message = `${topic} needs a command: ${commands.join(' or ')}; see \`datatrack ${topic} --help\``;
    // oclif hands a bare topic over without the rest of the words: --json is read from the command line.
    if (process.argv.slice(2).includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message, exitCode: EXIT.usage } }, null, 2)}\n`);
    else process.stderr.write(`datatrack: ${message}\n`);
    process.exitCode = EXIT.usage;
  }
}
