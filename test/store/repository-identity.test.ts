// Who a snapshot commit names: GIT_AUTHOR_* / GIT_COMMITTER_* first, then git's configuration of
// the repository (read by a git process while the database is read), then EMAIL and datatrack's
// own, unless user.useConfigOnly forbids a made-up one; dates as git commit-tree reads them.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseGitDate } from '../../src/store/git-date.js';
import { formatSignature } from '../../src/store/git-format.js';
import { findRepository, readIdentity } from '../../src/store/repository.js';
import { fsck, git, GIT_ENV, markDamaged, newRepo, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';
import { withEnv } from '../helpers/env.js';

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

test('a configured name holding a line break is one value, written as git writes it; it adds no other setting', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'config', 'user.name', 'Ada\nuser.email evil@example.com');
  git(dir, 'config', 'user.email', 'ada@example.com');
  assert.is(snapshotSignatures(dir, WITHOUT_IDENTITY), 'Adauser.email evil@example.com <ada@example.com> | Adauser.email evil@example.com <ada@example.com>');
  const gitEnv: NodeJS.ProcessEnv = { ...process.env, ...WITHOUT_IDENTITY };
  for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL']) delete gitEnv[key];
  assert.match(execFileSync('git', ['var', 'GIT_AUTHOR_IDENT'], { cwd: dir, env: gitEnv, encoding: 'utf8' }), /^Adauser.email evil@example.com <ada@example.com> /);
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

test('GIT_AUTHOR_DATE and GIT_COMMITTER_DATE date the commit, read as git reads them', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const gitReads = (date: string) =>
    execFileSync('git', ['var', 'GIT_AUTHOR_IDENT'], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: date }, encoding: 'utf8' }).trim().split(' ').slice(-2).join(' ');
  const raw = (date: { timestamp: number; timezoneOffset: number }) => {
    const zone = Math.abs(date.timezoneOffset);
    return `${date.timestamp} ${date.timezoneOffset < 0 ? '-' : '+'}${String(Math.floor(zone / 60)).padStart(2, '0')}${String(zone % 60).padStart(2, '0')}`;
  };
  const forms = [
    '@1577836800 +0000', '1577836800 -0130', '@1577836800', '2020-01-01T00:00:00Z', '2020-01-01T02:30:00+02:30', '2020-01-01 12:00:00 -0500',
    '2020-02-29 23:59:59', '2020-01-01T00:00:00.123Z', 'Wed, 1 Jan 2020 00:00:00 +0100', '1 Jan 2020 10:11:12 -0000',
    // the edges of what git takes: its object form from 0 to far ahead, other forms 1970 (a bare count 1973) to 2099
    '@0 +0000', '@9999999999 +0000', '@100000000', '2099-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2020-01-01T00:00:00+23:59',
  ];
  // git refuses these (written, they failed git fsck and broke history): so does datatrack
  const gitRefuses = ['@99999999999999999999', '@99999999999999999999 +0000', '1969-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:60Z', '2100-01-01T00:00:00Z', '@4102444800', '@99999999', '4102444800 +0000', '1 Jan 2100 00:00:00 +0000'];
  for (const form of gitRefuses) {
    assert.is(parseGitDate(form), undefined, form);
    assert.throws(() => gitReads(form), /invalid date format/, form);
  }
  // git reads a zone of 24 hours or more as none at all, another time than the one meant: refused
  assert.is(parseGitDate('2026-12-06T12:00:00+25:00'), undefined);
  for (const form of forms) assert.is(raw(parseGitDate(form)!), gitReads(form), form);
  for (const form of ['yesterday', '2020-13-01', '2020', 'now +0000']) assert.is(parseGitDate(form), undefined, form);

  const env = { GIT_AUTHOR_DATE: '2020-01-01T00:00:00Z', GIT_COMMITTER_DATE: '@1577923200 +0100' };
  assert.ok(runJson<{ changed: boolean }>(['snapshot'], dir, env).changed);
  assert.is(git(dir, 'log', '-1', '--format=%ad | %cd', '--date=raw', 'refs/datatrack/default').trim(), '1577836800 +0000 | 1577923200 +0100');
  const before = git(dir, 'rev-parse', 'refs/datatrack/default');
  const refused = run(['snapshot', '--allow-empty'], dir, { GIT_COMMITTER_DATE: 'last tuesday' });
  assert.equal([refused.code, refused.stderr], [2, 'datatrack: GIT_COMMITTER_DATE "last tuesday" is no date git reads as written: give it as 2026-12-06T12:00:00Z, 2026-12-06 12:00:00 +0100 or @1765022400 +0000\n']);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), before);
  fsck(dir);
});

/** The author line `git commit-tree` writes in `dir` with `env` on top of this process's, or undefined when git refuses. */
function gitAuthorLine(dir: string, env: Record<string, string | undefined> = {}): string | undefined {
  const gitEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete gitEnv[key];
  const made = spawnSync('git', ['commit-tree', git(dir, 'write-tree').trim(), '-m', 'probe'], { cwd: dir, env: gitEnv, encoding: 'utf8' });
  if (made.status !== 0) return undefined;
  return /^author (.*)$/m.exec(git(dir, 'cat-file', 'commit', made.stdout.trim()))![1];
}

/** The author line datatrack writes in `dir` with `env` on top of this process's, or undefined when it refuses the date. */
async function datatrackAuthorLine(dir: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  return withEnv(env, async () => {
    try {
      return formatSignature((await readIdentity(findRepository(dir)!, new Date())).author);
    } catch (error) {
      if ((error as { code?: string }).code !== 'BAD_GIT_DATE') throw error;
      return undefined;
    }
  });
}

test('GIT_AUTHOR_DATE gives the author line git commit-tree writes, in every form git reads; one git refuses is refused', async () => {
  const dir = newRepo();
  const forms = [
    // dotted, month-first slashed and month-name forms; RFC 2822; ISO 8601 with T, a fraction, Z
    '2005.04.07 22:13:13 +0200', '04/07/2005 22:13:13 +0200', 'Apr 7 2005 22:13:13 +0200', 'April 7, 2005, 10:13:13 pm',
    'Thu, 07 Apr 2005 22:13:13 +0200', 'Thu, 7 Apr 2005 22:13:13 GMT', 'Thu, 07 Apr 2005 22:13:13 CEST', 'Thu Apr 7 22:13:13 2005 -0700',
    '2005-04-07T22:13:13.123Z', '2005-04-07T22:13:13.5+02:00', '2005-04-07T22:13:13+0530', '2005-04-07 22:13:13 +05', '20050407T221313Z',
    // git's raw form, with and without its @ and zone (a date without a zone is local time)
    '@1112911993 +0200', '1112911993 +0200', '@1112911993', '1112911993', '@0 +0000', '@9999999999 +0000', '123456789 +0000',
    // local times, a day-first date with dots, a year-day-month one, two-digit years, a month's overflow, 24:00 and a leap second
    '2005-04-07 22:13:13', '2005-04-07 22:13', '22:13:13 2005-04-07', '07.04.2005 22:13:13 +0200', '13/04/2005 22:13:13', '2005-13-04 10:00:00',
    '04/07/05 22:13:13', '7 Apr 05 22:13:13', '2005-02-31 10:00:00', '2005-04-07 24:00:00 +0000', '2005-04-07 23:59:60', '2005-04-07 12:00 AM',
    '2005-03-27 02:30:00', '2005-10-30 01:30:00', '2099-12-31 23:59:59 -0500', '04/07/2099 10:00:00', 'Apr 2005 22:13:13 +0200',
    // refused by both: no time of day, a date only, no year, out of range, more than ten days ahead, words approxidate alone reads
    '2005-04-07', '2005-04-07 +0200', '04.07.2005', 'Apr 7 22:13:13 +0200', '2005-04-07 23:60:00', '1969-12-31 23:59:59 +0000',
    '2100-01-01 00:00:00 +0000', '@4102444800', '@99999999', '10:00:00 04/07/2099', 'yesterday', 'last tuesday', 'now', ' ',
  ];
  // A zone other than UTC's, with summer time, puts the local forms to the test.
  const env = { ...GIT_ENV, TZ: 'America/New_York' };
  for (const form of forms) {
    const [expected, actual] = [gitAuthorLine(dir, { ...env, GIT_AUTHOR_DATE: form }), await datatrackAuthorLine(dir, { ...env, GIT_AUTHOR_DATE: form })];
    assert.is(actual, expected, form);
  }
  // git reads these as another date than written (a zone it passes over leaves local time; one
  // before 1970 it writes as a number wrapped around): datatrack refuses them
  markDamaged(dir); // by git: the wrapped number fails its own fsck
  for (const form of ['2005-04-07 22:13:13 +25:00', '2005-04-07 22:13:13 GMT+2', '1970-01-01 00:30:00 +0100']) {
    assert.ok(gitAuthorLine(dir, { ...env, GIT_AUTHOR_DATE: form }), form);
    assert.is(await datatrackAuthorLine(dir, { ...env, GIT_AUTHOR_DATE: form }), undefined, form);
  }
});

test('a snapshot dated in a form git reads is committed with it; one git refuses writes nothing', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const env = { GIT_AUTHOR_DATE: '04/07/2005 22:13:13 +0200', GIT_COMMITTER_DATE: '2005.04.07 22:13:13 +0200' };
  assert.ok(runJson<{ changed: boolean }>(['snapshot'], dir, env).changed);
  assert.is(git(dir, 'log', '-1', '--format=%ad | %cd', '--date=raw', 'refs/datatrack/default').trim(), '1112904793 +0200 | 1112904793 +0200');
  const [tip, objects] = [git(dir, 'rev-parse', 'refs/datatrack/default'), git(dir, 'count-objects', '-v')];
  sqliteDatabase(db, 'CREATE TABLE u (id INTEGER)');
  const refused = run(['snapshot'], dir, { GIT_AUTHOR_DATE: '2005-04-07' });
  assert.equal([refused.code, refused.stderr], [2, 'datatrack: GIT_AUTHOR_DATE "2005-04-07" is no date git reads as written: give it as 2026-12-06T12:00:00Z, 2026-12-06 12:00:00 +0100 or @1765022400 +0000\n']);
  assert.equal([git(dir, 'rev-parse', 'refs/datatrack/default'), git(dir, 'count-objects', '-v')], [tip, objects]);
});

test('EMAIL gives the e-mail when none is configured, as in git; a configured one wins', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const env = { ...WITHOUT_IDENTITY, EMAIL: 'me@corp.example' };
  assert.is(snapshotSignatures(dir, env), 'datatrack <me@corp.example> | datatrack <me@corp.example>');
  assert.match(gitAuthorLine(dir, env)!, / <me@corp\.example> /);
  git(dir, 'config', 'user.email', 'ada@example.com');
  runJson(['snapshot', '--allow-empty'], dir, env);
  assert.is(git(dir, 'log', '-1', '--format=%an <%ae> | %cn <%ce>', 'refs/datatrack/default').trim(), 'datatrack <ada@example.com> | datatrack <ada@example.com>');
  assert.match(gitAuthorLine(dir, env)!, / <ada@example\.com> /);
});

test('with user.useConfigOnly and no identity configured, the snapshot is refused as git refuses the commit, and writes nothing', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'config', 'user.useConfigOnly', 'true');
  const env = { ...WITHOUT_IDENTITY, EMAIL: 'me@corp.example' };
  const objects = git(dir, 'count-objects', '-v');
  const refused = run(['snapshot'], dir, env);
  assert.equal([refused.code, refused.stderr], [
    2,
    'datatrack: user.useConfigOnly is set and git is given no user.name nor user.email, so git would not commit: run git config user.name "Your Name" and git config user.email "you@example.com" (or set GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL)\n',
  ]);
  assert.equal([git(dir, 'for-each-ref', 'refs/datatrack'), git(dir, 'count-objects', '-v')], ['', objects]);
  assert.is(gitAuthorLine(dir, env), undefined);
  // the committer's e-mail alone missing: said so
  const committer = run(['snapshot'], dir, { ...env, GIT_AUTHOR_NAME: 'CI', GIT_AUTHOR_EMAIL: 'ci@example.com', GIT_COMMITTER_NAME: 'CI' });
  assert.match(committer.stderr, /given no user\.email, so git would not commit: run git config user\.email "you@example\.com" \(or set GIT_COMMITTER_EMAIL\)\n$/);
  // configured (or given in the environment), it commits
  git(dir, 'config', 'user.name', 'Ada Lovelace');
  git(dir, 'config', 'user.email', 'ada@example.com');
  assert.is(snapshotSignatures(dir, env), 'Ada Lovelace <ada@example.com> | Ada Lovelace <ada@example.com>');
  fsck(dir);
});

test("a reflog entry is not held to user.useConfigOnly (git's own are not)", async () => {
  const dir = newRepo();
  git(dir, 'config', 'user.useConfigOnly', 'yes');
  const repo = findRepository(dir)!;
  const env = { ...WITHOUT_IDENTITY, EMAIL: undefined };
  await withEnv(env, async () => {
    const { committer } = await readIdentity(repo, new Date(), { strict: false });
    assert.equal([committer.name, committer.email], ['datatrack', 'datatrack@localhost']);
    try {
      await readIdentity(repo, new Date());
      assert.unreachable('a commit is held to it');
    } catch (error) {
      assert.is((error as { code?: string }).code, 'NO_IDENTITY');
    }
  });
});

test.run();
