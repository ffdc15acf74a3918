// Each built-in rule on models built in code: what it reports, and what it leaves alone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Dialect, Index, SchemaObject, Table } from '../../../src/model/types.js';
import { runLintRules } from '../../../src/rules/engine.js';
import { LintSettings } from '../../../src/rules/lint/lint-config.js';
import { LINT_RULES } from '../../../src/rules/lint/rule-list.js';
import { ModelIndex } from '../../../src/rules/model-index.js';
import { table } from '../../helpers/snapshots.js';

/** `rule object` of every finding of one rule (others are ignored). */
function hits(ruleId: string, objects: SchemaObject[], dialect: Dialect = 'postgres', options: Record<string, unknown> = {}): string[] {
  return findings(ruleId, objects, objects, dialect, options).map((f) => f.object).sort();
}

/** Every finding of one rule on `objects`, with `known` the snapshot's objects that lookups see. */
function findings(ruleId: string, objects: SchemaObject[], known: SchemaObject[], dialect: Dialect, options: Record<string, unknown> = {}) {
  const rule = LINT_RULES.get(ruleId)!;
  const settings = LintSettings.parse({ rules: { [ruleId]: { severity: 'warning', ...options } } }, undefined, LINT_RULES);
  return runLintRules({ dialect, objects, model: new ModelIndex(known, dialect) }, [rule], settings);
}

test('registry: ids are unique, every rule is documented with examples and a hint', () => {
  const ids = LINT_RULES.all().map((r) => r.id);
  assert.is(new Set(ids).size, ids.length);
  for (const rule of LINT_RULES.all()) {
    assert.match(rule.id, /^(naming|structure|types)-[a-z0-9-]+$/);
    assert.ok(rule.summary && rule.description && rule.examples.bad && rule.examples.good && rule.hint, rule.id);
  }
});

test('naming-snake-case: tables, columns, indexes and named constraints', () => {
  const t = table('InvoiceLine', ['id', 'UnitPrice numeric', 'total numeric'], {
    primary_key: { name: 'PK_InvoiceLine', columns: ['id'] },
    indexes: [{ name: 'PK_InvoiceLine', columns: ['id'], unique: true }, { name: 'ok_idx', columns: ['total'], unique: false }],
    foreign_keys: [{ columns: ['total'], references: { schema: 'public', table: 'x', columns: ['id'] } }],
  });
  assert.equal(hits('naming-snake-case', [t]), ['public.InvoiceLine', 'public.InvoiceLine.PK_InvoiceLine', 'public.InvoiceLine.UnitPrice']);
  assert.equal(hits('naming-snake-case', [table('_x', ['1a'])]), ['public._x', 'public._x.1a']);
  // MariaDB names an unnamed CHECK CONSTRAINT_n itself; a name someone chose is still judged
  const checked = table('c', ['id'], { checks: [{ name: 'CONSTRAINT_1', expression: 'id > 0' }, { name: 'CK_Id', expression: 'id < 9' }] });
  assert.equal(hits('naming-snake-case', [checked], 'mysql'), ['public.c.CK_Id']);
  assert.equal(hits('naming-snake-case', [checked], 'postgres'), ['public.c.CK_Id', 'public.c.CONSTRAINT_1']);
  // and names a column's check after the column, no other name allowed: judged once, as the column
  const columnCheck = table('cc', ['id', 'Amount int'], { checks: [{ name: 'Amount', column: 'Amount', expression: '`Amount` > 0' }] });
  assert.equal(hits('naming-snake-case', [columnCheck], 'mysql'), ['public.cc.Amount']);
  const long = `${'x'.repeat(62)}_Amt`;
  const longCheck = table('lc', ['id', `${long} int`], { checks: [{ name: long, column: long, expression: 'true' }] });
  assert.equal(hits('naming-length-limit', [longCheck], 'mysql'), [`public.lc.${long}`]);
  // each finding's hint is its own name in snake_case, where it has one
  const named = table('HTTPServerLog', ['InvoiceLine', 'zip-code', 'Über', '1a']);
  const rule = LINT_RULES.get('naming-snake-case')!;
  const found = findings('naming-snake-case', [named], [named], 'postgres');
  assert.equal(found.map((f) => [f.object, f.hint]).sort(), [
    ['public.HTTPServerLog', 'rename "HTTPServerLog" to http_server_log'],
    ['public.HTTPServerLog.1a', rule.hint],
    ['public.HTTPServerLog.InvoiceLine', 'rename "InvoiceLine" to invoice_line'],
    ['public.HTTPServerLog.zip-code', 'rename "zip-code" to zip_code'],
    ['public.HTTPServerLog.Über', rule.hint],
  ]);
  // no suggestion that is a reserved word of the dialect (it would only trade one finding for another)
  const order = table('Order', ['Group', 'Name']);
  const mysql = findings('naming-snake-case', [order], [order], 'mysql');
  assert.equal(mysql.map((f) => [f.object, f.hint]).sort(), [
    ['public.Order', rule.hint],
    ['public.Order.Group', rule.hint],
    ['public.Order.Name', 'rename "Name" to name'],
  ]);
});

test('naming rules judge the columns of views and materialized views, as people type them in queries too', () => {
  const columns = (...names: string[]) => names.map((name) => ({ name, type: 'integer' }));
  const view: SchemaObject = { kind: 'view', schema: 'public', name: 'User', definition: 'SELECT 1', columns: columns('order', 'Data', 'id') };
  const matview: SchemaObject = { kind: 'materialized_view', schema: 'public', name: 'mv', definition: 'SELECT 1', columns: columns('Value') };
  const unlisted: SchemaObject = { kind: 'view', schema: 'public', name: 'v', definition: 'SELECT 1' }; // columns not recorded
  const objects = [view, matview, unlisted];
  assert.equal(hits('naming-snake-case', objects), ['public.User', 'public.User.Data', 'public.mv.Value']);
  assert.equal(hits('naming-reserved-word', objects), ['public.User', 'public.User.order']);
  assert.equal(hits('naming-ambiguous', objects), ['public.User.Data', 'public.mv.Value']);
  assert.equal(hits('naming-length', objects, 'postgres', { max: 4 }), ['public.User.order', 'public.mv.Value']);
});

test('naming-reserved-word and naming-sql-reserved-word follow the dialect', () => {
  const t = table('order', ['user', 'rank', 'year', 'name']);
  assert.equal(hits('naming-reserved-word', [t], 'postgres'), ['public.order', 'public.order.user']);
  assert.equal(hits('naming-reserved-word', [t], 'mysql'), ['public.order', 'public.order.rank']);
  assert.equal(hits('naming-reserved-word', [t], 'sqlite'), ['public.order']);
  // rank: reserved in MySQL; year: SQL:2016; user: SQL:2016 and PostgreSQL (reported by the other rule there)
  assert.equal(hits('naming-sql-reserved-word', [t], 'postgres'), ['public.order.rank', 'public.order.year']);
  assert.equal(hits('naming-sql-reserved-word', [t], 'sqlite'), ['public.order.rank', 'public.order.user', 'public.order.year']);
  assert.equal(hits('naming-keyword', [t], 'postgres'), ['public.order.name', 'public.order.year']);
});

test("naming-keyword: its rules --explain examples hold in every dialect (the good one's table name too)", () => {
  const fromExample = (sql: string) => {
    const [, name, columns] = /^CREATE TABLE (\w+) \((.*)\);$/.exec(sql)!;
    return table(name!, columns!.split(', '));
  };
  const { bad, good } = LINT_RULES.get('naming-keyword')!.examples;
  assert.equal(hits('naming-keyword', [fromExample(bad)], 'postgres'), ['public.article.comment', 'public.article.type']);
  for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) assert.equal(hits('naming-keyword', [fromExample(good)], dialect), [], dialect);
});

test('naming-ambiguous and naming-length use the Python defaults and options', () => {
  const t = table('data', ['Value', 'details_json', 'a_name_that_is_thirty_one_chars']);
  assert.equal(hits('naming-ambiguous', [t]), ['public.data', 'public.data.Value']);
  assert.equal(hits('naming-ambiguous', [t], 'postgres', { names: ['details_json'] }), ['public.data.details_json']);
  assert.equal(hits('naming-length', [t]), ['public.data.a_name_that_is_thirty_one_chars']);
  assert.equal(hits('naming-length', [t], 'postgres', { max: 4 }), ['public.data.Value', 'public.data.a_name_that_is_thirty_one_chars', 'public.data.details_json']);
});

test('naming-length-limit: 63 bytes in PostgreSQL (probably truncated), 64 characters in MySQL, none in SQLite', () => {
  const at63 = 'x'.repeat(63);
  const multibyte = 'é'.repeat(32); // 64 bytes, 32 characters
  const t = table('t', [at63, multibyte, 'y'.repeat(65)]);
  assert.equal(hits('naming-length-limit', [t], 'postgres'), [`public.t.${at63}`, `public.t.${'y'.repeat(65)}`, `public.t.${multibyte}`]);
  assert.equal(hits('naming-length-limit', [t], 'mysql'), [`public.t.${'y'.repeat(65)}`]);
  assert.equal(hits('naming-length-limit', [t], 'sqlite'), []);
  // PostgreSQL cuts at a character's boundary: 40 é become 31, 62 bytes, which one more é would pass
  const cut = 'é'.repeat(31);
  const short = table('u', [cut, `${'é'.repeat(30)}x`, 'x'.repeat(62)]);
  assert.equal(hits('naming-length-limit', [short], 'postgres'), [`public.u.${cut}`]);
});

test('naming-generic-type: the Python test (lower case, without (…))', () => {
  const t = table('t', ['a INTEGER', 'b VARCHAR(20)', 'c text', 'd numeric(10,2)', 'e DATETIME']);
  assert.equal(hits('naming-generic-type', [t], 'sqlite'), ['public.t.a', 'public.t.c', 'public.t.e']);
  // SQLite's rowid alias is spelled INTEGER PRIMARY KEY or it is none: no other type to offer
  const rowid = table('r', ['id INTEGER', 'n integer'], { primary_key: { columns: ['id'] } });
  const withoutRowid = table('w', ['id INTEGER'], { primary_key: { columns: ['id'] }, options: { without_rowid: true } });
  const composite = table('c', ['a INTEGER', 'b INTEGER'], { primary_key: { columns: ['a', 'b'] } });
  assert.equal(hits('naming-generic-type', [rowid, withoutRowid, composite], 'sqlite'), ['public.c.a', 'public.c.b', 'public.r.n', 'public.w.id']);
  assert.equal(hits('naming-generic-type', [rowid], 'postgres'), ['public.r.id', 'public.r.n']);
  // INTEGER PRIMARY KEY DESC is SQLite's quirk: the key has an index of its own (key parts) and the column is no rowid
  const descending = table('d', ['id INTEGER'], { primary_key: { columns: ['id'], options: { key_parts: 'id DESC' } } });
  assert.equal(hits('naming-generic-type', [descending], 'sqlite'), ['public.d.id']);
});

test('structure-no-primary-key, -no-columns, -too-many-columns', () => {
  const keyed = table('a', ['id'], { primary_key: { columns: ['id'] } });
  const partition = table('p1', ['id'], { partition_of: { schema: 'public', table: 'p', bound: 'DEFAULT' } });
  // judged through its parent, which lacks the key (a key added there is the partition's too) …
  assert.equal(hits('structure-no-primary-key', [keyed, table('b', ['id']), table('p', ['id'], { partitioning: { strategy: 'list', key: 'id' } }), partition]), ['public.b', 'public.p']);
  // … and whole where the snapshot does not hold the parent (its schema left out), as verify judges it
  assert.equal(hits('structure-no-primary-key', [keyed, partition]), ['public.p1']);
  assert.equal(hits('structure-no-columns', [table('empty', []), keyed]), ['public.empty']);
  const wide = table('wide', Array.from({ length: 101 }, (_, i) => `c${i}`));
  assert.equal(hits('structure-too-many-columns', [wide, keyed]), ['public.wide']);
  assert.equal(hits('structure-too-many-columns', [wide], 'postgres', { max: 200 }), []);
});

test('structure-fk-not-indexed: leading columns of an index, the primary key or a unique key cover a foreign key', () => {
  const ref = { schema: 'public', table: 'r', columns: ['id', 'k'] };
  const t = table('t', ['a', 'b', 'c', 'd', 'e'], {
    primary_key: { columns: ['a', 'b'] },
    unique_constraints: [{ name: 't_c_key', columns: ['c', 'x'] }],
    indexes: [
      { name: 't_d_e', columns: ['e', 'd'], unique: false },
      { name: 't_partial', columns: ['b'], unique: false, where: '(b > 0)' },
    ],
    foreign_keys: [
      { name: 'by_pk', columns: ['b', 'a'], references: ref },
      { name: 'by_unique', columns: ['c'], references: ref },
      { name: 'by_index', columns: ['d', 'e'], references: ref },
      { name: 'not_leading', columns: ['b'], references: ref },
      { columns: ['e', 'c'], references: ref },
    ],
  });
  assert.equal(hits('structure-fk-not-indexed', [t]), ['public.t.foreign_key(e, c)', 'public.t.not_leading']);
  // a partial index that only leaves out NULL keys serves every lookup by the key (openstreetmap's
  // notes: (user_id, created_at) WHERE user_id IS NOT NULL); one that leaves out anything else does not
  const partial = (where: string, columns = ['u']) =>
    hits('structure-fk-not-indexed', [table('n', ['id', 'u', 'v', 'w'], { indexes: [{ name: 'n_idx', columns: [...columns, 'w'], unique: false, where }], foreign_keys: [{ name: 'fk', columns, references: ref }] })]);
  assert.equal(partial('(u IS NOT NULL)'), []);
  assert.equal(partial('((u IS NOT NULL) AND (v IS NOT NULL))', ['v', 'u']), []);
  assert.equal(partial('u is not null', ['u', 'v']), []);
  assert.equal(partial('(w IS NOT NULL)'), ['public.n.fk']);
  assert.equal(partial('((u IS NOT NULL) AND (w > 0))'), ['public.n.fk']);
  assert.equal(partial('((u IS NOT NULL) OR (w > 0))'), ['public.n.fk']);
  assert.equal(partial('(u IS NULL)'), ['public.n.fk']);  // the hint is the index to create, its names written as each dialect needs them
  const odd = table('Order', ['id', 'User Id', 'group'], { foreign_keys: [{ name: 'fk', columns: ['User Id', 'group'], references: ref }] }, 'Sales');
  const hint = (dialect: Dialect) => findings('structure-fk-not-indexed', [odd], [odd], dialect)[0]!.hint;
  assert.is(hint('postgres'), 'create an index on the foreign key columns: CREATE INDEX "Order_User Id_group_idx" ON "Sales"."Order" ("User Id", "group");');
  assert.is(hint('mysql'), 'create an index on the foreign key columns: CREATE INDEX `Order_User Id_group_idx` ON `Order` (`User Id`, `group`);');
  assert.is(hint('sqlite'), 'create an index on the foreign key columns: CREATE INDEX "Order_User Id_group_idx" ON "Order" ("User Id", "group");');
  // the name is free where the dialect needs it to be: MySQL's index names are the table's, the others' the schema's
  const child = table('child', ['id', 'a', 'b'], { indexes: [{ name: 'child_a_idx', columns: ['a'], unique: false, method: 'FULLTEXT' }], foreign_keys: [{ name: 'fa', columns: ['a'], references: ref }, { name: 'fb', columns: ['b'], references: ref }] });
  const other = table('other', ['id'], { indexes: [{ name: 'child_b_idx', columns: ['id'], unique: false }] });
  const names = (dialect: Dialect) => findings('structure-fk-not-indexed', [child], [child, other], dialect).map((f) => /CREATE INDEX (\S+)/.exec(f.hint)![1]);
  assert.equal(names('mysql'), ['child_a_idx1', 'child_b_idx']);
  assert.equal(names('postgres'), ['child_a_idx1', 'child_b_idx1']);
  // two tables' hints never propose one name where index names are the schema's (a_b.c and a.b_c)
  const ab = table('a_b', ['id', 'c'], { foreign_keys: [{ name: 'f1', columns: ['c'], references: ref }] });
  const a = table('a', ['id', 'b_c'], { foreign_keys: [{ name: 'f2', columns: ['b_c'], references: ref }] });
  const proposed = (dialect: Dialect) => findings('structure-fk-not-indexed', [a, ab], [a, ab], dialect).map((f) => /CREATE INDEX (\S+) ON (\S+)/.exec(f.hint)!.slice(1).join(' '));
  assert.equal(proposed('postgres'), ['a_b_c_idx public.a', 'a_b_c_idx1 public.a_b']);
  assert.equal(proposed('mysql'), ['a_b_c_idx a', 'a_b_c_idx a_b']);
});

test("partitions and inheritance children: the columns and checks they take from their parent are judged on the parent, once; their own on them", () => {
  const parentChecks = { checks: [{ name: 'PositiveId', expression: '(id > 0)' }] };
  const parent = table('events', ['id', 'Kind text'], parentChecks);
  const partition = table('events_2024', ['id', 'Kind text'], { ...parentChecks, partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' } });
  const child = table('special_events', ['id', 'Kind text', 'ExtraNote text'], { ...parentChecks, inherits: [{ schema: 'public', table: 'events' }] });
  // a partition whose parent the snapshot does not hold (left out by --exclude) is judged whole
  const orphan = table('archive_2020', ['id', 'Kind text'], { partition_of: { schema: 'public', table: 'archive', bound: 'DEFAULT' } });
  assert.equal(hits('naming-snake-case', [parent, partition, child, orphan]), [
    'public.archive_2020.Kind',
    'public.events.Kind',
    'public.events.PositiveId',
    'public.special_events.ExtraNote',
  ]);
});

test("structure-fk-not-indexed on partitions: a key cloned from the parent is judged there, once; a partition's own key on it", () => {
  const ref = { schema: 'public', table: 'rental', columns: ['id'] };
  const parent = table('payment', ['id', 'rental_id', 'staff_id'], { foreign_keys: [{ name: 'payment_rental_id_fkey', columns: ['rental_id'], references: ref }] });
  const partition = (name: string) =>
    table(name, ['id', 'rental_id', 'staff_id'], {
      partition_of: { schema: 'public', table: 'payment', bound: "FOR VALUES IN ('x')" },
      foreign_keys: [
        { name: `${name}_rental_id_fkey`, columns: ['rental_id'], references: ref },
        { name: `${name}_staff_id_fkey`, columns: ['staff_id'], references: { schema: 'public', table: 'staff', columns: ['id'] } },
      ],
    });
  assert.equal(hits('structure-fk-not-indexed', [parent, partition('payment_p1'), partition('payment_p2')]), [
    'public.payment.payment_rental_id_fkey',
    'public.payment_p1.payment_p1_staff_id_fkey',
    'public.payment_p2.payment_p2_staff_id_fkey',
  ]);
});

test('structure-fk-not-indexed: a partitioned table whose every partition (down to the leaves) indexes the key is covered', () => {
  const ref = { schema: 'public', table: 'rental', columns: ['id'] };
  const byList = { strategy: 'list', key: 'kind' };
  const parent = table('payment', ['id', 'rental_id', 'kind'], { partitioning: byList, foreign_keys: [{ name: 'payment_rental_id_fkey', columns: ['rental_id'], references: ref }] });
  const partition = (name: string, of: string, indexed: boolean, extra = {}) =>
    table(name, ['id', 'rental_id', 'kind'], {
      partition_of: { schema: 'public', table: of, bound: "FOR VALUES IN ('x')" },
      foreign_keys: [{ name: 'payment_rental_id_fkey', columns: ['rental_id'], references: ref }],
      ...(indexed ? { indexes: [{ name: `${name}_rental_id_idx`, columns: ['rental_id'], unique: false, method: 'btree' }] } : {}),
      ...extra,
    });
  // p2 is partitioned again: its own partitions carry the index
  const p2 = partition('payment_p2', 'payment', false, { partitioning: byList });
  const covered = [parent, partition('payment_p1', 'payment', true), p2, partition('payment_p2a', 'payment_p2', true)];
  assert.equal(hits('structure-fk-not-indexed', covered), []);
  // one leaf without it: the parent's key is reported
  assert.equal(hits('structure-fk-not-indexed', [...covered, partition('payment_p2b', 'payment_p2', false)]), ['public.payment.payment_rental_id_fkey']);
  // no partition at all: nothing covers it
  assert.equal(hits('structure-fk-not-indexed', [parent]), ['public.payment.payment_rental_id_fkey']);
  // nor does the parent's index made ON ONLY it, INVALID while a partition's is missing
  const onOnly = { ...parent, indexes: [{ name: 'payment_rental_id_idx', columns: ['rental_id'], unique: false, method: 'btree', options: { invalid: true } }] };
  const attaching = [onOnly, partition('payment_p1', 'payment', true), partition('payment_p3', 'payment', false)];
  const waiting = findings('structure-fk-not-indexed', attaching, attaching, 'postgres');
  assert.equal(waiting.map((f) => [f.object, f.hint]), [
    ['public.payment.payment_rental_id_fkey', "index payment_rental_id_idx covers it once every partition's index is attached to it: create the partitions' missing ones, then ALTER INDEX public.payment_rental_id_idx ATTACH PARTITION each"],
  ]);
});

test("partitions: the keys and indexes cloned from the parent are judged on the parent, once; a partition's own twin of a clone on it", () => {
  const ref = { schema: 'public', table: 'kinds', columns: ['id'] };
  const index = (name: string, columns: string[], unique = false) => ({ name, columns, unique, method: 'btree' });
  const parent = table('events', ['id', 'kind text null', 'email text null'], {
    foreign_keys: [{ name: 'Events_kind_fkey', columns: ['kind'], references: ref }],
    indexes: [index('Events_Kind', ['kind']), index('events_kind_id', ['kind', 'id']), index('events_email_uq', ['email'], true)],
  });
  const partition = (name: string, own: ReturnType<typeof index>[] = []) =>
    table(name, ['id', 'kind text null', 'email text null'], {
      partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' },
      // PostgreSQL clones the foreign key under the parent's name, the indexes under made-up ones
      foreign_keys: [{ name: 'Events_kind_fkey', columns: ['kind'], references: ref }],
      indexes: [...own, index(`${name}_email_idx`, ['email'], true), index(`${name}_kind_id_idx`, ['kind', 'id']), index(`${name}_kind_idx`, ['kind'])],
    });
  // p2 has an index of its own identical to a clone (listed before it): that one is the duplicate
  const objects = [parent, partition('events_p1'), partition('events_p2', [index('aa_own_kind', ['kind'])])];
  assert.equal(hits('naming-snake-case', objects), ['public.events.Events_Kind', 'public.events.Events_kind_fkey']);
  assert.equal(hits('structure-redundant-index', objects), ['public.events.Events_Kind']);
  assert.equal(hits('structure-nullable-unique', objects), ['public.events.events_email_uq']);
  assert.equal(hits('structure-duplicate-index', objects), ['public.events_p2.aa_own_kind']);
  // the clone attached under a name of one's own (built CONCURRENTLY, then attached): the snapshot's
  // `unattached` mark tells which of the twins is the partition's own, whatever the names say
  const attachedByHand = table('events_p3', ['id', 'kind text null', 'email text null'], {
    partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' },
    indexes: [index('a_kind', ['kind']), { ...index('events_p3_kind_idx', ['kind']), options: { unattached: true } }, index('p3_kind_id', ['kind', 'id']), index('p3_email', ['email'], true)],
  });
  assert.equal(hits('structure-duplicate-index', [parent, attachedByHand]), ['public.events_p3.events_p3_kind_idx']);
  // a partition's own unique constraint beside the parent's clone, whichever sorts first
  const keyed = (name: string, own: string) =>
    table(name, ['id', 'kind text null'], {
      partition_of: { schema: 'public', table: 'keyed', bound: 'DEFAULT' },
      unique_constraints: [own, `${name}_kind_id_key`].sort().map((n) => ({ name: n, columns: ['kind', 'id'] })),
    });
  const keyedParent = table('keyed', ['id', 'kind text null'], { partitioning: { strategy: 'list', key: 'kind' }, unique_constraints: [{ name: 'keyed_kind_id_key', columns: ['kind', 'id'] }] });
  assert.equal(hits('structure-duplicate-index', [keyedParent, keyed('keyed_a', 'aa_uq'), keyed('keyed_b', 'zz_uq')]), ['public.keyed_a.aa_uq', 'public.keyed_b.zz_uq']);
  // a partition whose parent the snapshot does not hold is judged whole
  assert.equal(hits('structure-redundant-index', [partition('events_p1')]), ['public.events_p1.events_p1_kind_idx']);
});

test('structure-fk-type-mismatch: compares per dialect, across tables and schemas', () => {
  const store = table('store', ['id integer'], { primary_key: { columns: ['id'] } });
  const staff = table('staff', ['id integer', 'store_id smallint', 'boss integer'], {
    foreign_keys: [
      { columns: ['store_id'], references: { schema: 'public', table: 'store', columns: ['id'] } },
      { columns: ['boss'], references: { schema: 'public', table: 'staff', columns: ['id'] } },
      { columns: ['id'], references: { schema: 'other', table: 'missing', columns: ['id'] } },
    ],
  });
  assert.equal(hits('structure-fk-type-mismatch', [store, staff]), ['public.staff.store_id']);
  const mysql = [table('p', ['id int(11)']), table('c', ['p_id int', 'q_id int unsigned'], { foreign_keys: [{ columns: ['p_id', 'q_id'], references: { schema: 'public', table: 'p', columns: ['id', 'id'] } }] })];
  assert.equal(hits('structure-fk-type-mismatch', mysql, 'mysql'), ['public.c.q_id']);
  // ZEROFILL is display padding, like the width; the integer's size is not
  const zerofill = [table('p', ['id int(11) unsigned']), table('c', ['a int(10) unsigned zerofill', 'b bigint(20) unsigned zerofill'], { foreign_keys: [{ columns: ['a', 'b'], references: { schema: 'public', table: 'p', columns: ['id', 'id'] } }] })];
  assert.equal(hits('structure-fk-type-mismatch', zerofill, 'mysql'), ['public.c.b']);
  // SQLite stores and compares by affinity: INT/INTEGER/BIGINT and VARCHAR(20)/TEXT agree; NUMERIC, TEXT or BLOB against INTEGER do not.
  const parent = table('p', ['id INTEGER', 'code TEXT']);
  const child = table('c', ['a INT', 'b BIGINT', 'c VARCHAR(20)', 'd NUMERIC', 'e TEXT', 'f BLOB'], {
    foreign_keys: ['a', 'b', 'd', 'e', 'f'].map((name) => ({ columns: [name], references: { schema: 'public', table: 'p', columns: ['id'] } })).concat({ columns: ['c'], references: { schema: 'public', table: 'p', columns: ['code'] } }),
  });
  assert.equal(hits('structure-fk-type-mismatch', [parent, child], 'sqlite'), ['public.c.d', 'public.c.e', 'public.c.f']);
  // a SQLite column may declare no type at all: the message says so
  const untyped = table('u', ['n'], { foreign_keys: [{ columns: ['n'], references: { schema: 'public', table: 'p', columns: ['id'] } }] });
  untyped.columns[0]!.type = '';
  const [finding] = findings('structure-fk-type-mismatch', [untyped], [parent, untyped], 'sqlite');
  assert.is(finding?.message, 'column "n" is of no declared type but references p.id, which is INTEGER');
});

test("structure-fk-type-mismatch: a key a partition or inheritance child declares itself is judged on it, on a column it takes from its parent", () => {
  const refb = table('refb', ['id bigint'], { primary_key: { columns: ['id'] } });
  const parent = table('ihp', ['id', 'r'], { primary_key: { columns: ['id'] } });
  const child = table('ihc', ['id', 'r', 'x'], { inherits: [{ schema: 'public', table: 'ihp' }], foreign_keys: [{ name: 'ihc_r_fkey', columns: ['r'], references: { schema: 'public', table: 'refb', columns: ['id'] } }] });
  assert.equal(hits('structure-fk-type-mismatch', [refb, parent, child]), ['public.ihc.r']);
});

test('structure-fk-type-mismatch: MySQL text keys compare by collation, their own or their table\'s', () => {
  const parent = { ...table('p', ['code varchar(20)'], { primary_key: { columns: ['code'] } }, 'shop'), options: { charset: 'latin1', collation: 'latin1_swedish_ci' } };
  const child = (extra: object) => ({
    ...table('c', ['id int', 'code varchar(20)'], { foreign_keys: [{ name: 'c_ibfk_1', columns: ['code'], references: { schema: 'shop', table: 'p', columns: ['code'] } }] }, 'shop'),
    ...extra,
  });
  const utf8 = { options: { charset: 'utf8mb4', collation: 'utf8mb4_general_ci' } };
  const messages = (objects: SchemaObject[]) => findings('structure-fk-type-mismatch', objects, objects, 'mysql').map((f) => f.message);
  assert.equal(messages([parent, child(utf8)]), ['column "code" is varchar(20) in collation utf8mb4_general_ci but references p.code, which is in latin1_swedish_ci']);
  assert.equal(messages([parent, child({ options: { charset: 'latin1', collation: 'latin1_swedish_ci' } })]), []);
  // a column's own collation where it has one
  const own = child(utf8);
  own.columns[1] = { ...own.columns[1]!, charset: 'latin1', collation: 'latin1_swedish_ci' };
  assert.equal(messages([parent, own]), []);
});

test('structure-fk-type-mismatch: a domain is compared by its base type', () => {
  const domain = (name: string, base: string): SchemaObject => ({ kind: 'type', schema: 'public', name, type: 'domain', base_type: base });
  const parent = table('parent', ['id d_int', 'small d_small']);
  const child = table('child', ['p integer', 'q d_int', 'r integer'], {
    foreign_keys: [
      { columns: ['p'], references: { schema: 'public', table: 'parent', columns: ['id'] } },
      { columns: ['q'], references: { schema: 'public', table: 'parent', columns: ['id'] } },
      { columns: ['r'], references: { schema: 'public', table: 'parent', columns: ['small'] } },
    ],
  });
  const objects = [domain('d_int', 'integer'), domain('d_small', 'smallint'), parent, child];
  assert.equal(hits('structure-fk-type-mismatch', objects), ['public.child.r']);
  const rule = LINT_RULES.get('structure-fk-type-mismatch')!;
  const settings = LintSettings.parse({}, undefined, LINT_RULES);
  const [finding] = runLintRules({ dialect: 'postgres', objects, model: new ModelIndex(objects, 'postgres') }, [rule], settings);
  assert.is(finding!.message, 'column "r" is integer but references parent.small, which is d_small (a domain over smallint)');
});

test('structure-fk-not-indexed and structure-fk-type-mismatch name the referenced table with its schema when it is another', () => {
  const local = table('parent', ['id integer']);
  const other = table('parent', ['id bigint'], {}, 'other');
  const child = table('child', ['a integer', 'b integer'], {
    foreign_keys: [
      { name: 'child_a_fkey', columns: ['a'], references: { schema: 'other', table: 'parent', columns: ['id'] } },
      { name: 'child_b_fkey', columns: ['b'], references: { schema: 'public', table: 'parent', columns: ['id'] } },
    ],
  });
  const objects = [local, other, child];
  const rules = ['structure-fk-not-indexed', 'structure-fk-type-mismatch'].map((id) => LINT_RULES.get(id)!);
  const found = runLintRules({ dialect: 'postgres', objects, model: new ModelIndex(objects, 'postgres') }, rules, LintSettings.parse({}, undefined, LINT_RULES));
  assert.equal(found.map((f) => f.message).sort(), [
    'column "a" is integer but references other.parent.id, which is bigint',
    'foreign key "child_a_fkey" (a) → other.parent(id) has no index on (a)',
    'foreign key "child_b_fkey" (b) → parent(id) has no index on (b)',
  ]);
});

test('structure-duplicate-index and structure-redundant-index', () => {
  const t = table('t', ['a', 'b', 'c'], {
    primary_key: { name: 't_pkey', columns: ['a', 'b'] },
    indexes: [
      { name: 't_pkey', columns: ['a', 'b'], unique: true }, // the key's own index (PostgreSQL lists it)
      { name: 'dup_of_pk', columns: ['a', 'b'], unique: false },
      { name: 'prefix_of_pk', columns: ['a'], unique: false },
      { name: 'c1', columns: ['c'], unique: false },
      { name: 'c2', columns: ['c'], unique: false },
      { name: 'c_unique', columns: ['c', 'b'], unique: true },
      { name: 'c_gin', columns: ['c'], unique: false, method: 'gin' },
      { name: 'a_partial', columns: ['a'], unique: false, where: '(a > 0)' },
      { name: 'desc_b', columns: [{ column: 'b', descending: true }], unique: false },
    ],
  });
  assert.equal(hits('structure-duplicate-index', [t]), ['public.t.c2', 'public.t.dup_of_pk']);
  // c2, a copy of c1, is reported once: as the duplicate
  assert.equal(hits('structure-redundant-index', [t]), ['public.t.c1', 'public.t.prefix_of_pk']);
  // the same key with INCLUDE columns covers the plain one; a partial or other-method one does not
  const covered = table('u', ['a', 'b', 'c'], {
    indexes: [
      { name: 'u_a', columns: ['a'], unique: false },
      { name: 'u_a_inc', columns: ['a'], include: ['b'], unique: false },
      { name: 'u_c', columns: ['c'], unique: false },
      { name: 'u_c_inc_partial', columns: ['c'], include: ['b'], unique: false, where: '(c > 0)' },
    ],
  });
  assert.equal(hits('structure-redundant-index', [covered]), ['public.u.u_a']);
  // a B-tree read backwards serves the same lookups and orders: (b) and (b DESC) are one key, (a) leads
  // (a DESC, b DESC); NULLs placed otherwise than a backward scan puts them, or one key turned alone, is another
  const desc = (column: string, more: object = {}) => ({ column, descending: true, ...more });
  const backwards = table('w', ['a', 'b', 'c', 'd'], {
    indexes: [
      { name: 'w_b', columns: ['b'], unique: false },
      { name: 'w_b_desc', columns: [desc('b')], unique: false },
      { name: 'w_a', columns: ['a'], unique: false },
      { name: 'w_a_b_desc', columns: [desc('a'), desc('b')], unique: false },
      { name: 'w_c_nulls_first', columns: [{ column: 'c', nulls: 'first' }], unique: false },
      { name: 'w_c_desc_nulls_last', columns: [desc('c', { nulls: 'last' })], unique: false },
      { name: 'w_c', columns: ['c'], unique: false },
      { name: 'w_d_a', columns: ['d', 'a'], unique: false },
      { name: 'w_d_desc_a', columns: [desc('d'), 'a'], unique: false },
    ],
  });
  assert.equal(hits('structure-duplicate-index', [backwards]), ['public.w.w_b_desc', 'public.w.w_c_desc_nulls_last']);
  assert.equal(findings('structure-duplicate-index', [backwards], [backwards], 'postgres')[0]!.message, 'index "w_b_desc" has the same key (b DESC) as index "w_b" on (b), read backwards');
  assert.equal(hits('structure-redundant-index', [backwards]), ['public.w.w_a']);
  // a materialized view's indexes too (it has no keys)
  const matview: SchemaObject = {
    kind: 'materialized_view', schema: 'public', name: 'mv', definition: 'SELECT 1',
    indexes: [{ name: 'mv_a', columns: ['a'], unique: false }, { name: 'mv_a2', columns: ['a'], unique: false }, { name: 'mv_b', columns: ['b'], unique: false }, { name: 'mv_b_a', columns: ['b', 'a'], unique: true }],
  };
  assert.equal(hits('structure-duplicate-index', [matview]), ['public.mv.mv_a2']);
  assert.equal(hits('structure-redundant-index', [matview]), ['public.mv.mv_b']);
  // An INVALID index or key serves no lookup: nothing is redundant beside it, and beside a valid twin
  // it is the duplicate (a partitioned table's added ON ONLY it, its partitions' not all attached yet;
  // a failed CREATE INDEX CONCURRENTLY).
  const invalid = { options: { invalid: true } };
  const pending = table('p', ['a', 'b', 'c'], {
    primary_key: { name: 'p_pkey', columns: ['a', 'b'], ...invalid },
    indexes: [
      { name: 'p_a', columns: ['a'], unique: false },
      { name: 'p_c_b', columns: ['c', 'b'], unique: false, ...invalid },
      { name: 'p_c', columns: ['c'], unique: false },
      { name: 'a_ccnew', columns: ['a'], unique: false, ...invalid },
    ],
    partitioning: { strategy: 'list', key: 'a' },
  });
  assert.equal(hits('structure-redundant-index', [pending]), []);
  assert.equal(hits('structure-duplicate-index', [pending]), ['public.p.a_ccnew']);
  assert.equal(hits('structure-duplicate-index', [covered]), []);
  // a unique constraint on the primary key's columns, or a second one on the same columns (PostgreSQL
  // builds one more index for ALTER TABLE … ADD UNIQUE (id)); NULLS NOT DISTINCT makes another key
  // over a nullable column, and none over a NOT NULL one (the primary key's included)
  const keys = table('k', ['id', 'a', 'b text null', 'c'], {
    primary_key: { name: 'k_pkey', columns: ['id'] },
    unique_constraints: [
      { name: 'k_id_key', columns: ['id'] },
      { name: 'k_a_key', columns: ['a'] },
      { name: 'k_a_key1', columns: ['a'] },
      { name: 'k_b_key', columns: ['b'] },
      { name: 'k_b_nnd', columns: ['b'], nulls_not_distinct: true },
      { name: 'k_c_key', columns: ['c'] },
      { name: 'k_c_nnd', columns: ['c'], nulls_not_distinct: true },
      { name: 'k_id_nnd', columns: ['id'], nulls_not_distinct: true },
    ],
  });
  assert.equal(hits('structure-duplicate-index', [keys]), ['public.k.k_a_key1', 'public.k.k_c_nnd', 'public.k.k_id_key', 'public.k.k_id_nnd']);
  // an unnamed key (SQLite) is named by its key once, not twice
  const sqlite = table('s', ['a', 'b'], { unique_constraints: [{ columns: ['a', 'b'] }], indexes: [{ name: 's_a', columns: ['a'], unique: false }, { name: 's_ab', columns: ['a', 'b'], unique: false }] });
  const messages = (ruleId: string) =>
    runLintRules({ dialect: 'sqlite', objects: [sqlite], model: new ModelIndex([sqlite], 'sqlite') }, [LINT_RULES.get(ruleId)!], LintSettings.parse({}, undefined, LINT_RULES)).map((f) => f.message);
  assert.equal(messages('structure-duplicate-index'), ['index "s_ab" has the same key (a, b) as the unnamed unique constraint']);
  assert.equal(messages('structure-redundant-index'), ['index "s_a" on (a) is a leading part of the unnamed unique constraint on (a, b)']);
});

test('structure-fk-not-indexed: an index whose key compares by another collation than the column does not cover the key', () => {
  const parent = table('tp', ['code text'], { primary_key: { columns: ['code'] } });
  const child = (key: Index['columns'][number]) =>
    table('c', ['id', 'code text'], { foreign_keys: [{ name: 'c_code_fkey', columns: ['code'], references: { schema: 'public', table: 'tp', columns: ['code'] } }], indexes: [{ name: 'c_code', columns: [key], unique: false }] });
  assert.equal(hits('structure-fk-not-indexed', [parent, child({ column: 'code', collation: '"C"' })]), ['public.c.c_code_fkey']);
  assert.equal(hits('structure-fk-not-indexed', [parent, child({ column: 'code', collation: 'NOCASE' })], 'sqlite'), ['public.c.c_code_fkey']);
  assert.equal(hits('structure-fk-not-indexed', [parent, child('code')]), []);
  assert.equal(hits('structure-fk-not-indexed', [parent, child({ column: 'code', descending: true })]), []);
});

test('SQLite compares a quoted name in a partial index\'s predicate ignoring case, as it does every name; PostgreSQL does not', () => {
  const parent = table('parent', ['id integer'], { primary_key: { columns: ['id'] } });
  const t = table('t', ['id integer', 'Email text null', 'pid int null'], {
    foreign_keys: [{ name: 't_pid_fkey', columns: ['pid'], references: { schema: 'public', table: 'parent', columns: ['id'] } }],
    indexes: [
      { name: 't_email', columns: ['Email'], unique: true, where: '"EMAIL" IS NOT NULL' },
      { name: 't_pid', columns: ['pid'], unique: false, where: '"PID" IS NOT NULL' },
    ],
  });
  assert.equal(hits('structure-fk-not-indexed', [parent, t], 'sqlite'), []);
  assert.equal(hits('structure-nullable-unique', [parent, t], 'sqlite'), []);
  assert.equal(hits('structure-fk-not-indexed', [parent, t], 'postgres'), ['public.t.t_pid_fkey']);
  assert.equal(hits('structure-nullable-unique', [parent, t], 'postgres'), ['public.t.t_email']);
});

test('index rules: an index hidden from the optimizer serves no lookup, a hash key no range, a longer key only an INCLUDE it holds', () => {
  // MariaDB IGNORED, MySQL INVISIBLE: nothing is redundant beside it, and beside a visible twin it is the duplicate
  const hidden = { options: { invisible: true } };
  const ignored = table('t', ['id', 'a', 'b'], {
    primary_key: { name: 'PRIMARY', columns: ['id'] },
    indexes: [
      { name: 't_a', columns: ['a'], unique: false },
      { name: 't_ab', columns: ['a', 'b'], unique: false, ...hidden },
      { name: 't_b', columns: ['b'], unique: false, ...hidden },
      { name: 't_b2', columns: ['b'], unique: false },
    ],
  });
  assert.equal(hits('structure-redundant-index', [ignored], 'mysql'), []);
  assert.equal(hits('structure-duplicate-index', [ignored], 'mysql'), ['public.t.t_b']);
  // a hidden unique index still enforces its key: its visible plain twin is the copy, dropped once the unique one is visible
  const hiddenUnique = table('u', ['id', 'a'], { indexes: [{ name: 'uq_a', columns: ['a'], unique: true, ...hidden }, { name: 'ix_a', columns: ['a'], unique: false }] });
  const [copy] = findings('structure-duplicate-index', [hiddenUnique], [hiddenUnique], 'mysql');
  assert.equal([copy!.object, copy!.hint], ['public.u.ix_a', 'make index "uq_a" visible to the optimizer first (MariaDB: ALTER INDEX … NOT IGNORED; MySQL: ALTER INDEX … VISIBLE), then drop this duplicate']);
  // a MEMORY table's HASH primary key answers no range: a B-tree index on its column is no copy
  const memory = table('m', ['id', 'a'], { primary_key: { name: 'PRIMARY', columns: ['id'], options: { method: 'hash' } }, indexes: [{ name: 'm_id', columns: ['id'], unique: false, method: 'btree' }] });
  assert.equal(hits('structure-duplicate-index', [memory], 'mysql'), []);
  // an index with INCLUDE columns is redundant beside a longer key only where that key holds them
  const included = table('i', ['id', 'a', 'b', 'c'], {
    indexes: [
      { name: 'i_a_inc_c', columns: ['a'], include: ['c'], unique: false },
      { name: 'i_ab', columns: ['a', 'b'], unique: false },
      { name: 'i_b_inc_c', columns: ['b'], include: ['c'], unique: false },
      { name: 'i_bc', columns: ['b', 'c'], unique: false },
    ],
  });
  assert.equal(hits('structure-redundant-index', [included]), ['public.i.i_b_inc_c']);
});

test('structure-nullable-primary-key: a key column that accepts NULL (SQLite rowid tables)', () => {
  const open = table('country', ['code text null', 'name text null'], { primary_key: { columns: ['code'] } });
  const named = table('pair', ['a text null', 'b text'], { primary_key: { name: 'pair_pk', columns: ['a', 'b'] } });
  const closed = table('city', ['id', 'name text null'], { primary_key: { columns: ['id'] } });
  assert.equal(hits('structure-nullable-primary-key', [open, named, closed, table('bare', ['x text null'])], 'sqlite'), ['public.country.primary_key', 'public.pair.pair_pk']);
  const messages = runLintRules({ dialect: 'sqlite', objects: [open, named], model: new ModelIndex([open, named], 'sqlite') }, [LINT_RULES.get('structure-nullable-primary-key')!], LintSettings.parse({}, undefined, LINT_RULES)).map((f) => f.message);
  assert.equal(messages, ['primary key (code) accepts NULL in column code', 'primary key "pair_pk" accepts NULL in column a']);
});

test('structure-fk-not-enforced: a foreign key whose triggers are off (PostgreSQL DISABLE TRIGGER ALL)', () => {
  const fk = (name: string, triggers?: string) => ({ name, columns: ['c'], references: { schema: 'public', table: 'customer', columns: ['id'] }, ...(triggers ? { triggers } : {}) });
  const t = table('rental', ['id', 'c'], { foreign_keys: [fk('on'), fk('off', 'disabled'), fk('replica', 'replica'), fk('always', 'always')] });
  assert.equal(hits('structure-fk-not-enforced', [t]), ['public.rental.off', 'public.rental.replica']);
  const messages = runLintRules({ dialect: 'postgres', objects: [t], model: new ModelIndex([t], 'postgres') }, [LINT_RULES.get('structure-fk-not-enforced')!], LintSettings.parse({}, undefined, LINT_RULES)).map((f) => f.message);
  assert.equal(messages, ['foreign key "off" (c) → customer(id) is not enforced: its triggers are disabled', 'foreign key "replica" (c) → customer(id) is not enforced: its triggers fire on replicas only']);
  // A partitioned table's key: off on the parent (DISABLE TRIGGER ALL recurses) it is reported there,
  // once; off on one partition alone, on that partition, which is where it is turned back on.
  const partitioned = (triggers?: string) => table('pay', ['id', 'c'], { foreign_keys: [fk('pay_c_fkey', triggers)], partitioning: { strategy: 'list', key: 'id' } });
  const partition = (name: string, triggers?: string) => table(name, ['id', 'c'], { foreign_keys: [fk('pay_c_fkey', triggers)], partition_of: { schema: 'public', table: 'pay', bound: 'DEFAULT' } });
  assert.equal(hits('structure-fk-not-enforced', [partitioned('disabled'), partition('pay_1', 'disabled'), partition('pay_2', 'disabled')]), ['public.pay.pay_c_fkey']);
  assert.equal(hits('structure-fk-not-enforced', [partitioned(), partition('pay_1', 'disabled'), partition('pay_2')]), ['public.pay_1.pay_c_fkey']);
});

test('structure-nullable-unique: unique keys and indexes over nullable columns', () => {
  const t = table('t', ['id', 'email text null', 'code text null', 'sku text'], {
    unique_constraints: [{ name: 't_email_key', columns: ['email'] }, { name: 't_code_key', columns: ['code'], nulls_not_distinct: true }],
    indexes: [{ name: 't_sku', columns: ['sku', 'email'], unique: true }],
  });
  assert.equal(hits('structure-nullable-unique', [t]), ['public.t.t_email_key', 'public.t.t_sku']);
  // a partial index whose predicate admits no NULL in the column has no hole (an OR may: read as open)
  const partial = table('p', ['id', 'a text null', 'b text null', 'Mixed text null'], {
    indexes: [
      { name: 'p_a', columns: ['a'], unique: true, where: '((flag = true) AND (a IS NOT NULL))' },
      { name: 'p_ab', columns: ['a', 'b'], unique: true, where: 'a is not null' },
      { name: 'p_b_or', columns: ['b'], unique: true, where: '((b IS NOT NULL) OR (id > 0))' },
      { name: 'p_mixed', columns: ['Mixed'], unique: true, where: '("Mixed" IS NOT NULL)' },
      { name: 'p_other', columns: ['b'], unique: true, where: '(a IS NOT NULL)' },
      // under a NOT the term says the opposite: b may be NULL wherever a is
      { name: 'p_b_not', columns: ['b'], unique: true, where: '(NOT ((a IS NULL) AND (b IS NOT NULL)))' },
      { name: 'p_b_live', columns: ['b'], unique: true, where: "((NOT deleted) AND (note <> 'x AND y') AND (b IS NOT NULL))" },
    ],
  });
  assert.equal(hits('structure-nullable-unique', [partial]), ['public.p.p_ab', 'public.p.p_b_not', 'public.p.p_b_or', 'public.p.p_other']);
  // NULLS NOT DISTINCT is offered where it exists: PostgreSQL
  const hint = (dialect: Dialect) =>
    runLintRules({ dialect, objects: [t], model: new ModelIndex([t], dialect) }, [LINT_RULES.get('structure-nullable-unique')!], LintSettings.parse({}, undefined, LINT_RULES))[0]!.hint;
  assert.match(hint('postgres'), 'NULLS NOT DISTINCT');
  for (const dialect of ['mysql', 'sqlite'] as const) assert.not.match(hint(dialect), 'NULLS NOT DISTINCT');
});

test('index keys read as DDL in messages: expressions and prefixes, never as JSON', () => {
  const t = table('x', ['id', 'c text', 'd'], {
    indexes: [
      { name: 'x_lc', columns: [{ expression: 'lower(c)' }], unique: false },
      { name: 'x_lc_d', columns: [{ expression: 'lower(c)' }, 'd'], unique: false },
      { name: 'x_c10', columns: [{ column: 'c', length: 10 }], unique: false },
      { name: 'x_c10_d', columns: [{ column: 'c', length: 10 }, 'd'], unique: false },
    ],
  });
  const rule = LINT_RULES.get('structure-redundant-index')!;
  const settings = LintSettings.parse({ rules: { 'structure-redundant-index': 'warning' } }, undefined, LINT_RULES);
  const messages = runLintRules({ dialect: 'mysql', objects: [t], model: new ModelIndex([t], 'mysql') }, [rule], settings).map((f) => f.message);
  assert.equal(messages.sort(), ['index "x_c10" on (c(10)) is a leading part of index "x_c10_d" on (c(10), d)', 'index "x_lc" on (lower(c)) is a leading part of index "x_lc_d" on (lower(c), d)']);
});


test('types rules read each dialect\'s spelling', () => {
  const pg = table('t', [
    'created timestamp without time zone',
    'precise timestamp(3) without time zone',
    'zoned timestamp with time zone',
    'doc json',
    'bin jsonb',
    'id integer',
    'code character(2)',
    'price money',
    'unit_price double precision',
    'ratio real',
    'name character varying',
    'title character varying(200)',
  ]);
  pg.columns.find((c) => c.name === 'id')!.default = "nextval('t_id_seq'::regclass)";
  assert.equal(hits('types-timestamp-without-time-zone', [pg]), ['public.t.created', 'public.t.precise']);
  assert.equal(hits('types-json-not-jsonb', [pg]), ['public.t.doc']);
  assert.equal(hits('types-serial', [pg]), ['public.t.id']);
  // an identity added without START WITH begins at 1 and collides with the rows the sequence numbered
  assert.match(LINT_RULES.get('types-serial')!.hint, /DROP DEFAULT, then ADD GENERATED BY DEFAULT AS IDENTITY \(START WITH the old sequence's next value\)/);
  assert.equal(hits('types-char', [pg]), ['public.t.code']);
  assert.equal(hits('types-money', [pg]), ['public.t.price']);
  assert.equal(hits('types-float-money', [pg]), ['public.t.unit_price']);
  assert.equal(hits('types-varchar-without-length', [pg]), ['public.t.name']);

  const my = table('t', ['created datetime', 'code char(2)', 'UnitPrice double', 'total float unsigned', "rating enum('G','PG')", 'id int(11) unsigned']);
  assert.equal(hits('types-timestamp-without-time-zone', [my], 'mysql'), []);
  // MySQL and MariaDB hand char(n) values back without their padding: nothing to warn about
  assert.equal(hits('types-char', [my], 'mysql'), []);
  assert.equal(hits('types-float-money', [my], 'mysql'), ['public.t.UnitPrice', 'public.t.total']);
  assert.equal(hits('types-enum', [my], 'mysql'), ['public.t.rating']);

  const lite = table('t', ['created TIMESTAMP', 'code CHAR(2)', 'Price REAL', 'name VARCHAR', 'title VARCHAR(20)']);
  assert.equal(hits('types-timestamp-without-time-zone', [lite], 'sqlite'), []);
  assert.equal(hits('types-char', [lite], 'sqlite'), []);
  assert.equal(hits('types-float-money', [lite], 'sqlite'), ['public.t.Price']);

  // The word that ends a name says what it holds; a currency or net/gross after it does not change that.
  const named = table('t', ['price_ratio real', 'tax_rate real', 'total_distance real', 'discount_pct real', 'amount_usd real', 'priceNet real', 'fee real', 'usd real']);
  assert.equal(hits('types-float-money', [named], 'sqlite'), ['public.t.amount_usd', 'public.t.fee', 'public.t.priceNet']);
  assert.equal(hits('types-varchar-without-length', [lite], 'sqlite'), ['public.t.name']);
});

test('SQLite: float4, float8 and character varying are read as the type rules read real and varchar; money advice fits SQLite', () => {
  const t = table('m', ['id integer', 'price float8', 'total float4', 'v1 character varying', 'amount decimal(10,2)']);
  assert.equal(hits('types-float-money', [t], 'sqlite'), ['public.m.price', 'public.m.total']);
  assert.equal(hits('types-varchar-without-length', [t], 'sqlite'), ['public.m.v1']);
  const [finding] = findings('types-float-money', [t], [t], 'sqlite');
  assert.match(finding!.message, /store it in minor units \(cents\) as INTEGER/);
  // the fix says so too, not the decimal type the message rules out; elsewhere it is numeric/decimal
  assert.is(finding!.hint, 'store it in minor units (cents) as INTEGER');
  const pg = table('m', ['price double precision']);
  assert.is(findings('types-float-money', [pg], [pg], 'postgres')[0]!.hint, 'use numeric(p,s) / decimal(p,s)');
});

test('types-money says the type as spelled: money, or an array of it', () => {
  const t = table('invoice', ['total money', 'fees money[]']);
  const settings = LintSettings.parse({ rules: { 'types-money': 'warning' } }, undefined, LINT_RULES);
  const found = runLintRules({ dialect: 'postgres', objects: [t], model: new ModelIndex([t], 'postgres') }, [LINT_RULES.get('types-money')!], settings);
  assert.equal(found.map((f) => f.message), ['column "total" is money', 'column "fees" is money[]']);
});

test('types-enum: PostgreSQL columns of a user enum type, qualified or not', () => {
  const rating: SchemaObject = { kind: 'type', schema: 'public', name: 'mpaa_rating', type: 'enum', values: ['G'] };
  const domain: SchemaObject = { kind: 'type', schema: 'public', name: 'year', type: 'domain', base_type: 'integer' };
  const odd: SchemaObject = { kind: 'type', schema: 'app', name: 'Odd Type', type: 'enum', values: ['x'] };
  const film: Table = table('film', ['rating mpaa_rating', 'ratings mpaa_rating[]', 'release_year year', 'odd app."Odd Type"', 'other text']);
  assert.equal(hits('types-enum', [film, rating, domain, odd]), ['public.film.odd', 'public.film.rating', 'public.film.ratings']);
});

test('type rules see through domains (a domain over a domain too) and name the domain', () => {
  const domains: SchemaObject[] = [
    { kind: 'type', schema: 'public', name: 'ts_d', type: 'domain', base_type: 'timestamp without time zone' },
    { kind: 'type', schema: 'public', name: 'js_d', type: 'domain', base_type: 'json' },
    { kind: 'type', schema: 'public', name: 'amount_d', type: 'domain', base_type: 'double precision' },
    { kind: 'type', schema: 'public', name: 'cost_d', type: 'domain', base_type: 'amount_d' },
  ];
  const t = table('t', ['made ts_d', 'doc js_d', 'price cost_d', 'fine integer']);
  assert.equal(hits('types-timestamp-without-time-zone', [t, ...domains]), ['public.t.made']);
  assert.equal(hits('types-json-not-jsonb', [t, ...domains]), ['public.t.doc']);
  assert.equal(hits('types-float-money', [t, ...domains]), ['public.t.price']);
  const rule = LINT_RULES.get('types-json-not-jsonb')!;
  const settings = LintSettings.parse({ rules: { 'types-json-not-jsonb': 'warning' } }, undefined, LINT_RULES);
  const [finding] = runLintRules({ dialect: 'postgres', objects: [t, ...domains], model: new ModelIndex([t, ...domains], 'postgres') }, [rule], settings);
  assert.is(finding!.message, 'column "doc" (domain js_d) is json, not jsonb');
});

test('a message quoting a MySQL ENUM of thousands of values is cut to 500 characters', () => {
  const type = `enum(${Array.from({ length: 5000 }, (_, i) => `'v${i}'`).join(',')})`;
  const t: Table = { kind: 'table', schema: 'shop', name: 't', columns: [{ name: 'state', type, nullable: false }] };
  const [finding] = findings('types-enum', [t], [t], 'mysql');
  assert.is(finding!.message.length, 500);
  assert.ok(finding!.message.startsWith(`column "state" uses the enum type enum('v0','v1',`) && finding!.message.endsWith('…'));
});

test('index rules compare collation and column names as the dialect does: SQLite\'s nocase is NOCASE, PostgreSQL\'s "C" is not "c"', () => {
  const col = () =>
    table('col', ['id', 'a'], {
      indexes: [
        { name: 'col_a_nc', columns: [{ column: 'a', collation: 'NOCASE' }], unique: false },
        { name: 'col_a_nc2', columns: [{ column: 'a', collation: 'nocase' }], unique: false },
        { name: 'col_a_nc_id', columns: [{ column: 'a', collation: 'nocase' }, 'id'], unique: false },
      ],
    });
  let t = col();
  const sqlite = findings('structure-duplicate-index', [t], [t], 'sqlite');
  assert.equal(sqlite.map((f) => f.message), ['index "col_a_nc2" has the same key (a COLLATE nocase) as index "col_a_nc" on (a COLLATE NOCASE)']);
  assert.equal(hits('structure-redundant-index', [t], 'sqlite'), ['public.col.col_a_nc']);
  t = col();
  assert.equal(hits('structure-duplicate-index', [t], 'postgres'), []);
  assert.equal(hits('structure-redundant-index', [t], 'postgres'), ['public.col.col_a_nc2']);
});

test.run();
