// SQLite databases built from SQL and read back through the real dialect, for diff scenarios
// that need no repository.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteDriver } from '../../src/dialects/sqlite/driver.js';
import type { Snapshot } from '../../src/model/types.js';
import { sqliteDatabase, tempDir } from './cli.js';

let counter = 0;
const dir = tempDir('dt-sqlite-');

/**
 * A database made by `sql`, with the statements of the objects named in `stored` replaced by the
 * ones given: for what the sqlite3 shell stores and better-sqlite3 (built with SQLITE_DQS=0) refuses
 * to create, such as an index key `"x"` that names no column, which SQLite reads as the string 'x'.
 * Each should replace a statement that builds the same structure (`+'x'` for `"x"`).
 */
export function sqliteDatabaseStoring(sql: string, stored: Record<string, string> = {}): string {
  const path = sqliteDatabase(join(dir, `db${counter++}.db`), sql);
  if (Object.keys(stored).length === 0) return path;
  const db = new Database(path);
  try {
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    const store = db.prepare('UPDATE sqlite_schema SET sql = ? WHERE name = ?');
    for (const [name, statement] of Object.entries(stored)) {
      if (store.run(statement, name).changes !== 1) throw new Error(`no object ${name} to store a statement for`);
    }
    db.pragma('writable_schema = OFF');
  } finally {
    db.close();
  }
  return path;
}

export async function sqliteSnapshot(sql: string, stored: Record<string, string> = {}): Promise<Snapshot> {
  const path = sqliteDatabaseStoring(sql, stored);
  return (await sqliteDriver.introspect({ dialect: 'sqlite', database: path, options: {} }, {})).snapshot;
}
