// git reads a relative GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY or GIT_COMMON_DIR
// against its own working directory. datatrack runs git in the work tree's top (or the git
// directory), where `GIT_DIR=../.git` given in a subdirectory (or `git --git-dir=../.git datatrack`,
// which passes it on as it was typed) names another directory or none: such a path is made
// absolute once, against the directory it was given in, before any git runs.
import { isAbsolute, resolve } from 'node:path';

const PATH_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'] as const;

/** `cwd` is asked for only when a path is relative: in a directory removed under it, it throws (said later, where git is run). */
export function absoluteGitPaths(env: NodeJS.ProcessEnv, cwd: () => string): void {
  for (const name of PATH_VARIABLES) {
    const value = env[name];
    if (!value || isAbsolute(value)) continue;
    try {
      env[name] = resolve(cwd(), value);
    } catch {
      return;
    }
  }
}
