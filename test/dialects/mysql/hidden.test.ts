// An account that cannot see everything (SELECT only): what the server hides from it is carried
// forward from the previous snapshot with a warning, never committed as dropped.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { git, initializedRepo, run, runJson } from '../../helpers/cli.js';
import { admin, executeIn, freshDatabase, freshUser, mysqlTest, mysqlUrl } from '../../helpers/mysql.js';

const OBJECTS = `
CREATE TABLE t (id int PRIMARY KEY, qty int);
CREATE VIEW v AS SELECT id FROM t;
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.qty = 1;
CREATE FUNCTION f() RETURNS int RETURN 1;
CREATE EVENT ev ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO SELECT 1;
`;

interface SnapshotJson { commit: string; changed: boolean; added: number; modified: number; removed: number; changes: { action: string; path: string }[] }

/** A repository whose default target is `db` as root; `restricted` points the same target at a SELECT-only account. */
async function setup(label: string): Promise<{ dir: string; db: string; restricted: Record<string, string> }> {
  const db = await freshDatabase(label, OBJECTS);
  const { user, password } = await freshUser([`SELECT ON \`${db}\`.*`]);
  const dir = initializedRepo();
  assert.is(run(['connect', mysqlUrl(db)], dir).code, 0);
  return { dir, db, restricted: { DATATRACK_DEFAULT_URL: mysqlUrl(db, user, password) } };
}

const tree = (dir: string) => git(dir, 'ls-tree', '-r', '--name-only', 'refs/datatrack/default').trim().split('\n');
const recorded = (dir: string, path: string) => git(dir, 'show', `refs/datatrack/default:${path}`);

async function isMariadb(): Promise<boolean> {
  const c = await admin();
  try {
    const [[{ version }]] = (await c.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
    return /mariadb/i.test(version!);
  } finally {
    await c.end();
  }
}

/** The target `db` as root, and an account that sees every kind but reads only the bodies of the routines it is the definer of. */
async function bodiesHidden(db: string): Promise<{ dir: string; user: string; restricted: Record<string, string> }> {
  const { user, password } = await freshUser([`SELECT, SHOW VIEW, TRIGGER, EVENT, EXECUTE, REFERENCES ON \`${db}\`.*`]);
  const dir = initializedRepo();
  assert.is(run(['connect', mysqlUrl(db)], dir).code, 0);
  return { dir, user, restricted: { DATATRACK_DEFAULT_URL: mysqlUrl(db, user, password) } };
}

mysqlTest('after a root snapshot, a SELECT-only snapshot commits nothing and says what it carried forward', async () => {
  const { dir, db, restricted } = await setup('carry');
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  const short = first.commit.slice(0, 7);

  const again = run(['snapshot'], dir, restricted);
  assert.is(again.code, 0, again.stderr);
  assert.is(again.stdout, `default: no changes since ${short} (1 table)\n`);
  const warnings = again.stderr.trim().split('\n');
  assert.equal(warnings.map((w) => w.replace(/ \(.*/, '')), [
    `warning: triggers of ${db} were not re-read`,
    `warning: events of ${db} were not re-read`,
    `warning: routines of ${db} were not re-read`,
    `warning: foreign keys of the tables of ${db} were not re-read`,
    `warning: ${db}.v: its definition was not re-read`,
  ]);
  for (const warning of warnings) assert.match(warning, new RegExp(`carried forward unchanged from snapshot ${short}$`));
  assert.match(warnings[0]!, /account dt_u_\w+@% lacks the TRIGGER privilege/);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first.commit);

  // The live database as this account sees it has not drifted from what root recorded either.
  const drift = run(['diff', '--live', '--exit-code'], dir, restricted);
  assert.is(drift.code, 0, drift.stdout + drift.stderr);
});

mysqlTest('a SELECT-only snapshot commits a table change made by root, keeping its trigger, the routine, the event and the view body', async () => {
  const { dir, db, restricted } = await setup('carry2');
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  const before = tree(dir);
  await executeIn(db, 'ALTER TABLE t ADD COLUMN note varchar(10)');

  const second = runJson<SnapshotJson>(['snapshot'], dir, restricted);
  assert.equal([second.changed, second.added, second.modified, second.removed], [true, 0, 1, 0]);
  assert.equal(second.changes, [{ action: 'modified', path: `${db}/tables/t` }]);
  assert.equal(tree(dir), before);
  assert.equal(git(dir, 'diff', '--name-only', first.commit, second.commit).trim(), `${db}/tables/t.yaml`);
  const table = git(dir, 'show', `refs/datatrack/default:${db}/tables/t.yaml`);
  assert.match(table, /  - name: note\n    type: varchar\(10\)\n/);
  assert.match(table, /triggers:\n  - name: trg\n/);
  assert.match(git(dir, 'show', `refs/datatrack/default:${db}/views/v.yaml`), /definition: select `.*`\.`t`\.`id` AS `id` from `.*`\.`t`/);

  // A table root adds later has no earlier triggers to carry: recorded as this account sees it, and said so.
  await executeIn(db, 'CREATE TABLE u (id int); CREATE TRIGGER trg_u BEFORE INSERT ON u FOR EACH ROW SET NEW.id = 1');
  const third = run(['snapshot'], dir, restricted);
  assert.is(third.code, 0, third.stderr);
  assert.match(third.stderr, new RegExp(`warning: triggers of ${db} were not re-read .*; 1 table\\(s\\) new since then recorded with only the triggers visible\n`));
});

// ROUTINES shows what is recorded raw (a procedure named as a function, MariaDB's packages) under
// the routine grants too: hidden with the routines, so carried forward with them.
mysqlTest('a routine recorded raw (a procedure named as a function, a MariaDB package) is carried forward, not dropped', async () => {
  const { dir, db, restricted } = await setup('rawroutine');
  await executeIn(db, 'CREATE PROCEDURE f() SELECT 1');
  if (await isMariadb()) {
    await executeIn(db, "SET sql_mode = 'ORACLE'; CREATE PACKAGE pkg AS FUNCTION one RETURN INT; END; CREATE PACKAGE BODY pkg AS FUNCTION one RETURN INT AS BEGIN RETURN 1; END; END");
  }
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  assert.ok(tree(dir).includes(`${db}/unknown/f.yaml`), tree(dir).join(' '));
  const again = run(['snapshot'], dir, restricted);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /no changes since/);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first.commit);
  const drift = run(['diff', '--live', '--exit-code'], dir, restricted);
  assert.is(drift.code, 0, drift.stdout + drift.stderr);
});

mysqlTest('with no earlier snapshot, a SELECT-only snapshot records what it sees and warns that the rest may be missing', async () => {
  const { dir, db, restricted } = await setup('carry3');
  const first = run(['snapshot'], dir, restricted);
  assert.is(first.code, 0, first.stderr);
  assert.equal(tree(dir), ['datatrack.yaml', `${db}/schema.yaml`, `${db}/tables/t.yaml`, `${db}/views/v.yaml`]);
  assert.match(first.stderr, new RegExp(`warning: routines of ${db} may be missing: account .* lacks the EXECUTE privilege .*; recorded what is visible \\(no earlier snapshot to carry them from\\)\n`));
  assert.match(first.stderr, new RegExp(`warning: ${db}\\.v: its definition is not visible: the account needs SHOW VIEW to read it; recorded without it\n`));
});

mysqlTest('MariaDB lists no foreign key to a SELECT-only account: they are carried forward, never committed as dropped', async () => {
  const { dir, db, restricted } = await setup('fk');
  await executeIn(db, 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE)');
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  const again = run(['snapshot'], dir, restricted);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /no changes since/);
  assert.match(again.stderr, new RegExp(`warning: foreign keys of the tables of ${db} were not re-read \\(account .* holds no table privilege besides SELECT.*GRANT REFERENCES ON \`${db}\`\\.\\* TO .*\\); carried forward unchanged from snapshot ${first.commit.slice(0, 7)}\n`));
  const drift = run(['diff', '--live', '--exit-code'], dir, restricted);
  assert.is(drift.code, 0, drift.stdout + drift.stderr);
  // one more privilege and the server lists them: nothing is hidden
  const { user, password } = await freshUser([`SELECT, REFERENCES ON \`${db}\`.*`]);
  const seeing = run(['snapshot'], dir, { DATATRACK_DEFAULT_URL: mysqlUrl(db, user, password) });
  assert.not.match(seeing.stderr, /foreign keys/);
  assert.match(seeing.stdout, /no changes since/);
});

mysqlTest('diff --live of a SELECT-only account on a copy under another database name: what it cannot see is no drift there either', async () => {
  const keys = 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, pid int, CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id))';
  const { dir, db } = await setup('copyof');
  await executeIn(db, keys);
  assert.is(run(['snapshot'], dir).code, 0);
  const copy = await freshDatabase('copy', OBJECTS + keys);
  const { user, password } = await freshUser([`SELECT ON \`${copy}\`.*`]);
  const drift = run(['diff', '--live', '--exit-code'], dir, { DATATRACK_DEFAULT_URL: mysqlUrl(copy, user, password) });
  assert.is(drift.code, 0, drift.stdout + drift.stderr);
  assert.match(drift.stdout, /no changes/);
  assert.match(drift.stderr, new RegExp(`warning: routines of ${copy} were not re-read .*; carried forward unchanged from snapshot`));
});

mysqlTest('an account with table- or column-level grants only is refused (exit 3): what it cannot list would be recorded as dropped', async () => {
  const { dir, db } = await setup('tablegrant');
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  const { user, password } = await freshUser([`SELECT (id) ON \`${db}\`.t`]);
  const refused = run(['snapshot'], dir, { DATATRACK_DEFAULT_URL: mysqlUrl(db, user, password) });
  assert.is(refused.code, 3, refused.stderr);
  assert.match(refused.stderr, new RegExp(`^datatrack: account ${user}@% lacks SELECT on \`${db}\`\\.\\*: .*; GRANT SELECT ON \`${db}\`\\.\\* TO '${user}'@'%'; nothing was written\n$`));
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first.commit);
});

mysqlTest("SELECT (and more) that reaches the account through its default role counts as its own: same tree as root's", async () => {
  const db = await freshDatabase('viarole', OBJECTS);
  const role = `dt_r_${process.pid}`;
  const { user, password } = await freshUser([]);
  try {
    await executeIn(db, `CREATE ROLE ${role}; GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, EXECUTE, REFERENCES ON \`${db}\`.* TO ${role};
      GRANT ${role} TO '${user}'@'%'; SET DEFAULT ROLE ${role} FOR '${user}'@'%'`);
    const dir = initializedRepo();
    assert.is(run(['connect', mysqlUrl(db)], dir).code, 0);
    const asRoot = runJson<SnapshotJson>(['snapshot'], dir);
    const viaRole = run(['snapshot', '--json'], dir, { DATATRACK_DEFAULT_URL: mysqlUrl(db, user, password) });
    assert.is(viaRole.code, 0, viaRole.stderr);
    // (a routine body stays the definer's to read, whatever the grants: that one is carried forward)
    assert.not.match(viaRole.stderr, /lacks|may be missing/);
    assert.equal(JSON.parse(viaRole.stdout).changed, false);
    assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), asRoot.commit);
  } finally {
    await executeIn(db, `DROP ROLE IF EXISTS ${role}`);
  }
});

mysqlTest("a function named as a procedure whose body only its definer reads: the function's own body is re-read, never the procedure's carried over it", async () => {
  const db = await freshDatabase('clashbody', 'CREATE PROCEDURE f(a int) SELECT 1');
  const { dir, user, restricted } = await bodiesHidden(db);
  const createFunction = (body: string) => executeIn(db, `CREATE DEFINER = '${user}'@'%' FUNCTION f(a int) RETURNS int return ${body}`);
  await createFunction('a + 1');
  const first = run(['snapshot'], dir, restricted);
  assert.is(first.code, 0, first.stderr);
  await executeIn(db, 'DROP FUNCTION f');
  await createFunction('a + 2');

  const drift = run(['diff', '--live'], dir, restricted);
  assert.match(drift.stdout, /~ definition: return a \+ 1 → return a \+ 2/);
  const second = run(['snapshot'], dir, restricted);
  assert.is(second.code, 0, second.stderr);
  assert.match(recorded(dir, `${db}/routines/f(int(11)).yaml`), /\ndefinition: return a \+ 2\n/);
  // the procedure's hidden body is the raw procedure's, and said so
  assert.match(second.stderr, new RegExp(`warning: ${db}\\.f: its procedure definition was not re-read \\(only the procedure's definer .*\\); carried forward unchanged from snapshot`));
  assert.not.match(second.stderr, /f\(int\(11\)\): its definition/);
});

mysqlTest('MariaDB: an aggregate function whose body the account cannot read stays aggregate (carried forward with the body it is read from)', async () => {
  if (!(await isMariadb())) return; // MySQL has no aggregate stored functions
  const db = await freshDatabase('hiddenaggregate', `
    CREATE AGGREGATE FUNCTION total(x int) RETURNS int BEGIN
      DECLARE s int DEFAULT 0;
      DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s;
      LOOP FETCH GROUP NEXT ROW; SET s = s + x; END LOOP;
    END`);
  const { dir, restricted } = await bodiesHidden(db);
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  assert.match(recorded(dir, `${db}/routines/total(int(11)).yaml`), /\n  aggregate: true\n/);

  const again = run(['snapshot'], dir, restricted);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /no changes since/);
  assert.match(again.stderr, new RegExp(`warning: ${db}\\.total\\(int\\(11\\)\\): its definition was not re-read .*; carried forward unchanged from snapshot ${first.commit.slice(0, 7)}\n`));
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first.commit);
  const drift = run(['diff', '--live', '--exit-code'], dir, restricted);
  assert.is(drift.code, 0, drift.stdout + drift.stderr);
});

mysqlTest('the bodies of what is recorded raw (a MariaDB package and its body, a procedure named as a function) are carried forward when only their definer reads them', async () => {
  const db = await freshDatabase('rawbodies', 'CREATE FUNCTION f() RETURNS int RETURN 1; CREATE PROCEDURE f() SELECT 1');
  const mariadb = await isMariadb();
  if (mariadb) {
    await executeIn(db, "SET sql_mode = 'ORACLE'; CREATE PACKAGE pkg AS FUNCTION one RETURN INT; END; CREATE PACKAGE BODY pkg AS FUNCTION one RETURN INT AS BEGIN RETURN 1; END; END");
  }
  const { dir, restricted } = await bodiesHidden(db);
  const first = runJson<SnapshotJson>(['snapshot'], dir);
  const short = first.commit.slice(0, 7);

  const again = run(['snapshot'], dir, restricted);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /no changes since/);
  const carried = again.stderr.split('\n').filter((w) => / was not re-read /.test(w)).map((w) => w.replace(/ \(.*\); /, ' … ')).sort();
  assert.equal(carried, [
    `warning: ${db}.f(): its definition was not re-read … carried forward unchanged from snapshot ${short}`,
    `warning: ${db}.f: its procedure definition was not re-read … carried forward unchanged from snapshot ${short}`,
    ...(mariadb
      ? [`warning: ${db}.pkg: its package body definition was not re-read … carried forward unchanged from snapshot ${short}`, `warning: ${db}.pkg: its package definition was not re-read … carried forward unchanged from snapshot ${short}`]
      : []),
  ]);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), first.commit);
  const drift = run(['diff', '--live', '--exit-code'], dir, restricted);
  assert.is(drift.code, 0, drift.stdout + drift.stderr);
});

mysqlTest("a procedure recorded raw beside a function of its name and argument types keeps its parameters: new modes and names are a change, seen by an account that cannot read its body", async () => {
  const db = await freshDatabase('rawparams', 'CREATE FUNCTION f1(a int, b varchar(10)) RETURNS int RETURN 1; CREATE PROCEDURE f1(a int, b varchar(10)) select 1');
  const { dir, restricted } = await bodiesHidden(db);
  runJson<SnapshotJson>(['snapshot'], dir);
  const text = 'varchar(10) CHARSET utf8mb4 COLLATE utf8mb4_general_ci';
  assert.match(recorded(dir, `${db}/unknown/f1.yaml`), new RegExp(`\n  arguments: IN a int\\(11\\), IN b ${text.replace(/[()]/g, '\\$&')}\n`));

  await executeIn(db, 'DROP PROCEDURE f1; CREATE PROCEDURE f1(OUT x int, INOUT y varchar(10)) select 1');
  const second = runJson<SnapshotJson>(['snapshot'], dir, restricted);
  assert.equal([second.changed, second.changes], [true, [{ action: 'modified', path: `${db}/unknown/f1` }]]);
  const raw = recorded(dir, `${db}/unknown/f1.yaml`);
  assert.match(raw, new RegExp(`\n  arguments: OUT x int\\(11\\), INOUT y ${text.replace(/[()]/g, '\\$&')}\n`));
  assert.match(raw, /\n  definition: select 1\n/);
});

test.run();
