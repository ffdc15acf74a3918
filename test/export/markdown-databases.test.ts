// The docs and the diff of real SQLite and PostgreSQL schemas whose names and comments are Markdown
// or HTML, read back by a CommonMark + GFM parser: what the server reports (quoted types, defaults,
// truncated names, comments over several lines) reads as it is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarize } from '../../src/api/diff.js';
import { impactOf } from '../../src/diff/impact.js';
import { diffSnapshots } from '../../src/diff/model-diff.js';
import { changeLabel } from '../../src/diff/render/common.js';
import { renderMarkdown as renderDiff } from '../../src/diff/render/markdown.js';
import { introspectPostgres } from '../../src/dialects/postgres/driver.js';
import { renderMarkdown } from '../../src/export/markdown.js';
import type { Snapshot } from '../../src/model/types.js';
import { assertReadsAsWritten, HOSTILE_COMMENT, HOSTILE_NAMES, readMarkdown, shown } from '../helpers/markdown-reader.js';
import { createDatabase, dropDatabases, execSql, pgSpec, postgresUp } from '../helpers/postgres.js';
import { sqliteSnapshot } from '../helpers/sqlite-models.js';

const PROVENANCE = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567', date: '2024-01-01T00:00:00.000Z' };
const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The diff from one snapshot to the other reads as written: every change's object in its own cell. */
function assertDiffReadsAsWritten(from: Snapshot, to: Snapshot): void {
  const changes = diffSnapshots(from, to).map((c) => ({ ...c, impact: impactOf(c, from.meta.dialect, new Map()) }));
  const endpoint = { target: 'default', commit: PROVENANCE.commit };
  const read = readMarkdown(renderDiff({ from: endpoint, to: endpoint, summary: summarize(changes), changes }));
  assert.equal(read.problems, []);
  const objects = read.tables.flatMap((t) => t.slice(1)).filter((row) => row.length === 3).map((row) => row[1]);
  assert.equal(objects.sort(), changes.map((c) => shown(changeLabel(c))).sort());
  assert.ok(changes.length >= HOSTILE_NAMES.length, `${changes.length} changes`);
}

test('SQLite: tables, columns, indexes, checks and views named in Markdown read as written in the docs and the diff', async () => {
  const tables = HOSTILE_NAMES.map(
    (name, i) => `CREATE TABLE ${identifier(name)} (${identifier(name)} ${identifier(`t|${i}`)} DEFAULT ${literal(`d|${name}`)}, other INTEGER CONSTRAINT ${identifier(`ck${name}`)} CHECK (other > 0));
      CREATE INDEX ${identifier(`ix${name}`)} ON ${identifier(name)} (${identifier(name)});
      CREATE VIEW ${identifier(`v${name}`)} AS SELECT ${identifier(name)} FROM ${identifier(name)};`,
  );
  const before = await sqliteSnapshot(tables.join('\n'));
  assertReadsAsWritten(before, renderMarkdown(before, PROVENANCE));
  const changed = HOSTILE_NAMES.map((name) => `ALTER TABLE ${identifier(name)} ADD COLUMN ${identifier(`${name}2`)} TEXT DEFAULT 'x|y'; DROP INDEX ${identifier(`ix${name}`)};`);
  assertDiffReadsAsWritten(before, await sqliteSnapshot([...tables, ...changed].join('\n')));
});

const up = await postgresUp();
(up ? test : test.skip)('PostgreSQL: schemas, tables, columns, types, keys, indexes and views named in Markdown, and comments over several lines, read as written in the docs and the diff', async () => {
  const database = await createDatabase('markdown_names');
  const statements = HOSTILE_NAMES.flatMap((name, i) => {
    const [schema, table] = [identifier(name), `${identifier(name)}.${identifier(name)}`];
    return [
      `CREATE SCHEMA ${schema}`,
      `COMMENT ON SCHEMA ${schema} IS ${literal(HOSTILE_COMMENT)}`,
      `CREATE DOMAIN ${schema}.${identifier(`d|${i}`)} AS text`,
      `CREATE TABLE ${table} (${identifier(name)} ${schema}.${identifier(`d|${i}`)} DEFAULT ${literal(`x|${name}`)}, id int CONSTRAINT ${identifier(`pk${name}`)} PRIMARY KEY,
         other int CONSTRAINT ${identifier(`ck${name}`)} CHECK (other > 0), ref int CONSTRAINT ${identifier(`fk${name}`)} REFERENCES ${table} (id))`,
      `COMMENT ON TABLE ${table} IS ${literal(`${name}\n${HOSTILE_COMMENT}`)}`,
      `COMMENT ON COLUMN ${table}.${identifier(name)} IS ${literal(HOSTILE_COMMENT)}`,
      `COMMENT ON CONSTRAINT ${identifier(`ck${name}`)} ON ${table} IS ${literal(HOSTILE_COMMENT)}`,
      `CREATE INDEX ${identifier(`ix${name}`)} ON ${table} (${identifier(name)})`,
      `COMMENT ON INDEX ${schema}.${identifier(`ix${name}`)} IS ${literal(HOSTILE_COMMENT)}`,
      `CREATE VIEW ${schema}.${identifier(`v${name}`)} AS SELECT ${identifier(name)} FROM ${table}`,
    ];
  });
  try {
    // NOTICEs on names past 63 bytes, which the server truncates
    await execSql(database, ['SET client_min_messages = warning', ...statements].join(';\n'));
    const before = (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot;
    assertReadsAsWritten(before, renderMarkdown(before, PROVENANCE));
    const changes = HOSTILE_NAMES.map((name) => `ALTER TABLE ${identifier(name)}.${identifier(name)} ADD COLUMN ${identifier(`${name}2`)} text DEFAULT 'x|y'; DROP INDEX ${identifier(name)}.${identifier(`ix${name}`)}`);
    await execSql(database, changes.join(';\n'));
    assertDiffReadsAsWritten(before, (await introspectPostgres(pgSpec(database), { jobs: 1 })).snapshot);
  } finally {
    await dropDatabases();
  }
});

test.run();
