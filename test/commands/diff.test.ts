// `datatrack diff` end to end on SQLite: snapshot → ALTER → snapshot → diff, every output format,
// revisions, --live drift, exit codes, configured renames and impact, and bad input.
import { appendFileSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '#yaml';
import Database from 'better-sqlite3';
import { git, markDamaged, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';
import type { DiffResult } from '../../src/api/diff.js';
import { snapshot } from '../../src/api/snapshot.js';

const SCHEMA = `
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total INTEGER);
  CREATE INDEX orders_customer ON orders(customer_id);
  CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100;
`;

function alter(db: string, sql: string): void {
  const sqlite = new Database(db);
  sqlite.exec(sql);
  sqlite.close();
}

/** Snapshots in-process: the CLI's snapshot has its own tests, and each CLI run costs ~0.2 s. */
async function snap(dir: string): Promise<string> {
  return (await snapshot({ cwd: dir })).commit;
}

/** A repository with two snapshots: SCHEMA, then SCHEMA changed by `change`. */
async function twoSnapshots(change: string): Promise<{ dir: string; db: string; first: string; second: string }> {
  const { dir, db } = repoWithSqlite(SCHEMA);
  const first = await snap(dir);
  alter(db, change);
  const second = await snap(dir);
  return { dir, db, first, second };
}

const CHANGE = `
  ALTER TABLE orders ADD COLUMN note TEXT;
  DROP INDEX orders_customer;
  ALTER TABLE customers DROP COLUMN name;
  CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
`;

/** One repository with CHANGE for the tests that only read it (each CLI run costs ~0.2 s). */
let shared: ReturnType<typeof twoSnapshots> | undefined;
const changed = () => (shared ??= twoSnapshots(CHANGE));

test('the latest two snapshots, as text: grouped by object, marks, old → new, impact tags, a summary', async () => {
  const { dir, first, second } = await changed();
  const result = run(['diff'], dir);
  assert.is(result.code, 0, result.stderr);
  // an empty argument (an unset "$BASE") is none, as show and export read it
  assert.is(run(['diff', ''], dir).stdout, result.stdout);
  assert.is(result.stdout, [
    `diff default ${first.slice(0, 7)} → default ${second.slice(0, 7)}`,
    '+ table main.audit  safe',
    '~ table main.customers  breaking',
    '    - column name TEXT  breaking',
    '~ table main.orders  caution',
    '    + column note TEXT  safe',
    '    - index orders_customer (customer_id)  caution',
    '',
    '4 changes: 2 added, 2 removed, 0 modified; 1 breaking, 1 caution, 2 safe',
    '',
  ].join('\n'));
  assert.is(run(['diff', '--stat'], dir).stdout.split('\n').slice(1, 4).join('\n'), [
    '+ table main.audit     | +1  safe',
    '~ table main.customers | -1  breaking',
    '~ table main.orders    | +1 -1  caution',
  ].join('\n'));
  assert.is(run(['diff', '--name-only'], dir).stdout, 'main.audit\nmain.customers\nmain.orders\n');
});

test('JSON (--json and --format json), YAML and Markdown carry the same diff', async () => {
  const { dir, first, second } = await changed();
  const json = runJson<DiffResult>(['diff'], dir);
  assert.equal(Object.keys(json), ['from', 'to', 'summary', 'changes', 'stats']);
  assert.equal(json.from, { target: 'default', commit: first });
  assert.equal(json.to, { target: 'default', commit: second });
  assert.equal(json.summary, { added: 2, removed: 2, modified: 0, breaking: 1, renamed: 0, caution: 1, safe: 2 });
  assert.equal(json.changes[1], { action: 'remove', kind: 'column', object: 'main.customers.name', impact: 'breaking', definition: 'TEXT', path: 'main/tables/customers.yaml' });
  const formatted = run(['diff', '--format', 'json'], dir);
  assert.equal(JSON.parse(formatted.stdout), json);
  assert.equal(parse(run(['diff', '--format', 'yaml'], dir).stdout), json);
  // -f, as lint and verify take it
  assert.equal(JSON.parse(run(['diff', '-f', 'json'], dir).stdout), json);
  const markdown = run(['diff', '--format', 'markdown'], dir).stdout;
  assert.match(markdown, /\| 🔴 Breaking \| 1 \|/);
  assert.ok(markdown.indexOf('#### 🔴 Breaking') < markdown.indexOf('#### 🟡 Caution'), 'breaking changes first');
  assert.match(markdown, /\| column removed \| `main\.customers\.name` \| `TEXT` \|/);
});

test('export --type diff: the latest diff as YAML, JSON or Markdown, by default where the Python tool wrote it', async () => {
  const { dir, first, second } = await changed();
  const written = runJson<{ path: string; commit: string; from: string }>(['export', '--type', 'diff', '--format', 'markdown'], dir);
  assert.is(written.path, join(dir, '.databases/exports/app/latest_diff.md'));
  assert.equal([written.from, written.commit], [first, second]);
  assert.is(readFileSync(written.path, 'utf8'), run(['diff', '--format', 'markdown'], dir).stdout);
  const json = JSON.parse(run(['export', '--type', 'diff', '--format', 'json', '--rev', `${first}..${second}`, '-o', '-'], dir).stdout);
  assert.equal(json, runJson(['diff', first, second], dir));
  assert.equal(parse(readFileSync(run(['export', '--type', 'diff'], dir).stdout.trim(), 'utf8')), json);
  const refused = run(['export', '--type', 'diff', '--format', 'mermaid'], dir);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /--type diff exports as yaml, json, markdown, not mermaid/);
});

test('a modified column reads old → new; attributes of one column are separate changes', async () => {
  const { dir } = await twoSnapshots(`
    CREATE TABLE orders2 (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total REAL NOT NULL DEFAULT 0);
    DROP VIEW big_orders; DROP TABLE orders; ALTER TABLE orders2 RENAME TO orders;
    CREATE INDEX orders_customer ON orders(customer_id);
    CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100;
  `);
  const json = runJson<DiffResult>(['diff'], dir);
  assert.equal(json.changes.map((c) => [c.object, c.attribute, c.from, c.to, c.impact]), [
    ['main.orders.total', 'type', 'INTEGER', 'REAL', 'caution'],
    ['main.orders.total', 'nullable', true, false, 'breaking'],
    ['main.orders.total', 'default', null, '0', 'caution'],
  ]);
  assert.match(run(['diff'], dir).stdout, / {4}~ column total type: INTEGER → REAL {2}caution\n {4}~ column total nullable: true → false {2}breaking\n/);
});

test('revisions: target~N, commit ids, A..B, a target alone, a first snapshot against nothing', async () => {
  const { dir, first, second } = await changed();
  const ids = (args: string[]) => {
    const r = runJson<DiffResult>(['diff', ...args], dir);
    return [r.from.commit, r.to.commit];
  };
  assert.equal(ids(['default~1', 'default']), [first, second]);
  assert.equal(ids([first.slice(0, 8)]), [first, second]);
  assert.equal(ids([`${first}..${second}`]), [first, second]);
  assert.equal(ids(['refs/datatrack/default^{commit}~1', 'default^{commit}']), [first, second]);
  assert.equal(ids(['default']), [first, second]);
  // a target's full ref alone means the same: its latest change, not latest against latest
  assert.equal(ids(['refs/datatrack/default']), [first, second]);
  // Annotated tags by short name or full ref, and a plain branch-style ref, peeled by git.
  git(dir, 'tag', '-a', '-m', 'release 1', 'v1', first);
  git(dir, 'tag', '-a', '-m', 'release 2', 'v2', second);
  assert.equal(ids(['v1', 'refs/tags/v2']), [first, second]);
  assert.equal(ids(['refs/tags/v2~1', 'v2']), [first, second]);
  const reverse = runJson<DiffResult>(['diff', second, first], dir);
  assert.equal([reverse.from.commit, reverse.to.commit, reverse.summary.added, reverse.summary.removed], [second, first, 2, 2]);
  const initial = runJson<DiffResult>(['diff', 'refs/datatrack/default~1..refs/datatrack/default~1'], dir);
  assert.equal(initial.changes, []);
  const { dir: fresh } = repoWithSqlite(SCHEMA);
  await snap(fresh);
  const everything = runJson<DiffResult>(['diff'], fresh);
  assert.is(everything.from.commit, null);
  assert.equal(everything.changes.map((c) => `${c.action} ${c.object}`), ['add main', 'add main.customers', 'add main.orders', 'add main.big_orders']);
});

test("a revision by its message, :/text, as git names it: spaces and all", () => {
  const { dir, db } = repoWithSqlite(SCHEMA);
  const first = runJson<{ commit: string }>(['snapshot', '-m', 'first release'], dir).commit;
  alter(db, 'ALTER TABLE customers ADD COLUMN phone TEXT');
  const second = runJson<{ commit: string }>(['snapshot', '-m', 'second release'], dir).commit;
  const r = runJson<DiffResult>(['diff', ':/first release', ':/second'], dir);
  assert.equal([r.from.commit, r.to.commit], [first, second]);
  // within one target's history, as git's x^{/text} searches it
  const within = runJson<DiffResult>(['diff', 'default^{/first release}', 'default'], dir);
  assert.equal([within.from.commit, within.to.commit], [first, second]);
  const missing = run(['lint', ':/no such note'], dir);
  assert.equal([missing.code, missing.stderr], [2, 'datatrack: unknown revision ":/no such note"; use a target name, target~N, a commit id or a refs/datatrack/ ref\n']);
});

test('--live compares what the target tracks on both sides: a table excluded since the snapshot is no drift', async () => {
  const { dir, db } = repoWithSqlite(SCHEMA);
  await snap(dir);
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('    database: app.db\n', '    database: app.db\n    exclude: [main.orders, main.big_*, main.nope]\n'));
  const excluded = runJson<DiffResult>(['diff', '--live'], dir);
  assert.equal(excluded.changes, []);
  // ...but said, as a snapshot would say it: a gate on this diff must not pass what the next snapshot records as dropped
  assert.equal(excluded.warnings, [
    `the exclude globs of target default "main.nope" matches no schema or object of ${db}, so it leaves nothing out: names are matched as the snapshot writes them, case included (a routine as \`public.f\` or \`public.f(integer)\`)`,
    '2 objects of the snapshot are outside the scope target default now tracks (main.orders, main.big_orders): not compared, but the next snapshot records them as removed, and every diff across it shows them removed',
  ]);
  alter(db, 'ALTER TABLE customers ADD COLUMN phone TEXT');
  assert.equal(runJson<DiffResult>(['diff', '--live'], dir).changes.map((c) => `${c.action} ${c.object}`), ['add main.customers.phone']);
});

test('--live: drift between the database and its latest snapshot, nothing committed', async () => {
  const { dir, db } = repoWithSqlite(SCHEMA);
  await snap(dir);
  const ref = git(dir, 'rev-parse', 'refs/datatrack/default');
  assert.equal(runJson<DiffResult>(['diff', '--live'], dir).changes, []);
  alter(db, 'ALTER TABLE customers ADD COLUMN phone TEXT NOT NULL DEFAULT \'\'; DROP VIEW big_orders;');
  const drift = runJson<DiffResult>(['diff', '--live'], dir);
  assert.equal(drift.to, { target: 'default', commit: null, live: true });
  assert.equal(drift.changes.map((c) => `${c.action} ${c.object} ${c.impact}`), ['add main.customers.phone safe', 'remove main.big_orders breaking']);
  assert.is(run(['diff', '--live', '--fail-on', 'breaking'], dir).code, 1);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), ref);
  // -t naming another target than the revision's is refused, not ignored (the drift would be read from default's database)
  run(['connect', `sqlite:///${db}`, '--name', 'other'], dir);
  for (const args of [['default', '--live'], [ref.slice(0, 8), '--live'], ['default']]) {
    const refused = run(['diff', ...args, '-t', 'other'], dir);
    assert.is(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^datatrack: "(default|[0-9a-f]{8})" is a revision of target default, which this diff compares with its (own database|latest snapshot); -t other names another: drop -t, or give a revision of other\n$/);
  }
  assert.is(run(['diff', 'default', '--live', '-t', 'default'], dir).code, 0);
});

test('a revision of one target beside -t naming another is refused by diff, show, lint, verify and export, not ignored', async () => {
  const { dir, db, first } = await twoSnapshots(CHANGE);
  assert.is(run(['connect', `sqlite:///${db}`, '--name', 'other'], dir).code, 0);
  await snapshot({ cwd: dir, target: 'other' });
  const refusals = [
    ['diff', 'default~1', 'default', '-t', 'other'],
    ['diff', `${first.slice(0, 8)}..other`, '-t', 'other'],
    ['show', 'default', '-t', 'other'],
    ['show', first, 'main.orders', '-t', 'other'],
    ['lint', 'default~1', '-t', 'other'],
    ['verify', 'default', '-t', 'other'],
    ['export', '--rev', first.slice(0, 8), '--format', 'json', '-t', 'other'],
    // a changed-only base too: lint's and verify's answer would be about another target's changes
    ['lint', '--changed', 'default', '-t', 'other'],
    ['verify', '--changed', 'default~1', '-t', 'other'],
  ];
  for (const args of refusals) {
    const refused = run(args, dir);
    assert.is(refused.code, 2, args.join(' '));
    assert.match(refused.stderr, /^datatrack: "(default(~1)?|[0-9a-f]{8,40})" is a snapshot of target default; -t other names another: drop -t, or give a revision of other\n$/, args.join(' '));
  }
  // A commit id names its target from the commit's trailer, in lint's report as in show's.
  assert.match(run(['lint', first.slice(0, 8)], dir).stdout, /\(lint of [0-9a-f]{7} default\)\n$/);
  // Without -t, or with the revision's own target, the same reads work; two targets compare without -t.
  for (const args of [['diff', 'default~1', 'default', '-t', 'default'], ['diff', 'default', 'other'], ['show', first, '-t', 'default'], ['lint', 'other', '-t', 'other'], ['lint', '--changed', 'other~0', '-t', 'other'], ['export', '--rev', 'default', '--format', 'json']]) {
    assert.ok([0, 1].includes(run(args, dir).code), args.join(' '));
  }
});

test('exit codes: --exit-code on any change, --fail-on by impact, 0 otherwise', async () => {
  const { dir } = await changed();
  assert.is(run(['diff', 'default', 'default', '--exit-code'], dir).code, 0);
  assert.is(run(['diff', '--exit-code'], dir).code, 1);
  assert.is(run(['diff', 'default~1', 'default', '--fail-on', 'breaking'], dir).code, 1);
  assert.is(run(['diff', 'default~1..default~1', '--fail-on', 'any', '--json'], dir).code, 0);
  assert.is(run(['diff', '--fail-on', 'caution', '--format', 'markdown'], dir).code, 1);
  const { dir: additive } = await twoSnapshots('ALTER TABLE orders ADD COLUMN note TEXT;');
  assert.is(run(['diff', '--fail-on', 'caution'], additive).code, 0);
  assert.is(run(['diff', '--fail-on', 'any', '--json'], additive).code, 1);
});

test('renames and impact from .datatrack/config.yaml; errors there point at file:line:column', async () => {
  const { dir } = await twoSnapshots('ALTER TABLE customers RENAME COLUMN name TO full_name; ALTER TABLE orders ADD COLUMN note TEXT;');
  const hinted = run(['diff'], dir).stdout;
  assert.match(hinted, /- column name TEXT {2}breaking\n {6}hint: likely renamed to main\.customers\.full_name\n/);
  const config = join(dir, '.datatrack/config.yaml');
  const original = readFileSync(config, 'utf8');
  writeFileSync(config, `${original}renames:\n  main.customers.name: main.customers.full_name\nimpact:\n  column.add: caution\n`);
  const json = runJson<DiffResult>(['diff'], dir);
  assert.equal(json.changes.map((c) => `${c.action} ${c.object} ${c.from ?? ''}→${c.to ?? ''} ${c.impact}`), ['rename main.customers.full_name name→full_name breaking', 'add main.orders.note → caution']);
  // read backwards (the newer snapshot first), the same rename is a rename back
  const backwards = runJson<DiffResult>(['diff', 'default', 'default~1'], dir);
  assert.equal(backwards.changes.map((c) => `${c.action} ${c.object} ${c.from ?? ''}→${c.to ?? ''}`), ['rename main.customers.name full_name→name', 'remove main.orders.note →']);
  writeFileSync(config, `${original}impact:\n  column.add: caution\n  column.grow: safe\n`);
  const bad = run(['diff'], dir);
  assert.is(bad.code, 2);
  const line = original.split('\n').length + 2;
  assert.is(bad.stderr, `datatrack: .datatrack/config.yaml:${line}:3: unknown action "grow" (known: add, remove, modify, rename)\n`);
  // an attribute no column has is a typo that would match nothing: refused too; a dotted one inside a nested or free-form map is not
  writeFileSync(config, `${original}impact:\n  column.modify.typ: breaking\n`);
  const typo = run(['diff'], dir);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, new RegExp(`^datatrack: \\.datatrack/config\\.yaml:${line - 1}:3: unknown attribute "typ" of column \\(known: name, type, nullable, .*options\\.\\*, position; `));
  writeFileSync(config, `${original}impact:\n  table.modify.row_security.enabld: breaking\n`);
  assert.match(run(['diff'], dir).stderr, /config\.yaml:\d+:3: unknown attribute "row_security\.enabld" of table/);
  writeFileSync(config, `${original}impact:\n  column.modify.position: caution\n  column.modify.options.local: caution\n  table.modify.row_security.enabled: caution\n  unknown.modify.raw.partition_of: safe\n  foreign_key.modify.references.table: breaking\n`);
  assert.is(run(['diff'], dir).code, 0);
  writeFileSync(config, `${original}impact:\n  column.add: dangerous\n`);
  assert.match(run(['diff'], dir).stderr, /config\.yaml:\d+:15: impact must be one of breaking, caution, safe/);
  writeFileSync(config, `${original}renames:\n  main.customers: main.customers.x\n`);
  assert.match(run(['diff'], dir).stderr, /config\.yaml:\d+:19: main\.customers and main\.customers\.x name different kinds of object/);
  // an entry that could never apply is a config error too: exit 2, one line
  writeFileSync(config, `${original}renames:\n  main.cust*: main.clients\n`);
  const glob = run(['diff'], dir);
  assert.is(glob.code, 2);
  assert.match(glob.stderr, /^datatrack: \.datatrack\/config\.yaml:\d+:3: "main\.cust\*" is a pattern; a rename names one object: write an entry for each object renamed \(a name holding \* or \? in double quotes\)\n$/);
});

test('renames may be written quoted, as diff prints a name holding a dot: "a.b" renamed to ab is one table', async () => {
  const { dir, db } = await twoSnapshots('CREATE TABLE "a.b" (id INTEGER);');
  alter(db, 'ALTER TABLE "a.b" RENAME TO ab');
  await snap(dir);
  const hinted = run(['diff'], dir).stdout;
  assert.match(hinted, /hint: likely renamed (from|to) main\.(ab|"a\.b")/);
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}renames:\n  'main."a.b"': main.ab\n`);
  assert.equal(runJson<DiffResult>(['diff'], dir).changes.map((c) => `${c.action} ${c.object} ${c.from}→${c.to}`), ['rename main.ab a.b→ab']);
});

test('bad input: unknown revisions, another target\'s ref, a corrupt blob: one line, exit 2 or 4, never 1', async () => {
  const { dir, first, second } = await twoSnapshots(CHANGE);
  const expect = (args: string[], code: number, pattern: RegExp) => {
    const r = run(args, dir);
    assert.is(r.code, code, r.stderr);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, pattern);
  };
  expect(['diff', 'nonesuch'], 2, /unknown revision "nonesuch"/);
  // a revision read from a file with CRLF line endings, a range with a third side
  expect(['diff', 'default~1\r\n', '--exit-code'], 2, /unknown revision "default~1\\r\\n"/);
  expect(['show', 'default\n'], 2, /unknown revision|no object/);
  expect(['diff', 'default~1..default..x'], 2, /unknown revision "default~1\.\.default\.\.x"/);
  expect(['diff', 'prod~1', '--fail-on', 'breaking'], 2, /unknown revision "prod~1"/);
  expect(['diff', 'default~9', '--fail-on', 'any'], 2, /goes back past the first snapshot/);
  expect(['diff', 'default', 'refs/datatrack/prod', '--fail-on', 'breaking'], 2, /unknown revision "refs\/datatrack\/prod"/);
  expect(['diff', '-t', 'prod', '--fail-on', 'breaking'], 2, /unknown target "prod"; known targets: default/);
  expect(['diff', 'a', 'b', 'c'], 2, /^datatrack: diff takes at most 2 arguments; "c" is one too many/);
  expect(['diff', 'default~1..default', 'default'], 2, /^datatrack: "default~1\.\.default" names both sides of the diff already; give either A\.\.B alone or two revisions A B\n$/);
  expect(['diff', '--schema-map', 'nope', 'default'], 2, /--schema-map "nope" is not OLD=NEW/);
  expect(['diff', '--schema-map', 'main=x', '--schema-map', 'main=y'], 2, /^datatrack: --schema-map maps "main" twice \(to "x" and "y"\); give one NEW for each OLD\n$/);
  expect(['diff', '--schema-map', 'a=main', '--schema-map', 'b=main'], 2, /^datatrack: --schema-map maps both "a" and "b" to "main"; map each schema of the newer side from one of the older\n$/);
  git(dir, 'commit', '--allow-empty', '-qm', 'an ordinary commit');
  expect(['diff', 'HEAD', 'default', '--fail-on', 'any'], 2, /is no datatrack snapshot/);
  // Corrupt the blob of a file that changed between the two snapshots.
  markDamaged(dir);
  const blob = git(dir, 'rev-parse', `${second}:main/tables/orders.yaml`).trim();
  const path = join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
  chmodSync(path, 0o644);
  writeFileSync(path, 'not zlib');
  expect(['diff', first, second, '--fail-on', 'any'], 4, new RegExp(`git object ${blob} is corrupt`));
});

test('a configured rename the compared objects show can never apply (a table to a view) is warned about on stderr, and the diff goes on', async () => {
  const { dir } = await twoSnapshots('DROP VIEW big_orders; CREATE VIEW large_orders AS SELECT id FROM orders WHERE total > 100; DROP TABLE customers; CREATE VIEW customer_list AS SELECT 1 AS id;');
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.customers: main.customer_list\n  main.big_orders: main.large_orders\n');
  const result = run(['diff'], dir);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stderr, 'warning: the rename of main.customers to main.customer_list (renames:) never applies: main.customers is a table and main.customer_list a view, and a rename keeps the kind of object; leave it out\n');
  assert.match(result.stdout, /> view main\.large_orders/);
  assert.equal(runJson<DiffResult>(['diff'], dir).warnings, [result.stderr.slice('warning: '.length, -1)]);
});

test("a configured rename onto a dropped table's name: the renamed table and the dropped one are two objects in text and --stat", () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE a (x INT); CREATE TABLE b (q INT);');
  assert.is(run(['snapshot'], dir).code, 0);
  sqliteDatabase(db, 'DROP TABLE b; ALTER TABLE a RENAME TO b; ALTER TABLE b ADD COLUMN z INT;');
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.a: main.b\n');
  assert.is(run(['snapshot'], dir).code, 0);
  assert.equal(run(['diff'], dir).stdout.split('\n').slice(1, 5), ['> table main.b  breaking', '    > a → b  breaking', '    + column z INT  safe', '- table main.b  breaking']);
  assert.equal(run(['diff', '--stat'], dir).stdout.split('\n').slice(1, 3), ['> table main.b | +1 >1  breaking', '- table main.b | -1  breaking']);
});

test('chained renames after a new table took the old name (users: users_old, users_old: archive): the new users, changed beside, is itself, read either way', async () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY, x INT)');
  await snap(dir);
  alter(db, 'ALTER TABLE users RENAME TO users_old; CREATE TABLE users (id INTEGER PRIMARY KEY, y TEXT)');
  await snap(dir);
  alter(db, 'ALTER TABLE users_old RENAME TO archive; ALTER TABLE users ADD COLUMN z INT');
  await snap(dir);
  appendFileSync(join(dir, '.datatrack/config.yaml'), 'renames:\n  main.users: main.users_old\n  main.users_old: main.archive\n');
  const changes = (...revisions: string[]) => run(['diff', ...revisions], dir).stdout.split('\n').slice(1, -3);
  assert.equal(changes(), ['> table main.archive  breaking', '    > users_old → archive  breaking', '~ table main.users  safe', '    + column z INT  safe']);
  assert.equal(changes('default', 'default~1'), ['~ table main.users  breaking', '    - column z INT  breaking', '> table main.users_old  breaking', '    > archive → users_old  breaking']);
});

test.run();
