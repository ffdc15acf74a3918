// Loading the PostgreSQL connection module: pg's check for a Cloudflare Worker must not pull in
// Node's fetch implementation (undici) on every run, and must leave no global behind. Where a
// connection goes and with which password, as libpq decides it: PGHOST, PGPORT and PGUSER for what
// the URL leaves out, the password file read as libpq reads it, no TLS on a Unix socket.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConnectionSpec } from '../../../src/config/targets.js';
import { connectPlan } from '../../../src/dialects/postgres/connection.js';
import { serverOf } from '../../../src/dialects/postgres/errors.js';
import { passwordFromFile } from '../../../src/dialects/postgres/password-file.js';
import { tempDir } from '../../helpers/cli.js';
import { withEnv } from '../../helpers/env.js';

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

test.run();
