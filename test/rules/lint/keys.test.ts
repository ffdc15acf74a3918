// The key rules on real databases: the index a structure-fk-not-indexed hint suggests, run as given,
// is created and covers the key, beside indexes that already hold the obvious name and names past
// the identifier limit.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspectPostgres } from '../../../src/dialects/postgres/driver.js';
import { sqliteDriver } from '../../../src/dialects/sqlite/driver.js';
import type { Dialect, Snapshot } from '../../../src/model/types.js';
import { runLintRules } from '../../../src/rules/engine.js';
import type { LocatedFinding } from '../../../src/rules/findings.js';
import { LintSettings } from '../../../src/rules/lint/lint-config.js';
import { LINT_RULES } from '../../../src/rules/lint/rule-list.js';
import { ModelIndex } from '../../../src/rules/model-index.js';
import { sqliteDatabase, tempDir } from '../../helpers/cli.js';
import { createDatabase, dropDatabases, execSql, pgSpec, pgTest, postgresUp } from '../../helpers/postgres.js';

const up = await postgresUp();
const pgOnly = pgTest(up);
if (up) test.after(dropDatabases);

const RULES = ['structure-fk-not-indexed', 'naming-length-limit'];

function lintFindings({ meta, objects }: Snapshot): LocatedFinding[] {
  const settings = LintSettings.parse({}, undefined, LINT_RULES);
  return runLintRules({ dialect: meta.dialect as Dialect, objects, model: new ModelIndex(objects, meta.dialect as Dialect) }, RULES.map((id) => LINT_RULES.get(id)!), settings);
}

const statements = (findings: LocatedFinding[]) => findings.filter((f) => f.rule === 'structure-fk-not-indexed').map((f) => f.hint.replace(/^[^:]*: /, ''));

// A 55-byte table name with a 40-byte key column: table_column_idx is past PostgreSQL's 63 bytes.
const LONG = 'subscription_renewal_reminder_delivery_attempt_archives';
const SCHEMA = `
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
-- what CREATE INDEX ON child USING hash (parent_id) names itself: it does not serve the key
CREATE INDEX child_parent_id_idx ON child USING hash (parent_id);
CREATE TABLE ${LONG} (
  id int PRIMARY KEY,
  originating_subscription_parent_id_first int REFERENCES parent,
  originating_subscription_parent_id_second int REFERENCES parent
);
CREATE TABLE "Größenangaben_für_Übersetzungsverträge_und_Änderungen" (id int PRIMARY KEY, "Übergeordnete_Größe" int REFERENCES parent);
`;

pgOnly('structure-fk-not-indexed (PostgreSQL): every hint runs, together, and leaves no key uncovered and no name at the limit', async () => {
  const db = await createDatabase('fk_hint');
  await execSql(db, SCHEMA);
  const before = lintFindings((await introspectPostgres(pgSpec(db), { jobs: 1 })).snapshot);
  const ddl = statements(before);
  assert.is(ddl.length, 4);
  assert.ok(ddl.includes('CREATE INDEX child_parent_id_idx1 ON public.child (parent_id);'), ddl.join('\n'));
  await execSql(db, ddl.join('\n'));
  const after = lintFindings((await introspectPostgres(pgSpec(db), { jobs: 1 })).snapshot);
  // the keys PostgreSQL named itself are cut at 63 bytes; none of the new indexes is
  const listed = (findings: LocatedFinding[]) => findings.map((f) => `${f.rule} ${f.object}`).sort();
  assert.equal(listed(after), listed(before.filter((f) => f.rule === 'naming-length-limit')));
});

test('structure-fk-not-indexed (SQLite): the hint does not take the name of an index that does not serve the key', async () => {
  const path = sqliteDatabase(
    join(tempDir(), 'fk.sqlite'),
    `CREATE TABLE parent (id INTEGER PRIMARY KEY);
     CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent);
     CREATE INDEX child_parent_id_idx ON child (parent_id) WHERE parent_id > 10;`,
  );
  const read = async () => lintFindings((await sqliteDriver.introspect({ dialect: 'sqlite', database: path, options: {} }, {})).snapshot);
  const ddl = statements(await read());
  assert.equal(ddl, ['CREATE INDEX child_parent_id_idx1 ON child (parent_id);']);
  const database = new Database(path);
  database.exec(ddl.join('\n'));
  database.close();
  assert.equal(statements(await read()), []);
});

test.run();
