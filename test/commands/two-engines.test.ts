// A target whose history spans two engines (connect --force to another database, or another
// engine's snapshots pulled under a configured name): the snapshot that switches engines, and every
// form of a diff across them, say that the engines differ, or the removals and additions read as
// real changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeSnapshot } from '../../src/model/canonical.js';
import { openRepository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';
import { repoWithSqlite, run } from '../helpers/cli.js';

const WARNING = 'comparing a sqlite snapshot with a postgres one: each server spells types, defaults and expressions its own way, so many changes are only spelling';

/** A SQLite snapshot, then a PostgreSQL one on the same ref, as after connect --force. */
async function twoEngines(): Promise<string> {
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY);');
  assert.is(run(['snapshot'], dir).code, 0);
  const snapshot = normalizeSnapshot({
    meta: { format: 1, dialect: 'postgres', server: '16.0', database: 'app' },
    schemas: [{ name: 'public' }],
    objects: [{ kind: 'table', schema: 'public', name: 'users', columns: [{ name: 'id', type: 'integer', nullable: false }] }],
  });
  await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot });
  return dir;
}

test('export --type diff says the engines differ: on stderr, in --json, and in the Markdown document', async () => {
  const dir = await twoEngines();
  const yaml = run(['export', '--type', 'diff', '-o', '-'], dir);
  assert.is(yaml.code, 0, yaml.stderr);
  assert.is(yaml.stderr, `warning: ${WARNING}\n`);
  const json = JSON.parse(run(['export', '--type', 'diff', '--format', 'json', '-o', 'd.json', '--json'], dir).stdout) as { warnings: string[] };
  assert.equal(json.warnings, [WARNING]);
  const markdown = run(['export', '--type', 'diff', '--format', 'markdown', '-o', '-'], dir);
  assert.match(markdown.stdout, /^### Schema diff .*\n\n_Warning: comparing a sqlite snapshot with a postgres one: each server spells types, defaults and expressions its own way, so many changes are only spelling_\n\n/);
  assert.match(run(['diff', '--format', 'markdown'], dir).stdout, /\n_Warning: comparing a sqlite snapshot/);
});

test("pipeline run's diff step says the engines differ: stderr, --json, and once in the summary", async () => {
  const dir = await twoEngines();
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}pipeline:\n  steps: [diff]\n  fail_on:\n    diff: never\n`);
  const result = run(['pipeline', 'run', '--summary', 'summary.md'], dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, new RegExp(`^warning: default diff: ${WARNING}$`, 'm'));
  const json = JSON.parse(run(['pipeline', 'run', '--json'], dir).stdout) as { targets: { steps: { step: string; warnings?: string[] }[] }[] };
  assert.equal(json.targets[0]!.steps.find((s) => s.step === 'diff')!.warnings, [WARNING]);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  assert.is(summary.split('comparing a sqlite snapshot').length - 1, 1, summary);
  assert.match(summary, /\*\*Warnings\*\*\n\n- default diff: comparing a sqlite snapshot/);
});

test("a snapshot on another engine's history says so, and how to take it back (a teammate's switch pulled as a fast-forward)", async () => {
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY);');
  const snapshot = normalizeSnapshot({
    meta: { format: 1, dialect: 'postgres', server: '16.0', database: 'app' },
    schemas: [{ name: 'public' }],
    objects: [{ kind: 'table', schema: 'public', name: 'users', columns: [{ name: 'id', type: 'integer', nullable: false }] }],
  });
  const { commit: postgres } = await writeSnapshot({ repo: openRepository(dir), target: 'default', snapshot });
  const result = run(['snapshot'], dir);
  assert.is(result.code, 0, result.stderr);
  const short = postgres.slice(0, 7);
  assert.is(
    result.stderr,
    `warning: default: this SQLite snapshot follows a PostgreSQL one (${short}): one target's history is one engine's, so it reads as every object removed and another schema added; ` +
      `unless default was meant to change engines, take it back before you push (git update-ref refs/datatrack/default ${short}) and snapshot this database as another target (datatrack connect <URL> --name NAME)\n`,
  );
  // the next one, on its own engine's snapshot, says nothing
  assert.is(run(['snapshot', '--allow-empty'], dir).stderr, '');
});

test('history marks the snapshot where the engine changed, in the listing and an object\'s history', async () => {
  const dir = await twoEngines();
  const lines = run(['history'], dir).stdout.split('\n');
  assert.is(lines.length, 4, lines.join('\n'));
  assert.match(lines[0]!, /snapshot default: 1 tables \(\+2 ~0 -2\)$/);
  assert.is(lines[1], '    engine: SQLite → PostgreSQL (another database: its objects read as removed and added)');
  assert.match(lines[2]!, /snapshot default: 1 tables \(\+2 ~0 -0\)$/);
  const json = JSON.parse(run(['history', '--json'], dir).stdout) as { engine_change?: unknown }[];
  assert.equal(json.map((e) => e.engine_change), [{ from: 'sqlite', to: 'postgres' }, undefined]);
  // -n 1 stops before the SQLite snapshot: it is still read to tell
  assert.equal((JSON.parse(run(['history', '--json', '-n', '1'], dir).stdout) as { engine_change?: unknown }[])[0]!.engine_change, { from: 'sqlite', to: 'postgres' });
  const object = run(['history', 'public.users'], dir).stdout.split('\n');
  assert.match(object[0]!, / added$/);
  assert.is(object[1], '    engine: SQLite → PostgreSQL (another database: its objects read as removed and added)');
});

test.run();
