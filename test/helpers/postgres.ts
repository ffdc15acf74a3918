// The real PostgreSQL server of the test machine (127.0.0.1:5432, user postgres, trust): fresh
// databases per test file, dropped at the end; SKIP (or, with CI=true, FAIL) when it is down.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { test } from 'uvu';
import type { ConnectionSpec } from '../../src/config/targets.js';

export const PG_HOST = process.env.DATATRACK_TEST_PGHOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.DATATRACK_TEST_PGPORT ?? 5432);
export const PG_USER = process.env.DATATRACK_TEST_PGUSER ?? 'postgres';

const created: string[] = [];
let counter = 0;

/** A connected client of the test's own on `database` (for DDL and locks beside a snapshot); the caller ends it. */
export async function openSession(database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database, connectionTimeoutMillis: 5000 });
  // A session the server ends (a test terminating backends) must not crash the test process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await openSession(database);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Whether the server answers. When it does not, prints a SKIP line and the file registers its
 * tests with `test.skip`; with CI=true that is a failure instead.
 */
export async function postgresUp(): Promise<boolean> {
  try {
    await withClient('postgres', (c) => c.query('SELECT 1'));
    return true;
  } catch (error) {
    const reason = `PostgreSQL not reachable at ${PG_HOST}:${PG_PORT} as ${PG_USER}: ${(error as Error).message}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: the server must be up)`);
    console.log(`SKIP ${reason}`);
    return false;
  }
}

/** `test`, or `test.skip` when PostgreSQL is down (see postgresUp). */
export function pgTest(up: boolean): typeof test {
  return up ? test : (test.skip as unknown as typeof test);
}

/** Runs SQL (several statements allowed) in a database as the superuser. */
export async function execSql(database: string, text: string): Promise<pg.QueryResult[]> {
  return withClient(database, async (c) => {
    const result = (await c.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result : [result];
  });
}

/** A new empty database (UTF-8 unless `options` says another ENCODING) with a unique name, dropped by `dropDatabases`. */
export async function createDatabase(label: string, options = ''): Promise<string> {
  const name = `dt_${label}_${process.pid}_${++counter}`;
  await execSql('postgres', `CREATE DATABASE "${name}" TEMPLATE template0 ${/\bENCODING\b/i.test(options) ? '' : "ENCODING 'UTF8'"} ${options}`);
  created.push(name);
  return name;
}

/** Drops them all at once: each DROP DATABASE waits for a checkpoint, and concurrent ones share it. */
export async function dropDatabases(): Promise<void> {
  await Promise.all(created.splice(0).map((name) => execSql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
}

/** Loads a SQL file with psql, as the corpus was loaded (psql meta-commands included). */
export function psqlFile(database: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', PG_HOST, '-p', String(PG_PORT), '-U', PG_USER, '-d', database, '-f', file], {
      env: { ...process.env, PGOPTIONS: '--client-min-messages=warning' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql -f ${file} failed (${code}): ${stderr}`))));
  });
}

export function pgSpec(database: string, extra: Partial<ConnectionSpec> = {}): ConnectionSpec {
  return { dialect: 'postgres', database, host: PG_HOST, port: PG_PORT, user: PG_USER, options: { sslmode: 'disable' }, ...extra };
}

export function pgUrl(database: string, user = PG_USER): string {
  return `postgresql://${encodeURIComponent(user)}@${PG_HOST}:${PG_PORT}/${encodeURIComponent(database)}`;
}
