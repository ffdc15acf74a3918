// Per-dialect type-change rules: what keeps the data (safe), what fits but rewrites or reinterprets
// (caution), what may lose or reject values (breaking).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseType, sqliteAffinity, typeChangeImpact } from '../../src/diff/type-change.js';
import type { Dialect } from '../../src/model/types.js';

function check(dialect: Dialect, cases: [from: string, to: string, impact: string, charset?: string][]): void {
  for (const [from, to, impact, charset] of cases) {
    assert.is(typeChangeImpact(dialect, from, to, { charset }), impact, `${dialect}: ${from} → ${to}`);
  }
}

test('types are parsed into base, arguments and modifiers', () => {
  assert.equal(parseType('timestamp(3) without time zone'), { base: 'timestamp', args: ['3'], unsigned: false, array: false, suffix: 'without time zone' });
  assert.equal(parseType('int(10) unsigned zerofill'), { base: 'int', args: ['10'], unsigned: true, array: false, suffix: 'zerofill' });
  assert.equal(parseType("enum('a','b,c')").args, ["'a'", "'b,c'"]);
  assert.equal(parseType('character varying(20)[]'), { base: 'character varying', args: ['20'], unsigned: false, array: true, suffix: '' });
});

test('PostgreSQL: varchar growth and varchar ↔ text are free, integer widening rewrites, narrowing breaks', () => {
  check('postgres', [
    ['character varying(10)', 'character varying(20)', 'safe'],
    ['character varying(20)', 'character varying(10)', 'breaking'],
    ['character varying(20)', 'text', 'safe'],
    ['text', 'character varying', 'safe'],
    ['text', 'character varying(5)', 'breaking'],
    ['integer', 'bigint', 'caution'],
    ['smallint', 'integer', 'caution'],
    ['bigint', 'integer', 'breaking'],
    ['real', 'double precision', 'caution'],
    ['numeric(10,2)', 'numeric(12,2)', 'safe'],
    ['numeric(10,2)', 'numeric', 'safe'],
    ['numeric(10,2)', 'numeric(12,4)', 'caution'],
    ['numeric(10,2)', 'numeric(10,4)', 'breaking'],
    ['numeric(10,2)', 'numeric(8,2)', 'breaking'],
    ['integer', 'numeric', 'caution'],
    // an integer fits a numeric with as many digits left of its scale (integer: 10, bigint: 19)
    ['integer', 'numeric(12,2)', 'caution'],
    ['smallint', 'numeric(5,0)', 'caution'],
    ['integer', 'numeric(9,0)', 'breaking'],
    ['bigint', 'numeric(20,2)', 'breaking'],
    ['timestamp(3) without time zone', 'timestamp(6) without time zone', 'safe'],
    ['timestamp without time zone', 'timestamp with time zone', 'caution'],
    ['timestamp(0) without time zone', 'timestamp without time zone', 'safe'],
    ['timestamp without time zone', 'timestamp(3) without time zone', 'breaking'],
    // interval keeps its larger units; fields and precision only truncate below the smallest unit
    ['interval day to second(3)', 'interval day to second(6)', 'safe'],
    ['interval second(2)', 'interval second(5)', 'safe'],
    ['interval year to month', 'interval', 'safe'],
    ['interval(2)', 'interval(4)', 'safe'],
    ['interval day', 'interval day to hour', 'caution'],
    ['interval', 'interval day', 'breaking'],
    ['interval day to second(6)', 'interval day to second(3)', 'breaking'],
    ['interval', 'interval(3)', 'breaking'],
    ['interval minute to second', 'interval hour to second', 'caution'],
    // a user type whose name starts with interval is no interval: an enum made an interval keeps nothing
    ['interval_unit', 'interval', 'breaking'],
    ['interval_unit', 'interval_kind', 'breaking'],
    ['intervals', 'interval day', 'breaking'],
    ['integer[]', 'bigint[]', 'caution'],
    ['integer', 'integer[]', 'breaking'],
    ['bit varying(4)', 'bit varying(8)', 'safe'],
    ['text', 'integer', 'breaking'],
    ['order_status', 'text', 'breaking'],
    // blank-padded character: longer, or as varchar/text with room, keeps every value
    ['character(5)', 'character(10)', 'caution'],
    ['character(10)', 'character(5)', 'breaking'],
    ['character(5)', 'character varying(5)', 'caution'],
    ['character(5)', 'text', 'caution'],
    ['character(10)', 'character varying(5)', 'breaking'],
    // unrelated types that keep every value: a date as its midnight, integers a double holds exactly, json ↔ jsonb
    ['date', 'timestamp without time zone', 'caution'],
    ['date', 'timestamp(0) with time zone', 'caution'],
    ['integer', 'double precision', 'caution'],
    ['smallint', 'real', 'caution'],
    ['integer', 'real', 'breaking'],
    ['bigint', 'double precision', 'breaking'],
    ['json', 'jsonb', 'caution'],
    ['jsonb', 'json', 'caution'],
    ['timestamp without time zone', 'date', 'breaking'],
    ['bit(4)', 'bit varying', 'caution'],
    ['bit(4)', 'varbit(8)', 'caution'],
    ['bit(4)', 'bit varying(3)', 'breaking'],
  ]);
});

test('MySQL: integer widening and signedness, varchar growth across the 255-byte length prefix, enums', () => {
  check('mysql', [
    ['int', 'bigint', 'caution'],
    ['int(11)', 'int', 'safe'],
    ['int unsigned', 'bigint', 'caution'],
    ['int unsigned', 'int', 'breaking'],
    ['int', 'int unsigned', 'breaking'],
    ['int', 'bigint unsigned', 'breaking'],
    ['bigint', 'int', 'breaking'],
    ['tinyint(1)', 'smallint', 'caution'],
    // tinyint(1) reads as a boolean in connectors and ORMs
    ['tinyint(1)', 'tinyint(4)', 'caution'],
    ['tinyint(4)', 'tinyint', 'safe'],
    // ZEROFILL pads the values read to the display width
    ['int(10) unsigned', 'int(10) unsigned zerofill', 'caution'],
    ['int(5) unsigned zerofill', 'int(8) unsigned zerofill', 'caution'],
    ['int(5) unsigned zerofill', 'int(5) unsigned', 'caution'],
    ['int(5) unsigned zerofill', 'int(5)', 'breaking'],
    // MariaDB COMPRESSED keeps the values and rewrites the table; the type itself still counts
    ['varchar(200)', 'varchar(200) /*M!100301 COMPRESSED*/', 'caution'],
    ['blob /*M!100301 COMPRESSED*/', 'blob', 'caution'],
    ['varchar(200) /*M!100301 COMPRESSED*/', 'varchar(100) /*M!100301 COMPRESSED*/', 'breaking'],
    ['varchar(10)', 'varchar(60)', 'safe', 'utf8mb4'],
    ['varchar(60)', 'varchar(64)', 'caution', 'utf8mb4'],
    ['varchar(100)', 'varchar(255)', 'safe', 'latin1'],
    ['varchar(255)', 'varchar(256)', 'caution', 'latin1'],
    ['varchar(100)', 'varchar(50)', 'breaking'],
    // varbinary counts bytes, whatever the table's character set
    ['varbinary(20)', 'varbinary(255)', 'safe', 'utf8mb4'],
    ['varbinary(255)', 'varbinary(256)', 'caution', 'utf8mb4'],
    ['varbinary(20)', 'varbinary(10)', 'breaking'],
    ['varchar(255)', 'text', 'caution'],
    ['text', 'mediumtext', 'caution'],
    ['mediumtext', 'text', 'breaking'],
    ['decimal(10,2)', 'decimal(12,2)', 'caution'],
    // an integer fits a decimal with as many digits left of its scale; a bare DECIMAL is decimal(10,0)
    ['int(11)', 'decimal(12,2)', 'caution'],
    ['int', 'decimal', 'caution'],
    ['int', 'decimal(11,2)', 'breaking'],
    ['bigint(20) unsigned', 'decimal(20,0)', 'caution'],
    ['bigint(20)', 'decimal(18,0)', 'breaking'],
    ['float', 'double', 'caution'],
    // FLOAT(M,D) rounds every value to D decimals and caps it at M digits
    ['float', 'float(10,2)', 'breaking'],
    ['double', 'double(10,2)', 'breaking'],
    ['float', 'double(10,2)', 'breaking'],
    ['float(10,2)', 'float(10,3)', 'breaking'],
    ['float(10,2)', 'float(12,2)', 'caution'],
    ['float(10,2)', 'float', 'caution'],
    ['float(10,2)', 'double(10,2)', 'caution'],
    ["enum('a','b')", "enum('a','b','c')", 'safe'],
    ["enum('a','b')", "enum('b','a')", 'caution'],
    ["enum('a','b')", "enum('a')", 'breaking'],
    // a value put before others renumbers them (MySQL stores an enum's index, a set's bitmask) and rebuilds the table
    ["enum('G','PG','PG-13')", "enum('G','PG','PG-10','PG-13')", 'caution'],
    ["set('a','b')", "set('x','a','b')", 'caution'],
    ["set('a','b')", "set('a','b','c')", 'safe'],
    ["set('a','b','c')", "set('a','c')", 'breaking'],
    ['datetime', 'datetime(3)', 'caution'],
    // a date is its midnight, a TIMESTAMP's 1970–2038 fits a DATETIME; not back, nor with less precision
    ['date', 'datetime', 'caution'],
    ['date', 'datetime(6)', 'caution'],
    ['timestamp', 'datetime', 'caution'],
    ['timestamp(3)', 'datetime(6)', 'caution'],
    ['timestamp(3)', 'datetime', 'breaking'],
    ['datetime', 'date', 'breaking'],
    ['datetime', 'timestamp', 'breaking'],
    ['date', 'timestamp', 'breaking'],
    ['char(3)', 'varchar(3)', 'caution'],
    ['int', 'varchar(10)', 'breaking'],
    ['bit(8)', 'bit(16)', 'caution'],
    ['bit(16)', 'bit(8)', 'breaking'],
    // UNSIGNED on a DECIMAL or FLOAT refuses negative values and widens nothing
    ['decimal(10,2)', 'decimal(10,2) unsigned', 'breaking'],
    ['decimal(10,2) unsigned', 'decimal(10,2)', 'caution'],
    ['decimal(10,2) unsigned', 'decimal(12,2)', 'caution'],
    ['float', 'float unsigned', 'breaking'],
    ['double unsigned', 'double', 'caution'],
    ['int', 'decimal(12,2) unsigned', 'breaking'],
    ['int unsigned', 'decimal(12,2) unsigned', 'caution'],
    // a varchar into a TEXT type (varbinary into a BLOB) that holds as many bytes
    ['varchar(100)', 'tinytext', 'breaking', 'utf8mb4'],
    ['varchar(60)', 'tinytext', 'caution', 'utf8mb4'],
    ['varchar(255)', 'tinytext', 'caution', 'latin1'],
    ['varbinary(10)', 'blob', 'caution'],
    ['varbinary(300)', 'tinyblob', 'breaking'],
    // an integer into a FLOAT or DOUBLE whose mantissa holds it exactly
    ['int', 'double', 'caution'],
    ['int', 'float', 'breaking'],
    ['mediumint unsigned', 'float', 'caution'],
    ['bigint', 'double', 'breaking'],
    ['int', 'double(10,2)', 'breaking'],
    ['int', 'double unsigned', 'breaking'],
  ]);
});

test('SQLite STRICT tables: the type is enforced, so a value it cannot hold losslessly is refused', () => {
  const cases: [string, string, string][] = [
    ['INT', 'INTEGER', 'safe'],
    ['INTEGER', 'REAL', 'caution'],
    ['INTEGER', 'TEXT', 'caution'],
    ['REAL', 'TEXT', 'caution'],
    ['TEXT', 'ANY', 'caution'],
    ['REAL', 'INTEGER', 'breaking'],
    ['ANY', 'INTEGER', 'breaking'],
    ['TEXT', 'INTEGER', 'breaking'],
    ['TEXT', 'BLOB', 'breaking'],
    ['BLOB', 'ANY', 'caution'],
  ];
  for (const [from, to, impact] of cases) assert.is(typeChangeImpact('sqlite', from, to, { strict: true }), impact, `STRICT: ${from} → ${to}`);
  // Not STRICT, REAL → INTEGER keeps every value (whole ones as integers): only affinity changes.
  assert.is(typeChangeImpact('sqlite', 'REAL', 'INTEGER'), 'caution');
});

test('SQLite: declared types compare by affinity', () => {
  assert.equal(['INT', 'VARCHAR(10)', 'BLOB', '', 'DOUBLE', 'DECIMAL(5,2)'].map(sqliteAffinity), ['INTEGER', 'TEXT', 'BLOB', 'BLOB', 'REAL', 'NUMERIC']);
  check('sqlite', [
    ['INT', 'INTEGER', 'safe'],
    ['VARCHAR(10)', 'TEXT', 'safe'],
    ['VARCHAR(10)', 'VARCHAR(20)', 'safe'],
    ['INTEGER', 'REAL', 'caution'],
    ['INTEGER', 'TEXT', 'caution'],
    ['TEXT', 'BLOB', 'caution'],
    ['TEXT', 'INTEGER', 'breaking'],
    ['REAL', 'TEXT', 'caution'],
    ['TEXT', 'REAL', 'breaking'],
    // INTEGER and NUMERIC affinity store every value alike (an Alembic rebuild of DECIMAL(10,2) as INTEGER)
    ['DECIMAL(10,2)', 'INTEGER', 'caution'],
    ['INTEGER', 'NUMERIC', 'caution'],
    // ... so a change judges the same from either: to and from REAL keeps every value (as REAL, or as INTEGER where it is whole)
    ['NUMERIC', 'REAL', 'caution'],
    ['REAL', 'INTEGER', 'caution'],
    ['REAL', 'NUMERIC', 'caution'],
  ]);
});

test('MySQL/MariaDB: a conversion that keeps every value is caution, its reverse (narrowing) breaking', () => {
  check('mysql', [
    // MariaDB's UUID, INET6 and INET4 read as text of 36, 39 and 15 characters
    ['uuid', 'char(36)', 'caution'],
    ['uuid', 'varchar(40)', 'caution'],
    ['uuid', 'varchar(35)', 'breaking'],
    ['uuid', 'tinytext', 'caution'],
    ['char(36)', 'uuid', 'breaking'],
    ['inet6', 'varchar(39)', 'caution'],
    ['inet6', 'varchar(38)', 'breaking'],
    ['inet4', 'varchar(15)', 'caution'],
    ['inet4', 'char(14)', 'breaking'],
    ['varchar(39)', 'inet6', 'breaking'],
    // a GEOMETRY column holds any geometry; a POINT column no other
    ['point', 'geometry', 'caution'],
    ['multipolygon', 'geometry', 'caution'],
    ['geometry', 'point', 'breaking'],
    ['point', 'polygon', 'breaking'],
    // a TEXT type's bytes are as many characters at most (one byte each at least)
    ['tinytext', 'varchar(300)', 'caution', 'utf8mb4'],
    ['tinytext', 'varchar(255)', 'caution', 'utf8mb4'],
    ['tinytext', 'varchar(254)', 'breaking', 'latin1'],
    ['text', 'varchar(16383)', 'breaking', 'utf8mb4'],
    ['varchar(300)', 'tinytext', 'breaking', 'latin1'],
    // a CHAR into a TEXT type that holds as many bytes, as a VARCHAR; not a TEXT into a CHAR, which drops trailing blanks
    ['char(10)', 'text', 'caution'],
    ['char(64)', 'tinytext', 'breaking', 'utf8mb4'],
    ['char(255)', 'tinytext', 'caution', 'latin1'],
    ['tinytext', 'char(255)', 'breaking'],
    // a BINARY's bytes (its padding too) into a VARBINARY or BLOB that holds them; not into a BINARY, which pads
    ['binary(16)', 'varbinary(16)', 'caution'],
    ['binary(16)', 'varbinary(20)', 'caution'],
    ['binary(16)', 'varbinary(15)', 'breaking'],
    ['binary(16)', 'blob', 'caution'],
    ['tinyblob', 'varbinary(255)', 'caution'],
    ['blob', 'varbinary(255)', 'breaking'],
    ['varbinary(16)', 'binary(16)', 'breaking'],
    ['binary(16)', 'varchar(16)', 'breaking'],
    ['char(16)', 'varbinary(16)', 'breaking'],
    // a YEAR is 0 or 1901–2155
    ['year(4)', 'smallint(6)', 'caution'],
    ['year', 'int unsigned', 'caution'],
    ['year', 'tinyint', 'breaking'],
    ['year', 'varchar(4)', 'caution'],
    ['smallint', 'year', 'breaking'],
    // an ENUM into text its longest label fits; a SET's value is its labels joined by commas
    ["enum('x','z','w')", 'varchar(10)', 'caution'],
    ["enum('it''s','b\\\\c')", 'varchar(4)', 'caution'],
    ["enum('a\\\\b')", 'varchar(3)', 'caution'],
    ["enum('small','largest')", 'varchar(6)', 'breaking'],
    ["enum('small','largest')", 'char(7)', 'caution'],
    ["enum('x','z')", 'text', 'caution'],
    ["set('p','q')", 'varchar(10)', 'caution'],
    ["set('p','q')", 'varchar(3)', 'caution'],
    ["set('p','q')", 'varchar(2)', 'breaking'],
    ["set('ab','cd','ef')", 'tinytext', 'caution'],
    ['varchar(10)', "enum('x','z','w')", 'breaking'],
  ]);
});

test.run();
