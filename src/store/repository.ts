// Where the repository is, as git itself sees it: `git rev-parse` honours GIT_DIR, GIT_WORK_TREE,
// worktrees (refs and objects live in the common dir), submodules (`.git` is a file) and bare
// repositories, which a hand-written search would each get subtly wrong.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { StorageError, UsageError, withSystemErrorFix } from '../errors.js';
import { isGitTrue, readGitConfig } from './git-config.js';
import { ObjectStore } from './objects.js';
import { parseGitDate, type GitDate } from './git-date.js';
import type { Signature } from './git-format.js';

export interface Repository {
  /** The work tree root, or undefined in a bare repository. */
  workTree: string | undefined;
  gitDir: string;
  /** Where shared refs live, and objects unless GIT_OBJECT_DIRECTORY moves them (differs from gitDir in a linked worktree). */
  commonDir: string;
  objects: ObjectStore;
}

/** git could not be started (too many open files, out of memory): said with what to do about it. */
export function cannotRunGit(error: NodeJS.ErrnoException): StorageError {
  return new StorageError(withSystemErrorFix(`cannot run git: ${error.message}`, error.code ?? ''), 'GIT_FAILED', error);
}

export function runGit(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * A repository git found but will not open: one that belongs to another user (a CI container, a
 * checkout made by another account) or a broken one (a `.git` file that points nowhere). "Run
 * datatrack init" would be wrong advice there: init would start a repository inside it, or fail.
 */
function unopenableRepository(stderr: string): StorageError | undefined {
  const path = /detected dubious ownership in repository at '(.*)'/.exec(stderr)?.[1];
  if (path !== undefined) {
    return new StorageError(
      `git refuses the repository at ${path}: it belongs to another user; if you trust it, run \`git config --global --add safe.directory ${path}\``,
      'UNTRUSTED_REPO',
    );
  }
  // git lists what it names on tab-indented lines after the fatal one ("unknown repository extensions found:\n\tfoo").
  const fatal = /^fatal: (.*(?:\n\t.*)*)/m.exec(stderr)?.[1]?.replace(/:?\n\t/, ': ').replaceAll('\n\t', ', ');
  // "not a git repository (or any of the parent directories)" is no repository; "not a git repository: <path>" a broken pointer to one.
  if (fatal === undefined || fatal.startsWith('not a git repository (or any')) return undefined;
  return new StorageError(`git cannot open this repository: ${fatal}; \`git status\` says the same`, 'BROKEN_REPO');
}

/** The repository containing `cwd`, or undefined when there is none. */
export function findRepository(cwd: string): Repository | undefined {
  // git prints the paths below one per line: a line break in one would shift every answer after it.
  for (const [path, named] of [[cwd, 'this directory'], [process.env.GIT_DIR, 'GIT_DIR'], [process.env.GIT_WORK_TREE, 'GIT_WORK_TREE']] as const) {
    if (path?.includes('\n')) throw new UsageError(`the path of ${named} holds a line break, which datatrack cannot work with; use a repository whose path has none`, 'UNSUPPORTED_PATH');
  }
  // One process for all facts: git prints what it knows before failing on --show-toplevel in a
  // bare repository or inside .git, which is exactly the "no work tree" answer.
  const result = spawnSync(
    'git',
    // --git-path objects: GIT_OBJECT_DIRECTORY (set by hooks, CI runners, git's own quarantine) when set.
    // --show-ref-format (git 2.45): a git before it knows only files, and prints the option back.
    ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--is-bare-repository', '--is-inside-git-dir', '--show-object-format', '--show-ref-format', '--git-path', 'objects', '--show-toplevel'],
    { cwd, encoding: 'utf8' },
  );
  if (result.error) {
    // spawn says ENOENT for a working directory that is gone (removed under a running command) as for a missing git.
    if (!fs.existsSync(cwd)) throw new StorageError(`the directory ${cwd} no longer exists; cd to an existing one and run it again`, 'NO_DIRECTORY', result.error);
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw missing
      ? new UsageError('git is not installed or not on PATH; datatrack needs git', 'NO_GIT', result.error)
      : cannotRunGit(result.error);
  }
  const [gitDir, commonDir, bare, insideGitDir, objectFormat, refFormat, objectsDir, topLevel] = result.stdout.split('\n');
  if (!gitDir || !commonDir || !objectFormat || !objectsDir) {
    const unopenable = unopenableRepository(result.stderr);
    if (unopenable) throw unopenable;
    return undefined;
  }
  if (objectFormat !== 'sha1') {
    throw new StorageError(`${commonDir} uses ${objectFormat} object ids; datatrack supports SHA-1 repositories only`, 'UNSUPPORTED_REPO');
  }
  // datatrack reads and writes refs as files (refs.ts): in a reftable repository git would see none of them, and gc would prune their snapshots.
  if (refFormat !== 'files' && refFormat !== '--show-ref-format') {
    throw new StorageError(`${commonDir} keeps its refs in the ${refFormat} format; datatrack supports the files format only (\`git refs migrate --ref-format=files\` converts it)`, 'UNSUPPORTED_REPO');
  }
  // Inside the .git of a repository with a work tree, git knows no work tree either: that is no
  // bare repository (said so, verify checked the defaults instead of the team's rules file).
  if (bare === 'false' && insideGitDir === 'true') {
    throw new UsageError(`this directory is inside the repository's git directory (${gitDir}); cd to its work tree and run it again`, 'INSIDE_GIT_DIR');
  }
  const workTree = bare === 'true' || !topLevel ? undefined : topLevel;
  // rev-parse repeats GIT_WORK_TREE as it was set, where git's own commands refuse a missing one.
  if (workTree !== undefined && !fs.existsSync(workTree)) {
    throw new StorageError(`git's work tree ${workTree} does not exist (GIT_WORK_TREE or core.worktree names it); set it to the checkout's directory, or unset it`, 'NO_WORK_TREE');
  }
  return { workTree, gitDir, commonDir, objects: new ObjectStore(commonDir, objectsDir) };
}

export function openRepository(cwd: string): Repository {
  const repo = findRepository(cwd);
  if (!repo) throw new UsageError('not inside a git repository; run `datatrack init` first', 'NOT_A_REPO');
  return repo;
}

/** The identity git is configured with (user.*, author.*, committer.*). */
interface ConfiguredIdentity {
  /** Each name and e-mail key's last value, by key: `user.name` → value. */
  values: Record<string, string>;
  /** user.useConfigOnly: git signs a commit only with a name and an e-mail it was given, never with ones it made up. */
  configOnly: boolean;
}

/**
 * Starts reading the identity git is configured with (a snapshot does so before it reads the
 * database, so that the git process runs while the catalog queries do).
 */
export async function configuredIdentity(repo: Repository): Promise<ConfiguredIdentity> {
  const found: ConfiguredIdentity = { values: {}, configOnly: false };
  // As git does, the last value wins.
  for (const { key, value } of await readGitConfig(repo)) {
    if (key === 'user.useconfigonly') found.configOnly = isGitTrue(value);
    else if (value !== undefined && /^(user|author|committer)\./.test(key)) found.values[key] = value;
  }
  return found;
}

/** GIT_AUTHOR_DATE or GIT_COMMITTER_DATE as git reads it; one git would refuse, or read as another date, is refused. */
function dateFrom(variable: string, value: string | undefined, now: GitDate): GitDate {
  if (value === undefined || value === '') return now;
  const date = parseGitDate(value, now.timestamp);
  if (!date) throw new UsageError(`${variable} ${JSON.stringify(value)} is no date git reads as written: give it as 2026-12-06T12:00:00Z, 2026-12-06 12:00:00 +0100 or @1765022400 +0000`, 'BAD_GIT_DATE');
  return date;
}

type Role = 'author' | 'committer';
type Part = 'name' | 'email';

/**
 * What git would not commit with under user.useConfigOnly: a name or an e-mail that neither the
 * environment nor the configuration gives (any name or e-mail key counts, as in git's ident.c).
 */
function refuseMadeUpIdentity(missing: { role: Role; part: Part }[]): UsageError {
  const parts = [...new Set(missing.map(({ part }) => part))];
  const commands = parts.map((part) => (part === 'email' ? 'git config user.email "you@example.com"' : 'git config user.name "Your Name"'));
  const variables = missing.map(({ role, part }) => `GIT_${role.toUpperCase()}_${part.toUpperCase()}`);
  return new UsageError(
    `user.useConfigOnly is set and git is given no ${parts.map((part) => `user.${part}`).join(' nor ')}, so git would not commit: run ${commands.join(' and ')} (or set ${variables.join(', ')})`,
    'NO_IDENTITY',
  );
}

/**
 * Author and committer as git chooses them: GIT_AUTHOR_NAME, then author.name, then user.name (the
 * same for e-mails), else what git would make up. git makes up an e-mail from EMAIL when no e-mail
 * key is configured, else from the user and host names; datatrack takes EMAIL as git does and in
 * place of the rest writes `datatrack <datatrack@localhost>`. Under user.useConfigOnly git makes
 * nothing up for a commit (`strict`), though it does for a reflog entry. The dates come from
 * GIT_AUTHOR_DATE and GIT_COMMITTER_DATE, else `when`. A name or e-mail of only spaces is none: git
 * refuses an empty name.
 */
export async function readIdentity(repo: Repository, when: Date, { strict = true } = {}): Promise<{ author: Signature; committer: Signature }> {
  const { values, configOnly } = await configuredIdentity(repo);
  const env = process.env;
  const first = (...candidates: (string | undefined)[]) => candidates.find((v) => v !== undefined && v.trim() !== '');
  const now = { timestamp: Math.floor(when.getTime() / 1000), timezoneOffset: -when.getTimezoneOffset() };
  const configures = (part: Part) => ['user', 'author', 'committer'].some((section) => `${section}.${part}` in values);
  // git takes EMAIL only while no e-mail key is configured at all.
  const madeUp = { name: 'datatrack', email: (configures('email') ? undefined : first(env.EMAIL)) ?? 'datatrack@localhost' };
  const missing: { role: Role; part: Part }[] = [];
  const given = (role: Role, part: Part) => {
    const value = first(env[`GIT_${role.toUpperCase()}_${part.toUpperCase()}`], values[`${role}.${part}`], values[`user.${part}`]);
    if (value === undefined && strict && configOnly && !configures(part)) missing.push({ role, part });
    return value ?? madeUp[part];
  };
  const signature = (role: Role): Signature => ({
    ...dateFrom(`GIT_${role.toUpperCase()}_DATE`, env[`GIT_${role.toUpperCase()}_DATE`], now),
    name: given(role, 'name'),
    email: given(role, 'email'),
  });
  const identity = { author: signature('author'), committer: signature('committer') };
  if (missing.length) throw refuseMadeUpIdentity(missing);
  return identity;
}
