// The settings datatrack takes from git's configuration, at all of its levels as git resolves
// them: the commit identity, core.sharedRepository, core.logAllRefUpdates and the remotes. One `git config` process reads
// them all. A snapshot starts it before it reads the database, so that nothing waits for it later;
// a reader that needs them before it has answered (or in a process that never started it) runs
// git itself, as each did on its own before.
import { execFile, spawnSync } from 'node:child_process';
import type { Repository } from './repository.js';

const KEYS = '^((user|author|committer)\\.(name|email)|user\\.useconfigonly|core\\.(sharedrepository|logallrefupdates)|remote\\..*\\.url)$';

/**
 * Each key git lists (section and name in lower case, a remote's name as written), every value in
 * git's order: system, global, local, worktree, so that the last one wins. A key without a value
 * (a boolean written bare) has none.
 */
export type GitConfig = { key: string; value?: string }[];

/** A boolean setting as git reads it: true, yes, on or a number other than 0 (`1k` too); a key without a value is true too. */
export const isGitTrue = (value: string | undefined): boolean => value === undefined || /^(true|yes|on|[+-]?0*[1-9]\d*[kmg]?)$/i.test(value);

/** The latest reading, by the repository's common directory (where objects and shared refs live). */
const settled = new Map<string, GitConfig>();
/** Each opening of a repository reads afresh (an API caller may change the settings between two). */
const reading = new WeakMap<Repository, Promise<GitConfig>>();

// Read with -z: each entry ends with a NUL, a newline parts key from value, so a value holding a
// line break (a user.name set with one) is one value, never a second entry.
function parse(stdout: string | undefined): GitConfig {
  return (stdout ?? '')
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const newline = entry.indexOf('\n');
      return newline < 0 ? { key: entry } : { key: entry.slice(0, newline), value: entry.slice(newline + 1) };
    });
}

/** Starts reading (once per opened repository) from its work tree, as git run there reads it. */
export function readGitConfig(repo: Repository): Promise<GitConfig> {
  let config = reading.get(repo);
  if (!config) {
    settled.delete(repo.commonDir);
    config = new Promise((resolve) => {
      // An error is "no key matched" (exit 1) or no git at all: nothing configured.
      execFile('git', ['config', '-z', '--get-regexp', KEYS], { cwd: repo.workTree ?? repo.gitDir, encoding: 'utf8' }, (_error, stdout) => {
        const entries = parse(stdout);
        settled.set(repo.commonDir, entries);
        resolve(entries);
      });
    });
    reading.set(repo, config);
  }
  return config;
}

/** The settings now: as read already, or read by git at once (`gitdir`: the common directory). */
export function gitConfigNow(gitdir: string): GitConfig {
  let entries = settled.get(gitdir);
  if (!entries) {
    const result = spawnSync('git', ['--git-dir', gitdir, 'config', '-z', '--get-regexp', KEYS], { encoding: 'utf8' });
    entries = parse(result.status === 0 ? result.stdout : '');
    settled.set(gitdir, entries);
  }
  return entries;
}
