// oclif's hook for a command it does not know: the same one-line error (and, with --json, the same
// JSON error) as every other usage error, instead of oclif's own styled message.
import type { Hook, Interfaces } from '#oclif';
import { EXIT } from '../errors.js';
import { printable } from '../util/printable.js';
import { redactUrl } from '../util/redact.js';
import { connectCommand, databaseWord } from '../util/database-word.js';
import { closest } from '../util/suggest.js';
import { extraArgument } from './extra-argument.js';

/**
 * The first word typed after the command's own: oclif joins all the words into the id with colons,
 * which a word may hold too (`a:b`, a URL), so it is read from the command line as typed.
 */
function firstExtraWord(commandWords: string[], typed: string[]): string | undefined {
  let matched = 0;
  for (const word of typed) {
    if (matched < commandWords.length) {
      if (word === commandWords[matched]) matched++;
    } else if (!word.startsWith('-')) {
      return word;
    }
  }
  return undefined;
}

/**
 * The command (or topic) the words were probably meant to be: two-word commands (`hooks install`)
 * are matched against the first two words, then single words against the first.
 */
function meant(words: string[], config: Interfaces.Config): string | undefined {
  const names = [...config.commands.filter((c) => !c.hidden).map((c) => c.id), ...config.topics.map((t) => t.name)].map((name) => name.split(':'));
  for (const length of [2, 1].filter((n) => words.length >= n)) {
    const guess = closest(words.slice(0, length).join(' '), names.filter((name) => name.length === length).map((name) => name.join(' ')));
    if (guess !== undefined) return guess;
    // A topic's own name with a word it does not take (`hooks bogus`): its commands, not the topic again.
    const under = names.filter((name) => length === 2 && name.length === 2 && name[0] === words[0]).map((name) => name.join(' '));
    if (under.length > 0) return [...new Set(under)].join(' or ');
  }
  return undefined;
}

/**
 * What to type instead of flags given before the command (`datatrack --json history`, which oclif
 * reads as a command named "--json"): the same words, the command first.
 */
function flagsFirst(typed: string[], config: Interfaces.Config): string {
  const at = typed.findIndex((word) => config.findCommand(word) !== undefined || config.findTopic(word) !== undefined);
  const reordered = at < 0 ? '' : ` (datatrack ${[...typed.slice(at), ...typed.slice(0, at)].join(' ')})`;
  return `${JSON.stringify(typed[0])} is a flag, not a command: flags go after the command${redactUrl(reordered)}; see \`datatrack --help\``;
}

function noArgument(command: string[], word: string, config: Interfaces.Config): string {
  const target = config.findCommand(command.join(':'))?.flags.target;
  return extraArgument(command.join(' '), word, 0, target !== undefined && !target.hidden);
}

/** Other tools' ways to ask for help or the version (`git help diff`, `npm -v`): what to type here instead. */
function otherToolsWay(words: string[], typed: string[]): string | undefined {
  if (words[0] === 'help') return `help is a flag here: datatrack ${[...words.slice(1), '--help'].join(' ')}`;
  if (typed.length === 1 && ['version', '-v', '-V'].includes(typed[0]!)) return 'the version is a flag here: datatrack --version';
  return undefined;
}

const suggestion = (word: string | undefined) => (word === undefined ? '' : ` (did you mean ${word}?)`);

/**
 * The words as typed: oclif's id is the words before the first flag joined with colons, which a word
 * (a URL) may hold too; when they spell the id, they are what was typed, colons and all.
 */
function typedWords(id: string, typed: string[]): string[] | undefined {
  const end = typed.findIndex((word) => word.startsWith('-'));
  const words = end < 0 ? typed : typed.slice(0, end);
  return words.join(':') === id ? words : undefined;
}

const commandNotFound: Hook.CommandNotFound = async function ({ id }) {
  // oclif joins the words with colons: a URL typed as a word is redacted before they become spaces.
  const words = redactUrl(id).split(':');
  // A command that takes no arguments followed by a word reaches here as one longer command id.
  let known = 0;
  for (let i = words.length - 1; i > 0 && known === 0; i--) if (this.config.findCommand(words.slice(0, i).join(':'))) known = i;
  const typed = process.argv.slice(2).find((word) => !word.startsWith('-'));
  const message =
    otherToolsWay(words, process.argv.slice(2)) ??
    (id.startsWith('-')
      ? flagsFirst(process.argv.slice(2), this.config)
      : typed !== undefined && databaseWord(typed) !== undefined && known === 0
      ? `${databaseWord(typed) === 'url' ? 'a connection URL' : 'a database file'} is not a command; to add it as a target: ${connectCommand(typed)}`
      : known > 0
      ? noArgument(words.slice(0, known), redactUrl(firstExtraWord(words.slice(0, known), process.argv.slice(2)) ?? words.slice(known).join(':')), this.config)
      : `unknown command "${(typedWords(id, process.argv.slice(2))?.map(redactUrl) ?? words).join(' ')}"${suggestion(meant(words, this.config))}; see \`datatrack --help\``);
  if (process.argv.slice(2).includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'UNKNOWN_COMMAND', message, exitCode: EXIT.usage } }, null, 2)}\n`);
  else process.stderr.write(`datatrack: ${printable(message)}\n`);
  process.exitCode = EXIT.usage;
  return true;
};

export default commandNotFound;
