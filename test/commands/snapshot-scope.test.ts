// snapshot --schema / --exclude: globs that choose what is tracked for this run, replacing the
// target's configured `schemas` / `exclude`, on SQLite (schema `main`) and down into PostgreSQL's
// catalog queries.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';
import { createDatabase, dropDatabases, execSql, pgTest, pgUrl, postgresUp } from '../helpers/postgres.js';

const tracked = (dir: string) => git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').split('\n').filter((p) => p.includes('/tables/') || p.includes('/views/'));

test('SQLite: --exclude drops objects by schema.name glob, --schema picks schemas, and the flags replace the configured scope', () => {
  const { dir } = repoWithSqlite(`
    CREATE TABLE users (id INTEGER PRIMARY KEY);
    CREATE TABLE audit_log (id INTEGER PRIMARY KEY);
    CREATE TABLE audit_events (id INTEGER PRIMARY KEY);
    CREATE VIEW audit_view AS SELECT id FROM audit_log;
    CREATE TABLE orders (id INTEGER PRIMARY KEY, audit_id INTEGER REFERENCES audit_log);
  `);
  const first = runJson<{ tables: number; warnings: string[] }>(['snapshot', '--exclude', 'main.audit_*'], dir);
  assert.is(first.tables, 2);
  // orders' key to an excluded table stays, without the table: said
  assert.equal(first.warnings, ['1 foreign key of tracked tables references a table the scope leaves out (main.orders.audit_id → main.audit_log): the snapshot keeps it without the table referenced']);
  assert.equal(tracked(dir), ['main/tables/orders.yaml', 'main/tables/users.yaml']);

  // the configured exclude applies when no flag is given; a flag replaces it
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('    database: app.db\n', '    database: app.db\n    exclude: [main.orders]\n'));
  runJson(['snapshot'], dir);
  assert.equal(tracked(dir), ['main/tables/audit_events.yaml', 'main/tables/audit_log.yaml', 'main/tables/users.yaml', 'main/views/audit_view.yaml']);
  // what the narrower scope leaves out is recorded as removed: the run says it may still exist
  const narrowed = runJson<{ warnings: string[] }>(['snapshot', '--exclude', 'main.audit_log', '--exclude', 'main.audit_view'], dir);
  assert.equal(tracked(dir), ['main/tables/audit_events.yaml', 'main/tables/orders.yaml', 'main/tables/users.yaml']);
  assert.equal(narrowed.warnings, [
    '1 foreign key of tracked tables references a table the scope leaves out (main.orders.audit_id → main.audit_log): the snapshot keeps it without the table referenced',
    '2 objects left the scope that this run tracks (main.audit_log, main.audit_view): recorded as removed, though the database may still hold them, and every diff across this snapshot shows them removed',
  ]);

  const idle = runJson<{ tables: number; warnings: string[] }>(['snapshot', '--schema', 'ma?n', '--exclude', 'none', '--exclude', 'main.Users'], dir);
  assert.is(idle.tables, 4);
  // an exclude that leaves nothing out (a typo, another case) is said, not silently tracked
  assert.equal(idle.warnings.at(-1)?.replace(/of \S+app\.db/, 'of app.db'), '--exclude "none", "main.Users" match no schema or object of app.db, so they leave nothing out: names are matched as the snapshot writes them, case included (a routine as `public.f` or `public.f(integer)`)');
  // a glob that matches no schema is a typo, not a schema emptied: nothing is committed
  const before = git(dir, 'rev-parse', 'refs/datatrack/default');
  const typo = run(['snapshot', '--schema', 'mian'], dir);
  assert.equal([typo.code, typo.stderr.replace(/of \S+app\.db/, 'of app.db')], [2, 'datatrack: --schema "mian" matches no schema of app.db; nothing was written\n']);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), before);
  // so is an exclude glob that leaves no schema at all
  const everything = run(['snapshot', '--exclude', '*'], dir);
  assert.equal([everything.code, everything.stderr.replace(/of \S+app\.db/, 'of app.db')], [2, 'datatrack: --exclude "*" leaves no schema of app.db to track; nothing was written\n']);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), before);
  // and one that keeps the schema but leaves none of its objects (`*.*`, MySQL's `shop.*`)
  for (const glob of ['*.*', 'main.*']) {
    const emptied = run(['snapshot', '--exclude', glob], dir);
    assert.equal([emptied.code, emptied.stderr.replace(/of \S+app\.db/, 'of app.db')], [2, `datatrack: --exclude "${glob}" leaves none of the objects of app.db to track; nothing was written\n`]);
  }
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), before);
  // the same typo in the configured scope is no drift of every table either
  writeFileSync(config, readFileSync(config, 'utf8').replace('    exclude: [main.orders]\n', '    schemas: [mian]\n'));
  const drift = run(['diff', '--live'], dir);
  assert.equal([drift.code, drift.stderr.replace(/of \S+app\.db/, 'of app.db')], [2, 'datatrack: the schemas of target default "mian" matches no schema of app.db; nothing was compared\n']);
  const bad = run(['snapshot', '--schema'], dir);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /^datatrack: .*--schema/m);
});

const pg = pgTest(await postgresUp());

pg('PostgreSQL: --schema and --exclude reach the catalog queries', async () => {
  const db = await createDatabase('scope');
  try {
    await execSql(db, `
      CREATE SCHEMA app; CREATE SCHEMA staging;
      CREATE TABLE app.users (id int PRIMARY KEY); CREATE TABLE app.tmp_load (id int);
      CREATE TABLE staging.raw (id int REFERENCES app.users); CREATE TABLE public.misc (id int);
    `);
    const { dir } = repoWithSqlite('CREATE TABLE unused (id INTEGER)');
    assert.is(run(['connect', pgUrl(db), '--name', 'default', '--force'], dir).code, 0);
    const result = runJson<{ tables: number; warnings: string[] }>(['snapshot', '--schema', 'app', '--schema', 'stag*', '--exclude', 'app.tmp_*'], dir);
    assert.is(result.tables, 2);
    assert.equal(result.warnings, []);
    assert.equal(tracked(dir), ['app/tables/users.yaml', 'staging/tables/raw.yaml']);
    // a schema the catalog queries never read was left out by the glob all the same; a typo left out nothing
    const idle = runJson<{ warnings: string[] }>(['snapshot', '--exclude', 'staging', '--exclude', 'app.tmp_lod', '--exclude', 'information_schema'], dir);
    assert.equal(idle.warnings.filter((w) => w.includes('leaves nothing out')), [
      `--exclude "app.tmp_lod" matches no schema or object of ${db}, so it leaves nothing out: names are matched as the snapshot writes them, case included (a routine as \`public.f\` or \`public.f(integer)\`)`,
    ]);
    // a key of a tracked table to a schema not tracked is kept without its table: said
    const dangling = runJson<{ warnings: string[] }>(['snapshot', '--schema', 'staging'], dir);
    assert.equal(dangling.warnings.filter((w) => w.includes('foreign key')), [
      '1 foreign key of tracked tables references a table the scope leaves out (staging.raw.raw_id_fkey → app.users): the snapshot keeps it without the table referenced',
    ]);
    // a routine is left out by its name alone too, every overload of it
    await execSql(db, `CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql AS 'SELECT a'; CREATE FUNCTION app.f(a text) RETURNS text LANGUAGE sql AS 'SELECT a';
      CREATE FUNCTION app.g() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
    assert.is(run(['snapshot', '--schema', 'app', '--exclude', 'app.f'], dir).code, 0);
    const routines = git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').split('\n').filter((p) => p.includes('/routines/'));
    assert.equal(routines, ['app/routines/g().yaml']);
    // public is every database's, empty or not: `schemas: [public]` with its last table dropped records the drop
    assert.is(run(['snapshot', '--schema', 'public'], dir).code, 0);
    await execSql(db, 'DROP TABLE public.misc');
    const emptied = runJson<{ changes: { action: string; path: string }[] }>(['snapshot', '--schema', 'public'], dir);
    assert.equal(emptied.changes, [{ action: 'removed', path: 'public/schema' }, { action: 'removed', path: 'public/tables/misc' }]);
    // a sequence a column owns (serial, identity) is left out with its table, as pg_dump leaves it
    await execSql(db, 'CREATE TABLE app."ser.x" (id serial, j int GENERATED ALWAYS AS IDENTITY); CREATE SEQUENCE app.free_seq');
    assert.is(run(['snapshot', '--schema', 'app', '--exclude', 'app.ser.x'], dir).code, 0);
    const sequences = git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').split('\n').filter((p) => p.includes('/sequences/'));
    assert.equal(sequences, ['app/sequences/free_seq.yaml']);
    // pg_catalog holds no schema file, but may hold an extension: a glob naming it is no typo
    await execSql(db, 'CREATE EXTENSION adminpack');
    assert.is(run(['snapshot', '--schema', 'app', '--schema', 'pg_catalog'], dir).code, 0);
    assert.ok(git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').includes('pg_catalog/extensions/adminpack.yaml'));
    // so it is beside an exclude glob of another schema
    assert.is(run(['snapshot', '--schema', 'pg_catalog', '--exclude', 'app.zzz'], dir).code, 0);
    assert.equal(tracked(dir), []);
    assert.ok(git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').includes('pg_catalog/extensions/adminpack.yaml'));
  } finally {
    await dropDatabases();
  }
});

test('SQLite: an exclude glob that covers every object left in the database, after the others were dropped, records the drop', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE staging_1 (id INTEGER)');
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('    database: app.db\n', '    database: app.db\n    exclude: [main.staging_*]\n'));
  assert.is(run(['snapshot'], dir).code, 0);
  assert.equal(tracked(dir), ['main/tables/users.yaml']);
  sqliteDatabase(db, 'DROP TABLE users');
  const drift = run(['diff', '--live', '--name-only'], dir);
  assert.equal([drift.code, drift.stdout, drift.stderr], [0, 'main.users\n', '']);
  const dropped = runJson<{ changes: { action: string; path: string }[] }>(['snapshot'], dir);
  assert.equal(dropped.changes, [{ action: 'removed', path: 'main/tables/users' }]);
});

test.run();
