// core.sharedRepository (`git init --shared`): in a repository that a group, or everybody,
// shares, git makes the files and directories it writes readable (and the directories writable)
// by them whatever the writer's umask. datatrack's objects, packs and refs get the same
// permissions git's own would, computed as git computes them (git's setup.c git_config_perm and
// path.c calc_shared_perm / adjust_shared_perm).
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { gitConfigNow, isGitTrue } from './git-config.js';
import { makeDirectories } from '../util/write-file.js';

const PERM_GROUP = 0o660;
const PERM_EVERYBODY = 0o664;

/** Where directories pass their group on to new files anyway (BSD), git does not set setgid. */
const SET_GROUP_ID = process.platform === 'freebsd' || process.platform === 'openbsd' ? 0 : 0o2000;

/**
 * git's reading of the setting: 0 leaves modes to the umask; a positive value is bits added to
 * every mode, a negative one the opposite of the file mode to set (an octal value such as 0640).
 * `undefined` is a key without a value, which git takes as true.
 */
function sharedRepositoryMode(value: string | undefined): number {
  if (value === undefined || value === 'group') return PERM_GROUP;
  if (value === 'umask') return 0;
  if (value === 'all' || value === 'world' || value === 'everybody') return PERM_EVERYBODY;
  if (/^[0-7]*$/.test(value)) {
    // 0, 1 and 2 are the old spellings of umask, group and everybody.
    const octal = value === '' ? 0 : parseInt(value, 8);
    if (octal <= 2) return [0, PERM_GROUP, PERM_EVERYBODY][octal]!;
    // git refuses to run with a mode that keeps the owner from reading and writing.
    return (octal & 0o600) === 0o600 ? -(octal & 0o666) : 0;
  }
  // Anything else git reads as a boolean: true shares with the group.
  return isGitTrue(value) ? PERM_GROUP : 0;
}

const modes = new Map<string, number>();

/** The repository's mode, read once per process from git's configuration (all of its levels). */
export function sharedMode(gitdir: string): number {
  let mode = modes.get(gitdir);
  if (mode === undefined) {
    // One entry per level that sets it; the last wins.
    const setting = gitConfigNow(gitdir).filter((entry) => entry.key === 'core.sharedrepository').at(-1);
    mode = setting === undefined ? 0 : sharedRepositoryMode(setting.value);
    modes.set(gitdir, mode);
  }
  return mode;
}

/** The permissions git gives a file or directory that it created with `mode` (calc_shared_perm, adjust_shared_perm). */
function sharedPermissions(mode: number, shared: number, directory: boolean): number {
  let tweak = Math.abs(shared);
  if (!(mode & 0o200)) tweak &= ~0o222;
  if (mode & 0o100) tweak |= (tweak & 0o444) >> 2;
  let result = shared < 0 ? (mode & ~0o777) | tweak : mode | tweak;
  if (!directory) return result;
  // A directory can be entered by whoever can read it; when its group has access, its files take
  // that group (setgid).
  result |= (result & 0o444) >> 2;
  return result & 0o060 ? result | SET_GROUP_ID : result;
}

/** Gives a path the permissions git would, in a shared repository; nothing otherwise. */
export function shareLikeGit(path: string, shared: number): void {
  if (!shared) return;
  const stat = fs.statSync(path);
  const mode = stat.mode & 0o7777;
  const wanted = sharedPermissions(mode, shared, stat.isDirectory());
  if (wanted !== mode) fs.chmodSync(path, wanted);
}

/** `mkdir -p`, each directory it creates shared like git's. */
export function makeSharedDirectories(dir: string, shared: number): void {
  const first = makeDirectories(dir);
  if (first === undefined || !shared) return;
  for (let path = dir; path.length >= first.length; path = dirname(path)) shareLikeGit(path, shared);
}
