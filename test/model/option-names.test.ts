// The option names model/option-names.ts lists are those the dialects write: a schema that makes
// each dialect's assemblers set their options holds no other (the corpus tests check the fixtures).
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspectPostgres } from '../../src/dialects/postgres/driver.js';
import { mysqlDriver } from '../../src/dialects/mysql/driver.js';
import { sqliteDriver } from '../../src/dialects/sqlite/driver.js';
import { sqliteDatabase, tempDir } from '../helpers/cli.js';
import { freshDatabase, mysqlSpec, mysqlTest } from '../helpers/mysql.js';
import { heldOptions, unlistedOptions } from '../helpers/option-names.js';
import { createDatabase, dropDatabases, execSql, pgSpec, pgTest, postgresUp } from '../helpers/postgres.js';

test('SQLite: every option a snapshot holds is a listed one', async () => {
  const path = sqliteDatabase(
    join(tempDir(), 'options.db'),
    `CREATE TABLE s (id INTEGER PRIMARY KEY DESC ON CONFLICT REPLACE, code TEXT NOT NULL ON CONFLICT IGNORE, UNIQUE (code COLLATE NOCASE) ON CONFLICT ROLLBACK) STRICT;
     CREATE TABLE w (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;`,
  );
  const { snapshot } = await sqliteDriver.introspect({ dialect: 'sqlite', database: path, options: {} }, {});
  assert.ok(heldOptions(snapshot).includes('table strict') && heldOptions(snapshot).includes('column on_conflict'));
  assert.equal(unlistedOptions(snapshot), []);
});

const up = await postgresUp();
if (up) test.after(dropDatabases);

pgTest(up)('PostgreSQL: every option a snapshot holds is a listed one', async () => {
  const db = await createDatabase('options');
  await execSql(db, `
    CREATE TABLE t (
      id int PRIMARY KEY WITH (fillfactor = 80),
      code text NOT NULL,
      body text COMPRESSION pglz,
      tags int[],
      span int4range,
      CONSTRAINT t_code UNIQUE (code) WITH (deduplicate_items = off),
      EXCLUDE USING gist (span WITH &&)
    ) WITH (fillfactor = 70, autovacuum_enabled = false, toast.autovacuum_vacuum_threshold = 100);
    ALTER TABLE t ALTER code SET STATISTICS 500, ALTER code SET (n_distinct = 10), ALTER body SET STORAGE external;
    CREATE INDEX t_tags ON t USING gin (tags) WITH (fastupdate = off);
    CREATE INDEX t_body ON t (body);
    ALTER TABLE t CLUSTER ON t_body;
    ALTER TABLE t REPLICA IDENTITY USING INDEX t_code;
    COMMENT ON INDEX t_pkey IS 'the key''s index';
    CREATE UNLOGGED TABLE scratch (a int);
    CREATE TYPE pair AS (a int, b int);
    CREATE TABLE typed OF pair;
    CREATE TABLE parent (a int, CONSTRAINT positive CHECK (a > 0));
    CREATE TABLE child (a int, CONSTRAINT positive CHECK (a > 0)) INHERITS (parent);
    CREATE TABLE m (id int, region text, qty int) PARTITION BY LIST (region);
    CREATE TABLE m_us PARTITION OF m FOR VALUES IN ('us');
    CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu');
    CREATE INDEX m_qty ON ONLY m (qty);
    CREATE INDEX m_us_qty ON m_us (qty);
    ALTER INDEX m_qty ATTACH PARTITION m_us_qty;
    CREATE INDEX m_us_qty_twin ON m_us (qty);
    CREATE MATERIALIZED VIEW mv WITH (fillfactor = 60) AS SELECT 1 AS x;
    ALTER MATERIALIZED VIEW mv ALTER x SET STATISTICS 100;
    CREATE VIEW v WITH (security_barrier, security_invoker) AS SELECT 1 AS x;
    CREATE UNLOGGED SEQUENCE sq;
    CREATE TYPE floats AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = floats_many);
    COMMENT ON TYPE floats_many IS 'many';
    CREATE TYPE four;
    CREATE FUNCTION four_in(cstring) RETURNS four LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
    CREATE FUNCTION four_out(four) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
    CREATE TYPE four (INPUT = four_in, OUTPUT = four_out, INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, CATEGORY = 'N', DELIMITER = ';');
    CREATE FUNCTION f() RETURNS int LANGUAGE sql PARALLEL SAFE LEAKPROOF COST 5 SET search_path = public AS 'SELECT 1';
    CREATE FUNCTION g() RETURNS SETOF int LANGUAGE sql ROWS 10 AS 'SELECT 1';
    CREATE AGGREGATE total(int) (sfunc = int4pl, stype = int, initcond = '0', msfunc = int4pl, minvfunc = int4mi, mstype = int, minitcond = '0', parallel = safe);`);
  const { snapshot } = await introspectPostgres(pgSpec(db), { jobs: 1 });
  assert.ok(heldOptions(snapshot).includes('table toast.autovacuum_vacuum_threshold') && heldOptions(snapshot).includes('routine set.search_path'));
  assert.equal(unlistedOptions(snapshot), []);
});

mysqlTest('MySQL/MariaDB: every option a snapshot holds is a listed one', async () => {
  const db = await freshDatabase('options', `
    CREATE TABLE t (
      id int NOT NULL, code varchar(20) NOT NULL, pt point REF_SYSTEM_ID=4326 NOT NULL,
      PRIMARY KEY (id, code(5)) COMMENT 'the key', KEY t_code (code) IGNORED, SPATIAL KEY t_pt (pt)
    ) ENGINE=InnoDB ROW_FORMAT=DYNAMIC STATS_PERSISTENT=0 STATS_AUTO_RECALC=1 STATS_SAMPLE_PAGES=5 PAGE_COMPRESSED=1;
    CREATE TABLE a (x int) ENGINE=Aria TRANSACTIONAL=1 PAGE_CHECKSUM=0;
    CREATE TABLE my (x int) ENGINE=MyISAM MIN_ROWS=1 MAX_ROWS=10 AVG_ROW_LENGTH=5 PACK_KEYS=1 CHECKSUM=1 DELAY_KEY_WRITE=1;
    CREATE TABLE hist (x int) WITH SYSTEM VERSIONING;
    CREATE TRIGGER t_b1 BEFORE INSERT ON t FOR EACH ROW SET NEW.code = TRIM(NEW.code);
    CREATE TRIGGER t_b2 BEFORE INSERT ON t FOR EACH ROW SET NEW.id = NEW.id + 0;
    CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v AS SELECT 1 AS x;
    CREATE FUNCTION f() RETURNS int DETERMINISTIC READS SQL DATA RETURN 1;
    CREATE AGGREGATE FUNCTION total(x int) RETURNS int BEGIN
      DECLARE s int DEFAULT 0;
      DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s;
      LOOP FETCH GROUP NEXT ROW; SET s = s + x; END LOOP;
    END;
    SET time_zone = '+05:30';
    CREATE EVENT ev ON SCHEDULE AT '2031-06-01 12:00:00' DO DELETE FROM t;
    SET time_zone = DEFAULT;
    CREATE SEQUENCE sq;`);
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db), { jobs: 1 });
  assert.ok(heldOptions(snapshot).includes('table page_compressed') && heldOptions(snapshot).includes('event time_zone'));
  assert.equal(unlistedOptions(snapshot), []);
});

test.run();
