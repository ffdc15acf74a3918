// A word typed after a command's arguments, said the same way whether oclif took the words for a
// longer command's name (the command-not-found hook) or parsed them as arguments (a word holding
// `?` or `=`, a command that takes some): which command, how many it takes, and how to read its help.
import { targetNameProblem } from '../config/config.js';
import { connectCommand, databaseWord } from '../util/database-word.js';
import { plural } from '../util/plural.js';

/**
 * Where the command takes -t, a word after a command that takes no argument is most likely a
 * target typed as in `git push origin` (`datatrack snapshot prod`), or a database (a URL, a SQLite
 * file) given where its target belongs: the message says how to give it.
 */
export function extraArgument(command: string, word: string, takes: number, takesTarget: boolean): string {
  const database = takesTarget ? databaseWord(word) : undefined;
  const asTarget = takes === 0 && takesTarget && targetNameProblem(word) === undefined ? `a target is given as -t ${word}` : undefined;
  const asDatabase = database === undefined ? undefined : `a database is added as a target with \`${connectCommand(word)}\``;
  const hint = asTarget === undefined && asDatabase === undefined ? '' : ` (${[asTarget, asDatabase].filter(Boolean).join('; ')})`;
  const limit = takes === 0 ? `takes no argument ${JSON.stringify(word)}` : `takes at most ${plural(takes, 'argument')}; ${JSON.stringify(word)} is one too many`;
  return `${command} ${limit}${hint}; see \`datatrack ${command} --help\``;
}
