// What both bin scripts run (`datatrack` and `git-datatrack`, which git runs for `git datatrack`).
// It loads as a small CommonJS bundle of its own, before anything else (see .ci/build-assets.mjs).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installEarlyInterruptHandlers } from '#early-interrupt';
import { enableCompileCache } from './compile-cache.js';
import { absoluteGitPaths } from './git-paths.js';
import { guardStdout } from './stdout.js';

/** `bin`: the import.meta.url of the bin script, from which oclif finds the package. */
export async function main(bin: string): Promise<void> {
  // Before oclif and the command load (their loading is most of start-up): see early-interrupt.ts.
  installEarlyInterruptHandlers(process.argv);
  // A stderr that cannot be written (its reader gone, a full disk) loses the message, never the
  // exit code: unhandled, the write error ended the process with 1, which CI reads as findings.
  process.stderr.on('error', () => {});
  guardStdout();
  absoluteGitPaths(process.env, () => process.cwd());
  // A --debug stack names the compiled modules (dist/src) through the bundles' source maps, which
  // Node reads only for what it compiles itself.
  if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
  else enableCompileCache(join(dirname(fileURLToPath(bin)), '..'));
  const { execute } = createRequire(bin)('#oclif') as typeof import('#oclif');
  await execute({ dir: bin });
}
