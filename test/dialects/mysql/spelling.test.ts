// Server-independent parts of the MySQL dialect: MySQL 8 vs MariaDB spellings, version checks,
// privilege arithmetic, error messages, and assembly of MySQL 8 shaped rows (MySQL 8 is not
// running here; these rows follow its information_schema as documented).
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { assembleMysql, charsetOf } from '../../../src/dialects/mysql/assemble.js';
import type { CatalogRows } from '../../../src/dialects/mysql/catalog.js';
import { databaseError } from '../../../src/dialects/mysql/errors.js';
import { parseServerVersion } from '../../../src/dialects/mysql/server.js';
import { columnDefault, isPartitioned, parseCreateOptions, parseExtra } from '../../../src/dialects/mysql/spelling.js';
import { granteeOf, hasDatabaseSelect, hiddenKinds, roleGrants, schemaPatternMatches } from '../../../src/dialects/mysql/visibility.js';
import type { Event, Table, View } from '../../../src/model/types.js';

const def = (value: string | null, type: string, extra: string, flavor: 'mariadb' | 'mysql') => columnDefault(value, type, parseExtra(extra), flavor);

test('column defaults read the same on MySQL 8 and MariaDB', () => {
  const pairs: [mysql: [string | null, string, string], mariadb: [string | null, string, string], expected: string | undefined][] = [
    [['abc', 'varchar', ''], ["'abc'", 'varchar', ''], "'abc'"],
    [["it's \\ x", 'varchar', ''], ["'it''s \\\\ x'", 'varchar', ''], "'it''s \\\\ x'"],
    [['0', 'int', ''], ['0', 'int', ''], '0'],
    [['1.50', 'decimal', ''], ['1.50', 'decimal', ''], '1.50'],
    [['2000-01-01', 'date', ''], ["'2000-01-01'", 'date', ''], "'2000-01-01'"],
    [['NULL', 'varchar', ''], ["'NULL'", 'varchar', ''], "'NULL'"],
    [[null, 'varchar', ''], ['NULL', 'varchar', ''], undefined],
    [[null, 'int', ''], [null, 'int', ''], undefined],
    [['CURRENT_TIMESTAMP', 'timestamp', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP'], ['current_timestamp()', 'timestamp', 'on update current_timestamp()'], 'current_timestamp()'],
    [['CURRENT_TIMESTAMP(3)', 'datetime', 'DEFAULT_GENERATED'], ['current_timestamp(3)', 'datetime', ''], 'current_timestamp(3)'],
    [['rand()', 'double', 'DEFAULT_GENERATED'], ['rand()', 'double', ''], 'rand()'],
    [["b'1'", 'bit', ''], ["b'1'", 'bit', ''], "b'1'"],
    [[null, 'int', 'STORED GENERATED'], ['NULL', 'int', 'STORED GENERATED'], undefined],
  ];
  for (const [mysql, mariadb, expected] of pairs) {
    assert.is(def(...mysql, 'mysql'), expected, `MySQL ${JSON.stringify(mysql)}`);
    assert.is(def(...mariadb, 'mariadb'), expected, `MariaDB ${JSON.stringify(mariadb)}`);
  }
});

test('EXTRA: auto_increment, ON UPDATE, generated, invisible; the rest kept verbatim', () => {
  assert.equal(parseExtra('DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6) INVISIBLE'), { autoIncrement: false, invisible: true, defaultIsExpression: true, onUpdate: 'current_timestamp(6)' });
  assert.equal(parseExtra('on update current_timestamp()'), { autoIncrement: false, invisible: false, defaultIsExpression: false, onUpdate: 'current_timestamp()' });
  assert.equal(parseExtra('auto_increment'), { autoIncrement: true, invisible: false, defaultIsExpression: false });
  assert.equal(parseExtra('VIRTUAL GENERATED').generated, 'virtual');
  assert.equal(parseExtra('STORED GENERATED').generated, 'stored');
  assert.equal(parseExtra('ROW START INVISIBLE'), { autoIncrement: false, invisible: true, defaultIsExpression: false, rest: 'ROW START' });
  assert.equal(parseExtra(null), { autoIncrement: false, invisible: false, defaultIsExpression: false });
});

// Spellings as MariaDB 10.11 gives them (engine options keep the case they were written in), and MySQL 8's double quotes.
test('CREATE_OPTIONS split into options: bare server options, backquoted engine options with SQL string values', () => {
  const split = (text: string | null) => parseCreateOptions(text).map((o) => [o.name, o.value, o.engineDefined]);
  assert.equal(split('stats_persistent=0 stats_auto_recalc=1 stats_sample_pages=25 row_format=COMPRESSED key_block_size=8'), [
    ['stats_persistent', '0', false], ['stats_auto_recalc', '1', false], ['stats_sample_pages', '25', false], ['row_format', 'COMPRESSED', false], ['key_block_size', '8', false],
  ]);
  assert.equal(split("`PAGE_COMPRESSED`='1' `page_compression_level`='9'"), [['PAGE_COMPRESSED', '1', true], ['page_compression_level', '9', true]]);
  assert.equal(split('partitioned `ENCRYPTED`=\'NO\''), [['partitioned', undefined, false], ['ENCRYPTED', 'NO', true]]);
  // IGNORE_BAD_TABLE_OPTIONS lets any value in: spaces, `=`, both quotes, a raw tab; the server writes a newline as \n, a CR as \r, a backslash as \\.
  assert.equal(split("`q`='a\\nb\\\\c''d\"e`f\tg\\rh=i j' `r`='12' `we``ird`=x"), [['q', 'a\nb\\c\'d"e`f\tg\rh=i j', true], ['r', '12', true], ['we`ird', 'x', true]]);
  assert.equal(split('COMPRESSION="zlib" ENCRYPTION="Y"'), [['COMPRESSION', 'zlib', false], ['ENCRYPTION', 'Y', false]]);
  assert.equal(split("max_rows=100 DATA DIRECTORY='/srv/my data/' INDEX DIRECTORY='/srv/idx/'"), [['max_rows', '100', false], ['DATA DIRECTORY', '/srv/my data/', false], ['INDEX DIRECTORY', '/srv/idx/', false]]);
  assert.equal(split(''), []);
  assert.equal(split(null), []);
  // Text no server writes is still split to its end, never dropped.
  assert.equal(split(" `open='x y =z "), [['`open', "'x", false], ['y', undefined, false], ['=', undefined, false], ['z', undefined, false]]);
  assert.ok(isPartitioned('row_format=DYNAMIC partitioned'));
  assert.not.ok(isPartitioned("`comment2`='partitioned'"));
  assert.not.ok(isPartitioned(null));
});

test('server versions: flavor and release without the packager suffix; too old is refused', () => {
  assert.equal(parseServerVersion('10.11.19-MariaDB-0+deb12u1'), { flavor: 'mariadb', version: '10.11.19-MariaDB' });
  assert.equal(parseServerVersion('11.4.2-MariaDB-log'), { flavor: 'mariadb', version: '11.4.2-MariaDB' });
  assert.equal(parseServerVersion('8.0.36-0ubuntu0.22.04.1'), { flavor: 'mysql', version: '8.0.36-MySQL' });
  assert.equal(parseServerVersion('9.1.0'), { flavor: 'mysql', version: '9.1.0-MySQL' });
  assert.throws(() => parseServerVersion('5.7.44-log'), /MySQL 5\.7\.44 is not supported; datatrack reads MySQL 8\.0\.16 or newer/);
  assert.throws(() => parseServerVersion('8.0.15'), /not supported/);
  assert.throws(() => parseServerVersion('10.5.23-MariaDB'), /MariaDB 10\.5\.23 is not supported; datatrack reads MariaDB 10\.6\.0 or newer/);
});

test('privileges: grantee spelling, LIKE patterns of database grants, roles', () => {
  assert.is(granteeOf('app@%'), "'app'@'%'");
  assert.is(granteeOf('we@ird@10.0.0.1'), "'we@ird'@'10.0.0.1'");
  assert.is(granteeOf('`reader`@`%`'), "'reader'@'%'");
  assert.is(granteeOf('reader'), "'reader'");
  assert.ok(schemaPatternMatches('app\\_%', 'app_1'));
  assert.not.ok(schemaPatternMatches('app\\_%', 'appx1'));
  assert.ok(schemaPatternMatches('app_db', 'appxdb'));
  assert.ok(schemaPatternMatches('shop', 'shop'));
  assert.not.ok(schemaPatternMatches('shop', 'shop2'));
  const hidden = hiddenKinds({
    database: 'shop',
    account: 'app@%',
    role: 'reader',
    userPrivileges: [{ grantee: "'other'@'%'", privilege: 'EVENT' }, { grantee: "'reader'", privilege: 'TRIGGER' }],
    schemaPrivileges: [{ grantee: "'app'@'%'", schema_pattern: 'sh\\_p', privilege: 'EVENT' }, { grantee: "'app'@'%'", schema_pattern: 'sh%', privilege: 'EXECUTE' }],
  });
  assert.equal(hidden.map((h) => [h.schema, h.kind]), [['shop', 'event']]);
  assert.match(hidden[0]!.reason, /^account app@% lacks the EVENT privilege .*; GRANT EVENT ON `shop`\.\* TO 'app'@'%' to track them$/);
  // EXECUTE and EVENT are no table privileges: MariaDB still lists no foreign key, and the warning says why.
  const keys = hiddenKinds({ database: 'shop', account: 'app@%', role: null, flavor: 'mariadb', userPrivileges: [], schemaPrivileges: ['SELECT', 'EXECUTE', 'EVENT'].map((privilege) => ({ grantee: "'app'@'%'", schema_pattern: 'shop', privilege })) });
  assert.equal(keys.map((h) => [h.kind, h.attribute]), [['trigger', undefined], ['table', 'foreign_keys']]);
  assert.match(keys[1]!.reason, /^account app@% holds no table privilege besides SELECT, /);
});

// SHOW GRANTS of an account whose role holds its privileges. MariaDB names the role's grants after the role;
// MySQL 8 (SHOW GRANTS without FOR expands the active roles, as USING would) prints them under the account.
test('privileges through an active role: MariaDB and MySQL 8 SHOW GRANTS', () => {
  const held = (lines: string[], role: string) => {
    const viaRole = roleGrants(lines, role, 'app@%');
    const input = { database: 'shop', account: 'app@%', role, ...viaRole };
    return { select: hasDatabaseSelect(input), hidden: hiddenKinds(input).map((h) => h.kind) };
  };
  const mariadb = ['GRANT USAGE ON *.* TO `app`@`%`', 'GRANT `reader` TO `app`@`%`', 'GRANT USAGE ON *.* TO `reader`', 'GRANT SELECT, TRIGGER ON `shop`.* TO `reader`'];
  assert.equal(held(mariadb, 'reader'), { select: true, hidden: ['event', 'routine'] });
  const mysql8 = ['GRANT USAGE ON *.* TO `app`@`%`', 'GRANT SELECT, TRIGGER ON `shop`.* TO `app`@`%`', 'GRANT SHOW_ROUTINE ON *.* TO `app`@`%`', 'GRANT `reader`@`%` TO `app`@`%`'];
  assert.equal(held(mysql8, '`reader`@`%`'), { select: true, hidden: ['event'] });
  // Another account's or role's lines never count.
  assert.equal(held(['GRANT SELECT ON `shop`.* TO `other`@`%`'], '`reader`@`%`').select, false);
});

test('error messages: one line, the password scrubbed, timeouts named', () => {
  const spec = { dialect: 'mysql' as const, database: 'shop', host: 'db', port: 3307, user: 'app', password: 'S3cret!pw', options: {}, timeouts: { connectMs: 2000, statementMs: 30_000, lockMs: 5000 } };
  const leak = Object.assign(new Error('odd failure\nmentioning S3cret!pw twice: S3cret!pw'), { code: 'ER_SOMETHING' });
  assert.is(databaseError(leak, spec, 'read').message, 'reading the catalog of shop on MySQL server db:3307 failed: odd failure mentioning *** twice: ***');
  assert.is(databaseError(Object.assign(new Error('max_statement_time exceeded'), { errno: 1969 }), spec, 'read').message, 'reading the catalog of shop on db:3307 took longer than the statement timeout (30s); raise statement_timeout for this target');
  assert.is(databaseError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), spec, 'connect').message, 'cannot connect to MySQL server db:3307: no answer within the connect timeout (2s)');
  // not Node's "connect ENETUNREACH 192.0.2.255:3306 - Local (0.0.0.0:0)"
  assert.is(databaseError(Object.assign(new Error('connect ENETUNREACH 192.0.2.255:3307 - Local (0.0.0.0:0)'), { code: 'ENETUNREACH' }), spec, 'connect').message, 'cannot connect to MySQL server db:3307: the host is unreachable (ENETUNREACH); check the host and the network route to it');
  assert.is(databaseError(Object.assign(new Error('Connection was killed'), { errno: 1927 }), spec, 'read').code, 'DB_CONNECTION_LOST');
  assert.is(databaseError(Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('Unknown database'), { code: 'ER_BAD_DB_ERROR' }) }), spec, 'read').code, 'DB_NOT_FOUND');
});

test("a table MariaDB could not open (its engine not loaded) is hidden whole, not recorded as emptied: no columns, the server's complaint as comment", () => {
  // As MariaDB 10.11 lists a BLACKHOLE table after UNINSTALL SONAME 'ha_blackhole': no collation, the error as
  // TABLE_COMMENT, and no rows in COLUMNS, STATISTICS or the constraint views.
  const rows: Partial<CatalogRows> = {
    schemata: [{ name: 'shop', charset: 'utf8mb4', collation: 'utf8mb4_general_ci', comment: null }],
    tables: [{ table_name: 'bh', table_type: 'BASE TABLE', engine: 'BLACKHOLE', collation: null, create_options: null, comment: "Unknown storage engine 'BLACKHOLE'" }],
  };
  const { snapshot, hidden } = assembleMysql(rows, { database: 'shop', server: '10.11.19-MariaDB', flavor: 'mariadb' });
  assert.equal(snapshot.objects, [{ kind: 'table', schema: 'shop', name: 'bh', columns: [], options: { engine: 'BLACKHOLE' } }]);
  assert.equal(hidden, [{ schema: 'shop', kind: 'table', object: 'bh', reason: "the server could not open the table (Unknown storage engine 'BLACKHOLE')" }]);
});

test('a view MariaDB lists without columns because it reads such a table (directly or through a view) is hidden whole too; one over a dropped table is not', () => {
  const view = (table_name: string) => ({ table_name, table_type: 'VIEW', engine: null, collation: null, create_options: null, comment: 'VIEW' });
  const rows: Partial<CatalogRows> = {
    schemata: [{ name: 'shop', charset: 'utf8mb4', collation: 'utf8mb4_general_ci', comment: null }],
    tables: [
      { table_name: 'bh', table_type: 'BASE TABLE', engine: 'BLACKHOLE', collation: null, create_options: null, comment: "Unknown storage engine 'BLACKHOLE'" },
      view('v_bh'),
      view('v_v'),
      view('v_gone'),
    ],
    views: [
      { name: 'v_bh', definition: 'select `shop`.`bh`.`id` AS `id` from `shop`.`bh`', check_option: 'NONE', security: 'DEFINER', algorithm: 'UNDEFINED' },
      { name: 'v_v', definition: 'select `v_bh`.`id` AS `id` from `shop`.`v_bh`', check_option: 'NONE', security: 'DEFINER', algorithm: 'UNDEFINED' },
      { name: 'v_gone', definition: 'select `shop`.`gone`.`id` AS `id` from `shop`.`gone`', check_option: 'NONE', security: 'DEFINER', algorithm: 'UNDEFINED' },
    ],
  };
  const { hidden } = assembleMysql(rows, { database: 'shop', server: '10.11.19-MariaDB', flavor: 'mariadb' });
  assert.equal(hidden.map((h) => [h.kind, h.object, h.attribute]), [['table', 'bh', undefined], ['view', 'v_bh', undefined], ['view', 'v_v', undefined]]);
});

test("an Aria table's PAGE_CHECKSUM is kept only where it differs from the server's aria_page_checksum, which ALTER TABLE writes there; another engine's never", () => {
  const table = (table_name: string, engine: string, create_options: string) => ({ table_name, table_type: 'BASE TABLE', engine, collation: 'utf8mb4_general_ci', create_options, comment: '' });
  const rows: Partial<CatalogRows> = {
    schemata: [{ name: 'shop', charset: 'utf8mb4', collation: 'utf8mb4_general_ci', comment: null, aria_page_checksum: 1 }],
    tables: [
      table('created', 'Aria', 'transactional=1'),
      table('altered', 'Aria', 'page_checksum=1 transactional=1'),
      table('off', 'Aria', 'page_checksum=0 transactional=1'),
      // left by ALTER TABLE … ENGINE=InnoDB of an Aria table, until the next rebuild drops it: InnoDB reads none
      table('was_aria', 'InnoDB', 'page_checksum=1'),
    ],
  };
  const { snapshot } = assembleMysql(rows, { database: 'shop', server: '10.11.19-MariaDB', flavor: 'mariadb' });
  const pageChecksums = (snapshot.objects as Table[]).map((t) => [t.name, t.options?.page_checksum]);
  assert.equal(pageChecksums, [['altered', undefined], ['created', undefined], ['off', '0'], ['was_aria', undefined]]);
});

test('charset of a collation', () => {
  assert.is(charsetOf('utf8mb4_general_ci'), 'utf8mb4');
  assert.is(charsetOf('latin1_swedish_ci'), 'latin1');
  assert.is(charsetOf('binary'), 'binary');
});

test('MySQL 8 shaped rows: checks found through TABLE_CONSTRAINTS, functional and invisible index parts, NOT ENFORCED', () => {
  const rows: Partial<CatalogRows> = {
    schemata: [{ name: 'shop', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', comment: null }],
    tables: [
      { table_name: 'items', table_type: 'BASE TABLE', engine: 'InnoDB', collation: 'utf8mb4_0900_ai_ci', create_options: '', comment: '' },
      { table_name: 'cheap', table_type: 'VIEW', engine: null, collation: null, create_options: null, comment: 'VIEW' },
    ],
    columns: [
      { table_name: 'items', name: 'id', position: 1, default_value: null, is_nullable: 'NO', data_type: 'int', column_type: 'int', charset: null, collation: null, extra: 'auto_increment', comment: '', generation_expression: '' },
      { table_name: 'items', name: 'name', position: 2, default_value: 'n/a', is_nullable: 'YES', data_type: 'varchar', column_type: 'varchar(40)', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', extra: '', comment: '', generation_expression: '' },
      { table_name: 'items', name: 'price', position: 3, default_value: null, is_nullable: 'YES', data_type: 'int', column_type: 'int', charset: null, collation: null, extra: '', comment: '', generation_expression: '' },
      { table_name: 'cheap', name: 'id', position: 1, default_value: null, is_nullable: 'NO', data_type: 'int', column_type: 'int', charset: null, collation: null, extra: '', comment: '', generation_expression: '' },
      // SRS_ID: NULL is no SRID; 0 is one (the column takes SRID 0 values only).
      { table_name: 'items', name: 'spot', position: 4, default_value: null, is_nullable: 'YES', data_type: 'point', column_type: 'point', charset: null, collation: null, extra: '', comment: '', generation_expression: '', srid: 4326 },
      { table_name: 'items', name: 'shape', position: 5, default_value: null, is_nullable: 'YES', data_type: 'geometry', column_type: 'geometry', charset: null, collation: null, extra: '', comment: '', generation_expression: '', srid: null },
      { table_name: 'items', name: 'plane', position: 6, default_value: null, is_nullable: 'YES', data_type: 'geometry', column_type: 'geometry', charset: null, collation: null, extra: '', comment: '', generation_expression: '', srid: 0 },
    ],
    statistics: [
      { table_name: 'items', index_name: 'PRIMARY', non_unique: 0, seq: 1, column_name: 'id', expression: null, collation: 'A', sub_part: null, index_type: 'BTREE', comment: '', invisible: 0 },
      { table_name: 'items', index_name: 'items_lower', non_unique: 1, seq: 1, column_name: null, expression: 'lower(`name`)', collation: 'A', sub_part: null, index_type: 'BTREE', comment: '', invisible: 1 },
      { table_name: 'items', index_name: 'items_lower', non_unique: 1, seq: 2, column_name: 'price', expression: null, collation: 'D', sub_part: null, index_type: 'BTREE', comment: '', invisible: 1 },
    ],
    table_constraints: [
      { table_name: 'items', name: 'PRIMARY', constraint_type: 'PRIMARY KEY', enforced: 'YES' },
      { table_name: 'items', name: 'items_chk_1', constraint_type: 'CHECK', enforced: 'YES' },
      { table_name: 'items', name: 'items_price', constraint_type: 'CHECK', enforced: 'NO' },
    ],
    check_constraints: [
      { table_name: null, name: 'items_chk_1', level: null, clause: "(`name` <> _utf8mb4'')" },
      { table_name: null, name: 'items_price', level: null, clause: '(`price` > 0)' },
    ],
    views: [{ name: 'cheap', definition: 'select `shop`.`items`.`id` AS `id` from `shop`.`items`', check_option: 'NONE', security: 'DEFINER', algorithm: null }],
    // On a replica, MySQL 8.3+ spells the state of an event created on the source REPLICA_SIDE_DISABLED.
    events: [{ name: 'purge', definition: 'DELETE FROM items', event_type: 'RECURRING', execute_at: null, interval_value: '1', interval_field: 'DAY', starts: '2030-01-01 00:00:00', ends: null, status: 'REPLICA_SIDE_DISABLED', on_completion: 'NOT PRESERVE', comment: '', time_zone: 'SYSTEM', sql_mode: 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES' }],
  };
  const { snapshot, warnings } = assembleMysql(rows, { database: 'shop', server: '8.0.36-MySQL', flavor: 'mysql' });
  assert.equal(warnings, []);
  const items = snapshot.objects.find((o) => o.name === 'items') as Table;
  assert.equal(items.columns[1], { name: 'name', type: 'varchar(40)', nullable: true, default: "'n/a'" });
  assert.equal(items.columns.slice(3).map((c) => [c.name, c.options]), [['spot', { srid: 4326 }], ['shape', undefined], ['plane', { srid: 0 }]]);
  assert.equal(items.checks, [{ name: 'items_chk_1', expression: "(`name` <> _utf8mb4'')" }, { name: 'items_price', expression: '(`price` > 0)', enforced: false }]);
  assert.equal(items.indexes, [{ name: 'items_lower', columns: [{ expression: 'lower(`name`)' }, { column: 'price', descending: true }], unique: false, method: 'btree', options: { invisible: true } }]);
  assert.equal(items.options, { charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', engine: 'InnoDB' });
  const view = snapshot.objects.find((o) => o.name === 'cheap') as View;
  assert.equal(view.options, { security: 'definer' });
  const event = snapshot.objects.find((o) => o.name === 'purge') as Event;
  assert.equal([event.status, event.options], ['slaveside_disabled', { sql_mode: 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES' }]);
});

test.run();
