// Raw objects that would share one file: merged, none lost, in an order that does not depend on the catalog's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildObjects } from '../../../src/dialects/postgres/assemble-objects.js';
import type { OtherRow } from '../../../src/dialects/postgres/rows.js';

const parts = { columns: new Map(), constraints: new Map(), indexes: new Map(), triggers: new Map(), policies: new Map() };
const other = (object_type: string, raw: Record<string, unknown>, comment: string | null = null): OtherRow => ({ relid: null, schema: 'public', name: 'x', object_type, raw, comment });

test('raw objects of one name share a file: each kind under its object type, several of one kind as a list', () => {
  const rows = [other('operator family', { method: 'btree' }), other('collation', { collencoding: 8 }), other('collation', { collencoding: 6 }, 'latin1 one'), other('operator class', { method: 'btree' })];
  const build = (others: OtherRow[]) => buildObjects({ sequences: [], types: [], routines: [], extensions: [], others }, parts).objects;
  const [merged] = build(rows);
  assert.equal(merged, {
    kind: 'unknown',
    schema: 'public',
    name: 'x',
    object_type: 'collation, operator class, operator family',
    raw: { collation: [{ collencoding: 6, comment: 'latin1 one' }, { collencoding: 8 }], 'operator class': { method: 'btree' }, 'operator family': { method: 'btree' } },
  });
  assert.equal(build([...rows].reverse()), [merged]);
});

test('the warning about raw objects names each type in its plural', () => {
  const rows = ['operator family', 'operator family', 'statistics', 'statistics', 'rule', 'rule'].map((type, i) => ({ ...other(type, {}), name: `x${i}` }));
  assert.equal(buildObjects({ sequences: [], types: [], routines: [], extensions: [], others: rows }, parts).warnings, [
    '2 operator families (e.g. public.x0) not modelled yet; recorded raw under <schema>/unknown/',
    '2 rules (e.g. public.x4) not modelled yet; recorded raw under <schema>/unknown/',
    '2 statistics (e.g. public.x2) not modelled yet; recorded raw under <schema>/unknown/',
  ]);
});

test.run();
