// PostgreSQL benchmark: the whole CLI process (`node bin/datatrack snapshot`, never npx) against
// `pg_dump --schema-only` on the same generated databases, interleaved, medians of several runs,
// with peak RSS (from /usr/bin/time) and the ratio to pg_dump; plus the dialect alone, in process.
//
//   npm run build && node bench/postgres.mjs [--sizes 12,75,250,1000,2500,10000] [--runs 3] [--drop]
//
// Databases (bench/postgres-database.mjs) are named dt_bench_pg_<N> and kept between runs (a 10,000-table schema takes a minute
// to create); --drop removes them at the end. Environment: PGHOST/PGPORT/PGUSER (default
// 127.0.0.1:5432 postgres, trust or PGPASSWORD).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { introspectPostgres } from '../dist/src/dialects/postgres/driver.js';
import { client, databaseUrl, dropDatabases, ensureDatabase, HOST, PORT, USER } from './postgres-database.mjs';
import { datatrack, machineLine, median, scratchRepo, table, timed } from './lib.mjs';

const arg = (flag, fallback) => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const SIZES = arg('--sizes', '12,75,250,1000,2500,10000').split(',').map(Number);
const RUNS = Number(arg('--runs', '3'));
const GIT_ENV = { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

/** Repositories are removed only at the end: deleting 10,000 files (ext4 with discard) slows the next run's writes. */
const repos = [];

function freshRepo(database) {
  const dir = scratchRepo();
  repos.push(dir);
  datatrack(['init'], dir, GIT_ENV);
  datatrack(['connect', databaseUrl(database)], dir, GIT_ENV);
  return dir;
}

function snapshot(dir, jobs) {
  const run = datatrack(['snapshot', '--json', ...(jobs ? ['--jobs', String(jobs)] : [])], dir, GIT_ENV);
  return { ...run, changed: JSON.parse(run.stdout).changed };
}

async function benchSize(n) {
  const database = await ensureDatabase(n);
  const samples = { jobs1: [], jobsDefault: [], again: [], dump: [], rss: [], dumpRss: [], introspect: [] };
  for (let r = 0; r < RUNS; r++) {
    // Interleaved; each first snapshot into a fresh repository (no object already stored).
    for (const jobs of [1, undefined]) {
      const dir = freshRepo(database);
      const first = snapshot(dir, jobs);
      if (!first.changed) throw new Error('a first snapshot made no commit');
      (jobs === 1 ? samples.jobs1 : samples.jobsDefault).push(first.seconds);
      samples.rss.push(first.rssMb);
      if (jobs === undefined) {
        const again = snapshot(dir, jobs);
        if (again.changed) throw new Error('an unchanged database made a new commit');
        samples.again.push(again.seconds);
        samples.rss.push(again.rssMb);
      }
    }
    // The dialect alone, in this process: the catalog reads and the model, without start-up and git.
    const started = performance.now();
    await introspectPostgres({ dialect: 'postgres', database, host: HOST, port: PORT, user: USER, options: {} }, { jobs: availableParallelism() });
    samples.introspect.push((performance.now() - started) / 1000);
    const dump = timed('pg_dump', ['--schema-only', '-h', HOST, '-p', String(PORT), '-U', USER, '-f', '/dev/null', database]);
    samples.dump.push(dump.seconds);
    samples.dumpRss.push(dump.rssMb);
  }
  const s = (v) => `${v.toFixed(3)} s`;
  const [jobs1, jobsDefault, dump] = [median(samples.jobs1), median(samples.jobsDefault), median(samples.dump)];
  return [
    n, RUNS, s(jobs1), s(jobsDefault), s(median(samples.again)), s(dump), (jobsDefault / dump).toFixed(2), (jobs1 / jobsDefault).toFixed(2),
    `${Math.max(...samples.rss).toFixed(0)} MB`, `${Math.max(...samples.dumpRss).toFixed(0)} MB`, s(median(samples.introspect)),
  ];
}

const server = await client('postgres');
const serverVersion = (await server.query('SHOW server_version')).rows[0].server_version;
await server.end();
const loadAtStart = loadavg()[0];
const rows = [];
for (const n of SIZES) rows.push(await benchSize(n));
console.log(`machine: nproc ${availableParallelism()}, ${machineLine()}, PostgreSQL ${serverVersion}, ${execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).trim()}`);
console.log(`default --jobs = ${Math.min(availableParallelism(), 8)}; load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at the end`);
console.log('');
console.log(
  table(
    ['tables', 'runs', 'snapshot --jobs 1', 'snapshot (default jobs)', 're-snapshot, unchanged', 'pg_dump --schema-only', 'default / pg_dump', 'jobs 1 / default', 'peak RSS', 'pg_dump peak RSS', 'dialect alone (in process)'],
    rows,
  ),
);
for (const dir of repos) rmSync(dir, { recursive: true, force: true });
if (process.argv.includes('--drop')) await dropDatabases(SIZES);
