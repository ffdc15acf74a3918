// A target as config.yaml keeps it, which every clone of the repository reads.
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { realPath } from '../util/real-path.js';
import type { TargetConfig } from './config.js';

/**
 * `target` as the config stores it: a SQLite file inside the repository, or one given by a
 * relative path (`../data/app.db`), relative to the repository's root, so that the config works
 * in every clone; one's own absolute path would not. git names the root by its physical path: a
 * path through a symbolic link to the work tree (macOS's /tmp, a linked home or checkout) is
 * inside it too. The file itself may be a link.
 */
export function storedTarget(root: string, target: TargetConfig, givenRelative: boolean | undefined): TargetConfig {
  if (target.dialect !== 'sqlite' || !isAbsolute(target.database)) return { ...target };
  const fromRoot = relative(root, join(realPath(dirname(target.database)) ?? dirname(target.database), basename(target.database)));
  return !isAbsolute(fromRoot) && (givenRelative || !fromRoot.startsWith('..')) ? { ...target, database: fromRoot } : { ...target };
}
