// Regenerates src/rules/data/dialect-keywords.ts: which words each dialect reserves, found by
// asking the servers themselves rather than copying a list. A word is "reserved" when the server
// refuses it, unquoted, as a table name or as a column name; "non-reserved" when the server knows
// it as a keyword but accepts it as a name.
//
// Needs PostgreSQL (127.0.0.1:5432, user postgres) and MariaDB/MySQL (127.0.0.1:3306, root) running;
// SQLite is the one bundled with better-sqlite3. Run: node .ci/generate-keywords.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(root, 'src/rules/data/dialect-keywords.ts');

// SQLite's complete keyword table: sqlite/sqlite tool/mkkeywordhash.c (aKeywordTable), commit
// 1c30df3598e03605906fe127817dc3e42dc27460. A word not in this table is never a keyword in SQLite.
const SQLITE_KEYWORDS = `ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN
BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE
CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRED DEFERRABLE DELETE DESC DETACH DISTINCT DO DROP END EACH ELSE
ESCAPE EXCEPT EXCLUSIVE EXCLUDE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP
GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY
LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER
OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME
REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION
TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHIN WITHOUT`
  .split(/\s+/)
  .map((w) => w.toLowerCase());

// Words MySQL 8.0 reserves that MariaDB accepts as names, so a probe of MariaDB cannot find them:
// MySQL 8.0's whole reserved list (MySQL 8.0 Reference Manual, "Keywords and Reserved Words",
// https://dev.mysql.com/doc/refman/8.0/en/keywords.html, the entries marked (R)), of which those
// MariaDB refuses too are found by the probe and the rest kept as additions (database, schema,
// option, generated, virtual, stored, … were missed when only 8.0's new words were listed).
const MYSQL80_RESERVED = `accessible add all alter analyze and as asc asensitive before between bigint binary blob both
by call cascade case change char character check collate column condition constraint continue convert create cross
cube cume_dist current_date current_time current_timestamp current_user cursor database databases day_hour
day_microsecond day_minute day_second dec decimal declare default delayed delete dense_rank desc describe
deterministic distinct distinctrow div double drop dual each else elseif empty enclosed escaped except exists exit
explain false fetch first_value float float4 float8 for force foreign from fulltext function generated get grant group
grouping groups having high_priority hour_microsecond hour_minute hour_second if ignore in index infile inner inout
insensitive insert int int1 int2 int3 int4 int8 integer intersect interval into io_after_gtids io_before_gtids is
iterate join json_table key keys kill lag last_value lateral lead leading leave left like limit linear lines load
localtime localtimestamp lock long longblob longtext loop low_priority master_bind master_ssl_verify_server_cert match
maxvalue mediumblob mediumint mediumtext middleint minute_microsecond minute_second mod modifies natural not
no_write_to_binlog nth_value ntile null numeric of on optimize optimizer_costs option optionally or order out outer
outfile over partition percent_rank precision primary procedure purge range rank read reads read_write real recursive
references regexp release rename repeat replace require resignal restrict return revoke right rlike row rows
row_number schema schemas second_microsecond select sensitive separator set show signal smallint spatial specific sql
sqlexception sqlstate sqlwarning sql_big_result sql_calc_found_rows sql_small_result ssl starting stored
straight_join system table terminated then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock
unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying virtual
when where while window with write xor year_month zerofill`.split(/\s+/);

const IDENT = /^[a-z_][a-z0-9_]*$/;
const sorted = (words) => [...new Set(words)].filter((w) => IDENT.test(w)).sort();

async function probePostgres() {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  const { rows } = await client.query('SELECT word FROM pg_get_keywords() ORDER BY word');
  const { rows: version } = await client.query('SHOW server_version');
  const reserved = [];
  const nonReserved = [];
  for (const { word } of rows) {
    if (!IDENT.test(word)) continue;
    let refused = false;
    for (const ddl of [`CREATE TEMP TABLE ${word} (x int)`, `CREATE TEMP TABLE dt_probe (${word} int)`]) {
      await client.query('BEGIN');
      try {
        await client.query(ddl);
      } catch (error) {
        // a syntax error, or the word parsed as syntax (\`like int\` reads as LIKE <table>)
        if (error.code !== '42601' && error.code !== '42P01') throw error;
        refused = true;
      }
      await client.query('ROLLBACK');
    }
    (refused ? reserved : nonReserved).push(word);
  }
  await client.end();
  return { version: `PostgreSQL ${version[0].server_version}`, reserved, nonReserved };
}

async function probeMysql() {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  const [[{ version }]] = await connection.query('SELECT VERSION() AS version');
  await connection.query('CREATE DATABASE IF NOT EXISTS datatrack_keyword_probe');
  await connection.query('USE datatrack_keyword_probe');
  const [rows] = await connection.query('SELECT LOWER(WORD) AS word FROM information_schema.KEYWORDS');
  const reserved = [];
  const nonReserved = [];
  try {
    for (const { word } of rows) {
      if (!IDENT.test(word)) continue;
      let refused = false;
      for (const ddl of [`CREATE TEMPORARY TABLE ${word} (x int)`, `CREATE TEMPORARY TABLE dt_probe (${word} int)`]) {
        try {
          await connection.query(ddl);
          await connection.query(`DROP TEMPORARY TABLE IF EXISTS ${ddl.includes('dt_probe') ? 'dt_probe' : `\`${word}\``}`);
        } catch (error) {
          if (error.errno !== 1064) throw error; // ER_PARSE_ERROR
          refused = true;
        }
      }
      (refused ? reserved : nonReserved).push(word);
    }
  } finally {
    await connection.query('DROP DATABASE datatrack_keyword_probe');
    await connection.end();
  }
  const added = MYSQL80_RESERVED.filter((w) => !reserved.includes(w));
  return {
    version: `${version} (MySQL 8.0 additions: ${added.join(' ')})`,
    reserved: [...reserved, ...added],
    nonReserved: nonReserved.filter((w) => !added.includes(w)),
  };
}

function probeSqlite() {
  const db = new Database(':memory:');
  const version = db.prepare('SELECT sqlite_version() AS v').get().v;
  const reserved = [];
  const nonReserved = [];
  for (const word of SQLITE_KEYWORDS) {
    let refused = false;
    for (const ddl of [`CREATE TABLE ${word} (x int)`, `CREATE TABLE dt_probe (${word} int)`]) {
      try {
        db.exec(`SAVEPOINT probe; ${ddl}; ROLLBACK TO probe; RELEASE probe;`);
      } catch (error) {
        if (!/syntax error/.test(error.message)) throw error;
        db.exec('ROLLBACK TO probe; RELEASE probe;');
        refused = true;
      }
    }
    (refused ? reserved : nonReserved).push(word);
  }
  db.close();
  return { version: `SQLite ${version}`, reserved, nonReserved };
}

const probes = { postgres: await probePostgres(), mysql: await probeMysql(), sqlite: probeSqlite() };
const list = (words) => {
  const lines = [];
  let line = '';
  for (const word of sorted(words)) {
    const item = `'${word}',`;
    if (line.length + item.length + 1 > 110) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + item;
  }
  if (line) lines.push(line);
  return lines.map((l) => `    ${l}`).join('\n');
};
let text = `// GENERATED by \`node .ci/generate-keywords.mjs\`; do not edit. Reserved = the server refuses the word,
// unquoted, as a table or a column name; non-reserved = a keyword the server accepts as a name.
// Probed on: ${Object.values(probes).map((p) => p.version).join('; ')}.
import type { Dialect } from '../../model/types.js';

export const DIALECT_KEYWORDS: Record<Dialect, { reserved: readonly string[]; nonReserved: readonly string[] }> = {\n`;
for (const [dialect, probe] of Object.entries(probes)) {
  text += `  ${dialect}: {\n    reserved: [\n${list(probe.reserved)}\n    ],\n    nonReserved: [\n${list(probe.nonReserved)}\n    ],\n  },\n`;
}
text += '};\n';
writeFileSync(OUTPUT, text);
console.log(`wrote ${OUTPUT}: ${Object.entries(probes).map(([d, p]) => `${d} ${p.reserved.length} reserved / ${p.nonReserved.length} non-reserved`).join(', ')}`);
