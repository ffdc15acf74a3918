// One scenario per kind of change on a real SQLite database: the schema before and after, read
// through the SQLite dialect, and the changes (with their impact) the diff must report.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { changeLines } from '../../helpers/models.js';
import { sqliteSnapshot } from '../../helpers/sqlite-models.js';

const USERS = 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);';

const SCENARIOS: [name: string, before: string, after: string, expected: string[]][] = [
  ['add a column at the end', USERS, `${USERS} ALTER TABLE users ADD COLUMN age INTEGER;`, ['add column main.users.age (safe)']],
  ['drop a column', USERS, `${USERS} ALTER TABLE users DROP COLUMN name;`, ['remove column main.users.name (breaking)']],
  ['add a NOT NULL column with a default', USERS, `${USERS} ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'new';`, ['add column main.users.status (safe)']],
  ['rename a column (a hinted pair)', USERS, `${USERS} ALTER TABLE users RENAME COLUMN name TO full_name;`, [
    'remove column main.users.name (breaking) [likely renamed to main.users.full_name]',
    'add column main.users.full_name (safe) [likely renamed from main.users.name]',
  ]],
  ['rename a table (a hinted pair)', USERS, `${USERS} ALTER TABLE users RENAME TO people;`, [
    'add table main.people (safe) [likely renamed from main.users]',
    'remove table main.users (breaking) [likely renamed to main.people]',
  ]],
  ['change only the case of a table name', 'CREATE TABLE USERS (id INTEGER);', 'CREATE TABLE users (id INTEGER);', ['rename table main.users "USERS" → "users" (safe)']],
  ['change only the case of a column that an index, a key and a foreign key use', 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE foo (id INTEGER PRIMARY KEY, a INT UNIQUE REFERENCES p(id)); CREATE INDEX foo_a ON foo(a DESC);',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE foo (id INTEGER PRIMARY KEY, a INT UNIQUE REFERENCES p(id)); CREATE INDEX foo_a ON foo(a DESC); ALTER TABLE foo RENAME COLUMN a TO A;', [
      'rename column main.foo.A "a" → "A" (safe)',
    ]],
  // SQLite folds ASCII letters only: Éclair and éclair are two names, so this is no case change
  ['change a non-ASCII letter\'s case', 'CREATE TABLE "Éclair" (id INTEGER, "Été" INT);', 'CREATE TABLE "Éclair" (id INTEGER, "été" INT);', [
    'remove column main.Éclair.Été (breaking) [likely renamed to main.Éclair.été]',
    'add column main.Éclair.été (safe) [likely renamed from main.Éclair.Été]',
  ]],
  ['change a non-ASCII letter\'s case in a table name', 'CREATE TABLE "Été" (id INTEGER);', 'CREATE TABLE "été" (id INTEGER);', [
    'remove table main.Été (breaking) [likely renamed to main.été]',
    'add table main.été (safe) [likely renamed from main.Été]',
  ]],
  ['change a type by rebuilding', 'CREATE TABLE t (a INTEGER, b TEXT);', 'CREATE TABLE t (a REAL, b INTEGER);', [
    'modify column main.t.a type: "INTEGER" → "REAL" (caution)',
    'modify column main.t.b type: "TEXT" → "INTEGER" (breaking)',
  ]],
  ['NOT NULL, default and collation', 'CREATE TABLE t (a TEXT, b TEXT DEFAULT \'x\', c TEXT);', 'CREATE TABLE t (a TEXT NOT NULL, b TEXT DEFAULT \'y\', c TEXT COLLATE NOCASE);', [
    'modify column main.t.a nullable: true → false (breaking)',
    `modify column main.t.b default: "'x'" → "'y'" (caution)`,
    'modify column main.t.c collation: null → "NOCASE" (caution)',
  ]],
  // Without NOCASE the unique key takes 'A' and 'a' for two values, and WHERE code = 'a' misses 'A'
  ['a collation dropped from a unique column and from another', 'CREATE TABLE t (code TEXT UNIQUE COLLATE NOCASE, note TEXT COLLATE NOCASE);', 'CREATE TABLE t (code TEXT UNIQUE, note TEXT);', [
    'modify column main.t.code collation: "NOCASE" → null (breaking)',
    'modify column main.t.note collation: "NOCASE" → null (caution)',
  ]],
  // INTEGER PRIMARY KEY is the rowid: an insert without an id gets one; under INT PRIMARY KEY it stores NULL
  ['a key column that stops being the rowid', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x INT);', 'CREATE TABLE t (id INT PRIMARY KEY, x INT);', [
    'modify column main.t.id type: "INTEGER" → "INT" (breaking)',
    'modify column main.t.id nullable: false → true (caution)',
  ]],
  // By SQLite's quirk a column declared INTEGER PRIMARY KEY DESC is no rowid alias: INSERT INTO t (x) stores a NULL id.
  ['a key column that stops being the rowid by DESC', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x INT);', 'CREATE TABLE t (id INTEGER PRIMARY KEY DESC, x INT);', [
    'modify column main.t.id nullable: false → true (caution)',
    'modify primary_key main.t.primary_key options.key_parts: null → "id DESC" (breaking)',
  ]],
  // A column added as the rowid's alias is filled by the rowid, as a NOT NULL column with a default would be.
  ['a column added as INTEGER PRIMARY KEY (the rowid) is safe; as INT PRIMARY KEY, NOT NULL with no default, breaking',
    'CREATE TABLE t (a INT); CREATE TABLE u (a INT);', 'CREATE TABLE t (a INT, id INTEGER, PRIMARY KEY (id)); CREATE TABLE u (a INT, id INT NOT NULL, PRIMARY KEY (id));', [
      'add column main.t.id (safe)',
      'add primary_key main.t.primary_key (caution)',
      'add column main.u.id (breaking)',
      'add primary_key main.u.primary_key (caution)',
    ]],
  // Both at once: each of the two changes takes the rowid away, judged from the table as it was.
  ['a key column retyped and made DESC', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x INT);', 'CREATE TABLE t (id INT PRIMARY KEY DESC, x INT);', [
    'modify column main.t.id type: "INTEGER" → "INT" (breaking)',
    'modify column main.t.id nullable: false → true (caution)',
    'modify primary_key main.t.primary_key options.key_parts: null → "id DESC" (breaking)',
  ]],
  // PRIMARY KEY (id DESC) as a table constraint keeps the rowid alias; dropping the column's DESC makes it one again.
  ['a key column that becomes the rowid again', 'CREATE TABLE t (id INTEGER PRIMARY KEY DESC, x INT);', 'CREATE TABLE t (id INTEGER, x INT, PRIMARY KEY (id DESC));', [
    'modify column main.t.id nullable: true → false (caution)',
    'modify primary_key main.t.primary_key options.key_parts: "id DESC" → null (caution)',
  ]],
  ['reorder columns', 'CREATE TABLE t (a INT, b INT, c INT);', 'CREATE TABLE t (b INT, a INT, c INT);', ['modify column main.t.a position: 1 → 2 (breaking) [an INSERT … VALUES without a column list now writes its values into other columns, and SELECT * reads them in another order]']],
  // The rowid alias is NOT NULL, but an insert giving it NULL (or leaving it out) gets a new id: no insert fails for that.
  ['primary key and AUTOINCREMENT', 'CREATE TABLE t (id INTEGER, x INT);', 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x INT);', [
    'modify column main.t.id nullable: true → false (caution)',
    'modify column main.t.id auto_increment: false → true (caution)',
    'add primary_key main.t.primary_key (caution)',
  ]],
  // Without AUTOINCREMENT the rowid still fills it (ids of deleted rows may come back): INSERT INTO t (x) still works.
  ['AUTOINCREMENT dropped from the rowid alias', 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, x INT);', 'CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, x INT);', [
    'modify column main.t.id auto_increment: true → false (caution)',
  ]],
  ['a NOT NULL column that is not the rowid still breaks inserts giving NULL', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x INT);', 'CREATE TABLE t (id INTEGER PRIMARY KEY, x INT NOT NULL);', [
    'modify column main.t.x nullable: true → false (breaking)',
  ]],
  ['indexes: add, drop, rename, uniqueness, predicate', `${USERS} CREATE INDEX by_name ON users(name); CREATE UNIQUE INDEX by_email ON users(email); CREATE INDEX old_name ON users(id, name); CREATE INDEX partial ON users(name) WHERE id > 0;`,
    `${USERS} CREATE INDEX new_name ON users(id, name); CREATE INDEX by_email ON users(email); CREATE INDEX partial ON users(name) WHERE id > 10; CREATE INDEX by_both ON users(email, name DESC);`, [
      'modify index main.users.by_email unique: true → false (breaking)',
      'remove index main.users.by_name (caution)',
      'rename index main.users.new_name "old_name" → "new_name" (breaking)',
      'modify index main.users.partial where: "id > 0" → "id > 10" (caution)',
      'add index main.users.by_both (safe)',
    ]],
  ['unique constraints', USERS, 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, CONSTRAINT u_name UNIQUE (name));', [
    'add unique_constraint main.users.unique(email) (caution)',
    'add unique_constraint main.users.u_name (caution)',
  ]],
  ['checks, named and unnamed', 'CREATE TABLE t (a INT CHECK (a > 0), b INT, CONSTRAINT ck_b CHECK (b > 0));', 'CREATE TABLE t (a INT CHECK (a > 1), b INT, CONSTRAINT ck_b CHECK (b >= 0));', [
    'remove check main.t.check(a > 0) (safe)',
    'modify check main.t.ck_b expression: "b > 0" → "b >= 0" (caution)',
    'add check main.t.check(a > 1) (caution)',
  ]],
  ['foreign keys: action changed, key added', 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INT, p_id INT REFERENCES p(id), q_id INT);',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INT, p_id INT REFERENCES p(id) ON DELETE CASCADE, q_id INT REFERENCES p(id));', [
      'modify foreign_key main.c.foreign_key(p_id) on_delete: "no action" → "cascade" (caution)',
      'add foreign_key main.c.foreign_key(q_id) (caution)',
    ]],
  // Both keys are labelled foreign_key(x): the changed one is paired with its new self, not with the other.
  ['two unnamed foreign keys of one column, one changed', 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE q (id INTEGER PRIMARY KEY); CREATE TABLE c (x INT REFERENCES p(id) ON DELETE CASCADE, FOREIGN KEY (x) REFERENCES q(id));',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE q (id INTEGER PRIMARY KEY); CREATE TABLE c (x INT REFERENCES p(id), FOREIGN KEY (x) REFERENCES q(id));', [
      'modify foreign_key main.c.foreign_key(x) on_delete: "cascade" → "no action" (breaking)',
    ]],
  ['triggers: added, changed, dropped', `${USERS} CREATE TABLE log (x TEXT); CREATE TRIGGER t_del AFTER DELETE ON users BEGIN INSERT INTO log VALUES ('d'); END; CREATE TRIGGER t_upd AFTER UPDATE ON users BEGIN INSERT INTO log VALUES ('u'); END;`,
    `${USERS} CREATE TABLE log (x TEXT); CREATE TRIGGER t_upd AFTER UPDATE OF email ON users BEGIN INSERT INTO log VALUES ('u'); END; CREATE TRIGGER t_ins AFTER INSERT ON users BEGIN INSERT INTO log VALUES ('i'); END;`, [
      'remove trigger main.users.t_del (caution)',
      'modify trigger main.users.t_upd columns: null → ["email"] (caution)',
      'add trigger main.users.t_ins (caution)',
    ]],
  ['a trigger\'s name respelled in another case is renamed, as an index\'s is', `${USERS} CREATE INDEX by_name ON users(name); CREATE TRIGGER tr AFTER DELETE ON users BEGIN SELECT 1; END;`,
    `${USERS} CREATE INDEX BY_NAME ON users(name); CREATE TRIGGER TR BEFORE DELETE ON users BEGIN SELECT 1; END;`, [
      'rename index main.users.BY_NAME "by_name" → "BY_NAME" (safe)',
      'rename trigger main.users.TR "tr" → "TR" (safe)',
      'modify trigger main.users.TR timing: "after" → "before" (caution)',
    ]],
  ['a trigger body whose string literal changed case only is a change', `${USERS} CREATE TABLE log (x TEXT); CREATE TRIGGER tr AFTER DELETE ON users BEGIN INSERT INTO log VALUES ('d'); END;`,
    `${USERS} CREATE TABLE log (x TEXT); CREATE TRIGGER tr AFTER DELETE ON users BEGIN INSERT INTO log VALUES ('D'); END;`, [
      `modify trigger main.users.tr definition: "CREATE TRIGGER tr AFTER DELETE ON users BEGIN INSERT INTO log VALUES ('d'); END" → "CREATE TRIGGER tr AFTER DELETE ON users BEGIN INSERT INTO log VALUES ('D'); END" (caution)`,
    ]],
  ['a trigger header that spells out its defaults (BEFORE, FOR EACH ROW) is no change', `${USERS} CREATE TRIGGER tr DELETE ON users BEGIN SELECT 1; END; CREATE TRIGGER "main"."tr2" AFTER INSERT ON users BEGIN SELECT 1; END;`,
    `${USERS} CREATE TRIGGER tr BEFORE DELETE ON users FOR EACH ROW BEGIN SELECT 1; END; CREATE TRIGGER IF NOT EXISTS "main"."tr2" AFTER INSERT ON users FOR EACH ROW BEGIN SELECT 1; END;`, []],
  // SQLite fires an UPDATE OF trigger when any column of the list is set: the list is a set.
  ['a trigger\'s UPDATE OF list in another order is no change; a column added to it is', `${USERS} CREATE TRIGGER tr AFTER UPDATE OF email, name ON users BEGIN SELECT 1; END; CREATE TRIGGER tr2 AFTER UPDATE OF email, name ON users BEGIN SELECT 1; END;`,
    `${USERS} CREATE TRIGGER tr AFTER UPDATE OF "Name", email ON users BEGIN SELECT 1; END; CREATE TRIGGER tr2 AFTER UPDATE OF name, id, email ON users BEGIN SELECT 1; END;`, [
      'modify trigger main.users.tr2 columns: ["email","name"] → ["name","id","email"] (caution)',
    ]],
  ['a trigger\'s WHEN condition wrapped in parentheses is no change; another condition is', `${USERS} CREATE TRIGGER tr AFTER UPDATE ON users WHEN new.id>0 BEGIN SELECT 1; END; CREATE TRIGGER tr2 AFTER UPDATE ON users WHEN new.id > 0 BEGIN SELECT 1; END;`,
    `${USERS} CREATE TRIGGER tr AFTER UPDATE ON users WHEN ((NEW.id > 0)) BEGIN SELECT 1; END; CREATE TRIGGER tr2 AFTER UPDATE ON users WHEN (new.id > 0) AND (new.id < 9) BEGIN SELECT 1; END;`, [
      'modify trigger main.users.tr2 when: "new.id > 0" → "(new.id > 0) AND (new.id < 9)" (caution)',
    ]],
  ['a body\'s CASE WHEN, past a FOR EACH ROW, is no trigger condition: a change to it is one', `${USERS} CREATE TRIGGER tr AFTER DELETE ON users FOR EACH ROW BEGIN SELECT CASE WHEN (old.id > 0) THEN 1 END; END;`,
    `${USERS} CREATE TRIGGER tr AFTER DELETE ON users FOR EACH ROW BEGIN SELECT CASE WHEN old.id > 0 THEN 1 END; END;`, [
      'modify trigger main.users.tr definition: "CREATE TRIGGER tr AFTER DELETE ON users FOR EACH ROW BEGIN SELECT CASE WHEN (old.id > 0) THEN 1 END; END" → "CREATE TRIGGER tr AFTER DELETE ON users FOR EACH ROW BEGIN SELECT CASE WHEN old.id > 0 THEN 1 END; END" (caution)',
    ]],
  // SQLite has no SET CONSTRAINTS: a key is deferred only when declared INITIALLY DEFERRED, and DEFERRABLE alone is immediate.
  ['a foreign key respelled among its immediate forms (none, DEFERRABLE, DEFERRABLE INITIALLY IMMEDIATE) is no change',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (a INT REFERENCES p(id) DEFERRABLE INITIALLY IMMEDIATE, b INT REFERENCES p(id) DEFERRABLE, d INT REFERENCES p(id), e INT REFERENCES p(id) NOT DEFERRABLE INITIALLY DEFERRED);',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (a INT REFERENCES p(id), b INT REFERENCES p(id) NOT DEFERRABLE, d INT REFERENCES p(id) DEFERRABLE INITIALLY IMMEDIATE, e INT REFERENCES p(id) DEFERRABLE);', []],
  ['a foreign key no longer INITIALLY DEFERRED is one breaking change; made so, one caution',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (a INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, b INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, d INT REFERENCES p(id), e INT REFERENCES p(id) DEFERRABLE);',
    'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (a INT REFERENCES p(id), b INT REFERENCES p(id) ON DELETE CASCADE DEFERRABLE, d INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, e INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);', [
      'modify foreign_key main.c.foreign_key(a) initially_deferred: true → false (breaking)',
      'modify foreign_key main.c.foreign_key(b) on_delete: "no action" → "cascade" (caution)',
      'modify foreign_key main.c.foreign_key(b) initially_deferred: true → false (breaking)',
      'modify foreign_key main.c.foreign_key(d) initially_deferred: false → true (caution)',
      'modify foreign_key main.c.foreign_key(e) initially_deferred: false → true (caution)',
    ]],
  ['views: definition and columns', `${USERS} CREATE VIEW v AS SELECT id FROM users;`, `${USERS} CREATE VIEW v AS SELECT id, email FROM users;`, [
    'modify view main.v definition: "CREATE VIEW v AS SELECT id FROM users" → "CREATE VIEW v AS SELECT id, email FROM users" (caution)',
    'add column main.v.email (safe)',
  ]],
  ['views added and dropped', `${USERS} CREATE VIEW old AS SELECT 1;`, `${USERS} CREATE VIEW fresh AS SELECT 2;`, ['add view main.fresh (safe)', 'remove view main.old (breaking)']],
  // WITHOUT ROWID: `INSERT INTO t (v)` no longer gets an id (NOT NULL constraint failed: t.id), and `rowid` is gone.
  ['table options: WITHOUT ROWID, STRICT', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) STRICT, WITHOUT ROWID;', [
    'modify table main.t options.strict: null → true (caution)',
    'modify table main.t options.without_rowid: null → true (breaking)',
  ]],
  // Made STRICT, a table refuses what its column types do not take (options.strict); a type respelled within its affinity changes nothing else.
  ['STRICT added with column types respelled: each type judged by affinity, as the old table stored by it',
    'CREATE TABLE t (a VARCHAR(10), b INT, c REAL, d TEXT);', 'CREATE TABLE t (a TEXT, b INTEGER, c INT, d INT) STRICT;', [
      'modify table main.t options.strict: null → true (caution)',
      'modify column main.t.a type: "VARCHAR(10)" → "TEXT" (safe)',
      'modify column main.t.b type: "INT" → "INTEGER" (safe)',
      'modify column main.t.c type: "REAL" → "INT" (caution)',
      'modify column main.t.d type: "TEXT" → "INT" (breaking)',
    ]],
  ['a WITHOUT ROWID table made a rowid table again', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID;', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);', [
    'modify table main.t options.without_rowid: true → null (caution)',
  ]],
  // Each changes what a write does: a duplicate ignored or replaced, a NULL replaced by the
  // default, case-insensitive uniqueness, and a key column that is no longer the rowid (and may hold NULL).
  ['key order, key collation and ON CONFLICT', 'CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, a TEXT NOT NULL, k TEXT, l INT, UNIQUE (k, l));',
    'CREATE TABLE t (id INTEGER PRIMARY KEY DESC, email TEXT UNIQUE ON CONFLICT IGNORE, a TEXT NOT NULL ON CONFLICT REPLACE, k TEXT, l INT, UNIQUE (k COLLATE NOCASE, l DESC));', [
      'modify column main.t.id nullable: false → true (caution)',
      'modify column main.t.a options.on_conflict: null → "replace" (caution)',
      'modify primary_key main.t.primary_key options.key_parts: null → "id DESC" (breaking)',
      'modify unique_constraint main.t.unique(email) options.on_conflict: null → "ignore" (caution)',
      'modify unique_constraint main.t.unique(k, l) options.key_parts: null → "k COLLATE NOCASE, l DESC" (caution)',
    ]],
  ['equivalent key spellings are no change', 'CREATE TABLE t (id INTEGER, x TEXT COLLATE NOCASE UNIQUE, y INT NOT NULL, PRIMARY KEY (id DESC));',
    'CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT ABORT, x TEXT COLLATE NOCASE, y INT NOT NULL ON CONFLICT ABORT, UNIQUE (x COLLATE nocase ASC));', []],
  ['a collation that is already the one in force is no change', 'CREATE TABLE t (a TEXT, b TEXT COLLATE NOCASE); CREATE INDEX ia ON t(a); CREATE INDEX ib ON t(b);',
    'CREATE TABLE t (a TEXT COLLATE BINARY, b TEXT COLLATE NOCASE); CREATE INDEX ia ON t(a COLLATE BINARY); CREATE INDEX ib ON t(b COLLATE nocase);', []],
  // SQLite reports a key's collation as the statement spells it; its names ignore case.
  ['a key collation respelled in another case is no change', 'CREATE TABLE t (id INTEGER, k TEXT, PRIMARY KEY (id DESC), UNIQUE (k COLLATE NOCASE)) WITHOUT ROWID;',
    'CREATE TABLE t (id INTEGER, k TEXT, PRIMARY KEY (ID desc), UNIQUE (k COLLATE nocase)) WITHOUT ROWID;', []],
  ['an index key that stops collating as its column is a change', 'CREATE TABLE t (b TEXT COLLATE NOCASE); CREATE INDEX ib ON t(b);', 'CREATE TABLE t (b TEXT COLLATE NOCASE); CREATE INDEX ib ON t(b COLLATE BINARY);', [
    'modify index main.t.ib columns: ["b"] → [{"column":"b","collation":"BINARY"}] (caution)',
  ]],
  // A table rebuilt by a migration tool comes back in the tool's spelling: the same SQL to SQLite.
  ['the same SQL respelled (spacing, comments, case, quoted names) is no change',
    `CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, g INT AS (a*2), d INT DEFAULT (1+2), c INT CHECK(c>0), e TEXT COLLATE nocase);
     CREATE INDEX ie ON t(a+1); CREATE INDEX ip ON t(a) WHERE a > 0; CREATE VIEW v AS SELECT a FROM t;
     CREATE TRIGGER tr AFTER UPDATE ON t WHEN new.a > 0 BEGIN UPDATE t SET d = 0 WHERE id = new.id; END;`,
    `CREATE TABLE "t" ( id INTEGER PRIMARY KEY, a INT, g INT AS ( "a" * 2 ), d INT DEFAULT ( 1 + 2 ) /* three */, c INT CHECK (C > 0), e TEXT COLLATE NOCASE );
     CREATE INDEX ie ON t( a + 1 ); CREATE INDEX ip ON t(a) WHERE a>0; create view v as select "a" from t;
     CREATE TRIGGER tr AFTER UPDATE ON t WHEN NEW.a > 0 BEGIN
       UPDATE t SET d = 0 WHERE id = new.id; -- reset
     END;`, []],
  // SQLite folds A–Z only, and reads a double-quoted word that names no column as a string.
  ['a name whose non-ASCII letter changed case, or a double-quoted word in another case, is a change',
    `CREATE TABLE u ("Ä" INT, "ä" INT, s TEXT, CONSTRAINT k CHECK ("Ä" > 0)); CREATE VIEW uv AS SELECT s FROM u WHERE s = "Active"; CREATE INDEX ue ON u(abs("Ä"));`,
    `CREATE TABLE u ("Ä" INT, "ä" INT, s TEXT, CONSTRAINT k CHECK ("ä" > 0)); CREATE VIEW uv AS SELECT s FROM u WHERE s = "active"; CREATE INDEX ue ON u(abs("ä"));`, [
      'modify index main.u.ue columns: [{"expression":"abs(\\"Ä\\")"}] → [{"expression":"abs(\\"ä\\")"}] (caution)',
      'modify check main.u.k expression: "\\"Ä\\" > 0" → "\\"ä\\" > 0" (caution)',
      'modify view main.uv definition: "CREATE VIEW uv AS SELECT s FROM u WHERE s = \\"Active\\"" → "CREATE VIEW uv AS SELECT s FROM u WHERE s = \\"active\\"" (caution)',
    ]],
  // SQLite names ignore A–Z case, quoted or not: in a table's own expressions only its columns are in scope.
  ['a column named in quotes in another case is no change in a table\'s own expressions; a qualified name in quotes is none anywhere',
    `CREATE TABLE d (s TEXT, qty INT, CHECK (length("S") > 0)); CREATE INDEX dq ON d(s) WHERE qty > 0; CREATE INDEX de ON d(abs(qty));
     CREATE TRIGGER tr AFTER INSERT ON d BEGIN UPDATE d SET qty = 0 WHERE rowid = NEW.rowid; END;`,
    `CREATE TABLE d (s TEXT, qty INT, CHECK (length(s) > 0)); CREATE INDEX dq ON d(s) WHERE "QTY" > 0; CREATE INDEX de ON d(abs("Qty"));
     CREATE TRIGGER tr AFTER INSERT ON d BEGIN UPDATE d SET qty = 0 WHERE rowid = "NEW"."ROWID"; END;`, []],
  ['a column named in quotes made a string literal is a change',
    'CREATE TABLE d (s TEXT, t TEXT, CONSTRAINT k CHECK (s <> "t"));', "CREATE TABLE d (s TEXT, t TEXT, CONSTRAINT k CHECK (s <> 't'));", [
      'modify check main.d.k expression: "s <> \\"t\\"" → "s <> \'t\'" (caution)',
    ]],
  // Parentheses around a whole WHERE condition, in a view's query and a trigger's statements as in a predicate.
  ['a WHERE or HAVING condition written in parentheses or without is no change; a row value that opens one is kept',
    `CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT);
     CREATE VIEW v AS SELECT a FROM t WHERE (a > 0) ORDER BY a; CREATE VIEW w AS SELECT a FROM t WHERE ((a > 0));
     CREATE VIEW s AS SELECT a FROM t WHERE a IN (SELECT b FROM t WHERE (b > 1)) GROUP BY a HAVING (count(*) > 1);
     CREATE VIEW q AS SELECT a FROM t WHERE (a, b) = (1, 2);
     CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1 WHERE (a > 0); DELETE FROM t WHERE ((b < 0)); END;`,
    `CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT);
     CREATE VIEW v AS SELECT a FROM t WHERE a > 0 ORDER BY a; CREATE VIEW w AS SELECT a FROM t WHERE (a > 0);
     CREATE VIEW s AS SELECT a FROM t WHERE (a IN (SELECT b FROM t WHERE b > 1)) GROUP BY a HAVING count(*) > 1;
     CREATE VIEW q AS SELECT a FROM t WHERE a = 1 AND b = 2;
     CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1 WHERE a > 0; DELETE FROM t WHERE b < 0; END;`, [
      'modify view main.q definition: "CREATE VIEW q AS SELECT a FROM t WHERE (a, b) = (1, 2)" → "CREATE VIEW q AS SELECT a FROM t WHERE a = 1 AND b = 2" (caution)',
    ]],
  // Alembic's batch mode writes every check on the table; SQLite checks one written on a column alike.
  ['a check moved between its column and the table, respelled, is no change; one that also changed is',
    'CREATE TABLE t (qty INT NOT NULL CHECK ("qty" >= 0), b INT CONSTRAINT ck_b CHECK (b > 0), c INT CHECK (c > 0));',
    'CREATE TABLE t (qty INT NOT NULL, b INT, c INT, CHECK (qty >= 0), CONSTRAINT ck_b CHECK ("b" > 0), CHECK (c > 1));', [
      'remove check main.t.check(c > 0) (safe)',
      'add check main.t.check(c > 1) (caution)',
    ]],
  ['a qualified name quoted part by part (t.a as "t"."a", new.a as NEW."a") is no change',
    `CREATE TABLE t (a INT, b INT CHECK (t.b >= 0)); CREATE INDEX ia ON t(a) WHERE t.a > 0; CREATE VIEW v AS SELECT t.a FROM t;
     CREATE TRIGGER tr AFTER INSERT ON t WHEN new.a > 0 BEGIN UPDATE t SET b = new.a WHERE main.t.a = 1.5; END;`,
    `CREATE TABLE t (a INT, b INT CHECK ("t"."b" >= 0)); CREATE INDEX ia ON t(a) WHERE "t".a > 0; CREATE VIEW v AS SELECT "t"."a" FROM t;
     CREATE TRIGGER tr AFTER INSERT ON t WHEN NEW."a" > 0 BEGIN UPDATE t SET b = new . a WHERE "main"."t"."a" = 1.5; END;`, []],
  // A rebuild may write a predicate, default, key expression or check with parentheses around it or without.
  ['parentheses around a whole text are no change; parentheses that regroup it are a change',
    `CREATE TABLE t (a INT, d INT DEFAULT (1+2), e INT DEFAULT ((1+2)*3), c INT CHECK (c>0), g INT AS (a*2));
     CREATE INDEX ie ON t(a+1); CREATE INDEX ip ON t(a) WHERE a > 0;`,
    `CREATE TABLE t (a INT, d INT DEFAULT ((1+2)), e INT DEFAULT (1+2*3), c INT CHECK ((c>0)), g INT AS ((a*2)));
     CREATE INDEX ie ON t((a+1)); CREATE INDEX ip ON t(a) WHERE (a > 0);`, [
      'modify column main.t.e default: "(1+2)*3" → "1+2*3" (caution)',
    ]],
  // A default that is one name is a string to SQLite, in the case it was written: "Active" stores Active.
  ['a one-name default is its text: its quotes are no change, its letter case is',
    `CREATE TABLE t (a TEXT DEFAULT "Active", b TEXT DEFAULT Open, c TEXT DEFAULT [x y], d TEXT DEFAULT "it's", e TEXT DEFAULT NULL);`,
    `CREATE TABLE t (a TEXT DEFAULT 'Active', b TEXT DEFAULT "Open", c TEXT DEFAULT 'x y', d TEXT DEFAULT 'it''s', e TEXT DEFAULT null);`, []],
  ['a one-name default in another letter case is another value',
    'CREATE TABLE t (a TEXT DEFAULT "Active", b TEXT DEFAULT Open);',
    'CREATE TABLE t (a TEXT DEFAULT "active", b TEXT DEFAULT OPEN);', [
      'modify column main.t.a default: "\\"Active\\"" → "\\"active\\"" (caution)',
      'modify column main.t.b default: "Open" → "OPEN" (caution)',
    ]],
  // SQLite stores a numeric default as its value: +1, (1), 0x1 and TRUE are the integer 1; 1.0 is a real.
  ['a number written another way is the same default; an integer made a real is not',
    'CREATE TABLE t (a INT DEFAULT 1, b INT DEFAULT 0x10, c REAL DEFAULT 1e3, d INT DEFAULT TRUE, e INT DEFAULT -2, f INT DEFAULT 1);',
    'CREATE TABLE t (a INT DEFAULT +1, b INT DEFAULT 16, c REAL DEFAULT 1000.0, d INT DEFAULT (1), e INT DEFAULT (- 2), f INT DEFAULT 1.0);', [
      'modify column main.t.f default: "1" → "1.0" (caution)',
    ]],
  // SQLite stores a hex literal as a 64-bit two's complement integer, and reads 1_00 as 100; a decimal past 64 bits is a real.
  ['a hex literal past 2^63, digits written with separators or an integer too big for 64 bits are the value SQLite stores',
    'CREATE TABLE t (a INT DEFAULT 0xFFFFFFFFFFFFFFFF, b INT DEFAULT 1_00, c INT DEFAULT 0x8000000000000000, d INT DEFAULT -0xFFFFFFFFFFFFFFFF, e REAL DEFAULT 1_0.5e1_0, f INT DEFAULT 9223372036854775808, g INT DEFAULT 0x1_0, h INT DEFAULT -9223372036854775808);',
    'CREATE TABLE t (a INT DEFAULT -1, b INT DEFAULT 100, c INT DEFAULT -9223372036854775808, d INT DEFAULT 1, e REAL DEFAULT 105000000000.0, f INT DEFAULT 9223372036854775808.0, g INT DEFAULT 16, h INT DEFAULT (-9223372036854775808));', []],
  ['a hex literal of another value, or a real in place of the largest integer, is a change',
    'CREATE TABLE t (a INT DEFAULT 0x7FFFFFFFFFFFFFFF, b INT DEFAULT 9223372036854775807);',
    'CREATE TABLE t (a INT DEFAULT -1, b INT DEFAULT 9223372036854775808);', [
      'modify column main.t.a default: "0x7FFFFFFFFFFFFFFF" → "-1" (caution)',
      'modify column main.t.b default: "9223372036854775807" → "9223372036854775808" (caution)',
    ]],
  ['a number that changed is a change', 'CREATE TABLE t (a REAL CHECK (a < 1.5));', 'CREATE TABLE t (a REAL CHECK (a < 1.25));', [
    'remove check main.t.check(a < 1.5) (safe)',
    'add check main.t.check(a < 1.25) (caution)',
  ]],
  ['a respelled text that also changed is a change', 'CREATE TABLE t (a INT, g INT AS (a*2));', 'CREATE TABLE t (a INT, g INT AS ( "a" * 3 ));', [
    'modify column main.t.g generated.expression: "a*2" → "\\"a\\" * 3" (caution)',
  ]],
  ['a declared type or a module name respelled is no change',
    'CREATE TABLE t (a varchar(10), b DECIMAL(10,5), c double precision); CREATE VIRTUAL TABLE d USING fts5(x);',
    'CREATE TABLE t (a VARCHAR(10), b DECIMAL( 10, 5 ), c DOUBLE PRECISION); CREATE VIRTUAL TABLE d USING FTS5(x);', []],
  ['an external-content fts5 table made contentless is one change',
    `CREATE TABLE docs (id INTEGER PRIMARY KEY, title, body); CREATE VIRTUAL TABLE f USING fts5(title, body, content='docs', content_rowid='id');`,
    `CREATE TABLE docs (id INTEGER PRIMARY KEY, title, body); CREATE VIRTUAL TABLE f USING fts5(title, body, content='');`, [
      `modify virtual_table main.f arguments: ["title","body","content='docs'","content_rowid='id'"] → ["title","body","content=''"] (caution)`,
    ]],
  // A query naming a column the virtual table no longer has fails; rtree's columns are its id, coordinates and + auxiliaries.
  ['a column dropped from an fts5, fts4 or rtree table, or its columns reordered, is breaking; one added or an option changed, caution',
    `CREATE VIRTUAL TABLE f USING fts5(title, body, extra); CREATE VIRTUAL TABLE r USING rtree(id, x0, x1, y0, y1); CREATE VIRTUAL TABLE g USING fts4(a, b);
     CREATE VIRTUAL TABLE h USING fts5(a, "B" UNINDEXED); CREATE VIRTUAL TABLE r2 USING rtree_i32(id, x0, x1, +name); CREATE VIRTUAL TABLE g2 USING fts4(a, b);
     CREATE VIRTUAL TABLE k USING fts5(a, b, c);`,
    `CREATE VIRTUAL TABLE f USING fts5(title, body); CREATE VIRTUAL TABLE r USING rtree(id, x0, x1); CREATE VIRTUAL TABLE g USING fts4(a);
     CREATE VIRTUAL TABLE h USING fts5(A, b, c, prefix=2); CREATE VIRTUAL TABLE r2 USING rtree_i32(id, x0, x1, +name, +note); CREATE VIRTUAL TABLE g2 USING fts4(a, b, tokenize=porter);
     CREATE VIRTUAL TABLE k USING fts5(b, a, c);`, [
      'modify virtual_table main.f arguments: ["title","body","extra"] → ["title","body"] (breaking)',
      'modify virtual_table main.g arguments: ["a","b"] → ["a"] (breaking)',
      'modify virtual_table main.g2 arguments: ["a","b"] → ["a","b","tokenize=porter"] (caution)',
      'modify virtual_table main.h arguments: ["A","\\"B\\" UNINDEXED"] → ["A","b","c","prefix=2"] (caution)',
      'modify virtual_table main.k arguments: ["a","b","c"] → ["b","a","c"] (breaking)',
      'modify virtual_table main.r arguments: ["id","x0","x1","y0","y1"] → ["id","x0","x1"] (breaking)',
      'modify virtual_table main.r2 arguments: ["id","x0","x1","+name"] → ["id","x0","x1","+name","+note"] (caution)',
    ]],
  ['a declared type that changed is a change', 'CREATE TABLE t (a varchar(10));', 'CREATE TABLE t (a VARCHAR(20));', ['modify column main.t.a type: "varchar(10)" → "VARCHAR(20)" (safe)']],
  ['generated columns: expression changed', 'CREATE TABLE t (a INT, g INT AS (a + 1));', 'CREATE TABLE t (a INT, g INT AS (a + 2));', ['modify column main.t.g generated.expression: "a + 1" → "a + 2" (caution)']],
  ['equivalent spellings are no change', 'CREATE TABLE t (c integer, g integer AS (c + 1));', 'create table "t" (\n  c integer,\n  g integer AS (c + 1) VIRTUAL\n);', []],
  ['header values, statistics and AUTOINCREMENT counters are no change', `${USERS} CREATE TABLE s (id INTEGER PRIMARY KEY AUTOINCREMENT);`,
    `${USERS} CREATE TABLE s (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO s DEFAULT VALUES; PRAGMA user_version = 7; PRAGMA application_id = 1234; ANALYZE;`, []],
  // The view's column takes the table's type: a change safe on the table is not caution on the view.
  ['a table rebuilt with a type of the same affinity under a view', `${USERS} CREATE VIEW v AS SELECT name FROM users;`,
    `CREATE TABLE new_users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name VARCHAR(50)); ALTER TABLE new_users RENAME TO users; CREATE VIEW v AS SELECT name FROM users;`, [
      'modify column main.users.name type: "TEXT" → "VARCHAR(50)" (safe)',
      'modify column main.v.name type: "TEXT" → "VARCHAR(50)" (safe)',
    ]],
];

for (const [name, before, after, expected] of SCENARIOS) {
  test(name, async () => {
    assert.equal(changeLines(await sqliteSnapshot(before), await sqliteSnapshot(after), { dialect: 'sqlite' }), expected);
  });
}

test('a configured column rename beside a column of its old or new name: ADD a after RENAME a TO a_old, DROP email before RENAME email_new TO email', async () => {
  const changes = async (before: string, migration: string, renames: Record<string, string>) =>
    changeLines(await sqliteSnapshot(before), await sqliteSnapshot(`${before} ${migration}`), { dialect: 'sqlite', renames });
  assert.equal(await changes(USERS, 'ALTER TABLE users RENAME COLUMN name TO name_old; ALTER TABLE users ADD COLUMN name INT;', { 'main.users.name': 'main.users.name_old' }), [
    'rename column main.users.name_old "name" → "name_old" (breaking)',
    'add column main.users.name (safe)',
  ]);
  assert.equal(await changes(`${USERS} ALTER TABLE users ADD COLUMN email_new VARCHAR(200);`, 'ALTER TABLE users DROP COLUMN email; ALTER TABLE users RENAME COLUMN email_new TO email;', { 'main.users.email_new': 'main.users.email' }), [
    'remove column main.users.email (breaking)',
    'rename column main.users.email "email_new" → "email" (breaking)',
  ]);
});

test('a configured rename written in another case than SQLite stores the name applies: SQLite ignores the case of names', async () => {
  const changes = async (before: string, migration: string, renames: Record<string, string>) =>
    changeLines(await sqliteSnapshot(before), await sqliteSnapshot(`${before} ${migration}`), { dialect: 'sqlite', renames });
  const orders = 'CREATE TABLE orders (id INTEGER PRIMARY KEY, Total INT);';
  assert.equal(await changes(orders, 'ALTER TABLE orders RENAME TO Purchases;', { 'main.Orders': 'main.purchases' }), ['rename table main.Purchases "orders" → "Purchases" (breaking)']);
  assert.equal(await changes(orders, 'ALTER TABLE orders RENAME COLUMN Total TO amount;', { 'main.ORDERS.total': 'main.orders.Amount' }), ['rename column main.orders.amount "Total" → "amount" (breaking)']);
  // a swap through a temporary name written in two cases, which neither side holds
  const swap = 'CREATE TABLE a (x INT); CREATE TABLE b (y TEXT);';
  assert.equal(await changes(swap, 'ALTER TABLE a RENAME TO tmp; ALTER TABLE b RENAME TO a; ALTER TABLE tmp RENAME TO b;', { 'main.A': 'main.Tmp', 'main.b': 'main.A', 'main.TMP': 'main.B' }), [
    'rename table main.a "b" → "a" (breaking)',
    'rename table main.b "a" → "b" (breaking)',
  ]);
});

test('a configured swap through a temporary name with a column added to one of the tables in the same migration: the swap, and the column added', async () => {
  const swap = 'CREATE TABLE a (id INTEGER PRIMARY KEY, x INT); CREATE TABLE b (id INTEGER PRIMARY KEY, y TEXT);';
  const migration = 'ALTER TABLE a RENAME TO tmp; ALTER TABLE b RENAME TO a; ALTER TABLE tmp RENAME TO b; ALTER TABLE b ADD COLUMN z INT;';
  assert.equal(changeLines(await sqliteSnapshot(swap), await sqliteSnapshot(`${swap} ${migration}`), { dialect: 'sqlite', renames: { 'main.a': 'main.tmp', 'main.b': 'main.a', 'main.tmp': 'main.b' } }), [
    'rename table main.a "b" → "a" (breaking)',
    'rename table main.b "a" → "b" (breaking)',
    'add column main.b.z (safe)',
  ]);
});

// As the sqlite3 shell stores it (better-sqlite3 refuses it): "x" names no column of r, so SQLite
// reads it as the string 'x', and the key is that expression; another word is another key (on a
// unique index, another key that rows must be unique by).
test('an index key that is a double-quoted word naming no column is an expression: another word is a change', async () => {
  const table = 'CREATE TABLE r ("x, y" INT, z INT); CREATE INDEX ri2 ON r(+\'x\', z); CREATE UNIQUE INDEX ru ON r(+\'x\' DESC);';
  const stored = (word: string) => ({ ri2: `CREATE INDEX ri2 ON r("${word}", z)`, ru: `CREATE UNIQUE INDEX ru ON r("${word}" COLLATE NOCASE DESC)` });
  assert.equal(changeLines(await sqliteSnapshot(table, stored('x')), await sqliteSnapshot(table, stored('x')), { dialect: 'sqlite' }), []);
  assert.equal(changeLines(await sqliteSnapshot(table, stored('x')), await sqliteSnapshot(table, stored('w')), { dialect: 'sqlite' }), [
    'modify index main.r.ri2 columns: [{"expression":"\\"x\\""},"z"] → [{"expression":"\\"w\\""},"z"] (caution)',
    'modify index main.r.ru columns: [{"expression":"\\"x\\"","descending":true,"collation":"NOCASE"}] → [{"expression":"\\"w\\"","descending":true,"collation":"NOCASE"}] (breaking)',
  ]);
});

test.run();
