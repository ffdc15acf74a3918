// The catalog is read in a fixed number of round trips (per view, never per table), each with
// the database as a literal, over `jobs` read-only connections; the result does not depend on jobs.
import * as diagnostics from 'node:diagnostics_channel';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { encodeSnapshot } from '../../../src/codec/layout.js';
import { readCatalog } from '../../../src/dialects/mysql/catalog.js';
import { mysqlDriver } from '../../../src/dialects/mysql/driver.js';
import { parseServerVersion } from '../../../src/dialects/mysql/server.js';
import { closeSession, connect, openCatalogSession } from '../../../src/dialects/mysql/session.js';
import type { Snapshot, Table, View } from '../../../src/model/types.js';
import { admin, freshDatabase, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';

/** A schema of `n` tables with keys, indexes, checks, foreign keys, views, triggers and routines. */
function schema(n: number): string {
  const ddl: string[] = [];
  for (let i = 1; i <= n; i++) {
    const fk = i > 1 && i % 5 === 0 ? `, parent_id int, CONSTRAINT fk_${i} FOREIGN KEY (parent_id) REFERENCES t${i - 1} (id)` : '';
    ddl.push(`CREATE TABLE t${i} (id int PRIMARY KEY, name varchar(40) NOT NULL DEFAULT 'x', qty int, UNIQUE KEY u_${i} (name), KEY k_${i} (qty), CONSTRAINT c_${i} CHECK (qty >= 0)${fk});`);
  }
  for (let i = 1; i <= Math.min(n, 10); i++) {
    ddl.push(`CREATE VIEW v${i} AS SELECT id, name FROM t${i} WHERE qty > ${i};`);
    ddl.push(`CREATE TRIGGER trg${i} BEFORE INSERT ON t${i} FOR EACH ROW SET NEW.qty = COALESCE(NEW.qty, ${i});`);
    ddl.push(`CREATE FUNCTION f${i}(a int) RETURNS int DETERMINISTIC RETURN a + ${i};`);
  }
  return ddl.join('\n');
}

interface Recorded {
  queries: string[];
  connections: number;
}

/** Every statement mysql2 sends and every connection it makes while `fn` runs (its tracing channels). */
async function record<T>(fn: () => Promise<T>): Promise<{ result: T } & Recorded> {
  const recorded: Recorded = { queries: [], connections: 0 };
  const onQuery = { start: (context: unknown) => void recorded.queries.push((context as { query: string }).query) };
  // Connections made, not attempts: under ssl_mode preferred a server without TLS costs one failed attempt first.
  const onConnect = { start: () => void recorded.connections++, error: () => void recorded.connections-- };
  const queryChannel = diagnostics.tracingChannel('mysql2:query');
  const connectChannel = diagnostics.tracingChannel('mysql2:connect');
  queryChannel.subscribe(onQuery as never);
  connectChannel.subscribe(onConnect as never);
  try {
    return { result: await fn(), ...recorded };
  } finally {
    queryChannel.unsubscribe(onQuery as never);
    connectChannel.unsubscribe(onConnect as never);
  }
}

/**
 * Statements per catalog read. A snapshot reads the catalog again when DDL may have run during a
 * read (src/dialects/mysql/stability.ts; other test files run DDL on the same server), and every
 * read sends the same statements, so they divide evenly; the session's set-up comes once.
 */
function perRead(queries: string[]): number {
  const reading = queries.filter((q) => /information_schema\.|^SHOW WARNINGS$/.test(q));
  const reads = reading.filter((q) => /FROM information_schema\.SCHEMATA\b/.test(q)).length;
  assert.ok(reads > 0 && reading.length % reads === 0, `${reading.length} statements in ${reads} reads`);
  return reading.length / reads;
}

const files = (snapshot: Snapshot) => encodeSnapshot(snapshot).map((f) => `${f.path.join('/')}\n${f.text}`);

// Both databases have foreign keys and no partitioned table, so both run the foreign-key follow-up
// query and neither the partitions one (see FOLLOW_UPS in src/dialects/mysql/catalog.ts).
mysqlTest('10 and 500 tables take the same number of round trips; every catalog query names the database as a literal', async () => {
  const small = await freshDatabase('batch10', schema(10));
  const large = await freshDatabase('batch500', schema(500));
  const a = await record(() => mysqlDriver.introspect(mysqlSpec(small), { jobs: 2 }));
  const b = await record(() => mysqlDriver.introspect(mysqlSpec(large), { jobs: 2 }));
  assert.is(a.result.snapshot.objects.filter((o) => o.kind === 'table').length, 10);
  assert.is(b.result.snapshot.objects.filter((o) => o.kind === 'table').length, 500);
  assert.is(perRead(a.queries), perRead(b.queries));
  assert.is(a.connections, 2);
  assert.is(b.connections, 2);
  const catalog = b.queries.filter((q) => /information_schema\./i.test(q) && !/information_schema\.GLOBAL_STATUS/.test(q));
  for (const query of catalog) {
    // Never a join of two information_schema views (MariaDB would scan every schema on the server).
    assert.is(query.match(/information_schema\./gi)!.length, 1, query);
    if (!/_PRIVILEGES/.test(query)) assert.ok(query.includes(`= '${large}'`), query);
  }
});

mysqlTest('every connection is made read-only (session and transaction) with statement and lock timeouts', async () => {
  const db = await freshDatabase('sessions', schema(3));
  const { queries, connections } = await record(() => mysqlDriver.introspect(mysqlSpec(db), { jobs: 4 }));
  assert.is(connections, 4);
  const count = (text: string) => queries.filter((q) => q === text).length;
  assert.is(count('SET SESSION TRANSACTION READ ONLY'), 4);
  assert.is(count('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY'), 4);
  assert.is(queries.filter((q) => /^SET SESSION max_statement_time = 60, lock_wait_timeout = 5, max_error_count = 65535, time_zone = '\+00:00', sql_mode = '', group_concat_max_len = \d+, div_precision_increment = 4$/.test(q)).length, 4);
});

mysqlTest('the same database gives byte-identical files for jobs 1, 2 and 4, and on a second run', async () => {
  const db = await freshDatabase('jobs', schema(40));
  const one = files((await mysqlDriver.introspect(mysqlSpec(db), { jobs: 1 })).snapshot);
  for (const jobs of [2, 4, 16]) assert.equal(files((await mysqlDriver.introspect(mysqlSpec(db), { jobs })).snapshot), one, `jobs ${jobs}`);
  assert.equal(files((await mysqlDriver.introspect(mysqlSpec(db), { jobs: 1 })).snapshot), one);
});

// Reading MariaDB sequences widens group_concat_max_len on its connection; a view's GROUP_CONCAT
// column takes its type from that setting, so the connection must read views as the others do.
mysqlTest("a view's GROUP_CONCAT column reads the same type for jobs 1 and 2 next to a sequence", async () => {
  const db = await freshDatabase('gconcat', 'CREATE SEQUENCE s1; CREATE TABLE t (a varchar(10)); CREATE VIEW v AS SELECT GROUP_CONCAT(a) AS g FROM t;');
  const typeOfG = async (jobs: number) => {
    const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db), { jobs });
    const view = snapshot.objects.find((o) => o.kind === 'view' && o.name === 'v') as View;
    return view.columns?.find((c) => c.name === 'g')?.type;
  };
  const c = await admin();
  const [[asServerSays]] = (await c.query('SELECT COLUMN_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [db, 'v'])) as unknown as [{ type: string }[]];
  await c.end();
  for (const jobs of [1, 2, 4]) assert.is(await typeOfG(jobs), asServerSays!.type, `jobs ${jobs}`);
});

// A view's column types are worked out by the reading session: a server configured with another
// group_concat_max_len or div_precision_increment (or an account init_connect sets them for) would
// record another type for the same view.
mysqlTest("a view's GROUP_CONCAT and division columns read the same whatever the session started with", async () => {
  const db = await freshDatabase('viewtypes', 'CREATE TABLE t (a varchar(10), n int); CREATE VIEW v AS SELECT GROUP_CONCAT(a) AS g, SUM(n) / 3 AS q FROM t;');
  const columnsOfV = async (setup?: string) => {
    const client = await connect(mysqlSpec(db));
    if (setup) await client.query(setup);
    const [[{ version }]] = (await client.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
    const { flavor } = parseServerVersion(version!);
    const session = await openCatalogSession(mysqlSpec(db), flavor, client);
    try {
      const { rows } = await readCatalog([session], db, flavor);
      return rows.columns!.filter((c) => c.table_name === 'v').map((c) => `${String(c.name)} ${String(c.column_type)}`);
    } finally {
      await closeSession(session);
    }
  };
  assert.equal(await columnsOfV('SET SESSION group_concat_max_len = 100, div_precision_increment = 9'), await columnsOfV());
});

mysqlTest('progress is reported by phase; the follow-up queries (partitions, foreign-key columns) join the count when needed', async () => {
  const db = await freshDatabase('progress', `${schema(5)} CREATE TABLE p (id int) PARTITION BY HASH (id) PARTITIONS 2;`);
  const phases: string[] = [];
  await mysqlDriver.introspect(mysqlSpec(db), { jobs: 2, progress: (phase, done, total) => phases.push(`${phase}${done === undefined ? '' : ` ${done}/${total}`}`) });
  assert.is(phases[0], 'connecting');
  const views = Number(/^reading catalog 0\/(\d+)$/.exec(phases[1]!)?.[1]);
  assert.ok(views === 13 || views === 14, phases[1]); // MySQL 8 reads TABLE_CONSTRAINTS too
  assert.is(phases.at(-2), `reading catalog ${views + 2}/${views + 2}`);
  assert.is(phases.at(-1), 'building model');
});

mysqlTest('geometry SRIDs: one GEOMETRY_COLUMNS query for any number of geometry tables, naming only them; none without any', async () => {
  const geo = (n: number) => Array.from({ length: n }, (_, i) => `CREATE TABLE g${i} (id int PRIMARY KEY, at point REF_SYSTEM_ID=4326, zone polygon);`).join('\n');
  const plain = await freshDatabase('geo0', schema(5));
  const few = await freshDatabase('geo2', `${schema(5)} ${geo(2)}`);
  const many = await freshDatabase('geo60', `${schema(5)} ${geo(60)}`);
  const geometryQueries = (queries: string[]) => queries.filter((q) => /information_schema\.GEOMETRY_COLUMNS/.test(q));
  const none = await record(() => mysqlDriver.introspect(mysqlSpec(plain), { jobs: 2 }));
  assert.equal(geometryQueries(none.queries), []);
  const a = await record(() => mysqlDriver.introspect(mysqlSpec(few), { jobs: 2 }));
  const b = await record(() => mysqlDriver.introspect(mysqlSpec(many), { jobs: 2 }));
  assert.is(perRead(a.queries), perRead(none.queries) + 2); // the query and its SHOW WARNINGS
  assert.is(perRead(b.queries), perRead(a.queries));
  for (const query of geometryQueries(a.queries)) assert.match(query, /F_TABLE_NAME IN \('g0', ?'g1'\)/);
  const tables = b.result.snapshot.objects.filter((o): o is Table => o.kind === 'table' && o.name.startsWith('g'));
  assert.is(tables.length, 60);
  for (const table of tables) assert.equal(table.columns.map((c) => c.options?.srid), [undefined, 4326, undefined], table.name);
});

test.run();
