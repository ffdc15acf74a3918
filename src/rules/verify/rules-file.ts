// schema_rules.yaml: the Python datatrack's `rules:` mapping, unchanged, and the extended
// `house_rules:` list. Read with the size, alias and duplicate-key limits of yaml-file.ts; every
// mistake (unknown key, wrong type, bad pattern, duplicate id) is reported at file:line:column.
import { errorAt, isQuotedAt, positionAt, readYamlFile, type YamlFile } from '../../config/yaml-file.js';
import type { UsageError } from '../../errors.js';
import { SEVERITIES, type Severity } from '../findings.js';
import { compilePattern, PatternError, type Matcher } from '../patterns.js';
import {
  ASSERTION_KINDS,
  PART_KINDS,
  SELECT_KINDS,
  TEMPLATE_PLACEHOLDERS,
  type AssertionName,
  type Assertions,
  type Criteria,
  type HouseRule,
  type RequiredColumn,
  type SelectKind,
  type Template,
} from './house-rules.js';
import { PYTHON_KEYS, type PythonKey, type PythonRules } from './python-rules.js';

export interface RulesFile {
  label: string;
  python: PythonRules | undefined;
  houseRules: HouseRule[];
}

type Path = (string | number)[];
const TOP_KEYS = ['rules', 'house_rules'];
const RULE_KEYS = ['id', 'severity', 'message', 'hint', 'select', 'assert'];
const CRITERIA_KEYS = ['schema', 'table', 'name', 'type'];
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Capital letters of a regular expression that are not text to match: in escapes (\\D, \\x41, \\p{Lu}) and group names. */
const REGEX_CAPITALS_ALLOWED = /\\u\{[0-9A-Fa-f]+\}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|\\[pP]\{[^}]*\}|\\k<[^>]*>|\(\?<[^>=!][^>]*>|\\./g;

/** PyYAML reads these as booleans (YAML 1.1); the yaml library, as YAML 1.2 does, as text. */
const YAML_11_BOOLEANS: Record<string, boolean> = Object.fromEntries(
  ['yes', 'on', 'no', 'off'].flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()].map((spelling) => [spelling, word === 'yes' || word === 'on'])),
);

class Reader {
  constructor(readonly file: YamlFile) {}

  fail(at: Path, problem: string, atKey = false): UsageError {
    return errorAt(this.file, at, problem, atKey);
  }

  mapping(at: Path, value: unknown, known: readonly string[], what: string): Record<string, unknown> {
    if (!isMapping(value)) throw this.fail(at, `${what} must be a mapping`);
    for (const key of Object.keys(value)) if (!known.includes(key)) throw this.fail([...at, key], `unknown key "${key}" in ${what} (known: ${known.join(', ')})`, true);
    return value;
  }

  pattern(at: Path, value: unknown): Matcher {
    if (typeof value !== 'string' || value === '') throw this.fail(at, 'expected a glob or a /regular expression/');
    try {
      return compilePattern(value);
    } catch (error) {
      if (error instanceof PatternError) throw this.fail(at, error.message);
      throw error;
    }
  }

  /** A pattern over column types, which are matched in lower case: a glob is lower-cased too, a regular expression must be. */
  typePattern(at: Path, value: unknown): Matcher {
    const matcher = this.pattern(at, value);
    // A capital letter (not an escape such as \D) would never match: /VARCHAR/ would select nothing, silently.
    if (typeof value === 'string' && value.startsWith('/') && /[A-Z]/.test(value.replace(REGEX_CAPITALS_ALLOWED, ''))) throw this.fail(at, 'column types are matched in lower case (varchar(255), not VARCHAR(255)): write the regular expression in lower case');
    if (typeof value !== 'string' || value.startsWith('/')) return matcher;
    const lower = this.pattern(at, value.toLowerCase());
    return { source: value, test: (text) => lower.test(text) };
  }

  patterns(at: Path, value: unknown, one: (at: Path, value: unknown) => Matcher = (a, v) => this.pattern(a, v)): Matcher[] {
    if (Array.isArray(value)) {
      if (value.length === 0) throw this.fail(at, 'expected at least one pattern');
      return value.map((v, i) => one([...at, i], v));
    }
    return [one(at, value)];
  }

  positiveInteger(at: Path, value: unknown): number {
    if (!Number.isInteger(value) || (value as number) < 1) throw this.fail(at, 'expected a positive integer');
    return value as number;
  }

  boolean(at: Path, value: unknown): boolean {
    if (typeof value !== 'boolean') throw this.fail(at, 'expected true or false');
    return value;
  }

  /**
   * A boolean of the Python tool's `rules:`, which PyYAML also reads from plain yes/no and on/off
   * (YAML 1.1). Quoted, `'no'` is text, which Python takes as true: refused rather than guessed.
   */
  pythonBoolean(at: Path, value: unknown): boolean {
    if (typeof value !== 'string' || YAML_11_BOOLEANS[value] === undefined) return this.boolean(at, value);
    if (isQuotedAt(this.file, at)) throw this.fail(at, `expected true or false: a quoted ${JSON.stringify(value)} is text, which the Python tool took as true; write ${value} or ${YAML_11_BOOLEANS[value]} without quotes`);
    return YAML_11_BOOLEANS[value];
  }

  text(at: Path, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') throw this.fail(at, 'expected text');
    return value;
  }

  /**
   * A list of words, compared in lower case. The Python tool's own list holds `- null`, which YAML
   * reads as null: a word list means the word, so null, true and false are taken as written.
   */
  words(at: Path, value: unknown): Set<string> {
    if (!Array.isArray(value)) throw this.fail(at, 'expected a list of words');
    return new Set(
      value.map((w, i) => {
        if (typeof w === 'object' && w !== null) throw this.fail([...at, i], 'expected a word');
        return String(w).toLowerCase();
      }),
    );
  }

  where(at: Path, atKey = false) {
    return { file: this.file.label, ...positionAt(this.file, at, atKey) };
  }
}

function readPython(r: Reader, raw: unknown): PythonRules {
  const rules = r.mapping(['rules'], raw, PYTHON_KEYS, 'rules (the Python datatrack settings)');
  // A key left out still checks its default (snake_case on, 30 characters): its findings point at
  // `rules:`, a line of the checkout, rather than at the snapshot's own file, which is not one.
  const implied = r.where(['rules'], true);
  const positions: PythonRules['positions'] = { enforce_snake_case: implied, max_name_length: implied };
  for (const key of Object.keys(rules) as PythonKey[]) positions[key] = r.where(['rules', key], true);
  return {
    enforceSnakeCase: rules.enforce_snake_case === undefined ? true : r.pythonBoolean(['rules', 'enforce_snake_case'], rules.enforce_snake_case),
    maxNameLength: rules.max_name_length === undefined ? 30 : r.positiveInteger(['rules', 'max_name_length'], rules.max_name_length),
    ambiguousNames: rules.ambiguous_names === undefined ? new Set() : r.words(['rules', 'ambiguous_names'], rules.ambiguous_names),
    genericTypes: rules.generic_types === undefined ? new Set() : r.words(['rules', 'generic_types'], rules.generic_types),
    reservedKeywords: rules.reserved_keywords === undefined ? new Set() : r.words(['rules', 'reserved_keywords'], rules.reserved_keywords),
    positions,
  };
}

function readCriteria(r: Reader, at: Path, raw: Record<string, unknown>, kind: SelectKind): Criteria {
  const criteria: Criteria = {};
  for (const key of CRITERIA_KEYS as (keyof Criteria)[]) {
    if (raw[key] === undefined) continue;
    if (key === 'table' && !PART_KINDS.includes(kind)) throw r.fail([...at, key], `table selects the table of a part; a ${kind} is selected by name`, true);
    if (key === 'type' && kind !== 'column') throw r.fail([...at, key], 'type selects columns by type; use kind: column', true);
    criteria[key] = key === 'type' ? r.patterns([...at, key], raw[key], (a, v) => r.typePattern(a, v)) : r.patterns([...at, key], raw[key]);
  }
  return criteria;
}

function readTemplate(r: Reader, at: Path, value: unknown, kind: SelectKind): { source: string; parts: Template } {
  const source = r.text(at, value);
  const parts: Template = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) parts.push({ text: source.slice(last, m.index) });
    const allowed = TEMPLATE_PLACEHOLDERS[m[1]!];
    if (!allowed) throw r.fail(at, `unknown placeholder {${m[1]}} (known: ${Object.keys(TEMPLATE_PLACEHOLDERS).map((p) => `{${p}}`).join(', ')})`);
    if (!allowed.includes(kind)) throw r.fail(at, `{${m[1]}} has no value for a ${kind}`);
    parts.push({ placeholder: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  if (/[{}]/.test(parts.map((p) => ('text' in p ? p.text : '')).join(''))) throw r.fail(at, 'unbalanced { or } in the template');
  return { source, parts };
}

function readRequiredColumns(r: Reader, at: Path, value: unknown): RequiredColumn[] {
  if (!Array.isArray(value) || value.length === 0) throw r.fail(at, 'expected a list of column names or {name, type, nullable}');
  return value.map((item, i) => {
    const here = [...at, i];
    if (typeof item === 'string') return { name: item };
    const spec = r.mapping(here, item, ['name', 'type', 'nullable'], 'a required column');
    return {
      name: r.text([...here, 'name'], spec.name),
      ...(spec.type === undefined ? {} : { type: r.typePattern([...here, 'type'], spec.type) }),
      ...(spec.nullable === undefined ? {} : { nullable: r.boolean([...here, 'nullable'], spec.nullable) }),
    };
  });
}

function readAssertions(r: Reader, at: Path, raw: unknown, kind: SelectKind): Assertions {
  const spec = r.mapping(at, raw, Object.keys(ASSERTION_KINDS), 'assert');
  if (Object.keys(spec).length === 0) throw r.fail(at, 'assert needs at least one assertion');
  const assertions: Assertions = {};
  for (const [name, value] of Object.entries(spec) as [AssertionName, unknown][]) {
    const here = [...at, name];
    if (!ASSERTION_KINDS[name].includes(kind)) throw r.fail(here, `${name} does not apply to a ${kind} (it applies to: ${ASSERTION_KINDS[name].join(', ')})`, true);
    switch (name) {
      case 'name_pattern':
        assertions.name_pattern = r.pattern(here, value);
        break;
      case 'forbidden_columns':
        assertions.forbidden_columns = r.patterns(here, value);
        break;
      case 'forbidden_types':
        assertions.forbidden_types = r.patterns(here, value, (a, v) => r.typePattern(a, v));
        break;
      case 'max_name_length':
      case 'max_columns':
        assertions[name] = r.positiveInteger(here, value);
        break;
      case 'primary_key':
      case 'comment':
      case 'foreign_keys_indexed':
        if (value !== true) throw r.fail(here, `${name} takes true (leave it out to not require it)`);
        assertions[name] = true;
        break;
      case 'nullable':
        assertions.nullable = r.boolean(here, value);
        break;
      case 'required_columns':
        assertions.required_columns = readRequiredColumns(r, here, value);
        break;
      case 'name_template':
        assertions.name_template = readTemplate(r, here, value, kind);
        break;
    }
  }
  return assertions;
}

function readHouseRule(r: Reader, at: Path, raw: unknown): HouseRule {
  const spec = r.mapping(at, raw, RULE_KEYS, 'a house rule');
  for (const key of ['id', 'select', 'assert']) if (spec[key] === undefined) throw r.fail(at, `a house rule needs ${key}`);
  const id = r.text([...at, 'id'], spec.id);
  if (!ID.test(id)) throw r.fail([...at, 'id'], 'id must be letters, digits, _, . and - (starting with a letter or digit)');
  // Only a missing key takes the default: `severity:` left empty (null) is a mistake, as the JSON Schema says.
  const severity = (spec.severity === undefined ? 'error' : spec.severity) as Severity;
  if (!SEVERITIES.includes(severity)) throw r.fail([...at, 'severity'], `severity must be one of ${SEVERITIES.join(', ')}`);
  const select = r.mapping([...at, 'select'], spec.select, ['kind', ...CRITERIA_KEYS, 'except'], 'select');
  const kind = select.kind as SelectKind;
  if (!SELECT_KINDS.includes(kind)) throw r.fail([...at, 'select', 'kind'], `kind must be one of ${SELECT_KINDS.join(', ')}`);
  const except = select.except === undefined ? undefined : r.mapping([...at, 'select', 'except'], select.except, CRITERIA_KEYS, 'except');
  return {
    id,
    severity,
    ...(spec.message === undefined ? {} : { message: r.text([...at, 'message'], spec.message) }),
    ...(spec.hint === undefined ? {} : { hint: r.text([...at, 'hint'], spec.hint) }),
    select: {
      kind,
      ...readCriteria(r, [...at, 'select'], select, kind),
      ...(except ? { except: readCriteria(r, [...at, 'select', 'except'], except, kind) } : {}),
    },
    assert: readAssertions(r, [...at, 'assert'], spec.assert, kind),
    position: r.where(at),
  };
}

export function readRulesFile(path: string, label: string): RulesFile {
  const r = new Reader(readYamlFile(path, label));
  const top = r.mapping([], r.file.value ?? {}, TOP_KEYS, label);
  // An empty or truncated file would verify nothing and pass: the Python tool failed on one too.
  if (top.rules === undefined && top.house_rules === undefined) {
    throw r.fail([], 'holds no rules: write `rules:` (the Python datatrack settings) or `house_rules:`, or remove the file to check the Python defaults');
  }
  const python = top.rules === undefined ? undefined : readPython(r, top.rules);
  if (top.house_rules !== undefined && !Array.isArray(top.house_rules)) throw r.fail(['house_rules'], 'house_rules must be a list of rules');
  const houseRules = ((top.house_rules ?? []) as unknown[]).map((raw, i) => readHouseRule(r, ['house_rules', i], raw));
  // With `rules:`, the Python rules' ids are theirs, the keys left out too (max_name_length runs at 30 then).
  const reserved: ReadonlySet<string> = new Set(python ? PYTHON_KEYS : []);
  const seen = new Set<string>();
  houseRules.forEach((rule, i) => {
    if (reserved.has(rule.id)) throw r.fail(['house_rules', i, 'id'], `rule id "${rule.id}" is a rule of rules: (the Python datatrack settings); give the house rule another id`);
    if (seen.has(rule.id)) throw r.fail(['house_rules', i, 'id'], `duplicate rule id "${rule.id}"`);
    seen.add(rule.id);
  });
  return { label, python, houseRules };
}
