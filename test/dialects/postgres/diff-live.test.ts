// PostgreSQL diff on a live server: spellings the server stores identically, and sqldef's psqldef
// cases where sqldef emits nothing (test/fixtures/sqldef/psqldef/equivalent.yml), give an empty
// diff; `diff --live` through the CLI is empty without drift and reports real drift with its
// impact, committing nothing; ALTER TABLE on an inheritance parent, which the server makes on each
// child too, is one change with the count of children.
import * as assert from 'uvu/assert';
import type { Change } from '../../../src/diff/change.js';
import { dialectDiffOptions } from '../../../src/diff/dialect-rules.js';
import { impactOf } from '../../../src/diff/impact.js';
import { diffSnapshots } from '../../../src/diff/model-diff.js';
import { introspectPostgres } from '../../../src/dialects/postgres/driver.js';
import type { Snapshot } from '../../../src/model/types.js';
import { git, initializedRepo, run, runJson } from '../../helpers/cli.js';
import { resultLines, typesBeside } from '../../helpers/models.js';
import { createDatabase, dropDatabases, execSql, openSession, pgSpec, pgTest, pgUrl, postgresUp } from '../../helpers/postgres.js';
import { sqldefCases } from '../../helpers/sqldef.js';

const up = await postgresUp();
const test = pgTest(up);
if (up) test.after(dropDatabases);

/** Two databases, one per side, emptied before each case (quicker than new databases). */
let sides: [string, string];

test.before(async () => {
  if (up) sides = [await createDatabase('left'), await createDatabase('right')];
});

async function snapshotOf(database: string, sql: string): Promise<Snapshot> {
  await execSql(database, `DROP SCHEMA public CASCADE; CREATE SCHEMA public; ${sql}`);
  return (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
}

/** The changes from one spelling of a schema to the other, with their impact, one line each. */
async function changesBetween(before: string, after: string): Promise<string[]> {
  const [from, to] = await Promise.all([snapshotOf(sides[0], before), snapshotOf(sides[1], after)]);
  return resultLines(diffSnapshots(from, to).map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map()) })));
}

/** Pairs the server stores the same way: type aliases, constraints inline or added later, defaults and options spelled out. */
const EQUIVALENT: [name: string, before: string, after: string][] = [
  [
    'type aliases and their SQL-standard names',
    `CREATE TABLE t (a int4, b int8, c int2, d float8, e float4, f bool, g varchar(10), h varchar, i bpchar(3), j timestamptz, k timestamp,
       l decimal(10,2), m float, n time, o int[], p varbit(4), q timetz)`,
    `CREATE TABLE t (a integer, b bigint, c smallint, d double precision, e real, f boolean, g character varying(10), h character varying,
       i character(3), j timestamp with time zone, k timestamp without time zone, l numeric(10,2), m double precision, n time without time zone,
       o integer ARRAY, p bit varying(4), q time with time zone)`,
  ],
  [
    'keys, foreign keys, checks and uniques inline or added by ALTER TABLE',
    `CREATE TABLE p (id int PRIMARY KEY);
     CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE CASCADE, qty int CHECK (qty > 0), code text UNIQUE)`,
    `CREATE TABLE p (id int); ALTER TABLE p ADD PRIMARY KEY (id);
     CREATE TABLE c (id int, p_id int, qty int, code text);
     ALTER TABLE c ADD PRIMARY KEY (id); ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p (id) MATCH SIMPLE ON UPDATE NO ACTION ON DELETE CASCADE;
     ALTER TABLE c ADD CHECK ((qty>0)); ALTER TABLE c ADD UNIQUE (code)`,
  ],
  [
    'index options that are the defaults',
    'CREATE TABLE t (a int, b text); CREATE INDEX t_a ON t (a); CREATE INDEX t_b ON t (b DESC)',
    'CREATE TABLE t (a int, b text); CREATE INDEX t_a ON t USING btree (a ASC NULLS LAST); CREATE INDEX t_b ON public.t USING BTREE (b DESC NULLS FIRST)',
  ],
  [
    'defaults and check expressions the parser rewrites',
    `CREATE TABLE t (a int DEFAULT 0, b text DEFAULT 'x', c timestamptz DEFAULT now(), d int CHECK (d IN (1, 2)), e int CHECK (e BETWEEN 1 AND 5))`,
    `CREATE TABLE t (a int DEFAULT (0), b text DEFAULT 'x'::text, c timestamptz DEFAULT pg_catalog.now(), d int CHECK (d = ANY (ARRAY[1, 2])),
       e int CHECK (e >= 1 AND e <= 5))`,
  ],
  [
    'serial and the sequence it stands for',
    'CREATE TABLE t (id serial)',
    `CREATE SEQUENCE t_id_seq AS integer; CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_id_seq'::regclass));
     ALTER SEQUENCE t_id_seq OWNED BY t.id`,
  ],
  [
    'a sequence with its default options spelled out',
    'CREATE SEQUENCE s',
    'CREATE SEQUENCE s AS bigint INCREMENT BY 1 MINVALUE 1 NO MAXVALUE START WITH 1 CACHE 1 NO CYCLE',
  ],
  [
    'an enum built in one go or value by value',
    `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (m mood DEFAULT 'sad')`,
    // A value added in the same transaction cannot be used in it: the default takes an older one.
    `CREATE TYPE mood AS ENUM ('sad', 'happy'); ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'; CREATE TABLE t (m mood DEFAULT 'sad'::mood)`,
  ],
  [
    'views with a star, qualified names or lower-case keywords',
    'CREATE TABLE t (id int, v text); CREATE VIEW w AS SELECT * FROM t WHERE id > 0',
    'create table t (id int, v text); create view public.w as select t.id, t.v from public.t where (t.id > 0)',
  ],
  [
    'settings written in another order (storage parameters, a function\'s SET clauses, a trigger\'s UPDATE OF columns)',
    `CREATE TABLE t (a int, b int) WITH (fillfactor = 70, autovacuum_enabled = off); CREATE INDEX t_a ON t (a) WITH (fillfactor = 70, deduplicate_items = off);
     CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' SET search_path = public AS 'BEGIN RETURN NEW; END';
     CREATE TRIGGER tr BEFORE UPDATE OF a, b ON t FOR EACH ROW EXECUTE FUNCTION tf()`,
    `CREATE TABLE t (a int, b int) WITH (autovacuum_enabled = off, fillfactor = 70); CREATE INDEX t_a ON t (a) WITH (deduplicate_items = off, fillfactor = 70);
     CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql SET search_path = public SET work_mem = '64MB' AS 'BEGIN RETURN NEW; END';
     CREATE TRIGGER tr BEFORE UPDATE OF b, a ON t FOR EACH ROW EXECUTE FUNCTION tf()`,
  ],
  [
    'routines and triggers in their older or shorter spellings',
    `CREATE FUNCTION add1(x int4) RETURNS int4 LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
     CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
     CREATE TABLE t (id int); CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE touch()`,
    `CREATE OR REPLACE FUNCTION public.add1(x integer) RETURNS integer IMMUTABLE LANGUAGE SQL AS 'SELECT x + 1';
     CREATE FUNCTION touch() RETURNS trigger AS 'BEGIN RETURN NEW; END' LANGUAGE plpgsql;
     CREATE TABLE t (id int); CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch()`,
  ],
];

for (const [name, before, after] of EQUIVALENT) {
  test(`equivalent spellings give an empty diff: ${name}`, async () => assert.equal(await changesBetween(before, after), []));
}

/**
 * Where sqldef calls two spellings equal that PostgreSQL stores differently, so the deparsed text,
 * and the diff, differ: since PostgreSQL 15 a function called with SQL syntax (AT TIME ZONE) keeps
 * that syntax, while timezone(…) is a plain call.
 */
const SERVER_DIFFERS = new Map([
  ['AtTimeZoneCheckEquivalentToTimezoneFunction', 'AT TIME ZONE and timezone() deparse differently'],
  ['AtTimeZoneDefaultEquivalentToTimezoneFunction', 'the same, in a default'],
  ['AtTimeZoneIndexEquivalentToTimezoneFunction', 'the same, in an index expression'],
]);

test('sqldef psqldef cases where sqldef emits nothing give an empty diff, unless the server stores the two spellings differently', async () => {
  const cases = sqldefCases('psqldef');
  assert.is(cases.length, 13);
  const wrong: string[] = [];
  for (const c of cases) {
    const changes = await changesBetween(c.current!, c.desired!);
    const same = !SERVER_DIFFERS.has(c.name);
    if (same !== (changes.length === 0)) wrong.push(`${c.name}: expected ${same ? 'no change' : 'a change'}, got ${changes.join('; ') || 'none'}`);
  }
  assert.equal(wrong, []);
});

/** The changes one script makes to a schema, read by snapshotting a database of its own before and after, with their impact. */
async function changeListMadeBy(label: string, before: string, after: string, renames: Record<string, string> = {}): Promise<Change[]> {
  const database = await createDatabase(label);
  await execSql(database, before);
  const from = (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
  await execSql(database, after);
  const to = (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
  const changes = diffSnapshots(from, to, { renames: new Map(Object.entries(renames)), ...dialectDiffOptions('postgres') });
  const context = { changes, ...typesBeside(from, to) };
  return changes.map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map(), context) }));
}

/** Whether `sql` fails on the server, and with which message (the premise a rating rests on). */
const outcome = (database: string, sql: string) => execSql(database, sql).then(() => 'succeeded', (error: Error) => error.message);

/** The same, one line each. */
const changesMadeBy = async (label: string, before: string, after: string) => resultLines(await changeListMadeBy(label, before, after));

test("domains: a column added of a NOT NULL domain without a default, or a domain's default dropped under a NOT NULL column, fails inserts that leave it out (breaking); a domain's default fills a NOT NULL column (safe)", async () => {
  const before = 'CREATE DOMAIN dn AS int NOT NULL; CREATE DOMAIN dd AS int DEFAULT 7; CREATE TABLE t (id int); CREATE TABLE u (id int, c dd NOT NULL)';
  const [added, dropped] = ['ALTER TABLE t ADD COLUMN z dn; ALTER TABLE t ADD COLUMN w dd NOT NULL', 'ALTER DOMAIN dd DROP DEFAULT'];
  assert.equal(await changesMadeBy('domain_column', before, added), ['add column public.t.z (breaking)', 'add column public.t.w (safe)']);
  assert.equal(await changesMadeBy('domain_default', before, dropped), ['modify type public.dd default: "7" → null (breaking)']);
  const database = await createDatabase('domain_inserts');
  await execSql(database, `${before}; ${added}`);
  assert.is(await outcome(database, 'INSERT INTO t (id) VALUES (1)'), 'domain dn does not allow null values');
  assert.is(await outcome(database, 'INSERT INTO t (id, z) VALUES (1, 0)'), 'succeeded');
  assert.is(await outcome(database, 'INSERT INTO u (id) VALUES (1)'), 'succeeded');
  await execSql(database, dropped);
  assert.match(await outcome(database, 'INSERT INTO u (id) VALUES (2)'), /null value in column "c"/);
});

test('row security: a policy for every command replaced by one for SELECT shuts writes out (INSERT fails, UPDATE changes no rows): breaking, said in the hint', async () => {
  const role = `dt_rls_${process.pid}`;
  await execSql('postgres', `CREATE ROLE ${role}`);
  try {
    // Granted to PUBLIC, so that nothing in the databases depends on the role, dropped at the end.
    const before = `CREATE TABLE t (id int); INSERT INTO t VALUES (1); GRANT ALL ON t TO PUBLIC; ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY everything ON t USING (true) WITH CHECK (true)`;
    const after = 'DROP POLICY everything ON t; CREATE POLICY reads ON t FOR SELECT USING (true)';
    assert.equal(await changesMadeBy('rls', before, after), [
      'remove policy public.t.everything (breaking) [no PERMISSIVE policy covers INSERT, UPDATE, DELETE: INSERT fails, UPDATE and DELETE change no rows]',
      'add policy public.t.reads (caution)',
    ]);
    const database = await createDatabase('rls_writes');
    await execSql(database, `${before}; ${after}`);
    assert.match(await outcome(database, `SET ROLE ${role}; INSERT INTO t VALUES (2)`), /violates row-level security policy/);
    const [, updated] = await execSql(database, `SET ROLE ${role}; UPDATE t SET id = 3`);
    const [, read] = await execSql(database, `SET ROLE ${role}; SELECT id FROM t`);
    assert.equal([updated!.rowCount, read!.rows], [0, [{ id: 1 }]]);
  } finally {
    await execSql('postgres', `DROP ROLE ${role}`);
  }
});

test("row security: a role taken off a policy, with none other for it, reads no rows: breaking, the hint naming the role", async () => {
  const [reader, other] = [`dt_rls_reader_${process.pid}`, `dt_rls_other_${process.pid}`];
  await execSql('postgres', `CREATE ROLE ${reader}; CREATE ROLE ${other}`);
  try {
    const before = `CREATE TABLE t (id int); INSERT INTO t VALUES (1); GRANT ALL ON t TO PUBLIC; ALTER TABLE t ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p ON t TO ${reader}, ${other} USING (true) WITH CHECK (true)`;
    const after = `ALTER POLICY p ON t TO ${other}`;
    assert.equal(await changesMadeBy('rls_roles', before, after), [
      `modify policy public.t.p roles: ["${other}","${reader}"] → ["${other}"] (breaking) [no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE for ${reader}: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]`,
    ]);
    const database = await createDatabase('rls_roles_reads');
    await execSql(database, `${before}; ${after}`);
    const [, read] = await execSql(database, `SET ROLE ${reader}; SELECT id FROM t`);
    const [, readByOther] = await execSql(database, `SET ROLE ${other}; SELECT id FROM t`);
    assert.equal([read!.rows, readByOther!.rows], [[], [{ id: 1 }]]);
  } finally {
    // The policies depend on the roles: their databases go first.
    await dropDatabases();
    await execSql('postgres', `DROP ROLE ${reader}; DROP ROLE ${other}`);
  }
});

test('a unique key and a unique index made NULLS DISTINCT again let rows equal but for a NULL in: breaking', async () => {
  const before = 'CREATE TABLE t (a int, b int, CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a, b)); CREATE UNIQUE INDEX ix ON t (b) NULLS NOT DISTINCT';
  const after = 'ALTER TABLE t DROP CONSTRAINT u, ADD CONSTRAINT u UNIQUE (a, b); DROP INDEX ix; CREATE UNIQUE INDEX ix ON t (b)';
  assert.equal(await changesMadeBy('nulls_distinct', before, after), [
    'modify index public.t.ix nulls_not_distinct: true → false (breaking)',
    'modify unique_constraint public.t.u nulls_not_distinct: true → false (breaking)',
  ]);
  const database = await createDatabase('nulls_distinct_rows');
  await execSql(database, `${before}; ${after}`);
  assert.is(await outcome(database, 'INSERT INTO t VALUES (1, NULL), (1, NULL)'), 'succeeded');
});

test("a function recreated without a parameter's DEFAULT, without an OUT parameter or a RETURNS TABLE column: each breaks its callers", async () => {
  const before = `CREATE FUNCTION f(x int, y int DEFAULT 0) RETURNS int LANGUAGE sql AS 'SELECT x + y';
    CREATE FUNCTION g(x int, OUT a int, OUT b int) LANGUAGE sql AS 'SELECT x, x';
    CREATE FUNCTION tf() RETURNS TABLE(a int, b int) LANGUAGE sql AS 'SELECT 1, 2'`;
  // The server refuses each of these in CREATE OR REPLACE: dropped and created again, the same routine changed.
  const after = `DROP FUNCTION f(int, int); CREATE FUNCTION f(x int, y int) RETURNS int LANGUAGE sql AS 'SELECT x + y';
    DROP FUNCTION g(int); CREATE FUNCTION g(x int, OUT a int) LANGUAGE sql AS 'SELECT x';
    DROP FUNCTION tf(); CREATE FUNCTION tf() RETURNS TABLE(a int) LANGUAGE sql AS 'SELECT 1'`;
  const changes = await changeListMadeBy('routine_results', before, after);
  assert.equal(changes.filter((c) => c.attribute !== 'definition').map((c) => `${c.object} ${c.attribute} ${c.impact}`), [
    'public.f(integer, integer) arguments breaking',
    'public.g(integer) arguments breaking',
    'public.g(integer) returns breaking',
    'public.tf() returns breaking',
  ]);
  const database = await createDatabase('routine_calls');
  await execSql(database, `${before}; ${after}`);
  assert.match(await outcome(database, 'SELECT f(1)'), /function f\(integer\) does not exist/);
  assert.match(await outcome(database, 'SELECT b FROM g(1)'), /column "b" does not exist/);
  assert.match(await outcome(database, 'SELECT b FROM tf()'), /column "b" does not exist/);
});

test('a unique column taken from a nondeterministic (case-insensitive) collation to the default one: its key takes "A" and "a" for two values, breaking; another column, caution', async () => {
  const before = `CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
    CREATE TABLE t (code text COLLATE ci UNIQUE, note text COLLATE ci)`;
  const after = 'ALTER TABLE t ALTER code TYPE text COLLATE "default", ALTER note TYPE text COLLATE "default"';
  assert.equal(await changesMadeBy('collation', before, after), [
    'modify column public.t.code collation: "ci" → null (breaking)',
    'modify column public.t.note collation: "ci" → null (caution)',
  ]);
  const database = await createDatabase('collation_rows');
  await execSql(database, `${before}; INSERT INTO t VALUES ('a')`);
  assert.match(await outcome(database, "INSERT INTO t VALUES ('A')"), /duplicate key/);
  await execSql(database, after);
  assert.is(await outcome(database, "INSERT INTO t VALUES ('A')"), 'succeeded');
});

test("ALTER INDEX … ATTACH PARTITION of the last partition's index: the parent's index turns valid, said with what made it so", async () => {
  const before = `CREATE TABLE p (a int) PARTITION BY RANGE (a);
    CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10); CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20);
    CREATE INDEX p_a ON ONLY p (a); CREATE INDEX p1_a ON p1 (a); CREATE INDEX p2_a ON p2 (a); ALTER INDEX p_a ATTACH PARTITION p1_a`;
  assert.equal(await changesMadeBy('attach', before, 'ALTER INDEX p_a ATTACH PARTITION p2_a'), [
    "modify index public.p.p_a options.invalid: true → false (caution) [valid now: each partition's index is attached to it (ALTER INDEX … ATTACH PARTITION)]",
  ]);
});

test('attaching a partition\'s index while others still lack one is a change of the parent index (its attached partitions), safe, as is a key\'s', async () => {
  const before = `CREATE SCHEMA "odd, s"; CREATE TABLE p (a int NOT NULL) PARTITION BY RANGE (a);
    CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10); CREATE TABLE "odd, s"."P 2" PARTITION OF p FOR VALUES FROM (10) TO (20);
    CREATE TABLE p3 PARTITION OF p FOR VALUES FROM (20) TO (30);
    CREATE INDEX p_a ON ONLY p (a); CREATE INDEX p1_a ON p1 (a); CREATE INDEX p2_a ON "odd, s"."P 2" (a); CREATE INDEX p3_a ON p3 (a);
    ALTER TABLE ONLY p ADD CONSTRAINT p_pkey PRIMARY KEY (a); ALTER TABLE p1 ADD PRIMARY KEY (a); ALTER TABLE "odd, s"."P 2" ADD PRIMARY KEY (a)`;
  assert.equal(await changesMadeBy('attach_one', before, 'ALTER INDEX p_a ATTACH PARTITION p1_a; ALTER INDEX p_pkey ATTACH PARTITION p1_pkey'), [
    'modify primary_key public.p.p_pkey options.attached_partitions: null → "public.p1" (safe)',
    'modify index public.p.p_a options.attached_partitions: null → "public.p1" (safe)',
  ]);
  assert.equal(await changesMadeBy('attach_two', `${before}; ALTER INDEX p_a ATTACH PARTITION p1_a`, 'ALTER INDEX p_a ATTACH PARTITION "odd, s".p2_a'), [
    'modify index public.p.p_a options.attached_partitions: "public.p1" → "\\"odd, s\\".\\"P 2\\", public.p1" (safe)',
  ]);
});

test("a key added ON ONLY a partitioned table is invalid (it holds on no partition whose index is not attached, and nothing can reference it) until the last partition's index is attached", async () => {
  const before = `CREATE TABLE p (a int NOT NULL) PARTITION BY RANGE (a);
    CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10); CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20);
    ALTER TABLE ONLY p ADD CONSTRAINT p_pkey PRIMARY KEY (a); ALTER TABLE ONLY p ADD CONSTRAINT p_a_key UNIQUE (a);
    ALTER TABLE p1 ADD PRIMARY KEY (a); ALTER TABLE p2 ADD PRIMARY KEY (a); ALTER TABLE p1 ADD UNIQUE (a); ALTER TABLE p2 ADD UNIQUE (a);
    ALTER INDEX p_pkey ATTACH PARTITION p1_pkey; ALTER INDEX p_a_key ATTACH PARTITION p1_a_key`;
  const valid = "[valid now: each partition's index is attached to it (ALTER INDEX … ATTACH PARTITION)]";
  assert.equal(await changesMadeBy('attach_key', before, 'ALTER INDEX p_pkey ATTACH PARTITION p2_pkey; ALTER INDEX p_a_key ATTACH PARTITION p2_a_key'), [
    `modify primary_key public.p.p_pkey options.invalid: true → false (caution) ${valid}`,
    `modify unique_constraint public.p.p_a_key options.invalid: true → false (caution) ${valid}`,
  ]);
});

test('DETACH PARTITION … CONCURRENTLY cancelled half-way is a change: the partition is out of its parent (breaking), and FINALIZE only ends it', async () => {
  const database = await createDatabase('pending_detach');
  await execSql(database, `CREATE TABLE m (d date) PARTITION BY RANGE (d); CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2024-01-02')`);
  const snapshot = async () => (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
  const attached = await snapshot();
  // The detach's second transaction waits for a reader of the parent; its statement timeout cancels it there, as a cancelled session would.
  const [reader, detacher] = [await openSession(database), await openSession(database)];
  await reader.query('BEGIN; LOCK TABLE m IN ACCESS SHARE MODE');
  await detacher.query("SET statement_timeout = '300ms'");
  const failure = await detacher.query('ALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY').then(() => 'finished', (error: Error) => error.message);
  await Promise.all([reader.end(), detacher.end()]);
  assert.match(failure, /statement timeout/);
  const pending = await snapshot();
  const changes = (from: Snapshot, to: Snapshot) => resultLines(diffSnapshots(from, to).map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map()) })));
  assert.equal(changes(attached, pending), [
    "modify table public.m_1 partition_of.detach_pending: null → true (breaking) [DETACH PARTITION … CONCURRENTLY stopped half-way: the parent's queries no longer read this partition and rows for its bound fail to insert, until ALTER TABLE … DETACH PARTITION … FINALIZE]",
    // the partition's constraint, which the server adds before it waits
    'add check public.m_1.m_1_d_check (caution)',
  ]);
  await execSql(database, 'ALTER TABLE m DETACH PARTITION m_1 FINALIZE');
  assert.equal(changes(pending, await snapshot()), [
    `modify table public.m_1 partition_of: {"schema":"public","table":"m","bound":"FOR VALUES FROM ('2024-01-01') TO ('2024-01-02')","detach_pending":true} → null (caution)`,
  ]);
});

test('an attribute the snapshot leaves out at its default reads as that value when it changes', async () => {
  const before = `CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int, p_id int);
    ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (p_id) REFERENCES p NOT VALID`;
  assert.equal(await changesMadeBy('defaults', before, 'ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t VALIDATE CONSTRAINT t_fk'), [
    // with no policy, every role but the owner now reads no row of t, nor writes one
    'modify table public.t row_security.enabled: false → true (breaking) [no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]',
    'modify foreign_key public.t.t_fk validated: false → true (caution)',
  ]);
  // A bound CREATE SEQUENCE picked depends on the type and direction (and the server): it stays null, not a guessed number.
  assert.equal(await changesMadeBy('bounds', 'CREATE SEQUENCE s', 'ALTER SEQUENCE s MAXVALUE 1000'), ['modify sequence public.s max: null → 1000 (caution)']);
});

test("a partitioned table's keys and (commented) index recreated on more columns, and a column made numeric, are one change each, its partitions' copies counted", async () => {
  const before = `CREATE TABLE m (id int, d date, k int NOT NULL DEFAULT 0, amount int, PRIMARY KEY (id, d), CONSTRAINT m_u UNIQUE (k, d)) PARTITION BY RANGE (d);
    CREATE TABLE m_2023 PARTITION OF m FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
    CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); CREATE INDEX m_idx ON m (d); COMMENT ON INDEX m_idx IS 'by day'`;
  // The server keeps the copies' primary key names (m_2023_pkey) and names the others after their new columns (m_2023_d_id_idx).
  const after = `ALTER TABLE m DROP CONSTRAINT m_pkey, ADD PRIMARY KEY (id, k, d); ALTER TABLE m DROP CONSTRAINT m_u, ADD CONSTRAINT m_u UNIQUE (k, id, d);
    DROP INDEX m_idx; CREATE INDEX m_idx ON m (d, id); COMMENT ON INDEX m_idx IS 'by day'; ALTER TABLE m ALTER amount TYPE numeric(12,2)`;
  const changes = await changeListMadeBy('repartition', before, after);
  assert.equal(changes.map((c) => `${resultLines([c])[0]}${c.partitions ? ` +${c.partitions}` : ''}`), [
    'modify column public.m.amount type: "integer" → "numeric(12,2)" (caution) +2',
    'modify primary_key public.m.m_pkey columns: ["id","d"] → ["id","k","d"] (breaking) +2',
    'modify index public.m.m_idx columns: ["d"] → ["d","id"] (caution) +2',
    'modify unique_constraint public.m.m_u columns: ["k","d"] → ["k","id","d"] (breaking) +2',
  ]);
});

const ROUTINES = `CREATE FUNCTION rows_of(n int) RETURNS SETOF int LANGUAGE sql AS 'SELECT generate_series(1, n)';
  CREATE FUNCTION answer() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 42; END';
  CREATE PROCEDURE tidy() LANGUAGE sql AS 'SELECT 1'`;

test('ALTER FUNCTION … SET, COST, ROWS, PARALLEL, LEAKPROOF and SECURITY are attribute changes, not a second change of the definition', async () => {
  assert.equal(await changesMadeBy('routine_attrs', ROUTINES, `
    ALTER FUNCTION rows_of(int) SET search_path = "$user", public SET work_mem = '64MB' COST 2.5 ROWS 10 PARALLEL SAFE LEAKPROOF;
    ALTER FUNCTION answer() SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET TimeZone = 'UTC' PARALLEL RESTRICTED COST 1000000;
    ALTER PROCEDURE tidy() SET search_path = '' SET app.tenant = 'x'`), [
    'modify routine public.answer() security: "invoker" → "definer" (caution)',
    'modify routine public.answer() options.cost: null → 1000000 (caution)',
    'modify routine public.answer() options.parallel: null → "restricted" (caution)',
    'modify routine public.answer() options.set.TimeZone: null → "UTC" (caution)',
    'modify routine public.answer() options.set.search_path: null → "pg_catalog, pg_temp" (caution)',
    'modify routine public.rows_of(integer) options.cost: null → 2.5 (caution)',
    'modify routine public.rows_of(integer) options.leakproof: null → true (caution)',
    'modify routine public.rows_of(integer) options.parallel: null → "safe" (caution)',
    'modify routine public.rows_of(integer) options.rows: null → 10 (caution)',
    'modify routine public.rows_of(integer) options.set.search_path: null → "\\"$user\\", public" (caution)',
    'modify routine public.rows_of(integer) options.set.work_mem: null → "64MB" (caution)',
    'modify routine public.tidy() options.set.app.tenant: null → "x" (caution)',
    'modify routine public.tidy() options.set.search_path: null → "\\"\\"" (caution)',
  ]);
});

test('a routine body changed alongside its SET or COST is reported too, as is a body that changed the same words', async () => {
  const lines = await changesMadeBy('routine_body', ROUTINES, `
    CREATE OR REPLACE FUNCTION answer() RETURNS int LANGUAGE plpgsql SET search_path = public AS 'BEGIN RETURN 43; END';
    -- COST 10 accounts for one 10 more, not for the body's new one
    CREATE OR REPLACE FUNCTION rows_of(n int) RETURNS SETOF int LANGUAGE sql COST 10 AS 'SELECT generate_series(1, n + 10)'`);
  assert.equal(lines.map((line) => line.replace(/ definition: .*/, ' definition')), [
    'modify routine public.answer() definition',
    'modify routine public.answer() options.set.search_path: null → "public" (caution)',
    'modify routine public.rows_of(integer) definition',
    'modify routine public.rows_of(integer) options.cost: null → 10 (caution)',
  ]);
});

test("a configured rename of a parent table or of its column is one change, its partitions' and children's copies counted, not changed each", async () => {
  const before = `CREATE TABLE m (id int, d date, v int) PARTITION BY RANGE (d);
    CREATE TABLE m_2023 PARTITION OF m FOR VALUES FROM ('2023-01-01') TO ('2024-01-01') PARTITION BY RANGE (id);
    CREATE TABLE m_2023_low PARTITION OF m_2023 FOR VALUES FROM (0) TO (100);
    CREATE TABLE base (id int, a int); CREATE TABLE child (x int) INHERITS (base)`;
  const after = 'ALTER TABLE m RENAME TO measures; ALTER TABLE measures RENAME v TO val; ALTER TABLE measures ALTER val TYPE bigint; ALTER TABLE base RENAME a TO b';
  // the column named under the table's new name, as a later rename would be configured
  const renames = { 'public.m': 'public.measures', 'public.measures.v': 'public.measures.val', 'public.base.a': 'public.base.b' };
  const changes = await changeListMadeBy('renamed-parents', before, after, renames);
  assert.equal(changes.map((c) => `${resultLines([c])[0]}${c.partitions ? ` +${c.partitions}` : ''}${c.children ? ` +${c.children}` : ''}`), [
    'rename column public.base.b "a" → "b" (breaking) +1',
    'rename table public.measures "m" → "measures" (breaking)',
    'rename column public.measures.val "v" → "val" (breaking) +2',
    'modify column public.measures.val type: "integer" → "bigint" (caution) +2',
  ]);
});

test('a configured rename of an enum, a domain or a sequence, into another schema or a quoted name, is the rename alone: the columns naming it follow it; a change beside it is still one', async () => {
  const before = `CREATE SCHEMA app; CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TYPE "Pay Kind" AS ENUM ('card', 'cash'); CREATE TYPE app.level AS ENUM ('lo', 'hi');
    CREATE DOMAIN posint AS integer CHECK (VALUE > 0); CREATE SEQUENCE order_no; CREATE SEQUENCE app.line_no;
    CREATE TABLE orders (id integer DEFAULT nextval('order_no'), line integer DEFAULT nextval('app.line_no'), m mood DEFAULT 'ok', ms mood[], kind "Pay Kind" DEFAULT 'card',
      lvl app.level DEFAULT 'lo', qty posint, n2 integer DEFAULT nextval('order_no'), note text DEFAULT 'mood')`;
  const after = `ALTER TYPE mood RENAME TO feeling; ALTER TYPE "Pay Kind" RENAME TO "Payment Kind"; ALTER TYPE app.level SET SCHEMA public; ALTER DOMAIN posint RENAME TO positive;
    ALTER SEQUENCE order_no RENAME TO "Order No"; ALTER SEQUENCE app.line_no SET SCHEMA public;
    ALTER TABLE orders ALTER n2 SET DEFAULT nextval('"Order No"') + 1, ALTER m SET DEFAULT 'sad'`;
  const renames = { 'public.mood': 'public.feeling', 'public.Pay Kind': 'public.Payment Kind', 'app.level': 'public.level', 'public.posint': 'public.positive', 'public.order_no': 'public.Order No', 'app.line_no': 'public.line_no' };
  assert.equal(resultLines(await changeListMadeBy('renamed-types', before, after, renames)), [
    'rename sequence public.Order No "order_no" → "Order No" (breaking)',
    'rename sequence public.line_no "app.line_no" → "public.line_no" (breaking)',
    `modify column public.orders.m default: "'ok'::mood" → "'sad'::feeling" (caution)`,
    `modify column public.orders.n2 default: "nextval('order_no'::regclass)" → "(nextval('\\"Order No\\"'::regclass) + 1)" (caution)`,
    'rename type public.Payment Kind "Pay Kind" → "Payment Kind" (breaking)',
    'rename type public.feeling "mood" → "feeling" (breaking)',
    'rename type public.level "app.level" → "public.level" (breaking)',
    'rename type public.positive "posint" → "positive" (breaking)',
  ]);
});

test('diff --live through the CLI: empty without drift; a new column, a changed type, a new index and a dropped check reported with their impact', async () => {
  const database = await createDatabase('drift');
  await execSql(database, `CREATE TABLE orders (id bigint PRIMARY KEY, qty int CONSTRAINT orders_qty_check CHECK (qty > 0), note varchar(20));
    CREATE INDEX orders_qty ON orders (qty)`);
  const dir = initializedRepo();
  assert.is(run(['connect', pgUrl(database)], dir).code, 0);
  assert.is(run(['snapshot'], dir).code, 0);
  const ref = git(dir, 'rev-parse', 'refs/datatrack/default');
  type Live = { to: unknown; changes: { action: string; kind: string; object: string; attribute?: string; from?: unknown; to?: unknown; impact: string }[] };
  const calm = runJson<Live>(['diff', '--live'], dir);
  assert.equal(calm.changes, []);
  assert.is(run(['diff', '--live', '--exit-code'], dir).code, 0);
  await execSql(database, `ALTER TABLE orders ADD COLUMN shipped_at timestamptz; ALTER TABLE orders ALTER COLUMN qty TYPE bigint;
    ALTER TABLE orders ALTER COLUMN note TYPE varchar(10); CREATE INDEX orders_shipped_at ON orders (shipped_at);
    ALTER TABLE orders DROP CONSTRAINT orders_qty_check`);
  const drift = runJson<Live>(['diff', '--live'], dir);
  assert.equal(drift.to, { target: 'default', commit: null, live: true });
  assert.equal(
    drift.changes.map((c) => `${c.action} ${c.kind} ${c.object}${c.attribute ? ` ${c.attribute}: ${c.from} → ${c.to}` : ''} (${c.impact})`).sort(),
    [
      'add column public.orders.shipped_at (safe)',
      'add index public.orders.orders_shipped_at (safe)',
      'modify column public.orders.note type: character varying(20) → character varying(10) (breaking)',
      'modify column public.orders.qty type: integer → bigint (caution)',
      'remove check public.orders.orders_qty_check (safe)',
    ],
  );
  assert.is(run(['diff', '--live', '--exit-code'], dir).code, 1);
  assert.is(run(['diff', '--live', '--fail-on', 'breaking'], dir).code, 1);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), ref, 'diff --live commits nothing');
});

type DiffJson = { changes: { action: string; kind: string; object: string; attribute?: string; from?: unknown; to?: unknown; impact: string }[] };

/** A diff's changes through the CLI, one line each. */
const cliLines = (diff: DiffJson) => diff.changes.map((c) => `${c.action} ${c.kind} ${c.object}${c.attribute ? ` ${c.attribute}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}` : ''} (${c.impact})`);

/** A repository tracking `database`, with one snapshot of it. */
function trackedRepo(database: string): string {
  const dir = initializedRepo();
  for (const args of [['connect', pgUrl(database)], ['snapshot']]) assert.is(run(args, dir).code, 0, args.join(' '));
  return dir;
}

/** What `diff --live` reports after `change`, then what `diff` between that snapshot and a new one reports: the same. */
async function cliChanges(database: string, change: string): Promise<string[]> {
  const dir = trackedRepo(database);
  await execSql(database, change);
  const live = cliLines(runJson<DiffJson>(['diff', '--live'], dir));
  assert.is(run(['snapshot'], dir).code, 0);
  assert.equal(cliLines(runJson<DiffJson>(['diff'], dir)), live, 'diff between the snapshots');
  return live;
}

test('diff and diff --live through the CLI: ALTER FUNCTION … SET search_path and SECURITY DEFINER are two attribute changes', async () => {
  const database = await createDatabase('routine_cli');
  await execSql(database, ROUTINES);
  assert.equal(await cliChanges(database, "ALTER FUNCTION answer() SECURITY DEFINER SET search_path = ''"), [
    'modify routine public.answer() security: "invoker" → "definer" (caution)',
    'modify routine public.answer() options.set.search_path: null → "\\"\\"" (caution)',
  ]);
});

test('diff and diff --live through the CLI: statistics targets set on an expression index key and a materialized view column', async () => {
  const database = await createDatabase('stats_cli');
  await execSql(database, 'CREATE TABLE t (a text); CREATE INDEX t_la ON t (lower(a)); CREATE MATERIALIZED VIEW m AS SELECT a FROM t');
  assert.equal(await cliChanges(database, 'ALTER INDEX t_la ALTER COLUMN 1 SET STATISTICS 500; ALTER MATERIALIZED VIEW m ALTER COLUMN a SET STATISTICS 200'), [
    'modify column public.m.a options.statistics: null → 200 (safe)',
    'modify index public.t.t_la columns: [{"expression":"lower(a)"}] → [{"expression":"lower(a)","statistics":500}] (safe)',
  ]);
});

test('diff and diff --live through the CLI: NO INHERIT then INHERIT leaves the columns and checks the child shares with the parent its own too', async () => {
  const database = await createDatabase('inherit_local_cli');
  await execSql(database, 'CREATE TABLE parent (id int, CONSTRAINT id_set CHECK (id IS NOT NULL)); CREATE TABLE child (extra int) INHERITS (parent)');
  assert.equal(await cliChanges(database, 'ALTER TABLE child NO INHERIT parent; ALTER TABLE child INHERIT parent'), [
    'modify column public.child.id options.local: false → true (safe)',
    'modify check public.child.id_set options.local: false → true (safe)',
  ]);
});

test('ALTER TABLE on a legacy inheritance parent is one change with its count of children, whatever the server did on each child', async () => {
  const database = await createDatabase('inherit');
  await execSql(database, `CREATE TABLE base (id int, qty int, gone int); CREATE TABLE other (ref int);
    CREATE TABLE c1 () INHERITS (base); CREATE TABLE c2 (own int) INHERITS (base); CREATE TABLE c3 () INHERITS (base, other);
    CREATE TABLE g1 () INHERITS (c1)`);
  const before = (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
  await execSql(database, `ALTER TABLE base ADD COLUMN w int; ALTER TABLE base ALTER COLUMN qty TYPE bigint; ALTER TABLE base ALTER COLUMN id SET NOT NULL;
    ALTER TABLE base DROP COLUMN gone; ALTER TABLE base ADD CONSTRAINT qty_positive CHECK (qty > 0);
    ALTER TABLE base ADD CONSTRAINT id_positive CHECK (id > 0) NO INHERIT; CREATE INDEX base_w ON base (w);
    ALTER TABLE other ADD COLUMN v text; ALTER TABLE c2 ADD COLUMN mine text`);
  const after = (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
  const lines = diffSnapshots(before, after).map((c) => `${c.action} ${c.kind} ${c.object}${c.attribute ? ` ${c.attribute}` : ''}${c.children ? ` (+${c.children})` : ''}`);
  assert.equal(lines, [
    'modify column public.base.id nullable (+4)',
    'modify column public.base.qty type (+4)',
    'remove column public.base.gone (+4)',
    'add column public.base.w (+4)',
    // Not inherited: an index, a NO INHERIT check
    'add index public.base.base_w',
    'add check public.base.id_positive',
    'add check public.base.qty_positive (+4)',
    'add column public.c2.mine',
    // c3's copy of its other parent's change
    'add column public.other.v (+1)',
  ]);
});

/** Sets the server keeps in the order a statement wrote them, and a script that writes each in another order only. */
const WRITTEN_ORDER = `CREATE SCHEMA a; CREATE SCHEMA b;
  CREATE TABLE t (a int, b int, c int, r int4range, EXCLUDE USING gist (r WITH &&) WITH (fillfactor = 70, buffering = on));
  CREATE INDEX t_a ON t (a) WITH (fillfactor = 70, deduplicate_items = off);
  CREATE INDEX t_b ON t (b) WITH (fillfactor = 70, deduplicate_items = off);
  CREATE MATERIALIZED VIEW m AS SELECT 1 AS x; CREATE INDEX m_x ON m (x) WITH (fillfactor = 70, deduplicate_items = off);
  CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = b, a SET work_mem = '64MB' AS 'SELECT 1';
  CREATE PROCEDURE p() LANGUAGE sql SET work_mem = '64MB' SET search_path = b, a AS 'SELECT 1';
  CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
  CREATE TRIGGER tr BEFORE UPDATE OF b, a ON t FOR EACH ROW EXECUTE FUNCTION tf();
  CREATE FOREIGN DATA WRAPPER w; CREATE SERVER s FOREIGN DATA WRAPPER w;
  CREATE FOREIGN TABLE ft (a int OPTIONS (c2 '1', c1 '2'), b int) SERVER s OPTIONS (table_name 't', schema_name 's');
  CREATE TRIGGER ftr BEFORE UPDATE OF b, a ON ft FOR EACH ROW EXECUTE FUNCTION tf();
  CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple, STOPWORDS = english, ACCEPT = false)`;
const REORDERED = `ALTER TABLE t DROP CONSTRAINT t_r_excl; ALTER TABLE t ADD EXCLUDE USING gist (r WITH &&) WITH (buffering = on, fillfactor = 70);
  DROP INDEX t_a; CREATE INDEX t_a ON t (a) WITH (deduplicate_items = off, fillfactor = 70);
  ALTER INDEX t_b SET (fillfactor = 70); ALTER INDEX m_x SET (fillfactor = 70);
  CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql SET work_mem = '64MB' SET search_path = b, a AS 'SELECT 1';
  CREATE OR REPLACE PROCEDURE p() LANGUAGE sql SET search_path = b, a SET work_mem = '64MB' AS 'SELECT 1';
  DROP TRIGGER tr ON t; CREATE TRIGGER tr BEFORE UPDATE OF a, b ON t FOR EACH ROW EXECUTE FUNCTION tf();
  DROP TRIGGER ftr ON ft; CREATE TRIGGER ftr BEFORE UPDATE OF a, b ON ft FOR EACH ROW EXECUTE FUNCTION tf();
  ALTER FOREIGN TABLE ft OPTIONS (DROP table_name); ALTER FOREIGN TABLE ft OPTIONS (ADD table_name 't');
  ALTER FOREIGN TABLE ft ALTER a OPTIONS (DROP c2); ALTER FOREIGN TABLE ft ALTER a OPTIONS (ADD c2 '1');
  DROP TEXT SEARCH DICTIONARY d; CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple, ACCEPT = false, STOPWORDS = english)`;

test('diff --live and snapshot through the CLI: sets the server keeps in written order, only reordered, are no change; a changed member is', async () => {
  const database = await createDatabase('written_order');
  await execSql(database, WRITTEN_ORDER);
  const dir = initializedRepo();
  assert.is(run(['connect', pgUrl(database)], dir).code, 0);
  assert.is(run(['snapshot'], dir).code, 0);
  const ref = git(dir, 'rev-parse', 'refs/datatrack/default');
  await execSql(database, REORDERED);
  type Live = { changes: { action: string; kind: string; object: string; attribute?: string; from?: unknown; to?: unknown }[] };
  assert.equal(runJson<Live>(['diff', '--live'], dir).changes, []);
  assert.match(run(['snapshot'], dir).stdout, /no changes since/);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), ref);
  // search_path's own list is in its order: b, a → a, b is a change.
  await execSql(database, `ALTER INDEX t_a SET (fillfactor = 80); ALTER FUNCTION f() SET search_path = a, b;
    DROP TRIGGER tr ON t; CREATE TRIGGER tr BEFORE UPDATE OF c, a ON t FOR EACH ROW EXECUTE FUNCTION tf();
    ALTER FOREIGN TABLE ft OPTIONS (SET table_name 'x'); ALTER TEXT SEARCH DICTIONARY d (ACCEPT = true)`);
  const drift = runJson<Live>(['diff', '--live'], dir);
  assert.equal(drift.changes.map((c) => `${c.kind} ${c.object} ${c.attribute}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`), [
    'routine public.f() options.set.search_path: "b, a" → "a, b"',
    'index public.t.t_a options.fillfactor: "70" → "80"',
    'trigger public.t.tr columns: ["a","b"] → ["a","c"]',
    `unknown public.d raw.options: "accept = 'false', stopwords = 'english'" → "accept = 'true', stopwords = 'english'"`,
    'unknown public.ft raw.options: ["schema_name=s","table_name=t"] → ["schema_name=s","table_name=x"]',
  ]);
});

test('ALTER EXTENSION … SET SCHEMA is the extension renamed, with no configured rename: the columns, domains and composite types naming its types and functions follow it', async () => {
  const before = `CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext; CREATE EXTENSION "uuid-ossp" SCHEMA ext;
    CREATE TABLE t (c ext.citext, cs ext.citext[] DEFAULT '{a}', u uuid DEFAULT ext.uuid_generate_v4(), n text DEFAULT 'x'::ext.citext);
    CREATE DOMAIN ci AS ext.citext; CREATE TYPE pair AS (a ext.citext)`;
  const after = 'ALTER EXTENSION citext SET SCHEMA public; ALTER EXTENSION "uuid-ossp" SET SCHEMA public';
  assert.equal(await changesMadeBy('moved_extension', before, after), [
    'rename extension public.citext "ext.citext" → "public.citext" (breaking)',
    'rename extension public.uuid-ossp "ext.uuid-ossp" → "public.uuid-ossp" (breaking)',
  ]);
});

test("storage parameters set to their defaults (an index's by its access method) or written another way the server reads alike are no change, though the catalog keeps each as written; another value reads from the default", async () => {
  const database = await createDatabase('storage_parameters');
  await execSql(database, `
    CREATE TABLE t (a int, b int, c tsvector, r int4range, e int4range, EXCLUDE USING gist (e WITH &&) WITH (fillfactor = 90, buffering = auto))
      WITH (autovacuum_enabled = off, vacuum_truncate = 'No', fillfactor = 100);
    CREATE INDEX t_a ON t (a) WITH (fillfactor = 90, deduplicate_items = ON);
    CREATE UNIQUE INDEX t_u ON t (b) WITH (deduplicate_items = 'Yes');
    CREATE INDEX t_h ON t USING hash (b) WITH (fillfactor = 75);
    CREATE INDEX t_g ON t USING gist (r) WITH (fillfactor = 90, buffering = auto);
    CREATE INDEX t_s ON t USING spgist (r) WITH (fillfactor = 80);
    CREATE INDEX t_c ON t USING gin (c) WITH (fastupdate = 'TR');
    CREATE INDEX t_b ON t USING brin (a) WITH (pages_per_range = 128, autosummarize = 0);
    CREATE VIEW v WITH (security_barrier = 'f', security_invoker = off) AS SELECT 1 AS x;
    CREATE MATERIALIZED VIEW m WITH (fillfactor = 100, autovacuum_enabled = 1) AS SELECT 1 AS x;`);
  const stored = async () => {
    const [result] = await execSql(database, "SELECT relname, reloptions FROM pg_class WHERE relnamespace = 'public'::regnamespace AND reloptions IS NOT NULL ORDER BY relname");
    return result!.rows.map((row: { relname: string; reloptions: string[] }) => `${row.relname} ${row.reloptions.join(',')}`);
  };
  const read = async () => (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
  const changes = (from: Snapshot, to: Snapshot) => resultLines(diffSnapshots(from, to, dialectDiffOptions('postgres')).map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map()) })));
  const before = await read();
  await execSql(database, `ALTER TABLE t SET (autovacuum_enabled = false, vacuum_truncate = f), RESET (fillfactor);
    ALTER INDEX t_a RESET (fillfactor, deduplicate_items); ALTER INDEX t_u SET (deduplicate_items = true); ALTER INDEX t_h RESET (fillfactor);
    ALTER INDEX t_g RESET (fillfactor, buffering); ALTER INDEX t_s RESET (fillfactor); ALTER INDEX t_c SET (fastupdate = on);
    ALTER INDEX t_b RESET (pages_per_range, autosummarize); ALTER INDEX t_e_excl RESET (fillfactor, buffering);
    ALTER VIEW v SET (security_barrier = false), RESET (security_invoker); ALTER MATERIALIZED VIEW m RESET (fillfactor, autovacuum_enabled);`);
  // the catalog's text differs: each parameter as its statement wrote it, or none
  assert.equal(await stored(), ['t autovacuum_enabled=false,vacuum_truncate=f', 't_c fastupdate=on', 't_u deduplicate_items=true', 'v security_barrier=false']);
  const after = await read();
  assert.equal(changes(before, after), []);
  await execSql(database, 'ALTER TABLE t SET (autovacuum_enabled = on); ALTER INDEX t_h SET (fillfactor = 90); ALTER INDEX t_c SET (fastupdate = off); ALTER INDEX t_g SET (buffering = on)');
  assert.equal(changes(after, await read()), [
    'modify table public.t options.autovacuum_enabled: "false" → "on" (caution)',
    'modify index public.t.t_c options.fastupdate: "on" → "off" (caution)',
    'modify index public.t.t_g options.buffering: "auto" → "on" (caution)',
    'modify index public.t.t_h options.fillfactor: "75" → "90" (caution)',
  ]);
});

test.run();
