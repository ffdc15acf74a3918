// Day-to-day speed (issue 6): the pre-commit hook on a 1,000-table snapshot, and per-object history
// on a 500-snapshot history. Whole CLI processes; snapshots are written from synthetic models.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticSnapshot } from './model.mjs';
import { datatrack, machineLine, median, scratchRepo, table } from './lib.mjs';

const { normalizeSnapshot } = await import('../dist/src/model/canonical.js');
const { writeSnapshot } = await import('../dist/src/store/write-snapshot.js');
const { openRepository } = await import('../dist/src/store/repository.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);

function configure(dir) {
  mkdirSync(join(dir, '.datatrack'), { recursive: true });
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: postgres\n    database: bench\n');
}

const rows = [];
{
  const dir = scratchRepo();
  configure(dir);
  await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot: normalizeSnapshot(syntheticSnapshot(1000)) });
  const times = Array.from({ length: runs }, () => datatrack(['hook', 'pre-commit'], dir).seconds);
  rows.push(['pre-commit hook (lint + verify), 1,000 tables', median(times).toFixed(3), '≤ 1.0']);
}
{
  const dir = scratchRepo();
  configure(dir);
  const repo = openRepository(dir);
  const base = syntheticSnapshot(50);
  for (let i = 0; i < 500; i++) {
    const snapshot = structuredClone(base);
    // every snapshot changes one table; public.table_00007 changes in every tenth
    const table = snapshot.objects[i % 10 === 0 ? 7 : 10 + (i % 40)];
    table.comment = `revision ${i}`;
    await writeSnapshot({ repo, target: 'default', snapshot: normalizeSnapshot(snapshot), when: new Date(Date.UTC(2026, 0, 1) + i * 60_000) });
  }
  const times = Array.from({ length: runs }, () => datatrack(['history', 'public.table_00007'], dir).seconds);
  const whole = Array.from({ length: runs }, () => datatrack(['history'], dir).seconds);
  rows.push(['history public.table_00007, 500 snapshots', median(times).toFixed(3), '≤ 1.0']);
  rows.push(['history (all 500)', median(whole).toFixed(3), '']);
}
console.log(`### Workflow, whole CLI (${runs} runs, median seconds; ${machineLine()})\n`);
console.log(table(['case', 'seconds', 'target'], rows));
