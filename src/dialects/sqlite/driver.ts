// SQLite through drizzle-orm over better-sqlite3: one read-only connection, a handful of queries
// that join sqlite_schema with the pragma table-valued functions (never one query per table:
// each new statement makes SQLite re-read the schema), then assembly into the model.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname } from 'node:path';
import Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { ConnectionSpec } from '../../config/targets.js';
import { DatabaseError } from '../../errors.js';
import type { Driver } from '../driver.js';
import { loadQueries } from '../queries.js';
import { assembleSqlite, type SqliteRows } from './assemble.js';
import { refuseNotUtf8 } from './not-utf8.js';

const QUERIES = loadQueries('sqlite', ['objects', 'table_list', 'columns', 'foreign_keys', 'indexes']);
const { view_columns: VIEW_COLUMNS } = loadQueries('sqlite', ['view_columns']);
// drizzle as one bundled CommonJS file (.ci/build-assets.mjs): its ~110 files cost more to load than to run here.
const require = createRequire(import.meta.url);
const { sql, drizzle } = require('#drizzle/sqlite') as { sql: typeof import('drizzle-orm').sql; drizzle: typeof import('drizzle-orm/better-sqlite3').drizzle };

interface Connection {
  client: Database.Database;
  db: BetterSQLite3Database;
  server: string;
  /** A 0-byte file: what a tool that opens a missing SQLite file leaves behind, not a database anyone made. */
  empty: boolean;
}

const PERMISSION_DENIED = 'permission denied; check the permissions of the file and of its directories';

/** Whether the file system refused access (better-sqlite3 says only "unable to open database file"). */
function denied(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

function open(spec: ConnectionSpec): Connection {
  const path = spec.database;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    if (denied(error)) throw new DatabaseError(`cannot open SQLite database ${path}: ${PERMISSION_DENIED}`, 'DB_CONNECT', error);
    throw new DatabaseError(`SQLite database ${path} does not exist; check the path (datatrack never creates it)`, 'DB_NOT_FOUND');
  }
  if (!stat.isFile()) throw new DatabaseError(`${path} is not a file; a SQLite target needs a database file`, 'DB_NOT_FOUND');
  let client: Database.Database;
  try {
    fs.accessSync(path, fs.constants.R_OK);
    client = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new DatabaseError(`cannot open SQLite database ${path}: ${denied(error) ? PERMISSION_DENIED : (error as Error).message}`, 'DB_CONNECT', error);
  }
  // SQLite's defensive mode (better-sqlite3's default) refuses to load a schema it would refuse to
  // create, such as a trigger on an FTS table's shadow table: every snapshot of such a file failed
  // as "malformed". The connection is read-only, so what defensive mode guards against cannot happen.
  client.unsafeMode(true);
  const db = drizzle({ client });
  try {
    const { version } = db.get<{ version: string }>(sql`SELECT sqlite_version() AS version, (SELECT count(*) FROM sqlite_schema) AS objects`);
    return { client, db, server: version, empty: stat.size === 0 };
  } catch (error) {
    client.close();
    const code = (error as { code?: string }).code;
    throw new DatabaseError(`${path} ${readProblem(path, code, (error as Error).message)}`, code === 'SQLITE_NOTADB' ? 'DB_NOT_SQLITE' : 'DB_READ', error);
  }
}

/** Why SQLite could not read `path`, with what to do: its own words for the rest. */
function readProblem(path: string, code: string | undefined, message: string): string {
  switch (code) {
    case 'SQLITE_NOTADB':
      return 'is not a SQLite database; check the path';
    case 'SQLITE_READONLY_DIRECTORY':
      return `cannot be read: it is a WAL database in a directory that may not be written, and SQLite reads one only through ${basename(path)}-shm beside it; copy it to a writable directory, or make this one writable`;
    case 'SQLITE_READONLY_ROLLBACK':
      return `cannot be read: a writer that stopped half-way left ${basename(path)}-journal, which only a read-write open rolls back; open the database read-write once (sqlite3 ${path} "PRAGMA schema_version"), then try again`;
    case 'SQLITE_BUSY':
      return 'cannot be read: another process holds it locked (an exclusive transaction or a checkpoint); try again when it is done';
    case 'SQLITE_CORRUPT':
      return `cannot be read: ${message}; check it with sqlite3 ${path} "PRAGMA integrity_check"`;
    default:
      return `cannot be read: ${message}`;
  }
}

/**
 * The views columns.sql left out (a view has at least one column), one statement each (only
 * these: a read per table would make SQLite re-read the schema each time): their columns, or why
 * SQLite could not compile them. Only a database with a view SQLite cannot compile has any.
 */
function readLeftOutViews(client: Database.Database, rows: Omit<SqliteRows, 'undescribed_views'>): SqliteRows {
  const undescribed_views: SqliteRows['undescribed_views'] = [];
  const described = new Set(rows.columns.map((c) => c.table_name));
  for (const view of rows.table_list.filter((t) => t.table_kind === 'view' && !described.has(t.name))) {
    try {
      rows.columns.push(...(client.prepare(VIEW_COLUMNS).all({ view: view.name }) as SqliteRows['columns']));
    } catch (error) {
      undescribed_views.push({ name: view.name, reason: (error as Error).message });
    }
  }
  return { ...rows, undescribed_views };
}

function emptyFileWarning(path: string): string {
  return `${path} is an empty file (0 bytes): no table was ever created in it; check the path (a tool that opens a missing SQLite file creates it empty)`;
}

function databaseName(path: string): string {
  const name = basename(path);
  return extname(name) ? name.slice(0, -extname(name).length) : name;
}

export const sqliteDriver: Driver = {
  async testConnection(spec) {
    const connection = open(spec);
    connection.client.close();
    return { server: connection.server, warnings: connection.empty ? [emptyFileWarning(spec.database)] : [] };
  },

  async introspect(spec, options) {
    const { client, db, server, empty } = open(spec);
    try {
      options.progress?.('reading catalog');
      // In one read transaction: each statement would otherwise read the schema as it is when it
      // runs, and a change committed between two of them would leave a mix of both (a table
      // without its columns or keys).
      const rows = client.transaction(() => {
        const read = Object.fromEntries(Object.entries(QUERIES).map(([name, text]) => [name, db.all(sql.raw(text))])) as unknown as Omit<SqliteRows, 'undescribed_views'>;
        refuseNotUtf8(client, spec.database, read.objects.flatMap((row) => [row.name, row.sql]));
        return readLeftOutViews(client, read);
      })();
      options.progress?.('building model');
      const introspection = assembleSqlite(rows, { server, database: databaseName(spec.database) });
      if (empty) introspection.warnings.unshift(emptyFileWarning(spec.database));
      return introspection;
    } catch (error) {
      if (error instanceof DatabaseError) throw error;
      throw new DatabaseError(`reading SQLite database ${spec.database} failed: ${(error as Error).message}`, 'DB_READ', error);
    } finally {
      client.close();
    }
  },
};
