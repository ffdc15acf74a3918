import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import mermaid from 'mermaid';
import { FIXTURES, repoWithSqlite, run, runJson } from '../helpers/cli.js';

async function parsesAsMermaid(text: string): Promise<void> {
  const result = await mermaid.parse(text);
  assert.equal(result && typeof result === 'object' ? (result as { diagramType: string }).diagramType : result, 'er');
}

for (const name of ['chinook', 'sakila']) {
  test(`${name}: the Mermaid ER diagram parses with mermaid's own parser and has every table and FK`, async () => {
    const { dir } = repoWithSqlite(readFileSync(join(FIXTURES, 'sqlite', `${name}.sql`), 'utf8'));
    runJson(['snapshot'], dir);
    const diagram = run(['export', '--format', 'mermaid', '-o', '-'], dir).stdout;
    await parsesAsMermaid(diagram);
    const expected = name === 'chinook' ? { tables: 11, fks: 11 } : { tables: 16, fks: 22 };
    assert.is(diagram.match(/^ {2}t_\w+\["/gm)?.length, expected.tables);
    assert.is(diagram.match(/^ {2}t_\w+ }o--/gm)?.length, expected.fks);
  });
}

test('a diagram beyond what Mermaid renders by default, and a filter that matches nothing, are said on stderr', () => {
  const leaves = Array.from({ length: 501 }, (_, i) => `CREATE TABLE leaf_${i} (id INTEGER PRIMARY KEY, hub_id INTEGER REFERENCES hub(id));`).join('\n');
  const { dir } = repoWithSqlite(`CREATE TABLE hub (id INTEGER PRIMARY KEY);\n${leaves}`);
  runJson(['snapshot'], dir);
  const big = run(['export', '--format', 'mermaid', '-o', '-'], dir);
  assert.is(big.code, 0);
  assert.match(big.stderr, /^warning: the diagram has \d+ characters and 501 relationships, more than Mermaid renders by default \(50000 characters, 500 relationships\): narrow it with --schema or --tables/);
  const narrowed = run(['export', '--format', 'mermaid', '--tables', 'hub', '--tables', 'leaf_1', '-o', '-'], dir);
  assert.is(narrowed.stderr, '');
  const typo = run(['export', '--format', 'markdown', '--tables', 'nosuch', '--schema', 'mian', '-o', '-'], dir);
  assert.is(typo.stderr, 'warning: --schema "mian" matches nothing in the snapshot\nwarning: --tables "nosuch" matches nothing in the schemas --schema chose\n');
  // a table that exists, but not in the schemas chosen, is no match either
  const elsewhere = run(['export', '--format', 'markdown', '--tables', 'hub', '--schema', 'mian', '-o', '-'], dir);
  assert.match(elsewhere.stderr, /^warning: --tables "hub" matches nothing in the schemas --schema chose$/m);
  assert.is(run(['export', '--format', 'markdown', '--tables', 'nosuch', '-o', '-'], dir).stderr, 'warning: --tables "nosuch" matches nothing in the snapshot\n');
  // a connection URL given for a glob by mistake: its password stays out of the warning and the document
  const url = 'postgresql://app:S3cr3tXYZ@db/app';
  for (const format of ['markdown', 'json', 'yaml']) {
    const mistaken = run(['export', '--format', format, '--schema', url, '--tables', url, '-o', '-'], dir);
    assert.not.match(mistaken.stdout + mistaken.stderr, 'S3cr3tXYZ', format);
    assert.match(mistaken.stdout, 'postgresql://app:***@db/app', format);
  }
});

test('hostile names still give a diagram mermaid accepts, and docs that keep the real names', async () => {
  const { dir } = repoWithSqlite(`
    CREATE TABLE "we""ird | name" ("col with space" INTEGER PRIMARY KEY, "1st" TEXT, "x\`y" TEXT);
    CREATE TABLE "Éclair" (id INTEGER PRIMARY KEY, ref INTEGER NOT NULL REFERENCES "we""ird | name"("col with space"));
  `);
  runJson(['snapshot'], dir);
  const diagram = run(['export', '--format', 'mermaid', '-o', '-'], dir).stdout;
  await parsesAsMermaid(diagram);
  assert.match(diagram, /t_\w+\["main\.#quot;we#quot;#quot;ird \| name#quot;"\]/);
  assert.match(diagram, /INTEGER col_with_space PK "col with space"/);
  assert.match(diagram, /t_\w+ }o--\|\| t_\w+ : "ref"/);
  const docs = run(['export', '--format', 'markdown', '-o', '-'], dir).stdout;
  assert.match(docs, /\| 1 \| col with space \| INTEGER \| no \|/);
  assert.match(docs, /\| 3 \| x\\`y \| TEXT \|/);
  assert.match(docs, /### Table `main\."we""ird \| name"`/);
  assert.match(docs, /\*\*Referenced by\*\* `main\.Éclair` \(`ref`\)/);
});

test('markdown docs: default path, index, columns, keys, indexes, references in and out, views; --schema filters', () => {
  const { dir } = repoWithSqlite(readFileSync(join(FIXTURES, 'sqlite', 'sakila.sql'), 'utf8'));
  runJson(['snapshot'], dir);
  const result = runJson<{ path: string }>(['export', '--format', 'markdown'], dir);
  assert.is(result.path, join(dir, '.databases/exports/app/latest_snapshot.md'));
  const docs = readFileSync(result.path, 'utf8');
  assert.match(docs, /^# Schema of `app`\n/);
  assert.match(docs, /- tables: \[actor\]\(#main.actor\)/);
  assert.match(docs, /### Table `main\.film_actor`/);
  assert.match(docs, /- \*\*References\*\* `actor_id` → `main\.actor` \(`actor_id`\) via `fk_film_actor_actor`, on update cascade/);
  assert.match(docs, /- \*\*Referenced by\*\* `main\.film_actor` \(`actor_id`\)/);
  assert.match(docs, /### View `main\.customer_list`\n\n\| # \| column \| type \|\n\|---\|---\|---\|\n\| 1 \| ID \| INTEGER \|\n\| 2 \| name \|  \|\n/);
  assert.match(docs, /\n- \*\*Trigger\*\* `actor_trigger_ai`: after insert, for each row\n {2}```sql\n {2}CREATE TRIGGER actor_trigger_ai AFTER INSERT ON actor\n/);
  assert.match(docs, /```sql\nCREATE VIEW customer_list/);
  assert.match(docs, /\| idx_actor_last_name \| last_name \| no \|/);
  const none = run(['export', '--format', 'markdown', '--schema', 'nothing', '-o', '-'], dir).stdout;
  assert.not.match(none, /### Table/);
});

test.run();
