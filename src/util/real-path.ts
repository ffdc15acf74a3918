// Paths as git names them: symbolic links resolved (git reports the repository's physical path).
import { realpathSync } from 'node:fs';

/** The path with its symbolic links resolved, or undefined when it does not exist. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}
