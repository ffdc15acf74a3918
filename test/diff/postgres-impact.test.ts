// PostgreSQL-specific impacts that a change's attribute alone does not tell: what the server
// refuses or stops doing for existing readers and writers after the migration (ON CONFLICT
// arbiters, overload resolution, a crash or a standby emptying an UNLOGGED table).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Column, Index, Routine, SchemaObject, Table, UserType, View } from '../../src/model/types.js';
import { diff } from '../../src/api/diff.js';
import { history } from '../../src/api/history.js';
import { newRepo } from '../helpers/cli.js';
import { changeLines, column, resultLines, table } from '../helpers/models.js';
import { commitSnapshot } from '../helpers/snapshots.js';

test('a key made DEFERRABLE can no longer be an ON CONFLICT arbiter, one made NOT DEFERRABLE fails x = x + 1 updates: breaking both ways; a foreign key made deferrable: caution', () => {
  const t = (extra: Partial<Table>) => table('t', [column('a', 'integer', { nullable: false })], extra);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })], [t({ unique_constraints: [{ name: 'u', columns: ['a'], deferrable: true }] })]), [
    'modify unique_constraint public.t.u deferrable: false → true (breaking)',
  ]);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'], deferrable: true }] })], [t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })]), [
    'modify unique_constraint public.t.u deferrable: true → false (breaking)',
  ]);
  assert.equal(changeLines([t({ exclusion_constraints: [{ name: 'x', definition: 'EXCLUDE USING gist (a WITH =)' }] })], [t({ exclusion_constraints: [{ name: 'x', definition: 'EXCLUDE USING gist (a WITH =)', deferrable: true }] })]), [
    'modify exclusion_constraint public.t.x deferrable: false → true (breaking)',
  ]);
  const fk = (deferrable: boolean) => t({ foreign_keys: [{ name: 'fk', columns: ['a'], references: { schema: 'public', table: 'p', columns: ['id'] }, deferrable }] });
  assert.equal(changeLines([fk(false)], [fk(true)]), ['modify foreign_key public.t.fk deferrable: false → true (caution)']);
});

test("a comment on a range's multirange, recorded on the range, is safe as any comment", () => {
  const range = (options: Record<string, string>): UserType => ({ kind: 'type', schema: 'public', name: 'r', type: 'range', subtype: 'integer', options: { multirange_type_name: 'r_multirange', ...options } });
  assert.equal(changeLines([range({})], [range({ multirange_comment: 'ranges' })]), ['modify type public.r options.multirange_comment: null → "ranges" (safe)']);
});

test("a unique index made partial, or given another predicate, lets duplicates in and stops matching ON CONFLICT: breaking unless the table keeps them unique otherwise", () => {
  const ix = (extra: Partial<Index> = {}): Index => ({ name: 'ix', columns: ['a'], unique: true, method: 'btree', definition: 'x', ...extra });
  const t = (extra: Partial<Table>) => table('t', [column('a')], extra);
  assert.equal(changeLines([t({ indexes: [ix()] })], [t({ indexes: [ix({ where: '(a > 0)' })] })]), ['modify index public.t.ix where: null → "(a > 0)" (breaking)']);
  assert.equal(changeLines([t({ indexes: [ix({ where: '(a > 0)' })] })], [t({ indexes: [ix({ where: '(a > 1)' })] })]), ['modify index public.t.ix where: "(a > 0)" → "(a > 1)" (breaking)']);
  assert.equal(changeLines([t({ indexes: [ix({ where: '(a > 0)' })] })], [t({ indexes: [ix()] })]), ['modify index public.t.ix where: "(a > 0)" → null (caution)']);
  const keyed = { unique_constraints: [{ name: 'u', columns: ['a'] }] };
  assert.equal(changeLines([t({ ...keyed, indexes: [ix()] })], [t({ ...keyed, indexes: [ix({ where: '(a > 0)' })] })]), ['modify index public.t.ix where: null → "(a > 0)" (caution)']);
  assert.equal(changeLines([t({ indexes: [ix({ unique: false })] })], [t({ indexes: [ix({ unique: false, where: '(a > 0)' })] })]), ['modify index public.t.ix where: null → "(a > 0)" (caution)']);
});

test('a unique key or index no longer NULLS NOT DISTINCT lets rows equal but for NULLs in, and ON CONFLICT misses them: breaking unless the table keeps them unique otherwise; made NOT DISTINCT: caution', () => {
  const t = (extra: Partial<Table>) => table('t', [column('a'), column('b')], extra);
  const key = (nullsNotDistinct: boolean) => ({ name: 'u', columns: ['a', 'b'], ...(nullsNotDistinct ? { nulls_not_distinct: true } : {}) });
  const ix = (nullsNotDistinct: boolean, extra: Partial<Index> = {}): Index => ({ name: 'ix', columns: ['a', 'b'], unique: true, method: 'btree', definition: 'x', ...(nullsNotDistinct ? { nulls_not_distinct: true } : {}), ...extra });
  assert.equal(changeLines([t({ unique_constraints: [key(true)] })], [t({ unique_constraints: [key(false)] })]), ['modify unique_constraint public.t.u nulls_not_distinct: true → false (breaking)']);
  assert.equal(changeLines([t({ unique_constraints: [key(false)] })], [t({ unique_constraints: [key(true)] })]), ['modify unique_constraint public.t.u nulls_not_distinct: false → true (caution)']);
  assert.equal(changeLines([t({ indexes: [ix(true)] })], [t({ indexes: [ix(false)] })]), ['modify index public.t.ix nulls_not_distinct: true → false (breaking)']);
  assert.equal(changeLines([t({ indexes: [ix(true, { where: '(a > 0)' })] })], [t({ indexes: [ix(false, { where: '(a > 0)' })] })]), ['modify index public.t.ix nulls_not_distinct: true → false (breaking)']);
  assert.equal(changeLines([t({ indexes: [ix(false)] })], [t({ indexes: [ix(true)] })]), ['modify index public.t.ix nulls_not_distinct: false → true (caution)']);
  // another key treats NULLs as equal still, or a primary key's columns take no NULL
  assert.equal(changeLines([t({ unique_constraints: [key(true)], indexes: [ix(true)] })], [t({ unique_constraints: [key(true)], indexes: [ix(false)] })]), ['modify index public.t.ix nulls_not_distinct: true → false (caution)']);
  assert.equal(changeLines([t({ primary_key: { columns: ['b', 'a'] }, indexes: [ix(true)] })], [t({ primary_key: { columns: ['b', 'a'] }, indexes: [ix(false)] })]), ['modify index public.t.ix nulls_not_distinct: true → false (caution)']);
});

test('an INVALID index (a failed CREATE INDEX CONCURRENTLY) served no query: dropping it is safe, caution when unique; it keeps nothing unique', () => {
  const ix = (extra: Partial<Index> = {}): Index => ({ name: 'ix', columns: ['a'], unique: false, method: 'btree', definition: 'x', options: { invalid: true }, ...extra });
  const t = (...indexes: Index[]) => table('t', [column('a')], { indexes });
  assert.equal(changeLines([t(ix())], [t()]), ['remove index public.t.ix (safe)']);
  assert.equal(changeLines([t(ix({ unique: true }))], [t()]), ['remove index public.t.ix (caution)']);
  // A unique constraint dropped beside an INVALID unique index on its columns: nothing keeps them unique.
  const key = { unique_constraints: [{ name: 'u', columns: ['a'] }] };
  assert.equal(changeLines([table('t', [column('a')], { ...key, indexes: [ix({ unique: true })] })], [t(ix({ unique: true }))]), ['remove unique_constraint public.t.u (breaking)']);
});

test("a function's result type is read as a column's: judged as a column type change", () => {
  const fn = (returns: string): Routine => ({ kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: ['integer'], arguments: 'a integer', returns, language: 'sql', definition: 'SELECT 1' });
  assert.equal(changeLines([fn('integer')], [fn('bigint')]), ['modify routine public.f(integer) returns: "integer" → "bigint" (caution)']);
  assert.equal(changeLines([fn('bigint')], [fn('text')]), ['modify routine public.f(integer) returns: "bigint" → "text" (breaking)']);
  assert.equal(changeLines([fn('bigint')], [fn('integer')]), ['modify routine public.f(integer) returns: "bigint" → "integer" (breaking)']);
  assert.equal(changeLines([fn('character varying(10)')], [fn('text')]), ['modify routine public.f(integer) returns: "character varying(10)" → "text" (safe)']);
  assert.equal(changeLines([fn('integer')], [fn('SETOF integer')]), ['modify routine public.f(integer) returns: "integer" → "SETOF integer" (breaking)']);
  assert.equal(changeLines([fn('void')], [fn('integer')]), ['modify routine public.f(integer) returns: "void" → "integer" (caution)']);
  assert.equal(changeLines([fn('integer')], [fn('void')]), ['modify routine public.f(integer) returns: "integer" → "void" (breaking)']);
  assert.equal(changeLines([fn('TABLE(a integer)')], [fn('TABLE(a integer, b text)')]), ['modify routine public.f(integer) returns: "TABLE(a integer)" → "TABLE(a integer, b text)" (caution)']);
});

test("a RETURNS TABLE(…) result's columns are read by name, as a view's: one gone or renamed is breaking, one retyped judged as a column's type, one only added or moved caution", () => {
  const fn = (returns: string): Routine => ({ kind: 'routine', schema: 'public', name: 'tf', routine_type: 'function', argument_types: [], returns, language: 'sql', definition: 'SELECT 1, 2' });
  const judged = (from: string, to: string) => changeLines([fn(from)], [fn(to)]).map((line) => line.replace(/^.* \((\w+)\)$/, '$1'));
  assert.equal(judged('TABLE(a integer, b integer)', 'TABLE(a integer)'), ['breaking']);
  assert.equal(judged('TABLE(a integer, b integer)', 'TABLE(a integer, c integer)'), ['breaking']);
  assert.equal(judged('TABLE(a bigint, b integer)', 'TABLE(a text, b integer)'), ['breaking']);
  assert.equal(judged('TABLE(a integer, b integer)', 'TABLE(a bigint, b integer)'), ['caution']);
  assert.equal(judged('TABLE(a character varying(10))', 'TABLE(a text)'), ['safe']);
  assert.equal(judged('TABLE(a integer, b integer)', 'TABLE(b integer, a integer)'), ['caution']);
  assert.equal(judged('TABLE(a integer, "B c" integer)', 'TABLE(a integer, "B c" integer, d numeric(10,2))'), ['caution']);
  assert.equal(judged('TABLE("B c" integer)', 'TABLE("B C" integer)'), ['breaking']);
});

test("a PostgreSQL routine's arguments changed in place: a DEFAULT removed fails the calls that left it out, and its OUT parameters are its result row's columns: breaking when one goes, is renamed or retyped so", () => {
  const fn = (args: string): Routine => ({ kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: ['integer', 'integer'], arguments: args, returns: 'record', language: 'sql', definition: 'SELECT 1' });
  const judged = (from: string, to: string) => changeLines([fn(from)], [fn(to)]).map((line) => line.replace(/^.* \((\w+)\)$/, '$1'));
  assert.equal(judged('x integer, y integer DEFAULT 0', 'x integer, y integer'), ['breaking']);
  assert.equal(judged('x integer, y integer DEFAULT 0', 'x integer DEFAULT 1, y integer DEFAULT 0'), ['caution']);
  assert.equal(judged('x integer, y integer', 'x integer, y integer DEFAULT 0'), ['caution']);
  assert.equal(judged('x integer, y integer DEFAULT 0', 'x integer, y integer DEFAULT 1'), ['caution']);
  const out = (outs: string) => `x integer, y integer, ${outs}`;
  assert.equal(judged(out('OUT a integer, OUT b text'), out('OUT a integer')), ['breaking']);
  assert.equal(judged(out('OUT a integer, OUT b text'), out('OUT a integer, OUT c text')), ['breaking']);
  assert.equal(judged(out('OUT a bigint, OUT b text'), out('OUT a integer, OUT b text')), ['breaking']);
  assert.equal(judged(out('OUT a integer, OUT b text'), out('OUT a bigint, OUT b text')), ['caution']);
  assert.equal(judged(out('OUT a integer'), out('OUT a integer, OUT b text')), ['caution']);
  // a procedure writes IN before its input parameters; an input parameter renamed is another matter (caution, as before)
  assert.equal(judged('IN x integer, IN y integer, OUT a integer', 'IN x integer, IN y integer, OUT b integer'), ['breaking']);
  assert.equal(judged('x integer, y integer', 'p integer, q integer'), ['caution']);
});

/** A PostgreSQL function `f` (or another, by `extra`) of these argument types, declared as `args`. */
const fn = (types: string[], args: string, extra: Partial<Routine> = {}): Routine => ({
  kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: types, arguments: args, returns: 'integer', language: 'sql', definition: 'SELECT 1', ...extra,
});

test('a routine dropped for one of its name added with the same arguments first and DEFAULTs for the rest still takes its calls: caution', () => {
  const old = fn(['integer', 'integer'], 'a integer, b integer');
  const three = ['integer', 'integer', 'integer'];
  // Without a default the old calls fail; nor does a procedure take a function's calls, or another name's.
  for (const [replacement, removal] of [
    [fn(three, 'a integer, b integer, c integer DEFAULT 0'), 'caution'],
    [fn(three, 'a integer, b integer, c integer'), 'breaking'],
    [fn(three, 'a integer, b integer, c integer DEFAULT 0', { routine_type: 'procedure' }), 'breaking'],
    [fn(['bigint', 'integer', 'integer'], 'a bigint, b integer, c integer DEFAULT 0'), 'breaking'],
    [fn(three, 'a integer, b integer, c integer DEFAULT 0', { name: 'g' }), 'breaking'],
  ] as const) {
    const added = `add routine public.${replacement.name}(${replacement.argument_types.join(', ')}) (safe)`;
    assert.equal(changeLines([old], [replacement]).sort(), [added, `remove routine public.f(integer, integer) (${removal})`].sort());
  }
  // MySQL does not overload: there a routine of another signature is the same one, modified.
});

test('a new overload beside one kept unchanged makes its calls ambiguous ("function f(integer, integer) is not unique"): breaking, in diff and history', async () => {
  const two = fn(['integer', 'integer'], 'a integer, b integer');
  const judged = async (before: Routine[], after: Routine[]) => {
    const dir = newRepo();
    await commitSnapshot(dir, before);
    await commitSnapshot(dir, after);
    const lines = (changes: { action: string; object: string; impact: string }[]) => changes.map((c) => `${c.action} ${c.object} ${c.impact}`);
    return [lines((await diff({ cwd: dir })).changes), lines((await history({ cwd: dir, object: 'public.f(integer, integer, integer)' }))[0]!.changes!)];
  };
  const longer = fn(['integer', 'integer', 'integer'], 'a integer, b integer, c integer DEFAULT 0');
  assert.equal(await judged([two], [two, longer]), [['add public.f(integer, integer, integer) breaking'], ['add public.f(integer, integer, integer) breaking']]);
  // the longer one kept, the shorter added: the longer one's calls with two arguments are ambiguous too
  assert.equal((await judged([longer], [longer, two]))[0], ['add public.f(integer, integer) breaking']);
  // without a default no call matches both
  assert.equal((await judged([two], [two, fn(['integer', 'integer', 'integer'], 'a integer, b integer, c integer')]))[0], ['add public.f(integer, integer, integer) safe']);
});

test('an enum into text (or a varchar its labels fit), a domain into its base type and a type into a domain over it: every value kept, caution, in diff and history; anything narrower stays breaking', async () => {
  const mood: UserType = { kind: 'type', schema: 'public', name: 'Mood', type: 'enum', values: ['happy', 'very sad'] };
  const positive: UserType = { kind: 'type', schema: 'other', name: 'positive', type: 'domain', base_type: 'integer', checks: [{ name: 'positive_check', expression: 'VALUE > 0' }] };
  const small: UserType = { kind: 'type', schema: 'public', name: 'small', type: 'domain', base_type: 'other.positive' };
  const t = (type: string) => table('t', [column('c', type)]);
  const judged = async (from: string, to: string) => {
    const dir = newRepo();
    await commitSnapshot(dir, [mood, positive, small, t(from)]);
    await commitSnapshot(dir, [mood, positive, small, t(to)]);
    return [(await diff({ cwd: dir })).changes.map((c) => c.impact), (await history({ cwd: dir, object: 'public.t' }))[0]!.changes!.map((c) => c.impact)].join(' ');
  };
  assert.is(await judged('"Mood"', 'text'), 'caution caution');
  assert.is(await judged('"Mood"[]', 'text[]'), 'caution caution');
  assert.is(await judged('"Mood"', 'character varying(8)'), 'caution caution');
  assert.is(await judged('"Mood"', 'character varying(7)'), 'breaking breaking');
  assert.is(await judged('"Mood"[]', 'text'), 'breaking breaking');
  assert.is(await judged('text', '"Mood"'), 'breaking breaking');
  assert.is(await judged('other.positive', 'integer'), 'caution caution');
  assert.is(await judged('other.positive', 'bigint'), 'caution caution');
  assert.is(await judged('other.positive', 'smallint'), 'breaking breaking');
  // a domain over a domain, to the base of its base
  assert.is(await judged('small', 'integer'), 'caution caution');
  // into a domain over what the type may become: its checks may refuse values, as a check added: caution
  assert.is(await judged('integer', 'other.positive'), 'caution caution');
  assert.is(await judged('smallint', 'small'), 'caution caution');
  assert.is(await judged('bigint', 'other.positive'), 'breaking breaking');
  assert.is(await judged('text', 'other.positive'), 'breaking breaking');
});

/** A diff's changes from git, and those `history` of `object` gives, as lines: both read the user types beside the files that changed. */
async function fromGit(before: SchemaObject[], after: SchemaObject[], object: string): Promise<[string[], string[]]> {
  const dir = newRepo();
  await commitSnapshot(dir, before);
  await commitSnapshot(dir, after);
  return [resultLines((await diff({ cwd: dir })).changes), resultLines((await history({ cwd: dir, object }))[0]!.changes!)];
}

const domain = (name: string, extra: Partial<UserType> = {}): UserType => ({ kind: 'type', schema: 'public', name, type: 'domain', base_type: 'integer', ...extra });
/** NOT NULL without a default; over it, another; with a default; NOT NULL with a default. */
const DOMAINS = [domain('dn', { nullable: false }), domain('dn2', { base_type: 'dn' }), domain('dd', { default: '7' }), domain('dnd', { nullable: false, default: '3' })];

test('a column of a NOT NULL domain without a default must be given a value, one of a domain with a default need not: column.add and a default dropped judge the domain too', async () => {
  const t = (...columns: Column[]) => table('t', [column('id'), ...columns]);
  const added = async (extra: Column) => (await fromGit([...DOMAINS, t()], [...DOMAINS, t(extra)], 'public.t')).flat();
  // the column itself takes NULL, its domain (or one under it) does not: an insert without it fails
  assert.equal(await added(column('z', 'dn')), ['add column public.t.z (breaking)', 'add column public.t.z (breaking)']);
  assert.equal(await added(column('z', 'dn2')), ['add column public.t.z (breaking)', 'add column public.t.z (breaking)']);
  // NOT NULL, but the domain's default fills it; an array of a NOT NULL domain is NULL when left out
  assert.equal(await added(column('z', 'dd', { nullable: false })), ['add column public.t.z (safe)', 'add column public.t.z (safe)']);
  assert.equal(await added(column('z', 'dnd')), ['add column public.t.z (safe)', 'add column public.t.z (safe)']);
  assert.equal(await added(column('z', 'dn[]')), ['add column public.t.z (safe)', 'add column public.t.z (safe)']);
  assert.equal(await added(column('z', 'dn', { default: '0' })), ['add column public.t.z (safe)', 'add column public.t.z (safe)']);
  // a column's own default dropped: the domain's still fills it; nothing fills a NOT NULL domain's column
  const dropped = async (type: string, nullable: boolean) => (await fromGit([...DOMAINS, t(column('z', type, { nullable, default: '1' }))], [...DOMAINS, t(column('z', type, { nullable }))], 'public.t')).flat();
  assert.equal(await dropped('dd', false), ['modify column public.t.z default: "1" → null (caution)', 'modify column public.t.z default: "1" → null (caution)']);
  assert.equal(await dropped('dn', true), ['modify column public.t.z default: "1" → null (breaking)', 'modify column public.t.z default: "1" → null (breaking)']);
  assert.equal(await dropped('integer', true), ['modify column public.t.z default: "1" → null (caution)', 'modify column public.t.z default: "1" → null (caution)']);
  // the same in memory, with both whole snapshots at hand
  assert.equal(changeLines([...DOMAINS, t()], [...DOMAINS, t(column('z', 'dn'))]), ['add column public.t.z (breaking)']);
});

test("a domain's default dropped breaks inserts where a column declared with it is left with nothing that fills it; SET NOT NULL on a domain is breaking", async () => {
  const dd = (extra: Partial<UserType> = {}) => domain('dd', { default: '7', ...extra });
  const t = (c: Partial<Column>) => table('t', [column('id'), column('c', 'dd', c)]);
  const dropDefault = async (extra: Partial<UserType>, c: Partial<Column>) => (await fromGit([dd(extra), t(c)], [domain('dd', extra), t(c)], 'public.dd')).flat();
  const line = (impact: string) => `modify type public.dd default: "7" → null (${impact})`;
  assert.equal(await dropDefault({}, { nullable: false }), [line('breaking'), line('breaking')]);
  assert.equal(await dropDefault({ nullable: false }, {}), [line('breaking'), line('breaking')]);
  // the column's own default fills it; a nullable column of a nullable domain gets NULL
  assert.equal(await dropDefault({}, { nullable: false, default: '0' }), [line('caution'), line('caution')]);
  assert.equal(await dropDefault({}, {}), [line('caution'), line('caution')]);
  // no column uses it
  assert.equal((await fromGit([dd({ nullable: false })], [domain('dd', { nullable: false })], 'public.dd')).flat(), [line('caution'), line('caution')]);
  // a column of another table, unchanged by the diff, counts as much
  const other = table('other', [column('c', 'dd', { nullable: false })]);
  assert.equal((await fromGit([dd(), other, table('t', [column('id')])], [domain('dd'), other, table('t', [column('id')])], 'public.dd')).flat(), [line('breaking'), line('breaking')]);
  // a default set or changed: caution
  assert.equal(changeLines([domain('dd'), t({ nullable: false })], [dd(), t({ nullable: false })]), ['modify type public.dd default: null → "7" (caution)']);
  assert.equal(changeLines([dd(), t({ nullable: false })], [domain('dd', { nullable: false }), t({ nullable: false })]), [
    'modify type public.dd nullable: null → false (breaking)',
    'modify type public.dd default: "7" → null (breaking)',
  ]);
});

test('a column retyped into a NOT NULL domain refuses NULL, as NOT NULL added; out of a domain whose default filled it, inserts that leave it out fail', async () => {
  const retyped = async (from: Column, to: Column) => (await fromGit([...DOMAINS, table('t', [from])], [...DOMAINS, table('t', [to])], 'public.t')).flat();
  const line = (from: string, to: string, impact: string) => `modify column public.t.z type: "${from}" → "${to}" (${impact})`;
  assert.equal(await retyped(column('z'), column('z', 'dn')), [line('integer', 'dn', 'breaking'), line('integer', 'dn', 'breaking')]);
  assert.equal(await retyped(column('z', 'integer', { nullable: false }), column('z', 'dn', { nullable: false })), [line('integer', 'dn', 'caution'), line('integer', 'dn', 'caution')]);
  assert.equal(await retyped(column('z', 'dd', { nullable: false }), column('z', 'integer', { nullable: false })), [line('dd', 'integer', 'breaking'), line('dd', 'integer', 'breaking')]);
  assert.equal(await retyped(column('z', 'dd'), column('z')), [line('dd', 'integer', 'caution'), line('dd', 'integer', 'caution')]);
});

test("a range type's subtype is the bounds' type of its columns, judged as a domain's base type", () => {
  const range = (subtype: string): UserType => ({ kind: 'type', schema: 'public', name: 'r', type: 'range', subtype } as UserType);
  assert.equal(changeLines([range('integer')], [range('bigint')]), ['modify type public.r subtype: "integer" → "bigint" (caution)']);
  assert.equal(changeLines([range('bigint')], [range('integer')]), ['modify type public.r subtype: "bigint" → "integer" (breaking)']);
});

test('UNLOGGED: a crash empties the table and standbys cannot read it: breaking; LOGGED again: caution', () => {
  const t = (unlogged: boolean) => table('t', [column('a')], unlogged ? { options: { unlogged: true } } : {});
  assert.equal(changeLines([t(false)], [t(true)]), ['modify table public.t options.unlogged: null → true (breaking)']);
  assert.equal(changeLines([t(true)], [t(false)]), ['modify table public.t options.unlogged: true → null (caution)']);
});

test("an inheritance child's column or check declared as well as inherited (options.local) only decides what the parent's DROP takes along: safe, said in a hint when it turns on", () => {
  const local = (on: boolean) => (on ? { options: { local: true } } : {});
  const parent = table('parent', [column('id')], { checks: [{ name: 'id_set', expression: '(id IS NOT NULL)' }] });
  const child = (on: boolean, extra: string[] = []) =>
    table('child', [column('id', 'integer', local(on)), ...extra.map((name) => column(name))], {
      checks: [{ name: 'id_set', expression: '(id IS NOT NULL)', ...local(on) }],
      inherits: [{ schema: 'public', table: 'parent' }],
    });
  assert.equal(changeLines([parent, child(false)], [parent, child(true)]), [
    'modify column public.child.id options.local: false → true (safe) [declared on this table as well as inherited: DROP COLUMN on the parent leaves it here]',
    'modify check public.child.id_set options.local: false → true (safe) [declared on this table as well as inherited: DROP CONSTRAINT on the parent leaves it here]',
  ]);
  assert.equal(changeLines([parent, child(true)], [parent, child(false)]), [
    'modify column public.child.id options.local: true → false (safe)',
    'modify check public.child.id_set options.local: true → false (safe)',
  ]);
  // A column the parent adds is the child's copy, said once on the parent's change, however the child's own columns are marked.
  const grown = table('parent', [column('id'), column('w')], { checks: parent.checks });
  assert.equal(changeLines([parent, child(true)], [grown, child(true, ['w'])]), ['add column public.parent.w (safe)']);
});

test('a dropped partition of a tree that stays is table.remove, and may be configured as partition.remove (a retention job\'s drops) apart from other tables', () => {
  const part = (name: string, of: string, bound = "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')") => table(name, [column('at', 'date')], { partition_of: { schema: 'public', table: of, bound } });
  const tree = [table('m', [column('at', 'date')], { partitioning: { strategy: 'range', key: 'at' } }), part('m_2024_01', 'm'), part('m_2024_02', 'm')];
  const dropped = [tree[0]!, tree[2]!];
  assert.equal(changeLines(tree, dropped), ['remove table public.m_2024_01 (breaking)']);
  assert.equal(changeLines(tree, dropped, { impact: { 'partition.remove': 'caution' } }), ['remove table public.m_2024_01 (caution)']);
  assert.equal(changeLines(tree, dropped, { impact: { 'table.remove': 'safe' } }), ['remove table public.m_2024_01 (safe)']);
  assert.equal(changeLines(tree, dropped, { impact: { 'table.remove': 'breaking', 'partition.remove': 'safe' } }), ['remove table public.m_2024_01 (safe)']);
  // the tree dropped whole, or a table that only was a partition once, is no retention drop
  assert.equal(changeLines([...tree, table('other', [column('a')])], [table('other', [column('a')])], { impact: { 'partition.remove': 'safe' } }), [
    'remove table public.m (breaking)',
    'remove table public.m_2024_01 (breaking)',
    'remove table public.m_2024_02 (breaking)',
  ]);
  assert.equal(changeLines([table('t', [column('a')])], [], { impact: { 'partition.remove': 'safe' } }), ['remove table public.t (breaking)']);
  // a sub-partitioned partition dropped with its own partitions: all of them are the retention drop
  const sub = [
    table('m', [column('at', 'date'), column('k', 'integer')], { partitioning: { strategy: 'range', key: 'at' } }),
    table('m_2024', [column('at', 'date'), column('k', 'integer')], { partition_of: { schema: 'public', table: 'm', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" }, partitioning: { strategy: 'hash', key: 'k' } }),
    table('m_2024_h0', [column('at', 'date'), column('k', 'integer')], { partition_of: { schema: 'public', table: 'm_2024', bound: 'FOR VALUES WITH (modulus 2, remainder 0)' } }),
    table('m_2024_h1', [column('at', 'date'), column('k', 'integer')], { partition_of: { schema: 'public', table: 'm_2024', bound: 'FOR VALUES WITH (modulus 2, remainder 1)' } }),
  ];
  assert.equal(changeLines(sub, [sub[0]!], { impact: { 'partition.remove': 'caution' } }), [
    'remove table public.m_2024 (caution)',
    'remove table public.m_2024_h0 (caution)',
    'remove table public.m_2024_h1 (caution)',
  ]);
});


test('writes through a view, or reads of it, that a change makes fail: an INSTEAD OF trigger dropped, invoker rights, a TEMPTABLE view, a key no longer deferred', () => {
  const view = (extra: Partial<View>): View => ({ kind: 'view', schema: 'public', name: 'v', columns: [{ name: 'a', type: 'integer' }], definition: ' SELECT t.a FROM t;', ...extra });
  const writer = { name: 'io', timing: 'instead of', events: ['insert'], level: 'row' as const, definition: 'CREATE TRIGGER io INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION w()' };
  assert.equal(changeLines([view({ triggers: [writer] })], [view({})]), ['remove trigger public.v.io (breaking)']);
  assert.equal(changeLines([view({ triggers: [{ ...writer, timing: 'after' }] })], [view({})]), ['remove trigger public.v.io (caution)']);
  // a role granted the view (or EXECUTE) alone now needs rights on what it reads
  assert.equal(changeLines([view({})], [view({ options: { security_invoker: 'true' } })]), ['modify view public.v options.security_invoker: "false" → "true" (breaking)']);
  assert.equal(changeLines([view({ options: { security_invoker: 'true' } })], [view({})]), ['modify view public.v options.security_invoker: "true" → "false" (caution)']);
  assert.equal(changeLines([view({ options: { security: 'definer' } })], [view({ options: { security: 'invoker' } })], { dialect: 'mysql' }), ['modify view public.v options.security: "definer" → "invoker" (breaking)']);
  assert.equal(changeLines([view({ options: { algorithm: 'merge' } })], [view({ options: { algorithm: 'temptable' } })], { dialect: 'mysql' }), ['modify view public.v options.algorithm: "merge" → "temptable" (breaking)']);
  const f = (security: 'definer' | 'invoker'): Routine => ({ kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: [], returns: 'integer', language: 'sql', security, definition: 'x' });
  assert.equal(changeLines([f('definer')], [f('invoker')]), ['modify routine public.f() security: "definer" → "invoker" (breaking)']);
  assert.equal(changeLines([f('invoker')], [f('definer')]), ['modify routine public.f() security: "invoker" → "definer" (caution)']);
  // a transaction writing the referencing row first passed under a deferred check
  const t = (deferrable: boolean, initially_deferred: boolean) =>
    table('t', [column('a', 'integer', { nullable: false })], { foreign_keys: [{ name: 'fk', columns: ['a'], references: { schema: 'public', table: 'p', columns: ['id'] }, deferrable, initially_deferred }] });
  assert.equal(changeLines([t(true, true)], [t(false, false)]), [
    'modify foreign_key public.t.fk deferrable: true → false (breaking)',
    'modify foreign_key public.t.fk initially_deferred: true → false (breaking)',
  ]);
  assert.equal(changeLines([t(true, false)], [t(true, true)]), ['modify foreign_key public.t.fk initially_deferred: false → true (caution)']);
});

test('an exclusion constraint given another rule is breaking: it refuses rows that passed, or lets in rows it refused', () => {
  const t = (definition: string) => table('t', [column('a', 'integer')], { exclusion_constraints: [{ name: 'x', definition }] });
  assert.equal(changeLines([t('EXCLUDE USING gist (a WITH =)')], [t('EXCLUDE USING gist (a WITH =) WHERE ((a > 0))')]), [
    'modify exclusion_constraint public.t.x definition: "EXCLUDE USING gist (a WITH =)" → "EXCLUDE USING gist (a WITH =) WHERE ((a > 0))" (breaking)',
  ]);
});

test('planner settings are safe: statistics targets, n_distinct, the index CLUSTER uses, a statistics object\'s target', () => {
  const t = (statistics: Record<string, string | number>, clustered: boolean, keyStatistics?: number) =>
    table('t', [column('a', 'integer', { options: statistics })], {
      primary_key: { name: 't_pkey', columns: ['a'], ...(clustered ? { options: { clustered: true } } : {}) },
      indexes: [{ name: 'ti', columns: [{ expression: '((a + 1))', ...(keyStatistics ? { statistics: keyStatistics } : {}) }], unique: false }],
    });
  const lines = changeLines([t({}, false)], [t({ statistics: 500, n_distinct: '-0.5' }, true, 200)]);
  assert.ok(lines.length === 4 && lines.every((line) => line.endsWith('(safe)')), lines.join('\n'));
  const stats = (target?: number): SchemaObject => ({ kind: 'unknown', schema: 'public', name: 'st', object_type: 'statistics', raw: { definition: 'CREATE STATISTICS public.st ON a, b FROM t', ...(target ? { target } : {}) } });
  assert.equal(changeLines([stats()], [stats(500)]), ['modify unknown public.st raw.target: null → 500 (safe)']);
  // a unique index's key changed beside its statistics target is still judged as a key
  const u = (columns: Index['columns']) => table('u', [column('a', 'integer'), column('b', 'integer')], { indexes: [{ name: 'ui', columns, unique: true }] });
  assert.equal(changeLines([u([{ expression: '(a + 1)' }])], [u([{ expression: '(b + 1)', statistics: 10 }])]).map((line) => line.slice(line.lastIndexOf('('))), ['(breaking)']);
});

test.run();
