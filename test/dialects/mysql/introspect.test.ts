// What a MySQL/MariaDB snapshot captures, object by object, and identifiers that must survive the
// trip through git unchanged.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { mysqlDriver } from '../../../src/dialects/mysql/driver.js';
import type { Event, Routine, SchemaObject, Table, View } from '../../../src/model/types.js';
import { assertGitRoundTrip } from '../../helpers/round-trip.js';
import { admin, executeIn, freshDatabase, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';

const TOUR = `
ALTER DATABASE COMMENT 'feature tour';
CREATE TABLE parent (
  id int unsigned NOT NULL AUTO_INCREMENT,
  code varchar(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  label varchar(100) COLLATE utf8mb4_bin DEFAULT 'it''s \\\\ here' COMMENT 'display label',
  created timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
  ratio double DEFAULT (rand()),
  kind enum('a','b') NOT NULL DEFAULT 'a',
  doubled int AS (char_length(code) * 2) VIRTUAL,
  stored_sum int AS (char_length(code) + 1) STORED,
  secret int INVISIBLE DEFAULT 7,
  note text,
  pt point REF_SYSTEM_ID=4326 NOT NULL,
  area polygon,
  PRIMARY KEY (id),
  UNIQUE KEY parent_code (code),
  KEY parent_id_code (id, code),
  KEY parent_label_prefix (label(10) DESC, created),
  FULLTEXT KEY parent_note (note),
  SPATIAL KEY parent_pt (pt),
  KEY parent_ignored (created) IGNORED COMMENT 'not used',
  CONSTRAINT parent_ratio CHECK (ratio >= 0)
) ENGINE=InnoDB COMMENT='parents' ROW_FORMAT=DYNAMIC;
CREATE TABLE child (
  id bigint NOT NULL,
  parent_id int unsigned,
  parent_code varchar(20) CHARACTER SET ascii COLLATE ascii_bin,
  qty int CHECK (qty > 0),
  PRIMARY KEY (id),
  CONSTRAINT child_parent FOREIGN KEY (parent_id, parent_code) REFERENCES parent (id, code) ON DELETE CASCADE ON UPDATE SET NULL
) ENGINE=InnoDB;
CREATE TABLE mem (id int NOT NULL, code varchar(10) NOT NULL, PRIMARY KEY (id) USING HASH, KEY mem_code (code(4))) ENGINE=MEMORY;
CREATE TABLE sales (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
  PARTITION BY RANGE (y) SUBPARTITION BY HASH (id) SUBPARTITIONS 2
  (PARTITION p2000 VALUES LESS THAN (2000) COMMENT 'old', PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE regions (id int NOT NULL, r char(2)) PARTITION BY LIST COLUMNS (r) (PARTITION pe VALUES IN ('fr','de'), PARTITION pa VALUES IN ('us'), PARTITION pz DEFAULT);
CREATE TABLE hist (id int) WITH SYSTEM VERSIONING;
CREATE SEQUENCE seq1 START WITH 10;
CREATE SEQUENCE \`seq \`\`two\` START WITH -5 INCREMENT BY -5 MINVALUE -100 MAXVALUE -5 CACHE 0 CYCLE COMMENT 'down';
SET sql_mode = '';
CREATE TRIGGER child_b1 BEFORE INSERT ON child FOR EACH ROW SET NEW.qty = COALESCE(NEW.qty, 1);
CREATE TRIGGER child_b2 BEFORE INSERT ON child FOR EACH ROW PRECEDES child_b1 SET NEW.qty = NEW.qty + 0;
CREATE TRIGGER child_au AFTER UPDATE ON child FOR EACH ROW SET @x = 1;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_child AS SELECT id, qty FROM child WHERE qty > 1 WITH CASCADED CHECK OPTION;
CREATE FUNCTION add_one(n int) RETURNS int DETERMINISTIC NO SQL COMMENT 'adds one' RETURN n + 1;
CREATE PROCEDURE bump(INOUT n int, IN \`odd name\` varchar(5)) MODIFIES SQL DATA SQL SECURITY INVOKER SET n = n + 1;
CREATE FUNCTION twin() RETURNS int RETURN 1;
CREATE PROCEDURE twin() SELECT 1;
CREATE EVENT ev_daily ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'nightly' DO DELETE FROM child WHERE qty < 0;
CREATE EVENT ev_once ON SCHEDULE AT '2031-06-01 12:00:00' DO DELETE FROM child;
SET time_zone = '+05:30';
CREATE EVENT ev_india ON SCHEDULE AT '2031-06-01 12:00:00' DO DELETE FROM child;
SET time_zone = DEFAULT;
SET sql_mode = 'ANSI_QUOTES,STRICT_ALL_TABLES';
CREATE FUNCTION quoted() RETURNS int RETURN (SELECT count("id") FROM child);
CREATE TRIGGER child_ad AFTER DELETE ON child FOR EACH ROW SET @x = 2;
SET sql_mode = DEFAULT;
`;

const find = <K extends SchemaObject['kind']>(objects: SchemaObject[], kind: K, name: string) =>
  objects.find((o) => o.kind === kind && o.name === name) as Extract<SchemaObject, { kind: K }>;

mysqlTest('a feature tour: columns, keys, indexes, checks, partitions, triggers, views, routines, events, raw leftovers', async () => {
  const db = await freshDatabase('tour', TOUR);
  const { snapshot, warnings } = await mysqlDriver.introspect(mysqlSpec(db), { jobs: 3 });
  const objects = snapshot.objects;
  assert.equal(snapshot.schemas, [{ name: db, comment: 'feature tour', options: { charset: 'utf8mb4', collation: 'utf8mb4_general_ci' } }]);
  assert.equal(snapshot.meta, { format: 1, dialect: 'mysql', server: snapshot.meta.server, database: db });
  assert.match(snapshot.meta.server, /^\d+\.\d+\.\d+-(MariaDB|MySQL)$/);

  const parent = find(objects, 'table', 'parent') as Table;
  assert.is(parent.comment, 'parents');
  assert.equal(parent.options, { charset: 'utf8mb4', collation: 'utf8mb4_general_ci', engine: 'InnoDB', row_format: 'DYNAMIC' });
  assert.equal(parent.columns, [
    { name: 'id', type: 'int(10) unsigned', nullable: false, auto_increment: true },
    { name: 'code', type: 'varchar(20)', nullable: false, collation: 'ascii_bin', charset: 'ascii' },
    { name: 'label', type: 'varchar(100)', nullable: true, default: "'it''s \\\\ here'", collation: 'utf8mb4_bin', comment: 'display label' },
    { name: 'created', type: 'timestamp(3)', nullable: false, default: 'current_timestamp(3)', on_update: 'current_timestamp(3)' },
    { name: 'ratio', type: 'double', nullable: true, default: 'rand()' },
    { name: 'kind', type: "enum('a','b')", nullable: false, default: "'a'" },
    { name: 'doubled', type: 'int(11)', nullable: true, generated: { expression: 'char_length(`code`) * 2', stored: false } },
    { name: 'stored_sum', type: 'int(11)', nullable: true, generated: { expression: 'char_length(`code`) + 1', stored: true } },
    { name: 'secret', type: 'int(11)', nullable: true, default: '7', hidden: true },
    { name: 'note', type: 'text', nullable: true },
    { name: 'pt', type: 'point', nullable: false, options: { srid: 4326 } },
    { name: 'area', type: 'polygon', nullable: true },
  ]);
  assert.equal(parent.primary_key, { columns: ['id'] });
  assert.equal(parent.checks, [{ name: 'parent_ratio', expression: '`ratio` >= 0' }]);
  assert.equal(parent.indexes?.filter((i) => i.name !== 'parent_pt'), [
    { name: 'parent_code', columns: ['code'], unique: true, method: 'btree' },
    { name: 'parent_id_code', columns: ['id', 'code'], unique: false, method: 'btree' },
    { name: 'parent_ignored', columns: ['created'], unique: false, method: 'btree', comment: 'not used', options: { invisible: true } },
    { name: 'parent_label_prefix', columns: [{ column: 'label', descending: true, length: 10 }, 'created'], unique: false, method: 'btree' },
    { name: 'parent_note', columns: ['note'], unique: false, method: 'fulltext' },
  ]);
  // No `length: 32`: STATISTICS gives a spatial key part SUB_PART 32, which is no prefix (DDL refuses `pt(32)`).
  assert.equal(parent.indexes?.find((i) => i.name === 'parent_pt'), { name: 'parent_pt', columns: ['pt'], unique: false, method: 'spatial' });

  const child = find(objects, 'table', 'child') as Table;
  assert.equal(child.foreign_keys, [
    { name: 'child_parent', columns: ['parent_id', 'parent_code'], references: { schema: db, table: 'parent', columns: ['id', 'code'] }, on_update: 'set null', on_delete: 'cascade' },
  ]);
  assert.equal(child.columns[2], { name: 'parent_code', type: 'varchar(20)', nullable: true, collation: 'ascii_bin', charset: 'ascii' });
  assert.equal(child.checks, [{ name: 'qty', expression: '`qty` > 0', column: 'qty' }]);
  assert.equal(child.indexes, [{ name: 'child_parent', columns: ['parent_id', 'parent_code'], unique: false, method: 'btree' }]); // InnoDB's implicit FK index
  assert.equal(child.triggers, [
    { name: 'child_ad', timing: 'after', events: ['delete'], level: 'row', definition: 'SET @x = 2', options: { sql_mode: 'ANSI_QUOTES,STRICT_ALL_TABLES' } },
    { name: 'child_au', timing: 'after', events: ['update'], level: 'row', definition: 'SET @x = 1' },
    { name: 'child_b1', timing: 'before', events: ['insert'], level: 'row', definition: 'SET NEW.qty = COALESCE(NEW.qty, 1)', options: { action_order: 2 } },
    { name: 'child_b2', timing: 'before', events: ['insert'], level: 'row', definition: 'SET NEW.qty = NEW.qty + 0', options: { action_order: 1 } },
  ]);

  const mem = find(objects, 'table', 'mem') as Table;
  assert.equal(mem.primary_key, { columns: ['id'], options: { method: 'hash' } });
  assert.equal(mem.indexes, [{ name: 'mem_code', columns: [{ column: 'code', length: 4 }], unique: false, method: 'hash' }]);

  assert.equal((find(objects, 'table', 'sales') as Table).partitioning, {
    strategy: 'range',
    key: '`y`',
    partitions: [
      { name: 'p2000', bound: '2000', comment: 'old', subpartitions: ['p2000sp0', 'p2000sp1'] },
      { name: 'pmax', bound: 'MAXVALUE', subpartitions: ['pmaxsp0', 'pmaxsp1'] },
    ],
    subpartitioning: { strategy: 'hash', key: '`id`' },
  });
  assert.equal((find(objects, 'table', 'regions') as Table).partitioning, {
    strategy: 'list columns',
    key: '`r`',
    // MariaDB's catalog says MAXVALUE for a LIST COLUMNS partition declared DEFAULT, a bound LIST cannot have.
    partitions: [{ name: 'pe', bound: "'fr','de'" }, { name: 'pa', bound: "'us'" }, { name: 'pz', bound: 'DEFAULT' }],
  });
  assert.equal((find(objects, 'table', 'hist') as Table).options?.system_versioned, true);

  const view = find(objects, 'view', 'v_child') as View;
  assert.equal(view.columns, [{ name: 'id', type: 'bigint(20)' }, { name: 'qty', type: 'int(11)' }]);
  assert.match(view.definition, /^select .*`qty` > 1$/);
  assert.is(view.check_option, 'cascaded');
  assert.equal(view.options, { algorithm: 'merge', security: 'invoker' });

  const addOne = objects.find((o): o is Routine => o.kind === 'routine' && o.name === 'add_one')!;
  assert.equal(addOne, {
    kind: 'routine', name: 'add_one', schema: db, routine_type: 'function', argument_types: ['int(11)'], arguments: 'n int(11)', returns: 'int(11)',
    language: 'sql', security: 'definer', deterministic: true, comment: 'adds one', definition: 'RETURN n + 1', options: { sql_data_access: 'no sql' },
  });
  const bump = objects.find((o): o is Routine => o.kind === 'routine' && o.name === 'bump')!;
  assert.equal([bump.routine_type, bump.argument_types, bump.arguments, bump.security, bump.options], ['procedure', ['int(11)', 'varchar(5)'], 'INOUT n int(11), IN `odd name` varchar(5) CHARSET utf8mb4 COLLATE utf8mb4_general_ci', 'invoker', { sql_data_access: 'modifies sql data' }]);
  // A stored program keeps the SQL mode it was created under: under ANSI_QUOTES "id" is a column, without it a string.
  assert.equal(find(objects, 'routine', 'quoted').options, { sql_data_access: 'contains sql', sql_mode: 'ANSI_QUOTES,STRICT_ALL_TABLES' });

  assert.equal(find(objects, 'event', 'ev_daily') as Event, {
    kind: 'event', name: 'ev_daily', schema: db, schedule: "EVERY 1 DAY STARTS '2030-01-01 00:00:00'", status: 'disabled', on_completion: 'preserve', comment: 'nightly',
    definition: 'DELETE FROM child WHERE qty < 0',
  });
  assert.is((find(objects, 'event', 'ev_once') as Event).schedule, "AT '2031-06-01 12:00:00'");
  // an event created under a time zone of its own fires by it: the zone is recorded
  assert.equal([find(objects, 'event', 'ev_once').options, find(objects, 'event', 'ev_india').options], [undefined, { time_zone: '+05:30' }]);

  // MariaDB sequences: their parameters, read from the sequences themselves (min and max only when not the defaults)
  assert.equal(find(objects, 'sequence', 'seq1'), { kind: 'sequence', schema: db, name: 'seq1', type: 'bigint', start: 10, increment: 1, cache: 1000, options: { engine: 'InnoDB' } });
  assert.equal(find(objects, 'sequence', 'seq `two'), { kind: 'sequence', schema: db, name: 'seq `two', type: 'bigint', start: -5, increment: -5, min: -100, max: -5, cache: 0, cycle: true, comment: 'down', options: { engine: 'InnoDB' } });
  // Colliding with a function's file: kept raw, with a warning.
  assert.equal(find(objects, 'unknown', 'twin').object_type, 'PROCEDURE');
  assert.is(find(objects, 'routine', 'twin').routine_type, 'function');
  assert.equal(warnings, [`${db}.twin: procedure shares the name twin() with a function; recorded raw`]);
  // ALTER SEQUENCE is seen; moving the sequence (data) is not a schema change
  await executeIn(db, 'SELECT NEXTVAL(seq1); ALTER SEQUENCE seq1 INCREMENT BY 2 MAXVALUE 500');
  assert.equal(find((await mysqlDriver.introspect(mysqlSpec(db), {})).snapshot.objects, 'sequence', 'seq1'), { kind: 'sequence', schema: db, name: 'seq1', type: 'bigint', start: 10, increment: 2, max: 500, cache: 1000, options: { engine: 'InnoDB' } });
});

mysqlTest("an event on a compound interval ('1:30' HOUR_MINUTE) keeps its value quoted once, as SHOW CREATE EVENT writes it", async () => {
  const db = await freshDatabase('interval', "CREATE EVENT ev ON SCHEDULE EVERY '1:30' HOUR_MINUTE STARTS '2030-01-01 00:00:00' DO SELECT 1;");
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db), {});
  assert.is((find(snapshot.objects, 'event', 'ev') as Event).schedule, "EVERY '1:30' HOUR_MINUTE STARTS '2030-01-01 00:00:00'");
});

mysqlTest('a text parameter or return value records its charset and collation, its own or the database defaults it took', async () => {
  const db = await freshDatabase('charsets', `ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE FUNCTION f(p varchar(10) CHARSET latin1, q varchar(5) COLLATE utf8mb4_bin, r varchar(5), n int) RETURNS varchar(3) CHARSET ascii RETURN 'x';
CREATE PROCEDURE pr(IN p text CHARSET utf8mb3) SELECT 1;`);
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db), {});
  const f = find(snapshot.objects, 'routine', 'f') as Routine;
  assert.equal([f.argument_types, f.arguments, f.returns], [
    ['varchar(10)', 'varchar(5)', 'varchar(5)', 'int(11)'],
    'p varchar(10) CHARSET latin1 COLLATE latin1_swedish_ci, q varchar(5) CHARSET utf8mb4 COLLATE utf8mb4_bin, r varchar(5) CHARSET utf8mb4 COLLATE utf8mb4_general_ci, n int(11)',
    'varchar(3) CHARSET ascii COLLATE ascii_general_ci',
  ]);
  assert.is((find(snapshot.objects, 'routine', 'pr') as Routine).arguments, 'IN p text CHARSET utf8mb3 COLLATE utf8mb3_general_ci');
});

mysqlTest("subpartitions' own comments are kept with them, not dropped nor given to their partition", async () => {
  const db = await freshDatabase('subcomments', `CREATE TABLE t (id int, d int) PARTITION BY RANGE (d) SUBPARTITION BY HASH (id) (
  PARTITION p0 VALUES LESS THAN (10) COMMENT 'shared' (SUBPARTITION s0, SUBPARTITION s1),
  PARTITION p1 VALUES LESS THAN (20) (SUBPARTITION s2 COMMENT 'a', SUBPARTITION s3 COMMENT 'b'),
  PARTITION p2 VALUES LESS THAN MAXVALUE (SUBPARTITION s4, SUBPARTITION s5 COMMENT 'c'));`);
  const partitions = async () => ((find((await mysqlDriver.introspect(mysqlSpec(db), {})).snapshot.objects, 'table', 't') as Table).partitioning?.partitions);
  assert.equal(await partitions(), [
    { name: 'p0', bound: '10', comment: 'shared', subpartitions: ['s0', 's1'] },
    { name: 'p1', bound: '20', subpartitions: [{ name: 's2', comment: 'a' }, { name: 's3', comment: 'b' }] },
    { name: 'p2', bound: 'MAXVALUE', subpartitions: ['s4', { name: 's5', comment: 'c' }] },
  ]);
  // A change to the second subpartition's comment is a change of the snapshot.
  await executeIn(db, "ALTER TABLE t REORGANIZE PARTITION p1 INTO (PARTITION p1 VALUES LESS THAN (20) (SUBPARTITION s2 COMMENT 'a', SUBPARTITION s3 COMMENT 'B'))");
  assert.equal((await partitions())?.[1], { name: 'p1', bound: '20', subpartitions: [{ name: 's2', comment: 'a' }, { name: 's3', comment: 'B' }] });
});

mysqlTest('a LIST COLUMNS partition declared DEFAULT over several columns is bound DEFAULT too, not the catalog\'s (MAXVALUE,MAXVALUE)', async () => {
  const db = await freshDatabase('listdefault', 'CREATE TABLE t (a int, b int) PARTITION BY LIST COLUMNS (a, b) (PARTITION p VALUES IN ((1,2),(3,4)), PARTITION d DEFAULT);');
  const table = find((await mysqlDriver.introspect(mysqlSpec(db), {})).snapshot.objects, 'table', 't') as Table;
  assert.equal(table.partitioning?.partitions, [{ name: 'p', bound: '(1,2),(3,4)' }, { name: 'd', bound: 'DEFAULT' }]);
});

mysqlTest('SYSTEM_TIME partitioning records its CURRENT partition: history partitions that AUTO adds on writes are no change', async () => {
  const db = await freshDatabase('systime', `CREATE TABLE t (x int) WITH SYSTEM VERSIONING
  PARTITION BY SYSTEM_TIME INTERVAL 1 HOUR STARTS TIMESTAMP'2026-01-01 00:00:00' AUTO;`);
  const partitioning = async () => (find((await mysqlDriver.introspect(mysqlSpec(db), {})).snapshot.objects, 'table', 't') as Table).partitioning;
  const before = await partitioning();
  assert.equal(before, { strategy: 'system_time', key: 'unix_timestamp(`row_end`)', partitions: [{ name: 'pn', bound: 'CURRENT' }] });
  // A write hours after the last history partition's interval makes the server add p1, p2, …
  await executeIn(db, "SET timestamp = unix_timestamp('2026-01-01 05:30:00'); INSERT INTO t VALUES (1); UPDATE t SET x = 2;");
  assert.equal(await partitioning(), before);
});

mysqlTest("a column-level check keeps its column's old name when the column is renamed: recorded on the column it reads", async () => {
  // Laravel's renameColumn of a json column (a longtext with a JSON_VALID check named after it), then a new column with the old name.
  const db = await freshDatabase('checkcolumn', `CREATE TABLE u (id int PRIMARY KEY, settings json, a int CHECK (a > b), b int);
ALTER TABLE u RENAME COLUMN settings TO prefs; ALTER TABLE u ADD COLUMN settings json;`);
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db), {});
  assert.equal((find(snapshot.objects, 'table', 'u') as Table).checks, [
    { name: 'a', expression: '`a` > `b`', column: 'a' },
    { name: 'settings', expression: 'json_valid(`prefs`)', column: 'prefs' },
    { name: 'settings', expression: 'json_valid(`settings`)', column: 'settings' },
  ]);
});

mysqlTest('a view over a dropped table is kept, with the server\'s complaint as a warning', async () => {
  const db = await freshDatabase('broken', 'CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; DROP TABLE t;');
  const { snapshot, warnings } = await mysqlDriver.introspect(mysqlSpec(db), {});
  const view = find(snapshot.objects, 'view', 'v') as View;
  assert.match(view.definition, /select/);
  assert.equal(view.columns, undefined);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, new RegExp(`^${db}: the server could not fully describe an object \\(View '${db}\\.v' references invalid`));
});

mysqlTest("a function named as a built-in one (`no`) is read in full, without the server's note on its name as a warning", async () => {
  const db = await freshDatabase('native', 'CREATE FUNCTION `no`() RETURNS int RETURN 1; CREATE FUNCTION `tables`() RETURNS int RETURN 2;');
  const { snapshot, warnings } = await mysqlDriver.introspect(mysqlSpec(db), {});
  assert.equal(snapshot.objects.filter((o) => o.kind === 'routine').map((o) => o.name).sort(), ['no', 'tables']);
  assert.equal(warnings, []);
});

mysqlTest('exclude globs on schema.object leave those objects out', async () => {
  const db = await freshDatabase('scope', 'CREATE TABLE keep_me (a int); CREATE TABLE tmp_1 (a int); CREATE VIEW tmp_v AS SELECT 1 AS x; CREATE FUNCTION tmp_f() RETURNS int RETURN 1;');
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db, { exclude: [`${db}.tmp_*`] }), {});
  assert.equal(snapshot.objects.map((o) => o.name), ['keep_me']);
});

// Identifiers MySQL/MariaDB accept that stress quoting, parameters, paths and YAML.
const HOSTILE = [
  'back`tick', "single'quote", 'double"quote', 'with space', 'dot.ted', '$1', '%s', '?', 'Éclair', '日本語', 'x'.repeat(64),
  'select', 'order', '..', '.git', 'a/b', 'new\nline', 'back\\slash', ' lead', 'key: value', '- dash', 'null',
];
const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

mysqlTest('hostile identifiers round-trip through git byte-exactly: the model read back equals the model captured', async () => {
  const c = await admin();
  // The database name itself is hostile too (it is the schema directory of the tree).
  const db = `dt host$1 %s.é ${process.pid}`;
  try {
    await c.query(`DROP DATABASE IF EXISTS ${quote(db)}; CREATE DATABASE ${quote(db)} CHARACTER SET utf8mb4; USE ${quote(db)}`);
    for (const [i, name] of HOSTILE.entries()) {
      const index = `i ${name}`.slice(0, 64);
      await c.query(
        `CREATE TABLE ${quote(name)} (${quote(name)} int PRIMARY KEY, ${quote(`c${i} ${name}`.slice(0, 64))} varchar(5) DEFAULT ${c.escape(name.slice(0, 5))} COMMENT ${c.escape(name)}, KEY ${quote(index)} (${quote(name)})) COMMENT ${c.escape(name)}`,
      );
    }
    await c.query(`CREATE TABLE refs (id int PRIMARY KEY, CONSTRAINT ${quote('fk `$1` %s')} FOREIGN KEY (id) REFERENCES ${quote(HOSTILE[0]!)} (${quote(HOSTILE[0]!)}))`);
    await c.query(`CREATE VIEW ${quote('view "$1" %s')} AS SELECT 1 AS ${quote("col 'x'")}`);
    await c.query(`CREATE FUNCTION ${quote('fn `%s` $1')}(${quote('arg ?')} int) RETURNS int RETURN 1`);
    await c.query(`CREATE TRIGGER ${quote('trg "x" %s')} BEFORE INSERT ON refs FOR EACH ROW SET @a = 1`);
    const { snapshot: captured } = await mysqlDriver.introspect(mysqlSpec(db), { jobs: 2 });
    assert.equal(captured.objects.filter((o) => o.kind === 'table').map((t) => t.name).sort(), [...HOSTILE, 'refs'].sort());
    const table = captured.objects.find((o): o is Table => o.kind === 'table' && o.name === 'back`tick')!;
    assert.equal(table.columns.map((col) => col.name), ['back`tick', 'c0 back`tick']);
    assert.is(table.comment, 'back`tick');
    await assertGitRoundTrip(captured);
  } finally {
    await c.query(`DROP DATABASE IF EXISTS ${quote(db)}`);
    await c.end();
  }
});

test.run();
