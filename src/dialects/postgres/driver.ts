// PostgreSQL through drizzle-orm over pg: a consistent, read-only snapshot of the catalog read
// with one query per object kind on `jobs` connections, then assembled into the model.
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionSpec } from '../../config/targets.js';
import { DatabaseError } from '../../errors.js';
import type { Introspection } from '../../model/types.js';
import type { Driver, IntrospectOptions } from '../driver.js';
import { assemblePostgres } from './assemble.js';
import { readCatalog } from './catalog.js';
import { connectPlan } from './connection.js';
import { CatalogChanged, describeServer, readError } from './errors.js';
import { openLeader } from './session.js';

/** More connections than this only add load on the server: the catalog has a dozen queries. */
const MAX_JOBS = 8;
/**
 * Reads that find the catalog changed under them (DDL committed during the read) start over, after
 * a pause that doubles each time (0.1 s to 0.8 s), so that a migration's burst of DDL can pass.
 */
const ATTEMPTS = 5;
const FIRST_PAUSE_MS = 100;

export interface PostgresIntrospectOptions extends IntrospectOptions {
  /** Sees every statement sent to the server (tests count them). */
  onStatement?: (text: string) => void;
}

export async function introspectPostgres(spec: ConnectionSpec, options: PostgresIntrospectOptions = {}): Promise<Introspection> {
  const plan = connectPlan(spec);
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), MAX_JOBS));
  for (let attempt = 1; ; attempt++) {
    try {
      const read = await readCatalog(plan, { jobs, scope: spec, progress: options.progress, onStatement: options.onStatement });
      options.progress?.('building model');
      let assembled: ReturnType<typeof assemblePostgres>;
      try {
        assembled = assemblePostgres(read.rows, { server: read.info.version, database: read.info.database });
      } finally {
        // Built while the server checks the catalog; rows that mix two catalog states may not
        // assemble, and then the check's verdict (read again) is the error that counts.
        await read.settled;
      }
      const { snapshot, warnings } = assembled;
      return { snapshot, warnings: [...read.warnings, ...warnings], password: plan.password, leftOut: read.leftOut };
    } catch (error) {
      if (!(error instanceof CatalogChanged)) throw error;
      if (attempt === ATTEMPTS) {
        throw new DatabaseError(`the catalog of ${describeServer(spec)} kept changing during ${ATTEMPTS} attempts to read it (${error.message}); try again once the DDL has settled; nothing was written`, 'DB_CHANGING', error);
      }
      options.progress?.('the schema changed while it was read; reading again');
      await sleep(FIRST_PAUSE_MS * 2 ** (attempt - 1));
    }
  }
}

export const postgresDriver: Driver = {
  async testConnection(spec) {
    const plan = connectPlan(spec);
    // The server may end the session between login and the first answer (idle_session_timeout, a failover): a lost connection as in a snapshot.
    const { connection, info } = await openLeader(plan, false, () => {}).catch((error: unknown) => {
      throw error instanceof DatabaseError ? error : readError(error, describeServer(spec), plan.timeouts);
    });
    await connection.close();
    return { server: info.version };
  },
  introspect: introspectPostgres,
};
