// history OBJECT: only the snapshots that changed the object, each with what changed in it
// (attribute by attribute, as `diff` reports it), in text and in --json; configured renames followed back.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { git, newRepo, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';
import { column, commitSnapshots, snapshot, table } from '../helpers/models.js';
import type { Change } from '../../src/diff/change.js';

interface Entry {
  commit: string;
  change: string;
  changes: Change[];
}

/** A repository with a first snapshot of `sql` (`added`), and `step`: run SQL, snapshot, the new commit. */
function snapshotted(sql: string) {
  const { dir, db } = repoWithSqlite(sql);
  const step = (change: string) => {
    sqliteDatabase(db, change);
    return runJson<{ commit: string }>(['snapshot'], dir).commit;
  };
  return { dir, step, added: runJson<{ commit: string }>(['snapshot'], dir).commit };
}

test('history OBJECT lists the snapshots that changed it, each with its changes', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100))');
  const retyped = step("ALTER TABLE users DROP COLUMN email; ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT ''");
  step('CREATE TABLE unrelated (id INTEGER PRIMARY KEY)');
  const indexed = step('CREATE INDEX users_email ON users(email)');
  const removed = step('DROP TABLE users');

  const entries = runJson<Entry[]>(['history', 'main.users'], dir);
  assert.equal(entries.map((e) => [e.commit, e.change]), [[removed, 'removed'], [indexed, 'modified'], [retyped, 'modified'], [added, 'added']]);
  assert.equal(entries[2]!.changes.map((c) => [c.action, c.kind, c.object, c.attribute, c.from, c.to, c.impact]), [
    ['modify', 'column', 'main.users.email', 'type', 'VARCHAR(100)', 'TEXT', 'safe'],
    ['modify', 'column', 'main.users.email', 'nullable', true, false, 'breaking'],
    ['modify', 'column', 'main.users.email', 'default', null, "''", 'caution'],
  ]);
  assert.equal(entries[1]!.changes.map((c) => [c.action, c.kind, c.object, c.impact, c.path]), [['add', 'index', 'main.users.users_email', 'safe', 'main/tables/users.yaml']]);
  assert.equal(entries[0]!.changes.map((c) => [c.action, c.kind, c.object, c.impact]), [['remove', 'table', 'main.users', 'breaking']]);
  assert.equal(entries[3]!.changes.map((c) => [c.action, c.kind, c.object]), [['add', 'table', 'main.users']]);
  // the same changes `diff` reports for that snapshot
  const diff = runJson<{ changes: Change[] }>(['diff', `${retyped}~1`, retyped], dir);
  assert.equal(entries[2]!.changes, diff.changes);

  const text = run(['history', 'users'], dir);
  assert.is(text.code, 0, text.stderr);
  const lines = text.stdout.trimEnd().split('\n');
  assert.is(lines.length, 4 + 3 + 1);
  assert.match(lines[0]!, new RegExp(`^${removed.slice(0, 7)} .*  removed$`));
  assert.match(lines[1]!, /  modified$/);
  assert.is(lines[2], '    + index users_email (email)  safe');
  assert.is(lines[4], '    ~ column email type: VARCHAR(100) → TEXT  safe');
  assert.is(lines[5], '    ~ column email nullable: true → false  breaking');
  assert.match(lines[7]!, /  added$/);
  // the author by name, as git log --format=%an; --json keeps the email too
  const author = git(dir, 'log', '-1', '--format=%an', 'refs/datatrack/default').trim();
  assert.ok(lines[0]!.includes(`  ${author}  `) && !lines[0]!.includes('@'), lines[0]);
  const latest = runJson<{ author: string; date: string }[]>(['history', '-n', '1'], dir)[0]!;
  assert.match(latest.author, new RegExp(`^${author} <.+@.+>$`));
  // the date in UTC, saying so, as show and --json give it
  assert.match(latest.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(lines[0]!.startsWith(`${removed.slice(0, 7)} ${latest.date.slice(0, 10)} ${latest.date.slice(11, 19)}Z  `), lines[0]);
  assert.ok(run(['show'], dir).stdout.includes(`\nDate:     ${latest.date.slice(0, 10)} ${latest.date.slice(11, 19)}Z\n`));
  // -n limits the listed snapshots; changes are still each one's own
  assert.equal(runJson<Entry[]>(['history', 'main.users', '-n', '2'], dir).map((e) => e.changes.length), [1, 1]);
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/default').trim(), '5');
});

test('a snapshot that wrote an object another way (SQLite keeps the statement as written) is said to be the same in meaning, by history and diff', () => {
  const { dir, step } = snapshotted("CREATE TABLE t (id integer primary key, n text check (n <> ''))");
  const respelled = step("DROP TABLE t; CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT CHECK (n<>''))");
  const lines = run(['history', 'main.t'], dir).stdout.trimEnd().split('\n');
  assert.match(lines[0]!, new RegExp(`^${respelled.slice(0, 7)} .*  modified$`));
  assert.is(lines[1], '    written differently, the same in meaning');
  assert.match(run(['diff'], dir).stdout, /\nno changes \(1 object written differently, the same in meaning\)\n$/);
  // beside a change, a file written differently (git shows it changed) is still said
  step("DROP TABLE t; CREATE TABLE t (id integer primary key, n text check (n <> '')); CREATE TABLE u (id INTEGER)");
  assert.match(run(['diff'], dir).stdout, /\n1 change: 1 added, 0 removed, 0 modified; 0 breaking, 0 caution, 1 safe; 1 object written differently, the same in meaning\n$/);
  assert.match(run(['diff', '--format', 'markdown'], dir).stdout, /^1 change: .*; 1 object written differently, the same in meaning$/m);
  const { stats } = JSON.parse(run(['diff', '--format', 'json'], dir).stdout) as { stats: { files: number; respelled: number } };
  assert.equal([stats.files, stats.respelled], [2, 1]);
});

test('history NAME names one object, as show does: a name two objects have held is ambiguous', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER)');
  const altered = step('ALTER TABLE users ADD COLUMN email TEXT');
  assert.equal(runJson<Entry[]>(['history', 'users'], dir).map((e) => [e.commit, e.change]), [[altered, 'modified'], [added, 'added']]);
  // the table gives way to a view of the same name: two objects, two histories, never one merged
  const replaced = step('DROP TABLE users; CREATE VIEW users AS SELECT 1 AS id');
  for (const name of ['users', 'main.users']) {
    const ambiguous = run(['history', name], dir);
    assert.is(ambiguous.code, 2, name);
    assert.is(ambiguous.stderr, `datatrack: "${name}" is ambiguous: main/tables/users, main/views/users; name one of these\n`);
  }
  assert.equal(runJson<Entry[]>(['history', 'main.tables.users'], dir).map((e) => [e.commit, e.change]), [[replaced, 'removed'], [altered, 'modified'], [added, 'added']]);
  assert.equal(runJson<Entry[]>(['history', 'main/views/users'], dir).map((e) => [e.commit, e.change]), [[replaced, 'added']]);
  // the file's own name, as `git ls-tree` lists it and `show` takes it
  assert.equal(runJson<Entry[]>(['history', 'main/views/users.yaml'], dir).map((e) => [e.commit, e.change]), [[replaced, 'added']]);
});

test('history NAME that no snapshot held is an error, with -n too; a target or a range given as NAME is named as such', () => {
  const { dir } = snapshotted('CREATE TABLE users (id INTEGER)');
  const cases: [string[], string][] = [
    // a near miss is named
    [['history', 'main.usres', '-n', '3'], 'no snapshot of default holds an object "main.usres"; did you mean "main.users"?'],
    [['history', 'USRES'], 'no snapshot of default holds an object "USRES"; did you mean "main.users"?'],
    [['history', 'default'], '"default" is a target, not an object of default: its snapshots are `datatrack history -t default`'],
    [['history', 'refs/datatrack/default'], '"refs/datatrack/default" is a target, not an object of default: its snapshots are `datatrack history -t default`'],
    // a name Object.prototype has is no target
    [['history', 'constructor'], 'no snapshot of default holds an object "constructor"; write it as schema.name (for a column or an index, its table), a routine with its argument types (see `datatrack show`)'],
    [['history', 'default~1..default'], 'history takes no revision or range ("default~1..default"): it lists a target\'s snapshots newest first; -t TARGET picks the target, -n N how many'],
  ];
  for (const [args, message] of cases) {
    const result = run(args, dir);
    assert.is(result.code, 2, args.join(' '));
    assert.is(result.stderr, `datatrack: ${message}\n`);
    assert.is(result.stdout, '');
  }
});

/** `[commit, change]` of each snapshot `history OBJECT` lists. */
const listed = (dir: string, ...args: string[]) => runJson<Entry[]>(['history', ...args], dir).map((e) => [e.commit, e.change]);

test('history NAME follows configured renames back: a → b → c is one history, a column rename a change in it', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT)');
  const altered = step('ALTER TABLE a ADD COLUMN size INTEGER');
  const toB = step('ALTER TABLE a RENAME TO b');
  step('CREATE TABLE unrelated (id INTEGER PRIMARY KEY)');
  const toC = step('ALTER TABLE b RENAME TO c');
  const column = step('ALTER TABLE c RENAME COLUMN note TO memo');
  // not configured, a rename is not followed, whatever the hint says
  assert.equal(listed(dir, 'main.c'), [[column, 'modified'], [toC, 'added']]);
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.a: main.b\n  main.b: main.c\n  main.c.note: main.c.memo\n');

  const entries = runJson<Entry[]>(['history', 'main.c'], dir);
  assert.equal(entries.map((e) => [e.commit, e.change]), [[column, 'modified'], [toC, 'modified'], [toB, 'modified'], [altered, 'modified'], [added, 'added']]);
  assert.equal(entries.map((e) => e.changes.map((c) => [c.action, c.kind, c.object, c.from, c.to])), [
    [['rename', 'column', 'main.c.memo', 'note', 'memo']],
    [['rename', 'table', 'main.c', 'b', 'c']],
    [['rename', 'table', 'main.b', 'a', 'b']],
    [['add', 'column', 'main.a.size', undefined, undefined]],
    [['add', 'table', 'main.a', undefined, undefined]],
  ]);
  // the same changes `diff` reports for that snapshot
  assert.equal(entries[1]!.changes, runJson<{ changes: Change[] }>(['diff', `${toC}~1`, toC], dir).changes);
  const text = run(['history', 'c'], dir);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^${toC.slice(0, 7)} .*  modified\n {4}> b → c  breaking\n`, 'm'));
  // -n counts the snapshots listed, across the renames
  assert.equal(listed(dir, 'main.c', '-n', '3'), [[column, 'modified'], [toC, 'modified'], [toB, 'modified']]);
  assert.equal(listed(dir, 'main.c', '-n', '1'), [[column, 'modified']]);
  // an old name's history ends where it was renamed away, and goes back as far
  assert.equal(listed(dir, 'main.b'), [[toC, 'removed'], [toB, 'modified'], [altered, 'modified'], [added, 'added']]);
});

test('history NAME follows a configured rename written in another case than SQLite stores the names', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
  const renamed = step('ALTER TABLE orders RENAME TO purchases');
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.Orders: main.Purchases\n');
  assert.equal(listed(dir, 'main.purchases'), [[renamed, 'modified'], [added, 'added']]);
});

test('history NAME of a renamed table whose old name a new table took: each its own history', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)');
  const altered = step('ALTER TABLE users ADD COLUMN name TEXT');
  const renamed = step('ALTER TABLE users RENAME TO users_old');
  const created = step('CREATE TABLE users (id INTEGER PRIMARY KEY)');
  const grown = step('ALTER TABLE users ADD COLUMN email TEXT');
  // not configured: the file's history, as ever
  assert.equal(listed(dir, 'main.users'), [[grown, 'modified'], [created, 'added'], [renamed, 'removed'], [altered, 'modified'], [added, 'added']]);
  assert.equal(listed(dir, 'main.users_old'), [[renamed, 'added']]);
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.users: main.users_old\n');
  // the new users begins where it was created; what the name held before is users_old's
  assert.equal(listed(dir, 'main.users'), [[grown, 'modified'], [created, 'added']]);
  assert.equal(listed(dir, 'main.users_old'), [[renamed, 'modified'], [altered, 'modified'], [added, 'added']]);
  assert.equal(listed(dir, 'main.users_old', '-n', '2'), [[renamed, 'modified'], [altered, 'modified']]);
});

test('history NAME after a rename whose old name a new table took: the archive altered or dropped beside the new table is no rename undone', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)');
  const renamed = step('ALTER TABLE users RENAME TO users_old');
  const created = step('CREATE TABLE users (id INTEGER PRIMARY KEY)');
  const both = step('ALTER TABLE users_old ADD COLUMN archived_at TEXT; CREATE INDEX users_old_email ON users_old(email)');
  const dropped = step('DROP TABLE users_old; ALTER TABLE users ADD COLUMN login TEXT');
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.users: main.users_old\n');
  const users = runJson<Entry[]>(['history', 'main.users'], dir);
  assert.equal(users.map((e) => [e.commit, e.change, e.changes.map((c) => `${c.action} ${c.object}`)]), [
    [dropped, 'modified', ['add main.users.login']],
    [created, 'added', ['add main.users']],
  ]);
  assert.equal(listed(dir, 'main.users_old'), [[dropped, 'removed'], [both, 'modified'], [renamed, 'modified'], [added, 'added']]);
});

test('history NAME: renamed and a new table under the old name in one snapshot', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)');
  const swapped = step('ALTER TABLE users RENAME TO users_old; CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)');
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.users: main.users_old\n');
  const users = runJson<Entry[]>(['history', 'main.users'], dir);
  assert.equal(users.map((e) => [e.commit, e.change, e.changes.map((c) => `${c.action} ${c.object}`)]), [[swapped, 'added', ['add main.users']]]);
  const old = runJson<Entry[]>(['history', 'main.users_old'], dir);
  assert.equal(old.map((e) => [e.commit, e.change, e.changes.map((c) => `${c.action} ${c.object}`)]), [[swapped, 'modified', ['rename main.users_old']], [added, 'added', ['add main.users']]]);
});


test("show prints an object's file as git holds it, a value's trailing blank lines and spaces included", () => {
  const { dir } = snapshotted('CREATE TABLE t ("a\n\n" int CHECK ("a\n\n" > 0), "ends with  \n" int)');
  const file = git(dir, 'show', 'refs/datatrack/default:main/tables/t.yaml');
  assert.match(file, /\|\+\n/);
  const shown = run(['show', 'main.t'], dir);
  assert.equal([shown.code, shown.stderr, shown.stdout], [0, '', file]);
});

test('SQLite names ignore case: show and history find main.Album as main.album; a name two files held in other cases is ambiguous', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE Album (id INTEGER PRIMARY KEY)');
  const altered = step('ALTER TABLE Album ADD COLUMN title TEXT');
  const file = git(dir, 'show', 'refs/datatrack/default:main/tables/Album.yaml');
  for (const name of ['main.album', 'ALBUM', 'Main.ALBUM']) {
    for (const args of [['show', name], ['show', 'default', name]]) {
      const shown = run(args, dir);
      assert.equal([shown.code, shown.stderr, shown.stdout], [0, '', file], args.join(' '));
    }
    assert.equal(runJson<Entry[]>(['history', name], dir).map((e) => [e.commit, e.change]), [[altered, 'modified'], [added, 'added']], name);
  }
  // created again in another case: the name as written picks its file; a third case names both
  const recreated = step('DROP TABLE Album; CREATE TABLE ALBUM (id INTEGER PRIMARY KEY)');
  assert.equal(runJson<Entry[]>(['history', 'main.ALBUM'], dir).map((e) => [e.commit, e.change]), [[recreated, 'added']]);
  assert.equal(runJson<Entry[]>(['history', 'main.Album'], dir).map((e) => [e.commit, e.change]), [[recreated, 'removed'], [altered, 'modified'], [added, 'added']]);
  const ambiguous = run(['history', 'main.album'], dir);
  assert.equal([ambiguous.code, ambiguous.stderr], [2, 'datatrack: "main.album" is ambiguous: main/tables/ALBUM, main/tables/Album; name one of these\n']);
});

test("a PostgreSQL parent's history says its partitions' and children's copies of a change on it, as diff does; a partition's lists its own", async () => {
  const dir = newRepo();
  const of = (parent: string, bound: string) => ({ partition_of: { schema: 'public', table: parent, bound } });
  const tables = (extra: ReturnType<typeof column>[], own: ReturnType<typeof column>[] = []) => [
    table('m', [column('id'), ...extra], { partitioning: { strategy: 'list', key: 'id' } }),
    table('m1', [column('id'), ...extra], { ...of('m', 'FOR VALUES IN (1, 2)'), partitioning: { strategy: 'list', key: 'id' } }),
    table('m1a', [column('id'), ...extra], of('m1', 'FOR VALUES IN (1)')),
    table('m2', [column('id'), ...extra, ...own], of('m', 'FOR VALUES IN (3)')),
    table('base', [column('a'), ...extra]),
    table('kid', [column('a'), ...extra, column('b')], { inherits: [{ schema: 'public', table: 'base' }] }),
    table('other', [column('id'), ...extra]),
  ];
  await commitSnapshots(dir, 'default', [snapshot(tables([])), snapshot(tables([column('w')], [column('own')]))]);
  const changed = (object: string) => runJson<{ changes: { object: string; partitions?: number; children?: number }[] }[]>(['history', object], dir)[0]!.changes;
  assert.equal(changed('public.m'), [{ ...changed('public.m')[0]!, object: 'public.m.w', partitions: 3 }]);
  assert.equal(changed('public.base').map((c) => [c.object, c.children]), [['public.base.w', 1]]);
  assert.equal(changed('public.m2').map((c) => [c.object, c.partitions]), [['public.m2.w', undefined], ['public.m2.own', undefined]]);
  assert.equal(changed('public.other').map((c) => [c.object, c.partitions]), [['public.other.w', undefined]]);
  assert.match(run(['history', 'public.m'], dir).stdout, /\n {4}\+ column w integer \(and 3 partitions\)  safe\n/);
});

test('history of a routine follows a configured rename back to its creation', async () => {
  const dir = newRepo();
  const f = (name: string, body: string) => ({ kind: 'routine', schema: 'public', name, routine_type: 'function', argument_types: ['integer'], definition: body }) as unknown as Parameters<typeof snapshot>[0][number];
  const [created, changed, renamed] = await commitSnapshots(dir, 'default', [
    snapshot([f('f', 'SELECT 1')]),
    snapshot([f('f', 'SELECT 2')]),
    snapshot([f('g', 'SELECT 2')]),
  ]);
  mkdirSync(join(dir, '.datatrack'), { recursive: true });
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\nrenames:\n  public.f(integer): public.g(integer)\n');
  const entries = runJson<Entry[]>(['history', 'public.g(integer)'], dir);
  assert.equal(entries.map((e) => [e.commit, e.change]), [[renamed, 'modified'], [changed, 'modified'], [created, 'added']]);
});

test("a snapshot built on a commit that is none (a branch's) is where history ends and what diff compares with nothing", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  run(['snapshot'], dir);
  git(dir, 'commit', '--allow-empty', '-q', '-m', 'project work');
  const grafted = git(dir, 'commit-tree', 'refs/datatrack/default^{tree}', '-p', 'HEAD', '-m', 'snapshot by another tool').trim();
  git(dir, 'update-ref', 'refs/datatrack/grafted', grafted);
  assert.equal(runJson<Entry[]>(['history', '-t', 'grafted'], dir).map((e) => e.commit), [grafted]);
  const diffed = run(['diff', 'grafted', '--json'], dir);
  assert.is(diffed.code, 0, diffed.stderr);
  assert.equal((JSON.parse(diffed.stdout) as { changes: { action: string; object: string }[] }).changes.map((c) => `${c.action} ${c.object}`), ['add main', 'add main.t']);
  git(dir, 'update-ref', '-d', 'refs/datatrack/grafted');
});

test("a target's ref moved onto a branch's commit is refused, not listed as the project's commits", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  run(['snapshot'], dir);
  git(dir, 'commit', '--allow-empty', '-q', '-m', 'project work');
  git(dir, 'update-ref', 'refs/datatrack/default', 'HEAD');
  const result = run(['history'], dir);
  assert.is(result.code, 4, result.stderr);
  assert.match(result.stderr, /^datatrack: refs\/datatrack\/default points at commit [0-9a-f]{12}, which is no datatrack snapshot .*restore it with `git update-ref`/);
  // every command that reads the target says the same: damage to the repository (exit 4), not a mistyped revision
  for (const args of [['show'], ['show', 'default'], ['lint'], ['lint', 'refs/datatrack/default'], ['verify'], ['diff', 'default'], ['export', '--rev', 'default', '-o', '-']]) {
    const read = run(args, dir);
    assert.equal([read.code, read.stderr], [4, result.stderr], args.join(' '));
  }
});

test('-n only cuts the list of OBJECT: which object the name means, or that it is ambiguous, is judged over the whole history', async () => {
  const dir = newRepo();
  const users = (schema: string, ...extra: string[]) => table('users', [column('id', 'integer'), ...extra.map((name) => column(name, 'text'))], {}, schema);
  await commitSnapshots(dir, 'default', [
    snapshot([users('public'), users('billing')]),
    snapshot([users('public', 'email'), users('billing')]),
    snapshot([users('public', 'email', 'name'), users('billing')]),
  ]);
  for (const args of [['history', 'users'], ['history', '-n', '1', 'users']]) {
    const ambiguous = run(args, dir);
    assert.is(ambiguous.code, 2, args.join(' '));
    assert.match(ambiguous.stderr, /"users" is ambiguous/);
  }
  assert.equal(runJson<{ change: string }[]>(['history', '-n', '2', 'public.users'], dir).map((e) => e.change), ['modified', 'modified']);
  assert.equal(runJson<{ change: string }[]>(['history', 'billing.users'], dir).map((e) => e.change), ['added']);
});

test("show: a table whose name abbreviates some git object's id is still that table; a commit datatrack did not write is said to be none, with an OBJECT too", () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  run(['snapshot'], dir);
  const blob = git(dir, 'rev-parse', 'refs/datatrack/default:main/tables/t.yaml').trim();
  const name = blob.slice(0, 7);
  const handle = new Database(db);
  handle.exec(`CREATE TABLE "${name}" (id INTEGER PRIMARY KEY)`);
  handle.close();
  run(['snapshot'], dir);
  const shown = run(['show', name], dir);
  assert.is(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, new RegExp(`^name: "?${name}"?$`, 'm'));
  git(dir, 'commit', '--allow-empty', '-q', '-m', 'project work');
  const branch = run(['show', 'HEAD', 'main.t'], dir);
  assert.is(branch.code, 2);
  assert.match(branch.stderr, /is no datatrack snapshot/);
});

test("history OBJECT of a table renamed with no rename configured keeps diff's likely-rename hint, the sign its history goes on", () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE "Order Items" (id INTEGER PRIMARY KEY, qty INTEGER); CREATE TABLE other (id INTEGER)');
  run(['snapshot'], dir);
  const handle = new Database(db);
  handle.exec('ALTER TABLE "Order Items" RENAME TO order_items');
  handle.close();
  run(['snapshot'], dir);
  const [added] = runJson<{ change: string; changes: Change[] }[]>(['history', 'main.order_items'], dir);
  assert.is(added!.change, 'added');
  assert.is(added!.changes[0]!.hint, 'likely renamed from main.Order Items');
  const [removed] = runJson<{ changes: Change[] }[]>(['history', 'main."Order Items"'], dir);
  assert.is(removed!.changes[0]!.hint, 'likely renamed to main.order_items');
});


test('a snapshot commit datatrack did not write (git commit-tree of a snapshot tree) is counted from its trees, and read as its engine', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE "Orders" (id INTEGER PRIMARY KEY)');
  const changed = step('ALTER TABLE users ADD COLUMN email TEXT; CREATE TABLE carts (id INTEGER PRIMARY KEY); DROP TABLE "Orders"');
  // the same tree, committed by hand on the first snapshot
  const tree = git(dir, 'rev-parse', `${changed}^{tree}`).trim();
  const byHand = git(dir, 'commit-tree', tree, '-p', added, '-m', 'imported by hand').trim();
  git(dir, 'update-ref', 'refs/datatrack/default', byHand);
  const [entry] = runJson<{ commit: string; message: string; tables: number; objects: number; added: number; modified: number; removed: number }[]>(['history', '-n', '1'], dir);
  assert.equal({ ...entry, commit: entry!.commit === byHand }, { ...entry, commit: true, message: 'imported by hand', tables: 2, objects: 2, added: 1, modified: 1, removed: 1 });
  // SQLite compares names ignoring case: the hand-made commit is read as SQLite's, not as PostgreSQL's
  const orders = runJson<{ commit: string; change: string }[]>(['history', 'main.orders'], dir);
  assert.equal(orders.map((e) => [e.commit === byHand ? 'by hand' : e.commit === added ? 'added' : e.commit, e.change]), [['by hand', 'removed'], ['added', 'added']]);
});

test('history NAME with chained renames (users: users_old, users_old: archive) after a new users took the old name: the new one changed is its own history', () => {
  const { dir, step, added } = snapshotted('CREATE TABLE users (id INTEGER PRIMARY KEY, x INT)');
  const kept = step('ALTER TABLE users RENAME TO users_old; CREATE TABLE users (id INTEGER PRIMARY KEY, y TEXT)');
  const archived = step('ALTER TABLE users_old RENAME TO archive; ALTER TABLE users ADD COLUMN z INT');
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.users: main.users_old\n  main.users_old: main.archive\n');
  const users = runJson<Entry[]>(['history', 'main.users'], dir);
  assert.equal(users.map((e) => [e.commit, e.change, e.changes.map((c) => `${c.action} ${c.object}`)]), [
    [archived, 'modified', ['add main.users.z']],
    [kept, 'added', ['add main.users']],
  ]);
  const archive = runJson<Entry[]>(['history', 'main.archive'], dir);
  assert.equal(archive.map((e) => [e.commit, e.change, e.changes.map((c) => `${c.action} ${c.object}`)]), [
    [archived, 'modified', ['rename main.archive']],
    [kept, 'modified', ['rename main.users_old']],
    [added, 'added', ['add main.users']],
  ]);
});

test.run();
