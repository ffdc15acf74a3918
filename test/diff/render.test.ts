// One line per side of a change: long texts that differ past what a line shows are shown from
// where they differ, so a reviewer never reads two equal sides.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { marked } from 'marked';
import { changePair, changeSummaryLine, formatPair, formatValue } from '../../src/diff/render/common.js';
import { renderMarkdown } from '../../src/diff/render/markdown.js';
import { renderChangeLines, renderText } from '../../src/diff/render/text.js';
import { objectPath } from '../../src/codec/layout.js';
import type { SchemaObject } from '../../src/model/types.js';
import type { Change } from '../../src/diff/change.js';

test('a value whose other side is nothing (a partition detached, a comment added) has the room of both', () => {
  const of = { schema: 'public', table: 'events', bound: "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')" };
  assert.equal(formatPair(of, null), ["{schema: public, table: events, bound: FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')}", '(none)']);
  assert.equal(formatPair(null, 'x'.repeat(200))[1], `${'x'.repeat(119)}…`);
});

test("an added column's definition has the room of both sides: its default or generated expression is not cut", () => {
  const definition = 'numeric(12,2) GENERATED ALWAYS AS (((COALESCE(total, (0)::bigint))::numeric * 1.2)) STORED';
  const change: Change = { action: 'add', kind: 'column', object: 'public.orders.amount', path: 'public/tables/orders.yaml', definition, impact: 'safe' };
  const summary = { added: 1, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 1 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderMarkdown>[0];
  assert.ok(renderText(doc, (_style, text) => text).includes(`    + column amount ${definition}  safe`));
  assert.match(renderMarkdown(doc), `| \`${definition}\` |`);
  // --stat keeps the note of a change made on the partitions too
  const onPartitions = { ...doc, changes: [{ ...change, partitions: 7 }] };
  assert.match(renderText(onPartitions, (_style, text) => text, { stat: true })[1]!, /table public\.orders \| \+1 \(and 7 partitions\)/);
});

test('two objects whose names print alike (é composed and decomposed) are spelled exactly in the text diff, its --stat and --name-only; others as printed', () => {
  const column = (table: string): Change => ({ action: 'add', kind: 'column', object: `main.${table}.x`, path: `main/tables/${table}.yaml`, definition: 'INT', impact: 'safe' });
  const summary = { added: 3, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 3 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [column('\u00e9'), column('e\u0301'), column('caf\u00e9')] } as Parameters<typeof renderText>[0];
  const plain = (_style: string, text: string) => text;
  assert.equal(renderText(doc, plain, { nameOnly: true }), ['main.\\u00e9', 'main.e\\u0301', 'main.caf\u00e9']);
  const text = renderText(doc, plain);
  assert.ok(text.includes('~ table main.\\u00e9  safe') && text.includes('~ table main.e\\u0301  safe') && text.includes('~ table main.caf\u00e9  safe'), text.join('\n'));
  assert.match(renderText(doc, plain, { stat: true }).join('\n'), /table main\.e\\u0301 +\| \+1/);
  // and in Markdown's object column
  const markdown = renderMarkdown(doc);
  assert.ok(markdown.includes('`main.\\u00e9.x`') && markdown.includes('`main.e\\u0301.x`') && markdown.includes('`main.caf\u00e9.x`'), markdown);
});

test('--stat lines up its bars under wide names (CJK, emoji) as a terminal draws them', () => {
  const table = (name: string): Change => ({ action: 'add', kind: 'table', object: `main.${name}`, path: `main/tables/${name}.yaml`, impact: 'safe' });
  const summary = { added: 3, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 3 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [table('ab'), table('emoji😀'), table('日本語テーブル')] } as Parameters<typeof renderText>[0];
  const lines = renderText(doc, (_style, text) => text, { stat: true }).slice(1, 4);
  assert.equal(lines, ['+ table main.ab             | +1  safe', '+ table main.emoji😀        | +1  safe', '+ table main.日本語テーブル | +1  safe']);
});

test("a modification's hint is shown in text and Markdown, and only a rename's hint brings the note on recording renames", () => {
  const hint = "valid now: each partition's index is attached to it (ALTER INDEX … ATTACH PARTITION)";
  const change: Change = { action: 'modify', kind: 'index', object: 'public.p.p_a', attribute: 'options.invalid', from: true, to: false, hint, path: 'public/tables/p.yaml', impact: 'caution' };
  const summary = { added: 0, removed: 0, modified: 1, renamed: 0, breaking: 0, caution: 1, safe: 0 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderMarkdown>[0];
  const text = renderText(doc, (_style, t) => t);
  assert.ok(text.includes('    ~ index p_a options.invalid: true → false  caution'));
  assert.ok(text.includes(`      hint: ${hint}`));
  assert.not.ok(text.some((line) => line.includes('renames:')));
  assert.match(renderMarkdown(doc), `| \`options.invalid\`: \`true\` → \`false\` _${hint}_ |`);
  const renamed: Change = { action: 'remove', kind: 'column', object: 'public.t.a', hint: 'likely renamed to public.t.b', path: 'public/tables/t.yaml', impact: 'breaking' };
  assert.ok(renderText({ ...doc, changes: [renamed] }, (_style, t) => t).some((line) => line.includes('renames:')));
});

test("the one-line form (pipeline --verbose, hook reports) names an added column's definition: text NOT NULL is why it is breaking", () => {
  const phone: Change = { action: 'add', kind: 'column', object: 'public.customers.phone', path: 'public/tables/customers.yaml', definition: 'text NOT NULL', impact: 'breaking' };
  assert.is(changeSummaryLine(phone), 'breaking add column public.customers.phone text NOT NULL');
});

test('the one-line form says what the text diff says: a rename\'s old name, the partitions a change was made on, a likely rename', () => {
  const renamed: Change = { action: 'rename', kind: 'column', object: 'public.store.manager_id', from: 'manager_staff_id', to: 'manager_id', path: 'public/tables/store.yaml', impact: 'breaking' };
  assert.is(changeSummaryLine(renamed), 'breaking rename column public.store.manager_id manager_staff_id → manager_id');
  const currency: Change = { action: 'add', kind: 'column', object: 'public.payment.currency', definition: 'character(3)', partitions: 7, path: 'public/tables/payment.yaml', impact: 'safe' };
  assert.is(changeSummaryLine(currency), 'safe add column public.payment.currency character(3) (and 7 partitions)');
  const dropped: Change = { action: 'remove', kind: 'column', object: 'public.category.name', definition: 'text NOT NULL', hint: 'likely renamed to public.category.title', path: 'public/tables/category.yaml', impact: 'breaking' };
  assert.is(changeSummaryLine(dropped), 'breaking remove column public.category.name text NOT NULL (hint: likely renamed to public.category.title)');
});

test("lists and maps that differ past a line's width (an expression index's columns) do not read the same", () => {
  const columns = (last: string) => [{ expression: "lower(((first_name || ' '::text) || last_name))" }, last];
  assert.equal(formatPair(columns('store_id'), columns('address_id')), ['…|| last_name))}, store_id]', '…|| last_name))}, address_id]']);
  const references = (table: string) => ({ schema: 'public', table, columns: ['customer_id', 'region_code', 'tenant_id'] });
  const [from, to] = formatPair(references('orders_2023_archive_long_name_x'), references('orders_2023_archive_long_name_y'));
  assert.is.not(from, to);
});

test("an index's keys are shown as its DDL spells them, not in the model's shape", () => {
  const change: Change = {
    action: 'modify', kind: 'index', object: 'public.t.ix', path: 'public/tables/t.yaml', attribute: 'columns', impact: 'caution',
    from: ['b'], to: [{ column: 'b', descending: true, collation: '"C"' }, { expression: 'lower(a)' }, { column: 'c', length: 10 }],
  };
  assert.equal(changePair(change), ['[b]', '[b COLLATE "C" DESC, lower(a), c(10)]']);
  assert.match(changeSummaryLine(change), /columns: \[b\] → \[b COLLATE "C" DESC, lower\(a\), c\(10\)\]$/);
  // a difference the DDL spelling does not show (an expression's statistics target) is shown as recorded
  assert.equal(changePair({ ...change, from: [{ expression: 'lower(a)' }], to: [{ expression: 'lower(a)', statistics: 50 }] }), ['[{expression: lower(a)}]', '[{expression: lower(a), statistics: 50}]']);
});

test('an object recorded raw is named by what the server calls it, not by the model kind unknown', () => {
  const change: Change = { action: 'modify', kind: 'unknown', object: 'public.mycoll', path: 'public/unknown/mycoll.yaml', attribute: 'raw.colliculocale', from: 'de-DE', to: 'fr-FR', impact: 'caution', object_type: 'collation' };
  const summary = { added: 0, removed: 0, modified: 1, renamed: 0, breaking: 0, caution: 1, safe: 0 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderMarkdown>[0];
  assert.ok(renderText(doc, (_style, text) => text).includes('~ collation public.mycoll  caution'));
  assert.match(renderMarkdown(doc), /^\| collation modified \| `public\.mycoll` \|/m);
  assert.is(changeSummaryLine(change), 'caution modify collation public.mycoll raw.colliculocale: de-DE → fr-FR');
});

test("a part without a name is labelled by what defines it, which its definition does not repeat", () => {
  const part = (kind: Change['kind'], object: string, definition: string): Change => ({ action: 'add', kind, object, path: 'main/tables/t.yaml', definition, impact: 'safe' });
  const summary = { added: 4, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 4 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const changes = [
    part('check', 'main.t.check(a > 0)', 'CHECK (a > 0)'),
    part('check', 'main.t.check((b < 10))', 'CHECK (b < 10)'),
    part('foreign_key', 'main.t.foreign_key(y)', '(y) REFERENCES main.u (id) ON DELETE CASCADE'),
    part('unique_constraint', 'main.t.unique(x, y)', '(x, y)'),
    // a named one keeps its whole definition
    part('check', 'main.t.positive', 'CHECK (a > 0)'),
  ];
  const text = renderText({ from: endpoint, to: endpoint, summary, changes }, (_style, t) => t);
  assert.equal(text.filter((line) => line.startsWith('    +')), [
    '    + check(a > 0)  safe',
    '    + check((b < 10))  safe',
    '    + foreign_key(y) REFERENCES main.u (id) ON DELETE CASCADE  safe',
    '    + unique(x, y)  safe',
    '    + check positive CHECK (a > 0)  safe',
  ]);
  assert.is(changeSummaryLine(changes[2]!), 'safe add foreign_key main.t.foreign_key(y) REFERENCES main.u (id) ON DELETE CASCADE');
  assert.is(changeSummaryLine(changes[0]!), 'safe add check main.t.check(a > 0)');
});

test('a rename shows both names whole: generated names that differ in their last characters do not read the same', () => {
  const [from, to] = ['a', 'b'].map((last) => `idx_rental_customer_id_inventory_id_staff_id_return_date_last_${last}`);
  const change: Change = { action: 'rename', kind: 'index', object: `public.rental.${to}`, from, to, path: 'public/tables/rental.yaml', impact: 'safe' };
  const summary = { added: 0, removed: 0, modified: 0, renamed: 1, breaking: 0, caution: 0, safe: 1 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderMarkdown>[0];
  assert.ok(renderText(doc, (_style, text) => text).includes(`    > index ${from} → ${to}  safe`));
  assert.match(renderMarkdown(doc), `| \`${from}\` → \`${to}\` |`);
  assert.is(changeSummaryLine(change), `safe rename index public.rental.${to} ${from} → ${to}`);
});

test('files that differ with no change (SQL written another way) are said, so that the diff agrees with history', () => {
  const summary = { added: 0, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 0 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const last = (stats?: { files: number }) => renderText({ from: endpoint, to: endpoint, summary, changes: [], stats } as Parameters<typeof renderText>[0], (_style, line) => line).at(-1);
  assert.is(last({ files: 2 }), 'no changes (2 objects written differently, the same in meaning)');
  assert.is(last({ files: 0 }), 'no changes');
  assert.is(last(), 'no changes');
  const markdown = (stats?: { files: number }) => renderMarkdown({ from: endpoint, to: endpoint, summary, changes: [], stats } as Parameters<typeof renderMarkdown>[0]).trimEnd().split('\n').at(-1);
  assert.is(markdown({ files: 1 }), 'No schema changes (1 object written differently, the same in meaning).');
  assert.is(markdown(), 'No schema changes.');
  // beside changes, only the files that hold none
  const added: Change = { action: 'add', kind: 'table', object: 'main.u', path: 'main/tables/u.yaml', impact: 'safe' };
  const changed = { added: 1, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 1 };
  const withChange = (stats?: { files: number; respelled?: number }) => ({ from: endpoint, to: endpoint, summary: changed, changes: [added], stats }) as Parameters<typeof renderText>[0];
  assert.is(renderText(withChange({ files: 2, respelled: 1 }), (_style, line) => line).at(-1), '1 change: 1 added, 0 removed, 0 modified; 0 breaking, 0 caution, 1 safe; 1 object written differently, the same in meaning');
  assert.is(renderText(withChange({ files: 2 }), (_style, line) => line).at(-1), '1 change: 1 added, 0 removed, 0 modified; 0 breaking, 0 caution, 1 safe');
  assert.match(renderMarkdown(withChange({ files: 3, respelled: 2 })), /^1 change: .*; 2 objects written differently, the same in meaning$/m);
});

test('a part without a name (a MySQL primary key, a SQLite foreign key) is labelled by its kind once, not twice', () => {
  const changes: Change[] = [
    { action: 'modify', kind: 'primary_key', object: 'shop.t.primary_key', attribute: 'columns', from: ['a'], to: ['a', 'b'], path: 'shop/tables/t.yaml', impact: 'breaking' },
    { action: 'remove', kind: 'foreign_key', object: 'main.t.foreign_key(a)', path: 'main/tables/t.yaml', impact: 'caution' },
    { action: 'add', kind: 'index', object: 'main.t.primary_key_idx', path: 'main/tables/t.yaml', impact: 'safe' },
  ];
  const summary = { added: 1, removed: 1, modified: 1, renamed: 0, breaking: 1, caution: 1, safe: 1 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const text = renderText({ from: endpoint, to: endpoint, summary, changes } as Parameters<typeof renderMarkdown>[0], (_style, line) => line).join('\n');
  assert.match(text, /\n {4}~ primary_key columns: \[a\] → \[a, b\] {2}breaking\n/);
  assert.match(text, /\n {4}- foreign_key\(a\) {2}caution\n/);
  assert.match(text, /\n {4}\+ index primary_key_idx {2}safe\n/);
});

test('a part named with a dot or a quote is quoted in the text diff, where its end must read apart from its type', () => {
  const changes: Change[] = [
    { action: 'add', kind: 'column', object: 'main.t.a.b "c"', definition: 'TEXT', path: 'main/tables/t.yaml', impact: 'safe' },
    { action: 'add', kind: 'index', object: 'main.t.ix.dot', path: 'main/tables/t.yaml', impact: 'safe' },
  ];
  const summary = { added: 2, removed: 0, modified: 0, renamed: 0, breaking: 0, caution: 0, safe: 2 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const text = renderText({ from: endpoint, to: endpoint, summary, changes } as Parameters<typeof renderMarkdown>[0], (_style, line) => line).join('\n');
  assert.match(text, /\n {4}\+ column "a\.b ""c""" TEXT {2}safe\n/);
  assert.match(text, /\n {4}\+ index "ix\.dot" {2}safe\n/);
});

test('short values and values that differ early are shown as they are', () => {
  assert.equal(formatPair('integer', 'bigint'), ['integer', 'bigint']);
  assert.equal(formatPair(null, ['a', 'b']), ['(none)', '[a, b]']);
  // empty text (a SQLite column's type taken away) says so, as nothing does
  assert.equal(formatPair('TEXT', ''), ['TEXT', '(empty)']);
  assert.equal(formatPair('x'.repeat(80), 'y'.repeat(80)), [`${'x'.repeat(59)}…`, `${'y'.repeat(59)}…`]);
  // items that hold a list's own marks are quoted, so two lists never read the same (enum labels 'x', 'y, z' against 'x, y', 'z')
  assert.equal(formatPair(['x', 'y, z'], ['x, y', 'z']), ['[x, "y, z"]', '["x, y", z]']);
  assert.equal(formatPair(['a', ''], ['a', ' ']), ['[a, ""]', '[a, " "]']);
  const long = (last: string) => [...Array.from({ length: 20 }, (_, i) => `label_${i}`), last];
  assert.equal(formatPair(long('y, z'), long('y]')), ['[…, label_19, "y, z"]', '[…, label_19, "y]"]']);
  // a key's or an expression's own commas, inside its parentheses, need none
  assert.equal(formatPair(['a'], ['a', 'coalesce(b, 0)']), ['[a]', '[a, coalesce(b, 0)]']);
});

test('long lists (an enum of many values) show only where they differ, one item of context each side', () => {
  const ratings = ['G', 'PG', 'PG-13', 'R', 'NC-17', 'X', 'XX'];
  assert.equal(formatPair(ratings, [...ratings.slice(0, 3), 'PG-15', ...ratings.slice(3)]), ['[…, PG-13, R, …]', '[…, PG-13, PG-15, R, …]']);
  assert.equal(formatPair(ratings, [...ratings, 'XXX']), ['[…, XX]', '[…, XX, XXX]']);
  assert.equal(formatPair(['a', 'b'], ['a', 'b', 'c']), ['[a, b]', '[a, b, c]']);
  // changes far apart are each shown with their neighbours, not as one window too long for the line
  const statuses = Array.from({ length: 60 }, (_, i) => `s${i}`);
  const changed = [...statuses.slice(0, 11), 'new_one', ...statuses.slice(11, 20), 's20b', ...statuses.slice(21, 50), ...statuses.slice(51)];
  assert.equal(formatPair(statuses, changed), ['[…, s10, s11, …, s19, s20, s21, …, s49, s50, s51, …]', '[…, s10, new_one, s11, …, s19, s20b, s21, …, s49, s51, …]']);
  // a MySQL ENUM or SET type is such a list too, as the server spells it; where both items of
  // context would not fit on the line, the one before each place is kept
  const enumOf = (values: string[]) => `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})`;
  const labels30 = Array.from({ length: 30 }, (_, i) => `status_${i}`);
  const relabelled = [...labels30.slice(0, 5), "it's new", ...labels30.slice(5, 19), 'renamed', ...labels30.slice(20)];
  assert.equal(formatPair(enumOf(labels30), enumOf(relabelled)), [
    "enum(…,'status_4',…,'status_18','status_19',…)",
    "enum(…,'status_4','it''s new',…,'status_18','renamed',…)",
  ]);
  assert.equal(formatPair("enum('a','b')", "enum('a','b','c')"), ["enum('a','b')", "enum('a','b','c')"]);
  // items too long for one line: the two sides still never read the same
  const labels = Array.from({ length: 8 }, (_, i) => `a_fairly_long_enum_label_number_${i}`);
  const [from, to] = formatPair(labels, [...labels.slice(0, 4), 'a_fairly_long_enum_label_number_X', ...labels.slice(4)]);
  assert.is.not(from, to);
  assert.match(to, /number_X/);
});

test('two long definitions that share their beginning are shown from a little before their first difference', () => {
  const view = (n: number) => ` SELECT orders.id,\n    orders.total,\n    orders.customer_id\n   FROM orders\n  WHERE orders.total > ${n}::numeric;`;
  assert.is(formatValue(view(100)), formatValue(view(200)));
  const [from, to] = formatPair(view(100), view(200));
  assert.is(from, '…orders.total > 100::numeric;');
  assert.is(to, '…orders.total > 200::numeric;');
  // an excerpt starts where a word does, not inside one
  assert.equal(formatPair(`${'x'.repeat(70)} WHERE (orders.total > (100)::numeric);`, `${'x'.repeat(70)} WHERE (orders.total > (200)::numeric);`), ['…(orders.total > (100)::numeric);', '…(orders.total > (200)::numeric);']);
  // line breaks inside the excerpt are visible, and an excerpt is never longer than a value
  const body = (tail: string) => `${'a'.repeat(70)}\nb${tail}\n${'c'.repeat(100)}`;
  const [a, b] = formatPair(body('1'), body('2'));
  assert.is(a, `…${'a'.repeat(28)}⏎b1⏎${'c'.repeat(26)}…`);
  assert.is(b.length, a.length);
  assert.ok(a.length <= 61);
});

test('two texts that differ only where nothing shows still read apart: a carriage return, spaces at an end', () => {
  assert.equal(formatPair("it's\nwith newline", "it's\r\nwith newline"), ["it's⏎with newline", "it's␍⏎with newline"]);
  assert.equal(formatPair('nl ☃', 'nl ☃ '), ['"nl ☃"', '"nl ☃ "']);
  assert.equal(formatPair(' lead', 'lead'), ['" lead"', '"lead"']);
  // a line break of its own stays ⏎ where the sides differ otherwise
  assert.equal(formatPair('a\r\nb', 'a\r\nc'), ['a⏎b', 'a⏎c']);
  const long = (tail: string) => `${'word '.repeat(30)}end${tail}`;
  assert.equal(formatPair(long(''), long(' ')), ['"…word word word end"', '"…word word word end "']);
});

test('a value is never cut inside a surrogate pair (half an emoji would print as U+FFFD)', () => {
  const wellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
  for (let pad = 50; pad < 66; pad++) {
    const comment = (lead: string) => `${lead}${'x'.repeat(pad)}😀😀😀😀😀 tail`;
    assert.ok(wellFormed(formatValue(comment('A'))), `${pad}: ${formatValue(comment('A'))}`);
    for (const side of formatPair(comment('A'), comment('B'))) assert.ok(wellFormed(side), `${pad}: ${side}`);
    // an excerpt that would begin between the two halves of an emoji
    const later = (tail: string) => `${'😀'.repeat(pad)}${'y'.repeat(80)}${tail}`;
    for (const side of formatPair(later('1'), later('2'))) assert.ok(wellFormed(side), `${pad}: ${side}`);
  }
});

test('a difference the line would show only the first letters of is shown from a little before it', () => {
  // a view whose table was renamed: `JOIN ap…` → `JOIN ac…` would not say which table
  const view = (table: string) => ` SELECT o.id,\n    u.email\n   FROM (app_order o\n     JOIN ${table} u ON ((u.id = o.user_id)));`;
  assert.equal(formatPair(view('app_user'), view('accounts_user')), ['…(app_order o⏎     JOIN app_user u ON ((u.id = o.user_id)));', '…(app_order o⏎     JOIN accounts_user u ON ((u.id = o.user_…']);
  // a difference the line shows with room to read stays where it is
  const comment = (word: string) => `Orders placed ${word} through the web shop, kept seven years for the auditors`;
  assert.equal(formatPair(comment('online'), comment('offline')), ['Orders placed online through the web shop, kept seven years…', 'Orders placed offline through the web shop, kept seven year…']);
});

test('a long CHECK expression or view definition changed in several places shows each place', () => {
  const check = (upper: number[]) => Array.from({ length: 150 }, (_, i) => `(s = '${upper.includes(i) ? 'VAL' : 'val'}_${i}'::text)`).join(' OR ');
  assert.equal(formatPair(check([]), check([20, 90, 140])), ["… 'val_20'::text) … 'val_90'::text) … 'val_140'::text) …", "… 'VAL_20'::text) … 'VAL_90'::text) … 'VAL_140'::text) …"]);
  // places whose changed words alone pass the line's width are all still shown
  const view = (changed: number[]) => ` SELECT ${Array.from({ length: 300 }, (_, i) => (changed.includes(i) ? `(wide.c${i} + 1) AS c${i}` : `wide.c${i}`)).join(',\n    ')}\n   FROM wide;`;
  const [from, to] = formatPair(view([]), view([30, 150, 250]));
  for (const n of [30, 150, 250]) assert.match(to, `(wide.c${n} + 1) AS c${n}`), assert.match(from, `wide.c${n},`);
  // a body of megabytes changed in two lines far apart (past the word-alignment bound): both shown
  const body = (a: number, b: number) => `BEGIN\n${Array.from({ length: 100_000 }, (_, i) => `  PERFORM ${i} + ${i === 20_000 ? a : i === 80_000 ? b : 1};`).join('\n')}\nEND`;
  assert.equal(formatPair(body(1, 1), body(2, 3)), ['… + 1; PERFORM … + 1; PERFORM …', '… + 2; PERFORM … + 3; PERFORM …']);
  // one place, or only the spacing changed: shown from where they first differ, as before
  assert.equal(formatPair(check([]), check([90])), ["…'val_89'::text) OR (s = 'val_90'::text) OR (s = 'val_91'::…", "…'val_89'::text) OR (s = 'VAL_90'::text) OR (s = 'val_91'::…"]);
  const [spaced, broken] = formatPair(check([]), check([]).replace(/ OR /g, '\n    OR '));
  assert.equal([spaced, broken], ["(s = 'val_0'::text) OR (s = 'val_1'::text) OR (s = 'val_2':…", "(s = 'val_0'::text)⏎    OR (s = 'val_1'::text)⏎    OR (s = …"]);
});

test('texts that differ only after a line break are told apart too', () => {
  assert.equal(formatPair('BEGIN\n  RETURN 1;\nEND', 'BEGIN\n  RETURN 2;\nEND'), ['BEGIN⏎  RETURN 1;⏎END', 'BEGIN⏎  RETURN 2;⏎END']);
});

test("a text given more lines shows them: its first line alone would read as if nothing was added", () => {
  assert.equal(formatPair('customer orders', 'customer orders\nDEPRECATED: use purchases'), ['customer orders', 'customer orders⏎DEPRECATED: use purchases']);
  assert.equal(formatPair(null, 'Orders placed online.\nKept 7 years.'), ['(none)', 'Orders placed online.⏎Kept 7 years.']);
});

test('Markdown: a value with a pipe, after a backslash too, stays in its table cell', () => {
  const change: Change = { action: 'modify', kind: 'column', object: 'public.t.a|b', path: 'public/tables/t.yaml', attribute: 'default', from: "'x\\|y'::text", to: "'p|q'::text", impact: 'safe' };
  const summary = { added: 0, removed: 0, modified: 1, renamed: 0, breaking: 0, caution: 0, safe: 1 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const page = marked.parse(renderMarkdown({ from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderMarkdown>[0]), { async: false });
  const row = [...page.matchAll(/<tr>\n(<td>[\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => r.includes('modified'))!;
  const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'"));
  assert.equal(cells, ['column modified', 'public.t.a|b', "default: 'x\\|y'::text → 'p|q'::text"]);
});


test('names with a dot are quoted where names are joined with dots: schema s.x table t.y is not schema s table x.t.y', () => {
  const path = 's.x/tables/t.y.yaml';
  const changes: Change[] = [
    { action: 'modify', kind: 'column', object: 's.x.t.y.c.z', attribute: 'type', from: 'integer', to: 'bigint', path, impact: 'caution' },
    { action: 'add', kind: 'foreign_key', object: 's.x.t.y.foreign_key(d)', definition: '(d) REFERENCES "a.b".c (id)', path, impact: 'safe' },
    { action: 'add', kind: 'routine', object: 'public.f.g(integer)', path: 'public/routines/f.g(integer).yaml', impact: 'safe' },
    { action: 'add', kind: 'column', object: 'public.t.b', definition: 'integer', path: 'public/tables/t.yaml', impact: 'safe' },
  ];
  const summary = { added: 3, removed: 0, modified: 1, renamed: 0, breaking: 0, caution: 1, safe: 3 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes } as Parameters<typeof renderMarkdown>[0];
  const text = renderText(doc, (_style, t) => t);
  assert.ok(text.includes('~ table "s.x"."t.y"  caution'), text.join('\n'));
  assert.ok(text.includes('    ~ column "c.z" type: integer → bigint  caution'));
  assert.ok(text.includes('+ routine public."f.g"(integer)  safe'));
  assert.ok(text.includes('~ table public.t  safe'));
  assert.equal(renderText(doc, (_style, t) => t, { nameOnly: true }), ['"s.x"."t.y"', 'public."f.g"(integer)', 'public.t']);
  const markdown = renderMarkdown(doc);
  for (const cell of ['`"s.x"."t.y"."c.z"`', '`"s.x"."t.y".foreign_key(d)`', '`public."f.g"(integer)`', '`public.t.b`']) assert.ok(markdown.includes(`| ${cell} |`), cell);
  assert.is(changeSummaryLine(changes[0]!), 'caution modify column "s.x"."t.y"."c.z" type: integer → bigint');
});

test('two texts that print alike show the characters they differ in exactly: é composed or not, a no-break space, an escape and its text', () => {
  assert.equal(formatPair('caf\u00e9', 'cafe\u0301'), ['caf\\u00e9', 'cafe\\u0301']);
  assert.equal(formatPair('a b', 'a\u00a0b'), ['a b', 'a\\u00a0b']);
  // a control shows as its escape: the same text written out has its backslash doubled
  assert.equal(formatPair('x \\u001b', 'x \u001b'), ['x \\\\u001b', 'x \\u001b']);
  // text that reads the same only as a whole, not place by place
  assert.equal(formatPair('\u00e9e', 'e\u0301e'), ['\\u00e9e', 'e\\u0301e']);
  // an enum label changed in a long list, a renamed table
  const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  assert.equal(formatPair([...labels, 'caf\u00e9'], [...labels, 'cafe\u0301']), ['[…, g, caf\\u00e9]', '[…, g, cafe\\u0301]']);
  const renamed: Change = { action: 'rename', kind: 'table', object: 'public.e\u0301', from: '\u00e9', to: 'e\u0301', path: 'public/tables/e\u0301.yaml', impact: 'breaking' };
  assert.is(changeSummaryLine(renamed), 'breaking rename table public.e\u0301 \\u00e9 → e\\u0301');
  // what reads differently prints as written, non-ASCII and all
  assert.equal(formatPair('Größe', 'Grösse'), ['Größe', 'Grösse']);
  assert.equal(formatPair('café au lait', 'café noir'), ['café au lait', 'café noir']);
});

test('a difference printing hides shows beside one that shows: a CR dropped from a view that changed elsewhere too', () => {
  const view = (crlf: string, byte: string) => `CREATE VIEW v AS SELECT 'a${crlf}b' AS x, X'00${byte}' AS y`;
  assert.equal(formatPair(view('\r\n', 'fe'), view('\n', 'ff')), ["CREATE VIEW v AS SELECT 'a␍⏎b' AS x, X'00fe' AS y", "CREATE VIEW v AS SELECT 'a⏎b' AS x, X'00ff' AS y"]);
  assert.equal(formatPair('caf\u00e9 X', 'cafe\u0301 Y'), ['caf\\u00e9 X', 'cafe\\u0301 Y']);
  // every line of a long text: paired line by line, not given up as one place too long to compare
  const long = (eol: string, last: string) => `${Array.from({ length: 60 }, (_, i) => `line ${i} of a view's definition`).join(eol)}${eol}${last}`;
  const [from, to] = formatPair(long('\r\n', 'A'), long('\n', 'B'));
  assert.match(from, /definition␍ … definition␍/);
  assert.not.match(to, /␍/);
});

test('a text past 10,000 characters whose excerpts would read the same spells out what differs', () => {
  const long = 'x'.repeat(12_000);
  const [from, to] = formatPair(`${long} caf\u00e9 tail`, `${long} cafe\u0301 tail`);
  assert.not.equal(from, to);
  assert.match(from, /caf\\u00e9/);
  assert.match(to, /cafe\\u0301/);
});

test('a rename between names that read the same is spelled out in Markdown as in text', () => {
  const change: Change = { action: 'rename', kind: 'column', object: 'public.t.e\u0301', from: '\u00e9', to: 'e\u0301', path: 'public/tables/t.yaml', impact: 'breaking' };
  const summary = { added: 0, removed: 0, modified: 0, renamed: 1, breaking: 1, caution: 0, safe: 0 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderMarkdown>[0];
  assert.match(renderMarkdown(doc), '`\\u00e9` → `e\\u0301`');
});

test('an item moved in a long list of long names is shown with its neighbours: alone it reads the same on both sides', () => {
  const name = (n: number) => `column_with_a_rather_long_descriptive_name_${n}`;
  const from = [1, 2, 3, 4, 5, 6, 7].map(name);
  const to = [1, 2, 4, 3, 5, 6, 7].map(name);
  const [a, b] = formatPair(from, to);
  assert.is.not(a, b);
  assert.ok(a.includes(name(3)) && b.includes(name(3)), `${a}\n${b}`);
});

test('a name printing would hide part of (a blank at an end, a control, an invisible character) is quoted in the text diff, history and the one-line form; ordinary names read as ever', () => {
  const path = (name: string) => objectPath({ schema: 'public', kind: 'table', name } as SchemaObject).join('/');
  const changes: Change[] = [
    { action: 'add', kind: 'table', object: 'public.t ', path: path('t '), impact: 'safe' },
    { action: 'add', kind: 'table', object: 'public.t', path: path('t'), impact: 'safe' },
    { action: 'add', kind: 'table', object: 'public.t\u200b', path: path('t\u200b'), impact: 'safe' },
    { action: 'rename', kind: 'table', object: 'public.u ', from: 'u', to: 'u ', path: path('u '), impact: 'breaking' },
    { action: 'add', kind: 'column', object: 'public.orders. total', definition: 'integer', path: path('orders'), impact: 'safe' },
    { action: 'add', kind: 'column', object: 'public.orders.a\tb', definition: 'integer', path: path('orders'), impact: 'safe' },
    { action: 'add', kind: 'column', object: 'public.orders.rtl\u202e', definition: 'integer', path: path('orders'), impact: 'safe' },
    { action: 'rename', kind: 'column', object: 'public.orders.note ', from: 'note', to: 'note ', path: path('orders'), impact: 'breaking' },
    // ordinary names: letters of any script, a space inside, as they always read
    { action: 'modify', kind: 'column', object: 'public.orders.Größe der Bestellung', attribute: 'type', from: 'integer', to: 'bigint', path: path('orders'), impact: 'caution' },
    { action: 'add', kind: 'index', object: 'public.orders.注文_idx', path: path('orders'), impact: 'safe' },
  ];
  const summary = { added: 7, removed: 0, modified: 1, renamed: 2, breaking: 2, caution: 1, safe: 7 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const doc = { from: endpoint, to: endpoint, summary, changes } as Parameters<typeof renderText>[0];
  const text = renderText(doc, (_style, t) => t);
  for (const line of ['+ table public."t "  safe', '+ table public.t  safe', '+ table public."t\\u200b"  safe', '    > u → "u "  breaking']) assert.ok(text.includes(line), `${line}\n${text.join('\n')}`);
  const columnLines = [
    '    + column " total" integer  safe',
    '    + column "a\\u0009b" integer  safe',
    '    + column "rtl\\u202e" integer  safe',
    '    > column note → "note "  breaking',
    '    ~ column Größe der Bestellung type: integer → bigint  caution',
    '    + index 注文_idx  safe',
  ];
  for (const line of columnLines) assert.ok(text.includes(line), `${line}\n${text.join('\n')}`);
  assert.equal(renderChangeLines(changes.slice(4), (_style, t) => t), columnLines);
  assert.equal(renderText(doc, (_style, t) => t, { nameOnly: true }), ['public."t "', 'public.t', 'public."t\\u200b"', 'public."u "', 'public.orders']);
  assert.is(changeSummaryLine(changes[7]!), 'breaking rename column public.orders."note " note → "note "');
  assert.is(changeSummaryLine(changes[8]!), 'caution modify column public.orders.Größe der Bestellung type: integer → bigint');
});

test('blanks at an end that changed are shown, quoted, beside a change that shows too, however long the text', () => {
  assert.equal(formatPair('a comment ', 'another comment'), ['"a comment "', '"another comment"']);
  assert.equal(formatPair(' 0', '1'), ['" 0"', '"1"']);
  assert.equal(formatPair('', ' '), ['""', '" "']);
  // a long text: the blank at its end is a place of its own, beside the word changed far before it
  const long = (word: string, tail: string) => `${'word '.repeat(20)}${word} ${'more '.repeat(20)}end${tail}`;
  assert.equal(formatPair(long('a', ''), long('b', ' ')), ['"… word a more … more end"', '"… word b more … more end "']);
  const view = (n: number, tail: string) => ` SELECT ${Array.from({ length: 30 }, (_, i) => `t.c${i}`).join(', ')}\n   FROM t\n  WHERE t.total > ${n}${tail}`;
  assert.equal(formatPair(view(1, ''), view(2, '  ')), ['"…WHERE t.total > 1"', '"…WHERE t.total > 2  "']);
  const renamed = (name: string, tail: string) => view(1, tail).replace('t.c3,', `${name},`);
  assert.equal(formatPair(renamed('t.c3', ''), renamed('t.d3', ' ')), ['"… t.c2, t.c3, t.c4, … > 1"', '"… t.c2, t.d3, t.c4, … > 1 "']);
  // a line break or a tab at an end shows as itself
  assert.equal(formatPair('x\t', 'y'), ['x\\u0009', 'y']);
  assert.equal(formatPair(view(1, ''), view(2, '\n')), ['…WHERE t.total > 1', '…WHERE t.total > 2⏎']);
  const change: Change = { action: 'modify', kind: 'column', object: 'public.t.c', attribute: 'comment', from: 'a comment ', to: 'another comment', path: 'public/tables/t.yaml', impact: 'safe' };
  const summary = { added: 0, removed: 0, modified: 1, renamed: 0, breaking: 0, caution: 0, safe: 1 };
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const text = renderText({ from: endpoint, to: endpoint, summary, changes: [change] } as Parameters<typeof renderText>[0], (_style, t) => t);
  assert.ok(text.includes('    ~ column c comment: "a comment " → "another comment"  safe'), text.join('\n'));
});

test.run();
