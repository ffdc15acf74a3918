// lint on the real schemas of the corpus. Chinook, Sakila and Pagila are pinned as golden files in
// test/fixtures/rules/golden/ (review them: every finding must be true); the other corpus schemas
// must lint cleanly through and agree with their catalog counts.
// Regenerate after a deliberate change:  npm run build && UPDATE_GOLDEN=1 node test/run.mjs rules/golden
// Pagila (PostgreSQL) and Sakila (MySQL) need their dialects, servers and the shared corpus
// (test/helpers/corpus.ts): without the dialect they print SKIP, without the rest too unless CI=true.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../../src/api/lint.js';
import { sqliteDriver } from '../../src/dialects/sqlite/driver.js';
import type { Snapshot } from '../../src/model/types.js';
import { toReport, type Report } from '../../src/rules/findings.js';
import { openRepository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';
import { FIXTURES, newRepo, sqliteDatabase, tempDir } from '../helpers/cli.js';
import { corpusSnapshot, corpusSource } from '../helpers/corpus.js';

const GOLDEN = join(FIXTURES, 'rules', 'golden');

async function lintSnapshot(snapshot: Snapshot): Promise<Report> {
  const dir = newRepo();
  await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot });
  return toReport((await lint({ cwd: dir })).findings);
}

function matchesGolden(name: string, report: Report): void {
  const path = join(GOLDEN, `${name}.json`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
  assert.ok(existsSync(path), `no golden file ${path}: run UPDATE_GOLDEN=1 node test/run.mjs rules/golden and review it`);
  assert.fixture(text, readFileSync(path, 'utf8'));
}

async function sqliteSnapshot(name: string): Promise<Snapshot> {
  const path = sqliteDatabase(join(tempDir(), `${name}.sqlite`), readFileSync(join(FIXTURES, 'sqlite', `${name}.sql`), 'utf8'));
  return (await sqliteDriver.introspect({ dialect: 'sqlite', database: path, options: {} }, {})).snapshot;
}

const count = (report: Report, rule: string) => report.findings.filter((f) => f.rule === rule).length;

test('SQLite Chinook matches its golden file', async () => {
  const report = await lintSnapshot(await sqliteSnapshot('chinook'));
  // The obvious: PascalCase everywhere (11 tables, 64 columns, 11 primary keys, 11 indexes).
  assert.is(count(report, 'naming-snake-case'), 11 + 64 + 11 + 11);
  matchesGolden('chinook.sqlite', report);
});

test('SQLite Sakila matches its golden file', async () => {
  const report = await lintSnapshot(await sqliteSnapshot('sakila'));
  // Every foreign key column is INT, every key it references INTEGER (22 one-column keys): one
  // affinity, which is all SQLite stores and compares by, so no type mismatch.
  assert.is(count(report, 'structure-fk-type-mismatch'), 0);
  assert.ok(report.findings.some((f) => f.rule === 'structure-fk-not-indexed' && f.object === 'main.payment.fk_payment_rental'));
  matchesGolden('sakila.sqlite', report);
});

test('SQLite Zabbix and Synapse lint through, and agree with the catalog counts', async () => {
  const zabbix = await lintSnapshot(await sqliteSnapshot('zabbix'));
  assert.is(count(zabbix, 'structure-no-primary-key'), 0); // 173 of 173 tables have a key (COUNTS.md)
  const synapse = await lintSnapshot(await sqliteSnapshot('synapse'));
  assert.is(count(synapse, 'structure-no-primary-key'), 134 - 28); // 28 of 134 tables have a key
});

const postgres = await corpusSource('postgres', 'pagila');
const mysql = await corpusSource('mysql', 'sakila-mysql');

(postgres ? test : test.skip)('PostgreSQL Pagila matches its golden file', async () => {
  const report = await lintSnapshot(await corpusSnapshot(postgres!, 'pagila'));
  // The obvious: this Pagila revision uses timestamptz throughout (no timestamp-without-time-zone
  // finding), and its 12 entity ids plus payment_id on payment are serial (its 7 partitions' copy
  // of payment_id is judged once, on payment).
  assert.is(count(report, 'types-timestamp-without-time-zone'), 0);
  assert.is(count(report, 'types-serial'), 13);
  matchesGolden('pagila.postgres', report);
});

(mysql ? test : test.skip)('MySQL Sakila matches its golden file', async () => {
  const snapshot = await corpusSnapshot(mysql!, 'sakila');
  // A MySQL schema is its database, named uniquely per run (dt_rules_sakila_<pid>): the golden file says sakila.
  const report = await lintSnapshot(snapshot);
  matchesGolden('sakila.mysql', JSON.parse(JSON.stringify(report).replaceAll(snapshot.schemas[0]!.name, 'sakila')) as Report);
});

test.run();
