// init copies its template beside a `connect` that may be saving a target at the same moment.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { init } from '../../src/api/init.js';
import { newRepo } from '../helpers/cli.js';

const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

test('a target saved between init\'s check for config.yaml and its copy is kept, with --force too', () => {
  for (const force of [false, true]) {
    const dir = newRepo();
    const config = join(dir, '.datatrack/config.yaml');
    const real = fs.copyFileSync;
    // connect saves its target after init found no config.yaml, just before init copies the template there
    fs.copyFileSync = (from, to, mode) => {
      if (String(to) === config && !fs.existsSync(config)) writeFileSync(config, 'version: 1\ntargets:\n  meanwhile: {dialect: sqlite, database: app.db}\n');
      real(from, to, mode);
    };
    syncBuiltinESMExports();
    try {
      init({ cwd: dir, force });
    } finally {
      fs.copyFileSync = real;
      syncBuiltinESMExports();
    }
    assert.match(readFileSync(config, 'utf8'), /^ {2}meanwhile: \{ ?dialect: sqlite, database: app\.db ?\}$/m, `force: ${force}`);
  }
});

test.run();
