// Revisions as the reading commands take them: one that names its target needs no default target,
// a range's empty side stays on the other side's target, a ref name cannot climb out of refs/, and
// a short id two objects share is said to be ambiguous.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, initializedRepo, run, sqliteDatabase } from '../helpers/cli.js';

/** Target lite (app.db, the default target) and target other (other.db), two snapshots each. */
function twoTargets(): string {
  const dir = initializedRepo();
  const db = sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE a (id INTEGER PRIMARY KEY);');
  const other = sqliteDatabase(join(dir, 'other.db'), 'CREATE TABLE o (id INTEGER PRIMARY KEY);');
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'lite'], dir).code, 0);
  assert.is(run(['connect', 'sqlite:///other.db', '--name', 'other'], dir).code, 0);
  assert.is(run(['snapshot', '--all'], dir).code, 0);
  sqliteDatabase(db, 'ALTER TABLE a ADD COLUMN x TEXT;');
  sqliteDatabase(other, 'ALTER TABLE o ADD COLUMN y TEXT;');
  assert.is(run(['snapshot', '--all'], dir).code, 0);
  return dir;
}

test('with the default target disconnected, a revision of another target still reads: show, diff, export and lint', () => {
  const dir = twoTargets();
  assert.is(run(['disconnect', '--name', 'lite'], dir).code, 0);
  const id = git(dir, 'rev-parse', 'refs/datatrack/other').trim();
  for (const args of [['show', 'other~1'], ['show', id.slice(0, 8)], ['show', 'refs/datatrack/other'], ['diff', 'other~1', 'other'], ['diff', 'other'], ['export', '--rev', 'other', '-o', '-'], ['export', '--type', 'diff', '--rev', 'other~1..other', '-o', '-'], ['lint', 'other']]) {
    const result = run(args, dir);
    assert.ok(result.code === 0 || (args[0] === 'lint' && result.code === 1), `${args.join(' ')}: ${result.stderr}`);
  }
  // no revision: a default target is needed, and none is set
  const none = run(['show'], dir);
  assert.is(none.code, 2);
  assert.match(none.stderr, /^datatrack: unknown target "default"/);
});

test('a bare repository (no config, so no default target) says which targets have snapshots', () => {
  const dir = twoTargets();
  const bare = join(dir, 'bare.git');
  git(dir, 'clone', '--quiet', '--bare', dir, bare);
  git(dir, 'fetch', '--quiet', bare, 'refs/datatrack/*:refs/datatrack/*');
  git(bare, 'fetch', '--quiet', dir, 'refs/datatrack/*:refs/datatrack/*');
  for (const command of [['history'], ['show']]) {
    const result = run(command, bare);
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stderr, 'datatrack: no target is configured here, and target default has no snapshots; snapshots exist for lite, other: give one with -t NAME\n');
  }
  assert.is(run(['history', '-t', 'lite'], bare).code, 0);
  // a target named there that has none: not the advice to init and connect, which need a work tree
  assert.is(run(['history', '-t', 'prod'], bare).stderr, 'datatrack: target prod has no snapshots in this bare repository; snapshots exist for lite, other; to snapshot it here, give its connection as DATATRACK_PROD_URL\n');
  assert.match(run(['connect', 'sqlite:///x.db'], bare).stderr, /^datatrack: this is a bare repository; .*DATATRACK_<TARGET>_URL\)\n$/);
  assert.match(run(['init'], bare).stderr, /^datatrack: datatrack init needs a work tree; this is a bare repository \(.*DATATRACK_<TARGET>_URL\)\n$/);
});

test("a range's empty side is the latest snapshot of the other side's target, not the default target's", () => {
  const dir = twoTargets();
  const open = run(['diff', 'other~1..', '--json'], dir);
  assert.is(open.code, 0, open.stderr);
  const document = JSON.parse(open.stdout) as { from: { target: string }; to: { target: string; commit: string } };
  assert.equal([document.from.target, document.to.target], ['other', 'other']);
  assert.is(document.to.commit, git(dir, 'rev-parse', 'refs/datatrack/other').trim());
  assert.is(run(['diff', 'other~1..'], dir).stdout, run(['diff', 'other~1..other'], dir).stdout);
  assert.is(run(['diff', '..other~1', '--json'], dir).code, 0);
});

test('a ref name that climbs out of refs/ is no revision; nothing outside refs/ is read or called damaged', () => {
  const dir = twoTargets();
  for (const rev of ['refs/datatrack/../../config', 'refs/datatrack/../heads/main', 'refs/datatrack/../datatrack/other', 'refs/datatrack/./other']) {
    const result = run(['show', rev], dir);
    assert.is(result.code, 2, `${rev}: ${result.stderr}`);
    assert.not.match(result.stderr, /damaged|repositoryformatversion/);
    assert.match(result.stderr, /^datatrack: no object "refs\/datatrack\/[^"]+" in this snapshot/);
  }
});

test('a short id that starts two objects is said to be ambiguous, with the objects it could be', () => {
  const dir = twoTargets();
  const commit = git(dir, 'rev-parse', 'refs/datatrack/other').trim();
  // a blob whose id starts as the snapshot's does
  let content = '';
  for (let i = 0; ; i++) {
    content = `filler ${i}\n`;
    if (createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0${content}`).digest('hex').startsWith(commit.slice(0, 4))) break;
  }
  writeFileSync(join(dir, 'filler'), content);
  const blob = git(dir, 'hash-object', '-w', 'filler').trim();
  const result = run(['show', commit.slice(0, 4)], dir);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, `datatrack: the short id ${commit.slice(0, 4)} is ambiguous: 2 objects start with it (`);
  assert.ok(result.stderr.includes(commit.slice(0, 12)) && result.stderr.includes(blob.slice(0, 12)), result.stderr);
  assert.is(run(['show', commit.slice(0, 12)], dir).code, 0);
});

test.run();
