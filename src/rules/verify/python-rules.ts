// The Python datatrack's schema_rules.yaml checks, as its `verify` and `lint` applied them
// (datatrack-core: datatrack/verifier.py and datatrack/linter.py):
// - verify: a table or column name that is not snake_case (`[a-z0-9_]+`, the whole name), or whose
//   lower-cased name is in reserved_keywords (also lower-cased);
// - lint: a table or column name longer than max_name_length characters (default 30), whose
//   lower-cased name is in ambiguous_names, and a column whose type, lower-cased and without its
//   `(…)`, is in generic_types.
// Only tables and their columns are checked, as there. Missing keys take the Python defaults
// (snake_case on, 30 characters, empty lists); with no file at all, verify's DEFAULT_RULES apply.
// What the Python tool's verify rejected is an error here; what only its lint pointed out is a
// warning (the generic types it lists include PostgreSQL's own integer, text and boolean).
import { objectPath } from '../../codec/layout.js';
import type { SchemaObject, Table } from '../../model/types.js';
import type { FindingKind, LocatedFinding } from '../findings.js';
import { pythonBaseType } from '../lint/naming.js';
import { takesFromParent } from '../partitions.js';
import type { RuleDoc } from '../rule.js';

export const PYTHON_KEYS = ['enforce_snake_case', 'max_name_length', 'ambiguous_names', 'generic_types', 'reserved_keywords'] as const;
export type PythonKey = (typeof PYTHON_KEYS)[number];

export interface PythonRules {
  enforceSnakeCase: boolean;
  maxNameLength: number | undefined;
  ambiguousNames: ReadonlySet<string>;
  genericTypes: ReadonlySet<string>;
  reservedKeywords: ReadonlySet<string>;
  /** Where each key is written, for annotations: file label and position. */
  positions: Partial<Record<PythonKey, { file: string; line: number; column: number }>>;
}

/** verifier.py DEFAULT_RULES: what the Python verify checked when there was no schema_rules.yaml. */
export const PYTHON_DEFAULT_RULES: PythonRules = {
  enforceSnakeCase: true,
  maxNameLength: undefined,
  ambiguousNames: new Set(),
  genericTypes: new Set(),
  reservedKeywords: new Set(
    ('select from table drop insert update delete create alter rename join where group by having order limit offset union ' +
      'intersect except as on in not is null and or like between exists').split(' '),
  ),
  positions: {},
};

export type FindTable = (schema: string, name: string) => Table | undefined;

const LINT_KEYS: ReadonlySet<PythonKey> = new Set(['max_name_length', 'ambiguous_names', 'generic_types']);
const levelOf = (id: PythonKey) => (LINT_KEYS.has(id) ? 'warning' : 'error');

const doc = (id: PythonKey, summary: string, description: string, bad: string, good: string, hint: string): RuleDoc => ({
  id,
  family: 'schema_rules',
  level: levelOf(id),
  summary,
  description: `${description} Set in schema_rules.yaml under rules: (the Python datatrack format).`,
  examples: { bad, good },
  hint,
});

export const PYTHON_RULE_DOCS: RuleDoc[] = [
  doc('enforce_snake_case', 'Table and column names are snake_case (a-z, 0-9, _).', 'With enforce_snake_case: true, every table and column name must consist of lower-case letters, digits and underscores only.', 'CREATE TABLE "Album" ("AlbumId" integer);', 'CREATE TABLE album (album_id integer);', 'rename it in snake_case'),
  doc('max_name_length', 'Table and column names are at most max_name_length characters.', 'Names longer than max_name_length characters (30 when the key is missing) are reported.', 'CREATE TABLE customer_subscription_renewal_reminders (…);', 'CREATE TABLE renewal_reminders (…);', 'shorten it'),
  doc('ambiguous_names', 'Table and column names are not on the ambiguous_names list.', 'A table or column whose lower-cased name is on ambiguous_names is reported.', 'CREATE TABLE reading (value numeric);', 'CREATE TABLE reading (temperature_celsius numeric);', 'name what it holds'),
  doc('generic_types', 'Column types are not on the generic_types list.', 'A column whose type, lower-cased and without its (…), is on generic_types is reported.', 'CREATE TABLE invoice (total float);', 'CREATE TABLE invoice (total numeric(12,2));', 'use a type that says what the column holds where it matters (numeric(12,2) for money, timestamptz for instants), or take a type that is right for the database (PostgreSQL text, integer, boolean) off generic_types'),
  doc('reserved_keywords', 'Table and column names are not on the reserved_keywords list.', 'A table or column whose lower-cased name is on reserved_keywords is reported.', 'CREATE TABLE "order" (id integer);', 'CREATE TABLE purchase_order (id integer);', 'rename it so that it is not a keyword'),
];
const HINTS = Object.fromEntries(PYTHON_RULE_DOCS.map((d) => [d.id, d.hint])) as Record<PythonKey, string>;

const SNAKE_CASE = /^[a-z0-9_]+$/;

/** `find` looks up a parent table; in changed-only mode the parents are loaded but not among `objects`. */
export function checkPythonRules(objects: readonly SchemaObject[], rules: PythonRules, findTable?: FindTable): LocatedFinding[] {
  const findings: LocatedFinding[] = [];
  const report = (rule: PythonKey, kind: FindingKind, object: string, file: string, column: string | undefined, message: string) =>
    findings.push({
      rule,
      severity: levelOf(rule),
      kind,
      object,
      message,
      hint: HINTS[rule],
      location: { file, ...(column === undefined ? {} : { part: { section: 'columns', name: column } }), ...(rules.positions[rule] ? { rule: rules.positions[rule] } : {}) },
    });
  const tables = new Map(objects.flatMap((o) => (o.kind === 'table' ? [[`${o.schema}\u0000${o.name}`, o] as const] : [])));
  const find: FindTable = findTable ?? ((schema, name) => tables.get(`${schema}\u0000${name}`));
  for (const table of tables.values()) {
    // A partition's or child's columns from its parent are judged there, once (rules/partitions.ts).
    const own = table.columns.filter((column) => !takesFromParent(table, 'column', column.name, find));
    let path: string | undefined;
    const file = () => (path ??= objectPath(table).join('/'));
    const check = (kind: 'table' | 'column', name: string, column: string | undefined) => {
      const lower = name.toLowerCase();
      // UTF-16 length bounds the code-point count from above: count only names that could be too long.
      const length = rules.maxNameLength === undefined || name.length <= rules.maxNameLength ? 0 : [...name].length;
      const snake = !rules.enforceSnakeCase || SNAKE_CASE.test(name);
      if (snake && !rules.reservedKeywords.has(lower) && !rules.ambiguousNames.has(lower) && !(length > rules.maxNameLength!)) return;
      // Only now is there something to report.
      const object = column === undefined ? `${table.schema}.${table.name}` : `${table.schema}.${table.name}.${column}`;
      const what = `${kind} name ${JSON.stringify(name)}`;
      if (!snake) report('enforce_snake_case', kind, object, file(), column, `${what} is not snake_case`);
      if (rules.reservedKeywords.has(lower)) report('reserved_keywords', kind, object, file(), column, `${what} is a reserved keyword`);
      if (length > rules.maxNameLength!) report('max_name_length', kind, object, file(), column, `${what} is ${length} characters long; max_name_length is ${rules.maxNameLength}`);
      if (rules.ambiguousNames.has(lower)) report('ambiguous_names', kind, object, file(), column, `${what} is ambiguous`);
    };
    check('table', table.name, undefined);
    for (const column of own) check('column', column.name, column.name);
    for (const column of own) {
      if (rules.genericTypes.has(pythonBaseType(column.type))) {
        report('generic_types', 'column', `${table.schema}.${table.name}.${column.name}`, file(), column.name, `column ${JSON.stringify(column.name)} has the generic type ${column.type}`);
      }
    }
  }
  return findings;
}
