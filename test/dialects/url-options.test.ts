// Connection options a dialect does not act on are refused, never silently dropped: a misspelt
// TLS option would otherwise connect in plain text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConnectionSpec } from '../../src/config/targets.js';
import { connect } from '../../src/dialects/mysql/session.js';
import { connectionOptions } from '../../src/dialects/mysql/target.js';
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
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'verify_identity', charset: 'utf8mb4' })).ssl, { rejectUnauthorized: true });
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
  assert.equal(connectionOptions(spec('mysql', { ssl_mode: 'VERIFY_IDENTITY', sslmode: 'verify-full' })).ssl, { rejectUnauthorized: true });
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
  assert.equal(connectionOptions(spec('mysql', {})).ssl, { rejectUnauthorized: false });
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

test.run();
