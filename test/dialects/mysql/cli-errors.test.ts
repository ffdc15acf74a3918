// Connection and server failures through the CLI: exit 3, one line on stderr, no password, the
// ref left where it was.
import { linkSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { writePassword } from '../../../src/config/secrets.js';
import { git, initializedRepo, run, runAsync, type RunResult, tempDir } from '../../helpers/cli.js';
import { admin, executeIn, freshDatabase, freshUser, MYSQL_HOST, MYSQL_PORT, mysqlTest, mysqlUrl } from '../../helpers/mysql.js';
import { holdNewTable, waitForProcesses } from '../../helpers/mysql-ddl.js';
import { closeFakeServers, cuttingProxy } from '../../helpers/fake-servers.js';

function expectDatabaseError(result: RunResult, pattern: RegExp, secrets: string[] = []): void {
  assert.is(result.code, 3, `exit code (stderr: ${result.stderr})`);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, `one line, got:\n${result.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.not.match(result.stderr, /at .*\.js:\d+/);
  for (const secret of secrets) assert.not.ok(result.stderr.includes(secret) || result.stdout.includes(secret), 'the password leaked');
}

const ref = (dir: string) => git(dir, 'for-each-ref', 'refs/datatrack/');

/** A repository whose default target (configured, no password in it) has one snapshot. */
function configured(database: string, user: string, extra = '', port = MYSQL_PORT): string {
  const dir = initializedRepo();
  writeFileSync(
    join(dir, '.datatrack/config.yaml'),
    `version: 1\ndefault_target: default\ntargets:\n  default:\n    dialect: mysql\n    host: ${MYSQL_HOST}\n    port: ${port}\n    database: ${database}\n    user: ${user}\n${extra}`,
  );
  return dir;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

mysqlTest('wrong password: connect fails with exit 3 and saves nothing; a password changed later fails the snapshot, ref untouched', async () => {
  const db = await freshDatabase('pw', 'CREATE TABLE t (id int)');
  const { user, password } = await freshUser([`SELECT ON \`${db}\`.*`]);
  const dir = initializedRepo();
  expectDatabaseError(run(['connect', mysqlUrl(db, user, 'Wrong-Secret-42')], dir), new RegExp(`^datatrack: MySQL server .* refused the login of user ${user}: wrong user or password`), ['Wrong-Secret-42', password]);
  assert.is(run(['targets', '--json'], dir).stdout.trim(), '[]');
  // a database the user has no rights on, or that does not exist: the server tells neither apart, nor can the message
  expectDatabaseError(
    run(['connect', mysqlUrl(`${db}_typo`, user, password)], dir),
    new RegExp(`^datatrack: user ${user} may not use database ${db}_typo on .*; grant it SELECT on ${db}_typo\\.\\*, or check the name \\(the server says the same of a database that does not exist\\)$`),
    [password],
  );

  assert.is(run(['connect', mysqlUrl(db, user, password)], dir).code, 0);
  assert.is(run(['snapshot'], dir).code, 0);
  const before = ref(dir);
  const c = await admin();
  await c.query(`ALTER USER '${user}'@'%' IDENTIFIED BY 'Changed-Secret-7'`);
  await c.end();
  expectDatabaseError(run(['snapshot'], dir), /refused the login/, [password, 'Changed-Secret-7']);
  assert.is(ref(dir), before);
});

mysqlTest('the password can come from MYSQL_PWD; it never appears in output', async () => {
  const db = await freshDatabase('env', 'CREATE TABLE t (id int)');
  const { user, password } = await freshUser([`SELECT ON \`${db}\`.*`]);
  const dir = configured(db, user);
  const ok = run(['snapshot'], dir, { MYSQL_PWD: password });
  assert.is(ok.code, 0, ok.stderr);
  expectDatabaseError(run(['snapshot', '--allow-empty'], dir, { MYSQL_PWD: 'Not-The-Password-9' }), /refused the login/, ['Not-The-Password-9', password]);
  // none at all (an unset CI secret leaves MYSQL_PWD empty): the message says where one goes
  expectDatabaseError(run(['snapshot', '--allow-empty'], dir, { MYSQL_PWD: '' }), new RegExp(`refused the login of user ${user}, for whom no password was given \\(.*using password: NO.*\\); put it in the URL, MYSQL_PWD or \\.datatrack/secrets\\.yaml$`), [password]);
  // a stored password goes only to the configured server; a URL naming another one is told why none was sent
  writePassword(dir, 'default', { password, server: { dialect: 'mysql', host: MYSQL_HOST, port: MYSQL_PORT, database: db, user } });
  assert.is(run(['snapshot', '--allow-empty'], dir, { MYSQL_PWD: '' }).code, 0);
  const elsewhere = { MYSQL_PWD: '', DATATRACK_DEFAULT_URL: `mysql://${user}@${MYSQL_HOST}:${MYSQL_PORT}/${db}_other` };
  const configuredUrl = `mysql://${user}@${MYSQL_HOST}:${MYSQL_PORT}/${db}`.replace(/[.]/g, '\\.');
  expectDatabaseError(
    run(['snapshot', '--allow-empty'], dir, elsewhere),
    new RegExp(`for whom no password was given \\(.*\\); the password stored for target default goes only to ${configuredUrl}, which DATATRACK_DEFAULT_URL names otherwise \\(host, port, socket, user, database and TLS options must be written alike\\)$`),
    [password],
  );
  // nor to another server config.yaml names since (a teammate's commit): 127.0.0.1 became localhost
  writeFileSync(join(dir, '.datatrack/config.yaml'), readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8').replace(`host: ${MYSQL_HOST}`, 'host: localhost'));
  expectDatabaseError(
    run(['snapshot', '--allow-empty'], dir, { MYSQL_PWD: '' }),
    new RegExp(`for whom no password was given \\(.*\\); the password stored for target default goes only to ${configuredUrl}, the server it was stored for, which \\.datatrack/config\\.yaml now names otherwise `),
    [password],
  );
});

mysqlTest('unknown database: exit 3 naming it; a database dropped after a snapshot leaves the ref untouched', async () => {
  const dir = initializedRepo();
  const missing = `dt_missing_${process.pid}`;
  expectDatabaseError(run(['connect', mysqlUrl(missing)], dir), new RegExp(`^datatrack: database ${missing} does not exist on ${MYSQL_HOST}:${MYSQL_PORT}; check the name`));
  const db = await freshDatabase('dropped', 'CREATE TABLE t (id int)');
  assert.is(run(['connect', mysqlUrl(db)], dir).code, 0);
  assert.is(run(['snapshot'], dir).code, 0);
  const before = ref(dir);
  const c = await admin();
  await c.query(`DROP DATABASE \`${db}\``);
  await c.end();
  expectDatabaseError(run(['snapshot'], dir), new RegExp(`database ${db} does not exist`));
  assert.is(ref(dir), before);
});

mysqlTest('unreachable server: a closed port is refused, a silent listener times out after connect_timeout', async () => {
  const dir = initializedRepo();
  const closed = createServer();
  const closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  expectDatabaseError(run(['connect', `mysql://root:Pw-closed-1@127.0.0.1:${closedPort}/app`], dir), new RegExp(`^datatrack: cannot connect to MySQL server 127\\.0\\.0\\.1:${closedPort}: connection refused`), ['Pw-closed-1']);
  expectDatabaseError(run(['connect', `mysql://root:Pw-closed-1@[::1]:${closedPort}/app`], dir), new RegExp(`^datatrack: cannot connect to MySQL server \\[::1\\]:${closedPort}: `), ['Pw-closed-1']);
  // a socket: none there, or one nobody listens on, each said in its words (not Node's "connect ENOENT")
  const sockets = tempDir();
  expectDatabaseError(
    run(['connect', `mysql://root:Pw-closed-1@/app?unix_socket=${sockets}/none.sock`], dir),
    new RegExp(`^datatrack: cannot connect to MySQL server socket ${sockets}/none\\.sock: there is no such socket; is the server running, and is that its socket \\(SELECT @@socket\\)\\?$`),
    ['Pw-closed-1'],
  );
  const stale = createServer();
  await new Promise<void>((resolve) => stale.listen(join(sockets, 'stale.sock'), resolve));
  const staleCopy = join(sockets, 'stale-copy.sock');
  linkSync(join(sockets, 'stale.sock'), staleCopy);
  await new Promise((resolve) => stale.close(resolve));
  expectDatabaseError(
    run(['connect', `mysql://root:Pw-closed-1@/app?unix_socket=${staleCopy}`], dir),
    /: connection refused; is the server running and listening on that socket\?$/,
    ['Pw-closed-1'],
  );
  // a path that is no socket: the socket's directory (given for the socket), a plain file, or a file taken for a directory
  expectDatabaseError(
    run(['connect', `mysql://root:Pw-closed-1@/app?unix_socket=${sockets}`], dir),
    new RegExp(`^datatrack: cannot connect to MySQL server socket ${sockets}: that is a directory, not a socket; name the server's socket in it \\(SELECT @@socket\\)$`),
    ['Pw-closed-1'],
  );
  writeFileSync(join(sockets, 'plain'), '');
  expectDatabaseError(
    run(['connect', `mysql://root:Pw-closed-1@/app?socket=${sockets}/plain`], dir),
    new RegExp(`^datatrack: cannot connect to MySQL server socket ${sockets}/plain: that is not a socket; name the server's socket \\(SELECT @@socket\\)$`),
    ['Pw-closed-1'],
  );
  expectDatabaseError(run(['connect', `mysql://root:Pw-closed-1@/app?host=${sockets}/plain/mysqld.sock`], dir), /: there is no such socket; is the server running, and is that its socket \(SELECT @@socket\)\?$/, ['Pw-closed-1']);
  // Accepts TCP connections and never says a word (the kernel completes the handshake even while
  // this process waits for the CLI).
  const silent = createServer(() => {});
  const silentPort = await listen(silent);
  try {
    expectDatabaseError(
      run(['connect', `mysql+pymysql://root:Pw-silent-2@127.0.0.1:${silentPort}/app?connect_timeout=1`], dir),
      new RegExp(`^datatrack: cannot connect to MySQL server 127\\.0\\.0\\.1:${silentPort}: no answer within the connect timeout \\(1s\\)`),
      ['Pw-silent-2'],
    );
    const configuredDir = configured('app', 'root', '    connect_timeout: 1\n', silentPort);
    expectDatabaseError(run(['test-connection'], configuredDir), /no answer within the connect timeout \(1s\)/);
    expectDatabaseError(run(['snapshot'], configuredDir), /no answer within the connect timeout \(1s\)/);
    assert.is(ref(configuredDir), '');
  } finally {
    silent.close();
  }
});

mysqlTest('the server ends the connection mid-snapshot (KILL): exit 3, one line, no password, ref untouched', async () => {
  const db = await freshDatabase('kill', 'CREATE TABLE t (id int)');
  const { user, password } = await freshUser([`SELECT ON \`${db}\`.*`]);
  const dir = configured(db, user, '    lock_timeout: 30\n');
  assert.is(run(['snapshot'], dir, { MYSQL_PWD: password }).code, 0);
  const before = ref(dir);
  // The held table keeps the snapshot's catalog read in progress (waiting for it) when its
  // connections are killed.
  const held = await holdNewTable(db);
  try {
    const snapshot = runAsync(['snapshot'], dir, { MYSQL_PWD: password });
    const reading = await waitForProcesses(held.watcher, "USER = ? AND INFO LIKE '%information_schema%'", [user]);
    for (const id of reading) await held.watcher.query(`KILL ${id}`);
    expectDatabaseError(await snapshot, /^datatrack: lost the connection to MySQL server .* while reading the catalog .*; nothing was written, try again$/, [password]);
    assert.is(ref(dir), before);
  } finally {
    await held.release();
  }
});

mysqlTest('the network path frozen mid-snapshot (nothing answers, nothing closes): exit 3 once twice the statement timeout has passed, not a hang', async () => {
  const db = await freshDatabase('frozen', Array.from({ length: 40 }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, a text, b text, c varchar(20) DEFAULT 'x', d int CHECK (d > 0))`).join('; '));
  const proxy = await cuttingProxy(MYSQL_HOST, MYSQL_PORT);
  const dir = configured(db, 'root', '    statement_timeout: 1\n', proxy.port);
  assert.is((await runAsync(['snapshot'], dir)).code, 0);
  const before = ref(dir);
  await executeIn(db, 'CREATE TABLE added (id int)');
  proxy.freeze(3000);
  try {
    const started = performance.now();
    // Killed past any wait it could be in, the run fails (exit 143) rather than hang the suite.
    const result = await runAsync(['snapshot'], dir, {}, (child) => void setTimeout(() => child.kill(), 30_000).unref());
    const seconds = (performance.now() - started) / 1000;
    expectDatabaseError(result, /^datatrack: MySQL server 127\.0\.0\.1:\d+ sent no answer for 2s, twice the statement timeout: the network or the server stopped responding; nothing was written$/);
    assert.ok(seconds >= 2 && seconds < 15, `failed after ${seconds.toFixed(1)} s`);
    assert.is(ref(dir), before);
  } finally {
    await closeFakeServers();
  }
});

mysqlTest('the database dropped while a snapshot reads it: exit 3, one line, ref untouched', async () => {
  const db = await freshDatabase('dropping', 'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int, FOREIGN KEY (a_id) REFERENCES a (id)); CREATE VIEW v AS SELECT id FROM b');
  const dir = configured(db, 'root', '    lock_timeout: 30\n');
  assert.is(run(['snapshot'], dir).code, 0);
  const before = ref(dir);
  const held = await holdNewTable(db);
  const dropper = await admin();
  try {
    // The snapshot waits for the held table; DROP DATABASE queues behind that table too; killing
    // the DDL lets both go on at once, so the drop lands while the snapshot is reading.
    const snapshot = runAsync(['snapshot'], dir);
    await waitForProcesses(held.watcher, "DB = ? AND STATE = 'Waiting for table metadata lock' AND INFO LIKE '%information_schema%'", [db]);
    const drop = `DROP DATABASE \`${db}\``;
    const dropping = dropper.query(drop);
    await waitForProcesses(held.watcher, 'INFO = ?', [drop]);
    await held.release();
    await dropping;
    expectDatabaseError(await snapshot, new RegExp(`^datatrack: database ${db} no longer exists on ${MYSQL_HOST}:${MYSQL_PORT} \\(dropped while it was being read\\?\\); nothing was written$`));
    assert.is(ref(dir), before);
  } finally {
    await held.release();
    await dropper.end();
  }
});

test.run();
