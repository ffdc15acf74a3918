// The CLI loads oclif, yaml and drizzle from the build's bundles (dist/vendor/, one file each),
// never file by file from node_modules: an import that goes to the package itself would bring back
// the ~280 small files whose loading was a third of starting a command.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoWithSqlite, ROOT, run, tempDir } from '../helpers/cli.js';

/** Runs the CLI with a preload that lists every CommonJS file it loads (ESM imports of CommonJS go there too). */
function compiledFiles(args: string[], cwd: string): string[] {
  const dir = tempDir();
  const [preload, list] = [join(dir, 'preload.cjs'), join(dir, 'compiled.txt')];
  writeFileSync(
    preload,
    `const Module = require('node:module'); const { appendFileSync } = require('node:fs');
const load = Module.prototype.load;
Module.prototype.load = function (filename) { appendFileSync(${JSON.stringify(list)}, filename + '\\n'); return load.call(this, filename); };\n`,
  );
  writeFileSync(list, '');
  const result = run(args, cwd, { NODE_OPTIONS: `--require ${preload}` });
  assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return readFileSync(list, 'utf8').split('\n').filter(Boolean);
}

test('a command loads oclif, yaml and drizzle as one bundled file each', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  for (const args of [['--version'], ['snapshot'], ['export', '--format', 'yaml', '-o', '-']]) {
    const files = compiledFiles(args, dir);
    const unbundled = files.filter((file) => /\/node_modules\/(@oclif\/core|yaml|drizzle-orm)\//.test(file));
    assert.equal(unbundled, [], `${args.join(' ')} loaded from node_modules`);
    if (args[0] === 'snapshot') assert.ok(files.includes(join(ROOT, 'dist', 'vendor', 'drizzle-sqlite.cjs')), files.join('\n'));
  }
});

// The oclif bundle sorts command ids by code unit, not localeCompare (whose first call builds an ICU
// collator as every command starts: .ci/build-assets.mjs): the same order only for ids like these.
test('command ids are lowercase ASCII words, which the oclif bundle sorts without a collator', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, unknown> };
  const ids = Object.keys(manifest.commands);
  assert.ok(ids.length > 10);
  for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*(:[a-z]+(-[a-z]+)*)*$/);
  assert.equal([...ids].sort(), [...ids].sort((a, b) => a.localeCompare(b)));
  for (const bundle of ['oclif.js', 'oclif.cjs']) assert.not.match(readFileSync(join(ROOT, 'dist', 'vendor', bundle), 'utf8'), 'localeCompare');
});

test.run();
