// The Python datatrack's schema_rules.yaml, as `datatrack init` ships it (its own defaults), on a
// SQLite schema built to trip each of its rules: the violations are the ones the Python tool found.
// Expected below, worked out by hand from datatrack-core's verifier.py (snake_case as
// `[a-z0-9_]+`, reserved words in lower case) and linter.py (length > 30, ambiguous names in lower
// case, type lower-cased without its (…) against generic_types).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkPythonRules, PYTHON_DEFAULT_RULES } from '../../../src/rules/verify/python-rules.js';
import { verify } from '../../../src/api/verify.js';
import { repoWithSqlite, run, runJson } from '../../helpers/cli.js';
import { repoWithSnapshot, table } from '../../helpers/snapshots.js';

const SCHEMA = `
CREATE TABLE "Customer" ("CustomerId" INTEGER PRIMARY KEY, "select" TEXT, data VARCHAR(10), _hidden INT, "1st" INT,
  a_very_long_column_name_over_30_chars INT, amount FLOAT, created DATETIME, flag BOOLEAN, payload json, info TEXT, ok_name VARCHAR(20));
CREATE TABLE "order" (id INT, value NUMERIC(10,2), "Group" INT);
CREATE TABLE details (id INT);
CREATE TABLE a_table_name_that_is_over_thirty_x (id INT);
CREATE TABLE clean (id BIGINT, label VARCHAR(40));
`;

const PYTHON_VIOLATIONS = [
  'ambiguous_names main.Customer.data',
  'ambiguous_names main.Customer.info',
  'ambiguous_names main.details',
  'ambiguous_names main.order.value',
  'enforce_snake_case main.Customer',
  'enforce_snake_case main.Customer.CustomerId',
  'enforce_snake_case main.order.Group',
  'generic_types main.Customer.CustomerId',
  'generic_types main.Customer.amount',
  'generic_types main.Customer.created',
  'generic_types main.Customer.flag',
  'generic_types main.Customer.info',
  'generic_types main.Customer.payload',
  'generic_types main.Customer.select',
  'max_name_length main.Customer.a_very_long_column_name_over_30_chars',
  'max_name_length main.a_table_name_that_is_over_thirty_x',
  'reserved_keywords main.Customer.select',
  'reserved_keywords main.order',
  'reserved_keywords main.order.Group',
];

interface Report {
  findings: { rule: string; object: string; severity: string }[];
  summary: { error: number };
}

const violations = (report: Report) => report.findings.map((f) => `${f.rule} ${f.object}`).sort();

test("the Python defaults give the Python violations: its verify's as errors (exit 1), its lint's as warnings", () => {
  const { dir } = repoWithSqlite(SCHEMA);
  assert.is(run(['snapshot'], dir).code, 0);
  const result = run(['verify', '--json'], dir);
  assert.is(result.code, 1);
  const report = JSON.parse(result.stdout) as Report;
  assert.equal(violations(report), PYTHON_VIOLATIONS);
  const lintOnly = new Set(['max_name_length', 'ambiguous_names', 'generic_types']);
  assert.ok(report.findings.every((f) => f.severity === (lintOnly.has(f.rule) ? 'warning' : 'error')), JSON.stringify(report.findings));
});

test("a partition's or inheritance child's columns from its parent are judged on the parent, once", () => {
  const parent = table('Events', ['Id', 'select text']);
  const partitions = ['Events_2024', 'Events_2025'].map((name) => table(name, ['Id', 'select text'], { partition_of: { schema: 'public', table: 'Events', bound: 'DEFAULT' } }));
  const child = table('special', ['Id', 'select text', 'Extra text'], { inherits: [{ schema: 'public', table: 'Events' }] });
  assert.equal(checkPythonRules([parent, ...partitions, child], PYTHON_DEFAULT_RULES).map((f) => `${f.rule} ${f.object}`), [
    'enforce_snake_case public.Events',
    'enforce_snake_case public.Events.Id',
    'reserved_keywords public.Events.select',
    'enforce_snake_case public.Events_2024',
    'enforce_snake_case public.Events_2025',
    'enforce_snake_case public.special.Extra',
  ]);
});

test("without schema_rules.yaml, verify checks the Python verify's DEFAULT_RULES (snake_case, 32 reserved words)", () => {
  const { dir } = repoWithSqlite(SCHEMA);
  assert.is(run(['snapshot'], dir).code, 0);
  rmSync(join(dir, 'schema_rules.yaml'));
  const result = run(['verify', '--json'], dir);
  assert.match(result.stderr, /no schema_rules\.yaml/);
  assert.equal(
    violations(JSON.parse(result.stdout) as Report),
    PYTHON_VIOLATIONS.filter((v) => v.startsWith('enforce_snake_case') || v.startsWith('reserved_keywords')),
  );
});

test("the Python tool's yes/no and on/off (PyYAML reads them as booleans) mean true and false in rules:", () => {
  const { dir } = repoWithSqlite(SCHEMA);
  assert.is(run(['snapshot'], dir).code, 0);
  const snakeCase = (setting: string) => {
    writeFileSync(join(dir, 'schema_rules.yaml'), `rules:\n  enforce_snake_case: ${setting}\n`);
    const result = run(['verify', '--json'], dir);
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    return (JSON.parse(result.stdout) as Report).findings.some((f) => f.rule === 'enforce_snake_case');
  };
  assert.equal(['yes', 'On', 'NO', 'off', 'true', 'false'].map(snakeCase), [true, true, false, false, true, false]);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: maybe\n');
  assert.match(run(['verify'], dir).stderr, /schema_rules\.yaml:2:23: expected true or false/);
  // Quoted, 'no' is text, which the Python tool took as true: refused, never read as off.
  writeFileSync(join(dir, 'schema_rules.yaml'), "rules:\n  enforce_snake_case: 'no'\n");
  const quoted = run(['verify'], dir);
  assert.is(quoted.code, 2);
  assert.match(quoted.stderr, /schema_rules\.yaml:2:23: expected true or false: a quoted "no" is text, which the Python tool took as true; write no or false without quotes/);
  // An empty (or truncated) file would verify nothing: refused, as the Python tool failed on one.
  for (const text of ['', '# nothing yet\n', '{}\n']) {
    writeFileSync(join(dir, 'schema_rules.yaml'), text);
    const empty = run(['verify'], dir);
    assert.is(empty.code, 2, JSON.stringify(text));
    assert.match(empty.stderr, /schema_rules\.yaml.*: holds no rules: write `rules:` .* or `house_rules:`, or remove the file/);
  }
});

test("names Python's verify accepts but its lint does not (_hidden, 1st) are lint's naming-snake-case findings", () => {
  const { dir } = repoWithSqlite(SCHEMA);
  assert.is(run(['snapshot'], dir).code, 0);
  const lint = runJson<Report>(['lint', '--format', 'json'], dir).findings.filter((f) => f.rule === 'naming-snake-case');
  assert.ok(lint.some((f) => f.object === 'main.Customer._hidden'));
  assert.ok(lint.some((f) => f.object === 'main.Customer.1st'));
});


test('a Python key left out still checks its default, and its findings point at the rules: line of the file', async () => {
  const repo = await repoWithSnapshot([table('a_table_name_that_is_over_thirty_x', ['Id integer'])]);
  writeFileSync(join(repo, 'schema_rules.yaml'), '# house rules\nrules:\n  reserved_keywords: [select]\n');
  const result = await verify({ cwd: repo });
  assert.equal(
    result.findings.map((f) => [f.rule, f.object, f.location.rule]),
    [
      ['max_name_length', 'public.a_table_name_that_is_over_thirty_x', { file: 'schema_rules.yaml', line: 2, column: 1 }],
      ['enforce_snake_case', 'public.a_table_name_that_is_over_thirty_x.Id', { file: 'schema_rules.yaml', line: 2, column: 1 }],
    ],
  );
});

test.run();
