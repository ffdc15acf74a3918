// Test helpers: temporary git repositories, the real CLI as a child process, the real git binary.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The package root (this file runs from dist/test/helpers/). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'datatrack');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

const made: string[] = [];
const damaged = new Set<string>();

/** Exempts a repository a test damaged on purpose from the fsck every test file ends with. */
export function markDamaged(dir: string): void {
  damaged.add(dir);
}

/** The repositories in a temporary directory: itself, or its direct children (clones, remotes). */
function repositoriesIn(dir: string): string[] {
  const isRepo = (d: string) => existsSync(join(d, '.git')) || (existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects')));
  if (isRepo(dir)) return [dir];
  let children: string[] = [];
  try {
    children = readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
  return children.filter((d) => !damaged.has(d) && isRepo(d));
}

// Every repository a test wrote must pass `git fsck --strict`: checked once, as the test file
// ends, so no test can forget it. A problem fails the file and keeps the directories.
process.on('exit', () => {
  for (const dir of made.filter((d) => !damaged.has(d))) {
    for (const repo of repositoriesIn(dir)) {
      try {
        fsck(repo);
      } catch (error) {
        console.log(`${repo}: ${(error as Error).message}`);
        process.exitCode = 1;
        process.env.KEEP_TEST_DIRS = '1';
      }
    }
  }
  if (process.env.KEEP_TEST_DIRS) return; // a failing test asked to keep them for inspection
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'dt-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  // rev-list --objects over a long stress history prints megabytes: well past the 1 MB default
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** A fresh repository with one commit-less main branch. */
export function newRepo(): string {
  const dir = tempDir();
  git(dir, 'init', '--quiet', '--initial-branch=main');
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `input`: what the CLI reads on stdin (none: an empty pipe). */
export function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI under a file-size limit of `blocks` × 512 bytes (`ulimit -f`): a larger write fails
 * part way with EFBIG, as it would with ENOSPC on a full disk, without needing a disk to fill.
 */
export function runWithFileSizeLimit(args: string[], cwd: string, blocks: number, env: Record<string, string | undefined> = {}): RunResult {
  const result = spawnSync('sh', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI without blocking the event loop (for tests that act on a database while it runs);
 * `started` gets the child process, to signal it.
 */
export function runAsync(args: string[], cwd: string, env: Record<string, string | undefined> = {}, started?: (child: ChildProcess) => void): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env } });
    started?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs the CLI and parses its --json output, failing loudly on a non-zero exit. */
export function runJson<T = unknown>(args: string[], cwd: string, env: Record<string, string | undefined> = {}): T {
  const result = run([...args, '--json'], cwd, env);
  if (result.code !== 0) throw new Error(`datatrack ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as T;
}

/** `git fsck --strict` must be clean (dangling objects are fine). */
export function fsck(cwd: string): void {
  const result = spawnSync('git', ['fsck', '--strict', '--no-progress'], { cwd, encoding: 'utf8' });
  const problems = (result.stdout + result.stderr).split('\n').filter((l) => l && !l.startsWith('dangling') && !l.startsWith('notice'));
  if (result.status !== 0 || problems.length) throw new Error(`git fsck --strict failed:\n${problems.join('\n')}`);
}

export function sqliteDatabase(path: string, sql: string): string {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  return path;
}

/**
 * Repositories set up once per test file, by what ran in them: `init` (key ''), or init and
 * `connect sqlite:///<name>` (key: the name, its database file removed). Tests start from copies:
 * two CLI processes for each of the ~150 repositories tests start from were a tenth of the suite's
 * CPU. What init and connect write is the same in any directory.
 */
const templates = new Map<string, string>();

function template(key: string, make: () => string): string {
  let dir = templates.get(key);
  if (dir === undefined) templates.set(key, (dir = make()));
  return dir;
}

function copyOf(template: string): string {
  const dir = tempDir();
  cpSync(template, dir, { recursive: true });
  return dir;
}

function mustRun(args: string[], cwd: string): void {
  const result = run(args, cwd);
  if (result.code !== 0) throw new Error(`datatrack ${args.join(' ')}: ${result.stderr}`);
}

const initializedTemplate = () =>
  template('', () => {
    const dir = newRepo();
    mustRun(['init'], dir);
    return dir;
  });

const connectedTemplate = (dbName: string) =>
  template(dbName, () => {
    const dir = copyOf(initializedTemplate());
    sqliteDatabase(join(dir, dbName), 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    mustRun(['connect', `sqlite:///${dbName}`], dir);
    rmSync(join(dir, dbName));
    return dir;
  });

/** A fresh repository in which `datatrack init` ran. */
export function initializedRepo(): string {
  return copyOf(initializedTemplate());
}

/**
 * Makes the work tree of `dir`, a fresh clone with nothing in it yet, what init and `connect
 * sqlite:///<dbName>` make it (they write nothing inside .git).
 */
export function connectSqliteIn(dir: string, dbName = 'app.db'): void {
  const connected = connectedTemplate(dbName);
  for (const name of readdirSync(connected)) if (name !== '.git') cpSync(join(connected, name), join(dir, name), { recursive: true });
}

/** A repository with `datatrack init` run and a SQLite target connected. */
export function repoWithSqlite(sql: string, dbName = 'app.db'): { dir: string; db: string } {
  const dir = copyOf(connectedTemplate(dbName));
  return { dir, db: sqliteDatabase(join(dir, dbName), sql) };
}
