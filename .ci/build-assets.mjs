// Build step after tsc: bundle the CLI framework, the YAML library and our own code, copy the
// catalog .sql files next to their compiled dialects, and write oclif's command manifest so that a
// run loads only the command it executes.
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { digestFile, inputsDigest } from './build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Every CLI process loads @oclif/core (about 100 files with its dependencies) and yaml (72): one
// ES module each, read through package.json's "imports" (#oclif, #yaml), cuts what starting a
// command costs before it does anything by a third (CPU of `datatrack history`: 450 → 300 ms on a
// slow host), for users and for the test suite, which starts the CLI some 2,000 times. ES modules,
// not CommonJS: Node scans a CommonJS file imported from ESM for its export names, 60 ms for one of
// this size. The packages' code runs unchanged; oclif's optional TypeScript support (ts-node,
// typescript) stays outside, unused by a compiled CLI.
// oclif's parts the CLI uses (src/cli/oclif.d.ts, whose value exports are the bundle's entry), each
// from its own module: oclif's index also checks the working directory as it loads, and would print
// a warning before our one-line error where that directory is gone.
const oclif = readFileSync(join(root, 'src', 'cli', 'oclif.d.ts'), 'utf8').replace(/^(\/\/|export type ).*$/gm, '');
const yamlNames = Object.keys(createRequire(import.meta.url)('yaml')).filter((key) => key !== '__esModule');
// A package's source changed as it is bundled: `find` must be there, or the build fails for review.
const patchSource = (name, file, find, replacement) => ({
  name,
  setup(build) {
    build.onLoad({ filter: file }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const contents = text.replace(find, replacement);
      if (contents === text) throw new Error(`${args.path}: ${find} is gone; review the ${name} build patch`);
      return { contents, loader: 'js' };
    });
  },
});
// oclif sorts a plugin's command ids with localeCompare as every process starts: its first call
// builds an ICU collator, ~8 ms of CPU on a slow host, for ids that are lowercase ASCII words
// (test/cli/bundles.test.ts holds them to that), where code-unit order is the same order.
const oclifSortIds = patchSource('oclif-sort-ids', /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/, '.sort((a, b) => a.id.localeCompare(b.id))', '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))');
const bundle = (name, contents, options) =>
  build({ stdin: { contents, resolveDir: root, loader: 'js' }, outfile: join(root, 'dist', 'vendor', name), bundle: true, platform: 'node', target: 'node20', logLevel: 'error', ...options });
// A script compiled with a code cache (vm.Script) can import() nothing without Node's experimental
// VM modules: the CLI's CommonJS bundles load what they load lazily with require.
const NO_DYNAMIC_IMPORT = { 'dynamic-import': false };
// Each twice: CommonJS for the CLI, whose bundles (below) are CommonJS so that V8's code cache can
// keep them compiled (src/cli/compile-cache.ts), and an ES module for the compiled tree (dist/src)
// that tests and the library import; package.json's "imports" give each importer its own.
for (const [name, contents] of [['oclif', oclif], ['yaml', `export { ${yamlNames.join(', ')} } from 'yaml';`]]) {
  const common = { external: ['typescript', 'ts-node'], plugins: name === 'oclif' ? [oclifSortIds] : [] };
  await bundle(`${name}.cjs`, contents, { ...common, format: 'cjs', supported: NO_DYNAMIC_IMPORT });
  await bundle(`${name}.js`, contents, {
    ...common,
    format: 'esm',
    // the bundled CommonJS still calls require (Node's modules, the optional ones) and reads __dirname
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);",
    },
  });
}
// drizzle (about 110 files for one dialect) and the client it drives (pg ~30, mysql2 ~100) likewise,
// one CommonJS file per dialect (#drizzle/postgres, …): the dialect takes both from there, so that
// drizzle and the connections share one copy of the client. better-sqlite3, native, stays outside.
// pg asks at load whether it runs on Cloudflare Workers, and where `navigator` is missing (Node 20)
// it builds a fetch Response to find out: that loads undici, 15 ms of every PostgreSQL command's start.
const pgOnNode = patchSource('pg-on-node', /[\\/]pg[\\/]lib[\\/]stream\.js$/, 'function isCloudflareRuntime() {', '$& return false;');
for (const [name, driver] of [['postgres', 'node-postgres'], ['mysql', 'mysql2'], ['sqlite', 'better-sqlite3']]) {
  const client = { postgres: " export { default as pg } from 'pg';", mysql: " export { default as mysql } from 'mysql2/promise';" }[name] ?? '';
  await bundle(`drizzle-${name}.cjs`, `export { sql } from 'drizzle-orm'; export { drizzle } from 'drizzle-orm/${driver}';${client}`, {
    format: 'cjs',
    external: ['pg-native', 'better-sqlite3', '@opentelemetry/api'],
    plugins: name === 'postgres' ? [pgOnNode] : [],
  });
}

function copySql(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copySql(path);
    else if (name.endsWith('.sql')) cpSync(path, join(root, 'dist', relative(root, path)));
  }
}
copySql(join(root, 'src'));

// Our own code likewise: a command imported some 70 compiled modules one by one; one file per
// command (dist/bundle/commands/) takes `datatrack history` from ~340 to ~280 ms of CPU on a slow
// host. Each bundle holds all it uses, not shared chunks: split by what the 20 commands share,
// history loaded 1.1 MB of chunks and saved nothing. Packages stay outside (the vendor bundles
// above, better-sqlite3, isomorphic-git, piscina), and so does the one module whose state a
// command shares with bin/ (#early-interrupt: the handlers bin/ installs, which the command
// removes), which has a bundle of its own, as have what bin/ runs first (src/cli/main.ts) and
// oclif's help class and hook. All CommonJS (.cjs): Node 20 keeps a code cache for no ES module.
// Tests and the library import the compiled tree (dist/src); files the code reads at run time are
// found from the package root (src/util/package-files.ts), the same from either.
const commandFiles = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? commandFiles(path) : name.endsWith('.js') ? [path] : [];
  });
const cliModules = ['main', 'early-interrupt', 'help', 'command-not-found'].map((name) => join(root, 'dist', 'src', 'cli', `${name}.js`));
await build({
  entryPoints: [...commandFiles(join(root, 'dist', 'commands')), ...cliModules],
  outdir: join(root, 'dist', 'bundle'),
  outbase: join(root, 'dist'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  supported: NO_DYNAMIC_IMPORT,
  platform: 'node',
  target: 'node20',
  // import.meta has no place in CommonJS: the module's URL from its file name.
  define: { 'import.meta.url': '__moduleUrl' },
  banner: { js: "const __moduleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // package.json "imports" (#oclif, #early-interrupt, …) resolve to files of this package, which esbuild would take in.
  external: ['#*'],
  packages: 'external',
  // Read only under --debug (bin/ turns source maps on then): its stack names the compiled modules, not the bundle.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'error',
});

const { Config } = await import('@oclif/core');
const config = await Config.load({ root });
const plugin = config.getPluginsList().find((p) => p.root === root);
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify(plugin.manifest, null, 2) + '\n');
// Last, so that a build that failed part-way is never taken as current.
writeFileSync(digestFile, inputsDigest() + '\n');
