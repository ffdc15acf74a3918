// How a PostgreSQL snapshot reads: a fixed number of statements whatever the size of the schema,
// read-only connections sharing one exported snapshot, one catalog state even under concurrent
// DDL, DDL never waiting for a snapshot, and a lock held by DDL ending the snapshot within the lock
// timeout with a clear error.
import { setTimeout as sleep } from 'node:timers/promises';
import * as assert from 'uvu/assert';
import { DEFAULT_TIMEOUTS } from '../../../src/config/targets.js';
import { connectClient, connectPlan } from '../../../src/dialects/postgres/connection.js';
import { introspectPostgres, postgresDriver } from '../../../src/dialects/postgres/driver.js';
import { openFollower, openLeader } from '../../../src/dialects/postgres/session.js';
import { DatabaseError } from '../../../src/errors.js';
import type { Table } from '../../../src/model/types.js';
import type pg from 'pg';
import { rejects } from '../../helpers/assert.js';
import { createDatabase, dropDatabases, openSession, execSql, pgSpec, pgTest, postgresUp } from '../../helpers/postgres.js';

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
  // One per object kind (11), the schema list, the lock probe (its query and the LOCK), the
  // fingerprint in the snapshot and after it (with the ROLLBACK that leaves the snapshot), a
  // release after each of the 13 tasks, and one session command per connection; with 3
  // connections the indexes query runs as 3 shards (2 more queries, 2 more releases).
  assert.is((await statementsFor(small, 1)).statements, 31);
  assert.is((await statementsFor(small, 3)).statements, 37);
});

test('every catalog connection is read-only with the target\'s timeouts, and followers see the leader\'s snapshot, not later commits', async () => {
  const database = await createDatabase('readonly');
  // A database that ends idle transactions fast (a connection waits idle while the others read): as pg_dump, not for a snapshot's.
  await execSql(database, `CREATE TABLE before_export (id int); ALTER DATABASE "${database}" SET idle_in_transaction_session_timeout = '50ms'`);
  const plan = connectPlan(pgSpec(database, { timeouts: { connectMs: 5000, statementMs: 12_000, lockMs: 3000 } }));
  // The follower connects before the leader has exported its snapshot, as a snapshot's followers do.
  const connecting = connectClient(plan);
  const leader = await openLeader(plan, true, () => {});
  await execSql(database, 'CREATE TABLE after_export (id int)');
  const follower = await openFollower(connecting, leader.snapshot!, () => {});
  try {
    for (const connection of [leader.connection, follower]) {
      const [setting] = await connection.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
      assert.is(setting!.transaction_read_only, 'on');
      const [settings] = await connection.query<Record<string, string>>(
        `SELECT current_setting('default_transaction_read_only') AS read_only, current_setting('statement_timeout') AS statement_timeout,
                current_setting('lock_timeout') AS lock_timeout, current_setting('application_name') AS application_name,
                current_setting('idle_in_transaction_session_timeout') AS idle_timeout`,
      );
      assert.equal(settings, { read_only: 'on', statement_timeout: '12s', lock_timeout: '3s', application_name: 'datatrack', idle_timeout: '0' });
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
  const ddl = await openSession(database);
  let running = true;
  let rounds = 0;
  const loop = (async () => {
    while (running) {
      const i = rounds++ % 5;
      // Parent and child appear together and vanish together, each in one transaction.
      await ddl.query(`BEGIN; CREATE TABLE p${i} (id int PRIMARY KEY, v text DEFAULT 'x'); CREATE INDEX p${i}_v ON p${i} (lower(v));
        CREATE TABLE c${i} (id int PRIMARY KEY, p int REFERENCES p${i} (id), CHECK (id > 0)); CREATE VIEW w${i} AS SELECT * FROM c${i}; COMMIT`);
      await ddl.query(`BEGIN; DROP VIEW w${i}; DROP TABLE c${i}; DROP TABLE p${i}; COMMIT`);
      // Bursts with short quiet spells, as real migrations come: a read overlapping a burst must
      // notice it, and one falling into a spell must succeed, however loaded the machine is.
      if (rounds % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  let taken = 0;
  try {
    for (let n = 0; n < 12; n++) {
      let snapshot;
      try {
        ({ snapshot } = await introspectPostgres(pgSpec(database), { jobs: 3 }));
      } catch (error) {
        // DDL that never pauses may disturb five reads in a row: giving up then is an outcome, a mixed snapshot is not.
        assert.is((error as DatabaseError).code, 'DB_CHANGING', (error as Error).message);
        continue;
      }
      taken++;
      const tables = new Map(snapshot.objects.filter((o): o is Table => o.kind === 'table').map((t) => [t.name, t]));
      for (const table of tables.values()) {
        for (const fk of table.foreign_keys ?? []) assert.ok(tables.has(fk.references.table), `${table.name} references ${fk.references.table}, absent from the same snapshot`);
        if (table.name.startsWith('c')) assert.ok(snapshot.objects.some((o) => o.kind === 'view' && o.name === `w${table.name.slice(1)}`), `${table.name} without its view`);
        if (table.name.startsWith('p')) assert.is(table.indexes?.length, 1, `${table.name} without its index`);
      }
    }
    assert.ok(rounds > 1, 'the DDL loop ran while snapshots were taken');
    assert.ok(taken > 0, 'snapshots were taken');
  } finally {
    running = false;
    await loop;
    await ddl.end();
  }
});

/**
 * Resolves once the snapshot's lock probe has found the gate locked: it retries a LOCK … NOWAIT
 * (a backend in `database` whose last statement it was, failed) rather than waiting on the server.
 * On a loaded machine a fixed pause could end while the snapshot was still reading.
 */
async function probing(session: pg.Client, database: string): Promise<void> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(50)) {
    const { rows } = await session.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = 'datatrack' AND datname = $1 AND query LIKE 'LOCK TABLE %' AND state <> 'active'`,
      [database],
    );
    if (rows.length > 0) return;
  }
  throw new Error('the snapshot never probed the locks');
}

/**
 * The relations among `names` a datatrack backend holds a lock on, in the first of a few samples
 * that finds none: between a failed probe and its release the probe's own locks are there for a
 * moment, a lock the snapshot kept would be in every sample.
 */
async function heldBySnapshot(session: pg.Client, names: string[]): Promise<string[]> {
  let held: string[] = [];
  for (let sample = 0; sample < 10; sample++, await sleep(30)) {
    const { rows } = await session.query(
      `SELECT l.relation::regclass::text AS relation FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid
       WHERE a.application_name = 'datatrack' AND l.locktype = 'relation' AND l.relation::regclass::text = ANY ($1)`,
      [names],
    );
    held = rows.map((row: { relation: string }) => row.relation);
    if (held.length === 0) break;
  }
  return held;
}

test('DDL never waits for a snapshot: one that waits for a table a view or function body reads (out of scope too) holds nothing meanwhile, on any number of connections', async () => {
  const database = await createDatabase('no_block');
  // Deparsing a view or a SQL-standard function body locks the tables it names (pg_get_viewdef,
  // pg_get_functiondef); gate.g is out of scope, read only through them.
  await execSql(database, `CREATE TABLE target (id int PRIMARY KEY, v text); CREATE INDEX target_v ON target (v);
    CREATE SCHEMA gate; CREATE TABLE gate.g (id int);
    CREATE VIEW target_view AS SELECT t.id, g.id AS gid FROM target AS t CROSS JOIN gate.g AS g;
    CREATE FUNCTION gated() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM gate.g; END`);
  const [gate, alter] = [await openSession(database), await openSession(database)];
  try {
    await alter.query(`SET lock_timeout = '2s'`);
    for (const jobs of [1, 3]) {
      await gate.query('BEGIN; LOCK TABLE gate.g IN ACCESS EXCLUSIVE MODE');
      const spec = pgSpec(database, { exclude: ['gate'], timeouts: { ...DEFAULT_TIMEOUTS, lockMs: 30_000 } });
      let settled = false;
      const reading = introspectPostgres(spec, { jobs }).finally(() => (settled = true));
      await probing(alter, database);
      assert.not.ok(settled, `jobs ${jobs}: the snapshot waits for the gate`);
      assert.equal(await heldBySnapshot(alter, ['target', 'target_view']), [], `jobs ${jobs}: the snapshot holds no lock on the tables the view reads`);
      // Were it to hold one, each ALTER would wait for the snapshot, which waits for the gate: the lock timeout says so.
      await alter.query(`ALTER TABLE target ADD COLUMN c${jobs} int`);
      await gate.query('ROLLBACK');
      const { snapshot } = await reading;
      const target = snapshot.objects.find((o): o is Table => o.kind === 'table' && o.name === 'target')!;
      assert.equal(target.columns.map((c) => c.name).at(-1), `c${jobs}`, `jobs ${jobs}: the snapshot is the one after the DDL`);
    }
  } finally {
    await gate.end();
    await alter.end();
  }
});

test('ALTER TABLE ADD COLUMN in a loop beside snapshots: no ALTER waits for them, and every snapshot taken is one catalog state', async () => {
  const database = await createDatabase('alter_loop');
  await execSql(database, 'CREATE TABLE wide (id int PRIMARY KEY); CREATE VIEW wide_ids AS SELECT id FROM wide');
  const spec = pgSpec(database);
  // Between two ALTERs, room for three whole reads at this machine's current speed (timed once
  // warm): some reads see an ALTER commit and start over, most of them fit.
  await introspectPostgres(spec, { jobs: 2 });
  const started = performance.now();
  await introspectPostgres(spec, { jobs: 2 });
  const pause = 3 * (performance.now() - started);
  const ddl = await openSession(database);
  // An ALTER that waited for a snapshot longer than this fails the loop.
  await ddl.query(`SET lock_timeout = '3s'`);
  let running = true;
  let added = 0;
  const loop = (async () => {
    while (running) {
      const n = ++added;
      // Each column comes with its index, in one transaction.
      await ddl.query(`BEGIN; ALTER TABLE wide ADD COLUMN c${n} int; CREATE INDEX wide_c${n} ON wide (c${n}); COMMIT`);
      await sleep(pause);
    }
  })();
  let [taken, disturbed] = [0, 0];
  try {
    // Reads back to back until five ALTERs have run, and one has landed in a read (on a loaded
    // machine the first ones may fall between reads), so that the ALTERs land in them.
    for (let n = 0; (added <= 5 || disturbed === 0) && n < 200; n++) {
      let snapshot;
      try {
        ({ snapshot } = await introspectPostgres(spec, { jobs: 2, progress: (phase) => (disturbed += Number(phase.includes('reading again'))) }));
      } catch (error) {
        // Giving up after five reads that each saw DDL commit is an outcome; a mixed snapshot is not.
        assert.is((error as DatabaseError).code, 'DB_CHANGING', (error as Error).message);
        continue;
      }
      taken++;
      const wide = snapshot.objects.find((o): o is Table => o.kind === 'table' && o.name === 'wide')!;
      const columns = wide.columns.slice(1).map((c) => c.name);
      assert.equal(columns, columns.map((_, i) => `c${i + 1}`), 'columns in the order they were added, none missing');
      assert.equal((wide.indexes ?? []).map((i) => i.name).sort(), columns.map((c) => `wide_${c}`).sort(), 'each column with its index');
    }
  } finally {
    running = false;
    await loop;
    await ddl.end();
  }
  assert.ok(disturbed > 0, 'ALTERs committed during reads');
  assert.ok(taken > 0, 'snapshots were taken');
});

test('a table locked by DDL makes the snapshot fail within the lock timeout, naming the table', async () => {
  const database = await createDatabase('locked');
  await execSql(database, `CREATE TABLE busy (id int PRIMARY KEY, v text DEFAULT 'x'); CREATE INDEX busy_v ON busy (v)`);
  const holder = await openSession(database);
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

test('a table an exclude glob leaves out does not hold the snapshot when DDL locks it; one granted in a schema the role may not use is probed all the same', async () => {
  const database = await createDatabase('excluded_lock');
  await execSql(database, `CREATE TABLE kept (id int PRIMARY KEY); CREATE TABLE tmp_stage (id int); CREATE SCHEMA private; CREATE TABLE private.secrets (id int);
    CREATE ROLE dt_probe_ro_${process.pid} LOGIN; GRANT SELECT ON private.secrets TO dt_probe_ro_${process.pid}`);
  const holder = await openSession(database);
  try {
    await holder.query('BEGIN; LOCK TABLE tmp_stage IN ACCESS EXCLUSIVE MODE');
    const timeouts = { ...DEFAULT_TIMEOUTS, lockMs: 300 };
    const { snapshot } = await introspectPostgres(pgSpec(database, { timeouts, exclude: ['public.tmp_*'] }), { jobs: 2 });
    assert.ok(snapshot.objects.some((o) => o.name === 'kept'));
    await holder.query('ROLLBACK');
    // SELECT on a table without USAGE on its schema: LOCK TABLE would be refused; the other probe waits for nothing here
    const { snapshot: seen } = await introspectPostgres(pgSpec(database, { user: `dt_probe_ro_${process.pid}` }), { jobs: 1 });
    assert.ok(seen.objects.some((o) => o.name === 'kept'));
  } finally {
    await holder.query('ROLLBACK').catch(() => {});
    await holder.end();
    await execSql(database, `DROP OWNED BY dt_probe_ro_${process.pid}; DROP ROLE dt_probe_ro_${process.pid}`);
  }
});

test("a role or database allowing fewer connections than jobs: the same snapshot on fewer, with a warning; a session the server ends at login is a lost connection", async () => {
  const database = await createDatabase('conn_limit');
  const role = `dt_limit_${process.pid}`;
  await execSql(database, `CREATE TABLE t (id int PRIMARY KEY, a text); CREATE INDEX t_a ON t (a); CREATE VIEW v AS SELECT a FROM t;
    CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1; CREATE ROLE ${role}_idle LOGIN; ALTER ROLE ${role}_idle SET idle_session_timeout = '1ms'`);
  try {
    const alone = await introspectPostgres(pgSpec(database), { jobs: 1 });
    for (let run = 0; run < 3; run++) {
      const limited = await introspectPostgres(pgSpec(database, { user: role }), { jobs: 4 });
      assert.equal(limited.snapshot.objects, alone.snapshot.objects);
      assert.is(limited.warnings.length, 1, limited.warnings.join('\n'));
      assert.match(limited.warnings[0]!, /^(the server refused some of 4 catalog connections .*too many connections for role.*; read on one \(--jobs 1 asks for no more\)|one of 4 catalog connections could not be opened .*)$/);
    }
    // a limit of two: read again with the leader in first, on the two the server allows
    await execSql(database, `ALTER ROLE ${role} CONNECTION LIMIT 2`);
    for (let run = 0; run < 3; run++) {
      const limited = await introspectPostgres(pgSpec(database, { user: role }), { jobs: 4 });
      assert.equal(limited.snapshot.objects, alone.snapshot.objects);
      const refused = limited.warnings.filter((w) => w.startsWith('the server refused'));
      assert.ok(refused.length === 0 || (refused.length === 1 && limited.warnings.length === 1), limited.warnings.join('\n'));
      for (const warning of refused) assert.match(warning, /; read on 2 \(--jobs 2 asks for no more\)$/);
    }
    const ended = await postgresDriver.testConnection(pgSpec(database, { user: `${role}_idle` })).then(() => undefined, (error: unknown) => error);
    assert.ok(ended === undefined || ended instanceof DatabaseError, String(ended));
  } finally {
    await execSql(database, `DROP ROLE ${role}; DROP ROLE ${role}_idle`);
  }
});

test.run();
