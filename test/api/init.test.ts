// init copies its template beside a `connect` that may be saving a target at the same moment.
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

test('init --force refuses a config it cannot parse, at its line, before writing anything; a device for a config is refused', () => {
  const dir = newRepo();
  init({ cwd: dir });
  const config = join(dir, '.datatrack', 'config.yaml');
  const readme = join(dir, '.datatrack', 'README.md');
  const broken = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n  prod:\n    dialect: postgres\n   host: db\n    database: prod\n';
  writeFileSync(config, broken);
  writeFileSync(readme, 'edited\n');
  assert.throws(() => init({ cwd: dir, force: true }), /config\.yaml:8:\d+: /);
  assert.equal([readFileSync(config, 'utf8'), readFileSync(readme, 'utf8')], [broken, 'edited\n']);
  rmSync(config);
  symlinkSync('/dev/zero', config);
  assert.throws(() => init({ cwd: dir, force: true }), /config\.yaml: it is not a regular file \(a device or a pipe\)/);
});

test.run();
