// What a connection spec means for mysql2: where the server is, TLS, and the timeouts to apply.
import { isIP } from 'node:net';
import type mysql from 'mysql2/promise';
import { DEFAULT_TIMEOUTS, type ConnectionSpec, type Timeouts } from '../../config/targets.js';
import { UsageError } from '../../errors.js';
import { MYSQL_SSL_MODE_KEYS, readPemOption, refuseUnknownOptions } from '../url-options.js';

/** The Unix socket the URL names; an empty `socket=` names none (the connection goes to host and port, and gets TLS as such). */
// A host that is a path names a socket too: `?host=/run/mysqld/mysqld.sock`, as PostgreSQL URLs name one.
export const socketOf = (spec: ConnectionSpec): string | undefined => spec.options.socket || spec.options.unix_socket || (spec.host?.startsWith('/') ? spec.host : undefined);

export function serverLabel(spec: ConnectionSpec): string {
  if (socketOf(spec)) return `socket ${socketOf(spec)}`;
  const host = spec.host ?? 'localhost';
  // An IPv6 address in brackets, as in the URL: `::1:3306` reads as an address with no port.
  return `${host.includes(':') ? `[${host}]` : host}:${spec.port ?? 3306}`;
}

/** The target's timeouts; `connect_timeout` in the URL (seconds, as PyMySQL takes it) wins for connecting. */
export function timeoutsOf(spec: ConnectionSpec): Timeouts {
  const base = spec.timeouts ?? DEFAULT_TIMEOUTS;
  const connectSeconds = Number(spec.options.connect_timeout);
  return connectSeconds > 0 ? { ...base, connectMs: connectSeconds * 1000 } : base;
}

/**
 * `ssl_mode` as the MySQL clients spell it (`sslmode`, `ssl-mode`, `ssl` accepted); `ssl_ca` a PEM
 * file. preferred, their default, is TLS without verification where the server offers it, plain
 * where it does not (see `preferred`); over a Unix socket it is plain, as for those clients.
 */
const PLAIN_MODES = ['disabled', 'false', 'disable'];
const PREFERRED_MODES = ['', 'preferred', 'prefer'];
const VERIFY_MODES = ['verify_ca', 'verify_identity', 'verify_full'];
const TLS_MODES = ['required', 'require', 'true', ...VERIFY_MODES];

/** What a mode means, so that two spellings of one (`ssl_mode=required&ssl=true`) agree. */
function meaning(mode: string): string {
  if (PLAIN_MODES.includes(mode)) return 'disabled';
  if (PREFERRED_MODES.includes(mode)) return 'preferred';
  if (mode === 'verify_full') return 'verify_identity';
  return VERIFY_MODES.includes(mode) || !TLS_MODES.includes(mode) ? mode : 'required';
}

/** The TLS mode, lower case; two spellings that disagree (`ssl_mode=disabled&ssl=true`) are refused, not one picked. */
function sslMode(options: Record<string, string>): string {
  const given = MYSQL_SSL_MODE_KEYS.filter((key) => options[key] !== undefined);
  const modes = given.map((key) => options[key]!.toLowerCase().replace('-', '_'));
  if (new Set(modes.map(meaning)).size > 1) throw new UsageError(`${given.map((key) => `${key}=${options[key]}`).join(' and ')} disagree; give one TLS mode`, 'BAD_SSLMODE');
  return modes[0] ?? '';
}

/** The TLS mode by its MySQL name (`verify_identity` for `verify-full`), for messages. */
export const sslModeOf = (spec: ConnectionSpec): string => meaning(sslMode(spec.options));

/** Whether the connection may fall back to plain text when the server offers no TLS (ssl_mode preferred). */
export const preferred = (spec: ConnectionSpec): boolean => PREFERRED_MODES.includes(sslMode(spec.options)) && socketOf(spec) === undefined;

function tlsOptions(spec: ConnectionSpec): mysql.SslOptions | undefined {
  const mode = sslMode(spec.options);
  if (![...PLAIN_MODES, ...PREFERRED_MODES, ...TLS_MODES].includes(mode)) throw new UsageError(`ssl_mode must be one of disabled, preferred, required, verify_ca, verify_identity, not ${JSON.stringify(mode)}`, 'BAD_SSLMODE');
  if (PLAIN_MODES.includes(mode) || (PREFERRED_MODES.includes(mode) && socketOf(spec) !== undefined)) return undefined;
  const verify = VERIFY_MODES.includes(mode);
  const ca = readPemOption(spec.options, 'ssl_ca');
  // mysql2 checks the host name only when asked: rejectUnauthorized alone is verify_ca.
  const identity = meaning(mode) === 'verify_identity';
  // For an IP address it sends no server name, and Node then checks the certificate against
  // `localhost`: a certificate for localhost would pass for any address.
  if (identity && socketOf(spec) === undefined && isIP(spec.host ?? '') !== 0) {
    throw new UsageError(`ssl_mode=verify_identity cannot check a certificate against an IP address (${spec.host}) with this MySQL driver; connect by the host name the certificate names, or use ssl_mode=verify_ca`, 'BAD_SSLMODE');
  }
  return { rejectUnauthorized: verify, ...(identity ? { verifyIdentity: true } : {}), ...(ca ? { ca } : {}) };
}

/** The server's own databases: their catalog is the server's, not a schema a team keeps (DESIGN §5). */
const SYSTEM_DATABASES = new Set(['information_schema', 'performance_schema', 'mysql', 'sys']);

function refuseSystemDatabase(spec: ConnectionSpec): void {
  if (!SYSTEM_DATABASES.has(spec.database.toLowerCase())) return;
  throw new UsageError(`${spec.database} is a system database of the server, which datatrack does not track; name your application's database in the URL`, 'SYSTEM_DATABASE');
}

/**
 * The password to log in with: the spec's, MYSQL_PWD (an empty one is none), else the target's
 * stored one. mysql2 sends it in its first answer to the server's greeting, before the server could
 * say it wants none (its auth plugins are asked only when the server switches method), so unlike
 * PostgreSQL's, a MySQL connection reads the secrets file before it connects.
 */
export const loginPassword = (spec: ConnectionSpec): string | undefined => spec.password ?? (process.env.MYSQL_PWD || undefined) ?? spec.storedPassword?.().password;

export function connectionOptions(spec: ConnectionSpec): mysql.ConnectionOptions {
  refuseSystemDatabase(spec);
  refuseUnknownOptions(spec.options, 'mysql');
  const socketPath = socketOf(spec);
  const ssl = tlsOptions(spec);
  return {
    ...(socketPath ? { socketPath } : { host: spec.host ?? 'localhost', port: spec.port ?? 3306 }),
    user: spec.user,
    password: loginPassword(spec),
    database: spec.database,
    connectTimeout: timeoutsOf(spec).connectMs,
    charset: 'UTF8MB4_GENERAL_CI',
    dateStrings: true,
    supportBigNumbers: true,
    multipleStatements: false,
    ...(ssl ? { ssl } : {}),
  };
}

