// Several targets snapshotted side by side (snapshot --all, pipeline run --all) share one progress line.
import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { progressOfOne, snapshot } from '../../src/api/snapshot.js';
import { writePassword } from '../../src/config/secrets.js';
import { git, GIT_ENV, newRepo, repoWithSqlite } from '../helpers/cli.js';
import { withEnv } from '../helpers/env.js';
import { createDatabase, dropDatabases, execSql, PG_HOST, PG_PORT, PG_USER, pgTest, postgresUp } from '../helpers/postgres.js';

const pg = pgTest(await postgresUp());

test('each report names its target when several run, and is left as it is for one', () => {
  const reports: unknown[][] = [];
  const progress = (...args: unknown[]) => void reports.push(args);
  progressOfOne(progress, 'prod', 2)!('reading catalog', 3, 11);
  progressOfOne(progress, 'prod', 1)!('writing snapshot', 40);
  assert.equal(reports, [['prod: reading catalog', 3, 11], ['writing snapshot', 40]]);
  assert.is(progressOfOne(undefined, 'prod', 2), undefined);
});

/**
 * A repository with one snapshot and a changed database, and a snapshot of it whose ref another
 * run moves while this one writes: to a snapshot dated `offset` seconds from now (its capture's
 * start), recording the schema before the change.
 */
async function movedWhileWriting(offset: number) {
  const { dir, db } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  const first = (await snapshot({ cwd: dir })).commit;
  const sqlite = new Database(db);
  sqlite.exec('CREATE TABLE b (id INTEGER PRIMARY KEY)');
  sqlite.close();
  let other = '';
  const progress = (phase: string) => {
    if (phase !== 'writing snapshot') return;
    const env = { ...process.env, ...GIT_ENV, GIT_COMMITTER_DATE: `@${Math.floor(Date.now() / 1000) + offset} +0000` };
    const message = git(dir, 'log', '-1', '--format=%B', first);
    other = execFileSync('git', ['commit-tree', `${first}^{tree}`, '-p', first], { cwd: dir, env, input: message, encoding: 'utf8' }).trim();
    git(dir, 'update-ref', 'refs/datatrack/default', other, first);
  };
  const result = await snapshot({ cwd: dir, progress });
  return { dir, first, other, result };
}

test('a snapshot begun before the one that moved the ref while it was written is not committed over it, and says so', async () => {
  const { dir, other, result } = await movedWhileWriting(60);
  assert.equal([result.outcome, result.changed, result.commit, result.changes], ['superseded', false, other, []]);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), other);
  assert.equal(result.warnings, [`default: not committed: refs/datatrack/default moved meanwhile to ${other.slice(0, 7)}, a snapshot begun after this one, which records the database later and stays the latest`]);
});

test('a snapshot begun after the one that moved the ref while it was written goes on top of it', async () => {
  const { dir, other, result } = await movedWhileWriting(-60);
  assert.equal([result.outcome, result.changed, result.changes], ['committed', true, [{ action: 'added', path: 'main/tables/b' }]]);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default^').trim(), other);
});

pg("a note is kept free of the target's stored password even where the server asked for none (trust), so it was never read for the login", async () => {
  const database = await createDatabase('stored_note');
  try {
    await execSql(database, 'CREATE TABLE t (id int PRIMARY KEY)');
    const dir = newRepo();
    const server = { dialect: 'postgres' as const, host: PG_HOST, port: PG_PORT, user: PG_USER, database, options: { sslmode: 'disable' } };
    writePassword(dir, 'default', { password: 'Stored-Note-Pw7', server });
    writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ndefault_target: default\ntargets:\n  default: ${JSON.stringify(server)}\n`);
    await withEnv({ PGPASSWORD: undefined, PGPASSFILE: '/nonexistent/pgpass' }, () => snapshot({ cwd: dir, note: 'rotated to Stored-Note-Pw7' }));
    assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'), /^rotated to \*\*\*$/m);
  } finally {
    await dropDatabases();
  }
});

test.run();
