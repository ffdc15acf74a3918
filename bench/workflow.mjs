// Day-to-day speed (issue 6): the pre-commit hook on a 1,000-table snapshot, and per-object history
// on a 500-snapshot history. Whole CLI processes; snapshots are written from synthetic models.
// At 10,000 tables: `pipeline run` on the schema generator's SQLite tables, one table changed before
// each run, and "did you mean" for a mistyped name among 10,000 long names alike but for their ends.
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { syntheticSnapshot } from './model.mjs';
import { datatrack, generatedSqliteRepo, machineLine, median, scratchRepo, table } from './lib.mjs';

const { normalizeSnapshot } = await import('../dist/src/model/canonical.js');
const { writeSnapshot } = await import('../dist/src/store/write-snapshot.js');
const { openRepository } = await import('../dist/src/store/repository.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);

function configure(dir) {
  mkdirSync(join(dir, '.datatrack'), { recursive: true });
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: postgres\n    database: bench\n');
}

/** Median seconds and the highest peak RSS of `times` whole-CLI runs. */
function measured(times) {
  return [median(times.map((t) => t.seconds)).toFixed(3), Math.max(...times.map((t) => t.rssMb)).toFixed(0)];
}

const rows = [];
{
  const dir = scratchRepo();
  configure(dir);
  await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot: normalizeSnapshot(syntheticSnapshot(1000)) });
  const times = Array.from({ length: runs }, () => datatrack(['hook', 'pre-commit'], dir));
  rows.push(['pre-commit hook (lint + verify), 1,000 tables', ...measured(times), '≤ 1.0']);
  rmSync(dir, { recursive: true, force: true });
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
  const times = Array.from({ length: runs }, () => datatrack(['history', 'public.table_00007'], dir));
  const whole = Array.from({ length: runs }, () => datatrack(['history'], dir));
  rows.push(['history public.table_00007, 500 snapshots', ...measured(times), '≤ 1.0']);
  rows.push(['history (all 500)', ...measured(whole), '']);
  rmSync(dir, { recursive: true, force: true });
}
{
  const dir = generatedSqliteRepo(10_000);
  const times = Array.from({ length: Math.min(runs, 3) }, (_, i) => {
    const db = new Database(join(dir, 'bench.db'));
    db.exec(`ALTER TABLE t_00042 ADD COLUMN bench_${i} INTEGER`);
    db.close();
    return datatrack(['pipeline', 'run'], dir);
  });
  rows.push(['pipeline run (snapshot, lint, verify, diff, export), 10,000 SQLite tables, one changed', ...measured(times), '']);
  rmSync(dir, { recursive: true, force: true });
}
{
  const dir = scratchRepo();
  configure(dir);
  await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot: normalizeSnapshot(syntheticSnapshot(10_000, { prefix: 'warehouse_inventory_adjustment_line_' })) });
  // exit 2: no such object, with the name probably meant
  const suggest = (name) => Array.from({ length: runs }, () => datatrack(['show', name], dir, {}, [2]));
  const typo = suggest('public.warehouse_inventroy_adjustment_line_04242');
  if (!typo[0].stderr.includes('did you mean "public.warehouse_inventory_adjustment_line_04242"?')) throw new Error(`no suggestion: ${typo[0].stderr}`);
  rows.push(['show, a typo among 10,000 long names alike ("did you mean")', ...measured(typo), '']);
  rows.push(['show, a name like none of them', ...measured(suggest('public.something_else_entirely_of_its_length_42')), '']);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`### Workflow, whole CLI (${runs} runs, median seconds; ${machineLine()})\n`);
console.log(table(['case', 'seconds', 'peak RSS MB', 'target'], rows));
