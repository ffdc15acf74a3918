// The diff agrees with git: for any two snapshots, the objects datatrack reports changed are
// exactly the files `git diff --name-only` lists between the two commits (a configured rename is
// one change where git sees two files). And it reads only the blobs of the files that changed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diff } from '../../src/api/diff.js';
import type { Change } from '../../src/diff/change.js';
import { history } from '../../src/api/history.js';
import { show } from '../../src/api/show.js';
import { encodeFileName } from '../../src/codec/path-encoding.js';
import type { Index, Routine, SchemaObject, Sequence, Snapshot, Table, UserType, View } from '../../src/model/types.js';
import { rejects } from '../helpers/assert.js';
import { git, newRepo, run } from '../helpers/cli.js';
import { column, commitSnapshots, snapshot, table } from '../helpers/models.js';

/** A small deterministic PRNG (mulberry32), so that the evolving schema is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Objects = Map<string, SchemaObject>;
const key = (o: SchemaObject) => `${o.schema}/${o.kind}/${o.name}`;

function initial(): Objects {
  const objects: SchemaObject[] = [];
  for (const schema of ['app', 'billing']) {
    for (let i = 0; i < 6; i++) objects.push(table(`t${i}`, [column('id', 'integer', { nullable: false }), column('a', 'text'), column('b', 'integer')], { primary_key: { name: `t${i}_pkey`, columns: ['id'] } }, schema));
    objects.push({ kind: 'view', schema, name: 'v', definition: 'SELECT 1' } as View);
    objects.push({ kind: 'type', schema, name: 'status', type: 'enum', values: ['a', 'b'] } as UserType);
    objects.push({ kind: 'sequence', schema, name: 's', start: 1, increment: 1 } as Sequence);
    objects.push({ kind: 'routine', schema, name: 'f', routine_type: 'function', argument_types: ['integer'], definition: 'SELECT 1' } as Routine);
  }
  return new Map(objects.map((o) => [key(o), o]));
}

/** One step of schema evolution: a few random edits of every kind. */
function evolve(objects: Objects, rnd: () => number, step: number): Objects {
  const next = new Map(objects);
  const pick = () => [...next.values()][Math.floor(rnd() * next.size)]!;
  for (let n = 0; n < 4; n++) {
    const o = pick();
    const roll = rnd();
    if (o.kind === 'table') {
      const t = structuredClone(o);
      if (roll < 0.2) t.columns.push(column(`c${step}_${n}`, 'text'));
      else if (roll < 0.35 && t.columns.length > 2) t.columns.splice(1, 1);
      else if (roll < 0.5) t.columns[t.columns.length - 1]!.type = rnd() < 0.5 ? 'bigint' : 'varchar(20)';
      else if (roll < 0.65) t.indexes = [...(t.indexes ?? []), { name: `${t.name}_ix${step}`, columns: ['id'], unique: false }];
      else if (roll < 0.75) next.delete(key(o));
      else if (roll < 0.85) t.comment = `step ${step}`;
      else t.name = `${t.name}_r${step}`;
      if (next.has(key(o))) next.delete(key(o)), next.set(key(t), t);
    } else if (o.kind === 'view') next.set(key(o), { ...o, definition: `SELECT ${step}` });
    else if (o.kind === 'type') next.set(key(o), { ...o, values: [...(o.values ?? []), `v${step}`] });
    else if (o.kind === 'sequence') next.set(key(o), { ...o, increment: step });
    else if (o.kind === 'routine') next.set(key(o), { ...o, definition: `SELECT ${step}` });
  }
  if (rnd() < 0.3) {
    const t = table(`new${step}`, [column('id')], {}, rnd() < 0.5 ? 'app' : 'billing');
    next.set(key(t), t);
  }
  return next;
}

const asSnapshot = (objects: Objects, extraSchema: boolean): Snapshot =>
  snapshot([...objects.values()], { schemas: ['app', 'billing', ...(extraSchema ? ['scratch'] : [])] });

test('for any two of twelve evolving snapshots, the changed objects are the files git lists', async () => {
  const dir = newRepo();
  const rnd = random(42);
  const states: Snapshot[] = [];
  let objects = initial();
  for (let step = 0; step < 12; step++) {
    states.push(asSnapshot(objects, step % 4 === 1));
    objects = evolve(objects, rnd, step);
  }
  const commits = await commitSnapshots(dir, 'default', states);
  let compared = 0;
  for (let i = 0; i < commits.length; i++) {
    for (let j = 0; j < commits.length; j++) {
      if (i === j) continue;
      const result = await diff({ cwd: dir, revisions: [commits[i]!, commits[j]!] });
      const reported = new Set(result.changes.map((c) => c.path));
      const listed = git(dir, 'diff', '--no-renames', '--name-only', commits[i]!, commits[j]!).split('\n').filter((p) => p && p !== 'datatrack.yaml');
      assert.equal([...reported].sort(), listed.sort(), `${i} → ${j}`);
      compared++;
    }
  }
  assert.is(compared, 132);
});

test("a change PostgreSQL made on every partition is said once, on the parent, with the count; a partition's own change stays", async () => {
  const dir = newRepo();
  const partition = (n: number, extra: Partial<Table> = {}) =>
    table(`pay_${n}`, [column('id'), column('amount', 'numeric')], { partition_of: { schema: 'public', table: 'pay', bound: `FOR VALUES IN (${n})` }, ...extra });
  const check = { name: 'amount_positive', expression: '(amount >= (0)::numeric)' };
  const before = [table('pay', [column('id'), column('amount', 'numeric')]), partition(1), partition(2), partition(3)];
  const after = [
    table('pay', [column('id'), column('amount', 'numeric')], { checks: [check] }),
    partition(1, { checks: [check] }),
    partition(2, { checks: [check, { name: 'own_check', expression: '(id > 0)' }] }),
    partition(3, { checks: [{ ...check, expression: '(amount > (0)::numeric)' }] }),
  ];
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after)]);
  const { changes } = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(changes.map((c) => `${c.action} ${c.object}${c.partitions ? ` (+${c.partitions})` : ''}`), [
    'add public.pay.amount_positive (+2)',
    'add public.pay_2.own_check',
    'add public.pay_3.amount_positive',
  ]);
});

test('a subpartition carries the change as its partition does: both are counted on the parent', async () => {
  const dir = newRepo();
  const columns = (extra: boolean) => [column('id'), column('region'), ...(extra ? [column('note', 'text')] : [])];
  const tables = (extra: boolean) => [
    // COMMENT ON the parent's new column does not reach the partitions: theirs are still copies.
    table('pay', extra ? [...columns(false), column('note', 'text', { comment: 'free text' })] : columns(false)),
    table('pay_1', columns(extra), { partition_of: { schema: 'public', table: 'pay', bound: 'FOR VALUES IN (1)' } }),
    table('pay_1_eu', columns(extra), { partition_of: { schema: 'public', table: 'pay_1', bound: "FOR VALUES IN ('eu')" } }),
    table('pay_1_us', columns(extra), { partition_of: { schema: 'public', table: 'pay_1', bound: "FOR VALUES IN ('us')" } }),
  ];
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot(tables(false)), snapshot(tables(true))]);
  const { changes } = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(changes.map((c) => `${c.action} ${c.object}${c.partitions ? ` (+${c.partitions})` : ''}`), ['add public.pay.note (+3)']);
});

test('an index, primary key or unique constraint PostgreSQL copied onto every partition under names of its own is said once, on the parent', async () => {
  const dir = newRepo();
  const columns = () => [column('id'), column('region'), column('amount', 'numeric')];
  const index = (name: string, table: string, extra: Partial<Index> = {}) => ({
    name, columns: ['amount'], unique: false, method: 'btree', definition: `CREATE INDEX ${name} ON ${table === 'pay' ? 'ONLY ' : ''}public.${table} USING btree (amount)`, ...extra,
  });
  const partition = (n: number, extra: Partial<Table> = {}) => table(`pay_${n}`, columns(), { partition_of: { schema: 'public', table: 'pay', bound: `FOR VALUES IN (${n})` }, ...extra });
  const keys = (name: string) => ({ primary_key: { name: `${name}_pkey`, columns: ['id', 'region'] }, unique_constraints: [{ name: `${name}_amount_region_key`, columns: ['amount', 'region'] }] });
  const before = [table('pay', columns()), partition(1), partition(2)];
  const after = [
    table('pay', columns(), { ...keys('pay'), unique_constraints: [{ name: 'pay_u', columns: ['amount', 'region'] }], indexes: [index('pay_amount', 'pay')] }),
    partition(1, { ...keys('pay_1'), indexes: [index('pay_1_amount_idx', 'pay_1')] }),
    // Its own index besides the copy: a key of another shape, and an index on other columns
    partition(2, { ...keys('pay_2'), indexes: [index('pay_2_amount_idx', 'pay_2'), index('own', 'pay_2', { columns: ['id'], definition: 'CREATE INDEX own ON public.pay_2 USING btree (id)' })] }),
  ];
  const [a, b, c] = await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after), snapshot(before)]);
  const said = async (from: string, to: string) => (await diff({ cwd: dir, revisions: [from, to] })).changes.map((x) => `${x.action} ${x.object}${x.partitions ? ` (+${x.partitions})` : ''}`);
  assert.equal(await said(a!, b!), [
    'add public.pay.pay_pkey (+2)',
    'add public.pay.pay_amount (+2)',
    'add public.pay.pay_u (+2)',
    'add public.pay_2.own',
  ]);
  assert.equal(await said(b!, c!), [
    'remove public.pay.pay_pkey (+2)',
    'remove public.pay.pay_amount (+2)',
    'remove public.pay.pay_u (+2)',
    'remove public.pay_2.own',
  ]);
});

test("a parent's key or index recreated on other columns is said once, whether the server kept its copies' names (modified) or gave them new ones (removed and added)", async () => {
  const dir = newRepo();
  const columns = () => [column('id'), column('region'), column('amount', 'numeric')];
  const index = (name: string, table: string, keys: string[]) => ({
    name, columns: keys, unique: false, method: 'btree', definition: `CREATE INDEX ${name} ON ${table === 'pay' ? 'ONLY ' : ''}public.${table} USING btree (${keys.join(', ')})`,
  });
  const state = (keys: string[]) => {
    const parts = (name: string) => ({
      primary_key: { name: `${name}_pkey`, columns: ['id', ...keys] },
      unique_constraints: [{ name: name === 'pay' ? 'pay_u' : `${name}_${keys.join('_')}_key`, columns: keys }],
      indexes: [index(name === 'pay' ? 'pay_idx' : `${name}_${keys.join('_')}_idx`, name, keys)],
    });
    const partition = (n: number) => table(`pay_${n}`, columns(), { partition_of: { schema: 'public', table: 'pay', bound: `FOR VALUES IN (${n})` }, ...parts(`pay_${n}`) });
    return snapshot([table('pay', columns(), parts('pay')), partition(1), partition(2)]);
  };
  const [a, b] = await commitSnapshots(dir, 'default', [state(['region']), state(['region', 'amount'])]);
  const { changes } = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(changes.map((x) => `${x.action} ${x.object}${x.attribute ? ` ${x.attribute}` : ''}${x.partitions ? ` (+${x.partitions})` : ''}`), [
    'modify public.pay.pay_pkey columns (+2)',
    'modify public.pay.pay_idx columns (+2)',
    'modify public.pay.pay_u columns (+2)',
  ]);
});

test("a row trigger PostgreSQL copied onto every partition is said once, on the parent, though each copy's DDL names its own table", async () => {
  const dir = newRepo();
  const trigger = (table: string, fn = 'touch') => ({
    name: 'pay_touch', timing: 'before', events: ['insert'], level: 'row' as const, definition: `CREATE TRIGGER pay_touch BEFORE INSERT ON public.${table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
  });
  const partition = (n: number, extra: Partial<Table> = {}) => table(`pay_${n}`, [column('id')], { partition_of: { schema: 'public', table: 'pay', bound: `FOR VALUES IN (${n})` }, ...extra });
  const before = [table('pay', [column('id')]), partition(1), partition(2), partition(3)];
  const after = (fn: string) => [
    table('pay', [column('id')], { triggers: [trigger('pay', fn)] }),
    partition(1, { triggers: [trigger('pay_1', fn)] }),
    partition(2, { triggers: [trigger('pay_2', fn)] }),
    // A trigger of its own under the same name: not the parent's copy
    partition(3, { triggers: [trigger('pay_3', 'other')] }),
  ];
  const [a, b, c] = await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after('touch')), snapshot(after('stamp'))]);
  const said = async (from: string, to: string) => (await diff({ cwd: dir, revisions: [from, to] })).changes.map((x) => `${x.action} ${x.object}${x.attribute ? ` ${x.attribute}` : ''}${x.partitions ? ` (+${x.partitions})` : ''}`);
  assert.equal(await said(a!, b!), ['add public.pay.pay_touch (+2)', 'add public.pay_3.pay_touch']);
  assert.equal(await said(b!, c!), ['modify public.pay.pay_touch definition (+2)']);
});

test("a change PostgreSQL made on every inheritance child is said once, on the parent, with the count; what it does not carry down, or a child's own change, stays", async () => {
  const dir = newRepo();
  const inherits = (...parents: string[]) => ({ inherits: parents.map((parent) => ({ schema: 'public', table: parent })) });
  const before = [
    table('base', [column('id'), column('qty')]),
    table('other', [column('ref')]),
    table('c1', [column('id'), column('qty')], inherits('base')),
    table('c2', [column('id'), column('qty'), column('own')], inherits('base')),
    table('c3', [column('id'), column('qty'), column('ref')], inherits('base', 'other')),
    table('g1', [column('id'), column('qty')], inherits('c1')),
  ];
  const positive = { name: 'qty_positive', expression: '(qty > 0)' };
  const onlyBase = { name: 'id_set', expression: '(id IS NOT NULL)', no_inherit: true };
  // What ALTER TABLE base … did on base and on each descendant
  const carried = (extra: Table['columns'] = [], comment?: string) => [column('id'), column('qty', 'bigint', comment ? { comment } : {}), column('w'), ...extra];
  const after = [
    table('base', carried([], 'units'), { checks: [positive, onlyBase], comment: 'base' }),
    table('other', [column('ref'), column('v', 'text')]),
    // Its own NO INHERIT check, as base has, is not base's copy; nor is its own comment on a column
    table('c1', carried([], 'units'), { ...inherits('base'), checks: [positive, onlyBase] }),
    // Its own column, and its own check of base's name and another expression
    table('c2', carried([column('own', 'text')]), { ...inherits('base'), checks: [{ ...positive, expression: '(qty > 1)' }] }),
    // Two parents: each change is of the parent that made it
    table('c3', carried([column('ref'), column('v', 'text')]), { ...inherits('base', 'other'), checks: [positive] }),
    table('g1', carried(), { ...inherits('c1'), checks: [positive] }),
  ];
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after)]);
  const { changes } = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(changes.map((c) => `${c.action} ${c.object}${c.attribute ? ` ${c.attribute}` : ''}${c.children ? ` (+${c.children})` : ''}`), [
    'modify public.base comment',
    'modify public.base.qty type (+4)',
    'modify public.base.qty comment',
    'add public.base.w (+4)',
    'add public.base.id_set',
    'add public.base.qty_positive (+3)',
    'modify public.c1.qty comment',
    'add public.c1.id_set',
    'modify public.c2.own type',
    'add public.c2.qty_positive',
    'add public.other.v (+1)',
  ]);
  assert.equal(changes.filter((c) => c.partitions), []);
  assert.match(run(['diff', a!, b!], dir).stdout, /\+ column w integer \(and 4 child tables\)/);
});

test('a change to an object recorded raw says what the server calls it (object_type), added, modified or removed', async () => {
  const dir = newRepo();
  const collation = (locale: string): SchemaObject => ({ kind: 'unknown', schema: 'public', name: 'mycoll', object_type: 'collation', raw: { colliculocale: locale } });
  const statistics: SchemaObject = { kind: 'unknown', schema: 'public', name: 'st', object_type: 'statistics', raw: { definition: 'CREATE STATISTICS public.st ON a, b FROM t' } };
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot([collation('de-DE'), statistics]), snapshot([collation('fr-FR')])]);
  const result = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(result.changes.map((c) => `${c.action} ${c.kind} ${c.object_type} ${c.object}`), ['modify unknown collation public.mycoll', 'remove unknown statistics public.st']);
});

test("MySQL: a routine snapshot that left its database's default charset unsaid is no change against one that spells it out, read from git with its unchanged schema.yaml (diff, history)", async () => {
  const dir = newRepo();
  const side = (args: string, returns: string): Snapshot => ({
    meta: { format: 1, dialect: 'mysql', server: '1', database: 'shop' },
    schemas: [{ name: 'shop', options: { charset: 'latin1', collation: 'latin1_swedish_ci' } }],
    objects: [{ kind: 'routine', schema: 'shop', name: 'f', routine_type: 'function', argument_types: ['varchar(10)'], arguments: args, returns, definition: 'RETURN a' } as Routine],
  });
  const [a, b, c] = await commitSnapshots(dir, 'default', [
    side('a varchar(10)', 'varchar(3) COLLATE latin1_bin'),
    side('a varchar(10) CHARSET latin1 COLLATE latin1_swedish_ci', 'varchar(3) CHARSET latin1 COLLATE latin1_bin'),
    side('a varchar(10) CHARSET utf8mb4 COLLATE utf8mb4_bin', 'varchar(3) CHARSET latin1 COLLATE latin1_bin'),
  ]);
  assert.equal((await diff({ cwd: dir, revisions: [a!, b!] })).changes, []);
  assert.equal((await diff({ cwd: dir, revisions: [a!, c!] })).changes.map((x) => `${x.attribute}: ${x.from} → ${x.to}`), ['arguments: a varchar(10) CHARSET latin1 COLLATE latin1_swedish_ci → a varchar(10) CHARSET utf8mb4 COLLATE utf8mb4_bin']);
  assert.equal((await history({ cwd: dir, object: 'shop.f(varchar(10))' })).map((e) => e.changes?.length), [1, 0, 1]);
});

test('a configured rename is one change where git lists two files; nothing else differs', async () => {
  const dir = newRepo();
  const before = [table('users', [column('id'), column('mail', 'text')]), table('orders', [column('id')])];
  const after = [table('users', [column('id'), column('email', 'text')]), table('purchases', [column('id')])];
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot(before), snapshot(after)]);
  mkdirSync(join(dir, '.datatrack'));
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\nrenames:\n  public.orders: public.purchases\n  public.users.mail: public.users.email\n');
  const result = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(result.changes.map((c) => `${c.action} ${c.object}`), ['rename public.purchases', 'rename public.users.email']);
  const listed = git(dir, 'diff', '--no-renames', '--name-only', a!, b!).split('\n').filter(Boolean).sort();
  const renamedFrom = result.changes.filter((c) => c.action === 'rename' && c.kind === 'table').map((c) => c.path.replace(/[^/]+$/, encodeFileName(String(c.from))));
  assert.equal([...new Set([...result.changes.map((c) => c.path), ...renamedFrom])].sort(), listed);
});

test('a configured rename is followed the way the two snapshots are ordered in time: after it, a new table under the old name is itself, either way', async () => {
  const dir = newRepo();
  const users = table('users', [column('id'), column('email', 'text')]);
  const old = table('users_old', [column('id'), column('email', 'text')]);
  const archived = table('users_old', [column('id'), column('email', 'text'), column('archived_at', 'text')]);
  const fresh = table('users', [column('id'), column('login', 'text')]);
  const [before, renamed, created, dropped] = await commitSnapshots(dir, 'default', [[users], [old], [archived, fresh], [fresh]].map((objects) => snapshot(objects)));
  mkdirSync(join(dir, '.datatrack'));
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\nrenames:\n  public.users: public.users_old\n');
  const lines = async (a: string, b: string) => (await diff({ cwd: dir, revisions: [a, b] })).changes.map((c) => `${c.action} ${c.object}`);
  assert.equal(await lines(renamed!, created!), ['add public.users', 'add public.users_old.archived_at']);
  assert.equal(await lines(created!, renamed!), ['remove public.users', 'remove public.users_old.archived_at']);
  assert.equal(await lines(created!, dropped!), ['remove public.users_old']);
  assert.equal(await lines(dropped!, created!), ['add public.users_old']);
  // across the rename, it is the rename
  assert.equal(await lines(before!, created!), ['add public.users', 'rename public.users_old', 'add public.users_old.archived_at']);
  assert.equal(await lines(created!, before!), ['rename public.users', 'remove public.users.archived_at', 'remove public.users']);
});

test('--schema-map: a renamed PostgreSQL schema compares object by object; without it, everything moved', async () => {
  const dir = newRepo();
  const app = (schema: string, extra: boolean) => snapshot([table('users', [column('id'), ...(extra ? [column('email', 'text')] : [])], {}, schema), table('orders', [column('id')], { foreign_keys: [{ name: 'fk', columns: ['id'], references: { schema, table: 'users', columns: ['id'] } }] }, schema)]);
  await commitSnapshots(dir, 'v1', [app('app_v1', false)]);
  await commitSnapshots(dir, 'v2', [app('app', true)]);
  const mapped = await diff({ cwd: dir, revisions: ['v1', 'v2'], schemaMap: ['app_v1=app'] });
  assert.equal(mapped.changes.map((c) => `${c.action} ${c.object}`), ['add app.users.email']);
  const cli = run(['diff', '--schema-map', 'app_v1=app', 'v1', 'v2', '--name-only'], dir);
  assert.is(cli.stdout, 'app.users\n');
  const unmapped = await diff({ cwd: dir, revisions: ['v1', 'v2'] });
  assert.equal(unmapped.summary.added, 3);
  assert.equal(unmapped.summary.removed, 3);
  // A schema the older side lacks (a typo) is said; one read into a schema the older side has too is refused.
  const typo = await diff({ cwd: dir, revisions: ['v1', 'v2'], schemaMap: ['app_v2=app'] });
  assert.equal(typo.warnings, ['--schema-map app_v2=app: the older side has no schema "app_v2"; nothing of it was mapped']);
  await commitSnapshots(dir, 'both', [snapshot([...app('app_v1', false).objects, table('t', [column('id')], {}, 'app')])]);
  await rejects(() => diff({ cwd: dir, revisions: ['both', 'v2'], schemaMap: ['app_v1=app'] }), /the older side has a schema "app" of its own, which "app_v1" would be read into/);
  const swapped = await diff({ cwd: dir, revisions: ['both', 'v2'], schemaMap: ['app_v1=app', 'app=app_v1'] });
  assert.ok(swapped.changes.length > 0);
});

test("--schema-map from git: a routine whose file names the schema in its argument types is paired; mapping public is warned about", async () => {
  const dir = newRepo();
  // As the server writes it, in a schema off the search path: every name qualified.
  const f = (schema: string): Routine => ({
    kind: 'routine', schema, name: 'f', routine_type: 'function', argument_types: [`${schema}.mood`], arguments: `x ${schema}.mood`, returns: 'integer', language: 'sql',
    definition: `CREATE OR REPLACE FUNCTION ${schema}.f(x ${schema}.mood)\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT 1$function$\n`,
  });
  const mood = (schema: string): UserType => ({ kind: 'type', schema, name: 'mood', type: 'enum', values: ['ok'] });
  await commitSnapshots(dir, 'v1', [snapshot([f('app_v1'), mood('app_v1')])]);
  await commitSnapshots(dir, 'v2', [snapshot([f('app'), mood('app')])]);
  const mapped = await diff({ cwd: dir, revisions: ['v1', 'v2'], schemaMap: ['app_v1=app'] });
  assert.equal([mapped.changes, mapped.warnings], [[], undefined]);
  // PostgreSQL would write public's names bare, which no mapping of qualifiers can tell from pg_catalog's.
  const intoPublic = await diff({ cwd: dir, revisions: ['v1', 'v2'], schemaMap: ['app_v1=public'] });
  assert.equal(intoPublic.warnings, ['--schema-map app_v1=public: PostgreSQL names what public holds without its schema and what "app_v1" holds with it, so the column types, defaults, expressions and definitions that name them are reported changed; map schemas other than public']);
});

test('the diff reads only the blobs of the files that changed (plus the two datatrack.yaml)', async () => {
  const dir = newRepo();
  const tables = Array.from({ length: 300 }, (_, i) => table(`t${i}`, [column('id'), column('x', 'text')]));
  const changed = tables.map((t, i) => (i % 100 === 7 ? { ...t, columns: [...t.columns, column('y')] } : t));
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot(tables), snapshot(changed)]);
  const result = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.is(result.changes.length, 3);
  assert.equal(result.stats, { files: 3, respelled: 0, blobs_read: 3 * 2 + 2 });
});

test("an extension moved to another schema, read from git: its types move with it, not a user's type unchanged beside the diff's files under the same name", async () => {
  const dir = newRepo();
  const extension = (schema: string): SchemaObject => ({ kind: 'extension', schema, name: 'citext' });
  const mood: UserType = { kind: 'type', schema: 'public', name: 'mood', type: 'enum', values: ['a'] };
  const t = (q: string) => table('t', [column('c', `${q}citext`), column('m', `${q}mood`)]);
  const [a, b] = await commitSnapshots(dir, 'default', [snapshot([extension('ext'), mood, t('ext.')], { schemas: ['public', 'ext'] }), snapshot([extension('public'), mood, t('')], { schemas: ['public', 'ext'] })]);
  const result = await diff({ cwd: dir, revisions: [a!, b!] });
  assert.equal(result.changes.map((c) => `${c.action} ${c.object} ${c.impact}`), ['rename public.citext breaking', 'modify public.t.m breaking']);
});

test("MySQL/MariaDB: an added or removed part is spelt in the words of the server its side was read from (diff, history)", async () => {
  const dir = newRepo();
  const side = (server: string, key: string, geometry: string, srid: number): Snapshot => ({
    meta: { format: 1, dialect: 'mysql', server, database: 'shop' },
    schemas: [{ name: 'shop' }],
    objects: [table('t', [column('a', 'int(11)'), column('b', 'int(11)'), column(geometry, 'point', { nullable: false, options: { srid } })], { indexes: [{ name: key, columns: [key], unique: false, method: 'btree', options: { invisible: true } }] }, 'shop')],
  });
  const [a, b] = await commitSnapshots(dir, 'default', [side('8.0.36-MySQL', 'a', 'old', 0), side('10.11.19-MariaDB', 'b', 'g', 4326)]);
  const spelt = [
    'remove column shop.t.old: point SRID 0 NOT NULL',
    'add column shop.t.g: point REF_SYSTEM_ID=4326 NOT NULL',
    'remove index shop.t.a: btree (a) INVISIBLE',
    'add index shop.t.b: btree (b) IGNORED',
  ];
  const definitions = (changes: Change[] = []) => changes.filter((c) => c.definition).map((c) => `${c.action} ${c.kind} ${c.object}: ${c.definition}`);
  assert.equal(definitions((await diff({ cwd: dir, revisions: [a!, b!] })).changes), spelt);
  assert.equal(definitions((await history({ cwd: dir, object: 'shop.t' }))[0]!.changes), spelt);
});

test('history finds an object whose name ends in .yaml as show does, by its name quoted or not; the shorter name it ends in is no object', async () => {
  const dir = newRepo();
  const orders = (...columns: string[]) => table('orders.yaml', columns.map((name) => column(name)), {}, 'main');
  const commits = await commitSnapshots(dir, 'default', [snapshot([orders('a')], { dialect: 'sqlite' }), snapshot([orders('a', 'b')], { dialect: 'sqlite' })]);
  for (const name of ['main.orders.yaml', 'main."orders.yaml"', 'main/tables/orders.yaml.yaml']) {
    assert.is(((await show({ cwd: dir, object: name })) as { path: string }).path, 'main/tables/orders.yaml.yaml', name);
    const entries = await history({ cwd: dir, object: name });
    assert.equal(entries.map((e) => [e.commit, e.change, e.changes?.map((c) => `${c.action} ${c.object}`)]), [[commits[1], 'modified', ['add main.orders.yaml.b']], [commits[0], 'added', ['add main.orders.yaml']]], name);
  }
  await rejects(() => history({ cwd: dir, object: 'orders' }), /^no snapshot of default holds an object "orders"; did you mean "main\.\\"orders\.yaml\\""\?$/);
});

test.run();
