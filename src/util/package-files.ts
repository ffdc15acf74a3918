// Files the package ships beside its code (the catalog queries, the hook scripts, the init
// template, the worker script), found from the package root. The CLI runs this code from bundles
// (dist/bundle/, made by .ci/build-assets.mjs), where a path relative to the module would lead
// elsewhere than from the compiled tree (dist/src/) that tests and the library import.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  const here = fileURLToPath(import.meta.url);
  for (let dir = dirname(here); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${here}: datatrack is installed incompletely`);
  }
}

const ROOT = packageRoot();

/** A file or directory of the package: `packageFile('bin', 'datatrack')`. */
export const packageFile = (...parts: string[]): string => join(ROOT, ...parts);

/** A file of the compiled tree, which holds the files the compiler does not write too (the .sql queries): `compiledFile('snapshot', 'blob-worker.js')`. */
export const compiledFile = (...parts: string[]): string => join(ROOT, 'dist', 'src', ...parts);
