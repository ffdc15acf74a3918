// SQLite databases built from SQL and read back through the real dialect, for diff scenarios
// that need no repository.
import { join } from 'node:path';
import { sqliteDriver } from '../../src/dialects/sqlite/driver.js';
import type { Snapshot } from '../../src/model/types.js';
import { sqliteDatabase, tempDir } from './cli.js';

let counter = 0;
const dir = tempDir('dt-sqlite-');

export async function sqliteSnapshot(sql: string): Promise<Snapshot> {
  const path = sqliteDatabase(join(dir, `db${counter++}.db`), sql);
  return (await sqliteDriver.introspect({ dialect: 'sqlite', database: path, options: {} }, {})).snapshot;
}
