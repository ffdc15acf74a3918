// DDL that stays in progress, for tests that need a snapshot caught mid-read: a CREATE TABLE …
// SELECT SLEEP holds its new table under an exclusive metadata lock, so every catalog view that
// reaches that table waits for it (up to the reader's lock timeout) until the DDL is killed.
import type mysql from 'mysql2/promise';
import { admin } from './mysql.js';

/** Polls PROCESSLIST (up to 10 s) until rows match `where`; returns their ids. */
export async function waitForProcesses(connection: mysql.Connection, where: string, values: unknown[] = []): Promise<number[]> {
  for (let i = 0; i < 500; i++) {
    const [rows] = (await connection.query(`SELECT ID FROM information_schema.PROCESSLIST WHERE ${where}`, values)) as unknown as [{ ID: number }[]];
    if (rows.length) return rows.map((r) => Number(r.ID));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no process matched ${where} within 10 s`);
}

export interface HeldTable {
  /** A root connection of its own, for watching and killing while the table is held. */
  watcher: mysql.Connection;
  /** Kills the DDL (the table is never created) and closes its connections; once, however often called. */
  release(): Promise<void>;
}

/** Starts a CREATE TABLE `database`.`table` … SELECT SLEEP(60) and returns once it is running. */
export async function holdNewTable(database: string, table = 'slow'): Promise<HeldTable> {
  const ddl = await admin();
  const watcher = await admin();
  const [[{ id }]] = (await ddl.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
  const running = ddl.query(`CREATE TABLE \`${database}\`.\`${table}\` AS SELECT SLEEP(60) AS s`).catch(() => undefined);
  await waitForProcesses(watcher, 'ID = ? AND INFO LIKE ?', [id, 'CREATE TABLE%']);
  let released: Promise<void> | undefined;
  return {
    watcher,
    release() {
      released ??= (async () => {
        await watcher.query(`KILL ${Number(id)}`);
        await running;
        await watcher.end();
        ddl.destroy();
      })();
      return released;
    },
  };
}
