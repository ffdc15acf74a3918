// mysql2 and server errors → one-line DatabaseErrors that say what is wrong and what to do.
// Messages name the server and database but never carry the password (it is scrubbed even from
// text the server sent back).
import { statSync } from 'node:fs';
import type { ConnectionSpec } from '../../config/targets.js';
import { DatabaseError } from '../../errors.js';
import { withoutSecrets } from '../../util/redact.js';
import { loginPassword, serverLabel, socketOf, sslModeOf, timeoutsOf } from './target.js';

interface DriverError extends Error {
  code?: string;
  errno?: number;
}

function scrub(text: string, spec: ConnectionSpec): string {
  return withoutSecrets(text.replace(/\s+/g, ' ').trim(), [loginPassword(spec), process.env.MYSQL_PWD], [spec.user]);
}

const CONNECTION_LOST = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN']);
/** MariaDB's ER_CONNECTION_KILLED (1927), which mysql2 has no name for; server shutdown; lost during query. */
const CONNECTION_LOST_ERRNO = new Set([1927, 1053, 2013]);
const STATEMENT_TIMEOUT = new Set(['ER_STATEMENT_TIMEOUT', 'ER_QUERY_TIMEOUT']);

/** How many statement timeouts a query's answer may take before the server counts as gone. */
export const ANSWER_TIMEOUT_FACTOR = 2;
/** The code of a query that got no answer in that time (session.ts destroys its connection). */
export const NO_ANSWER = 'DATATRACK_NO_ANSWER';

/** A table held by DDL in another session kept a catalog read waiting past lock_wait_timeout. */
export function lockedError(spec: ConnectionSpec, view: string | undefined, tables: string[]): DatabaseError {
  const what = tables.length ? `table ${tables.map((t) => `${spec.database}.${t}`).join(', ')} is` : `a table of ${spec.database} is`;
  const reading = view ? `reading information_schema.${view.toUpperCase()}` : 'reading the catalog';
  const seconds = Math.max(1, Math.ceil(timeoutsOf(spec).lockMs / 1000));
  return new DatabaseError(
    `${what} locked by DDL in another session on ${serverLabel(spec)} (${reading} waited longer than the lock timeout, ${seconds}s); retry when it finishes, or raise lock_timeout for this target`,
    'DB_LOCKED',
  );
}

/**
 * What a socket path is when it is no socket: Linux refuses a connection to a directory or a plain
 * file as it refuses one to a socket nobody listens on, and the usual slip is the socket's directory.
 */
function notASocket(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isSocket()) return undefined;
    return stat.isDirectory() ? "that is a directory, not a socket; name the server's socket in it (SELECT @@socket)" : "that is not a socket; name the server's socket (SELECT @@socket)";
  } catch {
    return undefined;
  }
}

/** A DatabaseError for a failure while connecting (`phase` 'connect') or reading the catalog. */
export function databaseError(error: unknown, spec: ConnectionSpec, phase: 'connect' | 'read'): DatabaseError {
  if (error instanceof DatabaseError) return error;
  // drizzle wraps the driver's error (with the whole query text) in a DrizzleQueryError.
  const wrapped = error as DriverError & { cause?: DriverError };
  const e = wrapped.cause && (wrapped.cause.code || wrapped.cause.errno) ? wrapped.cause : wrapped;
  const server = serverLabel(spec);
  const overSocket = server.startsWith('socket ');
  const said = scrub(e.message ?? String(error), spec);
  const seconds = (ms: number) => `${ms / 1000}s`;
  switch (e.code) {
    case 'ER_LOCK_WAIT_TIMEOUT':
      return lockedError(spec, undefined, []);
    case 'ER_ACCESS_DENIED_ERROR':
      // As for PostgreSQL: a password nobody gave is the likelier fix than a wrong one.
      if (!loginPassword(spec)) {
        return new DatabaseError(`MySQL server ${server} refused the login of user ${spec.user ?? '(none)'}, for whom no password was given (${said}); ${spec.storedPassword?.().withheld ?? 'put it in the URL, MYSQL_PWD or .datatrack/secrets.yaml'}`, 'DB_AUTH', error);
      }
      return new DatabaseError(`MySQL server ${server} refused the login of user ${spec.user ?? '(none)'}: wrong user or password (${said})`, 'DB_AUTH', error);
    case 'ER_DBACCESS_DENIED_ERROR':
      return new DatabaseError(`user ${spec.user ?? '(none)'} may not use database ${spec.database} on ${server} (${said}); grant it SELECT on ${spec.database}.*, or check the name (the server says the same of a database that does not exist)`, 'DB_AUTH', error);
    case 'ER_TABLEACCESS_DENIED_ERROR':
      return new DatabaseError(`user ${spec.user ?? '(none)'} may not read every table of ${spec.database} on ${server} (${said}); GRANT SELECT ON \`${spec.database}\`.* to it; nothing was written`, 'DB_PRIVILEGES', error);
    case 'ER_BAD_DB_ERROR':
      return new DatabaseError(`database ${spec.database} does not exist on ${server}; check the name (datatrack never creates it)`, 'DB_NOT_FOUND', error);
    case 'ECONNREFUSED': {
      const notSocket = overSocket ? notASocket(socketOf(spec)!) : undefined;
      if (notSocket) return new DatabaseError(`cannot connect to MySQL server ${server}: ${notSocket}`, 'DB_CONNECT', error);
      return new DatabaseError(`cannot connect to MySQL server ${server}: connection refused; is the server running and ${overSocket ? 'listening on that socket' : 'the port right'}?`, 'DB_CONNECT', error);
    }
    // ENOTDIR: a file on the way to it taken for a directory (`mysqld.sock/`), so no socket either.
    case 'ENOENT':
    case 'ENOTDIR':
      return new DatabaseError(`cannot connect to MySQL server ${server}: there is no such socket; is the server running, and is that its socket (SELECT @@socket)?`, 'DB_CONNECT', error);
    case 'EACCES':
      return new DatabaseError(`cannot connect to MySQL server ${server}: permission denied on the socket (or its directory) for this user`, 'DB_CONNECT', error);
    case 'ETIMEDOUT':
      return new DatabaseError(`cannot connect to MySQL server ${server}: no answer within the connect timeout (${seconds(timeoutsOf(spec).connectMs)})`, 'DB_CONNECT', error);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseError(`cannot connect to MySQL server ${server}: host ${spec.host} not found`, 'DB_CONNECT', error);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new DatabaseError(`cannot connect to MySQL server ${server}: the host is unreachable (${e.code}); check the host and the network route to it`, 'DB_CONNECT', error);
  }
  if (e.code === NO_ANSWER) {
    return new DatabaseError(`MySQL server ${server} sent no answer for ${seconds(ANSWER_TIMEOUT_FACTOR * timeoutsOf(spec).statementMs)}, twice the statement timeout: the network or the server stopped responding; nothing was written`, 'DB_CONNECTION_LOST', error);
  }
  if (STATEMENT_TIMEOUT.has(e.code ?? '') || e.errno === 1969 || e.errno === 3024) {
    return new DatabaseError(`reading the catalog of ${spec.database} on ${server} took longer than the statement timeout (${seconds(timeoutsOf(spec).statementMs)}); raise statement_timeout for this target`, 'DB_TIMEOUT', error);
  }
  // mysql2 reports every TLS failure as HANDSHAKE_SSL_ERROR, Node's code lost; a host name that
  // does not match keeps the `reason` Node's identity check gave it.
  if (e.code === 'HANDSHAKE_SSL_ERROR' && (e as { reason?: unknown }).reason !== undefined) {
    return new DatabaseError(`the certificate of MySQL server ${server} is not for that host name (${said}), as ssl_mode=${sslModeOf(spec)} asks; connect by a name it lists, or use ssl_mode=verify_ca`, 'DB_TLS', error);
  }
  if (e.code === 'HANDSHAKE_SSL_ERROR' && sslModeOf(spec).startsWith('verify_')) {
    const trust = spec.options.ssl_ca ? `ssl_ca ${spec.options.ssl_ca}` : "Node's certificate authorities (there is no ssl_ca)";
    return new DatabaseError(`TLS with MySQL server ${server} failed (${said}); ssl_mode=${sslModeOf(spec)} needs a certificate that verifies against ${trust}: name the CA that signed it with ssl_ca`, 'DB_TLS', error);
  }
  if (e.code === 'HANDSHAKE_NO_SSL_SUPPORT') {
    return new DatabaseError(`MySQL server ${server} does not offer TLS, which the target's ssl_mode requires`, 'DB_CONNECT', error);
  }
  const lost = CONNECTION_LOST.has(e.code ?? '') || CONNECTION_LOST_ERRNO.has(e.errno ?? 0);
  if (lost || ((e as { fatal?: boolean }).fatal && phase === 'read')) {
    const when = phase === 'connect' ? 'while connecting' : 'while reading the catalog';
    return new DatabaseError(`lost the connection to MySQL server ${server} ${when} (${said}); nothing was written, try again`, 'DB_CONNECTION_LOST', error);
  }
  if (phase === 'connect') return new DatabaseError(`cannot connect to MySQL server ${server}: ${said}`, 'DB_CONNECT', error);
  return new DatabaseError(`reading the catalog of ${spec.database} on MySQL server ${server} failed: ${said}`, 'DB_READ', error);
}
