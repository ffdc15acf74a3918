// A partial clone (`git clone --filter=blob:none`) leaves blobs on its promisor remote, and git
// fetches each one on its own when it is read: for the thousands of files of a snapshot, that is
// thousands of fetches. The blobs a read is about to need are fetched in one request instead, the
// way git's own lazy fetch asks for several (promisor-remote.c: the same command, ids on stdin).
import { execFile, spawnSync } from 'node:child_process';

const remotes = new Map<string, string | null>();

/**
 * The promisor remote of a partial clone, read once per process; null for a full clone. git names
 * it as `remote.<name>.promisor` (or, as older versions did, extensions.partialClone, which goes first).
 */
function promisorRemote(gitdir: string): string | null {
  let remote = remotes.get(gitdir);
  if (remote === undefined) {
    const result = spawnSync('git', ['--git-dir', gitdir, 'config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], { encoding: 'utf8' });
    const entries = (result.status === 0 ? result.stdout.split('\n') : []).map((line) => {
      const space = line.indexOf(' ');
      return space < 0 ? { key: line, value: 'true' } : { key: line.slice(0, space), value: line.slice(space + 1) };
    });
    const legacy = entries.find((e) => e.key === 'extensions.partialclone' && e.value);
    // A key alone, as git reads booleans, is true.
    const promisor = entries.find((e) => /^remote\..+\.promisor$/.test(e.key) && /^(true|yes|on|[1-9]\d*)$/i.test(e.value));
    remote = legacy?.value ?? promisor?.key.slice('remote.'.length, -'.promisor'.length) ?? null;
    remotes.set(gitdir, remote);
  }
  return remote;
}

/**
 * Fetches `oids` from the promisor remote in one request. A failure is left to the reads that
 * follow: git tries each object again, and one that is really missing is reported there.
 */
export function fetchFromPromisor(gitdir: string, oids: string[]): Promise<void> {
  const remote = promisorRemote(gitdir);
  if (remote === null || oids.length === 0) return Promise.resolve();
  const args = ['--git-dir', gitdir, '-c', 'fetch.negotiationAlgorithm=noop', 'fetch', remote, '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin'];
  return new Promise((resolve) => {
    const child = execFile('git', args, { maxBuffer: Infinity }, () => resolve());
    // git may exit before it reads its input: the callback has the outcome.
    child.stdin?.on('error', () => {});
    child.stdin?.end(oids.map((oid) => `${oid}\n`).join(''));
  });
}
