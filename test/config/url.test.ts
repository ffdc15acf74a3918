// Every URL form the Python tool's users have (issue 3) and plain SQLite paths (issue 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConnectionUrl } from '../../src/config/url.js';

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
