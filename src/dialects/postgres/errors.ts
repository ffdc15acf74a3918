// PostgreSQL and network failures as one-line DatabaseErrors (exit 3) that say what happened and
// what to do. Messages name the server as user@host:port/database, never with a password.
import { userInfo } from 'node:os';
import { isPort } from '../../config/url.js';
import type { ConnectionSpec, Timeouts } from '../../config/targets.js';
import { DatabaseError, UsageError } from '../../errors.js';

interface PgFailure extends Error {
  code?: string;
  severity?: string;
}

/**
 * The catalog changed under the snapshot: an object the snapshot lists was dropped before the
 * server deparsed it, or DDL committed while the catalog was read (deparsing reads the live
 * catalog, not the snapshot). Reading again gives a consistent result.
 */
export class CatalogChanged extends Error {}

/** Where a spec connects, what its URL leaves out filled in as libpq fills it. */
export interface Server {
  /** A host name, an address, or a Unix socket's directory. */
  host: string;
  port: number;
  user: string | undefined;
  database: string;
}

/** The login name, as libpq takes it (the account's, not $USER); undefined where the system has none for this uid. */
function loginName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/**
 * As libpq: PGHOST, PGPORT and PGUSER stand in for a host, port and user the URL leaves out, then
 * localhost, 5432 and the login name. (Left to pg, the password file would be searched for another
 * server than the one connected to, and with no $USER the server would be sent no user at all.)
 */
export function serverOf(spec: ConnectionSpec): Server {
  const port = spec.port ?? (process.env.PGPORT || undefined);
  if (port !== undefined && !isPort(port)) throw new UsageError(`PGPORT ${JSON.stringify(port)} is not a port number from 1 to 65535`, 'BAD_PORT');
  return { host: spec.host ?? (process.env.PGHOST || 'localhost'), port: Number(port ?? 5432), user: spec.user ?? (process.env.PGUSER || loginName()), database: spec.database };
}

/**
 * The TLS settings a connection used, named as the user gave them (`PGSSLMODE=verify-full`,
 * `PGSSLROOTCERT /etc/ssl/db-ca.pem`, a default file's path), so that a refusal says which to fix.
 */
export interface TlsNames {
  mode: string;
  /** sslrootcert=system: no file to name, and no weaker mode to fall back on. */
  system?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** OpenSSL's reasons for not trusting a certificate chain, as Node codes them. */
const UNVERIFIED = /^(UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED_CERT$|CERT_|INVALID_CA$)/;

export function describeServer(spec: ConnectionSpec): string {
  const { host, port, user, database } = serverOf(spec);
  return `${user ? `${user}@` : ''}${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** A server-side error (it has a SQLSTATE), as opposed to a network or client one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as PgFailure | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Why a connection could not be opened; `withheld` says why a stored password was not sent (ConnectionSpec). */
export function connectionError(error: unknown, server: string, timeouts: Timeouts, tls: TlsNames, withoutPassword = false, withheld?: string): DatabaseError {
  const failure = error as PgFailure;
  const message = oneLine(failure.message ?? String(error));
  const state = sqlState(error);
  const say = (text: string, code: string) => new DatabaseError(text, code, error);
  switch (failure.code) {
    case 'ECONNREFUSED':
      return say(`cannot connect to PostgreSQL at ${server}: connection refused; is the server running and listening on that host and port?`, 'DB_UNREACHABLE');
    case 'ENOENT':
      return say(`cannot connect to PostgreSQL at ${server}: there is no server socket in that directory for that port; is the server running, and are they its unix_socket_directories and port?`, 'DB_UNREACHABLE');
    // The socket's path runs through the host: a file there (the socket itself, given for its directory) is no directory.
    case 'ENOTDIR':
      return say(`cannot connect to PostgreSQL at ${server}: the host is not a directory; a socket's host names the directory it is in (unix_socket_directories), not the socket`, 'DB_UNREACHABLE');
    case 'EACCES':
      return say(`cannot connect to PostgreSQL at ${server}: permission denied on the server socket (or its directory) for this user`, 'DB_UNREACHABLE');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say(`cannot connect to PostgreSQL at ${server}: the host name does not resolve`, 'DB_UNREACHABLE');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return say(`cannot connect to PostgreSQL at ${server}: the host is unreachable (${failure.code})`, 'DB_UNREACHABLE');
  }
  if (message === 'timeout expired' || /connection timeout/i.test(message)) {
    return say(`PostgreSQL at ${server} did not answer within ${seconds(timeouts.connectMs)} (connect timeout); check the host, port and firewall`, 'DB_TIMEOUT');
  }
  const noPassword = `PostgreSQL at ${server} asks for a password and none was given; ${withheld ?? 'put it in the URL, PGPASSWORD, ~/.pgpass or .datatrack/secrets.yaml'}`;
  if (state === '28P01' && withoutPassword) return say(noPassword, 'DB_AUTH');
  if (state === '28P01') return say(`password authentication failed for ${server}; check the password (URL, PGPASSWORD, ~/.pgpass or .datatrack/secrets.yaml)`, 'DB_AUTH');
  if (state === '3D000') return say(`database ${JSON.stringify(server.slice(server.lastIndexOf('/') + 1))} does not exist on ${server.slice(0, server.lastIndexOf('/'))}`, 'DB_NOT_FOUND');
  if (state === '28000') return say(`PostgreSQL at ${server} refused the connection: ${message}`, 'DB_AUTH');
  if (/client password must be a string|password must be a string/i.test(message)) return say(noPassword, 'DB_AUTH');
  if (message === 'The server does not support SSL connections') return say(`PostgreSQL at ${server} does not offer TLS, which ${tls.mode} requires`, 'DB_TLS');
  if (typeof failure.code === 'string' && UNVERIFIED.test(failure.code)) {
    const trust = tls.ca ?? "Node's certificate authorities (there is no sslrootcert, PGSSLROOTCERT or ~/.postgresql/root.crt)";
    const fix = tls.system ? 'add the CA that signed it with NODE_EXTRA_CA_CERTS, or name it with sslrootcert or PGSSLROOTCERT instead of system' : 'name the CA that signed it with sslrootcert or PGSSLROOTCERT';
    return say(`the certificate of PostgreSQL at ${server} does not verify (${message}) against ${trust}, as ${tls.mode} asks; ${fix}`, 'DB_TLS');
  }
  if (failure.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return say(`the certificate of PostgreSQL at ${server} is not for that host name (${message}), as ${tls.mode} asks; connect by a name it lists${tls.system ? '' : ', or use sslmode=verify-ca'}`, 'DB_TLS');
  }
  if (tls.cert && failure.code?.startsWith('ERR_OSSL_')) return say(`client certificate ${tls.cert} with key ${tls.key} cannot be used: ${message}; give a PEM certificate and the key it was made for`, 'DB_TLS');
  // pg's words for bytes no PostgreSQL server sends (another server's greeting read as an answer to
  // the TLS request or as a message): on their own they read as a TLS or protocol fault.
  if (!state && (message === 'There was an error establishing an SSL connection' || /^Received unexpected \w+ message from backend\.?$/.test(message))) {
    return say(`cannot connect to PostgreSQL at ${server}: what answers there does not speak PostgreSQL's protocol (${message}); is another kind of server, such as MySQL, listening on that port?`, 'DB_CONNECT');
  }
  if (state) return say(`cannot connect to PostgreSQL at ${server}: ${message} (SQLSTATE ${state})`, 'DB_CONNECT');
  return say(`cannot connect to PostgreSQL at ${server}: ${message}`, 'DB_CONNECT');
}

/** How many statement timeouts a query's answer may take (pg's query_timeout) before the server counts as gone. */
export const ANSWER_TIMEOUT_FACTOR = 2;

/** Why reading the catalog failed part-way; `blockers` names what held a lock we waited for. */
export function readError(error: unknown, server: string, timeouts: Timeouts, blockers: string[] = []): DatabaseError {
  const failure = error as PgFailure;
  const message = oneLine(failure.message ?? String(error));
  const state = sqlState(error);
  const say = (text: string, code: string) => new DatabaseError(`${text}; nothing was written`, code, error);
  if (state === '55P03') {
    const held = blockers.length ? `${blockers.join(', ')} ${blockers.length === 1 ? 'is' : 'are'} locked by another session (DDL in progress?)` : 'a catalog object is locked by another session (DDL in progress?)';
    return say(`snapshot of ${server} waited longer than the lock timeout (${seconds(timeouts.lockMs)}): ${held}; retry later or raise lock_timeout`, 'DB_LOCKED');
  }
  // A SQL_ASCII database stores whatever bytes a client sent; the server refuses to send them as UTF-8.
  if (state === '22021') {
    return say(`${server} holds text that is not UTF-8 in a name, comment, default or body (${message}), as a SQL_ASCII database lets in; datatrack reads the catalog as UTF-8: re-write that text in UTF-8`, 'DB_NOT_UTF8');
  }
  if (state === '42501') return say(`the role connected to ${server} may not read part of the catalog (${message}); use a role that can`, 'DB_PERMISSION');
  // 57014 is any cancel: the server's words tell pg_cancel_backend ("user request") from the timeout.
  if (state === '57014' && /user request/i.test(message)) return say(`a catalog query on ${server} was cancelled by another session (pg_cancel_backend?): ${message}`, 'DB_CANCELLED');
  if (state === '57014') return say(`a catalog query on ${server} ran longer than the statement timeout (${seconds(timeouts.statementMs)}), or waited that long for a lock; raise statement_timeout`, 'DB_TIMEOUT');
  if (!state && message === 'Query read timeout') {
    return say(`PostgreSQL at ${server} sent no answer for ${seconds(ANSWER_TIMEOUT_FACTOR * timeouts.statementMs)}, twice the statement timeout: the network or the server stopped responding`, 'DB_CONNECTION_LOST');
  }
  if (state === '53200' && /shared memory/i.test(message)) {
    return say(`${server} ran out of lock slots while reading the catalog (${message}); raise max_locks_per_transaction on the server`, 'DB_RESOURCES');
  }
  if (state?.startsWith('57P') || state?.startsWith('08') || !state) {
    return say(`the connection to PostgreSQL at ${server} was lost during the snapshot: ${message}`, 'DB_CONNECTION_LOST');
  }
  return say(`reading the catalog of ${server} failed: ${message} (SQLSTATE ${state})`, 'DB_READ');
}
