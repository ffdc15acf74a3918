// Acceptance: the public MySQL schemas of the corpus, loaded as shared/corpus/load.sh loads them,
// give the catalog counts of COUNTS.md (copied to test/fixtures/mysql/PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { mysqlDriver } from '../../../src/dialects/mysql/driver.js';
import type { Routine, Snapshot, Table } from '../../../src/model/types.js';
import { FIXTURES } from '../../helpers/cli.js';
import { assertGitRoundTrip } from '../../helpers/round-trip.js';
import { freshDatabase, loadScript, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';
import { unlistedOptions } from '../../helpers/option-names.js';

function counts(snapshot: Snapshot) {
  const tables = snapshot.objects.filter((o): o is Table => o.kind === 'table');
  const routines = snapshot.objects.filter((o): o is Routine => o.kind === 'routine');
  const sum = (f: (t: Table) => number) => tables.reduce((n, t) => n + f(t), 0);
  const withPk = sum((t) => (t.primary_key ? 1 : 0));
  return {
    tables: tables.length,
    columns: sum((t) => t.columns.length),
    // COUNTS.md counts PRIMARY among the indexes; the model keeps it as primary_key only.
    indexes: sum((t) => t.indexes?.length ?? 0) + withPk,
    pks: withPk,
    fks: sum((t) => t.foreign_keys?.length ?? 0),
    // A UNIQUE key is an index with unique: true (TABLE_CONSTRAINTS lists it as UNIQUE).
    uniques: sum((t) => (t.indexes ?? []).filter((i) => i.unique).length),
    checks: sum((t) => t.checks?.length ?? 0),
    views: snapshot.objects.filter((o) => o.kind === 'view').length,
    functions: routines.filter((r) => r.routine_type === 'function').length,
    procedures: routines.filter((r) => r.routine_type === 'procedure').length,
    triggers: sum((t) => t.triggers?.length ?? 0),
    events: snapshot.objects.filter((o) => o.kind === 'event').length,
  };
}

const EXPECTED = {
  chinook: { tables: 11, columns: 64, indexes: 22, pks: 11, fks: 11, uniques: 0, checks: 0, views: 0, functions: 0, procedures: 0, triggers: 0, events: 0 },
  employees: { tables: 6, columns: 24, indexes: 9, pks: 6, fks: 6, uniques: 1, checks: 0, views: 2, functions: 0, procedures: 0, triggers: 0, events: 0 },
  sakila: { tables: 16, columns: 89, indexes: 41, pks: 16, fks: 22, uniques: 2, checks: 0, views: 7, functions: 3, procedures: 3, triggers: 3, events: 0 },
  zabbix: { tables: 173, columns: 1333, indexes: 428, pks: 173, fks: 226, uniques: 56, checks: 0, views: 0, functions: 0, procedures: 0, triggers: 0, events: 0 },
};

async function loadCorpus(name: string): Promise<string> {
  const database = await freshDatabase(name);
  loadScript(database, readFileSync(join(FIXTURES, 'mysql', `${name}.sql`), 'utf8'));
  return database;
}

for (const [name, expected] of Object.entries(EXPECTED)) {
  mysqlTest(`corpus ${name}: counts match the catalog (COUNTS.md); every option is a listed one`, async () => {
    const database = await loadCorpus(name);
    const { snapshot, warnings } = await mysqlDriver.introspect(mysqlSpec(database), { jobs: 2 });
    assert.equal(counts(snapshot), expected);
    assert.equal(unlistedOptions(snapshot), []);
    assert.equal(warnings, []);
    assert.equal(snapshot.schemas.map((s) => s.name), [database]);
    assert.ok(snapshot.objects.every((o) => o.schema === database));
  });
}

mysqlTest('sakila: what the corpus exercises is captured (FULLTEXT, ENUM/SET/YEAR, routines, triggers, views)', async () => {
  const database = await loadCorpus('sakila');
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(database), { jobs: 1 });
  const table = (name: string) => snapshot.objects.find((o): o is Table => o.kind === 'table' && o.name === name)!;
  assert.equal(table('film_text').indexes, [{ name: 'idx_title_description', columns: ['title', 'description'], unique: false, method: 'fulltext' }]);
  const film = table('film');
  assert.is(film.columns.find((c) => c.name === 'rating')!.default, "'G'");
  assert.match(film.columns.find((c) => c.name === 'special_features')!.type, /^set\('Trailers',/);
  assert.equal(film.columns.find((c) => c.name === 'last_update'), { name: 'last_update', type: 'timestamp', nullable: false, default: 'current_timestamp()', on_update: 'current_timestamp()' });
  assert.equal(film.triggers?.map((t) => [t.name, t.timing, t.events, t.level]), [['del_film', 'after', ['delete'], 'row'], ['ins_film', 'after', ['insert'], 'row'], ['upd_film', 'after', ['update'], 'row']]);
  const procedure = snapshot.objects.find((o): o is Routine => o.kind === 'routine' && o.name === 'film_in_stock')!;
  assert.equal(procedure.argument_types, ['int(11)', 'int(11)', 'int(11)']);
  assert.is(procedure.arguments, 'IN p_film_id int(11), IN p_store_id int(11), OUT p_film_count int(11)');
  // sakila-schema.sql sets SQL_MODE='TRADITIONAL' before its routines: each keeps the mode it was created under.
  assert.equal(procedure.options, { sql_data_access: 'reads sql data', sql_mode: 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' });
  const fn = snapshot.objects.find((o): o is Routine => o.kind === 'routine' && o.name === 'get_customer_balance')!;
  assert.equal([fn.routine_type, fn.returns, fn.deterministic, fn.security], ['function', 'decimal(5,2)', true, 'definer']);
  assert.match(fn.definition!, /^BEGIN/);
  const view = snapshot.objects.find((o) => o.kind === 'view' && o.name === 'actor_info')!;
  assert.equal((view as { options?: object }).options, { algorithm: 'undefined', security: 'invoker' });
});

mysqlTest('zabbix: the model read back from git equals the model captured; fsck clean', async () => {
  const database = await loadCorpus('zabbix');
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(database), { jobs: 2 });
  await assertGitRoundTrip(snapshot);
});

test.run();
