// The extended schema_rules.yaml: one test per assertion, the selectors, and rule files that are
// refused at file:line:column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { verify } from '../../../src/api/verify.js';
import type { SchemaObject } from '../../../src/model/types.js';
import { rejects } from '../../helpers/assert.js';
import { repoWithSnapshot, table } from '../../helpers/snapshots.js';

const film = table(
  'film',
  ['film_id integer', 'title character varying(255)', 'rating mpaa_rating null', 'price real null', 'created_at timestamp with time zone', 'legacy_code text null'],
  {
    comment: 'Films',
    primary_key: { name: 'film_pkey', columns: ['film_id'] },
    indexes: [
      { name: 'idx_film_title', columns: ['title'], unique: false },
      { name: 'film_rating_index', columns: ['rating'], unique: false },
      { name: 'film_lower_title', columns: [{ expression: 'lower(title)' }], unique: false },
    ],
    foreign_keys: [{ name: 'fk_film_language', columns: ['created_at'], references: { schema: 'public', table: 'language', columns: ['id'] } }],
  },
);
film.columns[0]!.comment = 'Identifier';
const language = table('language', ['id integer', 'name text null'], { primary_key: { columns: ['id'] } });
const log = table('event_log', ['payload json', 'at timestamp without time zone null'], {}, 'audit');
const objects: SchemaObject[] = [film, language, log, { kind: 'view', schema: 'public', name: 'film_list', definition: 'SELECT 1', columns: [{ name: 'title', type: 'text' }] }];

let dir: string;
test.before(async () => {
  dir = await repoWithSnapshot(objects);
});

async function run(rules: string): Promise<string[]> {
  const path = join(dir, 'rules.yaml');
  writeFileSync(path, rules);
  const result = await verify({ cwd: dir, rulesFile: path });
  return result.findings.map((f) => `${f.rule} ${f.severity} ${f.object}: ${f.message}`);
}

const rule = (id: string, select: string, assertions: string, extra = '') => `house_rules:\n  - id: ${id}\n    select: ${select}\n    assert: ${assertions}\n${extra}`;

test('required_columns: missing, wrong type, wrong nullability; message and severity from the rule', async () => {
  const found = await run(
    rule('audit', '{kind: table, schema: public}', '{required_columns: [created_at, {name: updated_at}, {name: title, type: "text"}, {name: rating, nullable: false}]}', '    severity: warning\n    message: Audit columns\n'),
  );
  assert.equal(found, [
    'audit warning public.film: Audit columns: table "film" has no column "updated_at"',
    'audit warning public.film: Audit columns: table "film": column "rating" is nullable, expected NOT NULL',
    'audit warning public.film: Audit columns: table "film": column "title" is character varying(255), expected text',
    'audit warning public.language: Audit columns: table "language" has no column "created_at"',
    'audit warning public.language: Audit columns: table "language" has no column "rating"',
    'audit warning public.language: Audit columns: table "language" has no column "title"',
    'audit warning public.language: Audit columns: table "language" has no column "updated_at"',
  ]);
});

test('forbidden_columns and forbidden_types (on tables and on columns; types in lower case)', async () => {
  assert.equal(await run(rule('no-legacy', '{kind: table}', '{forbidden_columns: ["legacy_*", "/^pay/"]}')), [
    'no-legacy error audit.event_log.payload: column "payload" is forbidden (/^pay/)',
    'no-legacy error public.film.legacy_code: column "legacy_code" is forbidden (legacy_*)',
  ]);
  assert.equal(await run(rule('no-json', '{kind: table}', '{forbidden_types: [JSON, "timestamp without*"]}')), [
    'no-json error audit.event_log.at: column "at" has the forbidden type timestamp without time zone (timestamp without*)',
    'no-json error audit.event_log.payload: column "payload" has the forbidden type json (JSON)',
  ]);
  assert.equal(await run(rule('no-float', '{kind: column, name: [price, amount]}', '{forbidden_types: ["real", "double*"]}')), [
    'no-float error public.film.price: column "price" has the forbidden type real (real)',
  ]);
});

test('primary_key, comment, max_columns, max_name_length, name_pattern', async () => {
  assert.equal(await run(rule('pk', '{kind: table}', '{primary_key: true}')), ['pk error audit.event_log: table "event_log" has no primary key']);
  assert.equal(await run(rule('documented', '{kind: table, schema: public}', '{comment: true}')), ['documented error public.language: table "language" has no comment']);
  assert.equal(await run(rule('documented-columns', '{kind: column, table: film, name: "film_*"}', '{comment: true}')), []);
  assert.equal(await run(rule('narrow', '{kind: table}', '{max_columns: 5}')), ['narrow error public.film: table "film" has 6 columns; the limit is 5']);
  assert.equal(await run(rule('short', '{kind: column}', '{max_name_length: 10}')), ['short error public.film.legacy_code: column "legacy_code" is 11 characters long; the limit is 10']);
  assert.equal(await run(rule('views', '{kind: view}', '{name_pattern: "/^v_/"}')), ['views error public.film_list: view "film_list" does not match /^v_/']);
});

test('foreign_keys_indexed and nullable', async () => {
  assert.equal(await run(rule('fk-index', '{kind: table}', '{foreign_keys_indexed: true}')), [
    'fk-index error public.film.fk_film_language: table "film": foreign key (created_at) has no index',
  ]);
  assert.equal(await run(rule('not-null-ids', '{kind: column, name: "*_id"}', '{nullable: false}')), []);
  assert.equal(await run(rule('optional', '{kind: column, type: "timestamp*"}', '{nullable: true}')), [
    'optional error public.film.created_at: column "created_at" is NOT NULL, expected nullable',
  ]);
});

test('name_template: placeholders, * wildcards, expression indexes skipped, unnamed keys reported', async () => {
  assert.equal(await run(rule('index-names', '{kind: index}', '{name_template: "idx_{table}_{columns}"}')), [
    'index-names error public.film.film_rating_index: index "film_rating_index" does not follow the name template idx_{table}_{columns}',
  ]);
  assert.equal(await run(rule('fk-names', '{kind: foreign_key}', '{name_template: "fk_{table}_{ref_table}*"}')), []);
  const wildcards = await run(rule('w', '{kind: index}', '{name_template: "*_{column}"}') + rule('w2', '{kind: index}', '{name_template: "i*_*_*e"}').replace('house_rules:\n', ''));
  assert.equal(wildcards, [
    'w error public.film.film_rating_index: index "film_rating_index" does not follow the name template *_{column}',
    'w2 error public.film.film_rating_index: index "film_rating_index" does not follow the name template i*_*_*e',
  ]);
  assert.equal(await run(rule('pk-names', '{kind: primary_key}', '{name_template: "{table}_pkey"}')), [
    'pk-names error public.language.primary_key: primary key (unnamed) does not follow the name template {table}_pkey',
  ]);
});

test('selectors: schema, table, name, type, lists, regexes and except', async () => {
  assert.equal(await run(rule('sel', '{kind: column, schema: "/^pub/", table: [film, language], name: "*_id", except: {table: language}}', '{comment: true}')), []);
  assert.equal(await run(rule('sel', '{kind: column, table: film, except: {name: ["film_id", "/^(title|rating|price|created_at)$/"]}}', '{comment: true}')), [
    'sel error public.film.legacy_code: column "legacy_code" has no comment',
  ]);
  assert.equal(await run(rule('sel', '{kind: column, type: "character varying*"}', '{nullable: true}')), [
    'sel error public.film.title: column "title" is NOT NULL, expected nullable',
  ]);
  // capitals in a type regex's escapes and group names are no text to match
  assert.equal(await run(rule('sel', '{kind: column, type: "/^(?<Kind>character)\\\\x20var\\\\S+$/"}', '{nullable: true}')), [
    'sel error public.film.title: column "title" is NOT NULL, expected nullable',
  ]);
});

test('the Python rules and house rules live in one file; findings point at the rule line', async () => {
  writeFileSync(join(dir, 'rules.yaml'), `rules:\n  reserved_keywords: [language]\nhouse_rules:\n  - id: pk\n    select: {kind: table}\n    assert: {primary_key: true}\n`);
  const result = await verify({ cwd: dir, rulesFile: join(dir, 'rules.yaml') });
  assert.equal(
    result.findings.map((f) => [f.rule, f.object, f.location.rule]),
    [
      ['pk', 'audit.event_log', { file: 'rules.yaml', line: 4, column: 5 }],
      ['reserved_keywords', 'public.language', { file: 'rules.yaml', line: 2, column: 3 }],
    ],
  );
});

test("a partition's or child's columns and checks from its parent are judged on the parent, unless the rule selects the partitions alone", async () => {
  const checks = { checks: [{ name: 'positive', expression: '(id > 0)' }] };
  const partitionOf = { partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' } };
  const events = [
    table('events', ['id integer', 'payload json'], checks),
    table('events_2024', ['id integer', 'payload json'], { ...checks, ...partitionOf }),
    table('events_2025', ['id integer', 'payload json'], { ...checks, ...partitionOf }),
    table('special_events', ['id integer', 'payload json', 'extra json'], { ...checks, inherits: [{ schema: 'public', table: 'events' }] }),
  ];
  const repo = await repoWithSnapshot(events);
  const verified = async (rules: string) => {
    writeFileSync(join(repo, 'rules.yaml'), rules);
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => `${f.rule} ${f.object}`);
  };
  assert.equal(await verified(rule('no-json', '{kind: column}', '{forbidden_types: [json]}')), ['no-json public.events.payload', 'no-json public.special_events.extra']);
  assert.equal(await verified(rule('no-json', '{kind: table}', '{forbidden_types: [json]}')), ['no-json public.events.payload', 'no-json public.special_events.extra']);
  assert.equal(await verified(rule('checks', '{kind: check}', '{name_pattern: "ck_*"}')), ['checks public.events.positive']);
  assert.equal(await verified(rule('recent', '{kind: column, table: "events_2025"}', '{forbidden_types: [json]}')), ['recent public.events_2025.payload']);
});

test("required_columns, max_columns, primary_key and comment: what a partition or child takes from a parent the rule judges is reported on the parent, once", async () => {
  const partitionOf = { partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' } };
  const repo = await repoWithSnapshot([
    table('events', ['id integer', 'created_at timestamp null']),
    table('events_2024', ['id integer', 'created_at timestamp null'], partitionOf),
    table('events_2025', ['id integer', 'created_at timestamp'], partitionOf), // made NOT NULL on this partition alone
    table('special_events', ['id integer', 'created_at timestamp null', 'extra text'], { inherits: [{ schema: 'public', table: 'events' }] }),
  ]);
  const verified = async (rules: string) => {
    writeFileSync(join(repo, 'rules.yaml'), rules);
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => `${f.object}: ${f.message}`);
  };
  assert.equal(await verified(rule('audit', '{kind: table}', '{required_columns: [updated_at, {name: created_at, nullable: false}]}')), [
    'public.events: table "events" has no column "updated_at"',
    'public.events: table "events": column "created_at" is nullable, expected NOT NULL',
  ]);
  assert.equal(await verified(rule('narrow', '{kind: table}', '{max_columns: 1}')), [
    'public.events: table "events" has 2 columns; the limit is 1',
    'public.special_events: table "special_events" has 3 columns; the limit is 1',
  ]);
  assert.equal(await verified(rule('pk', '{kind: table}', '{primary_key: true}')), [
    'public.events: table "events" has no primary key',
    'public.special_events: table "special_events" has no primary key',
  ]);
  // the parent's comment documents its partitions' rows (a child of an inheritance parent is queried on its own)
  assert.equal(await verified(rule('doc', '{kind: table}', '{comment: true}')), [
    'public.events: table "events" has no comment',
    'public.special_events: table "special_events" has no comment',
  ]);
  // a rule that selects the partitions alone judges them whole
  assert.equal(await verified(rule('recent', '{kind: table, name: "events_2*"}', '{required_columns: [updated_at], comment: true}')), [
    'public.events_2024: table "events_2024" has no column "updated_at"',
    'public.events_2024: table "events_2024" has no comment',
    'public.events_2025: table "events_2025" has no column "updated_at"',
    'public.events_2025: table "events_2025" has no comment',
  ]);
});

test("a partition's cloned keys and indexes are judged on the parent by every assertion, unless the rule selects the partitions alone", async () => {
  const keys = (table: string) => ({
    primary_key: { name: `${table}_pkey`, columns: ['id'] },
    unique_constraints: [{ name: `${table}_code_key`, columns: ['code'] }],
    foreign_keys: [{ name: 'events_customer_fkey', columns: ['customer_id'], references: { schema: 'public', table: 'customer', columns: ['id'] } }],
  });
  const index = (name: string, column: string, comment?: string) => ({ name, columns: [column], unique: false, method: 'btree', ...(comment ? { comment } : {}) });
  const partitionOf = { partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' } };
  const columns = ['id integer', 'code text', 'customer_id integer', 'created_at timestamp with time zone'];
  const repo = await repoWithSnapshot([
    table('customer', ['id integer'], { primary_key: { name: 'customer_pkey', columns: ['id'] } }),
    table('events', columns, { ...keys('events'), indexes: [index('idx_events_customer_id', 'customer_id', 'lookups by customer')] }),
    // PostgreSQL's clones: renamed by the server, never commented; the second partition has an index of its own
    table('events_2024', columns, { ...keys('events_2024'), ...partitionOf, indexes: [index('events_2024_customer_id_idx', 'customer_id')] }),
    table('events_2025', columns, { ...keys('events_2025'), ...partitionOf, indexes: [index('events_2025_customer_id_idx', 'customer_id'), index('events_2025_created', 'created_at')] }),
  ]);
  const verified = async (rules: string) => {
    writeFileSync(join(repo, 'rules.yaml'), rules);
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => `${f.rule} ${f.object}`);
  };
  assert.equal(await verified(rule('ix', '{kind: index}', '{name_pattern: "/^idx_/", comment: true}')), ['ix public.events_2025.events_2025_created', 'ix public.events_2025.events_2025_created']);
  assert.equal(await verified(rule('short', '{kind: index}', '{max_name_length: 12}')), ['short public.events.idx_events_customer_id', 'short public.events_2025.events_2025_created']);
  assert.equal(await verified(rule('pk', '{kind: primary_key}', '{name_pattern: "/^pk_/"}')), ['pk public.customer.customer_pkey', 'pk public.events.events_pkey']);
  assert.equal(await verified(rule('uq', '{kind: unique_constraint}', '{name_pattern: "/^uq_/"}')), ['uq public.events.events_code_key']);
  assert.equal(await verified(rule('fk', '{kind: foreign_key}', '{name_pattern: "/^fk_/"}')), ['fk public.events.events_customer_fkey']);
  // a rule that selects the partitions alone judges their clones too
  assert.equal(await verified(rule('parts', '{kind: index, table: "events_*"}', '{name_template: "idx_{table}_{columns}"}')), [
    'parts public.events_2024.events_2024_customer_id_idx',
    'parts public.events_2025.events_2025_created',
    'parts public.events_2025.events_2025_customer_id_idx',
  ]);
});

test('foreign_keys_indexed: a partitioned table whose every partition (down to the leaves) indexes the key passes, as lint judges it', async () => {
  const fk = { foreign_keys: [{ name: 'payment_rental_fkey', columns: ['rental_id'], references: { schema: 'public', table: 'rental', columns: ['id'] } }] };
  const byList = { partitioning: { strategy: 'list', key: 'kind' } };
  const columns = ['id integer', 'rental_id integer', 'kind text'];
  const partition = (name: string, of: string, indexed: boolean, extra = {}) =>
    table(name, columns, {
      ...fk,
      partition_of: { schema: 'public', table: of, bound: "FOR VALUES IN ('x')" },
      ...(indexed ? { indexes: [{ name: `${name}_rental_id_idx`, columns: ['rental_id'], unique: false, method: 'btree' }] } : {}),
      ...extra,
    });
  const tables = [
    table('rental', ['id integer'], { primary_key: { name: 'rental_pkey', columns: ['id'] } }),
    table('payment', columns, { ...fk, ...byList }),
    partition('payment_p1', 'payment', true),
    // partitioned again: its own partitions carry the index
    partition('payment_p2', 'payment', false, byList),
    partition('payment_p2a', 'payment_p2', true),
  ];
  const verified = async (objects: SchemaObject[]) => {
    const repo = await repoWithSnapshot(objects);
    writeFileSync(join(repo, 'rules.yaml'), rule('fk-index', '{kind: table}', '{foreign_keys_indexed: true}'));
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => `${f.object}: ${f.message}`);
  };
  assert.equal(await verified(tables), []);
  // one leaf without it: the parent's key is reported, once (the leaf's clone of it is the parent's)
  assert.equal(await verified([...tables, partition('payment_p2b', 'payment_p2', false)]), [
    'public.payment.payment_rental_fkey: table "payment": foreign key (rental_id) has no index',
  ]);
});

test("foreign_keys_indexed: on SQLite a partial index WHERE \"PID\" IS NOT NULL covers the key on pid, as lint judges it", async () => {
  const objects: SchemaObject[] = [
    { ...table('parent', ['id integer'], { primary_key: { columns: ['id'] } }), schema: 'main' },
    {
      ...table('t', ['id integer', 'pid int null'], {
        foreign_keys: [{ name: 't_pid_fkey', columns: ['pid'], references: { schema: 'main', table: 'parent', columns: ['id'] } }],
        indexes: [{ name: 't_pid', columns: ['pid'], unique: false, where: '"PID" IS NOT NULL' }],
      }),
      schema: 'main',
    },
  ];
  const repo = await repoWithSnapshot(objects, 'sqlite');
  writeFileSync(join(repo, 'rules.yaml'), rule('fk-index', '{kind: table}', '{foreign_keys_indexed: true}'));
  assert.equal((await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings, []);
});

test('required_columns and forbidden_columns: names are compared as the dialect compares them (SQLite and MySQL fold ASCII case, PostgreSQL does not)', async () => {
  const album = [table('Album', ['AlbumId INTEGER', 'Title NVARCHAR(160)', 'Legacy_Code TEXT'])];
  const required = rule('ids', '{kind: table}', '{required_columns: [albumid, {name: TITLE, type: "nvarchar*"}, {name: artistid}], forbidden_columns: ["legacy_*", "TITLE", "/^album/"]}');
  const verified = async (dialect: 'sqlite' | 'mysql' | 'postgres') => {
    const repo = await repoWithSnapshot(album.map((t) => ({ ...t, schema: 'main' })), dialect);
    writeFileSync(join(repo, 'rules.yaml'), required);
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => f.message);
  };
  // A glob in any case matches any spelling (TITLE forbids Title); a regular expression matches the name as written or in lower case.
  const folded = ['table "Album" has no column "artistid"', 'column "AlbumId" is forbidden (/^album/)', 'column "Legacy_Code" is forbidden (legacy_*)', 'column "Title" is forbidden (TITLE)'];
  assert.equal(await verified('sqlite'), folded);
  assert.equal(await verified('mysql'), folded);
  assert.equal(await verified('postgres'), ['table "Album" has no column "TITLE"', 'table "Album" has no column "albumid"', 'table "Album" has no column "artistid"']);
});

test('name_template compares names as the dialect does: SQLite and MySQL index and key names ignore case, PostgreSQL names do not', async () => {
  const users = table('Users', ['id integer', 'Email text', 'user_id integer'], {
    indexes: [
      { name: 'idx_users_email', columns: ['Email'], unique: false },
      { name: 'IDX_Users_user_id', columns: ['user_id'], unique: false },
      { name: 'idx_users_id', columns: ['user_id'], unique: false },
    ],
  });
  const verified = async (dialect: 'sqlite' | 'mysql' | 'postgres') => {
    const repo = await repoWithSnapshot([{ ...users, schema: 'main' }], dialect);
    writeFileSync(join(repo, 'rules.yaml'), rule('index-names', '{kind: index}', '{name_template: "idx_{table}_{columns}"}'));
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => f.message);
  };
  // a name that differs in more than case still fails
  const folded = ['index "idx_users_id" does not follow the name template idx_{table}_{columns}'];
  assert.equal(await verified('sqlite'), folded);
  assert.equal(await verified('mysql'), folded);
  assert.equal(await verified('postgres'), [
    'index "IDX_Users_user_id" does not follow the name template idx_{table}_{columns}',
    'index "idx_users_email" does not follow the name template idx_{table}_{columns}',
    'index "idx_users_id" does not follow the name template idx_{table}_{columns}',
  ]);
});

test('select and except name globs compare as the dialect compares those names: MySQL columns and indexes ignore case, its tables (and PostgreSQL names) do not', async () => {
  const order = table('Order', ['id integer', 'MixedCase integer null'], { indexes: [{ name: 'uq_email', columns: ['id'], unique: true }] });
  const verified = async (dialect: 'mysql' | 'postgres', rules: string) => {
    const repo = await repoWithSnapshot([{ ...order, schema: 'shop' }], dialect);
    writeFileSync(join(repo, 'rules.yaml'), rules);
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => `${f.rule} ${f.object}`);
  };
  const rules = [
    rule('c1', '{kind: column, name: mixedcase}', '{nullable: false}'),
    rule('c2', '{kind: column, type: "int*", except: {name: mixedcase}}', '{nullable: false}').replace(/^house_rules:\n/, ''),
    rule('i1', '{kind: index, name: "UQ_*"}', '{max_name_length: 3}').replace(/^house_rules:\n/, ''),
    rule('t1', '{kind: column, table: order}', '{nullable: true}').replace(/^house_rules:\n/, ''),
  ].join('');
  assert.equal(await verified('mysql', rules), ['c1 shop.Order.MixedCase', 'i1 shop.Order.uq_email']);
  assert.equal(await verified('postgres', rules), ['c2 shop.Order.MixedCase']);
});

test('MySQL column types are matched with and without their display width and ZEROFILL (MariaDB spells int as int(11), MySQL 8 as int)', async () => {
  const payment = table('payment', ['payment_id smallint(5) unsigned', 'rental_id int(11) null', 'staff_id tinyint(3) unsigned zerofill', 'amount decimal(5,2)'], {}, 'shop');
  const repo = await repoWithSnapshot([payment], 'mysql');
  const verified = async (rules: string) => {
    writeFileSync(join(repo, 'rules.yaml'), rules);
    return (await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') })).findings.map((f) => `${f.rule} ${f.object}: ${f.message}`);
  };
  assert.equal(await verified(rule('no-int', '{kind: table}', '{forbidden_types: [int, "int(11)"], required_columns: [{name: payment_id, type: "smallint unsigned"}]}')), [
    'no-int shop.payment.rental_id: column "rental_id" has the forbidden type int(11) (int)',
  ]);
  assert.equal(await verified(rule('tiny', '{kind: column, type: "tinyint unsigned"}', '{nullable: true}')), ['tiny shop.payment.staff_id: column "staff_id" is NOT NULL, expected nullable']);
  // a length is no display width
  assert.equal(await verified(rule('dec', '{kind: column, type: decimal}', '{nullable: true}')), []);
});

test('an assertion the dialect can never satisfy (a MySQL primary key\'s name, a SQLite comment) is skipped with a warning, not failed on every object', async () => {
  const checked = async (dialect: 'mysql' | 'sqlite', rules: string) => {
    const repo = await repoWithSnapshot([{ ...table('payment', ['payment_id integer'], { primary_key: { columns: ['payment_id'] } }), schema: 'shop' }], dialect);
    writeFileSync(join(repo, 'rules.yaml'), rules);
    const result = await verify({ cwd: repo, rulesFile: join(repo, 'rules.yaml') });
    return { findings: result.findings.map((f) => `${f.rule} ${f.object}: ${f.message}`), warnings: result.warnings };
  };
  const mysql = await checked(
    'mysql',
    `${rule('pk-name', '{kind: primary_key}', '{name_template: "pk_{table}"}')}${rule('pk-pattern', '{kind: primary_key}', '{name_pattern: "^pk_"}').replace('house_rules:\n', '')}` +
      // max_name_length judges a recorded name only: it passes on every MySQL primary key, so it is no assertion that could never pass
      rule('pk-length', '{kind: primary_key}', '{max_name_length: 3}').replace('house_rules:\n', ''),
  );
  assert.equal(mysql.findings, []);
  assert.equal(mysql.warnings, [
    'pk-name (rules.yaml:2): MySQL and MariaDB name every primary key PRIMARY, whatever the DDL says, so name_template on primary key could never pass; skipped',
    'pk-pattern (rules.yaml:5): MySQL and MariaDB name every primary key PRIMARY, whatever the DDL says, so name_pattern on primary key could never pass; skipped',
  ]);
  const sqlite = await checked('sqlite', rule('documented', '{kind: table}', '{comment: true, primary_key: true}'));
  assert.equal(sqlite.findings, []);
  assert.equal(sqlite.warnings, ['documented (rules.yaml:2): SQLite keeps no comments, so comment on table could never pass; skipped']);
  // the same rule where comments exist still judges them
  assert.equal(await run(rule('documented', '{kind: table, name: event_log}', '{comment: true}')), ['documented error audit.event_log: table "event_log" has no comment']);
});

test('a rule that selects nothing in the whole snapshot (a misspelt schema) is warned of, not passed silently; in changed-only mode it is not', async () => {
  const path = join(dir, 'rules.yaml');
  writeFileSync(path, `${rule('audit', '{kind: table, schema: pubilc}', '{primary_key: true}')}${rule('films', '{kind: table, name: film}', '{primary_key: true}').replace('house_rules:\n', '')}`);
  const whole = await verify({ cwd: dir, rulesFile: path });
  assert.equal(whole.findings, []);
  assert.equal(whole.warnings, ['audit (rules.yaml:2): selects no table in this snapshot, so it checks nothing; is its select misspelt?']);
  // changed-only mode judges a few objects: a rule selecting none of them is the usual case
  assert.equal((await verify({ cwd: dir, rulesFile: path, changed: true })).warnings, []);
});

async function refused(yaml: string, message: RegExp): Promise<void> {
  const path = join(dir, 'broken.yaml');
  writeFileSync(path, yaml);
  const error = await rejects(() => verify({ cwd: dir, rulesFile: path }), message);
  assert.is((error as { exitCode?: number }).exitCode, 2);
}

test('broken rule files fail fast with file:line:column', async () => {
  await refused(rule('x', '{kind: table, name: "/[a-/"}', '{comment: true}'), /broken\.yaml:3:33: invalid regular expression/);
  await refused(rule('x', '{kind: table, name: "/^(a)\\\\1$/"}', '{comment: true}'), /broken\.yaml:3:33: pattern needs backtracking/);
  await refused(rule('x', '{kind: table}', '{comment: true, colour: red}'), /broken\.yaml:4:29: unknown key "colour" in assert/);
  await refused(rule('x', '{kind: table}', '{max_columns: many}'), /broken\.yaml:4:27: expected a positive integer/);
  await refused(rule('x', '{kind: table}', '{comment: yes}'), /broken\.yaml:4:23: comment takes true/);
  await refused(rule('x', '{kind: column}', '{primary_key: true}'), /broken\.yaml:4:14: primary_key does not apply to a column/);
  await refused(rule('x', '{kind: tabel}', '{comment: true}'), /broken\.yaml:3:20: kind must be one of/);
  await refused(rule('x', '{kind: table, type: int}', '{comment: true}'), /broken\.yaml:3:27: type selects columns by type/);
  await refused(rule('x', '{kind: column, type: "/^VARCHAR/"}', '{comment: true}'), /broken\.yaml:3:34: column types are matched in lower case/);
  await refused(rule('x', '{kind: table, name: "/^tmp_"}', '{comment: true}'), /broken\.yaml:3:33: a regular expression is written/);
  await refused(rule('x', '{kind: index}', '{name_template: "idx_{tabel}"}'), /broken\.yaml:4:29: unknown placeholder \{tabel\}/);
  await refused(rule('x', '{kind: table}', '{comment: true}', '    severity: fatal\n'), /broken\.yaml:5:15: severity must be one of error, warning, info/);
  await refused(`${rule('x', '{kind: table}', '{comment: true}')}---\n${rule('y', '{kind: table}', '{comment: true}')}`, /broken\.yaml:5:1: more than one YAML document \(a second ---\); keep one$/);
  await refused(rule('x', '{kind: table}', '{comment: true}', '    severity:\n'), /broken\.yaml:5:14: severity must be one of error, warning, info/);
  await refused(`${rule('dup', '{kind: table}', '{comment: true}')}${rule('dup', '{kind: view}', '{comment: true}').replace('house_rules:\n', '')}`, /broken\.yaml:5:9: duplicate rule id "dup"/);
  // beside rules:, a Python rule's id is its own, even where the key is left out (max_name_length runs at 30)
  await refused(`rules:\n  enforce_snake_case: true\n${rule('max_name_length', '{kind: table}', '{max_name_length: 2}')}`, /broken\.yaml:4:9: rule id "max_name_length" is a rule of rules: \(the Python datatrack settings\); give the house rule another id$/);
  await refused('rules:\n  max_name_length: thirty\n', /broken\.yaml:2:20: expected a positive integer/);
  await refused('rules:\n  enforce_snake_case: true\n  enforce_snake_case: false\n', /broken\.yaml:3:3: Map keys must be unique/);
  await refused('rules:\n  snake_case: true\n', /broken\.yaml:2:3: unknown key "snake_case" in rules/);
  await refused('house_rules:\n  - {id: x, select: {kind: table}}\n', /broken\.yaml:2:5: a house rule needs assert/);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
  await refused(`${bomb}\n`, /broken\.yaml:2:8: Excessive alias count/);
  await rejects(() => verify({ cwd: dir, rulesFile: join(dir, 'missing.yaml') }), /missing\.yaml: cannot read/);
});

test.run();
