import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import type { SnapshotResult } from '../../src/api/snapshot.js';
import { pythonSnapshotJobs } from '../../src/cli/python-snapshot-flags.js';
import { writePassword } from '../../src/config/secrets.js';
import { fsck, git, newRepo, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';

const SCHEMA = `
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total NUMERIC CHECK (total >= 0));
  CREATE INDEX orders_customer ON orders(customer_id);
`;


test('init, connect, snapshot, change, snapshot, history, show, export: the whole spine through the CLI', () => {
  const { dir, db } = repoWithSqlite(SCHEMA);
  assert.ok(existsSync(join(dir, '.datatrack/config.yaml')));
  assert.ok(existsSync(join(dir, 'schema_rules.yaml')));
  assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /\/\.datatrack\/secrets\.yaml/);

  const first = runJson<SnapshotResult>(['snapshot'], dir);
  assert.equal(Object.keys(first).slice(0, 11), ['target', 'commit', 'tree', 'changed', 'outcome', 'tables', 'objects', 'added', 'modified', 'removed', 'seconds']);
  assert.equal([first.target, first.changed, first.outcome, first.tables, first.objects], ['default', true, 'committed', 2, 2]);
  const again = runJson<SnapshotResult>(['snapshot'], dir);
  assert.equal([again.changed, again.outcome, again.commit, again.tree], [false, 'unchanged', first.commit, first.tree]);
  assert.match(run(['snapshot'], dir).stdout, /no changes since [0-9a-f]{7}/);

  const sqlite = new Database(db);
  sqlite.exec('ALTER TABLE orders ADD COLUMN note TEXT');
  sqlite.close();
  const second = runJson<SnapshotResult>(['snapshot', '-m', 'added a note column'], dir);
  assert.equal([second.changed, second.added, second.modified, second.removed], [true, 0, 1, 0]);
  assert.is(git(dir, 'log', '--oneline', 'refs/datatrack/default').trim().split('\n').length, 2);
  assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'), /added a note column/);
  assert.is(git(dir, 'diff', '--name-only', first.commit, second.commit).trim(), 'main/tables/orders.yaml');

  const history = runJson<{ commit: string; date: string; author: string; message: string; tables: number; objects: number; added: number; modified: number; removed: number }[]>(['history'], dir);
  assert.equal(history.map((h) => h.commit), [second.commit, first.commit]);
  assert.equal(Object.keys(history[0]!), ['commit', 'date', 'author', 'message', 'note', 'tables', 'objects', 'added', 'modified', 'removed']);
  assert.equal(Object.keys(history[1]!), Object.keys(history[0]!));
  assert.is((history[1] as { note?: string | null }).note, null);
  assert.is((history[0] as { note?: string }).note, 'added a note column');
  assert.match(run(['history'], dir).stdout, /\(\+0 ~1 -0\)\n {4}added a note column\n/);
  assert.match(run(['show'], dir).stdout, /\nNote: {5}added a note column\n/);
  assert.is(runJson<{ note?: string }>(['show'], dir).note, 'added a note column');
  assert.equal(history[0]!.modified, 1);
  assert.is(history[0]!.author, 'Test Author <author@example.com>');
  const ordersHistory = runJson<{ commit: string; change: string }[]>(['history', 'main.orders'], dir);
  assert.equal(ordersHistory.map((h) => [h.commit, h.change]), [[second.commit, 'modified'], [first.commit, 'added']]);
  assert.equal(runJson<unknown[]>(['history', 'main.customers'], dir).length, 1);
  const misspelt = run(['history', 'main.custmers'], dir);
  assert.equal([misspelt.code, misspelt.stderr], [2, 'datatrack: no snapshot of default holds an object "main.custmers"; did you mean "main.customers"?\n']);
  assert.equal(runJson<unknown[]>(['history', '-n', '1'], dir).length, 1);

  const yaml = run(['show', 'main.orders'], dir);
  assert.is(yaml.code, 0);
  assert.is(yaml.stdout, git(dir, 'show', 'refs/datatrack/default:main/tables/orders.yaml'));
  const older = run(['show', 'default~1', 'orders'], dir).stdout;
  assert.not.match(older, /note/);
  const summary = runJson<{ commit: string; counts: Record<string, number>; objects: { name: string }[] }>(['show'], dir);
  assert.is(summary.commit, second.commit);
  assert.equal(summary.objects.map((o) => o.name), ['customers', 'orders']);
  assert.is(run(['show', first.commit.slice(0, 8)], dir).code, 0);
  assert.match(run(['show'], dir).stdout, /\nCounts: {3}1 schema, 2 tables\n/);
  assert.equal(runJson<{ object: unknown }>(['show', 'main'], dir).object, { kind: 'schema', name: 'main' });
  assert.is(runJson<{ object: { kind: string } }>(['show', 'main.orders'], dir).object.kind, 'table');

  const exported = runJson<{ path: string }>(['export'], dir);
  assert.is(exported.path, join(dir, '.databases/exports/app/latest_snapshot.yaml'));
  assert.match(readFileSync(exported.path, 'utf8'), /^target: default\ncommit: "?[0-9a-f]{40}"?\n/);
  const json = JSON.parse(run(['export', '--format', 'json', '-o', '-'], dir).stdout);
  assert.equal(JSON.parse(run(['export', '--json', '-o', '-'], dir).stdout), json);
  // an output path that cannot be written: a usage error in words, and never a hang (mkdir -p under /proc loops in Node 20)
  for (const [path, reason] of [['main', 'it is a directory'], ['/proc/nope/x.yaml', 'its directory cannot be made there'], ['app.db/x.yaml', 'a part of it is a file, not a directory']]) {
    mkdirSync(join(dir, 'main'), { recursive: true });
    const bad = run(['export', '-o', path], dir);
    assert.is(bad.code, 2, path);
    assert.ok(bad.stderr.startsWith('datatrack: cannot write ') && bad.stderr.endsWith(`${path}: ${reason}; choose another path\n`), bad.stderr);
  }
  assert.equal(json.schemas[0].tables.map((t: { name: string }) => t.name), ['customers', 'orders']);
  assert.is(json.commit, second.commit);
  const old = JSON.parse(run(['export', '--format', 'json', '--rev', 'default~1', '-o', '-'], dir).stdout);
  assert.is(old.commit, first.commit);

  const targets = runJson<{ name: string; dialect: string; url: string; default: boolean; latest: string; source: string }[]>(['targets'], dir);
  assert.equal(targets, [{ name: 'default', dialect: 'sqlite', url: 'sqlite:///app.db', default: true, latest: second.commit, source: 'config' }]);
  // what an environment URL replaces is listed as commands would connect, with its variable named
  const fromEnv = run(['targets'], dir, { DATATRACK_DEFAULT_URL: 'postgresql://ci:s3cret@db.internal/shop' });
  assert.is(fromEnv.stdout, `* default      postgres postgres://ci@db.internal/shop  ${second.commit.slice(0, 7)}  (from DATATRACK_DEFAULT_URL)\n`);
  const bare = newRepo();
  run(['init'], bare);
  assert.is(run(['targets'], bare, { DATABASE_URL: 'mysql://app@db/shop' }).stdout, '* default      mysql    mysql://app@db/shop  (no snapshots)  (from DATABASE_URL)\n');
  // a target only its DATATRACK_<TARGET>_URL defines is one that snapshot and pipeline run -t take: -t lists it too
  const staging = { DATATRACK_STAGING_URL: 'postgresql://ci:s3cret@db.internal/stage' };
  assert.is(run(['targets', '-t', 'staging'], dir, staging).stdout, '  staging      postgres postgres://ci@db.internal/stage  (no snapshots)  (from DATATRACK_STAGING_URL)\n');
  assert.not.match(run(['targets'], dir, staging).stdout, /staging/);
  assert.equal([run(['targets', '-t', 'staging'], dir).code, run(['targets', '-t', 'staging'], dir).stderr], [2, 'datatrack: unknown target "staging"; known targets: default\n']);
  // columns as wide as their widest entry: the snapshot ids line up
  sqliteDatabase(join(dir, 'reporting-warehouse.db'), 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
  assert.is(run(['connect', 'sqlite:///reporting-warehouse.db', '--name', 'reporting-warehouse'], dir).code, 0);
  assert.equal(run(['targets'], dir).stdout.split('\n'), [
    `* default             sqlite   sqlite:///app.db                  ${second.commit.slice(0, 7)}`,
    '  reporting-warehouse sqlite   sqlite:///reporting-warehouse.db  (no snapshots)',
    '',
  ]);
  assert.equal(runJson(['test-connection'], dir), { target: 'default', dialect: 'sqlite', server: (runJson<{ server: string }>(['test-connection'], dir)).server, warnings: [] });
  fsck(dir);
  assert.is(git(dir, 'status', '--porcelain', '--untracked-files=no'), '');
});

test('init --force refreshes the template but keeps every setting (targets, lint, hooks); init refuses a .datatrack file and a .gitignore directory in one line', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'other'], dir).code, 0);
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}lint:\n  ignore: [naming-ambiguous]\n\n# Team policy (JIRA-123)\nhooks:\n  timeout: 30\n`);
  writeFileSync(join(dir, '.datatrack/README.md'), 'edited\n');
  const forced = JSON.parse(run(['init', '--force', '--json'], dir).stdout) as { created: string[] };
  assert.ok(forced.created.includes('.datatrack/config.yaml (settings kept)'), forced.created.join(', '));
  // its targets are kept, so the next step is a snapshot, not a connect
  assert.match(run(['init', '--force'], dir).stdout, /\nnext: datatrack snapshot --all \(targets: default, other\)\n$/);
  assert.not.match(readFileSync(join(dir, '.datatrack/README.md'), 'utf8'), /^edited/);
  const listed = JSON.parse(run(['targets', '--json'], dir).stdout) as { name: string; default: boolean }[];
  assert.equal(listed.map((t) => `${t.name}${t.default ? '*' : ''}`), ['default*', 'other']);
  // a comment the team wrote above a setting stays with it
  assert.match(readFileSync(config, 'utf8'), /lint:\n {2}ignore: \[naming-ambiguous\]\n\n# Team policy \(JIRA-123\)\nhooks:\n {2}timeout: 30\n/);
  for (const [path, make, pattern] of [
    ['.datatrack', (p: string) => writeFileSync(p, 'x'), /^datatrack: \.datatrack exists and is not a directory; move it away, then run init again\n$/],
    ['.gitignore', (p: string) => mkdirSync(p), /^datatrack: \.gitignore is a directory; datatrack needs to add a line to it as a file\n$/],
  ] as const) {
    const fresh = newRepo();
    make(join(fresh, path));
    const result = run(['init'], fresh);
    assert.is(result.code, 2, path);
    assert.match(result.stderr, pattern);
  }
});

test("the Python tool's snapshot flags work: --parallel/--no-parallel and --max-workers set the jobs, --include-data is refused", () => {
  const { dir } = repoWithSqlite(SCHEMA);
  // the Python help's own example, less the data sampling this tool never does
  const first = run(['snapshot', '--parallel', '--max-workers', '8', '--batch-size', '100'], dir);
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stdout, /snapshot of 2 tables/);
  assert.is(run(['snapshot', '--no-parallel', '--max-rows', '50'], dir).code, 0);
  assert.equal([pythonSnapshotJobs({ parallel: false, 'max-workers': 8 }), pythonSnapshotJobs({ parallel: true, 'max-workers': 8 }), pythonSnapshotJobs({})], [1, 8, undefined]);
  const data = run(['snapshot', '--include-data', '--max-rows', '50'], dir);
  assert.equal([data.code, data.stderr], [2, 'datatrack: snapshots record the schema only, never table rows: leave out --include-data (and --max-rows)\n']);
  assert.is(run(['snapshot', '--jobs', '2', '--max-workers', '4'], dir).code, 2);
  // said in the flags given: --no-parallel, not a --parallel no one typed
  const both = run(['snapshot', '--no-parallel', '--jobs', '3'], dir);
  assert.equal([both.code, both.stderr], [2, 'datatrack: --no-parallel is --jobs 1, and --jobs 3 asks for 3: give one of them\n']);
  assert.is(run(['snapshot', '--parallel', '--jobs', '2'], dir).code, 0);
  assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/default').trim(), '1');
});

test('-h and --help both print help; every command has --help', () => {
  const dir = repoWithSqlite('CREATE TABLE t(x)').dir;
  for (const flag of ['-h', '--help']) {
    const result = run([flag], dir);
    assert.is(result.code, 0);
    assert.match(result.stdout, /snapshot/);
  }
  for (const command of ['init', 'connect', 'disconnect', 'targets', 'test-connection', 'snapshot', 'history', 'show', 'export']) {
    const result = run([command, '--help'], dir);
    assert.is(result.code, 0, command);
    assert.match(result.stdout, /--json/, command);
  }
});

test('connect moves a password out of tracked config into a 0600 secrets file; disconnect removes both', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  // A SQLite URL carries no password; store one the way a server target would, through the API's file.
  const secrets = join(dir, '.datatrack/secrets.yaml');
  assert.not.ok(existsSync(secrets));
  const added = run(['connect', 'sqlite:///app.db', '--name', 'copy'], dir);
  assert.is(added.code, 0, added.stderr);
  const duplicate = run(['connect', 'sqlite:///app.db', '--name', 'copy'], dir);
  assert.is(duplicate.code, 2);
  assert.match(duplicate.stderr, /already exists; use --force/);
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'copy', '--force'], dir).code, 0);
  runJson(['snapshot', '-t', 'copy'], dir);
  const removed = runJson<{ target: string; snapshots_kept: boolean }>(['disconnect', '--name', 'copy'], dir);
  assert.equal(removed, { target: 'copy', snapshots_kept: true });
  assert.not.match(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /copy/);
  assert.ok(git(dir, 'rev-parse', 'refs/datatrack/copy').trim().length === 40);
  if (existsSync(secrets)) assert.is(statSync(secrets).mode & 0o777, 0o600);
  // a password whose target is gone from config.yaml (edited by hand) can still be removed
  writePassword(dir, 'ghost', { password: 'Pa55-ghost', server: { dialect: 'postgres', host: 'db', database: 'ghost' } });
  assert.equal(runJson(['disconnect', '--name', 'ghost'], dir), { target: 'ghost', snapshots_kept: false });
  assert.not.match(readFileSync(secrets, 'utf8'), /Pa55-ghost/);
  assert.is(run(['disconnect', '--name', 'ghost'], dir).code, 2);
});

test('connect and disconnect rewrite config.yaml without respelling the flow maps the team wrote, padded or not', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  const config = join(dir, '.datatrack/config.yaml');
  for (const line of ['  pre_push: {lint: true, drift: true}', '  pre_push: { lint: true, drift: true }']) {
    writeFileSync(config, `${readFileSync(config, 'utf8').replace(/\nhooks:[^]*$/, '')}\nhooks:\n${line}\n`);
    assert.is(run(['connect', 'sqlite:///app.db', '--name', 'copy'], dir).code, 0);
    assert.ok(readFileSync(config, 'utf8').includes(`\n${line}\n`), line);
    assert.is(run(['disconnect', '--name', 'copy'], dir).code, 0);
    assert.ok(readFileSync(config, 'utf8').includes(`\n${line}\n`), line);
  }
});

test('connect, disconnect and init --force keep the CRLF line ends and byte-order mark of a config.yaml written that way', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  const config = join(dir, '.datatrack/config.yaml');
  const original = `\uFEFF${readFileSync(config, 'utf8').replace(/\n/g, '\r\n')}`;
  writeFileSync(config, original);
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'copy'], dir).code, 0);
  const connected = readFileSync(config, 'utf8');
  assert.ok(connected.startsWith('\uFEFF'));
  assert.not.match(connected, /[^\r]\n/);
  assert.match(connected, /\r\n  copy:\r\n/);
  assert.is(run(['disconnect', '--name', 'copy'], dir).code, 0);
  assert.is(readFileSync(config, 'utf8'), original);
  assert.is(run(['init', '--force'], dir).code, 0);
  const reset = readFileSync(config, 'utf8');
  assert.ok(reset.startsWith('\uFEFF'));
  assert.not.match(reset, /[^\r]\n/);
  assert.equal(runJson<{ name: string }[]>(['targets'], dir).map((t) => t.name), ['default']);
});

test('connect keeps a SQLite path relative to the repository when it was given relative, inside it or not; an absolute one outside stays absolute', () => {
  const parent = join(newRepo(), 'work');
  mkdirSync(join(parent, 'repo', 'sub'), { recursive: true });
  const dir = join(parent, 'repo');
  git(dir, 'init', '--quiet');
  sqliteDatabase(join(parent, 'shared.db'), 'CREATE TABLE t (id INTEGER)');
  sqliteDatabase(join(dir, 'sub', 'app.db'), 'CREATE TABLE t (id INTEGER)');
  run(['init'], dir);
  const stored = (name: string) => new RegExp(`\\n  ${name}:\\n    dialect: sqlite\\n    database: (\\S+)\\n`).exec(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'))?.[1];
  for (const [url, name, cwd] of [['sqlite:///../shared.db', 'up', dir], ['app.db', 'sub', join(dir, 'sub')], [`sqlite:///${join(parent, 'shared.db')}`, 'abs', dir]] as const) {
    assert.is(run(['connect', url, '--name', name], cwd).code, 0, url);
  }
  // an absolute path through a symbolic link to the repository (macOS's /tmp is one) lies inside it too
  symlinkSync(dir, join(parent, 'link'));
  assert.is(run(['connect', `sqlite:///${join(parent, 'link', 'sub', 'app.db')}`, '--name', 'linked'], join(parent, 'link')).code, 0);
  assert.equal([stored('up'), stored('sub'), stored('abs'), stored('linked')], ['../shared.db', 'sub/app.db', join(parent, 'shared.db'), 'sub/app.db']);
  assert.is(run(['snapshot', '-t', 'up'], join(dir, 'sub')).code, 0);
});

test('connect -t names the target as --name does; the two naming different targets is a usage error', () => {
  const dir = newRepo();
  writeFileSync(join(dir, 'app.db'), '');
  run(['init'], dir);
  assert.is(runJson<{ target: string }>(['connect', 'app.db', '-t', 'prod'], dir).target, 'prod');
  assert.is(run(['connect', 'app.db', '-t', 'a', '--name', 'b'], dir).code, 2);
});

test('disconnect of the last target leaves no `targets: {}` behind; a connect after it, or into one an older version left, writes targets one per block', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  const config = join(dir, '.datatrack/config.yaml');
  assert.is(run(['disconnect', '--name', 'default'], dir).code, 0);
  assert.not.match(readFileSync(config, 'utf8'), /^targets/m);
  writeFileSync(config, `${readFileSync(config, 'utf8')}targets: {}\n`);
  for (const name of ['a', 'b']) assert.is(run(['connect', 'sqlite:///app.db', '--name', name], dir).code, 0);
  assert.match(readFileSync(config, 'utf8'), /\ntargets:\n {2}a:\n {4}dialect: sqlite\n {4}database: app\.db\n {2}b:\n/);
});

test.run();
