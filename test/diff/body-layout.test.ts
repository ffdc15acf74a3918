// Routine bodies kept as written (PostgreSQL sql/plpgsql, MySQL routines, triggers, events): relaid,
// they are the same; anything a body does or holds changed is still a change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bodyTokens } from '../../src/diff/body-layout.js';
import type { Routine, SchemaObject, Table } from '../../src/model/types.js';
import { changeLines, column, table } from '../helpers/models.js';

const pg = { dialect: 'postgres' as const, backslashEscapes: false };
const my = { dialect: 'mysql' as const, backslashEscapes: true };

test('tokens: spacing and comments go; literals, quoted names, case and operators stay as written', () => {
  assert.equal(bodyTokens("select  a+1 -- note\n from t /* x /* nested */ y */ where b = 'x  y'", pg), ['select', 'a', '+', '1', 'from', 't', 'where', 'b', '=', "'x  y'"]);
  assert.equal(bodyTokens('a <= b', pg), ['a', '<=', 'b']);
  assert.equal(bodyTokens('a < = b', pg), ['a', '<', '=', 'b']);
  assert.equal(bodyTokens("x := $q$ a  b $q$ || E'it\\'s  ' || $1", pg), ['x', ':=', '$q$ a  b $q$', '||', "E'it\\'s  '", '||', '$1']);
  assert.equal(bodyTokens('1.5 + .5e3 - 1abc', my), ['1.5', '+', '.5e3', '-', '1abc']);
  // MySQL: -- needs a space to be a comment, # is one, /*! … */ runs, strings take backslash escapes
  assert.equal(bodyTokens("a --1\n# c\nb /*!50003 x */ 'it\\'s  ' \"q  \"", my), ['a', '--', '1', 'b', '/*!50003 x */', "'it\\'s  '", '"q  "']);
  assert.equal(bodyTokens("'a\\'  b'", { dialect: 'mysql', backslashEscapes: false }), undefined);
  // a bit, hex or national string is one literal only where its letter touches the quote: `x '41'` is x aliased
  assert.equal(bodyTokens("SELECT x'41', b'101', N'é' INTO @r", my), ['SELECT', "x'41'", ',', "b'101'", ',', "N'é'", 'INTO', '@', 'r']);
  assert.equal(bodyTokens("SELECT x '41'", my), ['SELECT', 'x', "'41'"]);
  assert.equal(bodyTokens("SELECT B'101', X'1F', U&'d\\0061t' FROM t", pg), ['SELECT', "B'101'", ',', "X'1F'", ',', "U&'d\\0061t'", 'FROM', 't']);
  assert.equal(bodyTokens("SELECT b '101'", pg), ['SELECT', 'b', "'101'"]);
  // a dollar quote's tag may hold any letter: what it encloses is one literal, spacing and all
  assert.equal(bodyTokens('SELECT $é$status:    ok$é$, $1', pg), ['SELECT', '$é$status:    ok$é$', ',', '$1']);
  // what cannot be read to its end is not judged
  assert.is(bodyTokens("select 'open", pg), undefined);
  assert.is(bodyTokens('select /* open', pg), undefined);
});

const fn = (body: string, language = 'plpgsql'): Routine => ({
  kind: 'routine', schema: 'public', name: 'f', routine_type: 'function', argument_types: ['integer'], arguments: 'a integer', returns: 'integer', language,
  definition: `CREATE OR REPLACE FUNCTION public.f(a integer)\n RETURNS integer\n LANGUAGE ${language}\nAS $function$${body}$function$\n`,
});

test('PostgreSQL: a sql or plpgsql body relaid is written differently, not changed; its statements or literals changed are a change', () => {
  assert.equal(changeLines([fn('select a+1')], [fn('\n  select   a+1 -- plus one\n')]), []);
  assert.equal(changeLines([fn('BEGIN RETURN a; END')], [fn('\nBEGIN\n    RETURN a;\nEND\n')]), []);
  assert.equal(changeLines([fn("BEGIN RAISE NOTICE 'a b'; RETURN a; END")], [fn("BEGIN RAISE NOTICE 'a  b'; RETURN a; END")]).length, 1);
  assert.equal(changeLines([fn('select a+1')], [fn('select a+2')]).length, 1);
  assert.equal(changeLines([fn('select a+1')], [fn('SELECT a+1')]).length, 1);
  // Another language reads its body otherwise (plpython's indentation).
  assert.equal(changeLines([fn('return a', 'plpython3u')], [fn('  return a', 'plpython3u')]).length, 1);
});

test('MySQL: routine, trigger and event bodies relaid under one sql_mode are the same', () => {
  const routine = (definition: string, sql_mode = 'STRICT_TRANS_TABLES'): Routine => ({ kind: 'routine', schema: 'shop', name: 'f', routine_type: 'function', argument_types: ['int(11)'], arguments: 'a int(11)', returns: 'int(11)', language: 'sql', definition, options: { sql_mode } });
  assert.equal(changeLines([routine('return a + 1')], [routine('return   a + 1 # plus one')], { dialect: 'mysql' }), []);
  assert.equal(changeLines([routine('return a + 1')], [routine('return a + 2')], { dialect: 'mysql' }).length, 1);
  // Another sql_mode reads the same text otherwise: a change.
  assert.equal(changeLines([routine('return a + 1')], [routine('return  a + 1', 'ANSI_QUOTES')], { dialect: 'mysql' }).length, 2);
  const withTrigger = (definition: string): Table => table('t', [column('a')], { triggers: [{ name: 'tr', timing: 'before', events: ['insert'], level: 'row', definition }] }, 'shop');
  assert.equal(changeLines([withTrigger('SET NEW.a = 1')], [withTrigger('SET NEW.a =\n  1')], { dialect: 'mysql' }), []);
  assert.equal(changeLines([withTrigger('SET NEW.a = 1')], [withTrigger('SET NEW.a = 2')], { dialect: 'mysql' }).length, 1);
  const event = (definition: string): SchemaObject => ({ kind: 'event', schema: 'shop', name: 'e', schedule: 'EVERY 1 DAY', definition });
  assert.equal(changeLines([event('DELETE FROM t')], [event('DELETE\nFROM t')], { dialect: 'mysql' }), []);
});

test.run();
