import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { git, repoWithSqlite, run, sqliteDatabase, tempDir } from '../helpers/cli.js';

interface PipelineJson {
  targets: { target: string; commit: string | null; exitCode: number; steps: { step: string; status: string; detail: string; exitCode: number }[] }[];
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
  assert.match(markdown, /### default/);
  assert.is(readFileSync(stepSummary, 'utf8').trim(), markdown.trim());
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/default').trim(), '2');

  // policy: findings and breaking changes reported but not fatal
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}pipeline:\n  fail_on:\n    verify: never\n    diff: never\n`);
  const lenient = pipeline([], dir);
  assert.is(lenient.code, 0, JSON.stringify(lenient.json));
  assert.equal(lenient.json.targets[0]!.steps.find((s) => s.step === 'diff')!.detail, 'no changes');
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
  assert.is(broken.json.targets.find((t) => t.target === 'default')!.exitCode, 0);
});

test('pipeline settings errors point at file:line:column', () => {
  const { dir } = repoWithSqlite('CREATE TABLE a (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\npipeline:\n  fail_on:\n    diff: sometimes\n');
  const result = run(['pipeline', 'run'], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, /config\.yaml:8:11: pipeline\.fail_on\.diff must be one of breaking, caution, any, never/);
});

test.run();
