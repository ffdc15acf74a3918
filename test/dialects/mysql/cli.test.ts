// The CLI end to end on MariaDB/MySQL: connect, snapshot, show, export, history; determinism
// across runs, worker counts and data-only activity.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { fsck, git, initializedRepo, newRepo, run, runJson } from '../../helpers/cli.js';
import { admin, executeIn, freshDatabase, mysqlTest, mysqlUrl } from '../../helpers/mysql.js';

const SCHEMA = `
CREATE TABLE customers (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL, UNIQUE KEY customers_email (email)) COMMENT 'who buys';
CREATE TABLE orders (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id int unsigned NOT NULL,
  total decimal(10,2) NOT NULL DEFAULT 0.00,
  created timestamp NOT NULL DEFAULT current_timestamp(),
  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
  CONSTRAINT orders_total CHECK (total >= 0)
);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
`;

interface SnapshotJson { commit: string; tree: string; changed: boolean; tables: number; objects: number; added: number; modified: number }

async function connected(): Promise<{ dir: string; db: string }> {
  const db = await freshDatabase('cli', SCHEMA);
  const dir = initializedRepo();
  const connect = run(['connect', mysqlUrl(db)], dir);
  assert.is(connect.code, 0, connect.stderr);
  assert.match(connect.stdout, new RegExp(`saved target default \\(the default target\\): mysql://root@.*/${db} — mysql \\d+\\.\\d+\\.\\d+-(MariaDB|MySQL)`));
  return { dir, db };
}

mysqlTest('connect, snapshot, show, export, history', async () => {
  const { dir, db } = await connected();
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  assert.equal([first.changed, first.tables, first.objects, first.added], [true, 2, 3, 4]);
  assert.match(git(dir, 'log', '-1', '--format=%s%n%(trailers:key=Datatrack-Dialect,valueonly)', 'refs/datatrack/default'), /^snapshot default: 2 tables \(\+4 ~0 -0\)\nmysql\n/);
  assert.equal(git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').trim().split('\n'), [
    'datatrack.yaml', `${db}/schema.yaml`, `${db}/tables/customers.yaml`, `${db}/tables/orders.yaml`, `${db}/views/big_orders.yaml`,
  ]);

  const show = run(['show', `${db}.orders`], dir);
  assert.is(show.code, 0, show.stderr);
  assert.equal(show.stdout, git(dir, 'show', `refs/datatrack/default:${db}/tables/orders.yaml`));
  assert.match(show.stdout, /  - name: orders_customer\n    columns: \[customer_id\]\n    references:\n      schema: .*\n      table: customers\n      columns: \[id\]\n    on_update: restrict\n    on_delete: cascade\n/);
  assert.match(show.stdout, /checks:\n  - name: orders_total\n    expression: "`total` >= 0"\n/);
  // table names follow lower_case_table_names, which a snapshot does not record: another case is only suggested
  assert.equal(run(['show', `${db}.ORDERS`], dir).stderr, `datatrack: no object "${db}.ORDERS" in this snapshot; did you mean "${db}.orders"?\n`);

  const exported = run(['export', '--format', 'json'], dir);
  assert.is(exported.code, 0, exported.stderr);
  const document = JSON.parse(readFileSync(resolve(dir, exported.stdout.trim()), 'utf8'));
  assert.is(document.dialect, 'mysql');
  assert.is(document.database, db);
  assert.ok(JSON.stringify(document).includes('who buys'));

  const history = runJson<{ tables: number }[]>(['history'], dir);
  assert.equal(history.map((h) => h.tables), [2]);
  fsck(dir);
});

mysqlTest('a host that is a path is the Unix socket (mysql://root@/db?host=/run/mysqld/mysqld.sock): connect saves it, targets shows it, snapshot reads through it', async () => {
  const c = await admin();
  const [[row]] = (await c.query('SELECT @@socket AS socket')) as unknown as [[{ socket: string }]];
  await c.end();
  if (!existsSync(row.socket)) return; // a server on another machine: no socket here
  const db = await freshDatabase('sock', 'CREATE TABLE t (id int PRIMARY KEY)');
  const dir = newRepo();
  const url = `mysql://root@/${db}?host=${row.socket}`;
  const connect = run(['connect', url], dir);
  assert.is(connect.code, 0, connect.stderr);
  assert.match(readFileSync(resolve(dir, '.datatrack/config.yaml'), 'utf8'), new RegExp(`host: ${row.socket}\n`));
  assert.is(runJson<{ url: string }[]>(['targets'], dir)[0]!.url, url);
  const snap = runJson<SnapshotJson>(['snapshot'], dir);
  assert.is(snap.tables, 1);
  // a directory is no socket: said so, not looked up as a host name
  const directory = run(['test-connection'], dir, { DATATRACK_DEFAULT_URL: `mysql://root@/${db}?host=${resolve(row.socket, '..')}` });
  assert.is(directory.code, 3, directory.stderr);
  assert.match(directory.stderr, /^datatrack: cannot connect to MySQL server socket \//);
});

mysqlTest('determinism: a second snapshot, data-only activity and another worker count make no commit', async () => {
  const { dir, db } = await connected();
  const first = runJson<SnapshotJson>(['snapshot', '--jobs', '1'], dir);
  // Rows, AUTO_INCREMENT counters, statistics: all move; the schema does not.
  await executeIn(db, `
    INSERT INTO customers (email) VALUES ('a@example.com'), ('b@example.com');
    INSERT INTO orders (customer_id, total) SELECT id, 150 FROM customers;
    DELETE FROM orders WHERE total > 0;
    ALTER TABLE orders AUTO_INCREMENT = 1000;
    ANALYZE TABLE customers, orders;`);
  for (const jobs of ['1', '4']) {
    const again = runJson<SnapshotJson>(['snapshot', '--jobs', jobs], dir);
    assert.equal([again.changed, again.commit, again.tree], [false, first.commit, first.tree], `jobs ${jobs}`);
  }
  const forced = runJson<SnapshotJson>(['snapshot', '--jobs', '4', '--allow-empty'], dir);
  assert.equal([forced.changed, forced.tree], [true, first.tree]);
  assert.match(run(['snapshot'], dir).stdout, /^default: no changes since [0-9a-f]{7} \(2 tables\)$/m);
});

// A routine's text parameters keep the charset the database had when it was created.
mysqlTest('ALTER DATABASE to another charset changes the schema file only; a routine recreated under the new defaults is a change', async () => {
  const db = await freshDatabase('alterdb', `ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci;
CREATE FUNCTION f(a varchar(10), b varchar(5) CHARSET utf8mb4, n int) RETURNS varchar(20) DETERMINISTIC RETURN a;
CREATE PROCEDURE p(IN a text, OUT b varchar(5)) SET b = a;`);
  const dir = newRepo();
  assert.is(run(['connect', mysqlUrl(db)], dir).code, 0);
  runJson(['snapshot'], dir);
  await executeIn(db, 'ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  const altered = runJson<SnapshotJson & { removed: number }>(['snapshot'], dir);
  assert.equal([altered.added, altered.modified, altered.removed], [0, 1, 0]);
  assert.is(git(dir, 'log', '-1', '--format=%b', 'refs/datatrack/default').split('\n\n')[0], `~ ${db}/schema`);
  assert.is(runJson<SnapshotJson>(['snapshot'], dir).changed, false);
  await executeIn(db, 'DROP FUNCTION f; CREATE FUNCTION f(a varchar(10), b varchar(5) CHARSET utf8mb4, n int) RETURNS varchar(20) DETERMINISTIC RETURN a;');
  const drift = runJson<{ changes: { object: string; attribute: string; to: string }[] }>(['diff', '--live', '--format', 'json'], dir);
  assert.equal(drift.changes.map((c) => `${c.attribute}: ${c.to}`), [
    'arguments: a varchar(10) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci, b varchar(5) CHARSET utf8mb4 COLLATE utf8mb4_general_ci, n int(11)',
    'returns: varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci',
  ]);
});

mysqlTest('a schema change is one new commit that lists the changed files', async () => {
  const { dir, db } = await connected();
  runJson(['snapshot'], dir);
  await executeIn(db, 'ALTER TABLE orders ADD COLUMN note varchar(50) NULL COMMENT \'free text\'; DROP VIEW big_orders; CREATE TABLE refunds (id int PRIMARY KEY);');
  const second = runJson<SnapshotJson & { removed: number }>(['snapshot'], dir);
  assert.equal([second.changed, second.added, second.modified, second.removed], [true, 1, 1, 1]);
  const body = git(dir, 'log', '-1', '--format=%b', 'refs/datatrack/default');
  assert.match(body, new RegExp(`~ ${db}/tables/orders`));
  assert.match(body, new RegExp(`\\+ ${db}/tables/refunds`));
  assert.match(body, new RegExp(`- ${db}/views/big_orders`));
  assert.match(git(dir, 'diff', 'refs/datatrack/default~1', 'refs/datatrack/default', '--', `${db}/tables/orders.yaml`), /\+  - name: note\n\+    type: varchar\(50\)\n\+    nullable: true\n\+    comment: free text/);
});

mysqlTest('history of a routine whose argument list changed goes on under its old file, as diff pairs them', async () => {
  const { dir, db } = await connected();
  await executeIn(db, 'CREATE FUNCTION score(x int) RETURNS int DETERMINISTIC RETURN x * 2');
  const created = runJson<SnapshotJson>(['snapshot'], dir).commit;
  await executeIn(db, 'DROP FUNCTION score; CREATE FUNCTION score(x int, y int) RETURNS int DETERMINISTIC RETURN x * y');
  const widened = runJson<SnapshotJson>(['snapshot'], dir).commit;
  type Entry = { commit: string; change: string; changes: { action: string; attribute?: string }[] };
  // the file of each, as the server spells the types (`int(11)` on MariaDB, `int` on MySQL 8)
  const file = (commit: string) => git(dir, 'ls-tree', '--name-only', `${commit}:${db}/routines`).trim();
  const entries = (name: string) => runJson<Entry[]>(['history', `${db}/routines/${name}`], dir).map((e) => [e.commit, e.change, e.changes.map((c) => `${c.action} ${c.attribute ?? ''}`.trim())]);
  const changed = ['modify arguments', 'modify definition'];
  assert.equal(runJson<{ changes: Entry['changes'] }>(['diff'], dir).changes.map((c) => `${c.action} ${c.attribute}`), changed);
  assert.equal(entries(file(widened)), [[widened, 'modified', changed], [created, 'added', ['add']]]);
  assert.equal(entries(file(created)), [[widened, 'removed', changed], [created, 'added', ['add']]]);
  // a routine's name ignores case on every platform
  const upper = `${db}.${file(widened).replace(/\.yaml$/, '').toUpperCase()}`;
  assert.equal(runJson<Entry[]>(['history', upper], dir).map((e) => [e.commit, e.change]), [[widened, 'modified'], [created, 'added']]);
  const shown = run(['show', upper], dir);
  assert.equal([shown.code, shown.stdout], [0, git(dir, 'show', `refs/datatrack/default:${db}/routines/${file(widened)}`)], shown.stderr);
});

mysqlTest('storage options and SRIDs: diff --live reports the one option that changed, and the next snapshot the same', async () => {
  const { dir, db } = await connected();
  await executeIn(db, `ALTER TABLE customers ROW_FORMAT=DYNAMIC STATS_PERSISTENT=1 PAGE_COMPRESSED=1;
    CREATE TABLE places (id int PRIMARY KEY, at point REF_SYSTEM_ID=4326 NOT NULL, zone polygon, SPATIAL KEY places_at (at));`);
  runJson(['snapshot'], dir);
  assert.equal(runJson<{ changes: unknown[] }>(['diff', '--live'], dir).changes, []);
  await executeIn(db, `ALTER TABLE customers ROW_FORMAT=COMPACT STATS_PERSISTENT=0 PAGE_COMPRESSION_LEVEL=3;
    ALTER TABLE places MODIFY at point REF_SYSTEM_ID=3857 NOT NULL, MODIFY zone polygon REF_SYSTEM_ID=4326;`);
  type Changes = { changes: { action: string; object: string; attribute?: string; from?: unknown; to?: unknown; impact: string }[] };
  const lines = (result: Changes) => result.changes.map((c) => `${c.action} ${c.object.replace(db, 'db')} ${c.attribute}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)} (${c.impact})`);
  const expected = [
    'modify db.customers options.row_format: "DYNAMIC" → "COMPACT" (caution)',
    'modify db.customers options.stats_persistent: "1" → "0" (safe)',
    'modify db.customers options.page_compression_level: null → "3" (caution)',
    'modify db.places.at options.srid: 4326 → 3857 (caution)',
    'modify db.places.zone options.srid: null → 4326 (caution)',
  ];
  const live = run(['diff', '--live', '--json', '--fail-on', 'caution'], dir);
  assert.is(live.code, 1, live.stderr);
  assert.equal(lines(JSON.parse(live.stdout) as Changes), expected);
  runJson(['snapshot'], dir);
  assert.equal(lines(runJson<Changes>(['diff'], dir)), expected);
  assert.match(git(dir, 'show', `refs/datatrack/default:${db}/tables/customers.yaml`), /options:\n(?:  .*\n)*  page_compressed: "1"\n  page_compression_level: "3"\n  row_format: COMPACT\n  stats_persistent: "0"\n/);
  assert.equal(runJson<{ changes: unknown[] }>(['diff', '--live'], dir).changes, []);
});

mysqlTest("an exclude that leaves out every object of the database (`shop.*`) is refused, as on the other engines, though MySQL's excluded objects are never assembled", async () => {
  const { dir, db } = await connected();
  assert.is(run(['snapshot'], dir).code, 0);
  const before = git(dir, 'rev-parse', 'refs/datatrack/default');
  for (const glob of [`${db}.*`, '*.*']) {
    const emptied = run(['snapshot', '--exclude', glob], dir);
    assert.equal([emptied.code, emptied.stderr], [2, `datatrack: --exclude "${glob}" leaves none of the objects of ${db} to track; nothing was written\n`]);
  }
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), before);
  assert.is(run(['snapshot', '--exclude', `${db}.big_*`], dir).code, 0);
  // an exclude that leaves nothing out is most likely a typo: said, though MySQL never assembled what the others left out
  const idle = runJson<{ warnings: string[] }>(['snapshot', '--exclude', `${db}.big_*`, '--exclude', `${db}.custmers`], dir);
  assert.equal(idle.warnings, [`--exclude "${db}.custmers" matches no schema or object of ${db}, so it leaves nothing out: names are matched as the snapshot writes them, case included (a routine as \`public.f\` or \`public.f(integer)\`)`]);
  // a key to a table left out (never assembled) is kept without its table: said
  const dangling = runJson<{ warnings: string[] }>(['snapshot', '--exclude', `${db}.customers`], dir);
  assert.ok(dangling.warnings.includes(`1 foreign key of tracked tables references a table the scope leaves out (${db}.orders.orders_customer → ${db}.customers): the snapshot keeps it without the table referenced`), dangling.warnings.join('\n'));
});

mysqlTest('the SQLAlchemy-style schemes of the Python tool connect too', async () => {
  const { dir, db } = await connected();
  for (const scheme of ['mariadb', 'mysql+pymysql', 'mysql+mysqldb']) {
    const url = mysqlUrl(db).replace(/^mysql:/, `${scheme}:`);
    const result = run(['connect', url, '--name', scheme.replace('+', '-')], dir);
    assert.is(result.code, 0, result.stderr);
    assert.match(run(['test-connection', '-t', scheme.replace('+', '-')], dir).stdout, /: mysql \d+\.\d+\.\d+-(MariaDB|MySQL) — connection ok/);
  }
});

test.run();
