// export --tables: table and view globs for focused diagrams and docs of big schemas; the filtered
// Mermaid diagram still parses with mermaid's own parser and keeps only the FKs between kept tables.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import mermaid from 'mermaid';
import { parse as parseYaml } from '#yaml';
import { FIXTURES, newRepo, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';
import { column, commitSnapshots, snapshot, table } from '../helpers/models.js';

test('--tables filters the Mermaid diagram (still valid), the Markdown docs and the diff export', async () => {
  const { dir, db } = repoWithSqlite(readFileSync(join(FIXTURES, 'sqlite', 'sakila.sql'), 'utf8'));
  runJson(['snapshot'], dir);
  const diagram = run(['export', '--format', 'mermaid', '--tables', 'film*', '--tables', 'main.actor', '-o', '-'], dir);
  assert.is(diagram.code, 0, diagram.stderr);
  const parsed = await mermaid.parse(diagram.stdout);
  assert.equal(parsed && typeof parsed === 'object' ? (parsed as { diagramType: string }).diagramType : parsed, 'er');
  const entities = [...diagram.stdout.matchAll(/^ {2}t_\w+\["main\.([^"]+)"\]/gm)].map((m) => m[1]);
  assert.equal(entities.sort(), ['actor', 'film', 'film_actor', 'film_category', 'film_text']);
  // film → language and film_category → category point outside the selection and are left out
  assert.is(diagram.stdout.match(/^ {2}t_\w+ }o--/gm)?.length, 3);

  const docs = run(['export', '--format', 'markdown', '--tables', 'film_list', '--tables', 'film', '-o', '-'], dir).stdout;
  assert.equal([...docs.matchAll(/^### (Table|View) `main\.([^`]+)`/gm)].map((m) => `${m[1]} ${m[2]}`), ['Table film', 'View film_list']);
  assert.not.match(docs, /actor_info|### Table `main\.actor`/);
  // the document itself says it is a selection, for readers without the command line
  assert.match(docs, /^_Only tables and views matching `film_list`, `film` \(no other kind of object\): the rest is left out\._$/m);
  const yaml = run(['export', '--tables', 'film', '-o', '-'], dir).stdout;
  assert.match(yaml, /^selection:\n {2}tables: \[film\]$/m);
  assert.not.match(run(['export', '-o', '-'], dir).stdout, /^selection:/m);
  const none = run(['export', '--format', 'mermaid', '--tables', 'nothing*', '-o', '-'], dir);
  assert.is(none.stdout, 'erDiagram\n');

  sqliteDatabase(db, 'ALTER TABLE film ADD COLUMN rating_note TEXT; ALTER TABLE actor ADD COLUMN nickname TEXT');
  runJson(['snapshot'], dir);
  const diff = JSON.parse(run(['export', '--type', 'diff', '--format', 'json', '--tables', 'film', '-o', '-'], dir).stdout) as { summary: { added: number }; changes: { object: string }[]; stats: { files: number; respelled: number } };
  assert.equal(diff.changes.map((c) => c.object), ['main.film.rating_note']);
  assert.equal((diff as unknown as { selection: unknown }).selection, { tables: ['film'] });
  assert.match(run(['export', '--type', 'diff', '--format', 'markdown', '--schema', 'main', '--tables', 'film', '-o', '-'], dir).stdout, /^_Only schemas matching `main`; only tables and views matching `film` \(no other kind of object\): the rest is left out\._$/m);
  assert.is(diff.summary.added, 1);
  // the files counted are the chosen table's: actor's, left out, is no file "written differently"
  assert.equal([diff.stats.files, diff.stats.respelled], [1, 0]);
  // a glob that meets no change says so: "No schema changes." alone would read as a fact about the diff
  const typo = run(['export', '--type', 'diff', '--format', 'markdown', '--tables', 'flim', '--schema', 'nope', '-o', '-'], dir);
  assert.is(typo.code, 0, typo.stderr);
  assert.match(typo.stdout, /^No schema changes\.$/m);
  assert.is(typo.stderr, 'warning: --schema "nope" matches nothing in the 2 changed objects of this diff\nwarning: --tables "flim" matches nothing in the 2 changed objects of this diff, in the schemas --schema chose\n');
});

test('export --type diff --tables: a glob meeting only a changed sequence, or a table outside --schema, chooses nothing and says so; objects are counted once', async () => {
  const dir = newRepo();
  const before = [table('orders', [column('id'), column('note')]), table('orders', [column('id')], {}, 'archive')];
  const sequence = { kind: 'sequence' as const, schema: 'public', name: 'orders_seq', type: 'bigint', start: 1, increment: 1 };
  const after = [table('orders', [column('id', 'bigint'), column('total')]), table('orders', [column('id'), column('total')], {}, 'archive'), sequence];
  await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after)]);
  const exported = (...args: string[]) => run(['export', '--type', 'diff', '--format', 'json', '-t', 'default', ...args, '-o', '-'], dir);
  const sequences = exported('--tables', 'orders_seq');
  assert.is(sequences.code, 0, sequences.stderr);
  assert.equal((JSON.parse(sequences.stdout) as { changes: unknown[] }).changes, []);
  // public.orders changed in three attributes, archive.orders in one, and the sequence was added
  assert.is(sequences.stderr, 'warning: --tables "orders_seq" matches nothing in the 3 changed objects of this diff\n');
  const outside = exported('--schema', 'public', '--tables', 'archive.*');
  assert.is(outside.stderr, 'warning: --tables "archive.*" matches nothing in the 3 changed objects of this diff, in the schemas --schema chose\n');
  assert.is(exported('--schema', 'archive', '--tables', 'orders').stderr, '');
});

test('export --type diff --tables chooses a table renamed as configured by either name; another table that took its new name is left out', async () => {
  const dir = newRepo();
  const before = [table('orders', [column('id')]), table('customers', [column('id')]), table('a', [column('x')]), table('b', [column('q')])];
  const after = [table('purchases', [column('id'), column('total')]), table('customers', [column('id'), column('name')]), table('b', [column('x')])];
  await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after)]);
  mkdirSync(join(dir, '.datatrack'));
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\nrenames:\n  public.orders: public.purchases\n  public.a: public.b\n');
  const exported = (...args: string[]) => {
    const result = run(['export', '--type', 'diff', '--format', 'json', '-t', 'default', ...args, '-o', '-'], dir);
    assert.is(result.code, 0, result.stderr);
    assert.is(result.stderr, '');
    const document = JSON.parse(result.stdout) as { changes: { action: string; object: string }[]; stats: { files: number } };
    return [document.changes.map((c) => `${c.action} ${c.object}`), document.stats.files];
  };
  const purchases = [['rename public.purchases', 'add public.purchases.total'], 2];
  assert.equal(exported('--tables', 'orders'), purchases);
  assert.equal(exported('--tables', 'purchases'), purchases);
  assert.equal(exported('--tables', 'public.orders', '--schema', 'public'), purchases);
  // a renamed onto the name of b, dropped: b's removal is the old b's, not a's
  assert.equal(exported('--tables', 'a'), [['rename public.b'], 2]);
  assert.equal(exported('--tables', 'b'), [['rename public.b', 'remove public.b'], 2]);
});

test('export --tables: YAML and JSON leave out the schemas holding no chosen table, as Markdown does; --schema alone keeps the schemas it chose', async () => {
  const dir = newRepo();
  const objects = [table('orders', [column('id')]), table('orders', [column('id')], {}, 'archive'), table('users', [column('id')], {}, 'auth')];
  await commitSnapshots(dir, 'default', [snapshot(objects, { schemas: ['archive', 'auth', 'empty', 'public'] })]);
  const schemasOf = (format: 'json' | 'yaml' | 'markdown', ...args: string[]) => {
    const result = run(['export', '--format', format, ...args, '-o', '-'], dir);
    assert.is(result.code, 0, result.stderr);
    if (format === 'markdown') return [...result.stdout.matchAll(/^## Schema `([^`]+)`$/gm)].map((m) => m[1]);
    const document = (format === 'json' ? JSON.parse(result.stdout) : parseYaml(result.stdout)) as { schemas: { name: string }[] };
    return document.schemas.map((schema) => schema.name);
  };
  for (const format of ['json', 'yaml', 'markdown'] as const) {
    assert.equal(schemasOf(format, '--tables', 'orders'), ['archive', 'public'], format);
    assert.equal(schemasOf(format, '--tables', 'orders', '--schema', 'a*'), ['archive'], format);
    assert.equal(schemasOf(format, '--tables', 'nothing'), [], format);
  }
  // a schema chosen by --schema is whole, as in an export without a selection: JSON and YAML hold it even empty
  assert.equal(schemasOf('json', '--schema', 'e*'), ['empty']);
  assert.equal(schemasOf('json'), ['archive', 'auth', 'empty', 'public']);
});

test.run();
