// Trust under crashes (issue 7): kill -9 at random moments during snapshots. The ref must always
// point at a complete commit (old or new), fsck stays clean, and the next snapshot succeeds.
import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { BIN, GIT_ENV, fsck, git, repoWithSqlite, run } from '../helpers/cli.js';

const TRIALS = Number(process.env.STRESS_TRIALS ?? 200);
const TABLES = 300;

function schema(variant: number): string {
  return Array.from({ length: TABLES }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, v${variant} TEXT, w TEXT NOT NULL DEFAULT 'x');`).join('\n');
}

/**
 * Runs a snapshot and kills it after `afterMs`, or with `atPackIndex` the moment its pack's index is
 * renamed into place (its objects complete, the ref not yet moved: a window a timer hits by luck
 * alone); says whether it was killed and how long it ran.
 */
function killedSnapshot(cwd: string, afterMs: number, atPackIndex = false): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'snapshot'], { cwd, env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    const watcher = atPackIndex ? watch(join(cwd, '.git/objects/pack'), (_event, name) => name?.endsWith('.idx') && child.kill('SIGKILL')) : undefined;
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started });
    });
  });
}

/** The ref's value, or '' while it does not exist. */
function refValue(dir: string): string {
  return spawnSync('git', ['rev-parse', '--verify', '-q', 'refs/datatrack/default'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
}

/** Loose objects plus packed ones: grows when a killed snapshot got as far as writing objects. */
function objectCount(dir: string): number {
  const counts = Object.fromEntries(
    git(dir, 'count-objects', '-v').trim().split('\n').map((line) => line.split(': ') as [string, string]),
  );
  return Number(counts.count) + Number(counts['in-pack']);
}

test(`${TRIALS} snapshots killed at random moments leave a complete commit on the ref`, async () => {
  const { dir, db } = repoWithSqlite(schema(0));
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // The kill window follows how long a whole snapshot takes on this machine under its current
  // load, so kills land across introspection, object writes and the ref update alike; the first
  // third of a run is mostly node's start-up, which a few kills cover well enough.
  let fullMs = 600;
  const outcomes = { beforeObjects: 0, objectsWithoutRef: 0, refMoved: 0, finished: 0 };
  let verified = '';
  const spent = { schema: 0, snapshot: 0, checks: 0 };
  // Fractions of a whole run: the latest kill that found nothing written, the earliest that found the ref moved.
  const edge = { lastBefore: 0, firstAfter: Infinity };
  for (let trial = 1; trial <= TRIALS; trial++) {
    // change every table so each snapshot writes hundreds of new objects
    let mark = Date.now();
    const handle = new Database(db);
    handle.exec(`BEGIN;${Array.from({ length: TABLES }, (_, i) => `DROP TABLE t${i};`).join('')}${schema(trial)}COMMIT;`);
    handle.close();
    const before = { tip: refValue(dir), objects: objectCount(dir) };
    spent.schema += Date.now() - mark;
    mark = Date.now();
    // Every other kill aims at the edge between "nothing written" and "ref moved", where the
    // short window of object writes lies; the rest spread over the whole run.
    const aim = trial % 2 === 0 && edge.lastBefore > 0 && edge.firstAfter < Infinity;
    const [from, to] = aim ? [Math.min(edge.lastBefore, edge.firstAfter) - 0.05, Math.max(edge.lastBefore, edge.firstAfter) + 0.05] : [0.3, 1.1];
    // One kill in eight lands as the pack is complete, whatever the machine's timing that day.
    const atPackIndex = trial % 8 === 3;
    const fraction = atPackIndex ? NaN : from + random() * (to - from);
    const killAfter = atPackIndex ? 3 * fullMs : Math.floor(fraction * fullMs);
    const { killed, ms } = await killedSnapshot(dir, killAfter, atPackIndex);
    spent.snapshot += Date.now() - mark;
    mark = Date.now();
    // A run that finished teaches how long one takes; one still running at the end of the window
    // says the machine is slower than thought (the other stress file may be loading it).
    if (!killed) fullMs = Math.round(fullMs * 0.7 + ms * 0.3);
    else if (!atPackIndex && killAfter > 0.9 * fullMs) fullMs = Math.round(fullMs * 1.15);
    const tip = refValue(dir);
    if (!killed) outcomes.finished++;
    else if (tip !== before.tip) {
      outcomes.refMoved++;
      if (!atPackIndex) edge.firstAfter = Math.min(edge.firstAfter, fraction);
    } else if (objectCount(dir) > before.objects) outcomes.objectsWithoutRef++;
    else {
      outcomes.beforeObjects++;
      if (!atPackIndex) edge.lastBefore = Math.max(edge.lastBefore, fraction);
    }
    if (tip && tip !== verified) {
      // every object the new tip reaches beyond the last verified one is present and complete
      const range = verified ? [tip, '--not', verified] : [tip];
      const missing = git(dir, 'rev-list', '--objects', '--missing=print', ...range).split('\n').filter((l) => l.startsWith('?'));
      assert.equal(missing, [], `trial ${trial}: the ref reaches missing objects`);
      git(dir, 'cat-file', '-p', `${tip}:main/tables/t0.yaml`);
      verified = tip;
    }
    if (trial % 50 === 0) fsck(dir);
    spent.checks += Date.now() - mark;
  }
  console.log(`kill outcomes over ${TRIALS} trials: ${JSON.stringify(outcomes)}; a whole snapshot took ${fullMs} ms; spent ${JSON.stringify(spent)}`);
  // the trials must have struck every phase, or they prove nothing about the writes
  const floor = Math.max(1, Math.floor(TRIALS / 40));
  assert.ok(outcomes.beforeObjects >= floor, `too few kills before any write: ${JSON.stringify(outcomes)}`);
  assert.ok(outcomes.objectsWithoutRef >= floor, `too few kills between the object writes and the ref update: ${JSON.stringify(outcomes)}`);
  assert.ok(outcomes.refMoved + outcomes.finished >= floor, `too few snapshots got to the ref: ${JSON.stringify(outcomes)}`);
  const next = run(['snapshot', '--json'], dir);
  assert.is(next.code, 0, next.stderr);
  assert.not.ok(existsSync(join(dir, '.git/refs/datatrack/default.lock')), 'a lock was left behind');
  fsck(dir);
});

test.run();
