// House rules (the extended schema_rules.yaml format): a selector picks objects or parts of them
// (tables, columns, indexes, keys …) by kind, schema, table, name and column type; assertions say
// what each selected one must satisfy. Evaluation is pure: model objects in, hits out.
import { CASE_INSENSITIVE_COLUMN_DIALECTS, columnKeyOf, ignoresCase } from '../../diff/dialect-rules.js';
import { foldName } from '../../model/names.js';
import type { Column, Dialect, SchemaObject, Table } from '../../model/types.js';
import { DIALECT_TYPES } from '../dialect-types.js';
import { locateHit, MAX_MESSAGE } from '../engine.js';
import { ellipsized } from '../../util/ellipsized.js';
import type { FindingKind, LocatedFinding, Severity } from '../findings.js';
import { foreignKeyCovered } from '../lint/index-keys.js';
import { keyColumn } from '../../model/part-label.js';
import { parentTable, sameJson } from '../../model/partition-clones.js';
import { clonedHit, columnParents, inheritedHit } from '../partitions.js';
import { compileGlob, type Matcher } from '../patterns.js';
import type { Hit } from '../rule.js';
import type { FindTable } from './python-rules.js';

export const SELECT_KINDS = [
  'table', 'view', 'materialized_view', 'column', 'index', 'primary_key', 'foreign_key', 'unique_constraint', 'check', 'sequence', 'type', 'routine',
] as const;
export type SelectKind = (typeof SELECT_KINDS)[number];
/** Kinds that are parts of a table (selectable by `table`). */
export const PART_KINDS: readonly SelectKind[] = ['column', 'index', 'primary_key', 'foreign_key', 'unique_constraint', 'check'];

export interface Criteria {
  schema?: Matcher[];
  table?: Matcher[];
  name?: Matcher[];
  /** Column type, matched in lower case (on MySQL also without its display width and ZEROFILL). */
  type?: Matcher[];
}

export interface Selector extends Criteria {
  kind: SelectKind;
  except?: Criteria;
}

export interface RequiredColumn {
  name: string;
  type?: Matcher;
  nullable?: boolean;
}

/** A name template: literal text, `*` for anything, and placeholders such as {table}. */
export type Template = ({ text: string } | { placeholder: string })[];

export interface Assertions {
  name_pattern?: Matcher;
  max_name_length?: number;
  required_columns?: RequiredColumn[];
  forbidden_columns?: Matcher[];
  forbidden_types?: Matcher[];
  primary_key?: boolean;
  comment?: boolean;
  foreign_keys_indexed?: boolean;
  max_columns?: number;
  name_template?: { source: string; parts: Template };
  nullable?: boolean;
}
export type AssertionName = keyof Assertions;

/** Which selected kinds each assertion can judge; anything else is a rule-file error. */
export const ASSERTION_KINDS: Record<AssertionName, readonly SelectKind[]> = {
  name_pattern: SELECT_KINDS,
  max_name_length: SELECT_KINDS,
  required_columns: ['table', 'view', 'materialized_view'],
  forbidden_columns: ['table', 'view', 'materialized_view'],
  forbidden_types: ['table', 'view', 'materialized_view', 'column'],
  primary_key: ['table'],
  comment: ['table', 'view', 'materialized_view', 'column', 'index', 'sequence', 'type', 'routine'],
  foreign_keys_indexed: ['table'],
  max_columns: ['table', 'view', 'materialized_view'],
  name_template: ['index', 'primary_key', 'foreign_key', 'unique_constraint', 'check'],
  nullable: ['column'],
};

export const TEMPLATE_PLACEHOLDERS: Record<string, readonly SelectKind[]> = {
  schema: PART_KINDS,
  table: PART_KINDS,
  columns: PART_KINDS,
  column: PART_KINDS,
  ref_table: ['foreign_key'],
  ref_columns: ['foreign_key'],
};

export interface HouseRule {
  id: string;
  severity: Severity;
  message?: string;
  hint?: string;
  select: Selector;
  assert: Assertions;
  /** Where the rule is written. */
  position: { file: string; line: number; column: number };
}

interface Subject {
  kind: SelectKind;
  owner: SchemaObject;
  table?: string;
  name: string | undefined;
  part?: Hit['part'];
  columns?: { name: string; type?: string; nullable?: boolean }[];
  type?: string;
  nullable?: boolean;
  comment?: string;
  keyColumns?: (string | undefined)[];
  references?: { table: string; columns?: string[] };
}

const partOf = (name: string | undefined, index: number): Hit['part'] => (name === undefined ? { index } : { name });

/** The subjects of one kind that an object holds (the object itself, or its parts). */
function subjects(object: SchemaObject, kind: SelectKind): Subject[] {
  if (kind === object.kind && (kind === 'table' || kind === 'view' || kind === 'materialized_view')) {
    const columns = object.kind === 'table' ? object.columns : 'columns' in object ? (object.columns ?? []) : [];
    return [{ kind, owner: object, name: object.name, columns, comment: object.comment }];
  }
  if (kind === object.kind) return [{ kind, owner: object, name: object.name, comment: 'comment' in object ? object.comment : undefined }];
  const owner = object;
  const table = object.name;
  if (kind === 'index' && (object.kind === 'table' || object.kind === 'materialized_view')) {
    return (object.indexes ?? []).map((ix, i) => ({ kind, owner, table, name: ix.name, part: partOf(ix.name, i), comment: ix.comment, keyColumns: ix.columns.map(keyColumn) }));
  }
  if (object.kind !== 'table') return [];
  // Written out property by property: spreading a shared base object into each of 80,000 column
  // subjects took most of a 10,000-table verify run.
  switch (kind) {
    case 'column':
      return object.columns.map((c: Column) => ({ kind, owner, table, name: c.name, part: { name: c.name }, type: c.type, nullable: c.nullable, comment: c.comment }));
    case 'primary_key':
      return object.primary_key ? [{ kind, owner, table, name: object.primary_key.name, part: partOf(object.primary_key.name, 0), keyColumns: object.primary_key.columns }] : [];
    case 'foreign_key':
      return (object.foreign_keys ?? []).map((fk, i) => ({ kind, owner, table, name: fk.name, part: partOf(fk.name, i), keyColumns: fk.columns, references: fk.references }));
    case 'unique_constraint':
      return (object.unique_constraints ?? []).map((u, i) => ({ kind, owner, table, name: u.name, part: partOf(u.name, i), keyColumns: u.columns }));
    case 'check':
      // A check's column is recorded only for a check written on its column (SQLite, MariaDB); otherwise it is unknown.
      return (object.checks ?? []).map((c, i) => ({ kind, owner, table, name: c.name, part: partOf(c.name, i), keyColumns: c.column === undefined ? undefined : [c.column] }));
    default:
      return [];
  }
}

/** How the snapshot's dialect compares names and spells types. */
interface DialectTerms {
  /** A column's name as the dialect compares it. */
  columnKey(name: string): string;
  /** Whether a name pattern matches a column's name as the dialect compares names. */
  columnIs(pattern: Matcher, name: string): boolean;
  /** Whether a name pattern matches the name of an object or part of this kind as the dialect compares such names (a table's too, kind `table`). */
  nameIs(kind: SelectKind, pattern: Matcher, name: string): boolean;
  /** A name of an object or part of this kind as the dialect compares such names: two spellings of one name have the same key. */
  nameKey(kind: SelectKind): (name: string) => string;
  /** Whether a type pattern matches a column type. */
  typeIs(pattern: Matcher, type: string): boolean;
}

function dialectTerms(dialect: Dialect): DialectTerms {
  const { plainType } = DIALECT_TYPES[dialect];
  const spellings = new Map<string, string[]>();
  const ignoringCase = CASE_INSENSITIVE_COLUMN_DIALECTS.has(dialect);
  const foldedGlobs = new Map<Matcher, Matcher>();
  // Where names ignore case a glob does too (`SSN` forbids MySQL's ssn). A regular expression
  // cannot be made to (the linear engine takes no `i` flag): it is tried on the name as written
  // and folded, so a lower-case one matches every spelling.
  const matches = (pattern: Matcher, name: string, ignoring: boolean) => {
    if (pattern.test(name)) return true;
    if (!ignoring) return false;
    let folded = foldedGlobs.get(pattern);
    if (!folded) foldedGlobs.set(pattern, (folded = pattern.source.startsWith('/') ? pattern : compileGlob(foldName(pattern.source))));
    return folded.test(foldName(name));
  };
  // Names within a table (columns, indexes, keys) as column names; tables, views, routines as the dialect compares those.
  const ignores = (kind: SelectKind) => (PART_KINDS.includes(kind) ? ignoringCase : ignoresCase(dialect, kind));
  return {
    columnKey: columnKeyOf(dialect),
    columnIs: (pattern, name) => matches(pattern, name, ignoringCase),
    nameIs: (kind, pattern, name) => matches(pattern, name, ignores(kind)),
    nameKey: (kind) => (ignores(kind) ? foldName : (name) => name),
    // Lower-cased as written, and without what is only cosmetic, so that `int` matches MariaDB's
    // `int(11)` as it matches MySQL 8's `int`, while `int(11)` still matches where it is spelled so.
    typeIs(pattern, type) {
      let spelled = spellings.get(type);
      if (!spelled) spellings.set(type, (spelled = [...new Set([type.toLowerCase(), plainType(type)])]));
      return spelled.some((s) => pattern.test(s));
    },
  };
}

const any = (matchers: Matcher[] | undefined, value: string | undefined, test = (m: Matcher, v: string) => m.test(v)) =>
  matchers === undefined || (value !== undefined && matchers.some((m) => test(m, value)));

function meets(criteria: Criteria, subject: Subject, terms: DialectTerms): boolean {
  return (
    any(criteria.schema, subject.owner.schema) &&
    any(criteria.table, subject.table, (m, v) => terms.nameIs('table', m, v)) &&
    any(criteria.name, subject.name, (m, v) => terms.nameIs(subject.kind, m, v)) &&
    any(criteria.type, subject.type, terms.typeIs)
  );
}

function selected(selector: Selector, subject: Subject, terms: DialectTerms): boolean {
  if (!meets(selector, subject, terms)) return false;
  const except = selector.except;
  return !(except && Object.values(except).some((m) => m !== undefined) && meets(except, subject, terms));
}

const quote = (text: string) => JSON.stringify(text);
const label = (kind: string) => kind.replace(/_/g, ' ');

/**
 * The template with the subject's values put in, as the literal runs between its `*` wildcards, or
 * undefined when a value is missing (an expression key has no column name to put in).
 */
function expand(template: Template, subject: Subject): string[] | undefined {
  const columns = subject.keyColumns ?? [];
  if (columns.some((c) => c === undefined)) return undefined;
  const values: Record<string, string | undefined> = {
    schema: subject.owner.schema,
    table: subject.table,
    columns: columns.join('_'),
    column: columns[0],
    ref_table: subject.references?.table,
    ref_columns: subject.references?.columns?.join('_'),
  };
  const runs = [''];
  for (const piece of template) {
    if ('text' in piece) {
      const [first, ...rest] = piece.text.split('*');
      runs[runs.length - 1] += first;
      runs.push(...rest);
    } else {
      const value = values[piece.placeholder];
      if (value === undefined) return undefined;
      runs[runs.length - 1] += value; // a value is literal, even if it holds a *
    }
  }
  return runs;
}

/** Whether `name` is the runs joined by anything: first run a prefix, last a suffix, the others in order between. */
function fits(name: string, runs: string[]): boolean {
  if (runs.length === 1) return name === runs[0];
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const run of runs.slice(1, -1)) {
    const found = name.indexOf(run, at);
    if (found < 0 || found + run.length > end) return false;
    at = found + run.length;
  }
  return true;
}

const usesColumns = (template: Template) => template.some((piece) => 'placeholder' in piece && (piece.placeholder === 'columns' || piece.placeholder === 'column'));

/**
 * Whether `original`, a subject of a parent table, is what `subject` of a partition or child takes
 * from it: the table itself, a column or check of the same name, or (clones are renamed by the
 * server) a key or index on the same columns.
 */
function sameOrigin(original: Subject, subject: Subject): boolean {
  if (subject.kind === 'table') return true;
  if (subject.kind === 'column' || subject.kind === 'check') return original.name === subject.name;
  return sameJson(original.keyColumns, subject.keyColumns) && sameJson(original.references, subject.references);
}

/**
 * The hits one subject gives against a rule's assertions; `unjudged` is told of a template it cannot
 * be held to; `judgedParents` the tables a selected table takes its columns from that the rule
 * judges too.
 */
function judge(subject: Subject, assertions: Assertions, unjudged: () => void, judgedParents: readonly Table[], terms: DialectTerms, model: TableLookup): Hit[] {
  const hits: Hit[] = [];
  const self = (message: string) => hits.push({ kind: subject.kind as FindingKind, part: subject.part, message });
  // Described only when something is reported: most subjects pass.
  const what = () => `${label(subject.kind)} ${subject.name === undefined ? '(unnamed)' : quote(subject.name)}`;
  const { name } = subject;
  if (assertions.name_pattern) {
    if (name === undefined) self(`${what()} has no name; expected one matching ${assertions.name_pattern.source}`);
    else if (!assertions.name_pattern.test(name)) self(`${what()} does not match ${assertions.name_pattern.source}`);
  }
  if (assertions.max_name_length !== undefined && name !== undefined && [...name].length > assertions.max_name_length) {
    self(`${what()} is ${[...name].length} characters long; the limit is ${assertions.max_name_length}`);
  }
  if (assertions.name_template) {
    // Unknown columns would make {column} pass and {columns} fail every name: neither is true.
    if (subject.keyColumns === undefined && usesColumns(assertions.name_template.parts)) unjudged();
    else {
      const runs = expand(assertions.name_template.parts, subject);
      // As the dialect compares the name: SQLite's or MySQL's IDX_Users_Email is idx_{table}_{columns} of Users(Email).
      const key = terms.nameKey(subject.kind);
      if (runs !== undefined && (name === undefined || !fits(key(name), runs.map(key)))) {
        self(`${what()} does not follow the name template ${assertions.name_template.source}`);
      }
    }
  }
  const columns = subject.columns ?? [];
  // A partition or inheritance child has every column of its parents, as they are typed there: a
  // column missing, or taken as it is, from a parent the rule judges is reported there, once, not
  // again on each of its partitions.
  const fromJudgedParent = (column: { name: string; type?: string; nullable?: boolean }) =>
    judgedParents.some((p) => p.columns.some((c) => c.name === column.name && c.type === column.type && c.nullable === column.nullable));
  for (const required of assertions.required_columns ?? []) {
    // As the dialect compares names: SQLite's or MySQL's AlbumId is the required albumid.
    const column = columns.find((c) => terms.columnKey(c.name) === terms.columnKey(required.name));
    if (!column) {
      if (judgedParents.length === 0) self(`${what()} has no column ${quote(required.name)}`);
    } else if (fromJudgedParent(column)) continue;
    else if (required.type && column.type !== undefined && !terms.typeIs(required.type, column.type)) {
      self(`${what()}: column ${quote(required.name)} is ${column.type}, expected ${required.type.source}`);
    } else if (required.nullable !== undefined && column.nullable !== undefined && column.nullable !== required.nullable) {
      self(`${what()}: column ${quote(required.name)} is ${column.nullable ? 'nullable' : 'NOT NULL'}, expected ${required.nullable ? 'nullable' : 'NOT NULL'}`);
    }
  }
  const columnHit = (column: { name: string }, message: string) =>
    hits.push({ kind: 'column', part: { name: column.name }, message: `column ${quote(column.name)} ${message}` });
  for (const column of columns) {
    // As the dialect compares names: a MySQL or SQLite column Password is the forbidden password.
    const forbidden = assertions.forbidden_columns?.find((m) => terms.columnIs(m, column.name));
    if (forbidden) columnHit(column, `is forbidden (${forbidden.source})`);
    const type = column.type;
    const banned = type === undefined ? undefined : assertions.forbidden_types?.find((m) => terms.typeIs(m, type));
    if (banned) columnHit(column, `has the forbidden type ${column.type} (${banned.source})`);
  }
  if (subject.kind === 'column' && subject.type !== undefined) {
    const banned = assertions.forbidden_types?.find((m) => terms.typeIs(m, subject.type!));
    if (banned) self(`${what()} has the forbidden type ${subject.type} (${banned.source})`);
  }
  if (assertions.nullable !== undefined && subject.nullable !== undefined && subject.nullable !== assertions.nullable) {
    self(`${what()} is ${subject.nullable ? 'nullable' : 'NOT NULL'}, expected ${assertions.nullable ? 'nullable' : 'NOT NULL'}`);
  }
  if (assertions.max_columns !== undefined && columns.length > assertions.max_columns && !judgedParents.some((p) => p.columns.length >= columns.length)) self(`${what()} has ${columns.length} columns; the limit is ${assertions.max_columns}`);
  const table = subject.owner.kind === 'table' && subject.kind === 'table' ? subject.owner : undefined;
  // A partition whose parent the rule judges is judged through it: it lacks a key only when its
  // parent does (PostgreSQL clones the parent's onto every partition), and a key added on the parent
  // is the fix; and its readers query the parent, whose comment documents the data (COMMENT ON does
  // not recurse, and tools that make daily partitions write none: each would fail the rule anew).
  const throughParent = table?.partition_of !== undefined && judgedParents.length > 0;
  if (assertions.comment && !subject.comment && !throughParent) self(`${what()} has no comment`);
  if (assertions.primary_key && table && !table.primary_key && !throughParent) self(`${what()} has no primary key`);
  if (assertions.foreign_keys_indexed && table) {
    (table.foreign_keys ?? []).forEach((fk, i) => {
      if (!foreignKeyCovered(table, fk, (t) => model.partitions(t), terms.columnKey)) hits.push({ kind: 'foreign_key', part: partOf(fk.name, i), message: `${what()}: foreign key (${fk.columns.join(', ')}) has no index` });
    });
  }
  return hits;
}

/**
 * Why the dialect can never satisfy an assertion on a kind, whatever the schema says: a rule
 * holding one would fail every object it selects, a finding no change could clear.
 */
function neverSatisfiable(dialect: Dialect, kind: SelectKind, assertion: AssertionName): string | undefined {
  // The snapshot records no name for it (always PRIMARY): a pattern or template fails on every one,
  // while max_name_length, which judges only a recorded name, passes on every one and stays.
  if (dialect === 'mysql' && kind === 'primary_key' && (assertion === 'name_pattern' || assertion === 'name_template')) {
    return 'MySQL and MariaDB name every primary key PRIMARY, whatever the DDL says';
  }
  if (assertion !== 'comment') return undefined;
  if (dialect === 'sqlite') return 'SQLite keeps no comments';
  if (dialect === 'mysql' && kind === 'view') return 'MySQL and MariaDB views take no comment';
  return undefined;
}

/** The rule's assertions less those the dialect can never satisfy on its kind, each with a warning. */
function judgeable(rule: HouseRule, dialect: Dialect, warnings: string[]): Assertions {
  const assertions: Assertions = { ...rule.assert };
  for (const name of Object.keys(assertions) as AssertionName[]) {
    const reason = neverSatisfiable(dialect, rule.select.kind, name);
    if (reason === undefined) continue;
    delete assertions[name];
    warnings.push(`${rule.id} (${rule.position.file}:${rule.position.line}): ${reason}, so ${name} on ${label(rule.select.kind)} could never pass; skipped`);
  }
  return assertions;
}

/**
 * The tables the rules look up: a partition's parent, a partitioned table's partitions. In changed-only mode it holds
 * more than the objects judged (a changed partition's parent is loaded for lookups alone).
 */
export interface TableLookup {
  table(schema: string, name: string): Table | undefined;
  partitions(table: Table): Table[];
}

/**
 * The findings of the rules, and a warning for each rule that could not judge some of what it
 * selected, or (when `objects` is the whole snapshot) selected nothing: a misspelt schema or name
 * in a selector would otherwise pass every run unnoticed.
 */
export function checkHouseRules(
  objects: readonly SchemaObject[],
  rules: readonly HouseRule[],
  model: TableLookup,
  dialect: Dialect,
  { whole }: { whole: boolean },
): { findings: LocatedFinding[]; warnings: string[] } {
  const terms = dialectTerms(dialect);
  const findings: LocatedFinding[] = [];
  const warnings: string[] = [];
  const find: FindTable = (schema, name) => model.table(schema, name);
  for (const rule of rules) {
    let unjudged = 0;
    let selectedCount = 0;
    const assertions = judgeable(rule, dialect, warnings);
    // A parent's selected subjects, asked for by each part of each of its partitions.
    const selectedParts = new Map<Table, Subject[]>();
    const selectedOf = (p: Table) => {
      let parts = selectedParts.get(p);
      if (!parts) selectedParts.set(p, (parts = subjects(p, rule.select.kind).filter((original) => selected(rule.select, original, terms))));
      return parts;
    };
    for (const object of objects) {
      const parent = parentTable(object, find);
      for (const subject of subjects(object, rule.select.kind)) {
        if (!selected(rule.select, subject, terms)) continue;
        selectedCount++;
        // What a partition or child takes from its parent (columns, checks, a partition's cloned keys
        // and indexes, named by the server and never commented) can only be changed on the parent:
        // it is judged there, once, when this rule selects the parent's original too; a rule that
        // selects the partitions alone judges them.
        const judgedOn = (p: Table) => selectedOf(p).some((original) => sameOrigin(original, subject));
        const fromParent = (hit: Hit) => inheritedHit(object, hit, find, judgedOn) || (parent !== undefined && clonedHit(object, hit, find) && judgedOn(parent));
        if (subject.kind !== 'table' && fromParent({ kind: subject.kind as FindingKind, part: subject.part, message: '' })) continue;
        const judgedParents = subject.kind === 'table' ? columnParents(object, find).filter(judgedOn) : [];
        for (const hit of judge(subject, assertions, () => unjudged++, judgedParents, terms, model)) {
          if (fromParent(hit)) continue;
          const { object: path, location } = locateHit(object, hit);
          findings.push({
            rule: rule.id,
            severity: rule.severity,
            kind: hit.kind,
            object: path,
            message: ellipsized(rule.message ? `${rule.message}: ${hit.message}` : hit.message, MAX_MESSAGE),
            hint: rule.hint ?? `see the rule at ${rule.position.file}:${rule.position.line}`,
            location: { ...location, rule: rule.position },
          });
        }
      }
    }
    if (whole && selectedCount === 0) {
      warnings.push(`${rule.id} (${rule.position.file}:${rule.position.line}): selects no ${label(rule.select.kind)} in this snapshot, so it checks nothing; is its select misspelt?`);
    }
    if (unjudged) {
      warnings.push(
        `${rule.id} (${rule.position.file}:${rule.position.line}): ${unjudged} check${unjudged === 1 ? ' has' : 's have'} no recorded column ` +
          `(PostgreSQL and MySQL record none; SQLite and MariaDB only for a check written on its column), so the name template ${rule.assert.name_template!.source} cannot judge ${unjudged === 1 ? 'it' : 'them'}; skipped`,
      );
    }
  }
  return { findings, warnings };
}
