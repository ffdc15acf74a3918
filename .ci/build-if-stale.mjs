// `npm test` runs this first: it builds unless dist/ was built from the sources as they are now.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { digestFile, inputsDigest, root } from './build-inputs.mjs';

const current = existsSync(digestFile) && readFileSync(digestFile, 'utf8').trim() === inputsDigest();
if (!current) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
