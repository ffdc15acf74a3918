import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig, type TargetConfig } from '../../src/config/config.js';
import { bindEarlierPassword } from '../../src/config/password-binding.js';
import { readSecrets, readStoredPassword, writePassword } from '../../src/config/secrets.js';
import { describeTarget, parseConnectionUrl, urlWithoutPassword } from '../../src/config/url.js';
import { redactUrl } from '../../src/util/redact.js';
import { resolveTarget, validateTargetName, type ConnectionSpec } from '../../src/config/targets.js';
import { loadDriver } from '../../src/dialects/driver.js';
import { openWorkspace, targetConnection } from '../../src/api/workspace.js';
import { connectionOptions } from '../../src/dialects/mysql/target.js';
import { withEnv } from '../helpers/env.js';
import { BIN, git, newRepo, repoWithSqlite, run, runAsync, runWithFileSizeLimit, sqliteDatabase, tempDir } from '../helpers/cli.js';

/** The server a password is stored for where a test is not about which. */
const SERVER: TargetConfig = { dialect: 'postgres', host: 'db.internal', port: 5432, user: 'app', database: 'shop' };
const storePassword = (root: string, target: string, password: string, server = SERVER) => writePassword(root, target, { password, server });
const readPassword = (root: string, target: string) => readStoredPassword(root, target)?.password;
/** What a resolved target offers a server that asks for a password, the stored one last; and why a stored one is kept back. */
const offered = (spec: ConnectionSpec) => spec.password ?? spec.storedPassword?.().password;
const withheld = (spec: ConnectionSpec) => spec.storedPassword?.().withheld;

test('the secrets file is created 0600 in a 0700 .datatrack/ even under umask 000, and a readable one is refused', () => {
  const root = tempDir();
  const old = process.umask(0o000);
  try {
    storePassword(root, 'prod', 's3cret');
  } finally {
    process.umask(old);
  }
  const path = join(root, '.datatrack/secrets.yaml');
  assert.is(statSync(path).mode & 0o777, 0o600);
  assert.is(statSync(join(root, '.datatrack')).mode & 0o777, 0o700);
  assert.is(readPassword(root, 'prod'), 's3cret');
  chmodSync(path, 0o644);
  assert.throws(() => readPassword(root, 'prod'), /can be read by other users \(mode 644\); run `chmod 600/);
});

test('datatrack init under umask 000 creates .datatrack/ 0700', () => {
  const dir = newRepo();
  const result = spawnSync('sh', ['-c', 'umask 000 && exec "$0" "$1" init', process.execPath, BIN], { cwd: dir, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.is(statSync(join(dir, '.datatrack')).mode & 0o777, 0o700);
});

test('a secrets file another user owns is refused, whatever its mode', () => {
  if (process.getuid?.() !== 0) {
    console.log('SKIP secrets owner: giving a file away takes root');
    return;
  }
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  storePassword(dir, 'default', 's3cret');
  const path = join(dir, '.datatrack/secrets.yaml');
  chownSync(path, 65534, 65534);
  assert.throws(() => readPassword(dir, 'default'), /secrets\.yaml belongs to another user \(uid 65534; you are uid 0\); datatrack reads only a secrets file you own/);
  // a SQLite target takes no password, so it never reads the file
  const sqlite = run(['snapshot'], dir);
  assert.is(sqlite.code, 0, sqlite.stderr);
  // a MySQL target reads it before it connects (mysql2 sends the password first): refused in one line
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^targets:\n/m, '$&  my: {dialect: mysql, host: 127.0.0.1, port: 1, user: app, database: shop}\n'));
  const result = run(['test-connection', '-t', 'my'], dir);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /^datatrack: \.datatrack\/secrets\.yaml belongs to another user \(uid 65534/);
  assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  chownSync(path, 0, 0);
  assert.is(readPassword(dir, 'default'), 's3cret');
});

test('passwords with @:/%#?& and spaces survive URL parsing; printed URLs are redacted', () => {
  const password = 'p@ss:w/rd%#?& x';
  const url = `postgresql+psycopg2://app:${encodeURIComponent(password)}@db.internal:5433/app%20db?sslmode=require`;
  const parsed = parseConnectionUrl(url, '/');
  assert.is(parsed.password, password);
  assert.equal(parsed.target, { dialect: 'postgres', database: 'app db', host: 'db.internal', port: 5433, user: 'app', options: { sslmode: 'require' } });
  assert.not.match(redactUrl(url), /p%40ss/);
  assert.match(redactUrl(url), /app:\*\*\*@db\.internal/);
  assert.equal(parseConnectionUrl('sqlite:////abs/path.db', '/x').target, { dialect: 'sqlite', database: '/abs/path.db' });
  assert.equal(parseConnectionUrl('sqlite:///rel/path.db', '/x').target, { dialect: 'sqlite', database: '/x/rel/path.db' });
  assert.equal(parseConnectionUrl('mariadb://root@127.0.0.1/shop', '/').target, { dialect: 'mysql', database: 'shop', host: '127.0.0.1', user: 'root' });
});

test('target names follow git check-ref-format', () => {
  for (const bad of ['../x', 'a..b', 'x.lock', 'a/.b', '', 'a b', 'a\u0001', 'a~1', 'a^', 'a:b', '@', 'a@{1}', 'x/', '/x', 'a//b', 'a.', 'refs/datatrack/x']) {
    assert.throws(() => validateTargetName(bad), /invalid target name/, JSON.stringify(bad));
  }
  for (const good of ['default', 'prod', 'eu/prod-1', 'staging_2', 'refsx', 'my/refs/x']) assert.is(validateTargetName(good), good);
});

test('a target name nested in another (a and a/b) is refused: git cannot hold both refs', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  assert.is(run(['connect', 'app.db', '--name', 'eu/prod'], dir).code, 0);
  for (const name of ['eu', 'eu/prod/x']) {
    const refused = run(['connect', 'app.db', '--name', name], dir);
    assert.is(refused.code, 2, name);
    assert.match(refused.stderr, /^datatrack: target name "[^"]+" clashes with "eu\/prod"/, name);
  }
  assert.is(run(['connect', 'app.db', '--name', 'eu/prod', '--force'], dir).code, 0);
});

test('a target name that shares another one\'s DATATRACK_<TARGET>_URL variable is refused', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  assert.is(run(['connect', 'app.db', '--name', 'prod-db'], dir).code, 0);
  for (const name of ['prod_db', 'PROD-DB', 'prod.db']) {
    const refused = run(['connect', 'app.db', '--name', name], dir);
    assert.is(refused.code, 2, name);
    assert.match(refused.stderr, /^datatrack: target name "[^"]+" clashes with "prod-db": both would take their URL from DATATRACK_PROD_DB_URL; choose another name\n$/, name);
  }
});

test('git decides what is ignored: a negated entry gets the ignore line again; a tracked secrets file is refused', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  writeFileSync(join(dir, '.gitignore'), '/.datatrack/secrets.yaml\n!/.datatrack/secrets.yaml\n');
  assert.is(run(['init'], dir).code, 0);
  assert.is(spawnSync('git', ['check-ignore', '-q', '.datatrack/secrets.yaml'], { cwd: dir }).status, 0);
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets: {}\n', { mode: 0o600 });
  git(dir, 'add', '-f', '.datatrack/secrets.yaml');
  assert.throws(() => storePassword(dir, 'two', 'pw'), /^\.datatrack\/secrets\.yaml is tracked by git, so a password written there would be committed; run `git rm --cached \.datatrack\/secrets\.yaml`/);
  assert.not.match(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8'), /pw/);
});

test('the temporary name a secrets write goes through is git-ignored too, in a repository whose .gitignore predates it', () => {
  const ignored = (dir: string, path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: dir }).status === 0;
  const fresh = newRepo();
  const init = run(['init', '--json'], fresh);
  assert.equal(JSON.parse(init.stdout).created.filter((line: string) => line.startsWith('.gitignore')), ['.gitignore entry /.datatrack/secrets.yaml', '.gitignore entry /.datatrack/secrets.yaml.*.tmp']);
  assert.ok(ignored(fresh, '.datatrack/secrets.yaml.4242.tmp'));
  const older = newRepo();
  writeFileSync(join(older, '.gitignore'), 'node_modules\n/.datatrack/secrets.yaml\n');
  storePassword(older, 'default', 'pw');
  assert.is(readFileSync(join(older, '.gitignore'), 'utf8'), 'node_modules\n/.datatrack/secrets.yaml\n/.datatrack/secrets.yaml.*.tmp\n');
  assert.ok(ignored(older, '.datatrack/secrets.yaml.4242.tmp'));
  assert.not.ok(ignored(older, '.datatrack/config.yaml'));
});

test('a rule nearer the file that still un-ignores it after the ignore line is added: no password is written', () => {
  const dir = newRepo();
  run(['init'], dir);
  writeFileSync(join(dir, '.datatrack/.gitignore'), '!secrets.yaml\n');
  assert.throws(() => storePassword(dir, 'two', 'pw'), /^git still does not ignore \.datatrack\/secrets\.yaml after a line for it was added to \.gitignore: another ignore rule un-ignores it/);
  assert.not.ok(existsSync(join(dir, '.datatrack/secrets.yaml')));
});

test('a hand-edited secrets file that is not valid YAML is reported by position, never with its text', () => {
  const dir = newRepo();
  run(['init'], dir);
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets:\n  default:\n    password: !Pa55-w0rd\n', { mode: 0o600 });
  assert.throws(() => readPassword(dir, 'default'), (error: Error) => /^\.datatrack\/secrets\.yaml:3:\d+: not valid YAML/.test(error.message) && !/Pa55/.test(error.message));
});

test('a hand-edited password of digits is read as typed, not as the number YAML makes of it', () => {
  const dir = newRepo();
  run(['init'], dir);
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets:\n  a:\n    password: 0123\n  b: {password: 1e3}\n  c: {password: 0x1F}\n  d: {password: 42}\n', { mode: 0o600 });
  assert.equal(['a', 'b', 'c', 'd'].map((target) => readPassword(dir, target)), ['0123', '1e3', '0x1F', '42']);
});

test('a hand-edited secrets file of the wrong shape is refused by place: a misspelt key or a list is no password', () => {
  const dir = newRepo();
  run(['init'], dir);
  for (const [text, problem] of [
    ['targets:\n  default:\n    pasword: hunter2\n', /^\.datatrack\/secrets\.yaml:3:5: unknown key in target default \(known: password, server; write password: "…", with a space after the colon\)$/],
    // without a space after the colon, key and password are one key
    ['targets:\n  default: {password:hunter2}\n', /^\.datatrack\/secrets\.yaml:2:13: unknown key in target default/],
    // a password that starts with &, * or ! is an anchor, an alias or a tag to YAML: never taken, never quoted
    ['targets:\n  default:\n    password: &hunter2 Pw\n', /^\.datatrack\/secrets\.yaml:3:\d+: the password of target default starts with &, \* or !/],
    ['targets:\n  default:\n    password: *hunter2\n', /^\.datatrack\/secrets\.yaml:3:\d+: not valid YAML/],
    ['targets:\n  default:\n    password: !hunter2 x\n', /^\.datatrack\/secrets\.yaml:3:\d+: not valid YAML/],
    ['targets:\n  default:\n    password: !!str hunter2\n', /^\.datatrack\/secrets\.yaml:3:\d+: the password of target default starts with &, \* or !/],
    ['targets:\n  default:\n    password: [hunter2]\n', /^\.datatrack\/secrets\.yaml:3:15: the password of target default must be a string: put it in double quotes$/],
    ['targets:\n  default: hunter2\n', /^\.datatrack\/secrets\.yaml:2:12: target default must be a mapping with a password: key$/],
    ['target:\n  default: {password: hunter2}\n', /^\.datatrack\/secrets\.yaml:1:1: unknown key \(known: targets\)$/],
  ] as const) {
    writeFileSync(join(dir, '.datatrack/secrets.yaml'), text, { mode: 0o600 });
    assert.throws(() => readPassword(dir, 'default'), (error: Error) => problem.test(error.message) && !/hunter2/.test(error.message), text);
  }
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets:\n  default:\n    password: 1234\n', { mode: 0o600 });
  assert.is(readPassword(dir, 'default'), '1234');
});

test('a secrets file linked from elsewhere is written where it is, not replaced by a copy', () => {
  const dir = newRepo();
  run(['init'], dir);
  storePassword(dir, 'a', 'first-pw');
  const elsewhere = join(tempDir(), 'vault-secrets.yaml');
  renameSync(join(dir, '.datatrack/secrets.yaml'), elsewhere);
  symlinkSync(elsewhere, join(dir, '.datatrack/secrets.yaml'));
  storePassword(dir, 'b', 'second-pw');
  assert.ok(lstatSync(join(dir, '.datatrack/secrets.yaml')).isSymbolicLink());
  assert.match(readFileSync(elsewhere, 'utf8'), /second-pw/);
  assert.is(statSync(elsewhere).mode & 0o777, 0o600);
  assert.equal([readPassword(dir, 'a'), readPassword(dir, 'b')], ['first-pw', 'second-pw']);
});

test('a URL given where a command, revision or target was expected is repeated without its password', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  run(['snapshot'], dir);
  const url = 'postgresql://app:Pa55-w0rd@db.example:5432/shop';
  for (const args of [['snapshot', url], ['diff', url], ['history', url], ['snapshot', '-t', url], ['connect', '--name', 'x', url, url], ['diff', url, '--debug'], ['diff', url, '--json'], ['connect', ` ${url.replace('postgresql', 'postgresql_psycopg2')}`]]) {
    const result = run(args, dir);
    assert.is.not(result.code, 0, args.join(' '));
    assert.not.match(result.stdout + result.stderr, /Pa55-w0rd/, args.join(' '));
    if (!args.at(-1)!.startsWith(' ')) assert.match(result.stdout + result.stderr, /\*\*\*@db\.example/, args.join(' '));
  }
});

test('a URL typed with its password in a shape no pattern can bound (a line break, a lost // or colon) is repeated without it', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  run(['snapshot'], dir);
  const cases: string[][] = [
    // a line break: a message keeps its first line, where the password has no @ after it
    ['export', '--type', 'mysql://app:Zorb4lax\nQuxly9@db/shop'],
    ['targets', 'mysql://app:Zorb4lax\nQuxly9@db/shop'],
    ['diff=mysql://app:Zorb4lax\nQuxly9@db/shop'],
    // a raw @ and / with a space, or a quote and a /
    ['diff', 'mysql://app:Zorb4lax%40@/:#?& ü-Quxly9@db:3306/shop'],
    ['snapshot', '-t', 'mysql://app:Zorb4lax"/Quxly9@db/shop'],
    // no // or no colon after the scheme: a revision, a --source that names nothing, a SQLite path
    ['diff', 'mysql:app:Zorb4lax-Quxly9@db:3306/shop'],
    ['pipeline', 'run', '--source', 'postgresql:/app:Zorb4lax-Quxly9@db/shop'],
    ['connect', 'mysql/app:Zorb4lax-Quxly9@db/shop'],
  ];
  for (const args of cases) {
    for (const extra of [['--debug'], ['--json']]) {
      const result = run([...args, ...extra], dir);
      assert.is.not(result.code, 0, args.join(' '));
      assert.not.match(result.stdout + result.stderr, /Zorb4lax|Quxly9/, [...args, ...extra].join(' '));
    }
  }
});

test('connect runs at once each keep their target; the rest of the config survives', async () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}hooks:\n  timeout: 30\n`);
  const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
  const results = await Promise.all(names.map((name) => runAsync(['connect', 'sqlite:///app.db', '--name', name], dir)));
  assert.equal(results.map((r) => r.code), names.map(() => 0), results.map((r) => r.stderr).join(''));
  const listed = JSON.parse(run(['targets', '--json'], dir).stdout) as { name: string; default: boolean }[];
  assert.equal(listed.map((t) => t.name).sort(), ['default', ...names]);
  assert.equal(listed.filter((t) => t.default).map((t) => t.name), ['default']);
  const text = readFileSync(config, 'utf8');
  assert.match(text, /^version: 1$/m);
  assert.match(text, /^hooks:\n {2}timeout: 30$/m);
  assert.not.ok(existsSync(join(dir, '.datatrack/config.lock')));
});

test("a config lock a killed datatrack left is taken over; one a live process holds, or of unknown owner, is waited for", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const lock = join(dir, '.datatrack/config.lock');
  // its owner was killed with -9 (a pid no process has)
  writeFileSync(lock, `datatrack-lock 4194303 ${hostname()}\n`);
  const started = Date.now();
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'after'], dir).code, 0);
  assert.ok(Date.now() - started < 5000, 'no wait for a dead owner');
  assert.not.ok(existsSync(lock));
  assert.equal(readdirSync(join(dir, '.datatrack')).filter((name) => name.startsWith('.config.lock')), []);
});

test('a config write that fails part way (a full disk) leaves the config as it was and no temporary file beside it', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const config = join(dir, '.datatrack/config.yaml');
  const before = readFileSync(config, 'utf8');
  assert.ok(before.length > 512, 'the config must outgrow the limit for the write to fail');
  const failed = runWithFileSizeLimit(['connect', 'sqlite:///app.db', '--name', 'other'], dir, 1);
  assert.is(failed.code, 4, failed.stderr);
  assert.is(readFileSync(config, 'utf8'), before);
  // a leftover would show in `git status`, one `git add -A` away from a commit
  assert.equal(readdirSync(join(dir, '.datatrack')).filter((name) => name.endsWith('.tmp')), []);
  assert.not.ok(existsSync(join(dir, '.datatrack/config.lock')));
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'other'], dir).code, 0);
});

test('${MISSING} in config is an error; env URLs override', () => {
  const config = { version: 1, targets: { prod: { dialect: 'postgres' as const, database: '${APP_DB}', host: 'h' } } };
  assert.throws(() => resolveTarget(config, 'prod', '/', {}), /uses \$\{APP_DB\}, which is not set/);
  // CI gives a secret it lacks as an empty string: the server's default database would be read instead
  for (const blank of ['', ' ']) assert.throws(() => resolveTarget(config, 'prod', '/', { APP_DB: blank }), /uses \$\{APP_DB\}, which is empty in the environment/);
  assert.is(resolveTarget(config, 'prod', '/', { APP_DB: 'app' }).database, 'app');
  // a blank URL variable is unset, as everywhere else
  assert.is(resolveTarget(config, 'prod', '/', { APP_DB: 'app', DATATRACK_PROD_URL: ' ' }).database, 'app');
  // a variable that holds no URL is refused without being repeated: as a SQLite path it would be, password and all
  for (const notUrl of ['"postgresql://app:Zorb4lax@db/shop"', 'Server=db;Database=shop;Password=Zorb4lax;', '1app:Zorb4lax@db/shop', '/srv/app.db']) {
    const error = (() => {
      try {
        resolveTarget(config, 'prod', '/', { DATATRACK_PROD_URL: notUrl });
      } catch (caught) {
        return (caught as Error).message;
      }
    })();
    assert.is(error, 'DATATRACK_PROD_URL holds no connection URL (none of postgresql://, mysql://, sqlite:///… starts it); set it to one, without quotes', notUrl);
  }
  assert.is(redactUrl('SQLite database Server=db;Database=shop;Password=Zorb4lax; does not exist'), 'SQLite database Server=db;Database=shop;Password=***; does not exist');
  const fromEnv = resolveTarget(config, 'prod', '/', { DATATRACK_PROD_URL: 'postgresql://u:pw@other/db2' });
  assert.equal([fromEnv.host, fromEnv.database, fromEnv.password], ['other', 'db2', 'pw']);
  // the URL is the whole connection: no configured port or option bends it; scope and timeouts stay
  const configured = { version: 1, targets: { prod: { dialect: 'postgres' as const, database: 'app', host: 'h', port: 5999, options: { sslmode: 'require' }, schemas: ['app'], lock_timeout: 2 } } };
  const whole = resolveTarget(configured, 'prod', '/', { DATATRACK_PROD_URL: 'postgresql://u@other/db2?connect_timeout=3' });
  assert.equal([whole.host, whole.port, whole.database, whole.options, whole.schemas, whole.timeouts?.lockMs], ['other', undefined, 'db2', { connect_timeout: '3' }, ['app'], 2000]);
  // ... but not with another engine: the target's history would mix two
  assert.throws(
    () => resolveTarget(configured, 'prod', '/', { DATATRACK_PROD_URL: 'mysql://u@other/db2' }),
    /^DATATRACK_PROD_URL is a MySQL connection, but target prod is PostgreSQL in \.datatrack\/config\.yaml; give a PostgreSQL URL, or use a MySQL target \(-t NAME\)$/,
  );
});

test("a stored password goes only to the configured server: not to another one a DATATRACK_<TARGET>_URL names", () => {
  const dir = newRepo();
  run(['init'], dir);
  storePassword(dir, 'prod', 'Pa55-prod');
  const config = { version: 1, targets: { prod: { dialect: 'postgres' as const, host: 'db.internal', port: 5432, user: 'app', database: 'shop' } } };
  assert.is(offered(resolveTarget(config, 'prod', dir, {})), 'Pa55-prod');
  assert.is(offered(resolveTarget(config, 'prod', dir, { DATATRACK_PROD_URL: 'postgresql://app@db.internal:5432/shop?sslmode=require' })), 'Pa55-prod');
  const elsewhere = resolveTarget(config, 'prod', dir, { DATATRACK_PROD_URL: 'postgresql://app@elsewhere:5432/shop' });
  assert.is(offered(elsewhere), undefined);
  // said only if the server asks for one (the dialects' no-password errors)
  assert.is(withheld(elsewhere), 'the password stored for target prod goes only to postgres://app@db.internal:5432/shop, which DATATRACK_PROD_URL names otherwise (host, port, socket, user, database and TLS options must be written alike)');
  assert.is(withheld(resolveTarget(config, 'prod', dir, {})), undefined);
  assert.is(offered(resolveTarget(config, 'prod', dir, { DATATRACK_PROD_URL: 'postgresql://app@elsewhere:5432/shop', PGPASSWORD: 'from-env' })), 'from-env');
  // nor over weaker TLS than it was stored for, nor trusting another authority; stronger TLS takes it
  const verified = { version: 1, targets: { prod: { ...config.targets.prod, options: { sslmode: 'verify-full', sslrootcert: '/etc/ca.pem' } } } };
  for (const [query, password] of [['', undefined], ['?sslmode=require', undefined], ['?sslmode=verify-full&sslrootcert=/tmp/other.pem', undefined], ['?sslmode=verify-full&sslrootcert=/etc/ca.pem', 'Pa55-prod']] as const) {
    assert.is(offered(resolveTarget(verified, 'prod', dir, { DATATRACK_PROD_URL: `postgresql://app@db.internal:5432/shop${query}` })), password, query);
  }
  // a MySQL socket is where the connection goes, as a host is: one an env URL names may be anyone's
  const mysql = { version: 1, targets: { my: { dialect: 'mysql' as const, host: '127.0.0.1', port: 3306, user: 'app', database: 'shop' } } };
  storePassword(dir, 'my', 'Pa55-my', mysql.targets.my);
  assert.is(offered(resolveTarget(mysql, 'my', dir, { DATATRACK_MY_URL: 'mysql://app@127.0.0.1:3306/shop' })), 'Pa55-my');
  for (const query of ['?unix_socket=/tmp/evil.sock', '?socket=/tmp/evil.sock']) {
    assert.is(offered(resolveTarget(mysql, 'my', dir, { DATATRACK_MY_URL: `mysql://app@127.0.0.1:3306/shop${query}` })), undefined, query);
  }
  const bySocket = { version: 1, targets: { my: { ...mysql.targets.my, options: { socket: '/run/mysqld/mysqld.sock' } } } };
  storePassword(dir, 'my', 'Pa55-my', bySocket.targets.my);
  assert.is(offered(resolveTarget(bySocket, 'my', dir, { DATATRACK_MY_URL: 'mysql://app@127.0.0.1:3306/shop?socket=/run/mysqld/mysqld.sock' })), 'Pa55-my');
  assert.is(offered(resolveTarget(bySocket, 'my', dir, { DATATRACK_MY_URL: 'mysql://app@127.0.0.1:3306/shop?socket=/tmp/evil.sock' })), undefined);
  // the URL `targets` shows for a target with a port and no host names that very server
  const hostless = { version: 1, targets: { prod: { dialect: 'postgres' as const, port: 5433, user: 'app', database: 'shop' } } };
  const shown = describeTarget(hostless.targets.prod);
  storePassword(dir, 'prod', 'Pa55-prod', hostless.targets.prod);
  assert.is(offered(resolveTarget(hostless, 'prod', dir, { DATATRACK_PROD_URL: shown })), 'Pa55-prod', shown);
  storePassword(dir, 'prod', 'Pa55-prod');
  // a TLS mode from a ${VAR} that names none is said as written, never as the value (a password in the wrong field)
  const misplaced = { version: 1, targets: { prod: { ...config.targets.prod, options: { sslmode: '${DT_TEST_SSL}' } } } };
  assert.throws(() => resolveTarget(misplaced, 'prod', dir, { DT_TEST_SSL: 'Zorb4lax-secret' }), (error: Error) => error.message === 'target prod: sslmode ${DT_TEST_SSL} holds no TLS mode; set the variable to one (such as require or verify-full)');
  assert.is(resolveTarget(misplaced, 'prod', dir, { DT_TEST_SSL: 'verify-full' }).options.sslmode, 'verify-full');
  // a configured ${VAR} is compared as it expands: the URL names that very server
  const fromVariable = { version: 1, targets: { prod: { dialect: 'postgres' as const, host: '${DT_TEST_DB_HOST}', port: 5432, user: 'app', database: 'shop' } } };
  const same = resolveTarget(fromVariable, 'prod', dir, { DT_TEST_DB_HOST: 'db.internal', DATATRACK_PROD_URL: 'postgresql://app@db.internal:5432/shop' });
  assert.is(offered(same), 'Pa55-prod');
  // with no URL, the configured connection is that server where its ${VAR} expands to the one the password was stored for
  assert.is(offered(resolveTarget(fromVariable, 'prod', dir, { DT_TEST_DB_HOST: 'db.internal' })), 'Pa55-prod');
  assert.is(offered(resolveTarget(fromVariable, 'prod', dir, { DT_TEST_DB_HOST: 'elsewhere' })), undefined);
  assert.is(offered(resolveTarget(fromVariable, 'prod', dir, { DT_TEST_DB_HOST: 'elsewhere', DATATRACK_PROD_URL: 'postgresql://app@db.internal:5432/shop' })), undefined);
  // unset where the URL replaces the connection, it names no server: no password, and no error
  assert.is(offered(resolveTarget(fromVariable, 'prod', dir, { DATATRACK_PROD_URL: 'postgresql://app@db.internal:5432/shop' })), undefined);
  // The stored password is not used there, so a secrets file that cannot be used (open to others,
  // not YAML) does not stop that connection: the hint is only left out.
  const secrets = join(dir, '.datatrack/secrets.yaml');
  for (const [mode, content] of [[0o644, readFileSync(secrets, 'utf8')], [0o600, 'targets: [\n']] as const) {
    writeFileSync(secrets, content);
    chmodSync(secrets, mode);
    const spec = resolveTarget(config, 'prod', dir, { DATATRACK_PROD_URL: 'postgresql://app@elsewhere:5432/shop' });
    assert.is(offered(spec), undefined);
    assert.is(withheld(spec), undefined);
    // the configured connection, which would send it, meets the file's problem once it asks for it
    const configured = resolveTarget(config, 'prod', dir, {});
    assert.throws(() => offered(configured), /secrets\.yaml/);
  }
});

test('DATABASE_URL gives its password to the configured default target whose server, user and database it names, and to nothing else', () => {
  const dir = newRepo();
  run(['init'], dir);
  const prod = { dialect: 'postgres' as const, host: 'db.internal', port: 5432, user: 'app', database: 'shop' };
  const config = { version: 1, default_target: 'prod', targets: { prod, other: prod } };
  const url = 'postgresql://app:from-database-url@db.internal:5432/shop?sslmode=require';
  const spec = resolveTarget(config, 'prod', dir, { DATABASE_URL: url });
  assert.equal([offered(spec), spec.host, spec.options], ['from-database-url', 'db.internal', {}]);
  // the environment before the secrets file, DATABASE_URL before PGPASSWORD
  storePassword(dir, 'prod', 'stored');
  assert.is(offered(resolveTarget(config, 'prod', dir, { DATABASE_URL: url, PGPASSWORD: 'from-pgpassword' })), 'from-database-url');
  for (const another of ['postgresql://app:x@elsewhere:5432/shop', 'postgresql://app:x@db.internal:5432/other', 'postgresql://root:x@db.internal:5432/shop', 'mysql://app:x@db.internal:5432/shop', 'postgresql://app:x@[::1', '']) {
    assert.is(offered(resolveTarget(config, 'prod', dir, { DATABASE_URL: another })), 'stored', another);
  }
  assert.is(offered(resolveTarget(config, 'other', dir, { DATABASE_URL: url })), undefined);
});

test('a password larger than the secrets file can keep is refused before it is written: every later command reads that file', () => {
  const dir = newRepo();
  run(['init'], dir);
  storePassword(dir, 'prod', 'Pa55-prod');
  const before = readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8');
  assert.throws(() => storePassword(dir, 'other', 'x'.repeat(300_000)), /^that password is 300000 bytes, more than \.datatrack\/secrets\.yaml can keep \(262144 bytes in all\); check what was piped or pasted as the password$/);
  assert.is(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8'), before);
});

test('a secrets.yaml that is a directory is said to be one, not a file others can read', () => {
  const dir = newRepo();
  run(['init'], dir);
  mkdirSync(join(dir, '.datatrack/secrets.yaml'));
  assert.throws(() => readSecrets(dir), /^\.datatrack\/secrets\.yaml is not a file \(a directory\?\); move it away: connect writes the passwords there$/);
});

test('PGPASSWORD or MYSQL_PWD set to nothing (an unset CI secret) is no password: the stored one still counts', () => {
  const dir = newRepo();
  run(['init'], dir);
  for (const [dialect, variable] of [['postgres', 'PGPASSWORD'], ['mysql', 'MYSQL_PWD']] as const) {
    const config = { version: 1, targets: { prod: { dialect, host: 'db.internal', user: 'app', database: 'shop' } } };
    storePassword(dir, 'prod', 'Pa55-prod', config.targets.prod);
    assert.is(offered(resolveTarget(config, 'prod', dir, { [variable]: '' })), 'Pa55-prod');
    assert.is(offered(resolveTarget(config, 'prod', dir, { [variable]: 'from-env' })), 'from-env');
  }
});

test('a linked worktree reads the passwords `connect` stored in the main work tree; its own file comes first', () => {
  const dir = newRepo();
  run(['init'], dir);
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'first');
  storePassword(dir, 'prod', 'from-main');
  storePassword(dir, 'staging', 'staging-main');
  const worktree = join(tempDir(), 'wt');
  git(dir, 'worktree', 'add', '-q', worktree);
  assert.is(readPassword(worktree, 'prod'), 'from-main');
  storePassword(worktree, 'prod', 'from-worktree');
  assert.is(readPassword(worktree, 'prod'), 'from-worktree');
  assert.is(readPassword(worktree, 'staging'), 'staging-main');
  assert.is(readPassword(dir, 'prod'), 'from-main');
  assert.is(readPassword(worktree, 'nope'), undefined);
  // disconnect in the worktree removes only its own file's password: the main one's is no target of its to remove
  assert.is(run(['disconnect', '--name', 'prod'], worktree).code, 0);
  assert.is(readPassword(worktree, 'prod'), 'from-main');
  const again = run(['disconnect', '--name', 'staging'], worktree);
  assert.equal([again.code, again.stderr], [2, 'datatrack: unknown target "staging"; see `datatrack targets`\n']);
  assert.is(readPassword(dir, 'staging'), 'staging-main');
  // a mistake in the main work tree's file names that file, not this worktree's (which has none to chmod)
  const mainFile = join(dir, '.datatrack/secrets.yaml');
  chmodSync(mainFile, 0o644);
  assert.throws(() => readPassword(worktree, 'staging'), (error: Error) => error.message === `${mainFile} can be read by other users (mode 644); run \`chmod 600 ${mainFile}\``);
  chmodSync(mainFile, 0o600);
});

test("the Python tool's db_link.yaml is migrated: target adopted, password moved out, warning printed", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  run(['disconnect'], dir);
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: sqlite:///app.db\n');
  const first = run(['targets', '--json'], dir);
  assert.match(first.stderr, /^warning: \.datatrack\/db_link\.yaml \(Python datatrack\): its link became target default\n$/);
  assert.equal(JSON.parse(first.stdout).map((t: { name: string }) => t.name), ['default']);
  // stored as connect stores it, relative to the repository, so that the config works in every clone
  assert.match(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /\bdatabase: app\.db\b/);
  assert.is(run(['targets'], dir).stderr, '');
  // taken once: a target it became and then disconnected stays gone (the link is marked, kept for the Python tool)
  run(['disconnect'], dir);
  const gone = run(['targets', '--json'], dir);
  assert.equal([gone.stderr, JSON.parse(gone.stdout)], ['', []]);
  assert.match(readFileSync(join(dir, '.datatrack/db_link.yaml'), 'utf8'), /^# migrated by datatrack as target default\nlink: "sqlite:\/\/\/app\.db"\n$/);
  // a link with a password: the password leaves the file for the secrets file
  run(['disconnect'], dir);
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: postgresql://app:hunter2@db.example/app\n');
  const second = run(['targets'], dir);
  assert.match(second.stderr, /password moved to \.datatrack\/secrets\.yaml/);
  assert.not.match(readFileSync(join(dir, '.datatrack/db_link.yaml'), 'utf8'), /hunter2/);
  // stored for the link's server, the only one it goes to
  assert.equal(readSecrets(dir).default, { password: 'hunter2', server: { dialect: 'postgres', host: 'db.example', user: 'app', database: 'app' } });
  assert.not.match(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /hunter2/);
  assert.ok(existsSync(join(dir, '.gitignore')));
  assert.match(git(dir, 'check-ignore', '.datatrack/secrets.yaml'), /secrets\.yaml/);
  // however the password was written, none of it stays in the rewritten link, nor in tracked config
  for (const link of ['postgresql://app:two words@db.example/app', 'postgresql://app:p@ss@db.example/app', 'postgresql://app@db.example/app?password=two words', 'postgresql://app@db.example/app?pass%77ord=pw2&sslmode=require', 'postgresql://app@db.example/app?PASSWORD=pw3']) {
    run(['disconnect'], dir);
    writeFileSync(join(dir, '.datatrack/db_link.yaml'), `link: "${link}"\n`);
    assert.match(run(['targets'], dir).stderr, /password moved/, link);
    const rewritten = readFileSync(join(dir, '.datatrack/db_link.yaml'), 'utf8');
    assert.match(rewritten, /^link: "postgresql:\/\/app@db\.example\/app(\?sslmode=require)?"$/m, link);
    assert.not.match(rewritten + readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /two|ss@|pw2|pw3/, link);
  }
  // a link to another server than target default's: its password is neither stored as default's nor sent anywhere
  rmSync(join(dir, '.datatrack/db_link.yaml'));
  run(['disconnect'], dir);
  run(['connect', 'sqlite:///app.db'], dir);
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: postgresql://app:elsewhere-pw@db.other/app\n');
  const other = run(['targets'], dir);
  assert.is(other.code, 0);
  assert.match(other.stderr, /holds the password of postgres:\/\/app@db\.other\/app, which is not target default \(sqlite:\/\/\/app\.db\); it was left in that file/);
  assert.not.match(other.stderr, /elsewhere-pw/);
  assert.not.match(existsSync(join(dir, '.datatrack/secrets.yaml')) ? readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8') : '', /elsewhere-pw/);
  // an unparsable link names its file
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: "mysql://u:pw@db.exa mple.com/x"\n');
  const broken = run(['targets'], dir);
  assert.is(broken.code, 2);
  assert.match(broken.stderr, /^datatrack: \.datatrack\/db_link\.yaml \(Python datatrack\): .*fix its link or remove the file\n$/);
  assert.not.match(broken.stderr, /pw@/);
  // an option connect would refuse (a secret, one datatrack does not take) never reaches config.yaml
  for (const [link, option] of [['mysql+pymysql://u:pw@db/x?ssl_key_password=KeyPW777', 'ssl_key_password'], ['mysql+pymysql://u:pw@db/x?read_timeout=30', 'read_timeout']]) {
    writeFileSync(join(dir, '.datatrack/db_link.yaml'), `link: "${link}"\n`);
    const refused = run(['targets'], dir);
    assert.is(refused.code, 2, link);
    assert.match(refused.stderr, new RegExp(`^datatrack: \\.datatrack/db_link\\.yaml \\(Python datatrack\\): .*${option}.*fix its link or remove the file\\n$`), link);
    assert.not.match(refused.stderr + readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /KeyPW777|read_timeout: /, link);
  }
  // a link git brought back (the Python era's, committed with its password) never replaces the password rotated since
  rmSync(join(dir, '.datatrack/db_link.yaml'));
  run(['disconnect'], dir);
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: postgresql://app@db.example/app\n');
  run(['targets'], dir);
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets:\n  default: {password: rotated-pw}\n', { mode: 0o600 });
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: postgresql://app:revoked-pw@db.example/app\n');
  const restored = run(['targets'], dir);
  assert.match(restored.stderr, /its password, not the one \.datatrack\/secrets\.yaml holds for target default, was taken out and the stored one kept/);
  assert.match(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8'), /rotated-pw/);
  assert.not.match(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8') + readFileSync(join(dir, '.datatrack/db_link.yaml'), 'utf8') + restored.stderr, /revoked-pw/);
  // the rewritten link parses back to the same connection: IPv6 hosts, encoded names, sockets
  for (const link of ['postgresql://app:pw@[::1]:5432/shop', 'postgresql://us%3Aer:pw@db/sh%23op', 'postgresql+psycopg2://app:pw@/shop?host=/var/run/postgresql']) {
    const without = urlWithoutPassword(link);
    assert.equal(parseConnectionUrl(without, '/'), { target: parseConnectionUrl(link, '/').target, password: undefined }, link);
  }
});

test("a project of the Python tool, as its init and connect left it, works: its config.yaml is read, its link adopted", () => {
  const dir = newRepo();
  sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE users (id INTEGER PRIMARY KEY)');
  // what the Python `datatrack init` wrote (PyYAML, keys sorted) and `datatrack connect` saved
  const pythonConfig = "created_by: alice\nproject_name: my-datatrack-project\nsources: []\nversion: '0.1'\n";
  mkdirSync(join(dir, '.datatrack'));
  writeFileSync(join(dir, '.datatrack/config.yaml'), pythonConfig);
  writeFileSync(join(dir, '.datatrack/db_link.yaml'), 'link: sqlite:///app.db\n');
  const snapshot = run(['snapshot'], dir);
  assert.is(snapshot.code, 0, snapshot.stderr);
  assert.match(snapshot.stderr, /db_link\.yaml \(Python datatrack\): its link became target default/);
  assert.is(run(['history', '--json'], dir).code, 0);
  const migrated = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  assert.match(migrated, /^project_name: my-datatrack-project$/m);
  // a real typo next to them is still one
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${pythonConfig}defualt_target: default\n`);
  assert.match(run(['targets'], dir).stderr, /config\.yaml:5:1: unknown key "defualt_target"/);
  // init --force is how the project sheds the Python tool's keys; the adopted target stays
  writeFileSync(join(dir, '.datatrack/config.yaml'), migrated);
  assert.is(run(['init', '--force'], dir).code, 0);
  const config = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  assert.not.match(config, /project_name|created_by|sources|'0\.1'/);
  assert.match(config, /^version: 1$/m);
  assert.match(config, /^ {2}default:$/m);
});

test('a password (or another secret) typed into a target of config.yaml, as a key or an option, is refused at its place, never repeated; the pre-commit hook blocks it', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  const base = "version: 1\ntargets:\n  prod:\n    dialect: postgres\n    host: db\n    database: shop\n";
  for (const [extra, at] of [['    options: {sslmode: require, password: hunter2}\n', '7:33'], ['    PWD: hunter2\n', '7:5']] as const) {
    writeFileSync(join(dir, '.datatrack/config.yaml'), base + extra);
    const listed = run(['targets'], dir);
    assert.is(listed.code, 2);
    assert.match(listed.stderr, `.datatrack/config.yaml:${at}: a password does not belong in .datatrack/config.yaml`);
    assert.not.match(listed.stderr + listed.stdout, 'hunter2');
    git(dir, 'add', '.datatrack/config.yaml');
    const hook = run(['hook', 'pre-commit'], dir);
    assert.is(hook.code, 1);
    assert.match(hook.stderr, /^datatrack pre-commit: BLOCKED \.datatrack\/config\.yaml:/);
    assert.not.match(hook.stderr, 'hunter2');
  }
  // an option naming another secret (PyMySQL's ssl_key_password) no driver here takes: refused where it is
  writeFileSync(join(dir, '.datatrack/config.yaml'), base + '    options: {ssl_key_password: hunter2}\n');
  const secretOption = run(['targets'], dir);
  assert.is(secretOption.code, 2);
  assert.match(secretOption.stderr, '.datatrack/config.yaml:7:15: option ssl_key_password names a secret, which does not belong in .datatrack/config.yaml');
  assert.not.match(secretOption.stderr, 'hunter2');
  // with a DATATRACK_<TARGET>_URL, which replaces the configured options, it is refused all the same
  writeFileSync(join(dir, '.datatrack/config.yaml'), base + '    options: {password: hunter2}\n');
  assert.is(run(['snapshot', '-t', 'prod'], dir, { DATATRACK_PROD_URL: 'postgresql://u@127.0.0.1:1/x' }).code, 2);
});

test('a stored password goes only to the server it was stored for: config.yaml naming another since (another host, port, user, database, socket, or weaker TLS) gets none', () => {
  const dir = newRepo();
  run(['init'], dir);
  const stored = { ...SERVER, options: { sslmode: 'require' } };
  storePassword(dir, 'prod', 'Pa55-prod', stored);
  const resolve = (prod: TargetConfig, env: NodeJS.ProcessEnv = {}) => resolveTarget({ version: 1, targets: { prod } }, 'prod', dir, env);
  assert.is(offered(resolve(stored)), 'Pa55-prod');
  // stronger TLS, or scope and timeouts, change nothing of where the password goes
  assert.is(offered(resolve({ ...stored, options: { sslmode: 'verify-full' }, schemas: ['app'], connect_timeout: 3 })), 'Pa55-prod');
  const moved: [string, TargetConfig][] = [
    ['host', { ...stored, host: 'localhost' }],
    ['port', { ...stored, port: 5433 }],
    ['no port', { ...stored, port: undefined }],
    ['user', { ...stored, user: 'root' }],
    ['database', { ...stored, database: 'other' }],
    ['dialect', { ...stored, dialect: 'mysql' }],
    ['weaker TLS', { ...stored, options: { sslmode: 'prefer' } }],
    ['no TLS', { ...stored, options: {} }],
    ['a socket', { ...stored, options: { sslmode: 'require', unix_socket: '/tmp/evil.sock' } }],
    ['a ${VAR} that expands elsewhere', { ...stored, host: '${DT_TEST_DB_HOST}' }],
  ];
  for (const [what, prod] of moved) {
    const spec = resolve(prod, { DT_TEST_DB_HOST: 'evil.example' });
    assert.is(offered(spec), undefined, what);
    assert.match(withheld(spec) ?? '', /^the password stored for target prod goes only to postgres:\/\/app@db\.internal:5432\/shop\?sslmode=require, the server it was stored for, which \.datatrack\/config\.yaml now names otherwise \(host, port, socket, user, database and TLS options must be written alike\); if .* is the right one, store its password for that server: `datatrack connect <url> --name prod --force` \(or with --password-stdin\)$/, what);
  }
  assert.is(offered(resolve({ ...stored, host: '${DT_TEST_DB_HOST}' }, { DT_TEST_DB_HOST: 'db.internal' })), 'Pa55-prod');
  // the environment's password goes where the environment says: nothing stored is kept back then
  assert.equal([offered(resolve({ ...stored, port: 5433 }, { PGPASSWORD: 'from-env' })), withheld(resolve({ ...stored, port: 5433 }, { PGPASSWORD: 'from-env' }))], ['from-env', undefined]);
  // what the file keeps beside the password: where the connection goes, never scope, timeouts or another secret
  assert.equal(readSecrets(dir).prod, { password: 'Pa55-prod', server: stored });
  storePassword(dir, 'prod', 'Pa55-prod', { ...stored, schemas: ['app'], exclude: ['app.tmp'], connect_timeout: 3 });
  assert.equal(readSecrets(dir).prod, { password: 'Pa55-prod', server: stored });
  assert.is(statSync(join(dir, '.datatrack/secrets.yaml')).mode & 0o777, 0o600);
  // an entry an earlier datatrack wrote, without its server, goes nowhere until it is bound (password-binding.ts)
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets:\n  prod: {password: Pa55-prod}\n', { mode: 0o600 });
  const earlier = resolve(stored);
  assert.is(offered(earlier), undefined);
  assert.match(withheld(earlier) ?? '', /^the password stored for target prod was stored by an earlier datatrack, without the server it is for/);
});

test("a hand-edited server of the wrong shape is refused by place, never quoting the file", () => {
  const dir = newRepo();
  run(['init'], dir);
  for (const [server, problem] of [
    ['hunter2', /^\.datatrack\/secrets\.yaml:3:13: the server of target default must be a mapping \(dialect, host, port, user, database, options\)$/],
    ['{hots: hunter2}', /^\.datatrack\/secrets\.yaml:3:14: unknown key in the server of target default \(known: dialect, host, port, user, database, options\)$/],
    ['{host: [hunter2]}', /^\.datatrack\/secrets\.yaml:3:\d+: host in the server of target default must be a single value$/],
    ['{options: [hunter2]}', /^\.datatrack\/secrets\.yaml:3:\d+: the options of target default's server must be a mapping of name → value$/],
  ] as const) {
    writeFileSync(join(dir, '.datatrack/secrets.yaml'), `targets:\n  default:\n    server: ${server}\n    password: Pa55\n`, { mode: 0o600 });
    assert.throws(() => readPassword(dir, 'default'), (error: Error) => problem.test(error.message) && !/hunter2/.test(error.message), server);
  }
});

test("a password an earlier datatrack stored is bound to config.yaml's target only where that file is as committed; a linked worktree binds the main work tree's", () => {
  const dir = newRepo();
  run(['init'], dir);
  const config = join(dir, '.datatrack/config.yaml');
  writeFileSync(config, 'version: 1\ntargets:\n  prod: {dialect: postgres, host: db.internal, port: 5432, user: app, database: shop}\n');
  const earlier = 'targets:\n  prod: {password: Pa55-prod}\n';
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), earlier, { mode: 0o600 });
  // not committed yet, then changed after the commit: no binding
  assert.is(bindEarlierPassword(dir, 'prod'), undefined);
  git(dir, 'add', '.datatrack/config.yaml');
  assert.is(bindEarlierPassword(dir, 'prod'), undefined, 'staged, not committed');
  git(dir, 'commit', '-q', '-m', 'target');
  const committed = readFileSync(config, 'utf8');
  writeFileSync(config, committed.replace('db.internal', 'elsewhere'));
  assert.is(bindEarlierPassword(dir, 'prod'), undefined);
  assert.is(readFileSync(join(dir, '.datatrack/secrets.yaml'), 'utf8'), earlier);
  writeFileSync(config, committed);
  // from a linked worktree: the main work tree's file, against its own committed config.yaml
  const worktree = join(tempDir(), 'wt');
  git(dir, 'worktree', 'add', '-q', worktree);
  const mainFile = join(dir, '.datatrack/secrets.yaml');
  assert.is(bindEarlierPassword(worktree, 'prod'), `the password ${mainFile} holds for target prod, stored by an earlier datatrack without its server, now goes only to postgres://app@db.internal:5432/shop, as the committed .datatrack/config.yaml names it; if it was stored for another server, run \`datatrack connect <url> --name prod --force\``);
  assert.equal(readSecrets(dir).prod, { password: 'Pa55-prod', server: SERVER });
  assert.is(statSync(mainFile).mode & 0o777, 0o600);
  assert.is(bindEarlierPassword(worktree, 'prod'), undefined, 'bound once');
  assert.is(offered(resolveTarget(loadConfig(worktree).config, 'prod', worktree, {})), 'Pa55-prod');
});

test("a secrets file that cannot be used stops no target before a password is needed: SQLite never reads it, MySQL as it connects", async () => {
  const dir = newRepo();
  const my: TargetConfig = { dialect: 'mysql', host: '127.0.0.1', port: 1, user: 'app', database: 'shop' };
  const config = { version: 1, targets: { app: { dialect: 'sqlite' as const, database: 'app.db' }, my } };
  sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE t (id INTEGER)');
  storePassword(dir, 'my', 'Pa55-my', my);
  const mysqlLogin = () => withEnv({ MYSQL_PWD: undefined }, () => connectionOptions(resolveTarget(config, 'my', dir, {})).password);
  assert.is(mysqlLogin(), 'Pa55-my');
  const secrets = join(dir, '.datatrack/secrets.yaml');
  const sound = readFileSync(secrets, 'utf8');
  for (const [what, mode, text] of [['open to others', 0o640, sound], ["not YAML in another target's entry", 0o600, `${sound}  other: {password: "unclosed\n`]] as const) {
    writeFileSync(secrets, text);
    chmodSync(secrets, mode);
    const problem = (() => {
      try {
        readStoredPassword(dir, 'my');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('the secrets file was read');
    })();
    const sqlite = resolveTarget(config, 'app', dir, {});
    assert.is(sqlite.storedPassword, undefined, what);
    assert.ok(await (await loadDriver('sqlite')).testConnection(sqlite), what);
    // mysql2 sends the password with its first packet: the file is read before connecting, and said as it says it
    assert.throws(mysqlLogin, (error: Error) => error.message === problem, what);
  }
  // nor is an earlier datatrack's password, kept without its server, bound to a SQLite target (password-binding.ts)
  const earlier = 'targets:\n  app: {password: Pa55-app}\n';
  writeFileSync(secrets, earlier);
  chmodSync(secrets, 0o600);
  writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ntargets:\n  app: {dialect: sqlite, database: app.db}\n`);
  git(dir, 'add', '.datatrack/config.yaml');
  git(dir, 'commit', '-q', '-m', 'target');
  assert.is(targetConnection(openWorkspace(dir), 'app').storedPassword, undefined);
  assert.is(readFileSync(secrets, 'utf8'), earlier);
});

test.run();
