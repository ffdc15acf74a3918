// core.sharedRepository: the objects, packs and refs datatrack writes get the permissions git gives
// its own, whatever the writer's umask, so that the other members of a group can read them.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ObjectStore } from '../../src/store/objects.js';
import { updateRef } from '../../src/store/refs.js';
import { git, newRepo } from '../helpers/cli.js';

// A private umask: what the setting is there to override. git, run by the tests, inherits it.
process.umask(0o077);

const mode = (path: string) => (statSync(path).mode & 0o7777).toString(8);
const loose = (dir: string, oid: string) => join(dir, '.git/objects', oid.slice(0, 2), oid.slice(2));
const packs = (dir: string) => new Set(readdirSync(join(dir, '.git/objects/pack')));
const gitWithInput = (dir: string, input: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, input, encoding: 'utf8' }).trim();

/** What git writes and what datatrack writes in a repository so configured: path → [git's mode, ours]. */
async function modes(configure: (dir: string) => void): Promise<Record<string, [string, string]>> {
  const dir = newRepo();
  configure(dir);
  const gitdir = join(dir, '.git');
  const store = new ObjectStore(gitdir);
  const ours = store.write('blob', Buffer.from('datatrack\n'));
  const theirs = gitWithInput(dir, 'git\n', 'hash-object', '-w', '--stdin');
  assert.is.not(ours.slice(0, 2), theirs.slice(0, 2), 'each object opens a fan-out directory of its own');

  const blobs = Array.from({ length: 70 }, (_, i) => ({ type: 'blob' as const, content: Buffer.from(`blob ${i}\n`) }));
  const before = packs(dir);
  store.writeMany(blobs);
  const ourPack = [...packs(dir)].find((name) => !before.has(name) && name.endsWith('.pack'))!;
  const gitPack = `pack-${gitWithInput(dir, `${theirs}\n`, 'pack-objects', '-q', join(gitdir, 'objects/pack/pack'))}.pack`;

  await updateRef(gitdir, 'refs/datatrack/eu/prod', ours, undefined);
  git(dir, 'update-ref', 'refs/gitmade/eu/prod', theirs);
  const both = (gitPath: string, ourPath: string): [string, string] => [mode(join(gitdir, gitPath)), mode(join(gitdir, ourPath))];
  return {
    'loose object': [mode(loose(dir, theirs)), mode(loose(dir, ours))],
    'fan-out directory': [mode(join(loose(dir, theirs), '..')), mode(join(loose(dir, ours), '..'))],
    pack: both(`objects/pack/${gitPack}`, `objects/pack/${ourPack}`),
    'pack index': both(`objects/pack/${gitPack.replace(/pack$/, 'idx')}`, `objects/pack/${ourPack.replace(/pack$/, 'idx')}`),
    'ref directory': both('refs/gitmade', 'refs/datatrack'),
    'nested ref directory': both('refs/gitmade/eu', 'refs/datatrack/eu'),
    ref: both('refs/gitmade/eu/prod', 'refs/datatrack/eu/prod'),
  };
}

function assertSameAsGit(found: Record<string, [string, string]>, setting: string): void {
  for (const [what, [gitMode, ours]] of Object.entries(found)) assert.is(ours, gitMode, `${setting}: ${what}`);
}

test('every spelling of core.sharedRepository gives the modes git gives', async () => {
  for (const value of ['group', 'true', '1', 'all', 'everybody', '2', '0640', '0600', 'umask', 'false']) {
    assertSameAsGit(await modes((dir) => git(dir, 'config', 'core.sharedRepository', value)), value);
  }
  assertSameAsGit(await modes((dir) => appendFileSync(join(dir, '.git/config'), '[core]\n\tsharedRepository\n')), 'a key without a value');
});

test('a group-shared repository: group-readable objects in setgid directories, group-writable refs', async () => {
  const found = await modes((dir) => git(dir, 'config', 'core.sharedRepository', 'group'));
  assert.equal(
    Object.fromEntries(Object.entries(found).map(([what, [, ours]]) => [what, ours])),
    { 'loose object': '440', 'fan-out directory': '2770', pack: '440', 'pack index': '440', 'ref directory': '2770', 'nested ref directory': '2770', ref: '660' },
  );
});

test('without the setting, the umask alone decides', async () => {
  const found = await modes(() => {});
  assert.equal(found['loose object'], ['400', '400']);
  assert.equal(found.ref, ['600', '600']);
});

test.run();
