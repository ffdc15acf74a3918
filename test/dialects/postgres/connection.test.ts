// Loading the PostgreSQL connection module: pg's check for a Cloudflare Worker must not pull in
// Node's fetch implementation (undici) on every run, and must leave no global behind. Where a
// connection goes and with which password, as libpq decides it: PGHOST, PGPORT and PGUSER for what
// the URL leaves out, the password file read as libpq reads it, no TLS on a Unix socket, and the
// TLS files libpq would use: options, then PGSSLROOTCERT/PGSSLCERT/PGSSLKEY, then ~/.postgresql/.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TargetConfig } from '../../../src/config/config.js';
import { readStoredPassword, writePassword } from '../../../src/config/secrets.js';
import { resolveTarget, type ConnectionSpec } from '../../../src/config/targets.js';
import { UsageError } from '../../../src/errors.js';
import { connectClient, connectPlan } from '../../../src/dialects/postgres/connection.js';
import { postgresDriver } from '../../../src/dialects/postgres/driver.js';
import { serverOf } from '../../../src/dialects/postgres/errors.js';
import { passwordFromFile } from '../../../src/dialects/postgres/password-file.js';
import { FIXTURES, newRepo, tempDir } from '../../helpers/cli.js';
import { withEnv } from '../../helpers/env.js';
import { closeFakeServers, passwordRejectingPostgres } from '../../helpers/fake-servers.js';
import { PG_HOST, PG_PORT, PG_USER, pgTest, postgresUp } from '../../helpers/postgres.js';

const pg = pgTest(await postgresUp());

test('loading pg neither loads undici nor leaves a navigator global', () => {
  const module = new URL('../../../src/dialects/postgres/connection.js', import.meta.url).href;
  const script = `
    const before = 'navigator' in globalThis;
    const { connectPlan } = await import(${JSON.stringify(module)});
    console.log(JSON.stringify({
      loaded: typeof connectPlan,
      navigatorKept: ('navigator' in globalThis) === before,
      undici: process.moduleLoadList.some((name) => name.includes('undici')),
    }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(JSON.parse(output), { loaded: 'function', navigatorKept: true, undici: false });
});

const spec = (extra: Partial<ConnectionSpec> = {}): ConnectionSpec => ({ dialect: 'postgres', database: 'app', options: {}, ...extra });

test('the password file as libpq reads it: wildcards, escapes, comments, short lines, the first match wins', () => {
  const file = join(tempDir(), 'pgpass');
  const lookup = (lines: string[], key = { host: 'db', port: 5432, database: 'app', user: 'alice' }) => {
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    return passwordFromFile(key, { PGPASSFILE: file });
  };
  // pg's reader skipped lines under 11 characters; libpq takes them
  assert.is(lookup(['*:*:*:*:pw']), 'pw');
  assert.is(lookup(['#db:5432:app:alice:old', 'db:5432:app:alice:new']), 'new');
  assert.is(lookup(['other:*:*:*:no', 'db:5433:*:*:no', 'db:5432:*:bob:no', 'db:*:app:alice:yes', '*:*:*:*:later']), 'yes');
  assert.is(lookup(['db:5432:app:alice:p\\:w\\\\d:ignored']), 'p:w\\d');
  assert.is(lookup(['db\\:1:5432:app:alice:escaped-host'], { host: 'db:1', port: 5432, database: 'app', user: 'alice' }), 'escaped-host');
  assert.is(lookup(['/run/postgresql:5432:app:alice:socket'], { host: '/run/postgresql', port: 5432, database: 'app', user: 'alice' }), 'socket');
  // libpq looks its default socket directory up as localhost, the line psql users write
  const socket = (host: string) => ({ host, port: 5432, database: 'app', user: 'alice' });
  assert.is(lookup(['localhost:5432:app:alice:local'], socket('/var/run/postgresql')), 'local');
  assert.is(lookup(['localhost:5432:app:alice:local'], socket('/tmp')), 'local');
  assert.is(lookup(['localhost:5432:app:alice:local'], socket('/srv/pg-sockets')), undefined);
  assert.is(lookup(['d*:*:*:*:no-glob']), undefined);
  // an empty password is none, and ends the search as for libpq
  assert.is(lookup(['*:*:*:alice:', '*:*:*:*:later']), undefined);
  assert.is(passwordFromFile({ host: 'db', port: 5432, database: 'app', user: 'alice' }, { PGPASSFILE: join(tempDir(), 'none') }), undefined);
});

test('a password file others may read is ignored, as by libpq', () => {
  const file = join(tempDir(), 'pgpass');
  writeFileSync(file, '*:*:*:*:pw\n', { mode: 0o644 });
  assert.is(passwordFromFile({ host: 'db', port: 5432, database: 'app', user: 'alice' }, { PGPASSFILE: file }), undefined);
});

test('PGHOST, PGPORT and PGUSER stand in for what the URL leaves out; the URL wins; a bad PGPORT is refused', () => {
  withEnv({ PGHOST: 'envhost', PGPORT: '5433', PGUSER: 'envuser' }, () => {
    assert.equal(serverOf(spec()), { host: 'envhost', port: 5433, user: 'envuser', database: 'app' });
    assert.equal(serverOf(spec({ host: 'db', port: 6000, user: 'alice' })), { host: 'db', port: 6000, user: 'alice', database: 'app' });
  });
  withEnv({ PGHOST: undefined, PGPORT: '', PGUSER: undefined }, () => {
    const server = serverOf(spec());
    assert.equal([server.host, server.port], ['localhost', 5432]);
    assert.ok(server.user, 'the login name, as libpq, even with no $USER');
  });
  withEnv({ PGPORT: 'abc' }, () => assert.throws(() => connectPlan(spec()), (error: Error & { code?: string }) => error.code === 'BAD_PORT' && /^PGPORT "abc"/.test(error.message)));
});

test('no TLS on a Unix socket whatever sslmode says, as libpq; over TCP sslmode holds', () => {
  for (const sslmode of ['require', 'verify-full']) {
    assert.is(connectPlan(spec({ host: '/run/postgresql', options: { sslmode, sslrootcert: '/nonexistent/ca.pem' } })).ssl, false);
    withEnv({ PGHOST: '/run/postgresql' }, () => assert.is(connectPlan(spec({ options: { sslmode } })).ssl, false));
  }
  assert.equal(connectPlan(spec({ host: 'db', options: { sslmode: 'require' } })).fallback, false);
  assert.ok(connectPlan(spec({ host: 'db', options: { sslmode: 'require' } })).ssl);
  withEnv({ PGSSLMODE: 'requir' }, () => assert.throws(() => connectPlan(spec({ host: 'db' })), /^PGSSLMODE must be one of .*, not "requir"$/));
});

test("sslrootcert=system: Node's own authorities, verify-full by default, and a weaker sslmode refused as by libpq", () => {
  withEnv({ ...NO_TLS_ENV, HOME: home() }, () => {
    const plan = connectPlan(spec({ host: 'db', options: { sslrootcert: 'system' } }));
    const ssl = plan.ssl as ConnectionOptions;
    assert.equal([ssl.ca, ssl.rejectUnauthorized, ssl.checkServerIdentity, plan.fallback], [undefined, true, undefined, false]);
    assert.equal(plan.tlsNames, { mode: 'sslmode=verify-full (the default with sslrootcert=system)', ca: "sslrootcert system (Node's certificate authorities and NODE_EXTRA_CA_CERTS)", system: true });
    assert.ok(connectPlan(spec({ host: 'db', options: { sslrootcert: 'system', sslmode: 'verify-full' } })).ssl);
    for (const sslmode of ['disable', 'prefer', 'require', 'verify-ca']) {
      assert.throws(
        () => connectPlan(spec({ host: 'db', options: { sslrootcert: 'system', sslmode } })),
        (error: Error & { code?: string; exitCode?: number }) => error.code === 'BAD_SSLMODE' && error.exitCode === 2 && error.message.startsWith(`sslrootcert=system takes sslmode=verify-full, not sslmode=${sslmode}`),
      );
    }
  });
});

const TLS = join(FIXTURES, 'tls');
const pem = (name: string) => readFileSync(join(TLS, name), 'utf8');

/** A home directory holding these files of TLS (name in ~/.postgresql/ → fixture, with its mode). */
function home(files: Record<string, [string, number]> = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.postgresql'));
  for (const [name, [fixture, mode]] of Object.entries(files)) {
    copyFileSync(join(TLS, fixture), join(dir, '.postgresql', name));
    execFileSync('chmod', [mode.toString(8), join(dir, '.postgresql', name)]);
  }
  return dir;
}

const NO_TLS_ENV = { PGSSLMODE: undefined, PGSSLROOTCERT: undefined, PGSSLCERT: undefined, PGSSLKEY: undefined };
const tlsOf = (options: Record<string, string> = {}) => connectPlan(spec({ host: 'db', options })).ssl as ConnectionOptions;

test('TLS files as libpq finds them: the URL option, else PGSSLROOTCERT/PGSSLCERT/PGSSLKEY, else ~/.postgresql/ where the file exists', () => {
  withEnv({ ...NO_TLS_ENV, HOME: home() }, () => {
    const plain = tlsOf({ sslmode: 'require' });
    assert.equal([plain.ca, plain.cert, plain.key, plain.rejectUnauthorized], [undefined, undefined, undefined, false]);
  });
  const defaults = home({ 'root.crt': ['other-ca.crt', 0o644], 'postgresql.crt': ['client.crt', 0o644], 'postgresql.key': ['client.key', 0o600] });
  withEnv({ ...NO_TLS_ENV, HOME: defaults }, () => {
    // As libpq: with a root certificate, require verifies the chain as verify-ca does (not the host name).
    const required = tlsOf({ sslmode: 'require' });
    assert.equal([required.ca, required.cert, required.key, required.rejectUnauthorized], [pem('other-ca.crt'), pem('client.crt'), pem('client.key'), true]);
    assert.is(required.checkServerIdentity?.('db', {} as never), undefined);
    // prefer sends the client certificate too
    assert.is(tlsOf().cert, pem('client.crt'));
    assert.equal(connectPlan(spec({ host: 'db', options: { sslmode: 'verify-full' } })).tlsNames, { mode: 'sslmode=verify-full', ca: join(defaults, '.postgresql/root.crt'), cert: join(defaults, '.postgresql/postgresql.crt'), key: join(defaults, '.postgresql/postgresql.key') });
  });
  const serverKey = join(tempDir(), 'server.key');
  copyFileSync(join(TLS, 'server.key'), serverKey);
  execFileSync('chmod', ['600', serverKey]);
  withEnv({ HOME: defaults, PGSSLMODE: 'verify-ca', PGSSLROOTCERT: join(TLS, 'ca.crt'), PGSSLCERT: join(TLS, 'server.crt'), PGSSLKEY: serverKey }, () => {
    const fromEnv = connectPlan(spec({ host: 'db' }));
    assert.equal([(fromEnv.ssl as ConnectionOptions).ca, (fromEnv.ssl as ConnectionOptions).cert, (fromEnv.ssl as ConnectionOptions).key], [pem('ca.crt'), pem('server.crt'), pem('server.key')]);
    assert.equal(fromEnv.tlsNames, { mode: 'PGSSLMODE=verify-ca', ca: `PGSSLROOTCERT ${join(TLS, 'ca.crt')}`, cert: `PGSSLCERT ${join(TLS, 'server.crt')}`, key: `PGSSLKEY ${serverKey}` });
    // the URL wins over the variable; an empty one stands for the default file, as in libpq
    const fromUrl = tlsOf({ sslrootcert: join(TLS, 'other-ca.crt'), sslcert: join(TLS, 'client.crt'), sslkey: join(defaults, '.postgresql/postgresql.key') });
    assert.equal([fromUrl.ca, fromUrl.cert, fromUrl.key], [pem('other-ca.crt'), pem('client.crt'), pem('client.key')]);
    withEnv({ PGSSLROOTCERT: '' }, () => assert.is(tlsOf().ca, pem('other-ca.crt')));
  });
  // A key alone, without a certificate, is never looked at, as by libpq: not even its mode.
  withEnv({ ...NO_TLS_ENV, HOME: home({ 'postgresql.key': ['client.key', 0o644] }) }, () => assert.is(tlsOf({ sslmode: 'require' }).key, undefined));
});

test('a client key others may read is refused as by libpq, a certificate without its key too; messages name the variable a file came from', () => {
  const refused = (env: Record<string, string | undefined>, message: string, options: Record<string, string> = { sslmode: 'require' }) =>
    withEnv({ ...NO_TLS_ENV, HOME: home(), ...env }, () =>
      assert.throws(() => tlsOf(options), (error: Error & { code?: string; exitCode?: number }) => error.code === 'BAD_SSL_FILE' && error.exitCode === 2 && error.message === message),
    );
  const open = home({ 'postgresql.crt': ['client.crt', 0o644], 'postgresql.key': ['client.key', 0o644] });
  const key = join(open, '.postgresql/postgresql.key');
  refused({ HOME: open }, `private key ${key} has group or world access, which libpq refuses too; chmod 0600 it (0640 at most if root owns it)`);
  refused({ HOME: open }, `private key ${key} has group or world access, which libpq refuses too; chmod 0600 it (0640 at most if root owns it)`, {});
  refused({ PGSSLCERT: join(TLS, 'client.crt'), PGSSLKEY: join(TLS, 'client.key') }, `private key PGSSLKEY ${join(TLS, 'client.key')} has group or world access, which libpq refuses too; chmod 0600 it (0640 at most if root owns it)`);
  const lone = home({ 'postgresql.crt': ['client.crt', 0o644] });
  refused({ HOME: lone }, `client certificate ${join(lone, '.postgresql/postgresql.crt')} has no private key: ${join(lone, '.postgresql/postgresql.key')} does not exist; name the key with sslkey or PGSSLKEY`);
  refused({ PGSSLROOTCERT: '/nonexistent/ca.pem' }, 'cannot read PGSSLROOTCERT /nonexistent/ca.pem: ENOENT');
  refused({ PGSSLROOTCERT: '/nonexistent/ca.pem' }, 'cannot read sslrootcert /nonexistent/other.pem: ENOENT', { sslrootcert: '/nonexistent/other.pem' });
  refused({ PGSSLCERT: '/nonexistent/client.crt' }, 'cannot read PGSSLCERT /nonexistent/client.crt: ENOENT');
  refused({ PGSSLCERT: join(TLS, 'client.crt'), PGSSLKEY: '/nonexistent/client.key' }, 'cannot read PGSSLKEY /nonexistent/client.key: ENOENT');
  // With no TLS, no file is read.
  withEnv({ HOME: open, PGSSLROOTCERT: '/nonexistent/ca.pem' }, () => assert.is(connectPlan(spec({ host: 'db', options: { sslmode: 'disable' } })).ssl, false));
});

/** Target prod of a work tree, at `server`, with `password` stored for it. */
function storedTarget(server: TargetConfig, password: string): { root: string; config: { version: number; targets: { prod: TargetConfig } } } {
  const root = newRepo();
  writePassword(root, 'prod', { password, server });
  return { root, config: { version: 1, targets: { prod: server } } };
}

/** Connects as the CLI does, with these environment variables; the error it fails with. */
const failure = (root: string, config: { version: number; targets: { prod: TargetConfig } }, env: Record<string, string | undefined>) =>
  withEnv(env, () => connectClient(connectPlan(resolveTarget(config, 'prod', root, process.env)))).then(
    (client) => {
      void client.end();
      throw new Error('connected');
    },
    (error: Error) => error,
  );

test("a password rotated in the password file, as psql takes it, wins over a stale stored one: PGPASSWORD, the password file, then the secrets file", async () => {
  const received: string[] = [];
  const port = await passwordRejectingPostgres(received);
  const { root, config } = storedTarget({ dialect: 'postgres', host: '127.0.0.1', port, user: 'alice', database: 'app', options: { sslmode: 'disable' } }, 'stale-stored');
  const passfile = join(tempDir(), 'pgpass');
  writeFileSync(passfile, `127.0.0.1:${port}:app:alice:rotated-in-pgpass\n`, { mode: 0o600 });
  const none = join(root, 'no-pgpass');
  for (const env of [{ PGPASSWORD: 'from-env', PGPASSFILE: passfile }, { PGPASSWORD: undefined, PGPASSFILE: passfile }, { PGPASSWORD: '', PGPASSFILE: none }]) {
    const error = await failure(root, config, env);
    // a refusal still names every source, whichever was sent
    assert.is(error.message, `password authentication failed for alice@127.0.0.1:${port}/app; check the password (URL, PGPASSWORD, ~/.pgpass or .datatrack/secrets.yaml)`);
  }
  // a URL's password comes before them all
  const url = `postgresql://alice:from-url@127.0.0.1:${port}/app?sslmode=disable`;
  await failure(root, config, { DATATRACK_PROD_URL: url, PGPASSWORD: 'from-env', PGPASSFILE: passfile });
  assert.equal(received, ['from-env', 'rotated-in-pgpass', 'stale-stored', 'from-url']);
});

pg('a secrets file that cannot be used stops only a connection whose server asks for a password, in its own words', async () => {
  const received: string[] = [];
  const fake = await passwordRejectingPostgres(received);
  const trusting = { dialect: 'postgres', host: PG_HOST, port: PG_PORT, user: PG_USER, database: 'postgres', options: { sslmode: 'disable' } } as const;
  const asking = { ...trusting, host: '127.0.0.1', port: fake };
  const env = { PGPASSWORD: undefined, PGPASSFILE: '/nonexistent/pgpass' };
  for (const [what, breakFile] of [
    ['open to others', (file: string) => chmodSync(file, 0o640)],
    ['not YAML in another target\'s entry', (file: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}  other: {password: "unclosed\n`)],
  ] as const) {
    for (const server of [trusting, asking]) {
      const { root, config } = storedTarget(server, 'Stored-Pw-9');
      breakFile(join(root, '.datatrack/secrets.yaml'));
      const problem = (() => {
        try {
          readStoredPassword(root, 'prod');
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error('the secrets file was read');
      })();
      if (server === trusting) {
        // the server lets the user in without a password: the file is never read
        const { server: version } = await withEnv(env, () => postgresDriver.testConnection(resolveTarget(config, 'prod', root, process.env)));
        assert.type(version, 'string', what);
      } else {
        const error = await failure(root, config, env);
        assert.instance(error, UsageError, what);
        assert.is(error.message, problem, what);
      }
    }
  }
  assert.equal(received, [], 'no password was sent');
});

test.after(closeFakeServers);

test.run();
