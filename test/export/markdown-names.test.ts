// Names and comments that are Markdown or HTML in every place the docs and the diff show them, read
// back by a CommonMark + GFM parser (marked's lexer): each must read as it is, split no table row,
// open no link or HTML, and give a heading and an anchor of its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarize } from '../../src/api/diff.js';
import type { Change } from '../../src/diff/change.js';
import { impactOf } from '../../src/diff/impact.js';
import { diffSnapshots } from '../../src/diff/model-diff.js';
import { changeLabel } from '../../src/diff/render/common.js';
import { renderMarkdown as renderDiff } from '../../src/diff/render/markdown.js';
import { renderMarkdown } from '../../src/export/markdown.js';
import type { SchemaObject, Snapshot, Table } from '../../src/model/types.js';
import { assertReadsAsWritten, HOSTILE_COMMENT, HOSTILE_NAMES, readMarkdown } from '../helpers/markdown-reader.js';
import { column, snapshot, table } from '../helpers/models.js';

const PROVENANCE = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567', date: '2024-01-01T00:00:00.000Z' };
const render = (s: Snapshot) => renderMarkdown(s, PROVENANCE);

/** A schema per hostile name, holding a table, a view and an index of that name, its keys and checks, and comments on each. */
function hostileTable(name: string, i: number): Table {
  return table(name, [column(name, `t|${i}`, { default: `'d|${name}'`, comment: HOSTILE_COMMENT }), column('id', 'integer', { nullable: false })], {
    comment: `${name}\n${HOSTILE_COMMENT}`,
    primary_key: { name: `pk${name}`, columns: ['id'], comment: HOSTILE_COMMENT },
    checks: [{ name: `ck${name}`, expression: 'id > 0', comment: HOSTILE_COMMENT }],
    foreign_keys: [{ name: `fk${name}`, columns: ['id'], references: { schema: name, table: name, columns: ['id'] } }],
    indexes: [{ name: `ix${name}`, columns: [name], unique: false, comment: HOSTILE_COMMENT }],
  }, name);
}

function hostileSnapshot(): Snapshot {
  const objects: SchemaObject[] = HOSTILE_NAMES.flatMap((name, i) => [
    hostileTable(name, i),
    { kind: 'view', schema: name, name: `v${name}`, definition: 'SELECT 1', comment: HOSTILE_COMMENT },
  ]);
  const s = snapshot(objects, { schemas: HOSTILE_NAMES });
  for (const schema of s.schemas) schema.comment = HOSTILE_COMMENT;
  return s;
}

test('the reader reports what renders other than as meant: HTML, images, links off our anchors, rows of another width, repeated ids', () => {
  const line = '[top](#a) [nowhere](#b) [x](javascript:alert(1)) www.example.com ![i](x.png) <img src=x> &copy;';
  const markdown = ['# a', '', '# a', '', '<a id="a-1"></a>', '', line, '', '| a | b |', '|---|---|', '| 1 |', '| 1 | 2 |', '| 1 | 2 | 3 |', '', '<div>', '</div>'];
  assert.equal(readMarkdown(markdown.join('\n')).problems, [
    `an image in ${JSON.stringify(line)}`,
    `inline HTML "<img src=x>" in ${JSON.stringify(line)}`,
    'a character reference we do not write: &copy;',
    'a row with other than 2 cells: | 1 |',
    'a row with other than 2 cells: | 1 | 2 | 3 |',
    'HTML block "<div>\\n</div>"',
    'id repeated: a-1',
    'link to "#b" ("nowhere")',
    'link to "javascript:alert(1)" ("x")',
    'link to "http://www.example.com" ("www.example.com")',
  ]);
});

test('hostile names and comments read as written everywhere in the docs: no cell split, no HTML or link, each heading once, each Contents link on its object', () => {
  const s = hostileSnapshot();
  assertReadsAsWritten(s, render(s));
});

test('schema s with table x.y and schema s.x with table y have headings and references of their own', () => {
  const s = snapshot(
    [
      table('x.y', [column('id')], { foreign_keys: [{ columns: ['id'], references: { schema: 's.x', table: 'y', columns: ['id'] } }] }, 's'),
      table('y', [column('id')], {}, 's.x'),
    ],
    { schemas: ['s', 's.x'] },
  );
  const read = assertReadsAsWritten(s, render(s));
  assert.equal(read.headings.filter((h) => h.level === 3).map((h) => h.text), ['Table s."x.y"', 'Table "s.x".y']);
  assert.ok(read.paragraphs.includes('References id → "s.x".y (id)'), read.paragraphs.join('\n'));
  assert.ok(read.paragraphs.includes('Referenced by s."x.y" (id)'), read.paragraphs.join('\n'));
});

test('a line break in a name shows as one in its heading, cells, Contents link and code alike, apart from the text \\u000a or <br>', () => {
  const names = ['two\nlines', 'two\\u000alines', 'two<br>lines', 'two\r\nlines'];
  const s = snapshot(names.map((name) => table(name, [column(name)], { primary_key: { name, columns: [name] }, indexes: [{ name, columns: [name], unique: true }] })));
  const read = assertReadsAsWritten(s, render(s));
  assert.equal(read.headings.filter((h) => h.level === 3).map((h) => h.text), ['Table public.two\nlines', 'Table public.two\\u000d\nlines', 'Table public.two<br>lines', 'Table public.two\\u000alines']);
  assert.equal(read.links.map((link) => link.text), ['two\nlines', 'two\\u000d\nlines', 'two<br>lines', 'two\\u000alines']);
  for (const name of ['two\nlines', 'two\\u000d\nlines']) {
    assert.ok(read.paragraphs.includes(`Primary key ${name}: ${name}`), name);
    assert.equal(read.tables.flatMap((t) => t.slice(1)).filter((row) => row.includes(name)).length, 2, name);
  }
});

// GitHub gives a heading the id `table-sxy`; an anchor of that id (schema `table`, table `sxy`) would be the same place twice
test('no anchor has the id GitHub gives a heading', () => {
  const s = snapshot([table('xy', [column('id')], {}, 's'), table('sxy', [column('id')], {}, 'table'), table('x', [column('id')], {}, 'schema')]);
  const read = readMarkdown(render(s));
  assert.equal(read.problems, []);
  assert.equal(read.anchors, ['s.xy', 'schema.x', 'table.sxy']);
});

test('the diff of changes to hostile names reads as written: each object, value and rename in its own cell', () => {
  const from = hostileSnapshot();
  const to = structuredClone(from);
  for (const object of to.objects) {
    if (object.kind !== 'table') continue;
    object.columns[0]!.type = 'a|b';
    object.columns.push(column(`${object.name}2`, 'text', { default: "'x|y'" }));
    object.indexes = [];
  }
  const changes: Change[] = diffSnapshots(from, to).map((c) => ({ ...c, impact: impactOf(c, 'postgres', new Map()) }));
  const renamed = (name: string): Change => ({ action: 'rename', kind: 'column', object: `public.t.${name}`, from: `old${name}`, to: name, path: 'public/tables/t.yaml', impact: 'breaking' });
  changes.push(...HOSTILE_NAMES.map(renamed));
  const endpoint = { target: 'a|b', commit: '0123456789abcdef0123456789abcdef01234567' };
  const read = readMarkdown(renderDiff({ from: endpoint, to: endpoint, summary: summarize(changes), changes }));
  assert.equal(read.problems, []);
  const rows = read.tables.flatMap((t) => t.slice(1)).filter((row) => row.length === 3);
  assert.equal(rows.map((row) => row[1]), ['breaking', 'caution', 'safe'].flatMap((impact) => changes.filter((c) => c.impact === impact).map(changeLabel)));
  for (const name of HOSTILE_NAMES) assert.ok(rows.some((row) => row[2] === `old${name} → ${name}`), name);
  assert.ok(rows.some((row) => row[2] === 'type: t|0 → a|b'));
});

test.run();
