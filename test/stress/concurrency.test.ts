// Trust under concurrency (issue 7): many processes snapshot one target while the schema changes,
// git itself updates the same ref, and gc / pack-refs run alongside. Nothing reported may be lost.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { BIN, GIT_ENV, fsck, git, repoWithSqlite } from '../helpers/cli.js';

const WRITERS = Number(process.env.STRESS_WRITERS ?? 8);
const ROUNDS = Number(process.env.STRESS_ROUNDS ?? 25);

function exec(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function locks(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else if (entry.name.endsWith('.lock')) found.push(join(d, entry.name));
    }
  };
  walk(join(dir, '.git'));
  return found;
}

/** The ref's value, or '' while it does not exist. */
function refValue(dir: string): string {
  return spawnSync('git', ['rev-parse', '--verify', '-q', 'refs/datatrack/default'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
}

async function scenario(alongside: { gitUpdateRef: boolean; housekeeping: boolean }): Promise<void> {
  const { dir, db } = repoWithSqlite('CREATE TABLE base (id INTEGER PRIMARY KEY)');
  let running = true;
  const reported: string[] = [];
  const fromGit: string[] = [];
  const failures: string[] = [];
  let housekeepingRuns = 0;
  const started = Date.now();

  const changer = (async () => {
    for (let i = 0; running; i++) {
      const handle = new Database(db, { timeout: 5000 });
      // a sliding window of tables: the schema keeps changing without growing, so each
      // snapshot costs the same from the first round to the last
      handle.exec(`CREATE TABLE t_${i} (id INTEGER PRIMARY KEY, v TEXT); DROP TABLE IF EXISTS "t_${i - 40}";`);
      handle.close();
      await new Promise((r) => setTimeout(r, 30));
    }
  })();
  // git's own compare-and-swap on the same ref: a commit with the current tree on top of the current tip
  const gitWriter = (async () => {
    while (running && alongside.gitUpdateRef) {
      const tip = refValue(dir);
      const made = tip ? await exec('git', ['commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'update-ref from git'], dir) : undefined;
      if (made?.code === 0) {
        const commit = made.stdout.trim();
        const result = await exec('git', ['update-ref', 'refs/datatrack/default', commit, tip], dir);
        if (result.code === 0) fromGit.push(commit);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  const housekeeping = (async () => {
    while (running && alongside.housekeeping) {
      await exec('git', ['pack-refs', '--all'], dir);
      await exec('git', ['gc', '--quiet', '--prune=now'], dir);
      housekeepingRuns++;
      await new Promise((r) => setTimeout(r, 1500));
    }
  })();

  // What runs alongside must really have run, or the scenario proves nothing about it: the writers
  // go on past ROUNDS until it has (a fast machine finishes the rounds before gc has run 5 times),
  // up to a cap that leaves the assertions below to say it never did.
  const alongsideRan = () => (!alongside.gitUpdateRef || fromGit.length >= 5) && (!alongside.housekeeping || housekeepingRuns >= 5);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let round = 0; round < ROUNDS || (!alongsideRan() && round < ROUNDS * 20); round++) {
        const result = await exec(process.execPath, [BIN, 'snapshot', '--json', '--allow-empty', '-m', `writer ${w} round ${round}`], dir);
        if (result.code !== 0) {
          failures.push(`${result.code}: ${result.stderr.trim()}${result.stdout.trim()}`);
          continue;
        }
        reported.push(JSON.parse(result.stdout).commit);
      }
    }),
  );
  running = false;
  await Promise.all([changer, gitWriter, housekeeping]);
  try {
    if (alongside.gitUpdateRef) assert.ok(fromGit.length >= 5, `git update-ref moved the ref only ${fromGit.length} times`);
    if (alongside.housekeeping) assert.ok(housekeepingRuns >= 5, `gc and pack-refs ran only ${housekeepingRuns} times`);
    await verifyOutcome(dir, failures, reported, fromGit);
    console.log(`${reported.length} snapshots, ${fromGit.length} git update-refs, ${housekeepingRuns} gc runs alongside, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    console.log(`kept for inspection: ${dir}`);
    process.env.KEEP_TEST_DIRS = '1';
    throw error;
  }
}

async function verifyOutcome(dir: string, failures: string[], reported: string[], fromGit: string[]): Promise<void> {

  // A run may give up on a lock held too long, but only with a clear message naming the lock.
  if (failures.length) console.log(`failures:\n${failures.join("\n")}\nfsck: ${(await exec('git', ['fsck', '--full', '--no-dangling'], dir)).stderr}`);
  for (const failure of failures) assert.ok(/cannot lock refs\/datatrack\/default: .*default\.lock exists|kept moving/.test(failure), failure);
  const chain = git(dir, 'rev-list', '--first-parent', 'refs/datatrack/default').trim().split('\n');
  assert.is(git(dir, 'rev-list', '--merges', 'refs/datatrack/default').trim(), '', 'the chain is linear');
  const onChain = new Set(chain);
  for (const commit of [...reported, ...fromGit]) assert.ok(onChain.has(commit), `commit ${commit} was reported but is not reachable`);
  assert.ok(reported.length >= WRITERS * ROUNDS * 0.9, `${reported.length} of ${WRITERS * ROUNDS} snapshots succeeded`);
  assert.equal(locks(dir), []);
  assert.not.ok(existsSync(join(dir, '.git/refs/datatrack/default.lock')));
  fsck(dir);
  const full = await exec('git', ['fsck', '--full', '--strict', '--no-dangling'], dir);
  assert.is(full.code, 0, full.stdout + full.stderr);
}

// git's own commit-tree + update-ref has the same race with `gc --prune=now` that datatrack
// guards against (an object pruned before its ref exists), so the two run in separate scenarios.
test(`${WRITERS} writers × ${ROUNDS} snapshots of one target, with plain git update-ref on the same ref`, () =>
  scenario({ gitUpdateRef: true, housekeeping: false }));

test(`${WRITERS} writers × ${ROUNDS} snapshots of one target, with git gc --prune=now and pack-refs --all alongside`, () =>
  scenario({ gitUpdateRef: false, housekeeping: true }));

test.run();
