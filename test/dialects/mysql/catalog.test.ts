// How a catalog read ends when a statement fails: DDL met in the middle (a table gone, a lock cycle)
// leaves the sessions open, each in a fresh snapshot transaction, for the next read; anything else
// ends them. The sessions here are stand-ins that fail the statement they are told to.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'drizzle-orm';
import { CatalogMoved, catalogQuery, readCatalog } from '../../../src/dialects/mysql/catalog.js';
import type { CatalogSession } from '../../../src/dialects/mysql/session.js';

function standIn(errno: number | undefined): { session: CatalogSession; commands: string[]; destroyed: () => boolean } {
  const commands: string[] = [];
  let destroyed = false;
  let statements = 0;
  const session = {
    client: {
      query: async (text: string) => (commands.push(text), [[]]),
      destroy: () => void (destroyed = true),
    },
    db: {
      execute: async () => {
        if (errno !== undefined && ++statements === 2) throw Object.assign(new Error(`server error ${errno}`), { errno });
        return [[]];
      },
    },
    sql,
  };
  return { session: session as unknown as CatalogSession, commands, destroyed: () => destroyed };
}

test('a table gone (1146) or a lock cycle (1213) mid-read: CatalogMoved, sessions kept, each in a new snapshot transaction', async () => {
  for (const errno of [1146, 1213]) {
    const stand = standIn(errno);
    const failure = await readCatalog([stand.session], 'shop', 'mariadb').then(() => undefined, (error: unknown) => error);
    assert.instance(failure, CatalogMoved, String(errno));
    assert.is(stand.destroyed(), false);
    assert.equal(stand.commands.slice(-2), ['ROLLBACK', 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY']);
  }
});

test('any other failure ends the sessions and is passed on as it is', async () => {
  const stand = standIn(1045);
  const failure = await readCatalog([stand.session], 'shop', 'mariadb').then(() => undefined, (error: unknown) => error as Error & { errno?: number });
  assert.is(failure?.errno, 1045);
  assert.ok(!(failure instanceof CatalogMoved));
  assert.is(stand.destroyed(), true);
});

test('a read without failures returns every view', async () => {
  const stand = standIn(undefined);
  const read = await readCatalog([stand.session], 'shop', 'mariadb');
  assert.ok(Object.keys(read.rows).length >= 10);
  assert.is(stand.destroyed(), false);
});

/** A stand-in whose every statement returns `row` (a geometry column of a plain table, for the views that read it so). */
function answering(row: Record<string, unknown>): CatalogSession {
  return { client: { query: async () => [[]], destroy: () => undefined }, db: { execute: async () => [[row]] }, sql } as unknown as CatalogSession;
}

test('a geometry column brings GEOMETRY_COLUMNS in on MariaDB only (MySQL 8 has its SRID in COLUMNS)', async () => {
  const row = { table_name: 't', table_type: 'BASE TABLE', data_type: 'point' };
  assert.ok('geometry_columns' in (await readCatalog([answering(row)], 'shop', 'mariadb')).rows);
  assert.not.ok('geometry_columns' in (await readCatalog([answering(row)], 'shop', 'mysql')).rows);
  assert.not.ok('geometry_columns' in (await readCatalog([answering({ ...row, data_type: 'int' })], 'shop', 'mariadb')).rows);
  assert.match(catalogQuery('columns', 'mysql'), /SRS_ID AS srid/);
  assert.not.match(catalogQuery('columns', 'mariadb'), /SRS_ID AS/);
});

test.run();
