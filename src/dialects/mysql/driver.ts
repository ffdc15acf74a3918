// MySQL and MariaDB through drizzle-orm over mysql2: a fixed set of information_schema queries,
// spread over `jobs` read-only connections, then assembled into the model in Node.
import type mysql from 'mysql2/promise';
import type { ConnectionSpec } from '../../config/targets.js';
import type { HiddenPart } from '../../model/types.js';
import { DatabaseError } from '../../errors.js';
import type { Driver } from '../driver.js';
import { assembleMysql } from './assemble.js';
import { CatalogMoved, catalogViews, LOCK_WAIT_TIMEOUT, readCatalog, SERVER_QUERY, SKIPPED_FOR_DDL, type CatalogRead } from './catalog.js';
import { databaseError, lockedError } from './errors.js';
import { parseServerVersion, type ServerInfo } from './server.js';
import { closeSession, connect, openCatalogSession, type CatalogSession } from './session.js';
import { readOneState } from './stability.js';
import { serverLabel } from './target.js';
import { granteeOf, hasDatabaseSelect, hiddenKinds, roleGrants } from './visibility.js';

interface Account {
  server: ServerInfo;
  account: string;
  role: string | null;
}

async function readAccount(client: mysql.Connection, spec: ConnectionSpec): Promise<Account> {
  let row: { version: string; account: string; role: string | null };
  try {
    const [rows] = (await client.query(SERVER_QUERY)) as unknown as [(typeof row)[]];
    row = rows[0]!;
  } catch (error) {
    throw databaseError(error, spec, 'connect');
  }
  return { server: parseServerVersion(row.version), account: row.account, role: row.role };
}

/**
 * Opens up to `count` catalog sessions (the first on `first`). One the server refuses beyond the
 * first (max_user_connections, max_connections) only makes the read slower, never different: a
 * warning says so. A failure of the first closes those that opened.
 */
async function openSessions(spec: ConnectionSpec, account: Account, first: mysql.Connection, count: number, warnings: string[]): Promise<CatalogSession[]> {
  const opened = await Promise.allSettled([
    openCatalogSession(spec, account.server.flavor, first),
    ...Array.from({ length: count - 1 }, () => openCatalogSession(spec, account.server.flavor)),
  ]);
  const sessions = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = opened.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (opened[0]!.status === 'rejected') {
    for (const session of sessions) session.client.destroy();
    throw failed[0]!.reason;
  }
  if (failed.length) {
    const reason = failed[0]!.reason instanceof Error ? failed[0]!.reason.message : String(failed[0]!.reason);
    warnings.push(`${failed.length} of ${count} catalog connections could not be opened (${reason}); read on ${sessions.length} (--jobs ${sessions.length} asks for no more)`);
  }
  return sessions;
}

async function showGrants(session: CatalogSession): Promise<string[]> {
  const [rows] = (await session.client.query('SHOW GRANTS')) as unknown as [Record<string, string>[]];
  return rows.map((row) => String(Object.values(row)[0]));
}

/** MariaDB skips a table it could not lock in time (warning 1205); the snapshot fails instead of losing it. */
function refuseLockedTables(read: CatalogRead, spec: ConnectionSpec): void {
  const timeout = read.notes.find((n) => n.code === LOCK_WAIT_TIMEOUT);
  if (!timeout) return;
  const blocked = (read.rows.tables ?? []).filter((t) => t.table_type === 'BASE TABLE' && t.engine === null).map((t) => String(t.table_name));
  throw lockedError(spec, timeout.view, blocked);
}

/**
 * The catalog views return no rows for a database that is gone (dropped while being read, or by
 * the time a view was read): an empty or partial result, which must not be committed as the schema.
 */
function refuseMissingDatabase(read: CatalogRead, spec: ConnectionSpec): void {
  if (read.rows.schemata?.length) return;
  throw new DatabaseError(`database ${spec.database} no longer exists on ${serverLabel(spec)} (dropped while it was being read?); nothing was written`, 'DB_NOT_FOUND');
}

/** ER_NATIVE_FCT_NAME_COLLISION: a stored function named as a built-in one (`no`, `tables`), which is read in full all the same. */
const NATIVE_NAME = 1585;

/**
 * Other server warnings name objects the server could not describe (a view over a dropped table …),
 * but for those a hidden part already names with the server's words (a table whose engine is not
 * loaded): that one warning says it.
 */
function serverWarnings(read: CatalogRead, database: string, hidden: HiddenPart[]): string[] {
  const unexplained = read.notes.filter((n) => n.code !== NATIVE_NAME && !hidden.some((part) => part.reason.includes(n.message)));
  return [...new Set(unexplained.map((n) => `${database}: the server could not fully describe an object (${n.message})`))];
}

export const mysqlDriver: Driver = {
  async testConnection(spec) {
    const client = await connect(spec);
    try {
      return { server: (await readAccount(client, spec)).server.version };
    } finally {
      client.destroy();
    }
  },

  async introspect(spec, options) {
    options.progress?.('connecting');
    const first = await connect(spec);
    let sessions: CatalogSession[] = [];
    try {
      const account = await readAccount(first, spec);
      const jobs = Math.min(Math.max(1, options.jobs ?? 1), catalogViews(account.server.flavor).length);
      const connectionWarnings: string[] = [];
      sessions = await openSessions(spec, account, first, jobs, connectionWarnings);
      const { read, assembled } = await readOneState({
        probe: sessions[0]!,
        spec,
        checkQuiet: account.server.flavor === 'mariadb',
        read: async () => {
          const read = await readCatalog(sessions, spec.database, account.server.flavor, options.progress);
          refuseLockedTables(read, spec);
          if (read.notes.some((n) => n.code === SKIPPED_FOR_DDL)) throw new CatalogMoved('a table was skipped while DDL changed it');
          refuseMissingDatabase(read, spec);
          return {
            listed: read.rows.tables?.length ?? 0,
            build: () => {
              options.progress?.('building model');
              const assembled = assembleMysql(read.rows, {
                database: spec.database,
                server: account.server.version,
                flavor: account.server.flavor,
                exclude: spec.exclude,
              });
              return { value: { read, assembled }, snapshot: assembled.snapshot };
            },
          };
        },
      });
      const { snapshot, warnings, hidden, leftOut } = assembled;
      // An account's roles' grants show only in SHOW GRANTS (one more statement, for such accounts only).
      const viaRoles = account.role && account.role !== 'NONE' ? roleGrants(await showGrants(sessions[0]!), account.role, account.account) : { userPrivileges: [], schemaPrivileges: [] };
      const grants = {
        database: spec.database,
        account: account.account,
        role: account.role,
        userPrivileges: [...(read.rows.user_privileges ?? []), ...viaRoles.userPrivileges],
        schemaPrivileges: [...(read.rows.schema_privileges ?? []), ...viaRoles.schemaPrivileges],
      };
      if (!hasDatabaseSelect(grants)) {
        throw new DatabaseError(
          `account ${account.account} lacks SELECT on \`${spec.database}\`.*: with table- or column-level grants only, the server lists just those tables and columns and the rest would be recorded as dropped; GRANT SELECT ON \`${spec.database}\`.* TO ${granteeOf(account.account)}; nothing was written`,
          'DB_PRIVILEGES',
        );
      }
      const hiddenByGrants = hiddenKinds({ ...grants, flavor: account.server.flavor });
      return { snapshot, warnings: [...connectionWarnings, ...serverWarnings(read, spec.database, hidden), ...warnings], hidden: [...hiddenByGrants, ...hidden], leftOut };
    } catch (error) {
      throw databaseError(error, spec, 'read');
    } finally {
      if (sessions.length) await Promise.all(sessions.map(closeSession));
      else first.destroy();
    }
  },
};
