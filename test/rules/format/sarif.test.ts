// SARIF output validates against the SARIF 2.1.0 JSON Schema (test/fixtures/sarif, see its
// PROVENANCE.md) and carries what GitHub code scanning uses: rules with help, levels, locations
// with lines, fingerprints.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv, Options } from 'ajv';
import draft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FIXTURES, run } from '../../helpers/cli.js';
import { repoWithSnapshot, table } from '../../helpers/snapshots.js';
import type { LocatedFinding } from '../../../src/rules/findings.js';
import type { CheckResult } from '../../../src/rules/format/check-result.js';
import { renderSarif } from '../../../src/rules/format/sarif.js';
import { LINT_RULES } from '../../../src/rules/lint/rule-list.js';

const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
// CommonJS default exports, as NodeNext sees them.
const Ajv04 = (draft04 as unknown as { default: new (options: Options) => Ajv }).default;
const addFormats = (formats as unknown as { default: (ajv: Ajv) => Ajv }).default;
// The schema's `language` pattern has a stray `]` that is only legal without the `u` flag.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

let dir: string;
test.before(async () => {
  dir = await repoWithSnapshot([
    table('Customer', ['id bigint', 'Email character varying(254) null', 'balance real'], { unique_constraints: [{ name: 'customer_email_key', columns: ['Email'] }] }),
    table('payment', ['id bigint', 'customer_id bigint', 'paid timestamp without time zone'], {
      primary_key: { name: 'payment_pkey', columns: ['id'] },
      foreign_keys: [{ name: 'payment_customer_fk', columns: ['customer_id'], references: { schema: 'public', table: 'Customer', columns: ['id'] } }],
    }),
  ]);
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\nhouse_rules:\n  - id: documented\n    severity: info\n    select: {kind: table}\n    assert: {comment: true}\n');
});

function sarif(command: string): Sarif {
  const result = run([command, '--format', 'sarif'], dir);
  const log = JSON.parse(result.stdout) as Sarif;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}

test('lint --format sarif is valid SARIF 2.1.0 with rule help and located results', () => {
  const log = sarif('lint');
  const run0 = log.runs[0]!;
  assert.is(run0.tool.driver.name, 'datatrack');
  const ids = run0.tool.driver.rules.map((r) => r.id);
  // the rules that ran: naming-keyword is off unless configured on
  assert.ok(!ids.includes('naming-keyword') && ids.includes('types-enum'));
  for (const rule of run0.tool.driver.rules) assert.match(rule.help.markdown, /\*\*Bad\*\*/);
  const byRule = new Map(run0.results.map((r) => [r.ruleId, r]));
  const fk = byRule.get('structure-fk-not-indexed')!;
  assert.is(fk.level, 'warning');
  assert.is(ids[fk.ruleIndex], 'structure-fk-not-indexed');
  assert.equal(fk.locations[0]!.physicalLocation.artifactLocation.uri, 'public/tables/payment.yaml');
  assert.is(fk.locations[0]!.logicalLocations[0]!.fullyQualifiedName, 'public.payment.payment_customer_fk');
  // the line of `- name: payment_customer_fk` in the stored file
  const stored = run(['show', 'public.payment'], dir).stdout.split('\n');
  assert.is(stored[fk.locations[0]!.physicalLocation.region.startLine - 1], '  - name: payment_customer_fk');
  assert.is(byRule.get('structure-nullable-unique')!.level, 'note');
  assert.is(new Set(run0.results.map((r) => r.partialFingerprints['datatrackFinding/v1'])).size, run0.results.length);
});

test('lint --format sarif lists the rules that ran, at their configured levels', async () => {
  const configured = await repoWithSnapshot([table('orders', ['id bigint'], { primary_key: { columns: ['id'] } })]);
  mkdirSync(join(configured, '.datatrack'), { recursive: true });
  writeFileSync(join(configured, '.datatrack', 'config.yaml'), 'lint:\n  rules:\n    naming-keyword: warning\n    types-enum: off\n  schemas:\n    public: {naming-length: error}\n');
  const rules = (JSON.parse(run(['lint', '--format', 'sarif'], configured).stdout) as Sarif).runs[0]!.tool.driver.rules;
  const level = (id: string) => rules.find((r) => r.id === id)?.defaultConfiguration.level;
  assert.equal([level('naming-keyword'), level('types-enum'), level('naming-length'), level('structure-no-primary-key')], ['warning', undefined, 'error', 'warning']);
});

test('verify --format sarif relates each result to its rule in schema_rules.yaml', () => {
  const log = sarif('verify');
  const results = log.runs[0]!.results;
  const documented = results.find((r) => r.ruleId === 'documented')!;
  assert.is(documented.level, 'note');
  assert.equal(documented.relatedLocations![0]!.physicalLocation.artifactLocation.uri, 'schema_rules.yaml');
  assert.is(documented.relatedLocations![0]!.physicalLocation.region.startLine, 4);
  const snake = results.find((r) => r.ruleId === 'enforce_snake_case')!;
  assert.is(snake.relatedLocations![0]!.physicalLocation.region.startLine, 2);
  assert.equal(log.runs[0]!.tool.driver.rules.map((r) => r.id), ['enforce_snake_case', 'max_name_length', 'ambiguous_names', 'generic_types', 'reserved_keywords', 'documented']);
  // a house rule has no examples: its help has no empty Bad and Good sections
  const help = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'documented')!.help;
  assert.is(help.markdown, 'Selects each table; asserts comment. Defined in schema_rules.yaml:4.\n\n**Fix:** see the rule at schema_rules.yaml:4');
  assert.is(help.text, 'Selects each table; asserts comment. Defined in schema_rules.yaml:4.\n\nFix: see the rule at schema_rules.yaml:4');
});

test('a name with a line break is located at its own member, not at the section', async () => {
  // every such name starts with the same `- name: |-` line: only the block's lines tell them apart
  const columns = ['id', 'First\nline', 'Second\nline'].map((name) => ({ name, type: 'bigint', nullable: false }));
  const multi = await repoWithSnapshot([table('notes', [], { columns, primary_key: { columns: ['id'] } })]);
  const log = JSON.parse(run(['lint', '--format', 'sarif'], multi).stdout) as Sarif;
  const stored = run(['show', 'public.notes'], multi).stdout.split('\n');
  for (const name of ['First\nline', 'Second\nline']) {
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'naming-snake-case' && r.locations[0]!.logicalLocations[0]!.fullyQualifiedName === `public.notes.${name}`)!;
    const line = result.locations[0]!.physicalLocation.region.startLine;
    assert.equal(stored.slice(line - 1, line + 2), ['  - name: |-', `      ${name.split('\n')[0]}`, '      line']);
  }
});

test('a name spelling an embedded link is text in the message: its brackets escaped, no link to render', async () => {
  const name = '[Open the migration guide](https://evil.example/login)';
  const repo = await repoWithSnapshot([table(name, ['id bigint'], { primary_key: { columns: ['id'] } })]);
  const log = JSON.parse(run(['lint', '--format', 'sarif'], repo).stdout) as Sarif;
  assert.ok(validate(log), JSON.stringify(validate.errors));
  const texts = log.runs[0]!.results.map((r) => r.message.text);
  assert.ok(texts.length > 0);
  for (const text of texts) {
    assert.not.match(text, /(^|[^\\])\[[^\]]*\]\(/, text);
    assert.ok(text.includes('\\[Open the migration guide\\](https://evil.example/login)'), text);
  }
});

test('a run without findings is valid SARIF too', async () => {
  const clean = await repoWithSnapshot([table('ok', ['id bigint'], { primary_key: { columns: ['id'] } })]);
  const log = JSON.parse(run(['lint', '--format', 'sarif'], clean).stdout) as Sarif;
  assert.ok(validate(log), JSON.stringify(validate.errors));
  assert.equal(log.runs[0]!.results, []);
});

test('each result is made as it is written: 150,000 findings were ~1.4 GB at once', () => {
  const findings = Array.from({ length: 1000 }, (_, i): LocatedFinding => ({
    rule: 'naming-snake-case',
    severity: 'warning',
    kind: 'table',
    object: `public.T${i}`,
    message: `table "T${i}" is not snake_case`,
    hint: 'rename it',
    location: { file: `public/tables/T${i}.yaml`, part: { section: 'columns' } },
  }));
  let located = 0;
  const result: CheckResult = {
    command: 'lint',
    commit: 'c'.repeat(40),
    target: 'default',
    dialect: 'postgres',
    checked: [],
    findings,
    summary: { error: 0, warning: findings.length, info: 0 },
    rules: LINT_RULES.all().slice(0, 2),
    lineOf: () => ++located,
  };
  const pieces = renderSarif(result, '1.0.0')[Symbol.iterator]();
  let text = '';
  while (!text.includes('"results": [')) text += pieces.next().value;
  assert.ok(located <= 1, `${located} results located before the first was written`);
  for (let next = pieces.next(); !next.done; next = pieces.next()) text += next.value;
  assert.is(located, 1000);
  assert.is(JSON.parse(text).runs[0].results.length, 1000);
});

test.run();
