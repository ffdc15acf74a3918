// MariaDB diff scenarios on a live server, through the MySQL dialect: sqldef's mysqldef cases (where
// sqldef emits nothing the diff must be empty, where it emits DDL it must not be) and a few exact
// scenarios. Each side lives in its own database, so every comparison is also a cross-database one
// (the single schema of one side maps onto the other's). Skips while the dialect is missing, or the
// server is down (unless CI=true).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import mysql from 'mysql2/promise';
import { impactOf } from '../../../src/diff/impact.js';
import { diffSnapshots } from '../../../src/diff/model-diff.js';
import type { Snapshot } from '../../../src/model/types.js';
import { FIXTURES } from '../../helpers/cli.js';
import { liveDriver } from '../../helpers/live-driver.js';
import { resultLines } from '../../helpers/models.js';
import { sqldefCases } from '../../helpers/sqldef.js';

const SERVER = { host: '127.0.0.1', port: 3306, user: 'root' };

const driver = await liveDriver('mysql', 'mysql diff', `MariaDB at ${SERVER.host}:${SERVER.port}`, async () => {
  await (await mysql.createConnection({ ...SERVER, connectTimeout: 3000 })).end();
});
let counter = 0;

/** Loads `sql` into a fresh database, snapshots it, drops it. */
async function snapshotOf(sql: string): Promise<Snapshot> {
  const database = `dt_diff_${process.pid}_${counter++}`;
  const connection = await mysql.createConnection({ ...SERVER, multipleStatements: true });
  const quoted = connection.escapeId(database);
  try {
    await connection.query(`CREATE DATABASE ${quoted}`);
    await connection.query(`USE ${quoted}`);
    await connection.query('SET FOREIGN_KEY_CHECKS = 0');
    if (sql.trim()) await connection.query(sql.replaceAll('`mysqldef_test`.', `${quoted}.`).replaceAll('mysqldef_test.', `${quoted}.`));
    return (await driver!.introspect({ dialect: 'mysql', database, ...SERVER, options: {} }, {})).snapshot;
  } finally {
    await connection.query(`DROP DATABASE IF EXISTS ${quoted}`);
    await connection.end();
  }
}

/** Changes between two snapshots in different databases: the from-side database is the to-side's. */
function compare(from: Snapshot, to: Snapshot): string[] {
  const schemaMap = new Map([[from.schemas[0]!.name, to.schemas[0]!.name]]);
  const changes = diffSnapshots(from, to, { schemaMap }).map((c) => ({ ...c, impact: impactOf(c, 'mysql', new Map()) }));
  return resultLines(changes).map((line) => line.replaceAll(`${to.schemas[0]!.name}.`, 'db.'));
}

const SCENARIOS: [name: string, before: string, after: string, expected: string[]][] = [
  ['columns: added, dropped, widened, unsigned', 'CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10), c INT);', 'CREATE TABLE t (id INT PRIMARY KEY, a BIGINT, b VARCHAR(10), c INT UNSIGNED, d TEXT);', [
    'modify column db.t.a type: "int(11)" → "bigint(20)" (caution)',
    'modify column db.t.c type: "int(11)" → "int(10) unsigned" (breaking)',
    'add column db.t.d (safe)',
  ]],
  ['indexes and foreign keys', 'CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p_id INT, KEY by_p (p_id));',
    'CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p_id INT, KEY by_parent (p_id), CONSTRAINT fk_p FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE);', [
      'rename index db.c.by_parent "by_p" → "by_parent" (breaking)',
      'add foreign_key db.c.fk_p (caution)',
    ]],
  ['enum members appended', "CREATE TABLE t (s ENUM('a','b'));", "CREATE TABLE t (s ENUM('a','b','c'));", [`modify column db.t.s type: "enum('a','b')" → "enum('a','b','c')" (safe)`]],
  ['the same schema in two databases', 'CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL DEFAULT \'x\') ENGINE=InnoDB;', 'CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL DEFAULT \'x\') ENGINE=InnoDB;', []],
];

for (const [name, before, after, expected] of SCENARIOS) {
  (driver ? test : test.skip)(name, async () => assert.equal(compare(await snapshotOf(before), await snapshotOf(after)), expected));
}

/** Cases whose both sides load on MariaDB 10.11 (fixtures/sqldef/mysqldef/loadcheck-*.tsv). */
const loads = new Set(
  readFileSync(join(FIXTURES, 'sqldef', 'mysqldef', 'loadcheck-mysqldef-mariadb10.11.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((cols) => cols[2] === 'ok')
    .map((cols) => `${cols[0]} ${cols[1]}`),
);
const cases = sqldefCases('mysqldef').filter((c) => loads.has(`${c.file} ${c.name}`) && c.up !== undefined && !c.error && c.enable_drop !== false);

/**
 * Where sqldef calls two schemas equal that MariaDB's catalog records differently, and the diff,
 * comparing the catalog's names and texts, reports the difference (found once the MySQL dialect
 * ran these cases; whether the diff should normalize like sqldef is the diff's decision).
 */
const CATALOG_DIFFERS = new Map([
  ['tests_constraints.yml CheckTableLevelToColumnLevel', 'MariaDB names a column-level check after its column; the table-level one keeps its own name (sqldef matches checks by expression)'],
  ['tests_constraints.yml CheckTableLevelToUnnamedColumnLevel', 'the same, for an unnamed column-level check'],
  ['tests_constraints.yml CheckDuplicateValuesInOrChain', 'the catalog keeps the OR chain as written; sqldef rewrites it to IN'],
  ['tests_constraints.yml CheckRowValueConstructorOuterOrderShouldMatch', 'the catalog keeps the IN rows in their written order; sqldef sorts them'],
  ['tests_preserve_quotes.yml IndexNameCaseInsensitive', 'the catalog keeps the index name\'s case (IDX_NAME → idx_name is reported as a safe rename)'],
]);

(driver ? test : test.skip)('sqldef cases: equivalent schemas have an empty diff, different ones do not', async () => {
  const wrong: string[] = [];
  for (const c of cases) {
    const changes = compare(await snapshotOf(c.current ?? ''), await snapshotOf(c.desired ?? ''));
    const same = c.up!.trim() === '' && !CATALOG_DIFFERS.has(`${c.file} ${c.name}`);
    if (same !== (changes.length === 0)) wrong.push(`${c.file} ${c.name}: sqldef ${same ? 'sees no difference' : 'emits DDL'}, diff has ${changes.length} changes ${changes.join('; ')}`);
  }
  assert.equal(wrong, []);
});

test.run();
