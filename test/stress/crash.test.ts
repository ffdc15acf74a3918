// Trust under crashes (issue 7): kill -9 at random moments during snapshots. The ref must always
// point at a complete commit (old or new), fsck stays clean, and the next snapshot succeeds.
import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { BIN, GIT_ENV, fsck, git, repoWithSqlite, run } from '../helpers/cli.js';

const TRIALS = Number(process.env.STRESS_TRIALS ?? 200);

function schema(tables: number, variant: number): string {
  return Array.from({ length: tables }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, v${variant} TEXT, w TEXT NOT NULL DEFAULT 'x');`).join('\n');
}

function killedSnapshot(cwd: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'snapshot'], { cwd, env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The ref's value, or '' while it does not exist. */
function refValue(dir: string): string {
  return spawnSync('git', ['rev-parse', '--verify', '-q', 'refs/datatrack/default'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
}

test(`${TRIALS} snapshots killed at random moments leave a complete commit on the ref`, async () => {
  const { dir, db } = repoWithSqlite(schema(300, 0));
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let trial = 1; trial <= TRIALS; trial++) {
    // change every table so each snapshot writes hundreds of new objects
    const handle = new Database(db);
    handle.exec(Array.from({ length: 300 }, (_, i) => `DROP TABLE t${i};`).join('') + schema(300, trial));
    handle.close();
    await killedSnapshot(dir, Math.floor(random() * 400));
    const tip = refValue(dir);
    if (tip) {
      // every object the ref reaches is present and complete
      const missing = git(dir, 'rev-list', '--objects', '--missing=print', tip).split('\n').filter((l) => l.startsWith('?'));
      assert.equal(missing, [], `trial ${trial}: the ref reaches missing objects`);
      git(dir, 'cat-file', '-p', `${tip}:main/tables/t0.yaml`);
    }
    if (trial % 50 === 0) fsck(dir);
  }
  const next = run(['snapshot', '--json'], dir);
  assert.is(next.code, 0, next.stderr);
  fsck(dir);
});

test.run();
