// Diff speed (issue 4). (1) Two 10,000-table snapshots built in code and committed with
// writeSnapshot, differing in 0, 10 or 1,000 tables: the whole `datatrack diff A B` process, and
// the blobs it reads (its --json `stats`). (2) `diff --live` on a 1,000-table SQLite database,
// against the time of a snapshot of the same database. Prints medians as Markdown.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { datatrack, machineLine, median, scratchRepo, table } from './lib.mjs';
import { syntheticSnapshot } from './model.mjs';
import { sqliteSchema } from './sqlite.mjs';

const { normalizeSnapshot } = await import('../dist/src/model/canonical.js');
const { writeSnapshot } = await import('../dist/src/store/write-snapshot.js');
const { openRepository } = await import('../dist/src/store/repository.js');

const runs = Number(process.env.BENCH_RUNS ?? 5);
const size = Number(process.env.BENCH_TABLES ?? 10000);
const liveSize = Number(process.env.BENCH_LIVE_TABLES ?? 1000);

/** The snapshot with one column added to every `every`-th table. */
function changedEvery(snapshot, every) {
  const objects = snapshot.objects.map((o, i) => (i % every === 0 ? { ...o, columns: [...o.columns, { name: 'bench_added', type: 'text', nullable: true }] } : o));
  return normalizeSnapshot({ ...snapshot, objects });
}

async function fromGit() {
  const dir = scratchRepo();
  const repo = openRepository(dir);
  const base = normalizeSnapshot(syntheticSnapshot(size));
  const commit = async (snapshot) => (await writeSnapshot({ repo, target: 'bench', snapshot, allowEmpty: true })).commit;
  const a = await commit(base);
  const pairs = [['identical', await commit(base)]];
  for (const changed of [10, 1000]) pairs.push([`${changed.toLocaleString('en')} tables changed`, await commit(changedEvery(base, Math.max(1, size / changed)))]);
  const rows = [];
  for (const [label, b] of pairs) {
    const json = JSON.parse(datatrack(['diff', a, b, '--json'], dir).stdout);
    const times = Array.from({ length: runs }, () => datatrack(['diff', a, b, '--json'], dir));
    const seconds = median(times.map((t) => t.seconds));
    rows.push([label, json.changes.length, json.stats.files, json.stats.blobs_read, seconds.toFixed(3), Math.max(...times.map((t) => t.rssMb)).toFixed(0)]);
    console.error(`diff ${size} tables, ${label}: ${seconds.toFixed(3)} s, ${json.stats.blobs_read} blobs read`);
  }
  return rows;
}

function live() {
  const dir = scratchRepo();
  const path = join(dir, 'bench.db');
  const db = new Database(path);
  db.exec(sqliteSchema(liveSize));
  db.close();
  datatrack(['init'], dir);
  datatrack(['connect', 'sqlite:///bench.db'], dir);
  const snapshot = [];
  const unchanged = [];
  for (let run = 0; run < runs; run++) {
    spawnSync('git', ['update-ref', '-d', 'refs/datatrack/default'], { cwd: dir });
    snapshot.push(datatrack(['snapshot'], dir).seconds);
    unchanged.push(datatrack(['diff', '--live', '--json'], dir).seconds);
  }
  const alter = new Database(path);
  for (let t = 0; t < liveSize; t += liveSize / 10) alter.exec(`ALTER TABLE t${String(t).padStart(5, '0')} ADD COLUMN drift TEXT`);
  alter.close();
  const drifted = Array.from({ length: runs }, () => datatrack(['diff', '--live', '--json'], dir));
  const changes = JSON.parse(drifted[0].stdout).changes.length;
  const base = median(snapshot);
  const row = (label, seconds, count) => [label, count, seconds.toFixed(3), (seconds / base).toFixed(2)];
  console.error(`live ${liveSize} tables: snapshot ${base.toFixed(3)} s, diff --live ${median(unchanged).toFixed(3)} s`);
  return [row('snapshot (first, for reference)', base, '—'), row('diff --live, no drift', median(unchanged), 0), row('diff --live, 10 tables drifted', median(drifted.map((d) => d.seconds)), changes)];
}

const gitRows = await fromGit();
const liveRows = live();
console.log(`### Diff between two ${size.toLocaleString('en')}-table snapshots, whole CLI (${runs} runs, median; ${machineLine()})\n`);
console.log(table(['snapshots', 'changes', 'files differing', 'blobs read', 'seconds', 'peak RSS MB'], gitRows));
console.log(`\n### diff --live on ${liveSize.toLocaleString('en')} SQLite tables, whole CLI (${runs} runs, median)\n`);
console.log(table(['run', 'changes', 'seconds', 'relative to snapshot'], liveRows));
