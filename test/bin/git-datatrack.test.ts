import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GIT_ENV, ROOT, git, repoWithSqlite, runJson, tempDir } from '../helpers/cli.js';

/** A PATH holding only the linked bins (as `npm link` would make them) and the system's. */
function linkedPath(): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  for (const name of ['datatrack', 'git-datatrack']) symlinkSync(join(ROOT, 'bin', name), join(bin, name));
  const nodeDir = dirname(process.execPath);
  return [bin, nodeDir, '/usr/bin', '/bin'].join(':');
}

function gitDatatrack(args: string[], cwd: string, path: string) {
  return spawnSync('git', ['datatrack', ...args], { cwd, encoding: 'utf8', env: { ...GIT_ENV, PATH: path, HOME: process.env.HOME, NO_COLOR: '1' } });
}

test('git datatrack runs the same commands, found by git on PATH', () => {
  const path = linkedPath();
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY)');
  const help = gitDatatrack(['-h'], dir, path);
  assert.is(help.status, 0, help.stderr);
  for (const command of ['snapshot', 'history', 'show', 'export', 'connect']) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  assert.is(gitDatatrack(['snapshot'], dir, path).status, 0);
  const history = gitDatatrack(['history', '--json'], dir, path);
  assert.is(history.status, 0, history.stderr);
  const commits = (JSON.parse(history.stdout) as { commit: string }[]).map((h) => h.commit);
  assert.equal(commits, git(dir, 'log', '--format=%H', 'refs/datatrack/default').trim().split('\n'));
  assert.equal(runJson<{ commit: string }[]>(['history'], dir).map((h) => h.commit), commits);
  const datatrack = spawnSync('datatrack', ['--version'], { cwd: dir, encoding: 'utf8', env: { PATH: path } });
  assert.match(datatrack.stdout, /^datatrack\/\d/);
});

test.run();
