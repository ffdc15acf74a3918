// Installing datatrack's git hooks without clobbering anyone's: the hooks directory is the one
// git uses (core.hooksPath, worktrees), an existing hook is kept beside ours and chained (ours
// runs, then theirs, with the same arguments and stdin), and uninstall restores it byte for byte.
import * as fs from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { DatatrackError, StorageError, UsageError } from '../errors.js';
import { runGit, type Repository } from '../store/repository.js';
import { packageFile } from '../util/package-files.js';
import { processAlive } from '../util/process-alive.js';
import { removingOnFailure } from '../util/temporary-file.js';
import { isDeviceFailure, makeDirectories, writeFailureReason } from '../util/write-file.js';

export const HOOK_NAMES = ['pre-commit', 'pre-push'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const MARKER = '# datatrack-hook:';
const PACKAGE_HOOKS = packageFile('hooks');
const BIN = packageFile('bin', 'datatrack');
/**
 * Where an existing hook is kept while ours is installed: under its own name, in a directory of
 * ours, as hook managers that dispatch on `basename "$0"` (husky 1–4) find their hook by it.
 */
export const CHAINED_DIRECTORY = 'datatrack-chained';
/** Where installs before that kept it: `<name>.datatrack-chained`, still restored and moved. */
const OLD_CHAINED_SUFFIX = '.datatrack-chained';

const chainedPath = (dir: string, name: HookName) => join(dir, CHAINED_DIRECTORY, name);

/** Whether anything is at `path`, a dangling link too (existsSync follows links); nothing under a file (core.hooksPath naming one). */
function present(path: string): boolean {
  try {
    return fs.lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw error;
  }
}

/**
 * What a kept link's relative target is prefixed with: from datatrack-chained/ it leads back to the
 * hooks directory, where the target was read from, and says that uninstall takes it off again.
 */
const RELINKED = `../${CHAINED_DIRECTORY}/../`;

/** The relative target of a link at `path`, if it is one. */
function relativeLinkTarget(path: string): string | undefined {
  if (!fs.lstatSync(path).isSymbolicLink()) return undefined;
  const target = fs.readlinkSync(path);
  return isAbsolute(target) ? undefined : target;
}

/** A value as one word of sh, whatever it holds (`$`, quotes, spaces). */
const shellWord = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;

export function hooksDirectory(repo: Repository): string {
  const cwd = repo.workTree ?? repo.gitDir;
  return resolve(cwd, runGit(['rev-parse', '--git-path', 'hooks'], cwd).trim());
}

/** Our hook: a file (a link to one is someone's way of sharing theirs, kept as it is) with our marker. */
function isOurs(path: string): boolean {
  try {
    return !fs.lstatSync(path).isSymbolicLink() && fs.readFileSync(path, 'utf8').includes(MARKER);
  } catch {
    return false;
  }
}

/**
 * Our hook script; with a chained hook, `datatrack hook` runs it after ours passes, handing on the
 * stdin it read under its timeout (a shell `$(cat)` here would wait for stdin with no timeout).
 */
function hookScript(name: HookName, chained: boolean): string {
  const template = fs.readFileSync(join(PACKAGE_HOOKS, name), 'utf8').replace('@DATATRACK_BIN@', shellWord(BIN)).replace('@NODE@', shellWord(process.execPath));
  if (!chained) return template;
  return template.replaceAll(`hook ${name} -- `, `hook ${name} --chain "$(dirname "$0")/${CHAINED_DIRECTORY}/${name}" -- `);
}

export interface HookChange {
  hook: HookName;
  path: string;
  /** `not ours`: a hook of someone else's is there, left as it is. */
  action: 'installed' | 'updated' | 'unchanged' | 'chained' | 'removed' | 'restored' | 'absent' | 'not ours';
}

/**
 * husky 9's hooks (in its `core.hooksPath`, `.husky/_`) are one-line wrappers that find the team's
 * script by their own file name: renamed to be chained they would silently run nothing, and husky
 * rewrites them on every `npm install` anyway. The team's scripts are one level up (`.husky/<name>`).
 */
function isHuskyWrapper(path: string): boolean {
  try {
    return /^\.\s+"(\$\(dirname "\$0"\)|\$\{0%\/\*\})\/h"\s*$/m.test(fs.readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** A script that finds files by its own place (`$(dirname "$0")/husky.sh`, `${0%/*}`, BASH_SOURCE). */
const OWN_PLACE = /dirname\s+(?:--\s+)?["']?\$(?:0|\{0\})|\$\{0%\/\*\}|\bBASH_SOURCE\b/;

/** Whether the hook at `path` (through a link) finds files beside itself: kept in datatrack-chained/, it would not find them. */
function findsFilesBeside(path: string): boolean {
  try {
    return OWN_PLACE.test(fs.readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * One hook's install: renames that end with our script's temporary file taking the hook's name.
 * Nothing is written where git looks until that last rename, so a write that fails (a full disk)
 * leaves the hook that was there, in place; a rename that fails undoes the ones before it.
 */
interface HookInstall {
  change: HookChange;
  script: string;
  /** Our script, written beside the hook; none when the hook is ours and up to date already. */
  temporary: string | undefined;
  /** The hook there now to where it is kept (and an older install's kept one to where this one keeps it). */
  moves: [from: string, to: string][];
  /** A link with a relative target, kept as a new link (written beside the hook, then moved) led back to where it pointed. */
  relink?: { temporary: string; target: string };
}

function planInstall(dir: string, name: HookName): HookInstall {
  const path = join(dir, name);
  const chained = chainedPath(dir, name);
  const moves: HookInstall['moves'] = [];
  let relink: HookInstall['relink'];
  // An earlier install's chained hook moves to where this one keeps it.
  if (present(path + OLD_CHAINED_SUFFIX) && !present(chained)) moves.push([path + OLD_CHAINED_SUFFIX, chained]);
  // A link is moved aside as it is, never written through: its target may be a tracked file, or not exist.
  const chaining = present(path) && !isOurs(path);
  if (chaining) {
    const kept = moves[0]?.[0] ?? (present(chained) ? chained : undefined);
    if (kept) throw new UsageError(`${kept} already exists; move it away before installing datatrack's ${name} hook`, 'HOOK_CONFLICT');
    if (findsFilesBeside(path)) {
      throw new UsageError(
        `${path} finds files beside itself ($(dirname "$0"), as husky 4's does), which it would not do kept in ${CHAINED_DIRECTORY}/; add \`datatrack hook ${name}\` to it (or to husky's hooks in package.json) instead of installing datatrack's hooks`,
        'HOOK_CONFLICT',
      );
    }
    // A relative link would point elsewhere one directory down: a new one, led back, is kept instead
    // (ours then replaces the old one, which never moves).
    const target = relativeLinkTarget(path);
    if (target !== undefined) relink = { temporary: join(dir, temporaryName(name, process.pid, 'link')), target: RELINKED + target };
    moves.push([relink?.temporary ?? path, chained]);
  }
  const script = hookScript(name, moves.length > 0 || present(chained));
  const unchanged = !chaining && present(path) && fs.readFileSync(path, 'utf8') === script && (fs.statSync(path).mode & 0o777) === 0o755;
  const action = chaining ? 'chained' : unchanged ? 'unchanged' : present(path) ? 'updated' : 'installed';
  // Not named as a hook, so git never runs one left by a killed install.
  const temporary = unchanged ? undefined : join(dir, temporaryName(name, process.pid));
  return { change: { hook: name, path, action }, script, temporary, moves, relink };
}

const temporaryName = (name: string, pid: number, kind: 'script' | 'link' = 'script') => `.${name}.datatrack-${pid}${kind === 'link' ? '.link' : ''}.tmp`;
const TEMPORARY = /^\.(pre-commit|pre-push)\.datatrack-(\d+)(?:\.link)?\.tmp$/;

/** The scripts an install that was killed before its renames left behind (its process is gone). */
function removeAbandonedTemporaries(dir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = TEMPORARY.exec(entry)?.[2];
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    fs.rmSync(join(dir, entry), { force: true });
  }
}

/** Renames in order; when one fails, those done are undone, last first. */
function renameAll(renames: [from: string, to: string][]): void {
  const done: [from: string, to: string][] = [];
  try {
    for (const [from, to] of renames) {
      fs.renameSync(from, to);
      done.push([from, to]);
    }
  } catch (error) {
    for (const [from, to] of done.reverse()) {
      try {
        fs.renameSync(to, from);
      } catch (undoError) {
        throw new StorageError(`cannot move ${to} back to ${from} after a failed hook install (${writeFailureReason(undoError)}); move it back by hand`, 'CANNOT_WRITE', undoError);
      }
    }
    throw error;
  }
}

function applyInstall(dir: string, install: HookInstall): void {
  const keptDirectory = join(dir, CHAINED_DIRECTORY);
  const makeKeptDirectory = install.moves.length > 0 && !present(keptDirectory);
  if (makeKeptDirectory) fs.mkdirSync(keptDirectory);
  try {
    renameAll(install.temporary ? [...install.moves, [install.temporary, install.change.path]] : install.moves);
  } catch (error) {
    if (makeKeptDirectory) removeIfEmpty(keptDirectory);
    throw error;
  }
}

function writeScript(path: string, script: string): void {
  fs.writeFileSync(path, script, { mode: 0o755 });
  fs.chmodSync(path, 0o755); // the umask may have narrowed the creation mode
}

export function installHooks(repo: Repository, names: readonly HookName[]): HookChange[] {
  const dir = hooksDirectory(repo);
  for (const name of names) {
    if (isHuskyWrapper(join(dir, name))) {
      throw new UsageError(`${join(dir, name)} is husky's; add \`npx --no datatrack hook ${name}\` to husky's own script, ${join(dirname(dir), name)}, instead of installing datatrack's hooks`, 'HOOK_CONFLICT');
    }
  }
  try {
    makeDirectories(dir);
  } catch (error) {
    // core.hooksPath names it: a file, a path under /proc, a dangling link.
    throw new UsageError(`cannot make the hooks directory ${dir} (git's core.hooksPath, or .git/hooks): ${writeFailureReason(error)}; point core.hooksPath at a directory you can write`, 'CANNOT_WRITE', error);
  }
  removeAbandonedTemporaries(dir);
  // Every hook is planned (a conflict found) and every script written before any hook is moved:
  // a conflict or a full disk changes nothing.
  const installs = names.map((name) => planInstall(dir, name));
  const temporaries = installs.flatMap((install) => [install.temporary, install.relink?.temporary].filter((path): path is string => path !== undefined));
  return removingOnFailure(temporaries, () => {
    try {
      for (const install of installs) {
        if (install.temporary) writeScript(install.temporary, install.script);
        if (install.relink) fs.symlinkSync(install.relink.target, install.relink.temporary);
      }
    } catch (error) {
      const fix = isDeviceFailure(error) ? 'free some space and run it again' : 'point core.hooksPath at a directory you can write';
      throw new (isDeviceFailure(error) ? StorageError : UsageError)(`cannot write datatrack's hooks in ${dir}: ${writeFailureReason(error)}; the hooks there are as they were: ${fix}`, 'CANNOT_WRITE', error);
    }
    for (const [i, install] of installs.entries()) {
      try {
        applyInstall(dir, install);
      } catch (error) {
        if (error instanceof DatatrackError) throw error;
        // Each hook is whole either way; which of them changed is said, not left to guess.
        const done = installs.slice(0, i).map((d) => d.change.hook);
        const state = `${done.length ? `${done.join(', ')} installed; ` : ''}${install.change.hook} is as it was`;
        throw new StorageError(`cannot install datatrack's ${install.change.hook} hook in ${dir}: ${writeFailureReason(error)}; ${state}`, 'CANNOT_WRITE', error);
      }
    }
    return installs.map((install) => install.change);
  });
}

/** What to know of the directory the hooks went to: one the team tracks, one every repository shares. */
export function hooksDirectoryWarnings(repo: Repository): string[] {
  return [trackedHooksWarning(repo), sharedHooksWarning(repo)].filter((warning): warning is string => warning !== undefined);
}

/**
 * A core.hooksPath set in the user's or the system's git configuration serves every repository
 * that sets none of its own: the hooks written there run in all of them.
 */
function sharedHooksWarning(repo: Repository): string | undefined {
  let scope: string;
  try {
    scope = runGit(['config', '--show-scope', '--get', 'core.hooksPath'], repo.workTree ?? repo.gitDir).split('\t')[0]!;
  } catch {
    return undefined; // not set, or a git before --show-scope (2.26)
  }
  if (scope !== 'global' && scope !== 'system') return undefined;
  return `${hooksDirectory(repo)} is core.hooksPath in your ${scope} git configuration: the hooks written there run in every repository that sets none of its own; to keep them to this one, \`datatrack hooks uninstall\`, then \`git config core.hooksPath .git/hooks\` here and install again`;
}

/**
 * A core.hooksPath the team tracks (`.githooks`) is shared: what install writes there shows in
 * `git status`, and a hook of theirs it chains is renamed in every clone once committed.
 */
function trackedHooksWarning(repo: Repository): string | undefined {
  if (!repo.workTree) return undefined;
  const dir = hooksDirectory(repo);
  let tracked: string;
  try {
    tracked = runGit(['ls-files', '--', dir], repo.workTree);
  } catch {
    return undefined; // outside the work tree: git's own hooks directory, or one of the user's elsewhere
  }
  if (tracked === '') return undefined;
  return `${dir} (core.hooksPath) holds files tracked in git: the hooks written there show in \`git status\` and reach the team if committed (they run the \`datatrack\` on PATH where ${BIN} does not exist); \`datatrack hooks uninstall\` puts the directory back as it was`;
}

function removeIfEmpty(directory: string): void {
  try {
    fs.rmdirSync(directory);
  } catch {
    // gone already, or another hook is still kept there
  }
}

export function uninstallHooks(repo: Repository, names: readonly HookName[]): HookChange[] {
  const dir = hooksDirectory(repo);
  removeAbandonedTemporaries(dir);
  return names.map((name) => {
    const path = join(dir, name);
    const chained = [chainedPath(dir, name), path + OLD_CHAINED_SUFFIX].find(present);
    // Ours deleted by hand: the hook it chained is still put back.
    if (present(path) && !isOurs(path)) return { hook: name, path, action: 'not ours' };
    const ours = present(path);
    if (chained) {
      // One rename replaces ours: the hook is never missing, nor half there.
      const target = relativeLinkTarget(chained);
      if (target?.startsWith(RELINKED)) {
        // A link install led back: put back as it was, then the kept one goes.
        const temporary = join(dir, temporaryName(name, process.pid, 'link'));
        removingOnFailure([temporary], () => {
          fs.symlinkSync(target.slice(RELINKED.length), temporary);
          fs.renameSync(temporary, path);
        });
        fs.rmSync(chained);
      } else fs.renameSync(chained, path);
      removeIfEmpty(join(dir, CHAINED_DIRECTORY));
      return { hook: name, path, action: 'restored' };
    }
    if (ours) fs.rmSync(path);
    return { hook: name, path, action: ours ? 'removed' : 'absent' };
  });
}
