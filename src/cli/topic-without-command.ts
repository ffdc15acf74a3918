// oclif's init hook, for a topic typed without its command (`datatrack pipeline`): oclif would print
// the topic's help and exit 0, so a CI step missing its `run` would pass having done nothing. It is
// a usage error like a missing argument: one line, exit 2 (the topic's help stays on --help).
import type { Hook } from '@oclif/core/hooks';
import { EXIT } from '../errors.js';

const HELP_FLAGS = new Set(['--help', '-h']);

const topicWithoutCommand: Hook.Init = async function ({ id, argv }) {
  if (id === undefined || this.config.findCommand(id) || !this.config.findTopic(id) || argv.some((arg) => HELP_FLAGS.has(arg))) return;
  const commands = this.config.commands.filter((c) => c.id.startsWith(`${id}:`) && !c.hidden).map((c) => c.id.slice(id.length + 1).replace(/:/g, ' '));
  const topic = id.replace(/:/g, ' ');
  const message = `${topic} needs a command: ${commands.map((c) => `${topic} ${c}`).join(' or ')}; see \`datatrack ${topic} --help\``;
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message, exitCode: EXIT.usage } }, null, 2)}\n`);
  else process.stderr.write(`datatrack: ${message}\n`);
  this.exit(EXIT.usage);
};

export default topicWithoutCommand;
