// Every URL form the Python tool's users have (issue 3) and plain SQLite paths (issue 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConnectionUrl, redactUrl } from '../../src/config/url.js';

test('PostgreSQL schemes of SQLAlchemy and libpq all name the postgres dialect, options kept', () => {
  for (const scheme of ['postgresql', 'postgres', 'postgresql+psycopg2', 'postgresql+asyncpg']) {
    const parsed = parseConnectionUrl(`${scheme}://app:pw@db.internal:5433/shop?sslmode=verify-full&connect_timeout=3`, '/');
    assert.equal(parsed.target, {
      dialect: 'postgres', database: 'shop', host: 'db.internal', port: 5433, user: 'app',
      options: { sslmode: 'verify-full', connect_timeout: '3' },
    }, scheme);
    assert.is(parsed.password, 'pw');
  }
});

test('MySQL and MariaDB schemes all name the mysql dialect', () => {
  for (const scheme of ['mysql', 'mysql+pymysql', 'mysql+mysqldb', 'mariadb']) {
    const parsed = parseConnectionUrl(`${scheme}://root@127.0.0.1:3306/test`, '/');
    assert.equal(parsed.target, { dialect: 'mysql', database: 'test', host: '127.0.0.1', port: 3306, user: 'root' }, scheme);
    assert.is(parsed.password, undefined);
  }
});

test('a password given as a query parameter is taken out of the options, which go to tracked config', () => {
  for (const key of ['password', 'passwd', 'pwd']) {
    const parsed = parseConnectionUrl(`mysql+pymysql://root@db/shop?${key}=s3cret&charset=utf8mb4`, '/');
    assert.is(parsed.password, 's3cret', key);
    assert.equal(parsed.target.options, { charset: 'utf8mb4' }, key);
  }
  const both = parseConnectionUrl('postgresql://app:inline@db/shop?password=query', '/');
  assert.is(both.password, 'inline');
  assert.is(both.target.options, undefined);
  assert.throws(() => parseConnectionUrl('postgresql://app@db/shop?sslpassword=x', '/'), (error: Error & { exitCode?: number }) => /sslpassword is not supported/.test(error.message) && error.exitCode === 2);
  assert.is(redactUrl('postgresql://db/shop?sslmode=require&passwd=a1&sslpassword=b2'), 'postgresql://db/shop?sslmode=require&passwd=***&sslpassword=***');
});

test("SQLAlchemy's Unix-socket form: a user with no host, the socket directory as ?host=", () => {
  const parsed = parseConnectionUrl('postgresql+psycopg2://app:pw@/shop?host=/var/run/postgresql', '/');
  assert.equal(parsed.target, { dialect: 'postgres', database: 'shop', host: '/var/run/postgresql', user: 'app' });
  assert.is(parsed.password, 'pw');
  assert.equal(parseConnectionUrl('postgresql://app@/shop', '/').target, { dialect: 'postgres', database: 'shop', user: 'app' });
});

test('SQLite: three slashes relative, four absolute, or a plain path', () => {
  assert.equal(parseConnectionUrl('sqlite:///data/app.db', '/repo').target, { dialect: 'sqlite', database: '/repo/data/app.db' });
  assert.equal(parseConnectionUrl('sqlite:////var/app.db', '/repo').target, { dialect: 'sqlite', database: '/var/app.db' });
  assert.equal(parseConnectionUrl('data/app.db', '/repo').target, { dialect: 'sqlite', database: '/repo/data/app.db' });
  assert.equal(parseConnectionUrl('/var/app.db', '/repo').target, { dialect: 'sqlite', database: '/var/app.db' });
});

test('bad URLs are usage errors that say what a good one looks like', () => {
  for (const [url, problem] of [
    ['oracle://x/y', /unknown URL scheme "oracle:"/],
    ['postgresql://host/', /names no database/],
    ['sqlite://:memory:', /starts with sqlite:\/\/\//],
    ['sqlite:///:memory:', /not an in-memory database/],
    ['postgresql://u:%zz@h/db', /malformed %-escape/],
  ] as const) {
    assert.throws(() => parseConnectionUrl(url, '/'), (error: Error & { exitCode?: number }) => problem.test(error.message) && error.exitCode === 2 && /expected e\.g\./.test(error.message));
  }
});

test.run();
