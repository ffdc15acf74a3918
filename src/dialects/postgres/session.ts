// Several connections that see one catalog state, as pg_dump --jobs does: the first opens a
// read-only REPEATABLE READ transaction and exports its snapshot, the others adopt it with SET
// TRANSACTION SNAPSHOT. Catalog queries go through drizzle; only these session commands use the
// pg client directly (drizzle has no place for them). Every statement sent is counted. Each
// transaction sets a savepoint right away: rolling back to it ends the locks taken since (locks
// taken in a rolled-back subtransaction are released) and keeps the snapshot.
import { createRequire } from 'node:module';
import type { SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { DatabaseError } from '../../errors.js';
import { connectClient, type ConnectPlan } from './connection.js';

const require = createRequire(import.meta.url);
/** drizzle comes in one bundled file with pg, which connection.ts has loaded (.ci/build-assets.mjs). */
type Drizzle = { sql: typeof import('drizzle-orm').sql; drizzle: typeof import('drizzle-orm/node-postgres').drizzle };
let drizzleModule: Drizzle | undefined;
const loadDrizzle = () => (drizzleModule ??= require('#drizzle/postgres') as Drizzle);

const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
/**
 * Whether schema public holds objects but the role may not use it: PostgreSQL leaves such a schema
 * out of search_path (datatrack's is public), so deparsed names in it come qualified for this role only.
 */
const PUBLIC_UNUSABLE = `(SELECT NOT has_schema_privilege(n.oid, 'USAGE') AND (EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = n.oid) OR EXISTS (SELECT 1 FROM pg_type WHERE typnamespace = n.oid) OR EXISTS (SELECT 1 FROM pg_proc WHERE pronamespace = n.oid)) FROM pg_namespace AS n WHERE n.nspname = 'public')`;
const SAVEPOINT = 'unlock';

export interface ServerInfo {
  /** The clean version, e.g. 15.20 (server_version without the packager's suffix). */
  version: string;
  versionNum: number;
  database: string;
}

export class CatalogConnection {
  private db: NodePgDatabase | undefined;

  constructor(
    readonly client: pg.Client,
    private readonly onStatement: (text: string) => void,
  ) {}

  /** A session command, possibly several statements in one round trip (simple protocol). */
  async command<T extends pg.QueryResultRow>(text: string): Promise<pg.QueryResult<T>[]> {
    this.onStatement(text);
    const result = (await this.client.query(text)) as unknown as pg.QueryResult<T> | pg.QueryResult<T>[];
    return Array.isArray(result) ? result : [result];
  }

  /** A catalog query: `$n` in the text binds params[n - 1]. */
  async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
    this.onStatement(text);
    const { sql, drizzle } = loadDrizzle();
    const db = (this.db ??= drizzle({ client: this.client }));
    try {
      const result = await db.execute(bind(sql, text, params));
      return result.rows as T[];
    } catch (error) {
      // drizzle wraps the server's error in one that quotes the whole query; the server's is the one to report.
      throw (error as Error).cause ?? error;
    }
  }

  /**
   * Releases every lock taken since the transaction's savepoint, the snapshot kept: deparsing a view
   * or a SQL-standard function body locks the tables it names until the transaction ends, and a
   * snapshot must not hold a lock that makes DDL wait.
   */
  async release(): Promise<void> {
    await this.command(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

/** The .sql files use $1, $2 as psql would (not inside comments or strings); drizzle numbers its own parameters. */
function bind(sql: typeof import('drizzle-orm').sql, text: string, params: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/--[^\n]*|'(?:[^']|'')*'|\$(\d+)/g)) {
    if (match[1] === undefined) continue;
    chunks.push(sql.raw(text.slice(last, match.index)), sql`${sql.param(params[Number(match[1]) - 1])}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

async function open(plan: ConnectPlan, onStatement: (text: string) => void): Promise<CatalogConnection> {
  return new CatalogConnection(await connectClient(plan), onStatement);
}

/** The first connection: begins the shared transaction and, for followers, exports its snapshot. */
export async function openLeader(plan: ConnectPlan, share: boolean, onStatement: (text: string) => void): Promise<{ connection: CatalogConnection; info: ServerInfo; snapshot?: string }> {
  const connection = await open(plan, onStatement);
  try {
    const exported = share ? 'pg_export_snapshot() AS snapshot, ' : '';
    const [, result] = await connection.command<{ snapshot?: string; version: string; version_num: string; database: string; role: string; public_unusable: boolean | null }>(
      `${BEGIN}; SELECT ${exported}current_setting('server_version') AS version, current_setting('server_version_num') AS version_num, current_database() AS database, current_user AS role, ${PUBLIC_UNUSABLE} AS public_unusable; SAVEPOINT ${SAVEPOINT}`,
    );
    const row = result!.rows[0]!;
    if (row.public_unusable) {
      throw new DatabaseError(
        `role ${row.role} has no USAGE on schema public, so the server spells every name in it qualified (public.t) and the snapshot would differ from one a role with it takes; run GRANT USAGE ON SCHEMA public TO ${row.role} (it reads no data); nothing was written`,
        'DB_PERMISSION',
      );
    }
    return {
      connection,
      info: { version: row.version.split(' ')[0]!, versionNum: Number(row.version_num), database: row.database },
      snapshot: row.snapshot,
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * A further connection in the leader's snapshot. It connects as the leader does (`connecting`,
 * started together) and only waits for the leader's snapshot id to begin its transaction.
 */
export async function openFollower(connecting: Promise<pg.Client>, snapshot: string, onStatement: (text: string) => void): Promise<CatalogConnection> {
  const connection = new CatalogConnection(await connecting, onStatement);
  try {
    // The id is the server's own (e.g. 00000003-0000001B-1); SET TRANSACTION SNAPSHOT takes no parameters.
    if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${JSON.stringify(snapshot)}`);
    await connection.command(`${BEGIN}; SET TRANSACTION SNAPSHOT '${snapshot}'; SAVEPOINT ${SAVEPOINT}`);
    return connection;
  } catch (error) {
    await connection.close();
    throw error;
  }
}
