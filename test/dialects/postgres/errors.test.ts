// What a failed catalog read says: the server's SQLSTATE and words decide which advice is right.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_TIMEOUTS } from '../../../src/config/targets.js';
import { connectionError, readError } from '../../../src/dialects/postgres/errors.js';

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

test('a cancel is told from a statement timeout by the server\'s words; a lock wait names only granted holders', () => {
  const cancelled = readError(failure('57014', 'canceling statement due to user request'), 'pg@db/app', DEFAULT_TIMEOUTS);
  assert.equal([cancelled.code, cancelled.message], ['DB_CANCELLED', 'a catalog query on pg@db/app was cancelled by another session (pg_cancel_backend?): canceling statement due to user request; nothing was written']);
  const timedOut = readError(failure('57014', 'canceling statement due to statement timeout'), 'pg@db/app', DEFAULT_TIMEOUTS);
  assert.equal(timedOut.code, 'DB_TIMEOUT');
  assert.match(timedOut.message, /ran longer than the statement timeout \(60 s\), or waited that long for a lock; raise statement_timeout/);
  const locked = readError(failure('55P03', 'canceling statement due to lock timeout'), 'pg@db/app', DEFAULT_TIMEOUTS, ['app.orders']);
  assert.match(locked.message, /waited longer than the lock timeout \(5 s\): app\.orders is locked by another session/);
});

test('a TLS refusal names the setting to fix, as the user gave it (variable or URL option)', () => {
  const say = (code: string, message: string, tls: Parameters<typeof connectionError>[3]) => {
    const error = connectionError(failure(code, message), 'pg@db:5432/app', DEFAULT_TIMEOUTS, tls);
    return [error.code, error.message];
  };
  assert.equal(say('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', { mode: 'sslmode=verify-full' }), [
    'DB_TLS',
    "the certificate of PostgreSQL at pg@db:5432/app does not verify (self-signed certificate in certificate chain) against Node's certificate authorities (there is no sslrootcert, PGSSLROOTCERT or ~/.postgresql/root.crt), as sslmode=verify-full asks; name the CA that signed it with sslrootcert or PGSSLROOTCERT",
  ]);
  assert.equal(say('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", { mode: 'PGSSLMODE=verify-full', ca: 'PGSSLROOTCERT /ca.pem' }), [
    'DB_TLS',
    "the certificate of PostgreSQL at pg@db:5432/app is not for that host name (Hostname/IP does not match certificate's altnames), as PGSSLMODE=verify-full asks; connect by a name it lists, or use sslmode=verify-ca",
  ]);
  // sslrootcert=system takes verify-full only: no weaker mode is offered
  assert.equal(say('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", { mode: 'sslmode=verify-full (the default with sslrootcert=system)', system: true }), [
    'DB_TLS',
    "the certificate of PostgreSQL at pg@db:5432/app is not for that host name (Hostname/IP does not match certificate's altnames), as sslmode=verify-full (the default with sslrootcert=system) asks; connect by a name it lists",
  ]);
  assert.equal(say('ERR_OSSL_X509_KEY_VALUES_MISMATCH', 'error:05800074:x509 certificate routines::key values mismatch', { mode: 'sslmode=prefer', cert: 'PGSSLCERT /c.crt', key: 'PGSSLKEY /c.key' }), [
    'DB_TLS',
    'client certificate PGSSLCERT /c.crt with key PGSSLKEY /c.key cannot be used: error:05800074:x509 certificate routines::key values mismatch; give a PEM certificate and the key it was made for',
  ]);
  assert.equal(say('', 'The server does not support SSL connections', { mode: 'PGSSLMODE=require' })[1], 'PostgreSQL at pg@db:5432/app does not offer TLS, which PGSSLMODE=require requires');
});

test('another kind of server on the port (MySQL\'s greeting read as a TLS answer or a message) is named as such, not as a TLS fault', () => {
  for (const said of ['There was an error establishing an SSL connection', 'Received unexpected copyData message from backend.']) {
    const error = connectionError(new Error(said), 'pg@db:3306/app', DEFAULT_TIMEOUTS, { mode: 'sslmode=prefer' });
    assert.equal([error.code, error.message], ['DB_CONNECT', `cannot connect to PostgreSQL at pg@db:3306/app: what answers there does not speak PostgreSQL's protocol (${said}); is another kind of server, such as MySQL, listening on that port?`]);
  }
});

test.run();
