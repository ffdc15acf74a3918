// information_schema is not transactional for DDL (MariaDB; MySQL 8 only in part): each view
// shows the dictionary as it is when that view is read, so DDL committing between two views would
// give a snapshot no database ever had (a table with its columns from after an ALTER and its
// indexes from before). A read is taken as one catalog state when nothing can have committed
// during it, else the catalog is read again until two consecutive reads agree.
//
// Nothing can have committed during a read (MariaDB) when:
// - no DDL statement started on the server meanwhile (the Com_* counters count a statement when it
//   starts; this is server-wide, so DDL elsewhere only costs a second read);
// - no table of the database was created or altered in the second the read began or later
//   (CREATE_TIME is set as a CREATE or ALTER commits, in whole seconds): this catches an ALTER that
//   was already running when the read began. CREATE, DROP and RENAME TABLE and view DDL hold an
//   exclusive metadata lock from their start, which the catalog views wait for (or skip the
//   table: warning 1684, below), so one already running shows whole;
// - the database holds as many tables and views at the end as the read listed, and the read refers
//   to nothing it lacks (model/integrity.ts);
// - no view skipped a table whose definition DDL was changing (warning 1684: a RENAME that waited
//   for its lock before the read began shows no other sign), and no statement met a table dropped
//   or a lock cycle with DDL (catalog.ts CatalogMoved).
// On MySQL, where these signals are not verified here, every read is confirmed by a second one.
import { createHash } from 'node:crypto';
import type { ConnectionSpec } from '../../config/targets.js';
import { DatabaseError } from '../../errors.js';
import { danglingReferences } from '../../model/integrity.js';
import type { Snapshot } from '../../model/types.js';
import { loadQueries } from '../queries.js';
import { CatalogMoved } from './catalog.js';
import { execute, type CatalogSession } from './session.js';
import { serverLabel } from './target.js';

const QUERIES = loadQueries('mysql', ['ddl_count', 'table_times']);

/** Reads of one snapshot at most, and the pause before the second (doubling after it). */
const MAX_READS = 5;
const FIRST_PAUSE_MS = 50;

interface DdlCount { ddl: number; clock: number }

async function firstRow<T>(session: CatalogSession, text: string, values: string[]): Promise<T> {
  const rows = await execute<T>(session, text, values);
  return rows[0]!;
}

async function ddlCount(session: CatalogSession): Promise<DdlCount> {
  const row = await firstRow<{ ddl: string | number | null; clock: string | number }>(session, QUERIES.ddl_count, []);
  return { ddl: Number(row.ddl ?? 0), clock: Number(row.clock) };
}

/** Whether anything can have committed in the database since `before` (see above). */
async function changedSince(session: CatalogSession, database: string, before: DdlCount, listed: number): Promise<boolean> {
  // TABLES first: it is the costly one, sent at once, and the server runs it while the caller builds the model.
  const tables = await firstRow<{ objects: string | number; latest: string | number | null }>(session, QUERIES.table_times, [database]);
  const after = await ddlCount(session);
  const latest = tables.latest === null ? -Infinity : Number(tables.latest);
  return after.ddl !== before.ddl || latest >= before.clock || Number(tables.objects) !== listed;
}

/** A digest of a snapshot's model: equal digests, equal schemas. */
function digest(snapshot: Snapshot): string {
  const hash = createHash('sha256').update(JSON.stringify(snapshot.schemas));
  for (const object of snapshot.objects) hash.update(JSON.stringify(object));
  return hash.digest('hex');
}

/** What one read of the catalog gave: how many tables and views it listed, and the model to build from it. */
export interface CatalogReading<T> {
  /** Tables and views the read listed (information_schema.TABLES rows). */
  listed: number;
  /** Turns the rows into the model: run while the server checks whether DDL committed during the read. */
  build: () => { value: T; snapshot: Snapshot };
}

/**
 * Runs `read` until its result is one catalog state: a read nothing can have committed during
 * (`checkQuiet`: MariaDB), or one that agrees with the read before it. A schema that changes
 * during every read is a DatabaseError.
 */
export async function readOneState<T>(options: {
  probe: CatalogSession;
  spec: ConnectionSpec;
  checkQuiet: boolean;
  read: () => Promise<CatalogReading<T>>;
}): Promise<T> {
  const { probe, spec } = options;
  let previous: string | undefined;
  for (let attempt = 1; attempt <= MAX_READS; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, FIRST_PAUSE_MS * 2 ** (attempt - 2)));
    const before = options.checkQuiet ? await ddlCount(probe) : undefined;
    let read: CatalogReading<T>;
    try {
      read = await options.read();
    } catch (error) {
      // DDL met the read in the middle (a table gone, a stub row, a lock cycle): read again.
      if (error instanceof CatalogMoved) continue;
      throw error;
    }
    // The server answers the check (TABLES again: ~0.1 s at 2,500 tables) while Node builds the model.
    const changed = before === undefined ? Promise.resolve(true) : changedSince(probe, spec.database, before, read.listed);
    let state: ReturnType<CatalogReading<T>['build']>;
    try {
      state = read.build();
    } catch (error) {
      // Rows that mix two catalog states may not build: then the DDL is what counts, and the catalog
      // is read again; the last read's failure is reported as itself.
      if (attempt < MAX_READS && before !== undefined && (await changed.catch(() => false))) continue;
      throw error;
    }
    if (!(await changed) && danglingReferences(state.snapshot).length === 0) return state.value;
    const current = digest(state.snapshot);
    if (current === previous) return state.value;
    previous = current;
  }
  throw new DatabaseError(
    `the schema of ${spec.database} on ${serverLabel(spec)} changed during each of ${MAX_READS} catalog reads (DDL running in another session); nothing was written, retry when the DDL has finished`,
    'DB_SCHEMA_CHANGING',
  );
}
