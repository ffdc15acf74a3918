// Diff speed (issue 4). (1) Two 10,000-table snapshots built in code and committed with
// writeSnapshot, differing in 0, 10 or 1,000 tables, or the second empty: the whole `datatrack diff A B` process, and
// the blobs it reads (its --json `stats`). (2) `diff --live` on a 1,000-table SQLite database and
// on a copy of the 1,000-table PostgreSQL bench database (bench/postgres-database.mjs), against
// the time of a snapshot of the same database. Prints medians as Markdown. BENCH_PARTS picks the
// parts (default: git,sqlite,postgres).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { datatrack, machineLine, median, scratchRepo, table } from './lib.mjs';
import { syntheticSnapshot } from './model.mjs';
import { client, databaseUrl, ensureDatabase } from './postgres-database.mjs';
import { sqliteSchema } from './sqlite.mjs';

const { normalizeSnapshot } = await import('../dist/src/model/canonical.js');
const { writeSnapshot } = await import('../dist/src/store/write-snapshot.js');
const { openRepository } = await import('../dist/src/store/repository.js');

const runs = Number(process.env.BENCH_RUNS ?? 5);
const size = Number(process.env.BENCH_TABLES ?? 10000);
const liveSize = Number(process.env.BENCH_LIVE_TABLES ?? 1000);
const parts = (process.env.BENCH_PARTS ?? 'git,sqlite,postgres').split(',');

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
  // Every table gone (a schema dropped): each removal is judged against the others (is it a partition whose tree stays?).
  pairs.push([`${size.toLocaleString('en')} tables removed`, await commit(normalizeSnapshot({ ...base, objects: [] }))]);
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

/** A first snapshot's time, then `diff --live` without drift and after `drift()` alters 10 tables, in `dir` connected to `url`. */
async function live(label, dir, url, drift) {
  datatrack(['init'], dir);
  datatrack(['connect', url], dir);
  const snapshot = [];
  const unchanged = [];
  for (let run = 0; run < runs; run++) {
    spawnSync('git', ['update-ref', '-d', 'refs/datatrack/default'], { cwd: dir });
    snapshot.push(datatrack(['snapshot'], dir).seconds);
    unchanged.push(datatrack(['diff', '--live', '--json'], dir).seconds);
  }
  await drift();
  const drifted = Array.from({ length: runs }, () => datatrack(['diff', '--live', '--json'], dir));
  const changes = JSON.parse(drifted[0].stdout).changes.length;
  const base = median(snapshot);
  const row = (run, seconds, count) => [run, count, seconds.toFixed(3), (seconds / base).toFixed(2)];
  console.error(`live ${label}: snapshot ${base.toFixed(3)} s, diff --live ${median(unchanged).toFixed(3)} s`);
  return [row('snapshot (first, for reference)', base, '—'), row('diff --live, no drift', median(unchanged), 0), row('diff --live, 10 tables drifted', median(drifted.map((d) => d.seconds)), changes)];
}

function sqliteLive() {
  const dir = scratchRepo();
  const path = join(dir, 'bench.db');
  const db = new Database(path);
  db.exec(sqliteSchema(liveSize));
  db.close();
  return live(`${liveSize} SQLite tables`, dir, 'sqlite:///bench.db', () => {
    const alter = new Database(path);
    for (let t = 0; t < liveSize; t += liveSize / 10) alter.exec(`ALTER TABLE t${String(t).padStart(5, '0')} ADD COLUMN drift TEXT`);
    alter.close();
  });
}

/** On a copy of the bench database, so that the drift never reaches the one other benchmarks reuse. */
async function postgresLive() {
  const source = await ensureDatabase(liveSize);
  const copy = `${source}_live`;
  const admin = await client('postgres');
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${source}`);
    return await live(`${liveSize} PostgreSQL tables`, scratchRepo(), databaseUrl(copy), async () => {
      const db = await client(copy);
      const { rows } = await db.query(`SELECT format('%I', relname) AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`);
      for (let t = 0; t < rows.length; t += rows.length / 10) await db.query(`ALTER TABLE ${rows[t].name} ADD COLUMN drift text`);
      await db.end();
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
    await admin.end();
  }
}

const liveHeaders = ['run', 'changes', 'seconds', 'relative to snapshot'];
if (parts.includes('git')) {
  const gitRows = await fromGit();
  console.log(`### Diff between two ${size.toLocaleString('en')}-table snapshots, whole CLI (${runs} runs, median; ${machineLine()})\n`);
  console.log(table(['snapshots', 'changes', 'files differing', 'blobs read', 'seconds', 'peak RSS MB'], gitRows));
}
if (parts.includes('sqlite')) {
  const rows = await sqliteLive();
  console.log(`\n### diff --live on ${liveSize.toLocaleString('en')} SQLite tables, whole CLI (${runs} runs, median; ${machineLine()})\n`);
  console.log(table(liveHeaders, rows));
}
if (parts.includes('postgres')) {
  const rows = await postgresLive();
  console.log(`\n### diff --live on ${liveSize.toLocaleString('en')} PostgreSQL tables, whole CLI (${runs} runs, median; ${machineLine()})\n`);
  console.log(table(liveHeaders, rows));
}
