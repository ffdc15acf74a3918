// The git hooks' checks, run in-process on repositories set up with git (test/hooks/run.test.ts runs them as git does).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { runHook, type Hook } from '../../src/api/hook.js';
import { snapshot as takeSnapshot } from '../../src/api/snapshot.js';
import { git, markDamaged, repoWithSqlite } from '../helpers/cli.js';
import { withEnv } from '../helpers/env.js';
import { column, commitSnapshots, snapshot, table } from '../helpers/models.js';

/** What git gives pre-push on stdin for one ref being pushed. */
const PUSHED = `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n`;

const runIn = (dir: string, hook: Hook) => runHook({ cwd: dir, hook, readInput: async () => (hook === 'pre-push' ? PUSHED : undefined), fromGit: true });

/** A repository whose latest snapshot breaks the default rules (enforce_snake_case), all of it committed. */
async function committedWithBadName() {
  const { dir, db } = repoWithSqlite('CREATE TABLE "Bad Name" (id INTEGER PRIMARY KEY)');
  await takeSnapshot({ cwd: dir });
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'init');
  const config = join(dir, '.datatrack/config.yaml');
  return { dir, db, config, committed: readFileSync(config, 'utf8') };
}

test('pre-commit runs by the hooks settings the commit holds: an unstaged edit neither lets a commit through nor blocks it', async () => {
  const { dir, config, committed } = await committedWithBadName();
  const blocked = await runIn(dir, 'pre-commit');
  assert.is(blocked.blocked, true);
  assert.ok(blocked.lines.some((l) => l.status === 'blocked' && /^default: verify 1 error/.test(l.text)), JSON.stringify(blocked.lines));
  const unchecked = `${committed}hooks:\n  pre_commit: {lint: false, verify: false}\n`;
  writeFileSync(config, unchecked);
  assert.is((await runIn(dir, 'pre-commit')).blocked, true, 'settings not staged do not let the commit through');
  git(dir, 'add', '.datatrack/config.yaml');
  assert.is((await runIn(dir, 'pre-commit')).blocked, false, 'staged, they do');
  // a mistake in the hooks settings, not staged: the commit holds valid ones
  writeFileSync(config, `${committed}hooks:\n  timeout: 0\n`);
  const passed = await runIn(dir, 'pre-commit');
  assert.equal([passed.blocked, passed.lines.filter((l) => /timeout/.test(l.text))], [false, []], JSON.stringify(passed.lines));
});

test("pre-push drift: a target whose connection cannot be made here is one line of the report, the other targets' drift still checked", async () => {
  const { dir, db, config } = await committedWithBadName();
  await commitSnapshots(dir, 'pg', [snapshot([table('t', [column('id')])])]);
  const targets = 'targets:\n  default: {dialect: sqlite, database: app.db}\n  pg: {dialect: postgres, host: 127.0.0.1, database: fx_hookcfg_none}\n';
  writeFileSync(config, `version: 1\n${targets}hooks:\n  pre_push: {lint: false, verify: false, drift: true}\n`);
  const handle = new Database(db);
  handle.exec('DROP TABLE "Bad Name"');
  handle.close();
  const mysqlUrl = { DATATRACK_PG_URL: 'mysql://root@127.0.0.1:3306/fx_hookcfg_none' };
  const pushed = await withEnv(mysqlUrl, () => runIn(dir, 'pre-push'));
  assert.is(pushed.blocked, true);
  assert.ok(pushed.lines.some((l) => l.status === 'blocked' && /^default: drift 1 change \(1 breaking\)/.test(l.text)), JSON.stringify(pushed.lines));
  assert.ok(pushed.lines.some((l) => l.status === 'warning' && /^pg: drift not checked: DATATRACK_PG_URL is a MySQL connection, but target pg is PostgreSQL/.test(l.text)), JSON.stringify(pushed.lines));
  writeFileSync(config, readFileSync(config, 'utf8').replace('drift: true', 'drift: true, strict: true'));
  const strict = await withEnv(mysqlUrl, () => runIn(dir, 'pre-push'));
  assert.ok(strict.lines.some((l) => l.status === 'blocked' && /^pg: drift not checked: /.test(l.text)), JSON.stringify(strict.lines));
  // so is a target whose ref is damaged
  markDamaged(dir);
  writeFileSync(join(dir, '.git/refs/datatrack/pg'), '');
  const damaged = await runIn(dir, 'pre-push');
  assert.ok(damaged.lines.some((l) => /^default: drift 1 change/.test(l.text)), JSON.stringify(damaged.lines));
  assert.ok(damaged.lines.some((l) => /^pg: drift not checked: refs\/datatrack\/pg is damaged/.test(l.text)), JSON.stringify(damaged.lines));
});

test("a hook changes no file: the Python tool's db_link.yaml is left for a command to migrate, and the report says so", async () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\n');
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: postgresql://app:hunter2@db.example/app\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'python era');
  for (const hook of ['pre-commit', 'pre-push'] as const) {
    const result = await runIn(dir, hook);
    assert.is(git(dir, 'status', '--porcelain'), '', hook);
    assert.ok(result.lines.some((l) => l.status === 'warning' && /^\.datatrack\/db_link\.yaml \(Python datatrack\) is not migrated yet.*`datatrack targets`/.test(l.text)), JSON.stringify(result.lines));
  }
});

test.run();
