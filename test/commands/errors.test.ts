import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, fsck, GIT_ENV, git, newRepo, repoWithSqlite, run, runWithFileSizeLimit, sqliteDatabase, tempDir } from '../helpers/cli.js';

function expectError(result: { code: number; stdout: string; stderr: string }, code: number, pattern: RegExp): void {
  assert.is(result.code, code, `exit code (stderr: ${result.stderr})`);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, `one line, got:\n${result.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.not.match(result.stderr, /at .*\.js:\d+/);
}

function refs(dir: string): string {
  return git(dir, 'for-each-ref', 'refs/datatrack/');
}

test('outside any git repository, before init: exit 2, nothing written', () => {
  const dir = tempDir();
  expectError(run(['snapshot'], dir), 2, /not inside a git repository; run `datatrack init` first/);
  expectError(run(['history'], dir), 2, /not inside a git repository/);
});

test('disconnect in a repository without datatrack init: unknown target, and no .datatrack/ left behind', () => {
  const dir = newRepo();
  expectError(run(['disconnect'], dir), 2, /^datatrack: unknown target "default"; see `datatrack targets`$/);
  assert.equal(readdirSync(dir).filter((name) => name !== '.git'), []);
});

test('run in a directory that was removed: one line saying so, exit 4', () => {
  const gone = join(tempDir(), 'gone');
  const result = spawnSync('sh', ['-c', 'mkdir "$1" && cd "$1" && rmdir "$1" && exec "$2" "$3" history', 'sh', gone, process.execPath, BIN], { encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.is(result.status, 4, result.stderr);
  assert.is(result.stderr, 'datatrack: the current directory no longer exists; cd to an existing one and run it again\n');
});

test("what is piped to a command is never taken for an argument it was not given (oclif's default)", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  assert.is(run(['snapshot'], dir).code, 0);
  for (const args of [['show'], ['history'], ['diff'], ['lint']]) {
    const piped = run(args, dir, {}, 'no-such-revision\n');
    assert.is(piped.code, 0, `${args[0]}: ${piped.stderr}`);
  }
  const connect = run(['connect'], dir, {}, 'sqlite:///other.db\n');
  assert.is(connect.code, 2);
  assert.match(connect.stderr, /^datatrack: missing the url argument/);
});

test('init where git cannot create a repository: exit 4 with git\'s reason, not an internal error', () => {
  const dir = tempDir();
  chmodSync(dir, 0o555);
  // root writes anywhere: then init runs as nobody (the directory stays root's)
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(process.execPath, [BIN, 'init'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: dir }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  chmodSync(dir, 0o755);
  expectError({ code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }, 4, /^datatrack: cannot create a git repository in .*: .*\.git: Permission denied; run init where you may write, or git init first$/);
});

test('a directory whose path holds a line break is refused in one line, before anything is made there', () => {
  const dir = join(tempDir(), 'new\nline');
  mkdirSync(dir);
  expectError(run(['init'], dir), 2, /^datatrack: the path of this directory holds a line break, which datatrack cannot work with; use a repository whose path has none$/);
  assert.equal(readdirSync(dir), []);
});

test('init makes a SHA-1 repository when GIT_DEFAULT_HASH asks for SHA-256 (it would refuse its own)', () => {
  const dir = tempDir();
  const result = run(['init'], dir, { GIT_DEFAULT_HASH: 'sha256' });
  assert.is(result.code, 0, result.stderr);
  assert.is(execFileSync('git', ['rev-parse', '--show-object-format'], { cwd: dir, encoding: 'utf8' }).trim(), 'sha1');
});

test('init where a damaged .git (HEAD of garbage) survives git init: exit 4 saying so, not an internal error', () => {
  const dir = newRepo();
  const head = readFileSync(join(dir, '.git/HEAD'));
  writeFileSync(join(dir, '.git/HEAD'), 'garbage\n');
  expectError(run(['init'], dir), 4, /^datatrack: git init ran in .*, but git still finds no repository there: its \.git is damaged \(`git status` says how\); repair it, or move it away and run datatrack init again$/);
  writeFileSync(join(dir, '.git/HEAD'), head);
});

test('init where .datatrack/ may not be written: exit 4 naming the file and the directory, not a raw EACCES', () => {
  const dir = newRepo();
  mkdirSync(join(dir, '.datatrack'));
  chmodSync(join(dir, '.datatrack'), 0o555);
  // root writes anywhere: then init runs as nobody, which may enter the repository (git told to
  // trust it, root's) and has a home of its own, where oclif looks for its data
  const asRoot = process.getuid?.() === 0;
  const home = tempDir();
  for (const open of [dir, home]) chmodSync(open, 0o777);
  const trust = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
  const result = spawnSync(process.execPath, [BIN, 'init'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, ...trust, HOME: home }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  chmodSync(dir, 0o755);
  chmodSync(join(dir, '.datatrack'), 0o755);
  expectError({ code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }, 4, /^datatrack: cannot write \.datatrack\/[\w.]+: permission denied; check that you may write .*\/\.datatrack$/);
});

test('an unknown command: one line, exit 2, and a JSON error with --json', () => {
  const dir = newRepo();
  expectError(run(['nosuchcmd'], dir), 2, /^datatrack: unknown command "nosuchcmd"; see `datatrack --help`$/);
  expectError(run(['hooks', 'bogus'], dir), 2, /^datatrack: unknown command "hooks bogus"/);
  // a word after a command that takes none is named as the argument it is
  expectError(run(['init', 'extra-arg'], dir), 2, /^datatrack: init takes no argument "extra-arg"; see `datatrack init --help`$/);
  // where the command takes -t, the word is probably a target name typed as an argument
  expectError(run(['snapshot', 'prod'], dir), 2, /^datatrack: snapshot takes no argument "prod" \(a target is given as -t prod\); see `datatrack snapshot --help`$/);
  // a database typed where its target belongs: how it becomes one
  expectError(run(['snapshot', 'app.db'], dir), 2, /^datatrack: snapshot takes no argument "app\.db" \(a target is given as -t app\.db; a database is added as a target with `datatrack connect app\.db`\); see/);
  expectError(run(['snapshot', 'postgresql://app:s3cret@db/shop'], dir), 2, /^datatrack: snapshot takes no argument "postgresql:\/\/app:\*\*\*@db\/shop" \(a database is added as a target with `datatrack connect <url>`\); see/);
  expectError(run(['diff', 'mysql://root:s3cret@db/shop'], dir), 2, /^datatrack: unknown revision "mysql:\/\/root:\*\*\*@db\/shop"; .*; revisions are snapshots: a database is added as a target with `datatrack connect <url>`, then snapshotted$/);
  expectError(run(['app.sqlite3'], dir), 2, /^datatrack: a database file is not a command; to add it as a target: datatrack connect app\.sqlite3$/);
  expectError(run(['hooks', 'install', 'now'], dir), 2, /^datatrack: hooks install takes no argument "now"; see `datatrack hooks install --help`$/);
  // the first such word, as typed (oclif joins the words with colons, which a word may hold)
  expectError(run(['targets', 'a:b', 'c'], dir), 2, /^datatrack: targets takes no argument "a:b"; see `datatrack targets --help`$/);
  // a word oclif parses as an argument (one holding `?`), or one past a command's arguments: said alike
  expectError(run(['test-connection', 'postgresql://app:s3cret@db/shop?sslmode=require'], dir), 2, /^datatrack: test-connection takes no argument "postgresql:\/\/app:\*\*\*@db\/shop\?sslmode=require" \(a database is added as a target with `datatrack connect <url>`\); see `datatrack test-connection --help`$/);
  expectError(run(['init', 'a?b'], dir), 2, /^datatrack: init takes no argument "a\?b"; see `datatrack init --help`$/);
  expectError(run(['show', 'HEAD', 'main.t', 'extra'], dir), 2, /^datatrack: show takes at most 2 arguments; "extra" is one too many; see `datatrack show --help`$/);
  // a target's name given to connect as `git remote add` takes one, before or after the database
  expectError(run(['connect', 'prod', 'postgresql://app:s3cret@db/shop'], dir), 2, /^datatrack: connect takes at most 1 argument; "postgresql:\/\/app:\*\*\*@db\/shop" is one too many \(a target is named with --name: `datatrack connect <url> --name prod`\); see `datatrack connect --help`$/);
  expectError(run(['connect', '-t', 'x', 'app.db', 'prod'], dir), 2, /\(a target is named with --name: `datatrack connect app\.db --name prod`\)/);
  expectError(run(['connect', 'a', 'b'], dir), 2, /^datatrack: connect takes at most 1 argument; "b" is one too many; see `datatrack connect --help`$/);
  // a URL typed as the command: said so, its words not mangled into a command name
  expectError(run(['postgresql://app:pw@db:5432/shop'], dir), 2, /^datatrack: a connection URL is not a command; to add it as a target: datatrack connect <url>$/);
  // flags before the command: said so, with the command line reordered (a URL in it redacted)
  expectError(run(['-t', 'default', 'snapshot'], dir), 2, /^datatrack: "-t" is a flag, not a command: flags go after the command \(datatrack snapshot -t default\); see `datatrack --help`$/);
  expectError(run(['--source', 'postgresql://app:s3cret@db/shop', 'pipeline', 'run'], dir), 2, /\(datatrack pipeline run --source postgresql:\/\/app:\*\*\*@db\/shop\)/);
  assert.match(JSON.parse(run(['--json', 'history'], dir).stdout).error.message, /^"--json" is a flag, not a command/);
  // a typo names what was probably meant, for one-word and two-word commands alike
  expectError(run(['snapsot'], dir), 2, /^datatrack: unknown command "snapsot" \(did you mean snapshot\?\); see `datatrack --help`$/);
  // or the one command its first letters start
  expectError(run(['snap'], dir), 2, /^datatrack: unknown command "snap" \(did you mean snapshot\?\); see `datatrack --help`$/);
  expectError(run(['history', '-f', 'json'], dir), 2, /^datatrack: Nonexistent flag: -f; did you mean --json\? \(see --help\)$/);
  // flags that exclude each other are named as typed, without the value oclif parsed
  expectError(run(['diff', '--stat', '--name-only'], dir), 2, /^datatrack: --stat and --name-only cannot be given together: give one of them \(see --help\)$/);
  // a URL after the typo is quoted as typed (oclif's id holds its colons as word breaks), password redacted
  expectError(run(['snapsot', 'postgresql://u:s3cret@h:5432/db'], dir), 2, /^datatrack: unknown command "snapsot postgresql:\/\/u:\*\*\*@h:5432\/db" \(did you mean snapshot\?\); see/);
  expectError(run(['hooks', 'instal'], dir), 2, /^datatrack: unknown command "hooks instal" \(did you mean hooks install\?\); see `datatrack --help`$/);
  // a topic with a word it does not take: its commands, not the topic again
  expectError(run(['hooks', 'bogus'], dir), 2, /^datatrack: unknown command "hooks bogus" \(did you mean hooks install or hooks uninstall\?\); see `datatrack --help`$/);
  // other tools' help and version commands (git help diff, npm -v): what to type here
  expectError(run(['help'], dir), 2, /^datatrack: help is a flag here: datatrack --help$/);
  expectError(run(['help', 'pipeline', 'run'], dir), 2, /^datatrack: help is a flag here: datatrack pipeline run --help$/);
  for (const word of ['version', '-v', '-V']) expectError(run([word], dir), 2, /^datatrack: the version is a flag here: datatrack --version$/);
  // a topic without its command is a usage error, not its help and exit 0 (a CI step would pass doing nothing)
  expectError(run(['pipeline'], dir), 2, /^datatrack: pipeline needs a command: pipeline run; see `datatrack pipeline --help`$/);
  expectError(run(['hooks'], dir), 2, /^datatrack: hooks needs a command: hooks install or hooks uninstall; see `datatrack hooks --help`$/);
  assert.equal(JSON.parse(run(['remote', '--json'], dir).stdout).error.exitCode, 2);
  const topicHelp = run(['pipeline', '--help'], dir);
  assert.equal([topicHelp.code, /pipeline run/.test(topicHelp.stdout)], [0, true]);
  const json = run(['nosuchcmd', '--json'], dir);
  assert.is(json.code, 2);
  assert.equal(JSON.parse(json.stdout), { error: { code: 'UNKNOWN_COMMAND', message: 'unknown command "nosuchcmd"; see `datatrack --help`', exitCode: 2 } });
});

test('flags that ask for two different things: one-line usage error, nothing done', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  run(['snapshot'], dir);
  expectError(run(['disconnect', '--name', 'default', '-t', 'other'], dir), 2, /^datatrack: --name default and --target other name different targets; give one$/);
  assert.match(run(['targets'], dir).stdout, /^\* default /m);
  const statJson = run(['diff', '--stat', '--format', 'json'], dir);
  assert.equal([statJson.code, JSON.parse(statJson.stdout).error.message], [2, '--stat is a layout of the text output; it does not combine with --format json']);
  expectError(run(['diff', '--stat', '--name-only'], dir), 2, /--name-only|--stat/);
  for (const command of ['lint', 'verify']) {
    const sarifAndJson = run([command, '--format', 'sarif', '--json'], dir);
    assert.equal([sarifAndJson.code, JSON.parse(sarifAndJson.stdout).error.message], [2, '--json and --format sarif ask for two outputs; give one'], command);
  }
  const yamlAndJson = run(['diff', '--format', 'yaml', '--json'], dir);
  assert.equal([yamlAndJson.code, JSON.parse(yamlAndJson.stdout).error.message], [2, '--json and --format yaml ask for two outputs; give one']);
  const both = run(['export', '--format', 'yaml', '--json', '-o', '-'], dir);
  assert.is(both.code, 2);
  assert.equal(JSON.parse(both.stdout), { error: { code: 'USAGE', message: '--json and --format yaml ask for two outputs on stdout; give one', exitCode: 2 } });
});

test('a switch given a value (--json=true, --exit-code=false) is refused, not dropped for an argument; a valued flag takes one', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  run(['snapshot'], dir);
  for (const [args, flag] of [[['lint', '--json=true'], '--json'], [['diff', '--exit-code=false'], '--exit-code'], [['push', '--no-verify=true'], '--no-verify'], [['snapshot', '--no-color=1'], '--no-color']] as const) {
    expectError(run([...args], dir), 2, new RegExp(`^datatrack: ${flag} takes no value; give ${flag} alone, or leave it out$`));
  }
  assert.is(run(['lint', '--format=json'], dir).code, 0);
  // after --, a word is an argument, whatever it looks like
  assert.match(run(['show', '--', '--json=x'], dir).stderr, /unknown revision|no object/);
});

test('unknown target: exit 2 and the known targets named', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  expectError(run(['snapshot', '-t', 'nope'], dir), 2, /unknown target "nope"; known targets: default/);
  expectError(run(['snapshot', '-t', 'defualt'], dir), 2, /unknown target "defualt"; did you mean default\? known targets: default/);
  expectError(run(['snapshot', '-t', '../x'], dir), 2, /invalid target name/);
  assert.is(refs(dir), '');
  // commands that read snapshots say the same of a name that is neither configured nor snapshotted
  run(['snapshot'], dir);
  for (const command of [['history'], ['diff'], ['show'], ['export'], ['lint'], ['verify']]) {
    expectError(run([...command, '-t', 'prdo'], dir), 2, /unknown target "prdo"; known targets: default/);
  }
  // targets lists the one named; commands that work for every target refuse -t rather than ignore it
  assert.equal(JSON.parse(run(['targets', '--json', '-t', 'default'], dir).stdout).map((t: { name: string }) => t.name), ['default']);
  expectError(run(['targets', '-t', 'prdo'], dir), 2, /unknown target "prdo"; known targets: default/);
  for (const command of [['rules'], ['init'], ['hooks', 'install'], ['hooks', 'uninstall'], ['remote', 'setup'], ['demo'], ['hook', 'pre-commit']]) {
    expectError(run([...command, '-t', 'default'], dir), 2, new RegExp(`^datatrack: ${command[0] === 'hook' ? 'hook' : command.join(' ')} takes no target \\(it [^)]+\\); leave out -t default$`));
    // and their help does not offer it
    assert.not.match(run([...command, '--help'], dir).stdout, /--target/, command.join(' '));
  }
  assert.match(run(['snapshot', '--help'], dir).stdout, /-t, --target/);
  // a git repository where datatrack was never set up says how to begin
  expectError(run(['snapshot'], newRepo()), 2, /unknown target "default"; no target is configured yet: run `datatrack init`, then `datatrack connect <url>`/);
  // after init, only connect is left to do
  const initialized = newRepo();
  assert.is(run(['init'], initialized).code, 0);
  expectError(run(['snapshot'], initialized), 2, /unknown target "default"; no target is configured yet: run `datatrack connect <url>`$/);
});

test('a default_target that names no target says it comes from the config', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ndefault_target: prod\ntargets:\n  default: {dialect: sqlite, database: app.db}\n');
  // so do the commands that read snapshots, rather than "prod has no snapshots yet"
  for (const command of [['snapshot'], ['history'], ['lint'], ['diff']]) {
    expectError(run(command, dir), 2, /^datatrack: unknown target "prod" \(the default_target of \.datatrack\/config\.yaml\); known targets: default$/);
  }
  // a name typed with -t is only that
  expectError(run(['snapshot', '-t', 'prdo'], dir), 2, /^datatrack: unknown target "prdo"; known targets: default$/);
});

test('with the default target disconnected, snapshot says to give -t', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  run(['connect', 'sqlite:///app.db', '--name', 'prod'], dir);
  run(['disconnect'], dir);
  for (const command of [['snapshot'], ['test-connection']]) {
    expectError(run(command, dir), 2, /^datatrack: unknown target "default" \(no default_target is set; give -t NAME\); known targets: prod$/);
  }
  // so do the commands that read snapshots, rather than "run `datatrack snapshot -t default`"
  for (const command of [['history'], ['show'], ['lint'], ['verify'], ['diff'], ['export', '-o', '-']]) {
    expectError(run(command, dir), 2, /^datatrack: unknown target "default" \(no default_target is set; give -t NAME\); known targets: prod$/);
  }
  assert.is(run(['history', '-t', 'prod'], dir).code, 2, 'prod has no snapshots: still its own message');
  assert.match(run(['history', '-t', 'prod'], dir).stderr, /target prod has no snapshots yet/);
});

test('a malformed URL in DATATRACK_<TARGET>_URL is named by its variable, its password never shown', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  for (const command of [['snapshot'], ['targets']]) {
    const result = run(command, dir, { DATATRACK_DEFAULT_URL: 'postgresql:/app:s3cret@db/shop' });
    expectError(result, 2, /^datatrack: DATATRACK_DEFAULT_URL: a postgresql URL starts with postgresql:\/\//);
    assert.not.match(result.stderr, /s3cret/);
  }
  assert.is(refs(dir), '');
});

test('a SQLite path that does not exist: exit 3, no file created', () => {
  const dir = newRepo();
  run(['init'], dir);
  expectError(run(['connect', 'sqlite:///missing.db'], dir), 3, /missing\.db does not exist/);
  assert.is(run(['targets', '--json'], dir).stdout.trim(), '[]');
  const { dir: other, db } = repoWithSqlite('CREATE TABLE t(x)');
  rmSync(db); // the database file disappears behind the target's back
  expectError(run(['snapshot'], other), 3, /does not exist/);
  assert.not.ok(existsSync(db));
  assert.is(refs(other), '');
});

test('a file that is not a SQLite database: exit 3', () => {
  const dir = newRepo();
  run(['init'], dir);
  writeFileSync(join(dir, 'notes.db'), 'plain text, certainly not a database file; long enough to be read');
  expectError(run(['connect', 'sqlite:///notes.db'], dir), 3, /notes\.db is not a SQLite database/);
});

test("a SQLite file the user may not read: exit 3 saying permission denied, not SQLite's \"unable to open database file\"", () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t(x)');
  // root reads any file: then the CLI runs as nobody, in a repository that account owns (git trusts no other)
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', '65534:65534', dir]);
  chmodSync(db, 0o000);
  const result = spawnSync(process.execPath, [BIN, 'snapshot'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: dir }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
  chmodSync(db, 0o644);
  if (asRoot) execFileSync('chown', ['-R', '0:0', dir]);
  expectError({ code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }, 3, /^datatrack: cannot open SQLite database .*app\.db: permission denied; check the permissions of the file and of its directories$/);
  assert.is(refs(dir), '');
});

test('output that cannot be written (a full disk) is one line on stderr and exit 4, not a stack trace', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  assert.is(run(['snapshot'], dir).code, 0);
  const full = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, [BIN, 'export', '--format', 'json', '-o', '-'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', full, 'pipe'] });
    assert.is(result.status, 4);
    assert.is(result.stderr, 'datatrack: cannot write to standard output: no space left on the device; choose another path\n');
  } finally {
    closeSync(full);
  }
  // a file on a full device is the same storage failure, not a path to choose again (exit 2)
  const toFile = run(['export', '-o', '/dev/full'], dir);
  assert.is(toFile.code, 4, toFile.stderr);
  assert.is(toFile.stderr, 'datatrack: cannot write /dev/full: no space left on the device; choose another path\n');
  // so is a file-size limit, which stops the write part way as a full disk does
  const wide = repoWithSqlite(Array.from({ length: 20 }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, name TEXT);`).join('\n')).dir;
  assert.is(run(['snapshot'], wide).code, 0);
  const limited = runWithFileSizeLimit(['export', '--format', 'markdown', '-o', join(wide, 'schema.md')], wide, 1);
  assert.is(limited.code, 4, limited.stderr);
  assert.is(limited.stderr, `datatrack: cannot write ${join(wide, 'schema.md')}: the file-size limit (ulimit -f) was reached; choose another path\n`);
  // and leaves no truncated file behind: none where there was none, the old one where there was one
  assert.equal(readdirSync(wide).filter((f) => f.includes('schema.md')), []);
  writeFileSync(join(wide, 'schema.md'), 'the last good export\n');
  assert.is(runWithFileSizeLimit(['export', '--format', 'markdown', '-o', join(wide, 'schema.md')], wide, 1).code, 4);
  assert.is(readFileSync(join(wide, 'schema.md'), 'utf8'), 'the last good export\n');
  assert.equal(readdirSync(wide).filter((f) => f.includes('schema.md')), ['schema.md']);
});

test('stdout filling part-way (a file-size limit) is exit 4 and one line, not a document cut short and exit 0', () => {
  // libuv reports a write's error only when nothing was written: a short count was taken as done.
  const { dir } = repoWithSqlite(Array.from({ length: 40 }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, name TEXT);`).join('\n'));
  assert.is(run(['snapshot'], dir).code, 0);
  for (const args of [['export', '-f', 'yaml', '-o', '-'], ['lint', '--json'], ['lint', '-f', 'sarif']]) {
    const result = spawnSync('sh', ['-c', 'ulimit -f 1 && exec "$0" "$@" > "$OUT"', process.execPath, BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV, OUT: join(dir, 'out') },
    });
    assert.equal([result.status, result.stderr], [4, 'datatrack: cannot write to standard output: the file-size limit (ulimit -f) was reached; choose another path\n'], args.join(' '));
  }
  // oclif's own help and version, written before any command runs, fail the same way
  const full = openSync('/dev/full', 'w');
  try {
    for (const args of [['history', '--help'], ['--version']]) {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', full, 'pipe'] });
      assert.equal([result.status, result.stderr], [4, 'datatrack: cannot write to standard output: no space left on the device; choose another path\n'], args.join(' '));
    }
  } finally {
    closeSync(full);
  }
});

test('a reader that takes its time (a pager) gets the whole document, and the exit status of the run', () => {
  // Node held what the pipe did not take in memory, and oclif, finding stdout still busy 10 s after
  // the command, ended it: exit 1, "timed out", the reader left with the first 64 KiB.
  const { dir } = repoWithSqlite(Array.from({ length: 100 }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, Name TEXT, parent INTEGER REFERENCES t${i}(id));`).join('\n'));
  assert.is(run(['snapshot'], dir).code, 0);
  const whole = run(['lint', '--format', 'sarif'], dir).stdout;
  assert.ok(whole.length > 256 * 1024, `${whole.length} bytes: more than a pipe holds`);
  const slow = spawnSync('sh', ['-c', '{ "$0" "$@"; echo "exit $?" >&2; } | { sleep 11; wc -c; }', process.execPath, BIN, 'lint', '--format', 'sarif'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
  });
  assert.equal([slow.stdout.trim(), slow.stderr], [String(Buffer.byteLength(whole)), 'exit 0\n']);
});

test('malformed config: exit 2 with file:line:column', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: [unclosed\n');
  expectError(run(['snapshot'], dir), 2, /^datatrack: \.datatrack\/config\.yaml:\d+:\d+: /);
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: oracle\n    database: x\n');
  expectError(run(['snapshot'], dir), 2, /\.datatrack\/config\.yaml:4:14: dialect must be one of postgres, mysql, sqlite/);
  // the URL schemes' names are dialects too
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: SQLite\n    database: app.db\n');
  assert.is(run(['test-connection'], dir).code, 0);
  // a server part on a file target: its dialect was changed by hand
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    host: db.internal\n    database: app.db\n');
  expectError(run(['snapshot'], dir), 2, /config\.yaml:5:5: a sqlite target has no host: its database is the file's path; remove host, or set the dialect of the server it names$/);
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargetz: {}\n');
  expectError(run(['snapshot'], dir), 2, /config\.yaml:2:1: unknown key "targetz"/);
  // sections no command reads are refused, not silently ignored
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\nsnapshot: {jobs: 4}\n');
  expectError(run(['snapshot'], dir), 2, /config\.yaml:2:1: unknown key "snapshot" \(known: version, default_target, targets, lint, pipeline, hooks, renames, impact\)/);
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: ${NOPE_NOT_SET}\n');
  expectError(run(['snapshot'], dir), 2, /NOPE_NOT_SET/);
  // a port out of range, as a number or a string, and a target name that cannot be a git ref
  for (const port of ['99999', '0', '"abc"']) {
    writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ntargets:\n  default:\n    dialect: postgres\n    host: 127.0.0.1\n    port: ${port}\n    database: x\n`);
    expectError(run(['snapshot'], dir), 2, /config\.yaml:6:11: port must be a whole number from 1 to 65535$/);
  }
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default:\n    dialect: postgres\n    database: x\n    port: ${DT_TEST_PORT}\n');
  expectError(run(['snapshot'], dir, { DT_TEST_PORT: '70000' }), 2, /target default: port "\$\{DT_TEST_PORT\}" is not a port number from 1 to 65535$/);
  for (const name of ['a b', 'x.lock', '.hid', 'bad..name']) {
    writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ntargets:\n  "${name}": {dialect: sqlite, database: app.db}\n`);
    expectError(run(['snapshot', '--all'], dir), 2, /config\.yaml:3:3: invalid target name .* \(target names become git refs, refs\/datatrack\/<name>\)$/);
  }
  // names connect refuses side by side, written by hand (or merged from two branches): caught before any snapshot
  for (const [first, second, why] of [['eu', 'eu/prod', 'git cannot hold both refs/datatrack/eu/prod and refs/datatrack/eu'], ['prod-db', 'prod_db', 'both would take their URL from DATATRACK_PROD_DB_URL'], ['lite', 'Lite', 'both would take their URL from DATATRACK_LITE_URL']]) {
    writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ntargets:\n  ${first}: {dialect: sqlite, database: app.db}\n  ${second}: {dialect: sqlite, database: app.db}\n`);
    for (const args of [['snapshot', '--all'], ['pipeline', 'run', '--all'], ['targets']]) {
      expectError(run(args, dir), 2, new RegExp(`^datatrack: \\.datatrack/config\\.yaml:4:3: target name "${second}" clashes with "${first}": ${why}; rename one of them$`));
    }
  }
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default: {dialect: sqlite, database: app.db, connect_timeout: 1e9}\n');
  expectError(run(['snapshot'], dir), 2, /connect_timeout must be a number of seconds above 0 and at most 2147483$/);
  // an empty scope would commit a snapshot that reads as every table dropped
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default: {dialect: sqlite, database: app.db, schemas: []}\n');
  expectError(run(['snapshot'], dir), 2, /config\.yaml:3:57: schemas is an empty list, which tracks no schema: list the schemas \(or globs\) to track, or leave the key out to track them all$/);
  // a timer longer than Node's 2^31 - 1 ms fires at once: every push was blocked
  writeFileSync(join(dir, '.datatrack/config.yaml'), 'version: 1\ntargets:\n  default: {dialect: sqlite, database: app.db}\nhooks: {timeout: 2147484}\n');
  const hook = run(['hook', 'pre-commit'], dir);
  assert.is(hook.code, 1);
  assert.match(hook.stderr, /^datatrack pre-commit: BLOCKED \.datatrack\/config\.yaml:4:18: hooks\.timeout must be a number of seconds above 0 and at most 2147483\n/);
  assert.is(refs(dir), '');
  fsck(dir);
});

test('a connection URL where a file path belongs is refused, its password never echoed', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  run(['snapshot', '-m', 'pasted postgresql://app:s3cret-pw@db/shop by mistake'], dir);
  assert.match(git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default'), /pasted postgresql:\/\/app:\*\*\*@db\/shop by mistake/);
  const url = 'postgresql://app:s3cret-pw@db:5432/shop';
  for (const args of [['export', '-o', url], ['verify', '--rules', url], ['pipeline', 'run', '--summary', url], ['pipeline', 'run', '--export-dir', url]]) {
    const result = run(args, dir);
    expectError(result, 2, /^datatrack: Parsing --[a-z-]+: expected a file path, not a URL \(postgresql:\/\/app:\*\*\*@db:5432\/shop\) \(see --help\)$/);
    assert.not.match(result.stdout + result.stderr, /s3cret/, args.join(' '));
  }
  assert.is(git(dir, 'status', '--porcelain', '--untracked-files=all').includes('s3cret'), false);
  // an empty path (an unset variable) would mean the current directory
  for (const args of [['export', '-o', ''], ['verify', '--rules', ' ']]) {
    expectError(run(args, dir), 2, /^datatrack: Parsing --[a-z]+: expected a file path, got an empty value \(see --help\)$/);
  }
  const cat = git(dir, 'cat-file', '--batch-all-objects', '--batch');
  assert.not.match(cat, /s3cret/);
});

test("a URL of another engine than the target's is refused before it connects: one target's history is one engine's", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  assert.is(run(['snapshot'], dir).code, 0);
  const tip = git(dir, 'rev-parse', 'refs/datatrack/default');
  const env = { DATATRACK_DEFAULT_URL: 'mysql://app:s3cret-pw@127.0.0.1:1/shop' };
  for (const args of [['snapshot'], ['diff', '--live'], ['pipeline', 'run', '--source', env.DATATRACK_DEFAULT_URL]]) {
    const result = run(args, dir, args[0] === 'pipeline' ? {} : env);
    const given = args[0] === 'pipeline' ? '--source' : 'DATATRACK_DEFAULT_URL';
    assert.ok((result.stdout + result.stderr).includes(`${given} is a MySQL connection, but target default is SQLite in .datatrack/config.yaml; give a SQLite URL, or use a MySQL target (-t NAME)\n`), result.stdout + result.stderr);
    assert.not.match(result.stdout + result.stderr, /s3cret/, args.join(' '));
    assert.is.not(result.code, 0, args.join(' '));
  }
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), tip);
});

test("an unconfigured target's URL of another engine than its snapshots' is refused before it connects", () => {
  const dir = newRepo();
  sqliteDatabase(join(dir, 'app.db'), 'CREATE TABLE t(x)');
  const sqlite = { DATABASE_URL: 'sqlite:///app.db' };
  assert.is(run(['snapshot'], dir, sqlite).code, 0);
  const tip = git(dir, 'rev-parse', 'refs/datatrack/default');
  const mysql = 'mysql://app:s3cret-pw@127.0.0.1:1/shop';
  for (const [args, env, given] of [
    [['snapshot'], { DATABASE_URL: mysql }, 'DATABASE_URL'],
    [['snapshot', '-t', 'default'], { DATATRACK_DEFAULT_URL: mysql }, 'DATATRACK_DEFAULT_URL'],
    [['pipeline', 'run', '--source', mysql], sqlite, '--source'],
    // drift read from another engine would be every object removed, as for a configured target
    [['diff', '--live'], { DATABASE_URL: mysql }, 'DATABASE_URL'],
    [['diff', '--live', '-t', 'default'], { DATATRACK_DEFAULT_URL: mysql }, 'DATATRACK_DEFAULT_URL'],
  ] as const) {
    const result = run([...args], dir, env);
    assert.ok((result.stdout + result.stderr).includes(`${given} is a MySQL connection, but the snapshots of target default are SQLite; give a SQLite URL, or snapshot MySQL as another target (-t NAME)\n`), result.stdout + result.stderr);
    assert.not.match(result.stdout + result.stderr, /s3cret/, args.join(' '));
    assert.is.not(result.code, 0, args.join(' '));
  }
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default'), tip);
  // another target name starts its own history
  sqliteDatabase(join(dir, 'other.db'), 'CREATE TABLE u(y)');
  assert.is(run(['snapshot', '-t', 'other'], dir, { DATATRACK_OTHER_URL: 'sqlite:///other.db' }).code, 0);
});

test("connect of another engine under a name whose snapshots are another engine's needs --force", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  assert.is(run(['snapshot'], dir).code, 0);
  assert.is(run(['disconnect'], dir).code, 0);
  const config = readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8');
  expectError(
    run(['connect', 'mysql://app:s3cret-pw@127.0.0.1:1/shop'], dir),
    2,
    /^datatrack: the snapshots of target default are SQLite; connect this MySQL database under another --name, or give --force to go on with its history on MySQL \(its next snapshot then shows every object removed and added\)$/,
  );
  assert.is(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), config);
  // --force goes on (here to a closed port: exit 3); the same engine, or another name, needs nothing
  assert.is(run(['connect', 'mysql://app@127.0.0.1:1/shop', '--force'], dir).code, 3);
  sqliteDatabase(join(dir, 'other.db'), 'CREATE TABLE u(y)');
  assert.is(run(['connect', 'sqlite:///other.db'], dir).code, 0);
  assert.is(run(['connect', 'mysql://app@127.0.0.1:1/shop', '--name', 'shop'], dir).code, 3);
});

test('connect over a configured target whose snapshots are another engine\'s says so before --force is given', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  assert.is(run(['snapshot'], dir).code, 0);
  // the --force it asks for also puts this engine's snapshots on that history: said here, as for a disconnected name
  expectError(
    run(['connect', 'mysql://app@127.0.0.1:1/shop'], dir),
    2,
    /^datatrack: target default already exists and its snapshots are SQLite; use --force to replace it with this MySQL database \(its next snapshot then shows every object removed and added\) or --name to add another$/,
  );
  expectError(run(['connect', 'sqlite:///other.db'], dir), 2, /^datatrack: target default already exists; use --force to replace it or --name to add another$/);
});

test('connect: an empty URL, a bad port or connect_timeout in the URL: exit 2, nothing saved', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  expectError(run(['connect', ''], dir), 2, /^datatrack: the URL is empty; give a connection URL or a SQLite file path$/);
  expectError(run(['connect', 'postgresql://app@db:0/shop', '--name', 'p'], dir), 2, /port 0 is not a port one can connect to/);
  for (const timeout of ['abc', '-5', '0', '1e9', '9999999']) {
    expectError(run(['connect', `postgresql://app@db/shop?connect_timeout=${timeout}`, '--name', 'p'], dir), 2, /connect_timeout=".*" is not a number of seconds from 1 to 2147483/);
  }
  assert.not.match(readFileSync(join(dir, '.datatrack/config.yaml'), 'utf8'), /shop/);
});

test('errors under --json are JSON on stdout; --debug adds the stack', () => {
  const dir = tempDir();
  const result = run(['snapshot', '--json'], dir);
  assert.is(result.code, 2);
  assert.equal(JSON.parse(result.stdout), { error: { code: 'NOT_A_REPO', message: 'not inside a git repository; run `datatrack init` first', exitCode: 2 } });
  // the stack names the compiled module that threw, not the command's bundle
  assert.match(run(['snapshot', '--debug'], dir).stderr, /at openRepository \(.*dist\/src\/store\/repository\.js:\d+/);
  // --format json is machine output too: lint, verify and diff give their errors as JSON then
  for (const args of [['lint', '--format', 'json'], ['verify', '--format=json'], ['diff', '--format', 'json'], ['lint', '-f', 'json'], ['verify', '-fjson'], ['lint', '-f=json']]) {
    const failed = run(args, dir);
    assert.equal([failed.code, JSON.parse(failed.stdout).error.code], [2, 'NOT_A_REPO'], args.join(' '));
  }
});

test("flag and argument errors: exit 2, one line that keeps oclif's reason", () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  for (const [args, line] of [
    [['history', '-n', 'abc'], 'datatrack: Parsing --max: Expected an integer but received: abc (see --help)'],
    [['snapshot', '-t', 'default', '--all'], 'datatrack: --all and --target cannot be given together: give one of them (see --help)'],
    [['connect'], 'datatrack: missing the url argument: Connection URL (SQLAlchemy style) or a SQLite file path (see --help)'],
    [['hook'], 'datatrack: missing the hook argument: one of pre-commit, pre-push (see --help)'],
    [['snapshot', '--bogus'], 'datatrack: Nonexistent flag: --bogus (see --help)'],
    // a typo names the flag probably meant
    [['snapshot', '--alow-empty'], 'datatrack: Nonexistent flag: --alow-empty; did you mean --allow-empty? (see --help)'],
    [['snapshot', '-all'], 'datatrack: Nonexistent flag: -all; did you mean --all? (see --help)'],
    [['diff', '--formt=json'], 'datatrack: Nonexistent flag: --formt=json; did you mean --format? (see --help)'],
    // another tool's way to ask for JSON, on a command whose only machine output is --json
    [['history', '--format=json'], 'datatrack: Nonexistent flag: --format=json; did you mean --json? (see --help)'],
    [['show', '--fromat', 'json'], 'datatrack: Nonexistent flag: --fromat; did you mean --json? (see --help)'],
    // one letter is one edit from any other: the one long flag of that letter, or no guess
    [['pipeline', 'run', '-v'], 'datatrack: Nonexistent flag: -v; did you mean --verbose? (see --help)'],
    [['snapshot', '-a'], 'datatrack: Nonexistent flag: -a (see --help)'],
    [['lint', '-n', '3'], 'datatrack: Nonexistent flag: -n (see --help)'],
  ] as const) {
    const result = run([...args], dir);
    assert.is(result.code, 2, args.join(' '));
    assert.is(result.stderr, `${line}\n`, args.join(' '));
  }
});

test('a stderr that cannot be written (a full disk, a reader gone) loses the message, never the exit code', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER)');
  const full = openSync('/dev/full', 'w');
  try {
    for (const args of [['history', '--bogus'], ['histroy'], ['history', '-t', 'nope']]) {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', full] });
      assert.is(result.status, 2, args.join(' '));
    }
  } finally {
    closeSync(full);
  }
});

test('unknown revisions and objects: exit 2', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  expectError(run(['show'], dir), 2, /has no snapshots yet; run `datatrack snapshot -t default`/);
  run(['snapshot'], dir);
  expectError(run(['show', 'default~5'], dir), 2, /goes back past the first snapshot/);
  // longer than a ref's file name can be: no such revision or target (it was a storage error, exit 4)
  const long = 'a'.repeat(300);
  expectError(run(['diff', long], dir), 2, /^datatrack: unknown revision "a{300}"/);
  expectError(run(['connect', 'app.db', '--name', long], dir), 2, /^datatrack: invalid target name "a{300}": it has a component longer than 250 bytes, more than a ref's file name can hold$/);
  expectError(run(['show', 'main.nope'], dir), 2, /no object "main\.nope"/);
  expectError(run(['show', 'default', 'zzz'], dir), 2, /no object "zzz"/);
  // a near miss is suggested, alone or as schema.name
  expectError(run(['show', 'main.tt'], dir), 2, /^datatrack: no object "main\.tt" in this snapshot; did you mean "main\.t"\?$/);
  expectError(run(['show', 'tt'], dir), 2, /^datatrack: unknown revision or object "tt": .* \(did you mean "main\.t"\?\)$/);
  // a lone argument that is neither: a revision-like one is named as both, not only as a missing object
  for (const arg of ['prod~1', 'deadbeef']) {
    expectError(run(['show', arg], dir), 2, new RegExp(`^datatrack: unknown revision or object "${arg}": not a target name, target~N, commit id or refs/datatrack/ ref, nor a schema\\.name in default's latest snapshot`));
  }
  expectError(run(['export', '--format', 'xml'], dir), 2, /format/);
  expectError(run(['diff', 'default~1...default'], dir), 2, /A\.\.\.B \(git's symmetric difference\) means nothing between two snapshots; use A\.\.B$/);
  // a configured target without snapshots is named as such, not as an unknown revision
  run(['connect', 'sqlite:///app.db', '--name', 'lite'], dir);
  expectError(run(['diff', 'lite'], dir), 2, /^datatrack: target lite has no snapshots yet; run `datatrack snapshot -t lite`, or `datatrack pull` if they are on a git remote$/);
  expectError(run(['export', '--rev', 'lite~1'], dir), 2, /target lite has no snapshots yet/);
  for (const command of [['show', 'lite'], ['show', 'lite', 'main.t'], ['lint', 'lite'], ['verify', 'lite'], ['lint', '--changed', 'lite'], ['history', '-t', 'lite']]) {
    expectError(run(command, dir), 2, /^datatrack: target lite has no snapshots yet; run `datatrack snapshot -t lite`, or `datatrack pull` if they are on a git remote$/);
  }
});

test('an argument with a line break is shown whole in the one-line error, the break escaped, not cut off there', () => {
  const dir = newRepo();
  run(['init'], dir);
  expectError(run(['rules', '--explain', 'a\nb'], dir), 2, /^datatrack: no rule "a\\u000ab"; `datatrack rules` lists them$/);
  expectError(run(['verify', '--rules', '/nonexist\nent.yaml'], dir), 2, /^datatrack: \/nonexist\\u000aent\.yaml: cannot read it: no such file; check the path$/);
  const json = run(['rules', '--explain', 'a\nb', '--json'], dir);
  assert.is(JSON.parse(json.stdout).error.message, 'no rule "a\nb"; `datatrack rules` lists them');
});

test('a target ref moved by hand onto a commit that is no snapshot: snapshot refuses to build on it (exit 4), the ref unmoved', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t(x)');
  git(dir, 'commit', '--allow-empty', '-q', '-m', 'code');
  git(dir, 'update-ref', 'refs/datatrack/default', 'HEAD');
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  sqliteDatabase(db, 'CREATE TABLE u(y)');
  expectError(run(['snapshot'], dir), 4, new RegExp(`^datatrack: refs/datatrack/default points at commit ${head.slice(0, 12)}, which is no datatrack snapshot \\(its tree has no datatrack\\.yaml\\); point the ref back at the last snapshot .*, or delete it \\(\`git update-ref -d refs/datatrack/default\`\\) to start the history afresh$`));
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), head);
});

test('a snapshot of a target whose ref is a symbolic ref (an alias) is refused, the alias and the ref it names unmoved', () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t(x)');
  run(['snapshot'], dir);
  const tip = git(dir, 'rev-parse', 'refs/datatrack/default').trim();
  git(dir, 'symbolic-ref', 'refs/datatrack/alias', 'refs/datatrack/default');
  sqliteDatabase(db, 'CREATE TABLE u(y)');
  expectError(run(['snapshot', '-t', 'alias'], dir, { DATATRACK_ALIAS_URL: 'sqlite:///app.db' }), 4, /^datatrack: refs\/datatrack\/alias is another name for refs\/datatrack\/default \(a symbolic ref\); use -t default instead, or remove the alias with `git symbolic-ref --delete refs\/datatrack\/alias`$/);
  assert.is(git(dir, 'symbolic-ref', 'refs/datatrack/alias').trim(), 'refs/datatrack/default');
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), tip);
  git(dir, 'symbolic-ref', '--delete', 'refs/datatrack/alias');
});

test("a latest snapshot in a newer datatrack's format: snapshot stops before writing (exit 4), the ref unmoved", () => {
  const { dir, db } = repoWithSqlite('CREATE TABLE t(x)');
  run(['snapshot'], dir);
  // The latest snapshot as a newer datatrack would write it: datatrack.yaml says format 2.
  const tip = git(dir, 'rev-parse', 'refs/datatrack/default').trim();
  const meta = git(dir, 'show', `${tip}:datatrack.yaml`).replace(/^format: 1$/m, 'format: 2');
  const blob = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: meta, encoding: 'utf8' }).stdout.trim();
  const tree = spawnSync('git', ['mktree'], { cwd: dir, input: git(dir, 'ls-tree', tip).replace(/^(100644 blob )[0-9a-f]{40}(\tdatatrack\.yaml)$/m, `$1${blob}$2`), encoding: 'utf8' }).stdout.trim();
  const newer = git(dir, 'commit-tree', tree, '-p', tip, '-m', 'snapshot default: newer').trim();
  git(dir, 'update-ref', 'refs/datatrack/default', newer);
  sqliteDatabase(db, 'CREATE TABLE u(y)');
  expectError(run(['snapshot'], dir), 4, /datatrack\.yaml has format 2; this datatrack reads format 1/);
  assert.is(git(dir, 'rev-parse', 'refs/datatrack/default').trim(), newer);
});

test('a .datatrack that is a file is said so, not taken for a repository without a config ("run init")', () => {
  const dir = newRepo();
  writeFileSync(join(dir, '.datatrack'), '');
  for (const command of ['targets', 'snapshot']) {
    expectError(run([command], dir), 2, new RegExp(`^datatrack: cannot read \\.datatrack/config\\.yaml: \\.datatrack is a file, not a directory; check ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.datatrack$`));
  }
});

test('a schema_rules.yaml that is a link leading nowhere fails verify (exit 2), not a pass on the defaults', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t(x)');
  run(['snapshot'], dir);
  rmSync(join(dir, 'schema_rules.yaml'), { force: true });
  symlinkSync(join(dir, 'gone-rules.yaml'), join(dir, 'schema_rules.yaml'));
  expectError(run(['verify'], dir), 2, /^datatrack: schema_rules\.yaml: cannot read it: no such file; check the path$/);
});

test.run();
