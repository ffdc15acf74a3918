// Passwords out of any text that may quote a connection URL: error messages (a URL given where a
// revision, target or command was expected is repeated back), git's stderr, migrated files.
import { escapeRegExp } from './regexp.js';

/** A user-info password: from `//user:` to the authority's last `@` (a raw `@` or space may sit inside). */
const USERINFO_PASSWORD = /(\/\/[^/@\s:]*:)[^/?#\n]*@/g;
/**
 * One with a raw `/`, `?` or `#` in it (base64 passwords hold `/`), and with a quote or a space as
 * well (a generated password holds any of them): from `//user:` to the last `@` of the line, unless
 * what follows the colon is a port (`//db:5432/shop`, where an `@` further on is someone's
 * address). Text between that `@` and the URL's own is taken out with it: too much hidden is
 * better than the tail of a password shown.
 */
const USERINFO_PASSWORD_WITH_SLASH = /(\/\/[^/@\s:"']*:)(?![0-9]*(?:[/?#\s"'\\]|$))[^\n]*@/g;
/**
 * The same in a database URL that lost its `//` or its colon (`mysql:app:pw@db/shop`,
 * `postgresql:/app:pw@db/shop`, `mysql/app:pw@db/shop`): echoed as a revision, a file path or a
 * `--source` that names nothing, it must not carry its password either.
 */
const SLASHLESS_USERINFO_PASSWORD = /\b((?:postgres(?:ql)?|mysql|mariadb)(?:\+[a-z0-9]+)?(?::\/?|\/)[^/@\s:"']+:)(?![0-9]*(?:[/?#\s"'\\]|$))[^\n]*@/gi;
/**
 * One that starts like a port but runs on, with no space or quote, to an `@` (`//app:2024/pw@db`):
 * the URL parser refuses it, so a message can only be repeating it as it was typed.
 */
const PORTLIKE_USERINFO_PASSWORD = /(\/\/[^/@\s:"']*:)[0-9]*[/?#][^\s"'@]*@/g;
/**
 * A password in a libpq keyword/value string (`host=db password=pw`) or an ADO.NET one
 * (`Server=db;Password=pw;`), quoted or not, pasted where a URL belongs; any key naming a secret, as isSecretParameter reads a URL's (`ssl_key_password=`).
 */
const CONNINFO_PASSWORD = /((?:^|[\s/"';])\w*(?:pass|pwd|secret|token)\w*\s*=\s*)(?:'(?:[^'\\\n]|\\.)*'?|[^\s"';]+)/gi;
/** A URL word's user-info password: the word's own bounds say where it ends, a line break or quote inside it too. */
const WORD_USERINFO_PASSWORD = /^(?:[^=/\s]*=)?[a-z][a-z0-9+.-]*:\/*([^/@\s:]*):([\s\S]+)@[^@]*$/i;
/**
 * Shorter pieces are left to the patterns: taken out wherever they occur, they would garble the
 * message, and the stars left in a message whose words are known (`p***ssword`) would spell them.
 */
const MIN_LITERAL = 4;

/** A letter or digit (a combining mark is part of its letter): what a longer word a secret sits inside is made of. */
const WORD_CHARACTER = '[\\p{L}\\p{N}\\p{M}]';

/**
 * `secret` as a pattern that matches it only where it is no part of a longer word: `pass` is taken
 * out of `pass: …`, not out of `password`. An end that is not itself a letter or digit bounds it
 * already (`-pw1` in `x-pw1`), so only ends that are must be bounded by the text around them.
 */
function standalone(secret: string): RegExp {
  // The letter of an escape (`\n` in a JSON-escaped password) bounds it too: a line's piece follows it.
  const before = new RegExp(`^${WORD_CHARACTER}`, 'u').test(secret) ? `(?<!(?<!\\\\)${WORD_CHARACTER})` : '';
  const after = new RegExp(`${WORD_CHARACTER}$`, 'u').test(secret) ? `(?!${WORD_CHARACTER})` : '';
  return new RegExp(`${before}${escapeRegExp(secret)}${after}`, 'gu');
}

/**
 * The text with every standalone occurrence of the secrets long enough to take out as text replaced
 * by `***`. One equal to a name the text shows anyway (the user's) is left: its stars would hide
 * that name, and nothing the name does not already tell.
 */
export function withoutSecrets(text: string, secrets: readonly (string | undefined)[], names: readonly (string | undefined)[] = []): string {
  return secrets
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_LITERAL && !names.includes(secret))
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.replace(standalone(secret), '***'), text);
}

let typed: string[] | undefined;

/**
 * The passwords of connection URLs typed on this command line, as they may be repeated: raw,
 * JSON-escaped, and line by line (a message keeps only its first line). The patterns below cannot
 * tell where a password with a line break in it ends; the word it was typed in can.
 */
function typedPasswords(): string[] {
  typed ??= process.argv.slice(2).flatMap((word) => {
    const [, user, password] = WORD_USERINFO_PASSWORD.exec(word) ?? [];
    // Digits alone are the pattern's to find: taken out everywhere, they would garble counts and ports.
    // One equal to the user name is too: the messages name the user (withoutSecrets).
    if (password === undefined || /^[0-9]*$/.test(password) || password === user) return [];
    return [password, JSON.stringify(password).slice(1, -1), ...password.split(/\r?\n|\r/)];
  });
  return typed;
}

/**
 * A query parameter; its key is tested decoded (`pass%77ord` is `password` to a URL parser). Its
 * value runs past a `#`: typed raw, a password's tail would otherwise be left as the fragment.
 */
const QUERY_PARAMETER = /([?&])([^=&#\s]+)=([^&\n]*)/g;
const PASSWORD_KEY = /^(?:ssl)?(?:password|passwd|pass|pwd)$/i;

function decodedKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** Whether a URL query parameter carries a password (libpq, PyMySQL, mysqlclient spellings, any case). */
export function isPasswordParameter(key: string): boolean {
  return PASSWORD_KEY.test(decodedKey(key));
}

/**
 * Options whose value may be a secret though no password parameter takes it out (PyMySQL's
 * ssl_key_password, `sslkeypassword`, a token): no driver here knows one, so the connection refuses
 * it, but a URL typed or set with one is repeated by messages and listed by `targets`.
 */
const SECRET_KEY = /pass|pwd|secret|token/i;

/** Whether a URL query parameter or option may carry a secret: every password parameter, and any key naming one. */
export function isSecretParameter(key: string): boolean {
  return SECRET_KEY.test(decodedKey(key));
}

/**
 * The text with every password a URL in it carries replaced by `***`. A secret parameter's value
 * runs to the next `&` or the end of the line: an unencoded space must not leave half of it.
 */
export function redactUrl(text: string): string {
  return withoutSecrets(text, typedPasswords())
    .replace(SLASHLESS_USERINFO_PASSWORD, '$1***@')
    .replace(USERINFO_PASSWORD_WITH_SLASH, '$1***@')
    .replace(PORTLIKE_USERINFO_PASSWORD, '$1***@')
    .replace(USERINFO_PASSWORD, '$1***@')
    .replace(CONNINFO_PASSWORD, '$1***')
    .replace(QUERY_PARAMETER, (whole, lead: string, key: string) => (isSecretParameter(key) ? `${lead}${key}=***` : whole));
}
