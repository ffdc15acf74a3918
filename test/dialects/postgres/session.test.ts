// How a PostgreSQL snapshot reads: a fixed number of statements whatever the size of the schema,
// read-only connections sharing one exported snapshot, one catalog state even under concurrent
// DDL, and a lock held by DDL ending the snapshot within the lock timeout with a clear error.
import pg from 'pg';
import * as assert from 'uvu/assert';
import { DEFAULT_TIMEOUTS } from '../../../src/config/targets.js';
import { connectPlan } from '../../../src/dialects/postgres/connection.js';
import { introspectPostgres } from '../../../src/dialects/postgres/driver.js';
import { openFollower, openLeader } from '../../../src/dialects/postgres/session.js';
import { DatabaseError } from '../../../src/errors.js';
import type { Table } from '../../../src/model/types.js';
import { rejects } from '../../helpers/assert.js';
import { createDatabase, dropDatabases, execSql, PG_HOST, PG_PORT, PG_USER, pgSpec, pgTest, postgresUp } from '../../helpers/postgres.js';

const up = await postgresUp();
const test = pgTest(up);
if (up) test.after(dropDatabases);

/** n tables, each with a key, a foreign key to the previous one, an index, a check and a default; a view per ten. */
function schemaOf(n: number): string {
  const ddl: string[] = [];
  for (let i = 0; i < n; i++) {
    const fk = i > 0 ? `, parent int REFERENCES t${i - 1} (id)` : '';
    ddl.push(`CREATE TABLE t${i} (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x', qty int CHECK (qty > 0)${fk})`, `CREATE INDEX t${i}_name ON t${i} (lower(name))`);
    if (i % 10 === 0) ddl.push(`CREATE VIEW v${i} AS SELECT id, name FROM t${i}`);
  }
  return `BEGIN; ${ddl.join(';\n')}; COMMIT`;
}

async function statementsFor(database: string, jobs: number): Promise<{ statements: number; tables: number }> {
  let statements = 0;
  const { snapshot } = await introspectPostgres(pgSpec(database), { jobs, onStatement: () => statements++ });
  return { statements, tables: snapshot.objects.filter((o) => o.kind === 'table').length };
}

test('batched: a 10-table and a 500-table database take the same number of statements, for each jobs value', async () => {
  const small = await createDatabase('ten');
  const large = await createDatabase('five_hundred');
  await Promise.all([execSql(small, schemaOf(10)), execSql(large, schemaOf(500))]);
  for (const jobs of [1, 3]) {
    const a = await statementsFor(small, jobs);
    const b = await statementsFor(large, jobs);
    assert.equal([a.tables, b.tables], [10, 500]);
    assert.is(b.statements, a.statements, `jobs ${jobs}`);
  }
  // One per object kind (11), the schema list, the lock statement and its run, and one session command per connection.
  assert.is((await statementsFor(small, 1)).statements, 15);
  assert.is((await statementsFor(small, 3)).statements, 17);
});

test('every catalog connection is read-only with the target\'s timeouts, and followers see the leader\'s snapshot, not later commits', async () => {
  const database = await createDatabase('readonly');
  await execSql(database, 'CREATE TABLE before_export (id int)');
  const plan = connectPlan(pgSpec(database, { timeouts: { connectMs: 5000, statementMs: 12_000, lockMs: 3000 } }));
  const leader = await openLeader(plan, true, () => {});
  await execSql(database, 'CREATE TABLE after_export (id int)');
  const follower = await openFollower(plan, leader.snapshot!, () => {});
  try {
    for (const connection of [leader.connection, follower]) {
      const [setting] = await connection.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
      assert.is(setting!.transaction_read_only, 'on');
      const [settings] = await connection.query<Record<string, string>>(
        `SELECT current_setting('default_transaction_read_only') AS read_only, current_setting('statement_timeout') AS statement_timeout,
                current_setting('lock_timeout') AS lock_timeout, current_setting('application_name') AS application_name`,
      );
      assert.equal(settings, { read_only: 'on', statement_timeout: '12s', lock_timeout: '3s', application_name: 'datatrack' });
      const tables = await connection.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname LIKE '%_export' ORDER BY 1`);
      assert.equal(tables.map((t) => t.relname), ['before_export']);
    }
    await rejects(() => follower.query('CREATE TABLE nope (id int)'), /read-only transaction/);
  } finally {
    await leader.connection.close();
    await follower.close();
  }
});

test('concurrent DDL: no snapshot mixes two catalog states', async () => {
  const database = await createDatabase('ddl_loop');
  await execSql(database, 'CREATE TABLE anchor (id int PRIMARY KEY)');
  const ddl = new pg.Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database });
  await ddl.connect();
  let running = true;
  let rounds = 0;
  const loop = (async () => {
    while (running) {
      const i = rounds++ % 5;
      // Parent and child appear together and vanish together, each in one transaction.
      await ddl.query(`BEGIN; CREATE TABLE p${i} (id int PRIMARY KEY, v text DEFAULT 'x'); CREATE INDEX p${i}_v ON p${i} (lower(v));
        CREATE TABLE c${i} (id int PRIMARY KEY, p int REFERENCES p${i} (id), CHECK (id > 0)); CREATE VIEW w${i} AS SELECT * FROM c${i}; COMMIT`);
      await ddl.query(`BEGIN; DROP VIEW w${i}; DROP TABLE c${i}; DROP TABLE p${i}; COMMIT`);
    }
  })();
  try {
    for (let n = 0; n < 12; n++) {
      const { snapshot } = await introspectPostgres(pgSpec(database), { jobs: 3 });
      const tables = new Map(snapshot.objects.filter((o): o is Table => o.kind === 'table').map((t) => [t.name, t]));
      for (const table of tables.values()) {
        for (const fk of table.foreign_keys ?? []) assert.ok(tables.has(fk.references.table), `${table.name} references ${fk.references.table}, absent from the same snapshot`);
        if (table.name.startsWith('c')) assert.ok(snapshot.objects.some((o) => o.kind === 'view' && o.name === `w${table.name.slice(1)}`), `${table.name} without its view`);
        if (table.name.startsWith('p')) assert.is(table.indexes?.length, 1, `${table.name} without its index`);
      }
    }
    assert.ok(rounds > 1, 'the DDL loop ran while snapshots were taken');
  } finally {
    running = false;
    await loop;
    await ddl.end();
  }
});

test('a table locked by DDL makes the snapshot fail within the lock timeout, naming the table', async () => {
  const database = await createDatabase('locked');
  await execSql(database, `CREATE TABLE busy (id int PRIMARY KEY, v text DEFAULT 'x'); CREATE INDEX busy_v ON busy (v)`);
  const holder = new pg.Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database });
  await holder.connect();
  try {
    await holder.query('BEGIN; LOCK TABLE busy IN ACCESS EXCLUSIVE MODE');
    const timeouts = { ...DEFAULT_TIMEOUTS, lockMs: 300 };
    const error = await rejects(() => introspectPostgres(pgSpec(database, { timeouts }), { jobs: 2 }), /lock timeout \(0\.3 s\): public\.busy is locked by another session/);
    assert.ok(error instanceof DatabaseError);
    assert.is((error as DatabaseError).exitCode, 3);
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
});

test.run();
