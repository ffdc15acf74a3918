// An added or removed part of a table in one line, as a reviewer reads it in a diff.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnDefinition } from '../../src/diff/columns.js';
import { partDefinition } from '../../src/diff/part-definition.js';

test('an added or removed part says what it is: a foreign key\'s actions and state, a check\'s expression, an index\'s uniqueness', () => {
  assert.is(partDefinition('foreign_key', { name: 'fk', columns: ['user_id'], references: { schema: 'public', table: 'users', columns: ['id'] }, on_delete: 'cascade', on_update: 'no action', validated: false }, 'postgres'),
    '(user_id) REFERENCES public.users (id) ON DELETE CASCADE NOT VALID');
  assert.is(partDefinition('foreign_key', { columns: ['a'], references: { schema: 'public', table: 't' }, triggers: 'disabled' }, 'postgres'), '(a) REFERENCES public.t (triggers disabled)');
  assert.is(partDefinition('check', { name: 'ck', expression: '(total >= 0)', enforced: false }, 'postgres'), 'CHECK (total >= 0) NOT ENFORCED');
  // SQLite and MySQL keep an expression without its parentheses: the definition adds them, as DDL needs
  assert.is(partDefinition('check', { expression: 'qty > 0' }, 'postgres'), 'CHECK (qty > 0)');
  assert.is(partDefinition('check', { expression: '(a) > (b)' }, 'postgres'), 'CHECK ((a) > (b))');
  assert.is(partDefinition('check', { expression: "(`qty` > 0 and `code` <> ')')" }, 'postgres'), "CHECK (`qty` > 0 and `code` <> ')')");
  assert.is(partDefinition('index', { name: 'ix', columns: ['email', { expression: 'lower(name)', descending: true }], unique: true, method: 'btree', where: '(deleted_at IS NULL)', options: { invalid: true } }, 'postgres'),
    'UNIQUE btree (email, lower(name) DESC) WHERE (deleted_at IS NULL) INVALID');
  assert.is(partDefinition('unique_constraint', { columns: ['a', 'b'], include: ['c'], nulls_not_distinct: true, deferrable: true }, 'postgres'), '(a, b) INCLUDE (c) NULLS NOT DISTINCT DEFERRABLE');
  assert.is(partDefinition('primary_key', { columns: ['id', 'd'], options: { invalid: true } }, 'postgres'), '(id, d) INVALID');
  assert.is(partDefinition('trigger', { name: 't', timing: 'before', events: ['insert', 'update'], columns: ['a'], level: 'row', when: '(new.a > 0)', definition: '' }, 'postgres'), 'BEFORE INSERT OR UPDATE OF a FOR EACH ROW WHEN (new.a > 0)');
  // MySQL: where several triggers share a timing and event, the place this one fires in
  assert.is(partDefinition('trigger', { name: 't4', timing: 'before', events: ['insert'], level: 'row', definition: '', options: { action_order: 2 } }, 'mysql'), 'BEFORE INSERT FOR EACH ROW (fires 2nd)');
  assert.is(partDefinition('policy', { name: 'p', command: 'select', permissive: false, roles: ['app'], using: '(owner = CURRENT_USER)' }, 'postgres'), 'RESTRICTIVE FOR SELECT TO app USING (owner = CURRENT_USER)');
  assert.is(partDefinition('table', { name: 't' }, 'postgres'), undefined);
  // SQLite's key parts (COLLATE, DESC) and ON CONFLICT: two unique keys on one column read apart, and REPLACE shows
  assert.is(partDefinition('unique_constraint', { columns: ['name'], options: { key_parts: 'name COLLATE NOCASE', on_conflict: 'replace' } }, 'sqlite'), '(name COLLATE NOCASE) ON CONFLICT REPLACE');
  assert.is(partDefinition('primary_key', { columns: ['x', 'y'], options: { key_parts: 'x, y DESC', on_conflict: 'ignore' } }, 'sqlite'), '(x, y DESC) ON CONFLICT IGNORE');
  assert.is(columnDefinition({ name: 'c', type: 'INT', nullable: false, default: '0', collation: 'NOCASE', options: { on_conflict: 'replace' } }, 'sqlite'), 'INT COLLATE NOCASE NOT NULL ON CONFLICT REPLACE DEFAULT 0');
});

test('names are quoted as the dialect needs them in DDL: spaces, upper case on PostgreSQL, reserved words', () => {
  const fk = { columns: ['select', 'Item ID'], references: { schema: 'we|ird.sch', table: 'Order Items', columns: ['id', 'pk'] } };
  assert.is(partDefinition('foreign_key', fk, 'postgres'), '("select", "Item ID") REFERENCES "we|ird.sch"."Order Items" (id, pk)');
  assert.is(partDefinition('foreign_key', fk, 'mysql'), '(`select`, `Item ID`) REFERENCES `we|ird.sch`.`Order Items` (id, pk)');
  const ix = { name: 'Ix', columns: [{ column: 'Item ID', descending: true }, { column: 'code', collation: 'C' }, { expression: 'lower(name)' }], include: ['Total'], unique: false, method: 'btree' };
  assert.is(partDefinition('index', ix, 'postgres'), 'btree ("Item ID" DESC, code COLLATE "C", lower(name)) INCLUDE ("Total")');
  assert.is(partDefinition('primary_key', { columns: ['Id'] }, 'sqlite'), '(Id)');
  assert.is(partDefinition('trigger', { name: 't', timing: 'after', events: ['update'], columns: ['order'], level: 'row', definition: '' }, 'postgres'), 'AFTER UPDATE OF "order" FOR EACH ROW');
});

test("MySQL/MariaDB: an index no query reads and a geometry column's SRID are part of the definition, in the words of the side's server", () => {
  const ix = { name: 'kk', columns: ['a'], unique: false, method: 'btree', options: { invisible: true } };
  assert.is(partDefinition('index', ix, 'mysql', 'mariadb'), 'btree (a) IGNORED');
  assert.is(partDefinition('index', ix, 'mysql', 'mysql'), 'btree (a) INVISIBLE');
  assert.is(partDefinition('index', { ...ix, options: {} }, 'mysql', 'mariadb'), 'btree (a)');
  const g = { name: 'g', type: 'point', nullable: false, options: { srid: 4326 } };
  // MariaDB takes REF_SYSTEM_ID only right after the type, before NOT NULL
  assert.is(columnDefinition(g, 'mysql', 'mariadb'), 'point REF_SYSTEM_ID=4326 NOT NULL');
  assert.is(columnDefinition({ ...g, options: { srid: 0 } }, 'mysql', 'mysql'), 'point SRID 0 NOT NULL');
  assert.is(columnDefinition({ ...g, options: {} }, 'mysql', 'mariadb'), 'point NOT NULL');
});

test.run();
