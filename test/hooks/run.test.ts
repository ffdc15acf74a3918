import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { BIN, GIT_ENV, git, newRepo, repoWithSqlite, run, runAsync, runJson, runWithFileSizeLimit, sqliteDatabase, tempDir } from '../helpers/cli.js';
import { column, commitSnapshots, snapshot, table } from '../helpers/models.js';

/** What git gives pre-push on stdin for one ref being pushed. */
const PUSHED = `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${'0'.repeat(40)}\n`;

function gitRun(cwd: string, ...args: string[]) {
  return gitRunWith({}, cwd, ...args);
}

function gitRunWith(env: Record<string, string>, cwd: string, ...args: string[]) {
  return spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env } });
}

/** Runs a hook with a stdin that never ends (as `sleep 600 | hook`); reports whether it ended by itself. */
function withOpenStdin(command: string, args: string[], cwd: string): Promise<{ code: number | null; stderr: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let hung = false;
    child.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      child.stdin.destroy();
      resolve({ code, stderr, hung });
    });
  });
}

test('hooks never wait for stdin: pre-commit does not read it, pre-push reads it under hooks.timeout and blocks when it runs out', async () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  runJson(['snapshot'], dir);
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}hooks:\n  timeout: 3\n`);
  // the hooks git would find, each chaining a team hook that leaves a mark
  const hooks = join(dir, '.git/hooks');
  for (const name of ['pre-commit', 'pre-push']) {
    writeFileSync(join(hooks, name), `#!/bin/sh\necho "${name} ran" >> "$(git rev-parse --show-toplevel)/marks"\n`);
    chmodSync(join(hooks, name), 0o755);
  }
  runJson(['hooks', 'install'], dir);

  const commit = await withOpenStdin(process.execPath, [BIN, 'hook', 'pre-commit'], dir);
  assert.equal([commit.hung, commit.code], [false, 0], commit.stderr);
  assert.not.match(commit.stderr, /gave up/);
  const chainedCommit = await withOpenStdin(join(hooks, 'pre-commit'), [], dir);
  assert.equal([chainedCommit.hung, chainedCommit.code], [false, 0], chainedCommit.stderr);
  assert.is(readFileSync(join(dir, 'marks'), 'utf8'), 'pre-commit ran\n');

  for (const command of [[process.execPath, BIN, 'hook', 'pre-push', 'origin', 'url'], [join(hooks, 'pre-push'), 'origin', 'url']]) {
    const push = await withOpenStdin(command[0]!, command.slice(1), dir);
    assert.is(push.hung, false, 'the hook ended by itself');
    assert.is(push.code, 1);
    assert.match(push.stderr, /datatrack: pre-push hook gave up after 3s \(hooks\.timeout\); blocking to be safe/);
  }
  assert.is(readFileSync(join(dir, 'marks'), 'utf8'), 'pre-commit ran\n', 'a blocked pre-push does not run the chained hook');
});

test('what lint would warn about shows in the hook report, as a warning that does not block', () => {
  const { dir } = repoWithSqlite('CREATE TABLE events (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}lint:\n  schemas:\n    mian: {structure-no-primary-key: off}\n`);
  runJson(['snapshot'], dir);
  const result = run(['hook', 'pre-commit'], dir);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /\ndatatrack pre-commit: warning default: lint: lint\.schemas "mian" in \.datatrack\/config\.yaml names no schema of this snapshot \(main\); its settings change nothing\n/);
});

test('with a lint error in the latest snapshot, commit and push are blocked with the report; after a fix they pass; --no-verify bypasses both', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE events (id INTEGER, kind TEXT)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}lint:\n  rules:\n    structure-no-primary-key: error\n`);
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  git(dir, 'remote', 'add', 'origin', remote);
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install'], dir);
  writeFileSync(join(dir, 'README'), 'hello\n');
  git(dir, 'add', 'README');

  const blocked = gitRun(dir, 'commit', '-m', 'first');
  assert.is.not(blocked.status, 0);
  assert.match(blocked.stderr, /datatrack pre-commit: BLOCKED default: lint 1 error, 0 warnings\n {4}structure-no-primary-key main\.events: /);
  assert.match(blocked.stderr, /datatrack pre-commit: ok default: verify 0 errors/);
  assert.is(git(dir, 'rev-list', '--branches').trim(), '', 'the blocked commit was not made');
  const bypassed = gitRun(dir, 'commit', '--no-verify', '-m', 'bypassed');
  assert.is(bypassed.status, 0, bypassed.stderr);
  assert.not.match(bypassed.stderr, /datatrack pre-commit/);

  const push = gitRun(dir, 'push', 'origin', 'HEAD:refs/heads/main');
  assert.is.not(push.status, 0);
  assert.match(push.stderr, /datatrack pre-push: ok pushing 1 ref/);
  assert.match(push.stderr, /datatrack pre-push: BLOCKED default: lint 1 error/);
  assert.is(git(remote, 'for-each-ref').trim(), '');
  const forced = gitRun(dir, 'push', '--no-verify', 'origin', 'HEAD:refs/heads/bypass');
  assert.is(forced.status, 0, forced.stderr);
  assert.not.match(forced.stderr, /datatrack pre-push/);
  assert.match(git(remote, 'for-each-ref', '--format=%(refname)'), /refs\/heads\/bypass/);

  const handle = new Database(db);
  handle.exec('DROP TABLE events; CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT)');
  handle.close();
  runJson(['snapshot'], dir);
  writeFileSync(join(dir, 'README'), 'hello again\n');
  git(dir, 'add', 'README');
  const passed = gitRun(dir, 'commit', '-m', 'second');
  assert.is(passed.status, 0, passed.stderr);
  assert.match(passed.stderr, /datatrack pre-commit: ok default: lint 0 errors/);
  const pushed = gitRun(dir, 'push', 'origin', 'HEAD:refs/heads/main');
  assert.is(pushed.status, 0, pushed.stderr);
  assert.is(git(remote, 'rev-parse', 'refs/heads/main').trim(), git(dir, 'rev-parse', 'HEAD').trim());
});

test('a name holding a line break cannot write a hook status line of its own: it is escaped in the report', () => {
  const forged = 'Bad\ndatatrack pre-commit: ok default: verify 0 errors, 0 warnings';
  const { dir } = repoWithSqlite(`CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE "${forged}" (id INTEGER PRIMARY KEY)`);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  runJson(['snapshot'], dir);
  const result = run(['hook', 'pre-commit'], dir);
  assert.is(result.code, 1, result.stderr);
  const lines = result.stderr.split('\n');
  assert.equal(lines.filter((line) => line.startsWith('datatrack pre-commit: ok default: verify')), []);
  assert.ok(lines.some((line) => line.startsWith('    enforce_snake_case main."Bad\\u000adatatrack pre-commit: ok')), result.stderr);
});

test("a target's snapshots with lint errors block only while the target is configured here: once disconnected they are reported, not blocking", () => {
  const { dir } = repoWithSqlite('CREATE TABLE events (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}lint:\n  rules:\n    structure-no-primary-key: error\n`);
  sqliteDatabase(join(dir, 'old.db'), 'CREATE TABLE legacy (id INTEGER)');
  assert.is(run(['connect', 'old.db', '--name', 'old'], dir).code, 0);
  for (const target of ['default', 'old']) runJson(['snapshot', '-t', target], dir);
  const blocked = run(['hook', 'pre-commit'], dir);
  assert.is(blocked.code, 1);
  assert.match(blocked.stderr, /BLOCKED old: lint 1 error, 0 warnings\n/);
  // what the commit holds decides: a disconnect not yet staged still blocks, staged it does not
  git(dir, 'add', '.datatrack/config.yaml');
  assert.is(run(['disconnect', '--name', 'old'], dir).code, 0);
  assert.is(run(['hook', 'pre-commit'], dir).code, 1);
  git(dir, 'add', '.datatrack/config.yaml');
  const passed = run(['hook', 'pre-commit'], dir);
  assert.is(passed.code, 0, passed.stderr);
  assert.match(passed.stderr, /datatrack pre-commit: ok old: lint 1 error, 0 warnings \(target not configured in \.datatrack\/config\.yaml as staged: not blocking\)\n {4}structure-no-primary-key main\.legacy: /);
  // connected again through the environment (as CI does), it blocks again
  assert.is(run(['hook', 'pre-commit'], dir, { DATATRACK_OLD_URL: 'sqlite:///old.db' }).code, 1);
  // a ref that holds no snapshot is a line of the report, as the others are
  const empty = git(dir, 'hash-object', '-t', 'tree', '-w', '--stdin').trim();
  git(dir, 'update-ref', 'refs/datatrack/bogus', git(dir, 'commit-tree', empty, '-m', 'not a snapshot').trim());
  const reported = run(['hook', 'pre-commit'], dir);
  assert.is(reported.code, 0, reported.stderr);
  assert.match(reported.stderr, /^datatrack pre-commit: ok bogus: refs\/datatrack\/bogus points at commit [0-9a-f]{12}, which is no datatrack snapshot/m);
});

test('a staged config that cannot be read blocks; the findings of a target then say the work tree\'s config was the one read', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  sqliteDatabase(join(dir, 'old.db'), 'CREATE TABLE "Legacy" (id INTEGER)');
  assert.is(run(['connect', 'old.db', '--name', 'old'], dir).code, 0);
  runJson(['snapshot', '-t', 'old'], dir);
  assert.is(run(['disconnect', '--name', 'old'], dir).code, 0);
  const config = join(dir, '.datatrack/config.yaml');
  const good = readFileSync(config, 'utf8');
  writeFileSync(config, `${good}lint: [\n`);
  git(dir, 'add', '.datatrack/config.yaml', 'schema_rules.yaml');
  writeFileSync(config, good);
  const result = run(['hook', 'pre-commit'], dir);
  assert.is(result.code, 1, result.stderr);
  assert.match(result.stderr, /BLOCKED \.datatrack\/config\.yaml:\d+:\d+: /);
  assert.match(result.stderr, /ok old: verify 1 error, 0 warnings \(target not configured here: not blocking\)\n/);
});

test('a hook whose datatrack is gone blocks with a line that says so, not a shell error', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  runJson(['hooks', 'install'], dir);
  writeFileSync(join(dir, 'README'), 'x\n');
  git(dir, 'add', 'README');
  const gone = spawnSync('git', ['commit', '-m', 'x'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, DATATRACK: '/nonexistent/datatrack', PATH: '/usr/bin:/bin' } });
  assert.is(gone.status, 1);
  assert.match(gone.stderr, /^datatrack pre-commit: datatrack is not installed here .*--no-verify$/m);
});

test('a staged config or rules file with a mistake blocks the commit with file:line:column', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  max_name_length: thirty\n');
  git(dir, 'add', 'schema_rules.yaml');
  const blocked = gitRun(dir, 'commit', '-m', 'bad rules');
  assert.is.not(blocked.status, 0);
  assert.match(blocked.stderr, /BLOCKED schema_rules\.yaml:2:\d+: /);
  git(dir, 'checkout', '--', '.');
  git(dir, 'reset', '--quiet');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  max_name_length: 30\n');
  git(dir, 'add', 'schema_rules.yaml', '.datatrack/config.yaml');
  const ok = gitRun(dir, 'commit', '-m', 'good rules');
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /ok schema_rules\.yaml \(staged\) is valid/);
  assert.match(ok.stderr, /ok \.datatrack\/config\.yaml \(staged\) is valid/);
  // a staged config is valid only when every section is: a lint level typo blocks with its place
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8')}lint:\n  rules:\n    structure-no-primary-key: errr\n`);
  git(dir, 'add', '.datatrack/config.yaml');
  const typo = gitRun(dir, 'commit', '-m', 'lint typo');
  assert.is.not(typo.status, 0);
  assert.not.match(typo.stderr, /config\.yaml \(staged\) is valid/);
  assert.match(typo.stderr, /BLOCKED \.datatrack\/config\.yaml:\d+:\d+: severity must be one of error, warning, info, off/);
});

test('a staged config under a clean/smudge filter (git-crypt, sops) is judged as a checkout reads it, not as the blob stores it', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  git(dir, 'config', 'filter.rot.clean', 'tr a-zA-Z n-za-mN-ZA-M');
  git(dir, 'config', 'filter.rot.smudge', 'tr a-zA-Z n-za-mN-ZA-M');
  writeFileSync(join(dir, '.gitattributes'), '.datatrack/config.yaml filter=rot\nschema_rules.yaml filter=rot\n');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  max_name_length: 30\n');
  git(dir, 'add', '.gitattributes', 'schema_rules.yaml', '.datatrack/config.yaml');
  assert.not.match(git(dir, 'cat-file', '-p', ':schema_rules.yaml'), /rules/);
  const ok = gitRun(dir, 'commit', '-m', 'filtered');
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /ok schema_rules\.yaml \(staged\) is valid/);
  assert.match(ok.stderr, /ok \.datatrack\/config\.yaml \(staged\) is valid/);
});

test('pre-commit judges the rules and lint settings the commit holds: an unstaged edit neither blocks nor lets a commit through', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  max_name_length: 30\n');
  git(dir, 'add', 'schema_rules.yaml', '.datatrack/config.yaml');
  assert.is(gitRun(dir, 'commit', '-m', 'rules').status, 0);
  // a broken rules file on disk, not staged: the commit of another file goes through
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  - [broken: {\n');
  writeFileSync(join(dir, 'notes.txt'), 'a\n');
  git(dir, 'add', 'notes.txt');
  const other = gitRun(dir, 'commit', '-m', 'notes');
  assert.is(other.status, 0, other.stderr);
  assert.not.match(other.stderr, /BLOCKED/);
  // a rule on disk that the snapshot breaks, not staged: it does not block either (the committed rules pass)
  writeFileSync(join(dir, 'schema_rules.yaml'), 'house_rules:\n  - id: audited\n    select: {kind: table}\n    assert: {required_columns: [created_at]}\n');
  writeFileSync(join(dir, 'notes.txt'), 'b\n');
  git(dir, 'add', 'notes.txt');
  assert.is(gitRun(dir, 'commit', '-m', 'more notes').status, 0);
  // staged, the same rule blocks
  git(dir, 'add', 'schema_rules.yaml');
  const blocked = gitRun(dir, 'commit', '-m', 'strict rules');
  assert.is.not(blocked.status, 0);
  assert.match(blocked.stderr, /BLOCKED default: verify 1 error/);
});

test('pre-push drift check: skips with a warning when the database is gone, blocks when strict', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  const config = join(dir, '.datatrack/config.yaml');
  const base = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n';
  writeFileSync(config, `${base}hooks:\n  pre_push:\n    drift: true\n`);
  const handle = new Database(db);
  handle.exec('DROP TABLE good; CREATE TABLE other (id INTEGER)');
  handle.close();
  const drift = spawnSync(process.execPath, [join(process.cwd(), 'bin/datatrack'), 'hook', 'pre-push'], { cwd: dir, input: PUSHED, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.is(drift.status, 1);
  assert.match(drift.stderr, /BLOCKED default: drift 2 changes \(1 breaking\) between the database and its latest snapshot\n {4}breaking remove table main\.good\n {4}safe add table main\.other\n {4}\(all of it: datatrack diff --live -t default\)\n/);
  writeFileSync(config, base.replace('app.db', 'gone.db') + 'hooks:\n  pre_push:\n    drift: true\n');
  const skipped = run(['hook', 'pre-push'], dir, {}, PUSHED);
  assert.match(skipped.stderr, /warning default: drift not checked: .*gone\.db does not exist/);
  writeFileSync(config, base.replace('app.db', 'gone.db') + 'hooks:\n  pre_push:\n    drift: true\n    strict: true\n');
  assert.is(run(['hook', 'pre-push'], dir, {}, PUSHED).code, 1);
  // a ${VAR} set where snapshots are taken but not where the hook runs: drift unknown, the report still whole
  writeFileSync(config, base.replace('app.db', '${DT_UNSET_DB_VAR}') + 'hooks:\n  pre_push:\n    drift: true\n');
  const unset = run(['hook', 'pre-push'], dir, { DT_UNSET_DB_VAR: undefined }, PUSHED);
  assert.is(unset.code, 0, unset.stderr);
  assert.match(unset.stderr, /ok default: lint 0 errors.*\n.*warning default: drift not checked: target default uses \$\{DT_UNSET_DB_VAR\}, which is not set in the environment/s);
  writeFileSync(config, `${base}hooks:\n  pre_push:\n    drfit: true\n`);
  const typo = run(['hook', 'pre-push'], dir, {}, PUSHED);
  assert.is(typo.code, 1);
  assert.match(typo.stderr, /^datatrack pre-push: ok pushing 1 ref\ndatatrack pre-push: BLOCKED \.datatrack\/config\.yaml:8:5: unknown key "drfit"/);
});

test('pre-push drift checks of several unreachable databases run side by side: their connect timeouts do not add up past hooks.timeout', async () => {
  // A server that takes connections and never answers: each target waits out its connect timeout.
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  try {
    const dir = newRepo();
    run(['init'], dir);
    const target = (name: string) => `  ${name}:\n    dialect: postgres\n    host: 127.0.0.1\n    port: ${port}\n    database: app\n    user: app\n    connect_timeout: 2\n`;
    writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ntargets:\n${['a', 'b', 'c'].map(target).join('')}hooks:\n  timeout: 5\n  pre_push:\n    drift: true\n`);
    for (const name of ['a', 'b', 'c']) await commitSnapshots(dir, name, [snapshot([table('t', [column('id', 'integer')])])]);
    const started = Date.now();
    const result = await runAsync(['hook', 'pre-push'], dir, {}, (child) => child.stdin!.end(PUSHED));
    assert.is(result.code, 0, result.stderr);
    assert.is(result.stderr.match(/warning [abc]: drift not checked: /g)?.length, 3, result.stderr);
    assert.ok(Date.now() - started < 5000, 'one connect timeout, not three');
  } finally {
    silent.close();
  }
});

test('a push with nothing to send (git still runs pre-push, with its arguments) is not checked, so not blocked; an empty stdin without them is checked', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\nhooks:\n  pre_push:\n    drift: true\n');
  sqliteDatabase(db, 'DROP TABLE good');
  // As the installed script runs it: git's remote name and URL, then no ref lines.
  const idle = run(['hook', 'pre-push', '--', 'origin', 'git@example.com:app.git'], dir, {}, '');
  assert.is(idle.code, 0, idle.stderr);
  assert.is(idle.stderr, 'datatrack pre-push: ok nothing to push: no checks\n');
  assert.is(run(['hook', 'pre-push', '--', 'origin', 'git@example.com:app.git'], dir, {}, PUSHED).code, 1);
  // The pre-commit framework gives neither git's arguments nor its stdin (it runs no hook for an
  // empty push): an empty stdin there says nothing, and the checks run.
  const framework = run(['hook', 'pre-push'], dir, { PRE_COMMIT: '1' }, '');
  assert.is(framework.code, 1, framework.stderr);
  assert.match(framework.stderr, /BLOCKED default: drift/);
  // nor a config.yaml that cannot be read: nothing leaves, so nothing here needs it
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'targets: [\n');
  const broken = run(['hook', 'pre-push', '--', 'origin', 'git@example.com:app.git'], dir, {}, '');
  assert.is(broken.code, 0, broken.stderr);
  assert.is(broken.stderr, 'datatrack pre-push: ok nothing to push: no checks\n');
  const sent = run(['hook', 'pre-push', '--', 'origin', 'git@example.com:app.git'], dir, {}, PUSHED);
  assert.is(sent.code, 1);
  assert.match(sent.stderr, /^datatrack pre-push: ok pushing 1 ref\ndatatrack pre-push: BLOCKED \.datatrack\/config\.yaml:2:1: /);
});

test('pre-push drift check on a target with no snapshot yet: a warning, not a block, unless strict', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  sqliteDatabase(join(dir, 'fresh.db'), 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  const config = join(dir, '.datatrack/config.yaml');
  const targets = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n  fresh:\n    dialect: sqlite\n    database: fresh.db\n';
  writeFileSync(config, `${targets}hooks:\n  pre_push:\n    drift: true\n`);
  const warned = run(['hook', 'pre-push'], dir, {}, PUSHED);
  assert.is(warned.code, 0, warned.stderr);
  assert.match(warned.stderr, /ok default: drift 0 changes/);
  assert.match(warned.stderr, /warning fresh: drift not checked: target fresh has no snapshots yet/);
  writeFileSync(config, `${targets}hooks:\n  pre_push:\n    drift: true\n    strict: true\n`);
  const strict = run(['hook', 'pre-push'], dir, {}, PUSHED);
  assert.is(strict.code, 1);
  assert.match(strict.stderr, /BLOCKED fresh: drift not checked: target fresh has no snapshots yet/);
});


test('pre-commit blocks a staged secrets file (git add -f), and warns while an earlier commit keeps it tracked', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  writeFileSync(join(dir, '.datatrack/secrets.yaml'), 'targets:\n  default:\n    password: s3cret\n', { mode: 0o600 });
  git(dir, 'add', '-f', '.datatrack/secrets.yaml');
  const blocked = gitRun(dir, 'commit', '-m', 'oops');
  assert.is.not(blocked.status, 0);
  assert.match(blocked.stderr, /BLOCKED \.datatrack\/secrets\.yaml is staged: .*git rm --cached \.datatrack\/secrets\.yaml/);
  assert.not.match(blocked.stderr, /s3cret/);
  assert.is.not(gitRun(dir, 'rev-parse', '--verify', '--quiet', 'HEAD').status, 0, 'nothing committed');
  // committed past the hook, it stays tracked: later commits are warned, not blocked
  assert.is(gitRun(dir, 'commit', '--no-verify', '-m', 'oops').status, 0);
  writeFileSync(join(dir, 'notes.txt'), 'x\n');
  git(dir, 'add', 'notes.txt');
  const warned = gitRun(dir, 'commit', '-m', 'notes');
  assert.is(warned.status, 0, warned.stderr);
  assert.match(warned.stderr, /warning \.datatrack\/secrets\.yaml is tracked by git/);
  // untracked again (the fix the message gives): no word about it
  git(dir, 'rm', '--cached', '--quiet', '.datatrack/secrets.yaml');
  const clean = gitRun(dir, 'commit', '-m', 'untrack secrets');
  assert.is(clean.status, 0, clean.stderr);
  assert.not.match(clean.stderr, /secrets\.yaml/);
});

test('pre-commit: a mistake in an unstaged config.yaml edit does not block a commit that holds a valid one; staged, it does', () => {
  const { dir } = repoWithSqlite('CREATE TABLE good (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  git(dir, 'add', '.');
  assert.is(gitRun(dir, 'commit', '--no-verify', '-m', 'setup').status, 0);
  const good = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${good}bogus: 1\n`);
  writeFileSync(join(dir, 'notes.txt'), 'x\n');
  git(dir, 'add', 'notes.txt');
  const passed = gitRun(dir, 'commit', '-m', 'notes');
  assert.is(passed.status, 0, passed.stderr);
  assert.match(passed.stderr, /warning \.datatrack\/config\.yaml:\d+:1: unknown key "bogus" .*the work tree's copy, not staged/);
  assert.match(passed.stderr, /ok default: lint/);
  git(dir, 'add', '.datatrack/config.yaml');
  const blocked = gitRun(dir, 'commit', '-m', 'bogus');
  assert.is(blocked.status, 1);
  // in the hook's own words, as any finding that blocks
  assert.match(blocked.stderr, /^datatrack pre-commit: BLOCKED \.datatrack\/config\.yaml:\d+:1: unknown key "bogus"[^\n]*\ndatatrack pre-commit: blocked; fix the findings above, or bypass once with --no-verify\n/);
  assert.not.match(blocked.stderr, /not staged/);
  const push = run(['hook', 'pre-push'], dir, {}, '');
  assert.is(push.code, 1);
  assert.match(push.stderr, /^datatrack pre-push: ok pushing 0 refs\ndatatrack pre-push: BLOCKED \.datatrack\/config\.yaml:\d+:1: unknown key "bogus"/);
});

test("pre-commit with a TMPDIR it cannot use (missing, full) blocks saying TMPDIR is the cause, and leaves no scratch directory there", () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  runJson(['hooks', 'install', '--pre-commit'], dir);
  git(dir, 'add', '-A');
  const config = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  assert.ok(config.length > 512, 'the staged config must outgrow the file-size limit for its copy to fail');
  const missing = join(tempDir(), 'nonexistent');
  const commit = gitRunWith({ TMPDIR: missing }, dir, 'commit', '-m', 'x');
  assert.is(commit.status, 1);
  assert.is(commit.stderr, `datatrack: cannot make the pre-commit hook's copy of the staged files in ${missing} (TMPDIR): it does not exist; set TMPDIR to a directory you can write\n`);
  // A full TMPDIR (here a file-size limit): both copies, the index's view and, with a broken work-tree config, the staged config read instead.
  const full = tempDir();
  for (const workTreeConfig of [config, `${config}bogus: 1\n`]) {
    writeFileSync(join(dir, '.datatrack/config.yaml'), workTreeConfig);
    const failed = runWithFileSizeLimit(['hook', 'pre-commit'], dir, 1, { TMPDIR: full });
    assert.is(failed.code, 4, failed.stderr);
    assert.is(failed.stderr, `datatrack: cannot write the pre-commit hook's copy of the staged files in ${full} (TMPDIR): the file-size limit (ulimit -f) was reached; free some space there, or set TMPDIR to a directory you can write\n`);
    assert.equal(readdirSync(full), []);
  }
});

test("a damaged ref file of a target not configured here is a warning, not a block; a plain git push that would delete the remote's copy of it is blocked", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  const first = runJson<{ commit: string }>(['snapshot'], dir).commit;
  git(dir, 'update-ref', 'refs/datatrack/staging', first);
  const remote = join(tempDir(), 'remote.git');
  git(tempDir(), 'init', '--quiet', '--bare', remote);
  git(dir, 'remote', 'add', 'origin', remote);
  runJson(['hooks', 'install'], dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'first');
  // plain git push carries the snapshots too
  runJson(['remote', 'setup'], dir);
  git(dir, 'push', '--quiet');
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/staging').trim(), first);
  const ref = join(dir, '.git/refs/datatrack/staging');
  writeFileSync(ref, '');

  writeFileSync(join(dir, 'README'), 'hello\n');
  git(dir, 'add', 'README');
  const committed = gitRun(dir, 'commit', '-m', 'second');
  assert.is(committed.status, 0, committed.stderr);
  assert.match(committed.stderr, /^datatrack pre-commit: ok default: lint 0 errors/m);
  assert.match(committed.stderr, /^datatrack pre-commit: warning staging: refs\/datatrack\/staging is damaged: the ref file is empty instead of a commit id; remove .*\(target not configured in \.datatrack\/config\.yaml as staged: not blocking\)$/m);
  // git sends a ref it cannot read as a deletion: the remote's copy would go
  const plain = gitRun(dir, 'push');
  assert.is.not(plain.status, 0);
  assert.match(plain.stderr, /^datatrack pre-push: BLOCKED staging: refs\/datatrack\/staging is damaged: .*\n {4}this push would delete refs\/datatrack\/staging on the remote /m);
  assert.equal(plain.stderr.match(/refs\/datatrack\/staging is damaged/g)?.length, 1, plain.stderr);
  assert.is(git(remote, 'rev-parse', 'refs/datatrack/staging').trim(), first);
  // a push that leaves the ref out passes the hook, and so does datatrack's, which leaves it out
  const branch = gitRun(dir, 'push', 'origin', 'HEAD:refs/heads/main');
  assert.is(branch.status, 0, branch.stderr);
  assert.match(branch.stderr, /^datatrack pre-push: warning staging: refs\/datatrack\/staging is damaged/m);
  assert.is(run(['push', '-t', 'default'], dir).code, 0);
  // connected (here through the environment), its damage blocks, as a snapshot it cannot read would
  const connected = run(['hook', 'pre-commit'], dir, { DATATRACK_STAGING_URL: 'sqlite:///app.db' });
  assert.is(connected.code, 1, connected.stderr);
  assert.match(connected.stderr, /^datatrack pre-commit: BLOCKED staging: refs\/datatrack\/staging is damaged/m);
  writeFileSync(ref, `${first}\n`);
});

test.run();
