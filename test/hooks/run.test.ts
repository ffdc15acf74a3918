import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { GIT_ENV, git, repoWithSqlite, run, runJson, tempDir } from '../helpers/cli.js';

function gitRun(cwd: string, ...args: string[]) {
  return spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
}

test('with an error finding in the latest snapshot, commit and push are blocked; after a fix they pass; --no-verify bypasses', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE "BadName" (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  git(dir, 'remote', 'add', 'origin', remote);
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install'], dir);
  writeFileSync(join(dir, 'README'), 'hello\n');
  git(dir, 'add', 'README');

  const blocked = gitRun(dir, 'commit', '-m', 'first');
  assert.is.not(blocked.status, 0);
  assert.match(blocked.stderr, /datatrack pre-commit: BLOCKED default: verify 1 errors/);
  assert.match(blocked.stderr, /enforce_snake_case main\.BadName/);
  assert.is(gitRun(dir, 'commit', '--no-verify', '-m', 'bypassed').status, 0);
  const push = gitRun(dir, 'push', 'origin', 'HEAD:refs/heads/main');
  assert.is.not(push.status, 0);
  assert.match(push.stderr, /datatrack pre-push: ok pushing 1 ref/);
  assert.match(push.stderr, /datatrack pre-push: BLOCKED/);

  const handle = new Database(db);
  handle.exec('ALTER TABLE "BadName" RENAME TO good_name');
  handle.close();
  runJson(['snapshot'], dir);
  writeFileSync(join(dir, 'README'), 'hello again\n');
  git(dir, 'add', 'README');
  const passed = gitRun(dir, 'commit', '-m', 'second');
  assert.is(passed.status, 0, passed.stderr);
  assert.match(passed.stderr, /datatrack pre-commit: ok default: verify 0 errors/);
  const pushed = gitRun(dir, 'push', 'origin', 'HEAD:refs/heads/main');
  assert.is(pushed.status, 0, pushed.stderr);
});

test('a staged config or rules file with a mistake blocks the commit with file:line:column', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  max_name_length: thirty\n');
  git(dir, 'add', 'schema_rules.yaml');
  const blocked = gitRun(dir, 'commit', '-m', 'bad rules');
  assert.is.not(blocked.status, 0);
  assert.match(blocked.stderr, /BLOCKED schema_rules\.yaml:2:\d+: /);
  git(dir, 'checkout', '--', '.');
  git(dir, 'reset', '--quiet');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  max_name_length: 30\n');
  git(dir, 'add', 'schema_rules.yaml', '.datatrack/config.yaml');
  const ok = gitRun(dir, 'commit', '-m', 'good rules');
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /ok schema_rules\.yaml \(staged\) is valid/);
  assert.match(ok.stderr, /ok \.datatrack\/config\.yaml \(staged\) is valid/);
});

test('pre-push drift check: skips with a warning when the database is gone, blocks when strict', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  const config = join(dir, '.datatrack/config.yaml');
  const base = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n';
  writeFileSync(config, `${base}hooks:\n  pre_push:\n    drift: true\n`);
  const handle = new Database(db);
  handle.exec('DROP TABLE good; CREATE TABLE other (id INTEGER)');
  handle.close();
  const drift = spawnSync(process.execPath, [join(process.cwd(), 'bin/datatrack'), 'hook', 'pre-push'], { cwd: dir, input: '', encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.is(drift.status, 1);
  assert.match(drift.stderr, /BLOCKED default: drift 2 changes \(1 breaking\)/);
  writeFileSync(config, base.replace('app.db', 'gone.db') + 'hooks:\n  pre_push:\n    drift: true\n');
  const skipped = run(['hook', 'pre-push'], dir);
  assert.match(skipped.stderr, /warning default: drift not checked: .*gone\.db does not exist/);
  writeFileSync(config, base.replace('app.db', 'gone.db') + 'hooks:\n  pre_push:\n    drift: true\n    strict: true\n');
  assert.is(run(['hook', 'pre-push'], dir).code, 1);
  writeFileSync(config, `${base}hooks:\n  pre_push:\n    drfit: true\n`);
  const typo = run(['hook', 'pre-push'], dir);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /config\.yaml:8:5: unknown key "drfit"/);
});

test.run();
