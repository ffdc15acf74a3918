import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeSnapshot } from '../../src/model/canonical.js';
import type { Snapshot, Table } from '../../src/model/types.js';
import { parseCommitMessage } from '../../src/store/commit-message.js';
import { readSnapshot } from '../../src/store/read-snapshot.js';
import { RefConflictError, readRef, updateRef } from '../../src/store/refs.js';
import { openRepository } from '../../src/store/repository.js';
import { keepWritten, writeSnapshot } from '../../src/store/write-snapshot.js';
import type { StorageError } from '../../src/errors.js';
import { rejects } from '../helpers/assert.js';
import { fsck, git, GIT_ENV, markDamaged, newRepo, repoWithSqlite, run, runWithFileSizeLimit } from '../helpers/cli.js';

function table(name: string, columns = ['id']): Table {
  return { kind: 'table', schema: 'public', name, columns: columns.map((c) => ({ name: c, type: 'integer', nullable: c !== 'id' })), primary_key: { name: `${name}_pkey`, columns: ['id'] } };
}

function snapshotOf(...tables: Table[]): Snapshot {
  return normalizeSnapshot({ meta: { format: 1, dialect: 'postgres', server: '15.19', database: 'app' }, schemas: [{ name: 'public' }], objects: tables });
}

test('two objects that would share a file stop the snapshot: no tree git refuses, the ref where it was', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users')) });
  const before = readRef(repo.commonDir, 'refs/datatrack/default');
  const twice = { ...snapshotOf(table('users')), objects: [table('users'), table('users', ['id', 'email'])] };
  await rejects(() => writeSnapshot({ repo, target: 'default', snapshot: twice }), /two files of the snapshot would be stored at public\/tables\/users\.yaml; nothing was committed/);
  assert.equal(readRef(repo.commonDir, 'refs/datatrack/default'), before);
  fsck(dir);
});

test('an unchanged schema makes no second commit, and the tree id is deterministic', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const first = await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users'), table('orders')) });
  const again = await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('orders'), table('users')) });
  assert.ok(first.changed);
  assert.not.ok(again.changed);
  assert.is(again.commit, first.commit);
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/default').trim(), '1');
  const other = openRepository(newRepo());
  const elsewhere = await writeSnapshot({ repo: other, target: 'x', snapshot: snapshotOf(table('users'), table('orders')) });
  assert.is(elsewhere.tree, first.tree);
  const forced = await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users'), table('orders')), allowEmpty: true });
  assert.ok(forced.changed);
  assert.is(forced.tree, first.tree);
  fsck(dir);
});

test('a changed table: git log shows the counts and git diff names only its file', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const c1 = await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users'), table('orders')) });
  const c2 = await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users', ['id', 'email']), table('orders')) });
  const log = git(dir, 'log', '--format=%s', 'refs/datatrack/default').trim().split('\n');
  assert.equal(log, ['snapshot default: 2 tables (+0 ~1 -0)', 'snapshot default: 2 tables (+3 ~0 -0)']);
  assert.is(git(dir, 'diff', '--name-only', c1.commit, c2.commit).trim(), 'public/tables/users.yaml');
  assert.match(git(dir, 'diff', '--stat', c1.commit, c2.commit), /public\/tables\/users\.yaml \| 3 \+\+\+/);
  assert.match(git(dir, 'show', `${c2.commit}:public/tables/users.yaml`), /- name: email\n {4}type: integer\n {4}nullable: true\n/);
  const trailers = git(dir, 'log', '-1', '--format=%(trailers:key=Datatrack-Tables,valueonly)', 'refs/datatrack/default').trim();
  assert.is(trailers, '2');
  const parsed = parseCommitMessage(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'));
  assert.equal(parsed.changes, [{ action: '~', path: 'public/tables/users' }]);
  assert.equal([parsed.target, parsed.dialect, parsed.tables, parsed.objects], ['default', 'postgres', 2, 2]);
  fsck(dir);
});

test('objects already stored are not rewritten; a truncated loose object is replaced', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const snap = snapshotOf(table('users'));
  const first = await writeSnapshot({ repo, target: 'a', snapshot: snap });
  const { files } = await readSnapshot(repo.objects, first.commit);
  const blob = files.get('public/tables/users.yaml')!;
  const path = join(repo.commonDir, 'objects', blob.slice(0, 2), blob.slice(2));
  const inode = (await import('node:fs')).statSync(path).ino; // a rewrite renames a new file in: a new inode
  await new Promise((r) => setTimeout(r, 20));
  await writeSnapshot({ repo, target: 'b', snapshot: snap });
  assert.is((await import('node:fs')).statSync(path).ino, inode);
  (await import('node:fs')).chmodSync(path, 0o644);
  writeFileSync(path, Buffer.from([0x78, 0x01]));
  await writeSnapshot({ repo, target: 'c', snapshot: snap });
  fsck(dir);
});

test('the ref moves by compare-and-swap and never loses a concurrent commit', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => writeSnapshot({ repo, target: 'race', snapshot: snapshotOf(table(`t${i}`)) })));
  const chain = git(dir, 'rev-list', 'refs/datatrack/race').trim().split('\n');
  for (const r of results) assert.ok(chain.includes(r.commit), `commit ${r.commit} lost`);
  assert.is(chain.length, 6);
  assert.not.ok(existsSync(join(repo.commonDir, 'refs/datatrack/race.lock')));
  fsck(dir);
});

test('a snapshot built on a given parent (basis) is refused, not rebased, once the ref has moved', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const first = await writeSnapshot({ repo, target: 'based', snapshot: snapshotOf(table('a')), basis: { parent: undefined } });
  const second = await writeSnapshot({ repo, target: 'based', snapshot: snapshotOf(table('b')) });
  const error = await rejects(() => writeSnapshot({ repo, target: 'based', snapshot: snapshotOf(table('c')), basis: { parent: first.commit } }), /refs\/datatrack\/based moved/);
  assert.instance(error, RefConflictError);
  assert.is(readRef(repo.commonDir, 'refs/datatrack/based'), second.commit);
  const third = await writeSnapshot({ repo, target: 'based', snapshot: snapshotOf(table('c')), basis: { parent: second.commit } });
  assert.is(third.parent, second.commit);
});

test('a held lock is waited for, then reported by name and left alone', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const first = await writeSnapshot({ repo, target: 'locked', snapshot: snapshotOf(table('a')) });
  const lock = join(repo.commonDir, 'refs/datatrack/locked.lock');
  writeFileSync(lock, 'someone else\n');
  await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/locked', first.tree, first.commit, { lockTimeoutMs: 100 }), /locked\.lock exists/);
  assert.ok(existsSync(lock));
  assert.is(readRef(repo.commonDir, 'refs/datatrack/locked'), first.commit);
  await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/other', first.commit, 'f'.repeat(40)), /moved/);
});

test("a lock left by a killed datatrack is taken over; a live process's or git's is not", async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const first = await writeSnapshot({ repo, target: 'stale', snapshot: snapshotOf(table('a')) });
  const lock = join(repo.commonDir, 'refs/datatrack/stale.lock');
  const { hostname } = await import('node:os');
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(lock, `datatrack-lock ${dead} ${hostname()}\n`);
  const second = await writeSnapshot({ repo, target: 'stale', snapshot: snapshotOf(table('a'), table('b')) });
  assert.is(second.parent, first.commit);
  assert.not.ok(existsSync(lock));
  // a live owner (this very test process), another host, or git's own empty lock: left alone
  for (const content of [`datatrack-lock ${process.ppid} ${hostname()}\n`, `datatrack-lock ${dead} elsewhere\n`, '']) {
    writeFileSync(lock, content);
    await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/stale', first.commit, second.commit, { lockTimeoutMs: 50 }), /stale\.lock exists/);
    assert.is(readFileSync(lock, 'utf8'), content);
  }
});

test("a running git gc (gc.pid, as git judges it) is waited for and said once; a stale gc.pid is not", async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const pidFile = join(repo.commonDir, 'gc.pid');
  const gc = spawn('sleep', ['1.6']);
  writeFileSync(pidFile, `${gc.pid} ${hostname()}`);
  const said: string[] = [];
  const started = Date.now();
  await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users')), onWait: (line) => said.push(line) });
  assert.ok(Date.now() - started >= 1400, 'the snapshot waited for the gc');
  assert.equal(said.length, 1);
  assert.match(said[0]!, new RegExp(`^waiting for git gc \\(pid ${gc.pid}, .*gc\\.pid\\) to finish, up to 120 s: it may prune the snapshot's new objects$`));
  // Older than git's 12 hours (a gc that died, its pid since reused), or a dead process of this host: no gc.
  for (const [text, age] of [[`1 ${hostname()}`, 3 * 86400], ['1 another-host', 13 * 3600], [`${gc.pid} ${hostname()}`, 0]] as const) {
    writeFileSync(pidFile, text);
    const when = new Date(Date.now() - age * 1000);
    utimesSync(pidFile, when, when);
    const quick = Date.now();
    await writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users'), table(`t${age}`)), onWait: (line) => said.push(line) });
    assert.ok(Date.now() - quick < 1000, text);
  }
  assert.equal(said.length, 1);
  fsck(dir);
});

test("while a git gc runs, what a prune takes of the snapshot after its ref moved is written again as the wait goes on, not only after it", async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const gc = spawn('sleep', ['2.5']);
  writeFileSync(join(repo.commonDir, 'gc.pid'), `${gc.pid} ${hostname()}`);
  const writing = writeSnapshot({ repo, target: 'default', snapshot: snapshotOf(table('users')) });
  // as a prune of that gc takes the new commit, while the ref already names it
  const ref = join(repo.commonDir, 'refs', 'datatrack', 'default');
  for (let i = 0; i < 100 && !existsSync(ref); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const commit = readFileSync(ref, 'utf8').trim();
  const loose = join(repo.commonDir, 'objects', commit.slice(0, 2), commit.slice(2));
  spawnSync('rm', ['-f', loose]);
  await new Promise((resolve) => setTimeout(resolve, 1600));
  assert.ok(existsSync(loose), 'written again during the wait');
  await writing;
  fsck(dir);
});

test('refs packed by git pack-refs are read and updated', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const first = await writeSnapshot({ repo, target: 'packed', snapshot: snapshotOf(table('a')) });
  git(dir, 'pack-refs', '--all');
  assert.not.ok(existsSync(join(repo.commonDir, 'refs/datatrack/packed')));
  assert.is(readRef(repo.commonDir, 'refs/datatrack/packed'), first.commit);
  const second = await writeSnapshot({ repo, target: 'packed', snapshot: snapshotOf(table('a'), table('b')) });
  assert.is(second.parent, first.commit);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/packed').trim(), second.commit);
  git(dir, 'gc', '--quiet', '--prune=now');
  const { snapshot } = await readSnapshot(repo.objects, second.commit);
  assert.equal(snapshot.objects.map((o) => o.name), ['a', 'b']);
  fsck(dir);
});

test('a ref that git cannot hold beside another (a file where a directory is, or the reverse) fails cleanly', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const { commit } = await writeSnapshot({ repo, target: 'a/b', snapshot: snapshotOf(table('a')) });
  const below = await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/a', commit, undefined), /^cannot write refs\/datatrack\/a: refs below it exist/);
  const above = await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/a/b/c', commit, undefined), /^cannot create the directory for refs\/datatrack\/a\/b\/c: a ref above it exists/);
  assert.equal([(below as StorageError).code, (above as StorageError).code], ['REF_PATH', 'REF_PATH']);
  assert.equal(readdirSync(repo.commonDir).filter((name) => name.startsWith('datatrack-tmp-')), []);
  assert.not.ok(existsSync(join(repo.commonDir, 'refs/datatrack/a/b.lock')));
  fsck(dir);
});

test('a ref that clashes with a packed one (after git gc) fails cleanly too, leaving both as they were', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const { commit } = await writeSnapshot({ repo, target: 'a/b', snapshot: snapshotOf(table('a')) });
  await writeSnapshot({ repo, target: 'c', snapshot: snapshotOf(table('c')) });
  git(dir, 'pack-refs', '--all');
  const below = await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/a', commit, undefined), /^cannot write refs\/datatrack\/a: refs\/datatrack\/a\/b exists, and git cannot hold both/);
  const above = await rejects(() => updateRef(repo.commonDir, 'refs/datatrack/c/d', commit, undefined), /^cannot write refs\/datatrack\/c\/d: refs\/datatrack\/c exists/);
  assert.equal([(below as StorageError).code, (above as StorageError).code], ['REF_PATH', 'REF_PATH']);
  assert.equal(git(dir, 'for-each-ref', '--format=%(refname)', 'refs/datatrack').trim().split('\n'), ['refs/datatrack/a/b', 'refs/datatrack/c']);
  assert.not.ok(existsSync(join(repo.commonDir, 'refs/datatrack/c')));
  fsck(dir);
});

/** Files a write left under a temporary name: loose-object and pack temporaries, ref scratch files. */
function temporaries(gitdir: string): string[] {
  const objects = join(gitdir, 'objects');
  const dirs = [gitdir, ...readdirSync(objects).map((d) => join(objects, d))];
  return dirs.flatMap((dir) => readdirSync(dir).filter((name) => /^(tmp_|datatrack-tmp-)/.test(name)).map((name) => join(dir, name)));
}

test('a write that fails part way (a full disk, a file-size limit) leaves no partial file and no ref move', () => {
  // Random text does not compress: a table whose check is larger than the limit is a loose object
  // the limit stops; a hundred small tables are one pack it stops.
  const long = `CREATE TABLE wide (id INTEGER PRIMARY KEY, v TEXT CHECK (v <> '${randomBytes(3000).toString('hex')}'));`;
  const many = Array.from({ length: 100 }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, v${i} TEXT);`).join('\n');
  for (const [what, sql] of [['a loose object', long], ['a pack', many]] as const) {
    const { dir } = repoWithSqlite(sql);
    const gitdir = join(dir, '.git');
    const failed = runWithFileSizeLimit(['snapshot'], dir, 4);
    assert.is(failed.code, 4, `${what}: ${failed.stderr}`);
    assert.match(failed.stderr, /the disk is full, or a quota or file-size limit was reached: free some space and run it again/);
    assert.equal(temporaries(gitdir), [], `${what}: partial files left behind`);
    assert.is(readRef(gitdir, 'refs/datatrack/default'), undefined);
    const next = run(['snapshot'], dir);
    assert.is(next.code, 0, next.stderr);
    fsck(dir);
  }
});

test('a damaged ref is refused with what is broken', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  await writeSnapshot({ repo, target: 'broken', snapshot: snapshotOf(table('a')) });
  writeFileSync(join(repo.commonDir, 'refs/datatrack/broken'), 'garbage\n');
  markDamaged(dir);
  await rejects(() => writeSnapshot({ repo, target: 'broken', snapshot: snapshotOf(table('b')) }), /refs\/datatrack\/broken is damaged/);
  // nothing silently starts a new root commit over the damage
  assert.is(readFileSync(join(repo.commonDir, 'refs/datatrack/broken'), 'utf8'), 'garbage\n');
});

test('objects a run wrote besides a snapshot (pull\'s replayed commits), pruned before their ref moved, are written again', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const bytes = Buffer.from('a replayed commit stands in here\n');
  const oid = repo.objects.write('blob', bytes);
  // as git gc --prune=now takes an unreachable loose object
  const loose = join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
  assert.ok(existsSync(loose));
  spawnSync('rm', [loose]);
  await keepWritten(repo, new Map([[oid, { type: 'blob', bytes }]]));
  assert.is(git(dir, 'cat-file', '-p', oid), bytes.toString());
});

/** A time of a test's day: snapshot commits are dated when their capture began. */
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

test('a snapshot whose capture began before the one that moved the ref meanwhile is not committed on top of it', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const ref = 'refs/datatrack/late';
  const first = await writeSnapshot({ repo, target: 'late', snapshot: snapshotOf(table('a')), when: at(0) });
  // Ours began reading at :10 on `first`; another run, begun at :20 once table `late` existed, landed first.
  const fresh = await writeSnapshot({ repo, target: 'late', snapshot: snapshotOf(table('a'), table('late')), when: at(20) });
  const stale = await writeSnapshot({ repo, target: 'late', snapshot: snapshotOf(table('a'), table('b')), when: at(10), refAtCapture: { tip: first.commit } });
  assert.equal([stale.outcome, stale.changed, stale.commit, stale.tree, stale.added, stale.removed], ['superseded', false, fresh.commit, fresh.tree, [], []]);
  assert.is(readRef(repo.commonDir, ref), fresh.commit);
  assert.not.match(git(dir, 'log', '--format=%B', ref), /- public\/tables\/late/);
  // The same schema as the later snapshot is no change, as ever; and once the ref is where the capture began, it commits.
  const same = await writeSnapshot({ repo, target: 'late', snapshot: snapshotOf(table('a'), table('late')), when: at(10), refAtCapture: { tip: first.commit } });
  assert.equal([same.outcome, same.commit], ['unchanged', fresh.commit]);
  const next = await writeSnapshot({ repo, target: 'late', snapshot: snapshotOf(table('a'), table('late'), table('b')), when: at(30), refAtCapture: { tip: fresh.commit } });
  assert.equal([next.outcome, next.parent], ['committed', fresh.commit]);
  fsck(dir);
});

test('a snapshot goes on top of one that moved the ref meanwhile when that one began earlier, in the same second, or records no capture', async () => {
  const dir = newRepo();
  const repo = openRepository(dir);
  const ref = 'refs/datatrack/early';
  const first = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('a')), when: at(0) });
  // The other run began at :5, before ours at :10, and landed first: ours is the later capture.
  const earlier = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('a'), table('b')), when: at(5) });
  const ours = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('a'), table('c')), when: at(10), refAtCapture: { tip: first.commit } });
  assert.equal([ours.outcome, ours.changed, ours.parent, ours.added, ours.removed], ['committed', true, earlier.commit, ['public/tables/c'], ['public/tables/b']]);
  // Begun in the same second: git's dates cannot tell which is later, so the one landing last is the latest, as before.
  const sameSecond = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('d')), when: at(10) });
  const tied = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('e')), when: at(10), refAtCapture: { tip: ours.commit } });
  assert.equal([tied.outcome, tied.parent], ['committed', sameSecond.commit]);
  // A commit made by hand on the ref records no capture, whatever its date.
  const byHand = execFileSync('git', ['commit-tree', `${tied.commit}^{tree}`, '-p', tied.commit, '-m', 'a note by hand'], { cwd: dir, env: { ...process.env, ...GIT_ENV, GIT_COMMITTER_DATE: '2026-01-01T13:00:00Z' }, encoding: 'utf8' }).trim();
  git(dir, 'update-ref', ref, byHand, tied.commit);
  const onNote = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('f')), when: at(40), refAtCapture: { tip: tied.commit } });
  assert.equal([onNote.outcome, onNote.parent], ['committed', byHand]);
  // Nor is a snapshot dated later than ours judged a later capture while the ref has not moved (a clock ahead on another machine).
  const ahead = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('g')), when: at(50) });
  const after = await writeSnapshot({ repo, target: 'early', snapshot: snapshotOf(table('h')), when: at(45), refAtCapture: { tip: ahead.commit } });
  assert.equal([after.outcome, after.parent], ['committed', ahead.commit]);
  fsck(dir);
});

test.run();
