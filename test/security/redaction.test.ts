// Passwords in shapes the URL patterns of util/redact.ts did not bound: digits then a raw `/`
// (read as a port and a path), a raw `#` in a password parameter, a libpq keyword/value string.
// Typed in the wrong place, given by the environment or pasted into a note, none is repeated.
// And a short password is not taken out of every word it occurs in: the stars would spell it.
// An option named as a password (PyMySQL's ssl_key_password) is repeated as `***`, as `targets` lists it.
// A password is taken out as text only where it is a word of its own (`pass`, not from `password`),
// and not at all when it is the user's name, which every message shows anyway.
// A password PostgreSQL's password file gives is no more kept in a note than one the URL gives.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, newRepo, repoWithSqlite, run, tempDir } from '../helpers/cli.js';
import { admin, freshDatabase, MYSQL_HOST, MYSQL_PORT, mysqlTest } from '../helpers/mysql.js';
import { createDatabase, dropDatabases, execSql, PG_HOST, PG_PORT, PG_USER, pgTest, postgresUp } from '../helpers/postgres.js';

const pg = pgTest(await postgresUp());
/** Each case runs once, the cases taking turns: both forms pass the message through the same redaction (base-command), so one run of each form per shape is enough. */
const EXTRAS = [['--debug'], ['--json']];

test('a password a URL parser reads as port and path, or as a fragment, is repeated without it, typed or from the environment', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  run(['snapshot'], dir);
  // Digits then a raw `/`: host app, port 2024 and a database holding the password's tail, to a URL parser.
  const portLike = 'postgresql://app:2024/Zorb4lax@db.example/shop';
  const cases: [string[], Record<string, string>?][] = [
    [['connect', portLike, '--name', 'x']],
    [['diff', portLike]],
    [['pipeline', 'run', '--source', portLike]],
    [['snapshot', '-t', 'ci'], { DATATRACK_CI_URL: portLike }],
    [['snapshot', '-t', 'ci'], { DATATRACK_CI_URL: 'mysql://app:8/Zorb4lax Quxly9@db.example/shop' }],
    [['snapshot', '-t', 'ci'], { DATATRACK_CI_URL: 'postgresql://app:8/Zorb4lax?sslmode=disable@db.example/shop' }],
    // A raw `#` in a password parameter: the rest of the password is no fragment to show.
    [['diff', 'postgresql://app@db.example/shop?password=Quxly9#Zorb4lax']],
  ];
  for (const [i, [args, env]] of cases.entries()) {
    const extra = EXTRAS[i % 2]!;
    const result = run([...args, ...extra], dir, env);
    assert.is.not(result.code, 0, args.join(' '));
    assert.not.match(result.stdout + result.stderr, /Zorb4lax|Quxly9/, [...args, ...extra, JSON.stringify(env)].join(' '));
  }
  assert.is(run(['snapshot', '--allow-empty', '-m', `moved from ${portLike} to the new host`], dir).code, 0);
  assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'), /moved from postgresql:\/\/app:\*\*\*@db\.example\/shop to the new host/);
});

test('a libpq keyword/value string pasted for a URL is repeated without its password, quoted or not', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const cases: [string[], Record<string, string>?][] = [
    [['connect', 'host=db.example user=app password=Zorb4lax dbname=shop', '--name', 'x']],
    [['connect', 'password=Zorb4lax host=db.example', '--name', 'x']],
    [['pipeline', 'run', '--source', "host=db.example password = 'Zorb4 lax\\'Quxly9' dbname=shop"]],
    [['snapshot', '-t', 'ci'], { DATATRACK_CI_URL: 'host=db.example user=app sslpassword=Quxly9 password=Zorb4lax dbname=shop' }],
  ];
  for (const [i, [args, env]] of cases.entries()) {
    const extra = EXTRAS[i % 2]!;
    const result = run([...args, ...extra], dir, env);
    assert.is.not(result.code, 0, args.join(' '));
    assert.not.match(result.stdout + result.stderr, /Zorb4|Quxly9/, [...args, ...extra, JSON.stringify(env)].join(' '));
  }
});

test('an option whose key names a password (ssl_key_password, sslkeypassword, ssl-password) is repeated without its value', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  run(['snapshot'], dir);
  for (const option of ['ssl_key_password', 'sslkeypassword', 'ssl-password', 'SSL_Key_Pass%77ord']) {
    const url = `postgresql://app@db.example/shop?${option}=Zorb4lax&sslmode=require`;
    for (const [i, args] of [['diff', url], ['pipeline', 'run', '--source', url], ['diff', url.replace('postgresql:', 'mysql:')]].entries()) {
      const extra = EXTRAS[i % 2]!;
      const result = run([...args, ...extra], dir);
      assert.is.not(result.code, 0, args.join(' '));
      assert.not.match(result.stdout + result.stderr, /Zorb4lax/, [...args, ...extra].join(' '));
      // diff repeats the URL as an unknown revision: the value must be gone, not the message.
      if (args[0] === 'diff' && extra[0] === '--debug') assert.match(result.stdout + result.stderr, `${option}=***`, [...args, ...extra].join(' '));
    }
  }
});

mysqlTest('a one-letter MariaDB password is not starred out of the server\'s refusal or a note', async () => {
  const db = await freshDatabase('short_pw', 'CREATE TABLE t (id int PRIMARY KEY);');
  const user = `dt_short_${process.pid}`;
  const root = await admin();
  await root.query("CREATE USER ?@'%' IDENTIFIED BY 'a'", [user]);
  try {
    await root.query(`GRANT SELECT ON \`${db}\`.* TO ?@'%'`, [user]);
    const dir = newRepo();
    const url = `mysql://${user}@${MYSQL_HOST}:${MYSQL_PORT}/${db}`;
    assert.is(run(['connect', url], dir, { MYSQL_PWD: 'a' }).code, 0);
    const refused = run(['test-connection'], dir, { MYSQL_PWD: 's' });
    assert.is(refused.code, 3);
    assert.match(refused.stderr, /using password: YES/);
    assert.is(run(['snapshot', '-m', 'a table was added'], dir, { MYSQL_PWD: 'a' }).code, 0);
    assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'), /^a table was added$/m);
  } finally {
    await root.query("DROP USER IF EXISTS ?@'%'", [user]);
    await root.end();
  }
});

pg('a password from the password file is taken out of a snapshot note', async () => {
  const db = await createDatabase('pgpass_note');
  try {
    await execSql(db, 'CREATE TABLE t (id int PRIMARY KEY)');
    const passfile = join(tempDir(), 'pgpass');
    writeFileSync(passfile, `${PG_HOST}:${PG_PORT}:*:${PG_USER}:Zorb4laxPw\n`, { mode: 0o600 });
    const env = { PGPASSFILE: passfile, PGPASSWORD: undefined };
    const dir = newRepo();
    assert.is(run(['connect', `postgresql://${PG_USER}@${PG_HOST}:${PG_PORT}/${db}`], dir, env).code, 0);
    const snapshot = run(['snapshot', '-m', 'rotated to Zorb4laxPw'], dir, env);
    assert.is(snapshot.code, 0, snapshot.stderr);
    const message = git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default');
    assert.match(message, /^rotated to \*\*\*$/m);
    assert.not.match(message, /Zorb4lax/);
  } finally {
    await dropDatabases();
  }
});

pg("snapshot --all -m: each commit's note is kept free of every target's password, not only its own", async () => {
  const db = await createDatabase('all_note');
  try {
    await execSql(db, 'CREATE TABLE t (id int PRIMARY KEY)');
    const dir = newRepo();
    const url = (password: string) => `postgresql://${PG_USER}:${password}@${PG_HOST}:${PG_PORT}/${db}`;
    const env = { DATATRACK_ONE_URL: url('PassOneZorb4'), DATATRACK_TWO_URL: url('PassTwoQuxly9') };
    for (const name of ['one', 'two']) assert.is(run(['connect', `postgresql://${PG_USER}@${PG_HOST}:${PG_PORT}/${db}`, '--name', name], dir).code, 0);
    const snapshot = run(['snapshot', '--all', '-m', 'keys PassOneZorb4 and PassTwoQuxly9 rotated'], dir, env);
    assert.is(snapshot.code, 0, snapshot.stderr);
    for (const name of ['one', 'two']) assert.is(git(dir, 'log', '-1', '--format=%B', `refs/datatrack/${name}`).split('\n')[2], 'keys *** and *** rotated', name);
  } finally {
    await dropDatabases();
  }
});

test('a password taken out as text: as a word of its own, after an escape too, never out of a longer word', async () => {
  const { withoutSecrets } = await import('../../src/util/redact.js');
  assert.is(withoutSecrets('using password: YES; pass, passé or xpass; pass', ['pass']), 'using password: YES; ***, passé or xpass; ***');
  // The pieces of a password with a line break, JSON-escaped by another hand than the whole was.
  assert.is(withoutSecrets('"Zorb4lax\\nQuxly9\\u0027"', ['Zorb4lax', 'Quxly9']), '"***\\n***\\u0027"');
  assert.is(withoutSecrets('-pw1- x-pw1', ['-pw1']), '***- x***');
});

test('a typed password equal to the user name is taken out of the URL, not out of the user name', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  run(['snapshot'], dir);
  const result = run(['diff', 'postgresql://alice1:alice1@db.example/shop'], dir);
  assert.is.not(result.code, 0);
  assert.match(result.stderr, 'unknown revision "postgresql://alice1:***@db.example/shop"');
});

mysqlTest('a MariaDB password taken out of messages and notes only where it is a word of its own', async () => {
  const db = await freshDatabase('word_pw', 'CREATE TABLE t (id int PRIMARY KEY);');
  const [pass, same] = [`dt_pass_${process.pid}`, `dt_same_${process.pid}`];
  const root = await admin();
  await root.query("CREATE USER ?@'%' IDENTIFIED BY 'pass'", [pass]);
  await root.query("CREATE USER ?@'%' IDENTIFIED BY ?", [same, same]);
  try {
    for (const user of [pass, same]) await root.query(`GRANT SELECT ON \`${db}\`.* TO ?@'%'`, [user]);
    const dir = newRepo();
    const server = `${MYSQL_HOST}:${MYSQL_PORT}/${db}`;
    // A wrong password typed: the refusal keeps the word "password".
    const refused = run(['connect', `mysql://${same}:pass@${server}`, '--name', 'wrong'], dir);
    assert.is(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /wrong user or password \(.*using password: YES\)/);
    assert.is(run(['connect', `mysql://${pass}:pass@${server}`], dir).code, 0);
    assert.is(run(['snapshot', '-m', 'new password policy, pass rotated'], dir).code, 0);
    assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'), /^new password policy, \*\*\* rotated$/m);
    // The user's name is in every message and in config.yaml: starring it would hide nothing.
    assert.is(run(['connect', `mysql://${same}:${same}@${server}`, '--name', 'same'], dir).code, 0);
    assert.is(run(['snapshot', '-t', 'same', '-m', `granted ${same} read access`], dir).code, 0);
    assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/same'), new RegExp(`^granted ${same} read access$`, 'm'));
  } finally {
    await root.query("DROP USER IF EXISTS ?@'%', ?@'%'", [pass, same]);
    await root.end();
  }
});

test.run();
