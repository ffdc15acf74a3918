// snapshot --all: every target runs to completion on its own ref; one that fails is reported in
// its place (stderr line, JSON entry with its error) and sets the exit code, the others commit.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, newRepo, run, sqliteDatabase } from '../helpers/cli.js';

function fleet(): string {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  for (const name of ['a', 'b', 'c']) {
    sqliteDatabase(join(dir, `${name}.db`), `CREATE TABLE t_${name} (id INTEGER PRIMARY KEY)`);
    const connected = run(['connect', `${name}.db`, '--name', name], dir);
    assert.is(connected.code, 0, connected.stderr);
  }
  return dir;
}

test('a target that fails does not stop the others; each outcome is reported and the exit code is the worst', () => {
  const dir = fleet();
  rmSync(join(dir, 'b.db'));
  const human = run(['snapshot', '--all'], dir);
  assert.is(human.code, 3, human.stderr);
  assert.match(human.stdout, /^a: \w+ snapshot of 1 table/m);
  assert.match(human.stdout, /^c: \w+ snapshot of 1 table/m);
  assert.match(human.stderr, /^datatrack: b: .*b\.db/m);
  assert.equal(git(dir, 'for-each-ref', '--format=%(refname)', 'refs/datatrack').trim().split('\n'), ['refs/datatrack/a', 'refs/datatrack/c']);
  const json = run(['snapshot', '--all', '--json'], dir);
  assert.is(json.code, 3);
  const outcomes = JSON.parse(json.stdout) as { target: string; changed?: boolean; error?: { exitCode: number } }[];
  assert.equal(outcomes.map((o) => [o.target, o.changed ?? o.error?.exitCode]), [['a', false], ['b', 3], ['c', false]]);
});

test('--all with no target configured is a usage error', () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  const result = run(['snapshot', '--all'], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^datatrack: no targets configured/);
});

test('--all runs the default target that only an environment URL gives, as `targets` lists it', () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  const url = `sqlite:///${sqliteDatabase(join(dir, 'env.db'), 'CREATE TABLE t_env (id INTEGER)')}`;
  for (const env of [{ DATABASE_URL: url }, { DATATRACK_DEFAULT_URL: url }]) {
    git(dir, 'update-ref', '-d', 'refs/datatrack/default');
    const outcomes = JSON.parse(run(['snapshot', '--all', '--json'], dir, env).stdout) as { target: string; tables: number }[];
    assert.equal(outcomes.map((o) => [o.target, o.tables]), [['default', 1]]);
    const piped = JSON.parse(run(['pipeline', 'run', '--all', '--json'], dir, env).stdout) as { targets: { target: string }[] };
    assert.equal(piped.targets.map((t) => t.target), ['default']);
  }
});

test.run();
