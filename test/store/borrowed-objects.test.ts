// Objects a repository does not hold itself: borrowed through objects/info/alternates
// (`git clone --shared`, `--reference`) or left on the promisor remote by a partial clone
// (`--filter=blob:none`), which git fetches when they are read. datatrack reads both as git does.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { objectDirectories } from '../../src/store/alternates.js';
import { fsck, git, markDamaged, newRepo, run, runJson, tempDir } from '../helpers/cli.js';
import { commitSnapshot, table } from '../helpers/snapshots.js';

/** A repository with two snapshots: the first packed, the second loose. */
async function repoWithTwoSnapshots(): Promise<string> {
  const dir = newRepo();
  await commitSnapshot(dir, [table('a', ['id'])]);
  git(dir, 'repack', '-a', '-d', '-q');
  await commitSnapshot(dir, [table('a', ['id']), table('c', ['id'])]);
  return dir;
}

function fetchSnapshots(clone: string): void {
  git(clone, 'fetch', '--quiet', 'origin', '+refs/datatrack/*:refs/datatrack/*');
}

/** history, diff and show of the latest snapshot, as the CLI prints them. */
function readEverything(dir: string): void {
  assert.is(runJson<unknown[]>(['history'], dir).length, 2);
  const diff = run(['diff'], dir);
  assert.is(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /\+ table public\.c/);
  const show = run(['show', 'public.a'], dir);
  assert.is(show.code, 0, show.stderr);
  assert.match(show.stdout, /^name: a$/m);
}

test('alternates are found as git finds them: relative paths, comments, each directory once, five levels deep', () => {
  const root = tempDir();
  const objects = (name: string) => join(root, name, 'objects');
  const alternates = (name: string, lines: string[]) => {
    mkdirSync(join(objects(name), 'info'), { recursive: true });
    writeFileSync(join(objects(name), 'info', 'alternates'), lines.map((line) => `${line}\n`).join(''));
  };
  for (const name of ['r', 'x', 'y', ...Array.from({ length: 8 }, (_, i) => `c${i}`)]) git(root, 'init', '--quiet', '--bare', name);
  // git's fsck reports the entry that names nothing and the nesting too deep, as meant here.
  markDamaged(root);
  alternates('r', ['# a comment', '', '../../x/objects', objects('y'), objects('r'), '../../nowhere/objects', '../../c0/objects']);
  alternates('x', [objects('y')]);
  for (let i = 0; i < 7; i++) alternates(`c${i}`, [`../../c${i + 1}/objects`]);
  // git lists the alternates it uses (and warns about the ones nested too deep).
  const fromGit = [...git(join(root, 'r'), 'count-objects', '-v').matchAll(/^alternate: (.*)$/gm)].map((m) => m[1]);
  assert.equal(objectDirectories(objects('r')), [objects('r'), ...fromGit]);
  assert.equal(fromGit, [objects('x'), objects('y'), ...Array.from({ length: 6 }, (_, i) => objects(`c${i}`))]);
});

test('a `git clone --shared` reads its snapshots through alternates and writes only what is new', async () => {
  const source = await repoWithTwoSnapshots();
  const clone = join(tempDir(), 'shared');
  git(source, 'clone', '--quiet', '--shared', source, clone);
  fetchSnapshots(clone);
  assert.match(git(clone, 'count-objects', '-v'), /^count: 0\n(.*\n)*packs: 0\n/m, 'every object is borrowed');
  readEverything(clone);

  await commitSnapshot(clone, [table('a', ['id']), table('c', ['id']), table('d', ['id'])]);
  const borrowed = git(clone, 'rev-parse', 'refs/datatrack/default:public/tables/a.yaml').trim();
  assert.not.ok(existsSync(join(clone, '.git/objects', borrowed.slice(0, 2), borrowed.slice(2))), 'a borrowed blob is not written again');
  // The new blob, datatrack.yaml, three trees and the commit.
  assert.match(git(clone, 'count-objects', '-v'), /^count: 6$/m);
  assert.is(git(clone, 'rev-list', '--count', 'refs/datatrack/default').trim(), '3');
  fsck(clone);
});

test('a partial clone (--filter=blob:none) reads the blobs it lacks through git, which fetches them', async () => {
  const source = await repoWithTwoSnapshots();
  const root = tempDir();
  const remote = join(root, 'remote.git');
  git(root, 'clone', '--quiet', '--bare', source, remote);
  git(source, 'push', '--quiet', remote, 'refs/datatrack/*:refs/datatrack/*');
  git(remote, 'config', 'uploadpack.allowFilter', 'true');
  const clone = join(root, 'partial');
  git(root, 'clone', '--quiet', '--filter=blob:none', `file://${remote}`, clone);
  fetchSnapshots(clone);
  assert.match(git(clone, 'rev-list', '--objects', '--missing=print', 'refs/datatrack/default'), /^\?/m, 'blobs are left on the remote');
  readEverything(clone);
  fsck(clone);
});

test('a partial clone fetches the blobs a command reads in one request, not one per file', async () => {
  const source = newRepo();
  const tables = (changed: number) => Array.from({ length: 40 }, (_, i) => table(`t${i}`, i < changed ? ['id', 'note'] : ['id']));
  await commitSnapshot(source, tables(0));
  await commitSnapshot(source, tables(10));
  const root = tempDir();
  const remote = join(root, 'remote.git');
  git(root, 'init', '--quiet', '--bare', remote);
  git(source, 'push', '--quiet', remote, 'refs/datatrack/*:refs/datatrack/*');
  git(remote, 'config', 'uploadpack.allowFilter', 'true');
  const clone = join(root, 'partial');
  git(root, 'clone', '--quiet', '--filter=blob:none', `file://${remote}`, clone);
  fetchSnapshots(clone);
  /** The fetches git ran while `args` ran (git's trace names each process it starts). */
  const fetches = (args: string[]) => {
    const trace = join(tempDir(), 'trace');
    const result = run(args, clone, { GIT_TRACE: trace });
    assert.is(result.code, 0, result.stderr);
    return (existsSync(trace) ? readFileSync(trace, 'utf8') : '').split('\n').filter((line) => /trace: built-in: git fetch /.test(line)).length;
  };
  // The diff reads the ten changed files on both sides: twenty blobs in one fetch (and a
  // datatrack.yaml read before them in another).
  assert.ok(fetches(['diff']) <= 2, 'one fetch for the changed files, not twenty');
  // An export reads every file of the latest snapshot: what the diff left behind, in one fetch.
  assert.is(fetches(['export', '--format', 'yaml', '-o', '-']), 1);
  assert.is(fetches(['export', '--format', 'yaml', '-o', '-']), 0, 'nothing is left to fetch');
  fsck(clone);
});

test.run();
