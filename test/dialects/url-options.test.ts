// Connection options a dialect does not act on are refused, never silently dropped: a misspelt
// TLS option would otherwise connect in plain text.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConnectionSpec } from '../../src/config/targets.js';
import { connect } from '../../src/dialects/mysql/session.js';
import { connectionOptions } from '../../src/dialects/mysql/target.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { closeFakeServers, tlsOfferingMysql } from '../helpers/fake-servers.js';
import { connectPlan } from '../../src/dialects/postgres/connection.js';

// The fake server stays open after a failed assertion too, else the file waits out its timeout.
test.after(closeFakeServers);

const spec = (dialect: 'postgres' | 'mysql', options: Record<string, string>): ConnectionSpec => ({ dialect, database: 'app', host: 'db', options });

test('PostgreSQL: libpq options it acts on pass, others are a usage error naming the known ones', () => {
  assert.is(connectPlan(spec('postgres', { sslmode: 'disable', connect_timeout: '3', application_name: 'x', client_encoding: 'utf8' })).ssl, false);
  for (const typo of ['ssl_mode', 'sslmod', 'target_session_attrs']) {
    assert.throws(() => connectPlan(spec('postgres', { [typo]: 'require' })), (error: Error & { code?: string }) => error.code === 'BAD_OPTION' && error.message === `PostgreSQL connection option "${typo}" not supported (known: sslmode, sslrootcert, sslcert, sslkey, connect_timeout, application_name, client_encoding); fix the URL or the target's options`);
  }
});

test('MySQL: ssl_mode spellings and PyMySQL charset pass; an unknown option or TLS mode is refused', () => {
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'verify_identity', charset: 'utf8mb4' })).ssl, { rejectUnauthorized: true, verifyIdentity: true });
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'verify_ca' })).ssl, { rejectUnauthorized: true });
  assert.equal(connectionOptions(spec('mysql', { 'ssl-mode': 'REQUIRED' })).ssl, { rejectUnauthorized: false });
  assert.is(connectionOptions(spec('mysql', { sslmode: 'disabled' })).ssl, undefined);
  assert.throws(() => connectionOptions(spec('mysql', { sslmod: 'required' })), /MySQL connection option "sslmod" not supported/);
  assert.throws(() => connectionOptions(spec('mysql', { ssl_mode: 'requird' })), /ssl_mode must be one of disabled, preferred, required, verify_ca, verify_identity, not "requird"/);
  // two spellings that disagree are refused: neither may quietly win (plain text over ssl=true)
  for (const options of [{ ssl_mode: 'disabled', ssl: 'true' }, { 'ssl-mode': 'disabled', ssl_mode: 'required' }] as Record<string, string>[]) {
    assert.throws(() => connectionOptions(spec('mysql', options)), (error: Error & { code?: string; exitCode?: number }) => error.code === 'BAD_SSLMODE' && error.exitCode === 2 && / disagree; give one TLS mode$/.test(error.message));
  }
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'REQUIRED', 'ssl-mode': 'required' })).ssl, { rejectUnauthorized: false });
  // two spellings of one mode agree
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'REQUIRED', ssl: 'true' })).ssl, { rejectUnauthorized: false });
  assert.is(connectionOptions(spec('mysql', { ssl_mode: 'DISABLED', ssl: 'false' })).ssl, undefined);
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'VERIFY_IDENTITY', sslmode: 'verify-full' })).ssl, { rejectUnauthorized: true, verifyIdentity: true });
  assert.throws(() => connectionOptions(spec('mysql', { ssl_mode: 'verify_ca', ssl: 'true' })), / disagree; give one TLS mode$/);
});

test('MySQL: ssl_mode preferred (the default) asks for TLS where the server offers it; disabled never does; over a socket neither', async () => {
  /** What a client with these options asks a fresh server that offers TLS and then hangs up (mid-handshake, and on a plain login). */
  const asks = async (options: Record<string, string>) => {
    const asked: string[] = [];
    const port = await tlsOfferingMysql(asked);
    await connect({ dialect: 'mysql', database: 'app', host: '127.0.0.1', port, user: 'u', options }).then(
      () => assert.unreachable('the fake server hangs up'),
      () => {},
    );
    return asked;
  };
  // TLS that cannot be established is plain text under preferred, as MySQL documents it; required never falls back.
  assert.equal(await asks({}), ['tls', 'plain']);
  assert.equal(await asks({ ssl_mode: 'PREFERRED' }), ['tls', 'plain']);
  assert.equal(await asks({ ssl_mode: 'required' }), ['tls']);
  assert.equal(await asks({ ssl_mode: 'disabled' }), ['plain']);
  assert.is(connectionOptions(spec('mysql', { socket: '/run/mysqld/mysqld.sock' })).ssl, undefined);
  // An empty socket= names no socket: the connection goes over TCP, so preferred asks for TLS there.
  const overTcp = connectionOptions(spec('mysql', { socket: '' }));
  assert.equal([overTcp.host, overTcp.socketPath, overTcp.ssl], ['db', undefined, { rejectUnauthorized: false }]);
  const overUnixSocket = connectionOptions(spec('mysql', { socket: '', unix_socket: '/run/mysqld/mysqld.sock' }));
  assert.equal([overUnixSocket.host, overUnixSocket.socketPath, overUnixSocket.ssl], [undefined, '/run/mysqld/mysqld.sock', undefined]);
  // a host that is a path (mysql://root@/app?host=/run/mysqld/mysqld.sock) is a socket too, not a host name to look up
  const hostPath = connectionOptions({ ...spec('mysql', {}), host: '/run/mysqld/mysqld.sock' });
  assert.equal([hostPath.host, hostPath.socketPath, hostPath.ssl], [undefined, '/run/mysqld/mysqld.sock', undefined]);
  assert.equal(connectionOptions(spec('mysql', {})).ssl, { rejectUnauthorized: false });
});

test('MySQL: verify_identity checks the host name against the certificate, verify_ca only the chain; an IP address, which mysql2 cannot check, is refused', async () => {
  const fixtures = join(FIXTURES, 'tls');
  // A certificate the test CA signed for CN alice, with no other name: the chain verifies, the name localhost does not.
  const tls = { cert: readFileSync(join(fixtures, 'client.crt'), 'utf8'), key: readFileSync(join(fixtures, 'client.key'), 'utf8'), handshakes: [] as string[] };
  const port = await tlsOfferingMysql([], tls);
  const options = (mode: string) => ({ ssl_mode: mode, ssl_ca: join(fixtures, 'ca.crt') });
  // The fake server hangs up after the handshake: every connection fails, the question is how.
  const failure = (mode: string) => connect({ dialect: 'mysql', database: 'app', host: 'localhost', port, user: 'u', options: options(mode) }).then(
    () => 'connected',
    (error: Error) => error.message,
  );
  assert.match(await failure('verify_identity'), /^the certificate of MySQL server localhost:\d+ is not for that host name \(.*\), as ssl_mode=verify_identity asks; connect by a name it lists, or use ssl_mode=verify_ca$/);
  assert.equal(tls.handshakes, []);
  assert.not.match(await failure('verify_ca'), /certificate|^connected$/);
  assert.equal(tls.handshakes, ['secure']);
  const otherCa = join(fixtures, 'other-ca.crt');
  const untrusted = await connect({ dialect: 'mysql', database: 'app', host: 'localhost', port, user: 'u', options: { ssl_mode: 'verify_ca', ssl_ca: otherCa } }).then(() => 'connected', (error: Error) => error.message);
  assert.ok(untrusted.startsWith('TLS with MySQL server localhost:') && untrusted.endsWith(`; ssl_mode=verify_ca needs a certificate that verifies against ssl_ca ${otherCa}: name the CA that signed it with ssl_ca`), untrusted);
  for (const host of ['127.0.0.1', '::1']) {
    assert.throws(
      () => connectionOptions({ ...spec('mysql', options('verify_identity')), host }),
      (error: Error & { code?: string; exitCode?: number }) => error.code === 'BAD_SSLMODE' && error.exitCode === 2 && error.message.startsWith(`ssl_mode=verify_identity cannot check a certificate against an IP address (${host})`),
    );
  }
  assert.ok(connectionOptions({ ...spec('mysql', options('verify_identity')), host: '', options: { ...options('verify_identity'), socket: '/run/mysqld/mysqld.sock' } }).ssl);
});

test("MySQL: a server's own database (information_schema, mysql, performance_schema, sys) is refused before connecting", () => {
  for (const database of ['information_schema', 'mysql', 'PERFORMANCE_SCHEMA', 'sys']) {
    assert.throws(
      () => connectionOptions({ ...spec('mysql', {}), database }),
      (error: Error & { code?: string; exitCode?: number }) => error.code === 'SYSTEM_DATABASE' && error.exitCode === 2 && error.message.startsWith(`${database} is a system database of the server`),
    );
  }
  assert.is(connectionOptions({ ...spec('mysql', {}), database: 'mysql_app' }).database, 'mysql_app');
});

test('a certificate file that cannot be read is a usage error naming the option, on both servers', () => {
  const isBadFile = (key: string) => (error: Error & { code?: string; exitCode?: number }) =>
    error.code === 'BAD_SSL_FILE' && error.exitCode === 2 && error.message === `cannot read ${key} /nonexistent/ca.pem: ENOENT`;
  assert.throws(() => connectionOptions(spec('mysql', { ssl_mode: 'verify_ca', ssl_ca: '/nonexistent/ca.pem' })), isBadFile('ssl_ca'));
  assert.throws(() => connectPlan(spec('postgres', { sslmode: 'verify-ca', sslrootcert: '/nonexistent/ca.pem' })), isBadFile('sslrootcert'));
});

test('a certificate file that holds no PEM certificate is named, not left to fail as a server certificate that does not verify', () => {
  const dir = tempDir();
  const files = {
    empty: ['', 'no "-----BEGIN CERTIFICATE-----" block'],
    key: ['-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIP\n-----END PRIVATE KEY-----\n', 'no "-----BEGIN CERTIFICATE-----" block'],
    garbled: ['-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n', 'a certificate block that does not parse'],
  };
  for (const [name, [text, problem]] of Object.entries(files)) {
    const path = join(dir, `${name}.pem`);
    writeFileSync(path, text);
    const isBad = (key: string) => (error: Error & { code?: string; exitCode?: number }) =>
      error.code === 'BAD_SSL_FILE' && error.exitCode === 2 && error.message.startsWith(`${key} ${path} holds ${problem}`) && error.message.endsWith('; name a PEM certificate file');
    assert.throws(() => connectionOptions(spec('mysql', { ssl_mode: 'verify_ca', ssl_ca: path })), isBad('ssl_ca'), name);
    assert.throws(() => connectPlan(spec('postgres', { sslmode: 'verify-ca', sslrootcert: path })), isBad('sslrootcert'), name);
  }
});

test('a certificate file as OpenSSL writes one passes: a bundle, CRLF line ends, text before it, TRUSTED and X509 CERTIFICATE blocks', async () => {
  const dir = tempDir();
  const ca = readFileSync(join(FIXTURES, 'tls/ca.crt'), 'utf8');
  const files = {
    bundle: readFileSync(join(FIXTURES, 'tls/other-ca.crt'), 'utf8') + ca,
    crlf: ca.replace(/\n/g, '\r\n'),
    text: `subject=CN = datatrack test CA\nissuer=CN = datatrack test CA\n${ca}`,
    // `openssl x509 -trustout` writes TRUSTED CERTIFICATE; old tools X509 CERTIFICATE: OpenSSL, and so Node and libpq, read both
    trusted: ca.replace(/ CERTIFICATE-----/g, ' TRUSTED CERTIFICATE-----'),
    old: ca.replace(/ CERTIFICATE-----/g, ' X509 CERTIFICATE-----'),
  };
  const tls = { cert: readFileSync(join(FIXTURES, 'tls/server.crt'), 'utf8'), key: readFileSync(join(FIXTURES, 'tls/server.key'), 'utf8'), handshakes: [] as string[] };
  const port = await tlsOfferingMysql([], tls);
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, `${name}.pem`);
    writeFileSync(path, text);
    assert.ok(connectPlan(spec('postgres', { sslmode: 'verify-ca', sslrootcert: path })), name);
    // the server's certificate verifies against it (the fake server hangs up after the handshake)
    tls.handshakes.length = 0;
    const error = await connect({ dialect: 'mysql', database: 'app', host: 'localhost', port, user: 'u', options: { ssl_mode: 'verify_ca', ssl_ca: path } }).then(() => undefined, (e: Error) => e.message);
    assert.equal(tls.handshakes, ['secure'], `${name}: ${error}`);
  }
});

test.run();
