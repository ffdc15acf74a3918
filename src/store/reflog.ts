// git's reflog for a datatrack ref: `git reflog refs/datatrack/<target>` and `<ref>@{1}` find
// where a ref was, and a snapshot that a pull replayed past stays reachable from it until git
// expires the entry. git keeps a ref's log when core.logAllRefUpdates is `always` or the log exists
// (`git update-ref --create-reflog`); by default (`true`) only branches, remote-tracking refs, notes
// and HEAD are logged, and datatrack's refs are none of those, so it does as git would.
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { gitConfigNow } from './git-config.js';
import { formatSignature, type Signature } from './git-format.js';
import { makeSharedDirectories, shareLikeGit } from './shared-repository.js';

export interface ReflogEntry {
  /** Asked for only when the entry is written (a pull makes no commit of its own to sign otherwise). */
  committer: () => Promise<Signature>;
  /** One line: what moved the ref (`snapshot: …`, `pull: fast-forward`). */
  message: string;
}

const ZERO = '0'.repeat(40);

function logsAllRefs(gitdir: string): boolean {
  const setting = gitConfigNow(gitdir).filter((entry) => entry.key === 'core.logallrefupdates').at(-1);
  return setting?.value?.toLowerCase() === 'always';
}

/** Appends the move of `ref` from `previous` to `next` to its log, where git would keep one. */
export async function appendReflog(gitdir: string, ref: string, previous: string | undefined, next: string, entry: ReflogEntry, shared: number): Promise<void> {
  const path = join(gitdir, 'logs', ref);
  if (!fs.existsSync(path) && !logsAllRefs(gitdir)) return;
  const committer = formatSignature(await entry.committer());
  makeSharedDirectories(dirname(path), shared);
  const message = entry.message.replace(/[\r\n]+/g, ' ').trim();
  fs.appendFileSync(path, `${previous ?? ZERO} ${next} ${committer}\t${message}\n`);
  shareLikeGit(path, shared);
}
