// No password anywhere (issue 7): after connect-with-password, snapshot, diff, export, pipeline,
// history and error paths, the password — plain, URL-encoded or base64 — appears in no git
// object, commit message, reflog, tracked file, export, stdout, stderr, --debug output or git
// command line.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, GIT_ENV, git, newRepo, tempDir } from '../helpers/cli.js';

const PASSWORD = 'S3cr3t pa$$ @:/%#?& wörd';
const FORMS = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString('base64'), 'S3cr3t'];

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

/** A PATH whose `git` logs its command line before running the real one. */
function loggingGitPath(log: string): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '.git' ? [] : filesUnder(path);
    return [path];
  });
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
    const log = join(tempDir(), 'git-argv.log');
    const env = { ...process.env, ...GIT_ENV, NO_COLOR: '1', PATH: loggingGitPath(log) };
    const outputs: string[] = [];
    const cli = (...args: string[]) => {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env });
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    cli('init');
    const url = `postgresql+psycopg2://postgres:${encodeURIComponent(PASSWORD)}@127.0.0.1:5432/${db}`;
    assert.is(cli('connect', url, '--debug').status, 0, outputs.join('\n'));
    cli('snapshot', '--debug');
    psql('ALTER TABLE users ADD COLUMN name text', db);
    cli('snapshot', '-m', 'second');
    for (const args of [['diff'], ['diff', '--live'], ['history'], ['show'], ['targets'], ['export'], ['export', '--type', 'diff', '--format', 'markdown'], ['pipeline', 'run'], ['test-connection', '--debug']]) cli(...args);
    // error paths, with --debug stacks
    cli('connect', url.replace('127.0.0.1:5432', '127.0.0.1:1'), '--name', 'closed', '--debug');
    cli('connect', url.replace(db, 'no_such_db'), '--name', 'missing', '--debug', '--json');
    git(dir, 'add', '-A');
    git(dir, 'commit', '--quiet', '-m', 'tracked files');

    const objects = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: dir, maxBuffer: 1 << 28 }).toString('latin1');
    const reflog = spawnSync('git', ['reflog', '--all'], { cwd: dir, encoding: 'utf8' }).stdout;
    const tracked = git(dir, 'ls-files').trim().split('\n').map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const exports = filesUnder(join(dir, '.databases')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const haystacks = { 'git objects': objects, reflog, 'tracked files': tracked, exports, 'stdout/stderr': outputs.join('\n'), 'git command lines': readFileSync(log, 'utf8') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const form of FORMS) assert.not.ok(text.includes(form), `the password (${form === PASSWORD ? 'plain' : form}) appears in ${where}`);
      assert.not.ok(Buffer.from(text, 'latin1').includes(Buffer.from(PASSWORD, 'utf8')), `the password's UTF-8 bytes appear in ${where}`);
    }
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
