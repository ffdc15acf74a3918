// Reading the catalog: one query per object kind over all selected schemas (never one per table),
// spread over `jobs` connections that share one snapshot. The number of statements depends on
// `jobs` only, not on the size of the schema. Nothing stays locked between statements, so DDL never
// waits for a snapshot: DDL that commits during the read is found afterwards, by the catalog's
// fingerprint, and the caller reads again.
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseError } from '../../errors.js';
import { schemaInScope, type Scope } from '../../snapshot/scope.js';
import { globSource } from '../../util/regexp.js';
import type { Progress } from '../driver.js';
import { loadQueries } from '../queries.js';
import { connectClient, type ConnectPlan } from './connection.js';
import { CatalogChanged, describeServer, readError, sqlState } from './errors.js';
import type { CatalogRows, SchemaRow } from './rows.js';
import { openFollower, openLeader, type CatalogConnection, type ServerInfo } from './session.js';

/** The per-kind queries, costliest first, so that a free connection always takes the biggest job left. */
const KIND_QUERIES = ['indexes', 'columns', 'constraints', 'relations', 'triggers', 'routines', 'types', 'sequences', 'policies', 'others', 'extensions'] as const;
type KindQuery = (typeof KIND_QUERIES)[number];
/** A kind's query, or one shard of it (the indexes query reads shard `shard` of `shards`). */
type Task = { kind: 'locks' | 'fingerprint' } | { kind: KindQuery; shard: number; shards: number };
/**
 * The queries whose deparsing locks the relations a view or a SQL-standard function body names
 * (ACCESS SHARE, held for the statement): they wait until the lock probe has found none taken, or
 * one busy relation would hold the others locked, and DDL on those would queue behind the snapshot.
 */
const LOCKING: ReadonlySet<KindQuery> = new Set(['relations', 'routines']);
/** The indexes query splits into one shard per connection, up to this many. */
const MAX_INDEX_SHARDS = 4;
const QUERIES = loadQueries('postgres', ['schemas', 'locks', 'fingerprint', ...KIND_QUERIES]);
/** What a query waiting for a failed lock probe ends with: the probe's own error is the one reported. */
const PROBE_FAILED = Symbol('lock probe failed');
/** How soon a lock probe that found a relation locked tries again (until the lock timeout). */
const PROBE_INTERVAL_MS = 50;

export interface ReadOptions {
  jobs: number;
  scope: Scope;
  progress?: Progress;
  onStatement?: (text: string) => void;
  /** The followers connect once the leader is in, so that a connection limit cannot refuse the leader. */
  leaderFirst?: boolean;
}

export interface CatalogRead {
  rows: CatalogRows;
  info: ServerInfo;
  warnings: string[];
  /** How many connections read it. */
  connections: number;
  /** The schemas the scope left unread. */
  leftOut: string[];
  /**
   * Settles once the catalog is known not to have changed during the read (rejects with
   * CatalogChanged otherwise): the rows can be turned into a model meanwhile, never committed.
   */
  settled: Promise<void>;
}

/**
 * Lines written `modern -- pg < 15: older` keep a query runnable in psql while naming what older
 * servers (which lack a catalog column) get instead; `older` may be empty (the line goes).
 */
export function forServer(text: string, versionNum: number): string {
  return text.replace(/^([ \t]*)(.*?)[ \t]*-- pg < (\d+):(?: (.*))?$/gm, (_, indent: string, modern: string, major: string, older = '') =>
    indent + (versionNum < Number(major) * 10000 ? older : modern),
  );
}

/** The relations another session holds ACCESS EXCLUSIVE on in this database (not those it waits for, nor their TOAST tables): what a lock timeout waited for. */
async function lockHolders(connection: CatalogConnection): Promise<string[]> {
  try {
    await connection.command('ROLLBACK');
    const rows = await connection.query<{ name: string }>(
      `SELECT DISTINCT n.nspname || '.' || c.relname AS name
       FROM pg_locks AS l JOIN pg_class AS c ON c.oid = l.relation JOIN pg_namespace AS n ON n.oid = c.relnamespace
       WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid() AND n.nspname <> 'pg_toast'
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY 1 LIMIT 5`,
    );
    return rows.map((r) => r.name);
  } catch {
    return [];
  }
}

/**
 * Whether DDL holds a relation in scope: ACCESS SHARE on each, taken without waiting (NOWAIT) and
 * released by the caller right after, tried again until the lock timeout has passed. A LOCK that
 * waited for one busy table would hold the tables listed before it, and DDL on those would queue
 * behind the snapshot; this probe holds nothing while it waits.
 */
async function probeLocks(connection: CatalogConnection, schemas: string[], scope: Scope, lockMs: number): Promise<void> {
  const deadline = Date.now() + lockMs;
  // A glob's regular expression reads the same to PostgreSQL (only `.*`, `.` and escaped punctuation).
  const excluded = (scope.exclude ?? []).map(globSource);
  const [lock] = await connection.query<{ statement: string | null; vanished: string }>(QUERIES.locks, [schemas, excluded]);
  if (Number(lock!.vanished) > 0) throw new CatalogChanged(`${lock!.vanished} relations were dropped as the snapshot began`);
  if (!lock!.statement) return;
  for (;;) {
    try {
      await connection.command(lock!.statement);
      return;
    } catch (error) {
      if (sqlState(error) !== '55P03' || Date.now() >= deadline) throw error;
      await connection.release();
      await sleep(PROBE_INTERVAL_MS);
    }
  }
}

async function fingerprint(connection: CatalogConnection, schemas: string[]): Promise<string> {
  const [row] = await connection.query<{ fingerprint: string }>(QUERIES.fingerprint, [schemas]);
  return row!.fingerprint;
}

const CHANGED = /cache lookup failed|could not open relation|does not exist/;

function isCatalogChange(error: unknown): boolean {
  if (error instanceof CatalogChanged) return true;
  const state = sqlState(error);
  return state === '40001' || state === '40P01' || ((state === 'XX000' || state === '42P01' || state === '42704') && CHANGED.test((error as Error).message));
}

/** SQLSTATE 53300: the server's, the role's or the database's connection limit reached. */
const tooManyConnections = (error: unknown) => sqlState(error) === '53300' || sqlState((error as { cause?: unknown } | undefined)?.cause) === '53300';

/**
 * The catalog read on `jobs` connections. The followers connect alongside the leader, so where the
 * server allows fewer connections than that (CONNECTION LIMIT on the role or database) they may
 * take the slots before the leader: the read is then made again with the leader connected first,
 * on as many connections as the server allows, and one warning says so.
 */
export async function readCatalog(plan: ConnectPlan, options: ReadOptions): Promise<CatalogRead> {
  try {
    return await readCatalogOn(plan, options);
  } catch (error) {
    if (options.jobs <= 1 || !tooManyConnections(error)) throw error;
    const read = await readCatalogOn(plan, { ...options, leaderFirst: true });
    const on = read.connections === 1 ? 'one' : String(read.connections);
    read.warnings = [
      `the server refused some of ${options.jobs} catalog connections (${(error as Error).message}); read on ${on} (--jobs ${read.connections} asks for no more)`,
      ...read.warnings.filter((warning) => !warning.startsWith(FOLLOWER_REFUSED)),
    ];
    return read;
  }
}

const FOLLOWER_REFUSED = 'one of ';

async function readCatalogOn(plan: ConnectPlan, options: ReadOptions): Promise<CatalogRead> {
  const onStatement = options.onStatement ?? (() => {});
  const server = describeServer(plan.spec);
  const warnings: string[] = [];
  const jobs = Math.max(1, Math.min(options.jobs, KIND_QUERIES.length));
  // Followers connect alongside the leader: only their transactions wait for its snapshot id.
  const connectFollowers = () =>
    Array.from({ length: jobs - 1 }, () => {
      const connecting = connectClient(plan);
      // A follower's failure is dealt with once the leader is in (a warning), or on the leader's failure.
      connecting.catch(() => {});
      return connecting;
    });
  let followerClients = options.leaderFirst ? [] : connectFollowers();
  const leader = await openLeader(plan, jobs > 1, onStatement).catch(async (error: unknown) => {
    await Promise.all(followerClients.map((client) => client.then((c) => c.end()).catch(() => {})));
    throw error instanceof DatabaseError ? error : readError(error, server, plan.timeouts);
  });
  if (options.leaderFirst) followerClients = connectFollowers();
  const connections: CatalogConnection[] = [leader.connection];
  const shards = Math.min(jobs, MAX_INDEX_SHARDS);
  const indexShards: Task[] = Array.from({ length: shards }, (_, shard) => ({ kind: 'indexes', shard, shards }));
  // With followers, the leader starts on the costliest query at once while the followers probe
  // the locks and take the fingerprint; alone, a connection does those before anything else.
  const leaderQueue: Task[] = jobs > 1 ? indexShards.splice(0, 1) : [];
  const queue: Task[] = [{ kind: 'locks' }, { kind: 'fingerprint' }, ...indexShards, ...KIND_QUERIES.filter((k) => k !== 'indexes').map((kind) => ({ kind, shard: 0, shards: 1 }))];
  const rows: Partial<CatalogRows> = {};
  const indexRows: CatalogRows['indexes'][] = [];
  const total = KIND_QUERIES.length + shards - 1;
  let before: string | undefined;
  let failure: { error: unknown; connection: CatalogConnection } | undefined;
  let done = 0;

  // Settles when the lock probe has: its failure is the read's, reported once by the connection that ran it.
  let probed!: { resolve: () => void; reject: (error: unknown) => void };
  const lockFree = new Promise<void>((resolve, reject) => (probed = { resolve, reject }));
  lockFree.catch(() => {});
  const next = (leading: boolean): Task | undefined => (leading && leaderQueue.shift()) || queue.shift();
  const run = async (connection: CatalogConnection, task: Task, schemas: string[]) => {
    if (task.kind === 'locks') {
      await probeLocks(connection, schemas, options.scope, plan.timeouts.lockMs).then(probed.resolve, (error: unknown) => {
        probed.reject(error);
        throw error;
      });
    } else if (task.kind === 'fingerprint') before = await fingerprint(connection, schemas);
    else {
      if (LOCKING.has(task.kind)) await lockFree.catch(() => Promise.reject(PROBE_FAILED));
      const text = forServer(QUERIES[task.kind], leader.info.versionNum);
      if (task.kind === 'indexes') indexRows[task.shard] = await connection.query(text, [schemas, task.shards, task.shard]);
      else (rows as Record<string, unknown[]>)[task.kind] = await connection.query(text, [schemas]);
      options.progress?.('reading catalog', ++done, total);
    }
    await connection.release();
  };
  const work = async (connection: CatalogConnection, schemas: string[]) => {
    const leading = connection === leader.connection;
    for (let task = next(leading); task && !failure; task = next(leading)) {
      try {
        await run(connection, task, schemas);
      } catch (error) {
        if (error !== PROBE_FAILED) failure ??= { error, connection };
        return;
      }
    }
  };

  // Followers begin while the leader lists the schemas. A follower that cannot connect only
  // makes the snapshot slower, never different.
  const followers = followerClients.map((client) =>
    openFollower(client, leader.snapshot!, onStatement).then(
      (connection) => {
        connections.push(connection);
        return connection;
      },
      (error: Error) => {
        warnings.push(`${FOLLOWER_REFUSED}${jobs} catalog connections could not be opened (${error.message}); continued with fewer`);
        return undefined;
      },
    ),
  );
  /** The error to throw for what failed on `connection`. */
  const readFailure = async (error: unknown, connection: CatalogConnection): Promise<Error> => {
    if (isCatalogChange(error)) return new CatalogChanged((error as Error).message);
    const blockers = sqlState(error) === '55P03' ? await lockHolders(connection) : [];
    return readError(error, server, plan.timeouts, blockers);
  };
  let settled: Promise<void> | undefined;
  const leftOut: string[] = [];
  try {
    try {
      const schemaRows = await leader.connection.query<SchemaRow>(QUERIES.schemas);
      rows.schemas = schemaRows.filter((s) => schemaInScope(s.name, options.scope));
      leftOut.push(...schemaRows.filter((s) => !schemaInScope(s.name, options.scope)).map((s) => s.name));
      const names = rows.schemas.map((s) => s.name);
      await Promise.all([work(leader.connection, names), ...followers.map((f) => f.then((c) => c && work(c, names)))]);
      if (!failure) {
        // The deparsing functions read the live catalog: the fingerprint again, out of the
        // snapshot, tells whether DDL committed while they ran. The query is on its way when this
        // returns, so the caller builds the model while the server computes it.
        await leader.connection.command('ROLLBACK');
        settled = fingerprint(leader.connection, names).then(
          (after) => {
            if (after !== before) throw new CatalogChanged('DDL committed while the catalog was read');
          },
          async (error: unknown) => {
            throw await readFailure(error, leader.connection);
          },
        );
        settled = settled.finally(() => leader.connection.close());
        // Awaited by the caller; until then a rejection is not "unhandled".
        settled.catch(() => {});
      }
    } catch (error) {
      failure ??= { error, connection: leader.connection };
    }
    if (failure) throw await readFailure(failure.error, failure.connection);
    rows.indexes = indexRows.flat();
    // The queries add the extensions kept in pg_catalog and the casts between its types, which no schema glob selected: the scope judges them as it does a schema.
    rows.extensions = rows.extensions!.filter((row) => schemaInScope(row.schema, options.scope));
    rows.others = rows.others!.filter((row) => schemaInScope(row.schema, options.scope));
    return { rows: rows as CatalogRows, info: leader.info, warnings, connections: connections.length, leftOut, settled: settled! };
  } finally {
    await Promise.all(followers);
    await Promise.all(connections.filter((c) => !settled || c !== leader.connection).map((c) => c.close()));
  }
}
