// The pure model diff: models in, changes out, for every attribute the model has, plus the
// no-noise cases (equal schemas, moved-but-not-reordered columns, renamed constraints).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shapeKeys } from '../../src/model/canonical.js';
import type { Check, Column, Extension, Index, MaterializedView, Routine, SchemaObject, Sequence, Snapshot, Table, TypeAttribute, UserType, View } from '../../src/model/types.js';
import { changeLines, column, snapshot, table } from '../helpers/models.js';

const users = (extra: Partial<Table> = {}, columns = [column('id', 'integer', { nullable: false }), column('email', 'text')]) =>
  table('users', columns, { primary_key: { name: 'users_pkey', columns: ['id'] }, ...extra });

test('equal snapshots have an empty diff, whatever order the objects were listed in', () => {
  const a = [users(), table('orders', [column('id')]), { kind: 'view', schema: 'public', name: 'v', definition: 'SELECT 1' } as View];
  assert.equal(changeLines(a, [...a].reverse()), []);
  assert.equal(changeLines(snapshot(a), snapshot(a)), []);
});

test('a first snapshot against nothing: everything added', () => {
  assert.equal(changeLines(undefined, [users()]), ['add schema public (safe)', 'add table public.users (safe)']);
});

test('tables and columns added and removed; the impact of an added column depends on whether writers must fill it', () => {
  const before = [users(), table('old', [column('x', 'text')])];
  const after = [
    users({}, [column('id', 'integer', { nullable: false }), column('email', 'text'), column('age'), column('status', 'text', { nullable: false, default: "'new'" }), column('code', 'text', { nullable: false })]),
    table('fresh', [column('x')]),
  ];
  assert.equal(changeLines(before, after), [
    'add table public.fresh (safe)',
    'remove table public.old (breaking)',
    'add column public.users.age (safe)',
    'add column public.users.status (safe)',
    'add column public.users.code (breaking)',
  ]);
});

test('every column attribute is its own change, old → new', () => {
  const before = users({}, [column('id', 'integer', { nullable: false }), column('email', 'text', { collation: 'C', comment: 'mail' }), column('n', 'integer', { default: '1' }), column('g', 'integer', { generated: { expression: 'n * 2', stored: true } }), column('i', 'integer', { nullable: false, identity: 'always' })]);
  const after = users({}, [column('id', 'bigint', { nullable: false }), column('email', 'text', { nullable: false, collation: 'und-x-icu', comment: 'e-mail' }), column('n', 'integer'), column('g', 'integer', { generated: { expression: 'n * 3', stored: true } }), column('i', 'integer', { nullable: false, identity: 'by_default' })]);
  assert.equal(changeLines([before], [after]), [
    'modify column public.users.id type: "integer" → "bigint" (caution)',
    'modify column public.users.email nullable: true → false (breaking)',
    'modify column public.users.email collation: "C" → "und-x-icu" (caution)',
    'modify column public.users.email comment: "mail" → "e-mail" (safe)',
    'modify column public.users.n default: "1" → null (caution)',
    'modify column public.users.g generated.expression: "n * 2" → "n * 3" (caution)',
    'modify column public.users.i identity: "always" → "by_default" (caution)',
  ]);
  const generatedLater = users({}, [column('id', 'integer', { nullable: false }), column('email', 'text', { generated: { expression: 'lower(x)', stored: true } })]);
  assert.equal(changeLines([users()], [generatedLater]), ['modify column public.users.email generated: null → {"expression":"lower(x)","stored":true} (breaking)']);
  // GENERATED ALWAYS refuses the values writers give, as a generated column does; BY DEFAULT takes them.
  const identity = (value?: 'always' | 'by_default') => users({}, [column('id', 'integer', { nullable: false, ...(value ? { identity: value } : {}) })]);
  assert.equal(changeLines([identity('by_default')], [identity('always')]), ['modify column public.users.id identity: "by_default" → "always" (breaking)']);
  assert.equal(changeLines([identity()], [identity('always')]), ['modify column public.users.id identity: null → "always" (breaking)']);
  assert.equal(changeLines([identity()], [identity('by_default')]), ['modify column public.users.id identity: null → "by_default" (caution)']);
});

test('a NOT NULL column that inserts could leave out and now must name: breaking', () => {
  const t = (extra: Partial<Table['columns'][number]>, nullable = false) => users({}, [column('id', 'integer', { nullable, ...extra })]);
  assert.equal(changeLines([t({ identity: 'always' })], [t({})]), ['modify column public.users.id identity: "always" → null (breaking)']);
  assert.equal(changeLines([t({ identity: 'always' })], [t({ default: '0' })]), [
    'modify column public.users.id default: null → "0" (caution)',
    'modify column public.users.id identity: "always" → null (caution)',
  ]);
  assert.equal(changeLines([t({ default: '0' }, true)], [t({}, true)]), ['modify column public.users.id default: "0" → null (caution)']);
});

test('MySQL column attributes: charset, ON UPDATE, auto_increment, options', () => {
  const t = (extra: Partial<Table['columns'][number]>) => table('t', [column('c', 'varchar(10)', extra)], {}, 'shop');
  const lines = changeLines([t({ charset: 'latin1', on_update: 'CURRENT_TIMESTAMP', options: { srid: 0 } })], [t({ charset: 'utf8mb4', auto_increment: true, options: { srid: 4326 } })], { dialect: 'mysql' });
  assert.equal(lines, [
    'modify column shop.t.c charset: "latin1" → "utf8mb4" (caution)',
    'modify column shop.t.c on_update: "CURRENT_TIMESTAMP" → null (caution)',
    'modify column shop.t.c auto_increment: false → true (caution)',
    'modify column shop.t.c options.srid: 0 → 4326 (caution)',
  ]);
});

test("MySQL: a function's result type weighs as a column's type does; its CHARSET or COLLATE spelled alone is caution", () => {
  const fn = (returns: string): Routine => ({ kind: 'routine', schema: 'shop', name: 'f', routine_type: 'function', argument_types: ['int(11)'], arguments: 'a int(11)', returns, language: 'sql', deterministic: false, definition: 'RETURN a' });
  const impact = (from: string, to: string) => changeLines([fn(from)], [fn(to)], { dialect: 'mysql' })[0]!.replace(/.*\(/, '(');
  assert.equal(
    [['bigint(20)', 'int(11)'], ['int(11)', 'bigint(20)'], ['varchar(10)', 'varchar(20)'], ['varchar(20)', 'varchar(10)'], ['varchar(10)', 'varchar(10) CHARSET utf8mb4 COLLATE utf8mb4_general_ci'], ['varchar(10) COLLATE latin1_bin', 'varchar(10)'], ['int(11)', 'date']].map(([from, to]) => impact(from!, to!)),
    ['(breaking)', '(caution)', '(safe)', '(breaking)', '(caution)', '(caution)', '(breaking)'],
  );
});

test('MariaDB: the ROW END column a system-versioned table appends to its unique keys is no key change; a key of its own still is', () => {
  const id = column('id', 'int(11)', { nullable: false });
  const v = column('v', 'int(11)');
  const period = [column('rs', 'timestamp(6)', { nullable: false, generated: { expression: 'ROW START', stored: true }, hidden: true }), column('re', 'timestamp(6)', { nullable: false, generated: { expression: 'ROW END', stored: true }, hidden: true })];
  const plain = table('t', [id, v], { primary_key: { columns: ['id'] }, indexes: [{ name: 'uv', columns: ['v'], unique: true }, { name: 'iv', columns: ['v'], unique: false }] }, 'shop');
  const versioned = (iv: string[]) =>
    table('t', [id, v, ...period], { primary_key: { columns: ['id', 're'] }, indexes: [{ name: 'uv', columns: ['v', 're'], unique: true }, { name: 'iv', columns: iv, unique: false }], options: { system_versioned: true } }, 'shop');
  assert.equal(changeLines([plain], [versioned(['v'])], { dialect: 'mysql' }), [
    'modify table shop.t options.system_versioned: null → true (caution)',
    'add column shop.t.rs (safe)',
    'add column shop.t.re (safe)',
  ]);
  // A plain index keeps what it was given: the server appends nothing to it.
  assert.equal(changeLines([versioned(['v'])], [versioned(['v', 're'])], { dialect: 'mysql' }), ['modify index shop.t.iv columns: ["v"] → ["v","re"] (caution)']);
  // The same keys on a table no longer versioned are compared as they are.
  const unversioned = { ...versioned(['v']), options: {} };
  assert.equal(changeLines([plain], [unversioned], { dialect: 'mysql' }).filter((l) => !l.startsWith('add column')), [
    'modify primary_key shop.t.primary_key columns: ["id"] → ["id","re"] (breaking)',
    'modify index shop.t.uv columns: ["v"] → ["v","re"] (breaking)',
  ]);
});

test('MySQL: a charset that cannot hold the old one\'s characters, an INVISIBLE column and DROP SYSTEM VERSIONING are breaking', () => {
  const t = (charset: string | undefined, hidden?: boolean, options: Table['options'] = {}) => table('t', [column('c', 'varchar(10)', { ...(charset ? { charset } : {}), ...(hidden ? { hidden } : {}) })], { options }, 'shop');
  const charsetImpact = (from: string | undefined, to: string) => changeLines([t(from)], [t(to)], { dialect: 'mysql' })[0]!.replace(/.*\(/, '(');
  assert.equal(
    [['utf8mb4', 'utf8mb3'], ['utf8mb4', 'latin1'], ['utf8mb3', 'latin1'], ['latin1', 'utf8mb4'], ['utf8mb3', 'utf8mb4'], ['latin1', 'utf8mb3'], ['ascii', 'latin1'], [undefined, 'latin1'], ['utf8mb4', 'gb18030'], ['utf8mb4', 'binary']].map(([from, to]) => charsetImpact(from, to!)),
    ['(breaking)', '(breaking)', '(breaking)', '(caution)', '(caution)', '(caution)', '(caution)', '(caution)', '(caution)', '(caution)'],
  );
  assert.equal(changeLines([t('latin1')], [t('latin1', true)], { dialect: 'mysql' }), ['modify column shop.t.c hidden: false → true (breaking)']);
  assert.equal(changeLines([t('latin1', true)], [t('latin1')], { dialect: 'mysql' }), ['modify column shop.t.c hidden: true → false (caution)']);
  const versioned = { system_versioned: true };
  assert.equal(changeLines([t('latin1', false, versioned)], [t('latin1')], { dialect: 'mysql' }), ['modify table shop.t options.system_versioned: true → null (breaking)']);
  assert.equal(changeLines([t('latin1')], [t('latin1', false, versioned)], { dialect: 'mysql' }), ['modify table shop.t options.system_versioned: null → true (caution)']);
});

test("MySQL text columns compare by the charset and collation they take from their table", () => {
  const t = (options: Record<string, string>, a: Record<string, string> = {}) => table('t', [column('a', 'varchar(10)', a), column('b', 'int(11)')], { options }, 'shop');
  const latin1 = { charset: 'latin1', collation: 'latin1_swedish_ci' };
  // ALTER TABLE t COLLATE latin1_bin: a keeps its collation, now recorded because it differs.
  assert.equal(changeLines([t(latin1)], [t({ charset: 'latin1', collation: 'latin1_bin' }, { collation: 'latin1_swedish_ci' })], { dialect: 'mysql' }), [
    'modify table shop.t options.collation: "latin1_swedish_ci" → "latin1_bin" (caution)',
  ]);
  // ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4: the column converts with the table.
  assert.equal(changeLines([t(latin1)], [t({ charset: 'utf8mb4', collation: 'utf8mb4_general_ci' })], { dialect: 'mysql' }), [
    'modify table shop.t options.charset: "latin1" → "utf8mb4" (caution)',
    'modify table shop.t options.collation: "latin1_swedish_ci" → "utf8mb4_general_ci" (caution)',
    'modify column shop.t.a collation: "latin1_swedish_ci" → "utf8mb4_general_ci" (caution)',
    'modify column shop.t.a charset: "latin1" → "utf8mb4" (caution)',
  ]);
  // A column back on its table's default reads as the collation it now has, not as null.
  assert.equal(changeLines([t(latin1, { collation: 'latin1_bin' })], [t(latin1)], { dialect: 'mysql' }), ['modify column shop.t.a collation: "latin1_bin" → "latin1_swedish_ci" (caution)']);
  // A column that becomes text takes its table's with its type: only a charset of its own is news.
  const typed = (type: string, own: Record<string, string> = {}) => table('t', [column('a', type, own)], { options: latin1 }, 'shop');
  assert.equal(changeLines([typed('int(11)')], [typed('varchar(20)')], { dialect: 'mysql' }), ['modify column shop.t.a type: "int(11)" → "varchar(20)" (breaking)']);
  assert.equal(changeLines([typed('int(11)')], [typed('varchar(20)', { charset: 'utf8mb4' })], { dialect: 'mysql' }), [
    'modify column shop.t.a type: "int(11)" → "varchar(20)" (breaking)',
    'modify column shop.t.a charset: null → "utf8mb4" (caution)',
  ]);
});

test("MySQL varchar growth: a column without a charset of its own counts its table's bytes per character", () => {
  const t = (charset: string, types: string[], columnCharset?: string) =>
    table('t', types.map((type, i) => column(`c${i}`, type, columnCharset ? { charset: columnCharset } : {})), { options: { charset } }, 'shop');
  assert.equal(changeLines([t('latin1', ['varchar(50)', 'varchar(200)'])], [t('latin1', ['varchar(100)', 'varchar(300)'])], { dialect: 'mysql' }), [
    'modify column shop.t.c0 type: "varchar(50)" → "varchar(100)" (safe)',
    'modify column shop.t.c1 type: "varchar(200)" → "varchar(300)" (caution)',
  ]);
  assert.equal(changeLines([t('latin1', ['varchar(50)'], 'utf8mb4')], [t('latin1', ['varchar(100)'], 'utf8mb4')], { dialect: 'mysql' }), [
    'modify column shop.t.c0 type: "varchar(50)" → "varchar(100)" (caution)',
  ]);
});

test('column positions: only a change in the relative order of surviving columns is a move, breaking for the positional INSERTs of a table', () => {
  const cols = (...names: string[]) => names.map((n) => column(n));
  assert.equal(changeLines([table('t', cols('a', 'b', 'c'))], [table('t', cols('a', 'b', 'c', 'd'))]), ['add column public.t.d (safe)']);
  assert.equal(changeLines([table('t', cols('a', 'b', 'c'))], [table('t', cols('x', 'a', 'b', 'c'))]), ['add column public.t.x (safe)']);
  assert.equal(changeLines([table('t', cols('a', 'b', 'c'))], [table('t', cols('a', 'c'))]), ['remove column public.t.b (breaking)']);
  assert.equal(changeLines([table('t', cols('c', 'd', 'e', 'f'))], [table('t', cols('c', 'e', 'd', 'f'))]), [`modify column public.t.d position: 2 → 3 (breaking) ${MOVED}`]);
  // moved and shifted by an added column at once: only the move is one
  assert.equal(changeLines([table('t', cols('a', 'b', 'c'))], [table('t', cols('x', 'c', 'a', 'b'))]), [`modify column public.t.c position: 3 → 2 (breaking) ${MOVED}`, 'add column public.t.x (safe)']);
  // a view's columns are read by name: caution
  const view = (...names: string[]): View => ({ kind: 'view', schema: 'public', name: 'v', columns: cols(...names), definition: 'SELECT 1' });
  assert.equal(changeLines([view('a', 'b')], [view('b', 'a')]), ['modify column public.v.a position: 1 → 2 (caution)']);
});

const MOVED = '[an INSERT … VALUES without a column list now writes its values into other columns, and SELECT * reads them in another order]';

test('primary keys: added, removed, renamed (same columns), narrowed', () => {
  const t = (pk?: Table['primary_key']) => table('t', [column('a', 'integer', { nullable: false }), column('b', 'integer', { nullable: false })], pk ? { primary_key: pk } : {});
  assert.equal(changeLines([t()], [t({ name: 't_pkey', columns: ['a'] })]), ['add primary_key public.t.t_pkey (caution)']);
  assert.equal(changeLines([t({ name: 't_pkey', columns: ['a'] })], [t()]), ['remove primary_key public.t.t_pkey (breaking)']);
  assert.equal(changeLines([t({ name: 't_pkey', columns: ['a'] })], [t({ name: 't_pk', columns: ['a'] })]), ['rename primary_key public.t.t_pk "t_pkey" → "t_pk" (breaking)']);
  assert.equal(changeLines([t({ name: 'pk', columns: ['a', 'b'] })], [t({ name: 'pk', columns: ['a'] })]), ['modify primary_key public.t.pk columns: ["a","b"] → ["a"] (breaking)']);
  assert.equal(changeLines([t({ name: 'pk', columns: ['a'] })], [t({ name: 'pk', columns: ['a'], deferrable: true })]), ['modify primary_key public.t.pk deferrable: false → true (breaking)']);
  // MySQL names a primary key's method only when it is not BTREE: a MEMORY table's HASH key moved to InnoDB reads as an index does.
  assert.equal(changeLines([t({ name: 'PRIMARY', columns: ['a'], options: { method: 'hash' } })], [t({ name: 'PRIMARY', columns: ['a'] })], { dialect: 'mysql' }), [
    'modify primary_key public.t.PRIMARY options.method: "hash" → "btree" (caution)',
  ]);
});

test('indexes: every attribute, a rename recognised through the server definition, uniqueness', () => {
  const def = (name: string, rest = '(a)') => `CREATE INDEX ${name} ON public.t USING btree ${rest}`;
  const t = (...indexes: Index[]) => table('t', [column('a'), column('b')], { indexes });
  const ix = (extra: Partial<Index> = {}): Index => ({ name: 'ix', columns: ['a'], unique: false, method: 'btree', definition: def('ix'), ...extra });
  assert.equal(changeLines([t(ix())], [t(ix({ name: 'ix2', definition: def('ix2') }))]), ['rename index public.t.ix2 "ix" → "ix2" (caution)']);
  // a comment set or dropped as it is renamed is a change of the renamed index, not a drop and an add
  assert.equal(changeLines([t(ix({ comment: 'by a' }))], [t(ix({ name: 'ix2', definition: def('ix2') }))]), [
    'rename index public.t.ix2 "ix" → "ix2" (caution)',
    'modify index public.t.ix2 comment: "by a" → null (safe)',
  ]);
  // so is the table clustered on it as it is renamed (ALTER TABLE … CLUSTER ON the new name)
  const renamedClustered = changeLines([t(ix())], [t(ix({ name: 'ix2', definition: def('ix2'), options: { clustered: true } }))]);
  assert.equal(renamedClustered.length, 2, renamedClustered.join('\n'));
  assert.match(renamedClustered[0]!, /^rename index public\.t\.ix2 "ix" → "ix2"/);
  assert.match(renamedClustered[1]!, /^modify index public\.t\.ix2 options\.clustered: null → true/);
  assert.equal(changeLines([t(ix())], [t(ix({ columns: ['a', { column: 'b', descending: true }], definition: def('ix', '(a, b DESC)') }))]), [
    'modify index public.t.ix columns: ["a"] → ["a",{"column":"b","descending":true}] (caution)',
  ]);
  assert.equal(changeLines([t(ix())], [t(ix({ method: 'hash', where: '(a > 0)', include: ['b'], definition: 'x' }))]), [
    'modify index public.t.ix include: null → ["b"] (caution)',
    'modify index public.t.ix method: "btree" → "hash" (caution)',
    'modify index public.t.ix where: null → "(a > 0)" (caution)',
  ]);
  assert.equal(changeLines([t(ix())], [t(ix({ definition: def('ix', '(a) WITH (fillfactor=50)') }))]), [
    'modify index public.t.ix definition: "CREATE INDEX ix ON public.t USING btree (a)" → "CREATE INDEX ix ON public.t USING btree (a) WITH (fillfactor=50)" (caution)',
  ]);
  assert.equal(changeLines([t(ix())], [t(ix({ unique: true }))]), ['modify index public.t.ix unique: false → true (caution)']);
  assert.equal(changeLines([t(ix({ unique: true }))], [t(ix())]), ['modify index public.t.ix unique: true → false (breaking)']);
  assert.equal(changeLines([t(ix({ unique: true }), ix({ name: 'other' }))], [t()]), ['remove index public.t.ix (breaking)', 'remove index public.t.other (caution)']);
  assert.equal(changeLines([t()], [t(ix())]), ['add index public.t.ix (safe)']);
});

test('SQLite WITHOUT ROWID: rowid goes and an INTEGER PRIMARY KEY no longer fills itself, so inserts leaving it out fail; back to a rowid table is caution', () => {
  const playlist = (options?: Table['options']) =>
    table('Playlist', [column('PlaylistId', 'INTEGER', { nullable: false }), column('Name', 'NVARCHAR(120)')], { primary_key: { name: 'PK_Playlist', columns: ['PlaylistId'] }, ...(options ? { options } : {}) }, 'main');
  assert.equal(changeLines([playlist()], [playlist({ without_rowid: true })], { dialect: 'sqlite' }), ['modify table main.Playlist options.without_rowid: null → true (breaking)']);
  assert.equal(changeLines([playlist({ without_rowid: true })], [playlist()], { dialect: 'sqlite' }), ['modify table main.Playlist options.without_rowid: true → null (caution)']);
});

test("a unique index's columns are a key: other columns break upserts and what is unique, as a unique constraint's; their order alone does not", () => {
  const t = (...indexes: Index[]) => table('rental', [column('a'), column('b'), column('c')], { indexes }, 'shop');
  const ix = (columns: Index['columns'], unique = true): Index => ({ name: 'ix', columns, unique, method: 'btree' });
  const lines = (from: Index, to: Index) => changeLines([t(from)], [t(to)], { dialect: 'mysql' });
  assert.equal(lines(ix(['a', 'b']), ix(['a', 'b', 'c'])), ['modify index shop.rental.ix columns: ["a","b"] → ["a","b","c"] (breaking)']);
  assert.equal(lines(ix(['a', 'b', 'c']), ix(['a', 'b'])), ['modify index shop.rental.ix columns: ["a","b","c"] → ["a","b"] (breaking)']);
  assert.equal(lines(ix(['a', 'b']), ix(['b', 'a'])), ['modify index shop.rental.ix columns: ["a","b"] → ["b","a"] (caution)']);
  assert.equal(lines(ix(['a', 'b']), ix(['a', { column: 'b', descending: true }])), ['modify index shop.rental.ix columns: ["a","b"] → ["a",{"column":"b","descending":true}] (caution)']);
  assert.equal(lines(ix(['a'], false), ix(['a', 'b'], false)), ['modify index shop.rental.ix columns: ["a"] → ["a","b"] (caution)']);
});

test('foreign keys: columns, target, actions, deferrability, validation; unnamed keys matched by their columns', () => {
  const fk = (extra = {}) => ({ name: 'fk', columns: ['a'], references: { schema: 'public', table: 'p', columns: ['id'] }, ...extra });
  const t = (...foreign_keys: Table['foreign_keys'] & object) => table('t', [column('a'), column('b')], { foreign_keys });
  assert.equal(changeLines([t(fk())], [t(fk({ on_delete: 'cascade', deferrable: true, initially_deferred: true, references: { schema: 'public', table: 'q', columns: ['id'] } }))]), [
    'modify foreign_key public.t.fk references.table: "p" → "q" (caution)',
    'modify foreign_key public.t.fk on_delete: "no action" → "cascade" (caution)',
    'modify foreign_key public.t.fk deferrable: false → true (caution)',
    'modify foreign_key public.t.fk initially_deferred: false → true (caution)',
  ]);
  assert.equal(changeLines([t(fk({ validated: false }))], [t(fk())]), ['modify foreign_key public.t.fk validated: false → true (caution)']);
  // The model records only the flags off their default; either side reads as the value it stands for.
  assert.equal(changeLines([t(fk({ validated: true, deferrable: false }))], [t(fk())]), []);
  assert.equal(changeLines([t(fk())], [t(fk({ name: 'renamed' }))]), ['rename foreign_key public.t.renamed "fk" → "renamed" (caution)']);
  const unnamed = (extra = {}) => ({ columns: ['a'], references: { schema: 'main', table: 'p', columns: ['id'] }, on_update: 'no action', on_delete: 'no action', ...extra });
  const s = (...foreign_keys: Table['foreign_keys'] & object) => table('t', [column('a')], { foreign_keys }, 'main');
  assert.equal(changeLines([s(unnamed())], [s(unnamed({ on_delete: 'cascade' }))], { dialect: 'sqlite' }), ['modify foreign_key main.t.foreign_key(a) on_delete: "no action" → "cascade" (caution)']);
  assert.equal(changeLines([s()], [s(unnamed())], { dialect: 'sqlite' }), ['add foreign_key main.t.foreign_key(a) (caution)']);
  // Deletes of referenced rows that cascaded now fail.
  assert.equal(changeLines([t(fk({ on_delete: 'cascade', on_update: 'set null' }))], [t(fk({ on_update: 'restrict' }))]), [
    'modify foreign_key public.t.fk on_update: "set null" → "restrict" (breaking)',
    'modify foreign_key public.t.fk on_delete: "cascade" → "no action" (breaking)',
  ]);
  assert.equal(changeLines([s(unnamed())], [s(unnamed({ on_delete: 'restrict' }))], { dialect: 'sqlite' }), ['modify foreign_key main.t.foreign_key(a) on_delete: "no action" → "restrict" (caution)']);
  // Dropped, a key that cascaded leaves the rows it reached pointing at nothing; a restricting one only stops checking.
  assert.equal(changeLines([t(fk({ on_delete: 'cascade' }))], [t()]), ['remove foreign_key public.t.fk (breaking)']);
  assert.equal(changeLines([t(fk({ on_update: 'set null' }))], [t()]), ['remove foreign_key public.t.fk (breaking)']);
  assert.equal(changeLines([t(fk({ on_delete: 'restrict' }))], [t()]), ['remove foreign_key public.t.fk (caution)']);
  assert.equal(changeLines([s(unnamed())], [s(unnamed({ on_delete: 'restrict' }))], { dialect: 'mysql' }), ['modify foreign_key main.t.foreign_key(a) on_delete: "no action" → "restrict" (safe)']);
  assert.equal(changeLines([s(unnamed())], [s(unnamed({ name: 'fk_a' }))], { dialect: 'sqlite' }), ['rename foreign_key main.t.fk_a "foreign_key(a)" → "fk_a" (safe)']);
  // SET NULL on a NOT NULL column (SET DEFAULT on one without a default) fails the deletes it meets.
  const strict = (extra: Partial<Table['columns'][number]>, action: string) => table('t', [column('a', 'integer', { nullable: false, ...extra }), column('b')], { foreign_keys: [fk({ on_delete: action })] });
  assert.equal(changeLines([strict({}, 'cascade')], [strict({}, 'set null')]), ['modify foreign_key public.t.fk on_delete: "cascade" → "set null" (breaking)']);
  assert.equal(changeLines([strict({}, 'cascade')], [strict({}, 'set default')]), ['modify foreign_key public.t.fk on_delete: "cascade" → "set default" (breaking)']);
  assert.equal(changeLines([strict({ default: '0' }, 'cascade')], [strict({ default: '0' }, 'set default')]), ['modify foreign_key public.t.fk on_delete: "cascade" → "set default" (caution)']);
  assert.equal(changeLines([t(fk({ on_delete: 'cascade' }))], [t(fk({ on_delete: 'set null' }))]), ['modify foreign_key public.t.fk on_delete: "cascade" → "set null" (caution)']);
  // PostgreSQL's SET NULL (columns) sets only those.
  const two = (action: string) => table('t', [column('a', 'integer', { nullable: false }), column('b')], { foreign_keys: [fk({ columns: ['a', 'b'], on_delete: action })] });
  assert.equal(changeLines([two('cascade')], [two('set null (b)')]), ['modify foreign_key public.t.fk on_delete: "cascade" → "set null (b)" (caution)']);
  assert.equal(changeLines([two('cascade')], [two('set null (a)')]), ['modify foreign_key public.t.fk on_delete: "cascade" → "set null (a)" (breaking)']);
});

test('unique constraints, checks and exclusion constraints', () => {
  const t = (extra: Partial<Table>) => table('t', [column('a'), column('b')], extra);
  assert.equal(changeLines([t({})], [t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })]), ['add unique_constraint public.t.u (caution)']);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })], [t({ unique_constraints: [{ name: 'u', columns: ['a', 'b'] }] })]), ['modify unique_constraint public.t.u columns: ["a"] → ["a","b"] (breaking)']);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })], [t({ unique_constraints: [{ name: 'u', columns: ['a'], nulls_not_distinct: true }] })]), ['modify unique_constraint public.t.u nulls_not_distinct: false → true (caution)']);
  assert.equal(changeLines([t({ unique_constraints: [{ columns: ['a'] }] })], [t({ unique_constraints: [{ name: 'u_a', columns: ['a'] }] })]), ['rename unique_constraint public.t.u_a "unique(a)" → "u_a" (safe)']);
  // VALIDATE CONSTRAINT, ALTER CHECK … NOT ENFORCED: the flag the model leaves out at its default reads as that default.
  const check = (extra: Partial<Check>) => t({ checks: [{ name: 'c', expression: 'a > 0', ...extra }] });
  assert.equal(changeLines([check({ validated: false })], [check({})]), ['modify check public.t.c validated: false → true (caution)']);
  assert.equal(changeLines([check({})], [check({ enforced: false })], { dialect: 'mysql' }), ['modify check public.t.c enforced: true → false (caution)']);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })], [t({})]), ['remove unique_constraint public.t.u (breaking)']);
  // The same columns in another order are as unique: only the index behind them changes.
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a', 'b'] }] })], [t({ unique_constraints: [{ name: 'u', columns: ['b', 'a'] }] })]), ['modify unique_constraint public.t.u columns: ["a","b"] → ["b","a"] (caution)']);
  assert.equal(changeLines([t({ unique_constraints: [{ columns: ['a', 'b'] }] })], [t({ unique_constraints: [{ columns: ['b', 'a'] }] })]), [
    'remove unique_constraint public.t.unique(a, b) (caution)',
    'add unique_constraint public.t.unique(b, a) (caution)',
  ]);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })], [t({ indexes: [{ name: 'u_idx', columns: ['a'], unique: true }] })]), [
    'add index public.t.u_idx (caution)',
    'remove unique_constraint public.t.u (caution)',
  ]);
  assert.equal(changeLines([t({ unique_constraints: [{ name: 'u', columns: ['a'] }] })], [t({ indexes: [{ name: 'u_idx', columns: ['a'], unique: true, where: '(b > 0)' }] })])[1], 'remove unique_constraint public.t.u (breaking)');
  // A key with NULLS NOT DISTINCT refuses all a plain one did (and rows equal but for NULLs); not the other way round.
  const plain = { name: 'u', columns: ['a', 'b'] };
  const strict = { name: 'u_nnd', columns: ['a', 'b'], nulls_not_distinct: true };
  assert.equal(changeLines([t({ unique_constraints: [plain] })], [t({ unique_constraints: [strict] })]), [
    'remove unique_constraint public.t.u (caution)',
    'add unique_constraint public.t.u_nnd (caution)',
  ]);
  assert.equal(changeLines([t({ unique_constraints: [strict] })], [t({ unique_constraints: [plain] })]), [
    'remove unique_constraint public.t.u_nnd (breaking)',
    'add unique_constraint public.t.u (caution)',
  ]);
  assert.equal(changeLines([t({ checks: [{ name: 'x', expression: '(a > 0)' }] })], [t({ checks: [{ name: 'x', expression: '(a > 10)' }] })]), ['modify check public.t.x expression: "(a > 0)" → "(a > 10)" (caution)']);
  assert.equal(changeLines([t({ checks: [{ expression: 'a > 0' }] })], [t({ checks: [{ expression: 'a > 1' }] })]), ['remove check public.t.check(a > 0) (safe)', 'add check public.t.check(a > 1) (caution)']);
  assert.equal(changeLines([t({ checks: [{ name: 'x', expression: '(a > 0)' }] })], [t({ checks: [{ name: 'y', expression: '(a > 0)' }] })]), ['rename check public.t.y "x" → "y" (caution)']);
  const ex = { name: 'ex', definition: 'EXCLUDE USING gist (c WITH &&)' };
  assert.equal(changeLines([t({ exclusion_constraints: [ex] })], [t({})]), ['remove exclusion_constraint public.t.ex (breaking)']);
  assert.equal(changeLines([t({})], [t({ exclusion_constraints: [ex] })]), ['add exclusion_constraint public.t.ex (caution)']);
});

test('triggers: the server DDL is reported only when nothing more precise changed; a rename is one change', () => {
  const trig = (name: string, timing: string, events: string[]) => ({ name, timing, events, level: 'row' as const, definition: `CREATE TRIGGER ${name} ${timing} ${events.join(' OR ')} ON public.emp FOR EACH ROW EXECUTE FUNCTION f()` });
  const t = (...triggers: Table['triggers'] & object) => table('emp', [column('a')], { triggers });
  assert.equal(changeLines([t(trig('s', 'before', ['insert', 'update']))], [t(trig('s', 'before', ['update']))]), ['modify trigger public.emp.s events: ["insert","update"] → ["update"] (caution)']);
  assert.equal(changeLines([t(trig('s', 'before', ['update']))], [t({ ...trig('s', 'before', ['update']), definition: 'CREATE TRIGGER s BEFORE UPDATE ON public.emp FOR EACH ROW EXECUTE FUNCTION g()' })]), [
    'modify trigger public.emp.s definition: "CREATE TRIGGER s before update ON public.emp FOR EACH ROW EXECUTE FUNCTION f()" → "CREATE TRIGGER s BEFORE UPDATE ON public.emp FOR EACH ROW EXECUTE FUNCTION g()" (caution)',
  ]);
  assert.equal(changeLines([t(trig('s', 'before', ['update']))], [t(trig('s2', 'before', ['update']))]), ['rename trigger public.emp.s2 "s" → "s2" (safe)']);
  assert.equal(changeLines([t(trig('s', 'before', ['update']))], [t()]), ['remove trigger public.emp.s (caution)']);
  // DISABLE TRIGGER and back: the plain enabled state, left out of the snapshot, reads as itself
  const disabled = { ...trig('s', 'before', ['update']), enabled: 'disabled' };
  assert.equal(changeLines([t(trig('s', 'before', ['update']))], [t(disabled)]), ['modify trigger public.emp.s enabled: "origin" → "disabled" (caution)']);
  assert.equal(changeLines([t(disabled)], [t(trig('s', 'before', ['update']))]), ['modify trigger public.emp.s enabled: "disabled" → "origin" (caution)']);
});

test('MySQL trigger order: renumbering by a dropped or added trigger is no change; a reorder is', () => {
  const trig = (name: string, order?: number, events = ['insert']) => ({ name, timing: 'before', events, level: 'row', definition: `SET @${name} = 1`, ...(order ? { options: { action_order: order } } : {}) });
  const t = (...triggers: object[]) => table('emp', [column('a')], { triggers: triggers as NonNullable<Table['triggers']> }, 'shop');
  const lines = (from: object[], to: object[]) => changeLines([t(...from)], [t(...to)], { dialect: 'mysql' });
  assert.equal(lines([trig('a', 1), trig('b', 2), trig('c', 3)], [trig('b', 1), trig('c', 2)]), ['remove trigger shop.emp.a (caution)']);
  assert.equal(lines([trig('a', 1), trig('b', 2)], [trig('b')]), ['remove trigger shop.emp.a (caution)']);
  assert.equal(lines([trig('b')], [trig('a', 1), trig('b', 2)]), ['add trigger shop.emp.a (caution)']);
  // another event's triggers are another group
  assert.equal(lines([trig('a', 1), trig('b', 2), trig('u', undefined, ['update'])], [trig('b'), trig('u', undefined, ['update'])]), ['remove trigger shop.emp.a (caution)']);
  assert.equal(lines([trig('a', 1), trig('b', 2), trig('c', 3)], [trig('b', 1), trig('a', 2), trig('c', 3)]), ['modify trigger shop.emp.a options.action_order: 1 → 2 (caution)']);
  // a trigger moved to another event is that move: no order holds across the two
  assert.equal(lines([trig('a', 1), trig('b', 2), trig('c', 3)], [trig('a', 1), trig('b', 2), trig('c', undefined, ['update'])]), ['modify trigger shop.emp.c events: ["insert"] → ["update"] (caution)']);
});

test('a trigger body or function that changed alongside timing, events or columns is reported too', () => {
  const t = (trigger: object) => table('emp', [column('a')], { triggers: [trigger as NonNullable<Table['triggers']>[number]] });
  // PostgreSQL: pg_get_triggerdef restates everything but the function it runs.
  const pg = (timing: string, events: string[], fn: string) => ({ name: 's', timing, events, level: 'row', definition: `CREATE TRIGGER s ${timing.toUpperCase()} ${events.join(' OR ').toUpperCase()} ON public.emp FOR EACH ROW EXECUTE FUNCTION ${fn}()` });
  assert.equal(changeLines([t(pg('before', ['update'], 'f'))], [t(pg('after', ['insert', 'update'], 'f'))]), [
    'modify trigger public.emp.s timing: "before" → "after" (caution)',
    'modify trigger public.emp.s events: ["update"] → ["insert","update"] (caution)',
  ]);
  const both = changeLines([t(pg('before', ['update'], 'f'))], [t(pg('after', ['update'], 'g'))]);
  assert.equal(both.length, 2);
  assert.match(both[1]!, /^modify trigger public\.emp\.s definition: .*FUNCTION f\(\)" → .*FUNCTION g\(\)"/);
  // MariaDB: the definition is the body alone.
  const my = (timing: string, body: string) => ({ name: 's', timing, events: ['update'], level: 'row', definition: body });
  assert.equal(changeLines([t(my('before', 'SET @x = 1'))], [t(my('after', 'SET @x = 99'))]), [
    'modify trigger public.emp.s timing: "before" → "after" (caution)',
    'modify trigger public.emp.s definition: "SET @x = 1" → "SET @x = 99" (caution)',
  ]);
  assert.equal(changeLines([t(my('before', 'SET @x = 1'))], [t(my('after', 'SET @x = 1'))]), ['modify trigger public.emp.s timing: "before" → "after" (caution)']);
  // SQLite: the whole CREATE TRIGGER text, the only place that keeps the body.
  const lite = (timing: string, columns: string[], body: string) => ({ name: 's', timing, events: ['update'], columns, level: 'row', definition: `CREATE TRIGGER s ${timing} UPDATE OF ${columns.join(', ')} ON emp BEGIN ${body}; END` });
  assert.equal(changeLines([t(lite('BEFORE', ['a'], 'SELECT 1'))], [t(lite('AFTER', ['a', 'b'], 'SELECT 1'))]).length, 2);
  const liteBoth = changeLines([t(lite('BEFORE', ['a'], 'SELECT 1'))], [t(lite('AFTER', ['a', 'b'], 'DELETE FROM parent'))]);
  assert.equal(liteBoth.length, 3);
  assert.match(liteBoth[2]!, /definition: .*SELECT 1.* → .*DELETE FROM parent/);
  // A body that changed the same words as the attributes did is not hidden by them: the words
  // may change no more often than the attributes change them.
  const guarded = (when: string, body: string) => ({ name: 's', timing: 'after', events: ['update'], level: 'row', when, definition: `CREATE TRIGGER s AFTER UPDATE ON emp WHEN ${when} BEGIN ${body}; END` });
  assert.equal(changeLines([t(guarded('new.a > 0', 'UPDATE emp SET b = 0'))], [t(guarded('new.a > 1', 'UPDATE emp SET b = 0'))]), ['modify trigger public.emp.s when: "new.a > 0" → "new.a > 1" (caution)']);
  assert.equal(changeLines([t(guarded('new.a > 0', 'UPDATE emp SET b = 0'))], [t(guarded('new.a > 1', 'UPDATE emp SET b = 1'))]).length, 2);
  const logged = (event: string) => ({ name: 's', timing: 'after', events: [event], level: 'row', definition: `INSERT INTO log VALUES ('${event}')` });
  assert.equal(changeLines([t(logged('insert'))], [t(logged('update'))]).length, 2);
  // A word that only moves between the columns and the function's arguments keeps its count, not its place.
  const watching = (column: string, argument: string) => ({ name: 's', timing: 'before', events: ['update'], columns: [column], level: 'row', definition: `CREATE TRIGGER s BEFORE UPDATE OF ${column} ON public.emp FOR EACH ROW EXECUTE FUNCTION audit('${argument}')` });
  const swapped = changeLines([t(watching('a', 'b'))], [t(watching('b', 'a'))]);
  assert.equal(swapped.length, 2, swapped.join('\n'));
  assert.match(swapped[1]!, /definition: .*audit\('b'\).* → .*audit\('a'\)/);
  assert.equal(changeLines([t(watching('a', 'a'))], [t(watching('b', 'a'))]), ['modify trigger public.emp.s columns: ["a"] → ["b"] (caution)']);
});

test('a routine body that changed alongside its arguments is reported too', () => {
  const proc = (mode: string, body: string): Routine => ({ kind: 'routine', schema: 'shop', name: 'pr', routine_type: 'procedure', argument_types: ['int(11)', 'int(11)'], arguments: `IN a int(11), ${mode} b int(11)`, language: 'sql', definition: body });
  assert.equal(changeLines([proc('OUT', 'SET b = a*2')], [proc('INOUT', 'SET b = a*2')], { dialect: 'mysql' }), ['modify routine shop.pr(int(11), int(11)) arguments: "IN a int(11), OUT b int(11)" → "IN a int(11), INOUT b int(11)" (caution)']);
  assert.equal(changeLines([proc('OUT', 'SET b = a*2')], [proc('INOUT', 'SET b = b*2')], { dialect: 'mysql' }), [
    'modify routine shop.pr(int(11), int(11)) arguments: "IN a int(11), OUT b int(11)" → "IN a int(11), INOUT b int(11)" (caution)',
    'modify routine shop.pr(int(11), int(11)) definition: "SET b = a*2" → "SET b = b*2" (caution)',
  ]);
});

test('MySQL column names ignore case, its table names need not: a column respelt is a safe rename, keys on it unchanged; a key to another table so spelt is a change', () => {
  const t = (email: string, parent = 'Parent') =>
    table('t', [column('id'), column(email, 'varchar(100)')], {
      indexes: [{ name: 'ix', columns: [email], unique: false }],
      foreign_keys: [{ name: 'fk', columns: ['id'], references: { schema: 'shop', table: parent, columns: ['id'] } }],
    }, 'shop');
  assert.equal(changeLines([t('Email')], [t('email')], { dialect: 'mysql' }), ['rename column shop.t.email "Email" → "email" (safe)']);
  assert.equal(changeLines([t('email')], [t('email', 'parent')], { dialect: 'mysql' }), ['modify foreign_key shop.t.fk references.table: "Parent" → "parent" (caution)']);
  // PostgreSQL's "Email" and email are two columns.
  assert.equal(changeLines([t('Email')], [t('email')], { dialect: 'postgres' }).map((line) => line.replace(/ \(.*$/, '')), ['remove column shop.t.Email', 'add column shop.t.email', 'modify index shop.t.ix columns: ["Email"] → ["email"]']);
});

test('MySQL routine and event names ignore case: one recreated under another case is a safe rename; on PostgreSQL another routine', () => {
  const proc = (name: string): Routine => ({ kind: 'routine', schema: 'shop', name, routine_type: 'procedure', argument_types: ['int(11)'], arguments: 'IN a int(11)', language: 'sql', definition: 'SELECT a' });
  const event = (name: string): SchemaObject => ({ kind: 'event', schema: 'shop', name, schedule: 'EVERY 1 DAY', definition: 'DELETE FROM t' });
  assert.equal(changeLines([proc('getx'), event('ev')], [proc('GetX'), event('EV')], { dialect: 'mysql' }), ['rename event shop.EV "ev" → "EV" (safe)', 'rename routine shop.GetX(int(11)) "getx" → "GetX" (safe)']);
  assert.equal(changeLines([proc('getx')], [proc('GetX')], { dialect: 'postgres' }), ['add routine shop.GetX(int(11)) (safe)', 'remove routine shop.getx(int(11)) (breaking)']);
});

test('a configured rename is read as MySQL compares names: a column or routine written in another case is it, a table so written is another', () => {
  const t = (name: string, email: string) => table(name, [column('id'), column(email, 'varchar(100)')], {}, 'shop');
  assert.equal(changeLines([t('Orders', 'Email')], [t('Orders', 'mail')], { dialect: 'mysql', renames: { 'shop.Orders.EMAIL': 'shop.Orders.Mail' } }), ['rename column shop.Orders.mail "Email" → "mail" (breaking)']);
  const proc = (name: string): Routine => ({ kind: 'routine', schema: 'shop', name, routine_type: 'procedure', argument_types: ['int(11)'], arguments: 'IN a int(11)', language: 'sql', definition: 'SELECT a' });
  assert.equal(changeLines([proc('getx')], [proc('fetch_x')], { dialect: 'mysql', renames: { 'shop.GetX(int(11))': 'shop.Fetch_X(int(11))' } }), ['rename routine shop.fetch_x(int(11)) "getx" → "fetch_x" (breaking)']);
  // MySQL's table names follow the file system's case: Orders is not orders on Linux
  assert.equal(changeLines([t('Orders', 'id2')], [t('purchases', 'id2')], { dialect: 'mysql', renames: { 'shop.orders': 'shop.purchases' } }).map((line) => line.replace(/ \(.*$/, '')), ['remove table shop.Orders', 'add table shop.purchases']);
});

test("a PostgreSQL routine renamed as configured is the rename alone: pg_get_functiondef's header naming it is no change of its definition", () => {
  const fn = (schema: string, name: string, body = 'SELECT i + 1'): Routine => ({
    kind: 'routine', schema, name, routine_type: 'function', argument_types: ['integer'], arguments: 'i integer', returns: 'integer', language: 'sql',
    definition: `CREATE OR REPLACE FUNCTION ${schema}.${name}(i integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$${body}$function$\n`,
  });
  assert.equal(changeLines([fn('public', 'f')], [fn('public', 'g')], { renames: { 'public.f(integer)': 'public.g(integer)' } }), ['rename routine public.g(integer) "f" → "g" (breaking)']);
  assert.equal(changeLines([fn('public', 'f')], [fn('public', 'g', 'SELECT i + 2')], { renames: { 'public.f(integer)': 'public.g(integer)' } }), [
    'rename routine public.g(integer) "f" → "g" (breaking)',
    'modify routine public.g(integer) definition: "CREATE OR REPLACE FUNCTION public.g(i integer)\\n RETURNS integer\\n LANGUAGE sql\\nAS $function$SELECT i + 1$function$\\n" → "CREATE OR REPLACE FUNCTION public.g(i integer)\\n RETURNS integer\\n LANGUAGE sql\\nAS $function$SELECT i + 2$function$\\n" (caution)',
  ]);
});

test('MySQL routines cannot be overloaded: new argument types modify the routine; on PostgreSQL they make another one', () => {
  const fn = (type: string, routine_type: Routine['routine_type'] = 'function'): Routine => ({ kind: 'routine', schema: 'shop', name: 'f', routine_type, argument_types: [type], arguments: `x ${type}`, returns: 'int(11)', language: 'sql', definition: 'RETURN x' });
  assert.equal(changeLines([fn('int(11)')], [fn('bigint(20)')], { dialect: 'mysql' }), ['modify routine shop.f(bigint(20)) arguments: "x int(11)" → "x bigint(20)" (caution)']);
  assert.equal(changeLines([fn('int(11)')], [fn('bigint(20)', 'procedure')], { dialect: 'mysql' }), ['add routine shop.f(bigint(20)) (safe)', 'remove routine shop.f(int(11)) (breaking)']);
  assert.equal(changeLines([fn('int(11)')], [fn('bigint(20)')], { dialect: 'postgres' }), ['add routine shop.f(bigint(20)) (safe)', 'remove routine shop.f(int(11)) (breaking)']);
  // A function and a procedure of one name share the file: one turned into the other fails its calls.
  assert.equal(changeLines([fn('int(11)', 'procedure')], [fn('int(11)')], { dialect: 'mysql' })[0], 'modify routine shop.f(int(11)) routine_type: "procedure" → "function" (breaking)');
});

test('MySQL routine parameters: another number of them, or one that stops or starts being IN, fails the calls; a type that keeps the values passed in does not, and an OUT type is only caution', () => {
  const proc = (args: string, types: string[]): Routine => ({ kind: 'routine', schema: 'shop', name: 'pr', routine_type: 'procedure', argument_types: types, arguments: args, language: 'sql', definition: 'SELECT 1' });
  const lines = (from: Routine, to: Routine) => changeLines([from], [to], { dialect: 'mysql' }).map((line) => line.replace(/^.* \((\w+)\)$/, '$1'));
  const two = proc('IN a int(11), OUT b decimal(10,2)', ['int(11)', 'decimal(10,2)']);
  assert.equal(lines(two, proc('IN a int(11), OUT b decimal(10,2), IN c int(11)', ['int(11)', 'decimal(10,2)', 'int(11)'])), ['breaking']);
  assert.equal(lines(two, proc('IN a int(11)', ['int(11)'])), ['breaking']);
  assert.equal(lines(two, proc('IN a int(11), IN b decimal(10,2)', ['int(11)', 'decimal(10,2)'])), ['breaking']);
  assert.equal(lines(two, proc('IN a int(11), INOUT b decimal(10,2)', ['int(11)', 'decimal(10,2)'])), ['caution']);
  assert.equal(lines(two, proc('IN a bigint(20), OUT b decimal(12,2)', ['bigint(20)', 'decimal(12,2)'])), ['caution']);
  assert.equal(lines(two, proc('IN a tinyint(4), OUT b decimal(10,2)', ['tinyint(4)', 'decimal(10,2)'])), ['breaking']);
  assert.equal(lines(two, proc('IN id int(11), OUT total decimal(10,2)', ['int(11)', 'decimal(10,2)'])), ['caution']);
  // An OUT parameter narrowed hands back narrower values: callers' variables still hold them.
  assert.equal(lines(two, proc('IN a int(11), OUT b decimal(6,2)', ['int(11)', 'decimal(6,2)'])), ['caution']);
  assert.equal(lines(two, proc('IN a int(11), OUT b int(11)', ['int(11)', 'int(11)'])), ['caution']);
  // INOUT takes a value in too: narrowed, what callers pass may not fit.
  assert.equal(lines(proc('INOUT b decimal(10,2)', ['decimal(10,2)']), proc('INOUT b decimal(6,2)', ['decimal(6,2)'])), ['breaking']);
});

test("a comment's words never account for a definition's change: a body, trigger, exclusion or index changed with its comment is two changes", () => {
  const fn = (rate: string): Routine => ({
    kind: 'routine', schema: 'app', name: 'tax_rate', routine_type: 'function', argument_types: [], returns: 'numeric', language: 'sql', comment: `VAT ${rate}`,
    definition: `CREATE OR REPLACE FUNCTION app.tax_rate() RETURNS numeric LANGUAGE sql IMMUTABLE AS $function$ SELECT ${rate} $function$`,
  });
  const routine = changeLines([fn('0.19')], [fn('0.21')]);
  assert.equal(routine.length, 2, routine.join('\n'));
  assert.match(routine.join('\n'), /definition: .*SELECT 0\.19.* → .*SELECT 0\.21/);
  const trig = (argument: string) => table('orders', [column('a')], { triggers: [{ name: 'audit', timing: 'before', events: ['update'], level: 'row', comment: `audits ${argument}`, definition: `CREATE TRIGGER audit BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION app.trg_fn('${argument}')` }] });
  assert.equal(changeLines([trig('email')], [trig('id')]).length, 2);
  const ex = (key: string) => table('bookings', [column('a')], { exclusion_constraints: [{ name: 'no_overlap', comment: `one booking per ${key}`, definition: `EXCLUDE USING gist (${key} WITH =)` }] });
  assert.equal(changeLines([ex('room')], [ex('id')]).length, 2);
  // an index dropped and made again loses its comment: its changed operator class parameters still show
  const ix = (siglen: number, comment?: string) => table('docs', [column('tsv', 'tsvector')], { indexes: [{ name: 'docs_tsv_idx', columns: ['tsv'], unique: false, method: 'gist', ...(comment ? { comment } : {}), definition: `CREATE INDEX docs_tsv_idx ON public.docs USING gist (tsv tsvector_ops (siglen='${siglen}'))` }] });
  const index = changeLines([ix(200, 'fts')], [ix(50)]);
  assert.equal(index.length, 2, index.join('\n'));
  assert.match(index.join('\n'), /definition: .*siglen='200'.* → .*siglen='50'/);
});

test('exclusion constraints, routines and virtual tables: a restating definition is not a second change', () => {
  const t = (definition: string, deferrable?: boolean) => table('t', [column('a')], { exclusion_constraints: [{ name: 'ex', definition, ...(deferrable ? { deferrable, initially_deferred: true } : {}) }] });
  assert.equal(changeLines([t('EXCLUDE USING btree (a WITH =) DEFERRABLE INITIALLY DEFERRED', true)], [t('EXCLUDE USING btree (a WITH =)')]), [
    'modify exclusion_constraint public.t.ex deferrable: true → false (breaking)',
    'modify exclusion_constraint public.t.ex initially_deferred: true → false (breaking)',
  ]);
  const fn = (volatility: string, body: string): Routine => ({ kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: ['integer'], returns: 'integer', language: 'sql', volatility, definition: `CREATE OR REPLACE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql ${volatility.toUpperCase()} AS $function$${body}$function$` });
  assert.equal(changeLines([fn('immutable', 'SELECT 1')], [fn('stable', 'SELECT 1')]), ['modify routine public.f(integer) volatility: "immutable" → "stable" (caution)']);
  assert.equal(changeLines([fn('immutable', 'SELECT 1')], [fn('stable', 'SELECT 2')]).length, 2);
  // Joiners and list marks come with a value or a name, never alone: a body whose parentheses
  // moved, or whose `to` became `or`, beside another change is a change of its own.
  assert.equal(changeLines([fn('volatile', 'SELECT * FROM orders WHERE active AND paid OR vip')], [fn('stable', 'SELECT * FROM orders WHERE active AND (paid OR vip)')]).length, 2);
  const audited = (events: string[], args: string) =>
    table('orders', [column('a')], { triggers: [{ name: 'audit', timing: 'before', events, level: 'row', definition: `CREATE TRIGGER audit BEFORE ${events.map((e) => e.toUpperCase()).join(' OR ')} ON public.orders FOR EACH ROW EXECUTE FUNCTION audit(${args})` }] });
  assert.equal(changeLines([audited(['insert'], '')], [audited(['insert', 'update'], '')]), ['modify trigger public.orders.audit events: ["insert"] → ["insert","update"] (caution)']);
  assert.equal(changeLines([audited(['insert'], '')], [audited(['insert', 'update'], "''")]).length, 2);
  assert.equal(changeLines([audited(['insert'], "'to'")], [audited(['insert', 'update'], "'or'")]).length, 2);
  const excluded = changeLines([t('EXCLUDE USING gist (a WITH =) WHERE ((a * (b + c)) > 0)')], [t('EXCLUDE USING gist (a WITH =) WHERE (((a * b) + c) > 0) DEFERRABLE INITIALLY DEFERRED', true)]);
  assert.equal(excluded.length, 3, excluded.join('\n'));
  // PostgreSQL's ALTER FUNCTION … SET: the setting named whole, joined by TO, its value quoted
  // element by element; a body that changed beside it is still a change.
  const set = (path: string, body: string): Routine => ({
    kind: 'routine', schema: 'public', name: 'g', routine_type: 'function', argument_types: [], returns: 'integer', language: 'sql',
    ...(path ? { options: { 'set.search_path': path } } : {}),
    definition: `CREATE OR REPLACE FUNCTION public.g() RETURNS integer LANGUAGE sql${path ? ` SET search_path TO ${path.split(', ').map((p) => `'${p}'`).join(', ')}` : ''} AS $function$${body}$function$`,
  });
  assert.equal(changeLines([set('', 'SELECT 1')], [set('public, pg_temp', 'SELECT 1')]), ['modify routine public.g() options.set.search_path: null → "public, pg_temp" (caution)']);
  assert.equal(changeLines([set('public', 'SELECT 1')], [set('app', 'SELECT 1')]), ['modify routine public.g() options.set.search_path: "public" → "app" (caution)']);
  assert.equal(changeLines([set('', 'SELECT 1')], [set('public', "SELECT 'x'")]).length, 2);
  assert.equal(changeLines([set('', 'SELECT 1')], [set('public', 'SELECT public.one()')]).length, 2);
  assert.equal(changeLines([set('', "SELECT 'a'")], [set('public', 'SELECT a')]).length, 2);
  // A dotted custom setting is quoted whole (`SET "app.tenant" TO 'x'`); a float4 COST of a million
  // or more is printed with an exponent (`COST 1e+06`) where the model holds the number.
  const custom = (value: string, body: string): Routine => ({
    kind: 'routine', schema: 'public', name: 'g', routine_type: 'function', argument_types: [], returns: 'integer', language: 'sql',
    ...(value ? { options: { 'set.app.tenant': value } } : {}),
    definition: `CREATE OR REPLACE FUNCTION public.g() RETURNS integer LANGUAGE sql${value ? ` SET "app.tenant" TO '${value}'` : ''} AS $function$${body}$function$`,
  });
  assert.equal(changeLines([custom('', 'SELECT 1')], [custom('x', 'SELECT 1')]), ['modify routine public.g() options.set.app.tenant: null → "x" (caution)']);
  assert.equal(changeLines([custom('', 'SELECT 1')], [custom('x', 'SELECT app.tenant()')]).length, 2);
  const costly = (cost: number | undefined, spelled: string, body: string): Routine => ({
    kind: 'routine', schema: 'public', name: 'h', routine_type: 'function', argument_types: [], returns: 'integer', language: 'sql',
    ...(cost ? { options: { cost } } : {}),
    definition: `CREATE OR REPLACE FUNCTION public.h() RETURNS integer LANGUAGE sql${spelled ? ` COST ${spelled}` : ''} AS $function$${body}$function$`,
  });
  assert.equal(changeLines([costly(undefined, '', 'SELECT 1')], [costly(1000000, '1e+06', 'SELECT 1')]), ['modify routine public.h() options.cost: null → 1000000 (caution)']);
  assert.equal(changeLines([costly(250000, '250000', 'SELECT 1')], [costly(2.5e7, '2.5e+07', 'SELECT 1')]), ['modify routine public.h() options.cost: 250000 → 25000000 (caution)']);
  assert.equal(changeLines([costly(undefined, '', 'SELECT 1')], [costly(1000000, '1e+06', 'SELECT 2e+06')]).length, 2);
  // COST and ROWS are float4, which the DDL prints with six significant digits
  assert.equal(changeLines([costly(undefined, '', 'SELECT 1')], [costly(2500000.5, '2.5e+06', 'SELECT 1')]), ['modify routine public.h() options.cost: null → 2500000.5 (caution)']);
  assert.equal(changeLines([costly(100, '100', 'SELECT 1')], [costly(123456.7, '123457', 'SELECT 1')]), ['modify routine public.h() options.cost: 100 → 123456.7 (caution)']);
  const fts = (tokenize: string) => ({ kind: 'virtual_table', schema: 'main', name: 'docs', module: 'fts5', arguments: `body, tokenize='${tokenize}'`, definition: `CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='${tokenize}')` }) as unknown as SchemaObject;
  assert.equal(changeLines([fts('porter')], [fts('unicode61')]), [`modify virtual_table main.docs arguments: "body, tokenize='porter'" → "body, tokenize='unicode61'" (caution)`]);
});

test('row security, policies, partitioning, partitions and table options', () => {
  const policy = (extra = {}) => ({ name: 'p', command: 'all', permissive: true, roles: ['public'], using: '(manager = CURRENT_USER)', ...extra });
  const t = (extra: Partial<Table>) => table('accounts', [column('manager', 'text')], extra);
  // Row security that leaves a command no PERMISSIVE policy fails nothing at once: SELECT reads no
  // rows, UPDATE and DELETE change none, INSERT fails. Breaking, the hint saying which commands.
  const all = '[no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]';
  assert.equal(changeLines([t({ policies: [policy()] })], [t({ row_security: { enabled: true, forced: false }, policies: [policy({ permissive: false })] })]), [
    `modify table public.accounts row_security.enabled: false → true (breaking) ${all}`,
    `modify policy public.accounts.p permissive: true → false (breaking) ${all}`,
  ]);
  const on = { row_security: { enabled: true, forced: false } };
  assert.equal(changeLines([t({ policies: [policy()] })], [t({ ...on, policies: [policy()] })]), ['modify table public.accounts row_security.enabled: false → true (caution)']);
  assert.equal(changeLines([t({})], [t({ ...on, policies: [policy({ command: 'insert' })] })]), [
    'modify table public.accounts row_security.enabled: false → true (breaking) [no PERMISSIVE policy covers SELECT, UPDATE, DELETE: SELECT returns no rows, UPDATE and DELETE change no rows]',
    'add policy public.accounts.p (caution)',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [policy()] })], [t({ ...on })]), [`remove policy public.accounts.p (breaking) ${all}`]);
  // a policy for SELECT left: writes are shut all the same
  const reads = policy({ name: 'q', command: 'select' });
  assert.equal(changeLines([t({ ...on, policies: [policy(), reads] })], [t({ ...on, policies: [reads] })]), [
    'remove policy public.accounts.p (breaking) [no PERMISSIVE policy covers INSERT, UPDATE, DELETE: INSERT fails, UPDATE and DELETE change no rows]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [policy(), policy({ name: 'w', command: 'all', roles: ['writer'] })] })], [t({ ...on, policies: [policy()] })]), ['remove policy public.accounts.w (caution)']);
  assert.equal(changeLines([t({ policies: [policy()] })], [t({})]), ['remove policy public.accounts.p (caution)']);
  // The policy moved to another command: as if dropped for the commands it covered, as if added for its new one.
  assert.equal(changeLines([t({ ...on, policies: [policy()] })], [t({ ...on, policies: [policy({ command: 'insert' })] })]), [
    'modify policy public.accounts.p command: "all" → "insert" (breaking) [no PERMISSIVE policy covers SELECT, UPDATE, DELETE: SELECT returns no rows, UPDATE and DELETE change no rows]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [policy(), reads] })], [t({ ...on, policies: [policy({ command: 'update' }), reads] })]), [
    'modify policy public.accounts.p command: "all" → "update" (breaking) [no PERMISSIVE policy covers INSERT, DELETE: INSERT fails, DELETE changes no rows]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [policy({ command: 'insert' })] })], [t({ ...on, policies: [policy({ command: 'select' })] })]), [
    'modify policy public.accounts.p command: "insert" → "select" (breaking) [no PERMISSIVE policy covers INSERT: INSERT fails]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [policy({ command: 'update' }), reads] })], [t({ ...on, policies: [policy({ command: 'all' }), reads] })]), ['modify policy public.accounts.p command: "update" → "all" (caution)']);
  // Without row security the model records none: dropping it is each flag back to false.
  assert.equal(changeLines([t({ row_security: { enabled: true, forced: true } })], [t({})]), [
    'modify table public.accounts row_security.enabled: true → false (caution)',
    'modify table public.accounts row_security.forced: true → false (caution)',
  ]);
  assert.equal(changeLines([t({})], [t({ row_security: { enabled: false, forced: false } })]), []);
  // FORCE: the owner too sees nothing without a policy granting reads
  assert.equal(changeLines([t({ row_security: { enabled: true, forced: false } })], [t({ row_security: { enabled: true, forced: true } })]), [
    "modify table public.accounts row_security.forced: false → true (breaking) [the table's owner is under row security now too, and no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]",
  ]);
  assert.equal(changeLines([t({ ...on, policies: [policy()] })], [t({ row_security: { enabled: true, forced: true }, policies: [policy()] })]), ['modify table public.accounts row_security.forced: false → true (caution)']);
  // FORCE without ENABLE changes nothing yet
  assert.equal(changeLines([t({})], [t({ row_security: { enabled: false, forced: true } })]), ['modify table public.accounts row_security.forced: false → true (caution)']);
  assert.equal(changeLines([t({})], [t({ policies: [policy()] })]), ['add policy public.accounts.p (caution)']);
  // A policy is for its roles: one taken off it reaches the rows no more, unless another policy (or PUBLIC's) lets it through.
  const forRoles = (...roles: string[]) => policy({ roles });
  assert.equal(changeLines([t({ ...on, policies: [forRoles('anon', 'authenticated')] })], [t({ ...on, policies: [forRoles('authenticated')] })]), [
    'modify policy public.accounts.p roles: ["anon","authenticated"] → ["authenticated"] (breaking) [no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE for anon: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [forRoles('anon', 'authenticated'), { ...reads, roles: ['anon'] }] })], [t({ ...on, policies: [forRoles('authenticated'), { ...reads, roles: ['anon'] }] })]), [
    'modify policy public.accounts.p roles: ["anon","authenticated"] → ["authenticated"] (breaking) [no PERMISSIVE policy covers INSERT, UPDATE, DELETE for anon: INSERT fails, UPDATE and DELETE change no rows]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [forRoles('public')] })], [t({ ...on, policies: [forRoles('authenticated')] })]), [
    'modify policy public.accounts.p roles: ["public"] → ["authenticated"] (breaking) [no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE for every role but authenticated: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]',
  ]);
  assert.equal(changeLines([t({ ...on, policies: [forRoles('authenticated')] })], [t({ ...on, policies: [forRoles('authenticated', 'anon')] })]), ['modify policy public.accounts.p roles: ["authenticated"] → ["authenticated","anon"] (caution)']);
  assert.equal(changeLines([t({ ...on, policies: [forRoles('anon'), { ...reads, roles: ['public'] }] })], [t({ ...on, policies: [forRoles('authenticated'), { ...reads, roles: ['public'] }] })]), [
    'modify policy public.accounts.p roles: ["anon"] → ["authenticated"] (breaking) [no PERMISSIVE policy covers INSERT, UPDATE, DELETE for anon: INSERT fails, UPDATE and DELETE change no rows]',
  ]);
  // ENABLE with policies for some roles only: every other role is shut out
  assert.equal(changeLines([t({ policies: [forRoles('app')] })], [t({ ...on, policies: [forRoles('app')] })]), [
    'modify table public.accounts row_security.enabled: false → true (breaking) [no PERMISSIVE policy covers SELECT, INSERT, UPDATE, DELETE for every role but app: SELECT returns no rows, INSERT fails, UPDATE and DELETE change no rows]',
  ]);
  const parts = (...names: string[]) => names.map((name) => ({ name, bound: `VALUES LESS THAN (${name.slice(1)})` }));
  const m = (partitions: { name: string; bound: string }[], extra: Partial<Table> = {}) => table('m', [column('y')], { partitioning: { strategy: 'range', key: 'y', partitions }, ...extra }, 'shop');
  assert.equal(changeLines([m(parts('p1', 'p2'))], [m([...parts('p1'), { name: 'p2', bound: 'VALUES LESS THAN (3)' }, ...parts('p9')])], { dialect: 'mysql' }), [
    'modify partition shop.m.p2 bound: "VALUES LESS THAN (2)" → "VALUES LESS THAN (3)" (caution)',
    'add partition shop.m.p9 (safe)',
  ]);
  assert.equal(changeLines([m(parts('p1'))], [m([])], { dialect: 'mysql' }), ['remove partition shop.m.p1 (breaking)']);
  // A MariaDB SYSTEM_TIME history partition holds old row versions only (snapshots of before they were left out list them).
  const versioned = (partitions: { name: string; bound: string }[]) => table('v', [column('y')], { partitioning: { strategy: 'system_time', key: 'unix_timestamp(`row_end`)', partitions } }, 'shop');
  assert.equal(changeLines([versioned([{ name: 'p0', bound: '2026-01-01 01:00:00' }, { name: 'pn', bound: 'CURRENT' }])], [versioned([{ name: 'pn', bound: 'CURRENT' }])], { dialect: 'mysql' }), [
    'remove partition shop.v.p0 (caution)',
  ]);
  // Partitioned anew (PARTITION BY LIST instead of RANGE): the server moves every row into the new partitions.
  const listed = table('m', [column('y')], { partitioning: { strategy: 'list', key: 'y', partitions: [{ name: 'q1', bound: '1,2' }] } }, 'shop');
  assert.equal(changeLines([m(parts('p1'))], [listed], { dialect: 'mysql' }), [
    'modify table shop.m partitioning.strategy: "range" → "list" (caution)',
    'remove partition shop.m.p1 (caution)',
    'add partition shop.m.q1 (safe)',
  ]);
  assert.equal(changeLines([table('m', [column('y')], {}, 'shop')], [m(parts('p1'))], { dialect: 'mysql' }), ['modify table shop.m partitioning: null → {"strategy":"range","key":"y"} (caution)', 'add partition shop.m.p1 (safe)']);
  assert.equal(changeLines([m([], { options: { engine: 'MyISAM', charset: 'utf8mb4' } })], [m([], { options: { engine: 'InnoDB', charset: 'utf8mb4' }, comment: 'c' })], { dialect: 'mysql' }), [
    'modify table shop.m comment: null → "c" (safe)',
    'modify table shop.m options.engine: "MyISAM" → "InnoDB" (caution)',
  ]);
  // Off a transactional engine, rollbacks stop undoing the table's writes (and its foreign keys go)
  const engine = (name: string) => m([], { options: { engine: name } });
  assert.equal(changeLines([engine('InnoDB')], [engine('Aria')], { dialect: 'mysql' }), ['modify table shop.m options.engine: "InnoDB" → "Aria" (breaking)']);
  assert.equal(changeLines([engine('InnoDB')], [engine('RocksDB')], { dialect: 'mysql' }), ['modify table shop.m options.engine: "InnoDB" → "RocksDB" (caution)']);
  const child = (extra: Partial<Table>) => table('m_2006', [column('y')], extra);
  assert.equal(changeLines([child({ partition_of: { schema: 'public', table: 'm', bound: "FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')" } })], [child({})]), [
    `modify table public.m_2006 partition_of: {"schema":"public","table":"m","bound":"FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')"} → null (breaking)`,
  ]);
  assert.equal(changeLines([child({})], [child({ partition_of: { schema: 'public', table: 'm', bound: 'DEFAULT' } })]), [
    'modify table public.m_2006 partition_of: null → {"schema":"public","table":"m","bound":"DEFAULT"} (caution)',
  ]);
  // NO INHERIT takes the child's rows out of the parent's queries, as a detached partition's; INHERIT adds them
  assert.equal(changeLines([child({ inherits: [{ schema: 'public', table: 'base' }] })], [child({})]), ['modify table public.m_2006 inherits: [{"schema":"public","table":"base"}] → null (breaking)']);
  assert.equal(changeLines([child({ inherits: [{ schema: 'public', table: 'base' }] })], [child({ inherits: [{ schema: 'public', table: 'base' }, { schema: 'public', table: 'extra' }] })]), [
    'modify table public.m_2006 inherits: [{"schema":"public","table":"base"}] → [{"schema":"public","table":"base"},{"schema":"public","table":"extra"}] (caution)',
  ]);
});

test('views and materialized views: definition, columns, indexes; a view that becomes materialized is a remove and an add', () => {
  const view = (definition: string, columns = [{ name: 'a', type: 'integer' }]): View => ({ kind: 'view', schema: 'public', name: 'v', definition, columns });
  assert.equal(changeLines([view(' SELECT 1 AS a;')], [view(" SELECT 1 AS a, 'x'::text AS x;", [{ name: 'a', type: 'integer' }, { name: 'x', type: 'text' }])]), [
    `modify view public.v definition: " SELECT 1 AS a;" → " SELECT 1 AS a, 'x'::text AS x;" (caution)`,
    'add column public.v.x (safe)',
  ]);
  assert.equal(changeLines([view(' SELECT 1 AS a, 2 AS b;', [{ name: 'a', type: 'integer' }, { name: 'b', type: 'integer' }])], [view(' SELECT 1 AS a;')]), [
    'modify view public.v definition: " SELECT 1 AS a, 2 AS b;" → " SELECT 1 AS a;" (caution)',
    'remove column public.v.b (breaking)',
  ]);
  // A view column's type narrowed by its own query is judged as a column's; with the query unchanged it came from elsewhere.
  const narrowed = [{ name: 'a', type: 'smallint' }];
  assert.equal(changeLines([view(' SELECT t.a FROM t;')], [view(' SELECT t.a::smallint AS a FROM t;', narrowed)]), [
    'modify view public.v definition: " SELECT t.a FROM t;" → " SELECT t.a::smallint AS a FROM t;" (caution)',
    'modify column public.v.a type: "integer" → "smallint" (breaking)',
  ]);
  assert.equal(changeLines([view(' SELECT t.a FROM t;')], [view(' SELECT t.a FROM t;', narrowed)]), ['modify column public.v.a type: "integer" → "smallint" (caution)']);
  // … and a type change that is safe in itself stays safe there.
  assert.equal(changeLines([view(' SELECT t.a FROM t;', [{ name: 'a', type: 'varchar(10)' }])], [view(' SELECT t.a FROM t;', [{ name: 'a', type: 'varchar(20)' }])]), [
    'modify column public.v.a type: "varchar(10)" → "varchar(20)" (safe)',
  ]);
  const mv = (indexes: Index[] = []): MaterializedView => ({ kind: 'materialized_view', schema: 'public', name: 'v', definition: ' SELECT 1 AS a;', indexes });
  assert.equal(changeLines([view(' SELECT 1 AS a;')], [mv()]), ['add materialized_view public.v (safe)', 'remove view public.v (breaking)']);
  assert.equal(changeLines([mv()], [mv([{ name: 'mv_a', columns: ['a'], unique: true }])]), ['add index public.v.mv_a (caution)']);
});

test('enum values with their order, other types, sequences, routines, extensions, schemas', () => {
  const e = (values: string[]): UserType => ({ kind: 'type', schema: 'public', name: 'status', type: 'enum', values });
  assert.equal(changeLines([e(['a', 'b'])], [e(['a', 'b', 'c'])]), ['modify type public.status values: ["a","b"] → ["a","b","c"] (safe)']);
  assert.equal(changeLines([e(['a', 'b'])], [e(['a', 'x', 'b'])]), ['modify type public.status values: ["a","b"] → ["a","x","b"] (safe)']);
  assert.equal(changeLines([e(['a', 'b'])], [e(['b', 'a'])]), ['modify type public.status values: ["a","b"] → ["b","a"] (caution)']);
  assert.equal(changeLines([e(['a', 'b'])], [e(['a'])]), ['modify type public.status values: ["a","b"] → ["a"] (breaking)']);
  const domain = (base_type: string): UserType => ({ kind: 'type', schema: 'public', name: 'pos', type: 'domain', base_type, checks: [{ name: 'pos_check', expression: 'VALUE > 0' }] });
  assert.equal(changeLines([domain('integer')], [domain('bigint')]), ['modify type public.pos base_type: "integer" → "bigint" (caution)']);
  const seq = (extra: Partial<Sequence>): Sequence => ({ kind: 'sequence', schema: 'public', name: 's', type: 'bigint', start: 1, increment: 1, min: 1, max: '9223372036854775807', cache: 1, cycle: false, ...extra });
  assert.equal(changeLines([seq({})], [seq({ type: 'integer', increment: 5, max: 2147483647, cycle: true, owned_by: 'public.t.id' })]), [
    'modify sequence public.s type: "bigint" → "integer" (caution)',
    'modify sequence public.s increment: 1 → 5 (caution)',
    // an integer past 2^53 is kept as digits: a change across that line gives both sides as digits, one type in JSON
    'modify sequence public.s max: "9223372036854775807" → "2147483647" (caution)',
    'modify sequence public.s cycle: false → true (caution)',
    'modify sequence public.s owned_by: null → "public.t.id" (caution)',
  ]);
  const fn = (args: string[], extra: Partial<Routine> = {}): Routine => ({ kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: args, returns: 'integer', language: 'sql', volatility: 'stable', definition: 'SELECT 1', ...extra });
  assert.equal(changeLines([fn(['integer'])], [fn(['integer'], { volatility: 'volatile', definition: 'SELECT 2', security: 'definer' })]), [
    'modify routine public.f(integer) volatility: "stable" → "volatile" (caution)',
    'modify routine public.f(integer) security: null → "definer" (caution)',
    'modify routine public.f(integer) definition: "SELECT 1" → "SELECT 2" (caution)',
  ]);
  assert.equal(changeLines([fn(['integer'])], [fn(['integer']), fn(['text'])]), ['add routine public.f(text) (safe)']);
  const ext = (version: string) => ({ kind: 'extension' as const, schema: 'public', name: 'pg_trgm', version });
  assert.equal(changeLines([ext('1.3')], [ext('1.4')]), ['modify extension public.pg_trgm version: "1.3" → "1.4" (caution)']);
  const withSchemas = (comment?: string) => snapshot([table('t', [column('a')], {}, 'app')], { schemas: ['app', 'extra'] }).schemas.map((s) => (s.name === 'app' && comment ? { ...s, comment } : s));
  const a = { ...snapshot([table('t', [column('a')], {}, 'app')]), schemas: withSchemas() };
  const b = { ...snapshot([table('t', [column('a')], {}, 'app')]), schemas: withSchemas('the app').filter((s) => s.name !== 'extra') };
  assert.equal(changeLines(a, b), ['modify schema app comment: null → "the app" (safe)', 'remove schema extra (breaking)']);
  // PostgreSQL's public with its default comment is recorded only while it holds something: gone, it
  // may only have been emptied, and the removals of its objects carry their own impact.
  const inPublic = (comment: string) => ({ ...snapshot([table('t', [column('a')])]), schemas: [{ name: 'public', comment }] });
  const moved = snapshot([table('t', [column('a')], {}, 's')]);
  assert.equal(changeLines(inPublic('standard public schema'), moved), ['remove schema public (caution)', 'remove table public.t (breaking)', 'add schema s (safe)', 'add table s.t (safe)']);
  assert.equal(changeLines(inPublic('ours'), moved)[0], 'remove schema public (breaking)');
});

test("a type's parts one by one: a domain's checks as checks, a composite type's attributes as columns", () => {
  const domain = (checks: Check[]): UserType => ({ kind: 'type', schema: 'public', name: 'pos', type: 'domain', base_type: 'integer', checks });
  const positive = { name: 'pos_check', expression: '(VALUE > 0)' };
  assert.equal(changeLines([domain([positive])], [domain([{ ...positive, expression: '(VALUE > 1)', comment: 'above one' }, { name: 'small', expression: '(VALUE < 9)' }])]), [
    'modify check public.pos.pos_check expression: "(VALUE > 0)" → "(VALUE > 1)" (caution)',
    'modify check public.pos.pos_check comment: null → "above one" (safe)',
    'add check public.pos.small (caution)',
  ]);
  assert.equal(changeLines([domain([positive])], [domain([])]), ['remove check public.pos.pos_check (safe)']);
  // A domain's base type and NOT NULL are those of every column of the domain: they weigh as a column's would.
  const based = (base_type: string, nullable = true): UserType => ({ ...domain([]), base_type, nullable });
  assert.equal(changeLines([based('integer')], [based('bigint', false)]), [
    'modify type public.pos base_type: "integer" → "bigint" (caution)',
    'modify type public.pos nullable: true → false (breaking)',
  ]);
  assert.equal(changeLines([based('character varying(200)', false)], [based('character varying(100)')]), [
    'modify type public.pos base_type: "character varying(200)" → "character varying(100)" (breaking)',
    'modify type public.pos nullable: false → true (caution)',
  ]);
  assert.equal(changeLines([based('character varying(200)')], [based('text')]), ['modify type public.pos base_type: "character varying(200)" → "text" (safe)']);
  const composite = (attributes: TypeAttribute[]): UserType => ({ kind: 'type', schema: 'public', name: 'pair', type: 'composite', attributes });
  const [a, b] = [{ name: 'a', type: 'integer' }, { name: 'b', type: 'text' }];
  assert.equal(changeLines([composite([a, b])], [composite([{ ...a, type: 'bigint', collation: 'C', comment: 'the a' }, b, { name: 'c', type: 'date' }])]), [
    'modify column public.pair.a type: "integer" → "bigint" (caution)',
    'modify column public.pair.a collation: null → "C" (caution)',
    'modify column public.pair.a comment: null → "the a" (safe)',
    'add column public.pair.c (caution)',
  ]);
  assert.equal(changeLines([composite([a, b])], [composite([b, a])]), ['modify column public.pair.a position: 1 → 2 (caution)']);
  assert.equal(changeLines([composite([a, b])], [composite([a])]), ['remove column public.pair.b (breaking)']);
});

test('a configured column rename carries into the keys, indexes, checks and triggers on the column and the generated columns computed from it: they read as they did', () => {
  const keyed = (name: string) =>
    users(
      {
        unique_constraints: [{ columns: [name] }, { name: 'users_email_key', columns: [name] }],
        indexes: [
          { name: 'users_lower', columns: [{ expression: `lower(${name})` }], unique: false, where: `(${name} IS NOT NULL)`, definition: `CREATE INDEX users_lower ON public.users USING btree (lower(${name})) WHERE (${name} IS NOT NULL)` },
          { name: 'users_id_inc', columns: ['id'], include: [name], unique: false },
        ],
        checks: [{ name: 'users_email_check', expression: `(${name} <> ''::text)` }],
      },
      [column('id', 'integer', { nullable: false }), column(name, 'text')],
    );
  const renames = { 'public.users.email': 'public.users.mail' };
  assert.equal(changeLines([keyed('email')], [keyed('mail')], { renames }), ['rename column public.users.mail "email" → "mail" (breaking)']);
  const watched = (name: string) =>
    users(
      { triggers: [{ name: 'users_touch', timing: 'before', events: ['update'], columns: [name], level: 'row', when: `(new.${name} IS NOT NULL)`, definition: `CREATE TRIGGER users_touch BEFORE UPDATE OF ${name} ON public.users FOR EACH ROW WHEN ((new.${name} IS NOT NULL)) EXECUTE FUNCTION touch()` }] },
      [column('id', 'integer', { nullable: false }), column(name, 'text'), column('domain', 'text', { generated: { expression: `split_part(${name}, '@'::text, 2)`, stored: true } })],
    );
  assert.equal(changeLines([watched('email')], [watched('mail')], { renames }), ['rename column public.users.mail "email" → "mail" (breaking)']);
  // without the rename configured, the parts on the column change with it
  assert.ok(changeLines([keyed('email')], [keyed('mail')]).length > 2);
});

test('a configured column rename reads as the server spells it: quoted where PostgreSQL quotes the new name, left alone where MySQL keeps a trigger body as it was', () => {
  const pg = (name: string, check = '<>') =>
    users(
      {
        indexes: [{ name: 'users_lower', columns: [{ expression: `lower(${name})` }], unique: false, where: `(${name} IS NOT NULL)` }],
        checks: [{ name: 'users_email_check', expression: `(${name} ${check} ''::text)` }],
        policies: [{ name: 'own', command: 'all', permissive: true, roles: ['public'], using: `(${name} = CURRENT_USER)` }],
      },
      [column('id', 'integer', { nullable: false }), column(name.replace(/"/g, ''), 'text'), column('domain', 'text', { generated: { expression: `split_part(${name}, '@'::text, 2)`, stored: true } })],
    );
  for (const [from, to] of [['email', '"Mail"'], ['email', '"user"'], ['"Mail"', 'email']] as const) {
    const renames = { [`public.users.${from.replace(/"/g, '')}`]: `public.users.${to.replace(/"/g, '')}` };
    assert.equal(changeLines([pg(from)], [pg(to)], { renames }), [`rename column public.users.${to.replace(/"/g, '')} "${from.replace(/"/g, '')}" → "${to.replace(/"/g, '')}" (breaking)`]);
  }
  // a real change beside the rename is still one
  assert.equal(changeLines([pg('email')], [pg('"Mail"', '>')], { renames: { 'public.users.email': 'public.users.Mail' } }), [
    'rename column public.users.Mail "email" → "Mail" (breaking)',
    'modify check public.users.users_email_check expression: "(Mail <> \'\'::text)" → "(\\"Mail\\" > \'\'::text)" (caution)',
  ]);
  const my = (name: string) =>
    table('u', [column('id'), column(name, 'varchar(50)')], { triggers: [{ name: 'u_t', timing: 'before', events: ['update'], level: 'row', definition: 'set new.email = lower(new.email)' }] }, 'app');
  assert.equal(changeLines([my('email')], [my('Email')], { dialect: 'mysql', renames: { 'app.u.email': 'app.u.Email' } }), ['rename column app.u.Email "email" → "Email" (safe)']);
});

test('a column rename leaves string literals alone: one naming the column is no change, one changed beside the rename is still one', () => {
  const t = (name: string, checks: [string, string][]) => table('t', [column('id'), column(name, 'varchar(20)')], { checks: checks.map(([check, expression]) => ({ name: check, expression })) }, 'shop');
  // MariaDB rewrites the column's name in a check, never a literal: `Status` <> 'Status' becomes `status` <> 'Status'.
  const before = t('Status', [['chk_s', "`Status` <> 'Status'"], ['chk_x', "`Status` <> 'Status'"], ['chk_e', "`Status` <> 'it\\'s Status'"]]);
  const after = t('status', [['chk_s', "`status` <> 'Status'"], ['chk_x', "`status` <> 'status'"], ['chk_e', "`status` <> 'it\\'s Status'"]]);
  assert.equal(changeLines([before], [after], { dialect: 'mysql' }), [
    'rename column shop.t.status "Status" → "status" (safe)',
    'modify check shop.t.chk_x expression: "`status` <> \'Status\'" → "`status` <> \'status\'" (caution)',
  ]);
  const pg = (name: string, literal: string) => table('t', [column('id'), column(name, 'text')], { checks: [{ name: 'c', expression: `(${name} <> '${literal}'::text)` }] });
  assert.equal(changeLines([pg('status', 'status')], [pg('state', 'status')], { renames: { 'public.t.status': 'public.t.state' } }), ['rename column public.t.state "status" → "state" (breaking)']);
  // PostgreSQL's standard strings and SQLite's take a backslash as itself: 'x\' ends at its second quote, and the name after it is renamed.
  const ended = (name: string) => table('t', [column('a', 'text'), column(name, 'text')], { checks: [{ name: 'ck', expression: `((a <> 'x\\'::text) AND (${name} <> 'y'::text))` }] });
  assert.equal(changeLines([ended('b')], [ended('b2')], { renames: { 'public.t.b': 'public.t.b2' } }), ['rename column public.t.b2 "b" → "b2" (breaking)']);
});

test('a configured table rename carries into the DDL of its indexes and triggers, which name their table', () => {
  const orders = (name: string, spelled: string, index = 'orders_id') =>
    table(name, [column('id')], {
      indexes: [{ name: index, columns: ['id'], unique: false, method: 'btree', definition: `CREATE INDEX ${index} ON public.${spelled} USING btree (id)` }],
      triggers: [{ name: 'orders_touch', timing: 'before', events: ['insert'], level: 'row', definition: `CREATE TRIGGER orders_touch BEFORE INSERT ON public.${spelled} FOR EACH ROW EXECUTE FUNCTION touch()` }],
    });
  assert.equal(changeLines([orders('orders', 'orders')], [orders('Purchases', '"Purchases"')], { renames: { 'public.orders': 'public.Purchases' } }), ['rename table public.Purchases "orders" → "Purchases" (breaking)']);
  assert.equal(changeLines([orders('orders', 'orders')], [orders('purchases', 'purchases', 'purchases_id')], { renames: { 'public.orders': 'public.purchases' } }), [
    'rename table public.purchases "orders" → "purchases" (breaking)',
    'rename index public.purchases.purchases_id "orders_id" → "purchases_id" (caution)',
  ]);
});

test("a configured table rename carries into SQLite's trigger DDL, which names its table unqualified, as written", () => {
  const t = (name: string, spelled: string) =>
    table(name, [column('id')], { triggers: [{ name: 'touch', timing: 'after', events: ['insert'], level: 'row', definition: `CREATE TRIGGER touch AFTER INSERT ON ${spelled} BEGIN SELECT 1; END` }] }, 'main');
  assert.equal(changeLines([t('u', 'u')], [t('users', '"users"')], { dialect: 'sqlite', renames: { 'main.u': 'main.users' } }), ['rename table main.users "u" → "users" (breaking)']);
  // a body that changed with it is still reported
  const body = t('users', 'users');
  body.triggers![0]!.definition = body.triggers![0]!.definition!.replace('SELECT 1', 'SELECT 2');
  assert.equal(changeLines([t('u', 'u')], [body], { dialect: 'sqlite', renames: { 'main.u': 'main.users' } }).length, 2);
});

test("a configured rename of a SQLite view or virtual table is one change: the name in its CREATE statement changed with it", () => {
  const view = (name: string, query = 'SELECT id FROM users WHERE active'): SchemaObject => ({ kind: 'view', schema: 'main', name, definition: `CREATE VIEW ${name} AS ${query}` });
  const fts = (name: string, spelled = name): SchemaObject => ({ kind: 'virtual_table', schema: 'main', name, module: 'fts5', arguments: 'body', definition: `CREATE VIRTUAL TABLE ${spelled} USING fts5(body)` }) as unknown as SchemaObject;
  const renames = { 'main.active_users': 'main.active_people', 'main.docs': 'main.documents' };
  assert.equal(changeLines([view('active_users'), fts('docs')], [view('active_people'), fts('documents', '"documents"')], { dialect: 'sqlite', renames }), [
    'rename view main.active_people "active_users" → "active_people" (breaking)',
    'rename virtual_table main.documents "docs" → "documents" (breaking)',
  ]);
  // a query that changed with it is still reported
  assert.equal(changeLines([view('active_users')], [view('active_people', 'SELECT id FROM users')], { dialect: 'sqlite', renames }).length, 2);
});

test('a configured rename of a table or column carries into the foreign keys that reference it: they reference what they did', () => {
  const parent = (name: string, key: string) => table(name, [column(key, 'integer', { nullable: false })], { primary_key: { name: 'p_pkey', columns: [key] } });
  const child = (target: string, key: string) => table('c', [column('pid')], { foreign_keys: [{ name: 'c_pid_fkey', columns: ['pid'], references: { schema: 'public', table: target, columns: [key] } }] });
  const renames = { 'public.p': 'public.parent', 'public.p.id': 'public.parent.pid' };
  assert.equal(changeLines([parent('p', 'id'), child('p', 'id')], [parent('parent', 'pid'), child('parent', 'pid')], { renames }), [
    'rename table public.parent "p" → "parent" (breaking)',
    'rename column public.parent.pid "id" → "pid" (breaking)',
  ]);
  // A key that now references another table is still a change.
  assert.equal(changeLines([parent('p', 'id'), child('p', 'id')], [parent('parent', 'pid'), child('other', 'id')], { renames }), [
    'modify foreign_key public.c.c_pid_fkey references.table: "p" → "other" (caution)',
    'rename table public.parent "p" → "parent" (breaking)',
    'rename column public.parent.pid "id" → "pid" (breaking)',
  ]);
  // The renames of the whole history are configured: a diff on either side of one is not changed by it.
  const later = (c: Table) => [parent('parent', 'pid'), { ...c, columns: [...c.columns, column('note', 'text')] }];
  assert.equal(changeLines([parent('parent', 'pid'), child('parent', 'pid')], later(child('parent', 'pid')), { renames: { ...renames, 'public.parent': 'public.parent2' } }), ['add column public.c.note (safe)']);
});

test('a SQLite STRICT table judges a column type change by the type it enforces, not by affinity', () => {
  const m = (type: string, strict: boolean) => table('m', [column('r', type)], strict ? { options: { strict: true } } : {}, 'main');
  assert.equal(changeLines([m('REAL', true)], [m('INTEGER', true)], { dialect: 'sqlite' }), ['modify column main.m.r type: "REAL" → "INTEGER" (breaking)']);
  assert.equal(changeLines([m('REAL', false)], [m('INTEGER', false)], { dialect: 'sqlite' }), ['modify column main.m.r type: "REAL" → "INTEGER" (caution)']);
});

test('two names swapped as configured (a → b, b → a) are two renames where the diff crossed the swap, nothing where it did not', () => {
  const people = (first: string, last: string) => table('people', [column('id', 'integer', { nullable: false }), column(first, 'text'), column(last, 'text', { nullable: false })]);
  const renames = { 'public.people.first_name': 'public.people.last_name', 'public.people.last_name': 'public.people.first_name' };
  // A renamed column keeps its place: the one at first_name's place is called last_name now.
  assert.equal(changeLines([people('first_name', 'last_name')], [people('last_name', 'first_name')], { renames }), [
    'rename column public.people.last_name "first_name" → "last_name" (breaking)',
    'rename column public.people.first_name "last_name" → "first_name" (breaking)',
  ]);
  // Before or after the swap, nothing changed; read backwards, the swap is undone.
  assert.equal(changeLines([people('last_name', 'first_name')], [people('last_name', 'first_name')], { renames }), []);
  assert.equal(changeLines([people('first_name', 'last_name')], [people('first_name', 'last_name')], { renames }), []);
  // Tables: each matches its new name's shape and not its old one's.
  const pair = (a: string, b: string) => [table(a, [column('id'), column('x', 'text')]), table(b, [column('id'), column('y', 'date')])];
  const tables = { 'public.swa': 'public.swb', 'public.swb': 'public.swa' };
  assert.equal(changeLines(pair('swa', 'swb'), pair('swb', 'swa'), { renames: tables }), [
    'rename table public.swa "swb" → "swa" (breaking)',
    'rename table public.swb "swa" → "swb" (breaking)',
  ]);
  assert.equal(changeLines(pair('swa', 'swb'), pair('swa', 'swb'), { renames: tables }), []);
  // the swap configured as it was run, through a temporary name neither side holds
  const throughTmp = { 'public.swa': 'public.tmp', 'public.swb': 'public.swa', 'public.tmp': 'public.swb' };
  assert.equal(changeLines(pair('swa', 'swb'), pair('swb', 'swa'), { renames: throughTmp }), [
    'rename table public.swa "swb" → "swa" (breaking)',
    'rename table public.swb "swa" → "swb" (breaking)',
  ]);
  const columnsThroughTmp = { 'public.people.first_name': 'public.people.tmp', 'public.people.last_name': 'public.people.first_name', 'public.people.tmp': 'public.people.last_name' };
  assert.equal(changeLines([people('first_name', 'last_name')], [people('last_name', 'first_name')], { renames: columnsThroughTmp }).length, 2);
});

test('a configured swap with another change to a swapped table, view or column in the same diff is still the swap, and the change one of it', () => {
  const swap = { 'public.swa': 'public.swb', 'public.swb': 'public.swa' };
  const [x, y] = [table('', [column('id'), column('x', 'text')]), table('', [column('id'), column('y', 'date')])];
  const named = (name: string, t: Table, ...more: Column[]) => ({ ...t, name, columns: [...t.columns, ...more] });
  // swa (x) and swb (y) swapped; the table now called swb got three columns more, swa lost its id
  assert.equal(changeLines([named('swa', x), named('swb', y)], [named('swb', x, column('p'), column('q'), column('r')), { ...named('swa', y), columns: [column('y', 'date')] }], { renames: swap }), [
    'rename table public.swa "swb" → "swa" (breaking)',
    'remove column public.swa.id (breaking)',
    'rename table public.swb "swa" → "swb" (breaking)',
    'add column public.swb.p (safe)',
    'add column public.swb.q (safe)',
    'add column public.swb.r (safe)',
  ]);
  // through a temporary name, a column's type changed too
  const throughTmp = { 'public.swa': 'public.tmp', 'public.swb': 'public.swa', 'public.tmp': 'public.swb' };
  assert.equal(changeLines([named('swa', x), named('swb', y)], [{ ...named('swb', x), columns: [column('id', 'bigint'), column('x', 'text')] }, named('swa', y)], { renames: throughTmp }), [
    'rename table public.swa "swb" → "swa" (breaking)',
    'rename table public.swb "swa" → "swb" (breaking)',
    'modify column public.swb.id type: "integer" → "bigint" (caution)',
  ]);
  // not crossed: each table changed in place, closer to its own old shape than to the other's
  assert.equal(changeLines([named('swa', x), named('swb', y)], [named('swa', x, column('p')), named('swb', y)], { renames: swap }), ['add column public.swa.p (safe)']);
  // two of one shape tell nothing: taken as they stand
  assert.equal(changeLines([named('swa', x), named('swb', x)], [named('swa', x, column('p')), named('swb', x)], { renames: swap }), ['add column public.swa.p (safe)']);
  // views: one's query changed beside the swap
  const view = (name: string, definition: string): View => ({ kind: 'view', schema: 'public', name, definition });
  assert.equal(changeLines([view('swa', 'SELECT 1'), view('swb', 'SELECT 2')], [view('swb', 'SELECT 1 AS one'), view('swa', 'SELECT 2')], { renames: swap }), [
    'rename view public.swa "swb" → "swa" (breaking)',
    'rename view public.swb "swa" → "swb" (breaking)',
    'modify view public.swb definition: "SELECT 1" → "SELECT 1 AS one" (caution)',
  ]);
  // columns: a column dropped before the swapped ones, and one added after them, move neither
  const people = (...names: string[]) => table('people', names.map((name) => column(name, name === 'fresh' ? 'integer' : 'text')));
  const columns = { 'public.people.first_name': 'public.people.last_name', 'public.people.last_name': 'public.people.first_name' };
  assert.equal(changeLines([people('id', 'gone', 'first_name', 'last_name')], [people('id', 'last_name', 'first_name', 'fresh')], { renames: columns }), [
    'remove column public.people.gone (breaking)',
    'rename column public.people.last_name "first_name" → "last_name" (breaking)',
    'rename column public.people.first_name "last_name" → "first_name" (breaking)',
    'add column public.people.fresh (safe)',
  ]);
});

test('a configured rename of a table or column carries into the sequence the column owns: OWNED BY follows it', () => {
  const owned = (table_: string, key: string): SchemaObject[] => [
    table(table_, [column(key, 'integer', { nullable: false, identity: 'by_default' })]),
    { kind: 'sequence', schema: 'public', name: 't_id_seq', type: 'integer', owned_by: `public.${table_}.${key}` },
  ];
  assert.equal(changeLines(owned('t', 'id'), owned('t2', 'id'), { renames: { 'public.t': 'public.t2' } }), ['rename table public.t2 "t" → "t2" (breaking)']);
  assert.equal(changeLines(owned('t', 'id'), owned('t', 'pk'), { renames: { 'public.t.id': 'public.t.pk' } }), ['rename column public.t.pk "id" → "pk" (breaking)']);
  // Owned by another column than the renamed one is still a change.
  assert.equal(changeLines(owned('t', 'id'), [...owned('t', 'pk').slice(0, 1), owned('t', 'other')[1]!], { renames: { 'public.t.id': 'public.t.pk' } }), [
    'modify sequence public.t_id_seq owned_by: "public.t.id" → "public.t.other" (caution)',
    'rename column public.t.pk "id" → "pk" (breaking)',
  ]);
});

test("a configured rename of a partitioned or inheritance parent carries into its partitions' and children's references to it", () => {
  const parent = (name: string) => table(name, [column('id')]);
  const partition = (of: string, bound = "FOR VALUES IN (1)") => table('p1', [column('id')], { partition_of: { schema: 'public', table: of, bound } });
  const child = (...of: string[]) => table('c', [column('id')], { inherits: of.map((t) => ({ schema: 'public', table: t })) });
  const renames = { 'public.m': 'public.measures', 'public.base': 'public.root' };
  assert.equal(changeLines([parent('m'), partition('m'), parent('base'), parent('other'), child('base', 'other')], [parent('measures'), partition('measures'), parent('root'), parent('other'), child('root', 'other')], { renames }), [
    'rename table public.measures "m" → "measures" (breaking)',
    'rename table public.root "base" → "root" (breaking)',
  ]);
  // Another bound, or another parent, is still a change.
  assert.equal(changeLines([parent('m'), partition('m')], [parent('measures'), partition('measures', 'FOR VALUES IN (2)')], { renames }), [
    'rename table public.measures "m" → "measures" (breaking)',
    'modify table public.p1 partition_of.bound: "FOR VALUES IN (1)" → "FOR VALUES IN (2)" (caution)',
  ]);
  assert.equal(changeLines([parent('base'), parent('other'), child('base')], [parent('root'), parent('other'), child('other')], { renames }), [
    'modify table public.c inherits: [{"schema":"public","table":"base"}] → [{"schema":"public","table":"other"}] (breaking)',
    'rename table public.root "base" → "root" (breaking)',
  ]);
});

test('a configured rename of a type or sequence carries into the column types and defaults that name it, as PostgreSQL deparses them; a change beside it is still one', () => {
  const mood = (schema: string, name: string): UserType => ({ kind: 'type', schema, name, type: 'enum', values: ['sad', 'ok'] });
  const seq = (schema: string, name: string): Sequence => ({ kind: 'sequence', schema, name, type: 'integer' });
  const orders = (columns: Column[]) => table('orders', columns);
  const renames = { 'public.mood': 'public.feeling', 'public.Pay Kind': 'app.Payment Kind', 'public.order_no': 'public.Order No' };
  const before = [mood('public', 'mood'), mood('public', 'Pay Kind'), seq('public', 'order_no')];
  const after = [mood('public', 'feeling'), mood('app', 'Payment Kind'), seq('public', 'Order No')];
  const lines = (from: Column[], to: Column[]) => changeLines([...before, orders(from)], [...after, orders(to)], { renames }).filter((line) => !line.startsWith('add schema app'));
  assert.equal(lines(
    [column('m', 'mood', { default: "'ok'::mood" }), column('ms', 'mood[]', { default: "'{sad}'::mood[]" }), column('k', '"Pay Kind"', { default: `'card'::"Pay Kind"` }), column('id', 'integer', { default: "nextval('order_no'::regclass)" })],
    [column('m', 'feeling', { default: "'ok'::feeling" }), column('ms', 'feeling[]', { default: "'{sad}'::feeling[]" }), column('k', 'app."Payment Kind"', { default: `'card'::app."Payment Kind"` }), column('id', 'integer', { default: `nextval('"Order No"'::regclass)` })],
  ), [
    'rename type app.Payment Kind "public.Pay Kind" → "app.Payment Kind" (breaking)',
    'rename sequence public.Order No "order_no" → "Order No" (breaking)',
    'rename type public.feeling "mood" → "feeling" (breaking)',
  ]);
  // a real change beside the rename: another value, another type, an array no more, a string that only reads like the name
  const changed = lines(
    [column('m', 'mood', { default: "'ok'::mood" }), column('ms', 'mood[]'), column('note', 'text', { default: "'mood'::text" }), column('id', 'integer', { default: "nextval('order_no'::regclass)" })],
    [column('m', 'feeling', { default: "'sad'::feeling" }), column('ms', 'feeling'), column('note', 'text', { default: "'feeling'::text" }), column('id', 'bigint', { default: "(nextval('\"Order No\"'::regclass) + 1)" })],
  );
  assert.equal(changed.filter((l) => !l.startsWith('rename')), [
    `modify column public.orders.m default: "'ok'::mood" → "'sad'::feeling" (caution)`,
    'modify column public.orders.ms type: "mood[]" → "feeling" (breaking)',
    `modify column public.orders.note default: "'mood'::text" → "'feeling'::text" (caution)`,
    'modify column public.orders.id type: "integer" → "bigint" (caution)',
    `modify column public.orders.id default: "nextval('order_no'::regclass)" → "(nextval('\\"Order No\\"'::regclass) + 1)" (caution)`,
  ]);
  // not renamed in this diff (both names on both sides): a column retyped from one to the other is a change
  assert.equal(changeLines([mood('public', 'mood'), mood('public', 'feeling'), orders([column('m', 'mood')])], [mood('public', 'mood'), mood('public', 'feeling'), orders([column('m', 'feeling')])], { renames }), [
    'modify column public.orders.m type: "mood" → "feeling" (breaking)',
  ]);
  // a domain over a renamed type, and a composite type's attribute of it
  const domain: UserType = { kind: 'type', schema: 'public', name: 'happy', type: 'domain', base_type: 'mood', default: "'ok'::mood" };
  const pair: UserType = { kind: 'type', schema: 'public', name: 'pair', type: 'composite', attributes: [{ name: 'a', type: 'mood' }] };
  assert.equal(changeLines([mood('public', 'mood'), domain, pair], [mood('public', 'feeling'), { ...domain, base_type: 'feeling', default: "'ok'::feeling" }, { ...pair, attributes: [{ name: 'a', type: 'feeling' }] }], { renames }), [
    'rename type public.feeling "mood" → "feeling" (breaking)',
  ]);
});

test("a configured rename of a parent's column is its partitions', subpartitions' and inheritance children's too: one rename, on the parent", () => {
  const of = (parent: string) => ({ partition_of: { schema: 'public', table: parent, bound: 'DEFAULT' } });
  const tables = (v: string, type = 'integer') => [
    table('m', [column('id'), column(v, type)]),
    table('m_1', [column('id'), column(v, type)], of('m')),
    table('m_1_a', [column('id'), column(v, type)], of('m_1')),
    table('base', [column(v, type)]),
    table('child', [column(v, type), column('own')], { inherits: [{ schema: 'public', table: 'base' }] }),
  ];
  const renames = { 'public.m.v': 'public.m.val', 'public.base.v': 'public.base.val' };
  assert.equal(changeLines(tables('v'), tables('val', 'bigint'), { renames }), [
    'rename column public.base.val "v" → "val" (breaking)',
    'modify column public.base.val type: "integer" → "bigint" (caution)',
    'rename column public.m.val "v" → "val" (breaking)',
    'modify column public.m.val type: "integer" → "bigint" (caution)',
  ]);
  assert.equal(changeLines(tables('val'), tables('v'), { renames }), ['rename column public.base.v "val" → "v" (breaking)', 'rename column public.m.v "val" → "v" (breaking)']);
});

test('configured renames chain across the snapshots a diff spans, either way: a → b then b → c is one rename a → c', () => {
  const t = (name: string, key: string) => table(name, [column('id', 'integer', { nullable: false }), column(key, 'text')], { unique_constraints: [{ name: 'k', columns: [key] }] });
  const child = (target: string, key: string) => table('ch', [column('k', 'text')], { foreign_keys: [{ name: 'ch_k_fkey', columns: ['k'], references: { schema: 'public', table: target, columns: [key] } }] });
  // the table renamed in one snapshot, its column in the next (configured under the table's new name)
  const renames = { 'public.a': 'public.b', 'public.b': 'public.c', 'public.b.x': 'public.b.y' };
  const [first, second, third] = [[t('a', 'x'), child('a', 'x')], [t('b', 'x'), child('b', 'x')], [t('c', 'y'), child('c', 'y')]];
  assert.equal(changeLines(first, third, { renames }), ['rename table public.c "a" → "c" (breaking)', 'rename column public.c.y "x" → "y" (breaking)']);
  assert.equal(changeLines(third, first, { renames }), ['rename table public.a "c" → "a" (breaking)', 'rename column public.a.x "y" → "x" (breaking)']);
  assert.equal(changeLines(second, first, { renames }), ['rename table public.a "b" → "a" (breaking)']);
  assert.equal(changeLines(second, third, { renames }), ['rename table public.c "b" → "c" (breaking)', 'rename column public.c.y "x" → "y" (breaking)']);
  // a new table took the middle name since: the chain goes on to its end, and the new one is added
  const other = table('b', [column('other')]);
  assert.equal(changeLines(first, [...third, other], { renames }), ['add table public.b (safe)', 'rename table public.c "a" → "c" (breaking)', 'rename column public.c.y "x" → "y" (breaking)']);
  assert.equal(changeLines([...third, other], first, { renames }), ['rename table public.a "c" → "a" (breaking)', 'rename column public.a.x "y" → "x" (breaking)', 'remove table public.b (breaking)']);
});

test('a configured rename whose old name a new table took since: the rename, and the new table added', () => {
  const users = table('users', [column('id'), column('email', 'text')]);
  const old = table('users_old', [column('id'), column('email', 'text')]);
  const fresh = table('users', [column('id'), column('login', 'text')]);
  const renames = { 'public.users': 'public.users_old' };
  assert.equal(changeLines([users], [old, fresh], { renames }), ['add table public.users (safe)', 'rename table public.users_old "users" → "users_old" (breaking)']);
  assert.equal(changeLines([old, fresh], [users], { renames }), ['rename table public.users "users_old" → "users" (breaking)', 'remove table public.users (breaking)']);
  // Once both exist on both sides, each is itself.
  assert.equal(changeLines([old, users], [old, fresh], { renames }), [
    'remove column public.users.email (breaking) [likely renamed to public.users.login]',
    'add column public.users.login (safe) [likely renamed from public.users.email]',
  ]);
});

test('a diff known to read forward or backward in time follows the configured renames that way only: a renamed table and a new one under its old name are each themselves', () => {
  const renames = { 'public.users': 'public.users_old' };
  const users = table('users', [column('id'), column('email', 'text')]);
  const old = table('users_old', [column('id'), column('email', 'text')]);
  const archived = table('users_old', [column('id'), column('email', 'text'), column('archived_at', 'text')]);
  const fresh = table('users', [column('id'), column('login', 'text')]);
  const grown = table('users', [column('id'), column('login', 'text'), column('name', 'text')]);
  // After the rename: the archive altered and a new users created; read both ways, that looked like the rename undone.
  assert.equal(changeLines([old], [archived, fresh], { renames, order: 'forward' }), ['add table public.users (safe)', 'add column public.users_old.archived_at (safe)']);
  assert.equal(changeLines([archived, fresh], [old], { renames, order: 'backward' }), ['remove table public.users (breaking)', 'remove column public.users_old.archived_at (breaking)']);
  // The archive dropped while the new users grows; read both ways, the archive renamed back and users removed.
  assert.equal(changeLines([old, fresh], [grown], { renames, order: 'forward' }), ['add column public.users.name (safe)', 'remove table public.users_old (breaking)']);
  assert.equal(changeLines([grown], [old, fresh], { renames, order: 'backward' }), ['remove column public.users.name (breaking)', 'add table public.users_old (safe)']);
  // Across the rename, each way, as when the direction is unknown.
  for (const order of ['forward', 'backward'] as const) {
    const [from, to] = order === 'forward' ? [[users], [old, fresh]] : [[old, fresh], [users]];
    assert.equal(changeLines(from, to, { renames, order }), changeLines(from, to, { renames }), order);
  }
  assert.equal(changeLines([users], [archived, fresh], { renames, order: 'forward' }), ['add table public.users (safe)', 'rename table public.users_old "users" → "users_old" (breaking)', 'add column public.users_old.archived_at (safe)']);
  // A column dropped and another renamed into its name (`email_new: email`), read backward.
  const t = (...columns: Column[]) => table('t', [column('id'), ...columns]);
  assert.equal(changeLines([t(column('email', 'varchar(200)'))], [t(column('email', 'text'), column('email_new', 'varchar(200)'))], { renames: { 'public.t.email_new': 'public.t.email' }, order: 'backward' }), [
    'rename column public.t.email_new "email" → "email_new" (breaking)',
    'add column public.t.email (safe)',
  ]);
});

test('a configured column rename whose old name a new column took, or whose new name a dropped column had: the rename, and the other column added or removed', () => {
  const t = (...columns: Column[]) => table('t', [column('id'), ...columns]);
  const renames = { 'public.t.a': 'public.t.a_old' };
  // ALTER TABLE t RENAME a TO a_old; ALTER TABLE t ADD a bigint
  const [before, after] = [t(column('a')), t(column('a_old'), column('a', 'bigint'))];
  assert.equal(changeLines([before], [after], { renames }), ['rename column public.t.a_old "a" → "a_old" (breaking)', 'add column public.t.a (safe)']);
  assert.equal(changeLines([after], [before], { renames }), ['rename column public.t.a "a_old" → "a" (breaking)', 'remove column public.t.a (breaking)']);
  // ALTER TABLE t DROP email; ALTER TABLE t RENAME email_new TO email
  const swapIn = { 'public.t.email_new': 'public.t.email' };
  assert.equal(changeLines([t(column('email', 'text'), column('email_new', 'varchar(200)'))], [t(column('email', 'varchar(200)'))], { renames: swapIn }), [
    'remove column public.t.email (breaking)',
    'rename column public.t.email "email_new" → "email" (breaking)',
  ]);
  // Both names on both sides: the rename is of another time, each column is itself.
  assert.equal(changeLines([after], [t(column('a_old'), column('a', 'text'))], { renames }), ['modify column public.t.a type: "bigint" → "text" (breaking)']);
});

test('configured column renames that shift names along (RENAME b TO c, then a TO b) pair each column with its own new name', () => {
  const t = (a: string, b: string) =>
    table('t', [column('id'), column(a), column(b, 'text')], { indexes: [{ name: 't_a', columns: [a], unique: false, method: 'btree', where: `(${a} > 1)` }] });
  const renames = { 'public.t.b': 'public.t.c', 'public.t.a': 'public.t.b' };
  assert.equal(changeLines([t('a', 'b')], [t('b', 'c')], { renames }), ['rename column public.t.b "a" → "b" (breaking)', 'rename column public.t.c "b" → "c" (breaking)']);
  assert.equal(changeLines([t('b', 'c')], [t('a', 'b')], { renames }), ['rename column public.t.a "b" → "a" (breaking)', 'rename column public.t.b "c" → "b" (breaking)']);
});

test('a configured move to another schema is a rename of the whole path, never no change', () => {
  const t = (schema: string) => snapshot([table('t', [column('id')], {}, schema)], { schemas: ['public', 'archive'] });
  assert.equal(changeLines(t('public'), t('archive'), { renames: { 'public.t': 'archive.t' } }), ['rename table archive.t "public.t" → "archive.t" (breaking)']);
  assert.equal(changeLines(t('archive'), t('public'), { renames: { 'public.t': 'archive.t' } }), ['rename table public.t "archive.t" → "public.t" (breaking)']);
});

test('MySQL: a table renamed whose columns changed only in case is still a likely rename (column names ignore case there)', () => {
  const t = (name: string, column_: string) => table(name, [column('id'), column(column_)], {}, 'shop');
  assert.equal(changeLines([t('ren', 'Val')], [t('Ren2', 'val')], { dialect: 'mysql' }), [
    'add table shop.Ren2 (safe) [likely renamed from shop.ren]',
    'remove table shop.ren (breaking) [likely renamed to shop.Ren2]',
  ]);
});

test('a likely rename names the other side as people read it: a name holding a dot quoted', () => {
  const before = [table('x_y', [column('id'), column('a.b', 'text')], {}, 'we.ird')];
  const after = [table('new.tab', [column('id'), column('a.b', 'text')], {}, 'we.ird')];
  assert.equal(changeLines(before, after), [
    'add table we.ird.new.tab (safe) [likely renamed from "we.ird".x_y]',
    'remove table we.ird.x_y (breaking) [likely renamed to "we.ird"."new.tab"]',
  ]);
  const columns = changeLines(before, [table('x_y', [column('id'), column('c.d', 'text')], {}, 'we.ird')]);
  assert.equal(columns[0], 'remove column we.ird.x_y.a.b (breaking) [likely renamed to "we.ird".x_y."c.d"]');
});

test('renames: hinted when one table or column of the same shape goes and one comes, acted on when configured', () => {
  const before = [users(), table('orders', [column('id')])];
  const after = [users({}, [column('id', 'integer', { nullable: false }), column('mail', 'text')]), table('purchases', [column('id')])];
  assert.equal(changeLines(before, after), [
    'remove table public.orders (breaking) [likely renamed to public.purchases]',
    'add table public.purchases (safe) [likely renamed from public.orders]',
    'remove column public.users.email (breaking) [likely renamed to public.users.mail]',
    'add column public.users.mail (safe) [likely renamed from public.users.email]',
  ]);
  const renames = { 'public.orders': 'public.purchases', 'public.users.email': 'public.users.mail' };
  assert.equal(changeLines(before, after, { renames }), ['rename table public.purchases "orders" → "purchases" (breaking)', 'rename column public.users.mail "email" → "mail" (breaking)']);
  const retyped = [users({}, [column('id', 'integer', { nullable: false }), column('mail', 'varchar(100)')]), table('orders', [column('id')])];
  assert.equal(changeLines(before, retyped, { renames }), ['rename column public.users.mail "email" → "mail" (breaking)', 'modify column public.users.mail type: "text" → "varchar(100)" (breaking)']);
  // Two candidates are no likely rename.
  const two = [users({}, [column('id', 'integer', { nullable: false }), column('x', 'text'), column('y', 'text')])];
  assert.equal(changeLines([users()], two).filter((l) => l.includes('[')), []);
  // Other additions of another shape beside the pair do not hide it.
  const alongside = [users({}, [column('id', 'integer', { nullable: false }), column('mail', 'text'), column('flag', 'boolean')]), table('purchases', [column('id')]), table('other1', [column('a'), column('b', 'text')])];
  assert.equal(changeLines(before, alongside).filter((l) => l.includes('[')), [
    'remove table public.orders (breaking) [likely renamed to public.purchases]',
    'add table public.purchases (safe) [likely renamed from public.orders]',
    'remove column public.users.email (breaking) [likely renamed to public.users.mail]',
    'add column public.users.mail (safe) [likely renamed from public.users.email]',
  ]);
  // A partition rotated out and one for the next range: the same columns, but no rename.
  const day = (name: string, from: string) => table(name, [column('id')], { partition_of: { schema: 'public', table: 'ev', bound: `FOR VALUES FROM ('${from}') TO ('x')` } });
  const ev = table('ev', [column('id')], { partitioning: { strategy: 'range', key: 'id' } });
  assert.equal(changeLines([ev, day('ev_0101', '2020-01-01')], [ev, day('ev_0102', '2020-01-02')]).filter((l) => l.includes('[')), []);
  assert.equal(changeLines([ev, day('ev_0101', '2020-01-01')], [ev, day('ev_jan1', '2020-01-01')]).filter((l) => l.includes('[')).length, 2);
});

test('renames of views, types and sequences, and tables moved to another schema, are hinted too', () => {
  const mood = (name: string, values = ['sad', 'happy']): SchemaObject => ({ kind: 'type', schema: 'public', name, type: 'enum', values } as UserType);
  const view = (name: string, definition = ' SELECT 1 AS x;'): SchemaObject => ({ kind: 'view', schema: 'public', name, definition } as View);
  const moved = { ...table('t', [column('id')]), schema: 'archive' };
  // CREATE SCHEMA archive; ALTER TABLE public.t SET SCHEMA archive
  assert.equal(changeLines([mood('mood'), view('v1'), table('t', [column('id')])], [mood('feeling'), view('v2'), moved]), [
    'add schema archive (safe)',
    'add table archive.t (safe) [likely renamed from public.t]',
    'remove table public.t (breaking) [likely renamed to archive.t]',
    'add type public.feeling (safe) [likely renamed from public.mood]',
    'remove type public.mood (breaking) [likely renamed to public.feeling]',
    'remove view public.v1 (breaking) [likely renamed to public.v2]',
    'add view public.v2 (safe) [likely renamed from public.v1]',
  ]);
  // configured, a type's rename is one change; of two types of one shape neither is hinted
  assert.equal(changeLines([mood('mood')], [mood('feeling')], { renames: { 'public.mood': 'public.feeling' } }), ['rename type public.feeling "mood" → "feeling" (breaking)']);
  assert.equal(changeLines([mood('a'), mood('b')], [mood('c'), mood('d')]).filter((l) => l.includes('[')), []);
  // one schema dropped and another created (a tenant gone, one come): their twin tables are no renames
  const tenant = (schema: string) => [table('orders', [column('id'), column('total')], {}, schema)];
  assert.equal(changeLines(tenant('t3'), tenant('t11')).filter((l) => l.includes('[')), []);
  // SQLite keeps a view's whole CREATE VIEW statement, its name in it: the name is no part of its shape
  const lite = (name: string, header = `CREATE VIEW ${name}`): SchemaObject => ({ kind: 'view', schema: 'main', name, definition: `${header} AS SELECT id FROM t WHERE id > 0` } as View);
  assert.equal(changeLines([lite('v1')], [lite('recent', 'create view if not exists main."recent"')], { dialect: 'sqlite' }), [
    'add view main.recent (safe) [likely renamed from main.v1]',
    'remove view main.v1 (breaking) [likely renamed to main.recent]',
  ]);
  assert.equal(changeLines([lite('v1')], [{ ...lite('v2'), definition: 'CREATE VIEW v2 AS SELECT id FROM t' } as View], { dialect: 'sqlite' }).filter((l) => l.includes('[')), []);
});

test('many tables moved to another schema are paired by lookup (a search per table took 15 s for 20,000), each hinted', () => {
  // Both schemas are there before and after (a table each stays), so the moves are hinted.
  const tables = (schema: string) => Array.from({ length: 20_000 }, (_, i) => table(`t${i}`, [column('id'), column(`c${i}`)], {}, schema));
  const stay = [table('stays', [column('id')], {}, 'old'), table('stays', [column('id')], {}, 'new')];
  const lines = changeLines([...stay, ...tables('old')], [...stay, ...tables('new')]);
  assert.is(lines.filter((l) => l.startsWith('add table new.') && l.endsWith(`[likely renamed from old.${l.slice('add table new.'.length, l.indexOf(' ', 'add table new.'.length))}]`)).length, 20_000);
});

test("a sequence a column owns goes with that column's change: its removal is caution, another sequence's breaking", () => {
  const seq = (name: string, owned_by?: string): SchemaObject => ({ kind: 'sequence', schema: 'public', name, type: 'integer', ...(owned_by ? { owned_by } : {}) });
  assert.equal(changeLines([seq('t_id_seq', 'public.t.id'), seq('counter')], []), ['remove sequence public.counter (breaking)', 'remove sequence public.t_id_seq (caution)']);
});

test('impact overrides: the most specific configured key wins over every default', () => {
  const before = [users()];
  const after = [users({ indexes: [{ name: 'ix', columns: ['email'], unique: false }] }, [column('id', 'bigint', { nullable: false }), column('email', 'text'), column('age')])];
  assert.equal(changeLines(before, after, { impact: { 'column.add': 'caution', 'column.modify.type': 'breaking', 'index.add': 'breaking' } }), [
    'modify column public.users.id type: "integer" → "bigint" (breaking)',
    'add column public.users.age (caution)',
    'add index public.users.ix (breaking)',
  ]);
  assert.equal(changeLines(before, after, { impact: { column: 'safe', 'column.modify': 'safe' } as Record<string, string> })[0], 'modify column public.users.id type: "integer" → "bigint" (safe)');
});

test('schema mapping: the same MySQL tables in databases of different names compare equal', () => {
  const shop = (schema: string) => [table('orders', [column('id')], { foreign_keys: [{ name: 'fk', columns: ['id'], references: { schema, table: 'customers', columns: ['id'] } }] }, schema), table('customers', [column('id')], {}, schema)];
  const a = snapshot(shop('shop_staging'), { dialect: 'mysql' });
  const b = snapshot(shop('shop'), { dialect: 'mysql' });
  assert.equal(changeLines(a, b, { dialect: 'mysql', schemaMap: { shop_staging: 'shop' } }), []);
  assert.ok(changeLines(a, b, { dialect: 'mysql' }).length > 0);
  // MariaDB qualifies every table and column of a view with its database.
  const view = (schema: string, total: string): View => ({ kind: 'view', schema, name: 'v', definition: `select \`${schema}\`.\`orders\`.\`id\` AS \`id\` from \`${schema}\`.\`orders\` where \`${schema}\`.\`orders\`.\`total\` > ${total}` });
  const withView = (schema: string, total: string) => snapshot([...shop(schema), view(schema, total)], { dialect: 'mysql' });
  assert.equal(changeLines(withView('shop_staging', '10'), withView('shop', '10'), { dialect: 'mysql', schemaMap: { shop_staging: 'shop' } }), []);
  assert.equal(changeLines(withView('shop_staging', '10'), withView('shop', '20'), { dialect: 'mysql', schemaMap: { shop_staging: 'shop' } }).length, 1);
  // ... and the sequence a default draws from, and what a generated column calls
  const numbered = (schema: string) => [table('tickets', [column('id', 'int(11)', { default: `nextval(\`${schema}\`.\`ticket_seq\`)` }), column('code', 'int(11)', { generated: { expression: `\`${schema}\`.\`f\`(\`id\`)`, stored: false } })], {}, schema)];
  assert.equal(changeLines(snapshot(numbered('shop_staging'), { dialect: 'mysql' }), snapshot(numbered('shop'), { dialect: 'mysql' }), { dialect: 'mysql', schemaMap: { shop_staging: 'shop' } }), []);
  // PostgreSQL names a sequence outside the search path unquoted, inside a regclass literal
  const serial = (schema: string) => [table('orders', [column('id', 'integer', { default: `nextval('${schema}.orders_id_seq'::regclass)` })], {}, schema)];
  assert.equal(changeLines(snapshot(serial('staging')), snapshot(serial('prod')), { schemaMap: { staging: 'prod' } }), []);
});

test('every attribute of every shape the model knows is reported on its own, by its key', () => {
  const sentinel = (key: string): unknown => (['options', 'raw'].includes(key) ? { probe: 'x' } : key === 'values' ? ['probe'] : 'probe');
  const expectedAttribute = (key: string) => (['options', 'raw'].includes(key) ? `${key}.probe` : key);
  // Keys that identify the object or hold the parts compared one by one.
  const IDENTITY = new Set(['name', 'schema', 'argument_types', 'columns', 'attributes', 'primary_key', 'foreign_keys', 'unique_constraints', 'checks', 'exclusion_constraints', 'indexes', 'triggers', 'policies']);
  const objects: Record<string, object> = {
    table: table('t', [column('a')]),
    view: { kind: 'view', schema: 'public', name: 'v', definition: 'x' },
    materialized_view: { kind: 'materialized_view', schema: 'public', name: 'm', definition: 'x' },
    sequence: { kind: 'sequence', schema: 'public', name: 's' },
    type: { kind: 'type', schema: 'public', name: 'ty', type: 'enum', values: ['a'] },
    routine: { kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: [] },
    extension: { kind: 'extension', schema: 'public', name: 'e' },
    event: { kind: 'event', schema: 'public', name: 'ev', schedule: 'x', definition: 'x' },
    virtual_table: { kind: 'virtual_table', schema: 'public', name: 'vt', module: 'fts4', definition: 'x' },
    unknown: { kind: 'unknown', schema: 'public', name: 'u', object_type: 'x', raw: { a: 1 } },
  };
  let checked = 0;
  for (const [kind, base] of Object.entries(objects)) {
    for (const key of shapeKeys(kind).filter((k) => !IDENTITY.has(k))) {
      const value = ['options', 'raw'].includes(key) ? { ...(base as Record<string, object>)[key], probe: 'x' } : sentinel(key);
      const changed = { ...base, [key]: value } as unknown as SchemaObject;
      const lines = changeLines([base as SchemaObject], [changed]).filter((l) => !l.startsWith('add partition'));
      assert.is(lines.length, 1, `${kind}.${key}: ${lines.join('; ')}`);
      assert.ok(lines[0]!.startsWith(`modify ${kind} public.`) && lines[0]!.includes(` ${expectedAttribute(key)}: `), `${kind}.${key}: ${lines[0]}`);
      checked++;
    }
  }
  const parts: [field: string, shape: string, part: Record<string, unknown>][] = [
    ['primary_key', 'primary_key', { name: 'pk', columns: ['a'] }],
    ['foreign_keys', 'foreign_key', { name: 'fk', columns: ['a'], references: { schema: 'public', table: 'p', columns: ['id'] } }],
    ['unique_constraints', 'unique', { name: 'u', columns: ['a'] }],
    ['checks', 'check', { name: 'c', expression: 'a > 0' }],
    ['exclusion_constraints', 'exclusion', { name: 'x', definition: 'EXCLUDE (a WITH =)' }],
    ['indexes', 'index', { name: 'i', columns: ['a'], unique: false }],
    ['triggers', 'trigger', { name: 'tr', timing: 'before', events: ['insert'], definition: 'x' }],
    ['policies', 'policy', { name: 'p', command: 'all', permissive: true, roles: ['public'] }],
  ];
  const domain = (checks: object[]) => ({ kind: 'type', schema: 'public', name: 'd', type: 'domain', base_type: 'integer', checks }) as UserType;
  const owners: [shape: string, part: Record<string, unknown>, wrap: (p: object) => SchemaObject][] = [
    ...parts.map(([field, shape, part]) => [shape, part, (p: object) => table('t', [column('a')], { [field]: field === 'primary_key' ? p : [p] })] as [string, Record<string, unknown>, (p: object) => SchemaObject]),
    ['check', { name: 'c', expression: 'VALUE > 0' }, (p) => domain([p])],
  ];
  for (const [shape, part, wrap] of owners) {
    for (const key of shapeKeys(shape).filter((k) => k !== 'name')) {
      const lines = changeLines([wrap(part)], [wrap({ ...part, [key]: sentinel(key) })]);
      assert.is(lines.length, 1, `${shape}.${key}: ${lines.join('; ')}`);
      assert.ok(lines[0]!.startsWith('modify ') && lines[0]!.includes(` ${expectedAttribute(key)}: `), `${shape}.${key}: ${lines[0]}`);
      checked++;
    }
  }
  const composite = (c: object) => ({ kind: 'type', schema: 'public', name: 'c', type: 'composite', attributes: [c] }) as UserType;
  for (const [shape, owner] of [['column', (c: object) => table('t', [c as never])], ['view_column', (c: object) => ({ kind: 'view', schema: 'public', name: 'v', definition: 'x', columns: [c] }) as View], ['type_attribute', composite]] as const) {
    for (const key of shapeKeys(shape).filter((k) => k !== 'name')) {
      const lines = changeLines([owner({ name: 'a', type: 'integer', nullable: true })], [owner({ name: 'a', type: 'integer', nullable: true, [key]: sentinel(key) })]);
      assert.equal(lines.length, 1, `${shape}.${key}: ${lines.join('; ')}`);
      assert.ok(lines[0]!.startsWith('modify column public.') && lines[0]!.includes(` ${expectedAttribute(key)}: `), `${shape}.${key}: ${lines[0]}`);
      checked++;
    }
  }
  assert.ok(checked > 100, `${checked} attributes`);
});

// Earlier MySQL snapshots left out of a routine's text types the database's defaults of the time,
// which their schema.yaml holds; they are spelled out now.
const mysqlSide = (charset: string, collation: string, args: string, returns: string): Snapshot => ({
  meta: { format: 1, dialect: 'mysql', server: '1', database: 'shop' },
  schemas: [{ name: 'shop', options: { charset, collation } }],
  objects: [{ kind: 'routine', schema: 'shop', name: 'f', routine_type: 'function', argument_types: ['varchar(10)', 'varchar(5)', "enum('a, b','c')", 'int(11)'], arguments: args, returns, definition: 'RETURN a' } as Routine],
});

test('MySQL: a routine whose text types left the database\'s defaults unsaid is the same routine spelled out; after ALTER DATABASE too; another charset is a change', () => {
  const old = mysqlSide('latin1', 'latin1_swedish_ci', "a varchar(10), `b c` varchar(5) COLLATE latin1_bin, e enum('a, b','c'), n int(11)", 'varchar(3)');
  const spelled = (a: string, defaults: [string, string] = ['latin1', 'latin1_swedish_ci']) =>
    mysqlSide(...defaults, `a varchar(10) CHARSET ${a}, \`b c\` varchar(5) CHARSET latin1 COLLATE latin1_bin, e enum('a, b','c') CHARSET latin1 COLLATE latin1_swedish_ci, n int(11)`, 'varchar(3) CHARSET latin1 COLLATE latin1_swedish_ci');
  assert.equal(changeLines(old, spelled('latin1 COLLATE latin1_swedish_ci'), { dialect: 'mysql' }), []);
  // The database's defaults changed since: the routine kept its own.
  assert.equal(changeLines(old, spelled('latin1 COLLATE latin1_swedish_ci', ['utf8mb4', 'utf8mb4_general_ci']), { dialect: 'mysql' }), [
    'modify schema shop options.charset: "latin1" → "utf8mb4" (caution)',
    'modify schema shop options.collation: "latin1_swedish_ci" → "utf8mb4_general_ci" (caution)',
  ]);
  assert.equal(changeLines(old, spelled('utf8mb4 COLLATE utf8mb4_general_ci'), { dialect: 'mysql' }), [
    `modify routine shop.f(varchar(10), varchar(5), enum('a, b','c'), int(11)) arguments: "a varchar(10) CHARSET latin1 COLLATE latin1_swedish_ci, \`b c\` varchar(5) CHARSET latin1 COLLATE latin1_bin, e enum('a, b','c') CHARSET latin1 COLLATE latin1_swedish_ci, n int(11)" → "a varchar(10) CHARSET utf8mb4 COLLATE utf8mb4_general_ci, \`b c\` varchar(5) CHARSET latin1 COLLATE latin1_bin, e enum('a, b','c') CHARSET latin1 COLLATE latin1_swedish_ci, n int(11)" (caution)`,
  ]);
});

/** A PostgreSQL schema as the server printed it, `order` choosing each set's order: as written before (1) or sorted (0). */
function writtenOrder(order: 0 | 1, fillfactor = '70', columns = ['a', 'b']): SchemaObject[] {
  const inOrder = <T>(list: T[]) => (order ? [...list].reverse() : list);
  const t = table('t', [column('a'), column('b'), column('r', 'int4range')], {
    indexes: [{ name: 't_a', columns: ['a'], unique: false, method: 'btree', definition: `CREATE INDEX t_a ON public.t USING btree (a) WITH (${inOrder(['deduplicate_items=off', `fillfactor='${fillfactor}'`]).join(', ')})`, options: { deduplicate_items: 'off', fillfactor } }],
    exclusion_constraints: [{ name: 't_r_excl', definition: `EXCLUDE USING gist (r WITH &&) WITH (${inOrder(["buffering='on'", "fillfactor='70'"]).join(', ')})` }],
    triggers: [{ name: 'tr', timing: 'before', events: ['update'], columns: inOrder(columns), level: 'row', definition: `CREATE TRIGGER tr BEFORE UPDATE OF ${inOrder(columns).join(', ')} ON public.t FOR EACH ROW EXECUTE FUNCTION tf()` }],
  });
  const f: Routine = {
    kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: [], arguments: '', returns: 'integer', language: 'sql', security: 'invoker',
    definition: `CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\n${inOrder([" SET search_path TO 'b', 'a'", " SET work_mem TO '64MB'"]).join('\n')}\nAS $function$SELECT 1$function$\n`,
    options: { 'set.search_path': 'b, a', 'set.work_mem': '64MB' },
  };
  const raw = (name: string, object_type: string, value: Record<string, unknown>): SchemaObject => ({ kind: 'unknown', schema: 'public', name, object_type, raw: value });
  return [
    t,
    f,
    raw('ft', 'foreign table', { server: 's', options: inOrder(['schema_name=s', 'table_name=t']), columns: [{ name: 'a', type: 'integer', nullable: true, options: inOrder(['c1=2', 'c2=1']) }] }),
    raw('d', 'text search dictionary', { template: 'simple', options: inOrder(["accept = 'false'", "stopwords = 'english'"]).join(', ') }),
  ];
}

test('a foreign table detached from its partitioned parent (or no longer inheriting) is breaking, as a table: its rows leave the parent', () => {
  const foreign = (raw: Record<string, unknown>): SchemaObject => ({ kind: 'unknown', schema: 'cold', name: 'ev_2023', object_type: 'foreign table', raw: { server: 'srv', ...raw } });
  const bound = "FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')";
  assert.equal(changeLines([foreign({ partition_of: 'hot.ev', partition_bound: bound })], [foreign({})]), [
    `modify unknown cold.ev_2023 raw.partition_bound: "${bound}" → null (caution)`,
    'modify unknown cold.ev_2023 raw.partition_of: "hot.ev" → null (breaking)',
  ]);
  assert.equal(changeLines([foreign({})], [foreign({ partition_of: 'hot.ev', partition_bound: bound })])[1], 'modify unknown cold.ev_2023 raw.partition_of: null → "hot.ev" (caution)');
  assert.equal(changeLines([foreign({ inherits: ['hot.a', 'hot.b'] })], [foreign({ inherits: ['hot.a'] })]), ['modify unknown cold.ev_2023 raw.inherits: ["hot.a","hot.b"] → ["hot.a"] (breaking)']);
});

test("SQLite: a double-quoted string its ALTER TABLE rewrote as a literal is no change in a table's own expressions; a column so named made a literal is", () => {
  // (as SQLite leaves a legacy schema's "Active" after any RENAME COLUMN or DROP COLUMN)
  const d = (quote: string, second = 'qty') =>
    table('d', [column('s', 'TEXT'), column(second, 'INT'), { ...column('g', 'TEXT'), generated: { expression: `coalesce(s, ${quote}none${quote})`, stored: false } }], {
      checks: [{ name: 'k', expression: `s <> ${quote}Active${quote}` }],
      indexes: [
        { name: 'di', columns: ['s'], unique: false, where: `s <> ${quote}Q${quote}` },
        { name: 'de', columns: [{ expression: `coalesce(s, ${quote}zz${quote})` }], unique: false },
      ],
    }, 'main');
  assert.equal(changeLines([d('"')], [d("'")], { dialect: 'sqlite' }), []);
  // where the word names a column of the table, it is that column, and the literal another value
  assert.equal(changeLines([d('"', 'active')], [d("'", 'active')], { dialect: 'sqlite' }), ['modify check main.d.k expression: "s <> \\"Active\\"" → "s <> \'Active\'" (caution)']);
});

test('a MariaDB package body added or dropped is one change beside the object type, not each field of the package moved', () => {
  const spec = { routine_type: 'PACKAGE', definition: 'AS FUNCTION f RETURN INT; END', security: 'DEFINER' };
  const body = { routine_type: 'PACKAGE BODY', definition: 'AS FUNCTION f RETURN INT AS BEGIN RETURN 1; END; END', security: 'DEFINER' };
  const alone: SchemaObject = { kind: 'unknown', schema: 'shop', name: 'pkg', object_type: 'PACKAGE', raw: spec };
  const both: SchemaObject = { kind: 'unknown', schema: 'shop', name: 'pkg', object_type: 'PACKAGE, PACKAGE BODY', raw: { PACKAGE: spec, 'PACKAGE BODY': body } };
  assert.equal(changeLines([alone], [both], { dialect: 'mysql' }).map((line) => line.replace(/: .*\(/, ' (')), [
    'modify unknown shop.pkg object_type (caution)',
    'modify unknown shop.pkg raw.PACKAGE BODY (caution)',
  ]);
  assert.equal(changeLines([both], [alone], { dialect: 'mysql' }).length, 2);
  assert.equal(changeLines([both], [{ ...both, raw: { PACKAGE: { ...spec, security: 'INVOKER' }, 'PACKAGE BODY': body } }], { dialect: 'mysql' }), ['modify unknown shop.pkg raw.PACKAGE.security: "DEFINER" → "INVOKER" (caution)']);
});

test('PostgreSQL sets a snapshot recorded before holds in written order compare as sorted: no change alone, a changed member reported as sorted', () => {
  assert.equal(changeLines(writtenOrder(1), writtenOrder(0)), []);
  assert.equal(changeLines(writtenOrder(0), writtenOrder(1)), []);
  assert.equal(changeLines(writtenOrder(1), writtenOrder(0, '80', ['a', 'c'])), [
    'modify index public.t.t_a options.fillfactor: "70" → "80" (caution)',
    'modify trigger public.t.tr columns: ["a","b"] → ["a","c"] (caution)',
  ]);
});

test("a sequence's min or max left out on one side, at what CREATE SEQUENCE picks there, and recorded on the other at the same value is no change", () => {
  // ALTER SEQUENCE … INCREMENT BY -1 keeps min 1 and max 2^63-1, which a descending sequence records.
  const seq = (extra: Partial<Sequence>): Sequence => ({ kind: 'sequence', schema: 'public', name: 's', type: 'bigint', start: 1, increment: 1, cache: 1, ...extra });
  const descending = seq({ increment: -1, min: 1, max: '9223372036854775807' });
  assert.equal(changeLines([seq({})], [descending]), ['modify sequence public.s increment: 1 → -1 (caution)']);
  assert.equal(changeLines([descending], [seq({})]), ['modify sequence public.s increment: -1 → 1 (caution)']);
  // A bound that did move is still a change, and one left out on both sides is read as it was.
  assert.equal(changeLines([seq({})], [seq({ increment: -1, min: 5, max: '9223372036854775807' })]), ['modify sequence public.s increment: 1 → -1 (caution)', 'modify sequence public.s min: null → 5 (caution)']);
  assert.equal(changeLines([seq({ type: 'integer' })], [seq({ type: 'integer', increment: -1, min: 1, max: 2147483647 })]), ['modify sequence public.s increment: 1 → -1 (caution)']);
  // MariaDB's bounds stop one short of bigint's range.
  const mariadb = (extra: Partial<Sequence>) => seq({ schema: 'shop', ...extra });
  assert.equal(changeLines([mariadb({})], [mariadb({ increment: -1, min: 1, max: '9223372036854775806' })], { dialect: 'mysql' }), ['modify sequence shop.s increment: 1 → -1 (caution)']);
  assert.equal(changeLines([mariadb({})], [mariadb({ increment: -1, min: 1, max: '9223372036854775807' })], { dialect: 'mysql' }), ['modify sequence shop.s increment: 1 → -1 (caution)', 'modify sequence shop.s max: null → "9223372036854775807" (caution)']);
});

test('a likely column rename is hinted with names quoted as diff quotes them, both ways', () => {
  const before = table('t.y', [column('id'), column('c.z', 'text')], {}, 's.x');
  const after = table('t.y', [column('id'), column('d.w', 'text')], {}, 's.x');
  assert.equal(changeLines([before], [after]), [
    'remove column s.x.t.y.c.z (breaking) [likely renamed to "s.x"."t.y"."d.w"]',
    'add column s.x.t.y.d.w (safe) [likely renamed from "s.x"."t.y"."c.z"]',
  ]);
});

test('a renamed key or index is breaking where a query names it (ON CONFLICT ON CONSTRAINT, USE INDEX, INDEXED BY), caution elsewhere, safe when it had no name or only changed case where names ignore case', () => {
  const t = (extra: Partial<Table>, schema = 'public') => table('t', [column('a', 'integer', { nullable: false })], extra, schema);
  const named = (name: string) => ({ unique_constraints: [{ name, columns: ['a'] }], exclusion_constraints: [{ name: `${name}_x`, definition: 'EXCLUDE USING gist (a WITH =)' }] });
  assert.equal(changeLines([t(named('u'))], [t(named('u2'))]), [
    'rename unique_constraint public.t.u2 "u" → "u2" (breaking)',
    'rename exclusion_constraint public.t.u2_x "u_x" → "u2_x" (breaking)',
  ]);
  const indexed = (name: string): Partial<Table> => ({ indexes: [{ name, columns: ['a'], unique: false }] });
  assert.equal(changeLines([t(indexed('i'), 'shop')], [t(indexed('j'), 'shop')], { dialect: 'mysql' }), ['rename index shop.t.j "i" → "j" (breaking)']);
  assert.equal(changeLines([t(indexed('i'), 'main')], [t(indexed('j'), 'main')], { dialect: 'sqlite' }), ['rename index main.t.j "i" → "j" (breaking)']);
  assert.equal(changeLines([t(indexed('i'))], [t(indexed('j'))]), ['rename index public.t.j "i" → "j" (caution)']);
  // a trigger's or policy's name no statement but DDL takes
  const trig = (name: string): Partial<Table> => ({ triggers: [{ name, timing: 'before', events: ['insert'], level: 'row', definition: 'EXECUTE FUNCTION f()' }] });
  assert.equal(changeLines([t(trig('tr'))], [t(trig('tr2'))]), ['rename trigger public.t.tr2 "tr" → "tr2" (safe)']);
});

test("an object kept raw whose change is only to comments is safe, as every comment; any other change to it caution", () => {
  const raw = (columns: unknown[], comment?: string): SchemaObject => ({ kind: 'unknown', schema: 'public', name: 'ft', object_type: 'foreign table', raw: { columns, ...(comment ? { comment } : {}) } });
  assert.equal(changeLines([raw([{ name: 'a', type: 'integer' }])], [raw([{ name: 'a', type: 'integer', comment: 'z' }], 'ft')]), [
    'modify unknown public.ft raw.columns: [{"name":"a","type":"integer"}] → [{"comment":"z","name":"a","type":"integer"}] (safe)',
    'modify unknown public.ft raw.comment: null → "ft" (safe)',
  ]);
  assert.equal(changeLines([raw([{ name: 'a', type: 'integer' }])], [raw([{ name: 'a', type: 'bigint', comment: 'z' }])]), ['modify unknown public.ft raw.columns: [{"name":"a","type":"integer"}] → [{"comment":"z","name":"a","type":"bigint"}] (caution)']);
});

test('chained renames (users → users_old, then users_old → archive) after a new users took the old name: a diff from there renames users_old on and leaves the new users itself, changed or not', () => {
  const renames = { 'public.users': 'public.users_old', 'public.users_old': 'public.archive' };
  const [old, archive] = [table('users_old', [column('id'), column('x')]), table('archive', [column('id'), column('x')])];
  const fresh = (...more: Column[]) => table('users', [column('id'), column('y', 'text'), ...more]);
  const [before, after] = [[old, fresh()], [archive, fresh(column('z'))]];
  const forward = ['rename table public.archive "users_old" → "archive" (breaking)', 'add column public.users.z (safe)'];
  assert.equal(changeLines(before, after, { renames, order: 'forward' }), forward);
  assert.equal(changeLines(before, after, { renames }), forward);
  assert.equal(changeLines(after, before, { renames, order: 'backward' }), ['remove column public.users.z (breaking)', 'rename table public.users_old "archive" → "users_old" (breaking)']);
  // From before the first rename, the chain still leads users to archive.
  assert.equal(changeLines([table('users', [column('id'), column('x')])], after, { renames, order: 'forward' }), ['rename table public.archive "users" → "archive" (breaking)', 'add table public.users (safe)']);
  // Both a and b on the older side, c alone on the newer: the older b is the one renamed to c.
  const [a, b, c] = [table('a', [column('x')]), table('b', [column('x')]), table('c', [column('x')])];
  const shifted = { 'public.a': 'public.b', 'public.b': 'public.c' };
  assert.equal(changeLines([a, b], [c], { renames: shifted, order: 'forward' }), ['remove table public.a (breaking)', 'rename table public.c "b" → "c" (breaking)']);
  assert.equal(changeLines([c], [a, b], { renames: shifted, order: 'backward' }), ['add table public.a (safe)', 'rename table public.b "c" → "b" (breaking)']);
});

test("a MySQL LIST partition's values are a set: written in another order they are no change", () => {
  const listed = (a: string, b: string) =>
    table('l', [column('id', 'int')], {
      schema: 'db',
      partitioning: { strategy: 'list columns', key: 'id, s', partitions: [{ name: 'a', bound: a }, { name: 'b', bound: b }] },
    } as Partial<Table>);
  assert.equal(changeLines([listed('1,2', "(1,'x'),(2,'y')")], [listed('2,1', "(2,'y'),(1,'x')")], { dialect: 'mysql' }), []);
  assert.equal(changeLines([listed('1,2', 'DEFAULT')], [listed('3,1', 'DEFAULT')], { dialect: 'mysql' }), ['modify partition db.l.a bound: "1,2" → "1,3" (caution)']);
});

test('a virtual table of a module whose arguments are not known here: an argument dropped is caution, as any change of them', () => {
  const vec = (args: string[]) => ({ kind: 'virtual_table', schema: 'main', name: 'v', module: 'vec0', arguments: args, definition: `CREATE VIRTUAL TABLE v USING vec0(${args.join(', ')})` }) as SchemaObject;
  assert.equal(changeLines([vec(['id INTEGER PRIMARY KEY', 'embedding float[4]'])], [vec(['id INTEGER PRIMARY KEY'])], { dialect: 'sqlite' }), [
    'modify virtual_table main.v arguments: ["id INTEGER PRIMARY KEY","embedding float[4]"] → ["id INTEGER PRIMARY KEY"] (caution)',
  ]);
});

test('an extension moved to another schema is renamed with no configured rename, and the types and functions it owns move with it: the column types and defaults that name them only there are no change', () => {
  // CREATE SCHEMA ext; CREATE EXTENSION citext SCHEMA ext; CREATE EXTENSION "uuid-ossp" SCHEMA ext; … ALTER EXTENSION citext SET SCHEMA public (and "uuid-ossp")
  const extension = (schema: string, name: string): Extension => ({ kind: 'extension', schema, name, version: '1.6' });
  const t = (q: string) =>
    table('t', [
      column('c', `${q}citext`),
      column('cs', `${q}citext[]`, { default: `'{a}'::${q}citext[]` }),
      column('e', 'text', { default: `'x'::${q}citext` }),
      column('u', 'uuid', { default: `${q}uuid_generate_v4()` }),
      column('v', `${q}vector(3)`),
    ]);
  const domain = (q: string): UserType => ({ kind: 'type', schema: 'public', name: 'ci', type: 'domain', base_type: `${q}citext` });
  const pair = (q: string): UserType => ({ kind: 'type', schema: 'public', name: 'pair', type: 'composite', attributes: [{ name: 'a', type: `${q}citext` }] });
  const side = (schema: string) => {
    const q = schema === 'public' ? '' : `${schema}.`;
    return snapshot([extension(schema, 'citext'), extension(schema, 'uuid-ossp'), extension(schema, 'vector'), t(q), domain(q), pair(q)], { schemas: ['public', 'ext', 'app'] });
  };
  const moved = [
    'rename extension public.citext "ext.citext" → "public.citext" (breaking)',
    'rename extension public.uuid-ossp "ext.uuid-ossp" → "public.uuid-ossp" (breaking)',
    'rename extension public.vector "ext.vector" → "public.vector" (breaking)',
  ];
  assert.equal(changeLines(side('ext'), side('public')), moved);
  // Read backwards, and between two other schemas.
  assert.equal(changeLines(side('public'), side('ext')), moved.map((line) => line.replace('public.', 'ext.').replace(/"ext\.(\S+)" → "public\./, '"public.$1" → "ext.')));
  assert.equal(changeLines(side('ext'), side('app')).filter((line) => !line.startsWith('rename extension')), []);
  // A change beside the move is still one.
  const [before, after] = [side('ext'), side('public')];
  const retyped = { ...after, objects: after.objects.map((o) => (o.kind === 'table' ? { ...o, columns: o.columns.map((c) => (c.name === 'c' ? { ...c, type: 'text' } : c.name === 'u' ? { ...c, default: 'gen_random_uuid()' } : c)) } : o)) };
  assert.equal(changeLines(before, retyped).filter((line) => !line.startsWith('rename extension')), [
    'modify column public.t.c type: "ext.citext" → "text" (breaking)',
    'modify column public.t.u default: "ext.uuid_generate_v4()" → "gen_random_uuid()" (caution)',
  ]);
  // With no extension moved, a column retyped from one schema's citext to another's is a change.
  const stays = [extension('ext', 'citext')];
  assert.equal(changeLines(snapshot([...stays, table('t', [column('c', 'ext.citext')])]), snapshot([...stays, table('t', [column('c', 'citext')])])), ['modify column public.t.c type: "ext.citext" → "citext" (breaking)']);
});

test("a type either side tracks under the name a moved extension's old or new schema gives it is the user's, not the extension's: a column retyped to it is a change", () => {
  const extension = (schema: string): Extension => ({ kind: 'extension', schema, name: 'citext' });
  const mood = (schema: string): UserType => ({ kind: 'type', schema, name: 'mood', type: 'enum', values: ['a'] });
  const t = (type: string) => table('t', [column('m', type)]);
  const changes = (from: SchemaObject[], to: SchemaObject[]) => changeLines(snapshot(from, { schemas: ['public', 'ext'] }), snapshot(to, { schemas: ['public', 'ext'] }));
  // ext.mood kept, unchanged, on both sides; public.mood new beside it: the column moved from one to the other.
  assert.equal(changes([extension('ext'), mood('ext'), t('ext.mood')], [extension('public'), mood('ext'), mood('public'), t('mood')]), [
    'rename extension public.citext "ext.citext" → "public.citext" (breaking)',
    'modify column public.t.m type: "ext.mood" → "mood" (breaking)',
    'add type public.mood (safe)',
  ]);
  // public.mood kept on both sides, unchanged.
  assert.equal(changes([extension('ext'), mood('public'), t('ext.mood')], [extension('public'), mood('public'), t('mood')]), [
    'rename extension public.citext "ext.citext" → "public.citext" (breaking)',
    'modify column public.t.m type: "ext.mood" → "mood" (breaking)',
  ]);
});

test('a PostgreSQL storage parameter or view option set to its default, or reset from it, is no change; set to another value it reads from the default', () => {
  const t = (options: Record<string, string>) => table('t', [column('a')], { options });
  assert.equal(changeLines([t({})], [t({ fillfactor: '100', autovacuum_enabled: 'true' })]), []);
  assert.equal(changeLines([t({ fillfactor: '100' })], [t({})]), []);
  assert.equal(changeLines([t({})], [t({ fillfactor: '70' })]), ['modify table public.t options.fillfactor: "100" → "70" (caution)']);
  const v = (options: Record<string, string>): View => ({ kind: 'view', schema: 'public', name: 'v', definition: ' SELECT 1 AS a;', options });
  assert.equal(changeLines([v({})], [v({ security_invoker: 'false', security_barrier: 'false' })]), []);
  assert.equal(changeLines([v({})], [v({ security_invoker: 'true' })]).length, 1);
});

test('MySQL/MariaDB flags the snapshot leaves out at their default read as it: an index made INVISIBLE (IGNORED), a function no longer aggregate', () => {
  const t = (options?: Index['options']) => table('t', [column('a', 'int(11)')], { indexes: [{ name: 'kk', columns: ['a'], unique: false, method: 'btree', ...(options ? { options } : {}) }] });
  assert.equal(changeLines([t()], [t({ invisible: true })], { dialect: 'mysql' }), ['modify index public.t.kk options.invisible: false → true (caution)']);
  assert.equal(changeLines([t({ invisible: true })], [t()], { dialect: 'mysql' }), ['modify index public.t.kk options.invisible: true → false (caution)']);
  const fn = (options?: Routine['options']): Routine => ({ kind: 'routine', schema: 'shop', name: 'agg', routine_type: 'function', argument_types: ['int(11)'], arguments: 'x int(11)', returns: 'int(11)', language: 'sql', definition: 'BEGIN RETURN x; END', ...(options ? { options } : {}) });
  assert.equal(changeLines([fn({ aggregate: true })], [fn()], { dialect: 'mysql' }), ['modify routine shop.agg(int(11)) options.aggregate: true → false (caution)']);
  assert.equal(changeLines([fn()], [fn({ aggregate: true })], { dialect: 'mysql' }), ['modify routine shop.agg(int(11)) options.aggregate: false → true (caution)']);
});

/** A PostgreSQL index on public.t (a) of `method`, with its storage parameters in its options and, as pg_get_indexdef prints them, in its definition. */
function storedIndex(method: string, options?: Record<string, string>): Index {
  const clause = options ? ` WITH (${Object.entries(options).map(([name, value]) => `${name}='${value}'`).join(', ')})` : '';
  return { name: 'i', columns: ['a'], unique: false, method, definition: `CREATE INDEX i ON public.t USING ${method} (a)${clause}`, ...(options ? { options } : {}) };
}

test("a PostgreSQL index's storage parameter set to its access method's default, or reset from it, is no change; set to another value it reads from that default", () => {
  const t = (index: Index) => table('t', [column('a')], { indexes: [index] });
  const DEFAULTS: Record<string, Record<string, string>> = {
    btree: { fillfactor: '90', deduplicate_items: 'on' },
    hash: { fillfactor: '75' },
    gist: { fillfactor: '90', buffering: 'auto' },
    spgist: { fillfactor: '80' },
    gin: { fastupdate: 'true' },
    brin: { pages_per_range: '128', autosummarize: 'off' },
  };
  for (const [method, options] of Object.entries(DEFAULTS)) {
    assert.equal(changeLines([t(storedIndex(method))], [t(storedIndex(method, options))]), [], method);
    assert.equal(changeLines([t(storedIndex(method, options))], [t(storedIndex(method))]), [], method);
  }
  assert.equal(changeLines([t(storedIndex('hash'))], [t(storedIndex('hash', { fillfactor: '90' }))]), ['modify index public.t.i options.fillfactor: "75" → "90" (caution)']);
  assert.equal(changeLines([t(storedIndex('btree', { deduplicate_items: 'off' }))], [t(storedIndex('btree'))]), ['modify index public.t.i options.deduplicate_items: "off" → "true" (caution)']);
  // Left out, gin_pending_list_limit is the server's setting of that name, whatever it is then: no one default.
  assert.equal(changeLines([t(storedIndex('gin', { gin_pending_list_limit: '4096' }))], [t(storedIndex('gin'))]), ['modify index public.t.i options.gin_pending_list_limit: "4096" → null (caution)']);
  // Another method: what neither side sets is no change of its own; what one side sets reads from the other's default.
  assert.equal(changeLines([t(storedIndex('btree'))], [t(storedIndex('hash'))]), ['modify index public.t.i method: "btree" → "hash" (caution)']);
  assert.equal(changeLines([t(storedIndex('btree', { fillfactor: '75' }))], [t(storedIndex('hash'))]), ['modify index public.t.i method: "btree" → "hash" (caution)']);
  assert.equal(changeLines([t(storedIndex('btree', { fillfactor: '90' }))], [t(storedIndex('hash'))]), [
    'modify index public.t.i method: "btree" → "hash" (caution)',
    'modify index public.t.i options.fillfactor: "90" → "75" (caution)',
  ]);
});

test("a key's index is a B-tree: its fillfactor 90 and deduplicate_items on are its defaults; an exclusion constraint's, which only its definition holds, are its method's", () => {
  const t = (extra: Partial<Table>) => table('t', [column('a'), column('r', 'int4range')], extra);
  const key = (options?: Record<string, string>) => ({ name: 'k', columns: ['a'], ...(options ? { options } : {}) });
  assert.equal(changeLines([t({ primary_key: key({ fillfactor: '90' }), unique_constraints: [key({ deduplicate_items: 'ON' })] })], [t({ primary_key: key(), unique_constraints: [key()] })]), []);
  assert.equal(changeLines([t({ unique_constraints: [key()] })], [t({ unique_constraints: [key({ fillfactor: '70' })] })]), ['modify unique_constraint public.t.k options.fillfactor: "90" → "70" (caution)']);
  const exclusion = (clause: string) => t({ exclusion_constraints: [{ name: 'x', definition: `EXCLUDE USING gist (r WITH &&)${clause}` }] });
  assert.equal(changeLines([exclusion(" WITH (buffering=auto, fillfactor='90')")], [exclusion('')]), []);
  assert.equal(changeLines([exclusion(" WITH (fillfactor='70')")], [exclusion(" WITH (buffering=auto, fillfactor='70')")]), []);
  assert.equal(changeLines([exclusion('')], [exclusion(" WITH (fillfactor='70')")]).length, 1);
});

test('a PostgreSQL boolean storage parameter written another way the server reads alike is no change, on or true left out too; a change reads as written', () => {
  const t = (options: Record<string, string>) => table('t', [column('a')], { options });
  assert.equal(changeLines([t({ autovacuum_enabled: 'off' })], [t({ autovacuum_enabled: 'false' })]), []);
  assert.equal(
    changeLines(
      [t({ autovacuum_enabled: 'OFF', vacuum_truncate: 'No', user_catalog_table: 'yes', 'toast.autovacuum_enabled': '0', 'toast.vacuum_truncate': 'of' })],
      [t({ autovacuum_enabled: 'f', vacuum_truncate: 'FALSE', user_catalog_table: 'On', 'toast.autovacuum_enabled': 'n', 'toast.vacuum_truncate': 'false' })],
    ),
    [],
  );
  assert.equal(changeLines([t({})], [t({ autovacuum_enabled: 'on', vacuum_truncate: 'TRUE', user_catalog_table: 'no' })]), []);
  assert.equal(changeLines([t({ autovacuum_enabled: '1' })], [t({})]), []);
  assert.equal(changeLines([t({ autovacuum_enabled: 'on' })], [t({ autovacuum_enabled: 'off' })]), ['modify table public.t options.autovacuum_enabled: "on" → "off" (caution)']);
  // A TOAST table's that sets none of its own takes the table's: left out, it has no default.
  assert.equal(changeLines([t({ 'toast.autovacuum_enabled': 'on' })], [t({})]), ['modify table public.t options.toast.autovacuum_enabled: "on" → null (caution)']);
  const m = (options: Record<string, string>): MaterializedView => ({ kind: 'materialized_view', schema: 'public', name: 'm', definition: ' SELECT 1 AS a;', options });
  assert.equal(changeLines([m({})], [m({ fillfactor: '100', autovacuum_enabled: 'yes' })]), []);
  const v = (options: Record<string, string>): View => ({ kind: 'view', schema: 'public', name: 'v', definition: ' SELECT 1 AS a;', options });
  assert.equal(changeLines([v({ security_barrier: 'off', security_invoker: 'OFF' })], [v({})]), []);
  assert.equal(changeLines([v({ security_invoker: 'on' })], [v({ security_invoker: 'TRUE' })]), []);
  // the impact a change had stays: a view made security_invoker is breaking, however it is spelt
  assert.equal(changeLines([v({ security_invoker: 'no' })], [v({ security_invoker: 'ON' })]), ['modify view public.v options.security_invoker: "no" → "ON" (breaking)']);
  const i = (options: Record<string, string>) => table('t', [column('a')], { indexes: [storedIndex('gin', options)] });
  assert.equal(changeLines([i({ fastupdate: 'Y' })], [i({ fastupdate: 'tr' })]), []);
});

test('a PostgreSQL enum storage parameter in another case, vacuum_index_cleanup AUTO left out and a view CHECK OPTION as written, is no change', () => {
  const t = (options: Record<string, string>) => table('t', [column('a')], { options });
  assert.equal(changeLines([t({ vacuum_index_cleanup: 'AUTO' })], [t({})]), []);
  assert.equal(changeLines([t({ vacuum_index_cleanup: 'Yes', 'toast.vacuum_index_cleanup': 'OFF' })], [t({ vacuum_index_cleanup: 'on', 'toast.vacuum_index_cleanup': 'false' })]), []);
  assert.equal(changeLines([t({})], [t({ vacuum_index_cleanup: 'off' })]), ['modify table public.t options.vacuum_index_cleanup: "auto" → "off" (caution)']);
  const i = (options?: Record<string, string>) => table('t', [column('a')], { indexes: [storedIndex('gist', options)] });
  assert.equal(changeLines([i({ buffering: 'AUTO' })], [i()]), []);
  assert.equal(changeLines([i({ buffering: 'On' })], [i({ buffering: 'on' })]), []);
  const v = (check_option: string | undefined): View => ({ kind: 'view', schema: 'public', name: 'v', definition: ' SELECT 1 AS a;', ...(check_option && { check_option }) });
  assert.equal(changeLines([v('LOCAL')], [v('local')]), []);
  assert.equal(changeLines([v('local')], [v('CASCADED')]).length, 1);
});

test.run();
