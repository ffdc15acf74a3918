// libpq's password file (PGPASSFILE, else ~/.pgpass), read as libpq reads it, so that a file psql
// takes works here unchanged. pg's own reader (the pgpass package) differs where it matters: it
// skips every line shorter than 11 characters (`*:*:*:*:pw`) and is off whenever PGPASSWORD is
// set, even to nothing.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PasswordFileKey {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Files already warned about: every connection of a run looks the password up. */
const warned = new Set<string>();

function warnOnce(file: string, problem: string): void {
  if (warned.has(file)) return;
  warned.add(file);
  process.stderr.write(`warning: password file "${file}" ${problem}\n`);
}

/**
 * The rest of `line` after its first field if that field is `*` or `value`, else undefined. As
 * libpq's pwdfMatchesString: `\` escapes the next character, `*` matches only as a whole field.
 */
function matchField(line: string, value: string): string | undefined {
  if (line.startsWith('*:')) return line.slice(2);
  let field = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ':') return field === value ? line.slice(i + 1) : undefined;
    if (line[i] === '\\' && i + 1 < line.length) i++;
    field += line[i];
  }
  return undefined;
}

/** The password a line holds, up to an unescaped `:`, de-escaped. */
function passwordField(rest: string): string {
  let password = '';
  for (let i = 0; i < rest.length && rest[i] !== ':'; i++) {
    if (rest[i] === '\\' && i + 1 < rest.length) i++;
    password += rest[i];
  }
  return password;
}

/**
 * The Unix socket directories libpq is built to use by default (upstream /tmp; Debian, Ubuntu and
 * Red Hat /var/run/postgresql; Alpine /run/postgresql). libpq looks a connection through its default
 * directory up as `localhost` (the host psql's own lines name): such a line matches here too, beside
 * one naming the directory, which libpq built with another default takes.
 */
const DEFAULT_SOCKET_DIRECTORIES = new Set(['/tmp', '/var/run/postgresql', '/run/postgresql']);

/**
 * The password of the first line matching the connection (`#` starts a comment line), if any. A
 * file that is not a plain file, or that others may read, is ignored with a warning, as by libpq.
 */
export function passwordFromFile(key: PasswordFileKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.PGPASSFILE || join(homedir(), '.pgpass');
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return void warnOnce(file, 'is not a plain file');
    if (stat.mode & 0o077) return void warnOnce(file, 'has group or world access; permissions should be u=rw (0600) or less');
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const hosts = DEFAULT_SOCKET_DIRECTORIES.has(key.host) ? [key.host, 'localhost'] : [key.host];
  const wanted = [String(key.port), key.database, key.user];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    let rest = hosts.map((host) => matchField(line, host)).find((after) => after !== undefined);
    for (const value of wanted) rest = rest === undefined ? undefined : matchField(rest, value);
    // An empty password is none, as for libpq.
    if (rest !== undefined) return passwordField(rest) || undefined;
  }
  return undefined;
}
