import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, GIT_ENV, fsck, git, markDamaged, newRepo, repoWithSqlite, run, runJson, sqliteDatabase, tempDir } from '../helpers/cli.js';

function expectStorageError(args: string[], cwd: string, pattern: RegExp): void {
  const result = run(args, cwd);
  assert.is(result.code, 4, `${args.join(' ')}: ${result.stderr}`);
  assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, pattern);
}

test('a symbolic ref under refs/datatrack/ is followed as git follows it, and is no target of its own (the hook does not block on it)', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const first = runJson<{ commit: string }>(['snapshot'], dir).commit;
  git(dir, 'symbolic-ref', 'refs/datatrack/alias', 'refs/datatrack/default');
  assert.is(run(['hook', 'pre-commit'], dir).code, 0);
  assert.equal(runJson<{ name: string }[]>(['targets'], dir).map((t) => t.name), ['default']);
  assert.is(runJson<{ commit: string }[]>(['history', '-t', 'alias'], dir)[0]!.commit, first);
  git(dir, 'symbolic-ref', 'refs/datatrack/loop', 'refs/datatrack/loop');
  expectStorageError(['show', 'refs/datatrack/loop'], dir, /refs\/datatrack\/loop is a chain of symbolic refs 5 long or a loop/);
  git(dir, 'symbolic-ref', '--delete', 'refs/datatrack/loop');
  fsck(dir);
});

test('a partial clone whose remote cannot be reached is said to be one, not damaged', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  runJson(['snapshot'], dir);
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'base');
  git(dir, 'config', 'uploadpack.allowFilter', 'true');
  const clone = join(tempDir(), 'partial');
  git(tempDir(), 'clone', '--quiet', '--filter=blob:none', `file://${dir}`, clone);
  git(clone, 'fetch', '--quiet', '--filter=blob:none', 'origin', '+refs/datatrack/*:refs/datatrack/*');
  renameSync(dir, `${dir}.away`);
  try {
    expectStorageError(['show', 'default', 'main.t'], clone, /is not in this partial clone, and git could not fetch it from the remote it came from \(its promisor remote\); run it again once that remote is reachable\n/);
  } finally {
    renameSync(`${dir}.away`, dir);
  }
  assert.match(run(['show', 'default', 'main.t'], clone).stdout, /name: t/);
});

test('broken refs and objects: exit 4 saying what is broken; never a new root commit', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  markDamaged(dir);
  const first = runJson<{ commit: string }>(['snapshot'], dir).commit;
  const ref = join(dir, '.git/refs/datatrack/default');
  for (const content of ['', 'garbage\n']) {
    writeFileSync(ref, content);
    expectStorageError(['snapshot'], dir, /refs\/datatrack\/default is damaged/);
    expectStorageError(['history'], dir, /refs\/datatrack\/default is damaged/);
  }
  writeFileSync(ref, `${'1'.repeat(40)}\n`);
  expectStorageError(['snapshot'], dir, /git object 1{40} is missing/);
  expectStorageError(['history'], dir, /git object 1{40} is missing/);
  writeFileSync(ref, `${first}\n`);
  // a corrupt blob in the snapshot
  const blob = git(dir, 'rev-parse', `${first}:main/tables/t.yaml`).trim();
  const text = git(dir, 'cat-file', 'blob', blob);
  const path = join(dir, '.git/objects', blob.slice(0, 2), blob.slice(2));
  chmodSync(path, 0o644);
  writeFileSync(path, 'not zlib at all');
  expectStorageError(['show', 'main.t'], dir, new RegExp(`git object ${blob} is corrupt`));
  expectStorageError(['export', '-o', '-'], dir, new RegExp(`git object ${blob} is corrupt`));
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/default').trim(), '1');
  // the same blob damaged inside a pack: corrupt too, not missing
  rmSync(path);
  writeFileSync(join(dir, 'restored.yaml'), text);
  assert.is(git(dir, 'hash-object', '-w', 'restored.yaml').trim(), blob);
  git(dir, 'repack', '-q', '-a', '-d');
  const pack = join(dir, '.git/objects/pack', readdirSync(join(dir, '.git/objects/pack')).find((name) => name.endsWith('.pack'))!);
  chmodSync(pack, 0o644);
  const bytes = readFileSync(pack);
  bytes.fill(0x55, 12, bytes.length - 20);
  writeFileSync(pack, bytes);
  expectStorageError(['show', 'main.t'], dir, new RegExp(`git object [0-9a-f]{40} is corrupt`));
});

test('a corrupt tip commit: the next snapshot says so at once (exit 4), it does not wait for a gc to give it back', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  markDamaged(dir);
  const tip = runJson<{ commit: string }>(['snapshot'], dir).commit;
  const path = join(dir, '.git/objects', tip.slice(0, 2), tip.slice(2));
  chmodSync(path, 0o644);
  writeFileSync(path, 'garbage');
  expectStorageError(['snapshot'], dir, new RegExp(`^datatrack: git object ${tip} is corrupt; run \`git fsck\``));
});

test('a repository that belongs to another user: exit 4 with git safe.directory advice, not "run datatrack init"', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  // git's own switch for its ownership check, as a repository checked out by another account trips it
  const result = run(['history'], dir, { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' });
  assert.is(result.code, 4, result.stderr);
  assert.is(result.stderr, `datatrack: git refuses the repository at ${dir}: it belongs to another user; if you trust it, run \`git config --global --add safe.directory ${dir}\`\n`);
  const json = run(['snapshot', '--json'], dir, { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' });
  assert.is(JSON.parse(json.stdout).error.code, 'UNTRUSTED_REPO');
});

test('a .git file that points nowhere, or an extension git does not know: exit 4 with git\'s reason, and init does not start a repository beside it', () => {
  const dir = tempDir();
  markDamaged(dir);
  writeFileSync(join(dir, '.git'), 'gitdir: /nonexistent/worktree\n');
  for (const command of ['init', 'history']) {
    const result = run([command], dir, { GIT_CEILING_DIRECTORIES: join(dir, '..') });
    assert.is(result.code, 4, result.stderr);
    assert.is(result.stderr, 'datatrack: git cannot open this repository: not a git repository: /nonexistent/worktree; `git status` says the same\n');
  }
  assert.equal(readdirSync(dir), ['.git']);
  // a repository format git does not know: what git names on the lines after its fatal one is kept
  git(dir, 'init', '--quiet', join(dir, 'future'));
  writeFileSync(join(dir, 'future/.git/config'), '[core]\n\trepositoryformatversion = 1\n[extensions]\n\tfrobnicate = yes\n\ttwiddle = no\n');
  const future = run(['history'], join(dir, 'future'));
  assert.is(future.code, 4, future.stderr);
  assert.match(future.stderr, /^datatrack: git cannot open this repository: unknown repository extensions? found: frobnicate, twiddle; /);
  // GIT_WORK_TREE naming a directory that does not exist: said, and nothing made there
  const missing = join(dir, 'no-such-work-tree');
  git(dir, 'init', '--quiet', join(dir, 'plain'));
  const init = run(['init'], join(dir, 'plain'), { GIT_WORK_TREE: missing });
  assert.equal([init.code, init.stderr], [4, `datatrack: git's work tree ${missing} does not exist (GIT_WORK_TREE or core.worktree names it); set it to the checkout's directory, or unset it\n`]);
  assert.not.ok(existsSync(missing));
  // inside the .git of a repository with a work tree: said so, not taken for a bare repository
  // (verify there checked the built-in defaults instead of the team's rules file, and passed)
  for (const command of ['verify', 'init', 'snapshot']) {
    const inside = run([command], join(dir, 'plain', '.git'));
    assert.equal([inside.code, inside.stderr], [2, `datatrack: this directory is inside the repository's git directory (${join(dir, 'plain', '.git')}); cd to its work tree and run it again\n`], command);
  }
});

test('a truncated loose object left under the id of a future blob is rewritten, not trusted', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  runJson(['snapshot'], dir);
  sqliteDatabase(db, 'CREATE TABLE u (id INTEGER)');
  // learn the id the next snapshot will give u.yaml from a scratch copy, then plant a truncated object there
  const scratch = repoWithSqlite('CREATE TABLE t (id INTEGER); CREATE TABLE u (id INTEGER);');
  const future = git(scratch.dir, 'rev-parse', `${runJson<{ commit: string }>(['snapshot'], scratch.dir).commit}:main/tables/u.yaml`).trim();
  const path = join(dir, '.git/objects', future.slice(0, 2), future.slice(2));
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.from([0x78, 0x01, 0x4b]));
  const second = runJson<{ commit: string; changed: boolean }>(['snapshot'], dir);
  assert.ok(second.changed);
  assert.match(git(dir, 'cat-file', '-p', `${second.commit}:main/tables/u.yaml`), /^name: u\n/);
  fsck(dir);
});

test('repository shapes: bare, linked worktree, submodule, shallow clone, inherited GIT_DIR', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'add', '.datatrack/config.yaml', 'schema_rules.yaml', '.gitignore');
  git(dir, 'commit', '--quiet', '-m', 'datatrack config');
  const first = runJson<{ commit: string }>(['snapshot'], dir).commit;

  // linked worktree: refs land in the common dir, visible from both
  const worktree = join(tempDir(), 'wt');
  git(dir, 'worktree', 'add', '--quiet', '--detach', worktree);
  sqliteDatabase(join(worktree, 'app.db'), 'CREATE TABLE t (id INTEGER); CREATE TABLE w (id INTEGER);');
  const fromWorktree = runJson<{ commit: string; changed: boolean }>(['snapshot'], worktree);
  assert.ok(fromWorktree.changed);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), fromWorktree.commit);
  assert.equal(readdirSync(join(dir, '.git/worktrees', 'wt')).includes('refs'), false);

  // bare clone: history, show and export (to stdout) read git alone
  const bare = join(tempDir(), 'bare.git');
  git(tempDir(), 'clone', '--quiet', '--bare', dir, bare);
  git(dir, 'push', '--quiet', bare, 'refs/datatrack/*:refs/datatrack/*');
  assert.equal(runJson<{ commit: string }[]>(['history'], bare).map((h) => h.commit), [fromWorktree.commit, first]);
  assert.is(run(['show', 'main.w'], bare).code, 0);
  assert.is(run(['export', '-o', '-'], bare).code, 0);
  // a snapshot there takes its connection from the environment; without one, not the advice to run init, which needs a work tree
  const withoutUrl = run(['snapshot'], bare);
  assert.equal([withoutUrl.code, withoutUrl.stderr], [2, "datatrack: this is a bare repository, which has no .datatrack/config.yaml: give target default's connection as DATATRACK_DEFAULT_URL or DATABASE_URL\n"]);
  assert.is(runJson<{ changed: boolean }>(['snapshot', '--allow-empty'], bare, { DATABASE_URL: `sqlite:///${join(worktree, 'app.db')}` }).changed, true);

  // submodule: .git is a file pointing into the superproject
  const superproject = newRepo();
  git(superproject, '-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', dir, 'sub');
  const sub = join(superproject, 'sub');
  sqliteDatabase(join(sub, 'app.db'), 'CREATE TABLE s (id INTEGER);');
  assert.is(runJson<{ changed: boolean }>(['snapshot'], sub).changed, true);
  assert.match(git(sub, 'log', '--format=%s', '-1', 'refs/datatrack/default'), /snapshot default: 1 tables/);

  // shallow clone of the branch: snapshots still work on their own ref
  const shallow = join(tempDir(), 'shallow');
  git(tempDir(), 'clone', '--quiet', '--depth', '1', `file://${dir}`, shallow);
  sqliteDatabase(join(shallow, 'app.db'), 'CREATE TABLE t (id INTEGER);');
  assert.is(runJson<{ changed: boolean }>(['snapshot'], shallow).changed, true);

  // GIT_DIR / GIT_WORK_TREE inherited (as inside a git hook) are honoured
  const viaEnv = spawnSync(process.execPath, [BIN, 'history', '--json'], {
    cwd: tempDir(),
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, GIT_DIR: join(dir, '.git'), GIT_WORK_TREE: dir },
  });
  assert.is(viaEnv.status, 0, viaEnv.stderr);
  assert.is(JSON.parse(viaEnv.stdout)[0].commit, fromWorktree.commit);
  for (const repo of [dir, bare, sub, shallow]) fsck(repo);
  rmSync(worktree, { recursive: true, force: true });
});

test('a relative GIT_DIR and GIT_WORK_TREE given in a subdirectory name the same repository to every git datatrack runs: hooks, remotes, identity', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  git(dir, 'config', 'user.name', 'Local Name');
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  git(dir, 'remote', 'add', 'origin', remote);
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const relative = (args: string[]) => {
    // GIT_ENV names no author: the repository's own user.name is the one git would take
    const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, GIT_DIR: '../.git', GIT_WORK_TREE: '..' };
    for (const name of ['GIT_AUTHOR_NAME', 'GIT_COMMITTER_NAME']) delete env[name];
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: sub, encoding: 'utf8', env });
    assert.is(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  relative(['hooks', 'install']);
  assert.ok(existsSync(join(dir, '.git/hooks/pre-commit')));
  relative(['snapshot']);
  assert.is(git(dir, 'log', '--format=%an', '-1', 'refs/datatrack/default').trim(), 'Local Name');
  relative(['hook', 'pre-commit']);
  relative(['push']);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/default'), git(dir, 'rev-parse', 'refs/datatrack/default'));
});

test('objects or refs the user may not write: exit 4, permission denied with what to check, the ref where it was', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const first = runJson<{ commit: string }>(['snapshot'], dir).commit;
  sqliteDatabase(db, 'CREATE TABLE u (id INTEGER)');
  // root writes anywhere: then the CLI runs as nobody, in a repository that account owns (git trusts no other)
  const asRoot = process.getuid?.() === 0;
  const snapshot = (args = ['snapshot']) => {
    if (asRoot) execFileSync('chown', ['-R', '65534:65534', dir]);
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: dir }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    if (asRoot) execFileSync('chown', ['-R', '0:0', dir]);
    return result;
  };
  const hint = '; check the ownership and permissions of that path (or a read-only file system)\n';
  for (const [readOnly, said] of [['.git/objects', /^datatrack: EACCES: permission denied, (mkdir|open) '.*\.git\/objects\/[0-9a-f]{2}/], ['.git/refs/datatrack', /^datatrack: cannot lock refs\/datatrack\/default: EACCES: permission denied, /]] as const) {
    execFileSync('chmod', ['-R', 'a-w', join(dir, readOnly)]);
    const result = snapshot();
    execFileSync('chmod', ['-R', 'u+w', join(dir, readOnly)]);
    assert.is(result.status, 4, result.stderr);
    assert.match(result.stderr, said);
    assert.ok(result.stderr.endsWith(hint) && result.stderr.split('\n').length === 2, result.stderr);
    assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first);
  }
  // A run over several targets or steps reports it in its place and runs on (it ended there before).
  sqliteDatabase(db, 'CREATE TABLE v (id INTEGER)');
  execFileSync('chmod', ['-R', 'a-w', join(dir, '.git/objects')]);
  const all = snapshot(['snapshot', '--all', '--json']);
  const pipeline = snapshot(['pipeline', 'run', '--json']);
  execFileSync('chmod', ['-R', 'u+w', join(dir, '.git/objects')]);
  assert.is(all.status, 4, all.stderr);
  const [failure] = JSON.parse(all.stdout) as { target: string; error: { code: string; message: string; exitCode: number } }[];
  assert.equal([failure!.target, failure!.error.code, failure!.error.exitCode], ['default', 'EACCES', 4]);
  assert.ok(`${failure!.error.message}\n`.endsWith(hint), failure!.error.message);
  assert.is(pipeline.status, 4, pipeline.stderr);
  const steps = (JSON.parse(pipeline.stdout) as { targets: { steps: { step: string; status: string; detail: string }[] }[] }).targets[0]!.steps;
  assert.equal(steps.map((step) => step.status), ['error', 'ok', 'ok', 'ok', 'ok']);
  assert.ok(`${steps[0]!.detail}\n`.endsWith(hint), steps[0]!.detail);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first);
});

test('a reftable repository (git 2.45+) is refused in one line, nothing written: git would see none of the refs datatrack writes as files', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  // The git here may predate reftable: one first on PATH answers --show-ref-format as a newer git would in such a repository.
  const bin = tempDir();
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\n[ "$1" = rev-parse ] || exec '${realGit}' "$@"\n'${realGit}' "$@" | sed -e 's/^--show-ref-format$/reftable/' -e 's/^files$/reftable/'\n`);
  chmodSync(join(bin, 'git'), 0o755);
  for (const command of ['snapshot', 'history']) {
    const result = run([command], dir, { PATH: `${bin}:${process.env.PATH}` });
    assert.is(result.code, 4, result.stderr);
    assert.is(result.stderr, `datatrack: ${dir}/.git keeps its refs in the reftable format; datatrack supports the files format only (\`git refs migrate --ref-format=files\` converts it)\n`);
  }
  assert.is(existsSync(join(dir, '.git/refs/datatrack')), false);
});

test('GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES (hooks, CI runners): objects go where git reads them', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  runJson(['snapshot'], dir);
  const store = join(tempDir(), 'objects');
  renameSync(join(dir, '.git/objects'), store);
  mkdirSync(join(dir, '.git/objects'));
  const gitIn = (env: Record<string, string>, ...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, ...env } });
  const moved = { GIT_OBJECT_DIRECTORY: store };
  sqliteDatabase(db, 'CREATE TABLE u (id INTEGER)');
  const second = runJson<{ commit: string }>(['snapshot'], dir, moved).commit;
  assert.equal(readdirSync(join(dir, '.git/objects')), []);
  const fsckMoved = gitIn(moved, 'fsck', '--strict', '--no-progress');
  assert.is(fsckMoved.status, 0, fsckMoved.stdout + fsckMoved.stderr);
  assert.match(gitIn(moved, 'show', `${second}:main/tables/u.yaml`).stdout, /^name: u\n/);
  // git's quarantine shape: new objects in their own directory, the rest borrowed from the environment's alternates
  const quarantine = join(tempDir(), 'quarantine');
  mkdirSync(quarantine);
  const quarantined = { GIT_OBJECT_DIRECTORY: quarantine, GIT_ALTERNATE_OBJECT_DIRECTORIES: store };
  sqliteDatabase(db, 'CREATE TABLE v (id INTEGER)');
  const third = runJson<{ commit: string }>(['snapshot'], dir, quarantined).commit;
  const written = gitIn({ GIT_OBJECT_DIRECTORY: quarantine }, 'count-objects', '-v').stdout;
  assert.match(written, /^count: 6$/m, 'the new commit, three trees and two blobs only: the others are borrowed');
  assert.match(run(['diff'], dir, quarantined).stdout, /\+ table main\.v/);
  assert.is(gitIn(quarantined, 'fsck', '--strict', '--no-progress').status, 0);
  // back in one place for the fsck every test file ends with
  rmSync(join(dir, '.git/objects'), { recursive: true });
  cpSync(store, join(dir, '.git/objects'), { recursive: true });
  cpSync(quarantine, join(dir, '.git/objects'), { recursive: true });
  assert.is(git(dir, 'rev-list', '--count', third).trim(), '3');
});

test("one target's damaged ref file fails only that target's commands (exit 4, saying how to repair it); lint, pipeline run, targets and connect of the others work", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  const first = runJson<{ commit: string }>(['snapshot'], dir).commit;
  git(dir, 'update-ref', 'refs/datatrack/staging', first);
  assert.is(run(['connect', 'app.db', '--name', 'staging'], dir).code, 0);
  const ref = join(dir, '.git/refs/datatrack/staging');
  for (const content of ['', 'garbage\n']) {
    writeFileSync(ref, content);
    const linted = run(['lint', '-t', 'default'], dir);
    assert.is(linted.code, 0, linted.stderr);
    const piped = run(['pipeline', 'run', '-t', 'default'], dir);
    assert.is(piped.code, 0, piped.stdout + piped.stderr);
    // its own commands still fail on it, with what to do: git itself refuses `update-ref` on such a file
    expectStorageError(['lint', '-t', 'staging'], dir, new RegExp(`refs/datatrack/staging is damaged: .*; remove ${ref.replace(/[.]/g, '\\.')} \\(git cannot update or delete the ref while it is so\\), then restore it with \`git update-ref refs/datatrack/staging <commit>\``));
    expectStorageError(['pipeline', 'run', '-t', 'staging', '--no-verbose'], dir, /refs\/datatrack\/staging is damaged/);
    // every target listed, the damaged one in its place and said after the table
    const listed = run(['targets'], dir);
    assert.is(listed.code, 4);
    assert.match(listed.stdout, /^\* default .* [0-9a-f]{7}\n  staging .*\(ref damaged\)\n$/);
    assert.match(listed.stderr, /^datatrack: staging: refs\/datatrack\/staging is damaged/);
    const json = run(['targets', '--json'], dir);
    assert.equal((JSON.parse(json.stdout) as { name: string; latest: string | null; error?: { code: string } }[]).map((t) => [t.name, t.latest, t.error?.code]), [['default', first, undefined], ['staging', null, 'BROKEN_REF']]);
  }
  // a damaged ref still holds its name: a target below it cannot be connected, one elsewhere can
  sqliteDatabase(join(dir, 'other.db'), 'CREATE TABLE o (id INTEGER PRIMARY KEY)');
  assert.is(run(['connect', 'other.db', '--name', 'staging/eu'], dir).code, 2);
  const connected = run(['connect', 'other.db', '--name', 'other'], dir);
  assert.is(connected.code, 0, connected.stderr);
  // where git keeps the ref's log, the message names the commit to restore
  rmSync(ref);
  git(dir, 'update-ref', '--create-reflog', 'refs/datatrack/staging', first);
  writeFileSync(ref, '');
  expectStorageError(['history', '-t', 'staging'], dir, new RegExp(`restore it with \`git update-ref refs/datatrack/staging ${first}\` \\(the commit its reflog names last\\)`));
  writeFileSync(ref, `${first}\n`);
  fsck(dir);
});

test.run();
