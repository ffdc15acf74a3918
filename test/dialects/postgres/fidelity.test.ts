// What a PostgreSQL snapshot records of the catalog's corners: the server's own bookkeeping left
// out, names where the catalog holds OIDs, and nothing silently dropped.
import * as assert from 'uvu/assert';
import { encodeSnapshot, objectPath } from '../../../src/codec/layout.js';
import { impactOf } from '../../../src/diff/impact.js';
import { diffSnapshots } from '../../../src/diff/model-diff.js';
import { introspectPostgres } from '../../../src/dialects/postgres/driver.js';
import type { Snapshot, Table } from '../../../src/model/types.js';
import { resultLines } from '../../helpers/models.js';
import { createDatabase, dropDatabases, execSql, pgSpec, pgTest, postgresUp } from '../../helpers/postgres.js';

const up = await postgresUp();
const test = pgTest(up);
if (up) test.after(dropDatabases);

const read = async (database: string, jobs = 1): Promise<Snapshot> => (await introspectPostgres(pgSpec(database), { jobs })).snapshot;

/** The changes from one snapshot to the other, with their impact, one line each. */
const changes = (from: Snapshot, to: Snapshot) => resultLines(diffSnapshots(from, to).map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map()) })));

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

const TEXT_SEARCH = `
  CREATE SCHEMA app;
  CREATE TEXT SEARCH DICTIONARY public.mydict (TEMPLATE = simple, STOPWORDS = english);
  CREATE TEXT SEARCH TEMPLATE app.mytmpl (LEXIZE = dsimple_lexize);
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

test.run();
