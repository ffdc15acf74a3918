// MySQL/MariaDB diff scenarios on hand-made models (the shapes the MySQL dialect reports), each
// committed to a fresh repository with writeSnapshot and diffed from git like any snapshot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diff } from '../../../src/api/diff.js';
import type { Column, Index, SchemaObject, Table } from '../../../src/model/types.js';
import { newRepo, run } from '../../helpers/cli.js';
import { column, commitSnapshots, resultLines, snapshot, table } from '../../helpers/models.js';

const DB = 'shop';
const mysql = (objects: SchemaObject[], database = DB) => snapshot(objects, { dialect: 'mysql', schemas: [database], database });
const TABLE_OPTIONS = { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' };

function orders(columns: Column[] = [], extra: Partial<Table> = {}, schema = DB, emailType = 'varchar(60)'): Table {
  const base = [column('id', 'int unsigned', { nullable: false, auto_increment: true }), column('email', emailType, { charset: 'utf8mb4', collation: 'utf8mb4_general_ci' })];
  return table('orders', [...base, ...columns], { primary_key: { name: 'PRIMARY', columns: ['id'] }, options: TABLE_OPTIONS, ...extra }, schema);
}

async function scenario(before: SchemaObject[], after: SchemaObject[]): Promise<string[]> {
  const dir = newRepo();
  await commitSnapshots(dir, 'default', [mysql(before), mysql(after)]);
  return resultLines((await diff({ cwd: dir })).changes);
}

const idx = (name: string, columns: Index['columns'], extra: Partial<Index> = {}): Index => ({ name, columns, unique: false, method: 'BTREE', ...extra });

const SCENARIOS: [name: string, before: SchemaObject[], after: SchemaObject[], expected: string[]][] = [
  ['integer widening, signedness and display width', [orders([column('qty', 'int(11)'), column('n', 'int'), column('u', 'int unsigned'), column('s', 'smallint')])],
    [orders([column('qty', 'int'), column('n', 'bigint'), column('u', 'int'), column('s', 'smallint unsigned')])], [
      'modify column shop.orders.qty type: "int(11)" → "int" (safe)',
      'modify column shop.orders.n type: "int" → "bigint" (caution)',
      'modify column shop.orders.u type: "int unsigned" → "int" (breaking)',
      'modify column shop.orders.s type: "smallint" → "smallint unsigned" (breaking)',
    ]],
  // MariaDB reports a bare DECIMAL as decimal(10,0): room for every int, not for a bigint
  ['integers into decimals with and without room for their digits', [orders([column('total', 'int(11)'), column('big', 'bigint(20)'), column('n', 'int(11)')])],
    [orders([column('total', 'decimal(12,2)'), column('big', 'decimal(10,0)'), column('n', 'decimal(10,0)')])], [
      'modify column shop.orders.total type: "int(11)" → "decimal(12,2)" (caution)',
      'modify column shop.orders.big type: "bigint(20)" → "decimal(10,0)" (breaking)',
      'modify column shop.orders.n type: "int(11)" → "decimal(10,0)" (caution)',
    ]],
  ['varchar growth within and across the one-byte length prefix (utf8mb4)', [orders()], [orders([], {}, DB, 'varchar(64)')],
    ['modify column shop.orders.email type: "varchar(60)" → "varchar(64)" (caution)']],
  ['varchar growth within the one-byte length prefix', [orders([], {}, DB, 'varchar(20)')], [orders([], {}, DB, 'varchar(60)')], ['modify column shop.orders.email type: "varchar(20)" → "varchar(60)" (safe)']],
  ['enum members appended, removed', [orders([column('status', "enum('new','paid')")])], [orders([column('status', "enum('new','paid','shipped')")])], [`modify column shop.orders.status type: "enum('new','paid')" → "enum('new','paid','shipped')" (safe)`]],
  ['enum member removed', [orders([column('status', "enum('new','paid')")])], [orders([column('status', "enum('new')")])], [`modify column shop.orders.status type: "enum('new','paid')" → "enum('new')" (breaking)`]],
  ['charset, collation, ON UPDATE, comment', [orders([column('at', 'timestamp', { nullable: false, default: 'current_timestamp()' })])],
    [orders([column('at', 'timestamp', { nullable: false, default: 'current_timestamp()', on_update: 'current_timestamp()', comment: 'last change' })])], [
      'modify column shop.orders.at on_update: null → "current_timestamp()" (caution)',
      'modify column shop.orders.at comment: null → "last change" (safe)',
    ]],
  ['table options: engine, row format, table comment', [orders()], [orders([], { comment: 'orders', options: { ...TABLE_OPTIONS, engine: 'Aria', row_format: 'DYNAMIC' } })], [
    'modify table shop.orders comment: null → "orders" (safe)',
    'modify table shop.orders options.engine: "InnoDB" → "Aria" (breaking)',
    'modify table shop.orders options.row_format: null → "DYNAMIC" (caution)',
  ]],
  // README: a snapshot taken before CREATE_OPTIONS was split into options, against one taken after.
  ['create_options of an earlier snapshot, split: shown once', [orders([], { options: { ...TABLE_OPTIONS, create_options: 'row_format=DYNAMIC stats_persistent=0' } })],
    [orders([], { options: { ...TABLE_OPTIONS, row_format: 'DYNAMIC', stats_persistent: '0' } })], [
      'modify table shop.orders options.create_options: "row_format=DYNAMIC stats_persistent=0" → null (caution)',
      'modify table shop.orders options.row_format: null → "DYNAMIC" (caution)',
      'modify table shop.orders options.stats_persistent: null → "0" (safe)',
    ]],
  ['indexes: prefix length, FULLTEXT, uniqueness, rename', [orders([], { indexes: [idx('by_email', [{ column: 'email', length: 10 }]), idx('old', ['id', 'email'])] })],
    [orders([], { indexes: [idx('by_email', [{ column: 'email', length: 20 }]), idx('ft', ['email'], { method: 'FULLTEXT' }), idx('new', ['id', 'email'])] })], [
      'modify index shop.orders.by_email columns: [{"column":"email","length":10}] → [{"column":"email","length":20}] (caution)',
      'rename index shop.orders.new "old" → "new" (breaking)',
      'add index shop.orders.ft (safe)',
    ]],
  ['primary key widened, unique key added', [orders()], [orders([], { primary_key: { name: 'PRIMARY', columns: ['id', 'email'] }, unique_constraints: [{ name: 'email', columns: ['email'] }] })], [
    'modify primary_key shop.orders.PRIMARY columns: ["id"] → ["id","email"] (breaking)',
    'add unique_constraint shop.orders.email (caution)',
  ]],
  ['foreign keys and checks', [orders([column('customer_id', 'int unsigned')]), table('customers', [column('id', 'int unsigned', { nullable: false })], {}, DB)],
    [orders([column('customer_id', 'int unsigned')], { foreign_keys: [{ name: 'orders_ibfk_1', columns: ['customer_id'], references: { schema: DB, table: 'customers', columns: ['id'] }, on_update: 'restrict', on_delete: 'cascade' }], checks: [{ name: 'CONSTRAINT_1', expression: '`customer_id` > 0' }] }), table('customers', [column('id', 'int unsigned', { nullable: false })], {}, DB)], [
      'add foreign_key shop.orders.orders_ibfk_1 (caution)',
      'add check shop.orders.CONSTRAINT_1 (caution)',
    ]],
  ['partitions: added, bound changed, removed', [orders([], { partitioning: { strategy: 'range', key: '`id`', partitions: [{ name: 'p0', bound: '1000' }, { name: 'p1', bound: '2000' }] } })],
    [orders([], { partitioning: { strategy: 'range', key: '`id`', partitions: [{ name: 'p0', bound: '1000' }, { name: 'p2', bound: 'MAXVALUE' }] } })], [
      'remove partition shop.orders.p1 (breaking)',
      'add partition shop.orders.p2 (safe)',
    ]],
  ['subpartitions: a comment of their own changed is only a comment; renamed ones are not', [orders([], { partitioning: { strategy: 'range', key: '`id`', partitions: [{ name: 'p0', bound: '10', subpartitions: ['s0', { name: 's1', comment: 'a' }] }, { name: 'p1', bound: 'MAXVALUE', subpartitions: ['s2', 's3'] }], subpartitioning: { strategy: 'hash', key: '`id`' } } })],
    [orders([], { partitioning: { strategy: 'range', key: '`id`', partitions: [{ name: 'p0', bound: '10', subpartitions: ['s0', { name: 's1', comment: 'b' }] }, { name: 'p1', bound: 'MAXVALUE', subpartitions: ['s2', 's4'] }], subpartitioning: { strategy: 'hash', key: '`id`' } } })], [
      'modify partition shop.orders.p0 subpartitions: ["s0",{"name":"s1","comment":"a"}] → ["s0",{"name":"s1","comment":"b"}] (safe)',
      'modify partition shop.orders.p1 subpartitions: ["s2","s3"] → ["s2","s4"] (caution)',
    ]],
  ['partitioning removed: the rows stay', [orders([], { partitioning: { strategy: 'hash', key: '`id`', partitions: [{ name: 'p0', bound: '' }, { name: 'p1', bound: '' }] } })], [orders()], [
    'modify table shop.orders partitioning: {"strategy":"hash","key":"`id`"} → null (caution)',
    'remove partition shop.orders.p0 (caution)',
    'remove partition shop.orders.p1 (caution)',
  ]],
  ['COALESCE PARTITION and repartitioning by HASH or KEY move the rows of the partitions they remove', [orders([], { partitioning: { strategy: 'hash', key: '`id`', partitions: [{ name: 'p0', bound: '' }, { name: 'p1', bound: '' }] } }), table('k', [column('id', 'int')], { partitioning: { strategy: 'range', key: '`id`', partitions: [{ name: 'r0', bound: '10' }] } }, DB)],
    [orders([], { partitioning: { strategy: 'hash', key: '`id`', partitions: [{ name: 'p0', bound: '' }] } }), table('k', [column('id', 'int')], { partitioning: { strategy: 'linear key', key: '`id`', partitions: [{ name: 'p0', bound: '' }] } }, DB)], [
      'modify table shop.k partitioning.strategy: "range" → "linear key" (caution)',
      'remove partition shop.k.r0 (caution)',
      'add partition shop.k.p0 (safe)',
      'remove partition shop.orders.p1 (caution)',
    ]],
  ['RESTRICT and NO ACTION are one behaviour in InnoDB; CASCADE is another', [orders([column('customer_id', 'int')], { foreign_keys: [{ name: 'fk', columns: ['customer_id'], references: { schema: DB, table: 'customers', columns: ['id'] }, on_update: 'restrict', on_delete: 'restrict' }] })],
    [orders([column('customer_id', 'int')], { foreign_keys: [{ name: 'fk', columns: ['customer_id'], references: { schema: DB, table: 'customers', columns: ['id'] }, on_update: 'no action', on_delete: 'cascade' }] })], [
      'modify foreign_key shop.orders.fk on_update: "restrict" → "no action" (safe)',
      'modify foreign_key shop.orders.fk on_delete: "restrict" → "cascade" (caution)',
    ]],
  ['views, triggers, routines and events', [
      orders(),
      { kind: 'view', schema: DB, name: 'v', definition: 'select `shop`.`orders`.`id` AS `id` from `shop`.`orders`' },
      { kind: 'routine', schema: DB, name: 'total', routine_type: 'function', argument_types: ['int'], returns: 'int(11)', deterministic: true, definition: 'RETURN 1' },
      { kind: 'event', schema: DB, name: 'cleanup', schedule: 'EVERY 1 DAY', definition: 'DELETE FROM orders' },
    ], [
      orders([], { triggers: [{ name: 'orders_bi', timing: 'before', events: ['insert'], level: 'row', definition: 'SET NEW.email = lower(NEW.email)' }] }),
      { kind: 'view', schema: DB, name: 'v', definition: 'select `shop`.`orders`.`id` AS `id`,`shop`.`orders`.`email` AS `email` from `shop`.`orders`' },
      { kind: 'routine', schema: DB, name: 'total', routine_type: 'function', argument_types: ['int'], returns: 'bigint(20)', deterministic: true, definition: 'RETURN 1' },
    ], [
      'remove event shop.cleanup (caution)',
      'modify routine shop.total(int) returns: "int(11)" → "bigint(20)" (caution)',
      'add trigger shop.orders.orders_bi (caution)',
      'modify view shop.v definition: "select `shop`.`orders`.`id` AS `id` from `shop`.`orders`" → "select `shop`.`orders`.`id` AS `id`,`shop`.`orders`.`email` AS `email` from `shop`.`orders`" (caution)',
    ]],
];

for (const [name, before, after, expected] of SCENARIOS) {
  test(name, async () => {
    assert.equal(await scenario(before, after), expected);
  });
}

test('cross-target: the same schema in databases of different names has no differences; real ones show under the newer name', async () => {
  const dir = newRepo();
  const staging = [orders([column('note', 'text')], {}, 'shop_staging')];
  await commitSnapshots(dir, 'staging', [mysql(staging, 'shop_staging')]);
  await commitSnapshots(dir, 'prod', [mysql([orders([], {}, DB)])]);
  await commitSnapshots(dir, 'mirror', [mysql([orders([column('note', 'text')], {}, 'shop_mirror')], 'shop_mirror')]);
  assert.equal(resultLines((await diff({ cwd: dir, revisions: ['staging', 'mirror'] })).changes), []);
  const result = await diff({ cwd: dir, revisions: ['staging', 'prod'] });
  assert.equal(resultLines(result.changes), ['remove column shop.orders.note (breaking)']);
  assert.equal([result.from.target, result.to.target], ['staging', 'prod']);
  const cli = run(['diff', 'staging', 'prod', '--fail-on', 'breaking'], dir);
  assert.is(cli.code, 1);
  assert.match(cli.stdout, /- column note text {2}breaking/);
  assert.is(cli.stderr, '');
  // another dialect on the other side: compared all the same, with a word on why so much differs
  await commitSnapshots(dir, 'lite', [snapshot([table('orders', [column('id', 'INTEGER')], {}, 'main')], { dialect: 'sqlite', database: '/srv/shop.db' })]);
  assert.match(run(['diff', 'lite', 'prod'], dir).stderr, /^warning: comparing a sqlite snapshot with a mysql one: each server spells types, defaults and expressions its own way/);
});

test.run();
