// A signal while modules still load (before a command's own handlers), or while a snapshot writes:
// said as a command says it.
// A preload holds oclif's start (it loads the command), so the signal lands in that window every time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, GIT_ENV, repoWithSqlite, run, tempDir } from '../helpers/cli.js';

function interruptedWhileLoading(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = tempDir();
  const marker = join(dir, 'loading');
  writeFileSync(
    join(dir, 'hold.cjs'),
    `const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request) {
  const loaded = load.apply(this, arguments);
  if (request !== '#oclif') return loaded;
  return { ...loaded, execute: async (options) => { writeFileSync(${JSON.stringify(marker)}, ''); await new Promise((r) => setTimeout(r, 20000)); return loaded.execute(options); } };
};\n`,
  );
  const child = spawn(process.execPath, ['--require', join(dir, 'hold.cjs'), BIN, ...args], { cwd: dir, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const poll = setInterval(() => existsSync(marker) && (clearInterval(poll), child.kill(signal)), 10);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('Ctrl-C while start-up loads modules: one line, exit 130', async () => {
  const result = await interruptedWhileLoading(['history'], 'SIGINT');
  assert.equal([result.code, result.stdout, result.stderr], [130, '', 'datatrack: interrupted (SIGINT)\n']);
});

test('SIGTERM while start-up loads modules under --json: the error document on stdout, exit 143', async () => {
  const result = await interruptedWhileLoading(['history', '--json'], 'SIGTERM');
  assert.is(result.code, 143, result.stderr);
  assert.equal(JSON.parse(result.stdout), { error: { code: 'INTERRUPTED', message: 'interrupted (SIGTERM)', exitCode: 143 } });
  assert.is(result.stderr, '');
});

/**
 * NODE_OPTIONS that make the CLI send itself `signal` as it first renames a file into place whose
 * path matches `into`: the signal then lands inside a long synchronous turn, where a real one does.
 */
function signalAtRename(dir: string, signal: NodeJS.Signals, into: RegExp): { NODE_OPTIONS: string } {
  const preload = join(dir, 'signal.cjs');
  writeFileSync(
    preload,
    `const fs = require('node:fs');
const rename = fs.renameSync;
let sent = false;
fs.renameSync = function (from, to) {
  const result = rename.apply(this, arguments);
  if (!sent && ${into}.test(String(to))) { sent = true; process.kill(process.pid, '${signal}'); }
  return result;
};\n`,
  );
  return { NODE_OPTIONS: `--require ${preload}` };
}

test('Ctrl-C while a snapshot writes its objects: taken before the ref moves, exit 130, nothing committed', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  // As the first object file is put in place.
  const result = run(['snapshot'], dir, signalAtRename(dir, 'SIGINT', /\/\.git\/objects\//));
  assert.equal([result.code, result.stderr], [130, 'datatrack: interrupted (SIGINT)\n']);
  assert.is(spawnSync('git', ['rev-parse', '--verify', '--quiet', 'refs/datatrack/default'], { cwd: dir }).status, 1, 'no ref');
});

test('SIGTERM during a pipeline step stops the pipeline before the next one: exit 143, no later step runs', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  // As the snapshot step moves its ref, the step's last write.
  const result = run(['pipeline', 'run', '--json'], dir, signalAtRename(dir, 'SIGTERM', /\/refs\/datatrack\/default$/));
  assert.is(result.code, 143, result.stderr);
  assert.equal(JSON.parse(result.stdout), { error: { code: 'INTERRUPTED', message: 'interrupted (SIGTERM)', exitCode: 143 } });
  assert.not.ok(existsSync(join(dir, '.databases')), 'no export written');
});

test.run();
