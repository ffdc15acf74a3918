import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DdlParseError,
  parseCreateIndex,
  parseCreateTable,
  parseCreateTrigger,
  parseCreateVirtualTable,
  type ParsedForeignKey,
} from '../../../src/dialects/sqlite/ddl-parser.js';

const CORPUS_DIR = fileURLToPath(new URL('../../../../test/fixtures/sqlite/', import.meta.url));

/** Runs the SQL through SQLite first, so every case below is SQL SQLite really accepts. */
function valid(sql: string, setup = ''): string {
  const db = new Database(':memory:');
  try {
    db.exec(`${setup};\n${sql}`);
  } finally {
    db.close();
  }
  return sql;
}

const table = (sql: string) => parseCreateTable(valid(sql));
const column = (sql: string, name: string) => {
  const found = table(sql).columns.find((c) => c.name === name);
  assert.ok(found, `column ${name}`);
  return found!;
};

// --- Cross-checking against the PRAGMAs -------------------------------------------------

interface XInfo { name: string; type: string; dflt_value: string | null; notnull: number; pk: number; hidden: number }
interface FkRow { id: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }
interface IndexXInfo { name: string | null; desc: number; coll: string }
interface SchemaRow { type: string; name: string; tbl_name: string; sql: string }

const lc = (s: string) => s.toLowerCase();
// pragma table_info reports the inside of a parenthesised default; the parser keeps the parens.
const pragmaDefault = (d: string | undefined) => (d?.startsWith('(') ? d.slice(1, -1).trim() : d) ?? null;

/** Parses a CREATE TABLE row and checks everything pragma table_xinfo / foreign_key_list also know. */
function checkTable(db: Database.Database, row: SchemaRow): void {
  const parsed = parseOrExplain(row, parseCreateTable);
  const info = db.prepare('SELECT * FROM pragma_table_xinfo(?)').all(row.name) as XInfo[];
  const where = `table ${row.name}`;
  assert.equal(parsed.columns.map((c) => c.name), info.map((c) => c.name), `${where}: column names`);
  assert.equal(parsed.columns.map((c) => c.type), info.map((c) => c.type), `${where}: column types`);
  assert.equal(parsed.columns.map((c) => pragmaDefault(c.default)), info.map((c) => c.dflt_value), `${where}: defaults`);

  const pk = parsed.primaryKey?.columns ?? parsed.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const pragmaPk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  assert.equal(pk.map(lc), pragmaPk.map(lc), `${where}: primary key`);

  // WITHOUT ROWID makes primary-key columns NOT NULL implicitly.
  const notNull = parsed.columns.map((c) => c.notNull || (parsed.withoutRowid && pk.map(lc).includes(lc(c.name))));
  assert.equal(notNull, info.map((c) => c.notnull === 1), `${where}: not null`);

  const generated = parsed.columns.map((c) => (c.generated ? (c.generated.stored ? 3 : 2) : 0));
  assert.equal(generated, info.map((c) => c.hidden), `${where}: generated columns`);

  // Every key in the order written, which SQLite numbers in reverse (id 0 the last): the assembly
  // tells keys on the same columns and table apart by that order alone.
  const fks = [...parsed.foreignKeys].reverse();
  assert.equal(fks.map(fkSignature), pragmaForeignKeys(db, row.name), `${where}: foreign keys, as SQLite numbers them`);
}

const fkSignature = (fk: ParsedForeignKey) =>
  lc([fk.table, fk.columns, fk.refColumns, fk.onUpdate ?? 'no action', fk.onDelete ?? 'no action'].join('|'));

function pragmaForeignKeys(db: Database.Database, tableName: string): string[] {
  const rows = db.prepare('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(tableName) as FkRow[];
  const ids = [...new Set(rows.map((r) => r.id))];
  return ids.map((id) => {
    const parts = rows.filter((r) => r.id === id);
    const to = parts.every((r) => r.to === null) ? [] : parts.map((r) => r.to);
    return lc([parts[0]!.table, parts.map((r) => r.from), to, parts[0]!.on_update, parts[0]!.on_delete].join('|'));
  });
}

function checkIndex(db: Database.Database, row: SchemaRow): void {
  const parsed = parseOrExplain(row, parseCreateIndex);
  const where = `index ${row.name}`;
  assert.is(lc(parsed.table), lc(row.tbl_name), `${where}: table`);
  const keys = db.prepare('SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(row.name) as IndexXInfo[];
  assert.equal(parsed.keys.map((k) => (k.column === undefined ? null : lc(k.column))), keys.map((k) => k.name && lc(k.name)), `${where}: key columns`);
  assert.equal(parsed.keys.map((k) => k.order === 'desc'), keys.map((k) => k.desc === 1), `${where}: key order`);
  parsed.keys.forEach((k, i) => {
    if (k.collation) assert.is(lc(k.collation), lc(keys[i]!.coll), `${where}: collation of key ${i}`);
  });
  const list = db.prepare('SELECT "unique", partial FROM pragma_index_list(?) WHERE name = ?').get(row.tbl_name, row.name) as { unique: number; partial: number };
  assert.is(parsed.unique, list.unique === 1, `${where}: unique`);
  assert.is(parsed.where !== undefined, list.partial === 1, `${where}: partial`);
}

/** Reports which statement failed to parse, not just the parser's message. */
function parseOrExplain<T>(row: SchemaRow, parse: (sql: string) => T): T {
  try {
    return parse(row.sql);
  } catch (error) {
    throw new Error(`${row.type} ${row.name}: ${(error as Error).message}\n${row.sql}`);
  }
}

/** Parses every stored CREATE statement in the database; returns how many of each kind were checked. */
function checkEverySchemaObject(db: Database.Database): Record<string, number> {
  const kinds = new Map(
    (db.prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main'").all() as { name: string; type: string }[])
      .map((r) => [r.name, r.type]),
  );
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL').all() as SchemaRow[];
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const kind = row.type === 'table' ? kinds.get(row.name)! : row.type;
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (kind === 'table' || kind === 'shadow') checkTable(db, row);
    if (kind === 'virtual') assert.is(parseOrExplain(row, parseCreateVirtualTable).name, row.name);
    if (kind === 'index') checkIndex(db, row);
    if (kind === 'trigger') assert.is(lc(parseOrExplain(row, parseCreateTrigger).table), lc(row.tbl_name));
  }
  return counts;
}

// --- Statement prefixes and identifiers ---------------------------------------------------

test('identifiers in every quoting style come back unquoted and unescaped', () => {
  const t = table('CREATE TABLE main."t ""1""" ("a""b" INT, `c``d` TEXT, [e f] REAL, \'g\' BLOB, 名前 TEXT, h$1 INT)');
  assert.is(t.schema, 'main');
  assert.is(t.name, 't "1"');
  assert.equal(t.columns.map((c) => c.name), ['a"b', 'c`d', 'e f', 'g', '名前', 'h$1']);
});

test('TEMP / TEMPORARY, IF NOT EXISTS and keywords in any case', () => {
  const t = table('create Temp table If Not Exists temp.x(a)');
  assert.equal([t.schema, t.name], ['temp', 'x']);
  assert.is(table('CREATE TEMPORARY TABLE y (a)').name, 'y');
  assert.is(table('CREATE TABLE z(a)').schema, undefined);
});

test('comments and newlines may sit between any two tokens', () => {
  const t = table('CREATE/*a*/TABLE--b\n t /*c*/(/*d*/a/*e*/INT/*f*/NOT/*g*/NULL--h\n,\nb\n)--end');
  assert.equal(t.columns.map((c) => [c.name, c.type, c.notNull]), [['a', 'INT', true], ['b', '', false]]);
});

// --- Columns ------------------------------------------------------------------------------

test('declared types match pragma table_info, quirks included', () => {
  const sql = `CREATE TABLE t(a VARCHAR(255), b unsigned big int, c NUMERIC(10, 2), d, e double precision(+5, -3),
    f integer, g "Text", h VARCHAR  (  10  ), i int generated always, j [br ack] int, k INT /* c */ NOT NULL)`;
  const expected = ['VARCHAR(255)', 'unsigned big int', 'NUMERIC(10, 2)', '', 'double precision(+5, -3)',
    'INTEGER', 'TEXT', 'VARCHAR  (  10  )', 'INT', 'br ack] in', 'INT'];
  assert.equal(table(sql).columns.map((c) => c.type), expected);
  const db = new Database(':memory:');
  db.exec(sql);
  assert.equal((db.prepare("SELECT type FROM pragma_table_info('t')").all() as XInfo[]).map((c) => c.type), expected);
  db.close();
});

test('column PRIMARY KEY with order, conflict clause, AUTOINCREMENT and name', () => {
  const id = column('CREATE TABLE t(id INTEGER CONSTRAINT pk PRIMARY KEY ASC ON CONFLICT REPLACE AUTOINCREMENT)', 'id');
  assert.equal(id.primaryKey, { order: 'asc', autoincrement: true, name: 'pk', onConflict: 'replace' });
  assert.equal(column('CREATE TABLE t(k TEXT PRIMARY KEY DESC)', 'k').primaryKey, { order: 'desc', autoincrement: false });
  assert.equal(column('CREATE TABLE t(k PRIMARY KEY)', 'k').primaryKey, { autoincrement: false });
});

test('NOT NULL, NULL and UNIQUE with conflict clauses and names; ABORT, the default, reads as none', () => {
  const t = table('CREATE TABLE t(a NOT NULL ON CONFLICT FAIL, b NULL, c UNIQUE ON CONFLICT IGNORE, d CONSTRAINT u_d UNIQUE, e NOT NULL ON CONFLICT ABORT UNIQUE ON CONFLICT ABORT)');
  assert.equal(t.columns.map((c) => c.notNull), [true, false, false, false, true]);
  assert.equal(t.columns.map((c) => c.notNullOnConflict), ['fail', undefined, undefined, undefined, undefined]);
  assert.equal(t.columns.map((c) => c.unique), [undefined, undefined, { onConflict: 'ignore' }, { name: 'u_d' }, {}]);
});

test('column CHECKs stay on the column, named or not', () => {
  const t = table('CREATE TABLE t(a INT CONSTRAINT positive CHECK (a > 0) CHECK(  a < 10  ))');
  assert.equal(t.columns[0]!.checks, [
    { name: 'positive', expression: 'a > 0', column: 'a' },
    { expression: 'a < 10', column: 'a' },
  ]);
  assert.equal(t.checks, []);
});

test('CONSTRAINT names repeated or naming nothing: the last one names what follows, as in SQLite', () => {
  const t = table('CREATE TABLE t(a INT CONSTRAINT x CONSTRAINT y CHECK (a > 0), b INT CONSTRAINT unused, CONSTRAINT p CONSTRAINT q CHECK (b > 0), CONSTRAINT dangling)');
  assert.equal(t.columns.map((c) => [c.name, c.checks]), [['a', [{ name: 'y', expression: 'a > 0', column: 'a' }]], ['b', []]]);
  assert.equal(t.checks, [{ name: 'q', expression: 'b > 0' }]);
});

test('DEFAULT keeps the source text of literals, signed numbers, names and expressions', () => {
  const t = table(`CREATE TABLE t(a DEFAULT 'abc', b DEFAULT 12, c DEFAULT -1, d DEFAULT NULL, e DEFAULT CURRENT_TIMESTAMP,
    f DEFAULT X'00', g DEFAULT (datetime('now', '+1 day')), h DEFAULT +5, i DEFAULT -1.5e3, j DEFAULT 0x1F,
    k DEFAULT TRUE, l DEFAULT 'it''s (, )', m DEFAULT - /*c*/ 1, n)`);
  assert.equal(t.columns.map((c) => c.default), ["'abc'", '12', '-1', 'NULL', 'CURRENT_TIMESTAMP', "X'00'",
    "(datetime('now', '+1 day'))", '+5', '-1.5e3', '0x1F', 'TRUE', "'it''s (, )'", '- /*c*/ 1', undefined]);
});

test('COLLATE names are unquoted', () => {
  const t = table('CREATE TABLE t(a TEXT COLLATE NOCASE, b COLLATE "rtrim", c)');
  assert.equal(t.columns.map((c) => c.collation), ['NOCASE', 'rtrim', undefined]);
});

test('generated columns: GENERATED ALWAYS AS or bare AS, STORED or VIRTUAL (the default)', () => {
  const t = table(`CREATE TABLE t(a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, c AS ( a + 1 ),
    d TEXT GENERATED ALWAYS AS (upper('x)')) VIRTUAL, e INT NOT NULL GENERATED ALWAYS AS (a) STORED)`);
  assert.equal(t.columns.map((c) => c.generated), [
    undefined,
    { expression: 'a * 2', stored: true },
    { expression: 'a + 1', stored: false },
    { expression: "upper('x)')", stored: false },
    { expression: 'a', stored: true },
  ]);
  assert.equal(t.columns.map((c) => c.type), ['INT', 'INT', '', 'TEXT', 'INT']);
});

test('column REFERENCES with actions, MATCH and deferral, also as a separate constraint', () => {
  const t = table(`CREATE TABLE t(
    a INT CONSTRAINT fk_a REFERENCES parent(id) ON DELETE CASCADE ON UPDATE SET NULL MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED,
    b REFERENCES "Parent Table",
    c REFERENCES p(x) NOT NULL NOT DEFERRABLE INITIALLY IMMEDIATE,
    d REFERENCES p ON DELETE SET DEFAULT ON UPDATE RESTRICT ON INSERT NO ACTION)`);
  assert.equal(t.columns.map((c) => c.references), [
    // MATCH is read past: SQLite ignores it (every key matches SIMPLE)
    { name: 'fk_a', columns: ['a'], table: 'parent', refColumns: ['id'], onDelete: 'cascade', onUpdate: 'set null',
      deferrable: 'deferrable', initially: 'deferred' },
    { columns: ['b'], table: 'Parent Table', refColumns: [] },
    { columns: ['c'], table: 'p', refColumns: ['x'], deferrable: 'not deferrable', initially: 'immediate' },
    { columns: ['d'], table: 'p', refColumns: [], onDelete: 'set default', onUpdate: 'restrict' },
  ]);
  assert.is(t.columns[2]!.notNull, true);
  // every key, column-level ones too, in the order written
  assert.equal(t.foreignKeys, t.columns.map((c) => c.references));
});

test('column constraints in any order, repeated', () => {
  const a = column("CREATE TABLE t(a TEXT DEFAULT 'x' NOT NULL COLLATE BINARY UNIQUE CHECK (a <> '') PRIMARY KEY CHECK (length(a) < 5))", 'a');
  assert.equal(a, {
    name: 'a', type: 'TEXT', notNull: true, default: "'x'", collation: 'BINARY', unique: {},
    checks: [{ expression: "a <> ''", column: 'a' }, { expression: 'length(a) < 5', column: 'a' }],
    primaryKey: { autoincrement: false },
  });
});

// --- Table constraints and options --------------------------------------------------------

test('table constraints, named or not, with or without separating commas', () => {
  const t = table(`CREATE TABLE t (a INT, b TEXT, c INT,
    CONSTRAINT pk_t PRIMARY KEY (a DESC, b COLLATE NOCASE) ON CONFLICT ABORT,
    CONSTRAINT u_bc UNIQUE (b, c) ON CONFLICT REPLACE
    CHECK (a > c)
    CONSTRAINT fk_c FOREIGN KEY (c, a) REFERENCES parent (x, y) ON UPDATE CASCADE MATCH FULL NOT DEFERRABLE,
    FOREIGN KEY ("b") REFERENCES other)`);
  assert.equal(t.primaryKey, { name: 'pk_t', columns: ['a', 'b'], autoincrement: false });
  assert.equal(t.uniques, [{ name: 'u_bc', columns: ['b', 'c'], onConflict: 'replace' }]);
  assert.equal(t.checks, [{ expression: 'a > c' }]);
  assert.equal(t.foreignKeys, [
    { name: 'fk_c', columns: ['c', 'a'], table: 'parent', refColumns: ['x', 'y'], onUpdate: 'cascade',
      deferrable: 'not deferrable' },
    { columns: ['b'], table: 'other', refColumns: [] },
  ]);
  assert.equal(t.columns.map((c) => c.name), ['a', 'b', 'c']);
});

test('table PRIMARY KEY with AUTOINCREMENT inside the parens, and a conflict clause after them', () => {
  const t = table('CREATE TABLE t (id INTEGER, PRIMARY KEY (id AUTOINCREMENT) ON CONFLICT ROLLBACK)');
  assert.equal(t.primaryKey, { columns: ['id'], autoincrement: true, onConflict: 'rollback' });
  assert.is(t.columns[0]!.primaryKey, undefined);
});

test('columns named like keywords are columns, not table constraints', () => {
  const t = table(`CREATE TABLE t ("check" INT CHECK ("check" > 0), key TEXT, primary_flag BOOLEAN, [unique] INT,
    "constraint" TEXT, foreign_id INT, 'primary' INT)`);
  assert.equal(t.columns.map((c) => c.name), ['check', 'key', 'primary_flag', 'unique', 'constraint', 'foreign_id', 'primary']);
  assert.equal([t.primaryKey, t.uniques, t.checks, t.foreignKeys], [undefined, [], [], []]);
});

test('WITHOUT ROWID and STRICT, alone or together, in any case', () => {
  const flags = (options: string) => {
    const t = table(`CREATE TABLE t (k TEXT PRIMARY KEY, v INT) ${options}`);
    return [t.withoutRowid, t.strict];
  };
  assert.equal(flags(''), [false, false]);
  assert.equal(flags('WITHOUT ROWID'), [true, false]);
  assert.equal(flags('strict'), [false, true]);
  assert.equal(flags('Strict , without  /* ! */ rowid'), [true, true]);
});

test('CREATE TABLE ... AS SELECT leaves the columns to the pragma', () => {
  const t = table("CREATE TABLE t AS SELECT 1 AS a, 'x' AS b");
  assert.equal([t.name, t.asSelect, t.columns], ['t', true, []]);
});

// --- Indexes, virtual tables, triggers ------------------------------------------------------

test('index keys: columns, expressions, collations, orders', () => {
  const sql = `CREATE UNIQUE INDEX IF NOT EXISTS main.ix ON t (a, "b c" DESC, lower(d) COLLATE NOCASE ASC, a + 1, (e), 'f')`;
  const index = parseCreateIndex(valid(sql, 'CREATE TABLE t(a, "b c", d, e, f)'));
  assert.equal(index, {
    schema: 'main', name: 'ix', table: 't', unique: true,
    keys: [
      { column: 'a' },
      // a string if it named no column (the pragma says which)
      { column: 'b c', expression: '"b c"', order: 'desc' },
      { expression: 'lower(d)', collation: 'NOCASE', order: 'asc' },
      { expression: 'a + 1' },
      { column: 'e' },
      { column: 'f' },
    ],
  });
});

test('a COLLATE that binds to part of an index expression is not the key collation', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t(a, b);
    CREATE INDEX ix ON t(b || a COLLATE NOCASE, -a COLLATE NOCASE, (a) COLLATE RTRIM DESC,
      CASE WHEN a = 1 THEN b END COLLATE NOCASE)`);
  const { sql } = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'ix'").get() as { sql: string };
  assert.equal(parseCreateIndex(sql).keys, [
    { expression: 'b || a COLLATE NOCASE' },
    { expression: '-a', collation: 'NOCASE' },
    { column: 'a', collation: 'RTRIM', order: 'desc' },
    { expression: 'CASE WHEN a = 1 THEN b END', collation: 'NOCASE' },
  ]);
  checkEverySchemaObject(db); // pragma_index_xinfo agrees on columns and collations
  db.close();
});

test('partial index WHERE is the source text up to the end of the statement', () => {
  const sql = "CREATE INDEX ix ON t(a)\n WHERE a IS NOT NULL AND d IN ('x;', 'y')  ;";
  const index = parseCreateIndex(valid(sql, 'CREATE TABLE t(a, d)'));
  assert.equal([index.unique, index.where], [false, "a IS NOT NULL AND d IN ('x;', 'y')"]);
});

test('virtual tables: module and top-level arguments', () => {
  const vt = parseCreateVirtualTable(valid('CREATE VIRTUAL TABLE IF NOT EXISTS main.docs USING fts4(title, body, tokenize=porter)'));
  assert.equal(vt, { schema: 'main', name: 'docs', module: 'fts4', arguments: ['title', 'body', 'tokenize=porter'] });
  assert.equal(parseCreateVirtualTable(valid('CREATE VIRTUAL TABLE d USING fts4')).arguments, []);
  // Arbitrary module arguments need not satisfy any installed module, so this one is parsed only.
  const custom = parseCreateVirtualTable(`CREATE VIRTUAL TABLE v USING custom(a (b, c), 'x,y' , "q""r", f(1,2) /* z */)`);
  assert.equal(custom.arguments, ['a (b, c)', "'x,y'", '"q""r"', 'f(1,2) /* z */']);
});

test('trigger header: timing, event, UPDATE OF, FOR EACH ROW, WHEN', () => {
  const setup = 'CREATE TABLE t(a, begin, "b c"); CREATE VIEW v AS SELECT 1 AS x';
  const trg = parseCreateTrigger(valid(`CREATE TRIGGER IF NOT EXISTS main.trg AFTER UPDATE OF a, "b c" ON t FOR EACH ROW
    WHEN new.a > (SELECT max(x) FROM (SELECT 1 AS x)) AND new.begin = 'BEGIN' BEGIN UPDATE t SET a = 1; END`, setup));
  assert.equal(trg, {
    schema: 'main', name: 'trg', timing: 'after', event: 'update', columns: ['a', 'b c'], table: 't', forEachRow: true,
    when: "new.a > (SELECT max(x) FROM (SELECT 1 AS x)) AND new.begin = 'BEGIN'",
  });
  const instead = parseCreateTrigger(valid('create temporary trigger tr2 instead of delete on v begin select 1; end', setup));
  assert.equal(instead, { name: 'tr2', timing: 'instead of', event: 'delete', columns: [], table: 'v', forEachRow: false });
  assert.is(parseCreateTrigger(valid('CREATE TRIGGER tr3 INSERT ON t BEGIN SELECT 1; END', setup)).timing, 'before');
  // `begin` is not reserved: here it is first a column, then the body.
  const when = parseCreateTrigger(valid('CREATE TRIGGER tr4 BEFORE DELETE ON t WHEN begin BEGIN SELECT 1; END', setup)).when;
  assert.is(when, 'begin');
});

// --- Errors ---------------------------------------------------------------------------------

test('DdlParseError names what was expected and where', () => {
  const failure = (parse: () => unknown): DdlParseError => {
    try {
      parse();
    } catch (error) {
      assert.instance(error, DdlParseError);
      return error as DdlParseError;
    }
    throw new Error('expected a DdlParseError');
  };
  const wrongKind = failure(() => parseCreateTable('CREATE INDEX i ON t(a)'));
  assert.is(wrongKind.offset, 7);
  assert.match(wrongKind.message, "Expected TABLE at offset 7, found 'INDEX'");
  assert.match(failure(() => parseCreateTable('CREATE TABLE t (a INT')).message, 'found end of input');
  assert.match(failure(() => parseCreateTable("CREATE TABLE t (a DEFAULT 'x)")).message, 'closing');
  assert.match(failure(() => parseCreateIndex('CREATE INDEX i ON t(a) ORDER')).message, 'Expected the end of the statement');
  assert.instance(failure(() => parseCreateTrigger('CREATE TRIGGER x ON t BEGIN END')), Error);
});

// --- Whole databases ------------------------------------------------------------------------

test('unusual formatting agrees with the pragmas', () => {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE /* lead */ "weird ""name""" -- comment after the name
    (
      id INTEGER /* why not */ PRIMARY KEY AUTOINCREMENT,
      [bracket name] VARCHAR ( 10 , 2 ) /* x */ NOT NULL COLLATE NOCASE,
      \`back\`\`tick\` unsigned
          big /* mid-type */ int DEFAULT -1.5e3,
      'str col' TEXT DEFAULT 'it''s (a, b)',
      a INT CHECK ( a > 0 AND b IN ('x,)', 'y') ),
      b TEXT,
      g1 INT GENERATED ALWAYS AS ( a * 2 ) STORED,
      g2 AS (upper(b) || ')') VIRTUAL,
      名前 TEXT,
      CONSTRAINT "ck ""ab""" CHECK ( a > 0 AND b IN ('x,)', 'y') ),
      UNIQUE ( [bracket name] COLLATE nocase DESC, b )
      FOREIGN KEY (a) REFERENCES [strict one](k) ON DELETE SET NULL
    );
    CREATE TABLE [strict one] ( k TEXT PRIMARY KEY, v ANY, n integer NOT NULL DEFAULT (1 + 2) ) STRICT , WITHOUT ROWID;
    CREATE INDEX "ix weird" ON "weird ""name""" ( -- keys
      "bracket name" COLLATE RTRIM DESC, lower( b ) , (a) ) WHERE g1 > 0 /* only positive */;
    CREATE TRIGGER [trg weird] AFTER UPDATE OF b, 'a' ON "weird ""name""" FOR EACH ROW WHEN old.b IS NOT new.b
    BEGIN SELECT 1; END;
  `);
  const counts = checkEverySchemaObject(db);
  assert.equal(counts, { table: 3, index: 1, trigger: 1 }); // with sqlite_sequence

  const sqlOf = (name: string) => (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql;
  const weird = parseCreateTable(sqlOf('weird "name"'));
  assert.equal(weird.columns.map((c) => c.name), ['id', 'bracket name', 'back`tick', 'str col', 'a', 'b', 'g1', 'g2', '名前']);
  assert.equal(weird.columns[0]!.primaryKey, { autoincrement: true });
  assert.is(weird.columns[1]!.type, 'VARCHAR ( 10 , 2 )');
  assert.is(weird.columns[2]!.type, 'unsigned\n          big /* mid-type */ int');
  assert.is(weird.columns[3]!.default, "'it''s (a, b)'");
  assert.equal(weird.columns[4]!.checks, [{ expression: "a > 0 AND b IN ('x,)', 'y')", column: 'a' }]);
  assert.equal(weird.checks, [{ name: 'ck "ab"', expression: "a > 0 AND b IN ('x,)', 'y')" }]);
  assert.equal(weird.columns.map((c) => c.generated?.expression), [undefined, undefined, undefined, undefined, undefined,
    undefined, 'a * 2', "upper(b) || ')'", undefined]);
  // The keys only because one says more than its name: UNIQUE (a) and UNIQUE (a COLLATE NOCASE) are two indexes.
  assert.equal(weird.uniques, [{ columns: ['bracket name', 'b'], keys: [{ column: 'bracket name', collation: 'nocase', order: 'desc' }, { column: 'b' }] }]);
  assert.equal(weird.foreignKeys, [{ columns: ['a'], table: 'strict one', refColumns: ['k'], onDelete: 'set null' }]);

  const strict = parseCreateTable(sqlOf('strict one'));
  assert.equal([strict.strict, strict.withoutRowid, strict.columns[2]!.default], [true, true, '(1 + 2)']);

  assert.is(parseCreateIndex(sqlOf('ix weird')).where, 'g1 > 0 /* only positive */');
  assert.equal(parseCreateTrigger(sqlOf('trg weird')).columns, ['b', 'a']);
  db.close();
});

test('a column\'s DEFERRABLE with no REFERENCES of its own amends an earlier column\'s key, as SQLite applies it', () => {
  const db = new Database(':memory:');
  db.exec(`
    PRAGMA foreign_keys = ON;
    CREATE TABLE p (id INTEGER PRIMARY KEY);
    CREATE TABLE c (a INT REFERENCES p(id), b INT DEFERRABLE INITIALLY DEFERRED);
    CREATE TABLE c2 (a INT REFERENCES p(id), b INT DEFERRABLE INITIALLY DEFERRED, e INT NOT DEFERRABLE);
  `);
  // SQLite defers c's key on a (a dangling row passes until COMMIT); in c2 e's NOT DEFERRABLE, written last, undoes it.
  db.exec('BEGIN; INSERT INTO c (a) VALUES (5); ROLLBACK;');
  assert.throws(() => db.exec('BEGIN; INSERT INTO c2 (a) VALUES (5);'), /FOREIGN KEY/);
  db.exec('ROLLBACK');
  const keys = (name: string) => parseCreateTable((db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql).foreignKeys;
  assert.equal(keys('c'), [{ columns: ['a'], table: 'p', refColumns: ['id'], deferrable: 'deferrable', initially: 'deferred' }]);
  assert.equal(keys('c2'), [{ columns: ['a'], table: 'p', refColumns: ['id'], deferrable: 'not deferrable' }]);
  assert.equal(table('CREATE TABLE c (a INT REFERENCES p DEFERRABLE INITIALLY DEFERRED, b INT DEFERRABLE)').foreignKeys,
    [{ columns: ['a'], table: 'p', refColumns: [], deferrable: 'deferrable' }]);
  db.close();
});

test('several keys on one column, column-level and table-level, are listed in the order SQLite numbers them by', () => {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
    CREATE TABLE c (
      a INT CONSTRAINT by_id REFERENCES p(id),
      b INT REFERENCES p(id) ON DELETE CASCADE REFERENCES p(code) DEFERRABLE INITIALLY DEFERRED,
      d INT,
      CONSTRAINT by_code FOREIGN KEY (a) REFERENCES p(code),
      FOREIGN KEY (d) REFERENCES p(id) ON UPDATE CASCADE, FOREIGN KEY (d) REFERENCES p(id) ON DELETE SET NULL);
  `);
  checkEverySchemaObject(db); // foreignKeys reversed is pragma_foreign_key_list by id
  const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'c'").get() as { sql: string }).sql;
  assert.equal(parseCreateTable(sql).foreignKeys.map((fk) => `${fk.columns[0]}→${fk.refColumns?.[0]}`), ['a→id', 'b→id', 'b→code', 'a→code', 'd→id', 'd→id']);
  db.close();
});

for (const file of ['chinook', 'sakila', 'zabbix', 'synapse']) {
  test(`corpus ${file}.sql: every stored CREATE parses and agrees with the pragmas`, () => {
    const db = new Database(':memory:');
    db.exec(readFileSync(join(CORPUS_DIR, `${file}.sql`), 'utf8'));
    const counts = checkEverySchemaObject(db);
    assert.ok((counts.table ?? 0) > 0, `${file}: tables checked`);
    db.close();
  });
}

test.run();
