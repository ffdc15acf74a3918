import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import type { DatatrackError } from '../../src/errors.js';
import { normalizeSnapshot } from '../../src/model/canonical.js';
import { pull, push } from '../../src/remote/sync.js';
import { openRepository, type Repository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';
import { connectSqliteIn, fsck, git, run, runJson, sqliteDatabase, tempDir } from '../helpers/cli.js';

function clone(remote: string, name: string): string {
  const dir = join(tempDir(), name);
  git(tempDir(), 'clone', '--quiet', remote, dir);
  connectSqliteIn(dir);
  return sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE users (id INTEGER PRIMARY KEY);');
}

function alter(db: string, sql: string): void {
  const handle = new Database(db);
  handle.exec(sql);
  handle.close();
}

/** A bare remote and two repositories cloned from it, opened for the library's writes. */
function twoRepositories(): { remote: string; a: Repository; b: Repository } {
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  const [a, b] = ['a', 'b'].map((name) => {
    const dir = join(tempDir(), name);
    git(tempDir(), 'clone', '--quiet', remote, dir);
    return openRepository(dir);
  });
  return { remote, a: a!, b: b! };
}

/** A snapshot of one table on one engine. */
function oneTable(dialect: 'sqlite' | 'postgres', table: string) {
  return normalizeSnapshot({ meta: { format: 1, dialect, server: '1', database: 'app' }, schemas: [{ name: 'main' }], objects: [{ kind: 'table', schema: 'main', name: table, columns: [{ name: 'id', type: 'integer', nullable: false }] }] });
}

/** A bare remote and two clones of it, a and b, each with its own SQLite database (dbA, dbB). */
function twoClones(): { remote: string; a: string; b: string; dbA: string; dbB: string } {
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  const dbA = clone(remote, 'a');
  const dbB = clone(remote, 'b');
  return { remote, a: join(dbA, '..'), b: join(dbB, '..'), dbA, dbB };
}

test("where git keeps a ref's log (core.logAllRefUpdates=always, or a log made with --create-reflog), snapshot and pull add to it; elsewhere none is made", () => {
  const { a, b, dbA } = twoClones();
  const first = runJson<{ commit: string }>(['snapshot'], a).commit;
  run(['push'], a);
  assert.not.ok(existsSync(join(a, '.git/logs/refs/datatrack')), 'git keeps no log of such a ref by default');
  // b's log is made by hand, as git update-ref --create-reflog makes one
  git(b, 'fetch', '--quiet', 'origin', 'refs/datatrack/default');
  git(b, 'update-ref', '--create-reflog', '-m', 'by hand', 'refs/datatrack/default', first);
  git(a, 'config', 'core.logAllRefUpdates', 'always');
  alter(dbA, 'CREATE TABLE orders (id INTEGER);');
  const second = runJson<{ commit: string }>(['snapshot'], a).commit;
  run(['push'], a);
  assert.is(git(a, 'rev-parse', 'refs/datatrack/default@{0}').trim(), second);
  assert.match(git(a, 'reflog', '-1', '--format=%gs', 'refs/datatrack/default'), /^datatrack: snapshot default: 2 tables \(\+1 ~0 -0\)\n$/);
  run(['pull'], b);
  assert.equal(git(b, 'reflog', '--format=%gs', 'refs/datatrack/default').trim().split('\n'), ['datatrack: pull: fast-forward', 'by hand']);
  assert.is(git(b, 'rev-parse', 'refs/datatrack/default@{1}').trim(), first);
  // a linked work tree's own config (extensions.worktreeConfig) is the one a pull there reads
  git(b, 'update-ref', '-d', 'refs/datatrack/default');
  rmSync(join(b, '.git/logs/refs/datatrack'), { recursive: true, force: true });
  git(b, 'config', 'extensions.worktreeConfig', 'true');
  const linked = join(tempDir(), 'linked');
  git(b, 'commit', '--quiet', '--allow-empty', '-m', 'work');
  git(b, 'worktree', 'add', '--quiet', '--detach', linked);
  git(linked, 'config', '--worktree', 'core.logAllRefUpdates', 'always');
  run(['pull'], linked);
  assert.equal(git(linked, 'reflog', '--format=%gs', 'refs/datatrack/default').trim().split('\n'), ['datatrack: pull: new']);
  fsck(a);
  fsck(b);
});

test('two clones snapshot one target: the second push is rejected, pull + push succeed, nothing is lost', () => {
  const { remote, a, b, dbA, dbB } = twoClones();

  const a1 = runJson<{ commit: string }>(['snapshot'], a).commit;
  alter(dbA, 'ALTER TABLE users ADD COLUMN email TEXT');
  const a2 = runJson<{ commit: string }>(['snapshot'], a).commit;
  // (a note keeps b1 distinct: without one it could be byte-identical to a1, the same commit)
  const b1 = runJson<{ commit: string }>(['snapshot', '-m', 'from clone b'], b).commit;
  alter(dbB, 'CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  const b2 = runJson<{ commit: string }>(['snapshot'], b).commit;

  assert.equal(runJson<{ refs: unknown[] }>(['push'], a).refs, [{ ref: 'refs/datatrack/default', status: 'new' }]);
  const rejected = run(['push'], b);
  assert.is(rejected.code, 4);
  assert.match(rejected.stderr, /rejected: origin has snapshots this clone lacks; run `datatrack pull origin`/);

  // FETCH_HEAD is what the user's own last fetch left (a branch), never a snapshot commit
  git(b, 'fetch', '--quiet', 'origin');
  const fetchHead = readFileSync(join(b, '.git', 'FETCH_HEAD'), 'utf8');
  const pulled = runJson<{ targets: { target: string; action: string; replayed?: number }[] }>(['pull'], b);
  assert.equal(pulled.targets, [{ target: 'default', action: 'replayed', replayed: 2 }]);
  assert.is(readFileSync(join(b, '.git', 'FETCH_HEAD'), 'utf8'), fetchHead);
  assert.equal(runJson<{ refs: { status: string }[] }>(['push'], b).refs.map((r) => r.status), ['updated']);

  const remoteLog = git(remote, 'log', '--format=%H %s', 'refs/datatrack/default').trim().split('\n');
  assert.is(remoteLog.length, 4);
  // a's commits are there as they were; b's were replayed on top with their trees, authors and dates kept.
  assert.ok(remoteLog.some((l) => l.startsWith(a1)) && remoteLog.some((l) => l.startsWith(a2)));
  for (const original of [b1, b2]) {
    const tree = git(b, 'rev-parse', `${original}^{tree}`).trim();
    const date = git(b, 'log', '-1', '--format=%at %an', original).trim();
    assert.ok(git(remote, 'log', '--format=%T %at %an', 'refs/datatrack/default').includes(`${tree} ${date}`), `snapshot ${original} lost`);
  }
  // change summaries are recomputed against the new parents: b1 undoes a's email column, b2 adds orders
  assert.match(remoteLog[1]!, /snapshot default: 1 tables \(\+0 ~1 -0\)$/);
  assert.match(remoteLog[0]!, /snapshot default: 2 tables \(\+1 ~0 -0\)$/);
  assert.equal(runJson<{ targets: { action: string }[] }>(['pull'], a).targets.map((t) => t.action), ['fast-forward']);
  assert.is(git(a, 'rev-parse', 'refs/datatrack/default').trim(), git(remote, 'rev-parse', 'refs/datatrack/default').trim());
  for (const dir of [a, b, remote]) fsck(dir);
});

test("a target's first snapshot in a clone with a remote warns that its history may be there (a CI clone that did not fetch it); later ones and a clone without a remote do not", () => {
  const { a, b, dbB } = twoClones();
  assert.is(run(['snapshot'], a).code, 0);
  assert.is(run(['push'], a).code, 0);
  const first = run(['snapshot', '--json'], b);
  assert.equal((JSON.parse(first.stdout) as { warnings: string[] }).warnings, [
    "default: this is its first snapshot in this repository, which has a remote (origin): if default's history is there, run `datatrack pull` (this snapshot goes on top of it); until then diff compares with nothing",
  ]);
  alter(dbB, 'CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  assert.is(run(['snapshot'], b).stderr, '');
  const alone = join(tempDir(), 'alone');
  git(tempDir(), 'init', '--quiet', alone);
  connectSqliteIn(alone);
  sqliteDatabase(join(alone, 'app.db'), 'CREATE TABLE users (id INTEGER PRIMARY KEY);');
  assert.is(run(['snapshot'], alone).stderr, '');
});

test('a push with nothing new, from a clone only behind the remote, succeeds and says so (a CI job after another pushed)', () => {
  const { remote, a, b, dbA } = twoClones();
  runJson(['snapshot'], a);
  assert.is(run(['push'], a).code, 0);
  assert.equal(runJson<{ targets: { action: string }[] }>(['pull'], b).targets.map((t) => t.action), ['new']);
  alter(dbA, 'ALTER TABLE users ADD COLUMN email TEXT');
  runJson(['snapshot'], a);
  assert.is(run(['push'], a).code, 0);
  const before = git(b, 'rev-parse', 'refs/datatrack/default').trim();
  const pushed = run(['push'], b);
  assert.is(pushed.code, 0, pushed.stderr);
  assert.match(pushed.stdout, /refs\/datatrack\/default: behind origin, nothing to push \(`datatrack pull origin` brings its newer snapshots\)/);
  assert.equal(runJson<{ refs: unknown[] }>(['push'], b).refs, [{ ref: 'refs/datatrack/default', status: 'behind' }]);
  assert.is(git(b, 'rev-parse', 'refs/datatrack/default').trim(), before);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/default').trim(), git(a, 'rev-parse', 'refs/datatrack/default').trim());
  fsck(b);
});

/** Both clones record the same change; a pushes it, b snapshots it too (with a note, so its commit differs) and has not pushed. */
function sameChangeTwice(): ReturnType<typeof twoClones> {
  const clones = twoClones();
  const { a, b, dbA, dbB } = clones;
  runJson(['snapshot'], a);
  assert.is(run(['push'], a).code, 0);
  runJson(['pull'], b);
  for (const db of [dbA, dbB]) alter(db, 'ALTER TABLE users ADD COLUMN email TEXT');
  runJson(['snapshot'], a);
  assert.is(run(['push'], a).code, 0);
  runJson(['snapshot', '-m', 'the same change, from b'], b);
  return clones;
}

test('pull leaves out a local snapshot of the schema the remote already recorded: no empty snapshot on top', () => {
  const { remote, b, dbB } = sameChangeTwice();
  alter(dbB, 'CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], b);
  assert.is(run(['push'], b).code, 4);
  assert.equal(runJson<{ targets: unknown[] }>(['pull'], b).targets, [{ target: 'default', action: 'replayed', replayed: 1, left_out: 1 }]);
  assert.is(run(['push'], b).code, 0);
  const trees = git(remote, 'log', '--format=%T', 'refs/datatrack/default').trim().split('\n');
  assert.is(trees.length, 3);
  assert.is(new Set(trees).size, 3, 'two snapshots of one schema in a row');
  // only the same schema left: the local history becomes the remote's
  const same = sameChangeTwice();
  const pulled = run(['pull'], same.b);
  assert.is(pulled.stdout, "default: fast-forward (1 local snapshot of a schema origin had already recorded left out, with any -m note)\n");
  assert.is(git(same.b, 'rev-parse', 'refs/datatrack/default').trim(), git(same.a, 'rev-parse', 'refs/datatrack/default').trim());
  fsck(remote);
});

test('pull keeps a local snapshot taken on purpose with --allow-empty: only one that repeats the remote\'s schema is left out', () => {
  const { remote, b, dbB } = sameChangeTwice();
  alter(dbB, 'CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], b);
  runJson(['snapshot', '--allow-empty', '-m', 'checkpoint: v2 deployed'], b);
  assert.equal(runJson<{ targets: unknown[] }>(['pull'], b).targets, [{ target: 'default', action: 'replayed', replayed: 2, left_out: 1 }]);
  assert.match(git(b, 'log', '-1', '--format=%B', 'refs/datatrack/default'), 'checkpoint: v2 deployed');
  assert.is(run(['push'], b).code, 0);
  assert.is(git(remote, 'log', '--format=%T', 'refs/datatrack/default').trim().split('\n').length, 4);
  fsck(remote);
});

test("pull warns when the snapshot it puts on top was taken before the remote's latest: it reads as undoing it", () => {
  const { a, b, dbA } = twoClones();
  runJson(['snapshot', '-m', 'taken first, in b'], b);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_100); // commit dates have whole seconds
  alter(dbA, 'ALTER TABLE users ADD COLUMN email TEXT');
  const latest = runJson<{ commit: string }>(['snapshot'], a).commit;
  runJson(['push'], a);
  const pulled = run(['pull', '--json'], b);
  assert.equal(JSON.parse(pulled.stdout).targets, [{ target: 'default', action: 'replayed', replayed: 1, older_than: latest }]);
  assert.match(pulled.stderr, new RegExp(`^warning: default: the local snapshot now on top was taken before origin's latest \\(${latest.slice(0, 7)}\\), so the newest snapshot reads as undoing what that one recorded; run \`datatrack snapshot -t default\` to record the database as it is now, before you push\n$`));
});

test('a shallow fetch of the snapshots: history stops at its boundary as git log does; what needs more says how to fetch it', () => {
  const { remote, a, dbA } = twoClones();
  runJson(['snapshot'], a);
  alter(dbA, 'ALTER TABLE users ADD COLUMN email TEXT');
  runJson(['snapshot'], a);
  alter(dbA, 'ALTER TABLE users ADD COLUMN name TEXT');
  const tip = runJson<{ commit: string }>(['snapshot'], a).commit;
  assert.is(run(['push'], a).code, 0);

  const shallow = join(tempDir(), 'shallow');
  git(tempDir(), 'clone', '--quiet', '--depth', '1', `file://${remote}`, shallow);
  git(shallow, 'fetch', '--quiet', '--depth', '1', 'origin', '+refs/datatrack/*:refs/datatrack/*');
  const listed = run(['history', '--json'], shallow);
  assert.is(listed.code, 0, listed.stderr);
  assert.equal((JSON.parse(listed.stdout) as { commit: string }[]).map((e) => e.commit), [tip]);
  assert.is(listed.stderr, `warning: the history stops at ${tip.slice(0, 7)}: this clone's snapshot history is shallow (fetched with --depth); \`git fetch --unshallow\` fetches the rest\n`);
  // the boundary changed the object: listed as its message says, without what its parent would show
  const object = run(['history', '--json', 'main.users'], shallow);
  assert.is(object.code, 0, object.stderr);
  assert.equal((JSON.parse(object.stdout) as { commit: string; change: string; changes?: unknown }[]).map((e) => [e.commit, e.change, e.changes]), [[tip, 'modified', undefined]]);
  assert.is(object.stderr, `warning: the history stops at ${tip.slice(0, 7)}, whose changes to "main.users" are not shown: they need the snapshot before it, and this clone's snapshot history is shallow (fetched with --depth); \`git fetch --unshallow\` fetches the rest\n`);
  const diff = run(['diff'], shallow);
  assert.is(diff.code, 4);
  assert.match(diff.stderr, /^datatrack: git object [0-9a-f]{40} is not in this clone: its snapshot history is shallow \(fetched with --depth\); fetch all of it with `git fetch --unshallow`/);
  // a local snapshot on top of the boundary and the remote's newer ones meet at the boundary: pull replays
  for (const sql of ['CREATE TABLE t1 (id INTEGER)', 'CREATE TABLE t2 (id INTEGER)']) {
    alter(dbA, sql);
    runJson(['snapshot'], a);
  }
  assert.is(run(['push'], a).code, 0);
  git(shallow, 'update-ref', 'refs/datatrack/default', git(shallow, 'commit-tree', '-p', tip, '-m', 'local', `${tip}^{tree}`).trim());
  const pulled = runJson<{ targets: { action: string; replayed?: number }[] }>(['pull'], shallow);
  assert.equal(pulled.targets.map((t) => [t.action, t.replayed]), [['replayed', 1]]);
  fsck(shallow);
  // A remote without that history takes none cut short: said as the other shallow cases are.
  const third = join(tempDir(), 'third.git');
  git(tempDir(), 'init', '--quiet', '--bare', third);
  git(shallow, 'remote', 'add', 'third', third);
  const refused = run(['push', 'third'], shallow);
  assert.is(refused.code, 4, refused.stderr);
  assert.match(refused.stderr, /rejected: third takes no history cut short: its snapshot history is shallow \(fetched with --depth\); fetch all of it with `git fetch --unshallow`/);
  git(shallow, 'fetch', '--quiet', '--unshallow', 'origin', '+refs/datatrack/*:refs/datatrack-remotes/origin/*');
  assert.is(run(['diff'], shallow).code, 0);
});

test('remote setup lets plain git fetch and push carry the snapshots', () => {
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  const a = join(clone(remote, 'a'), '..');
  const b = join(clone(remote, 'b'), '..');
  git(a, 'commit', '--quiet', '--allow-empty', '-m', 'first');
  git(a, 'push', '--quiet', 'origin', 'HEAD');
  const setup = runJson<{ added: string[] }>(['remote', 'setup'], a);
  assert.equal(setup.added.length, 3);
  assert.equal(runJson<{ added: string[] }>(['remote', 'setup'], a).added, []);
  const snap = runJson<{ commit: string }>(['snapshot'], a).commit;
  git(a, 'commit', '--quiet', '--allow-empty', '-m', 'second');
  git(a, 'push', '--quiet');
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/default').trim(), snap);
  assert.match(git(remote, 'log', '--format=%s', '-1'), /second/);
  run(['remote', 'setup'], b);
  git(b, 'fetch', '--quiet');
  assert.is(git(b, 'rev-parse', 'refs/datatrack-remotes/origin/default').trim(), snap);
  assert.equal(runJson<{ targets: { action: string }[] }>(['pull'], b).targets.map((t) => t.action), ['new']);
});

test("a fetch refspec into refs/datatrack/* (any git clone --mirror) never moves a local ref past its snapshots; a mirror pushes", () => {
  const { remote, a, b, dbB } = twoClones();
  runJson(['snapshot'], a);
  runJson(['push'], a);
  // b maps the remote's snapshot refs onto its own, as a mirror does: git's opportunistic update of them must not happen
  git(b, 'config', '--add', 'remote.origin.fetch', '+refs/datatrack/*:refs/datatrack/*');
  alter(dbB, 'CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  const onlyHere = runJson<{ commit: string }>(['snapshot', '-m', 'only here'], b).commit;
  const pulled = runJson<{ targets: { action: string }[] }>(['pull'], b);
  assert.equal(pulled.targets.map((t) => t.action), ['replayed']);
  const log = git(b, 'log', '--format=%s%n%b', 'refs/datatrack/default');
  assert.match(log, /only here/);
  assert.is(git(b, 'rev-parse', 'refs/datatrack/default^'), git(a, 'rev-parse', 'refs/datatrack/default'));
  assert.not.equal(git(b, 'rev-parse', 'refs/datatrack/default'), onlyHere, 'replayed on top of the remote');
  // a mirror clone: snapshots (its URL from the environment) and pushes them
  const mirror = join(tempDir(), 'mirror.git');
  git(tempDir(), 'clone', '--quiet', '--mirror', remote, mirror);
  const env = { DATATRACK_DEFAULT_URL: `sqlite:///${dbB}` };
  runJson(['snapshot', '-t', 'default', '-m', 'from the mirror'], mirror, env);
  assert.equal(runJson<{ refs: { status: string }[] }>(['push'], mirror).refs.map((r) => r.status), ['updated']);
  fsck(remote);
});

test('an unknown remote is a usage error; any name git takes for a remote works, but for one with a /, which says why', () => {
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  const a = join(clone(remote, 'a'), '..');
  // Before any snapshot there is nothing to push, which is no error.
  const empty = run(['push', 'origin'], a);
  assert.equal([empty.code, empty.stdout], [0, 'no snapshots to push\n']);
  const result = run(['push', 'nowhere'], a);
  assert.is(result.code, 2);
  assert.match(result.stderr, /no git remote named "nowhere"/);
  // git takes a URL or a path in a remote's place; datatrack needs the name, and says how to give it one
  for (const given of [remote, 'ssh://git@example.com/r.git', 'git@example.com:r.git', '../remote.git']) {
    const byUrl = run(['pull', given], a);
    assert.equal([byUrl.code, byUrl.stderr.split('\n').length], [2, 2]);
    assert.match(byUrl.stderr, /is a URL or path, and datatrack takes a git remote's name .*: add it with `git remote add <name> /);
  }
  // any name git takes for a remote works; one with a / is refused for what it is, not as unknown
  git(a, 'remote', 'add', 'équipe', remote);
  git(a, 'remote', 'add', 'team/eu', remote);
  runJson(['snapshot'], a);
  assert.equal(runJson<Pushed>(['push', 'équipe'], a).refs.map((r) => r.status), ['new']);
  assert.equal(runJson<{ targets: { action: string }[] }>(['pull', 'équipe'], a).targets.map((t) => t.action), ['up to date']);
  const slashed = run(['push', 'team/eu'], a);
  assert.is(slashed.code, 2);
  assert.match(slashed.stderr, /^datatrack: the remote name "team\/eu" holds a \/: .*`git remote add team-eu <url>`/);
  assert.is(run(['push', '--', '-v'], a).code, 2);
});

/** A bare remote, and a clone of it whose refs/datatrack/<name> exist (git commits: push and pull need no more). */
function remoteAndClone(...targets: string[]): { remote: string; clone: string } {
  const dir = tempDir();
  const [remote, clone] = [join(dir, 'remote.git'), join(dir, 'clone')];
  git(dir, 'init', '--quiet', '--bare', remote);
  git(dir, 'clone', '--quiet', remote, clone);
  const commit = commitIn(clone, 'local');
  for (const target of targets) git(clone, 'update-ref', `refs/datatrack/${target}`, commit);
  return { remote, clone };
}

/** A commit whose tree holds a datatrack.yaml, as a snapshot's does (pull takes no other). */
function commitIn(repo: string, message: string): string {
  const meta = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: 'format: 1\ndialect: sqlite\ndatabase: app\n', encoding: 'utf8' }).trim();
  const tree = execFileSync('git', ['mktree'], { cwd: repo, input: `100644 blob ${meta}\tdatatrack.yaml\n`, encoding: 'utf8' }).trim();
  return git(repo, 'commit-tree', '-m', message, tree).trim();
}

function hook(repo: string, name: string, script: string): void {
  writeFileSync(join(repo, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(repo, name), 0o755);
}

type Pushed = { refs: { ref: string; status: string; error?: { code: string; message: string; exitCode: number } }[] };

test('a push the pre-push hook blocks shows its report and exits 1; --no-verify skips the hook', () => {
  const { remote, clone } = remoteAndClone('default');
  hook(clone, '.git/hooks/pre-push', 'echo "policy check: BLOCKED default" >&2\nexit 1');
  const blocked = run(['push'], clone);
  assert.is(blocked.code, 1);
  assert.is(blocked.stderr, 'policy check: BLOCKED default\ndatatrack: the pre-push hook blocked the push to origin (its report is on stderr); fix what it reports, or skip it with `datatrack push --no-verify`\n');
  const json = run(['push', '--json'], clone);
  assert.equal(JSON.parse(json.stdout).error.code, 'PUSH_BLOCKED');
  assert.match(json.stderr, /^policy check: BLOCKED default\n/);
  assert.throws(() => git(remote, 'rev-parse', '--verify', 'refs/datatrack/default'));
  assert.equal(runJson<Pushed>(['push', '--no-verify'], clone).refs, [{ ref: 'refs/datatrack/default', status: 'new' }]);
});

test("the pre-push hook's stdout (git 2.39 gives it git's own) is passed on with its stderr, not taken for the porcelain report", () => {
  const { remote, clone } = remoteAndClone('default');
  const repo = openRepository(clone);
  const relayed: string[] = [];
  const request = { remote: 'origin', relay: (line: string) => relayed.push(line) };
  // as datatrack's hook reports (stderr), then the hook it chains (stdout), with lines a report could hold too
  hook(clone, '.git/hooks/pre-push', 'echo "datatrack pre-push: ok" >&2\necho "To do: fix the tests"\necho Done\necho "my-check: FAILED: 3 tests failing"\nexit 1');
  assert.throws(() => push(repo, request), (error: DatatrackError) => error.code === 'PUSH_BLOCKED');
  assert.equal(relayed, ['datatrack pre-push: ok', 'To do: fix the tests', 'Done', 'my-check: FAILED: 3 tests failing']);
  relayed.length = 0;
  hook(clone, '.git/hooks/pre-push', 'echo "my-check: passed"');
  hook(remote, 'hooks/post-receive', 'echo received');
  assert.equal(push(repo, request).refs, [{ ref: 'refs/datatrack/default', status: 'new' }]);
  assert.equal(relayed, ['my-check: passed', 'remote: received']);
});

test('a snapshot that lands while push runs is not recorded as pushed: the mirror holds what the remote got', () => {
  const { remote, clone } = remoteAndClone('default');
  const pushed = git(clone, 'rev-parse', 'refs/datatrack/default').trim();
  const later = git(clone, 'commit-tree', '-p', pushed, '-m', 'later', git(clone, 'mktree').trim()).trim();
  // git runs pre-push after it has read what to push: the ref moving here is a snapshot landing mid-push
  hook(clone, '.git/hooks/pre-push', `git update-ref refs/datatrack/default ${later}`);
  assert.equal(runJson<Pushed>(['push'], clone).refs, [{ ref: 'refs/datatrack/default', status: 'new' }]);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/default').trim(), pushed);
  assert.is(git(clone, 'rev-parse', 'refs/datatrack-remotes/origin/default').trim(), pushed);
  assert.is(git(clone, 'rev-parse', 'refs/datatrack/default').trim(), later);
});

test("push reports every ref: the remote's own reason for a refusal, pull advice only when the remote is ahead", () => {
  const { remote, clone } = remoteAndClone('ahead', 'declined', 'eu', 'fine');
  git(remote, 'update-ref', 'refs/datatrack/ahead', commitIn(remote, 'only on the remote'));
  git(remote, 'update-ref', 'refs/datatrack/eu/prod', commitIn(remote, 'a ref below eu'));
  hook(remote, 'hooks/update', '[ "$1" = refs/datatrack/declined ] && { echo "server policy: no $1" >&2; exit 1; }\nexit 0');
  const result = run(['push', '--json'], clone);
  assert.is(result.code, 4);
  const refs = new Map((JSON.parse(result.stdout) as Pushed).refs.map((r) => [r.ref.slice('refs/datatrack/'.length), r]));
  assert.equal(refs.get('fine'), { ref: 'refs/datatrack/fine', status: 'new' });
  assert.equal(refs.get('ahead')!.error, { code: 'PUSH_REJECTED', message: 'rejected: origin has snapshots this clone lacks; run `datatrack pull origin`, then push again', exitCode: 4 });
  assert.equal(refs.get('declined')!.error, { code: 'PUSH_REFUSED', message: 'not pushed: remote rejected (hook declined)', exitCode: 4 });
  assert.equal(refs.get('eu')!.error, { code: 'PUSH_REFUSED', message: 'not pushed: remote rejected (failed to update ref)', exitCode: 4 });
  // the remote's own words reach the user; git's advice to run `git pull` does not
  assert.match(result.stderr, /^remote: server policy: no refs\/datatrack\/declined$/m);
  assert.match(result.stderr, /^remote: error: cannot lock ref 'refs\/datatrack\/eu'/m);
  assert.not.match(result.stderr, /hint:|failed to push some refs/);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/fine').trim(), git(clone, 'rev-parse', 'refs/datatrack/fine').trim());
  const human = run(['push'], clone);
  assert.is(human.code, 4);
  assert.match(human.stdout, /^refs\/datatrack\/fine: up to date$/m);
  assert.match(human.stderr, /^datatrack: refs\/datatrack\/declined: not pushed: remote rejected \(hook declined\)$/m);
});

test("a remote's pre-receive hook that declines one ref does not hold back the others: each is pushed alone", () => {
  const { remote, clone } = remoteAndClone('default', 'held', 'other');
  // pre-receive judges the whole push: declining one ref turns back all of them
  hook(remote, 'hooks/pre-receive', 'while read old new ref; do [ "$ref" = refs/datatrack/held ] && { echo "policy: no $ref" >&2; exit 1; }; done\nexit 0');
  hook(clone, '.git/hooks/pre-push', `echo ran >> ${JSON.stringify(join(clone, '.git', 'pre-push-runs'))}\nexit 0`);
  const result = run(['push', '--json'], clone);
  assert.is(result.code, 4, result.stderr);
  const refs = new Map((JSON.parse(result.stdout) as Pushed).refs.map((r) => [r.ref.slice('refs/datatrack/'.length), r]));
  assert.equal([refs.get('default')?.status, refs.get('other')?.status], ['new', 'new']);
  assert.equal(refs.get('held')!.error, { code: 'PUSH_REFUSED', message: 'not pushed: remote rejected (pre-receive hook declined)', exitCode: 4 });
  for (const target of ['default', 'other']) assert.is(git(remote, 'rev-parse', `refs/datatrack/${target}`).trim(), git(clone, 'rev-parse', `refs/datatrack/${target}`).trim());
  assert.match(result.stderr, /^remote: policy: no refs\/datatrack\/held$/m);
  // the pre-push hook judged them all once, before the first push
  assert.is(readFileSync(join(clone, '.git', 'pre-push-runs'), 'utf8'), 'ran\n');
});

test("a pre-receive hook's refusal beside a ref already up to date: the declined refs still go alone, the others land", () => {
  const { remote, clone } = remoteAndClone('default', 'held', 'same');
  assert.is(run(['push', '-t', 'same'], clone).code, 0);
  hook(remote, 'hooks/pre-receive', 'while read old new ref; do [ "$ref" = refs/datatrack/held ] && { echo "policy: no $ref" >&2; exit 1; }; done\nexit 0');
  const result = run(['push', '--json'], clone);
  assert.is(result.code, 4, result.stderr);
  // listed by name, whatever git's order (up-to-date refs first) or each ref's outcome
  assert.equal((JSON.parse(result.stdout) as Pushed).refs.map((r) => [r.ref.slice('refs/datatrack/'.length), r.status]), [['default', 'new'], ['held', 'rejected'], ['same', 'up to date']]);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/default').trim(), git(clone, 'rev-parse', 'refs/datatrack/default').trim());
});

test('git ended by Ctrl-C (SIGINT reaches the whole process group) is an interrupt, exit 130, not a git failure', () => {
  const { clone } = remoteAndClone('default');
  // a git that is interrupted as it fetches; every other git command is the real one
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\ncase " $* " in *" fetch "*) kill -INT $$ ;; esac\nexec ${real} "$@"\n`, { mode: 0o755 });
  const env = { PATH: `${bin}:${process.env.PATH}` };
  const text = run(['pull'], clone, env);
  assert.equal([text.code, text.stderr], [130, 'datatrack: interrupted (SIGINT)\n']);
  const json = run(['pull', '--json'], clone, env);
  assert.is(json.code, 130);
  assert.equal(JSON.parse(json.stdout), { error: { code: 'INTERRUPTED', message: 'interrupted (SIGINT)', exitCode: 130 } });
});

test('a local ref on a missing object, which stops git fetch, is named as the local damage it is, not the remote\'s', () => {
  const { clone } = remoteAndClone('default');
  assert.is(run(['push'], clone).code, 0);
  const broken = join(clone, '.git', 'refs', 'datatrack', 'other');
  writeFileSync(broken, `${'1'.repeat(40)}\n`);
  const pulled = run(['pull'], clone);
  assert.equal([pulled.code, pulled.stderr], [4, 'datatrack: git fetch from origin failed: refs/datatrack/other here points at an object this repository does not have; see `git fsck`, then point it at a snapshot with `git update-ref` or delete it\n']);
  // as the message says: deleted, and the repository is whole again (every test repository is checked with git fsck)
  rmSync(broken);
  assert.is(run(['pull'], clone).code, 0);
});

test('pull updates every target it can and reports the one it cannot in its place', () => {
  const { remote, clone } = remoteAndClone('eu');
  const remoteCommit = commitIn(remote, 'remote');
  for (const target of ['aaa', 'eu/prod', 'zother']) git(remote, 'update-ref', `refs/datatrack/${target}`, remoteCommit);
  const result = run(['pull'], clone);
  assert.is(result.code, 4);
  assert.is(result.stdout, 'aaa: new\nzother: new\n');
  assert.match(result.stderr, /^datatrack: eu\/prod: cannot create the directory for refs\/datatrack\/eu\/prod: a ref above it exists/);
  const json = JSON.parse(run(['pull', '--json'], clone).stdout) as { targets: { target: string; action?: string; error?: { code: string } }[] };
  assert.equal(json.targets.map((t) => `${t.target} ${t.action ?? t.error!.code}`), ['aaa up to date', 'eu/prod REF_PATH', 'zother up to date']);
  assert.is(git(clone, 'rev-parse', 'refs/datatrack/zother').trim(), remoteCommit);
  // a remote ref that holds no commit (a blob) is reported, not brought in as a target every command would fail on
  const blob = git(remote, 'hash-object', '-w', '--stdin').trim();
  git(remote, 'update-ref', 'refs/datatrack/blobref', blob);
  const withBlob = run(['pull'], clone);
  assert.is(withBlob.code, 4);
  assert.match(withBlob.stderr, new RegExp(`^datatrack: blobref: the remote's refs/datatrack/blobref points at ${blob.slice(0, 12)}, which is no commit \\(git object ${blob} is a blob, not a commit\\); not pulled: fix or delete that ref on the remote$`, 'm'));
  assert.is(git(clone, 'for-each-ref', 'refs/datatrack/blobref').trim(), '');
  // nor one that holds a branch's commit (pushed there by hand); a note on a snapshot is taken
  git(remote, 'update-ref', '-d', 'refs/datatrack/blobref');
  const branchCommit = git(remote, 'commit-tree', '-m', 'a branch commit', git(remote, 'mktree').trim()).trim();
  git(remote, 'update-ref', 'refs/datatrack/plain', branchCommit);
  const note = git(remote, 'commit-tree', '-p', remoteCommit, '-m', 'a note', git(remote, 'mktree').trim()).trim();
  git(remote, 'update-ref', 'refs/datatrack/noted', note);
  const withBranch = run(['pull'], clone);
  assert.is(withBranch.code, 4);
  assert.match(withBranch.stderr, new RegExp(`^datatrack: plain: the remote's refs/datatrack/plain points at commit ${branchCommit.slice(0, 12)}, which is no datatrack snapshot, nor a note on one`, 'm'));
  assert.is(git(clone, 'for-each-ref', 'refs/datatrack/plain').trim(), '');
  assert.match(withBranch.stdout, /^noted: new$/m);
});

test('a snapshot that lands while pull replays makes pull start over on it: both kept, no error', async () => {
  const { remote, a, b } = twoRepositories();
  const schema = (...tables: string[]) =>
    normalizeSnapshot({ meta: { format: 1, dialect: 'sqlite', server: '3', database: 'app' }, schemas: [{ name: 'main' }], objects: tables.map((name) => ({ kind: 'table', schema: 'main', name, columns: [{ name: 'id', type: 'INTEGER', nullable: false }] })) });
  await writeSnapshot({ repo: a, target: 'default', snapshot: schema('remote') });
  git(a.workTree!, 'push', '--quiet', 'origin', 'refs/datatrack/default');
  // Local-only snapshots for pull to replay: its walk and replay take many more steps than a
  // snapshot's write, so the snapshot below moves the ref while pull is at work.
  for (let i = 0; i < 30; i++) await writeSnapshot({ repo: b, target: 'default', snapshot: schema('local'), note: `local ${i}`, allowEmpty: true });
  const [pulled, taken] = await Promise.all([pull(b, { remote: 'origin' }), writeSnapshot({ repo: b, target: 'default', snapshot: schema('local', 'meanwhile') })]);
  assert.equal(pulled.targets.map((t) => ('error' in t ? t.error.message : t.action)), ['replayed']);
  const history = git(b.workTree!, 'log', '--format=%H %s%n%b', 'refs/datatrack/default');
  assert.ok(history.includes(git(remote, 'rev-parse', 'refs/datatrack/default').trim()), 'the remote snapshot is in the history');
  for (let i = 0; i < 30; i++) assert.ok(history.includes(`local ${i}`), `local snapshot ${i} lost`);
  // the snapshot taken meanwhile is the newest (replayed, or made on the pulled tip: either way kept)
  assert.match(history.split('\n')[0]!, /snapshot default: 2 tables/);
  assert.is(git(b.workTree!, 'rev-parse', 'refs/datatrack/default^{tree}').trim(), taken.tree);
  fsck(b.workTree!);
});

test("pull does not put one engine's snapshots on top of another's: that target is refused, its ref kept", async () => {
  const { remote, a, b } = twoRepositories();
  const schema = oneTable;
  for (const target of ['default', 'same']) await writeSnapshot({ repo: a, target, snapshot: schema('sqlite', 'remote') });
  git(a.workTree!, 'push', '--quiet', 'origin', 'refs/datatrack/*:refs/datatrack/*');
  await writeSnapshot({ repo: b, target: 'default', snapshot: schema('postgres', 'local') });
  await writeSnapshot({ repo: b, target: 'same', snapshot: schema('sqlite', 'local') });
  const before = git(b.workTree!, 'rev-parse', 'refs/datatrack/default').trim();
  const result = run(['pull'], b.workTree!);
  assert.is(result.code, 2, result.stderr);
  assert.is(result.stdout, 'same: replayed: 1 local snapshot put on top of origin\'s\n');
  assert.is(
    result.stderr,
    "datatrack: default: the snapshots of default here are PostgreSQL and the remote's SQLite: one target's history is one engine's; keep yours under another name (git update-ref refs/datatrack/default-postgres refs/datatrack/default && git update-ref -d refs/datatrack/default, and connect your database as default-postgres), then pull again\n",
  );
  assert.is(git(b.workTree!, 'rev-parse', 'refs/datatrack/default').trim(), before);
  // as it says: kept under another name, both histories are here
  git(b.workTree!, 'update-ref', 'refs/datatrack/default-postgres', 'refs/datatrack/default');
  git(b.workTree!, 'update-ref', '-d', 'refs/datatrack/default');
  assert.is(run(['pull'], b.workTree!).code, 0);
  assert.is(git(b.workTree!, 'rev-parse', 'refs/datatrack/default').trim(), git(remote, 'rev-parse', 'refs/datatrack/default').trim());
  assert.is(git(b.workTree!, 'rev-parse', 'refs/datatrack/default-postgres').trim(), before);
});

test("pull's engine check reads the remote's latest snapshot beneath a commit that is none (a note pushed by hand)", async () => {
  const { a, b } = twoRepositories();
  const schema = (dialect: 'sqlite' | 'postgres') => oneTable(dialect, 't');
  const sqlite = (await writeSnapshot({ repo: a, target: 'default', snapshot: schema('sqlite') })).commit;
  const emptyTree = git(a.workTree!, 'mktree').trim();
  const note = git(a.workTree!, 'commit-tree', '-p', sqlite, '-m', 'a note', emptyTree).trim();
  git(a.workTree!, 'push', '--quiet', 'origin', `${note}:refs/datatrack/default`);
  const local = (await writeSnapshot({ repo: b, target: 'default', snapshot: schema('postgres') })).commit;
  const result = run(['pull'], b.workTree!);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /^datatrack: default: the snapshots of default here are PostgreSQL and the remote's SQLite:/);
  assert.is(git(b.workTree!, 'rev-parse', 'refs/datatrack/default').trim(), local);
});

test("pull's refusal of another engine says to move a configured target's connection to the new name too", async () => {
  const { a, b } = twoRepositories();
  const schema = (dialect: 'sqlite' | 'postgres') => oneTable(dialect, 't');
  await writeSnapshot({ repo: a, target: 'default', snapshot: schema('sqlite') });
  git(a.workTree!, 'push', '--quiet', 'origin', 'refs/datatrack/*:refs/datatrack/*');
  await writeSnapshot({ repo: b, target: 'default', snapshot: schema('postgres') });
  // this clone connected default to its PostgreSQL database (connect --force): left so, its next
  // snapshot would go on the remote's SQLite history pulled under that name
  mkdirSync(join(b.workTree!, '.datatrack'));
  writeFileSync(join(b.workTree!, '.datatrack', 'config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: postgres\n    host: db\n    database: app\n');
  const result = run(['pull'], b.workTree!);
  assert.is(result.code, 2, result.stderr);
  assert.is(
    result.stderr,
    "datatrack: default: the snapshots of default here are PostgreSQL and the remote's SQLite: one target's history is one engine's; keep yours under another name (git update-ref refs/datatrack/default-postgres refs/datatrack/default && git update-ref -d refs/datatrack/default, and move this target's PostgreSQL connection to that name: datatrack disconnect --name default && datatrack connect <its URL> --name default-postgres), then pull again\n",
  );
});

test('a target deleted on the remote and here does not come back from the mirror of it (pull prunes)', () => {
  const { remote, clone } = remoteAndClone('keep');
  assert.is(run(['push'], clone).code, 0);
  const commit = commitIn(remote, 'remote');
  git(remote, 'update-ref', 'refs/datatrack/old', commit);
  assert.match(run(['pull'], clone).stdout, /^old: new$/m);
  git(remote, 'update-ref', '-d', 'refs/datatrack/old');
  git(clone, 'update-ref', '-d', 'refs/datatrack/old');
  const pulled = runJson<{ targets: { target: string }[] }>(['pull'], clone);
  assert.equal(pulled.targets.map((t) => t.target), ['keep']);
  assert.is(git(clone, 'for-each-ref', '--format=%(refname)', 'refs/datatrack/', 'refs/datatrack-remotes/').trim(), 'refs/datatrack-remotes/origin/keep\nrefs/datatrack/keep');
});

test('-t limits push and pull to one target; pushing a target without snapshots is a usage error', () => {
  const { remote, clone } = remoteAndClone('one', 'two');
  assert.equal(runJson<Pushed>(['push', '-t', 'two'], clone).refs, [{ ref: 'refs/datatrack/two', status: 'new' }]);
  assert.equal(git(remote, 'for-each-ref', '--format=%(refname)', 'refs/datatrack/').trim().split('\n'), ['refs/datatrack/two']);
  const unknown = run(['push', '-t', 'tow'], clone);
  assert.equal([unknown.code, unknown.stderr], [2, 'datatrack: target "tow" has no snapshots to push; targets with snapshots: one, two\n']);

  const newer = commitIn(remote, 'newer');
  for (const target of ['one', 'two', 'three']) git(remote, 'update-ref', `refs/datatrack/${target}`, newer);
  const pulled = runJson<{ targets: unknown[] }>(['pull', '-t', 'three'], clone);
  assert.equal(pulled.targets, [{ target: 'three', action: 'new' }]);
  assert.is.not(git(clone, 'rev-parse', 'refs/datatrack/two').trim(), newer);
  // a name configured nowhere, with snapshots neither here nor there, is a typo
  const typo = run(['pull', '-t', 'four'], clone);
  assert.equal([typo.code, typo.stderr], [2, 'datatrack: origin has no snapshots of four, and no target four is configured or has snapshots here; check the name given to -t\n']);
  // one with snapshots here only: the remote has none of it yet
  git(remote, 'update-ref', '-d', 'refs/datatrack/two');
  assert.is(run(['pull', '-t', 'two'], clone).stdout, 'origin has no snapshots of two\n');
});

test('a damaged ref file is reported by push in its place and never pushed (git would delete the remote\'s copy); the others push; push -t of it, and pull, say how to repair it', () => {
  const { remote, clone } = remoteAndClone('default', 'staging', 'zeta');
  assert.is(run(['push'], clone).code, 0);
  const first = git(clone, 'rev-parse', 'refs/datatrack/staging').trim();
  const later = git(clone, 'commit-tree', '-p', first, '-m', 'later', git(clone, 'rev-parse', `${first}^{tree}`).trim()).trim();
  for (const target of ['default', 'zeta']) git(clone, 'update-ref', `refs/datatrack/${target}`, later);
  const ref = join(clone, '.git/refs/datatrack/staging');
  writeFileSync(ref, '');
  assert.equal(runJson<Pushed>(['push', '-t', 'default'], clone).refs, [{ ref: 'refs/datatrack/default', status: 'updated' }]);
  const result = run(['push', '--json'], clone);
  assert.is(result.code, 4, result.stderr);
  const refs = (JSON.parse(result.stdout) as Pushed).refs;
  assert.equal(refs.map((r) => [r.ref.slice('refs/datatrack/'.length), r.status]), [['default', 'up to date'], ['staging', 'damaged'], ['zeta', 'updated']]);
  assert.equal([refs[1]!.error!.code, refs[1]!.error!.exitCode], ['BROKEN_REF', 4]);
  assert.match(refs[1]!.error!.message, /^refs\/datatrack\/staging is damaged: the ref file is empty instead of a commit id; remove /);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/staging').trim(), first, "the remote's copy is still there");
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/zeta').trim(), later);
  const human = run(['push'], clone);
  assert.is(human.code, 4);
  assert.is(human.stdout, 'refs/datatrack/default: up to date\nrefs/datatrack/zeta: up to date\n');
  assert.match(human.stderr, /^datatrack: refs\/datatrack\/staging: refs\/datatrack\/staging is damaged/);
  // its own push fails, as every command of that target does
  const own = run(['push', '-t', 'staging'], clone);
  assert.equal([own.code, own.stdout], [4, '']);
  assert.match(own.stderr, /^datatrack: refs\/datatrack\/staging is damaged/);
  // git fetches nothing while a ref here is damaged: pull says which and how to repair it
  const pulled = run(['pull'], clone);
  assert.is(pulled.code, 4);
  assert.match(pulled.stderr, /^datatrack: git fetch from origin failed: refs\/datatrack\/staging is damaged: the ref file is empty/);
  // repaired as the message says, everything goes again
  rmSync(ref);
  git(clone, 'update-ref', 'refs/datatrack/staging', first);
  assert.is(run(['pull'], clone).code, 0);
});

/** A bare remote with a main branch, and a clone of it on main (its upstream), with a snapshot ref to push. */
function remoteWithMain(): { remote: string; dir: string } {
  const { remote, clone } = remoteAndClone('default');
  git(clone, 'commit', '--quiet', '--allow-empty', '-m', 'first');
  git(clone, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  git(clone, 'fetch', '--quiet');
  git(clone, 'checkout', '--quiet', '-B', 'main', 'origin/main');
  return { remote, dir: clone };
}

type Setup = { added: string[]; warnings: string[] };
const remoteBranches = (remote: string) => git(remote, 'for-each-ref', '--format=%(refname)', 'refs/heads/', 'refs/datatrack/').trim().split('\n');

test("remote setup keeps plain git push sending branches as push.default says, where a refspec can (matching, nothing, current), and warns where it cannot", () => {
  // upstream: a branch went to its upstream; with a push refspec git pushes it by its own name
  const upstream = remoteWithMain();
  git(upstream.dir, 'config', 'push.default', 'upstream');
  git(upstream.dir, 'checkout', '--quiet', '-b', 'hotfix', 'origin/main');
  git(upstream.dir, 'commit', '--quiet', '--allow-empty', '-m', 'h1');
  git(upstream.dir, 'push', '--quiet');
  assert.match(git(upstream.remote, 'log', '--format=%s', '-1', 'main'), /h1/);
  const setup = runJson<Setup>(['remote', 'setup'], upstream.dir);
  assert.ok(setup.added.includes('remote.origin.push = HEAD'), setup.added.join('\n'));
  assert.equal(setup.warnings.length, 1);
  assert.match(setup.warnings[0]!, /^push\.default is upstream, which git does not read for a remote with push refspecs: plain `git push` to origin pushed the current branch to its upstream branch, and now pushes it to a branch of the same name, a new one for a branch whose upstream has another name \(hotfix → main\); .*`git config --unset-all remote\.origin\.push`.*`datatrack push origin`$/);
  const human = run(['remote', 'setup'], upstream.dir);
  assert.equal([human.code, human.stderr], [0, ''], 'said once, when the refspec is added');
  // as warned: the next plain push makes a hotfix branch; undone as the warning says, push.default applies again
  git(upstream.dir, 'commit', '--quiet', '--allow-empty', '-m', 'h2');
  git(upstream.dir, 'push', '--quiet');
  assert.equal(remoteBranches(upstream.remote), ['refs/datatrack/default', 'refs/heads/hotfix', 'refs/heads/main']);
  git(upstream.dir, 'config', '--unset-all', 'remote.origin.push');
  git(upstream.dir, 'commit', '--quiet', '--allow-empty', '-m', 'h3');
  git(upstream.dir, 'push', '--quiet');
  assert.match(git(upstream.remote, 'log', '--format=%s', '-1', 'main'), /h3/);

  // simple (git's default): a branch whose upstream has another name was refused, and now makes a branch
  const simple = remoteWithMain();
  git(simple.dir, 'checkout', '--quiet', '-b', 'fix', 'origin/main');
  const warned = runJson<Setup>(['remote', 'setup'], simple.dir).warnings;
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /^plain `git push` to origin refused a branch whose upstream has another name \(push\.default simple\), and now pushes it to a new branch of the same name \(fix → main\); /);
  // with every upstream of the branch's own name (and with current), HEAD pushes as push.default did: no warning
  for (const pushDefault of ['simple', 'current']) {
    const same = remoteWithMain();
    git(same.dir, 'config', 'push.default', pushDefault);
    assert.equal(runJson<Setup>(['remote', 'setup'], same.dir), { remote: 'origin', added: ['remote.origin.fetch = +refs/datatrack/*:refs/datatrack-remotes/origin/*', 'remote.origin.push = HEAD', 'remote.origin.push = refs/datatrack/*:refs/datatrack/*'], warnings: [] });
  }

  // matching: the refspec `:` says it exactly; nothing: no branch is pushed, the snapshots are
  const matching = remoteWithMain();
  git(matching.dir, 'config', 'push.default', 'matching');
  git(matching.dir, 'branch', 'local-only');
  assert.equal(runJson<Setup>(['remote', 'setup'], matching.dir).added.filter((line) => line.startsWith('remote.origin.push')), ['remote.origin.push = :', 'remote.origin.push = refs/datatrack/*:refs/datatrack/*']);
  git(matching.dir, 'checkout', '--quiet', 'local-only');
  git(matching.dir, 'commit', '--quiet', '--allow-empty', '-m', 'on main too');
  git(matching.dir, 'checkout', '--quiet', 'main');
  git(matching.dir, 'merge', '--quiet', '--ff-only', 'local-only');
  git(matching.dir, 'push', '--quiet');
  assert.equal(remoteBranches(matching.remote), ['refs/datatrack/default', 'refs/heads/main']);
  assert.match(git(matching.remote, 'log', '--format=%s', '-1', 'main'), /on main too/);
  const nothing = remoteWithMain();
  git(nothing.dir, 'config', 'push.default', 'nothing');
  assert.equal(runJson<Setup>(['remote', 'setup'], nothing.dir).added.filter((line) => line.startsWith('remote.origin.push')), ['remote.origin.push = refs/datatrack/*:refs/datatrack/*']);
  git(nothing.dir, 'commit', '--quiet', '--allow-empty', '-m', 'not pushed');
  git(nothing.dir, 'push', '--quiet');
  assert.equal(remoteBranches(nothing.remote), ['refs/datatrack/default', 'refs/heads/main']);
  assert.not.match(git(nothing.remote, 'log', '--format=%s', '-1', 'main'), /not pushed/);
});

test.run();
