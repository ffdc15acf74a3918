import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileGlob, compilePattern, compileRegex, MAX_PATTERN_LENGTH, PatternError } from '../../src/rules/patterns.js';

const refuses = (source: string, pattern: RegExp, linear?: boolean) => {
  try {
    compileRegex(source, linear);
  } catch (error) {
    assert.instance(error, PatternError);
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`${source} was accepted`);
};

test('globs: * and ? match anything and one character; everything else is literal', () => {
  assert.ok(compileGlob('legacy_*').test('legacy_users'));
  assert.not.ok(compileGlob('legacy_*').test('app.legacy_users'));
  assert.ok(compileGlob('t?').test('t1'));
  assert.not.ok(compileGlob('a.b').test('axb'));
  assert.ok(compileGlob('a.b').test('a.b'));
  assert.ok(compileGlob('(x)+[y]').test('(x)+[y]'));
});

test('/…/ is a regular expression (searched), anything else a glob', () => {
  assert.ok(compilePattern('/^tmp_/').test('tmp_x'));
  assert.ok(compilePattern('/_id/').test('user_id_x'));
  assert.not.ok(compilePattern('tmp_').test('tmp_x'));
  assert.throws(() => compilePattern('/^tmp/i'), /flags are not supported/);
  // a regular expression that lost its closing slash would be a glob matching nothing
  assert.throws(() => compilePattern('/^tmp_'), /a regular expression is written \/…\/: this one has no closing \//);
});

test('a catastrophic pattern runs in linear time on a long name', () => {
  const evil = compileRegex('^(a+)+$');
  // With a backtracking engine this takes longer than the age of the universe; here it returns.
  assert.not.ok(evil.test(`${'a'.repeat(100_000)}b`));
  assert.ok(evil.test('a'.repeat(100_000)));
  assert.not.ok(compileRegex('(x+x+)+y').test('x'.repeat(50_000)));
});

test('patterns the linear engine cannot run, invalid ones and oversized ones are refused with a reason', () => {
  refuses('(a)\\1', /backreference or lookaround/);
  refuses('(?<=a)b', /backreference or lookaround/);
  refuses('(?!x)y', /backreference or lookaround/);
  refuses('[a-', /invalid regular expression/);
  refuses('a'.repeat(MAX_PATTERN_LENGTH + 1), /the limit is 1000/);
});

test('without the linear engine, patterns run under a timeout that stops a runaway match', () => {
  const plain = compileRegex('^[a-z]+$', false);
  assert.ok(plain.test('users'));
  const evil = compileRegex('^(a+)+$', false);
  assert.throws(() => evil.test(`${'a'.repeat(40)}b`), /took over 100 ms/);
});

test('a glob\'s * and ? match line breaks too: a name may hold one', () => {
  for (const name of ['line\nbreak', 'a\rb', 'a\u2028b', 'a\u2029b']) {
    assert.ok(compileGlob('*').test(name), JSON.stringify(name));
    assert.ok(compileGlob(`${name[0]}*`).test(name), JSON.stringify(name));
    assert.ok(compileGlob(`${name.slice(0, -2)}?${name.slice(-1)}`).test(name), JSON.stringify(name));
  }
  assert.ok(compilePattern('main.*').test('main.line\nbreak'));
});

test.run();
