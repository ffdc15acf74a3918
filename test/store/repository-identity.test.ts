// Who a snapshot commit names: GIT_AUTHOR_* / GIT_COMMITTER_* first, then git's configuration of
// the repository (read by a git process while the database is read), then datatrack's own.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fsck, git, repoWithSqlite, runJson } from '../helpers/cli.js';

/** No identity from the environment, nor from the user's or the system's configuration. */
const WITHOUT_IDENTITY = {
  GIT_AUTHOR_NAME: undefined,
  GIT_AUTHOR_EMAIL: undefined,
  GIT_COMMITTER_NAME: undefined,
  GIT_COMMITTER_EMAIL: undefined,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

function snapshotSignatures(dir: string, env: Record<string, string | undefined>): string {
  assert.ok(runJson<{ changed: boolean }>(['snapshot'], dir, env).changed);
  return git(dir, 'log', '-1', '--format=%an <%ae> | %cn <%ce>', 'refs/datatrack/default').trim();
}

test("the repository's user.name and user.email sign the commit when the environment names nobody", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'config', 'user.name', 'Ada Lovelace');
  git(dir, 'config', 'user.email', 'ada@example.com');
  assert.is(snapshotSignatures(dir, WITHOUT_IDENTITY), 'Ada Lovelace <ada@example.com> | Ada Lovelace <ada@example.com>');
  fsck(dir);
});

test("the repository's own identity wins over the user's global one, as in git", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const global = join(dir, 'global.gitconfig');
  writeFileSync(global, '[user]\n\tname = Global Person\n\temail = global@example.com\n');
  git(dir, 'config', 'user.name', 'Ada Lovelace');
  const env = { ...WITHOUT_IDENTITY, GIT_CONFIG_GLOBAL: global };
  // The name is the repository's, the email (set only globally) the user's.
  assert.is(snapshotSignatures(dir, env), 'Ada Lovelace <global@example.com> | Ada Lovelace <global@example.com>');
});

test('without any configured identity the commit is signed by datatrack', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  assert.is(snapshotSignatures(dir, WITHOUT_IDENTITY), 'datatrack <datatrack@localhost> | datatrack <datatrack@localhost>');
});

test('GIT_AUTHOR_* and GIT_COMMITTER_* win over the configuration, each on its own', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'config', 'user.name', 'Ada Lovelace');
  git(dir, 'config', 'user.email', 'ada@example.com');
  const env = { ...WITHOUT_IDENTITY, GIT_AUTHOR_NAME: 'CI Bot', GIT_COMMITTER_EMAIL: 'ci@example.com' };
  assert.is(snapshotSignatures(dir, env), 'CI Bot <ada@example.com> | Ada Lovelace <ci@example.com>');
});

test('author.* and committer.* win over user.*, as git var reports them', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'config', 'user.name', 'Ada Lovelace');
  git(dir, 'config', 'user.email', 'ada@example.com');
  git(dir, 'config', 'author.name', 'Author Name');
  git(dir, 'config', 'committer.email', 'committer@example.com');
  const expected = 'Author Name <ada@example.com> | Ada Lovelace <committer@example.com>';
  assert.is(snapshotSignatures(dir, WITHOUT_IDENTITY), expected);
  const gitEnv: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL']) delete gitEnv[key];
  const ident = (role: string) => execFileSync('git', ['var', `GIT_${role}_IDENT`], { cwd: dir, env: gitEnv, encoding: 'utf8' }).replace(/ \d+ [+-]\d{4}\n$/, '');
  assert.is(`${ident('AUTHOR')} | ${ident('COMMITTER')}`, expected);
  // a name of only spaces is no name (git refuses an empty one)
  runJson(['snapshot', '--allow-empty'], dir, { ...WITHOUT_IDENTITY, GIT_AUTHOR_NAME: '  ' });
  assert.is(git(dir, 'log', '-1', '--format=%an <%ae> | %cn <%ce>', 'refs/datatrack/default').trim(), expected);
  fsck(dir);
});

test.run();
