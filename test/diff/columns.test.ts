// An added or removed column's one-line definition: what a reviewer needs to judge it without
// opening the snapshot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnDefinition } from '../../src/diff/columns.js';

test('a MySQL column says its own charset and collation, ON UPDATE and INVISIBLE, in DDL order', () => {
  assert.is(
    columnDefinition({ name: 'l', type: 'varchar(5)', charset: 'latin1', collation: 'latin1_bin', nullable: false, default: "'x'" }, 'mysql'),
    "varchar(5) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL DEFAULT 'x'",
  );
  assert.is(
    columnDefinition({ name: 'ts', type: 'timestamp', nullable: false, default: 'current_timestamp()', on_update: 'current_timestamp()' }, 'mysql'),
    'timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()',
  );
  assert.is(columnDefinition({ name: 's', type: 'varchar(10)', nullable: true, hidden: true }, 'mysql'), 'varchar(10) INVISIBLE');
  // MariaDB's system-versioning columns, as CREATE TABLE takes them
  assert.is(columnDefinition({ name: 'rs', type: 'timestamp(6)', nullable: false, generated: { expression: 'ROW START', stored: true }, hidden: true }, 'mysql'), 'timestamp(6) NOT NULL GENERATED ALWAYS AS ROW START INVISIBLE');
  assert.is(columnDefinition({ name: 'g', type: 'int(11)', nullable: true, generated: { expression: '`a` + 1', stored: false } }, 'mysql'), 'int(11) GENERATED ALWAYS AS (`a` + 1)');
});

test('a PostgreSQL column: collation, identity and generated expression', () => {
  // the catalog's collation name, quoted as DDL needs it
  assert.is(columnDefinition({ name: 'n', type: 'text', collation: 'C', nullable: false }, 'postgres'), 'text COLLATE "C" NOT NULL');
  assert.is(columnDefinition({ name: 'n', type: 'text', collation: 'und-x-icu', nullable: false }, 'postgres'), 'text COLLATE "und-x-icu" NOT NULL');
  assert.is(columnDefinition({ name: 'id', type: 'bigint', nullable: false, identity: 'always' }, 'postgres'), 'bigint NOT NULL GENERATED ALWAYS AS IDENTITY');
  assert.is(columnDefinition({ name: 'd', type: 'date', nullable: true, generated: { expression: '(ts)::date', stored: true } }, 'postgres'), 'date GENERATED ALWAYS AS ((ts)::date) STORED');
});

test('a SQLite column as its DDL takes it: an expression default in parentheses (its catalog gives it bare), AUTOINCREMENT on the key', () => {
  const sqlite = (more: object) => columnDefinition({ name: 'c', type: 'TEXT', nullable: true, ...more }, 'sqlite');
  assert.is(sqlite({ default: "datetime('now')" }), "TEXT DEFAULT (datetime('now'))");
  assert.is(sqlite({ default: '1+1' }), 'TEXT DEFAULT (1+1)');
  assert.is(sqlite({ default: '(a) + (b)' }), 'TEXT DEFAULT ((a) + (b))');
  for (const literal of ["'x'", '-1.5', '0x1F', "X'AB'", 'CURRENT_TIMESTAMP', 'NULL', '"Active"', 'Open', '(1 + 2)']) assert.is(sqlite({ default: literal }), `TEXT DEFAULT ${literal}`);
  assert.is(columnDefinition({ name: 'id', type: 'INTEGER', nullable: false, auto_increment: true }, 'sqlite'), 'INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT');
});

test.run();
