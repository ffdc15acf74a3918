// Every change kind of the diff on a live MariaDB: each scenario creates its own objects (named
// after it) in one fresh database, the whole database is snapshotted through the MySQL dialect,
// each scenario's real ALTER/CREATE runs, the database is snapshotted again, and both snapshots
// are committed and diffed from git (two introspections in all). Each scenario owns exactly the
// changes on its objects, and every change belongs to a scenario. (diff-live.test.ts runs sqldef's
// cases for equal/different; these pin the exact lines.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diff } from '../../../src/api/diff.js';
import { mysqlDriver } from '../../../src/dialects/mysql/driver.js';
import type { Change } from '../../../src/diff/change.js';
import { newRepo } from '../../helpers/cli.js';
import { commitSnapshots, resultLines } from '../../helpers/models.js';
import { executeIn, freshDatabase, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';

/** `[owner, name, before, after, expected]`: the scenario's objects are `owner` or start with `owner_`. */
const SCENARIOS: [owner: string, name: string, before: string, after: string, expected: string[]][] = [
  ['widen', 'column types widened', 'CREATE TABLE widen (id INT PRIMARY KEY, n INT, s VARCHAR(20), u VARCHAR(60), t VARCHAR(100), d DECIMAL(8,2));',
    'ALTER TABLE widen MODIFY n BIGINT, MODIFY s VARCHAR(40), MODIFY u VARCHAR(64), MODIFY t TEXT, MODIFY d DECIMAL(10,2);', [
    'modify column db.widen.n type: "int(11)" → "bigint(20)" (caution)',
    'modify column db.widen.s type: "varchar(20)" → "varchar(40)" (safe)',
    'modify column db.widen.u type: "varchar(60)" → "varchar(64)" (caution)',
    'modify column db.widen.t type: "varchar(100)" → "text" (caution)',
    'modify column db.widen.d type: "decimal(8,2)" → "decimal(10,2)" (caution)',
  ]],
  ['latin', 'varchar length prefix in a one-byte charset', 'CREATE TABLE latin (id INT PRIMARY KEY, s VARCHAR(50), t VARCHAR(200)) DEFAULT CHARSET=latin1;',
    'ALTER TABLE latin MODIFY s VARCHAR(100), MODIFY t VARCHAR(300);', [
    'modify column db.latin.s type: "varchar(50)" → "varchar(100)" (safe)',
    'modify column db.latin.t type: "varchar(200)" → "varchar(300)" (caution)',
  ]],
  ['narrow', 'column types narrowed', 'CREATE TABLE narrow (id INT PRIMARY KEY, n BIGINT, s VARCHAR(40), d DECIMAL(10,2));',
    'ALTER TABLE narrow MODIFY n INT, MODIFY s VARCHAR(20), MODIFY d DECIMAL(10,1);', [
    'modify column db.narrow.n type: "bigint(20)" → "int(11)" (breaking)',
    'modify column db.narrow.s type: "varchar(40)" → "varchar(20)" (breaking)',
    'modify column db.narrow.d type: "decimal(10,2)" → "decimal(10,1)" (breaking)',
  ]],
  ['signs', 'UNSIGNED on a decimal or float, a varchar into a smaller TEXT', 'CREATE TABLE signs (id INT PRIMARY KEY, d DECIMAL(10,2), f FLOAT, v VARCHAR(100)) DEFAULT CHARSET=utf8mb4;',
    'ALTER TABLE signs MODIFY d DECIMAL(10,2) UNSIGNED, MODIFY f FLOAT UNSIGNED, MODIFY v TINYTEXT;', [
    'modify column db.signs.d type: "decimal(10,2)" → "decimal(10,2) unsigned" (breaking)',
    'modify column db.signs.f type: "float" → "float unsigned" (breaking)',
    'modify column db.signs.v type: "varchar(100)" → "tinytext" (breaking)',
  ]],
  // MariaDB's JSON is LONGTEXT with a json_valid() check of its own: added with the column, it is as safe as the column
  ['jsoncol', 'a JSON column added', 'CREATE TABLE jsoncol (id INT PRIMARY KEY);', 'ALTER TABLE jsoncol ADD COLUMN js JSON;', [
    'add column db.jsoncol.js (safe)',
    'add check db.jsoncol.js (safe)',
  ]],
  // In strict mode an ENUM NOT NULL without a default takes its first label when an insert leaves it out; a SET does not
  ['enums', 'an ENUM NOT NULL column added or left without a default', "CREATE TABLE enums (id INT PRIMARY KEY, e ENUM('a','b') NOT NULL DEFAULT 'b');",
    "ALTER TABLE enums ALTER e DROP DEFAULT, ADD COLUMN f ENUM('x','y') NOT NULL, ADD COLUMN g SET('p','q') NOT NULL;", [
    `modify column db.enums.e default: "'b'" → null (caution)`,
    'add column db.enums.f (safe)',
    'add column db.enums.g (breaking)',
  ]],
  // Under a case-sensitive collation, values the unique key took for equal are two: 'A' gets in beside 'a'
  ['collated', 'a collation changed on a unique column and on another', 'CREATE TABLE collated (id INT PRIMARY KEY, code VARCHAR(10) UNIQUE, note VARCHAR(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;',
    'ALTER TABLE collated MODIFY code VARCHAR(10) COLLATE utf8mb4_bin, MODIFY note VARCHAR(10) COLLATE utf8mb4_bin;', [
    'modify column db.collated.code collation: "utf8mb4_general_ci" → "utf8mb4_bin" (breaking)',
    'modify column db.collated.note collation: "utf8mb4_general_ci" → "utf8mb4_bin" (caution)',
  ]],
  ['nulls', 'nullability', 'CREATE TABLE nulls (id INT PRIMARY KEY, a INT, b INT NOT NULL);', 'ALTER TABLE nulls MODIFY a INT NOT NULL, MODIFY b INT NULL;', [
    'modify column db.nulls.a nullable: true → false (breaking)',
    'modify column db.nulls.b nullable: false → true (caution)',
  ]],
  ['defaults', 'defaults set, changed, dropped', 'CREATE TABLE defaults (id INT PRIMARY KEY, a INT DEFAULT 1, b VARCHAR(10), c INT NOT NULL DEFAULT 0);',
    "ALTER TABLE defaults ALTER a SET DEFAULT 2, ALTER b SET DEFAULT 'x', ALTER c DROP DEFAULT;", [
    'modify column db.defaults.a default: "1" → "2" (caution)',
    `modify column db.defaults.b default: null → "'x'" (caution)`,
    // c is NOT NULL: an insert that leaves it out now fails
    'modify column db.defaults.c default: "0" → null (breaking)',
  ]],
  // MODIFY … AFTER: a positional INSERT … VALUES (1, 2, 3, 4) now writes 2 into b, silently
  ['moved', 'column position', 'CREATE TABLE moved (id INT PRIMARY KEY, a INT, b INT, c INT);', 'ALTER TABLE moved MODIFY a INT AFTER c;', [
    'modify column db.moved.a position: 2 → 4 (breaking) [an INSERT … VALUES without a column list now writes its values into other columns, and SELECT * reads them in another order]',
  ]],
  // a column added in the middle shifts the others, but moves none of them
  ['shifted', 'a column added in the middle', 'CREATE TABLE shifted (id INT PRIMARY KEY, a INT, b INT);', 'ALTER TABLE shifted ADD COLUMN z INT AFTER id;', ['add column db.shifted.z (safe)']],
  ['gen', 'generated expression and storage', 'CREATE TABLE gen (id INT PRIMARY KEY, a INT, g INT AS (a * 2) VIRTUAL, h INT AS (a + 1) VIRTUAL, r INT);',
    // MariaDB changes neither storage nor generation in place: those columns are dropped and added again where they were.
    'ALTER TABLE gen MODIFY g INT AS (a * 3) VIRTUAL, DROP h, ADD h INT AS (a + 1) STORED AFTER g, DROP r, ADD r INT AS (a - 1) VIRTUAL;', [
    'modify column db.gen.g generated.expression: "`a` * 2" → "`a` * 3" (caution)',
    'modify column db.gen.h generated.stored: false → true (caution)',
    'modify column db.gen.r generated: null → {"expression":"`a` - 1","stored":false} (breaking)',
  ]],
  ['coll', 'column charset and collation', 'CREATE TABLE coll (id INT PRIMARY KEY, s VARCHAR(10), t VARCHAR(10));',
    'ALTER TABLE coll MODIFY s VARCHAR(10) COLLATE utf8mb4_bin, MODIFY t VARCHAR(10) CHARACTER SET latin1;', [
    'modify column db.coll.s collation: "utf8mb4_general_ci" → "utf8mb4_bin" (caution)',
    'modify column db.coll.t collation: "utf8mb4_general_ci" → "latin1_swedish_ci" (caution)',
    'modify column db.coll.t charset: "utf8mb4" → "latin1" (breaking)',
  ]],
  ['recoll', "a table's new default collation: its columns keep theirs", 'CREATE TABLE recoll (id INT PRIMARY KEY, a VARCHAR(10)) DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;', 'ALTER TABLE recoll COLLATE latin1_bin;', [
    'modify table db.recoll options.collation: "latin1_swedish_ci" → "latin1_bin" (caution)',
  ]],
  ['conv', 'CONVERT TO CHARACTER SET: the columns convert too', 'CREATE TABLE conv (id INT PRIMARY KEY, a VARCHAR(10)) DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;', 'ALTER TABLE conv CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;', [
    'modify table db.conv options.charset: "latin1" → "utf8mb4" (caution)',
    'modify table db.conv options.collation: "latin1_swedish_ci" → "utf8mb4_general_ci" (caution)',
    'modify column db.conv.a collation: "latin1_swedish_ci" → "utf8mb4_general_ci" (caution)',
    'modify column db.conv.a charset: "latin1" → "utf8mb4" (caution)',
  ]],
  ['remark', 'column comment', "CREATE TABLE remark (id INT PRIMARY KEY, a INT, b INT COMMENT 'old');", "ALTER TABLE remark MODIFY a INT COMMENT 'new', MODIFY b INT COMMENT 'changed';", [
    'modify column db.remark.a comment: null → "new" (safe)',
    'modify column db.remark.b comment: "old" → "changed" (safe)',
  ]],
  ['touch', 'ON UPDATE', 'CREATE TABLE touch (id INT PRIMARY KEY, at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);',
    'ALTER TABLE touch MODIFY at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;', [
    'modify column db.touch.at on_update: null → "current_timestamp()" (caution)',
  ]],
  ['serial', 'auto_increment flag', 'CREATE TABLE serial (id INT NOT NULL PRIMARY KEY);', 'ALTER TABLE serial MODIFY id INT NOT NULL AUTO_INCREMENT;', [
    'modify column db.serial.id auto_increment: false → true (caution)',
  ]],
  ['unserial', 'auto_increment dropped from a NOT NULL key: inserts must give it', 'CREATE TABLE unserial (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY); CREATE TABLE unserial_n (id INT PRIMARY KEY, n INT NOT NULL AUTO_INCREMENT, KEY (n));',
    // n gets a default in its place: inserts may still leave it out
    'ALTER TABLE unserial MODIFY id INT NOT NULL; ALTER TABLE unserial_n MODIFY n INT NOT NULL DEFAULT 0;', [
    'modify column db.unserial.id auto_increment: true → false (breaking)',
    'modify column db.unserial_n.n default: null → "0" (caution)',
    'modify column db.unserial_n.n auto_increment: true → false (caution)',
  ]],
  ['fks', 'foreign keys added, actions changed, dropped', `CREATE TABLE fks (id INT PRIMARY KEY);
    CREATE TABLE fks_add (id INT PRIMARY KEY, p INT, KEY (p));
    CREATE TABLE fks_act (id INT PRIMARY KEY, p INT, CONSTRAINT fks_act_p FOREIGN KEY (p) REFERENCES fks (id) ON DELETE RESTRICT);
    CREATE TABLE fks_drop (id INT PRIMARY KEY, p INT, CONSTRAINT fks_drop_p FOREIGN KEY (p) REFERENCES fks (id));`,
    `ALTER TABLE fks_add ADD CONSTRAINT fks_add_p FOREIGN KEY (p) REFERENCES fks (id);
    ALTER TABLE fks_act DROP FOREIGN KEY fks_act_p;
    ALTER TABLE fks_act ADD CONSTRAINT fks_act_p FOREIGN KEY (p) REFERENCES fks (id) ON DELETE CASCADE ON UPDATE SET NULL;
    ALTER TABLE fks_drop DROP FOREIGN KEY fks_drop_p;`, [
    'modify foreign_key db.fks_act.fks_act_p on_update: "restrict" → "set null" (caution)',
    'modify foreign_key db.fks_act.fks_act_p on_delete: "restrict" → "cascade" (caution)',
    'add foreign_key db.fks_add.fks_add_p (caution)',
    'remove foreign_key db.fks_drop.fks_drop_p (caution)',
  ]],
  ['checked', 'checks added and changed', 'CREATE TABLE checked (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT checked_a CHECK (a > 0));',
    'ALTER TABLE checked DROP CONSTRAINT checked_a, ADD CONSTRAINT checked_a CHECK (a > 1), ADD CONSTRAINT checked_b CHECK (b < 10);', [
    'modify check db.checked.checked_a expression: "`a` > 0" → "`a` > 1" (caution)',
    'add check db.checked.checked_b (caution)',
  ]],
  ['keyed', 'indexes added, uniqueness changed, renamed', 'CREATE TABLE keyed (id INT PRIMARY KEY, a INT, b INT, c INT, KEY keyed_b (b), KEY keyed_old (c));',
    'ALTER TABLE keyed ADD KEY keyed_a (a), DROP KEY keyed_b, ADD UNIQUE KEY keyed_b (b), RENAME INDEX keyed_old TO keyed_new;', [
    'modify index db.keyed.keyed_b unique: false → true (caution)',
    'rename index db.keyed.keyed_new "keyed_old" → "keyed_new" (breaking)',
    'add index db.keyed.keyed_a (safe)',
  ]],
  ['uniq', 'unique key dropped', 'CREATE TABLE uniq (id INT PRIMARY KEY, email VARCHAR(50), UNIQUE KEY uniq_email (email));', 'ALTER TABLE uniq DROP KEY uniq_email;', [
    'remove index db.uniq.uniq_email (breaking)',
  ]],
  ['ftx', 'FULLTEXT indexes dropped or widened: MATCH on the old columns fails', 'CREATE TABLE ftx (id INT PRIMARY KEY, doc TEXT, title TEXT, FULLTEXT KEY ftx_doc (doc), FULLTEXT KEY ftx_title (title));',
    'ALTER TABLE ftx DROP KEY ftx_doc, ADD FULLTEXT KEY ftx_doc (doc, title), DROP KEY ftx_title;', [
    'modify index db.ftx.ftx_doc columns: ["doc"] → ["doc","title"] (breaking)',
    'remove index db.ftx.ftx_title (breaking)',
  ]],
  ['kept_ft', 'FULLTEXT indexes reordered, or one dropped beside another of the same columns: MATCH still finds one', `CREATE TABLE kept_ft (id INT PRIMARY KEY, a TEXT, b TEXT, FULLTEXT KEY f (a, b), FULLTEXT KEY f2 (a, b), FULLTEXT KEY g (a));`,
    'ALTER TABLE kept_ft DROP KEY f2, DROP KEY f, ADD FULLTEXT KEY f (b, a), DROP KEY g, ADD KEY g (a(10));', [
    'modify index db.kept_ft.f columns: ["a","b"] → ["b","a"] (caution)',
    'remove index db.kept_ft.f2 (caution)',
    // a FULLTEXT index made a B-tree one: MATCH (a) fails
    'modify index db.kept_ft.g columns: ["a"] → [{"column":"a","length":10}] (breaking)',
    'modify index db.kept_ft.g method: "fulltext" → "btree" (breaking)',
  ]],
  ['labels', 'ENUM and SET labels that differ in case only: a binary collation tells them apart', "CREATE TABLE labels (id INT PRIMARY KEY, e ENUM('a','b','c') COLLATE utf8mb4_bin, s SET('x','y') COLLATE utf8mb4_bin);",
    "ALTER TABLE labels MODIFY e ENUM('a','B','c') COLLATE utf8mb4_bin, MODIFY s SET('X','y') COLLATE utf8mb4_bin;", [
    `modify column db.labels.e type: "enum('a','b','c')" → "enum('a','B','c')" (breaking)`,
    `modify column db.labels.s type: "set('x','y')" → "set('X','y')" (breaking)`,
  ]],
  ['opts', 'table options: engine, charset, comment', 'CREATE TABLE opts (id INT PRIMARY KEY) ENGINE=InnoDB;',
    "ALTER TABLE opts ENGINE=MyISAM, DEFAULT CHARSET=latin1, COMMENT='options';", [
    'modify table db.opts comment: null → "options" (safe)',
    'modify table db.opts options.charset: "utf8mb4" → "latin1" (caution)',
    'modify table db.opts options.collation: "utf8mb4_general_ci" → "latin1_swedish_ci" (caution)',
    'modify table db.opts options.engine: "InnoDB" → "MyISAM" (breaking)',
  ]],
  // CREATE_OPTIONS one option each (MariaDB writes an engine's options in backquotes as they were written).
  ['stor', 'table storage options, each its own change', `CREATE TABLE stor (id INT PRIMARY KEY) ENGINE=InnoDB ROW_FORMAT=DYNAMIC STATS_PERSISTENT=1;
    CREATE TABLE stor_pc (id INT PRIMARY KEY) ENGINE=InnoDB PAGE_COMPRESSED=1;
    CREATE TABLE stor_my (id INT PRIMARY KEY) ENGINE=MyISAM CHECKSUM=1 MAX_ROWS=1000;
    CREATE TABLE stor_aria (id INT PRIMARY KEY) ENGINE=Aria TRANSACTIONAL=1;`,
    `ALTER TABLE stor ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 STATS_PERSISTENT=0; ALTER TABLE stor_pc PAGE_COMPRESSION_LEVEL=9;
    ALTER TABLE stor_my CHECKSUM=0 DELAY_KEY_WRITE=1 MAX_ROWS=5000; ALTER TABLE stor_aria TRANSACTIONAL=0;`, [
    'modify table db.stor options.row_format: "DYNAMIC" → "COMPRESSED" (caution)',
    'modify table db.stor options.stats_persistent: "1" → "0" (safe)',
    'modify table db.stor options.key_block_size: null → "8" (caution)',
    'modify table db.stor_aria options.transactional: "1" → "0" (caution)',
    'modify table db.stor_my options.checksum: "1" → null (safe)',
    'modify table db.stor_my options.max_rows: "1000" → "5000" (caution)',
    'modify table db.stor_my options.delay_key_write: null → "1" (caution)',
    'modify table db.stor_pc options.page_compression_level: null → "9" (caution)',
  ]],
  // Any ALTER of an Aria table writes the PAGE_CHECKSUM it took from aria_page_checksum (ON here) into CREATE_OPTIONS.
  ['aria', 'an Aria table rebuilt or given a new AUTO_INCREMENT keeps its page checksum; one set back to the server default', `CREATE TABLE aria (id INT PRIMARY KEY AUTO_INCREMENT) ENGINE=Aria;
    CREATE TABLE aria_off (id INT PRIMARY KEY) ENGINE=Aria PAGE_CHECKSUM=0;`,
    'ALTER TABLE aria FORCE; ALTER TABLE aria AUTO_INCREMENT=100; ALTER TABLE aria_off PAGE_CHECKSUM=1;', [
    'modify table db.aria_off options.page_checksum: "0" → null (safe)',
  ]],
  ['srid', 'a geometry column\'s SRID set, changed, dropped', 'CREATE TABLE srid (id INT PRIMARY KEY, p POINT REF_SYSTEM_ID=4326, q POINT, r POLYGON REF_SYSTEM_ID=3857);',
    'ALTER TABLE srid MODIFY p POINT REF_SYSTEM_ID=3857, MODIFY q POINT REF_SYSTEM_ID=4326, MODIFY r POLYGON;', [
    'modify column db.srid.p options.srid: 4326 → 3857 (caution)',
    'modify column db.srid.q options.srid: null → 4326 (caution)',
    'modify column db.srid.r options.srid: 3857 → null (caution)',
  ]],
  ['viewed', 'view definition', 'CREATE TABLE viewed (id INT PRIMARY KEY); CREATE VIEW viewed_v AS SELECT id FROM viewed WHERE id > 0;',
    'CREATE OR REPLACE VIEW viewed_v AS SELECT id FROM viewed WHERE id > 1;', [
    'modify view db.viewed_v definition: "select `db`.`viewed`.`id` AS `id` from `db`.`viewed` where `db`.`viewed`.`id` > 0" → "select `db`.`viewed`.`id` AS `id` from `db`.`viewed` where `db`.`viewed`.`id` > 1" (caution)',
  ]],
  ['fn', 'routine body', 'CREATE FUNCTION fn_one() RETURNS INT DETERMINISTIC RETURN 1;', 'DROP FUNCTION fn_one; CREATE FUNCTION fn_one() RETURNS INT DETERMINISTIC RETURN 2;', [
    'modify routine db.fn_one() definition: "RETURN 1" → "RETURN 2" (caution)',
  ]],
  ['mode', 'routine recreated alike under another SQL mode: "x" turns from a string into a column', "SET sql_mode = 'STRICT_ALL_TABLES'; CREATE FUNCTION mode_fn(x INT) RETURNS TEXT RETURN CONCAT(\"x\", 1); SET sql_mode = DEFAULT;",
    "SET sql_mode = 'STRICT_ALL_TABLES,ANSI_QUOTES'; DROP FUNCTION mode_fn; CREATE FUNCTION mode_fn(x INT) RETURNS TEXT RETURN CONCAT(\"x\", 1); SET sql_mode = DEFAULT;", [
    'modify routine db.mode_fn(int(11)) options.sql_mode: "STRICT_ALL_TABLES" → "ANSI_QUOTES,STRICT_ALL_TABLES" (caution)',
  ]],
  ['pargs', 'routine argument types: the same routine, modified (MySQL has no overloading)', 'CREATE PROCEDURE pargs_p(IN n INT) SELECT n;', 'DROP PROCEDURE pargs_p; CREATE PROCEDURE pargs_p(IN n BIGINT) SELECT n;', [
    'modify routine db.pargs_p(bigint(20)) arguments: "IN n int(11)" → "IN n bigint(20)" (caution)',
  ]],
  ['trig', 'trigger body', 'CREATE TABLE trig (id INT PRIMARY KEY, a INT); CREATE TRIGGER trig_bi BEFORE INSERT ON trig FOR EACH ROW SET NEW.a = 1;',
    'DROP TRIGGER trig_bi; CREATE TRIGGER trig_bi BEFORE INSERT ON trig FOR EACH ROW SET NEW.a = 2;', [
    'modify trigger db.trig.trig_bi definition: "SET NEW.a = 1" → "SET NEW.a = 2" (caution)',
  ]],
  ['ev', 'event schedule and body', "CREATE TABLE ev (id INT PRIMARY KEY); CREATE EVENT ev_purge ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM ev;",
    "ALTER EVENT ev_purge ON SCHEDULE EVERY 2 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM ev WHERE id > 0;", [
    `modify event db.ev_purge schedule: "EVERY 1 DAY STARTS '2030-01-01 00:00:00'" → "EVERY 2 DAY STARTS '2030-01-01 00:00:00'" (caution)`,
    'modify event db.ev_purge definition: "DELETE FROM ev" → "DELETE FROM ev WHERE id > 0" (caution)',
  ]],
  ['parts', 'partitions added, dropped, repartitioned', `CREATE TABLE parts (id INT PRIMARY KEY) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN (200));
    CREATE TABLE parts_hash (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2;`,
    `ALTER TABLE parts REORGANIZE PARTITION p1 INTO (PARTITION p1 VALUES LESS THAN (250));
    ALTER TABLE parts ADD PARTITION (PARTITION p2 VALUES LESS THAN (300)); ALTER TABLE parts DROP PARTITION p0;
    ALTER TABLE parts_hash PARTITION BY KEY (id) PARTITIONS 2;`, [
    'remove partition db.parts.p0 (breaking)',
    'modify partition db.parts.p1 bound: "200" → "250" (caution)',
    'add partition db.parts.p2 (safe)',
    'modify table db.parts_hash partitioning.strategy: "hash" → "key" (caution)',
  ]],
  // The only scenario that removes and adds a table: the hint pairs one removed and one added table of a schema.
  ['memkey', 'MEMORY to InnoDB: the primary key and the index both go from HASH to BTREE', 'CREATE TABLE memkey (id INT PRIMARY KEY, a INT, KEY memkey_a (a)) ENGINE=MEMORY;',
    'ALTER TABLE memkey ENGINE=InnoDB;', [
    'modify table db.memkey options.engine: "MEMORY" → "InnoDB" (caution)',
    'modify primary_key db.memkey.primary_key options.method: "hash" → "btree" (caution)',
    'modify index db.memkey.memkey_a method: "hash" → "btree" (caution)',
  ]],
  ['tostr', "a column that starts or stops holding text takes its table's charset and collation with its type", 'CREATE TABLE tostr (id INT PRIMARY KEY, k INT, l INT, m VARCHAR(20));',
    'ALTER TABLE tostr MODIFY k VARCHAR(20), MODIFY l VARCHAR(20) CHARACTER SET latin1, MODIFY m INT;', [
    'modify column db.tostr.k type: "int(11)" → "varchar(20)" (breaking)',
    'modify column db.tostr.l type: "int(11)" → "varchar(20)" (breaking)',
    'modify column db.tostr.l collation: null → "latin1_swedish_ci" (caution)',
    'modify column db.tostr.l charset: null → "latin1" (caution)',
    'modify column db.tostr.m type: "varchar(20)" → "int(11)" (breaking)',
  ]],
  // key_parts is no restatement of columns: the key is now unique on nm's first 10 characters only.
  ['prefix', 'a primary key moved to a prefix of another column', 'CREATE TABLE prefix (id INT NOT NULL, nm VARCHAR(50) NOT NULL, PRIMARY KEY (id));',
    'ALTER TABLE prefix DROP PRIMARY KEY, ADD PRIMARY KEY (nm(10));', [
    'modify primary_key db.prefix.primary_key columns: ["id"] → ["nm"] (breaking)',
    'modify primary_key db.prefix.primary_key options.key_parts: null → "nm(10)" (caution)',
  ]],
  // A longer prefix (or the whole value) tells apart values the key took for equal: rows it refused
  // get in, and ON DUPLICATE KEY no longer meets the row it did. A shorter one only refuses more.
  ['uprefix', "a unique key's prefix lengthened or dropped (looser: breaking), shortened (stricter: caution)",
    'CREATE TABLE uprefix (id INT PRIMARY KEY, a VARCHAR(50), b VARCHAR(50), c VARCHAR(50), UNIQUE KEY uprefix_a (a(10)), UNIQUE KEY uprefix_b (b(20)), UNIQUE KEY uprefix_c (c(10)));',
    'ALTER TABLE uprefix DROP KEY uprefix_a, ADD UNIQUE KEY uprefix_a (a(20)), DROP KEY uprefix_b, ADD UNIQUE KEY uprefix_b (b(10)), DROP KEY uprefix_c, ADD UNIQUE KEY uprefix_c (c);', [
    'modify index db.uprefix.uprefix_a columns: [{"column":"a","length":10}] → [{"column":"a","length":20}] (breaking)',
    'modify index db.uprefix.uprefix_b columns: [{"column":"b","length":20}] → [{"column":"b","length":10}] (caution)',
    'modify index db.uprefix.uprefix_c columns: [{"column":"c","length":10}] → ["c"] (breaking)',
  ]],
  // A unique key dropped while another on the same column stays: the other keeps it unique when its
  // prefix is no longer (caution), not when it takes more of the value (breaking).
  ['udrop', "a unique prefix key dropped beside a stricter one (still unique: caution) or a looser one (breaking)",
    'CREATE TABLE udrop (id INT PRIMARY KEY, a VARCHAR(50), b VARCHAR(50), UNIQUE KEY udrop_a10 (a(10)), UNIQUE KEY udrop_a5 (a(5)), UNIQUE KEY udrop_b5 (b(5)), UNIQUE KEY udrop_b (b));',
    'ALTER TABLE udrop DROP KEY udrop_a10, DROP KEY udrop_b5;', [
    'remove index db.udrop.udrop_a10 (caution)',
    'remove index db.udrop.udrop_b5 (breaking)',
  ]],
  ['pkdrop', "a unique prefix key dropped beside a primary key with a shorter prefix of the column: still unique",
    'CREATE TABLE pkdrop (nm VARCHAR(50) NOT NULL, PRIMARY KEY (nm(8)), UNIQUE KEY pkdrop_nm (nm(12)));',
    'ALTER TABLE pkdrop DROP KEY pkdrop_nm;', [
    'remove index db.pkdrop.pkdrop_nm (caution)',
  ]],
  ['pkprefix', "a primary key's prefix lengthened (looser: breaking), shortened (stricter: caution)",
    'CREATE TABLE pkprefix_l (nm VARCHAR(50) NOT NULL, PRIMARY KEY (nm(10))); CREATE TABLE pkprefix_s (id INT NOT NULL, nm VARCHAR(50) NOT NULL, PRIMARY KEY (id, nm(20)));',
    'ALTER TABLE pkprefix_l DROP PRIMARY KEY, ADD PRIMARY KEY (nm(20)); ALTER TABLE pkprefix_s DROP PRIMARY KEY, ADD PRIMARY KEY (id, nm(10));', [
    'modify primary_key db.pkprefix_l.primary_key options.key_parts: "nm(10)" → "nm(20)" (breaking)',
    'modify primary_key db.pkprefix_s.primary_key options.key_parts: "id, nm(20)" → "id, nm(10)" (caution)',
  ]],
  ['renamed', 'table rename hint', 'CREATE TABLE renamed_old (id INT PRIMARY KEY, a VARCHAR(10));', 'RENAME TABLE renamed_old TO renamed_new;', [
    'add table db.renamed_new (safe) [likely renamed from db.renamed_old]',
    'remove table db.renamed_old (breaking) [likely renamed to db.renamed_new]',
  ]],
  ['recol', 'column rename hint', 'CREATE TABLE recol (id INT PRIMARY KEY, mail VARCHAR(50));', 'ALTER TABLE recol RENAME COLUMN mail TO email;', [
    'remove column db.recol.mail (breaking) [likely renamed to db.recol.email]',
    'add column db.recol.email (safe) [likely renamed from db.recol.mail]',
  ]],
];

interface Diffed {
  database: string;
  changes: Change[];
}

async function diffAll(): Promise<Diffed> {
  const database = await freshDatabase('kinds', SCENARIOS.map(([, , before]) => before).join('\n'));
  const before = (await mysqlDriver.introspect(mysqlSpec(database), {})).snapshot;
  await executeIn(database, SCENARIOS.map(([, , , after]) => after).join('\n'));
  const after = (await mysqlDriver.introspect(mysqlSpec(database), {})).snapshot;
  const dir = newRepo();
  await commitSnapshots(dir, 'default', [before, after]);
  return { database, changes: (await diff({ cwd: dir })).changes };
}

let diffed: Promise<Diffed> | undefined;

/** The changes as lines, with the database's name written `db`; only those on `owner`'s objects when given. */
async function lines(owner?: string): Promise<string[]> {
  const { database, changes } = await (diffed ??= diffAll());
  const mine = new RegExp(`^${database}\\.${owner}(?:[._(]|$)`);
  return resultLines(changes.filter((c) => owner === undefined || mine.test(c.object))).map((line) => line.replaceAll(database, 'db'));
}

for (const [owner, name, , , expected] of SCENARIOS) {
  mysqlTest(name, async () => assert.equal(await lines(owner), expected));
}

mysqlTest('every change belongs to a scenario', async () => {
  const owned = new Set((await Promise.all(SCENARIOS.map(([owner]) => lines(owner)))).flat());
  assert.equal((await lines()).filter((line) => !owned.has(line)), []);
});

test.run();
