import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeObject, decodeObjectEntries, encodeObject } from '../../src/codec/layout.js';
import { normalizeObject } from '../../src/model/canonical.js';
import type { Table } from '../../src/model/types.js';
import { RELATION_NAME_ENTRIES, relationNamesOf } from '../../src/rules/model-index.js';

/** Names the writer spells plainly, quoted, or as a block; and entries around them that look like their neighbours. */
const NAMES = ['plain_idx', 'true', '12', 'a: b', '#hash', '- dash', '"quoted"', 'back\\slash', 'line\nbreak', 'two\n\nlines\n', '  indented\n  block', 'Éclair', 'x'.repeat(300), 'indexes: x'];

function tableNamed(i: number, name: string): Table {
  return normalizeObject({
    kind: 'table',
    schema: 'public',
    name: `t${i}`,
    comment: `indexes:\n  - name: ${name}\nnot an entry`,
    columns: [{ name: 'id', type: 'bigint', nullable: false, comment: `\nprimary_key:\n  name: ${name}` }],
    primary_key: { name: `${name} key`, columns: ['id'] },
    unique_constraints: [{ name, columns: ['id'] }, { columns: ['id'] }],
    checks: [{ name: `${name} check`, expression: `(id > 0)\nindexes:` }],
    indexes: [{ name: `${name} index`, columns: ['id'], unique: false, where: `id > 0\n\nprimary_key: 1` }],
    triggers: [{ name: `${name} trigger`, timing: 'before', events: ['insert'], definition: 'EXECUTE FUNCTION f()' }],
  } as Table) as Table;
}

test('decodeObjectEntries: the entries asked for, as decodeObject reads them, whatever the names and the entries around them', () => {
  NAMES.forEach((name, i) => {
    const { path, text } = encodeObject(tableNamed(i, name));
    const whole = decodeObject(text, path.join('/'), 'table');
    const entries = decodeObjectEntries(text, path.join('/'), 'table', RELATION_NAME_ENTRIES);
    assert.ok(entries, JSON.stringify(name));
    assert.equal(Object.keys(entries).sort(), ['indexes', 'name', 'primary_key', 'schema', 'unique_constraints'], JSON.stringify(name));
    assert.equal(relationNamesOf({ kind: 'table', ...entries } as Table), relationNamesOf(whole), JSON.stringify(name));
  });
});

test('decodeObjectEntries: a file whose entries cannot be told apart, or do not read, or name another object, is left to decodeObject', () => {
  const path = 'public/tables/t.yaml';
  const head = 'name: t\nschema: public\ncolumns:\n  - name: id\n    type: bigint\n    nullable: false\n';
  const read = (text: string) => decodeObjectEntries(text, path, 'table', RELATION_NAME_ENTRIES);
  assert.equal(read(`${head}indexes:\n  - name: i\n    columns: [id]\n`), { name: 't', schema: 'public', indexes: [{ name: 'i', columns: ['id'] }] });
  // hand edits: a comment, a document marker, a list at its key's indentation, a flow mapping, a quoted key, a byte order mark
  for (const text of [
    `${head}# the index\nindexes:\n  - name: i\n    columns: [id]\n`,
    `---\n${head}`,
    `${head}indexes:\n- name: i\n  columns: [id]\n`,
    '{name: t, schema: public, columns: [{name: id, type: bigint}], indexes: [{name: i, columns: [id]}]}\n',
    `${head}"indexes":\n  - name: i\n    columns: [id]\n`,
    `\ufeff${head}`,
  ]) {
    assert.is(read(text), undefined, text);
    // the whole file reads all the same (but the marker, which decodeObject refuses too, and the comment's place)
    if (!text.startsWith('---')) assert.ok(relationNamesOf(decodeObject(text, path, 'table')).length > 0);
  }
  // entries that do not read, or are not of their shape; a file of another object
  assert.is(read(`${head}indexes: [unclosed\n`), undefined);
  assert.is(read(`${head}indexes: x\n`), undefined);
  assert.is(read(`${head}primary_key:\n  name: [k]\n  columns: [id]\n`), undefined);
  assert.is(read(`${head}indexes:\n  - name: i\n`), undefined);
  assert.is(read(head.replace('name: t', 'name: other')), undefined);
  assert.is(read(head.replace('schema: public', 'schema: other')), undefined);
  // an entry not asked for is not read: its damage is not this reading's business
  assert.equal(read('name: t\nschema: public\ncolumns: 5\n'), { name: 't', schema: 'public' });
});

test.run();
