// Hostile input (issue 7): bombs, huge and deeply nested files, duplicate keys, tags, prototype
// keys, bad target names, and identifiers built to fool a terminal or a commit message.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
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
    rejectsQuickly(dir, file, Buffer.alloc(100 * 1024 * 1024, 'a: b\n'), args, /bytes; the limit is 1048576/);
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
    // ~1,400 levels is as deep as indentation gets within the 1 MiB limit; brackets go 250,000 deep
    block: `lint:\n${Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`,
    flow: `lint: ${'['.repeat(250_000)}${']'.repeat(250_000)}\n`,
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
  assert.ok(github.includes(`title=naming-snake-case main.${escapedName.replace(':', '%3A')}::main.${escapedName}: `), github);
  assert.ok(formats['lint junit']!.stdout.includes(`<testcase classname="datatrack lint" name="main.${escapedName}">`), formats['lint junit']!.stdout);
  const message = git(dir, 'log', '-1', '--format=%B', 'refs/datatrack/default');
  assert.not.match(message, /\u001b|\u202e/);
  assert.equal(git(dir, 'log', '-1', '--format=%(trailers:key=Datatrack-Tables,valueonly)', 'refs/datatrack/default').trim(), '2');
});

test.run();
