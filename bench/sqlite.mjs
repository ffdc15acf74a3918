// SQLite snapshot speed (issue 3): the whole CLI process for 12 … 10,000 tables, --jobs 1 and
// default, interleaved with `sqlite3 .schema` on the same file; medians, peak RSS, ratio.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { datatrack, machineLine, median, scratchRepo, table, timed } from './lib.mjs';

const sizes = (process.env.BENCH_SIZES ?? '12,75,250,1000,2500,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);

/** N tables of 8–20 mixed columns, a PK, an FK to an earlier table, 1–3 indexes, a CHECK; some views. */
export function sqliteSchema(tables) {
  const types = ['INTEGER', 'TEXT', 'REAL', 'NUMERIC(12,2)', 'BLOB', 'VARCHAR(255)', 'BOOLEAN', 'DATETIME'];
  const out = [];
  for (let t = 0; t < tables; t++) {
    const name = `t${String(t).padStart(5, '0')}`;
    const count = 8 + ((t * 7) % 13);
    const cols = ['id INTEGER PRIMARY KEY'];
    for (let c = 1; c < count; c++) cols.push(`c${c} ${types[(t + c) % types.length]}${c % 3 === 0 ? ' NOT NULL DEFAULT 0' : ''}`);
    if (t > 0) cols.push(`parent_id INTEGER REFERENCES t${String(Math.floor(t / 2)).padStart(5, '0')}(id) ON DELETE CASCADE`);
    cols.push('CHECK (c1 IS NOT NULL OR c2 IS NULL)');
    out.push(`CREATE TABLE ${name} (${cols.join(', ')});`);
    for (let i = 1; i <= 1 + (t % 3); i++) out.push(`CREATE INDEX ${name}_i${i} ON ${name} (c${i});`);
    if (t % 25 === 0) out.push(`CREATE VIEW v_${name} AS SELECT id, c1 FROM ${name} WHERE c1 IS NOT NULL;`);
  }
  return out.join('\n');
}

async function main() {
const rows = [];
for (const size of sizes) {
  const dir = scratchRepo();
  const db = new Database(join(dir, 'bench.db'));
  db.exec(sqliteSchema(size));
  db.close();
  const setup = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'datatrack'), 'init'], { cwd: dir });
  if (setup.status !== 0) throw new Error('init failed');
  datatrack(['connect', 'sqlite:///bench.db'], dir);
  const first = { 1: [], 2: [] };
  const resnap = [];
  const dumper = [];
  let rss = 0;
  const n = size >= 10000 ? Math.min(runs, 3) : runs;
  for (let run = 0; run < n; run++) {
    for (const jobs of [1, 2]) {
      spawnSync('git', ['update-ref', '-d', 'refs/datatrack/default'], { cwd: dir });
      const r = datatrack(['snapshot', '--jobs', String(jobs)], dir);
      first[jobs].push(r.seconds);
      rss = Math.max(rss, r.rssMb);
    }
    resnap.push(datatrack(['snapshot'], dir).seconds);
    dumper.push(timed('sqlite3', [join(dir, 'bench.db'), '.schema']).seconds);
  }
  const best = median(first[2]);
  rows.push([size, median(first[1]).toFixed(3), best.toFixed(3), median(resnap).toFixed(3), median(dumper).toFixed(3), (best / median(dumper)).toFixed(2), rss.toFixed(0)]);
  console.error(`sqlite ${size}: jobs1 ${median(first[1]).toFixed(3)} s, default ${best.toFixed(3)} s, re-snapshot ${median(resnap).toFixed(3)} s, sqlite3 .schema ${median(dumper).toFixed(3)} s`);
}
console.log(`### SQLite snapshot, whole CLI (${runs} runs, median seconds; ${machineLine()})\n`);
console.log(table(['tables', '--jobs 1', 'default (--jobs 2)', 'unchanged re-snapshot', 'sqlite3 .schema', 'ratio to sqlite3', 'peak RSS MB'], rows));
}

if (process.argv[1] === import.meta.filename) await main();
