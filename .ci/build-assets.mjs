// Build step after tsc: copy the catalog .sql files next to their compiled dialects, and write
// oclif's command manifest so that a run loads only the command it executes.
import { cpSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digestFile, inputsDigest } from './build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function copySql(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copySql(path);
    else if (name.endsWith('.sql')) cpSync(path, join(root, 'dist', relative(root, path)));
  }
}
copySql(join(root, 'src'));

const { Config } = await import('@oclif/core');
const config = await Config.load({ root });
const plugin = config.getPluginsList().find((p) => p.root === root);
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify(plugin.manifest, null, 2) + '\n');
// Last, so that a build that failed part-way is never taken as current.
writeFileSync(digestFile, inputsDigest() + '\n');
