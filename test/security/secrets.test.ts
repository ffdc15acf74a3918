// No password anywhere (issue 7): after connect-with-password, snapshot, diff, export, pipeline,
// history and error paths, the password — plain, URL-encoded or base64 — appears in no git
// object, commit message, reflog, tracked file, export, stdout, stderr, --debug output or git
// command line.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, newRepo } from '../helpers/cli.js';
import { RecordingCli } from '../helpers/leaks.js';

const PASSWORD = 'S3cr3t pa$$ @:/%#?& wörd';

function postgresAvailable(): boolean {
  return spawnSync('psql', ['-X', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc', 'select 1'], { encoding: 'utf8' }).stdout.trim() === '1';
}

async function dialectAvailable(): Promise<boolean> {
  const { loadDriver } = await import('../../src/dialects/driver.js');
  try {
    await loadDriver('postgres');
    return true;
  } catch {
    return false;
  }
}

test('a password given to connect is in no git object, message, reflog, tracked file, export, output or git command line', async () => {
  if (!(await dialectAvailable()) || !postgresAvailable()) {
    if (process.env.CI === 'true' && (await dialectAvailable())) assert.unreachable('PostgreSQL is not reachable at 127.0.0.1:5432');
    console.log('SKIP secrets: postgres dialect or server not available');
    return;
  }
  const db = `dt_secrets_${process.pid}`;
  const psql = (sql: string, database = 'postgres') => execFileSync('psql', ['-X', '-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-c', sql]);
  psql(`DROP DATABASE IF EXISTS ${db}`);
  psql(`CREATE DATABASE ${db}`);
  try {
    psql('CREATE TABLE users (id bigint PRIMARY KEY, email text)', db);
    const dir = newRepo();
    const cli = new RecordingCli(dir);
    cli.run(['init']);
    const url = `postgresql+psycopg2://postgres:${encodeURIComponent(PASSWORD)}@127.0.0.1:5432/${db}`;
    assert.is(cli.run(['connect', url, '--debug']).code, 0, cli.outputs.join('\n'));
    cli.run(['snapshot', '--debug']);
    psql('ALTER TABLE users ADD COLUMN name text', db);
    cli.run(['snapshot', '-m', 'second']);
    for (const args of [['diff'], ['diff', '--live'], ['history'], ['show'], ['targets'], ['export'], ['export', '--type', 'diff', '--format', 'markdown'], ['pipeline', 'run'], ['test-connection', '--debug']]) cli.run(args);
    // error paths, with --debug stacks
    cli.run(['connect', url.replace('127.0.0.1:5432', '127.0.0.1:1'), '--name', 'closed', '--debug']);
    cli.run(['connect', url.replace(db, 'no_such_db'), '--name', 'missing', '--debug', '--json']);
    cli.assertNoLeak([PASSWORD, 'S3cr3t']);
    // It is where it belongs: the git-ignored secrets file, mode 0600.
    const secrets = join(dir, '.datatrack/secrets.yaml');
    assert.ok(readFileSync(secrets, 'utf8').includes('S3cr3t'));
    assert.is(statSync(secrets).mode & 0o777, 0o600);
    assert.match(git(dir, 'check-ignore', '.datatrack/secrets.yaml'), /secrets/);
  } finally {
    psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
});

test.run();
