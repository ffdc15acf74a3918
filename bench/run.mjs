// `npm run bench [area…]`: runs the benchmarks of each area (default: all) one after another —
// never in parallel, they measure the same two cores. Areas that print their table are saved to
// bench/last-run/<area>.md (not tracked); bench/RESULTS-<area>.md keep the recorded runs with
// their machine line and bench/RESULTS.md sums them up against the targets (edited by hand: a
// run on a loaded or slowed machine must not overwrite the reference figures).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const AREAS = {
  storage: { script: 'storage.mjs', printsTable: true },
  sqlite: { script: 'sqlite.mjs', printsTable: true },
  postgres: { script: 'postgres.mjs', printsTable: false },
  mysql: { script: 'mysql.mjs', printsTable: false },
  diff: { script: 'diff.mjs', printsTable: false },
  rules: { script: 'rules.mjs', printsTable: false },
  workflow: { script: 'workflow.mjs', printsTable: true },
};

const requested = process.argv.slice(2);
const unknown = requested.filter((area) => !(area in AREAS));
if (unknown.length) {
  console.error(`unknown bench area ${unknown.join(', ')}; known: ${Object.keys(AREAS).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const area of requested.length ? requested : Object.keys(AREAS)) {
  const { script, printsTable } = AREAS[area];
  const path = join(import.meta.dirname, script);
  if (!existsSync(path)) continue;
  console.error(`\n== bench ${area}`);
  const result = spawnSync(process.execPath, [path], { stdio: ['ignore', printsTable ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${area} failed (exit ${result.status})`);
    continue;
  }
  if (printsTable) {
    process.stdout.write(result.stdout);
    mkdirSync(join(import.meta.dirname, 'last-run'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'last-run', `${area}.md`), result.stdout);
  }
}
process.exitCode = failed ? 1 : 0;
