// The ER diagram rendered from hand-made snapshots (no database).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import mermaid from 'mermaid';
import { renderMermaid } from '../../src/export/mermaid.js';
import type { ForeignKey, Table } from '../../src/model/types.js';
import { column, snapshot, table } from '../helpers/models.js';

const toCustomers = (name: string): ForeignKey => ({ name, columns: ['customer_id'], references: { schema: 'public', table: 'customers', columns: ['id'] } });
const partitionOf = (parent: string, name: string, extra: Partial<Table> = {}) =>
  table(name, [column('id'), column('customer_id')], { foreign_keys: [toCustomers('events_customer_id_fkey')], partition_of: { schema: 'public', table: parent, bound: 'DEFAULT' }, ...extra });

test('a partition is drawn as its parent: one box, its copies of the parent\'s keys no line of their own, its own keys and keys to it from the parent\'s box', () => {
  const customers = table('customers', [column('id', 'integer', { nullable: false })], { primary_key: { columns: ['id'] } });
  const events = table('events', [column('id'), column('customer_id')], { foreign_keys: [toCustomers('events_customer_id_fkey')], partitioning: { strategy: 'list', key: 'id' } });
  const own = { foreign_keys: [toCustomers('events_customer_id_fkey'), { name: 'own_fk', columns: ['id'], references: { schema: 'public', table: 'customers', columns: ['id'] } }] };
  const audit = table('audit', [column('event_id')], { foreign_keys: [{ name: 'audit_event', columns: ['event_id'], references: { schema: 'public', table: 'events_a', columns: ['id'] } }] });
  const diagram = renderMermaid(snapshot([customers, events, partitionOf('events', 'events_a'), partitionOf('events', 'events_b', own), audit]));
  assert.equal(diagram.split('\n').filter((line) => /^ {2}t_\w+\[/.test(line)), ['  t_public_audit["public.audit"] {', '  t_public_customers["public.customers"] {', '  t_public_events["public.events"] {']);
  assert.equal(diagram.split('\n').filter((line) => line.includes(' : ')), [
    '  t_public_audit }o--o| t_public_events : "audit_event"',
    '  t_public_events }o--o| t_public_customers : "events_customer_id_fkey"',
    '  t_public_events }o--o| t_public_customers : "own_fk"',
  ]);
});

// Pagila declares the keys on each monthly partition of payment, none on payment itself.
test("the partitions' own keys that are alike are one line from the parent's box, saying how many partitions have it", () => {
  const customers = table('customers', [column('id', 'integer', { nullable: false })], { primary_key: { columns: ['id'] } });
  const events = table('events', [column('id'), column('customer_id')], { partitioning: { strategy: 'list', key: 'id' } });
  const month = (name: string) => partitionOf('events', name, { foreign_keys: [toCustomers(`${name}_customer_id_fkey`)] });
  const other = partitionOf('events', 'events_d', { foreign_keys: [{ ...toCustomers('events_d_id_fkey'), columns: ['id'] }] });
  const diagram = renderMermaid(snapshot([customers, events, month('events_a'), month('events_b'), month('events_c'), other]));
  assert.equal(diagram.split('\n').filter((line) => line.includes(' : ')), [
    '  t_public_events }o--o| t_public_customers : "events_a_customer_id_fkey (and 2 other partitions)"',
    '  t_public_events }o--o| t_public_customers : "events_d_id_fkey"',
  ]);
});

test('entity ids are spelt from the table, so that a table added leaves the other lines alone; names that spell one id are numbered', async () => {
  const customers = table('customers', [column('id', 'integer', { nullable: false })], { primary_key: { columns: ['id'] } });
  const orders = table('orders', [column('id'), column('customer_id')], { foreign_keys: [toCustomers('orders_customer_fk')] });
  const before = renderMermaid(snapshot([customers, orders]));
  const after = renderMermaid(snapshot([table('accounts', [column('id')]), customers, orders]));
  assert.ok(after.includes(before.slice('erDiagram\n'.length)), after);
  const alike = renderMermaid(snapshot([table('a-b', [column('id')]), table('a_b', [column('id')]), table('A_b', [column('id')])]));
  await mermaid.parse(alike);
  assert.equal(alike.split('\n').filter((line) => /^ {2}t_\w+\[/.test(line)), ['  t_public_A_b["public.A_b"] {', '  t_public_a_b_2["public.a-b"] {', '  t_public_a_b_3["public.a_b"] {']);
});

test('partitions a hand-written snapshot makes of each other are not drawn, and the diagram still ends', () => {
  const diagram = renderMermaid(snapshot([partitionOf('b', 'a'), partitionOf('a', 'b'), table('customers', [column('id')])]));
  assert.equal(diagram.split('\n').filter((line) => /^ {2}t_\w+\[/.test(line)), ['  t_public_customers["public.customers"] {']);
});

// SQLite resolves `REFERENCES Customers` to table customers, and keeps the key as written.
test('a SQLite foreign key that spells its table in another case is drawn to that table; on PostgreSQL such a key names another table', () => {
  const customers = (schema: string) => table('customers', [column('id')], {}, schema);
  const orders = (schema: string) => table('orders', [column('customer_id')], { foreign_keys: [{ columns: ['customer_id'], references: { schema, table: 'Customers', columns: ['id'] } }] }, schema);
  const lines = (s: ReturnType<typeof snapshot>) => renderMermaid(s).split('\n').filter((line) => line.includes(' : '));
  assert.equal(lines(snapshot([customers('main'), orders('main')], { dialect: 'sqlite' })), ['  t_main_orders }o--o| t_main_customers : "customer_id"']);
  assert.equal(lines(snapshot([customers('public'), orders('public')])), []);
});

test('a foreign key whose columns are its table\'s primary or a unique key is drawn one-to-one; a partial unique index is no such key', () => {
  const a = table('a', [column('id', 'integer', { nullable: false })], { primary_key: { name: 'a_pkey', columns: ['id'] } });
  const fk = (name: string, columns: string[]) => ({ name, columns, references: { schema: 'public', table: 'a', columns: ['id'] } });
  const tables = [
    a,
    table('extension', [column('a_id', 'integer', { nullable: false })], { primary_key: { name: 'extension_pkey', columns: ['a_id'] }, foreign_keys: [fk('extension_fk', ['a_id'])] }),
    table('o2o', [column('id', 'integer', { nullable: false }), column('a_id')], { unique_constraints: [{ name: 'o2o_a_id_key', columns: ['a_id'] }], foreign_keys: [fk('o2o_fk', ['a_id'])] }),
    table('indexed', [column('a_id')], { indexes: [{ name: 'indexed_a_id', columns: ['a_id'], unique: true, method: 'btree' }], foreign_keys: [fk('indexed_fk', ['a_id'])] }),
    table('partial', [column('a_id')], { indexes: [{ name: 'partial_a_id', columns: ['a_id'], unique: true, method: 'btree', where: '(a_id > 0)' }], foreign_keys: [fk('partial_fk', ['a_id'])] }),
  ];
  assert.equal(renderMermaid(snapshot(tables)).split('\n').filter((line) => line.includes(' : ')), [
    '  t_public_extension |o--|| t_public_a : "extension_fk"',
    '  t_public_indexed |o--o| t_public_a : "indexed_fk"',
    '  t_public_o2o |o--o| t_public_a : "o2o_fk"',
    '  t_public_partial }o--o| t_public_a : "partial_fk"',
  ]);
});

/** A label as Mermaid shows it: its entity codes (`#quot;`, `#37;`) turned back into characters. */
function shown(label: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  return label.replace(/#(\w+);/g, (_, code: string) => (/^\d+$/.test(code) ? String.fromCharCode(Number(code)) : named[code]!));
}

// Mermaid lexes an entity's quoted label holding `%` or a backslash, and an attribute's holding two
// `~`, as other tokens (a parse error), and renders labels as HTML.
test('names with %, backslashes, hidden characters, HTML and entity codes give a diagram mermaid parses, every label showing its name', async () => {
  const names = ['100%', 'rtl\u202eevil', 'back\\slash', '<b>bold</b>', 'a#lt;b', 'x&amp;y', 'say "hi"', 'a~b~c'];
  const tables = names.map((name) =>
    table(name, [column(`${name} id`)], { foreign_keys: [{ name: `${name} fk`, columns: [`${name} id`], references: { schema: 'public', table: name, columns: [`${name} id`] } }] }),
  );
  const diagram = renderMermaid(snapshot(tables));
  await mermaid.parse(diagram);
  const labels = (pattern: RegExp) => [...diagram.matchAll(pattern)].map((m) => shown(m[1]!)).sort();
  const printed = names.map((name) => name.replace('\u202e', '\\u202e')).sort();
  // a table name holding a quote is quoted, as in the docs (`public."say ""hi"""` is one name)
  const quoted = (name: string) => (name.includes('"') ? `"${name.replace(/"/g, '""')}"` : name);
  assert.equal(labels(/\["([^"]*)"\] \{/g), printed.map((name) => `public.${quoted(name)}`).sort());
  assert.equal(labels(/^ {4}.* "([^"]*)"$/gm), printed.map((name) => `${name} id`));
  assert.equal(labels(/ : "([^"]*)"$/gm), printed.map((name) => `${name} fk`));
  assert.not.match(diagram, /[<>%~]|\\/);
});

test('columns and types named pk, fk or uk, in any case, are not read as key markers', async () => {
  const diagram = renderMermaid(snapshot([table('keys', ['pk', 'FK', 'Uk', 'pkey'].map((name) => column(name, name.toLowerCase())), { primary_key: { columns: ['pk'] } })]));
  await mermaid.parse(diagram);
  assert.equal(diagram.split('\n').filter((line) => line.startsWith('    ')), ['    _pk _pk PK "pk"', '    _fk _FK "FK"', '    _uk _Uk "Uk"', '    pkey pkey']);
  // an array or a typmod of such a type: the marker ends at the bracket
  const typed = renderMermaid(snapshot([table('typed', [column('a', 'pk[]'), column('b', 'uk(3)'), column('c', 'fk_t[]')])]));
  await mermaid.parse(typed);
  assert.equal(typed.split('\n').filter((line) => line.startsWith('    ')), ['    _pk[] a', '    _uk(3) b', '    fk_t[] c']);
});

test('a name holding "direction TB" is not read as a direction statement that swallows its line', async () => {
  const tables = [
    table('flow direction TB', [column('id')]),
    table('t', [column('id')], { foreign_keys: [{ name: 'to direction\u00a0lr', columns: ['id'], references: { schema: 'public', table: 'flow direction TB', columns: ['id'] } }] }),
  ];
  const diagram = renderMermaid(snapshot(tables));
  await mermaid.parse(diagram);
  assert.match(diagram, /^ {2}t_public_flow_direction_TB\["public\.flow direction#32;TB"\] \{$/m);
  assert.match(diagram, /^ {2}t_public_t }o--o\| t_public_flow_direction_TB : "to direction#160;lr"$/m);
});

// Mermaid's attribute types are word-like: what the drawn type cannot hold must not read as another type.
test('a type that loses more than its spaces in the drawing is given exactly in the comment, with the name when that lost characters too', async () => {
  const columns = [
    column('amount', 'numeric(10,2)'),
    column('rating', "enum('G','PG-13','a,b')"),
    column('status', 'musicbrainz.fluency'),
    column('kind', '"char"'),
    column('price €', 'decimal(5,2) unsigned'),
    column('created', 'timestamp(3) with time zone'),
    column('id', 'bigint(20) unsigned'),
    column('tags', 'character varying(10)[]'),
  ];
  const diagram = renderMermaid(snapshot([table('t', columns)]));
  await mermaid.parse(diagram);
  assert.equal(diagram.split('\n').filter((line) => line.startsWith('    ')), [
    '    numeric(10_2) amount "numeric(10,2)"',
    "    enum(_G_PG-13_a_b_) rating \"enum('G','PG-13','a,b')\"",
    '    musicbrainz_fluency status "musicbrainz.fluency"',
    '    _char_ kind "#quot;char#quot;"',
    '    decimal(5_2)_unsigned price_ "price €: decimal(5,2) unsigned"',
    '    timestamp(3)_with_time_zone created',
    '    bigint(20)_unsigned id',
    '    character_varying(10)[] tags',
  ]);
});

test('UK marks a column unique over the whole table: a unique key or index on it alone, in any order or collation, not a prefix, an expression, a partial or an invalid index', async () => {
  const indexes = [
    { name: 'by_email', columns: [{ column: 'email', descending: true, collation: 'NOCASE' }], unique: true },
    { name: 'by_live_login', columns: ['login'], unique: true, where: 'deleted_at IS NULL' },
    { name: 'by_name_prefix', columns: [{ column: 'name', length: 10 }], unique: true },
    { name: 'by_lower_code', columns: [{ expression: 'lower(code)' }], unique: true },
    { name: 'by_ref', columns: ['ref'], unique: true },
    { name: 'by_slug', columns: ['slug'], unique: true, options: { invalid: true } },
  ];
  const diagram = renderMermaid(snapshot([table('users', ['email', 'login', 'name', 'code', 'ref', 'slug'].map((name) => column(name, 'text')), { indexes })]));
  await mermaid.parse(diagram);
  assert.equal(diagram.split('\n').filter((line) => line.startsWith('    ')), ['    text email UK', '    text login', '    text name', '    text code', '    text ref UK', '    text slug']);
});

test.run();
