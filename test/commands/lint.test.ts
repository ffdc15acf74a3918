// lint, verify and rules through the CLI: formats, exit codes, --max-warnings, changed-only mode.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Table } from '../../src/model/types.js';
import { git, repoWithSqlite, run, runJson, sqliteDatabase } from '../helpers/cli.js';
import { commitSnapshot, repoWithSnapshot, table } from '../helpers/snapshots.js';
import { MAX_MESSAGE } from '../../src/rules/engine.js';
import { ellipsized } from '../../src/util/ellipsized.js';

interface Report {
  findings: { rule: string; severity: string; kind: string; object: string; message: string; hint: string }[];
  summary: { error: number; warning: number; info: number };
}

const keyed = (name: string, columns: string[], extras: Partial<Table> = {}) => table(name, ['id bigint', ...columns], { primary_key: { name: `${name}_pkey`, columns: ['id'] }, ...extras });
// A schema no default rule finds anything in; tests add what they want found.
const clean = [keyed('customer', ['email character varying(254)']), keyed('invoice', ['customer_id bigint'], { foreign_keys: [{ name: 'invoice_customer_fk', columns: ['customer_id'], references: { schema: 'public', table: 'customer', columns: ['id'] } }], indexes: [{ name: 'invoice_customer_idx', columns: ['customer_id'], unique: false }] })];

function configure(dir: string, yaml: string): void {
  mkdirSync(join(dir, '.datatrack'), { recursive: true });
  writeFileSync(join(dir, '.datatrack', 'config.yaml'), yaml);
}

test('--json and --format json print exactly the findings/summary contract', async () => {
  const dir = await repoWithSnapshot([...clean, table('EventLog', ['occurred timestamp without time zone'])]);
  const report = runJson<Report>(['lint'], dir);
  assert.equal(Object.keys(report), ['findings', 'summary']);
  for (const finding of report.findings) assert.equal(Object.keys(finding), ['rule', 'severity', 'kind', 'object', 'message', 'hint']);
  assert.equal(
    report.findings.map((f) => `${f.severity} ${f.rule} ${f.object}`),
    ['warning naming-snake-case public.EventLog', 'warning structure-no-primary-key public.EventLog', 'warning types-timestamp-without-time-zone public.EventLog.occurred'],
  );
  assert.equal(report.summary, { error: 0, warning: 3, info: 0 });
  assert.equal(JSON.parse(run(['lint', '--format', 'json'], dir).stdout), report);
  // written in pieces, each finding as its turn comes, and still the one document indented by two
  for (const args of [['--json'], ['--format', 'json'], ['--format', 'sarif']]) {
    const { stdout } = run(['lint', ...args], dir);
    assert.is(stdout, `${JSON.stringify(JSON.parse(stdout), null, 2)}\n`, args.join(' '));
  }
});

test('exit status: 0 with warnings, 1 with an error or more warnings than --max-warnings', async () => {
  const dir = await repoWithSnapshot([...clean, table('event_log', ['occurred timestamptz'])]);
  assert.is(run(['lint'], dir).code, 0);
  assert.is(run(['lint', '--max-warnings', '1'], dir).code, 0);
  const over = run(['lint', '--max-warnings', '0'], dir);
  assert.is(over.code, 1);
  // a failure by count alone says why, in every format, on stderr
  assert.is(over.stderr, 'datatrack: 1 warning, more than --max-warnings 0 allows\n');
  for (const format of ['json', 'sarif']) assert.is(run(['lint', '-f', format, '--max-warnings', '0'], dir).stderr, over.stderr);
  assert.is(run(['lint', '--json', '--max-warnings', '0'], dir).stderr, over.stderr);
  configure(dir, 'lint:\n  rules:\n    structure-no-primary-key: error\n');
  const result = run(['lint'], dir);
  assert.is(result.code, 1);
  assert.match(result.stdout, /public\.event_log\n {2}error +table "event_log" has no primary key/);
  assert.match(result.stdout, /\n1 error, 0 warnings, 0 info in 3 objects \(lint of [0-9a-f]{7} default\)\n$/);
  assert.match(run(['lint'], await repoWithSnapshot(clean)).stdout, /^no findings in 2 objects/);
});

test('configuration: per-schema overrides and ignores apply; a mistake is exit 2 at file:line:column', async () => {
  const dir = await repoWithSnapshot([...clean, table('Legacy', ['id bigint'], {}, 'old'), table('Other', ['id bigint'])]);
  configure(dir, 'lint:\n  schemas:\n    old: {structure-no-primary-key: off}\n  ignore:\n    - {rule: naming-*, objects: "old.*"}\n');
  assert.equal(
    runJson<Report>(['lint'], dir).findings.map((f) => `${f.rule} ${f.object}`),
    ['naming-snake-case public.Other', 'structure-no-primary-key public.Other'],
  );
  // a schema key that matches no schema (a typo) changes nothing: said on stderr
  configure(dir, 'lint:\n  schemas:\n    olf: {structure-no-primary-key: off}\n');
  const typo = run(['lint'], dir);
  assert.match(typo.stderr, /^warning: lint\.schemas "olf" in \.datatrack\/config\.yaml names no schema of this snapshot \(old, public\); its settings change nothing$/m);
  // a glob is written for schemas that come and go: no warning
  configure(dir, 'lint:\n  schemas:\n    "staging_*": {structure-no-primary-key: off}\n');
  assert.not.match(run(['lint'], dir).stderr, /warning: lint\.schemas/);
  // the settings are every target's: a key another target's latest snapshot has a schema for is no typo
  await commitSnapshot(dir, [table('inv', ['id bigint'], {}, 'billing')], 'postgres', 'billing');
  configure(dir, 'lint:\n  schemas:\n    billing: {structure-no-primary-key: off}\n    olf: {structure-no-primary-key: off}\n');
  const shared = run(['lint'], dir);
  assert.is(shared.code, 0, shared.stderr);
  assert.not.match(shared.stderr, /"billing"/);
  assert.match(shared.stderr, /^warning: lint\.schemas "olf" /m);
  assert.not.match(run(['lint', '-t', 'billing'], dir).stderr, /"billing"/);
  configure(dir, 'lint:\n  rules:\n    naming-snake: error\n');
  const result = run(['lint'], dir);
  assert.is(result.code, 2);
  assert.match(result.stderr, /^datatrack: \.datatrack\/config\.yaml:3:5: unknown rule "naming-snake"/);
});

test('--format github prints only workflow commands; --format junit a test case per object', async () => {
  const dir = await repoWithSnapshot([...clean, table('event_log', ['occurred timestamp without time zone', 'fee money'])]);
  const github = run(['lint', '--format', 'github'], dir).stdout.trim().split('\n');
  assert.equal(github, [
    '::warning file=public/tables/event_log.yaml,line=1,title=structure-no-primary-key public.event_log::public.event_log: table "event_log" has no primary key (add a primary key (a surrogate identity column if no natural key exists))',
    '::warning file=public/tables/event_log.yaml,line=7,title=types-money public.event_log.fee::public.event_log.fee: column "fee" is money (use numeric(p,s), with the currency in its own column if needed)',
    '::warning file=public/tables/event_log.yaml,line=4,title=types-timestamp-without-time-zone public.event_log.occurred::public.event_log.occurred: column "occurred" is timestamp without time zone (use timestamp with time zone (timestamptz))',
  ]);
  const junit = run(['lint', '--format', 'junit'], dir).stdout;
  assert.match(junit, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="datatrack lint" tests="3" failures="1"/);
  assert.match(junit, /<testcase classname="datatrack lint" name="public.customer"><\/testcase>/);
  assert.match(junit, /<testcase classname="datatrack lint" name="public.event_log">\n {6}<failure type="warning" message="3 findings: table &quot;event_log&quot; has no primary key">/);
});

test('--changed [REV]: only objects whose files changed, with what they reference', async () => {
  const dir = await repoWithSnapshot([...clean, table('Legacy', ['id bigint'])]);
  const first = runJson<Report>(['lint', '--changed'], dir); // no previous snapshot: everything is new
  assert.equal(first.findings.map((f) => f.object), ['public.Legacy', 'public.Legacy']);
  const customer = keyed('customer', ['email character varying(254)', 'price double precision']);
  const invoice = keyed('invoice', ['customer_id smallint'], { foreign_keys: [{ name: 'invoice_customer_fk', columns: ['customer_id'], references: { schema: 'public', table: 'customer', columns: ['id'] } }] });
  await commitSnapshot(dir, [customer, invoice, table('Legacy', ['id bigint'])]);
  const changed = runJson<Report>(['lint', '--changed'], dir);
  assert.equal(changed.findings.map((f) => `${f.rule} ${f.object}`), [
    'types-float-money public.customer.price',
    'structure-fk-type-mismatch public.invoice.customer_id',
    'structure-fk-not-indexed public.invoice.invoice_customer_fk',
  ]);
  assert.equal(runJson<Report>(['lint', '--changed', 'default~1'], dir), changed);
  assert.equal(runJson<Report>(['lint', 'default~1', '--changed'], dir), first);
  const text = run(['lint', '--changed'], dir).stdout;
  assert.match(text, /in 2 changed objects since [0-9a-f]{7}/);
  assert.is(runJson<Report>(['lint', '--changed', 'default'], dir).findings.length, 0);
  const verify = runJson<Report>(['verify', '--changed'], dir);
  assert.equal(verify.findings.map((f) => `${f.rule} ${f.object}`), []);
});

test("--changed: a hint's new index name is free among the unchanged tables' indexes too", async () => {
  // The archive kept the index it had when it was the invoice table (an index keeps its name through a table rename).
  const archive = keyed('invoice_2023', ['customer_id bigint'], { indexes: [{ name: 'invoice_customer_id_idx', columns: ['customer_id'], unique: false }] });
  const dir = await repoWithSnapshot([...clean, archive]);
  const unindexed = keyed('invoice', ['customer_id bigint'], { foreign_keys: [{ name: 'invoice_customer_fk', columns: ['customer_id'], references: { schema: 'public', table: 'customer', columns: ['id'] } }] });
  await commitSnapshot(dir, [clean[0]!, unindexed, archive]);
  const hints = (args: string[]) => runJson<Report>(['lint', ...args], dir).findings.filter((f) => f.rule === 'structure-fk-not-indexed').map((f) => f.hint);
  const expected = ['create an index on the foreign key columns: CREATE INDEX invoice_customer_id_idx1 ON public.invoice (customer_id);'];
  assert.equal(hints([]), expected);
  assert.equal(hints(['--changed']), expected);
});

test('verify --changed [REV]: a changed object\'s findings are reported, an unchanged one\'s are not', async () => {
  // Legacy breaks snake_case in every snapshot and never changes; customer, then invoice, gain a column that breaks it too.
  const legacy = table('Legacy', ['id bigint']);
  const dir = await repoWithSnapshot([...clean, legacy]);
  const [, invoice] = clean;
  const customer = keyed('customer', ['email character varying(254)', 'signupDate date']);
  await commitSnapshot(dir, [customer, invoice!, legacy]);
  await commitSnapshot(dir, [customer, { ...invoice!, columns: [...invoice!.columns, { name: 'Total', type: 'numeric', nullable: false }] }, legacy]);
  const verified = (args: string[]) => {
    const result = run(['verify', ...args, '--json'], dir);
    assert.is(result.code, 1, result.stderr); // enforce_snake_case findings are errors
    return (JSON.parse(result.stdout) as Report).findings.map((f) => `${f.rule} ${f.object}`);
  };
  assert.equal(verified([]), ['enforce_snake_case public.Legacy', 'enforce_snake_case public.customer.signupDate', 'enforce_snake_case public.invoice.Total']);
  assert.equal(verified(['--changed']), ['enforce_snake_case public.invoice.Total']);
  assert.equal(verified(['--changed', 'default~1']), ['enforce_snake_case public.invoice.Total']);
  assert.equal(verified(['--changed', 'default~2']), ['enforce_snake_case public.customer.signupDate', 'enforce_snake_case public.invoice.Total']);
  assert.match(run(['verify', '--changed', 'default~2'], dir).stdout, /in 2 changed objects since [0-9a-f]{7}/);
  // a base that is no snapshot (a branch commit) is refused as a checked revision would be, not taken as "everything changed"
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'a branch commit');
  const notSnapshot = run(['lint', 'HEAD'], dir);
  assert.match(notSnapshot.stderr, /^datatrack: commit [0-9a-f]{12} is no datatrack snapshot \(its tree has no datatrack\.yaml\); name a snapshot\n$/);
  assert.is(notSnapshot.code, 2);
  for (const command of [['show', 'HEAD'], ['export', '--rev', 'HEAD'], ['diff', 'HEAD', 'default']]) assert.is(run(command, dir).stderr, notSnapshot.stderr, command.join(' '));
  // a tree's or blob's id, whole or abbreviated, is no snapshot either: the same usage error, not a storage one
  const objects = [['tree', git(dir, 'rev-parse', 'refs/datatrack/default^{tree}').trim(), 40], ['blob', git(dir, 'rev-parse', 'refs/datatrack/default:datatrack.yaml').trim(), 8]] as const;
  for (const [type, oid, given] of objects) {
    for (const command of [['lint', oid.slice(0, given)], ['show', oid.slice(0, given)], ['export', '--rev', oid.slice(0, given), '-o', '-'], ['diff', oid.slice(0, given)]]) {
      const result = run(command, dir);
      assert.equal([result.code, result.stderr], [2, `datatrack: ${oid.slice(0, 12)} is a ${type}, not a commit; name a snapshot (\`datatrack history\` lists them)\n`], command.join(' '));
    }
  }
  for (const command of ['lint', 'verify']) {
    const result = run([command, '--changed', 'HEAD'], dir);
    assert.equal([result.code, result.stderr, result.stdout], [notSnapshot.code, notSnapshot.stderr, ''], command);
  }
});

test('SQLite structure-fk-type-mismatch: a REFERENCES clause may spell the table and column in another case', () => {
  const { dir, db } = repoWithSqlite(
    'CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);' +
      'CREATE TABLE c4 (id INTEGER PRIMARY KEY, pid SMALLINT REFERENCES Parent(Code));' +
      'CREATE TABLE c5 (id INTEGER PRIMARY KEY, pid SMALLINT REFERENCES parent(code));',
  );
  const mismatches = (args: string[]) => runJson<Report>(['lint', ...args], dir).findings.filter((f) => f.rule === 'structure-fk-type-mismatch').map((f) => `${f.object}: ${f.message}`);
  assert.is(run(['snapshot'], dir).code, 0);
  assert.equal(mismatches([]), [
    'main.c4.pid: column "pid" is SMALLINT but references parent.code, which is TEXT',
    'main.c5.pid: column "pid" is SMALLINT but references parent.code, which is TEXT',
  ]);
  // changed-only mode reads the referenced table's file although the key spells it Parent
  sqliteDatabase(db, 'ALTER TABLE c4 ADD COLUMN note TEXT');
  assert.is(run(['snapshot'], dir).code, 0);
  assert.equal(mismatches(['--changed']), ['main.c4.pid: column "pid" is SMALLINT but references parent.code, which is TEXT']);
});

test('verify name_template on checks: a check without a recorded column is skipped for {column}/{columns}, with one warning per rule', () => {
  // SQLite records the column of a check written on it; a table-level check has none.
  const { dir } = repoWithSqlite(
    'CREATE TABLE ck (id INTEGER PRIMARY KEY, qty INTEGER CONSTRAINT ck_qty_check CHECK (qty > 0) CONSTRAINT QtyCol CHECK (qty < 1000), CONSTRAINT QtyPos CHECK (qty < 100))',
  );
  assert.is(run(['snapshot'], dir).code, 0);
  const rules = ['column', 'columns'].map((p) => `  - id: checks-${p}\n    select: {kind: check, table: ck}\n    assert: {name_template: "{table}_{${p}}_check"}\n`);
  writeFileSync(join(dir, 'hr.yaml'), `house_rules:\n${rules.join('')}  - id: check-names\n    select: {kind: check}\n    assert: {name_template: "{table}_*"}\n`);
  const result = run(['verify', '--rules', 'hr.yaml', '--json'], dir);
  assert.is(result.code, 1, result.stderr);
  assert.equal((JSON.parse(result.stdout) as Report).findings.map((f) => `${f.rule} ${f.object}`), [
    'check-names main.ck.QtyCol',
    'checks-column main.ck.QtyCol',
    'checks-columns main.ck.QtyCol',
    'check-names main.ck.QtyPos',
  ]);
  assert.equal(result.stderr.split('\n').filter(Boolean), [
    'warning: checks-column (hr.yaml:2): 1 check has no recorded column (PostgreSQL and MySQL record none; SQLite and MariaDB only for a check written on its column), so the name template {table}_{column}_check cannot judge it; skipped',
    'warning: checks-columns (hr.yaml:5): 1 check has no recorded column (PostgreSQL and MySQL record none; SQLite and MariaDB only for a check written on its column), so the name template {table}_{columns}_check cannot judge it; skipped',
  ]);
});

test('verify: --rules FILE, --format text, exit 1 on an error finding', async () => {
  const dir = await repoWithSnapshot(clean);
  writeFileSync(join(dir, 'strict.yaml'), 'house_rules:\n  - id: documented\n    select: {kind: table}\n    assert: {comment: true}\n');
  const result = run(['verify', '--rules', 'strict.yaml'], dir);
  assert.is(result.code, 1);
  assert.match(result.stdout, /public\.customer\n {2}error +table "customer" has no comment {2}documented/);
  assert.match(result.stdout, /How to fix\n {2}documented: see the rule at strict\.yaml:2\n/);
  const github = run(['verify', '--rules', 'strict.yaml', '--format', 'github'], dir).stdout;
  assert.match(github, /^::error file=strict\.yaml,line=2,col=5,title=documented public\.customer::public\.customer: table "customer" has no comment/);
  // a path that is no readable file: exit 2 saying why in words, not Node's ENOENT with the absolute path
  for (const [path, reason] of [['strickt.yaml', 'no such file; check the path'], ['.git', 'it is a directory, not a file']]) {
    const missing = run(['verify', '--rules', path], dir);
    assert.equal([missing.code, missing.stderr], [2, `datatrack: ${path}: cannot read it: ${reason}\n`]);
  }
  // the repository's root itself is named, not an empty relative path
  const root = run(['verify', '--rules', '.'], dir);
  assert.equal([root.code, root.stderr], [2, `datatrack: ${realpathSync(dir)}: cannot read it: it is a directory, not a file\n`]);
});

test('verify: a rules file outside the work tree is located by its absolute path in SARIF and GitHub annotations', async () => {
  const dir = await repoWithSnapshot(clean);
  const elsewhere = mkdtempSync(join(tmpdir(), 'datatrack-rules-'));
  writeFileSync(join(elsewhere, 'team rules.yaml'), 'house_rules:\n  - id: documented\n    select: {kind: table}\n    assert: {comment: true}\n');
  const typed = relative(dir, join(elsewhere, 'team rules.yaml'));
  const sarif = JSON.parse(run(['verify', '--rules', typed, '--format', 'sarif'], dir).stdout);
  const related = sarif.runs[0].results[0].relatedLocations[0].physicalLocation;
  assert.equal(related.artifactLocation.uri, pathToFileURL(join(elsewhere, 'team rules.yaml')).href);
  assert.match(related.artifactLocation.uri, /^file:\/\/\/.*team%20rules\.yaml$/);
  const github = run(['verify', '--rules', typed, '--format', 'github'], dir).stdout;
  assert.ok(github.startsWith(`::error file=${join(elsewhere, 'team rules.yaml').replace(/:/g, '%3A')},line=2,`), github);
  rmSync(elsewhere, { recursive: true, force: true });
});

test('verify: a catastrophic name pattern from schema_rules.yaml on a 5,001-character name finishes quickly', async () => {
  // ^(a+)+$ on n × "a" + "!" backtracks 2^n ways in an ordinary engine (n = 40 takes over an hour);
  // the 5,000 × "a" table matches and is not reported.
  const long = `${'a'.repeat(5000)}!`;
  const dir = await repoWithSnapshot([...clean, keyed(long, []), keyed('a'.repeat(5000), [])]);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'house_rules:\n  - id: only-a\n    select: {kind: table}\n    assert: {name_pattern: "/^(a+)+$/"}\n');
  const started = performance.now();
  const result = run(['verify', '--json'], dir);
  const seconds = (performance.now() - started) / 1000;
  assert.ok(seconds < 5, `verify took ${seconds.toFixed(1)} s`); // generous: about start-up time on a quiet machine
  assert.is(result.code, 1, result.stderr);
  assert.equal(
    (JSON.parse(result.stdout) as Report).findings.map((f) => `${f.rule} ${f.object}: ${f.message}`),
    // a message is cut to MAX_MESSAGE characters; the object keeps its whole name
    [long, 'customer', 'invoice'].map((name) => `only-a public.${name}: ${ellipsized(`table ${JSON.stringify(name)} does not match /^(a+)+$/`, MAX_MESSAGE)}`),
  );
});

test('rules lists every rule with its default level; --explain shows examples; an unknown rule is exit 2', () => {
  const dir = process.cwd();
  const list = run(['rules'], dir).stdout;
  assert.match(list, /lint: naming\n {2}naming-snake-case +warning +Table, view, column, index and constraint names are snake_case\./);
  assert.match(list, /verify: schema_rules\.yaml \(rules:\)\n {2}enforce_snake_case +error/);
  assert.match(list, /naming-keyword +off/);
  const explain = run(['rules', '--explain', 'structure-redundant-index'], dir).stdout;
  assert.match(explain, /^structure-redundant-index {2}\(lint, structure, default warning\)/);
  assert.match(explain, /Bad:\n {2}CREATE TABLE playlist_track/);
  assert.match(explain, /Good:\n/);
  const rules = runJson<{ id: string; level: string }[]>(['rules'], dir);
  assert.ok(rules.some((r) => r.id === 'types-enum' && r.level === 'info'));
  const unknown = run(['rules', '--explain', 'snake-case'], dir);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /no rule "snake-case" \(did you mean naming-snake-case/);
});

test.run();
