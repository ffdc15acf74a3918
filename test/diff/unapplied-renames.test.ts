// Configured renames a diff meets that can never apply: the objects compared say what the paths
// alone could not, a routine named without its argument types or a rename into another kind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dialectDiffOptions } from '../../src/diff/dialect-rules.js';
import type { FilePair } from '../../src/diff/model-diff.js';
import { unappliedRenames } from '../../src/diff/unapplied-renames.js';
import type { Routine, SchemaObject, View } from '../../src/model/types.js';
import { column, table } from '../helpers/models.js';

const removed = (object: SchemaObject): FilePair => ({ path: `${object.schema}/${object.name}`, from: { type: 'object', object } });
const added = (object: SchemaObject): FilePair => ({ path: `${object.schema}/${object.name}`, to: { type: 'object', object } });
const fn = (name: string, schema = 'public'): Routine => ({ kind: 'routine', schema, name, routine_type: 'function', argument_types: ['integer', 'text'], language: 'sql' });
const view = (name: string, schema = 'public'): View => ({ kind: 'view', schema, name, definition: 'SELECT 1' });
const warned = (renames: Record<string, string>, pairs: FilePair[], dialect: 'postgres' | 'sqlite' | 'mysql' = 'postgres') => unappliedRenames(new Map(Object.entries(renames)), pairs, dialectDiffOptions(dialect));

test('a routine named without its argument types: the warning writes them', () => {
  assert.equal(warned({ 'public.f': 'public.g' }, [removed(fn('f')), added(fn('g'))]), [
    'the rename of public.f to public.g (renames:) never applies: public.f is no object here but the routine public.f(integer, text), named with its argument types; write public.f(integer, text): public.g(integer, text)',
  ]);
  // written with them, or naming a table of that name, it applies
  assert.equal(warned({ 'public.f(integer, text)': 'public.g(integer, text)' }, [removed(fn('f')), added(fn('g'))]), []);
  assert.equal(warned({ 'public.f': 'public.g' }, [removed(table('f', [column('x')])), added(table('g', [column('x')])), removed(fn('f'))]), []);
  // MySQL's routine names ignore case
  assert.equal(warned({ 'shop.F': 'shop.g' }, [removed(fn('f', 'shop')), added(fn('g', 'shop'))], 'mysql').length, 1);
});

test('a rename into another kind of object (a table to a view): the warning says a rename keeps the kind', () => {
  assert.equal(warned({ 'main.t': 'main.v' }, [removed(table('t', [column('x')], {}, 'main')), added(view('v', 'main'))], 'sqlite'), [
    'the rename of main.t to main.v (renames:) never applies: main.t is a table and main.v a view, and a rename keeps the kind of object; leave it out',
  ]);
  // a table replaced by a view of its name, renamed beside it: the entry applies to the table
  assert.equal(warned({ 'main.t': 'main.t_old' }, [removed(table('t', [column('x')], {}, 'main')), added(view('t', 'main')), added(table('t_old', [column('x')], {}, 'main'))], 'sqlite'), []);
  // as SQLite compares names
  assert.equal(warned({ 'main.T': 'main.V' }, [removed(table('t', [column('x')], {}, 'main')), added(view('v', 'main'))], 'sqlite').length, 1);
  // a diff that holds neither says nothing
  assert.equal(warned({ 'main.t': 'main.v' }, [added(table('other', [column('x')], {}, 'main'))], 'sqlite'), []);
});

test.run();
