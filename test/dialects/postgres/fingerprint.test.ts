// The catalog fingerprint that tells a snapshot whether DDL committed while it read: every kind of
// DDL the deparsing functions would see changes it; data activity, maintenance and DDL outside the
// schemas in scope leave it alone.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import * as assert from 'uvu/assert';
import { ROOT } from '../../helpers/cli.js';
import { createDatabase, dropDatabases, openSession, pgTest, postgresUp } from '../../helpers/postgres.js';

const up = await postgresUp();
const test = pgTest(up);

const FINGERPRINT = readFileSync(`${ROOT}src/dialects/postgres/sql/fingerprint.sql`, 'utf8');

const SCHEMA = `CREATE TYPE mood AS ENUM ('sad', 'ok');
  CREATE TABLE t (id int PRIMARY KEY, v text, m mood, n int CHECK (n > 0));
  CREATE INDEX t_v ON t (lower(v));
  CREATE VIEW tv AS SELECT id, v FROM t;
  CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
  CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
  CREATE SEQUENCE s;
  CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.e (id int)`;

let client: pg.Client;
let database: string;

async function fingerprint(): Promise<string> {
  const { rows } = await client.query<{ fingerprint: string }>(FINGERPRINT, [['public']]);
  return rows[0]!.fingerprint;
}

test.before(async () => {
  if (!up) return;
  database = await createDatabase('fingerprint');
  client = await openSession(database);
  await client.query(SCHEMA);
});

test.after(async () => {
  if (!up) return;
  await client.end();
  await dropDatabases();
});

test('data activity, maintenance, comments and DDL outside the scope leave the fingerprint alone', async () => {
  const before = await fingerprint();
  for (const statement of [
    `INSERT INTO t SELECT g, 'x' || g, 'ok', g FROM generate_series(1, 500) AS g`,
    `UPDATE t SET v = 'y' WHERE id < 100`,
    'DELETE FROM t WHERE id > 400',
    `SELECT nextval('s')`,
    'ANALYZE t',
    'VACUUM t',
    'VACUUM (FREEZE) t',
    'VACUUM FULL t',
    'TRUNCATE t',
    'REINDEX TABLE t',
    `COMMENT ON TABLE t IS 'read in the snapshot'`,
    'CREATE TABLE elsewhere.more (id int PRIMARY KEY)',
    'CREATE TEMP TABLE scratch (id int PRIMARY KEY)',
  ]) {
    await client.query(statement);
    assert.is(await fingerprint(), before, statement);
  }
});

test('every kind of DDL in scope changes the fingerprint', async () => {
  for (const statement of [
    'ALTER TABLE t ADD COLUMN w int',
    'ALTER TABLE t RENAME COLUMN w TO w2',
    'ALTER TABLE t ALTER COLUMN w2 TYPE bigint',
    'ALTER TABLE t DROP COLUMN w2',
    'ALTER TABLE t ADD CONSTRAINT t_v_key UNIQUE (v)',
    'ALTER INDEX t_v RENAME TO t_v_lower',
    'ALTER INDEX t_v_lower SET (fillfactor = 70)',
    'CREATE INDEX t_n ON t (n) WHERE n > 10',
    'CREATE OR REPLACE VIEW tv AS SELECT id, v, n FROM t',
    `CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 2'`,
    `ALTER TYPE mood ADD VALUE 'glad'`,
    'ALTER TYPE mood RENAME TO feeling',
    'CREATE TRIGGER t_trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg()',
    'ALTER TABLE t RENAME TO t2',
    'ALTER TABLE elsewhere.e SET SCHEMA public',
    'DROP VIEW tv',
  ]) {
    const before = await fingerprint();
    await client.query(statement);
    assert.is.not(await fingerprint(), before, statement);
  }
});

test.run();
