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
export function extraArgument(command: string, word: string, takes: number, takesTarget: boolean, first?: string): string {
  const named = command === 'connect' && first !== undefined ? targetNamedAsArgument(first, word) : undefined;
  const database = takesTarget && named === undefined ? databaseWord(word) : undefined;
  const asTarget = takes === 0 && takesTarget && targetNameProblem(word) === undefined ? `a target is given as -t ${word}` : undefined;
  const asDatabase = database === undefined ? undefined : `a database is added as a target with \`${connectCommand(word)}\``;
  const hints = [named, asTarget, asDatabase].filter(Boolean);
  const hint = hints.length === 0 ? '' : ` (${hints.join('; ')})`;
  const limit = takes === 0 ? `takes no argument ${JSON.stringify(word)}` : `takes at most ${plural(takes, 'argument')}; ${JSON.stringify(word)} is one too many`;
  return `${command} ${limit}${hint}; see \`datatrack ${command} --help\``;
}

/**
 * `connect prod <url>` or `connect <url> prod`, as `git remote add` takes a name: one of the two
 * words a database, the other a target name, which connect takes as --name.
 */
function targetNamedAsArgument(first: string, extra: string): string | undefined {
  const isName = (word: string) => databaseWord(word) === undefined && targetNameProblem(word) === undefined;
  const [database, name] = databaseWord(extra) !== undefined && isName(first) ? [extra, first] : databaseWord(first) !== undefined && isName(extra) ? [first, extra] : [];
  return database === undefined ? undefined : `a target is named with --name: \`${connectCommand(database!)} --name ${name}\``;
}
