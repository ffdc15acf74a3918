// Names and comments that are Markdown or HTML in every place the docs and the diff show them, read
// back by a CommonMark + GFM parser (marked's lexer): each must read as it is, split no table row,
// open no link or HTML, and give a heading and an anchor of its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderMarkdown } from '../../src/export/markdown.js';
import type { Snapshot } from '../../src/model/types.js';
import { assertReadsAsWritten, readMarkdown } from '../helpers/markdown-reader.js';
import { column, snapshot, table } from '../helpers/models.js';

const PROVENANCE = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567', date: '2024-01-01T00:00:00.000Z' };
const render = (s: Snapshot) => renderMarkdown(s, PROVENANCE);

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

// GitHub gives a heading the id `table-sxy`; an anchor of that id (schema `table`, table `sxy`) would be the same place twice
test('no anchor has the id GitHub gives a heading', () => {
  const s = snapshot([table('xy', [column('id')], {}, 's'), table('sxy', [column('id')], {}, 'table'), table('x', [column('id')], {}, 'schema')]);
  const read = readMarkdown(render(s));
  assert.equal(read.problems, []);
  assert.equal(read.anchors, ['s.xy', 'schema.x', 'table.sxy']);
});

test.run();
