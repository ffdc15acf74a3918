import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runChainedHook } from '../../src/hooks/chain.js';
import { tempDir } from '../helpers/cli.js';

/** What git gives pre-push on stdin for 1000 refs: far more than a pipe holds (64 KiB on Linux). */
const MANY_REFS = Array.from({ length: 1000 }, (_, i) => `refs/tags/v${i} ${'1'.repeat(40)} refs/tags/v${i} ${'0'.repeat(40)}\n`).join('');

function hook(body: string): string {
  const path = join(tempDir(), 'pre-push');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

test("a chained hook that exits without reading its stdin gives its own exit status, as git takes it (the pipe's EPIPE is no failure)", () => {
  assert.is(runChainedHook(hook('exit 0'), ['origin', 'url'], MANY_REFS), 0);
  assert.is(runChainedHook(hook('exit 3'), ['origin', 'url'], MANY_REFS), 3);
  // one that reads it gets all of it, with git's arguments
  const read = join(tempDir(), 'read');
  assert.is(runChainedHook(hook(`cat > "${read}"; echo "$@" >> "${read}"`), ['origin', 'url'], MANY_REFS), 0);
  assert.is(readFileSync(read, 'utf8'), `${MANY_REFS}origin url\n`);
});

test.run();
