// A snapshot file that is valid YAML but not of its kind's shape (edited by hand, or by another
// tool) is a storage problem every reader names, file and all, with exit 4: never an internal error.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GIT_ENV, git, markDamaged, repoWithSqlite, run } from '../helpers/cli.js';

/** refs/datatrack/bad: the default target's snapshot with one file's text replaced. */
function damaged(dir: string, path: string, text: string): void {
  const index = join(dir, '.git', 'damaged-index');
  const env = { ...process.env, ...GIT_ENV, GIT_INDEX_FILE: index };
  // Only hash-object reads stdin: given to the others, git may exit before it is written (EPIPE).
  const gitWith = (args: string[], input?: string) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', input }).trim();
  gitWith(['read-tree', 'refs/datatrack/default']);
  const blob = gitWith(['hash-object', '-w', '--stdin'], text);
  gitWith(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`]);
  const tree = gitWith(['write-tree']);
  git(dir, 'update-ref', 'refs/datatrack/bad', git(dir, 'commit-tree', tree, '-p', 'refs/datatrack/default', '-m', 'edited').trim());
}

test('a table file of the wrong shape, or a meta file with no dialect, is exit 4 naming the file, for every reader', () => {
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
  assert.is(run(['snapshot'], dir).code, 0);
  const cases: [string, string, RegExp][] = [
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns: 5\n', /main\/tables\/users\.yaml .*cannot be read: .*table\.columns is not a list|table\.columns is not a mapping/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns: [7]\n', /main\/tables\/users\.yaml .*cannot be read: .*table\.columns\[0\] is not a mapping/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {name: id, type: {a: 1}}\n', /table\.columns\[0\]\.type is a mapping/],
    ['datatrack.yaml', 'format: 1\n', /datatrack\.yaml .*cannot be read: .*names no dialect/],
    // what a reader cannot do without: the column list, a column's name and type; a list kept a list; texts and flags their kind
    ['main/tables/users.yaml', 'name: users\nschema: main\n', /table has no columns/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {name: id}\n', /table\.columns\[0\] has no type/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {type: integer}\n', /table\.columns\[0\] has no name/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {name: id, type: 5}\n', /table\.columns\[0\]\.type is not a text/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns: {name: id, type: integer}\n', /table\.columns is not a list/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {name: id, type: integer, nullable: "false"}\n', /nullable is not true or false/],
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {name: id, type: integer}\nprimary_key: {columns: id}\n', /primary_key\.columns is not a list of names/],
    // a file that names another object than its path
    ['main/tables/users.yaml', 'name: people\nschema: main\ncolumns:\n  - {name: id, type: integer}\n', /main\/tables\/users\.yaml holds main\.people, which belongs in main\/tables\/people\.yaml/],
    ['datatrack.yaml', 'format: 1\ndialect: sqlite\ndatabase: 42\n', /datatrack\.yaml: database is not a text/],
    // a syntax error is placed at its line and column, as an editor would find it
    ['main/tables/users.yaml', 'name: users\nschema: main\ncolumns:\n  - {name: id, type: integer\n', /main\/tables\/users\.yaml:\d+:\d+ \(blob [0-9a-f]{12}\) cannot be read: /],
  ];
  for (const [path, text, said] of cases) {
    damaged(dir, path, text);
    for (const args of [['diff', 'default', 'bad'], ['lint', 'bad'], ['verify', 'bad'], ['export', '--rev', 'bad', '--format', 'markdown', '-o', '-'], ['show', 'bad', 'main.users'], ['show', 'bad']]) {
      const result = run(args, dir);
      assert.is(result.code, 4, `${path} ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, said, `${path} ${args.join(' ')}`);
      assert.is(result.stderr.split('\n').length, 2, result.stderr);
    }
  }
});

test('a tree listing one file twice, or a link or submodule where a file belongs, is storage damage; a byte order mark is read past', () => {
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
  assert.is(run(['snapshot'], dir).code, 0);
  const file = git(dir, 'rev-parse', 'refs/datatrack/default:main/tables/users.yaml').trim();
  const mktree = (lines: string[]) => execFileSync('git', ['mktree'], { cwd: dir, input: lines.map((l) => `${l}\n`).join(''), encoding: 'utf8' }).trim();
  const withTables = (tables: string) => {
    const main = mktree([`040000 tree ${tables}\ttables`]);
    const top = git(dir, 'ls-tree', 'refs/datatrack/default').trim().split('\n').map((line) => (line.endsWith('\tmain') ? `040000 tree ${main}\tmain` : line));
    git(dir, 'update-ref', 'refs/datatrack/bad', git(dir, 'commit-tree', mktree(top), '-p', 'refs/datatrack/default', '-m', 'edited').trim());
  };
  // git mktree refuses a duplicate: the tree object is written by hand (and fsck of this repository left out)
  markDamaged(dir);
  const entry = (name: string) => Buffer.concat([Buffer.from(`100644 ${name}\0`), Buffer.from(file, 'hex')]);
  const duplicated = execFileSync('git', ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], { cwd: dir, input: Buffer.concat([entry('users.yaml'), entry('users.yaml')]), encoding: 'utf8' }).trim();
  withTables(duplicated);
  const listedTwice = run(['lint', 'bad'], dir);
  assert.equal([listedTwice.code, listedTwice.stderr.replace(/[0-9a-f]{12}/, 'TREE')], [4, "datatrack: the snapshot tree TREE lists main/tables/users.yaml twice, which git fsck calls a broken tree; point the target's ref back at a good snapshot with `git update-ref`\n"]);
  const link = git(dir, 'hash-object', '-w', '--stdin').trim();
  withTables(mktree([`120000 blob ${link}\tusers.yaml`]));
  assert.match(run(['lint', 'bad'], dir).stderr, /^datatrack: main\/tables\/users\.yaml in the snapshot tree [0-9a-f]{12} is a symbolic link, not a file/);
  // a blob the tree names but the object store lacks: named by its file
  const absent = 'ab'.repeat(20);
  const missingTree = execFileSync('git', ['mktree', '--missing'], { cwd: dir, input: `100644 blob ${absent}\tusers.yaml\n`, encoding: 'utf8' }).trim();
  withTables(missingTree);
  assert.match(run(['lint', 'bad'], dir).stderr, new RegExp(`^datatrack: snapshot file main/tables/users\\.yaml: git object ${absent} is missing`));
  damaged(dir, 'main/tables/users.yaml', `\ufeff${git(dir, 'show', 'refs/datatrack/default:main/tables/users.yaml')}`);
  const bom = run(['diff', 'default', 'bad'], dir);
  assert.equal([bom.code, bom.stdout.includes('no changes')], [0, true], bom.stderr);
  git(dir, 'update-ref', '-d', 'refs/datatrack/bad');
});

test('a tree entry no datatrack wrote (a bad % escape) is storage damage for every reader, saying how to recover', () => {
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
  assert.is(run(['snapshot'], dir).code, 0);
  damaged(dir, 'main/tables/%ZZ.yaml', 'name: x\nschema: main\ncolumns: []\n');
  for (const args of [['diff', 'default', 'bad'], ['lint', 'bad'], ['show', 'bad'], ['export', '--rev', 'bad', '-o', '-']]) {
    const result = run(args, dir);
    assert.is(result.code, 4, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^datatrack: snapshot tree entry "%ZZ" has a bad % escape, which datatrack never writes; point the target's ref back at a good snapshot with `git update-ref`/, args.join(' '));
  }
  git(dir, 'update-ref', '-d', 'refs/datatrack/bad');
});

test.run();
