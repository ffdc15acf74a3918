// The hook report is written to stderr: its colour follows stderr, not stdout.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, GIT_ENV, repoWithSqlite, run, runJson, tempDir } from '../helpers/cli.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs `shell` under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function onTerminal(shell: string, cwd: string): string {
  const env: Record<string, string | undefined> = { ...process.env, ...GIT_ENV, TERM: 'xterm' };
  // what the test runner sets for its own output is no person's terminal setting
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return spawnSync('script', ['-qec', shell, '/dev/null'], { cwd, env, encoding: 'utf8' }).stdout;
}

test('hook pre-commit: no colour in a redirected stderr, colour on a terminal stderr with stdout redirected', () => {
  if (!hasScript) return console.log('SKIP no util-linux script');
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  const log = join(dir, 'hook.log');
  onTerminal(`node '${BIN}' hook pre-commit 2>'${log}'`, dir);
  const report = readFileSync(log, 'utf8');
  assert.match(report, /datatrack pre-commit: ok default: lint/);
  assert.not.match(report, /\u001b\[/, 'a file gets no escape codes');
  const terminal = onTerminal(`node '${BIN}' hook pre-commit >/dev/null`, dir);
  assert.match(terminal, /\u001b\[32mok\u001b\[0m/, 'stderr is the terminal: coloured');
  assert.not.match(onTerminal(`node '${BIN}' hook pre-commit --no-color >/dev/null`, dir), /\u001b\[/);
});

test('hook --help: the usage names one hook, then what git passes it', () => {
  const { stdout, code } = run(['hook', '--help'], tempDir());
  assert.is(code, 0);
  assert.match(stdout, /\$ datatrack hook pre-commit\|pre-push \[ARGS\.\.\.\]/);
  assert.not.match(stdout, /\$ datatrack hook HOOK\.\.\./, 'not any number of hooks');
});

test.run();
