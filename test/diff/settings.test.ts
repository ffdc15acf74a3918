// The diff's sections of .datatrack/config.yaml as they are read: a `renames:` entry that could
// never apply is refused where it is written, saying what to write instead.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DatatrackConfig } from '../../src/config/config.js';
import type { Dialect } from '../../src/model/types.js';
import { readYamlFile } from '../../src/config/yaml-file.js';
import { diffSettings } from '../../src/diff/settings.js';
import { tempDir } from '../helpers/cli.js';

/** The impact overrides read from a config file holding `entries` (one `key: impact` a line), or the one-line error refusing them. */
function impact(...entries: string[]): string[] | string {
  const path = join(tempDir(), 'config.yaml');
  writeFileSync(path, `version: 1\nimpact:\n${entries.map((entry) => `  ${entry}\n`).join('')}`);
  const file = readYamlFile(path, 'config.yaml');
  try {
    return [...diffSettings(file.value as DatatrackConfig, file).impact.keys()];
  } catch (error) {
    assert.is((error as { code?: string }).code, 'CONFIG_INVALID');
    return (error as Error).message;
  }
}

/** The renames read from a config file holding `entries` (one `old: new` a line) and targets of `dialects`, or the one-line error refusing them. */
function renamesOn(dialects: Dialect[], ...entries: string[]): Map<string, string> | string {
  const path = join(tempDir(), 'config.yaml');
  writeFileSync(path, `version: 1\nrenames:\n${entries.map((entry) => `  ${entry}\n`).join('')}`);
  const file = readYamlFile(path, 'config.yaml');
  const targets = Object.fromEntries(dialects.map((dialect) => [dialect, { dialect, database: 'app' }]));
  try {
    return new Map(diffSettings({ ...(file.value as DatatrackConfig), targets }, file).renames);
  } catch (error) {
    assert.is((error as { code?: string }).code, 'CONFIG_INVALID');
    return (error as Error).message;
  }
}

const renames = (...entries: string[]) => renamesOn(['postgres'], ...entries);

test('a glob is refused: a rename names one object, and a name holding * is written quoted', () => {
  assert.is(renames('public.orders_*: public.purchases_*'), 'config.yaml:3:3: "public.orders_*" is a pattern; a rename names one object: write an entry for each object renamed (a name holding * or ? in double quotes)');
  assert.is(renames('public.orders: public.purchase?'), 'config.yaml:3:18: "public.purchase?" is a pattern; a rename names one object: write an entry for each object renamed (a name holding * or ? in double quotes)');
  assert.equal(renames(`'public."a*b"': public.ab`), new Map([['public.a*b', 'public.ab']]));
});

test('a routine is named with its argument types on both sides, a quoted name too', () => {
  assert.is(renames('public.f(integer): public.g'), 'config.yaml:3:22: public.f(integer) is a routine, named with its argument types: write its new name with them (public.g(integer))');
  assert.is(renames('public.f: public.g(integer, text)'), 'config.yaml:3:3: public.g(integer, text) is a routine, named with its argument types: write its old name with them (public.f(integer, text))');
  assert.equal(renames('public.f(public.mood): public.g(public.mood)', `'public."a.b"(integer)': public.ab(integer)`), new Map([
    ['public.f(public.mood)', 'public.g(public.mood)'],
    ['public.a.b(integer)', 'public.ab(integer)'],
  ]));
});

test('a column renamed into another table is refused, unless a rename of its table leads there', () => {
  assert.is(renames('public.a.x: public.b.y'), 'config.yaml:3:15: public.a.x is a column of public.a, which no rename here makes public.b; a column stays in its table: write public.a.y, or rename the table too (public.a: public.b)');
  assert.is(renames('public.a.x: app.a.x'), 'config.yaml:3:15: public.a.x is a column of public.a, which no rename here makes app.a; a column stays in its table: rename the table (public.a: app.a)');
  // the table renamed too, in one step or along a chain of renames
  assert.equal(renames('public.a.x: public.b.y', 'public.a: public.b'), new Map([['public.a.x', 'public.b.y'], ['public.a', 'public.b']]));
  assert.ok(renames('public.a.x: public.c.y', 'public.a: public.b', 'public.b: public.c') instanceof Map);
  // only forward: b renamed to a leads nowhere from a
  assert.match(renames('public.a.x: public.b.y', 'public.b: public.a') as string, /public\.a\.x is a column of public\.a, which no rename here makes public\.b/);
});

test('an entry renaming an object to itself or to another kind says what to write instead', () => {
  assert.is(renames('public.users: public.users'), 'config.yaml:3:17: public.users is renamed to itself; write the name it was given, or leave the entry out');
  assert.is(renames(`public.users: 'public."users"'`), 'config.yaml:3:17: public.users is renamed to itself; write the name it was given, or leave the entry out');
  assert.is(renames('public.users: public.users.x'), 'config.yaml:3:17: public.users and public.users.x name different kinds of object (a table and a column?); a rename keeps the kind: write both as schema.table or both as schema.table.column');
});

test('a column renamed along with its table, the table written in another case: refused where names keep their case, not on SQLite, which ignores it', () => {
  const entries = ['main.orders: main.purchases', 'main.Orders.a: main.purchases.b'];
  assert.match(renamesOn(['postgres'], ...entries) as string, /main\.Orders\.a is a column of main\.Orders, which no rename here makes main\.purchases/);
  assert.match(renamesOn(['mysql'], ...entries) as string, /main\.Orders\.a is a column of main\.Orders/);
  assert.equal(renamesOn(['sqlite'], ...entries), new Map([['main.orders', 'main.purchases'], ['main.Orders.a', 'main.purchases.b']]));
  assert.ok(renamesOn(['postgres', 'sqlite'], ...entries) instanceof Map);
  // along a chain whose entries spell the middle name differently
  assert.ok(renamesOn(['sqlite'], 'main.orders: main.Purchases', 'main.purchases: main.archive', 'main.ORDERS.a: main.Archive.b') instanceof Map);
});

test('an impact key naming an option a letter or two from one the dialects write is refused as its typo; another option name is taken as written', () => {
  assert.is(impact('table.modify.options.engin: safe'), 'config.yaml:3:3: unknown option "options.engin" of table: did you mean options.engine?');
  assert.is(impact('column.add: caution', 'routine.modify.options.sett: breaking'), 'config.yaml:4:3: unknown option "options.sett" of routine: did you mean options.set?');
  assert.match(impact('view.modify.options.security_invoke: safe') as string, /did you mean options\.security_invoker\?$/);
  assert.match(impact('column.modify.options.locall: safe') as string, /did you mean options\.local\?$/);
  assert.match(impact('index.modify.options.invalidd: safe') as string, /did you mean options\.invalid\?$/);
  // written ones (a TOAST table's parameters as a whole, any SET parameter), and an extension's or engine's own
  const taken = ['table.modify.options.engine', 'table.modify.options.toast', 'routine.modify.options.set.work_mem', 'index.modify.options.col1', 'table.modify.options.table_type', 'table.modify.options.compress'];
  assert.equal(impact(...taken.map((key) => `${key}: safe`)), taken);
});

test.run();
