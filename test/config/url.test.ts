// Every URL form the Python tool's users have (issue 3) and plain SQLite paths (issue 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeTarget, parseConnectionUrl } from '../../src/config/url.js';
import { redactUrl } from '../../src/util/redact.js';

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

test("SQLAlchemy's asyncpg URLs spell sslmode ssl: taken as sslmode", () => {
  const options = (query: string) => parseConnectionUrl(`postgresql+asyncpg://app@db/shop?${query}`, '/').target.options;
  assert.equal(options('ssl=require'), { sslmode: 'require' });
  assert.equal(options('ssl=true'), { sslmode: 'require' });
  assert.equal(options('ssl=false'), { sslmode: 'disable' });
  assert.equal(options('ssl=verify-full'), { sslmode: 'verify-full' });
  assert.throws(() => options('ssl=require&sslmode=disable'), /gives both ssl and sslmode/);
  // libpq's own URLs know no ssl option: still refused when connecting, not reinterpreted
  assert.equal(parseConnectionUrl('postgresql://app@db/shop?ssl=require', '/').target.options, { ssl: 'require' });
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

test('password parameters in any case or spelling are taken out; a pasted URL loses its stray spaces; a scheme:// never becomes a file path', () => {
  for (const key of ['PASSWORD', 'Pwd', 'pass', 'pass%77ord']) {
    const parsed = parseConnectionUrl(`postgresql://app@db/shop?${key}=s3cret&sslmode=require`, '/');
    assert.is(parsed.password, 's3cret', key);
    assert.equal(parsed.target.options, { sslmode: 'require' }, key);
  }
  assert.equal(parseConnectionUrl(' \tpostgresql://app:pw@db/shop\n', '/').target, { dialect: 'postgres', database: 'shop', host: 'db', user: 'app' });
  assert.throws(() => parseConnectionUrl('postgresql_psycopg2://app:pw@db/shop', '/'), /^unknown URL scheme "postgresql_psycopg2:"/);
  assert.equal(parseConnectionUrl('my_data:v2.db', '/repo').target, { dialect: 'sqlite', database: '/repo/my_data:v2.db' });
});

test('redactUrl takes out every password shape a URL parser accepts: raw @ and spaces, encoded or upper-case keys', () => {
  for (const [text, redacted] of [
    ['postgresql://app:p@ss w@rd@db:5432/shop', 'postgresql://app:***@db:5432/shop'],
    ['unknown revision "postgresql://app:pw@db/shop"; use a target name', 'unknown revision "postgresql://app:***@db/shop"; use a target name'],
    ['postgresql://db/shop?password=two words', 'postgresql://db/shop?password=***'],
    ['mysql://db/shop?PASSWORD=x&ssl_mode=REQUIRED', 'mysql://db/shop?PASSWORD=***&ssl_mode=REQUIRED'],
    ['mysql://db/shop?pass%77ord=x', 'mysql://db/shop?pass%77ord=***'],
    ['postgresql://db:5432/shop and user@example.org', 'postgresql://db:5432/shop and user@example.org'],
    ['unknown revision "postgresql://app:pa/ss@db/shop"', 'unknown revision "postgresql://app:***@db/shop"'],
    ['mysql://app:pa?s#s/x@db:3306/shop', 'mysql://app:***@db:3306/shop'],
    // a raw @ then / with a space, a quote or a JSON-escaped quote: none of the password's tail stays
    ['unknown revision "mysql://app:Zq%40@/:#?& ü-Tail9@db:3306/shop"', 'unknown revision "mysql://app:***@db:3306/shop"'],
    ['Expected --type=mysql://app:Zq"x/Tail9@db/shop to be one of: snapshot, diff', 'Expected --type=mysql://app:***@db/shop to be one of: snapshot, diff'],
    ['unknown revision "mysql://app:Zq\\"x/Tail9@db/shop"', 'unknown revision "mysql://app:***@db/shop"'],
    ["unknown revision \"mysql://app:Zq'x/Tail9@db/shop\"", "unknown revision \"mysql://app:***@db/shop\""],
    // a database URL that lost its // or its colon is echoed as a revision, a path or a --source
    ['unknown revision "mysql:app:Tail9%2F@db:3306/shop"', 'unknown revision "mysql:app:***@db:3306/shop"'],
    ['--source postgresql:/app:Tail9/x@db/shop is neither', '--source postgresql:/app:***@db/shop is neither'],
    ['SQLite database /repo/mysql/app:Tail9@db/shop does not exist', 'SQLite database /repo/mysql/app:***@db/shop does not exist'],
    ['unknown revision "mariadb+pymysql:app:Tail9@db/shop"', 'unknown revision "mariadb+pymysql:app:***@db/shop"'],
    // a libpq keyword/value string pasted for a URL: every key naming a secret
    ["host=db user=app password='two words' sslpassword=Quxly9 ssl_key_password=Zorb4lax dbname=shop", 'host=db user=app password=*** sslpassword=*** ssl_key_password=*** dbname=shop'],
    // what looks like one but is not: a target as datatrack prints it, a port, a stack frame
    ['saved target my: mysql://app@db:3306/shop', 'saved target my: mysql://app@db:3306/shop'],
    ['mysql:3306/shop and mysql/app:3306/x by user@example.org', 'mysql:3306/shop and mysql/app:3306/x by user@example.org'],
    ['    at databaseError (file:///x/dist/src/dialects/mysql/errors.js:33:20)', '    at databaseError (file:///x/dist/src/dialects/mysql/errors.js:33:20)'],
  ] as const) {
    assert.is(redactUrl(text), redacted, text);
  }
});

test("SQLAlchemy's Unix-socket form: a user with no host, the socket directory as ?host=", () => {
  const parsed = parseConnectionUrl('postgresql+psycopg2://app:pw@/shop?host=/var/run/postgresql', '/');
  assert.equal(parsed.target, { dialect: 'postgres', database: 'shop', host: '/var/run/postgresql', user: 'app' });
  assert.is(parsed.password, 'pw');
  assert.equal(parseConnectionUrl('postgresql://app@/shop', '/').target, { dialect: 'postgres', database: 'shop', user: 'app' });
  // libpq's: the port beside no host, and any part as a parameter, which wins (PostgreSQL only)
  assert.equal(parseConnectionUrl('postgresql://app@:5433/shop?host=/run/postgresql', '/').target, { dialect: 'postgres', database: 'shop', host: '/run/postgresql', port: 5433, user: 'app' });
  assert.equal(parseConnectionUrl('postgresql://:5433/shop', '/').target, { dialect: 'postgres', database: 'shop', port: 5433 });
  assert.equal(
    parseConnectionUrl('postgresql:///?dbname=shop&host=/tmp&port=5434&user=app&sslmode=disable', '/').target,
    { dialect: 'postgres', database: 'shop', host: '/tmp', port: 5434, user: 'app', options: { sslmode: 'disable' } },
  );
  assert.equal(parseConnectionUrl('postgresql://other@db:5432/elsewhere?port=6432&dbname=shop', '/').target, { dialect: 'postgres', database: 'shop', host: 'db', port: 6432, user: 'other' });
  assert.equal(parseConnectionUrl('mysql://root@db/shop?port=3307', '/').target.options, { port: '3307' }, 'not a MySQL URL form: left for the dialect to refuse');
  for (const [url, problem] of [
    ['postgresql://db/shop?port=0', /port 0 is not a port one can connect to/],
    ['postgresql://db/shop?port=70000', /port "70000" is not a port number from 1 to 65535/],
    ['postgresql://db/shop?port=54x', /port "54x" is not a port number/],
  ] as const) {
    assert.throws(() => parseConnectionUrl(url, '/'), problem, url);
  }
});

test('SQLite: three slashes relative, four absolute, or a plain path', () => {
  assert.equal(parseConnectionUrl('sqlite:///data/app.db', '/repo').target, { dialect: 'sqlite', database: '/repo/data/app.db' });
  assert.equal(parseConnectionUrl('sqlite:////var/app.db', '/repo').target, { dialect: 'sqlite', database: '/var/app.db' });
  assert.equal(parseConnectionUrl('data/app.db', '/repo').target, { dialect: 'sqlite', database: '/repo/data/app.db' });
  assert.equal(parseConnectionUrl('/var/app.db', '/repo').target, { dialect: 'sqlite', database: '/var/app.db' });
});

test("SQLite: SQLAlchemy's URI form names the URI's file", () => {
  for (const [url, file] of [
    ['sqlite:///file:/var/app.db?mode=ro&uri=true', '/var/app.db'],
    ['sqlite:///file:///var/app.db?uri=true', '/var/app.db'],
    ['sqlite:///file://localhost/var/app.db?uri=true', '/var/app.db'],
    ['sqlite:///file:data/app.db?mode=ro&uri=true', '/repo/data/app.db'],
    // without uri=true SQLAlchemy opens a file named so, as datatrack does
    ['sqlite:///file:app.db', '/repo/file:app.db'],
  ] as const) {
    assert.equal(parseConnectionUrl(url, '/repo').target, { dialect: 'sqlite', database: file }, url);
  }
  assert.throws(() => parseConnectionUrl('sqlite:///file:mem?mode=memory&uri=true', '/repo'), /not an in-memory database/);
  assert.throws(() => parseConnectionUrl('sqlite:///file://other/var/app.db?uri=true', '/repo'), /no other host than localhost/);
});

test('bad URLs are usage errors that say what a good one looks like', () => {
  for (const [url, problem] of [
    ['oracle://x/y', /unknown URL scheme "oracle:"/],
    ['postgresql://host/', /names no database/],
    ['sqlite://:memory:', /starts with sqlite:\/\/\//],
    ['sqlite:///:memory:', /not an in-memory database/],
    ['postgresql://u:%zz@h/db', /malformed %-escape/],
    // a raw ? or # in a password ends the host part at once: said as the password it is
    ['postgresql://postgres:Qx7Sec#retz@127.0.0.1:5432/db', /an @ after its host \(a password holding a raw \/ \? or #\?\); percent-encode them/],
    ['postgresql://postgres:2024?x@127.0.0.1:5432/db', /an @ after its host/],
    ['postgresql://u@127.0.0.1:99999/db', /port "99999" is not a port number from 1 to 65535/],
  ] as const) {
    assert.throws(() => parseConnectionUrl(url, '/'), (error: Error & { exitCode?: number }) => problem.test(error.message) && error.exitCode === 2 && /expected e\.g\./.test(error.message));
  }
});

test('a URL that lost a colon or a slash is refused, its password never repeated as a path or database name', () => {
  for (const [url, problem] of [
    ['postgresql//app:s3cret@db/shop', /the URL lacks the colon after postgresql; write postgresql:\/\/…/],
    ['mysql+pymysql//app:s3cret@db/shop', /lacks the colon after mysql\+pymysql/],
    ['postgresql:/app:s3cret@db/shop', /a postgresql URL starts with postgresql:\/\//],
    ['postgres:app:s3cret@db/shop', /a postgres URL starts with postgres:\/\//],
  ] as const) {
    assert.throws(
      () => parseConnectionUrl(url, '/'),
      (error: Error & { exitCode?: number }) => problem.test(error.message) && !error.message.includes('s3cret') && error.exitCode === 2,
      url,
    );
  }
  // a relative path under a directory that happens to share a scheme's name is still a path
  assert.equal(parseConnectionUrl('mysql/app.db', '/repo').target, { dialect: 'sqlite', database: '/repo/mysql/app.db' });
});


test('the display URL of a target (targets --json "url") parses back to the same connection', () => {
  const cases: Array<[string, string]> = [
    ['postgresql://app@db.internal:5432/shop', 'postgres://app@db.internal:5432/shop'],
    ['postgresql://dev%40corp@127.0.0.1/shop', 'postgres://dev%40corp@127.0.0.1/shop'], // Azure-style user@server
    ['postgresql://a%3Ab@db/shop', 'postgres://a%3Ab@db/shop'], // a ":" in the user is no password
    ['postgresql://app@[::1]:5432/shop', 'postgres://app@[::1]:5432/shop'],
    ['mysql://root@[fe80::1]/sakila', 'mysql://root@[fe80::1]/sakila'],
    ['postgresql+psycopg2://app:pw@/shop?host=/var/run/postgresql', 'postgres://app@/shop?host=/var/run/postgresql'],
    ['postgresql://app@db/my%20db%3Fx', 'postgres://app@db/my%20db%3Fx'],
    ['postgresql://app@db/bıgınt', 'postgres://app@db/bıgınt'], // readable where nothing is ambiguous
    // options are part of the connection: TLS, and a MySQL socket that would otherwise read as TCP to localhost
    ['postgresql://app@db/shop?sslmode=verify-full&sslrootcert=/etc/ssl/db ca%2B1.pem', 'postgres://app@db/shop?sslmode=verify-full&sslrootcert=/etc/ssl/db%20ca%2B1.pem'],
    ['postgresql://app@/shop?host=/run/postgresql&sslmode=disable', 'postgres://app@/shop?host=/run/postgresql&sslmode=disable'],
    ['mysql://root@localhost/shop?unix_socket=/run/mysqld/mysqld.sock', 'mysql://root@localhost/shop?unix_socket=/run/mysqld/mysqld.sock'],
    ['mysql://root@/shop?unix_socket=/run/mysqld/mysqld.sock', 'mysql://root@/shop?unix_socket=/run/mysqld/mysqld.sock'],
    // no host: the driver's default (PGHOST for PostgreSQL), not a localhost it may not be
    ['postgresql:///shop', 'postgres:///shop'],
    ['postgresql://app@:5433/shop?host=/run/postgresql', 'postgres://app@:5433/shop?host=/run/postgresql'],
    // a port with no host is libpq's form, not localhost: the stored password goes to what the URL parses to
    ['postgresql://app@:5433/shop', 'postgres://app@:5433/shop'],
    ['postgresql:///shop?port=5433', 'postgres://:5433/shop'],
    ['mysql://root@:3307/shop', 'mysql://root@:3307/shop'],
    ['mysql://root@/shop?host=/run/mysqld/mysqld.sock', 'mysql://root@/shop?host=/run/mysqld/mysqld.sock'],
  ];
  for (const [given, shown] of cases) {
    const { target } = parseConnectionUrl(given, '/');
    assert.is(describeTarget(target), shown, given);
    assert.equal(parseConnectionUrl(describeTarget(target), '/').target, target, given);
  }
  // an option that may hold a secret, which no password parameter takes out and no driver knows, is not shown
  for (const option of ['ssl_key_password', 'ssl-password', 'api_token', 'client_secret']) {
    assert.is(describeTarget(parseConnectionUrl(`mysql://root@db/shop?${option}=s3cret&ssl_ca=/ca.pem`, '/').target), `mysql://root@db/shop?${option}=***&ssl_ca=/ca.pem`);
  }
});

test.run();
