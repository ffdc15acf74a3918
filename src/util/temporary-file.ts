// Files written under a temporary name and then renamed into place (git objects, packs, refs, the
// config and secrets files). A write that fails part way — a full disk, a quota, a file-size
// limit — must not leave its partial file behind: it would hold space that is already short, and
// beside the config it would show in `git status`, one `git add -A` away from a commit. (A killed
// process cannot clean up after itself; git gc and removeStaleScratch take care of that case.)
import * as fs from 'node:fs';

/** Runs `write`, which creates the `temporary` files; when it throws, they are removed before the error goes on. */
export function removingOnFailure<T>(temporary: string[], write: () => T): T {
  try {
    return write();
  } catch (error) {
    for (const path of temporary) {
      try {
        fs.rmSync(path, { force: true });
      } catch {
        // the error that stopped the write says what is wrong; this one would only hide it
      }
    }
    throw error;
  }
}
