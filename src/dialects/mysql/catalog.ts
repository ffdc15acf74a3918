// The catalog read: one query per information_schema view, each filtered by the database name as
// a literal (MariaDB evaluates a join of two views across every schema on the server, so views
// are never joined in SQL; assembly joins them in Node). The number of queries does not grow with
// the number of tables (at most four follow-ups, see FOLLOW_UPS), and the queries are spread over
// the sessions, which run them at once.
import { DatabaseError } from '../../errors.js';
import type { Progress } from '../driver.js';
import { loadQueries } from '../queries.js';
import { BEGIN_SNAPSHOT, execute, type CatalogSession } from './session.js';
import type { Flavor } from './server.js';
import { isPartitioned } from './spelling.js';

/**
 * Views read for every snapshot. TABLES first: a table locked by DDL shows there (engine NULL)
 * and is named in the error; then the slowest, so that parallel sessions finish together.
 * MariaDB's CHECK_CONSTRAINTS names each check's table, so TABLE_CONSTRAINTS (which opens every
 * table again) is read on MySQL 8 only.
 */
const ALWAYS = [
  'tables',
  'columns',
  'statistics',
  'referential_constraints',
  'check_constraints',
  'table_constraints',
  'views',
  'triggers',
  'routines',
  'parameters',
  'events',
  'schemata',
  'user_privileges',
  'schema_privileges',
] as const;

interface FollowUp {
  after: (typeof ALWAYS)[number];
  qualifies: (row: Row) => boolean;
  /** The one server whose catalog needs it. */
  flavor?: Flavor;
}

/** COLUMNS.DATA_TYPE of MariaDB's geometry types. */
const GEOMETRY_TYPES = new Set(['geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);

/**
 * Views read only for the tables that need them, once the view before them says which: every
 * table named in the query's IN list is skipped by the server before it is opened, and these
 * views open every table otherwise (PARTITIONS, KEY_COLUMN_USAGE: a third of the catalog time at
 * 10,000 tables). None at all when no table qualifies. A geometry column's SRID is in COLUMNS on
 * MySQL 8 (SRS_ID), in GEOMETRY_COLUMNS only on MariaDB.
 */
const FOLLOW_UPS = {
  partitions: { after: 'tables', qualifies: (row: Row) => isPartitioned(row.create_options as string | null) },
  sequences: { after: 'tables', qualifies: (row: Row) => row.table_type === 'SEQUENCE' },
  key_column_usage: { after: 'referential_constraints', qualifies: () => true },
  geometry_columns: { after: 'columns', qualifies: (row: Row) => GEOMETRY_TYPES.has(String(row.data_type)), flavor: 'mariadb' },
} satisfies Record<string, FollowUp>;

export type CatalogView = (typeof ALWAYS)[number] | keyof typeof FOLLOW_UPS;

export function catalogViews(flavor: Flavor): CatalogView[] {
  return ALWAYS.filter((view) => view !== 'table_constraints' || flavor === 'mysql');
}

/** Views whose columns differ on MySQL 8; their MySQL text lives in sql/mysql8/. */
const MYSQL8_VARIANTS = ['schemata', 'columns', 'statistics', 'table_constraints', 'check_constraints', 'views'] as const;

const SHARED = loadQueries('mysql', [...ALWAYS.filter((v) => v !== 'table_constraints'), ...(Object.keys(FOLLOW_UPS) as (keyof typeof FOLLOW_UPS)[]), 'server']);
const MYSQL8 = loadQueries('mysql', MYSQL8_VARIANTS.map((name) => `mysql8/${name}` as const));

export const SERVER_QUERY = SHARED.server;

export function catalogQuery(view: CatalogView, flavor: Flavor): string {
  const variant = flavor === 'mysql' && (MYSQL8_VARIANTS as readonly string[]).includes(view) ? MYSQL8[`mysql8/${view}` as keyof typeof MYSQL8] : undefined;
  const text = variant ?? SHARED[view as keyof typeof SHARED];
  if (text === undefined) throw new Error(`no ${flavor} query for information_schema.${view}`);
  return text;
}

export type Row = Record<string, unknown>;
export type CatalogRows = Record<CatalogView, Row[]>;

/** A note the server attached to a catalog query (SHOW WARNINGS): an object it could not read. */
export interface ServerNote {
  view: CatalogView;
  code: number;
  message: string;
}

/** MariaDB reports a table it could not open within lock_wait_timeout as a warning and skips it. */
export const LOCK_WAIT_TIMEOUT = 1205;
/** ER_WARN_I_S_SKIPPED_TABLE: a table whose definition DDL was changing as it was read (its row is a stub). */
export const SKIPPED_FOR_DDL = 1684;

/**
 * DDL met the read in the middle: a table gone between two statements (ER_NO_SUCH_TABLE), or a lock
 * cycle with it (ER_LOCK_DEADLOCK). The sessions are still usable; the catalog is read again.
 */
export class CatalogMoved extends Error {}
const MOVED_ERRNO = new Set([1146, 1213]);
const errnoOf = (error: unknown) => {
  const e = error as { errno?: number; cause?: { errno?: number } };
  return e.cause?.errno ?? e.errno;
};

export interface CatalogRead {
  rows: Partial<CatalogRows>;
  notes: ServerNote[];
}

const beginSnapshot = (session: CatalogSession) => session.client.query(BEGIN_SNAPSHOT);

/** ER_CUT_VALUE_GROUP_CONCAT: the statement that reads the sequences did not fit max_allowed_packet. */
const GROUP_CONCAT_CUT = 1260;

/**
 * MariaDB sequence parameters: the server builds the statement that reads them (sequences.sql), and
 * it is run as a prepared statement, a fixed number of round trips however many sequences there
 * are. Reading a sequence is reading a table: inside the snapshot's transaction its metadata lock
 * would last until the transaction ends, and ALTER SEQUENCE (and NEXTVAL queued behind it) would
 * wait for the whole catalog read. So the transaction is ended first, the statement runs on its own
 * (its locks end with it), and a new one begins for the views still to read. The statement is built
 * with GROUP_CONCAT, whose limit is raised for it and then put back: a view's GROUP_CONCAT column
 * takes its type from that limit (longtext rather than mediumtext), and the session may read views next.
 */
async function readSequences(session: CatalogSession, text: string, values: (string | string[])[]): Promise<Row[]> {
  await session.client.query('COMMIT');
  try {
    await session.client.query('SET @datatrack_group_concat_max_len = @@SESSION.group_concat_max_len, SESSION group_concat_max_len = 4294967295');
    await execute(session, text, values);
    const [warnings] = (await session.client.query('SHOW WARNINGS')) as unknown as [{ Code: number }[]];
    if (warnings.some((w) => Number(w.Code) === GROUP_CONCAT_CUT)) {
      throw new DatabaseError('the database holds more sequences than one statement of max_allowed_packet bytes can read; raise max_allowed_packet on the server', 'DB_READ');
    }
    await session.client.query('PREPARE datatrack_sequences FROM @datatrack_sequences');
    try {
      const [rows] = (await session.client.query('EXECUTE datatrack_sequences')) as unknown as [Row[]];
      return rows;
    } finally {
      await session.client.query('DEALLOCATE PREPARE datatrack_sequences');
    }
  } finally {
    await session.client.query('SET SESSION group_concat_max_len = @datatrack_group_concat_max_len');
    await beginSnapshot(session);
  }
}

/** Rows with binary-collated text (some MySQL 8 catalog columns) turned into strings. */
function plain(rows: Row[]): Row[] {
  const binary = rows.length ? Object.keys(rows[0]!).filter((key) => rows.some((row) => Buffer.isBuffer(row[key]))) : [];
  if (binary.length) {
    for (const row of rows) for (const key of binary) if (Buffer.isBuffer(row[key])) row[key] = (row[key] as Buffer).toString('utf8');
  }
  return rows;
}

/**
 * Runs every catalog query once, spread over `sessions`. A lock-wait timeout stops the read
 * (no further queries start) and is left in `notes` for the caller to report; any other failure
 * ends every session and is rethrown.
 */
export async function readCatalog(sessions: CatalogSession[], database: string, flavor: Flavor, progress?: Progress): Promise<CatalogRead> {
  // Every query but the account's privileges is filtered by the database name.
  const queue: { view: CatalogView; values: (string | string[])[] }[] = catalogViews(flavor).map((view) => ({ view, values: view.endsWith('_privileges') ? [] : [database] }));
  const rows: Partial<CatalogRows> = {};
  const notes: ServerNote[] = [];
  let total = queue.length;
  let done = 0;
  let stop = false;
  progress?.('reading catalog', 0, total);

  function followUps(view: CatalogView, result: Row[]): void {
    for (const [next, rule] of Object.entries(FOLLOW_UPS) as [keyof typeof FOLLOW_UPS, FollowUp][]) {
      if (rule.after !== view || (rule.flavor !== undefined && rule.flavor !== flavor)) continue;
      const tables = [...new Set(result.filter(rule.qualifies).map((row) => String(row.table_name)))];
      if (tables.length === 0) continue;
      queue.unshift({ view: next, values: [database, tables] });
      total++;
    }
  }

  async function work(session: CatalogSession): Promise<void> {
    for (let job = queue.shift(); job && !stop; job = queue.shift()) {
      const result = job.view === 'sequences' ? await readSequences(session, catalogQuery(job.view, flavor), job.values) : await execute<Row>(session, catalogQuery(job.view, flavor), job.values);
      rows[job.view] = plain(result);
      const [warnings] = (await session.client.query('SHOW WARNINGS')) as unknown as [{ Code: number; Message: string }[]];
      for (const w of warnings) notes.push({ view: job.view, code: Number(w.Code), message: String(w.Message) });
      if (warnings.some((w) => Number(w.Code) === LOCK_WAIT_TIMEOUT)) stop = true;
      followUps(job.view, rows[job.view]!);
      progress?.('reading catalog', ++done, total);
    }
  }

  // Every session finishes its statement before the outcome is judged: a read that met DDL leaves
  // them all usable for the next read; any other failure ends them.
  const outcomes = await Promise.allSettled(
    sessions.map((session) =>
      work(session).catch((error: unknown) => {
        stop = true;
        throw error;
      }),
    ),
  );
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  if (failures.length === 0) return { rows, notes };
  const other = failures.find((error) => !MOVED_ERRNO.has(errnoOf(error) ?? 0));
  if (other === undefined) {
    // A deadlock rolled its transaction back: every session begins a fresh one for the next read.
    await Promise.all(sessions.map(async (session) => (await session.client.query('ROLLBACK'), await beginSnapshot(session))));
    throw new CatalogMoved((failures[0] as Error).message);
  }
  for (const session of sessions) session.client.destroy();
  throw other;
}
