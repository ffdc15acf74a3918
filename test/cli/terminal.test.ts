// Colour only on a terminal, and never where NO_COLOR (no-color.org: a non-empty value) or TERM=dumb says so.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { colorEnabled } from '../../src/cli/terminal.js';
import { withEnv } from '../helpers/env.js';

test('colour on a TTY unless --no-color, a non-empty NO_COLOR, FORCE_COLOR=0 or TERM=dumb', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  const on = (env: Record<string, string | undefined>, stream = tty, flag = true) => withEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm', ...env }, () => colorEnabled(stream, flag));
  assert.is(on({}), true);
  assert.is(on({}, pipe), false);
  assert.is(on({}, tty, false), false);
  assert.is(on({ NO_COLOR: '1' }), false);
  assert.is(on({ NO_COLOR: '' }), true);
  assert.is(on({ TERM: 'dumb' }), false);
  // FORCE_COLOR=0 is off, as oclif's help reads it; another value forces nothing onto a pipe
  assert.is(on({ FORCE_COLOR: '0' }), false);
  assert.is(on({ FORCE_COLOR: 'false' }), false);
  assert.is(on({ FORCE_COLOR: '1' }), true);
  assert.is(on({ FORCE_COLOR: '3' }, pipe), false);
});

test.run();
