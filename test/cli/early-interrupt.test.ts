// A signal while modules still load (before a command's own handlers): said as a command says it.
// A preload holds oclif's start (it loads the command), so the signal lands in that window every time.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, GIT_ENV, tempDir } from '../helpers/cli.js';

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

test.run();
