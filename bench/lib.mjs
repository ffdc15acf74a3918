// Shared benchmark helpers: timing whole CLI processes, medians, peak RSS, a machine line, a
// repository with a snapshot of the schema generator's SQLite tables.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateSchema } from './generate-schema.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'datatrack');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command and returns wall seconds and peak RSS (MB) of the process tree's largest member; an exit status not in `statuses` throws. */
export function timed(command, args, options = {}, statuses = [0]) {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const seconds = (performance.now() - started) / 1000;
  if (!statuses.includes(result.status)) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rssKb = Number(result.stderr.trim().split('\n').pop());
  return { seconds, rssMb: rssKb / 1024, stdout: result.stdout, stderr: result.stderr };
}

export function datatrack(args, cwd, env = {}, statuses = [0]) {
  return timed(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } }, statuses);
}

export function scratchRepo(prefix = 'dt-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

/** A repository whose default target is a SQLite file of generateSchema's `tables` tables, snapshotted once. */
export function generatedSqliteRepo(tables) {
  const dir = scratchRepo();
  const db = new Database(join(dir, 'bench.db'));
  db.exec(generateSchema({ dialect: 'sqlite', tables }).statements.map((s) => `${s};`).join('\n'));
  db.close();
  for (const args of [['init'], ['connect', 'sqlite:///bench.db'], ['snapshot']]) datatrack(args, dir);
  return dir;
}

export function machineLine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}`;
}

export function table(headers, rows) {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}
