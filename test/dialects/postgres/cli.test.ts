// The CLI against PostgreSQL: connect, snapshot, show, export end to end, and each connection
// or read failure as one stderr line with exit 3, no password in it, the ref untouched and, for
// `connect`, no target saved.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import * as assert from 'uvu/assert';
import { parse, stringify } from '#yaml';
import { writePassword } from '../../../src/config/secrets.js';
import { escapeRegExp } from '../../../src/util/regexp.js';
import { FIXTURES, git, initializedRepo, newRepo, run, runAsync, runJson, type RunResult, tempDir } from '../../helpers/cli.js';
import { closedPort, closeFakeServers, cuttingProxy, greetingServer, passwordRejectingPostgres, silentServer } from '../../helpers/fake-servers.js';
import { createDatabase, dropDatabases, openSession, execSql, PG_HOST, PG_PORT, pgTest, pgUrl, postgresUp } from '../../helpers/postgres.js';

const up = await postgresUp();
const test = pgTest(up);
if (up) {
  test.after(async () => {
    await closeFakeServers();
    await dropDatabases();
  });
}

/** Exit 3 and exactly one line on stderr, which matches `pattern` and holds no secret. */
function assertDatabaseError(result: RunResult, pattern: RegExp, secret?: string): void {
  assert.is(result.code, 3, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, pattern);
  if (secret) assert.not.ok(result.stderr.includes(secret) || result.stdout.includes(secret), 'the password leaked');
}

const refs = (dir: string) => git(dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/datatrack/');

/** A failed `connect` leaves no target behind, and no secret. */
function assertNothingSaved(dir: string): void {
  assert.equal(runJson(['targets'], dir), []);
  assert.not.ok(existsSync(join(dir, '.datatrack', 'secrets.yaml')), 'a secrets file was written');
}

/** A repository whose default target is `database`, with the target's config keys set, and a first snapshot. */
function snapshotted(database: string, settings: Record<string, unknown> = {}): { dir: string; before: string } {
  const dir = initializedRepo();
  assert.is(run(['connect', pgUrl(database)], dir).code, 0);
  const file = join(dir, '.datatrack', 'config.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  Object.assign(config.targets.default, settings);
  writeFileSync(file, stringify(config));
  assert.is(run(['snapshot'], dir).code, 0);
  return { dir, before: refs(dir) };
}

/** Resolves once a datatrack session has begun reading `database` (its transaction open). */
async function snapshotReading(monitor: pg.Client, database: string): Promise<void> {
  for (let tries = 0; tries < 800; tries++) {
    // In its transaction, not just connected: a follower connects alongside the leader, and a drop
    // that lands before the leader has connected is an unknown database, not a lost connection.
    const { rows } = await monitor.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'datatrack' AND xact_start IS NOT NULL`, [database]);
    if (rows.length) return;
    await sleep(25);
  }
  throw new Error('the snapshot never connected');
}

test('connect, snapshot, show and export a PostgreSQL database end to end', async () => {
  const database = await createDatabase('cli');
  await execSql(database, `CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int REFERENCES customers (id), total numeric(10,2) CHECK (total >= 0));
    COMMENT ON TABLE orders IS 'Customer orders'; CREATE VIEW big AS SELECT * FROM orders WHERE total > 100;`);
  const dir = initializedRepo();
  const connected = run(['connect', pgUrl(database)], dir);
  assert.is(connected.code, 0, connected.stderr);
  assert.match(connected.stdout, /saved target default.*postgres \d+\.\d+/);
  const first = runJson<{ changed: boolean; tables: number; objects: number }>(['snapshot'], dir);
  assert.equal([first.changed, first.tables], [true, 2]);
  const again = runJson<{ changed: boolean }>(['snapshot', '--jobs', '1'], dir);
  assert.is(again.changed, false);
  const shown = run(['show', 'public.orders'], dir);
  assert.is(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^name: orders\nschema: public\ncomment: Customer orders\ncolumns:\n  - name: id\n    type: bigint\n    nullable: false\n    identity: always\n/);
  const summary = run(['show'], dir);
  assert.match(summary.stdout, /Database: .*\(postgres \d+\.\d+\)/);
  // a quoted name keeps its case: "Orders" is another table, so it is only suggested
  for (const [args, message] of [
    [['show', 'public.Orders'], 'no object "public.Orders" in this snapshot; did you mean "public.orders"?'],
    [['history', 'public.Orders'], 'no snapshot of default holds an object "public.Orders"; did you mean "public.orders"?'],
  ] as const) {
    const result = run([...args], dir);
    assert.equal([result.code, result.stderr], [2, `datatrack: ${message}\n`], args.join(' '));
  }
  const exported = run(['export', '--format', 'json', '-o', '-'], dir);
  assert.is(exported.code, 0, exported.stderr);
  const document = JSON.parse(exported.stdout);
  assert.ok(JSON.stringify(document).includes('"definition"'));
  assert.is(git(dir, 'show', 'refs/datatrack/default:public/tables/customers.yaml').split('\n')[0], 'name: customers');
});

test('a database in a single-byte encoding (LATIN1) snapshots, its text read back as written', async () => {
  // The server converts each statement's text into the database's encoding: one character LATIN1
  // lacks, even in a comment of a catalog query, failed every snapshot of such a database.
  const database = await createDatabase('latin1', "ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
  await execSql(database, `CREATE TABLE "café" (prix numeric DEFAULT 0 CHECK (prix >= 0), "ü" text DEFAULT 'Straße');
    COMMENT ON TABLE "café" IS 'Æ ½ é'; CREATE VIEW "vué" AS SELECT 'ß'::text AS s;`);
  const { dir } = snapshotted(database);
  const table = parse(git(dir, 'show', 'refs/datatrack/default:public/tables/café.yaml'));
  assert.equal([table.name, table.comment, table.columns[1].name, table.columns[1].default], ['café', 'Æ ½ é', 'ü', "'Straße'::text"]);
  assert.match(git(dir, 'show', 'refs/datatrack/default:public/views/vué.yaml'), /'ß'::text AS s/);
});

test('a SQL_ASCII database holding bytes that are not UTF-8 is a one-line error saying so, exit 3, ref untouched', async () => {
  const database = await createDatabase('sqlascii', "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'");
  await execSql(database, `CREATE TABLE t (id int)`);
  const { dir, before } = snapshotted(database);
  await execSql(database, `COMMENT ON TABLE t IS E'caf\\xe9'`);
  assertDatabaseError(run(['snapshot'], dir), /^datatrack: postgres@.*\/dt_sqlascii_\S+ holds text that is not UTF-8 in a name, comment, default or body \(invalid byte sequence for encoding "UTF8": 0xe9\), as a SQL_ASCII database lets in; datatrack reads the catalog as UTF-8: re-write that text in UTF-8; nothing was written$/);
  assert.is(refs(dir), before);
});

test('show and history of an overloaded routine: regprocedure\'s spelling finds it, other type names are answered with its overloads', async () => {
  const database = await createDatabase('routines');
  await execSql(database, `CREATE FUNCTION public.area(w integer, h character varying) RETURNS integer LANGUAGE sql AS 'SELECT w';
    CREATE FUNCTION public.area(r numeric) RETURNS numeric LANGUAGE sql AS 'SELECT r'`);
  const { dir } = snapshotted(database);
  const [spelt] = await execSql(database, "SELECT 'public.area(integer, varchar)'::regprocedure::text AS name");
  assert.is(spelt!.rows[0].name, 'area(integer,character varying)');
  for (const name of ['public.area(integer,character varying)', 'area(integer,character varying)']) {
    const shown = run(['show', name], dir);
    assert.is(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^name: area\nschema: public\nroutine_type: function\nargument_types: \[integer, character varying\]\n/);
    const history = runJson<{ change: string }[]>(['history', name], dir);
    assert.equal(history.map((e) => e.change), ['added']);
  }
  const overloads = '"public.area(integer, character varying)" or "public.area(numeric)"';
  for (const [args, message] of [
    [['show', 'public.area(int, varchar)'], `no routine "public.area(int, varchar)": name it with its argument types as the snapshot spells them, ${overloads}`],
    [['history', 'public.area(int4)'], `no routine "public.area(int4)": name it with its argument types as the snapshot spells them, ${overloads}`],
    [['show', 'area'], `"area" is a routine: name it with its argument types, ${overloads}`],
    [['history', 'public.area'], `"public.area" is a routine: name it with its argument types, ${overloads}`],
  ] as const) {
    const result = run([...args], dir);
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stderr, `datatrack: ${message}\n`);
  }
});

test('connect without init, the password as a query parameter: it goes to a git-ignored secrets file only', async () => {
  const database = await createDatabase('cli');
  const dir = newRepo();
  const connected = run(['connect', `${pgUrl(database)}?password=Query-PW-7&sslmode=disable`], dir);
  assert.is(connected.code, 0, connected.stderr);
  assert.not.match(connected.stdout + connected.stderr, /Query-PW-7/);
  const config = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  assert.not.match(config, /Query-PW-7/);
  assert.match(config, /sslmode: disable/);
  assert.match(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8'), /password: Query-PW-7/);
  assert.match(git(dir, 'check-ignore', '.datatrack/secrets.yaml'), /secrets\.yaml/);
  assert.not.match(git(dir, 'status', '--porcelain', '--untracked-files=all'), /secrets/);
  // A secrets file that cannot be used fails the connect before any target is saved.
  chmodSync(join(dir, '.datatrack/secrets.yaml'), 0o644);
  const refused = run(['connect', `${pgUrl(database)}?password=x`, '--name', 'second'], dir);
  assert.is(refused.code, 2, refused.stderr);
  assert.not.match(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /second/);
});

test('a wrong password: exit 3, one line, the password nowhere', async () => {
  const received: string[] = [];
  const port = await passwordRejectingPostgres(received);
  const dir = initializedRepo();
  const result = await runAsync(['connect', `postgresql://alice:s3cret%2Fpw@127.0.0.1:${port}/app`], dir);
  assertDatabaseError(result, /^datatrack: password authentication failed for alice@127\.0\.0\.1:\d+\/app; check the password/, 's3cret');
  assert.equal(received, ['s3cret/pw']);
  assertNothingSaved(dir);
});

test('connect --password-stdin: the password comes from a pipe, reaches the server and the secrets file, never the arguments', async () => {
  const received: string[] = [];
  const port = await passwordRejectingPostgres(received);
  const dir = initializedRepo();
  const piped = (args: string[], input: string) => runAsync(args, dir, {}, (child) => child.stdin!.end(input));
  assertDatabaseError(await piped(['connect', `postgresql://alice@127.0.0.1:${port}/app`, '--password-stdin'], 'from-pipe\n'), /^datatrack: password authentication failed for alice@/, 'from-pipe');
  assert.equal(received, ['from-pipe']);
  assertNothingSaved(dir);
  for (const [args, input, problem] of [
    [['connect', `postgresql://alice:inurl@127.0.0.1:${port}/app`, '--password-stdin'], 'pw\n', /^datatrack: the URL has a password and --password-stdin gives another; give it once\n$/],
    [['connect', `postgresql://alice@127.0.0.1:${port}/app`, '--password-stdin'], '', /^datatrack: --password-stdin read no password: standard input was empty\n$/],
    [['connect', `postgresql://alice@127.0.0.1:${port}/app`, '--password-stdin'], 'one\ntwo\n', /^datatrack: --password-stdin read more than one line; give the password alone\n$/],
    [['connect', 'sqlite:///app.db', '--password-stdin'], 'pw\n', /^datatrack: a SQLite database takes no password; leave out --password-stdin\n$/],
  ] as const) {
    const refused = await piped([...args], input);
    assert.is(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, problem);
  }
  assert.equal(received, ['from-pipe'], 'nothing refused reached the server');
  const database = await createDatabase('pwstdin');
  const saved = await piped(['connect', pgUrl(database), '--password-stdin'], 'Zorb4lax-Quxly9');
  assert.is(saved.code, 0, saved.stderr);
  assert.match(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8'), /password: Zorb4lax-Quxly9\n/);
  assert.not.match(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /Zorb4lax/);
});

test('without a password in the URL: PGPASSWORD, then the password file, then a clear "none was given"', async () => {
  const received: string[] = [];
  const port = await passwordRejectingPostgres(received);
  const dir = initializedRepo();
  const passfile = join(tempDir(), 'pgpass');
  writeFileSync(passfile, `127.0.0.1:${port}:app:alice:from-pgpass\n`, { mode: 0o600 });
  const url = `postgresql://alice@127.0.0.1:${port}/app`;
  assertDatabaseError(await runAsync(['connect', url], dir, { PGPASSWORD: 'from-env', PGPASSFILE: passfile }), /password authentication failed/, 'from-env');
  assertDatabaseError(await runAsync(['connect', url], dir, { PGPASSWORD: undefined, PGPASSFILE: passfile }), /password authentication failed/, 'from-pgpass');
  assertDatabaseError(await runAsync(['connect', url], dir, { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'none') }), /asks for a password and none was given; put it in the URL/);
  // a password stored for the configured server is not sent to another one a URL names: the message says why none was
  writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ndefault_target: default\ntargets:\n  default: {dialect: postgres, host: 127.0.0.1, port: ${port}, user: alice, database: app}\n`);
  writePassword(dir, 'default', { password: 'Stored-Pw-17', server: { dialect: 'postgres', host: '127.0.0.1', port, user: 'alice', database: 'app' } });
  const elsewhere = { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'none'), DATATRACK_DEFAULT_URL: `postgresql://alice@127.0.0.1:${port}/app2` };
  const withheld = new RegExp(`asks for a password and none was given; the password stored for target default goes only to postgres://alice@127\\.0\\.0\\.1:${port}/app, which DATATRACK_DEFAULT_URL names otherwise \\(host, port, socket, user, database and TLS options must be written alike\\)$`);
  assertDatabaseError(await runAsync(['snapshot'], dir, elsewhere), withheld, 'Stored-Pw-17');
  assert.equal(received.slice(0, 3), ['from-env', 'from-pgpass', '']);
  assert.not.ok(received.includes('Stored-Pw-17'), 'the stored password went to the other server');
});

test('a URL without host and port: the password file is searched for the PGHOST and PGPORT connected to; an empty PGPASSWORD is none', async () => {
  const received: string[] = [];
  const port = await passwordRejectingPostgres(received);
  const dir = initializedRepo();
  const passfile = join(tempDir(), 'pgpass');
  writeFileSync(passfile, `localhost:5432:app:alice:not-this-server\n127.0.0.1:${port}:app:alice:from-pgpass\n`, { mode: 0o600 });
  const env = { PGHOST: '127.0.0.1', PGPORT: String(port), PGPASSWORD: '', PGPASSFILE: passfile };
  assertDatabaseError(await runAsync(['connect', 'postgresql://alice@/app'], dir, env), new RegExp(`^datatrack: password authentication failed for alice@127\\.0\\.0\\.1:${port}/app;`), 'from-pgpass');
  assert.equal(received, ['from-pgpass']);
});

test('TLS as psql does it: PGSSLROOTCERT verifies the server, ~/.postgresql/root.crt makes require verify, postgresql.crt is sent', async () => {
  const tls = join(FIXTURES, 'tls');
  const handshakes: string[] = [];
  const received: string[] = [];
  const port = await passwordRejectingPostgres(received, { cert: readFileSync(join(tls, 'server.crt'), 'utf8'), key: readFileSync(join(tls, 'server.key'), 'utf8'), handshakes });
  const dir = initializedRepo();
  const home = tempDir();
  const env = (extra: Record<string, string>) => ({ HOME: home, PGPASSWORD: 'pw', PGSSLMODE: undefined, PGSSLROOTCERT: undefined, PGSSLCERT: undefined, PGSSLKEY: undefined, ...extra });
  const connect = (extra: Record<string, string>) => runAsync(['connect', `postgresql://alice@127.0.0.1:${port}/app`], dir, env(extra));
  // The server's certificate verifies against the CA PGSSLROOTCERT names: the login goes on, and is refused there.
  assertDatabaseError(await connect({ PGSSLMODE: 'verify-full', PGSSLROOTCERT: join(tls, 'ca.crt') }), /^datatrack: password authentication failed for alice@127\.0\.0\.1:\d+\/app;/);
  assert.equal([handshakes, received], [['none'], ['pw']]);
  const otherCa = join(tls, 'other-ca.crt');
  assertDatabaseError(
    await connect({ PGSSLMODE: 'verify-full', PGSSLROOTCERT: otherCa }),
    new RegExp(`^datatrack: the certificate of PostgreSQL at alice@127\\.0\\.0\\.1:${port}/app does not verify \\(.+\\) against PGSSLROOTCERT ${otherCa}, as PGSSLMODE=verify-full asks; name the CA that signed it with sslrootcert or PGSSLROOTCERT$`),
  );
  // libpq 16's sslrootcert=system: the TLS library's authorities (Node's, and NODE_EXTRA_CA_CERTS), verify-full by default and only
  const system = `PGSSLROOTCERT system \\(Node's certificate authorities and NODE_EXTRA_CA_CERTS\\)`;
  assertDatabaseError(
    await connect({ PGSSLROOTCERT: 'system' }),
    new RegExp(`does not verify \\(.+\\) against ${system}, as sslmode=verify-full \\(the default with PGSSLROOTCERT=system\\) asks; add the CA that signed it with NODE_EXTRA_CA_CERTS, or name it with sslrootcert or PGSSLROOTCERT instead of system$`),
  );
  assertDatabaseError(await connect({ PGSSLROOTCERT: 'system', NODE_EXTRA_CA_CERTS: join(tls, 'ca.crt') }), /^datatrack: password authentication failed for alice@127\.0\.0\.1:\d+\/app;/);
  const weaker = await connect({ PGSSLROOTCERT: 'system', PGSSLMODE: 'require' });
  assert.is(weaker.code, 2, weaker.stderr);
  assert.is(weaker.stderr, "datatrack: PGSSLROOTCERT=system takes sslmode=verify-full, not PGSSLMODE=require, as in libpq: any host name's owner can get a certificate the system trusts; drop PGSSLMODE or set it to verify-full\n");
  // As libpq: a root certificate in ~/.postgresql/ makes require verify the chain, as verify-ca does.
  mkdirSync(join(home, '.postgresql'));
  copyFileSync(otherCa, join(home, '.postgresql/root.crt'));
  assertDatabaseError(await connect({ PGSSLMODE: 'require' }), /^datatrack: the certificate of PostgreSQL at .* does not verify \(.+\) against \S+\/\.postgresql\/root\.crt, as PGSSLMODE=require asks;/);
  // The default client certificate and key go along, under the default sslmode (prefer) too.
  copyFileSync(join(tls, 'ca.crt'), join(home, '.postgresql/root.crt'));
  copyFileSync(join(tls, 'client.crt'), join(home, '.postgresql/postgresql.crt'));
  copyFileSync(join(tls, 'client.key'), join(home, '.postgresql/postgresql.key'));
  chmodSync(join(home, '.postgresql/postgresql.key'), 0o600);
  assertDatabaseError(await connect({ PGSSLMODE: 'require' }), /password authentication failed/);
  assertDatabaseError(await connect({}), /password authentication failed/);
  assert.equal(handshakes, ['none', 'none', 'alice', 'alice'], 'sslrootcert=system verified once');
  chmodSync(join(home, '.postgresql/postgresql.key'), 0o644);
  const refused = await connect({});
  assert.is(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /^datatrack: private key \S+\/\.postgresql\/postgresql\.key has group or world access, which libpq refuses too; chmod 0600 it/);
  assertNothingSaved(dir);
});

test('an unknown database: exit 3, one line naming it, at connect and at snapshot time', async () => {
  const dir = initializedRepo();
  assertDatabaseError(run(['connect', pgUrl('dt_no_such_database')], dir), /^datatrack: database "dt_no_such_database" does not exist on /);
  assertNothingSaved(dir);
  const database = await createDatabase('vanishing');
  await execSql(database, 'CREATE TABLE t (id int)');
  const saved = snapshotted(database);
  await execSql('postgres', `DROP DATABASE "${database}"`);
  assertDatabaseError(run(['snapshot'], saved.dir), new RegExp(`^datatrack: database "${database}" does not exist on `));
  assert.is(refs(saved.dir), saved.before);
});

test('a role the server does not know (the local server trusts every role, so no password check can fail here): exit 3, one line', async () => {
  const dir = initializedRepo();
  assertDatabaseError(run(['connect', `postgresql://dt_no_such_role:pw-not-checked@${PG_HOST}:${PG_PORT}/postgres`], dir), /^datatrack: PostgreSQL at dt_no_such_role@[\d.]+:\d+\/postgres refused the connection: role "dt_no_such_role" does not exist$/, 'pw-not-checked');
  assertNothingSaved(dir);
});

test('a closed port: exit 3, connection refused', async () => {
  const dir = initializedRepo();
  const port = await closedPort();
  assertDatabaseError(run(['connect', `postgresql://postgres:pw@127.0.0.1:${port}/app`], dir), /^datatrack: cannot connect to PostgreSQL at postgres@127\.0\.0\.1:\d+\/app: connection refused/, 'pw@');
  // a socket directory with no server's socket in it says so, not Node's "connect ENOENT /dir/.s.PGSQL.5432"
  const empty = tempDir();
  assertDatabaseError(
    run(['connect', `postgresql://postgres:pw@/app?host=${empty}`], dir),
    new RegExp(`^datatrack: cannot connect to PostgreSQL at postgres@${empty}:5432/app: there is no server socket in that directory for that port; is the server running, and are they its unix_socket_directories and port\\?$`),
    'pw@',
  );
  // a host that is a file (the socket itself, given for its directory), not Node's "connect ENOTDIR /x/.s.PGSQL.5432/.s.PGSQL.5432"
  writeFileSync(join(empty, '.s.PGSQL.5432'), '');
  assertDatabaseError(
    run(['connect', `postgresql://postgres:pw@/app?host=${empty}/.s.PGSQL.5432`], dir),
    new RegExp(`^datatrack: cannot connect to PostgreSQL at postgres@${empty}/\\.s\\.PGSQL\\.5432:5432/app: the host is not a directory; a socket's host names the directory it is in \\(unix_socket_directories\\), not the socket$`),
    'pw@',
  );
  assertNothingSaved(dir);
});

test('a listener that never answers: exit 3 once the connect timeout has passed', async () => {
  const dir = initializedRepo();
  const port = await silentServer();
  const result = await runAsync(['connect', `postgresql://postgres@127.0.0.1:${port}/app?connect_timeout=1`], dir);
  assertDatabaseError(result, /^datatrack: PostgreSQL at postgres@127\.0\.0\.1:\d+\/app did not answer within 1 s \(connect timeout\)/);
  assertNothingSaved(dir);
});

test('another kind of server on the port, which greets and keeps the connection open: exit 3 saying so, not a hang', async () => {
  const dir = initializedRepo();
  const port = await greetingServer('SSH-2.0-OpenSSH_9.2p1\r\n');
  for (const sslmode of ['prefer', 'require']) {
    // Killed past any timeout it could be waiting for, the run fails (exit 143) rather than hang the suite.
    const result = await runAsync(['connect', `postgresql://postgres@127.0.0.1:${port}/app?connect_timeout=5&sslmode=${sslmode}`], dir, {}, (child) => void setTimeout(() => child.kill(), 20_000).unref());
    assertDatabaseError(result, /^datatrack: cannot connect to PostgreSQL at postgres@127\.0\.0\.1:\d+\/app: what answers there does not speak PostgreSQL's protocol/);
  }
  assertNothingSaved(dir);
});

/**
 * A 40-table database snapshotted through a proxy that can cut or freeze the connection, with a
 * change made since, so that the next snapshot has something to write.
 */
async function behindProxy(name: string, settings: Record<string, unknown> = {}) {
  const database = await createDatabase(name);
  const tables = Array.from({ length: 40 }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, a text, b text, c text DEFAULT 'x', d int CHECK (d > 0))`);
  await execSql(database, tables.join(';'));
  const proxy = await cuttingProxy(PG_HOST, PG_PORT);
  const dir = initializedRepo();
  assert.is((await runAsync(['connect', `postgresql://postgres@127.0.0.1:${proxy.port}/${database}`], dir)).code, 0);
  const file = join(dir, '.datatrack', 'config.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  Object.assign(config.targets.default, settings);
  writeFileSync(file, stringify(config));
  assert.is((await runAsync(['snapshot'], dir)).code, 0);
  const before = refs(dir);
  await execSql(database, 'CREATE TABLE added (id int)');
  return { proxy, dir, before };
}

test('the server gone mid-snapshot: exit 3, one line, the ref untouched', async () => {
  const { proxy, dir, before } = await behindProxy('gone');
  proxy.cut(4000);
  const result = await runAsync(['snapshot'], dir);
  assertDatabaseError(result, /^datatrack: the connection to PostgreSQL at postgres@127\.0\.0\.1:\d+\/dt_gone_\w+ was lost during the snapshot: .*; nothing was written$/);
  assert.is(refs(dir), before);
});

test('the network path frozen mid-snapshot (nothing answers, nothing closes): exit 3 once twice the statement timeout has passed, not a hang', async () => {
  const { proxy, dir, before } = await behindProxy('frozen', { statement_timeout: 1 });
  proxy.freeze(4000);
  const started = performance.now();
  // Killed past any wait it could be in, the run fails (exit 143) rather than hang the suite.
  const result = await runAsync(['snapshot'], dir, {}, (child) => void setTimeout(() => child.kill(), 30_000).unref());
  const seconds = (performance.now() - started) / 1000;
  assertDatabaseError(result, /^datatrack: PostgreSQL at postgres@127\.0\.0\.1:\d+\/dt_frozen_\w+ sent no answer for 2 s, twice the statement timeout: the network or the server stopped responding; nothing was written$/);
  assert.ok(seconds >= 2 && seconds < 15, `failed after ${seconds.toFixed(1)} s`);
  assert.is(refs(dir), before);
});

test('a table held ACCESS EXCLUSIVE: the snapshot fails within the lock timeout naming it, exit 3, the ref untouched', async () => {
  const database = await createDatabase('held');
  await execSql(database, 'CREATE TABLE free (id int PRIMARY KEY); CREATE TABLE busy (id int PRIMARY KEY)');
  const { dir, before } = snapshotted(database, { lock_timeout: 1 });
  await execSql(database, 'ALTER TABLE free ADD COLUMN added int');
  const holder = await openSession(database);
  try {
    await holder.query('BEGIN; LOCK TABLE busy IN ACCESS EXCLUSIVE MODE');
    const started = performance.now();
    const result = await runAsync(['snapshot'], dir);
    const seconds = (performance.now() - started) / 1000;
    assertDatabaseError(result, /^datatrack: snapshot of postgres@[\d.]+:\d+\/dt_held_\w+ waited longer than the lock timeout \(1 s\): public\.busy is locked by another session \(DDL in progress\?\); retry later or raise lock_timeout; nothing was written$/);
    // The lock timeout, plus the CLI's start-up and a loaded machine's slack.
    assert.ok(seconds >= 1 && seconds < 10, `failed after ${seconds.toFixed(1)} s`);
    assert.is(refs(dir), before);
  } finally {
    await holder.end();
  }
});

/**
 * A snapshotted database with a change to take and a table held ACCESS EXCLUSIVE: a snapshot
 * started in `body` keeps probing it for up to a minute, so it is surely mid-read when `body` acts.
 */
async function withSnapshotHeld(name: string, body: (held: { database: string; dir: string; before: string; monitor: pg.Client }) => Promise<void>): Promise<void> {
  const database = await createDatabase(name);
  await execSql(database, 'CREATE TABLE busy (id int PRIMARY KEY)');
  const { dir, before } = snapshotted(database, { lock_timeout: 60 });
  await execSql(database, 'CREATE TABLE added (id int)');
  const [holder, monitor] = [await openSession(database), await openSession('postgres')];
  try {
    await holder.query('BEGIN; LOCK TABLE busy IN ACCESS EXCLUSIVE MODE');
    await body({ database, dir, before, monitor });
  } finally {
    await holder.end();
    await monitor.end();
  }
}

test('the database dropped mid-snapshot: exit 3, one line, the ref untouched', () =>
  withSnapshotHeld('dropped', async ({ database, dir, before, monitor }) => {
    const snapshot = runAsync(['snapshot'], dir);
    await snapshotReading(monitor, database);
    await monitor.query(`DROP DATABASE "${database}" WITH (FORCE)`);
    assertDatabaseError(await snapshot, /^datatrack: the connection to PostgreSQL at postgres@[\d.]+:\d+\/dt_dropped_\w+ was lost during the snapshot: .+; nothing was written$/);
    assert.is(refs(dir), before);
  }));

test('Ctrl-C (SIGINT) or SIGTERM mid-snapshot: one line, exit 130 or 143, the ref untouched, no temporary file left', () =>
  withSnapshotHeld('signalled', async ({ database, dir, before, monitor }) => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      let child: ChildProcess | undefined;
      const snapshot = runAsync(['snapshot'], dir, {}, (started) => (child = started));
      await snapshotReading(monitor, database);
      child!.kill(signal);
      const result = await snapshot;
      assert.is(result.code, code, result.stderr);
      assert.is(result.stderr, `datatrack: interrupted (${signal})\n`);
      assert.is(refs(dir), before);
      const leftovers = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => /\.(tmp|lock)$|tmp_/.test(path));
      assert.equal(leftovers, []);
      // The killed client's backends go a moment later; the next round must not take them for its own.
      while ((await monitor.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'datatrack'`, [database])).rows.length) await sleep(25);
    }
  }));

test('Ctrl-C mid-snapshot under --json: the error document on stdout, nothing on stderr, the ref untouched', () =>
  withSnapshotHeld('signalled_json', async ({ database, dir, before, monitor }) => {
    let child: ChildProcess | undefined;
    const snapshot = runAsync(['snapshot', '--json'], dir, {}, (started) => (child = started));
    await snapshotReading(monitor, database);
    child!.kill('SIGINT');
    const result = await snapshot;
    assert.is(result.code, 130, result.stderr);
    assert.equal(JSON.parse(result.stdout), { error: { code: 'INTERRUPTED', message: 'interrupted (SIGINT)', exitCode: 130 } });
    assert.is(result.stderr, '');
    assert.is(refs(dir), before);
  }));

/** One schema's objects, named `schema`: what a schema-qualified name can stand in. */
const SCHEMA_OBJECTS = (schema: string) => `
  CREATE SCHEMA ${schema}; SET search_path = ${schema};
  CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
  CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
  CREATE TABLE orgs (id int PRIMARY KEY);
  CREATE TABLE users (id serial PRIMARY KEY, email email, m mood DEFAULT 'ok', ms mood[], org int REFERENCES orgs (id),
    note text DEFAULT 'appx.users', CHECK (m <> 'sad'::mood));
  CREATE INDEX users_email ON users (lower(email));
  CREATE TABLE t2 (m mood, r regclass DEFAULT 'users'::regclass);
  CREATE INDEX t2_m ON t2 (m);
  CREATE VIEW v AS SELECT id, email, 'appx.users' AS lit FROM users WHERE m = 'ok'::mood;
  CREATE FUNCTION lower_email() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.email := lower(NEW.email); RETURN NEW; END$$;
  CREATE TRIGGER users_lower BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION lower_email();
  CREATE FUNCTION cnt(x mood) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM ${schema}.users WHERE m = x';
  CREATE FUNCTION cnt2(x mood) RETURNS SETOF users LANGUAGE sql BEGIN ATOMIC SELECT * FROM users WHERE m = x; END;
  CREATE FUNCTION sec() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = ${schema}, public AS 'SELECT 1';
  CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at);
  CREATE TABLE parted_2020 PARTITION OF parted FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
  CREATE MATERIALIZED VIEW mv AS SELECT m, count(*) FROM users GROUP BY m;
  CREATE INDEX mv_m ON mv (m);
  ALTER TABLE users ENABLE ROW LEVEL SECURITY;
  CREATE POLICY p ON users USING (m = 'ok'::mood AND org IN (SELECT id FROM orgs));`;

test('diff --schema-map: two databases holding one schema under two names differ in nothing, but for a real change', async () => {
  const [a, b] = [await createDatabase('schemamap_a'), await createDatabase('schemamap_b')];
  await execSql(a, SCHEMA_OBJECTS('appx'));
  await execSql(b, SCHEMA_OBJECTS('app'));
  const dir = initializedRepo();
  for (const [database, name] of [[a, 'a'], [b, 'b']] as const) assert.is(run(['connect', pgUrl(database), '--name', name], dir).code, 0);
  assert.is(run(['snapshot', '--all'], dir).code, 0);
  const diff = () => runJson<{ changes: { object: string; attribute?: string; from?: string; to?: string }[] }>(['diff', 'a', 'b', '--schema-map', 'appx=app'], dir).changes;
  assert.equal(diff(), []);
  await execSql(b, `CREATE OR REPLACE VIEW app.v AS SELECT id, email, 'appx.users' AS lit FROM app.users WHERE m = 'happy'::app.mood;`);
  assert.is(run(['snapshot', '-t', 'b'], dir).code, 0);
  assert.equal(diff().map((c) => [c.object, c.attribute, c.to?.slice(-30)]), [['app.v', 'definition', "(users.m = 'happy'::app.mood);"]]);
});

/** config.yaml's text with its target's port changed, as a teammate's commit pointing it at another server would. */
const pointedAt = (config: string, port: number) => config.replace(new RegExp(`^ {4}port: ${PG_PORT}$`, 'm'), `    port: ${port}`);

test('a stored password goes only to the server it was stored for: config.yaml pointed at another since (a commit, a branch) gets none sent there', async () => {
  const received: string[] = [];
  const fake = await passwordRejectingPostgres(received);
  const dir = initializedRepo();
  const database = await createDatabase('secretbind');
  const password = 'Bound-Pw-51';
  // the server trusts every login: the password is taken, and stored with the server it is for
  assert.is(run(['connect', pgUrl(database).replace('@', `:${password}@`)], dir).code, 0);
  const secrets = readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8');
  assert.equal(parse(secrets), { targets: { default: { password, server: { dialect: 'postgres', host: PG_HOST, port: PG_PORT, user: 'postgres', database } } } });
  assert.is(run(['snapshot'], dir).code, 0);
  const config = join(dir, '.datatrack/config.yaml');
  const original = readFileSync(config, 'utf8');
  writeFileSync(config, `${pointedAt(original, fake)}hooks:\n  pre_push:\n    drift: true\n`);
  const stored = `postgres://postgres@${PG_HOST}:${PG_PORT}/${database}`;
  const kept = `the password stored for target default goes only to ${stored}, the server it was stored for, which .datatrack/config.yaml now names otherwise (host, port, socket, user, database and TLS options must be written alike); if postgres://postgres@${PG_HOST}:${fake}/${database} is the right one, store its password for that server: \`datatrack connect <url> --name default --force\` (or with --password-stdin)`;
  for (const args of [['test-connection'], ['snapshot'], ['diff', '--live']]) {
    assertDatabaseError(await runAsync(args, dir, { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'none') }), new RegExp(`^datatrack: PostgreSQL at ${escapeRegExp(`postgres@${PG_HOST}:${fake}/${database}`)} asks for a password and none was given; ${escapeRegExp(kept)}$`), password);
  }
  // the pre-push hook's drift check says so, and does not block
  const hook = await runAsync(['hook', 'pre-push'], dir, { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'none') }, (child) => child.stdin!.end());
  assert.is(hook.code, 0, hook.stderr);
  assert.match(hook.stderr, `warning default: drift not checked: PostgreSQL at postgres@${PG_HOST}:${fake}/${database} asks for a password and none was given; ${kept}`);
  assert.not.ok(received.includes(password), 'the stored password went to the server config.yaml names now');
  // back at its server, it is sent again; stored anew for the other (connect --force), it goes there
  writeFileSync(config, original);
  assert.is(run(['test-connection'], dir).code, 0);
  writeFileSync(config, pointedAt(original, fake));
  assertDatabaseError(await runAsync(['connect', `postgresql://postgres:Other-Pw-52@${PG_HOST}:${fake}/${database}`, '--force'], dir), /password authentication failed/);
  assert.equal(received.filter((sent) => sent !== ''), ['Other-Pw-52']);
});

test("a password an earlier datatrack stored without its server is bound on first use to the committed config.yaml's target, never to an uncommitted edit", async () => {
  const received: string[] = [];
  const fake = await passwordRejectingPostgres(received);
  const dir = initializedRepo();
  const database = await createDatabase('secretbind');
  const password = 'Earlier-Pw-53';
  assert.is(run(['connect', pgUrl(database)], dir).code, 0);
  const config = join(dir, '.datatrack/config.yaml');
  const original = readFileSync(config, 'utf8');
  git(dir, 'add', '.datatrack/config.yaml');
  git(dir, 'commit', '-q', '-m', 'target');
  const earlier = `targets:\n  default:\n    password: ${password}\n`;
  const secrets = join(dir, '.datatrack/secrets.yaml');
  const env = { PGPASSWORD: undefined, PGPASSFILE: join(dir, 'none') };
  // config.yaml pointed elsewhere and not committed: no binding, no password sent
  writeFileSync(secrets, earlier, { mode: 0o600 });
  writeFileSync(config, pointedAt(original, fake));
  assertDatabaseError(await runAsync(['test-connection'], dir, env), /asks for a password and none was given; the password stored for target default was stored by an earlier datatrack, without the server it is for, and is bound to the server \.datatrack\/config\.yaml names only on a run where that file is as committed; commit or undo the changes to it, or store its password for that server: `datatrack connect <url> --name default --force` \(or with --password-stdin\)$/, password);
  assert.not.ok(received.includes(password), 'the earlier password went to an uncommitted server');
  assert.is(readFileSync(secrets, 'utf8'), earlier);
  // as committed: bound to that target, said once; pointed elsewhere afterwards, it is kept back
  writeFileSync(config, original);
  const bound = run(['test-connection'], dir, env);
  assert.is(bound.code, 0, bound.stderr);
  assert.is(bound.stderr, `warning: the password .datatrack/secrets.yaml holds for target default, stored by an earlier datatrack without its server, now goes only to postgres://postgres@${PG_HOST}:${PG_PORT}/${database}, as the committed .datatrack/config.yaml names it; if it was stored for another server, run \`datatrack connect <url> --name default --force\`\n`);
  assert.equal(parse(readFileSync(secrets, 'utf8')).targets.default, { password, server: { dialect: 'postgres', host: PG_HOST, port: PG_PORT, user: 'postgres', database } });
  assert.is(statSync(secrets).mode & 0o777, 0o600);
  assert.is(run(['test-connection'], dir, env).stderr, '');
  writeFileSync(config, pointedAt(original, fake));
  git(dir, 'commit', '-q', '-am', 'moved by a teammate');
  assertDatabaseError(await runAsync(['test-connection'], dir, env), /the password stored for target default goes only to .*, the server it was stored for/, password);
  assert.not.ok(received.includes(password), 'the bound password went to the server a later commit names');
});

test.run();
