// Read-only and polite: catalog sessions cannot write, carry the target's timeouts, never wait
// long behind DDL, and an account with only SELECT is told what it cannot see.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { encodeSnapshot } from '../../../src/codec/layout.js';
import { mysqlDriver } from '../../../src/dialects/mysql/driver.js';
import { parseServerVersion } from '../../../src/dialects/mysql/server.js';
import { catalogQuery } from '../../../src/dialects/mysql/catalog.js';
import { closeSession, connect, execute, openCatalogSession } from '../../../src/dialects/mysql/session.js';
import { DatabaseError } from '../../../src/errors.js';
import type { View } from '../../../src/model/types.js';
import { rejects } from '../../helpers/assert.js';
import { admin, freshDatabase, freshUser, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';
import { holdNewTable, waitForProcesses } from '../../helpers/mysql-ddl.js';

const TIMEOUTS = { connectMs: 5_000, statementMs: 2_500, lockMs: 1_000 };

async function flavor() {
  const c = await admin();
  try {
    const [[row]] = (await c.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    return parseServerVersion(row.v).flavor;
  } finally {
    await c.end();
  }
}

mysqlTest('a catalog session is read-only (session and transaction) and carries the statement and lock timeouts', async () => {
  const db = await freshDatabase('ro', 'CREATE TABLE t (a int)');
  const kind = await flavor();
  const session = await openCatalogSession(mysqlSpec(db, { timeouts: TIMEOUTS }), kind);
  try {
    const variables = kind === 'mariadb'
      ? 'SELECT @@session.tx_read_only AS read_only, @@session.max_statement_time AS statement_limit, @@session.lock_wait_timeout AS lock_wait, @@in_transaction AS in_transaction'
      : 'SELECT @@session.transaction_read_only AS read_only, @@session.max_execution_time / 1000 AS statement_limit, @@session.lock_wait_timeout AS lock_wait, 1 AS in_transaction';
    const [[row]] = (await session.client.query(variables)) as unknown as [[Record<string, unknown>]];
    assert.equal({ ...row, statement_limit: Number(row.statement_limit) }, { read_only: 1, statement_limit: 2.5, lock_wait: 1, in_transaction: 1 });
    for (const write of ['INSERT INTO t VALUES (1)', 'CREATE TABLE u (a int)', 'DROP TABLE t']) {
      await rejects(() => session.client.query(write), /READ ONLY transaction/);
    }
  } finally {
    await closeSession(session);
  }
});

mysqlTest("a session's time zone and sql_mode do not reach what is read: TIMESTAMP defaults, generated columns and checks render the same", async () => {
  const db = await freshDatabase('modes', `CREATE TABLE t (id int, ts timestamp NULL DEFAULT '1970-01-01 00:00:01', g int AS (id * 2) VIRTUAL,
    d varchar(9) DEFAULT (concat('a', 'b')), CONSTRAINT c CHECK (id > 0))`);
  const kind = await flavor();
  const read = async (setup?: string) => {
    const client = await connect(mysqlSpec(db));
    if (setup) await client.query(setup);
    const session = await openCatalogSession(mysqlSpec(db), kind, client);
    try {
      return { columns: await execute(session, catalogQuery('columns', kind), [db]), checks: await execute(session, catalogQuery('check_constraints', kind), [db]) };
    } finally {
      await closeSession(session);
    }
  };
  const plain = await read();
  assert.match(JSON.stringify(plain), /1970-01-01 00:00:01/);
  assert.match(JSON.stringify(plain), /`id` \* 2/);
  for (const setup of ["SET SESSION time_zone = '+05:30', sql_mode = 'ANSI_QUOTES'", "SET SESSION time_zone = '-08:00', sql_mode = 'ANSI'"]) {
    assert.equal(await read(setup), plain, setup);
  }
});

mysqlTest('LOCK TABLES … WRITE in another session never holds up the catalog read: the snapshot completes at once, unchanged', async () => {
  const db = await freshDatabase('locked', `
    CREATE TABLE p (id int PRIMARY KEY);
    CREATE TABLE t (id int PRIMARY KEY, v varchar(5), pid int, KEY t_v (v), CONSTRAINT t_p FOREIGN KEY (pid) REFERENCES p (id), CONSTRAINT t_id CHECK (id > 0));
    CREATE TABLE m (id int PRIMARY KEY, body text, FULLTEXT KEY m_body (body)) ENGINE=MyISAM;
    CREATE TABLE parts (id int PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2;
    CREATE VIEW tv AS SELECT id, v FROM t;
    CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW SET NEW.v = 'x';`);
  const before = encodeSnapshot((await mysqlDriver.introspect(mysqlSpec(db), {})).snapshot);
  // A lock timeout far above the bound below: had any catalog query waited on the lock, it would show.
  const patient = { connectMs: 5_000, statementMs: 60_000, lockMs: 30_000 };
  const holder = await admin();
  try {
    await holder.query(`USE \`${db}\`; LOCK TABLES p WRITE, t WRITE, m WRITE, parts WRITE`);
    const started = performance.now();
    const during = await mysqlDriver.introspect(mysqlSpec(db, { timeouts: patient }), { jobs: 2 });
    assert.ok(performance.now() - started < patient.lockMs / 3, `the snapshot took ${Math.round(performance.now() - started)} ms under LOCK TABLES`);
    assert.equal(encodeSnapshot(during.snapshot), before);
    assert.equal(during.warnings, []);
  } finally {
    await holder.query('UNLOCK TABLES');
    await holder.end();
  }
});

mysqlTest('DDL holding a table (CREATE TABLE … SELECT still running) fails the snapshot within the lock timeout, naming the table', async () => {
  const db = await freshDatabase('ddl', 'CREATE TABLE t (id int)');
  const held = await holdNewTable(db);
  try {
    // the statement timeout well above the lock timeout: under a loaded CI the catalog read itself may take 2.5 s
    const error = await rejects(() => mysqlDriver.introspect(mysqlSpec(db, { timeouts: { ...TIMEOUTS, statementMs: 30_000 } }), { jobs: 2 }), new RegExp(`^table ${db}\\.slow is locked by DDL in another session on .* lock timeout, 1s\\); retry when it finishes`));
    assert.instance(error, DatabaseError);
    assert.is((error as DatabaseError).exitCode, 3);
  } finally {
    await held.release();
  }
});

mysqlTest('every catalog connection of a snapshot, not just one, reads in a read-only transaction', async () => {
  const db = await freshDatabase('ro_all', 'CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int)');
  const { user, password } = await freshUser([`SELECT ON \`${db}\`.*`]);
  const held = await holdNewTable(db);
  let reading: Promise<unknown> | undefined;
  try {
    // The catalog read waits for the held table, so all its connections are open, in their transactions.
    reading = mysqlDriver.introspect(mysqlSpec(db, { user, password, timeouts: { ...TIMEOUTS, lockMs: 30_000 } }), { jobs: 4 });
    await waitForProcesses(held.watcher, 'USER = ? AND STATE = ?', [user, 'Waiting for table metadata lock']);
    const [connections] = (await held.watcher.query(
      'SELECT t.trx_is_read_only AS read_only FROM information_schema.PROCESSLIST p LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.USER = ?',
      [user],
    )) as unknown as [{ read_only: number | null }[]];
    assert.equal(connections.map((c) => c.read_only), [1, 1, 1, 1]);
  } finally {
    await held.release();
  }
  await reading;
});

const OBJECTS = `
CREATE TABLE t (id int PRIMARY KEY, qty int);
CREATE VIEW v AS SELECT id FROM t;
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.qty = 1;
CREATE FUNCTION f() RETURNS int RETURN 1;
CREATE PROCEDURE p() SELECT 1;
CREATE EVENT ev ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO SELECT 1;
`;

mysqlTest('an account with only SELECT: tables and views captured, what it cannot see reported as hidden, not as absent', async () => {
  const db = await freshDatabase('grants', OBJECTS);
  const { user, password } = await freshUser([`SELECT ON \`${db}\`.*`]);
  const { snapshot, warnings, hidden } = await mysqlDriver.introspect(mysqlSpec(db, { user, password }), {});
  assert.equal(snapshot.objects.map((o) => `${o.kind} ${o.name}`), ['table t', 'view v']);
  assert.is((snapshot.objects[1] as View).definition, '');
  assert.equal(warnings, []);
  assert.equal(hidden?.map((h) => [h.schema, h.kind, h.object, h.attribute]), [[db, 'trigger', undefined, undefined], [db, 'event', undefined, undefined], [db, 'routine', undefined, undefined], [db, 'table', undefined, 'foreign_keys'], [db, 'view', 'v', 'definition']]);
  assert.match(hidden![0]!.reason, new RegExp(`lacks the TRIGGER privilege.*GRANT TRIGGER ON \`${db}\`\\.\\* TO '${user}'@'%'`));
  assert.is(hidden![4]!.reason, 'the account needs SHOW VIEW to read it');
});

mysqlTest('with SHOW VIEW, TRIGGER, EVENT and EXECUTE: everything listed; routine bodies of another definer are hidden', async () => {
  const db = await freshDatabase('grants2', OBJECTS);
  const { user, password } = await freshUser([`SELECT, SHOW VIEW, TRIGGER, EVENT, EXECUTE ON \`${db}\`.*`]);
  const { snapshot, warnings, hidden } = await mysqlDriver.introspect(mysqlSpec(db, { user, password }), {});
  assert.equal(snapshot.objects.map((o) => `${o.kind} ${o.name}`), ['event ev', 'routine f', 'routine p', 'table t', 'view v']);
  assert.equal(warnings, []);
  assert.equal(hidden, [
    { schema: db, kind: 'routine', object: 'f()', attribute: 'definition', derived: ['options.aggregate'], reason: "only the function's definer or an account with global SELECT / SHOW_ROUTINE may read it" },
    { schema: db, kind: 'routine', object: 'p()', attribute: 'definition', reason: "only the procedure's definer or an account with global SELECT / SHOW_ROUTINE may read it" },
  ]);
});

mysqlTest('an account allowed fewer connections than jobs (MAX_USER_CONNECTIONS): the same snapshot on those it has, with a warning', async () => {
  const db = await freshDatabase('userconn', 'CREATE TABLE t (id int PRIMARY KEY, a int, KEY (a)); CREATE VIEW v AS SELECT a FROM t;');
  const { user, password } = await freshUser([`SELECT, SHOW VIEW ON \`${db}\`.*`]);
  const c = await admin();
  try {
    await c.query(`ALTER USER '${user}'@'%' WITH MAX_USER_CONNECTIONS 1`);
  } finally {
    await c.end();
  }
  const alone = await mysqlDriver.introspect(mysqlSpec(db, { user, password }), { jobs: 1 });
  const limited = await mysqlDriver.introspect(mysqlSpec(db, { user, password }), { jobs: 4 });
  assert.equal(limited.snapshot.objects, alone.snapshot.objects);
  assert.equal(alone.warnings, []);
  assert.equal(limited.warnings.length, 1);
  assert.match(limited.warnings[0]!, /^3 of 4 catalog connections could not be opened \(.*max_user_connections.*\); read on 1 \(--jobs 1 asks for no more\)$/);
});

test.run();
