// What a PostgreSQL snapshot records of the catalog's corners: the server's own bookkeeping left
// out, names where the catalog holds OIDs, and nothing silently dropped.
import * as assert from 'uvu/assert';
import { encodeSnapshot, objectPath } from '../../../src/codec/layout.js';
import { impactOf } from '../../../src/diff/impact.js';
import { diffSnapshots } from '../../../src/diff/model-diff.js';
import { introspectPostgres } from '../../../src/dialects/postgres/driver.js';
import type { MaterializedView, Snapshot, Table, UnknownObject, UserType } from '../../../src/model/types.js';
import { resultLines } from '../../helpers/models.js';
import { createDatabase, dropDatabases, execSql, pgSpec, pgTest, postgresUp } from '../../helpers/postgres.js';

const up = await postgresUp();
const test = pgTest(up);
if (up) test.after(dropDatabases);

const read = async (database: string, jobs = 1): Promise<Snapshot> => (await introspectPostgres(pgSpec(database), { jobs })).snapshot;

/** The changes from one snapshot to the other, with their impact, one line each. */
const changes = (from: Snapshot, to: Snapshot) => resultLines(diffSnapshots(from, to).map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map()) })));

/** The snapshot four connections read, checked to be the one a single connection reads. */
async function readOnFourAndOne(database: string): Promise<Snapshot> {
  const snapshot = await read(database, 4);
  assert.equal(encodeSnapshot(snapshot), encodeSnapshot(await read(database, 1)));
  return snapshot;
}

const table = (snapshot: Snapshot, name: string) => snapshot.objects.find((o): o is Table => o.kind === 'table' && o.name === name)!;

test('a foreign key to a partitioned table is one key, and partitions of the referenced table change nothing', async () => {
  const db = await createDatabase('fkclone');
  await execSql(db, `
    CREATE TABLE pk_part (id int, r int, PRIMARY KEY (id, r)) PARTITION BY LIST (r);
    CREATE TABLE pk_part_1 PARTITION OF pk_part FOR VALUES IN (1);
    CREATE TABLE pk_part_2 PARTITION OF pk_part FOR VALUES IN (2);
    CREATE TABLE ref_part (a int, r int, CONSTRAINT ref_fk FOREIGN KEY (a, r) REFERENCES pk_part (id, r));
    CREATE TABLE from_part (a int, r int, CONSTRAINT from_fk FOREIGN KEY (a, r) REFERENCES pk_part (id, r)) PARTITION BY LIST (r);
    CREATE TABLE from_part_1 PARTITION OF from_part FOR VALUES IN (1);`);
  const before = await read(db);
  const fk = { name: 'ref_fk', columns: ['a', 'r'], references: { schema: 'public', table: 'pk_part', columns: ['id', 'r'] } };
  assert.equal(table(before, 'ref_part').foreign_keys, [fk]);
  assert.equal(table(before, 'from_part').foreign_keys, [{ ...fk, name: 'from_fk' }]);
  // A partition of a partitioned referencing table records the key it inherits.
  assert.equal(table(before, 'from_part_1').foreign_keys, [{ ...fk, name: 'from_fk' }]);
  await execSql(db, 'CREATE TABLE pk_part_3 PARTITION OF pk_part FOR VALUES IN (3)');
  assert.equal(changes(before, await read(db)), ['add table public.pk_part_3 (safe)']);
});

test("a partition's index or key identical to one attached to its parent's is marked unattached, whatever the names; attaching marks nothing", async () => {
  const db = await createDatabase('unattached');
  await execSql(db, `
    CREATE TABLE orders (id int, region text, qty int, UNIQUE (region, id)) PARTITION BY LIST (region);
    CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
    CREATE INDEX orders_qty ON ONLY orders (qty);
    CREATE INDEX by_hand ON orders_eu (qty);
    ALTER INDEX orders_qty ATTACH PARTITION by_hand;
    CREATE INDEX orders_eu_qty_idx ON orders_eu (qty);
    ALTER TABLE orders_eu ADD CONSTRAINT aa_uq UNIQUE (region, id);
    CREATE TABLE orders_us (id int, region text, qty int, CONSTRAINT us_uq UNIQUE (region, id));
    CREATE INDEX orders_us_qty_idx ON orders_us (qty);
    CREATE INDEX us_qty ON orders_us (qty);
    CREATE INDEX us_other ON orders_us (id);
    ALTER TABLE orders ATTACH PARTITION orders_us FOR VALUES IN ('us');
    ALTER TABLE orders_us ADD CONSTRAINT orders_us_region_id_key UNIQUE (region, id);`);
  const snapshot = await read(db);
  const marks = (name: string) => {
    const t = table(snapshot, name);
    return [...(t.indexes ?? []), ...(t.unique_constraints ?? [])].filter((part) => part.options?.unattached).map((part) => part.name);
  };
  // PostgreSQL attached by_hand by hand, adopted one of orders_us's twin indexes and its us_uq key
  const adopted = await execSql(db, `SELECT c.relname FROM pg_inherits JOIN pg_class AS c ON c.oid = inhrelid WHERE c.relname IN ('orders_us_qty_idx', 'us_qty')`);
  const twin = adopted[0]!.rows[0].relname === 'us_qty' ? 'orders_us_qty_idx' : 'us_qty';
  assert.equal(marks('orders_eu'), ['orders_eu_qty_idx', 'aa_uq']);
  assert.equal(marks('orders_us'), [twin, 'orders_us_region_id_key']);
  assert.equal(marks('orders'), []);
});

const TEXT_SEARCH = `
  CREATE SCHEMA app;
  CREATE TEXT SEARCH DICTIONARY public.mydict (TEMPLATE = simple, STOPWORDS = english);
  CREATE TEXT SEARCH TEMPLATE app.mytmpl (LEXIZE = dsimple_lexize, INIT = dsimple_init);
  CREATE TEXT SEARCH DICTIONARY app.tdict (TEMPLATE = app.mytmpl);
  CREATE TEXT SEARCH PARSER app.myprs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
  CREATE TEXT SEARCH CONFIGURATION app.mycfg (PARSER = app.myprs);
  ALTER TEXT SEARCH CONFIGURATION app.mycfg ADD MAPPING FOR word WITH public.mydict;
  CREATE TEXT SEARCH CONFIGURATION public.plain (COPY = english);`;

test('text search objects name their parser, template and functions, never an OID', async () => {
  const [one, two] = [await createDatabase('ts_one'), await createDatabase('ts_two')];
  // OIDs differ between the databases: the second has consumed some before the same DDL.
  await execSql(two, 'CREATE TABLE burn (a int); DROP TABLE burn; CREATE TEXT SEARCH DICTIONARY burn (TEMPLATE = simple); DROP TEXT SEARCH DICTIONARY burn');
  await Promise.all([execSql(one, TEXT_SEARCH), execSql(two, TEXT_SEARCH)]);
  const [first, second] = [await read(one), await read(two, 4)];
  const raw = (name: string) => (first.objects.find((o) => o.kind === 'unknown' && o.name === name) as { raw: unknown }).raw;
  assert.equal(raw('mydict'), { options: "stopwords = 'english'", template: 'simple' });
  assert.equal(raw('tdict'), { template: 'app.mytmpl' });
  assert.equal(raw('mytmpl'), { init: 'dsimple_init', lexize: 'dsimple_lexize' });
  assert.equal(raw('myprs'), { end: 'prsd_end', gettoken: 'prsd_nexttoken', headline: 'prsd_headline', lextypes: 'prsd_lextype', start: 'prsd_start' });
  assert.equal(raw('mycfg'), { mappings: [['word', 'mydict']], parser: 'app.myprs' });
  // pg_catalog's parser is visible, so unqualified; its name is a keyword, so quoted (as regproc would).
  assert.is((raw('plain') as { parser: string }).parser, '"default"');
  const files = (s: Snapshot) => encodeSnapshot(s).filter((f) => f.path[0] !== 'datatrack.yaml');
  assert.equal(files(second), files(first));
});

test('rules are kept raw under unknown/ with a warning, one file per table and rule, and a changed rule is a change', async () => {
  const db = await createDatabase('rules');
  await execSql(db, `
    CREATE TABLE t (id int PRIMARY KEY, v text);
    CREATE TABLE u (id int);
    CREATE VIEW v AS SELECT id, v FROM t;
    CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;
    CREATE RULE r AS ON UPDATE TO u DO ALSO NOTIFY u_changed;
    CREATE RULE v_insert AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.id, NEW.v);`);
  const { snapshot: before, warnings } = await introspectPostgres(pgSpec(db), { jobs: 2 });
  const rules = before.objects.filter((o) => o.kind === 'unknown');
  // Not the view's _RETURN rule: that is the view's definition.
  assert.equal(rules.map((o) => objectPath(o).join('/')), ['public/unknown/t.r.yaml', 'public/unknown/u.r.yaml', 'public/unknown/v.v_insert.yaml']);
  assert.equal(rules[0], { kind: 'unknown', name: 't.r', schema: 'public', object_type: 'rule', raw: { definition: 'CREATE RULE r AS\n    ON DELETE TO t DO INSTEAD NOTHING;', enabled: 'O', table: 't' } });
  assert.equal(warnings, ['3 rules (e.g. public.t.r) not modelled yet; recorded raw under <schema>/unknown/']);
  await execSql(db, 'CREATE OR REPLACE RULE r AS ON DELETE TO t DO INSTEAD DELETE FROM u WHERE u.id = OLD.id');
  assert.equal(changes(before, await read(db)), [
    'modify unknown public.t.r raw.definition: "CREATE RULE r AS\\n    ON DELETE TO t DO INSTEAD NOTHING;" → "CREATE RULE r AS\\n    ON DELETE TO t DO INSTEAD  DELETE FROM u\\n  WHERE u.id = old.id;" (caution)',
  ]);
});

/** Where each comment goes in a table file: after what defines the part, before its server DDL. */
const TABLE_T = `name: t
schema: public
columns:
  - name: id
    type: integer
    nullable: false
  - name: "n"
    type: integer
    nullable: true
  - name: p_id
    type: integer
    nullable: true
  - name: code
    type: text
    nullable: true
  - name: during
    type: int4range
    nullable: true
primary_key:
  name: t_pkey
  columns: [id]
  comment: pk
foreign_keys:
  - name: t_p_fk
    columns: [p_id]
    references:
      schema: public
      table: p
      columns: [id]
    comment: to p
unique_constraints:
  - name: t_code_key
    columns: [code]
    comment: one code
checks:
  - name: n_pos
    expression: (n > 0)
    comment: must be positive
exclusion_constraints:
  - name: t_no_overlap
    comment: no overlap
    definition: EXCLUDE USING gist (during WITH &&)
policies:
  - name: pol
    command: all
    permissive: true
    roles: [public]
    using: "true"
    comment: everyone
`;

test('comments on constraints, policies, domain checks and composite type attributes are recorded, and each change is one safe comment change', async () => {
  const db = await createDatabase('comments');
  await execSql(db, `
    CREATE TABLE p (id int PRIMARY KEY);
    CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY, n int CONSTRAINT n_pos CHECK (n > 0), p_id int CONSTRAINT t_p_fk REFERENCES p,
                    code text CONSTRAINT t_code_key UNIQUE, during int4range, CONSTRAINT t_no_overlap EXCLUDE USING gist (during WITH &&));
    CREATE POLICY pol ON t USING (true);
    CREATE DOMAIN d AS int CONSTRAINT d_chk CHECK (VALUE > 0) CONSTRAINT d_small CHECK (VALUE < 100);
    CREATE TYPE c AS (x int, y text);`);
  const before = await read(db);
  const file = (snapshot: Snapshot, name: string) => encodeSnapshot(snapshot).find((f) => f.path.at(-1) === `${name}.yaml`)!.text;
  // Uncommented objects read as they did before comments were read: no comment key at all.
  assert.not.match(file(before, 't') + file(before, 'd') + file(before, 'c'), 'comment');
  await execSql(db, `
    COMMENT ON CONSTRAINT t_pkey ON t IS 'pk';
    COMMENT ON CONSTRAINT t_p_fk ON t IS 'to p';
    COMMENT ON CONSTRAINT t_code_key ON t IS 'one code';
    COMMENT ON CONSTRAINT n_pos ON t IS 'must be positive';
    COMMENT ON CONSTRAINT t_no_overlap ON t IS 'no overlap';
    COMMENT ON POLICY pol ON t IS 'everyone';
    COMMENT ON CONSTRAINT d_chk ON DOMAIN d IS 'positive';
    COMMENT ON COLUMN c.x IS 'the x';`);
  const after = await readOnFourAndOne(db);
  assert.equal(changes(before, after), [
    'modify primary_key public.t.t_pkey comment: null → "pk" (safe)',
    'modify foreign_key public.t.t_p_fk comment: null → "to p" (safe)',
    'modify unique_constraint public.t.t_code_key comment: null → "one code" (safe)',
    'modify check public.t.n_pos comment: null → "must be positive" (safe)',
    'modify exclusion_constraint public.t.t_no_overlap comment: null → "no overlap" (safe)',
    'modify policy public.t.pol comment: null → "everyone" (safe)',
    'modify column public.c.x comment: null → "the x" (safe)',
    'modify check public.d.d_chk comment: null → "positive" (safe)',
  ]);
  assert.is(file(after, 't'), TABLE_T);
  assert.match(file(after, 'd'), 'checks:\n  - name: d_chk\n    expression: (VALUE > 0)\n    comment: positive\n  - name: d_small\n');
  assert.match(file(after, 'c'), 'attributes:\n  - name: x\n    type: integer\n    comment: the x\n  - name: "y"\n    type: text\n');
});

test("what a key's index, a column's storage, a view column's default, a typed table and an unlogged sequence hold is recorded, each change once", async () => {
  const db = await createDatabase('keyindex');
  await execSql(db, `
    CREATE TABLE t (id int, a int NOT NULL, b int, c int, note text, CONSTRAINT t_pkey PRIMARY KEY (id), CONSTRAINT t_u UNIQUE (a));
    CREATE INDEX t_b ON t (b);
    CLUSTER t USING t_b;
    CREATE VIEW v AS SELECT id, note FROM t;
    CREATE TYPE ty AS (id int, x text);
    CREATE TABLE typed OF ty;
    CREATE TABLE plain (id int, x text);
    CREATE TABLE w (id int, u int);
    CREATE UNIQUE INDEX w_u ON w (u);
    CREATE SEQUENCE sq;`);
  const before = await read(db);
  await execSql(db, `
    ALTER TABLE t DROP CONSTRAINT t_pkey, ADD CONSTRAINT t_pkey PRIMARY KEY (id) INCLUDE (c);
    ALTER INDEX t_u SET (fillfactor = 40);
    CLUSTER t USING t_pkey;
    ALTER TABLE t REPLICA IDENTITY USING INDEX t_u;
    ALTER TABLE t SET (toast.autovacuum_enabled = false);
    ALTER TABLE t ALTER COLUMN note SET STORAGE EXTERNAL, ALTER COLUMN note SET COMPRESSION pglz;
    ALTER VIEW v ALTER COLUMN note SET DEFAULT 'none';
    ALTER TABLE typed NOT OF;
    ALTER TABLE plain OF ty;
    ALTER TABLE w ADD CONSTRAINT w_u UNIQUE USING INDEX w_u;
    ALTER SEQUENCE sq SET UNLOGGED;
    COMMENT ON INDEX t_u IS 'the index, not the constraint';`);
  const after = await readOnFourAndOne(db);
  assert.equal(changes(before, after), [
    'modify sequence public.sq options.unlogged: null → true (breaking)',
    'modify table public.plain options.of_type: null → "ty" (caution)',
    'modify table public.t options.replica_identity: null → "index" (caution)',
    'modify table public.t options.toast.autovacuum_enabled: null → "false" (caution)',
    'modify column public.t.note options.compression: null → "pglz" (caution)',
    'modify column public.t.note options.storage: null → "external" (caution)',
    'modify primary_key public.t.t_pkey include: null → ["c"] (caution)',
    'modify primary_key public.t.t_pkey options.clustered: null → true (safe)',
    'modify index public.t.t_b options.clustered: true → null (safe)',
    'modify unique_constraint public.t.t_u options.fillfactor: "90" → "40" (caution)',
    'modify unique_constraint public.t.t_u options.index_comment: null → "the index, not the constraint" (safe)',
    'modify unique_constraint public.t.t_u options.replica_identity: null → true (caution)',
    'modify table public.typed options.of_type: "ty" → null (caution)',
    // the index now enforces the constraint: nothing is let in that was refused
    'remove index public.w.w_u (safe)',
    'add unique_constraint public.w.w_u (caution)',
    'modify column public.v.note default: null → "\'none\'::text" (caution)',
  ]);
});

test("an exclusion constraint's index keeps its comment and CLUSTER, which its definition does not say, each change once", async () => {
  const db = await createDatabase('exclidx');
  await execSql(db, `
    CREATE EXTENSION btree_gist;
    CREATE TABLE booking (room int, during tstzrange, note text,
      CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&) INCLUDE (note) WITH (fillfactor = 80));`);
  const before = await read(db);
  // What pg_get_constraintdef prints (INCLUDE, WITH) stays in the definition; there is nothing more to say yet.
  assert.equal(table(before, 'booking').exclusion_constraints, [
    { name: 'no_overlap', definition: "EXCLUDE USING gist (room WITH =, during WITH &&) INCLUDE (note) WITH (fillfactor='80')" },
  ]);
  await execSql(db, `
    COMMENT ON INDEX no_overlap IS 'the index, not the constraint';
    CLUSTER booking USING no_overlap;`);
  const after = await readOnFourAndOne(db);
  assert.equal(table(after, 'booking').exclusion_constraints![0]!.options, { clustered: true, index_comment: 'the index, not the constraint' });
  assert.equal(changes(before, after), [
    'modify exclusion_constraint public.booking.no_overlap options.clustered: null → true (safe)',
    'modify exclusion_constraint public.booking.no_overlap options.index_comment: null → "the index, not the constraint" (safe)',
  ]);
});

test("a trigger's WHEN is the condition, whatever the table's name, the literals in it or the function's arguments say", async () => {
  const db = await createDatabase('trgwhen');
  await execSql(db, `
    CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TABLE "x FOR EACH ROW WHEN (y" (a text);
    CREATE TRIGGER named BEFORE INSERT ON "x FOR EACH ROW WHEN (y" FOR EACH ROW EXECUTE FUNCTION f();
    CREATE TRIGGER args BEFORE INSERT ON "x FOR EACH ROW WHEN (y" FOR EACH ROW WHEN (new.a IS NOT NULL) EXECUTE FUNCTION f(') EXECUTE FUNCTION g(');
    CREATE TRIGGER literal BEFORE UPDATE ON "x FOR EACH ROW WHEN (y" FOR EACH ROW WHEN (new.a <> ') EXECUTE (' AND old.a IS NULL) EXECUTE FUNCTION f('WHEN (');`);
  const triggers = table(await read(db), 'x FOR EACH ROW WHEN (y').triggers!;
  const when = Object.fromEntries(triggers.map((t) => [t.name, t.when ?? null]));
  assert.equal(when, { args: '(new.a IS NOT NULL)', literal: "((new.a <> ') EXECUTE ('::text) AND (old.a IS NULL))", named: null });
});

test("a range type's collation and operator class are schema-qualified where not visible, as a column's and an index key's are", async () => {
  const db = await createDatabase('rangequal');
  await execSql(db, `
    CREATE SCHEMA app;
    CREATE COLLATION app.c2 (locale = 'C');
    CREATE OPERATOR CLASS app.my_text_ops FOR TYPE text USING btree AS
      OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 bttextcmp(text, text);
    CREATE TYPE app.collated AS RANGE (subtype = text, collation = app.c2);
    CREATE TYPE app.ordered AS RANGE (subtype = text, subtype_opclass = app.my_text_ops);
    CREATE TYPE public.visible AS RANGE (subtype = text, collation = "C");
    CREATE TABLE app.t (v text COLLATE app.c2);`);
  const snapshot = await read(db);
  const type = (name: string) => snapshot.objects.find((o): o is UserType => o.kind === 'type' && o.name === name)!;
  assert.is(type('collated').collation, 'app.c2');
  assert.is(table(snapshot, 't').columns[0]!.collation, 'app.c2');
  assert.is(type('ordered').options?.subtype_opclass, 'app.my_text_ops');
  assert.is(type('visible').collation, 'C');
});

test("an expression index key's and a materialized view column's statistics targets are recorded where set, and changing them is a change", async () => {
  const db = await createDatabase('keystats');
  await execSql(db, `
    CREATE TABLE t (a text, b int); CREATE INDEX t_la ON t (lower(a), b); CREATE INDEX t_plain ON t (upper(a));
    ALTER INDEX t_la ALTER COLUMN 1 SET STATISTICS 500;
    CREATE MATERIALIZED VIEW m AS SELECT a, b FROM t; CREATE INDEX m_la ON m (lower(a));
    ALTER MATERIALIZED VIEW m ALTER COLUMN a SET STATISTICS 200;
    CREATE TABLE p (a text, r int) PARTITION BY LIST (r); CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1);
    CREATE INDEX p_la ON p (lower(a));`);
  const before = await readOnFourAndOne(db);
  const indexKeys = (name: string) => table(before, 't').indexes!.find((i) => i.name === name)!.columns;
  assert.equal(indexKeys('t_la'), [{ expression: 'lower(a)', statistics: 500 }, 'b']);
  assert.equal(indexKeys('t_plain'), [{ expression: 'upper(a)' }]);
  const view = before.objects.find((o): o is MaterializedView => o.kind === 'materialized_view')!;
  assert.equal(view.columns, [{ name: 'a', type: 'text', options: { statistics: 200 } }, { name: 'b', type: 'integer' }]);
  assert.equal(view.indexes![0]!.columns, [{ expression: 'lower(a)' }]);
  // On a partitioned index the server sets it on each partition's index too: one change, on the parent.
  await execSql(db, `ALTER INDEX t_la ALTER COLUMN 1 SET STATISTICS -1; ALTER INDEX m_la ALTER COLUMN 1 SET STATISTICS 50;
    ALTER MATERIALIZED VIEW m ALTER COLUMN a SET STATISTICS 100, ALTER COLUMN b SET (n_distinct = 5);
    ALTER INDEX p_la ALTER COLUMN 1 SET STATISTICS 0;`);
  const after = await readOnFourAndOne(db);
  assert.equal(changes(before, after), [
    'modify column public.m.a options.statistics: 200 → 100 (safe)',
    'modify column public.m.b options.n_distinct: null → "5" (safe)',
    'modify index public.m.m_la columns: [{"expression":"lower(a)"}] → [{"expression":"lower(a)","statistics":50}] (safe)',
    'modify index public.p.p_la columns: [{"expression":"lower(a)"}] → [{"expression":"lower(a)","statistics":0}] (safe)',
    'modify index public.t.t_la columns: [{"expression":"lower(a)","statistics":500},"b"] → [{"expression":"lower(a)"},"b"] (safe)',
  ]);
  assert.equal(diffSnapshots(before, after).find((c) => c.object === 'public.p.p_la')?.partitions, 1);
});

test("a function's attributes and an aggregate's moving-aggregate parts are recorded; defaults add nothing", async () => {
  const db = await createDatabase('routineparts');
  await execSql(db, `
    CREATE FUNCTION ilen(text) RETURNS int LANGUAGE internal IMMUTABLE STRICT AS 'textlen';
    CREATE FUNCTION plain_sql(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
    CREATE FUNCTION safe_sql(int) RETURNS SETOF int LANGUAGE sql PARALLEL SAFE COST 100 ROWS 1000 AS 'SELECT $1';
    CREATE AGGREGATE mysum(int) (sfunc = int4pl, stype = int, initcond = '0');
    CREATE AGGREGATE mypct(float8 ORDER BY float8) (sfunc = ordered_set_transition, stype = internal, finalfunc = percentile_disc_final, finalfunc_extra);`);
  const before = await read(db);
  const routine = (snapshot: Snapshot, name: string) => snapshot.objects.find((o) => o.kind === 'routine' && o.name === name)!;
  // COST 100 and ROWS 1000 are a SQL function's defaults (an internal one's COST is 1); the
  // ordered-set aggregate's final function modifies the state by default.
  assert.is((routine(before, 'plain_sql') as { options?: unknown }).options, undefined);
  assert.equal((routine(before, 'safe_sql') as { options?: unknown }).options, { parallel: 'safe' });
  assert.equal((routine(before, 'mypct') as { options?: unknown }).options, { finalfunc: 'percentile_disc_final', finalfunc_extra: true, kind: 'ordered-set', sfunc: 'ordered_set_transition', stype: 'internal' });
  await execSql(db, `
    ALTER FUNCTION ilen(text) PARALLEL SAFE LEAKPROOF COST 0.1 SUPPORT textlike_support;
    DROP AGGREGATE mysum(int);
    CREATE AGGREGATE mysum(int) (sfunc = int4pl, stype = int, initcond = '0', msfunc = int4pl, minvfunc = int4mi, mstype = int, minitcond = '1');`);
  assert.equal(changes(before, await read(db)), [
    'modify routine public.ilen(text) options.cost: null → 0.1 (caution)',
    'modify routine public.ilen(text) options.leakproof: null → true (caution)',
    'modify routine public.ilen(text) options.parallel: null → "safe" (caution)',
    // the planner support function: an internal function's definition (its symbol) does not say it
    'modify routine public.ilen(text) options.support: null → "textlike_support" (caution)',
    'modify routine public.mysum(integer) options.minitcond: null → "1" (caution)',
    'modify routine public.mysum(integer) options.minvfunc: null → "int4mi" (caution)',
    'modify routine public.mysum(integer) options.msfunc: null → "int4pl" (caution)',
    'modify routine public.mysum(integer) options.mstype: null → "integer" (caution)',
  ]);
});

test('an object kept raw keeps its comment, and a new comment on it is one safe change', async () => {
  const db = await createDatabase('rawcomments');
  await execSql(db, `
    CREATE COLLATION mycoll (provider = icu, locale = 'und');
    CREATE TABLE t (a int);
    CREATE RULE r AS ON INSERT TO t DO ALSO NOTIFY t;`);
  const before = await read(db);
  await execSql(db, "COMMENT ON COLLATION mycoll IS 'case-blind'; COMMENT ON RULE r ON t IS 'tell listeners';");
  assert.equal(changes(before, await readOnFourAndOne(db)), [
    'modify unknown public.mycoll comment: null → "case-blind" (safe)',
    'modify unknown public.t.r comment: null → "tell listeners" (safe)',
  ]);
});

test("an index key's operator class parameters are recorded, so a change to them is seen beside the index's other changes", async () => {
  const db = await createDatabase('opclassparams');
  await execSql(db, `CREATE EXTENSION pg_trgm; CREATE EXTENSION ltree;
    CREATE TABLE t (id int PRIMARY KEY, b text, p ltree, "q, r" text);
    CREATE INDEX t_b ON t USING gist (b gist_trgm_ops (siglen = 32), "q, r" gist_trgm_ops);
    CREATE INDEX t_p ON t USING gist (p gist_ltree_ops (siglen = 100));`);
  const before = await read(db);
  const index = (snapshot: Snapshot, name: string) => table(snapshot, 't').indexes!.find((i) => i.name === name)!;
  // a default operator class is named only through its parameters
  assert.equal(index(before, 't_b').columns, [{ column: 'b', opclass: 'gist_trgm_ops', opclass_parameters: "siglen='32'" }, { column: 'q, r', opclass: 'gist_trgm_ops' }]);
  assert.equal(index(before, 't_p').columns, [{ column: 'p', opclass_parameters: "siglen='100'" }]);
  await execSql(db, `DROP INDEX t_b; CREATE INDEX t_b ON t USING gist (b gist_trgm_ops (siglen = 64), "q, r" gist_trgm_ops) WITH (fillfactor = 80);`);
  assert.equal(changes(before, await readOnFourAndOne(db)), [
    `modify index public.t.t_b columns: [{"column":"b","opclass":"gist_trgm_ops","opclass_parameters":"siglen='32'"},{"column":"q, r","opclass":"gist_trgm_ops"}] → [{"column":"b","opclass":"gist_trgm_ops","opclass_parameters":"siglen='64'"},{"column":"q, r","opclass":"gist_trgm_ops"}] (caution)`,
    'modify index public.t.t_b options.fillfactor: "90" → "80" (caution)',
  ]);
});

test("a foreign table's columns keep their defaults, storage and FDW options", async () => {
  const db = await createDatabase('foreigncols');
  await execSql(db, 'CREATE FOREIGN DATA WRAPPER dummy; CREATE SERVER s FOREIGN DATA WRAPPER dummy; CREATE FOREIGN TABLE ft (a int, b text, c text) SERVER s;');
  const before = await read(db);
  await execSql(db, `ALTER FOREIGN TABLE ft ALTER COLUMN a OPTIONS (column_name 'aa'); ALTER FOREIGN TABLE ft ALTER COLUMN b SET DEFAULT 'x';
    ALTER FOREIGN TABLE ft ALTER COLUMN c SET STORAGE MAIN, ALTER COLUMN c OPTIONS (column_name 'cc');`);
  const after = await readOnFourAndOne(db);
  const raw = (snapshot: Snapshot) => snapshot.objects.find((o): o is UnknownObject => o.kind === 'unknown' && o.name === 'ft')!.raw.columns;
  assert.equal(raw(before), [{ name: 'a', type: 'integer', nullable: true }, { name: 'b', type: 'text', nullable: true }, { name: 'c', type: 'text', nullable: true }]);
  assert.equal(raw(after), [
    { name: 'a', type: 'integer', nullable: true, fdw_options: ['column_name=aa'] },
    { name: 'b', type: 'text', nullable: true, default: "'x'::text" },
    // pg_dump restores it (ALTER FOREIGN TABLE … SET STORAGE): a local table inheriting the column takes it
    // beside its FDW options, which once took the options map's place
    { name: 'c', type: 'text', nullable: true, options: { storage: 'main' }, fdw_options: ['column_name=cc'] },
  ]);
  assert.equal(changes(before, after).length, 1);
});

test("a base type records what CREATE TYPE gave it beyond the defaults, and ALTER TYPE … SET is a change", async () => {
  const db = await createDatabase('basetype');
  await execSql(db, `
    CREATE TYPE num4;
    CREATE FUNCTION num4_in(cstring) RETURNS num4 LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
    CREATE FUNCTION num4_out(num4) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
    CREATE FUNCTION num4_send(num4) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'int4send';
    CREATE TYPE num4 (INPUT = num4_in, OUTPUT = num4_out, LIKE = integer, CATEGORY = 'N', PREFERRED = true, DELIMITER = ';', COLLATABLE = true);
    CREATE TYPE pt2;
    CREATE FUNCTION pt2_in(cstring) RETURNS pt2 LANGUAGE internal IMMUTABLE STRICT AS 'point_in';
    CREATE FUNCTION pt2_out(pt2) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'point_out';
    CREATE TYPE pt2 (INPUT = pt2_in, OUTPUT = pt2_out, INTERNALLENGTH = 16, ELEMENT = float8, ALIGNMENT = double);
    CREATE TYPE tx2;
    CREATE FUNCTION tx2_in(cstring) RETURNS tx2 LANGUAGE internal IMMUTABLE STRICT AS 'point_in';
    CREATE FUNCTION tx2_out(tx2) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'point_out';
    CREATE TYPE tx2 (INPUT = tx2_in, OUTPUT = tx2_out, INTERNALLENGTH = 16, ELEMENT = text, ALIGNMENT = double, SUBSCRIPT = raw_array_subscript_handler);`);
  const before = await readOnFourAndOne(db);
  const options = (name: string) => before.objects.find((o): o is UserType => o.kind === 'type' && o.name === name)!.options;
  // The subscript handler PostgreSQL 14+ gives a fixed-length type with an ELEMENT unasked is not the type's own (12 and 13 give none).
  assert.equal(options('pt2'), { input: 'pt2_in', output: 'pt2_out', internallength: 16, alignment: 'd', storage: 'p', category: 'U', element: 'double precision' });
  // An ELEMENT of variable length gets no handler unasked (CREATE TYPE fails without SUBSCRIPT): this one was given.
  if (parseInt(before.meta.server, 10) >= 14) assert.is(options('tx2')?.subscript, 'raw_array_subscript_handler');
  assert.equal(before.objects.find((o): o is UserType => o.kind === 'type' && o.name === 'num4')!.options, {
    input: 'num4_in',
    output: 'num4_out',
    internallength: 4,
    passedbyvalue: true,
    alignment: 'i',
    storage: 'p',
    category: 'N',
    preferred: true,
    delimiter: ';',
    collatable: true,
  });
  await execSql(db, 'ALTER TYPE num4 SET (SEND = num4_send)');
  assert.equal(changes(before, await read(db)), ['modify type public.num4 options.send: null → "num4_send" (caution)']);
});

test("a foreign table keeps its checks, triggers, column comments and collations, and the table it is a partition or child of", async () => {
  const db = await createDatabase('foreignparts');
  await execSql(db, `
    CREATE FOREIGN DATA WRAPPER dummy; CREATE SERVER s FOREIGN DATA WRAPPER dummy;
    CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
    CREATE TABLE p (d int, k text) PARTITION BY RANGE (d);
    CREATE TABLE base (d int);
    CREATE FOREIGN TABLE fp PARTITION OF p FOR VALUES FROM (0) TO (10) SERVER s;
    CREATE FOREIGN TABLE fc (k text COLLATE "C", CONSTRAINT fc_k CHECK (k <> '')) INHERITS (base) SERVER s;
    CREATE TRIGGER fc_t BEFORE INSERT ON fc FOR EACH ROW EXECUTE FUNCTION trg();
    COMMENT ON COLUMN fc.k IS 'the key';`);
  const before = await readOnFourAndOne(db);
  const raw = (snapshot: Snapshot, name: string) => snapshot.objects.find((o): o is UnknownObject => o.kind === 'unknown' && o.name === name)!.raw;
  assert.equal(raw(before, 'fp'), {
    server: 's',
    partition_of: 'p',
    partition_bound: 'FOR VALUES FROM (0) TO (10)',
    columns: [{ name: 'd', type: 'integer', nullable: true }, { name: 'k', type: 'text', nullable: true }],
  });
  assert.equal(raw(before, 'fc'), {
    server: 's',
    inherits: ['base'],
    columns: [{ name: 'd', type: 'integer', nullable: true }, { name: 'k', type: 'text', nullable: true, collation: 'C', comment: 'the key' }],
    checks: [{ name: 'fc_k', expression: "(k <> ''::text)" }],
    triggers: [{ name: 'fc_t', timing: 'before', events: ['insert'], level: 'row', definition: 'CREATE TRIGGER fc_t BEFORE INSERT ON public.fc FOR EACH ROW EXECUTE FUNCTION trg()' }],
  });
  await execSql(db, `
    ALTER TABLE p DETACH PARTITION fp; ALTER TABLE p ATTACH PARTITION fp FOR VALUES FROM (0) TO (20);
    ALTER FOREIGN TABLE fc NO INHERIT base, DROP CONSTRAINT fc_k, ADD CONSTRAINT fc_k CHECK (k <> 'x');
    ALTER FOREIGN TABLE fc DISABLE TRIGGER fc_t;
    COMMENT ON COLUMN fc.k IS 'a key';`);
  // Each a change of its own; the raw parts are compared whole.
  assert.equal(changes(before, await readOnFourAndOne(db)).map((line) => line.slice(0, line.indexOf(':'))), [
    'modify unknown public.fc raw.checks',
    'modify unknown public.fc raw.columns',
    'modify unknown public.fc raw.inherits',
    'modify unknown public.fc raw.triggers',
    'modify unknown public.fp raw.partition_bound',
  ]);
});

test("a column's statistics target and attribute options (n_distinct) are recorded, and changing them is a change", async () => {
  const db = await createDatabase('colstats');
  await execSql(db, 'CREATE TABLE t (a int, b text); ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;');
  const before = await read(db);
  assert.equal(table(before, 't').columns, [
    { name: 'a', type: 'integer', nullable: true, options: { statistics: 500 } },
    { name: 'b', type: 'text', nullable: true },
  ]);
  await execSql(db, 'ALTER TABLE t ALTER COLUMN a SET STATISTICS -1, ALTER COLUMN b SET (n_distinct = -0.5, n_distinct_inherited = 10);');
  assert.equal(changes(before, await readOnFourAndOne(db)), [
    'modify column public.t.a options.statistics: 500 → null (safe)',
    'modify column public.t.b options.n_distinct: null → "-0.5" (safe)',
    'modify column public.t.b options.n_distinct_inherited: null → "10" (safe)',
  ]);
});

test("an operator's planner attributes, an operator family's members, an operator class's family and an extended statistics' target are recorded raw, and a change to any is a change", async () => {
  const db = await createDatabase('opsraw');
  await execSql(db, `
    CREATE FUNCTION my_eq(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
    CREATE FUNCTION my_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
    CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = my_eq, COMMUTATOR = ===, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
    CREATE OPERATOR FAMILY fam USING btree;
    CREATE OPERATOR CLASS ops FOR TYPE int USING btree FAMILY fam AS OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 my_cmp(int, int);
    CREATE OPERATOR FAMILY pfam USING gist;
    ALTER OPERATOR FAMILY pfam USING gist ADD OPERATOR 15 <-> (point, point) FOR ORDER BY float_ops;
    CREATE TABLE t (a int, b int);
    CREATE STATISTICS t_st (ndistinct) ON a, b FROM t;`);
  const before = await readOnFourAndOne(db);
  const raw = (snapshot: Snapshot, name: string) => snapshot.objects.find((o): o is UnknownObject => o.kind === 'unknown' && o.name === name)!.raw;
  assert.equal(raw(before, '===(integer, integer)'), { commutator: '===(integer,integer)', function: 'my_eq', hashes: true, join: 'eqjoinsel', merges: false, restrict: 'eqsel' });
  assert.equal(raw(before, 'ops using btree'), { default: false, family: 'fam', type: 'integer' });
  assert.equal(raw(before, 'fam using btree'), { functions: [[1, 'integer', 'integer', 'my_cmp(integer,integer)']], operators: [[1, '<(integer,integer)'], [3, '=(integer,integer)']] });
  assert.equal(raw(before, 'pfam using gist'), { operators: [[15, '<->(point,point)', 'float_ops']] });
  assert.equal(raw(before, 't_st'), { definition: 'CREATE STATISTICS public.t_st (ndistinct) ON a, b FROM t' });
  await execSql(db, `
    ALTER OPERATOR === (int, int) SET (RESTRICT = scalarltsel);
    ALTER OPERATOR FAMILY fam USING btree ADD OPERATOR 5 > (int, int);
    ALTER STATISTICS t_st SET STATISTICS 200;`);
  assert.equal(changes(before, await read(db)), [
    'modify unknown public.===(integer, integer) raw.restrict: "eqsel" → "scalarltsel" (caution)',
    'modify unknown public.fam using btree raw.operators: [[1,"<(integer,integer)"],[3,"=(integer,integer)"]] → [[1,"<(integer,integer)"],[3,"=(integer,integer)"],[5,">(integer,integer)"]] (caution)',
    'modify unknown public.t_st raw.target: null → 200 (safe)',
  ]);
});

test("an operator family's members that share a number are listed in the same order whatever the database's collation", async () => {
  const ddl = `
    CREATE TYPE ab0 AS ENUM ('x'); CREATE TYPE ab_c AS ENUM ('x');
    CREATE FUNCTION lt0(int, ab0) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
    CREATE FUNCTION lt_c(int, ab_c) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
    CREATE FUNCTION cmp0(int, ab0) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 0';
    CREATE FUNCTION cmp_c(int, ab_c) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 0';
    CREATE OPERATOR < (LEFTARG = int, RIGHTARG = ab0, FUNCTION = lt0);
    CREATE OPERATOR < (LEFTARG = int, RIGHTARG = ab_c, FUNCTION = lt_c);
    CREATE OPERATOR FAMILY fam USING btree;
    ALTER OPERATOR FAMILY fam USING btree ADD OPERATOR 1 < (int, ab0), OPERATOR 1 < (int, ab_c),
      FUNCTION 1 (int, ab0) cmp0(int, ab0), FUNCTION 1 (int, ab_c) cmp_c(int, ab_c);`;
  // ICU's root collation sorts '_' before '0'; byte order sorts '0' first.
  const databases = [await createDatabase('opsorder_c', "LOCALE 'C.UTF-8'"), await createDatabase('opsorder_icu', "LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'")];
  const families = [];
  for (const db of databases) {
    await execSql(db, ddl);
    families.push((await read(db)).objects.find((o): o is UnknownObject => o.kind === 'unknown' && o.name === 'fam using btree')!.raw);
  }
  assert.equal(families[0], {
    functions: [[1, 'integer', 'ab0', 'cmp0(integer,ab0)'], [1, 'integer', 'ab_c', 'cmp_c(integer,ab_c)']],
    operators: [[1, '<(integer,ab0)'], [1, '<(integer,ab_c)']],
  });
  assert.equal(families[1], families[0]);
});

test('raw objects of two kinds that share a name (an operator class and the family it made, a text search configuration and dictionary) share one file, each under its kind', async () => {
  const db = await createDatabase('sharednames');
  await execSql(db, `
    CREATE FUNCTION my_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
    CREATE OPERATOR CLASS my_ops FOR TYPE int USING btree AS OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 my_cmp(int, int);
    CREATE TEXT SEARCH DICTIONARY unaccented (TEMPLATE = simple);
    CREATE TEXT SEARCH CONFIGURATION unaccented (PARSER = "default");
    COMMENT ON TEXT SEARCH DICTIONARY unaccented IS 'the dictionary';`);
  const before = await readOnFourAndOne(db);
  const unknown = before.objects.filter((o): o is UnknownObject => o.kind === 'unknown');
  assert.equal(unknown, [
    { kind: 'unknown', schema: 'public', name: 'my_ops using btree', object_type: 'operator class, operator family',
      raw: { 'operator class': { default: false, family: 'my_ops', type: 'integer' },
             'operator family': { functions: [[1, 'integer', 'integer', 'my_cmp(integer,integer)']], operators: [[1, '<(integer,integer)'], [3, '=(integer,integer)']] } } },
    { kind: 'unknown', schema: 'public', name: 'unaccented', object_type: 'text search configuration, text search dictionary',
      raw: { 'text search configuration': { parser: '"default"' }, 'text search dictionary': { comment: 'the dictionary', template: 'simple' } } },
  ]);
  // One tree entry per file: git refuses a tree with two entries of one name.
  const paths = encodeSnapshot(before).map((f) => f.path.join('/'));
  assert.equal(paths.length, new Set(paths).size);
  await execSql(db, 'ALTER TEXT SEARCH CONFIGURATION unaccented ADD MAPPING FOR word WITH unaccented');
  assert.equal(changes(before, await read(db)), [
    'modify unknown public.unaccented raw.text search configuration.mappings: null → [["word","unaccented"]] (caution)',
  ]);
});

test('a transform is kept raw under the schema of its type or functions in scope, with its comment, and a changed one is a change', async () => {
  const db = await createDatabase('transforms');
  // A transform's functions take and give internal; an internal function of that shape will do.
  await execSql(db, `
    CREATE SCHEMA app;
    CREATE TYPE app.mood AS ENUM ('ok');
    CREATE FUNCTION public.mood_from(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
    CREATE TRANSFORM FOR app.mood LANGUAGE plpgsql (FROM SQL WITH FUNCTION public.mood_from(internal));
    COMMENT ON TRANSFORM FOR app.mood LANGUAGE plpgsql IS 'moods for plpgsql';`);
  const { snapshot: before, warnings } = await introspectPostgres(pgSpec(db), { jobs: 2 });
  assert.equal(before.objects.filter((o) => o.kind === 'unknown'), [
    { kind: 'unknown', schema: 'app', name: 'FOR app.mood LANGUAGE plpgsql', comment: 'moods for plpgsql', object_type: 'transform', raw: { from_sql: 'mood_from(internal)' } },
  ]);
  assert.equal(warnings, ['1 transform (e.g. app.FOR app.mood LANGUAGE plpgsql) not modelled yet; recorded raw under <schema>/unknown/']);
  await execSql(db, "CREATE FUNCTION public.mood_to(internal) RETURNS app.mood LANGUAGE internal IMMUTABLE STRICT AS 'enum_recv';");
  await execSql(db, 'CREATE OR REPLACE TRANSFORM FOR app.mood LANGUAGE plpgsql (FROM SQL WITH FUNCTION public.mood_from(internal), TO SQL WITH FUNCTION public.mood_to(internal))');
  assert.equal(changes(before, await readOnFourAndOne(db)), [
    'modify unknown app.FOR app.mood LANGUAGE plpgsql raw.to_sql: null → "mood_to(internal)" (caution)',
    'add routine public.mood_to(internal) (safe)',
  ]);
});

test('a cast is kept raw under the schema of its first type or function in scope; built-in casts and a range\'s cast to its multirange are not', async () => {
  const db = await createDatabase('casts');
  await execSql(db, `
    CREATE SCHEMA app;
    CREATE TYPE app.box1 AS (x int);
    CREATE FUNCTION public.box1_int(app.box1) RETURNS int LANGUAGE sql AS 'SELECT $1.x';
    CREATE CAST (app.box1 AS int) WITH FUNCTION public.box1_int(app.box1) AS ASSIGNMENT;
    CREATE TYPE public.fr AS RANGE (subtype = float8);
    COMMENT ON CAST (app.box1 AS int) IS 'unboxes';`);
  const { snapshot: before, warnings } = await introspectPostgres(pgSpec(db), { jobs: 2 });
  assert.equal(before.objects.filter((o) => o.kind === 'unknown'), [
    { kind: 'unknown', schema: 'app', name: '(app.box1 AS integer)', comment: 'unboxes', object_type: 'cast', raw: { context: 'assignment', function: 'box1_int(app.box1)', method: 'function' } },
  ]);
  assert.equal(warnings, ['1 cast (e.g. app.(app.box1 AS integer)) not modelled yet; recorded raw under <schema>/unknown/']);
  await execSql(db, 'DROP CAST (app.box1 AS int); CREATE CAST (app.box1 AS int) WITH INOUT AS IMPLICIT;');
  assert.equal(changes(before, await readOnFourAndOne(db)), [
    'modify unknown app.(app.box1 AS integer) comment: "unboxes" → null (safe)',
    'modify unknown app.(app.box1 AS integer) raw.context: "assignment" → "implicit" (caution)',
    'modify unknown app.(app.box1 AS integer) raw.function: "box1_int(app.box1)" → null (caution)',
    'modify unknown app.(app.box1 AS integer) raw.method: "function" → "inout" (caution)',
  ]);
  // one between built-in types belongs to no user schema: kept under pg_catalog, in the default scope only
  await execSql(db, 'CREATE CAST (varchar AS integer) WITH INOUT AS IMPLICIT; CREATE CAST (int4range AS text) WITH INOUT;');
  const builtIn = (await introspectPostgres(pgSpec(db), { jobs: 2 })).snapshot.objects.filter((o) => o.schema === 'pg_catalog');
  assert.equal(builtIn, [
    { kind: 'unknown', schema: 'pg_catalog', name: '(character varying AS integer)', object_type: 'cast', raw: { context: 'implicit', method: 'inout' } },
    { kind: 'unknown', schema: 'pg_catalog', name: '(int4range AS text)', object_type: 'cast', raw: { context: 'explicit', method: 'inout' } },
  ]);
  const scoped = await introspectPostgres({ ...pgSpec(db), schemas: ['app'] }, { jobs: 2 });
  assert.equal(scoped.snapshot.objects.filter((o) => o.schema === 'pg_catalog'), []);
});

test("a foreign key whose enforcing triggers were turned off (DISABLE TRIGGER ALL on either table) says so, and turning them back on is a change", async () => {
  const db = await createDatabase('fktriggers');
  await execSql(db, 'CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE r (x int REFERENCES t ON DELETE CASCADE); CREATE TABLE s (y int REFERENCES t);');
  const before = await read(db);
  // a bulk load's way (pg_restore --disable-triggers) left half-way: the referenced table's triggers off
  await execSql(db, 'ALTER TABLE t DISABLE TRIGGER ALL;');
  const off = await readOnFourAndOne(db);
  assert.equal(changes(before, off), [
    'modify foreign_key public.r.r_x_fkey triggers: null → "disabled" (caution)',
    'modify foreign_key public.s.s_y_fkey triggers: null → "disabled" (caution)',
  ]);
  // on the referencing table too; one back on is that one's change only
  await execSql(db, 'ALTER TABLE t ENABLE TRIGGER ALL; ALTER TABLE r DISABLE TRIGGER ALL;');
  assert.equal(changes(off, await read(db)), ['modify foreign_key public.s.s_y_fkey triggers: "disabled" → null (caution)']);
  // user triggers are not the key's: DISABLE TRIGGER USER leaves it as it was
  await execSql(db, 'ALTER TABLE r ENABLE TRIGGER ALL; ALTER TABLE t DISABLE TRIGGER USER;');
  assert.equal(changes(before, await read(db)), []);
});

test("an inheritance child's column or check that it declares as well as inherits is marked local: NO INHERIT then INHERIT is a change, and the parent's DROP then leaves the child's", async () => {
  const db = await createDatabase('inheritlocal');
  await execSql(db, `
    CREATE TABLE parent (id int, c int DEFAULT 1, CONSTRAINT c_pos CHECK (c > 0));
    CREATE TABLE child () INHERITS (parent);
    CREATE TABLE own (c int NOT NULL DEFAULT 5, CONSTRAINT c_pos CHECK (c > 0)) INHERITS (parent);
    CREATE TABLE p (id int, c int, CONSTRAINT c_pos CHECK (c > 0)) PARTITION BY RANGE (id);
    CREATE TABLE p1 PARTITION OF p (CONSTRAINT c_pos CHECK (c > 0)) FOR VALUES FROM (0) TO (10);
    CREATE TABLE p2 (id int, c int, CONSTRAINT c_pos CHECK (c > 0)); ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);`);
  const before = await readOnFourAndOne(db);
  const check = { name: 'c_pos', expression: '(c > 0)' };
  const local = { options: { local: true } };
  // Declared again on the child: its own default and NOT NULL are recorded as the child's, as always.
  assert.equal(table(before, 'own').columns, [{ name: 'id', type: 'integer', nullable: true }, { name: 'c', type: 'integer', nullable: false, default: '5', ...local }]);
  assert.equal(table(before, 'own').checks, [{ ...check, ...local }]);
  // Only inherited, and a partition's (attached or declared again: the server keeps them inherited only): nothing.
  for (const name of ['child', 'p1', 'p2']) {
    assert.ok(table(before, name).columns.every((column) => column.options === undefined), name);
    assert.equal(table(before, name).checks, [check], name);
  }
  await execSql(db, 'ALTER TABLE child NO INHERIT parent; ALTER TABLE child INHERIT parent;');
  const hint = (drop: string) => ` [declared on this table as well as inherited: ${drop} on the parent leaves it here]`;
  const roundTrip = await readOnFourAndOne(db);
  assert.equal(changes(before, roundTrip), [
    `modify column public.child.id options.local: false → true (safe)${hint('DROP COLUMN')}`,
    `modify column public.child.c options.local: false → true (safe)${hint('DROP COLUMN')}`,
    `modify check public.child.c_pos options.local: false → true (safe)${hint('DROP CONSTRAINT')}`,
  ]);
  // What the flag stands for: the child keeps its column and check, no longer inherited (so no longer marked).
  // (DROP COLUMN alone would drop the parent's check by dependency, which leaves the children's counted as inherited.)
  await execSql(db, 'ALTER TABLE parent DROP CONSTRAINT c_pos; ALTER TABLE parent DROP COLUMN c;');
  assert.equal(changes(roundTrip, await read(db)), [
    'modify column public.child.c options.local: true → false (safe)',
    'modify check public.child.c_pos options.local: true → false (safe)',
    'modify column public.own.c options.local: true → false (safe)',
    'modify check public.own.c_pos options.local: true → false (safe)',
    'remove column public.parent.c (breaking)',
    'remove check public.parent.c_pos (safe)',
  ]);
});

test.run();
