// Hostile input (issue 7): bombs, huge and deeply nested files, duplicate keys, tags, prototype
// keys, bad target names, and identifiers built to fool a terminal or a commit message.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { configuredTarget, loadConfig } from '../../src/config/config.js';
import { readStoredPassword, writePassword } from '../../src/config/secrets.js';
import { readYamlFile } from '../../src/config/yaml-file.js';
import { BIN, GIT_ENV, git, repoWithSqlite, run, runJson, tempDir, type RunResult } from '../helpers/cli.js';

function rejectsQuickly(dir: string, file: string, content: string | Buffer, args: string[], pattern: RegExp): void {
  writeFileSync(join(dir, file), content);
  const started = performance.now();
  const result = run(args, dir);
  const seconds = (performance.now() - started) / 1000;
  assert.is(result.code, 2, `${file}: ${result.stderr}`);
  assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.ok(pattern.test(result.stderr), `${file}: ${result.stderr}`);
  assert.ok(seconds < 5, `${file} took ${seconds}s`); // generous: the claim is "well under a second", measured in bench
}

/**
 * Runs the CLI like `run`, and reports the peak resident memory of the child's own image: Linux
 * carries a parent's peak into a forked child's maxRSS across exec, so the child records VmHWM.
 */
function runMeasuringMemory(args: string[], cwd: string): RunResult & { peakMb: number } {
  const peakFile = join(tempDir(), 'vm-hwm');
  const record = `import { readFileSync, writeFileSync } from 'node:fs';
    process.on('exit', () => writeFileSync(${JSON.stringify(peakFile)}, /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]));`;
  const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(record)}`, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024 };
}

test('config and rule files: alias bombs, merge keys, 100 MB, duplicate keys and tags are refused with a position', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  runJson(['snapshot'], dir);
  const base = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n';
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
  const cases: [string, string[]][] = [['.datatrack/config.yaml', ['snapshot']], ['schema_rules.yaml', ['verify']]];
  for (const [file, args] of cases) {
    const prefix = file === 'schema_rules.yaml' ? '' : base;
    rejectsQuickly(dir, file, `${prefix}lint:\n  x: 1\n${bomb.replace(/^/gm, '  ')}\n`.replace('lint:\n  x: 1\n', file === 'schema_rules.yaml' ? 'rules:\n' : 'lint:\n'), args, /:\d+:\d+: /);
    rejectsQuickly(dir, file, Buffer.alloc(100 * 1024 * 1024, 'a: b\n'), args, /bytes; the limit is 262144/);
    rejectsQuickly(dir, file, `${prefix}${file === 'schema_rules.yaml' ? 'rules: {}\nrules: {}\n' : 'version: 1\n'}`, args, /:\d+:\d+: .*(uniq|duplicate)/i);
    rejectsQuickly(dir, file, `${prefix}x: !!js/function "function () { return 1 }"\n`, args, /:\d+:\d+: /);
    rejectsQuickly(dir, file, `${prefix}base: &b {a: 1}\nmerged:\n  <<: *b\n`, args, /:\d+:\d+: /);
    writeFileSync(join(dir, '.datatrack/config.yaml'), base);
  }
  writeFileSync(join(dir, '.datatrack/config.yaml'), `${base}__proto__:\n  polluted: true\n`);
  const proto = run(['snapshot'], dir);
  assert.is(proto.code, 2);
  assert.match(proto.stderr, /unknown key "__proto__"/);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('deeply nested config and rule files are refused at the first level too many, in well under a second and 100 MB', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  const base = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n';
  const deep = {
    // ~650 levels is as deep as indentation gets within the size limit; brackets go 120,000 deep
    block: `lint:\n${Array.from({ length: 650 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`,
    flow: `lint: ${'['.repeat(120_000)}${']'.repeat(120_000)}\n`,
  };
  const cases: [string, string[], string][] = [['.datatrack/config.yaml', ['snapshot'], base], ['schema_rules.yaml', ['verify'], '']];
  for (const [file, args, prefix] of cases) {
    for (const [style, body] of Object.entries(deep)) {
      const path = join(dir, file);
      writeFileSync(path, prefix + body);
      const started = performance.now();
      assert.throws(() => readYamlFile(path, file), /nested deeper than 64 levels/);
      const seconds = (performance.now() - started) / 1000;
      assert.ok(seconds < 1, `${file}, ${style}: reading took ${seconds}s`);
      const result = runMeasuringMemory(args, dir);
      assert.is(result.code, 2, `${file}, ${style}: ${result.stderr}`);
      assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
      const [, line] = /^(?:.*?)(?<=:)(\d+):\d+: nested deeper than 64 levels$/.exec(result.stderr.trim()) ?? [];
      assert.ok(result.stderr.includes(`${file}:${line}:`), result.stderr);
      const firstLine = prefix.split('\n').length;
      assert.ok(Number(line) >= firstLine && Number(line) <= firstLine + 64, `${file}, ${style}: line ${line}`);
      assert.ok(result.peakMb < 100, `${file}, ${style}: the CLI peaked at ${result.peakMb} MB`);
    }
    writeFileSync(join(dir, '.datatrack/config.yaml'), base);
  }
});

test('__proto__ and constructor nested in config and rule files: an unknown key is an error at its position, a name is plain data', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  const base = 'version: 1\ntargets:\n  default:\n    dialect: sqlite\n    database: app.db\n';
  const refused: [string, string, string[], RegExp][] = [
    ['.datatrack/config.yaml', `${base}    __proto__:\n      polluted: true\n`, ['snapshot'], /config\.yaml:6:5: unknown key "__proto__" in target default/],
    ['.datatrack/config.yaml', `${base}    constructor: x\n`, ['snapshot'], /config\.yaml:6:5: unknown key "constructor" in target default/],
    ['.datatrack/config.yaml', `${base}    options:\n      __proto__: {polluted: true}\n`, ['snapshot'], /config\.yaml:7:7: options must be a mapping of name → value/],
    ['.datatrack/config.yaml', `${base}lint:\n  __proto__: {}\n`, ['lint'], /config\.yaml:7:3: unknown key "__proto__" in lint/],
    ['.datatrack/config.yaml', `${base}lint:\n  rules:\n    constructor: error\n`, ['lint'], /config\.yaml:8:5: unknown rule "constructor"/],
    ['.datatrack/config.yaml', `${base}lint:\n  rules:\n    naming-length: {__proto__: 3}\n`, ['lint'], /config\.yaml:8:\d+: rule naming-length has no option "__proto__" \(options: max\)/],
    ['.datatrack/config.yaml', `${base}lint:\n  rules:\n    naming-length: {constructor: 3}\n`, ['lint'], /config\.yaml:8:\d+: rule naming-length has no option "constructor"/],
    ['.datatrack/config.yaml', `${base}pipeline:\n  fail_on:\n    constructor: never\n`, ['pipeline', 'run'], /config\.yaml:8:5: unknown key "constructor" in pipeline\.fail_on/],
    ['.datatrack/config.yaml', `${base}hooks:\n  __proto__: {pre_commit: {lint: false}}\n`, ['hook', 'pre-commit'], /config\.yaml:7:3: unknown key "__proto__" in hooks/],
    ['.datatrack/config.yaml', `${base}impact:\n  constructor: safe\n`, ['diff'], /config\.yaml:7:3: "constructor" is not <kind>\.<action>/],
    ['schema_rules.yaml', 'rules:\n  __proto__: {polluted: true}\n', ['verify'], /schema_rules\.yaml:2:3: unknown key "__proto__" in rules/],
    ['schema_rules.yaml', 'house_rules:\n  - id: x\n    __proto__: {}\n    select: {kind: table}\n    assert: {comment: true}\n', ['verify'], /schema_rules\.yaml:3:5: unknown key "__proto__" in a house rule/],
    ['schema_rules.yaml', 'house_rules:\n  - id: x\n    select: {kind: table, constructor: t}\n    assert: {comment: true}\n', ['verify'], /schema_rules\.yaml:3:27: unknown key "constructor" in select/],
    ['schema_rules.yaml', 'house_rules:\n  - id: x\n    select: {kind: table}\n    assert: {__proto__: {comment: true}}\n', ['verify'], /schema_rules\.yaml:4:14: unknown key "__proto__" in assert/],
  ];
  for (const [file, content, args, message] of refused) {
    writeFileSync(join(dir, file), content);
    const result = run(args, dir);
    // a hook reports it as a finding that blocks (exit 1); the commands, as a usage error
    assert.is(result.code, args[0] === 'hook' ? 1 : 2, `${content}\n${result.stderr}`);
    assert.match(result.stderr, message);
    writeFileSync(join(dir, '.datatrack/config.yaml'), base);
    writeFileSync(join(dir, 'schema_rules.yaml'), 'rules: {}\n');
  }

  // As names, they are data: a target named constructor is a target, an unconfigured one is none.
  for (const args of [['snapshot', '--target', 'constructor'], ['disconnect', '--name', 'toString'], ['test-connection', '--target', 'hasOwnProperty']]) {
    const result = run(args, dir);
    assert.is(result.code, 2, result.stderr);
    assert.match(result.stderr, /^datatrack: unknown target "(?:constructor|toString|hasOwnProperty)"/);
  }
  assert.is(run(['connect', 'sqlite:///app.db', '--name', 'constructor'], dir).code, 0);
  assert.is(runJson<{ target: string }>(['snapshot', '--target', 'constructor'], dir).target, 'constructor');
  assert.match(git(dir, 'for-each-ref', '--format=%(refname)', 'refs/datatrack/'), /^refs\/datatrack\/constructor$/m);
  writeFileSync(join(dir, '.datatrack/config.yaml'), `version: 1\ntargets:\n  __proto__: {dialect: sqlite, database: a.db, options: {__proto__: x}}\n  constructor: {dialect: sqlite, database: b.db}\n`);
  const { config } = loadConfig(dir);
  assert.equal(Object.keys(config.targets), ['__proto__', 'constructor']);
  assert.is(configuredTarget(config, '__proto__')!.database, 'a.db');
  assert.equal(Object.keys(configuredTarget(config, '__proto__')!.options!), ['__proto__']);
  assert.is(configuredTarget(config, 'toString'), undefined);
  const server = { dialect: 'postgres' as const, host: 'db', database: 'shop' };
  writePassword(dir, '__proto__', { password: 'pw1', server });
  writePassword(dir, 'constructor', { password: 'pw2', server });
  assert.equal([readStoredPassword(dir, '__proto__')?.password, readStoredPassword(dir, 'constructor')?.password, readStoredPassword(dir, 'toString')], ['pw1', 'pw2', undefined]);
  const prototype = Object.prototype as Record<string, unknown>;
  for (const key of ['polluted', 'dialect', 'database', 'password']) assert.is(prototype[key], undefined, key);
});

test('target names are validated like git check-ref-format before any file is touched', () => {
  const { dir } = repoWithSqlite('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  for (const name of ['../x', 'a..b', 'x.lock', 'a b', 'bad\u0007bell', '.hidden', 'a//b']) {
    const result = run(['connect', 'sqlite:///app.db', '--name', name], dir);
    assert.is(result.code, 2, name);
    assert.match(result.stderr, /invalid target name/);
  }
  assert.is(git(dir, 'for-each-ref', 'refs/datatrack/'), '');
  assert.not.match(git(dir, 'ls-files', '--others'), /\.\.|x\.lock/);
});

test('identifiers with ANSI escapes, newlines and bidi controls are escaped in human output and cannot forge a trailer', () => {
  const evil = 'evil\u001b[31m\nDatatrack-Tables: 999\u202e';
  const { dir } = repoWithSqlite(`CREATE TABLE ok (id INTEGER PRIMARY KEY); CREATE TABLE "${evil}" ("col\u001b[2J" INTEGER, "x\ny" TEXT);`);
  runJson(['snapshot'], dir);
  const sqlite = `ALTER TABLE ok ADD COLUMN "c\u001b]0;title\u0007" TEXT; ALTER TABLE "${evil}" ADD COLUMN z TEXT;`;
  const handle = new Database(join(dir, 'app.db'));
  handle.exec(sqlite);
  handle.close();
  const outputs = [run(['snapshot'], dir), run(['history'], dir), run(['show'], dir), run(['diff'], dir), run(['lint'], dir), run(['verify'], dir), run(['show', 'main.ok'], dir)];
  const formats = Object.fromEntries(['lint', 'verify'].flatMap((command) => ['github', 'junit'].map((format) => [`${command} ${format}`, run([command, '--format', format], dir)])));
  const summary = join(dir, 'summary.md');
  const extra = [
    ...Object.values(formats),
    run(['pipeline', 'run', '--summary', summary], dir),
    run(['show', `main.no\u001b[31mpe\u202e`, '--debug'], dir), // an error quoting its input, with a stack
    ...[['snapshot', 'markdown'], ['snapshot', 'mermaid'], ['diff', 'markdown']].map(([type, format]) => run(['export', '--type', type!, '--format', format!, '--rev', type === 'diff' ? 'default~1' : 'default', '-o', '-'], dir)),
  ];
  for (const { stdout, stderr } of [...outputs, ...extra, { stdout: readFileSync(summary, 'utf8'), stderr: '' }]) {
    assert.not.match(stdout + stderr, /\u001b\[(?:31|2J)m?|\u001b\]0;|\u202e/);
  }
  assert.match(outputs[2]!.stdout, /evil\\u001b\[31m\\u000aDatatrack-Tables: 999\\u202e/);
  const escapedName = 'evil\\u001b[31m\\u000aDatatrack-Tables: 999\\u202e';
  for (const command of ['lint', 'verify']) {
    // one workflow command a finding: the newline in the name did not start a line of its own
    const lines = formats[`${command} github`]!.stdout.trim().split('\n');
    assert.is(lines.length, (JSON.parse(run([command, '--json'], dir).stdout) as { findings: unknown[] }).findings.length, command);
    for (const line of lines) assert.match(line, /^::(?:error|warning|notice) file=[^,:]+,line=\d+,(?:col=\d+,)?title=[^:,]+::/);
    const junit = formats[`${command} junit`]!.stdout;
    assert.not.match(junit, /[\u0000-\u0009\u000b-\u001f]/, command); // only the line breaks of the XML itself
  }
  const github = formats['lint github']!.stdout;
  // quoted, as the name holds what printing shows as escapes: the escapes read apart from the text written out
  assert.ok(github.includes(`title=naming-snake-case main."${escapedName.replace(':', '%3A')}"::main."${escapedName}": `), github);
  assert.ok(formats['lint junit']!.stdout.includes(`<testcase classname="datatrack lint" name="main.&quot;${escapedName}&quot;">`), formats['lint junit']!.stdout);
  const message = git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default');
  assert.not.match(message, /\u001b|\u202e/);
  assert.equal(git(dir, 'log', '-1', '--format=%(trailers:key=Datatrack-Tables,valueonly)', 'refs/datatrack/default').trim(), '2');
});

test('a name that differs only by an invisible character reads differently; joiners that scripts need stay', () => {
  const { dir } = repoWithSqlite('CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE "us\u200bers" (id INTEGER PRIMARY KEY); CREATE TABLE "soft\u00adhyphen" (id INTEGER PRIMARY KEY); CREATE TABLE "می\u200cخواهم" (id INTEGER PRIMARY KEY);');
  runJson(['snapshot'], dir);
  const docs = run(['export', '--format', 'markdown', '-o', '-'], dir).stdout;
  const shown = run(['show'], dir).stdout + run(['lint'], dir).stdout;
  for (const text of [docs, shown]) {
    assert.match(text, 'us\\u200bers');
    assert.match(text, 'soft\\u00adhyphen');
    assert.not.match(text, /\u200b|\u00ad/);
  }
  assert.match(docs, 'می\u200cخواهم');
});

test.run();
