// The CLI's CommonJS bundles compile from V8's code cache (src/cli/compile-cache.ts): saved after a
// first run, taken by the next, never the code of a bundle since rebuilt, and a package directory
// where nothing may be written changes nothing but the speed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoWithSqlite, ROOT, run, tempDir } from '../helpers/cli.js';

const CACHE = (given: string) => {
  const root = resolve(given);
  return join(root, 'node_modules', '.cache', 'datatrack', `${process.version}-${process.arch}`, encodeURIComponent(root));
};

/** A package root holding dist/m.cjs, and a script that loads it with the cache on and prints what it exports. */
function fakePackage(): { root: string; load: () => string } {
  const root = tempDir();
  mkdirSync(join(root, 'dist'));
  const script = join(root, 'load.mjs');
  const enable = pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'compile-cache.js')).href;
  writeFileSync(script, `import { createRequire } from 'node:module';\nconst { enableCompileCache } = await import(${JSON.stringify(enable)});\nenableCompileCache(${JSON.stringify(root)});\nprocess.stdout.write(createRequire(import.meta.url)('./dist/m.cjs').value());\n`);
  return {
    root,
    load: () => {
      const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
      assert.is(result.status, 0, result.stderr);
      assert.is(result.stderr, '');
      return result.stdout;
    },
  };
}

test('a bundle compiles from the code saved by the run before; a rebuilt one of the same length never from the old code', () => {
  const { root, load } = fakePackage();
  const bundle = join(root, 'dist', 'm.cjs');
  writeFileSync(bundle, "exports.value = () => 'one';\n");
  assert.is(load(), 'one');
  const [saved] = readdirSync(CACHE(root));
  assert.match(saved!, /^dist_m\.cjs\.\d+\.\d+\.v8$/);
  const savedAt = statSync(join(CACHE(root), saved!)).mtimeMs;
  assert.is(load(), 'one');
  // taken, not refused and saved again
  assert.equal(readdirSync(CACHE(root)), [saved]);
  assert.is(statSync(join(CACHE(root), saved!)).mtimeMs, savedAt);
  // V8 checks a cached script's length only: a rebuild of the same length must not run the old code
  writeFileSync(bundle, "exports.value = () => 'two';\n");
  utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
  assert.is(load(), 'two');
  assert.is(readdirSync(CACHE(root)).length, 1, 'the old code is dropped');
  assert.not.equal(readdirSync(CACHE(root)), [saved]);
});

test('where the cache cannot be written, the code runs as before', () => {
  const { root, load } = fakePackage();
  writeFileSync(join(root, 'dist', 'm.cjs'), "exports.value = () => 'one';\n");
  writeFileSync(join(root, 'node_modules'), 'not a directory');
  assert.is(load(), 'one');
  assert.is(load(), 'one');
});

test("a command leaves the code of the bundles it ran for the next", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  assert.is(run(['snapshot'], dir).code, 0);
  const saved = readdirSync(CACHE(ROOT));
  for (const bundle of ['dist_vendor_oclif.cjs', 'dist_vendor_yaml.cjs', 'dist_bundle_commands_snapshot.cjs', 'dist_vendor_drizzle-sqlite.cjs']) {
    assert.ok(saved.some((file) => file.startsWith(`${bundle}.`)), `${bundle}: ${saved.join(' ')}`);
  }
});

test.run();
