// Carrying hidden parts forward, on hand-made models: whole kinds per schema, the triggers of each
// table, one attribute of one object; nothing else is touched.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import type { HiddenPart, Routine, SchemaObject, Table, UnknownObject, View } from '../../src/model/types.js';
import { carryForward } from '../../src/snapshot/carry-forward.js';
import { column, snapshot, table } from '../helpers/models.js';

const routine = (schema: string, name: string, definition?: string): Routine => ({ kind: 'routine', schema, name, routine_type: 'function', argument_types: ['integer'], ...(definition ? { definition } : {}) });
const view = (name: string, definition: string): View => ({ kind: 'view', schema: 'a', name, definition });
const trigger = (name: string) => ({ name, timing: 'before', events: ['insert'], definition: 'BEGIN END' });
const reason = 'no privilege';
const labels = (objects: SchemaObject[]) => objects.map((o) => `${o.schema}.${o.kind}.${o.name}`);

const PREVIOUS = snapshot([
  table('t', [column('id')], { triggers: [trigger('t_ins')] }, 'a'),
  table('gone', [column('id')], { triggers: [trigger('gone_ins')] }, 'a'),
  routine('a', 'f', 'RETURN 1'),
  routine('b', 'g', 'RETURN 2'),
  view('v', 'SELECT 1'),
]);

test('a hidden kind is the previous snapshot\'s, in that schema only; other schemas stay as read', () => {
  const live = snapshot([table('t', [column('id')], {}, 'a'), routine('b', 'h', 'RETURN 3')]);
  const { snapshot: carried, warnings } = carryForward(live, [{ schema: 'a', kind: 'routine', reason }], { commit: 'abcdef0123', snapshot: PREVIOUS });
  assert.equal(labels(carried.objects), ['a.routine.f', 'a.table.t', 'b.routine.h']);
  assert.equal((carried.objects[0] as Routine).definition, 'RETURN 1');
  assert.equal(warnings, ['routines of a were not re-read (no privilege); carried forward unchanged from snapshot abcdef0']);
});

test('hidden triggers: each table keeps its previous triggers; a dropped table stays dropped; a new table keeps what is visible', () => {
  const live = snapshot([table('t', [column('id'), column('x')], {}, 'a'), table('n', [column('id')], { triggers: [trigger('seen')] }, 'a')]);
  const { snapshot: carried, warnings } = carryForward(live, [{ schema: 'a', kind: 'trigger', reason }], { commit: 'abcdef0123', snapshot: PREVIOUS });
  assert.equal(labels(carried.objects), ['a.table.n', 'a.table.t']);
  const [n, t] = carried.objects as Table[];
  assert.equal(t!.triggers?.map((x) => x.name), ['t_ins']);
  assert.equal(t!.columns.map((c) => c.name), ['id', 'x']);
  assert.equal(n!.triggers?.map((x) => x.name), ['seen']);
  assert.equal(warnings, ['triggers of a were not re-read (no privilege); carried forward unchanged from snapshot abcdef0; 1 table(s) new since then recorded with only the triggers visible']);
});

test('a hidden attribute takes the same object\'s previous value; an object new since then is recorded without it', () => {
  const live = snapshot([view('v', ''), view('w', '')]);
  const hidden: HiddenPart[] = ['v', 'w'].map((name) => ({ schema: 'a', kind: 'view', object: name, attribute: 'definition', reason }));
  const { snapshot: carried, warnings } = carryForward(live, hidden, { commit: 'abcdef0123', snapshot: PREVIOUS });
  assert.equal(carried.objects.map((o) => (o as View).definition), ['SELECT 1', '']);
  assert.equal(warnings, [
    'a.v: its definition was not re-read (no privilege); carried forward unchanged from snapshot abcdef0',
    'a.w: its definition is not visible: no privilege; recorded without it',
  ]);
});

test('a hidden object is the previous snapshot\'s, whole; one new since then is recorded as read', () => {
  const live = snapshot([routine('a', 'f', 'RETURN 9'), table('n', [], {}, 'a'), table('t', [], {}, 'a')]);
  const hidden: HiddenPart[] = ['t', 'n'].map((name) => ({ schema: 'a', kind: 'table', object: name, reason: 'the server could not open it' }));
  const { snapshot: carried, warnings } = carryForward(live, hidden, { commit: 'abcdef0123', snapshot: PREVIOUS });
  assert.equal(carried.objects, [routine('a', 'f', 'RETURN 9'), table('n', [], {}, 'a'), PREVIOUS.objects.find((o) => o.name === 't')!]);
  assert.equal(warnings, [
    'a.n: the server could not open it; recorded what is visible (no earlier snapshot to carry it from)',
    'a.t: the server could not open it; carried forward unchanged from snapshot abcdef0',
  ]);
});

test('hidden foreign keys are carried forward only where they can still be: not on a dropped column, nor to a dropped table', () => {
  const fk = (name: string, columns: string[], table: string, ref: string[]) => ({ name, columns, references: { schema: 'a', table, columns: ref } });
  const previous = snapshot([
    table('orders', [column('id'), column('user_id'), column('shop_id'), column('item_id')], { foreign_keys: [fk('fk_user', ['user_id'], 'users', ['id']), fk('fk_shop', ['shop_id'], 'shops', ['id']), fk('fk_item', ['item_id'], 'items', ['id'])] }, 'a'),
    table('users', [column('id')], {}, 'a'),
    table('shops', [column('id')], {}, 'a'),
    table('items', [column('id')], {}, 'a'),
  ]);
  // user_id is dropped, shops is dropped, items lost its id column (renamed): none of the keys can still be
  const live = snapshot([
    table('orders', [column('id'), column('shop_id'), column('item_id')], {}, 'a'),
    table('users', [column('id')], {}, 'a'),
    table('items', [column('item_no')], {}, 'a'),
  ]);
  const { snapshot: carried, warnings } = carryForward(live, [{ schema: 'a', kind: 'table', attribute: 'foreign_keys', reason }], { commit: 'abcdef0123', snapshot: previous });
  assert.equal((carried.objects.find((o) => o.name === 'orders') as Table).foreign_keys, undefined);
  assert.equal(warnings.slice(1), [
    'a.orders: foreign key fk_item was not carried forward: the columns or the table it joins are gone, or were renamed (the key then follows them, which this account cannot see); a snapshot by an account that sees foreign keys records it as it is',
    'a.orders: foreign key fk_shop was not carried forward: the columns or the table it joins are gone, or were renamed (the key then follows them, which this account cannot see); a snapshot by an account that sees foreign keys records it as it is',
    'a.orders: foreign key fk_user was not carried forward: the columns or the table it joins are gone, or were renamed (the key then follows them, which this account cannot see); a snapshot by an account that sees foreign keys records it as it is',
  ]);
  // the same keys, all still possible, are carried as they were
  const intact = snapshot([...previous.objects.map((o) => (o.kind === 'table' ? { ...o, foreign_keys: undefined } : o))]);
  const again = carryForward(intact, [{ schema: 'a', kind: 'table', attribute: 'foreign_keys', reason }], { commit: 'abcdef0123', snapshot: previous });
  assert.equal((again.snapshot.objects.find((o) => o.name === 'orders') as Table).foreign_keys?.map((k) => k.name), ['fk_item', 'fk_shop', 'fk_user']);
});

test('a MySQL database read under another name (a copy, a renamed database): the previous objects are carried under the live name', () => {
  const fk = { name: 'fk_p', columns: ['pid'], references: { schema: 'shop', table: 'p', columns: ['id'] } };
  const previous = snapshot(
    [
      table('p', [column('id')], {}, 'shop'),
      table('c', [column('id'), column('pid')], { foreign_keys: [fk] }, 'shop'),
      routine('shop', 'f', 'RETURN 1'),
      { kind: 'view', schema: 'shop', name: 'v', definition: 'select `shop`.`p`.`id` AS `id` from `shop`.`p`' },
    ],
    { dialect: 'mysql' },
  );
  const live = snapshot([table('p', [column('id')], {}, 'copy'), table('c', [column('id'), column('pid')], {}, 'copy'), { kind: 'view', schema: 'copy', name: 'v', definition: '' }], { dialect: 'mysql' });
  const hidden: HiddenPart[] = [
    { schema: 'copy', kind: 'routine', reason },
    { schema: 'copy', kind: 'table', attribute: 'foreign_keys', reason },
    { schema: 'copy', kind: 'view', object: 'v', attribute: 'definition', reason },
  ];
  const { snapshot: carried, warnings } = carryForward(live, hidden, { commit: 'abcdef0123', snapshot: previous });
  assert.equal(labels(carried.objects), ['copy.routine.f', 'copy.table.c', 'copy.table.p', 'copy.view.v']);
  assert.equal((carried.objects[1] as Table).foreign_keys, [{ ...fk, references: { ...fk.references, schema: 'copy' } }]);
  assert.is((carried.objects[3] as View).definition, 'select `copy`.`p`.`id` AS `id` from `copy`.`p`');
  assert.not.match(warnings.join('\n'), /not carried|new since then|not visible/);
});

test('a previous snapshot of another dialect (a SQLite file before a MySQL database) lends nothing to the hidden parts', () => {
  const previous = snapshot([{ kind: 'view', schema: 'main', name: 'v', definition: 'CREATE VIEW v AS SELECT 1' }], { dialect: 'sqlite' });
  const live = snapshot([{ kind: 'view', schema: 'copy', name: 'v', definition: '' }], { dialect: 'mysql' });
  const { snapshot: carried } = carryForward(live, [{ schema: 'copy', kind: 'view', object: 'v', attribute: 'definition', reason }], { commit: 'abcdef0123', snapshot: previous });
  assert.is((carried.objects[0] as View).definition, '');
});

test('with no previous snapshot, or nothing hidden, the live snapshot is recorded as it is', () => {
  const live = snapshot([table('t', [column('id')], {}, 'a')]);
  assert.equal(carryForward(live, [{ schema: 'a', kind: 'event', reason }], undefined), {
    snapshot: live,
    warnings: ['events of a may be missing: no privilege; recorded what is visible (no earlier snapshot to carry them from)'],
  });
  assert.is(carryForward(live, [], { commit: 'abcdef0123', snapshot: PREVIOUS }).snapshot, live);
});

test('a hidden body carries what is derived from it (options.aggregate), and the rest of the options stay as read', () => {
  const previous = snapshot([{ ...routine('a', 'total', 'BEGIN FETCH GROUP NEXT ROW; END'), options: { aggregate: true, sql_data_access: 'contains sql' } }]);
  const live = snapshot([{ ...routine('a', 'total'), options: { sql_data_access: 'reads sql data' } }]);
  const hidden: HiddenPart[] = [{ schema: 'a', kind: 'routine', object: 'total(integer)', attribute: 'definition', derived: ['options.aggregate'], reason }];
  const [carried] = carryForward(live, hidden, { commit: 'abcdef0123', snapshot: previous }).snapshot.objects as Routine[];
  assert.is(carried!.definition, 'BEGIN FETCH GROUP NEXT ROW; END');
  assert.equal(carried!.options, { aggregate: true, sql_data_access: 'reads sql data' });
});

test("a raw object's hidden definition is carried under its type, whether or not a package body was merged in since; a body new since then is recorded without", () => {
  const pkg = (object_type: string, raw: Record<string, unknown>): UnknownObject => ({ kind: 'unknown', schema: 'a', name: 'pkg', object_type, raw });
  const previous = snapshot([pkg('PACKAGE', { definition: 'AS FUNCTION one RETURN INT; END', comment: 'old' })]);
  const live = snapshot([pkg('PACKAGE, PACKAGE BODY', { PACKAGE: { comment: 'new' }, 'PACKAGE BODY': { comment: '' } })]);
  const hidden: HiddenPart[] = ['PACKAGE', 'PACKAGE BODY'].map((rawType) => ({ schema: 'a', kind: 'unknown', object: 'pkg', attribute: 'definition', rawType, reason }));
  const { snapshot: carried, warnings } = carryForward(live, hidden, { commit: 'abcdef0123', snapshot: previous });
  assert.equal((carried.objects[0] as UnknownObject).raw, { PACKAGE: { comment: 'new', definition: 'AS FUNCTION one RETURN INT; END' }, 'PACKAGE BODY': { comment: '' } });
  assert.equal(warnings, [
    'a.pkg: its package definition was not re-read (no privilege); carried forward unchanged from snapshot abcdef0',
    'a.pkg: its package body definition is not visible: no privilege; recorded without it',
  ]);
  // and back: the previous object merged, the live one not
  const alone = carryForward(snapshot([pkg('PACKAGE', { comment: 'new' })]), hidden.slice(0, 1), { commit: 'abcdef0123', snapshot: carried });
  assert.equal((alone.snapshot.objects[0] as UnknownObject).raw, { comment: 'new', definition: 'AS FUNCTION one RETURN INT; END' });
});

test.run();
