import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { sqliteDriver } from '../../../src/dialects/sqlite/driver.js';
import { assembleSqlite, type SqliteRows } from '../../../src/dialects/sqlite/assemble.js';
import { encodeObject } from '../../../src/codec/layout.js';
import type { Table, Snapshot, View } from '../../../src/model/types.js';
import { rejects } from '../../helpers/assert.js';
import { unlistedOptions } from '../../helpers/option-names.js';
import { assertGitRoundTrip } from '../../helpers/round-trip.js';
import { sqliteDatabaseStoring, sqliteSnapshot } from '../../helpers/sqlite-models.js';
import { runLintRules } from '../../../src/rules/engine.js';
import { LintSettings } from '../../../src/rules/lint/lint-config.js';
import { LINT_RULES } from '../../../src/rules/lint/rule-list.js';
import { ModelIndex } from '../../../src/rules/model-index.js';
import { FIXTURES, ROOT, sqliteDatabase, tempDir } from '../../helpers/cli.js';
import type { ConnectionSpec } from '../../../src/config/targets.js';

function spec(database: string): ConnectionSpec {
  return { dialect: 'sqlite', database, options: {} };
}

async function introspectSql(sql: string): Promise<Snapshot> {
  const path = sqliteDatabase(join(tempDir(), 'db.sqlite'), sql);
  return (await sqliteDriver.introspect(spec(path), {})).snapshot;
}

function counts(snapshot: Snapshot) {
  const tables = snapshot.objects.filter((o): o is Table => o.kind === 'table');
  return {
    tables: tables.length,
    columns: tables.reduce((n, t) => n + t.columns.length, 0),
    createIndexes: tables.reduce((n, t) => n + (t.indexes?.length ?? 0), 0),
    tablesWithPk: tables.filter((t) => t.primary_key).length,
    fks: tables.reduce((n, t) => n + (t.foreign_keys?.length ?? 0), 0),
    views: snapshot.objects.filter((o) => o.kind === 'view').length,
    triggers: snapshot.objects.reduce((n, o) => n + ((o.kind === 'table' || o.kind === 'view') ? o.triggers?.length ?? 0 : 0), 0),
    virtualTables: snapshot.objects.filter((o) => o.kind === 'virtual_table').length,
  };
}

// Expected numbers: shared/corpus/COUNTS.md (copied to test/fixtures/sqlite/PROVENANCE.md).
const EXPECTED = {
  chinook: { tables: 11, columns: 64, createIndexes: 11, tablesWithPk: 11, fks: 11, views: 0, triggers: 0, virtualTables: 0 },
  sakila: { tables: 16, columns: 89, createIndexes: 24, tablesWithPk: 16, fks: 22, views: 5, triggers: 30, virtualTables: 0 },
  zabbix: { tables: 173, columns: 1333, createIndexes: 232, tablesWithPk: 173, fks: 226, views: 0, triggers: 0, virtualTables: 0 },
  synapse: { tables: 134, columns: 621, createIndexes: 148, tablesWithPk: 28, fks: 14, views: 0, triggers: 1, virtualTables: 2 },
};

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`corpus ${name}: counts match the catalog (COUNTS.md); every option is a listed one`, async () => {
    const snapshot = await introspectSql(readFileSync(join(FIXTURES, 'sqlite', `${name}.sql`), 'utf8'));
    assert.equal(counts(snapshot), expected);
    assert.equal(unlistedOptions(snapshot), []);
  });
}

test('sakila: autoindexes of PRIMARY KEY / UNIQUE make up the rest of "indexes (all)"', async () => {
  const snapshot = await introspectSql(readFileSync(join(FIXTURES, 'sqlite', 'sakila.sql'), 'utf8'));
  const tables = snapshot.objects.filter((o): o is Table => o.kind === 'table');
  const uniques = tables.reduce((n, t) => n + (t.unique_constraints?.length ?? 0), 0);
  // 26 pragma_index_list rows = 24 CREATE INDEX + 2 sqlite_autoindex (both from non-INTEGER primary keys or UNIQUE).
  const nonRowidPks = tables.filter((t) => t.primary_key && !(t.primary_key.columns.length === 1 && t.columns.find((c) => c.name === t.primary_key!.columns[0])?.type.toUpperCase() === 'INTEGER')).length;
  assert.is(24 + uniques + nonRowidPks, 26);
});

test('captures what only the DDL says: checks, collation, generated, autoincrement, without rowid, strict, partial and expression indexes', async () => {
  const snapshot = await introspectSql(`
    CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT COLLATE NOCASE NOT NULL UNIQUE);
    CREATE TABLE child (
      id INTEGER NOT NULL,
      parent_id INTEGER CONSTRAINT fk_parent REFERENCES parent(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      qty INTEGER DEFAULT 1 CHECK (qty > 0),
      total REAL GENERATED ALWAYS AS (qty * 2) STORED,
      label TEXT AS (upper(parent_id)),
      CONSTRAINT child_pk PRIMARY KEY (id),
      CONSTRAINT qty_small CHECK (qty < 1000)
    ) WITHOUT ROWID, STRICT;
    CREATE INDEX child_partial ON child (qty DESC) WHERE qty > 10;
    CREATE INDEX child_expr ON child (lower(label), qty COLLATE NOCASE);
    CREATE INDEX parent_code ON parent (code DESC);
    CREATE INDEX parent_code_binary ON parent (code collate binary);
    CREATE VIEW big AS SELECT * FROM child WHERE qty > 100;
    CREATE TRIGGER child_audit AFTER UPDATE OF qty ON child FOR EACH ROW WHEN new.qty > 5 BEGIN SELECT 1; END;
  `);
  const child = snapshot.objects.find((o) => o.name === 'child') as Table;
  assert.equal(child.primary_key, { name: 'child_pk', columns: ['id'] });
  assert.equal(child.options, { strict: true, without_rowid: true });
  assert.equal(child.checks, [{ expression: 'qty > 0', column: 'qty' }, { name: 'qty_small', expression: 'qty < 1000' }].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')));
  assert.equal(child.columns.find((c) => c.name === 'total')!.generated, { expression: 'qty * 2', stored: true });
  assert.equal(child.columns.find((c) => c.name === 'label')!.generated, { expression: 'upper(parent_id)', stored: false });
  assert.equal(child.foreign_keys, [{ name: 'fk_parent', columns: ['parent_id'], references: { schema: 'main', table: 'parent', columns: ['id'] }, on_update: 'no action', on_delete: 'cascade', deferrable: true, initially_deferred: true }]);
  assert.equal(child.indexes?.find((i) => i.name === 'child_partial'), { name: 'child_partial', columns: [{ column: 'qty', descending: true }], unique: false, where: 'qty > 10' });
  assert.equal(child.indexes?.find((i) => i.name === 'child_expr')?.columns, [{ expression: 'lower(label)' }, { column: 'qty', collation: 'NOCASE' }]);
  assert.equal(child.triggers?.map((t) => [t.name, t.timing, t.events, t.columns, t.when]), [['child_audit', 'after', ['update'], ['qty'], 'new.qty > 5']]);
  const parent = snapshot.objects.find((o) => o.name === 'parent') as Table;
  assert.equal(parent.columns[0], { name: 'id', type: 'INTEGER', nullable: false, auto_increment: true }); // the rowid: never NULL
  assert.equal(parent.columns[1]!.collation, 'NOCASE');
  // The pragma reports the column's NOCASE for both keys; only the second declares a collation.
  assert.equal(parent.indexes, [
    { name: 'parent_code', columns: [{ column: 'code', descending: true }], unique: false },
    { name: 'parent_code_binary', columns: [{ column: 'code', collation: 'binary' }], unique: false },
  ]);
  assert.equal(parent.unique_constraints, [{ columns: ['code'] }]);
  assert.ok(snapshot.objects.some((o) => o.kind === 'view' && o.name === 'big'));
});

test('a trigger is filed under its table or view whatever the case of its ON clause, folded as SQLite folds (ASCII only)', async () => {
  const snapshot = await introspectSql(`
    CREATE TABLE child (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TRIGGER t_up AFTER INSERT ON CHILD BEGIN SELECT 1; END;
    CREATE TRIGGER t_up2 AFTER INSERT ON main.child BEGIN SELECT 1; END;
    CREATE VIEW vw AS SELECT * FROM child;
    CREATE TRIGGER t_v INSTEAD OF DELETE ON VW BEGIN SELECT 1; END;
    CREATE TABLE "Éclair" (x); CREATE TABLE "éclair" (x);
    CREATE TRIGGER t_e AFTER INSERT ON "ÉCLAIR" BEGIN SELECT 1; END;
  `);
  const triggers = (name: string) => (snapshot.objects.find((o) => o.name === name) as Table | View).triggers?.map((t) => t.name) ?? [];
  assert.equal(triggers('child'), ['t_up', 't_up2']);
  assert.equal(triggers('vw'), ['t_v']);
  // SQLite folds C-L-A-I-R but not É: "ÉCLAIR" is Éclair, never éclair.
  assert.equal(triggers('Éclair'), ['t_e']);
  assert.equal(triggers('éclair'), []);
});

test('names SQLite keeps apart (É and é) are not joined when the DDL is matched to the pragmas', async () => {
  const snapshot = await introspectSql(`
    CREATE TABLE "Éclair" (id INTEGER PRIMARY KEY);
    CREATE TABLE "éclair" (code TEXT PRIMARY KEY);
    CREATE TABLE t ("É" TEXT COLLATE NOCASE, "é" TEXT, x REFERENCES "Éclair", y REFERENCES "éclair");
    CREATE TABLE r (id ınteger PRIMARY KEY);
  `);
  const t = snapshot.objects.find((o) => o.name === 't') as Table;
  assert.equal(t.columns.map((c) => [c.name, c.collation]), [['É', 'NOCASE'], ['é', undefined], ['x', undefined], ['y', undefined]]);
  assert.equal(t.foreign_keys?.map((f) => [f.references.table, f.references.columns]), [['Éclair', ['id']], ['éclair', ['code']]]);
  // ı is not I to SQLite: the column is no INTEGER PRIMARY KEY, so no rowid alias, and may hold NULL.
  assert.is((snapshot.objects.find((o) => o.name === 'r') as Table).columns[0]!.nullable, true);
});

test('a trigger whose table is not among those read is kept raw, with a warning', () => {
  const path = sqliteDatabase(join(tempDir(), 'db.sqlite'), 'CREATE TABLE t (x); CREATE TRIGGER t_lost AFTER INSERT ON t BEGIN SELECT 1; END;');
  const db = new Database(path, { readonly: true });
  const query = (file: string) => db.prepare(readFileSync(join(ROOT, 'src', 'dialects', 'sqlite', 'sql', `${file}.sql`), 'utf8')).all();
  const rows = { ...Object.fromEntries(['objects', 'table_list', 'columns', 'foreign_keys', 'indexes'].map((f) => [f, query(f)])), undescribed_views: [] } as unknown as SqliteRows;
  db.close();
  // SQLite refuses to load such a schema; a trigger on a table left out of the read is the same case.
  for (const row of rows.objects) if (row.name === 't_lost') row.table_name = 'gone';
  const { snapshot, warnings } = assembleSqlite(rows, { server: '3', database: 'db' });
  assert.equal((snapshot.objects.find((o) => o.name === 't') as Table).triggers, undefined);
  assert.equal(snapshot.objects.find((o) => o.name === 't_lost'), {
    kind: 'unknown', name: 't_lost', schema: 'main', object_type: 'trigger',
    raw: { name: 't_lost', object_type: 'trigger', sql: 'CREATE TRIGGER t_lost AFTER INSERT ON t BEGIN SELECT 1; END', table_name: 'gone' },
  });
  assert.equal(warnings, ['main.t_lost: trigger on gone, which is not a table or view that is modelled; recorded raw']);
});

test('an index on a virtual table\'s shadow table is kept raw, with a warning, not lost', async () => {
  const path = sqliteDatabase(join(tempDir(), 'db.sqlite'), 'CREATE VIRTUAL TABLE f USING fts5(body); CREATE INDEX f_body ON f_content (c0);');
  const { snapshot, warnings } = await sqliteDriver.introspect(spec(path), {});
  assert.equal(snapshot.objects.map((o) => [o.kind, o.name]), [['unknown', 'f_body'], ['virtual_table', 'f']]);
  assert.equal(snapshot.objects[0], {
    kind: 'unknown', name: 'f_body', schema: 'main', object_type: 'index',
    raw: { name: 'f_body', object_type: 'index', sql: 'CREATE INDEX f_body ON f_content (c0)', table_name: 'f_content' },
  });
  assert.equal(warnings, ['main.f_body: index on f_content, which is not a table that is modelled; recorded raw']);
});

test("a trigger on a shadow table (which SQLite's defensive mode refuses to load) is kept raw, and the rest of the database reads", async () => {
  const path = join(tempDir(), 'db.sqlite');
  const db = new Database(path);
  // made as the sqlite3 shell makes it: defensive mode off
  db.unsafeMode(true);
  db.exec('CREATE VIRTUAL TABLE f USING fts5(x); CREATE TABLE log(m); CREATE TRIGGER tr_sh AFTER INSERT ON f_content BEGIN INSERT INTO log VALUES (new.c0); END;');
  db.close();
  const { snapshot, warnings } = await sqliteDriver.introspect(spec(path), {});
  assert.equal(snapshot.objects.map((o) => [o.kind, o.name]), [['table', 'log'], ['unknown', 'tr_sh'], ['virtual_table', 'f']]);
  assert.equal(warnings, ['main.tr_sh: trigger on f_content, which is not a table or view that is modelled; recorded raw']);
});

test('a view SQLite cannot compile is recorded without columns, with a warning, and the rest of the database still reads', async () => {
  const path = join(tempDir(), 'db.sqlite');
  const db = new Database(path);
  db.function('twice', { deterministic: true }, (x: unknown) => Number(x) * 2);
  // SQLite's DROP TABLE leaves the views over the table in place; the reader lacks the app's functions.
  db.exec(`
    CREATE TABLE a (x); CREATE TABLE b (y TEXT);
    CREATE VIEW va AS SELECT x FROM a; CREATE VIEW vva AS SELECT * FROM va; CREATE VIEW vb AS SELECT y FROM b;
    CREATE VIEW vf AS SELECT twice(y) AS z FROM b;
    CREATE TRIGGER t_va INSTEAD OF DELETE ON va BEGIN SELECT 1; END;
    DROP TABLE a;
  `);
  db.close();
  const { snapshot, warnings } = await sqliteDriver.introspect(spec(path), {});
  assert.equal(warnings, [
    'main.va: SQLite could not fully describe the view (no such table: main.a); recorded without columns',
    'main.vf: SQLite could not fully describe the view (no such function: twice); recorded without columns',
    'main.vva: SQLite could not fully describe the view (no such table: main.a); recorded without columns',
  ]);
  const va = snapshot.objects.find((o) => o.name === 'va') as View;
  assert.equal([va.columns, va.definition, va.triggers?.map((t) => t.name)], [undefined, 'CREATE VIEW va AS SELECT x FROM a', ['t_va']]);
  assert.equal((snapshot.objects.find((o) => o.name === 'vb') as View).columns, [{ name: 'y', type: 'TEXT' }]);
  assert.equal((snapshot.objects.find((o) => o.name === 'b') as Table).columns.map((c) => c.name), ['y']);
});

test('PRIMARY KEY (id AUTOINCREMENT) in a table constraint gives the same file as the column form', async () => {
  const file = async (sql: string) => encodeObject((await introspectSql(sql)).objects[0]!).text;
  const columnForm = await file('CREATE TABLE p (id INTEGER CONSTRAINT p_pk PRIMARY KEY AUTOINCREMENT, note TEXT);');
  assert.match(columnForm, 'auto_increment: true');
  assert.is(await file('CREATE TABLE p (id INTEGER, note TEXT, CONSTRAINT p_pk PRIMARY KEY (id AUTOINCREMENT));'), columnForm);
  assert.is(await file('CREATE TABLE p (id INTEGER, note TEXT, CONSTRAINT p_pk PRIMARY KEY ("ID" AUTOINCREMENT));'), columnForm);
});

test('DEFAULT NULL, however spelled, is no default (as PostgreSQL and MariaDB record it)', async () => {
  const snapshot = await introspectSql("CREATE TABLE t (a INT DEFAULT NULL, b INT DEFAULT (null), c INT, d TEXT DEFAULT 'NULL', e INT DEFAULT (NULL + 1))");
  const table = snapshot.objects[0] as Table;
  assert.equal(table.columns.map((c) => c.default ?? '-'), ['-', '-', '-', "'NULL'", 'NULL + 1']);
});

test('a key written without target columns references the primary key; with none of its width, no columns are recorded', async () => {
  const snapshot = await introspectSql(`
    CREATE TABLE t (a, b); CREATE TABLE p (id INTEGER PRIMARY KEY);
    CREATE TABLE c (x REFERENCES t, y REFERENCES missing, z REFERENCES p, u, v, FOREIGN KEY (u, v) REFERENCES p);
  `);
  const c = snapshot.objects.find((o) => o.name === 'c') as Table;
  // SQLite's pragma gives NULL target columns for all four; the write that checks them fails.
  assert.equal(c.foreign_keys?.map((f) => [f.columns, f.references]), [
    [['u', 'v'], { schema: 'main', table: 'p' }],
    [['x'], { schema: 'main', table: 't' }],
    [['y'], { schema: 'main', table: 'missing' }],
    [['z'], { schema: 'main', table: 'p', columns: ['id'] }],
  ]);
  await assertGitRoundTrip(snapshot);
});

test('keys on the same columns and table keep their own name and deferral (SQLite numbers them in reverse of the order written)', async () => {
  const snapshot = await introspectSql(`
    CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
    CREATE TABLE c (
      a INT CONSTRAINT by_id REFERENCES p(id),
      b INT REFERENCES p(id) ON DELETE CASCADE REFERENCES p(code) DEFERRABLE INITIALLY DEFERRED,
      d INT,
      CONSTRAINT by_code FOREIGN KEY (a) REFERENCES p(code) DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (d) REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, CONSTRAINT d_plain FOREIGN KEY (d) REFERENCES p(id) ON DELETE CASCADE);
  `);
  const c = snapshot.objects.find((o) => o.name === 'c') as Table;
  const summary = (c.foreign_keys ?? []).map((f) => [f.columns[0], f.references.columns?.[0], f.on_delete, f.name ?? '-', f.initially_deferred ?? false]);
  assert.equal(summary.sort(), [
    ['a', 'code', 'no action', 'by_code', true],
    ['a', 'id', 'no action', 'by_id', false],
    ['b', 'code', 'no action', '-', true],
    ['b', 'id', 'cascade', '-', false],
    ['d', 'id', 'cascade', 'd_plain', false],
    ['d', 'id', 'no action', '-', true],
  ]);
});

test('UNIQUE constraints on the same columns told apart by collation and order keep their own name and ON CONFLICT', async () => {
  const snapshot = await introspectSql(`CREATE TABLE u (a TEXT, b TEXT COLLATE NOCASE,
    CONSTRAINT u_plain UNIQUE (a), CONSTRAINT u_nocase UNIQUE (a COLLATE NOCASE) ON CONFLICT IGNORE,
    CONSTRAINT u_desc UNIQUE (b DESC) ON CONFLICT REPLACE, CONSTRAINT u_b UNIQUE (b COLLATE BINARY))`);
  const u = snapshot.objects[0] as Table;
  const summary = (u.unique_constraints ?? []).map((k) => [k.name, k.options?.key_parts ?? '-', k.options?.on_conflict ?? '-']);
  assert.equal(summary.sort(), [
    ['u_b', 'b COLLATE BINARY', '-'],
    ['u_desc', 'b DESC', 'replace'],
    ['u_nocase', 'a COLLATE NOCASE', 'ignore'],
    ['u_plain', '-', '-'],
  ]);
});

test('UNIQUE declared twice on the very same keys is one index, with the ON CONFLICT either gives', async () => {
  const snapshot = await introspectSql(`CREATE TABLE p12 (a INTEGER PRIMARY KEY, b INT UNIQUE ON CONFLICT IGNORE, UNIQUE (b));
    CREATE TABLE p10 (a INTEGER PRIMARY KEY, b INT UNIQUE ON CONFLICT REPLACE UNIQUE)`);
  const keys = (snapshot.objects as Table[]).map((t) => [t.name, (t.unique_constraints ?? []).map((k) => k.options?.on_conflict ?? '-')]);
  assert.equal(keys, [['p10', ['replace']], ['p12', ['ignore']]]);
});

const HOSTILE = ['a/b', '..', '.', '.git', 'Éclair', 'éclair', 'with space and ünïcödé ✓', 'x'.repeat(200), '%41', 'git~1', 'new\nline', 'quote"s', 'datatrack.yaml'];

test('hostile table names round-trip through git: the model read back equals the model captured', async () => {
  const sql = HOSTILE.map((name, i) => `CREATE TABLE "${name.replace(/"/g, '""')}" (id INTEGER PRIMARY KEY, "col ${i}/x" TEXT);`).join('\n');
  const captured = await introspectSql(sql);
  assert.is(captured.objects.length, HOSTILE.length);
  await assertGitRoundTrip(captured);
});

test('a schema change committed while the catalog is read is either all seen or not at all', async () => {
  // WAL, so that the writer commits while the read is under way (a reader's lock would make it wait).
  const path = sqliteDatabase(join(tempDir(), 'db.sqlite'), 'PRAGMA journal_mode = WAL; CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INT REFERENCES a (id))');
  const before = (await sqliteDriver.introspect(spec(path), {})).snapshot;
  const writer = new Database(path);
  const prepare = Database.prototype.prepare;
  let written = false;
  // Once the tables are listed, before their columns are read, another connection drops one.
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    if (this !== writer && !written && source.includes('pragma_table_xinfo')) {
      written = true;
      writer.exec('DROP TABLE b');
    }
    return prepare.call(this, source);
  } as typeof prepare;
  try {
    const during = (await sqliteDriver.introspect(spec(path), {})).snapshot;
    assert.ok(written);
    assert.equal(during.objects, before.objects);
  } finally {
    Database.prototype.prepare = prepare;
    writer.close();
  }
  assert.equal((await sqliteDriver.introspect(spec(path), {})).snapshot.objects.map((o) => o.name), ['a']);
});

test('names or SQL holding bytes that are not UTF-8 are refused, naming the objects, not read as U+FFFD', async () => {
  // SQLite keeps what a client gave it; read as text, n\xE9 and n\xE8 were one file (a crash) and
  // a default's byte changed was never seen. A real U+FFFD, valid UTF-8, is text like any other.
  const path = sqliteDatabase(join(tempDir(), 'latin1.db'), "CREATE TABLE nx (id int); CREATE TABLE ny (id int); CREATE TABLE ok (x text DEFAULT '\uFFFD')");
  const db = new Database(path);
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  const latin1 = (text: string) => Buffer.from(text, 'latin1');
  const rewrite = db.prepare('UPDATE sqlite_schema SET name = CAST(? AS TEXT), tbl_name = CAST(? AS TEXT), sql = CAST(? AS TEXT) WHERE name = ?');
  rewrite.run(latin1('n\xe9'), latin1('n\xe9'), latin1('CREATE TABLE "n\xe9" (id int)'), 'nx');
  rewrite.run(latin1('ny'), latin1('ny'), latin1("CREATE TABLE ny (id int DEFAULT 'caf\xe9')"), 'ny');
  db.pragma('writable_schema = OFF');
  db.close();
  const error = await rejects(() => sqliteDriver.introspect(spec(path), {}), /holds bytes that are not UTF-8 in the name or SQL of table n\\xE9, table ny \(SQLite keeps/);
  assert.is((error as { exitCode?: number }).exitCode, 3);
  const valid = await introspectSql("CREATE TABLE ok (x text DEFAULT '\uFFFD')");
  assert.is((valid.objects[0] as Table).columns[0]!.default, "'\uFFFD'");
  // A UTF-16 database's raw bytes are UTF-16, and hold what SQLite converted: no bytes to refuse.
  const utf16 = await introspectSql(`PRAGMA encoding = 'UTF-16le'; CREATE TABLE "café" (x text DEFAULT '\uFFFD')`);
  assert.equal(utf16.objects.map((o) => o.name), ['café']);
});

test('a path that does not exist is an error and creates no file; a non-database file is refused', async () => {
  const dir = tempDir();
  const missing = join(dir, 'missing.db');
  await rejects(() => sqliteDriver.introspect(spec(missing), {}), /does not exist/);
  assert.throws(() => readFileSync(missing));
  const text = join(dir, 'notes.txt');
  sqliteDatabase(join(dir, 'ok.db'), 'CREATE TABLE t(x)');
  writeFileSync(text, 'hello, this is not sqlite at all, just some text that is long enough to have a header');
  await rejects(() => sqliteDriver.introspect(spec(text), {}), /is not a SQLite database; check the path$/);
});

test('an empty (0-byte) file, as a mistyped path opened by another tool leaves, is warned about; a database without tables is not', async () => {
  const dir = tempDir();
  const empty = join(dir, 'typo.db');
  writeFileSync(empty, '');
  const read = await sqliteDriver.introspect(spec(empty), {});
  assert.equal(read.snapshot.objects, []);
  const warning = `${empty} is an empty file (0 bytes): no table was ever created in it; check the path (a tool that opens a missing SQLite file creates it empty)`;
  assert.equal(read.warnings, [warning]);
  // connect and test-connection say so too, before any snapshot
  assert.equal((await sqliteDriver.testConnection(spec(empty))).warnings, [warning]);
  const dropped = sqliteDatabase(join(dir, 'dropped.db'), 'CREATE TABLE t(x); DROP TABLE t');
  assert.equal((await sqliteDriver.introspect(spec(dropped), {})).warnings, []);
  assert.equal((await sqliteDriver.testConnection(spec(dropped))).warnings, []);
});

test('an index key that is a double-quoted word naming no column is captured as that expression, as written', async () => {
  // As the sqlite3 shell stores them: SQLite reads "x" as the string 'x' (cid -2, no name), while a
  // lone single-quoted word is always a name ('z', or an error), and "x, y" names the column.
  const path = sqliteDatabaseStoring(
    `CREATE TABLE r ("x, y" INT, z INT); CREATE INDEX ri2 ON r(+'x', z); CREATE INDEX rc ON r(+'x', z); CREATE UNIQUE INDEX ru ON r(+'x');
     CREATE INDEX rp ON r(+'x'); CREATE INDEX rs ON r('z' DESC, "x, y"); CREATE INDEX rw ON r(z) WHERE +'x' = 'x';`,
    {
      ri2: 'CREATE INDEX ri2 ON r("x", z)',
      rc: 'CREATE INDEX rc ON r("x" COLLATE NOCASE DESC, z ASC)',
      ru: 'CREATE UNIQUE INDEX ru ON r("x")',
      rp: 'CREATE INDEX rp ON r(("x"))',
      rw: `CREATE INDEX rw ON r(z) WHERE "x" = 'x'`,
    },
  );
  const r = (await sqliteDriver.introspect(spec(path), {})).snapshot.objects[0] as Table;
  assert.equal(r.indexes, [
    { name: 'rc', columns: [{ expression: '"x"', descending: true, collation: 'NOCASE' }, 'z'], unique: false },
    { name: 'ri2', columns: [{ expression: '"x"' }, 'z'], unique: false },
    { name: 'rp', columns: [{ expression: '("x")' }], unique: false },
    { name: 'rs', columns: [{ column: 'z', descending: true }, 'x, y'], unique: false },
    { name: 'ru', columns: [{ expression: '"x"' }], unique: true },
    { name: 'rw', columns: ['z'], unique: false, where: `"x" = 'x'` },
  ]);
});

test('index rules read a double-quoted word naming no column as the expression it is: ("x", z) and ("w", z) are no duplicates, and cover no key on z', async () => {
  const { objects } = await sqliteSnapshot(
    `CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE r ("x, y" INT, z INT REFERENCES p(id));
     CREATE INDEX rx ON r(+'x', z); CREATE INDEX rw ON r(+'x', z); CREATE INDEX rx2 ON r(+'x', z);`,
    { rx: 'CREATE INDEX rx ON r("x", z)', rw: 'CREATE INDEX rw ON r("w", z)', rx2: 'CREATE INDEX rx2 ON r("x", z)' },
  );
  const rules = ['structure-duplicate-index', 'structure-fk-not-indexed'];
  const settings = LintSettings.parse({ rules: Object.fromEntries(rules.map((id) => [id, { severity: 'warning' }])) }, undefined, LINT_RULES);
  const found = runLintRules({ dialect: 'sqlite', objects, model: new ModelIndex(objects, 'sqlite') }, rules.map((id) => LINT_RULES.get(id)!), settings);
  assert.equal(found.map((f) => `${f.rule} ${f.object}`).sort(), ['structure-duplicate-index main.r.rx2', 'structure-fk-not-indexed main.r.foreign_key(z)']);
});

test.run();
