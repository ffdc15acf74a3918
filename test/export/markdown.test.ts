// The Markdown docs rendered from hand-made snapshots (no database): what database text can do to
// the page once a Markdown renderer (marked, as GitHub-flavoured as it gets) has read it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { marked } from 'marked';
import { renderMarkdown } from '../../src/export/markdown.js';
import type { SchemaObject, Snapshot, Table } from '../../src/model/types.js';
import { column, snapshot, table } from '../helpers/models.js';

const PROVENANCE = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567', date: '2024-01-01T00:00:00.000Z' };

const render = (s: Snapshot) => renderMarkdown(s, PROVENANCE);
const html = (markdown: string) => marked.parse(markdown, { async: false });

/** HTML text as the reader sees it: tags dropped, <br> a line break, character references decoded. */
function textOf(fragment: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return fragment
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+);/g, (_, ref: string) => (ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : named[ref]!));
}

const headings = (page: string) => [...page.matchAll(/<h(\d)>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${textOf(m[2]!)}`);

/** The element that follows a heading (a comment's paragraph, a code block, …), as HTML. */
function after(page: string, heading: string): string {
  const start = page.indexOf(`${heading}</h3>\n`);
  assert.ok(start >= 0, heading);
  return page.slice(start + heading.length + 6).split('\n')[0]!;
}

/** One object's section as Markdown: from its heading to the next anchor. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`### ${heading}\n`);
  assert.ok(start >= 0, heading);
  return markdown.slice(start).split('\n<a id=')[0]!.trimEnd();
}

const HOSTILE_COMMENT = ['<img src=x onerror=alert(1)>', '# heading\ttab', '[x](javascript:alert(1))', '    indented', '> quote', '* item', '1. one', '&lt;b&gt; $x$ ~~y~~ _z_ \\'].join('\n');
const FENCED_VIEW = "SELECT '```\n# not a heading\n~~~' AS x;";

function hostileSnapshot(): Snapshot {
  const s = snapshot([
    table('star', [column('id')], { comment: '```' }),
    table('img', [column('&lt;x&gt;', 'integer', { comment: '[x](javascript:alert(1))\n<b>bold</b>\ttab' })], { comment: HOSTILE_COMMENT }),
    table('<script>alert(1)</script>', [column('id')]),
    { kind: 'view', schema: 'public', name: 'vfence', definition: FENCED_VIEW, comment: '    four spaces' },
  ]);
  s.schemas[0]!.comment = '- not a list\n## not a heading';
  return s;
}

test('comments and SQL bodies render as the text they are: no markup, no HTML, no fence that swallows the page', () => {
  const page = html(render(hostileSnapshot()));
  assert.equal(headings(page), [
    'h1 Schema of app',
    'h2 Contents',
    'h2 Schema public',
    'h3 Table public.<script>alert(1)</script>',
    'h3 Table public.img',
    'h3 Table public.star',
    'h3 View public.vfence',
  ]);
  assert.is(page.match(/<table>/g)?.length, 3, 'every table keeps its column table');
  // the only HTML on the page is the renderer's own and the anchors
  const tags = new Set([...page.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
  assert.equal([...tags].filter((t) => !['h1', 'h2', 'h3', 'p', 'ul', 'li', 'strong', 'a', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br'].includes(t!)), []);
  assert.not.match(page, /<a (?!id="[\p{L}\p{N}.-]+"><\/a>|href="#[\p{L}\p{N}.-]+">)/u);

  assert.is(textOf(after(page, 'Table <code>public.img</code>')), HOSTILE_COMMENT);
  assert.is(textOf(after(page, 'Table <code>public.star</code>')), '```');
  assert.is(textOf(after(page, 'View <code>public.vfence</code>')), '    four spaces');
  assert.match(page, /<p>- not a list<br>## not a heading<\/p>/);
  const sql = /<pre><code class="language-sql">([^]*?)<\/code><\/pre>/.exec(page);
  assert.is(textOf(sql![1]!), `${FENCED_VIEW}\n`);
  const cells = [...page.matchAll(/<td>(.*?)<\/td>/g)].map((m) => textOf(m[1]!));
  assert.ok(cells.includes('&lt;x&gt;'), cells.join(' | '));
  assert.ok(cells.includes('[x](javascript:alert(1))\n<b>bold</b>\ttab'), cells.join(' | '));
});

// Sakila's get_customer_balance has two blank lines in a row: the docs must show the body as it is.
test('blank lines inside a definition are kept as they are; those between blocks are one', () => {
  const body = 'BEGIN\n\n\n  RETURN 1;\n\n\n\nEND';
  const trigger = 'CREATE TRIGGER t\n\n\nEXECUTE f()';
  const markdown = render(
    snapshot([
      { kind: 'view', schema: 'public', name: 'v', definition: `SELECT 1\n\n\nUNION SELECT 2` },
      { kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: [], arguments: '', definition: body },
      table('t', [column('id')], { triggers: [{ name: 't', timing: 'before', events: ['insert'], definition: trigger }] }),
    ]),
  );
  const blocks = [...html(markdown).matchAll(/<pre><code class="language-sql">([^]*?)<\/code><\/pre>/g)].map((m) => textOf(m[1]!));
  assert.equal(blocks.sort(), [`${body}\n`, `${trigger}\n`, 'SELECT 1\n\n\nUNION SELECT 2\n'].sort());
  assert.not.match(markdown.replace(/```sql\n[^]*?```/g, 'code'), /\n\n\n/);
});

test('a body of 200,000 lines is written whole (spread into an array, its lines overflowed the stack)', () => {
  const body = `BEGIN\n${'  IF true THEN NULL; END IF;\n'.repeat(200_000)}END`;
  const markdown = render(snapshot([{ kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: [], arguments: '', definition: body }]));
  assert.ok(markdown.includes(`\`\`\`sql\n${body}\n\`\`\``));
});

test('names in the Contents are text, not HTML', () => {
  const markdown = render(hostileSnapshot());
  assert.match(markdown, /\[&lt;script&gt;alert\\\(1\\\)&lt;\/script&gt;\]\(#/);
  assert.match(html(markdown), /<a href="#[^"]+">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a>/);
});

// marked reads escaped brackets in a link's text as a link or image when `(` follows; `** **` is a thematic break.
test('a name that spells a link or image, or is spaces alone, stays text in the Contents', () => {
  const page = html(render(snapshot([table('+![x](https://x.example/p.png)', [column('id')]), table('[a](javascript:b)', [column('id')])], { schemas: ['public', '  '] })));
  const contents = page.slice(page.indexOf('<h2>Contents</h2>'), page.indexOf('<h2>Schema'));
  assert.not.match(contents, /<img|<hr|href="(?!#)/);
  assert.equal([...contents.matchAll(/<a href="#[^"]+">(.*?)<\/a>/g)].map((m) => textOf(m[1]!)), ['+![x](https://x.example/p.png)', '[a](javascript:b)']);
  const spaced = html(render(snapshot([table('t', [column('id')], {}, '  ')])));
  assert.not.match(spaced, /<hr>/);
  assert.is(textOf(/<li><strong>(.*?)<\/strong>/.exec(spaced)![1]!), '  ');
});

test('names wrapped in double underscores stay as written, without emphasis, in cells, links and comments', () => {
  const names = ['__dunder__', '__hevo__ingested_at', '_a__b_', 'snake_case', 'x__y'];
  const page = html(render(snapshot([table('__t__', names.map((name) => column(name, 'integer', { comment: `see ${name} or __${name}__` })))])));
  assert.not.match(page, /<em>|<strong>(?!public<)/);
  const cells = [...page.matchAll(/<td>(.*?)<\/td>/g)].map((m) => textOf(m[1]!));
  for (const name of names) {
    assert.ok(cells.includes(name), name);
    assert.ok(cells.includes(`see ${name} or __${name}__`), name);
  }
  assert.match(page, /<a href="#public\.-t-">__t__<\/a>/);
});

test('a name with a space at each end keeps its spaces in code', () => {
  const page = html(render(snapshot([table(' padded ', [column('id')], { primary_key: { name: ' pk ', columns: ['id'] } })])));
  assert.ok(headings(page).includes('h3 Table public. padded '), headings(page).join('\n'));
  assert.match(page, /<strong>Primary key<\/strong> <code> pk <\/code>/);
});

test('anchors are unique and every Contents link lands on its own object', () => {
  const s = snapshot(
    [
      table('A B', [column('id')]),
      table('a-b', [column('id')]),
      table('a_b', [column('id')]),
      table('a-b-2', [column('id')]),
      table('y.z', [column('id')], {}, 'x'),
      table('z', [column('id')], {}, 'x.y'),
    ],
    { schemas: ['public', 'x', 'x.y'] },
  );
  const markdown = render(s);
  const page = html(markdown);
  const ids = [...page.matchAll(/<a id="([^"]+)"><\/a><\/p>\s*<h3>[^<]*<code>([^<]*)<\/code><\/h3>/g)].map((m) => [m[1]!, textOf(m[2]!)] as const);
  assert.is(ids.length, 6);
  assert.is(new Set(ids.map(([id]) => id)).size, 6, ids.join(' '));
  const headingOf = new Map(ids);
  const links = [...page.matchAll(/<li><strong>([^<]*)<\/strong>|<a href="#([^"]+)">([^<]*)<\/a>/g)];
  let schema = '';
  for (const [, strong, id, text] of links) {
    if (strong !== undefined) schema = textOf(strong);
    // a name with a dot is quoted in its heading: schema x's `y.z` is not schema x.y's `z`
    else assert.is(headingOf.get(id!), [schema, textOf(text!)].map((n) => (n.includes('.') ? `"${n}"` : n)).join('.'), id);
  }
  assert.is(links.length, 9);
  assert.equal(render(s), markdown, 'the same ids every time');
  assert.match(markdown, /\[A B\]\(#public.a-b\), \[a-b\]\(#public.a-b-2\), \[a-b-2\]\(#public.a-b-2-2\), \[a_b\]\(#public.a-b-3\)/);
  assert.match(markdown, /\[y.z\]\(#x.y-z\)\n.*\n  - tables: \[z\]\(#x-y.z\)/);
});

const EVERY_KIND: SchemaObject[] = [
  table('t', [column('id')]),
  { kind: 'view', schema: 'public', name: 'v', definition: 'SELECT 1' },
  { kind: 'materialized_view', schema: 'public', name: 'mv', definition: 'SELECT 1' },
  { kind: 'sequence', schema: 'public', name: 's', type: 'bigint', start: 100, increment: 5, max: '9223372036854775807', cycle: false, owned_by: 'public.t.id' },
  { kind: 'type', schema: 'public', name: 'mood', type: 'enum', values: ['sad', 'happy'], comment: 'How it feels' },
  { kind: 'type', schema: 'public', name: 'posint', type: 'domain', base_type: 'integer', nullable: false, default: '1', checks: [{ name: 'posint_check', expression: '(VALUE > 0)' }] },
  { kind: 'type', schema: 'public', name: 'pair', type: 'composite', attributes: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'text', collation: '"C"', comment: 'second' }] },
  {
    kind: 'routine',
    schema: 'public',
    name: 'add1',
    routine_type: 'function',
    argument_types: ['integer'],
    arguments: 'a integer',
    returns: 'integer',
    language: 'sql',
    volatility: 'immutable',
    strict: true,
    security: 'invoker',
    definition: 'CREATE FUNCTION public.add1(a integer) RETURNS integer\n LANGUAGE sql\nAS $$select a + 1 -- ``` not a fence$$\n',
  },
  { kind: 'routine', schema: 'public', name: 'now_utc', routine_type: 'function', argument_types: [], arguments: '', returns: 'timestamp', language: 'sql', definition: 'SELECT 1' },
  { kind: 'extension', schema: 'public', name: 'pg_trgm', version: '1.6' },
  { kind: 'event', schema: 'public', name: 'nightly', schedule: 'EVERY 1 DAY', status: 'enabled', definition: 'DELETE FROM t' },
  { kind: 'virtual_table', schema: 'public', name: 'docs', module: 'fts5', arguments: ['body'], definition: 'CREATE VIRTUAL TABLE docs USING fts5(body)' },
  { kind: 'unknown', schema: 'public', name: 'mycoll', object_type: 'collation', raw: { collprovider: 'i', collencoding: -1, locale: { icu: 'de' } } },
];

test('every kind of object has a heading and shows what the model holds for it', () => {
  const markdown = render(snapshot(EVERY_KIND));
  const sections = headings(html(markdown)).filter((h) => h.startsWith('h3 '));
  assert.equal(sections, [
    'h3 Event public.nightly',
    'h3 Extension public.pg_trgm',
    'h3 Materialized view public.mv',
    'h3 Routine public.add1(integer)',
    'h3 Routine public.now_utc()',
    'h3 Sequence public.s',
    'h3 Table public.t',
    'h3 Type public.mood',
    'h3 Type public.pair',
    'h3 Type public.posint',
    'h3 Unknown public.mycoll',
    'h3 View public.v',
    'h3 Virtual table public.docs',
  ]);
  assert.match(section(markdown, 'Routine `public.now_utc()`'), /- \*\*Arguments\*\*: none\n/);
  assert.is(
    section(markdown, 'Routine `public.add1(integer)`'),
    [
      '### Routine `public.add1(integer)`',
      '',
      '- **Kind**: function',
      '- **Arguments**: `a integer`',
      '- **Returns**: `integer`',
      '- **Language**: `sql`',
      '- **Volatility**: immutable',
      '- **Strict**: yes',
      '- **Security**: invoker',
      '',
      '````sql',
      'CREATE FUNCTION public.add1(a integer) RETURNS integer',
      ' LANGUAGE sql',
      'AS $$select a + 1 -- ``` not a fence$$',
      '````',
    ].join('\n'),
  );
  assert.is(
    section(markdown, 'Sequence `public.s`'),
    '### Sequence `public.s`\n\n- **Type**: `bigint`\n- **Start**: 100\n- **Increment**: 5\n- **Maximum**: 9223372036854775807\n- **Cycle**: no\n- **Owned by**: `public.t.id`',
  );
  assert.is(section(markdown, 'Type `public.mood`'), '### Type `public.mood`\n\nHow it feels\n\n- **Kind**: enum\n- **Values**: `sad`, `happy`');
  assert.is(
    section(markdown, 'Type `public.posint`'),
    '### Type `public.posint`\n\n- **Kind**: domain\n- **Base type**: `integer`\n- **Nullable**: no\n- **Default**: `1`\n- **Check** `posint_check`: `(VALUE > 0)`',
  );
  assert.is(
    section(markdown, 'Type `public.pair`'),
    '### Type `public.pair`\n\n- **Kind**: composite\n\n| # | attribute | type | comment |\n|---|---|---|---|\n| 1 | a | integer |  |\n| 2 | b | text COLLATE "C" | second |',
  );
  assert.is(section(markdown, 'Extension `public.pg_trgm`'), '### Extension `public.pg_trgm`\n\n- **Version**: `1.6`');
  assert.is(
    section(markdown, 'Event `public.nightly`'),
    '### Event `public.nightly`\n\n- **Schedule**: `EVERY 1 DAY`\n- **Status**: enabled\n\n```sql\nDELETE FROM t\n```',
  );
  assert.is(
    section(markdown, 'Virtual table `public.docs`'),
    '### Virtual table `public.docs`\n\n- **Module**: `fts5`\n- **Arguments**: `body`\n\n```sql\nCREATE VIRTUAL TABLE docs USING fts5(body)\n```',
  );
  assert.is(
    section(markdown, 'Unknown `public.mycoll`'),
    '### Unknown `public.mycoll`\n\n- **Object type**: `collation`\n- `collencoding`: `-1`\n- `collprovider`: `i`\n- `locale`: `{"icu":"de"}`',
  );
});

test('tables, views and schemas show keys, constraint states, row security, policies, options and index details', () => {
  const orders = table(
    'orders',
    [
      column('id', 'int(11)', { nullable: false, auto_increment: true }),
      column('updated', 'timestamp', { default: 'CURRENT_TIMESTAMP', on_update: 'CURRENT_TIMESTAMP' }),
      column('code', 'text', { identity: 'always' }),
      column('cust', 'integer'),
    ],
    {
      primary_key: { name: 'orders_pkey', columns: ['id'], deferrable: true },
      unique_constraints: [{ name: 'orders_code', columns: ['code'], nulls_not_distinct: true }],
      checks: [{ name: 'positive', expression: 'id > 0', validated: false }, { name: 'lax', expression: 'cust > 0', enforced: false }],
      exclusion_constraints: [{ name: 'no_overlap', definition: 'EXCLUDE USING gist (cust WITH =)' }],
      foreign_keys: [{ name: 'orders_cust', columns: ['cust'], references: { schema: 'public', table: 'orders', columns: ['id'] }, on_delete: 'cascade', match: 'full', deferrable: true, initially_deferred: true, validated: false }],
      row_security: { enabled: true, forced: true },
      policies: [{ name: 'own', command: 'all', permissive: false, roles: ['app', 'admin'], using: '(owner = CURRENT_USER)', with_check: 'true' }],
      options: { engine: 'InnoDB', charset: 'utf8mb4' },
      indexes: [{ name: 'by_code', columns: [{ column: 'code', length: 10, descending: true, nulls: 'last' }], include: ['cust'], unique: true, nulls_not_distinct: true, method: 'btree', where: 'id > 0' }],
      triggers: [{ name: 'touch', timing: 'BEFORE', events: ['UPDATE'], definition: 'CREATE TRIGGER touch …' }],
    },
  );
  const views: SchemaObject[] = [
    { kind: 'materialized_view', schema: 'public', name: 'totals', definition: 'SELECT 1 AS n', columns: [{ name: 'n' }], indexes: [{ name: 'totals_n', columns: ['n'], unique: false, method: 'btree' }] },
    { kind: 'view', schema: 'public', name: 'open_orders', definition: 'SELECT * FROM orders', check_option: 'cascaded', options: { security_barrier: true } },
  ];
  const s = snapshot([orders, ...views]);
  s.schemas[0]!.options = { charset: 'utf8mb4' };
  const markdown = render(s);
  assert.match(markdown, /\n## Schema `public`\n\n- \*\*Options\*\*: `charset=utf8mb4`\n\n<a id=/);
  assert.is(
    section(markdown, 'Table `public.orders`'),
    [
      '### Table `public.orders`',
      '',
      '| # | column | type | nullable | default | comment |',
      '|---|---|---|---|---|---|',
      '| 1 | id | int(11) | no | auto increment |  |',
      '| 2 | updated | timestamp | yes | CURRENT_TIMESTAMP<br>on update CURRENT_TIMESTAMP |  |',
      '| 3 | code | text | yes | identity (always) |  |',
      '| 4 | cust | integer | yes |  |  |',
      '',
      '- **Primary key** `orders_pkey`: `id`, deferrable',
      '- **Unique** `orders_code`: `code`, nulls not distinct',
      '- **Check** `lax`: `cust > 0`, not enforced',
      '- **Check** `positive`: `id > 0`, not valid',
      '- **Exclude** `no_overlap`: `EXCLUDE USING gist (cust WITH =)`',
      '- **References** `cust` → `public.orders` (`id`) via `orders_cust`, on delete cascade, match full, deferrable initially deferred, not valid',
      '- **Referenced by** `public.orders` (`cust`) via `orders_cust`',
      '- **Row security**: enabled, forced',
      '- **Policy** `own`: restrictive, for all to `app`, `admin`, using `(owner = CURRENT_USER)`, with check `true`',
      '- **Options**: `charset=utf8mb4`, `engine=InnoDB`',
      '',
      '| index | columns | unique | method | where |',
      '|---|---|---|---|---|',
      '| by_code | code(10) DESC NULLS LAST INCLUDE (cust) | yes, nulls not distinct | btree | id &gt; 0 |',
      '',
      '- **Trigger** `touch`: BEFORE UPDATE',
      '  ```sql',
      '  CREATE TRIGGER touch …',
      '  ```',
    ].join('\n'),
  );
  assert.is(
    section(markdown, 'Materialized view `public.totals`'),
    '### Materialized view `public.totals`\n\nColumns: `n`\n\n| index | columns | unique | method | where |\n|---|---|---|---|---|\n| totals_n | n | no | btree |  |\n\n```sql\nSELECT 1 AS n\n```',
  );
  assert.is(
    section(markdown, 'View `public.open_orders`'),
    '### View `public.open_orders`\n\n- **Check option**: cascaded\n- **Options**: `security_barrier=true`\n\n```sql\nSELECT * FROM orders\n```',
  );
});

/** Database text with markup of every kind: HTML, a pipe that would end a table cell, code, emphasis, a heading line. */
const MARKUP = '<b>x</b> | `y` *z*\n# h';
/** MARKUP as a cell or the rest of a line holds it. */
const ESCAPED = '&lt;b&gt;x&lt;/b&gt; \\| \\`y\\` \\*z\\*<br># h';

function detailedSnapshot(): Snapshot {
  const t = table(
    't',
    [
      column('name', 'text', { collation: MARKUP, options: { storage: 'external', note: MARKUP } }),
      column('code', 'varchar(3)', { nullable: false, charset: 'latin1', collation: 'latin1_bin', hidden: true, generated: { expression: 'upper(name)', stored: true } }),
    ],
    {
      primary_key: { name: 'pk', columns: ['code'], comment: MARKUP },
      unique_constraints: [{ name: 'uq', columns: ['name'], comment: 'unique name' }],
      checks: [{ name: 'ck', expression: 'code <> name', column: 'code', comment: MARKUP }],
      exclusion_constraints: [{ name: 'ex', definition: 'EXCLUDE (code WITH =)', comment: 'no twins' }],
      foreign_keys: [{ name: 'fk', columns: ['code'], references: { schema: 'public', table: 't', columns: ['code'] }, comment: MARKUP }],
      policies: [{ name: 'p', command: 'select', permissive: true, roles: ['app'], comment: MARKUP }],
      partitioning: { strategy: 'range', key: 'code', partitions: [{ name: 'p0', bound: '10', comment: MARKUP, subpartitions: ['p0a', 'p0b'] }, { name: 'p1', bound: 'MAXVALUE', subpartitions: ['p1a', { name: 'p1b', comment: MARKUP }] }] },
      indexes: [
        { name: 'i', columns: ['name'], unique: false, comment: MARKUP, options: { fillfactor: 70, note: 'a|b' }, definition: 'CREATE INDEX i ON public.t (name)' },
        { name: 'j', columns: ['code'], unique: true },
      ],
      triggers: [
        { name: 'tr', timing: 'before', events: ['update'], columns: ['name', 'code'], level: 'row', when: '(new.name <> old.name)', enabled: 'disabled', comment: MARKUP, options: { action_order: 2 }, definition: 'CREATE TRIGGER tr\n\n```\n# not a heading' },
      ],
    },
  );
  return snapshot([
    t,
    {
      kind: 'view',
      schema: 'public',
      name: 'v',
      definition: 'SELECT name FROM t',
      columns: [{ name: 'name', type: 'text', default: "'x'", comment: MARKUP }, { name: 'n', type: 'integer' }],
      triggers: [{ name: 'vt', timing: 'instead of', events: ['insert'], level: 'statement', enabled: 'replica', definition: 'CREATE TRIGGER vt' }],
    },
    { kind: 'materialized_view', schema: 'public', name: 'mv', definition: 'SELECT 1 AS n', columns: [{ name: 'n', type: 'integer' }] },
    { kind: 'sequence', schema: 'public', name: 's', options: { engine: 'InnoDB' } },
    { kind: 'event', schema: 'public', name: 'e', schedule: 'EVERY 1 DAY', definition: 'DELETE FROM t', options: { time_zone: '+02:00' } },
    { kind: 'type', schema: 'public', name: 'pair', type: 'composite', attributes: [{ name: 'a', type: 'integer' }] },
  ]);
}

test('collations, column options, comments on keys, indexes, triggers and partitions, trigger conditions and view columns are shown', () => {
  const markdown = render(detailedSnapshot());
  assert.is(
    section(markdown, 'Table `public.t`'),
    [
      '### Table `public.t`',
      '',
      '| # | column | type | nullable | default | comment | options |',
      '|---|---|---|---|---|---|---|',
      // options are sorted; in code as in the cell beside it a line break shows as one
      `| 1 | name | text COLLATE ${ESCAPED} | yes |  |  | <code>note=${ESCAPED}</code>, \`storage=external\` |`,
      '| 2 | code | varchar(3) CHARACTER SET latin1 COLLATE latin1_bin | no | generated (stored): upper(name) |  | hidden |',
      '',
      `- **Primary key** \`pk\`: \`code\` — ${ESCAPED}`,
      '- **Unique** `uq`: `name` — unique name',
      `- **Check** \`ck\` on \`code\`: \`code <> name\` — ${ESCAPED}`,
      '- **Exclude** `ex`: `EXCLUDE (code WITH =)` — no twins',
      `- **References** \`code\` → \`public.t\` (\`code\`) via \`fk\` — ${ESCAPED}`,
      '- **Referenced by** `public.t` (`code`) via `fk`',
      '- **Partitioned by** `range code`',
      `  - \`p0\`: \`10\`, subpartitions \`p0a\`, \`p0b\` — ${ESCAPED}`,
      `  - \`p1\`: \`MAXVALUE\`, subpartitions \`p1a\`, \`p1b\` (${ESCAPED})`,
      `- **Policy** \`p\`: permissive, for select to \`app\` — ${ESCAPED}`,
      '',
      '| index | columns | unique | method | where | comment | options |',
      '|---|---|---|---|---|---|---|',
      `| i | name | no |  |  | ${ESCAPED} | \`fillfactor=70\`, <code>note=a\\|b</code> |`,
      '| j | code | yes |  |  |  |  |',
      '',
      `- **Trigger** \`tr\`: before update of \`name\`, \`code\`, for each row, when \`(new.name <> old.name)\`, disabled, \`action_order=2\` — ${ESCAPED}`,
      '  ````sql',
      '  CREATE TRIGGER tr',
      '',
      '  ```',
      '  # not a heading',
      '  ````',
    ].join('\n'),
  );
  assert.is(
    section(markdown, 'View `public.v`'),
    [
      '### View `public.v`',
      '',
      '| # | column | type | default | comment |',
      '|---|---|---|---|---|',
      `| 1 | name | text | 'x' | ${ESCAPED} |`,
      '| 2 | n | integer |  |  |',
      '',
      '- **Trigger** `vt`: instead of insert, for each statement, enabled replica',
      '  ```sql',
      '  CREATE TRIGGER vt',
      '  ```',
      '',
      '```sql',
      'SELECT name FROM t',
      '```',
    ].join('\n'),
  );
  assert.match(section(markdown, 'Materialized view `public.mv`'), /\n\n\| # \| column \| type \|\n\|---\|---\|---\|\n\| 1 \| n \| integer \|\n\n```sql\n/);
  assert.match(section(markdown, 'Sequence `public.s`'), /\n- \*\*Options\*\*: `engine=InnoDB`$/);
  assert.match(section(markdown, 'Event `public.e`'), /\n- \*\*Options\*\*: `time_zone=\+02:00`\n/);
  assert.match(section(markdown, 'Type `public.pair`'), /\n\| # \| attribute \| type \|\n\|---\|---\|---\|\n\| 1 \| a \| integer \|$/);
});

test('the new cells and line ends render as the text they are: a pipe splits no cell, markup stays text', () => {
  const page = html(render(detailedSnapshot()));
  const tags = new Set([...page.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
  assert.equal([...tags].filter((t) => !['h1', 'h2', 'h3', 'p', 'ul', 'li', 'strong', 'a', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br'].includes(t!)), []);
  assert.equal(headings(page).filter((h) => !h.startsWith('h3 ')), ['h1 Schema of app', 'h2 Contents', 'h2 Schema public']);
  for (const table of page.match(/<table>[^]*?<\/table>/g)!) {
    const widths = [...table.matchAll(/<tr>([^]*?)<\/tr>/g)].map((row) => row[1]!.match(/<t[hd]>/g)!.length);
    assert.ok(widths.every((w) => w === widths[0]), table);
  }
  const cells = [...page.matchAll(/<td>(.*?)<\/td>/g)].map((m) => textOf(m[1]!));
  for (const text of [`text COLLATE ${MARKUP}`, `note=${MARKUP}, storage=external`, MARKUP, 'fillfactor=70, note=a|b']) assert.ok(cells.includes(text), text);
  const items = [...page.matchAll(/<li>(.*?)(?:<\/li>|<ul>|<pre>)/g)].map((m) => textOf(m[1]!));
  for (const start of ['Primary key pk: code', 'Check ck on code: code <> name', 'References code → public.t (code) via fk', 'p0: 10, subpartitions p0a, p0b', 'Policy p: permissive, for select to app']) {
    assert.ok(items.includes(`${start} — ${MARKUP}`), start);
  }
  assert.ok(items.includes(`Trigger tr: before update of name, code, for each row, when (new.name &lt;&gt; old.name), disabled, action_order=2 — ${MARKUP}`.replace('&lt;&gt;', '<>')), items.join('\n'));
  assert.match(page, /<li><strong>Trigger<\/strong> <code>tr<\/code>:[^]*?<pre><code class="language-sql">CREATE TRIGGER tr\n\n```\n# not a heading\n<\/code><\/pre>\n<\/li>/);
});


test("a partition whose parent is in the snapshot shows only what it has of its own; the parent's rows are referenced once", () => {
  const columns = [column('id', 'bigint', { nullable: false }), column('at', 'date', { nullable: false }), column('customer_id')];
  const customers = table('customers', [column('id', 'integer', { nullable: false })], { primary_key: { name: 'customers_pkey', columns: ['id'] } });
  const parent = table('events', columns, {
    primary_key: { name: 'events_pkey', columns: ['id', 'at'] },
    indexes: [{ name: 'events_at', columns: ['at'], unique: false, method: 'btree', definition: 'CREATE INDEX events_at ON ONLY public.events USING btree (at)', comment: 'by day' }],
    foreign_keys: [{ name: 'events_customer_id_fkey', columns: ['customer_id'], references: { schema: 'public', table: 'customers', columns: ['id'] } }],
    checks: [{ name: 'positive', expression: '(id > 0)' }],
    partitioning: { strategy: 'range', key: 'at' },
  });
  const partition = (name: string, extra: Partial<Table> = {}) =>
    table(name, columns, {
      primary_key: { name: `${name}_pkey`, columns: ['id', 'at'] },
      indexes: [{ name: `${name}_at_idx`, columns: ['at'], unique: false, method: 'btree', definition: `CREATE INDEX ${name}_at_idx ON public.${name} USING btree (at)` }, ...(extra.indexes ?? [])],
      foreign_keys: [{ name: 'events_customer_id_fkey', columns: ['customer_id'], references: { schema: 'public', table: 'customers', columns: ['id'] } }],
      checks: [{ name: 'positive', expression: '(id > 0)' }],
      partition_of: { schema: 'public', table: 'events', bound: `FOR VALUES IN ('${name}')` },
    });
  const own = { indexes: [{ name: 'events_2024_customer', columns: ['customer_id'], unique: false, method: 'btree', definition: 'CREATE INDEX events_2024_customer ON public.events_2024 USING btree (customer_id)' }] };
  const markdown = render(snapshot([customers, parent, partition('events_2023'), partition('events_2024', own)]));
  assert.equal(section(markdown, 'Table `public.events_2023`').split('\n').slice(2), [
    "- **Partition of** `public.events` `FOR VALUES IN ('events_2023')`; its columns and its copies of the parent's keys, indexes, checks and triggers are documented there",
  ]);
  const ownIndexes = section(markdown, 'Table `public.events_2024`');
  assert.ok(ownIndexes.includes('| events_2024_customer | customer_id | no | btree |'), ownIndexes);
  assert.not.ok(ownIndexes.includes('events_2024_at_idx'), ownIndexes);
  // the customers table is referenced by the parent, not again by each partition's copy of its key
  assert.equal(section(markdown, 'Table `public.customers`').match(/Referenced by/g)?.length, 1);
  // a partition with a column of its own spelling (a default) shows its columns
  const defaulted = { ...partition('events_2025'), columns: [columns[0]!, columns[1]!, column('customer_id', 'integer', { default: '0' })] };
  const withDefault = section(render(snapshot([customers, parent, defaulted])), 'Table `public.events_2025`');
  assert.ok(withDefault.includes('| 3 | customer_id | integer | yes | 0 |'), withDefault);
  assert.ok(withDefault.includes("; its copies of the parent's keys"), withDefault);
  // a comment or an identity on the parent's column is none of a partition's: its columns are still the parent's
  const annotated = { ...parent, columns: [{ ...columns[0]!, identity: 'always' }, { ...columns[1]!, comment: 'day of the event' }, columns[2]!] } as Table;
  assert.not.ok(section(render(snapshot([customers, annotated, partition('events_2023')])), 'Table `public.events_2023`').includes('| customer_id |'));
  // … while a comment the partition's column has of its own shows its columns
  const commentedOwn = { ...partition('events_2023'), columns: [columns[0]!, { ...columns[1]!, comment: 'local' }, columns[2]!] };
  assert.ok(section(render(snapshot([customers, annotated, commentedOwn])), 'Table `public.events_2023`').includes('| local |'));
  // a row trigger disabled on one partition alone is that partition's own
  const trigger = (enabled?: string) => ({ name: 'touch', timing: 'before', events: ['update'], level: 'row' as const, ...(enabled ? { enabled } : {}), definition: 'CREATE TRIGGER touch BEFORE UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION touch()' });
  const triggered = { ...parent, triggers: [trigger()] };
  const [asParent, disabled] = [{ ...partition('events_2023'), triggers: [trigger()] }, { ...partition('events_2024'), triggers: [trigger('disabled')] }];
  const withTriggers = render(snapshot([customers, triggered, asParent, disabled]));
  assert.not.ok(section(withTriggers, 'Table `public.events_2023`').includes('touch'));
  assert.ok(section(withTriggers, 'Table `public.events_2024`').includes('**Trigger** `touch`'), section(withTriggers, 'Table `public.events_2024`'));
  // a detach left pending says the partition is out of its parent
  const pending = partition('events_2022');
  pending.partition_of!.detach_pending = true;
  assert.ok(section(render(snapshot([customers, parent, pending])), 'Table `public.events_2022`').includes("`FOR VALUES IN ('events_2022')` (detach pending: out of its parent until `DETACH PARTITION … FINALIZE`);"));
  // a partition whose parent the snapshot does not hold is documented whole
  assert.ok(section(render(snapshot([customers, partition('events_2023')])), 'Table `public.events_2023`').includes('| events_2023_at_idx | at |'));
});

test("an inheritance child's columns and checks declared as well as inherited read as any other: `local` is no option the page shows", () => {
  const parent = table('parent', [column('id'), column('c')], { checks: [{ name: 'c_pos', expression: '(c > 0)' }] });
  const child = table('child', [column('id', 'integer', { options: { local: true } }), column('c', 'integer', { options: { local: true, storage: 'main' } })], {
    checks: [{ name: 'c_pos', expression: '(c > 0)', options: { local: true } }],
    inherits: [{ schema: 'public', table: 'parent' }],
  });
  assert.equal(section(render(snapshot([parent, child])), 'Table `public.child`').split('\n'), [
    '### Table `public.child`',
    '',
    '| # | column | type | nullable | default | comment | options |',
    '|---|---|---|---|---|---|---|',
    '| 1 | id | integer | yes |  |  |  |',
    '| 2 | c | integer | yes |  |  | `storage=main` |',
    '',
    '- **Check** `c_pos`: `(c > 0)`',
    '- **Inherits** `public.parent`',
  ]);
});

// SQLite resolves `REFERENCES Parent` to table parent, and keeps the key as written.
test("a foreign key whose triggers are disabled says it is not enforced; one whose triggers fire on replicas says so", () => {
  const fk = (name: string, triggers?: string) => ({ name, columns: ['id'], references: { schema: 'public', table: 't', columns: ['id'] }, ...(triggers ? { triggers } : {}) });
  const markdown = render(snapshot([table('t', [column('id')], { foreign_keys: [fk('off', 'disabled'), fk('on'), fk('rep', 'replica')] })]));
  const lines = section(markdown, 'Table `public.t`').split('\n').filter((line) => line.startsWith('- **References**'));
  assert.equal(lines, [
    '- **References** `id` → `public.t` (`id`) via `off`, triggers disabled: not enforced',
    '- **References** `id` → `public.t` (`id`) via `on`',
    '- **References** `id` → `public.t` (`id`) via `rep`, triggers enabled replica',
  ]);
});

test('a SQLite foreign key that spells its table in another case is listed under that table; on PostgreSQL such a key names another table', () => {
  const parent = (schema: string) => table('parent', [column('id')], {}, schema);
  const child = (schema: string) => table('child', [column('p')], { foreign_keys: [{ columns: ['p'], references: { schema, table: 'Parent', columns: ['id'] } }] }, schema);
  const sqlite = render(snapshot([parent('main'), child('main')], { dialect: 'sqlite' }));
  assert.ok(section(sqlite, 'Table `main.parent`').includes('- **Referenced by** `main.child` (`p`)'), sqlite);
  assert.not.ok(render(snapshot([parent('public'), child('public')])).includes('Referenced by'));
});

test("an empty enum label reads as empty, not as a code span's two backticks", () => {
  const markdown = render(snapshot([{ kind: 'type', schema: 'public', name: 'mood', type: 'enum', values: ['a', '', "''"] }]));
  assert.match(section(markdown, 'Type `public.mood`'), "- **Values**: `a`, _(empty)_, `''`");
  const page = html(markdown);
  assert.match(page, "<li><strong>Values</strong>: <code>a</code>, <em>(empty)</em>, <code>&#39;&#39;</code></li>");
});

test('an empty table or column name (SQLite allows them) reads as empty in the contents and the column table, not as nothing', () => {
  const markdown = render(snapshot([table('', [column('id')], {}, 'main'), table('t', [column('')], {}, 'main')], { dialect: 'sqlite' }));
  assert.match(markdown, /- tables: \[_\(empty\)_\]\(#[^)]*\), \[t\]/);
  assert.match(section(markdown, 'Table `main.t`'), /\| 1 \| _\(empty\)_ \|/);
});

test('an index key column is quoted where the key list would read otherwise: a comma, a quote, white space, or none; other keys as written', () => {
  const columns = ['x, y', 'x', 'y', 'a DESC', 'a', ' pad', 'q"t', '', 'plain_name', 'a.b'].map((name) => column(name));
  const indexes = [
    { name: 'one', columns: ['x, y'], unique: false },
    { name: 'two', columns: ['x', 'y'], unique: false },
    { name: 'named_desc', columns: ['a DESC'], unique: false },
    { name: 'desc', columns: [{ column: 'a', descending: true }], unique: false },
    { name: 'odd', columns: [' pad', 'q"t', ''], include: ['x, y', 'x'], unique: false },
    // an expression is as written; ordinary names (a dot among them) as they always were
    { name: 'expr', columns: [{ expression: '"x"' }, { expression: 'lower(y)', collation: 'NOCASE' }, 'plain_name', 'a.b'], unique: true },
  ];
  const markdown = render(snapshot([table('r', columns, { indexes }, 'main')], { dialect: 'sqlite' }));
  // in the order of their names
  assert.match(section(markdown, 'Table `main.r`'), [
    '| index | columns | unique | method | where |',
    '|---|---|---|---|---|',
    '| desc | a DESC | no |  |  |',
    '| expr | "x", lower(y) COLLATE NOCASE, plain_name, a.b | yes |  |  |',
    '| named_desc | "a DESC" | no |  |  |',
    '| odd | " pad", "q""t", "" INCLUDE ("x, y", x) | no |  |  |',
    '| one | "x, y" | no |  |  |',
    '| two | x, y | no |  |  |',
  ].join('\n'));
});

test.run();
