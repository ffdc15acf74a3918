// schema/schema_rules.schema.json (for editors) and the rules-file reader agree: on the template,
// on a file using every feature, and on files both must refuse.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '#yaml';
import { ASSERTION_KINDS, SELECT_KINDS } from '../../../src/rules/verify/house-rules.js';
import { PYTHON_KEYS } from '../../../src/rules/verify/python-rules.js';
import { readRulesFile } from '../../../src/rules/verify/rules-file.js';
import { newRepo, ROOT, run, tempDir } from '../../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'schema_rules.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const TEMPLATE = join(ROOT, '.datatrack-template', 'schema_rules.yaml');

function readerAccepts(text: string): boolean {
  const path = join(tempDir(), 'schema_rules.yaml');
  writeFileSync(path, text);
  try {
    readRulesFile(path, 'schema_rules.yaml');
    return true;
  } catch {
    return false;
  }
}

const EVERYTHING = `
rules: {enforce_snake_case: false, max_name_length: 40, ambiguous_names: [data], generic_types: [text], reserved_keywords: [order, null]}
house_rules:
  - id: audit.columns
    severity: warning
    message: Tables carry audit columns
    hint: add them in the next migration
    select: {kind: table, schema: [public, "/^app_/"], name: "*", except: {name: "tmp_*"}}
    assert:
      primary_key: true
      comment: true
      foreign_keys_indexed: true
      max_columns: 80
      max_name_length: 40
      name_pattern: "/^[a-z_]+$/"
      required_columns: [id, {name: created_at, type: "timestamp*", nullable: false}]
      forbidden_columns: ["legacy_*"]
      forbidden_types: [money, "/^json$/"]
  - id: columns
    select: {kind: column, table: "*", name: "*_id", type: integer}
    assert: {nullable: false, comment: true, forbidden_types: real}
  - id: names
    select: {kind: foreign_key}
    assert: {name_template: "fk_{table}_{ref_table}_{columns}*"}
`;

const REFUSED = [
  'house_rules:\n  - {id: x, select: {kind: column}, assert: {primary_key: true}}\n',
  'house_rules:\n  - {id: x, select: {kind: table}, assert: {}}\n',
  'house_rules:\n  - {id: x, select: {kind: index}, assert: {name_template: "{tabel}"}}\n',
  'house_rules:\n  - {id: x, select: {kind: table, table: t}, assert: {comment: true}}\n',
  'house_rules:\n  - {id: x, select: {kind: table, type: int}, assert: {comment: true}}\n',
  'house_rules:\n  - {id: "-x", select: {kind: table}, assert: {comment: true}}\n',
  'house_rules:\n  - {id: x, severity: fatal, select: {kind: table}, assert: {comment: true}}\n',
  'house_rules:\n  - {id: x, select: {kind: table}, assert: {comment: false}}\n',
  'rules: {enforce_snake_case: maybe}\n',
  'rules: {snake: true}\n',
  'extra: 1\n',
];

test('the template (the Python defaults) is valid for the schema and the reader, and points editors at the schema', () => {
  const text = readFileSync(TEMPLATE, 'utf8');
  assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
  assert.ok(readerAccepts(text));
  assert.match(text, /^# yaml-language-server: \$schema=\.datatrack\/schema_rules\.schema\.json$/m);
});

test('a file using every feature is valid for both', () => {
  assert.ok(validate(parse(EVERYTHING)), JSON.stringify(validate.errors));
  assert.ok(readerAccepts(EVERYTHING));
  // the Python tool's files may say yes/no (PyYAML reads them as booleans)
  const python = 'rules: {enforce_snake_case: no}\n';
  assert.ok(validate(parse(python)), JSON.stringify(validate.errors));
  assert.ok(readerAccepts(python));
});

test('files the reader refuses, the schema refuses too', () => {
  for (const text of REFUSED) {
    assert.not.ok(readerAccepts(text), text);
    assert.not.ok(validate(parse(text)), text);
  }
});

test("the schema lists the reader's kinds, assertions and Python keys", () => {
  const houseRule = schema.definitions.houseRule;
  assert.equal(houseRule.properties.select.properties.kind.enum, [...SELECT_KINDS]);
  assert.equal(Object.keys(houseRule.properties.assert.properties).sort(), Object.keys(ASSERTION_KINDS).sort());
  assert.equal(Object.keys(schema.properties.rules.properties), [...PYTHON_KEYS]);
});

test('init copies the schema next to the config, where the template comment points', () => {
  const dir = newRepo();
  assert.is(run(['init'], dir).code, 0);
  assert.ok(existsSync(join(dir, '.datatrack', 'schema_rules.schema.json')));
  assert.is(readFileSync(join(dir, 'schema_rules.yaml'), 'utf8'), readFileSync(TEMPLATE, 'utf8'));
});

test.run();
