import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashObject, ObjectStore } from '../../src/store/objects.js';
import { applyDelta } from '../../src/store/packs.js';
import { fsck, git, newRepo } from '../helpers/cli.js';

function blobs(count: number, variant = 0): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    Buffer.from(`name: table_${i}\nschema: public\ncolumns:\n${Array.from({ length: 12 }, (_, c) => `  - name: col_${c}\n    type: integer\n    nullable: ${(c + variant) % 2 === 0}\n`).join('')}`),
  );
}

test('packs written here pass git verify-pack and read back with git cat-file', () => {
  const dir = newRepo();
  const store = new ObjectStore(join(dir, '.git'));
  // Empty, highly compressible, and incompressible ones on both sides of the small-object
  // compression settings (3,834 bytes) and of zlib's 16 KiB output chunk.
  const contents = [...blobs(100), Buffer.alloc(0), Buffer.alloc(70_000, 'x'), ...[3_834, 3_835, 16_384, 40_000].map((n) => randomBytes(n))];
  const oids = store.writeMany(contents.map((content) => ({ type: 'blob', content })));
  const packs = git(dir, 'count-objects', '-v');
  assert.match(packs, /^packs: 1$/m);
  assert.match(packs, /^count: 0$/m);
  const pack = execFileSync('sh', ['-c', 'ls .git/objects/pack/*.idx'], { cwd: dir, encoding: 'utf8' }).trim();
  git(dir, 'verify-pack', pack);
  oids.forEach((oid, i) => assert.ok(execFileSync('git', ['cat-file', 'blob', oid], { cwd: dir }).equals(contents[i]!), oid));
  const reader = new ObjectStore(join(dir, '.git'));
  oids.forEach((oid, i) => assert.ok(reader.readSync(oid)?.content.equals(contents[i]!), `read back ${oid}`));
  // a second write of the same objects adds nothing
  store.writeMany(contents.map((content) => ({ type: 'blob', content })));
  assert.match(git(dir, 'count-objects', '-v'), /^packs: 1$/m);
  fsck(dir);
});

test('a pack is kept from git repack until released; one a killed datatrack of this host kept is let go at the next write', () => {
  const dir = newRepo();
  const store = new ObjectStore(join(dir, '.git'));
  const packDir = join(dir, '.git', 'objects', 'pack');
  const keeps = () => readdirSync(packDir).filter((name) => name.endsWith('.keep'));
  const oids = store.writeMany(blobs(100).map((content) => ({ type: 'blob', content })));
  assert.equal(keeps().length, 1);
  // Not yet reachable, yet git repack -a -d leaves it be: its objects stay.
  git(dir, 'repack', '-a', '-d', '-q');
  assert.ok(oids.every((oid) => git(dir, 'cat-file', '-t', oid).trim() === 'blob'));
  store.releaseKeptPacks();
  assert.equal(keeps(), []);
  // Left by a process that is gone (this host), and by one that still runs: only the first goes.
  const [dead, live] = ['pack-dead', 'pack-live'];
  const sleeper = spawn('sleep', ['30']);
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(packDir, `${dead}.keep`), `datatrack ${probe.stdout} on ${hostname()}\n`);
  writeFileSync(join(packDir, `${live}.keep`), `datatrack ${sleeper.pid} on ${hostname()}\n`);
  writeFileSync(join(packDir, 'pack-git.keep'), 'receive-pack 1 on another\n');
  store.writeMany(blobs(100, 1).map((content) => ({ type: 'blob', content })));
  sleeper.kill();
  const planted = new Set([`${dead}.keep`, `${live}.keep`, 'pack-git.keep']);
  assert.equal(keeps().filter((name) => planted.has(name)).sort(), ['pack-git.keep', `${live}.keep`]);
  store.releaseKeptPacks();
  fsck(dir);
  // one an interrupted run left goes at the end of any write, a small one that makes no pack too
  writeFileSync(join(packDir, `${dead}.keep`), `datatrack ${probe.stdout} on ${hostname()}\n`);
  store.write('blob', Buffer.from('one small object\n'));
  store.releaseKeptPacks();
  assert.not.ok(keeps().includes(`${dead}.keep`));
});

test('a truncated loose object under the id of an object about to be packed is replaced by the packed copy', () => {
  const dir = newRepo();
  const contents = blobs(600, 1);
  const victim = hashObject('blob', contents[7]!).oid;
  const sound = hashObject('blob', contents[8]!).oid;
  const store = new ObjectStore(join(dir, '.git'));
  store.write('blob', contents[8]!);
  const path = join(dir, '.git/objects', victim.slice(0, 2), victim.slice(2));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from([0x78, 0x01, 0x4b]));
  const oids = store.writeMany(contents.map((content) => ({ type: 'blob', content })));
  assert.is(oids[7], victim);
  assert.ok(!existsSync(path), 'the damaged loose copy is gone');
  assert.ok(existsSync(join(dir, '.git/objects', sound.slice(0, 2), sound.slice(2))), 'a sound loose copy stays');
  assert.ok(execFileSync('git', ['cat-file', 'blob', victim], { cwd: dir }).equals(contents[7]!));
  fsck(dir);
});

/**
 * A writer killed at each step of writing a pack (SIGKILL from inside fs.writeFileSync or
 * fs.renameSync, the n-th call into the pack directory, half the bytes written): git must see
 * either no pack or the whole one, and a later writer must store the objects again.
 */
test('a process killed while writing a pack leaves nothing that git reads as a pack', () => {
  const objectsModule = new URL('../../src/store/objects.js', import.meta.url).href;
  const child = `
    import { createRequire, syncBuiltinESMExports } from 'node:module';
    const fs = createRequire(import.meta.url)('node:fs');
    let calls = 0;
    const dieAt = Number(process.env.DIE_AT);
    for (const name of ['openSync', 'renameSync']) {
      const real = fs[name];
      fs[name] = (path, ...rest) => {
        if (String(path).includes('/pack/') && ++calls === dieAt) {
          // killed part way through writing the file just opened
          if (name === 'openSync') fs.writeFileSync(path, 'PACK, half written');
          process.kill(process.pid, 'SIGKILL');
        }
        return real(path, ...rest);
      };
    }
    syncBuiltinESMExports();
    const { ObjectStore } = await import(${JSON.stringify(objectsModule)});
    const contents = JSON.parse(fs.readFileSync(0, 'utf8')).map((text) => ({ type: 'blob', content: Buffer.from(text) }));
    new ObjectStore(process.env.GIT_DIR_UNDER_TEST).writeMany(contents);
  `;
  const contents = blobs(600, 2);
  // 1: the pack's temporary file, 2: the index's, 3: renaming the pack, 4: renaming the index.
  for (const dieAt of [1, 2, 3, 4]) {
    const dir = newRepo();
    const gitDir = join(dir, '.git');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', child], {
      env: { ...process.env, DIE_AT: String(dieAt), GIT_DIR_UNDER_TEST: gitDir },
      input: JSON.stringify(contents.map(String)),
      encoding: 'utf8',
    });
    assert.is(run.signal, 'SIGKILL', `killed at step ${dieAt}: ${run.error ?? run.stderr}`);
    assert.ok(!readdirSync(join(gitDir, 'objects/pack')).some((f) => f.startsWith('tmp_') && /\.(idx|pack)$/.test(f)), `no temporary file that git would open (step ${dieAt})`);
    fsck(dir);
    const oids = new ObjectStore(gitDir).writeMany(contents.map((content) => ({ type: 'blob', content })));
    // fsck checks every object's bytes against its id; batch-check that all of them are there.
    const present = execFileSync('git', ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: dir, input: oids.join('\n') + '\n', encoding: 'utf8' });
    assert.is(present, oids.map((oid) => `${oid} blob\n`).join(''), `step ${dieAt}: every object stored`);
    fsck(dir);
  }
});

test('objects in packs git made (with deltas) are read on the fast path, byte for byte', () => {
  const dir = newRepo();
  const writer = new ObjectStore(join(dir, '.git'));
  const all = [...blobs(80, 0), ...blobs(80, 1)];
  for (const content of all) writer.write('blob', content);
  const tree = execFileSync('git', ['mktree'], { cwd: dir, input: all.map((c, i) => `100644 blob ${hashObject('blob', c).oid}\tf${i}\n`).join('') }).toString().trim();
  git(dir, 'update-ref', 'refs/datatrack/t', execFileSync('git', ['commit-tree', tree, '-m', 'x'], { cwd: dir }).toString().trim());
  git(dir, 'repack', '-a', '-d', '-f', '-q', '--depth=50', '--window=50');
  assert.match(execFileSync('sh', ['-c', 'git verify-pack -v .git/objects/pack/*.idx'], { cwd: dir, encoding: 'utf8' }), /chain length = [1-9]/);
  const reader = new ObjectStore(join(dir, '.git'));
  for (const content of all) {
    const oid = hashObject('blob', content).oid;
    const object = reader.readSync(oid);
    assert.ok(object, `${oid} not read from the pack`);
    assert.ok(object!.content.equals(content), oid);
  }
  assert.is(reader.readSync(tree)?.type, 'tree');
  // Ids the pack does not hold, at either end of the fan-out and between its entries, are not found.
  const held = new Set(all.map((content) => hashObject('blob', content).oid));
  for (const absent of ['0'.repeat(40), 'f'.repeat(40), ...[...held].map((oid) => oid.slice(0, 39) + (oid[39] === '0' ? '1' : '0'))]) {
    if (!held.has(absent)) assert.is(reader.readSync(absent), undefined, absent);
  }
});

test('delta instructions: copies (with a zero size meaning 64 KiB) and inserts', () => {
  const base = Buffer.alloc(0x10000 + 10, 'b');
  base.write('HEAD', 0);
  // base size 65546, result size 65536 + 3: copy offset 0 size 0 (→ 0x10000), insert "xyz"
  const varint = (n: number) => {
    const bytes: number[] = [];
    do {
      let byte = n & 0x7f;
      n = Math.floor(n / 128);
      if (n > 0) byte |= 0x80;
      bytes.push(byte);
    } while (n > 0);
    return bytes;
  };
  const delta = Buffer.from([...varint(base.length), ...varint(0x10003), 0x80, 3, ...Buffer.from('xyz')]);
  const out = applyDelta(base, delta);
  assert.is(out.length, 0x10003);
  assert.is(out.subarray(0, 4).toString(), 'HEAD');
  assert.is(out.subarray(0x10000).toString(), 'xyz');
  assert.throws(() => applyDelta(base, Buffer.from([...varint(base.length), 5, 0])), /opcode 0/);
});

test.run();
