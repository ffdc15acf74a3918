// Catalog connections: mysql2/promise connections wrapped by drizzle, each read-only from its
// first statement (session and transaction), with the target's statement and lock timeouts, so a
// snapshot can neither write nor queue behind DDL for long.
import { createRequire } from 'node:module';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import type { ConnectionSpec, Timeouts } from '../../config/targets.js';
import { ANSWER_TIMEOUT_FACTOR, databaseError, NO_ANSWER } from './errors.js';
import type { Flavor } from './server.js';
import { connectionOptions, preferred, serverLabel, timeoutsOf } from './target.js';

export interface CatalogSession {
  client: mysql.Connection;
  db: MySql2Database;
  sql: typeof import('drizzle-orm').sql;
}

const require = createRequire(import.meta.url);
/**
 * mysql2 and drizzle, loaded with the first connection as one bundled CommonJS file
 * (.ci/build-assets.mjs) rather than their ~200.
 */
type Client = { mysql: typeof mysql; sql: typeof import('drizzle-orm').sql; drizzle: typeof import('drizzle-orm/mysql2').drizzle };
let clientModule: Client | undefined;
const loadClient = () => (clientModule ??= require('#drizzle/mysql') as Client);

const TLS_UNAVAILABLE = new Set(['HANDSHAKE_NO_SSL_SUPPORT', 'HANDSHAKE_SSL_ERROR']);

/** Servers this process found without TLS under ssl_mode preferred: later connections go plain at once. */
const withoutTls = new Set<string>();

/** Opens a connection; failures become DatabaseErrors. */
export async function connect(spec: ConnectionSpec): Promise<mysql.Connection> {
  const options = connectionOptions(spec);
  const fallback = preferred(spec);
  const tls = options.ssl !== undefined && !(fallback && withoutTls.has(serverLabel(spec)));
  const connecting = loadClient().mysql.createConnection(tls ? options : { ...options, ssl: undefined });
  try {
    const client = await connecting;
    // A connection the server drops between queries emits 'error'; the pending or next query reports it.
    client.on('error', () => {});
    boundAnswers(client, ANSWER_TIMEOUT_FACTOR * timeoutsOf(spec).statementMs);
    return client;
  } catch (error) {
    // preferred, as MySQL documents it: "an encrypted connection if the server supports encrypted
    // connections, falling back to an unencrypted connection if an encrypted connection cannot be
    // established": a server that offers no TLS, or one whose TLS cannot be agreed (an old server
    // that speaks only TLS 1.0, which Node refuses).
    if (fallback && tls && TLS_UNAVAILABLE.has((error as { code?: string }).code ?? '')) {
      withoutTls.add(serverLabel(spec));
      return connect(spec);
    }
    throw databaseError(error, spec, 'connect');
  }
}

/**
 * Makes every query on the connection (drizzle's included: they all go through `query`) fail with
 * NO_ANSWER, the connection destroyed, when no answer comes within `answerMs`. The server ends a
 * query at its statement timeout and says so; no answer long after that means the network path or
 * the server froze without closing the connection, which no server-side timeout can report, and
 * mysql2 would wait for ever.
 */
function boundAnswers(client: mysql.Connection, answerMs: number): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { query: typeof query }).query = (...args) => {
    const pending = query(...args);
    // Once the connection is destroyed, the query's own failure (if it ever comes) is no news.
    pending.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        client.destroy();
        reject(Object.assign(new Error(`no answer for ${answerMs / 1000}s`), { code: NO_ANSWER }));
      }, answerMs);
    });
    return Promise.race([pending, silence]).finally(() => clearTimeout(timer));
  };
}

/** group_concat_max_len when the server's configuration does not set it (MariaDB raised it in 10.2.4). */
const DEFAULT_GROUP_CONCAT_MAX_LEN: Record<Flavor, number> = { mariadb: 1048576, mysql: 1024 };

export const BEGIN_SNAPSHOT = 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY';

/** The session statements that make a connection a polite, read-only catalog reader. */
export function sessionStatements(flavor: Flavor, timeouts: Timeouts): string[] {
  const lockSeconds = Math.max(1, Math.ceil(timeouts.lockMs / 1000));
  const statementLimit = flavor === 'mariadb'
    ? `max_statement_time = ${timeouts.statementMs / 1000}`
    : `max_execution_time = ${Math.round(timeouts.statementMs)}`;
  return [
    // max_error_count: SHOW WARNINGS must list every object the server skipped, not the first 64.
    // The server renders TIMESTAMP defaults in the session's time zone, and generated columns,
    // checks and expression defaults in the session's sql_mode (ANSI_QUOTES quotes names with "):
    // pinned, the same schema reads the same on every server and for every account.
    // A view's column types are worked out in the reading session too: a GROUP_CONCAT column's
    // from group_concat_max_len, a division's scale from div_precision_increment (servers are
    // often configured with others, init_connect may change them for some accounts): pinned to
    // the server's defaults.
    `SET SESSION ${statementLimit}, lock_wait_timeout = ${lockSeconds}, max_error_count = 65535, time_zone = '+00:00', sql_mode = '', ` +
      `group_concat_max_len = ${DEFAULT_GROUP_CONCAT_MAX_LEN[flavor]}, div_precision_increment = 4`,
    'SET SESSION TRANSACTION READ ONLY',
    // information_schema is not MVCC on MariaDB (nor fully on MySQL): the snapshot makes InnoDB
    // reads consistent, the catalog views still show the live dictionary.
    BEGIN_SNAPSHOT,
  ];
}

/** A connection ready for catalog queries: read-only session and transaction, timeouts set. */
export async function openCatalogSession(spec: ConnectionSpec, flavor: Flavor, client?: mysql.Connection): Promise<CatalogSession> {
  const connection = client ?? (await connect(spec));
  try {
    for (const statement of sessionStatements(flavor, timeoutsOf(spec))) await connection.query(statement);
  } catch (error) {
    connection.destroy();
    throw databaseError(error, spec, 'connect');
  }
  const { sql, drizzle } = loadClient();
  return { client: connection, db: drizzle({ client: connection }), sql };
}

/**
 * Runs a catalog query: its comment lines dropped and each `?` bound, in order, to a literal
 * parameter: a string, or a list (rendered `(?, ?, …)`) for an IN.
 */
export async function execute<T>(session: CatalogSession, text: string, values: (string | string[])[]): Promise<T[]> {
  const { sql } = session;
  const body = text.split('\n').filter((line) => !line.trimStart().startsWith('--')).join('\n').trim();
  const parts = body.split('?');
  if (parts.length !== values.length + 1) throw new Error(`query expects ${parts.length - 1} parameters, got ${values.length}`);
  const query = sql.join(parts.flatMap((part, i) => (i === 0 ? [sql.raw(part)] : [sql`${values[i - 1]}`, sql.raw(part)])));
  const [rows] = (await session.db.execute(query)) as unknown as [T[]];
  return rows;
}

export async function closeSession(session: CatalogSession): Promise<void> {
  // QUIT waits for the server to close, which through a frozen network path it never does: the
  // wait is bounded, then the connection destroyed.
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      session.client.destroy();
      resolve();
    }, CLOSE_WAIT_MS);
  });
  try {
    const ending = session.client.end();
    ending.catch(() => {});
    await Promise.race([ending, cut]);
  } catch {
    session.client.destroy();
  } finally {
    clearTimeout(timer);
  }
}

/** How long a connection's orderly close may take before it is cut. */
const CLOSE_WAIT_MS = 2_000;
