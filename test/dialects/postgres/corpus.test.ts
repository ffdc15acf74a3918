// Acceptance on real schemas: each corpus file loaded into its own database, snapshotted, and the
// model's counts compared with the catalog counts of test/fixtures/postgres/PROVENANCE.md (the
// COUNTS.md table). Also determinism (same tree for any run and jobs value) and no commit for
// data-only activity.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { introspectPostgres } from '../../../src/dialects/postgres/driver.js';
import type { Snapshot, Table } from '../../../src/model/types.js';
import { readSnapshot } from '../../../src/store/read-snapshot.js';
import { openRepository } from '../../../src/store/repository.js';
import { writeSnapshot } from '../../../src/store/write-snapshot.js';
import { FIXTURES, fsck, newRepo } from '../../helpers/cli.js';
import { unlistedOptions } from '../../helpers/option-names.js';
import { createDatabase, dropDatabases, execSql, pgSpec, pgTest, postgresUp, psqlFile } from '../../helpers/postgres.js';

const up = await postgresUp();
const test = pgTest(up);
const NAMES = ['adventureworks', 'chinook', 'musicbrainz', 'openstreetmap', 'pagila', 'synapse', 'zabbix'];
const databases = new Map<string, string>();

/** The PostgreSQL table of PROVENANCE.md: corpus name → column → value. */
function expectedCounts(): Map<string, Record<string, string>> {
  const lines = readFileSync(join(FIXTURES, 'postgres', 'PROVENANCE.md'), 'utf8').split('\n').filter((l) => l.startsWith('| '));
  const header = lines.find((l) => l.startsWith('| schema |'))!.split('|').slice(1, -1).map((c) => c.trim());
  const rows = lines.filter((l) => l.startsWith('| corpus_')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  return new Map(rows.map((cells) => [cells[0]!.replace('corpus_', ''), Object.fromEntries(header.map((h, i) => [h, cells[i]!]))]));
}

/** The model counted the way COUNTS.md counts the catalog (see its Definitions). */
function countModel(snapshot: Snapshot): Record<string, string> {
  const tables = snapshot.objects.filter((o): o is Table => o.kind === 'table');
  const sum = (f: (t: Table) => number) => String(tables.reduce((n, t) => n + f(t), 0));
  const kind = (k: string) => snapshot.objects.filter((o) => o.kind === k);
  const len = (list: unknown[] | undefined) => list?.length ?? 0;
  const holdsRelationOrRoutine = (schema: string) =>
    snapshot.objects.some((o) => o.schema === schema && ['table', 'view', 'materialized_view', 'sequence', 'routine'].includes(o.kind));
  return {
    schemas: String(snapshot.schemas.filter((s) => s.name !== 'public' || holdsRelationOrRoutine('public')).length),
    tables: String(tables.length),
    partitions: String(tables.filter((t) => t.partition_of).length),
    columns: sum((t) => t.columns.length),
    // pg_index rows = the model's indexes + the indexes behind PK, UNIQUE and EXCLUDE constraints.
    indexes: sum((t) => len(t.indexes) + (t.primary_key ? 1 : 0) + len(t.unique_constraints) + len(t.exclusion_constraints)),
    pks: String(tables.filter((t) => t.primary_key).length),
    fks: sum((t) => len(t.foreign_keys)),
    uniques: sum((t) => len(t.unique_constraints)),
    checks: sum((t) => len(t.checks)),
    views: String(kind('view').length),
    matviews: String(kind('materialized_view').length),
    sequences: String(kind('sequence').length),
    functions: String(kind('routine').length),
    triggers: String(snapshot.objects.reduce((n, o) => n + ('triggers' in o ? len(o.triggers) : 0), 0)),
    // A range type brings its multirange, which the model records on the range.
    types: String(kind('type').reduce((n, t) => n + (t.kind !== 'type' || t.type === 'base' ? 0 : t.type === 'range' ? 2 : 1), 0)),
    extensions: kind('extension').map((e) => e.name).sort().join(','),
  };
}

if (up) {
  test.before(async () => {
    await Promise.all(
      NAMES.map(async (name) => {
        const database = await createDatabase(name);
        await psqlFile(database, join(FIXTURES, 'postgres', `${name}.sql`));
        databases.set(name, database);
      }),
    );
  });
  test.after(dropDatabases);
}

const snapshotOf = async (name: string, jobs = 2) => (await introspectPostgres(pgSpec(databases.get(name)!), { jobs })).snapshot;

for (const name of NAMES) {
  test(`corpus ${name}: the model's counts equal the catalog counts of COUNTS.md; every option is a listed one`, async () => {
    const expected = expectedCounts().get(name)!;
    const snapshot = await snapshotOf(name);
    const actual = countModel(snapshot);
    assert.equal(actual, Object.fromEntries(Object.keys(actual).map((k) => [k, expected[k]])));
    assert.equal(unlistedOptions(snapshot), []);
  });
}

test('corpus zabbix: 173 tables, 1333 columns, 226 foreign keys', async () => {
  const counts = countModel(await snapshotOf('zabbix'));
  assert.equal([counts.tables, counts.columns, counts.fks], ['173', '1333', '226']);
});

test('musicbrainz: the collation and text search configuration are kept as unknown objects, with a warning', async () => {
  const { snapshot, warnings } = await introspectPostgres(pgSpec(databases.get('musicbrainz')!), { jobs: 2 });
  const unknown = snapshot.objects.filter((o) => o.kind === 'unknown').map((o) => `${o.schema}.${o.name} (${o.kind === 'unknown' ? o.object_type : ''})`);
  assert.equal(unknown, ['musicbrainz.mb_simple (text search configuration)', 'musicbrainz.musicbrainz (collation)']);
  assert.is(warnings.length, 2);
});

test('musicbrainz: jobs 1, jobs 4 and a second run give the same tree; the model reads back from git unchanged', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const first = await snapshotOf('musicbrainz', 1);
  const written = await writeSnapshot({ repo, target: 'default', snapshot: first });
  for (const jobs of [4, 2]) {
    const again = await writeSnapshot({ repo, target: 'default', snapshot: await snapshotOf('musicbrainz', jobs) });
    assert.is(again.tree, written.tree, `jobs ${jobs}`);
    assert.is(again.changed, false);
  }
  const { snapshot: readBack } = await readSnapshot(repo.objects, written.commit);
  assert.equal(readBack, first);
  fsck(dir);
});

test('pagila: data-only activity (INSERT, ANALYZE, nextval, REFRESH) makes no new commit', async () => {
  const database = databases.get('pagila')!;
  const dir = newRepo();
  const repo = openRepository(dir);
  const before = await writeSnapshot({ repo, target: 'default', snapshot: await snapshotOf('pagila') });
  await execSql(
    database,
    `INSERT INTO actor (first_name, last_name) VALUES ('A', 'B');
     INSERT INTO language (name) VALUES ('Klingon');
     SELECT nextval('film_film_id_seq'), nextval('payment_payment_id_seq'), setval('customer_customer_id_seq', 4242);
     ANALYZE; REFRESH MATERIALIZED VIEW rental_by_category;`,
  );
  const after = await writeSnapshot({ repo, target: 'default', snapshot: await snapshotOf('pagila') });
  assert.is(after.changed, false);
  assert.is(after.commit, before.commit);
});

test.run();
