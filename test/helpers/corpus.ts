// The schema corpus (test/fixtures/<dialect>/, or $DATATRACK_CORPUS/<dialect>/) loaded into
// fresh databases of the local servers with their own command-line clients (the files use psql
// meta-commands and mysql's DELIMITER), then introspected by the dialect's driver. Whatever is
// missing prints a SKIP line: the dialect (absent from a build), or, unless CI=true, the corpus or
// the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from '../../src/dialects/driver.js';
import type { Snapshot } from '../../src/model/types.js';
import { ROOT } from './cli.js';
import { builtDriver } from './live-driver.js';

/** The corpus files the tests use, copied into test/fixtures with their provenance. */
export const CORPUS = process.env.DATATRACK_CORPUS ?? join(ROOT, 'test', 'fixtures');
const CI = process.env.CI === 'true';

type ServerDialect = 'postgres' | 'mysql';

function exec(command: string, args: string[], input?: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8', input, env: { ...process.env, PGOPTIONS: '--client-min-messages=warning' } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
}

interface Server {
  admin: string;
  spec: { host: string; port: number; user: string };
  run(database: string, sql: string): void;
  load(database: string, file: string): void;
  create(database: string): string;
  drop(database: string): string;
}

const PSQL = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'postgres'];
const MYSQL = ['-h127.0.0.1', '-uroot'];
const mysqlClient = () => (spawnSync('sh', ['-c', 'command -v mariadb'], { encoding: 'utf8' }).stdout.trim() ? 'mariadb' : 'mysql');

const SERVERS: Record<ServerDialect, Server> = {
  postgres: {
    admin: 'postgres',
    spec: { host: '127.0.0.1', port: 5432, user: 'postgres' },
    run: (database, sql) => exec('psql', [...PSQL, '-d', database, '-c', sql]),
    load: (database, file) => exec('psql', [...PSQL, '-d', database, '-f', file]),
    create: (database) => `CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8'`,
    drop: (database) => `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
  },
  mysql: {
    admin: 'mysql',
    spec: { host: '127.0.0.1', port: 3306, user: 'root' },
    run: (database, sql) => exec(mysqlClient(), [...MYSQL, database, '-e', sql]),
    load: (database, file) => exec(mysqlClient(), [...MYSQL, database], readFileSync(file, 'utf8')),
    create: (database) => `CREATE DATABASE ${database}`,
    drop: (database) => `DROP DATABASE IF EXISTS ${database}`,
  },
};

export interface CorpusSource {
  driver: Driver;
  dialect: ServerDialect;
  /** The corpus schemas of the dialect (file names without .sql). */
  names: string[];
}

/** The driver and corpus schemas of a dialect, or undefined after printing why not. */
export async function corpusSource(dialect: ServerDialect, label: string): Promise<CorpusSource | undefined> {
  const driver = await builtDriver(dialect, label);
  if (!driver) return undefined;
  const dir = join(CORPUS, dialect);
  let problem: string | undefined;
  if (!existsSync(dir)) problem = `corpus ${dir} not found (set DATATRACK_CORPUS)`;
  else {
    try {
      SERVERS[dialect].run(SERVERS[dialect].admin, 'SELECT 1');
    } catch (error) {
      problem = `${dialect} server not reachable (${(error as Error).message})`;
    }
  }
  if (problem === undefined) return { driver, dialect, names: readdirSync(dir).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)).sort() };
  if (CI) throw new Error(`${label}: ${problem} (CI=true)`);
  console.log(`SKIP ${label}: ${problem}`);
  return undefined;
}

/** Loads one corpus schema into a fresh database, introspects it, and drops the database. */
export async function corpusSnapshot(source: CorpusSource, name: string): Promise<Snapshot> {
  const server = SERVERS[source.dialect];
  const database = `dt_rules_${name}_${process.pid}`;
  server.run(server.admin, server.create(database));
  try {
    server.load(database, join(CORPUS, source.dialect, `${name}.sql`));
    return (await source.driver.introspect({ dialect: source.dialect, ...server.spec, database, options: {} }, {})).snapshot;
  } finally {
    server.run(server.admin, server.drop(database));
  }
}
