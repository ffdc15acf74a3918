// Naming rules: the Python tool's checks (snake_case, ambiguous names, name length, generic
// types), with its defaults, plus the dialect's hard identifier limit.
import type { Column, Dialect, SchemaObject, Table } from '../../model/types.js';
import { DIALECT_TYPES } from '../dialect-types.js';
import type { Hit, LintRule } from '../rule.js';
import { columnNames, constraintNames, kindLabel, ownName, type Name } from './names.js';
import { isReserved } from '../../model/sql-name.js';

const NAMED_KINDS = ['table', 'view', 'materialized_view'] as const;
const ALL_KINDS = ['table', 'view', 'materialized_view', 'sequence', 'type', 'routine'] as const;

const queryNamesOf = new WeakMap<SchemaObject, Name[]>();

/** The object's own name and its columns' names: what people type in queries (several rules ask). */
export function queryNames(object: SchemaObject): Name[] {
  let names = queryNamesOf.get(object);
  if (!names) {
    const own = ownName(object);
    queryNamesOf.set(object, (names = [...(own ? [own] : []), ...columnNames(object)]));
  }
  return names;
}

const hit = (n: Name, message: string, hint?: string): Hit => ({ kind: n.kind, part: n.part, message, hint });
const quote = (name: string) => JSON.stringify(name);

// The Python tool's snake_case test (datatrack lint): a lower-case letter, then lower-case letters,
// digits and underscores.
const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

/** MariaDB's name for an unnamed CHECK (CONSTRAINT_1, CONSTRAINT_2 …): the server chose it, nobody typed it. */
const serverCheckName = (n: Name, dialect: Dialect) => dialect === 'mysql' && n.kind === 'check' && /^CONSTRAINT_[0-9]+$/.test(n.name);

export const snakeCase: LintRule = {
  id: 'naming-snake-case',
  family: 'naming',
  level: 'warning',
  summary: 'Table, view, column, index and constraint names are snake_case.',
  description:
    'A name must start with a lower-case letter and hold only lower-case letters, digits and underscores ' +
    '(the Python datatrack rule). Mixed-case names must be quoted in every query on PostgreSQL and fold ' +
    'differently across databases.',
  examples: { bad: 'CREATE TABLE "InvoiceLine" ("UnitPrice" numeric);', good: 'CREATE TABLE invoice_line (unit_price numeric);' },
  hint: 'rename it in snake_case (e.g. InvoiceLine → invoice_line)',
  appliesTo: NAMED_KINDS,
  check: (object, { dialect }) =>
    [...queryNames(object), ...constraintNames(object)]
      .filter((n) => !SNAKE_CASE.test(n.name) && !serverCheckName(n, dialect))
      .map((n) => {
        // "Order" → order would trade this finding for naming-reserved-word's: no name is offered then.
        const snake = snakeCased(n.name);
        const suggested = snake !== undefined && !isReserved(snake, dialect) ? snake : undefined;
        // The hint names what to rename: text output lists each distinct hint once, under "How to fix",
        // away from its finding, where "rename it to name" would not say which of a dozen Names.
        return hit(n, `${kindLabel(n.kind)} name ${quote(n.name)} is not snake_case`, suggested ? `rename ${quote(n.name)} to ${suggested}` : undefined);
      }),
};

/** The snake_case spelling of a name (InvoiceLine, HTTPServer, "zip code" → invoice_line, http_server, zip_code), if it has one. */
function snakeCased(name: string): string | undefined {
  // Letters beyond ASCII have no snake_case spelling to offer (Über is not ber).
  if (/[^\x00-\x7f]/.test(name)) return undefined;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return SNAKE_CASE.test(words) ? words : undefined;
}

export const ambiguousName: LintRule = {
  id: 'naming-ambiguous',
  family: 'naming',
  level: 'warning',
  summary: 'Table and column names are not vague words like data, value or info.',
  description:
    'Names such as data, value, info or details say nothing about what they hold. The list is the Python ' +
    "datatrack's default (option `names`); names are compared in lower case.",
  examples: { bad: 'CREATE TABLE reading (value numeric);', good: 'CREATE TABLE reading (temperature_celsius numeric);' },
  hint: 'name what it holds (value → temperature_celsius)',
  appliesTo: NAMED_KINDS,
  options: {
    names: {
      type: 'words',
      default: ['data', 'value', 'info', 'details', 'record', 'item', 'object', 'entity', 'metadata', 'input', 'output'],
      description: 'names considered ambiguous',
    },
  },
  check: (object, { options }) => {
    const vague = new Set((options.names as string[]).map((n) => n.toLowerCase()));
    return queryNames(object)
      .filter((n) => vague.has(n.name.toLowerCase()))
      .map((n) => hit(n, `${kindLabel(n.kind)} name ${quote(n.name)} is ambiguous`));
  },
};

export const nameLength: LintRule = {
  id: 'naming-length',
  family: 'naming',
  level: 'warning',
  summary: 'Table and column names are at most 30 characters long.',
  description:
    'Long names are hard to read and to type, and some tools cut them. The limit is the Python ' +
    "datatrack's default (option `max`, in characters).",
  examples: {
    bad: 'CREATE TABLE customer_subscription_renewal_reminders (…);',
    good: 'CREATE TABLE renewal_reminders (…);',
  },
  hint: 'shorten it',
  appliesTo: NAMED_KINDS,
  options: { max: { type: 'integer', default: 30, description: 'longest allowed name, in characters' } },
  check: (object, { options }) =>
    queryNames(object)
      .filter((n) => [...n.name].length > (options.max as number))
      .map((n) => hit(n, `${kindLabel(n.kind)} name ${quote(n.name)} is ${[...n.name].length} characters long; the limit is ${options.max as number}`)),
};

const lastCharacter = (text: string) => [...text].at(-1) ?? '';

export const nameLimit: LintRule = {
  id: 'naming-length-limit',
  family: 'naming',
  level: 'warning',
  summary: "Names fit the database's identifier limit (63 bytes on PostgreSQL, 64 characters on MySQL).",
  description:
    'PostgreSQL cuts identifiers longer than 63 bytes to 63 without an error (at a character boundary: 62 ' +
    'bytes of two-byte letters), so a name that long was most likely truncated, and two long names can collide. MySQL refuses names over 64 ' +
    'characters. SQLite has no limit.',
  examples: {
    bad: 'CREATE INDEX index_on_customer_subscription_renewal_reminders_by_customer_and_date ON …;',
    good: 'CREATE INDEX renewal_reminders_customer_date_idx ON …;',
  },
  hint: 'choose a shorter name and rename it explicitly',
  appliesTo: ALL_KINDS,
  check: (object, { dialect }) => {
    const limit = DIALECT_TYPES[dialect].nameLimit;
    if (!limit) return [];
    const own = ownName(object);
    const names = [...(own ? [own] : []), ...columnNames(object), ...constraintNames(object)];
    const hits: Hit[] = [];
    for (const n of names) {
      const length = limit.unit === 'bytes' ? Buffer.byteLength(n.name) : [...n.name].length;
      const what = `${kindLabel(n.kind)} name ${quote(n.name)}`;
      if (length > limit.max) hits.push(hit(n, `${what} is ${length} ${limit.unit}; the server's limit is ${limit.max}`));
      else if (limit.truncates && length === limit.max) {
        hits.push(hit(n, `${what} is exactly ${limit.max} ${limit.unit}, the server's limit: it was probably cut from a longer name`));
      } else if (limit.truncates && limit.unit === 'bytes' && length + Buffer.byteLength(lastCharacter(n.name)) > limit.max) {
        // The server cuts at a character's boundary: a name of 2-byte letters is cut to 62 bytes.
        hits.push(hit(n, `${what} is ${length} ${limit.unit}, and its last character would not fit once more within the server's limit of ${limit.max}: it was probably cut from a longer name`));
      }
    }
    return hits;
  },
};

const baseTypes = new Map<string, string>();

/** The Python tool's generic-type test: the column type in lower case, without its `(…)`, trimmed. */
export function pythonBaseType(type: string): string {
  let base = baseTypes.get(type);
  if (base === undefined) baseTypes.set(type, (base = type.toLowerCase().replace(/\(.*\)/, '').trim()));
  return base;
}

/**
 * SQLite's rowid alias, a rowid table's one-column INTEGER PRIMARY KEY: only that exact type makes
 * the column the rowid, so no more specific one can be offered. A key recorded with key parts has
 * an index of its own, and so is no alias (SQLite's quirk: `INTEGER PRIMARY KEY DESC`).
 */
function rowidAlias(table: Table): Column | undefined {
  const key = table.primary_key?.columns;
  if (key?.length !== 1 || table.options?.without_rowid || table.primary_key?.options?.key_parts !== undefined) return undefined;
  return table.columns.find((c) => c.name === key[0] && c.type.toLowerCase() === 'integer');
}

export const genericType: LintRule = {
  id: 'naming-generic-type',
  family: 'naming',
  level: 'info',
  summary: 'Columns use a specific type rather than a generic one (string, integer, text, json …).',
  description:
    "The Python datatrack's check: a column whose type, lower-cased and without its (…), is on the list " +
    '(option `types`). Many of these are real types on PostgreSQL and SQLite, hence the info level.',
  examples: { bad: 'CREATE TABLE invoice (total float, notes text);', good: 'CREATE TABLE invoice (total numeric(12,2), notes varchar(2000));' },
  hint: 'where range or precision matters, say it (numeric(12,2), timestamp with time zone); a type that is right for the database (PostgreSQL text, integer) can go off the list',
  appliesTo: ['table'],
  options: {
    types: {
      type: 'words',
      default: ['string', 'integer', 'float', 'boolean', 'date', 'datetime', 'text', 'json', 'number'],
      description: 'type names considered generic',
    },
  },
  check: (object, { options, dialect }) => {
    if (object.kind !== 'table') return [];
    const generic = new Set((options.types as string[]).map((t) => t.toLowerCase()));
    const rowid = dialect === 'sqlite' ? rowidAlias(object) : undefined;
    return object.columns
      .filter((c) => c !== rowid && generic.has(pythonBaseType(c.type)))
      .map((c) => ({ kind: 'column', part: { name: c.name }, message: `column ${quote(c.name)} has the generic type ${c.type}` }));
  },
};
