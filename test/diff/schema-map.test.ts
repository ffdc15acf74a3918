// The schema map (`diff --schema-map old=new`, MySQL's databases and SQLite's main paired): the
// from-side's objects read with the to-side's schema name wherever they name it, as the server
// would write them, and nowhere else; a real change beside a mapped name is still one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { objectPath } from '../../src/codec/layout.js';
import { mapObject, mapTreePath } from '../../src/diff/schema-map.js';
import type { Routine, SchemaObject, View } from '../../src/model/types.js';
import { changeLines, column, snapshot, table } from '../helpers/models.js';

/** A PostgreSQL schema's objects as the server deparses them: `q` is the schema as a qualifier spells it (`app`, `"App Co"`). */
function objects(schema: string, q: string): SchemaObject[] {
  return [
    { kind: 'type', schema, name: 'mood', type: 'enum', values: ['sad', 'ok'] },
    { kind: 'type', schema, name: 'email', type: 'domain', base_type: 'text', nullable: true, checks: [{ name: 'email_check', expression: "(VALUE ~~ '%@%'::text)" }] },
    { kind: 'type', schema, name: 'email2', type: 'domain', base_type: `${q}.email`, nullable: true, collation: `${schema}.mycoll` },
    { kind: 'type', schema, name: 'pair', type: 'composite', attributes: [{ name: 'a', type: `${q}.mood` }, { name: 'b', type: `${q}.email`, collation: `${schema}.mycoll` }] },
    { kind: 'type', schema, name: 'floatrange', type: 'range', subtype: 'double precision', options: { multirange_type_name: `${q}.floatmultirange`, subtype_diff: `${q}.diff` } },
    { kind: 'sequence', schema, name: 'users_id_seq', type: 'integer', owned_by: `${schema}.users.id` },
    table('orgs', [column('id', 'integer', { nullable: false })], { primary_key: { name: 'orgs_pkey', columns: ['id'] } }, schema),
    table(
      'users',
      [
        column('id', 'integer', { nullable: false, default: `nextval('${q}.users_id_seq'::regclass)` }),
        column('email', `${q}.email`),
        column('m', `${q}.mood`, { default: `'ok'::${q}.mood` }),
        column('ms', `${q}.mood[]`, { default: `'{sad}'::${q}.mood[]` }),
        column('org', 'integer'),
        column('c', 'text', { collation: `${schema}.mycoll` }),
        column('g', 'integer', { generated: { expression: `${q}.len(c)`, stored: true } }),
        column('r', 'regclass', { default: `'${q.replace(/'/g, "''")}.orgs'::regclass` }),
      ],
      {
        foreign_keys: [{ name: 'users_org_fkey', columns: ['org'], references: { schema, table: 'orgs', columns: ['id'] } }],
        checks: [{ name: 'users_m_check', expression: `(m <> 'sad'::${q}.mood)` }],
        exclusion_constraints: [{ name: 'users_ex', definition: `EXCLUDE USING gist (org WITH OPERATOR(${q}.===))` }],
        indexes: [
          { name: 'users_email', columns: [{ expression: 'lower((email)::text)' }], unique: false, method: 'btree', definition: `CREATE INDEX users_email ON ${q}.users USING btree (lower((email)::text))` },
          { name: 'users_c', columns: [{ column: 'c', collation: `${schema}.mycoll`, opclass: `${schema}.myops` }], unique: false, where: `(m <> 'sad'::${q}.mood)`, definition: `CREATE INDEX users_c ON ${q}.users USING btree (c COLLATE ${q}.mycoll ${q}.myops) WHERE (m <> 'sad'::${q}.mood)` },
        ],
        triggers: [{ name: 'users_lower', timing: 'before', events: ['insert'], level: 'row', definition: `CREATE TRIGGER users_lower BEFORE INSERT ON ${q}.users FOR EACH ROW EXECUTE FUNCTION ${q}.lower_email()` }],
        policies: [{ name: 'p', command: 'all', permissive: true, roles: ['public'], using: `((m = 'ok'::${q}.mood) AND (org IN ( SELECT orgs.id\n   FROM ${q}.orgs)))` }],
      },
      schema,
    ),
    table('parted', [column('id'), column('m', `${q}.mood`)], { partitioning: { strategy: 'list', key: `${q}.f(m)` } }, schema),
    table('parted_1', [column('id'), column('m', `${q}.mood`)], { partition_of: { schema, table: 'parted', bound: "FOR VALUES IN ('ok')" } }, schema),
    table('child', [column('id', 'integer', { nullable: false }), column('extra')], { inherits: [{ schema, table: 'orgs' }] }, schema),
    table('typed', [column('a', `${q}.mood`)], { options: { of_type: `${q}.pair` } }, schema),
    { kind: 'view', schema, name: 'v', columns: [{ name: 'id', type: 'integer' }, { name: 'email', type: `${q}.email` }], definition: ` SELECT users.id,\n    users.email\n   FROM ${q}.users\n  WHERE (users.m = 'ok'::${q}.mood);` },
    { kind: 'materialized_view', schema, name: 'mv', columns: [{ name: 'm', type: `${q}.mood` }], definition: ` SELECT users.m\n   FROM ${q}.users;`, indexes: [{ name: 'mv_m', columns: ['m'], unique: false, method: 'btree', definition: `CREATE INDEX mv_m ON ${q}.mv USING btree (m)` }] },
    routine(schema, 'lower_email', [], `CREATE OR REPLACE FUNCTION ${q}.lower_email()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$BEGIN NEW.email := lower(NEW.email); RETURN NEW; END$function$\n`, { returns: 'trigger', language: 'plpgsql' }),
    // a quoted-string body, and a SQL-standard one the server deparses
    routine(schema, 'cnt', [`${q}.mood`], `CREATE OR REPLACE FUNCTION ${q}.cnt(x ${q}.mood)\n RETURNS bigint\n LANGUAGE sql\nAS $function$SELECT count(*) FROM ${q}.users WHERE m = x$function$\n`, { arguments: `x ${q}.mood`, returns: 'bigint' }),
    routine(schema, 'cnt2', [`${q}.mood`], `CREATE OR REPLACE FUNCTION ${q}.cnt2(x ${q}.mood)\n RETURNS SETOF ${q}.users\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT users.id\n    FROM ${q}.users\n   WHERE (users.m = cnt2.x);\nEND\n`, { arguments: `x ${q}.mood`, returns: `SETOF ${q}.users` }),
    routine(schema, 'sec', [], `CREATE OR REPLACE FUNCTION ${q}.sec()\n RETURNS integer\n LANGUAGE sql\n SECURITY DEFINER\n SET search_path TO '${schema.replace(/'/g, "''")}', 'public'\nAS $function$SELECT 1$function$\n`, { options: { 'set.search_path': `${q}, public` } }),
    { kind: 'routine', schema, name: 'mysum', routine_type: 'aggregate', argument_types: ['integer'], arguments: 'integer', returns: 'integer', language: 'internal', options: { sfunc: `${q}.s_add`, stype: `${q}.mood`, initcond: '0' } },
  ];
}

function routine(schema: string, name: string, argumentTypes: string[], definition: string, extra: Partial<Routine> = {}): Routine {
  return { kind: 'routine', schema, name, routine_type: 'function', argument_types: argumentTypes, arguments: '', returns: 'integer', language: 'sql', volatility: 'volatile', definition, ...extra };
}

test('PostgreSQL: a schema compared under another name is no change, wherever its objects name it (unquoted, as the server writes it)', () => {
  const map = { appx: 'app' };
  assert.equal(changeLines(snapshot(objects('appx', 'appx')), snapshot(objects('app', 'app')), { schemaMap: map }), []);
  // each object reads exactly as the to-side's
  const [from, to] = [objects('appx', 'appx'), objects('app', 'app')];
  from.forEach((object, i) => assert.equal(mapObject(object, new Map(Object.entries(map)), 'postgres'), to[i]));
  // a schema whose name the server quotes, either way
  assert.equal(changeLines(snapshot(objects('Appx Co', '"Appx Co"')), snapshot(objects('app', 'app')), { schemaMap: { 'Appx Co': 'app' } }), []);
  assert.equal(changeLines(snapshot(objects('appx', 'appx')), snapshot(objects('App Co', '"App Co"')), { schemaMap: { appx: 'App Co' } }), []);
});

test('PostgreSQL: a real change beside a mapped name is still one, said in the to-side\'s names', () => {
  const after = objects('app', 'app').map((object) =>
    object.kind === 'view' ? { ...object, definition: object.definition.replace("'ok'::app.mood", "'sad'::app.mood") } : object.kind === 'table' && object.name === 'users' ? { ...object, checks: [] } : object,
  );
  assert.equal(changeLines(snapshot(objects('appx', 'appx')), snapshot(after), { schemaMap: { appx: 'app' } }), [
    'remove check app.users.users_m_check (safe)',
    `modify view app.v definition: " SELECT users.id,\\n    users.email\\n   FROM app.users\\n  WHERE (users.m = 'ok'::app.mood);" → " SELECT users.id,\\n    users.email\\n   FROM app.users\\n  WHERE (users.m = 'sad'::app.mood);" (caution)`,
  ]);
});

test('only a qualifier is mapped: not a string literal, a comment, a member named like the schema, or a name that merely holds its name', () => {
  const map = new Map([['appx', 'app']]);
  const view = (definition: string): View => ({ kind: 'view', schema: 'appx', name: 'v', definition });
  const mapped = (definition: string) => (mapObject(view(definition), map, 'postgres') as View).definition;
  const untouched = ` SELECT 'appx.users'::text AS lit, E'appx.users' AS e, "appx.t".x, appx_other.t.y, t.appx -- appx.users\n   FROM appx_other.t, "appx.t" t /* appx.users */`;
  assert.is(mapped(untouched), untouched);
  assert.is(mapped(`${untouched}, appx.users`), `${untouched}, app.users`);
  // a regclass literal names a relation (PostgreSQL quotes a name inside it as it quotes any), a regnamespace one the schema
  assert.is(mapped(`SELECT 'appx.users'::regclass, 'appx'::regnamespace, '"Appx".t'::regclass, 'appx.f(appx.mood)'::regprocedure`), `SELECT 'app.users'::regclass, 'app'::regnamespace, '"Appx".t'::regclass, 'app.f(app.mood)'::regprocedure`);
  assert.is((mapObject(view(`SELECT '"It''s".users'::regclass, "It's".t`), new Map([["It's", 'app']]), 'postgres') as View).definition, `SELECT 'app.users'::regclass, app.t`);
  // a body's author may spell the schema in capitals, or quote it where the server would not
  assert.is(mapped('SELECT 1 FROM APPX.users, "appx".t'), 'SELECT 1 FROM app.users, "app".t');
  // text that cannot be read to its end is left as it is
  assert.is(mapped("SELECT 'appx.users FROM appx.users"), "SELECT 'appx.users FROM appx.users");
});

test("a routine's file, named with its argument types, is the mapped routine's", () => {
  const map = new Map([['appx', 'app']]);
  const cnt = objects('appx', 'appx').find((o) => o.name === 'cnt')!;
  assert.is(objectPath(cnt).join('/'), 'appx/routines/cnt(appx.mood).yaml');
  assert.is(mapTreePath('appx/routines/cnt(appx.mood).yaml', map, 'postgres'), objectPath(mapObject(cnt, map, 'postgres')).join('/'));
  assert.is(mapTreePath('public/routines/f(appx.mood, "appx.t", integer).yaml', map, 'postgres'), 'public/routines/f(app.mood, "appx.t", integer).yaml');
  assert.is(mapTreePath('appx/tables/users.yaml', map, 'postgres'), 'app/tables/users.yaml');
  assert.is(mapTreePath('other/tables/appx.t.yaml', map, 'postgres'), 'other/tables/appx.t.yaml');
});

test('MySQL: the database named in bodies, quoted with backticks or not, maps; its name inside a string does not', () => {
  const map = new Map([['shop_staging', 'shop']]);
  const body = (db: string) => `BEGIN INSERT INTO \`${db}\`.audit (msg) VALUES ('it\\'s shop_staging.orders', "shop_staging.x"); DELETE FROM ${db}.audit; END`;
  const proc = (db: string, sql_mode = 'STRICT_TRANS_TABLES'): Routine => ({ kind: 'routine', schema: db, name: 'p', routine_type: 'procedure', argument_types: [], arguments: '', language: 'sql', definition: body(db), options: { sql_mode } });
  assert.equal(mapObject(proc('shop_staging'), map, 'mysql'), proc('shop'));
  const trigger = (db: string) => table('orders', [column('id', 'int(11)')], { triggers: [{ name: 'tr', timing: 'after', events: ['insert'], level: 'row', definition: `INSERT INTO ${db}.audit (msg) VALUES ('new')` }] }, db);
  assert.equal(changeLines(snapshot([proc('shop_staging'), trigger('shop_staging')], { dialect: 'mysql' }), snapshot([proc('shop'), trigger('shop')], { dialect: 'mysql' }), { dialect: 'mysql', schemaMap: { shop_staging: 'shop' } }), []);
  // under NO_BACKSLASH_ESCAPES a backslash closes nothing: the string ends at the quote after it
  const plain = `SELECT 'a\\', shop_staging.t`;
  const event = (sql_mode: string): SchemaObject => ({ kind: 'event', schema: 'shop_staging', name: 'e', schedule: 'EVERY 1 DAY', definition: plain, options: { sql_mode } });
  assert.is((mapObject(event('NO_BACKSLASH_ESCAPES'), map, 'mysql') as { definition: string }).definition, `SELECT 'a\\', shop.t`);
  assert.is((mapObject(event(''), map, 'mysql') as { definition: string }).definition, plain);
});

test.run();
