// What a MySQL/MariaDB snapshot says next to what the server says of the same object (SHOW CREATE
// TABLE …): the places where information_schema differs from it.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { mysqlDriver } from '../../../src/dialects/mysql/driver.js';
import type { Routine, Table } from '../../../src/model/types.js';
import { admin, freshDatabase, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';

const LONG = `${'a'.repeat(70)} and then the rest of it, past eighty characters`;

mysqlTest('MariaDB: a partition comment cut at 80 characters by information_schema is reported, not passed off as whole', async () => {
  const db = await freshDatabase('pcomment', `
    CREATE TABLE pt (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
      PARTITION BY RANGE (y) SUBPARTITION BY KEY (id) (
        PARTITION p0 VALUES LESS THAN (2000) COMMENT 'short' (SUBPARTITION s0a, SUBPARTITION s0b COMMENT '${LONG}'),
        PARTITION p1 VALUES LESS THAN MAXVALUE (SUBPARTITION s1a, SUBPARTITION s1b));
    CREATE TABLE ph (id int NOT NULL) PARTITION BY HASH (id) (PARTITION h0 COMMENT '${LONG}', PARTITION h1 COMMENT '${'b'.repeat(79)}');`);
  const c = await admin();
  const [[server]] = (await c.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
  const [[shown]] = (await c.query(`SHOW CREATE TABLE \`${db}\`.ph`)) as unknown as [Record<string, string>[]];
  await c.end();
  assert.ok(shown!['Create Table']!.includes(LONG), 'the server keeps the whole comment');
  const { snapshot, warnings } = await mysqlDriver.introspect(mysqlSpec(db), { jobs: 2 });
  const ph = snapshot.objects.find((o): o is Table => o.kind === 'table' && o.name === 'ph')!;
  if (!/MariaDB/.test(server!.v)) return; // MySQL 8's PARTITION_COMMENT holds the whole comment
  assert.is(ph.partitioning?.partitions?.[0]?.comment, LONG.slice(0, 80));
  assert.is(ph.partitioning?.partitions?.[1]?.comment, 'b'.repeat(79));
  assert.equal([...warnings].sort(), [
    `${db}.ph: the comment of partition h0 reads 80 characters, all that MariaDB's information_schema.PARTITIONS holds; any further characters are not in the snapshot`,
    `${db}.pt: the comment of subpartition s0b reads 80 characters, all that MariaDB's information_schema.PARTITIONS holds; any further characters are not in the snapshot`,
  ]);
});

mysqlTest('MariaDB: an aggregate function is marked aggregate (ROUTINES has no column for it; its body decides)', async () => {
  const c = await admin();
  const [[server]] = (await c.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
  await c.end();
  if (!/MariaDB/.test(server!.v)) return; // MySQL has no aggregate stored functions
  const db = await freshDatabase('aggregate', `
    SET sql_mode = '';
    CREATE AGGREGATE FUNCTION total(x int) RETURNS int BEGIN
      DECLARE s int DEFAULT 0;
      DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s;
      LOOP FETCH  GROUP
        NEXT ROW; SET s = s + x; END LOOP;
    END;
    CREATE FUNCTION plain() RETURNS varchar(40) BEGIN /* FETCH GROUP NEXT ROW */ RETURN 'fetch group next row'; END;`);
  const { snapshot } = await mysqlDriver.introspect(mysqlSpec(db), { jobs: 2 });
  const routine = (name: string) => snapshot.objects.find((o): o is Routine => o.kind === 'routine' && o.name === name)!;
  assert.equal(routine('total').options, { sql_data_access: 'contains sql', aggregate: true });
  assert.equal(routine('plain').options, { sql_data_access: 'contains sql' });
});

test.run();
