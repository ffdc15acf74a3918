// What every dialect provides. Dialects are loaded on demand so that a run pays only for the
// driver it uses (importing pg or mysql2 costs tens of milliseconds at start-up).
import type { ConnectionSpec } from '../config/targets.js';
import type { Dialect, Introspection } from '../model/types.js';

export interface Progress {
  (phase: string, done?: number, total?: number): void;
}

export interface IntrospectOptions {
  /** Catalog connections to use at once (PostgreSQL and MySQL). */
  jobs?: number;
  progress?: Progress;
}

export interface Driver {
  /** Connects, reads the server version and disconnects. */
  /** `warnings`: what is connectable but most likely not the database meant (an empty SQLite file). */
  testConnection(spec: ConnectionSpec): Promise<{ server: string; warnings?: string[] }>;
  /** Reads the whole schema (read-only) into the model, normalized (model/canonical.ts). */
  introspect(spec: ConnectionSpec, options: IntrospectOptions): Promise<Introspection>;
}

export async function loadDriver(dialect: Dialect): Promise<Driver> {
  switch (dialect) {
    case 'postgres':
      return (await import('./postgres/driver.js')).postgresDriver;
    case 'sqlite':
      return (await import('./sqlite/driver.js')).sqliteDriver;
    case 'mysql':
      return (await import('./mysql/driver.js')).mysqlDriver;
    default:
      throw new Error(`the ${dialect} dialect is not available in this build`);
  }
}
