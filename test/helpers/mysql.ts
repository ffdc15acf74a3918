// MariaDB/MySQL test helpers: the server at 127.0.0.1:3306 (root, empty password), one fresh
// database per use, dropped when the file's tests end. Without a server the tests SKIP (a line
// starting `SKIP `), except under CI=true, where that is a failure.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { test, type Test } from 'uvu';
import mysql from 'mysql2/promise';
import type { ConnectionSpec } from '../../src/config/targets.js';

export const MYSQL_HOST = process.env.DATATRACK_TEST_MYSQL_HOST ?? '127.0.0.1';
export const MYSQL_PORT = Number(process.env.DATATRACK_TEST_MYSQL_PORT ?? 3306);
const ROOT = { host: MYSQL_HOST, port: MYSQL_PORT, user: 'root', password: '' };

async function reachable(): Promise<string | undefined> {
  try {
    const c = await mysql.createConnection({ ...ROOT, connectTimeout: 3000 });
    await c.end();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const problem = await reachable();
if (problem) {
  if (process.env.CI === 'true') throw new Error(`MariaDB/MySQL at ${MYSQL_HOST}:${MYSQL_PORT} is required under CI: ${problem}`);
  console.log(`SKIP mysql tests: no MariaDB/MySQL at ${MYSQL_HOST}:${MYSQL_PORT} (${problem})`);
}

/** `test`, or `test.skip` when there is no server to test against. */
export const mysqlTest: Test = problem ? (test.skip as unknown as Test) : test;

/** A root connection for setting up fixtures (several statements per query allowed). */
export function admin(): Promise<mysql.Connection> {
  return mysql.createConnection({ ...ROOT, multipleStatements: true, charset: 'UTF8MB4_GENERAL_CI' });
}

const created: string[] = [];
const users: string[] = [];

/** Runs `sql` (several statements allowed) in database `db` as root. */
export async function executeIn(db: string, sql: string): Promise<void> {
  const c = await admin();
  try {
    await c.query(`USE \`${db}\`; ${sql}`);
  } finally {
    await c.end();
  }
}

/** Creates an empty database with a unique name (dropped after the file's tests). */
export async function freshDatabase(label: string, sql = ''): Promise<string> {
  const name = `dt_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const c = await admin();
  try {
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    created.push(name);
  } finally {
    await c.end();
  }
  if (sql) await executeIn(name, sql);
  return name;
}

/** A user with a password, dropped after the file's tests. */
export async function freshUser(grants: string[]): Promise<{ user: string; password: string }> {
  const user = `dt_u_${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(6).toString('hex')}`;
  const c = await admin();
  try {
    await c.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    users.push(user);
    for (const grant of grants) await c.query(`GRANT ${grant} TO '${user}'@'%'`);
  } finally {
    await c.end();
  }
  return { user, password };
}

const CLIENT = ['mariadb', 'mysql'].find((bin) => {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Loads a SQL script with the command-line client (it understands DELIMITER, as load.sh does). */
export function loadScript(database: string, script: string): void {
  if (!CLIENT) throw new Error('no mariadb or mysql command-line client on PATH');
  execFileSync(CLIENT, ['-h', MYSQL_HOST, '-P', String(MYSQL_PORT), '-u', 'root', '--default-character-set=utf8mb4', database], {
    input: script,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, MYSQL_PWD: '' },
  });
}

export function mysqlSpec(database: string, extra: Partial<ConnectionSpec> = {}): ConnectionSpec {
  return { dialect: 'mysql', host: MYSQL_HOST, port: MYSQL_PORT, user: 'root', database, options: {}, ...extra };
}

export function mysqlUrl(database: string, user = 'root', password?: string): string {
  return `mysql://${user}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@${MYSQL_HOST}:${MYSQL_PORT}/${encodeURIComponent(database)}`;
}

test.after(async () => {
  if (problem || (!created.length && !users.length)) return;
  const c = await admin();
  try {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    for (const user of users) await c.query(`DROP USER IF EXISTS '${user}'@'%'`);
  } finally {
    await c.end();
  }
});
