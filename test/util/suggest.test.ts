import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closest } from '../../src/util/suggest.js';

test('closest: the word within a third of its letters, a swap of neighbours counting one', () => {
  const commands = ['snapshot', 'show', 'history', 'diff', 'lint', 'verify'];
  assert.is(closest('snapsot', commands), 'snapshot');
  assert.is(closest('histroy', commands), 'history');
  assert.is(closest('LINT', commands), 'lint');
  assert.is(closest('nosuchcmd', commands), undefined);
  // one edit is always allowed, so short words get suggestions too; more is not
  assert.is(closest('dif', commands), 'diff');
  assert.is(closest('xy', ['diff']), undefined);
  assert.is(closest('anything', []), undefined);
});

test.run();
