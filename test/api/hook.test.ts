// The git hooks' checks, run in-process on repositories set up with git (test/hooks/run.test.ts runs them as git does).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runHook, type Hook } from '../../src/api/hook.js';
import { snapshot } from '../../src/api/snapshot.js';
import { git, repoWithSqlite } from '../helpers/cli.js';

/** What git gives pre-push on stdin for one ref being pushed. */
const PUSHED = `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n`;

const runIn = (dir: string, hook: Hook) => runHook({ cwd: dir, hook, readInput: async () => (hook === 'pre-push' ? PUSHED : undefined), fromGit: true });

/** A repository whose latest snapshot breaks the default rules (enforce_snake_case), all of it committed. */
async function committedWithBadName() {
  const { dir, db } = repoWithSqlite('CREATE TABLE "Bad Name" (id INTEGER PRIMARY KEY)');
  await snapshot({ cwd: dir });
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

test.run();
