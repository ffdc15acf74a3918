// Snapshots taken while DDL runs never mix two catalog states. information_schema on MariaDB is
// not transactional for DDL, so each view the snapshot reads may see a different moment; what is
// committed must still be a schema that existed. The DDL below moves through known states, one
// object per statement; every state is first snapshotted alone, and every tree committed while the
// DDL loops must be one of those.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { snapshot } from '../../../src/api/snapshot.js';
import { DatabaseError } from '../../../src/errors.js';
import { git, initializedRepo, run } from '../../helpers/cli.js';
import { admin, freshDatabase, mysqlTest, mysqlUrl } from '../../helpers/mysql.js';

/** How long snapshots run alongside the DDL. */
const RUN_MS = 8_000;
const BASE = 'CREATE TABLE base (id int PRIMARY KEY, label varchar(20))';

/** One cycle of single-object DDL statements that ends where it started. */
const CYCLE = [
  'CREATE TABLE parent (id int PRIMARY KEY, code varchar(10))',
  'CREATE TABLE child (id int PRIMARY KEY, parent_id int, KEY child_parent (parent_id), CONSTRAINT child_fk FOREIGN KEY (parent_id) REFERENCES parent (id))',
  'ALTER TABLE child ADD COLUMN note varchar(20), ADD INDEX child_note (note)',
  'CREATE OR REPLACE VIEW summary AS SELECT c.id, c.note, p.code FROM child c JOIN parent p ON p.id = c.parent_id',
  'ALTER TABLE parent MODIFY code varchar(40) NOT NULL',
  'CREATE OR REPLACE VIEW summary AS SELECT id, parent_id FROM child',
  'ALTER TABLE child DROP INDEX child_note, DROP COLUMN note',
  'ALTER TABLE base ADD COLUMN parent_id int, ADD CONSTRAINT base_fk FOREIGN KEY (parent_id) REFERENCES parent (id)',
  'ALTER TABLE base DROP FOREIGN KEY base_fk, DROP COLUMN parent_id',
  'DROP VIEW summary',
  'DROP TABLE child',
  'DROP TABLE parent',
];

mysqlTest('snapshots taken while DDL loops each commit a catalog state that existed, never a mix of two', async () => {
  const db = await freshDatabase('consistency', BASE);
  const dir = initializedRepo();
  assert.is(run(['connect', mysqlUrl(db)], dir).code, 0);
  const take = () => snapshot({ cwd: dir, jobs: 2 });

  const ddl = await admin();
  try {
    await ddl.query(`USE \`${db}\``);
    const states = new Set([(await take()).tree]);
    for (const statement of CYCLE) {
      await ddl.query(statement);
      states.add((await take()).tree);
    }

    // The DDL pauses now and then (as a migration does between statements), so that some reads
    // can find a quiet moment; a snapshot that never does fails cleanly and commits nothing.
    let running = true;
    let statements = 0;
    const loop = (async () => {
      for (let i = 0; running; i++) {
        await ddl.query(CYCLE[i % CYCLE.length]!);
        statements++;
        await new Promise((resolve) => setTimeout(resolve, i % CYCLE.length === CYCLE.length - 1 ? 250 : (i * 53) % 300));
      }
    })();
    const seen = new Set<string>();
    let refused = 0;
    let taken = 0;
    try {
      const until = Date.now() + RUN_MS;
      while (Date.now() < until) {
        const before = git(dir, 'rev-parse', 'refs/datatrack/default').trim();
        let result;
        taken++;
        try {
          result = await take();
        } catch (error) {
          assert.instance(error, DatabaseError);
          assert.is((error as DatabaseError).code, 'DB_SCHEMA_CHANGING', (error as Error).message);
          assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), before);
          refused++;
          continue;
        }
        seen.add(result.tree);
        assert.ok(states.has(result.tree), `snapshot ${taken} (${result.commit.slice(0, 7)}) is no state the DDL went through:\n${git(dir, 'show', '--format=%b', result.commit)}`);
      }
    } finally {
      running = false;
      await loop;
    }
    assert.ok(statements >= CYCLE.length, `the DDL ran alongside (${statements} statements)`);
    assert.ok(seen.size > 1, `the snapshots saw the schema change (${seen.size} states, ${refused} of ${taken} refused)`);
    for (const tree of git(dir, 'log', '--format=%T', 'refs/datatrack/default').trim().split('\n')) assert.ok(states.has(tree), `a committed tree ${tree} is no state`);
  } finally {
    await ddl.end();
  }
});

test.run();
