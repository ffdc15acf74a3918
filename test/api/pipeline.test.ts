import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { git, repoWithSqlite, run, sqliteDatabase, tempDir } from '../helpers/cli.js';
import { pipelineMarkdown } from '../../src/api/pipeline.js';
import type { DiffResult } from '../../src/api/diff.js';

interface PipelineJson {
  targets: { target: string; commit: string | null; exitCode: number; steps: { step: string; status: string; detail: string; exitCode: number; code?: string; warnings?: string[] }[] }[];
  exitCode: number;
}

function pipeline(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = run(['pipeline', 'run', ...args, '--json'], cwd, env);
  return { code: result.code, json: JSON.parse(result.stdout) as PipelineJson, stderr: result.stderr };
}

test('pipeline run: snapshot → lint → verify → diff → export, one summary, exit code by policy', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  const first = pipeline([], dir);
  assert.is(first.code, 0, first.stderr);
  assert.equal(first.json.targets[0]!.steps.map((s) => [s.step, s.status]), [['snapshot', 'ok'], ['lint', 'ok'], ['verify', 'ok'], ['diff', 'ok'], ['export', 'ok']]);
  assert.ok(existsSync(join(dir, '.databases/exports/app/latest_snapshot.yaml')));
  assert.ok(existsSync(join(dir, '.databases/exports/app/latest_diff.json')));

  const handle = new Database(db);
  handle.exec('ALTER TABLE customers DROP COLUMN email; CREATE TABLE "BadName" (id INTEGER)');
  handle.close();
  const summary = join(tempDir(), 'summary.md');
  const stepSummary = join(tempDir(), 'github-summary.md');
  const second = pipeline(['--summary', summary], dir, { GITHUB_STEP_SUMMARY: stepSummary });
  assert.is(second.code, 1);
  const steps = Object.fromEntries(second.json.targets[0]!.steps.map((s) => [s.step, s]));
  assert.is(steps.verify!.status, 'failed');
  assert.is(steps.diff!.status, 'failed');
  assert.match(steps.diff!.detail, /1 breaking/);
  const markdown = readFileSync(summary, 'utf8');
  assert.match(markdown, /\| default \| verify \| ❌ failed \|/);
  assert.match(markdown, /\n### Schema diff `default [0-9a-f]{7}` → `default [0-9a-f]{7}`\n/);
  assert.is(readFileSync(stepSummary, 'utf8').trim(), markdown.trim());
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/default').trim(), '2');

  // policy: findings and breaking changes reported but not fatal
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}pipeline:\n  fail_on:\n    verify: never\n    diff: never\n`);
  const lenient = pipeline([], dir);
  assert.is(lenient.code, 0, JSON.stringify(lenient.json));
  assert.equal(lenient.json.targets[0]!.steps.find((s) => s.step === 'diff')!.detail, 'no changes');
});

test('pipeline run --summary "$GITHUB_STEP_SUMMARY": the job summary is appended to once, earlier steps\' text kept', () => {
  const { dir } = repoWithSqlite('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
  const stepSummary = join(tempDir(), 'github-summary.md');
  writeFileSync(stepSummary, '## tests\n\nall passed\n');
  const result = pipeline(['--summary', stepSummary], dir, { GITHUB_STEP_SUMMARY: stepSummary });
  assert.is(result.code, 0, result.stderr);
  const text = readFileSync(stepSummary, 'utf8');
  assert.ok(text.startsWith('## tests\n\nall passed\n'), text);
  assert.is(text.split('## datatrack pipeline').length, 2, text);
});

test("pipeline run: a step's warnings are kept, on stderr, in JSON and in the summary", () => {
  // SQLite keeps a view over a dropped table; it is recorded without columns, with a warning.
  const { dir } = repoWithSqlite('CREATE TABLE gone (a INT); CREATE VIEW stale AS SELECT a FROM gone; DROP TABLE gone; CREATE TABLE kept (id INTEGER PRIMARY KEY)');
  const summary = join(tempDir(), 'summary.md');
  const result = pipeline(['--summary', summary], dir);
  assert.is(result.code, 0, result.stderr);
  const snapshotStep = result.json.targets[0]!.steps.find((s) => s.step === 'snapshot')!;
  assert.equal(snapshotStep.warnings?.length, 1);
  assert.match(snapshotStep.warnings![0]!, /^main\.stale: SQLite could not fully describe the view/);
  assert.match(result.stderr, /^warning: default snapshot: main\.stale: SQLite could not fully describe the view/m);
  assert.match(readFileSync(summary, 'utf8'), /\*\*Warnings\*\*\n\n- default snapshot: main\.stale: SQLite could not/);
  assert.is(result.json.targets[0]!.steps.find((s) => s.step === 'lint')!.warnings, undefined);
  // lint's own warnings (a lint.schemas key naming no schema) are the step's too
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}lint:\n  schemas:\n    mian: {naming-snake-case: off}\n`);
  assert.match(pipeline([], dir).stderr, /^warning: default lint: lint\.schemas "mian" in \.datatrack\/config\.yaml names no schema of this snapshot \(main\)/m);
});

test('pipeline run without schema_rules.yaml: the verify step says it checked the Python defaults, as verify does', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  rmSync(join(dir, 'schema_rules.yaml'));
  const note = 'no schema_rules.yaml; checking the Python datatrack defaults (snake_case, reserved keywords)';
  const summary = join(tempDir(), 'summary.md');
  const result = pipeline(['--summary', summary], dir);
  assert.is(result.code, 0, result.stderr);
  const verify = result.json.targets[0]!.steps.find((s) => s.step === 'verify')!;
  assert.equal([verify.status, verify.warnings], ['ok', [note]]);
  assert.match(result.stderr, new RegExp(`^warning: default verify: ${note.replace(/[()]/g, '\\$&')}$`, 'm'));
  assert.match(readFileSync(summary, 'utf8'), /\n- default verify: no schema_rules\.yaml; checking the Python datatrack defaults/);
  assert.is(run(['verify'], dir).stderr, `note: ${note}\n`);
  // with the file, nothing to say
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  assert.is(pipeline([], dir).json.targets[0]!.steps.find((s) => s.step === 'verify')!.warnings, undefined);
});

test('pipeline run --all: every target on its own ref; a broken target gives its own exit code', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  sqliteDatabase(join(dir, 'other.db'), 'CREATE TABLE b (id INTEGER PRIMARY KEY)');
  assert.is(run(['connect', 'sqlite:///other.db', '--name', 'other'], dir).code, 0);
  const both = pipeline(['--all'], dir);
  assert.is(both.code, 0, both.stderr);
  assert.equal(both.json.targets.map((t) => t.target).sort(), ['default', 'other']);
  for (const target of ['default', 'other']) assert.is(git(dir, 'rev-list', '--count', `refs/datatrack/${target}`).trim(), '1');
  const targets = ['default:app.db', 'other:other.db', 'gone:gone.db'].map((t) => `  ${t.split(':')[0]}:\n    dialect: sqlite\n    database: ${t.split(':')[1]}\n`);
  writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ndefault_target: default\ntargets:\n${targets.join('')}`);
  const broken = pipeline(['--all'], dir);
  assert.is(broken.code, 3);
  const gone = broken.json.targets.find((t) => t.target === 'gone')!;
  assert.equal([gone.steps[0]!.status, gone.exitCode], ['error', 3]);
  // a target with no snapshot at all gives the later steps nothing to work on: listed, not run
  assert.equal(gone.steps.slice(1).map((s) => [s.step, s.status, s.detail]), ['lint', 'verify', 'diff', 'export'].map((s) => [s, 'skipped', 'the target has no snapshot yet']));
  assert.is(broken.json.targets.find((t) => t.target === 'default')!.exitCode, 0);
});

test('pipeline run --all: targets whose databases share a name, and so an export path, are each warned that only one export is left', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  mkdirSync(join(dir, 'copy'));
  sqliteDatabase(join(dir, 'copy', 'app.db'), 'CREATE TABLE b (id INTEGER PRIMARY KEY)');
  sqliteDatabase(join(dir, 'own.db'), 'CREATE TABLE c (id INTEGER PRIMARY KEY)');
  assert.is(run(['connect', 'sqlite:///copy/app.db', '--name', 'copy'], dir).code, 0);
  assert.is(run(['connect', 'sqlite:///own.db', '--name', 'own'], dir).code, 0);
  const result = pipeline(['--all'], dir);
  assert.is(result.code, 0, result.stderr);
  const exportOf = (target: string) => result.json.targets.find((t) => t.target === target)!.steps.find((s) => s.step === 'export')!;
  const files = ['snapshot.yaml', 'diff.json'].map((f) => join(dir, '.databases/exports/app', `latest_${f}`)).join(', ');
  for (const [target, other] of [['default', 'copy'], ['copy', 'default']]) {
    assert.equal(exportOf(target!).warnings, [`${files} are also the exports of ${other} in this run (databases of the same name share an export path), so only one target's is left; run them with -t and an --export-dir each`]);
    assert.match(result.stderr, new RegExp(`^warning: ${target} export: .* are also the exports of ${other} in this run`, 'm'));
  }
  assert.is(exportOf('own').warnings, undefined);
  // one target that lists an export twice overwrites only its own
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}pipeline:\n  export: [snapshot:yaml, snapshot:yaml]\n`);
  const twice = pipeline(['-t', 'own'], dir);
  assert.is(twice.code, 0, twice.stderr);
  assert.is(twice.json.targets[0]!.steps.find((s) => s.step === 'export')!.warnings, undefined);
  assert.not.match(twice.stderr, /is also the export/);
});

test('pipeline run: a failed snapshot still lets lint, verify, diff and export run on the latest snapshot', () => {
  const { dir } = repoWithSqlite('CREATE TABLE customers (id INTEGER PRIMARY KEY, "Email" TEXT)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  assert.is(pipeline([], dir).code, 1);
  const latest = git(dir, 'rev-parse', 'refs/datatrack/default').trim();
  const summary = join(tempDir(), 'summary.md');
  const unreachable = { DATATRACK_DEFAULT_URL: `sqlite:///${join(dir, 'gone', 'app.db')}` };
  const result = pipeline(['--summary', summary], dir, unreachable);
  assert.is(result.code, 3, result.stderr);
  const steps = result.json.targets[0]!.steps;
  // an error carries its code, as every command's --json error does
  assert.equal(steps.map((s) => [s.step, s.status, s.exitCode, s.code]), [['snapshot', 'error', 3, 'DB_NOT_FOUND'], ['lint', 'ok', 0, undefined], ['verify', 'failed', 1, undefined], ['diff', 'ok', 0, undefined], ['export', 'ok', 0, undefined]]);
  const older = `(on ${latest.slice(0, 7)}, the latest snapshot)`;
  for (const step of ['lint', 'verify', 'diff', 'export']) assert.ok(steps.find((s) => s.step === step)!.detail.endsWith(older), step);
  assert.ok(existsSync(join(dir, '.databases/exports/app/latest_snapshot.yaml')));
  const markdown = readFileSync(summary, 'utf8');
  assert.equal(markdown.match(/^\| default \| (\w+) \|/gm)!.length, 5);
  // the diff shown is an earlier run's, and says so under its heading
  assert.match(markdown, new RegExp(`\n### Schema diff \`default \\(nothing\\)\` → \`default ${latest.slice(0, 7)}\`\n\n_This run's snapshot of default failed: this is the diff of its latest snapshot, made by an earlier run\\._\n`));
  const text = run(['pipeline', 'run'], dir, unreachable);
  assert.is(text.code, 3);
  assert.match(text.stdout, /snapshot +error .*\n +lint +ok .*\n +verify +failed .*\n +diff +ok .*\n +export +ok /);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), latest);
});

test('pipeline run: a latest snapshot that cannot be read is each later step\'s error, never a crash', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  git(dir, 'commit', '-q', '--no-verify', '--allow-empty', '-m', 'not a snapshot');
  git(dir, 'update-ref', 'refs/datatrack/default', 'HEAD');
  const result = pipeline([], dir);
  assert.is(result.code, 4, result.stderr);
  assert.not.match(result.stderr, /\n +at /);
  assert.equal(result.json.targets[0]!.steps.map((s) => [s.step, s.status]), [['snapshot', 'error'], ['lint', 'error'], ['verify', 'error'], ['diff', 'error'], ['export', 'error']]);
});

test('pipeline run --summary: a new directory is made; a summary that cannot be written fails the run before any step', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  const made = run(['pipeline', 'run', '--summary', 'reports/new/summary.md'], dir);
  assert.is(made.code, 0, made.stderr);
  assert.match(readFileSync(join(dir, 'reports/new/summary.md'), 'utf8'), /\| default \| export \| ✅ ok \|/);
  const latest = git(dir, 'rev-parse', 'refs/datatrack/default').trim();

  // a change a run would commit: a run whose summary cannot be written commits nothing
  const db = new Database(join(dir, 'app.db'));
  db.exec('CREATE TABLE b (id INTEGER PRIMARY KEY)');
  db.close();
  const failed = run(['pipeline', 'run', '--summary', 'reports'], dir); // a directory: EISDIR
  assert.equal([failed.code, failed.stdout, failed.stderr], [2, '', 'datatrack: cannot write reports: it is a directory; choose another path\n']);
  const json = run(['pipeline', 'run', '--json'], dir, { GITHUB_STEP_SUMMARY: join(dir, 'reports') });
  assert.equal([json.code, JSON.parse(json.stdout).error.code], [2, 'CANNOT_WRITE']);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), latest);
  // a job summary file in a directory not made yet is made, as --summary's is
  const stepSummary = join(dir, 'runner', 'step_summary.md');
  const appended = run(['pipeline', 'run'], dir, { GITHUB_STEP_SUMMARY: stepSummary });
  assert.is(appended.code, 0, appended.stderr);
  assert.match(readFileSync(stepSummary, 'utf8'), /\| default \| snapshot \| ✅ ok \|/);
  // one that fails after the steps (the disk filled meanwhile): a --json reader sees why the run failed
  const preload = join(dir, 'full.cjs');
  writeFileSync(preload, `const fs = require('node:fs'); const append = fs.appendFileSync; fs.appendFileSync = function (path) { if (String(path).endsWith('step_summary.md')) { const e = new Error('no space left on device'); e.code = 'ENOSPC'; throw e; } return append.apply(this, arguments); };\n`);
  const full = run(['pipeline', 'run', '--json'], dir, { GITHUB_STEP_SUMMARY: stepSummary, NODE_OPTIONS: `--require ${preload}` });
  const document = JSON.parse(full.stdout) as { exitCode: number; summary_errors?: string[] };
  assert.equal([full.code, document.exitCode], [4, 4]);
  assert.match(document.summary_errors?.[0] ?? '', /^the summary: cannot write .*step_summary\.md: .*no space left/i);
});

test('pipeline run -t NAME naming no target, environment URL or snapshot: one usage error, as lint -t NAME gives', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  const typo = run(['pipeline', 'run', '-t', 'defualt'], dir);
  assert.equal([typo.code, typo.stdout, typo.stderr], [2, '', 'datatrack: unknown target "defualt"; did you mean default? known targets: default\n']);
  const json = run(['pipeline', 'run', '-t', 'defualt', '--json'], dir);
  assert.equal([json.code, JSON.parse(json.stdout).error.code], [2, 'UNKNOWN_TARGET']);
  assert.is(git(dir, 'for-each-ref', 'refs/datatrack/'), '');
  // a name the environment, --source or an earlier snapshot gives a connection or history to still runs
  for (const [target, args, env] of [['ci', ['--source', 'sqlite:///app.db'], {}], ['env', [], { DATATRACK_ENV_URL: 'sqlite:///app.db' }]] as const) {
    const result = pipeline(['-t', target, ...args], dir, env);
    assert.equal([result.code, result.json.targets[0]!.steps[0]!.status], [0, 'ok'], result.stderr);
  }
  const pulled = pipeline(['-t', 'ci'], dir);
  assert.equal(pulled.json.targets[0]!.steps.map((s) => s.status), ['error', 'ok', 'ok', 'ok', 'ok']);
});

test('pipeline settings errors point at file:line:column', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\npipeline:\n  fail_on:\n    diff: sometimes\n');
  const result = run(['pipeline', 'run'], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, /config\.yaml:8:11: pipeline\.fail_on\.diff must be one of breaking, caution, any, never/);
});

test('pipeline run: a mistake in impact:, renames:, lint: or schema_rules.yaml fails the run before anything is written', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  assert.is(pipeline([], dir).code, 0);
  const ref = () => git(dir, 'rev-parse', 'refs/datatrack/default');
  const before = ref();
  const config = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  const exports = join(dir, '.databases');
  rmSync(exports, { recursive: true, force: true });
  // The schema changes, so a snapshot would be committed if the mistake were found only by its step.
  const database = new Database(db);
  database.exec('CREATE TABLE b (id INTEGER PRIMARY KEY)');
  database.close();
  const mistakes: [string, RegExp][] = [
    ['impact:\n  column.ad: safe\n', /config\.yaml:\d+:\d+: unknown action "ad"/],
    ['lint:\n  rules:\n    naming-snake-cas: error\n', /config\.yaml:\d+:\d+: .*naming-snake-cas/],
  ];
  for (const [mistake, message] of mistakes) {
    writeFileSync(join(dir, '.datatrack/config.yaml'), `${config}${mistake}`);
    const result = run(['pipeline', 'run'], dir);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.is(ref(), before);
    assert.not.ok(existsSync(exports));
  }
  writeFileSync(join(dir, '.datatrack/config.yaml'), config);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: maybe\n');
  const result = run(['pipeline', 'run'], dir);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /schema_rules\.yaml:2:\d+: /);
  assert.is(ref(), before);
});

test('pipeline run: a mistake in a setting no step of pipeline.steps reads does not fail the run', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  const config = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  // export: is left at its default (snapshot:yaml, diff:json), which the export step alone reads.
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${config}pipeline:\n  steps: [snapshot, lint]\nimpact:\n  column.ad: safe\n`);
  const result = pipeline([], dir);
  assert.is(result.code, 0, result.stderr);
  assert.equal(result.json.targets[0]!.steps.map((s) => s.status), ['ok', 'ok', 'skipped', 'skipped', 'skipped']);
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${config}pipeline:\n  steps: [snapshot, export]\nimpact:\n  column.ad: safe\n`);
  assert.match(run(['pipeline', 'run'], dir).stderr, /unknown action "ad"/);
});

test('the job summary stays under the 1 MiB GitHub keeps: a diff of thousands of breaking changes is cut, saying so, the step table kept', () => {
  const changes = Array.from({ length: 30_000 }, (_, i) => ({ action: 'remove', kind: 'column', object: `public.table_${Math.floor(i / 20)}.column_${i % 20}`, impact: 'breaking', path: `public/tables/table_${Math.floor(i / 20)}.yaml` }));
  const endpoint = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567' };
  const diff = { from: endpoint, to: endpoint, summary: { added: 0, removed: 30_000, modified: 0, renamed: 0, breaking: 30_000, caution: 0, safe: 0 }, changes } as unknown as DiffResult;
  const step = { step: 'diff', status: 'failed', detail: '30000 changes (30000 breaking)', exitCode: 1 } as const;
  const markdown = pipelineMarkdown({ targets: [{ target: 'default', commit: endpoint.commit, steps: [step], exitCode: 1, diff }, { target: 'other', commit: endpoint.commit, steps: [step], exitCode: 1, diff }], exitCode: 1 });
  assert.ok(Buffer.byteLength(markdown) < 1024 * 1024, `${Buffer.byteLength(markdown)} bytes`);
  assert.match(markdown, /\| default \| diff \| ❌ failed \| 30000 changes/);
  assert.match(markdown, /_\d+ more lines of the diff of default are left out: a job summary holds 1 MiB; `datatrack diff -t default` shows all of it\._/);
  assert.match(markdown, /_\d+ more lines of the diff of other are left out/);
});

test.run();
