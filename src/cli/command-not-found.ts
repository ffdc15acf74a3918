// oclif's hook for a command it does not know: the same one-line error (and, with --json, the same
// JSON error) as every other usage error, instead of oclif's own styled message.
import type { Hook } from '@oclif/core/hooks';
import { EXIT } from '../errors.js';
import { printable } from '../util/printable.js';
import { redactUrl } from '../util/redact.js';

const commandNotFound: Hook.CommandNotFound = async function ({ id, argv }) {
  // oclif joins the words with colons: a URL typed as a word is redacted before they become spaces.
  const command = redactUrl(id).replaceAll(':', ' ');
  const message = `unknown command "${command}"; see \`datatrack --help\``;
  if (argv?.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'UNKNOWN_COMMAND', message, exitCode: EXIT.usage } }, null, 2)}\n`);
  else process.stderr.write(`datatrack: ${printable(message)}\n`);
  process.exitCode = EXIT.usage;
  return true;
};

export default commandNotFound;
