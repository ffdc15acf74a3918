// Colour only on a terminal, and never where NO_COLOR (no-color.org: a non-empty value) or TERM=dumb says so.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { colorEnabled } from '../../src/cli/terminal.js';

function withEnv<T>(env: Record<string, string | undefined>, body: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(env);
  try {
    return body();
  } finally {
    set(saved);
  }
}

test('colour on a TTY unless --no-color, a non-empty NO_COLOR or TERM=dumb', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  const on = (env: Record<string, string | undefined>, stream = tty, flag = true) => withEnv({ NO_COLOR: undefined, TERM: 'xterm', ...env }, () => colorEnabled(stream, flag));
  assert.is(on({}), true);
  assert.is(on({}, pipe), false);
  assert.is(on({}, tty, false), false);
  assert.is(on({ NO_COLOR: '1' }), false);
  assert.is(on({ NO_COLOR: '' }), true);
  assert.is(on({ TERM: 'dumb' }), false);
});

test.run();
