// pipeline run with the Python tool's flags (--strict, --verbose/--no-verbose, --source,
// --export-dir) mapped onto this pipeline, and the `pipeline.steps` / `pipeline.export` settings.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, repoWithSqlite, run, sqliteDatabase } from '../helpers/cli.js';

interface PipelineJson {
  targets: { target: string; steps: { step: string; status: string; detail: string; lines?: string[] }[] }[];
  exitCode: number;
}

function pipeline(args: string[], cwd: string) {
  const result = run(['pipeline', 'run', ...args, '--json'], cwd);
  return { code: result.code, json: JSON.parse(result.stdout) as PipelineJson, stderr: result.stderr };
}

const stepsOf = (json: PipelineJson) => Object.fromEntries(json.targets[0]!.steps.map((s) => [s.step, s]));

/** A schema whose only findings are lint warnings (no primary key) and verify passes. */
function warningsOnly() {
  const made = repoWithSqlite('CREATE TABLE events (id INTEGER, kind TEXT)');
  writeFileSync(join(made.dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  return made;
}

test('--strict: lint and verify warnings fail the run (the default policy lets them pass)', () => {
  const { dir } = warningsOnly();
  const lenient = pipeline([], dir);
  assert.is(lenient.code, 0, lenient.stderr);
  assert.match(stepsOf(lenient.json).lint!.detail, /0 errors, 1 warning/);
  const strict = pipeline(['--strict'], dir);
  assert.is(strict.code, 1);
  assert.equal([stepsOf(strict.json).lint!.status, stepsOf(strict.json).verify!.status], ['failed', 'ok']);
  // a policy that fails on info already stays as strict as it was
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}pipeline:\n  fail_on:\n    lint: never\n    verify: info\n`);
  assert.equal(stepsOf(pipeline(['--strict'], dir).json).lint!.status, 'failed');
});

test('--verbose lists what each step found under its line; --no-verbose (the default) only the summary', () => {
  const { dir } = warningsOnly();
  const verbose = run(['pipeline', 'run', '--verbose'], dir);
  assert.is(verbose.code, 0, verbose.stderr);
  assert.match(verbose.stdout, / {2}lint +ok +0 errors, 1 warning, 2 info\n {6}warning structure-no-primary-key main\.events: /);
  assert.match(verbose.stdout, / {2}diff +ok +2 changes: .*\n {6}safe add schema main\n {6}safe add table main\.events\n/);
  const quiet = run(['pipeline', 'run', '--no-verbose'], dir);
  assert.is(quiet.code, 0, quiet.stderr);
  assert.not.match(quiet.stdout, /structure-no-primary-key/);
  assert.match(stepsOf(pipeline(['--verbose'], dir).json).lint!.lines!.join('\n'), /^warning structure-no-primary-key main\.events: /m);
  assert.is(stepsOf(pipeline([], dir).json).lint!.lines, undefined);
});

test('--verbose lists the first 20 of many, then how many more', () => {
  const { dir } = repoWithSqlite(Array.from({ length: 25 }, (_, i) => `CREATE TABLE t${String(i).padStart(2, '0')} (id INTEGER);`).join('\n'));
  const steps = stepsOf(pipeline(['--verbose'], dir).json);
  // 25 tables, each without a primary key and with a generic type: 50 findings; 25 added, and their schema
  const lint = steps.lint!.lines!;
  assert.is(lint.length, 21);
  assert.equal(lint.slice(0, 2), ['warning structure-no-primary-key main.t00: table "t00" has no primary key', 'info naming-generic-type main.t00.id: column "id" has the generic type INTEGER']);
  assert.is(lint[20], '… and 30 more');
  assert.equal(steps.verify!.lines!.slice(19), ['warning generic_types main.t19.id: column "id" has the generic type INTEGER', '… and 5 more']);
  assert.equal(steps.diff!.lines!.slice(19), ['safe add table main.t18', '… and 6 more']);
});

test('--export-dir: exports go under DIR/<db_name>/ instead of .databases/exports', () => {
  const { dir } = warningsOnly();
  const result = pipeline(['--export-dir', 'artifacts'], dir);
  assert.is(result.code, 0, result.stderr);
  assert.is(stepsOf(result.json).export!.detail, `${join(dir, 'artifacts/app/latest_snapshot.yaml')}, ${join(dir, 'artifacts/app/latest_diff.json')}`);
  assert.ok(existsSync(join(dir, 'artifacts/app/latest_snapshot.yaml')));
  assert.not.ok(existsSync(join(dir, '.databases')));
  // one that is a file is refused before the snapshot is committed
  writeFileSync(join(dir, 'a-file'), '');
  const ref = git(dir, 'rev-parse', 'refs/datatrack/default');
  const file = run(['pipeline', 'run', '--export-dir', 'a-file'], dir);
  assert.equal([file.code, file.stderr], [2, 'datatrack: --export-dir a-file is a file, not a directory; name a directory (it is made if missing)\n']);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), ref);
});

test('--source: a target name picks that target; a URL is the connection of the run\'s target; anything else is a usage error', () => {
  const { dir } = warningsOnly();
  sqliteDatabase(join(dir, 'other.db'), 'CREATE TABLE other_table (id INTEGER PRIMARY KEY)');
  sqliteDatabase(join(dir, 'elsewhere.db'), 'CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)');
  assert.is(run(['connect', 'sqlite:///other.db', '--name', 'other'], dir).code, 0);
  const named = pipeline(['--source', 'other'], dir);
  assert.is(named.code, 0, named.stderr);
  assert.is(named.json.targets[0]!.target, 'other');
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/other').trim(), '1');

  const byUrl = pipeline(['--source', 'sqlite:///elsewhere.db'], dir);
  assert.is(byUrl.code, 0, byUrl.stderr);
  assert.is(byUrl.json.targets[0]!.target, 'default');
  assert.match(git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default'), /main\/tables\/elsewhere\.yaml/);
  assert.ok(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8').includes('database: app.db'), 'the configured target is left as it was');
  // a relative path is read from where it was typed, as connect reads it (a file of that name at the root is another database)
  mkdirSync(join(dir, 'sub'));
  sqliteDatabase(join(dir, 'sub/other.db'), 'CREATE TABLE in_subdir (id INTEGER PRIMARY KEY)');
  for (const source of ['other.db', 'sqlite:///other.db']) {
    const fromSub = run(['pipeline', 'run', '--json', '--source', source], join(dir, 'sub'));
    assert.ok([0, 1].includes(fromSub.code), fromSub.stderr);
    assert.match(git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default'), /main\/tables\/in_subdir\.yaml/, source);
    pipeline(['--source', 'sqlite:///elsewhere.db'], dir);
  }

  const typo = run(['pipeline', 'run', '--source', 'otehr'], dir);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /^datatrack: --source otehr is neither a configured target \(known: default, other\) nor a connection URL/);
  // an unset CI variable, `--source "$DB_URL"`, is no run on the default target
  const empty = run(['pipeline', 'run', '--source', ''], dir);
  assert.equal([empty.code, empty.stderr], [2, 'datatrack: --source is empty; give a configured target name or a connection URL (an unset variable?)\n']);
  // a URL of another engine than the target's is refused before any step: nothing committed, nothing exported
  const before = git(dir, 'rev-parse', 'refs/datatrack/default');
  const engine = run(['pipeline', 'run', '--source', 'postgresql://app@db.example/shop'], dir);
  assert.equal([engine.code, engine.stderr], [2, 'datatrack: --source is a PostgreSQL connection, but target default is SQLite in .datatrack/config.yaml; give a SQLite URL, or use a PostgreSQL target (-t NAME)\n']);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), before);
  assert.is(run(['pipeline', 'run', '--source', 'other', '--all'], dir).code, 2);
  assert.is(run(['pipeline', 'run', '--source', 'other', '-t', 'default'], dir).code, 2);
});

test('pipeline.steps runs only the listed steps; pipeline.export chooses what the export step writes', () => {
  const { dir } = warningsOnly();
  const config = join(dir, '.datatrack/config.yaml');
  const base = readFileSync(config, 'utf8');
  writeFileSync(config, `${base}pipeline:\n  steps: [snapshot, lint]\n`);
  const partial = pipeline([], dir);
  assert.is(partial.code, 0, partial.stderr);
  assert.equal(partial.json.targets[0]!.steps.map((s) => [s.step, s.status]), [['snapshot', 'ok'], ['lint', 'ok'], ['verify', 'skipped'], ['diff', 'skipped'], ['export', 'skipped']]);
  assert.is(stepsOf(partial.json).verify!.detail, 'not in pipeline.steps');
  assert.not.ok(existsSync(join(dir, '.databases')));

  writeFileSync(config, `${base}pipeline:\n  export: [snapshot:markdown, snapshot:mermaid, diff:markdown]\n`);
  const exported = pipeline([], dir);
  assert.is(exported.code, 0, exported.stderr);
  const out = join(dir, '.databases/exports/app');
  // no schema change since the first run: the diff export is still the latest snapshot's own diff
  // (here the first snapshot's), written on every run so that no older file is left to ship
  assert.is(stepsOf(exported.json).export!.detail, `${join(out, 'latest_snapshot.md')}, ${join(out, 'latest_snapshot.mmd')}, ${join(out, 'latest_diff.md')}`);
  assert.match(readFileSync(join(out, 'latest_snapshot.md'), 'utf8'), /### Table `main\.events`/);
  assert.match(readFileSync(join(out, 'latest_snapshot.mmd'), 'utf8'), /^erDiagram\n/);
  assert.match(readFileSync(join(out, 'latest_diff.md'), 'utf8'), /events/);
  assert.not.match(readFileSync(join(out, 'latest_diff.md'), 'utf8'), /more_events/);
  sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE more_events (id INTEGER PRIMARY KEY)');
  const changed = pipeline([], dir);
  assert.match(stepsOf(changed.json).export!.detail, /latest_diff\.md$/);
  assert.match(readFileSync(join(out, 'latest_diff.md'), 'utf8'), /more_events/);

  writeFileSync(config, `${base}pipeline:\n  export: [diff:mermaid]\n`);
  const bad = run(['pipeline', 'run'], dir);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /config\.yaml:\d+:\d+: pipeline\.export entry "diff:mermaid" is none of /);

  writeFileSync(config, `${base}pipeline:\n  steps: []\n`);
  const none = run(['pipeline', 'run'], dir);
  assert.is(none.code, 2, 'a run of no steps would pass whatever the database holds');
  assert.match(none.stderr, /^datatrack: \.datatrack\/config\.yaml:\d+:\d+: pipeline\.steps lists no step; name some of snapshot, lint, verify, diff, export, or leave it out/);
});

test.run();
