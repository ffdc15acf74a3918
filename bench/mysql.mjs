#!/usr/bin/env node
// MySQL/MariaDB benchmark: the whole CLI (`node bin/datatrack snapshot`, a fresh repository per
// run, so every blob is written) against `mariadb-dump --no-data` on the same database, runs
// interleaved, medians and peak RSS reported.
//
//   node bench/mysql.mjs [--sizes 12,75,250,1000,2500,10000] [--runs 5] [--dump-cap 300]
//                        [--out bench/last-run/mysql.md] [--keep]
//
// --sizes limits the run (the default is every size the targets name; 10,000 tables take a while
// to load and to drop). On MariaDB the schema includes sequences (MySQL has none).
// Needs a built tree (npm run build), a MariaDB/MySQL server (MYSQL_HOST/MYSQL_PORT, root with
// MYSQL_PWD or none) and the mariadb (or mysql) client and dumper on PATH. Databases are named
// dt_bench_<size> and dropped afterwards unless --keep.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchema } from './mysql-schema.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'datatrack');
const HOST = process.env.MYSQL_HOST ?? '127.0.0.1';
const PORT = process.env.MYSQL_PORT ?? '3306';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = option('sizes', '12,75,250,1000,2500,10000').split(',').map(Number);
const RUNS = Number(option('runs', '5'));
const DUMP_CAP = Number(option('dump-cap', '300'));
// The recorded runs in bench/RESULTS-mysql.md are edited by hand: a run on a busy or slowed machine
// must not replace them.
const OUT = option('out', join(ROOT, 'bench', 'last-run', 'mysql.md'));
const KEEP = args.includes('--keep');

const which = (...names) => names.find((n) => spawnSync(n, ['--version'], { stdio: 'ignore' }).status === 0);
const CLIENT = which('mariadb', 'mysql');
const DUMPER = which('mariadb-dump', 'mysqldump');
if (!CLIENT || !DUMPER) throw new Error('needs the mariadb/mysql client and mariadb-dump/mysqldump on PATH');
const connection = ['-h', HOST, '-P', PORT, '-u', 'root'];

function sql(statement, database) {
  return execFileSync(CLIENT, [...connection, '-N', '-B', ...(database ? [database] : []), '-e', statement], { encoding: 'utf8' }).trim();
}

/** CREATE SEQUENCE exists on MariaDB (10.3 and newer), not on MySQL. */
const SEQUENCES = /mariadb/i.test(sql('SELECT VERSION()'));

// ------------------------------------------------------------------ measuring
/** Runs a command under /usr/bin/time: wall seconds (hrtime) and peak RSS in MB. */
function measure(command, argv, options = {}) {
  const rssFile = join(tmpdir(), `dt-bench-rss-${process.pid}`);
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...argv], { stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'], encoding: 'utf8', cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error?.code === 'ETIMEDOUT' || result.signal) return { seconds, capped: true };
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed: ${result.stderr}`);
  const rss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
  return { seconds, rss };
}

function freshRepo(database) {
  const dir = mkdtempSync(join(tmpdir(), 'dt-bench-'));
  execFileSync('git', ['init', '-q', dir]);
  for (const argv of [['init'], ['connect', `mysql://root@${HOST}:${PORT}/${database}`]]) execFileSync(process.execPath, [BIN, ...argv], { cwd: dir, stdio: 'ignore' });
  return dir;
}

/** One timed `datatrack snapshot`; with `history`, the repository already holds a snapshot of this schema (no new commit, no new blob). */
function snapshotRun(database, { jobs, history = false }) {
  const dir = freshRepo(database);
  const argv = [BIN, 'snapshot', ...(jobs ? ['--jobs', String(jobs)] : [])];
  try {
    if (history) execFileSync(process.execPath, argv, { cwd: dir, stdio: 'ignore' });
    return measure(process.execPath, argv, { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The driver alone, in-process (connect, catalog queries, model): where `--jobs` acts. */
function catalogRun(database, jobs) {
  const script = `const { mysqlDriver } = await import(${JSON.stringify(join(ROOT, 'dist/src/dialects/mysql/driver.js'))});
const t = performance.now();
await mysqlDriver.introspect({ dialect: 'mysql', host: ${JSON.stringify(HOST)}, port: ${Number(PORT)}, user: 'root', password: process.env.MYSQL_PWD, database: ${JSON.stringify(database)}, options: {} }, { jobs: ${jobs} });
process.stdout.write(String((performance.now() - t) / 1000));`;
  return { seconds: Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) };
}

function dumpRun(database, timeoutMs) {
  return measure(DUMPER, [...connection, '--no-data', database], { timeoutMs });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function bench(size, runs) {
  const database = `dt_bench_${size}`;
  sql(`DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  const loadStarted = Date.now();
  await new Promise((resolve, reject) => {
    const child = spawn(CLIENT, [...connection, database], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`loading ${database} failed`))));
    child.stdin.end(generateSchema(size, { sequences: SEQUENCES }));
  });
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  const columns = Number(sql(`SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '${database}'`));
  const variants = { jobs1: { jobs: 1 }, default: {}, history: { history: true } };
  if (availableParallelism() !== 2 && size === 2500) variants.jobs2 = { jobs: 2 };
  const samples = Object.fromEntries([...Object.keys(variants), 'dump', 'catalog1', 'catalog2'].map((k) => [k, []]));
  const dumpRuns = size >= 10_000 ? 1 : runs;
  for (let run = 0; run < runs; run++) {
    for (const [name, variant] of Object.entries(variants)) samples[name].push(snapshotRun(database, variant));
    if (run < dumpRuns) samples.dump.push(dumpRun(database, DUMP_CAP * 1000));
    samples.catalog1.push(catalogRun(database, 1));
    samples.catalog2.push(catalogRun(database, 2));
    process.stderr.write(`  ${size} tables: run ${run + 1}/${runs}\n`);
  }
  const summary = (list) => ({
    seconds: median(list.map((s) => s.seconds)),
    rss: Math.max(...list.map((s) => s.rss ?? 0)),
    capped: list.some((s) => s.capped),
    runs: list.length,
  });
  return { size, columns, loadSeconds, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)])) };
}

function machine() {
  const version = sql('SELECT VERSION()');
  const dumper = execFileSync(DUMPER, ['--version'], { encoding: 'utf8' }).trim();
  return `${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}, server ${version}, ${dumper.replace(/\s+/g, ' ')}`;
}

const fmt = (s) => (s.capped ? `> ${DUMP_CAP} s (capped)` : `${s.seconds.toFixed(2)} s`);

/** Writes what has been measured so far (a 10,000-table DROP DATABASE alone can take minutes). */
function report(results) {
  const lines = [
    '# MySQL/MariaDB snapshot benchmark',
    '',
    `Machine: ${machine()}.`,
    `Date: ${new Date().toISOString().slice(0, 10)}. Command: \`node bench/mysql.mjs ${args.join(' ')}\`. Load average (1 min) at start ${loadAtStart.toFixed(1)}, at the last size ${loadavg()[0].toFixed(1)} (other work shares the machine).`,
    '',
    'Each datatrack run is the whole CLI, `node bin/datatrack snapshot [--jobs N]`. "new repository": into a fresh repository, so',
    'every blob and tree is written (the first snapshot of a schema); "existing history": the repository already holds a snapshot',
    'of this schema, so nothing new is written and no commit is made (every later snapshot of an unchanged schema, the usual case',
    'in CI). `default` is the CLI default (`--jobs` = CPU count). The dumper is `' + DUMPER + ' --no-data <db>` to /dev/null on the',
    'same database, interleaved with the datatrack runs. Wall-clock medians; peak RSS is the largest of the runs.',
    '',
    '| tables | columns | runs | new repository, --jobs 1 | new repository, default | existing history, default | ' + DUMPER + ' --no-data | new / dump | existing / dump | peak RSS datatrack | peak RSS dump |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const ratio = (x) => (r.dump.capped ? `< ${(x.seconds / DUMP_CAP).toFixed(3)}` : (x.seconds / r.dump.seconds).toFixed(2));
      const rss = Math.max(r.jobs1.rss, r.default.rss, r.history.rss);
      return `| ${r.size} | ${r.columns} | ${r.default.runs} (dump ${r.dump.runs}) | ${fmt(r.jobs1)} | ${fmt(r.default)} | ${fmt(r.history)} | ${fmt(r.dump)} | ${ratio(r.default)} | ${ratio(r.history)} | ${rss.toFixed(0)} MB | ${r.dump.capped ? '–' : `${r.dump.rss.toFixed(0)} MB`} |`;
    }),
  ];
  lines.push(
    '',
    'The driver alone (connect, catalog queries, model; in-process, medians), where `--jobs` acts:',
    '',
    '| tables | --jobs 1 | --jobs 2 |',
    '|---|---|---|',
    ...results.map((r) => `| ${r.size} | ${fmt(r.catalog1)} | ${fmt(r.catalog2)} |`),
  );
  const jobs2 = results.find((r) => r.jobs2);
  if (jobs2) lines.push('', `At ${jobs2.size} tables, the whole CLI with \`--jobs 2\`: ${fmt(jobs2.jobs2)} against ${fmt(jobs2.jobs1)} with \`--jobs 1\`.`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${lines.join('\n')}\n`);
  return lines.join('\n');
}

const loadAtStart = loadavg()[0];
const results = [];
for (const size of SIZES) {
  process.stderr.write(`${size} tables…\n`);
  results.push(await bench(size, size >= 10_000 ? Math.min(RUNS, 2) : RUNS));
  report(results);
  if (!KEEP) sql(`DROP DATABASE dt_bench_${size}`);
}
process.stdout.write(`${report(results)}\n`);
