// export --rev: one snapshot, however the revision names it, is one document.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, repoWithSqlite, run, runJson } from '../helpers/cli.js';

test('a snapshot exported by its commit id or a tag names its target, as when exported by the target name', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY);');
  const { commit } = runJson<{ commit: string }>(['snapshot'], dir);
  git(dir, 'tag', 'release', commit);
  const byTarget = run(['export', '--format', 'json', '--rev', 'default', '-o', '-'], dir);
  assert.is(byTarget.code, 0, byTarget.stderr);
  assert.is(JSON.parse(byTarget.stdout).target, 'default');
  for (const rev of [commit, commit.slice(0, 7), 'release']) {
    for (const format of ['json', 'yaml', 'markdown']) {
      const byRev = run(['export', '--format', format, '--rev', rev, '-o', '-'], dir);
      assert.is(byRev.code, 0, byRev.stderr);
      assert.is(byRev.stdout, run(['export', '--format', format, '--rev', 'default', '-o', '-'], dir).stdout, `${format} --rev ${rev}`);
    }
  }
});

test('a range given to a snapshot export is refused, saying --type diff reads it', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY);');
  run(['snapshot', '--allow-empty'], dir);
  run(['snapshot', '--allow-empty'], dir);
  const refused = run(['export', '--rev', 'default~1..default', '-o', '-'], dir);
  assert.is(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /--rev "default~1\.\.default" is a range: .*add --type diff/);
  assert.is(refused.stdout, '');
  assert.is(run(['export', '--type', 'diff', '--rev', 'default~1..default', '-o', '-'], dir).code, 0);
});

test.run();
