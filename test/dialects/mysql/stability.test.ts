// readOneState against a real MariaDB: the check for DDL during a read runs while the model is
// built, and a build that fails because DDL committed during the read leads to another read
// rather than to an error. What the read callback returns is staged here; the check is the server's.
import * as assert from 'uvu/assert';
import { CatalogMoved } from '../../../src/dialects/mysql/catalog.js';
import { closeSession, openCatalogSession, type CatalogSession } from '../../../src/dialects/mysql/session.js';
import { readOneState } from '../../../src/dialects/mysql/stability.js';
import type { Snapshot } from '../../../src/model/types.js';
import { executeIn, freshDatabase, mysqlSpec, mysqlTest } from '../../helpers/mysql.js';

const EMPTY: Snapshot = { meta: { format: 1, dialect: 'mysql', server: 'test', database: 'test' }, schemas: [], objects: [] };

async function withProbe<T>(db: string, body: (probe: CatalogSession) => Promise<T>): Promise<T> {
  const probe = await openCatalogSession(mysqlSpec(db), 'mariadb');
  try {
    return await body(probe);
  } finally {
    await closeSession(probe);
  }
}

mysqlTest('a read that meets DDL in the middle (a table skipped or gone) is read again; one that keeps meeting it fails without a commit', async () => {
  const db = await freshDatabase('stability_moved', 'CREATE TABLE base (id int PRIMARY KEY)');
  let reads = 0;
  const value = await withProbe(db, (probe) =>
    readOneState({ probe, spec: mysqlSpec(db), checkQuiet: true, read: async () => {
      if (++reads === 1) throw new CatalogMoved('a table was skipped while DDL changed it');
      return { listed: 1, build: () => ({ value: reads, snapshot: EMPTY }) };
    } }),
  );
  // (more than two when DDL elsewhere on the server, or the table's creation this second, asks for a confirming read)
  assert.ok(value >= 2, String(value));
  await withProbe(db, async (probe) => {
    const always = readOneState({ probe, spec: mysqlSpec(db), checkQuiet: true, read: async () => { throw new CatalogMoved('moved'); } });
    await always.then(
      () => assert.unreachable('a read that always meets DDL must fail'),
      (error: Error & { code?: string }) => assert.is(error.code, 'DB_SCHEMA_CHANGING'),
    );
  });
});

mysqlTest('a build that fails while DDL commits during the read is followed by another read', async () => {
  const db = await freshDatabase('stability_retry', 'CREATE TABLE base (id int PRIMARY KEY)');
  let reads = 0;
  const value = await withProbe(db, (probe) =>
    readOneState({
      probe,
      spec: mysqlSpec(db),
      checkQuiet: true,
      read: async () => {
        const attempt = ++reads;
        if (attempt === 1) await executeIn(db, 'CREATE TABLE added (id int)');
        return {
          listed: attempt === 1 ? 1 : 2,
          build: () => {
            if (attempt === 1) throw new Error('rows from two catalog states');
            return { value: `read ${attempt}`, snapshot: EMPTY };
          },
        };
      },
    }),
  );
  // A table created in the second a read begins makes that read doubtful too (CREATE_TIME has whole
  // seconds), so a third read may be needed; what counts is that the failed build was not the end.
  assert.ok(reads >= 2 && reads <= 3, `${reads} reads`);
  assert.is(value, `read ${reads}`);
});

mysqlTest('without DDL during the read, a build that fails is the error', async () => {
  const db = await freshDatabase('stability_error', 'CREATE TABLE base (id int PRIMARY KEY)');
  // Past the second the table was created in: a read beginning in it would count as disturbed.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  let reads = 0;
  const failure = await withProbe(db, (probe) =>
    readOneState({
      probe,
      spec: mysqlSpec(db),
      checkQuiet: true,
      read: async () => {
        reads++;
        return {
          listed: 1,
          build: () => {
            throw new Error('a bug in assembly');
          },
        };
      },
    }).then(
      () => undefined,
      (error: Error) => error,
    ),
  );
  assert.is(failure?.message, 'a bug in assembly');
  // DDL anywhere on the server (other tests run beside this one) may ask for another read; what
  // counts is that the build's own error is the one reported, not "the schema kept changing".
  assert.ok(reads >= 1, `${reads} reads`);
});

mysqlTest.run();
