import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { installHooks } from '../../src/hooks/install.js';
import { openRepository } from '../../src/store/repository.js';
import { GIT_ENV, git, newRepo, ROOT, run, runJson, runWithFileSizeLimit, tempDir } from '../helpers/cli.js';

test('install chains an existing hook under core.hooksPath: a real push runs both; uninstall restores it byte for byte', () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'base');
  const remote = join(tempDir(), 'remote.git');
  git(dir, 'init', '--quiet', '--bare', remote);
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'config', 'core.hooksPath', '.githooks');
  mkdirSync(join(dir, '.githooks'));
  // (it says the name it runs under: hook managers such as husky 1–4 dispatch on it)
  const original = '#!/bin/sh\n# the team\'s own hook\necho "theirs ran as $(basename "$0") with $1" >> "$(git rev-parse --show-toplevel)/pushlog"\ncat >> "$(git rev-parse --show-toplevel)/pushlog"\n';
  writeFileSync(join(dir, '.githooks/pre-push'), original, { mode: 0o750 });
  const installed = runJson<{ hook: string; action: string; path: string }[]>(['hooks', 'install'], dir);
  assert.equal(installed.map((h) => [h.hook, h.action]), [['pre-commit', 'installed'], ['pre-push', 'chained']]);
  assert.is(installed[1]!.path, join(dir, '.githooks/pre-push'));
  assert.match(readFileSync(join(dir, '.githooks/pre-push'), 'utf8'), /datatrack-hook: pre-push/);
  assert.is(readFileSync(join(dir, '.githooks/datatrack-chained/pre-push'), 'utf8'), original);
  // idempotent, and says so; a script of ours that differs (an older release's) is brought up to date
  assert.equal(runJson<{ action: string }[]>(['hooks', 'install'], dir).map((h) => h.action), ['unchanged', 'unchanged']);
  assert.is(readFileSync(join(dir, '.githooks/datatrack-chained/pre-push'), 'utf8'), original);
  const current = readFileSync(join(dir, '.githooks/pre-commit'), 'utf8');
  writeFileSync(join(dir, '.githooks/pre-commit'), `${current}# an older release's line\n`);
  assert.equal(runJson<{ action: string }[]>(['hooks', 'install'], dir).map((h) => h.action), ['updated', 'unchanged']);
  assert.is(readFileSync(join(dir, '.githooks/pre-commit'), 'utf8'), current);

  // both hooks run on a real push: ours reports, theirs gets git's arguments and the same ref lines on stdin
  const push = spawnSync('git', ['push', 'origin', 'HEAD:refs/heads/main'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
  assert.is(push.status, 0, push.stderr);
  assert.match(push.stderr, /datatrack pre-push: ok pushing 1 ref\n/);
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  assert.is(readFileSync(join(dir, 'pushlog'), 'utf8'), `theirs ran as pre-push with origin\nHEAD ${head} refs/heads/main ${'0'.repeat(40)}\n`);

  const removed = runJson<{ action: string }[]>(['hooks', 'uninstall'], dir);
  assert.equal(removed.map((h) => h.action), ['removed', 'restored']);
  assert.is(readFileSync(join(dir, '.githooks/pre-push'), 'utf8'), original);
  assert.is(statSync(join(dir, '.githooks/pre-push')).mode & 0o777, 0o750);
  assert.not.ok(existsSync(join(dir, '.githooks/pre-commit')));
  assert.not.ok(existsSync(join(dir, '.githooks/datatrack-chained')));  // uninstalling again: the team's hook is named as not ours and left alone; the missing one is absent
  const again = run(['hooks', 'uninstall'], dir);
  assert.is(again.stdout, `pre-commit: absent — ${join(dir, '.githooks/pre-commit')}\npre-push: not datatrack's, left as it is — ${join(dir, '.githooks/pre-push')}\n`);
  assert.is(readFileSync(join(dir, '.githooks/pre-push'), 'utf8'), original);
});

test("a linked hook is chained as the link it is, never written through; uninstall puts back a hook whose chainer was deleted, and one an older install kept", () => {
  const dir = newRepo();
  const hooks = join(dir, '.git', 'hooks');
  mkdirSync(join(dir, 'tools'));
  // a link into the work tree, to a file that is not there (a branch without it)
  symlinkSync('../../tools/pre-commit', join(hooks, 'pre-commit'));
  assert.equal(runJson<{ action: string }[]>(['hooks', 'install', '--pre-commit'], dir).map((h) => h.action), ['chained']);
  assert.not.ok(existsSync(join(dir, 'tools/pre-commit')), 'nothing written through the link');
  // led back to where it pointed from the hooks directory (a relative link moved down one directory would point elsewhere)
  assert.is(readlinkSync(join(hooks, 'datatrack-chained/pre-commit')), '../datatrack-chained/../../../tools/pre-commit');
  // ours deleted by hand: uninstall still restores the link
  rmSync(join(hooks, 'pre-commit'));
  assert.equal(runJson<{ action: string }[]>(['hooks', 'uninstall', '--pre-commit'], dir).map((h) => h.action), ['restored']);
  assert.is(readlinkSync(join(hooks, 'pre-commit')), '../../tools/pre-commit');
  // an older install's <name>.datatrack-chained is moved where this one keeps it, and restored from there
  rmSync(join(hooks, 'pre-commit'));
  writeFileSync(join(hooks, 'pre-push'), '#!/bin/sh\n# datatrack-hook: pre-push\n', { mode: 0o755 });
  writeFileSync(join(hooks, 'pre-push.datatrack-chained'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  assert.equal(runJson<{ action: string }[]>(['hooks', 'install', '--pre-push'], dir).map((h) => h.action), ['updated']);
  assert.is(readFileSync(join(hooks, 'datatrack-chained/pre-push'), 'utf8'), '#!/bin/sh\nexit 0\n');
  assert.match(readFileSync(join(hooks, 'pre-push'), 'utf8'), /--chain "\$\(dirname "\$0"\)\/datatrack-chained\/pre-push"/);
  assert.equal(runJson<{ action: string }[]>(['hooks', 'uninstall', '--pre-push'], dir).map((h) => h.action), ['restored']);
  assert.is(readFileSync(join(hooks, 'pre-push'), 'utf8'), '#!/bin/sh\nexit 0\n');
});

test("a hook linked by a relative path still runs once kept (the repository's scripts/); one that finds files beside itself (husky 4's husky.sh) is refused; a hooks path that is a file is said so", () => {
  const dir = newRepo();
  const hooks = join(dir, '.git', 'hooks');
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(join(dir, 'scripts/pc'), '#!/bin/sh\necho "linked hook ran" >&2; exit 1\n', { mode: 0o755 });
  symlinkSync('../../scripts/pc', join(hooks, 'pre-commit'));
  assert.is(run(['init'], dir).code, 0);
  assert.equal(runJson<{ action: string }[]>(['hooks', 'install', '--pre-commit'], dir).map((h) => h.action), ['chained']);
  const commit = spawnSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'x'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
  assert.is(commit.status, 1, commit.stderr);
  assert.match(commit.stderr, 'linked hook ran');
  assert.equal(readdirSync(hooks).filter((name) => name.startsWith('.')), [], 'no temporary link left');
  assert.equal(runJson<{ action: string }[]>(['hooks', 'uninstall', '--pre-commit'], dir).map((h) => h.action), ['restored']);
  assert.is(readlinkSync(join(hooks, 'pre-commit')), '../../scripts/pc');
  assert.not.ok(existsSync(join(hooks, 'datatrack-chained')));

  // husky 4.3's generated hook sources husky.sh from its own directory
  const husky = '#!/bin/sh\n# husky\n. "$(dirname "$0")/husky.sh"\n';
  writeFileSync(join(hooks, 'pre-push'), husky, { mode: 0o755 });
  const refused = run(['hooks', 'install', '--pre-push'], dir);
  assert.is(refused.code, 2, refused.stderr);
  assert.is(refused.stderr, `datatrack: ${join(hooks, 'pre-push')} finds files beside itself ($(dirname "$0"), as husky 4's does), which it would not do kept in datatrack-chained/; add \`datatrack hook pre-push\` to it (or to husky's hooks in package.json) instead of installing datatrack's hooks\n`);
  assert.is(readFileSync(join(hooks, 'pre-push'), 'utf8'), husky);

  // core.hooksPath naming a file: nothing to uninstall there
  writeFileSync(join(dir, 'afile'), '');
  git(dir, 'config', 'core.hooksPath', 'afile');
  const uninstalled = run(['hooks', 'uninstall'], dir);
  assert.is(uninstalled.code, 0, uninstalled.stderr);
  assert.match(uninstalled.stdout, /pre-commit: absent/);
});

test('the hook names the CLI and the Node that installed it as single sh words: a path with $ or a quote stays a path', () => {
  const dir = newRepo();
  runJson(['hooks', 'install', '--pre-commit'], dir);
  const script = readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8');
  assert.match(script, new RegExp(`\\n  DATATRACK='${join(ROOT, 'bin', 'datatrack').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'\\n`));
  assert.match(script, /\n {2}NODE='[^']+'\n/);
  // with no node on PATH (a GUI git client's), the hook still runs, by the Node that installed it
  const commit = spawnSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'x'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, PATH: dirname(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()) } });
  assert.is(commit.status, 0, commit.stderr);
});

test('init --hooks installs both hooks as hooks install does', () => {
  const dir = newRepo();
  const result = runJson<{ hooks: { hook: string; action: string }[] }>(['init', '--hooks'], dir);
  assert.equal(result.hooks.map((h) => [h.hook, h.action]), [['pre-commit', 'installed'], ['pre-push', 'installed']]);
  for (const hook of ['pre-commit', 'pre-push']) assert.ok(statSync(join(dir, '.git/hooks', hook)).mode & 0o100, hook);
  // which is what install and uninstall do without a hook named, and their help says so
  for (const command of ['install', 'uninstall']) assert.match(run(['hooks', command, '--help'], dir).stdout.replace(/\s+/g, ' '), 'Without --pre-commit or --pre-push: both hooks.', command);
  assert.equal(runJson<{ hook: string }[]>(['hooks', 'uninstall'], dir).map((h) => h.hook), ['pre-commit', 'pre-push']);
});

test("install and uninstall remove the script a killed install left behind, not a running one's", () => {
  const dir = newRepo();
  const hooks = join(dir, '.git/hooks');
  mkdirSync(hooks, { recursive: true });
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
  const left = (pid: number, name = 'pre-commit') => join(hooks, `.${name}.datatrack-${pid}.tmp`);
  for (const path of [left(gone), left(gone, 'pre-push'), left(process.pid), join(hooks, '.pre-commit.other.tmp')]) writeFileSync(path, '#!/bin/sh\n');
  runJson(['hooks', 'install', '--pre-commit'], dir);
  assert.equal(readdirSync(hooks).filter((f) => f.startsWith('.')).sort(), ['.pre-commit.other.tmp', `.pre-commit.datatrack-${process.pid}.tmp`].sort());
  writeFileSync(left(gone), '#!/bin/sh\n');
  runJson(['hooks', 'uninstall'], dir);
  assert.not.ok(existsSync(left(gone)));
  assert.ok(existsSync(left(process.pid)));
});

test('hooks land in the common hooks directory from a linked worktree', () => {
  const dir = newRepo();
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'base');
  const worktree = join(dir, '..', `${dir.split('/').pop()}-wt`);
  git(dir, 'worktree', 'add', '--quiet', worktree);
  runJson(['hooks', 'install', '--pre-commit'], worktree);
  assert.ok(existsSync(join(dir, '.git/hooks/pre-commit')));
  assert.not.ok(existsSync(join(dir, '.git/hooks/pre-push')));
  git(dir, 'worktree', 'remove', '--force', worktree);
});

test("install refuses husky 9's wrappers, which would run nothing once renamed to be chained", () => {
  const dir = newRepo();
  git(dir, 'config', 'core.hooksPath', '.husky/_');
  mkdirSync(join(dir, '.husky/_'), { recursive: true });
  // what `husky` writes for every hook: a wrapper that runs .husky/<its own file name>
  const wrapper = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"';
  for (const hook of ['pre-commit', 'pre-push']) writeFileSync(join(dir, '.husky/_', hook), wrapper, { mode: 0o755 });
  const result = run(['hooks', 'install'], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, `add \`npx --no datatrack hook pre-commit\` to husky's own script, ${join(dir, '.husky/pre-commit')}`);
  for (const hook of ['pre-commit', 'pre-push']) assert.is(readFileSync(join(dir, '.husky/_', hook), 'utf8'), wrapper);
  assert.not.ok(existsSync(join(dir, '.husky/_/pre-commit.datatrack-chained')));
});

test('install into a core.hooksPath the team tracks warns that the change is shared; an untracked one does not', () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  git(dir, 'config', 'core.hooksPath', '.githooks');
  mkdirSync(join(dir, '.githooks'));
  writeFileSync(join(dir, '.githooks/pre-push'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const untracked = run(['hooks', 'install'], dir);
  assert.is(untracked.code, 0, untracked.stderr);
  assert.is(untracked.stderr, '');
  assert.is(run(['hooks', 'uninstall'], dir).code, 0);
  git(dir, 'add', '.githooks');
  git(dir, 'commit', '--quiet', '-m', 'team hooks');
  const tracked = run(['hooks', 'install'], dir);
  assert.is(tracked.code, 0, tracked.stderr);
  assert.match(tracked.stderr, `warning: ${join(dir, '.githooks')} (core.hooksPath) holds files tracked in git: the hooks written there show in \`git status\``);
  assert.match(tracked.stdout, 'pre-push: chained');
});

test("a core.hooksPath of the user's global configuration is said to serve every repository; this repository's own is not", () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  const [global, shared] = [join(tempDir(), 'gitconfig'), tempDir()];
  writeFileSync(global, `[core]\n\thooksPath = ${shared}\n`);
  const env = { GIT_CONFIG_GLOBAL: global };
  const installed = run(['hooks', 'install'], dir, env);
  assert.is(installed.code, 0, installed.stderr);
  assert.is(installed.stderr, `warning: ${shared} is core.hooksPath in your global git configuration: the hooks written there run in every repository that sets none of its own; to keep them to this one, \`datatrack hooks uninstall\`, then \`git config core.hooksPath .git/hooks\` here and install again\n`);
  assert.ok(existsSync(join(shared, 'pre-commit')));
  assert.is(run(['init', '--hooks'], dir, env).stderr, installed.stderr);
  assert.is(run(['hooks', 'uninstall'], dir, env).code, 0);
  git(dir, 'config', 'core.hooksPath', '.git/hooks');
  const local = run(['hooks', 'install'], dir, env);
  assert.equal([local.code, local.stderr], [0, '']);
  assert.ok(existsSync(join(dir, '.git', 'hooks', 'pre-commit')));
});

test('a core.hooksPath that cannot be a directory (a file, a path under /proc) is one usage error, never a hang', () => {
  const dir = newRepo();
  run(['init'], dir);
  writeFileSync(join(dir, 'a-file'), '');
  for (const [path, reason] of [[join(dir, 'a-file'), 'a part of it is a file, not a directory'], ['/proc/datatrack-nope/deeper', '']] as const) {
    git(dir, 'config', 'core.hooksPath', path);
    // Node's recursive mkdirSync spins for ever under /proc: the timeout is this test's guard.
    const result = spawnSync(process.execPath, [join(process.cwd(), 'bin/datatrack'), 'hooks', 'install'], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
    assert.is(result.status, 2, `${path}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^datatrack: cannot make the hooks directory ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(git's core\\.hooksPath, or \\.git/hooks\\): ${reason}.*; point core\\.hooksPath at a directory you can write\n$`));
  }
});

/** A hooks directory but git's samples, as names and what they hold (a link's target, a file's mode and bytes). */
function hooksState(hooks: string): string[] {
  const describe = (path: string): string => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return `-> ${readlinkSync(path)}`;
    if (stat.isDirectory()) return `{${readdirSync(path).sort().map((name) => `${name} ${describe(join(path, name))}`).join(', ')}}`;
    return `${(stat.mode & 0o777).toString(8)} ${JSON.stringify(readFileSync(path, 'utf8'))}`;
  };
  return readdirSync(hooks).filter((name) => !name.endsWith('.sample')).sort().map((name) => `${name} ${describe(join(hooks, name))}`);
}

test("an install whose scripts cannot be written (a full disk; here a file-size limit) leaves the hooks as they were, a linked one too; the next install goes through", () => {
  const dir = newRepo();
  const hooks = join(dir, '.git', 'hooks');
  writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\necho "their hook ran"; exit 1\n', { mode: 0o750 });
  mkdirSync(join(dir, 'tools'));
  writeFileSync(join(dir, 'tools/pre-push'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  symlinkSync('../../tools/pre-push', join(hooks, 'pre-push'));
  const before = hooksState(hooks);
  assert.is(run(['init'], dir).code, 0); // so that init --hooks has only the hooks to write
  for (const args of [['hooks', 'install'], ['hooks', 'install', '--pre-push'], ['init', '--hooks']]) {
    const failed = runWithFileSizeLimit(args, dir, 1);
    assert.is(failed.code, 4, failed.stderr);
    assert.match(failed.stderr, `datatrack: cannot write datatrack's hooks in ${hooks}: the file-size limit (ulimit -f) was reached; the hooks there are as they were: free some space and run it again\n`);
    // their hook in place, byte for byte, still executable; no empty or truncated one of ours, no copy kept, no temporary file
    assert.equal(hooksState(hooks), before, args.join(' '));
  }
  // a hook that was not there is still not there
  rmSync(join(hooks, 'pre-commit'));
  assert.is(runWithFileSizeLimit(['hooks', 'install', '--pre-commit'], dir, 1).code, 4);
  assert.not.ok(existsSync(join(hooks, 'pre-commit')));

  writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\necho "their hook ran"; exit 1\n', { mode: 0o750 });
  assert.equal(runJson<{ action: string }[]>(['hooks', 'install'], dir).map((h) => h.action), ['chained', 'chained']);
  assert.is(readlinkSync(join(hooks, 'datatrack-chained/pre-push')), '../datatrack-chained/../../../tools/pre-push');
  const commit = spawnSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'x'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
  assert.is(commit.status, 1, 'their blocking hook runs after ours');
  assert.match(commit.stderr, 'their hook ran');
  assert.equal(runJson<{ action: string }[]>(['hooks', 'uninstall'], dir).map((h) => h.action), ['restored', 'restored']);
  assert.equal(hooksState(hooks), before);
});

test('a rename that fails part way through an install or an uninstall undoes the ones before it: each hook is as it was', () => {
  const installModule = new URL('../../src/hooks/install.js', import.meta.url).href;
  const repositoryModule = new URL('../../src/store/repository.js', import.meta.url).href;
  // The FAIL_AT-th rename in the hooks directory fails, as a failing device would make it.
  const child = `
    import { createRequire, syncBuiltinESMExports } from 'node:module';
    const fs = createRequire(import.meta.url)('node:fs');
    const real = fs.renameSync;
    let calls = 0;
    fs.renameSync = (from, to) => {
      if (++calls === Number(process.env.FAIL_AT)) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return real(from, to);
    };
    syncBuiltinESMExports();
    const hooks = await import(${JSON.stringify(installModule)});
    const { openRepository } = await import(${JSON.stringify(repositoryModule)});
    try {
      (process.env.OPERATION === 'install' ? hooks.installHooks : hooks.uninstallHooks)(openRepository(process.cwd()), hooks.HOOK_NAMES);
    } catch (error) {
      process.stdout.write(error.message);
    }
  `;
  const inject = (dir: string, operation: string, failAt: number) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', child], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, OPERATION: operation, FAIL_AT: String(failAt) } });
  const setUp = () => {
    const dir = newRepo();
    const hooks = join(dir, '.git', 'hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o750 });
    symlinkSync('../../tools/pre-push', join(hooks, 'pre-push'));
    return { dir, hooks };
  };
  // Each hook: theirs moved to be kept, then ours renamed into place.
  for (const failAt of [1, 2, 3, 4]) {
    const { dir, hooks } = setUp();
    const before = hooksState(hooks);
    const failed = inject(dir, 'install', failAt);
    // which hooks changed is said: each is whole, one before the failing one installed
    const state = failAt <= 2 ? 'pre-commit is as it was' : 'pre-commit installed; pre-push is as it was';
    assert.is(failed.stdout, `cannot install datatrack's ${failAt <= 2 ? 'pre-commit' : 'pre-push'} hook in ${hooks}: an I/O error on the device; ${state}`, `${failAt}: ${failed.stderr}`);
    // the hook that failed is as it was; one before it is installed, whole
    const now = hooksState(hooks);
    const failedHook = failAt <= 2 ? 'pre-commit' : 'pre-push';
    assert.equal(now.filter((line) => line.startsWith(`${failedHook} `)), before.filter((line) => line.startsWith(`${failedHook} `)), `${failAt}`);
    assert.equal(now.filter((line) => line.startsWith('.')), [], `${failAt}: a temporary file left`);
    if (failAt <= 2) assert.equal(now, before, `${failAt}`);
    else assert.match(readFileSync(join(hooks, 'pre-commit'), 'utf8'), '# datatrack-hook: pre-commit');
    assert.equal(runJson<{ action: string }[]>(['hooks', 'install'], dir).map((h) => h.action), failAt <= 2 ? ['chained', 'chained'] : ['unchanged', 'chained']);
  }
  // Uninstall puts theirs back over ours in one rename: when it fails, ours still runs theirs.
  const { dir, hooks } = setUp();
  runJson(['hooks', 'install'], dir);
  const installed = hooksState(hooks);
  assert.is(inject(dir, 'uninstall', 1).stdout, 'EIO: i/o error, rename');
  assert.equal(hooksState(hooks), installed);
});

test('a hook with no node to run datatrack on (not where it was installed, nor on PATH) says so and how to go on, not in env\'s words', () => {
  const dir = newRepo();
  installHooks(openRepository(dir), ['pre-commit', 'pre-push']);
  const path = tempDir(); // a PATH with neither node nor datatrack
  const runHook = (name: string) => spawnSync(join(dir, '.git/hooks', name), ['origin', 'url'], { cwd: dir, encoding: 'utf8', env: { PATH: path } });
  const edit = (name: string, line: RegExp, value: string) => {
    const script = join(dir, '.git/hooks', name);
    writeFileSync(script, readFileSync(script, 'utf8').replace(line, value));
  };
  for (const name of ['pre-commit', 'pre-push']) {
    edit(name, /\n {2}NODE=.*\n/, "\n  NODE='/nonexistent/node'\n"); // the Node that installed it, since removed
    const noNode = new RegExp(`^datatrack ${name}: node is not found \\(not at the path the hook was installed with, nor on PATH\\), .*\`datatrack hooks install\` again, or skip this once with --no-verify\n$`);
    const installed = runHook(name);
    assert.is(installed.status, 1);
    assert.match(installed.stderr, noNode);
    // the datatrack it was installed with gone too, and one on PATH: that one needs node as well
    edit(name, /\n {2}DATATRACK=.*\n/, "\n  DATATRACK='/nonexistent/datatrack'\n");
    writeFileSync(join(path, 'datatrack'), '#!/usr/bin/env node\n', { mode: 0o755 });
    const onPath = runHook(name);
    assert.is(onPath.status, 1);
    assert.match(onPath.stderr, noNode);
    // no datatrack at all: that is what is said
    rmSync(join(path, 'datatrack'));
    assert.match(runHook(name).stderr, new RegExp(`^datatrack ${name}: datatrack is not installed here `));
  }
});

test.run();
