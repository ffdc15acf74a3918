// Connection URLs as users of the Python tool write them (SQLAlchemy style) and plain SQLite
// paths. Parsing splits out the password, which never goes to tracked config, and everything
// printed goes through `redactUrl` (util/redact.ts).
import { isAbsolute, resolve } from 'node:path';
import type { Dialect } from '../model/types.js';
import { UsageError } from '../errors.js';
import { isPasswordParameter, isSecretParameter } from '../util/redact.js';
import type { TargetConfig } from './config.js';

const SCHEMES: Record<string, Dialect> = {
  postgresql: 'postgres',
  postgres: 'postgres',
  'postgresql+psycopg2': 'postgres',
  'postgresql+psycopg': 'postgres',
  'postgresql+asyncpg': 'postgres',
  'postgresql+pg8000': 'postgres',
  mysql: 'mysql',
  'mysql+pymysql': 'mysql',
  'mysql+mysqldb': 'mysql',
  'mysql+mysqlconnector': 'mysql',
  'mysql+aiomysql': 'mysql',
  'mysql+asyncmy': 'mysql',
  mariadb: 'mysql',
  'mariadb+mariadbconnector': 'mysql',
  'mariadb+pymysql': 'mysql',
  sqlite: 'sqlite',
  'sqlite+pysqlite': 'sqlite',
};

/** The dialect a URL scheme (`postgresql`, `mariadb`, `mysql+pymysql`, any case) names, if any. */
export function dialectOfScheme(scheme: string): Dialect | undefined {
  return SCHEMES[scheme.toLowerCase()];
}


export interface ParsedUrl {
  target: TargetConfig;
  password: string | undefined;
  /** A SQLite file given by a relative path (resolved against the working directory in `target`). */
  relativeFile?: boolean;
}

function badUrl(problem: string): UsageError {
  return new UsageError(`${problem}; expected e.g. postgresql://user@host:5432/db, mysql://user@host/db, sqlite:///path/to/file.db or a file path`, 'BAD_URL');
}

/** A TCP port as config or a URL may give it: 1–65535, digits only. */
export function isPort(value: unknown): boolean {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

/** The longest timeout in seconds Node's timers and PostgreSQL's settings both take (2^31 - 1 ms). */
export const MAX_TIMEOUT_SECONDS = 2_147_483;

/** What is wrong with a URL's `connect_timeout` (seconds, as libpq and PyMySQL take it), if anything. */
export function connectTimeoutProblem(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS ? undefined : `connect_timeout=${JSON.stringify(value)} is not a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badUrl('the URL has a malformed %-escape');
  }
}

/** SQLite: `sqlite:///relative.db`, `sqlite:////abs.db`, or a path; resolved against `cwd`. */
function parseSqlite(rest: string, cwd: string): ParsedUrl {
  // `sqlite://` alone is SQLAlchemy's in-memory database; a file always takes the third slash
  if (rest === '//') throw badUrl('a SQLite target needs a database file, not an in-memory database');
  if (!rest.startsWith('///')) throw badUrl('a sqlite URL starts with sqlite:///');
  const [written, query] = rest.slice(3).split(/\?(.*)/s) as [string, string | undefined];
  let path = decode(written);
  // SQLAlchemy's SQLite URI form, sqlite:///file:/abs/app.db?mode=ro&uri=true: the file is the URI's
  // path (file:app.db, file:/abs/app.db, file:///abs/app.db); datatrack opens every database read-only anyway.
  const params = new URLSearchParams(query ?? '');
  if (params.get('uri')?.toLowerCase() === 'true' && path.startsWith('file:')) {
    if (params.get('mode') === 'memory') throw badUrl('a SQLite target needs a database file, not an in-memory database');
    path = path.slice('file:'.length).replace(/^\/\/(?:localhost)?(?=\/)/i, '');
    if (path.startsWith('//')) throw badUrl('a SQLite file URI names no other host than localhost');
  }
  if (path === '' || path === ':memory:') throw badUrl('a SQLite target needs a database file, not an in-memory database');
  return { target: { dialect: 'sqlite', database: resolve(cwd, path) }, password: undefined, relativeFile: !isAbsolute(path) };
}

/**
 * What follows the scheme, as a WHATWG URL. `user@` or `user@:port` with no host (SQLAlchemy's and
 * libpq's forms for a Unix socket given as ?host=/path) is no valid WHATWG URL: a placeholder host
 * makes it parse, and `hostless` says to drop it again.
 */
function whatwgUrl(rest: string): { url: URL; hostless: boolean } {
  const authority = /^\/\/([^/?#]*)/.exec(rest)?.[1] ?? '';
  const at = authority.lastIndexOf('@') + 1;
  // `//app:2024/pw@db/shop`, a password with a raw `/` after digits, parses as host app, port 2024 and
  // a database holding the password's tail, which every message would then repeat.
  // So does `//app:Qx7#retz@db/shop` (a raw ? or # ends the host part at once, the password's tail read as a query or fragment).
  const after = rest.slice(2 + authority.length);
  if (at === 0 && (/^[^?#]*@/.test(after) || /^[?#][^/]*@/.test(after))) {
    throw badUrl('the URL has an @ after its host (a password holding a raw / ? or #?); percent-encode them in a password (%2F %3F %23), and an @ in a database name (%40)');
  }
  // A port past 65535 makes no WHATWG URL: said as the port it is, not as a URL that cannot be parsed.
  const port = /:(\d+)$/.exec(authority.slice(at))?.[1];
  if (port !== undefined && Number(port) > 65535) throw badUrl(`port ${JSON.stringify(port)} is not a port number from 1 to 65535`);
  const hostless = (at > 0 && at === authority.length) || /^:\d*$/.test(authority.slice(at));
  const placed = `//${authority.slice(0, at)}localhost${authority.slice(at)}${rest.slice(2 + authority.length)}`;
  try {
    return { url: new URL(`dt:${hostless ? placed : rest}`), hostless };
  } catch {
    throw badUrl('the URL cannot be parsed');
  }
}

/**
 * The URL as written, less its password (user info and password parameters): re-serialised by the
 * URL parser, so that it parses back to the same target (IPv6 hosts, encoded names, sockets).
 */
export function urlWithoutPassword(given: string): string {
  const input = given.trim();
  const scheme = /^([a-z][a-z0-9+._-]*):\/\//i.exec(input)?.[1];
  if (scheme === undefined || SCHEMES[scheme.toLowerCase()] === undefined || SCHEMES[scheme.toLowerCase()] === 'sqlite') return input;
  const { url, hostless } = whatwgUrl(input.slice(scheme.length + 1));
  url.password = '';
  for (const key of [...url.searchParams.keys()]) if (!key.toLowerCase().startsWith('ssl') && isPasswordParameter(key)) url.searchParams.delete(key);
  const text = url.href.slice('dt:'.length);
  return `${scheme}:${hostless ? text.replace(/^(\/\/(?:[^/?#]*@)?)localhost/, '$1') : text}`;
}

export function parseConnectionUrl(given: string, cwd: string): ParsedUrl {
  // Pasted URLs and CI secrets often carry a stray space or newline; no file path starts or ends with one.
  const input = given.trim();
  const scheme = /^[a-z]:[\\/]/i.test(input) ? undefined : /^([a-z][a-z0-9+._-]*):/i.exec(input)?.[1];
  // A path may hold a colon; written scheme:// it is a URL (postgresql_psycopg2:// is a mistake to name, not a file).
  if (scheme === undefined || (scheme.includes('_') && !input.startsWith('//', scheme.length + 1))) {
    // `postgresql//app:pw@db/shop` lost its colon: as a file path it would be echoed, password and all, by "does not exist".
    const colonless = /^([a-z][a-z0-9+.-]*)\/\//i.exec(input)?.[1];
    if (colonless !== undefined && SCHEMES[colonless.toLowerCase()] !== undefined) throw badUrl(`the URL lacks the colon after ${colonless}; write ${colonless}://…`);
    return { target: { dialect: 'sqlite', database: isAbsolute(input) ? input : resolve(cwd, input) }, password: undefined, relativeFile: !isAbsolute(input) };
  }
  const dialect = SCHEMES[scheme.toLowerCase()];
  if (!dialect) throw badUrl(`unknown URL scheme "${scheme}:"`);
  const rest = input.slice(scheme.length + 1);
  if (dialect === 'sqlite') return parseSqlite(rest, cwd);
  // `postgresql:/app:pw@db/shop` would parse as a database named "app:pw@db/shop", repeated in every message.
  if (!rest.startsWith('//')) throw badUrl(`a ${scheme} URL starts with ${scheme}://`);
  const { url, hostless } = whatwgUrl(rest);
  const options: Record<string, string> = {};
  for (const [key, value] of url.searchParams) options[key] = value;
  // SQLAlchemy's asyncpg URLs spell libpq's sslmode `ssl` (ssl=require, and true or false).
  if (scheme.toLowerCase() === 'postgresql+asyncpg' && options.ssl !== undefined) {
    if (options.sslmode !== undefined) throw badUrl('the URL gives both ssl and sslmode; give one');
    options.sslmode = ({ true: 'require', false: 'disable' } as Record<string, string>)[options.ssl.toLowerCase()] ?? options.ssl;
    delete options.ssl;
  }
  const host = options.host ?? (url.hostname && !hostless ? decode(url.hostname.replace(/^\[|\]$/g, '')) : undefined);
  delete options.host;
  // libpq's URIs may give any part as a parameter (postgresql:///?dbname=shop&host=/run/postgresql&port=5433), which wins.
  const libpq = (key: 'port' | 'user' | 'dbname') => {
    const value = dialect === 'postgres' ? options[key] : undefined;
    if (dialect === 'postgres') delete options[key];
    return value;
  };
  const [portParameter, userParameter, databaseParameter] = [libpq('port'), libpq('user'), libpq('dbname')];
  const database = databaseParameter ?? decode(url.pathname.replace(/^\//, ''));
  if (!database) throw badUrl('the URL names no database');
  const target: TargetConfig = { dialect, database };
  if (host) target.host = host;
  const port = portParameter ?? url.port;
  if (port !== '' && /^0+$/.test(port)) throw badUrl('port 0 is not a port one can connect to');
  if (port !== '' && !isPort(port)) throw badUrl(`port ${JSON.stringify(port)} is not a port number from 1 to 65535`);
  if (port) target.port = Number(port);
  const timeoutProblem = connectTimeoutProblem(options.connect_timeout);
  if (timeoutProblem) throw badUrl(timeoutProblem);
  if (userParameter || url.username) target.user = userParameter || decode(url.username);
  let password = url.password ? decode(url.password) : undefined;
  for (const key of Object.keys(options)) {
    if (key.toLowerCase().startsWith('ssl') || !isPasswordParameter(key)) continue;
    password ??= options[key];
    delete options[key];
  }
  // Options go to tracked config: a key's passphrase has no place there (nor a use: keys are read as given).
  if (Object.keys(options).some((key) => key.toLowerCase() === 'sslpassword')) {
    throw new UsageError('sslpassword is not supported: datatrack would have to store it in tracked config; use a key file without a passphrase, readable only by you', 'BAD_URL');
  }
  if (Object.keys(options).length > 0) target.options = options;
  return { target, password };
}

/** `text` with the characters that would end or split its part of a URL percent-encoded (not the rest: names stay readable). */
function escapeUrlPart(text: string, special: RegExp): string {
  return text.replace(special, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** What would end or split a query parameter's key or value (`+` reads as a space). */
const QUERY_SPECIAL = /[%&=#+\s]/g;

/**
 * A display form of a target: dialect://user@host:port/database?options, never with a password. It
 * is a URL that names the same connection (`targets --json` gives it as `url`): a user name holding
 * `:` or `@`, an IPv6 address (`[::1]`), a socket directory (`?host=/run/postgresql`, as SQLAlchemy
 * writes it), a database name holding `/`, `?` or `#`, and the options (`sslmode`, a MySQL
 * `unix_socket`) are written so that they parse back; an option named as a secret shows `***`. With no host the driver's default applies
 * (PGHOST, else localhost): none is written, unless a port needs one before it.
 */
export function describeTarget(target: TargetConfig): string {
  if (target.dialect === 'sqlite') return `sqlite:///${target.database}`;
  const user = target.user ? `${escapeUrlPart(target.user, /[%:@/?#[\]\s]/g)}@` : '';
  const port = target.port ? `:${target.port}` : '';
  const database = escapeUrlPart(target.database, /[%/?#\s]/g);
  const socket = target.host?.startsWith('/') ? target.host : undefined;
  // No host (or a socket directory, given as ?host=): libpq's `user@:port`, which parses back to no host, as localhost would not.
  const host = socket !== undefined || target.host === undefined ? '' : target.host;
  const query = [...(socket === undefined ? [] : [['host', socket]]), ...Object.entries(target.options ?? {})]
    .map(([key, value]) => `${escapeUrlPart(key, QUERY_SPECIAL)}=${isSecretParameter(key) ? '***' : escapeUrlPart(String(value), QUERY_SPECIAL)}`);
  return `${target.dialect}://${user}${host.includes(':') ? `[${host}]` : host}${port}/${database}${query.length ? `?${query.join('&')}` : ''}`;
}
