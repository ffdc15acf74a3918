// V8's code cache for the CLI's own CommonJS bundles (dist/**/*.cjs), as Node 22's
// module.enableCompileCache() keeps one, which Node 20 lacks: every command parsed and compiled
// some 2 MB of JavaScript (oclif, yaml, the driver, the command) afresh, ~35 ms of CPU a process
// on a slow host. Each bundle is compiled with the code V8 saved after an earlier run (the
// functions that run used, not only the top level) and, where there was none or V8 refused it (a
// rebuild, another Node), saved again as the process exits.
//
// The cache sits in the package's own node_modules/.cache: only whoever may change the code may
// write there (code read from a shared directory could be planted), and neither npm pack nor git
// takes it. Where the package's directory is read-only, commands run as before.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import vm from 'node:vm';

interface CompilingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

type ModuleInternals = {
  prototype: CompilingModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CompilingModule, isMain?: boolean, options?: unknown): string;
};

/** Compiled scripts whose code is to be saved at exit, with the file it goes to. */
const unsaved: Array<{ script: vm.Script; file: string }> = [];

/**
 * The cache file of a bundle as it is now: named by its size and modification time, so a rebuilt
 * bundle never meets the code of the one before (V8 checks only the source's length).
 */
function cacheFile(cacheDir: string, root: string, filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  return join(cacheDir, `${relative(root, filename).split(sep).join('_')}.${size}.${Math.trunc(mtimeMs)}.v8`);
}

function save(): void {
  for (const { script, file } of unsaved.splice(0)) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Another bundle's build leaves its code behind: only this build's is kept.
      const stem = basename(file).replace(/\.\d+\.\d+\.v8$/, '.');
      for (const old of readdirSync(dirname(file))) if (old.startsWith(stem) && old !== basename(file)) rmSync(join(dirname(file), old), { force: true });
      // Written whole under another name first: a process starting meanwhile reads all of it or none.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file);
    } catch {
      // A cache that cannot be written is a cache not kept: the command's own outcome is what counts.
    }
  }
}

/** Compiles the package's `.cjs` bundles under `root` with V8's code cache from now on. */
export function enableCompileCache(root: string): void {
  const internals = Module as unknown as ModuleInternals;
  const compile = internals.prototype._compile;
  const bundles = join(root, 'dist') + sep;
  // By package root too: checkouts that share one node_modules (a link) would each drop the others' code.
  const cacheDir = join(root, 'node_modules', '.cache', 'datatrack', `${process.version}-${process.arch}`, encodeURIComponent(root));
  internals.prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    if (!filename.startsWith(bundles) || !filename.endsWith('.cjs')) return compile.call(this, content, filename);
    let file: string | undefined;
    let cachedData: Buffer | undefined;
    try {
      file = cacheFile(cacheDir, root, filename);
      cachedData = readFileSync(file);
    } catch {
      // none yet
    }
    const script = new vm.Script(internals.wrap(content), { filename, cachedData });
    if (file && (!cachedData || script.cachedDataRejected)) {
      if (unsaved.length === 0) process.once('exit', save);
      unsaved.push({ script, file });
    }
    const require = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: unknown) => internals._resolveFilename(request, this, false, options),
    });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
}
