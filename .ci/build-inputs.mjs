// One digest over everything `npm run build` compiles or copies (and the dependencies it type-checks
// against), so that `npm test` can tell whether dist/ is current: CI has just built it, and
// building again cost a minute of its fifteen on a slow machine.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const digestFile = join(root, 'dist', '.inputs-digest');

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'fixtures' || name === 'node_modules' ? [] : files(path);
      return /\.(ts|sql|mjs)$/.test(name) ? [path] : [];
    });
}

export function inputsDigest() {
  const hash = createHash('sha256');
  const inputs = ['src', 'commands', 'test', 'bench'].flatMap((dir) => files(join(root, dir)));
  for (const path of [...inputs, join(root, 'tsconfig.json'), join(root, 'package.json'), join(root, 'package-lock.json'), join(root, '.ci', 'build-assets.mjs')]) {
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}
