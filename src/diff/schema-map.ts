// Comparing across targets whose schemas are named differently (a MySQL database `shop_staging`
// against `shop`, a SQLite file's `main` against a MySQL database, `--schema-map old=new` for
// PostgreSQL): the from-side's schema names are rewritten into the to-side's before comparing,
// in tree paths and wherever an object names something of a schema: its keys' and parents'
// schemas, and the texts the server writes with schema-qualified names (types, defaults, checks,
// index, trigger and routine definitions, view queries), as the to-side's server would write them.
import { decodeFileName, decodeSegment, encodeDirectory, encodeFileName, FILE_SUFFIX } from '../codec/path-encoding.js';
import { KIND_DIRECTORIES } from '../model/canonical.js';
import { sqlName } from '../model/sql-name.js';
import type { Dialect, ObjectKind, SchemaInfo, SchemaObject } from '../model/types.js';
import { qualifiedName, quotedNameParts } from '../util/qualified-name.js';
import { SINGLE_SCHEMA_DIALECTS } from './dialect-rules.js';
import { lexiconOf, lexSql, literalValue, stringLiteral, tokenName, type Lexicon, type Token } from './sql-lexer.js';

/** from-side schema name → to-side schema name */
export type SchemaMap = ReadonlyMap<string, string>;

const mapName = (map: SchemaMap, schema: string) => map.get(schema) ?? schema;

/**
 * A MySQL database or SQLite's `main` is the side's one schema, named after where it was read: two
 * such sides (another database of the same schema, a SQLite file against a MySQL database) pair
 * their one schema with each other. Empty when either side has another shape or the names agree.
 */
export function singleSchemaMap(from: { dialect: Dialect; schemas: string[] }, to: { dialect: Dialect; schemas: string[] }): Map<string, string> {
  const single = SINGLE_SCHEMA_DIALECTS.has(from.dialect) && SINGLE_SCHEMA_DIALECTS.has(to.dialect) && from.schemas.length === 1 && to.schemas.length === 1;
  return single && from.schemas[0] !== to.schemas[0] ? new Map([[from.schemas[0]!, to.schemas[0]!]]) : new Map();
}

/** A from-side file's path as the mapped object's file would have it: its schema, and a routine's argument types, which name types by schema too. */
export function mapTreePath(path: string, map: SchemaMap, dialect: Dialect): string {
  if (map.size === 0) return path;
  const parts = path.split('/');
  if (parts.length < 2) return path;
  const mapped = map.get(decodeSegment(parts[0]!));
  if (mapped !== undefined) parts[0] = encodeDirectory(mapped);
  if (parts.length === 3 && parts[1] === KIND_DIRECTORIES.routine && parts[2]!.endsWith(FILE_SUFFIX)) {
    // `name(type, …)`, as objectName writes it: mapping the list maps each type.
    const name = decodeFileName(parts[2]!);
    const open = name.indexOf('(');
    if (open >= 0) parts[2] = encodeFileName(name.slice(0, open) + mapSql(name.slice(open), map, lexiconOf(dialect)));
  }
  return parts.join('/');
}

export function mapSchemaInfo(info: SchemaInfo, map: SchemaMap): SchemaInfo {
  return map.has(info.name) ? { ...info, name: mapName(map, info.name) } : info;
}

/**
 * How a field names what a schema holds: `schema` is a schema's name, `sql` SQL text as the
 * server writes it (a type, an expression, a statement), `joined` a name the catalog query joins
 * to its schema with a dot and no quoting (`app.my coll`, a collation or operator class outside
 * the search path), `owner` a column as qualifiedName writes it (`app.users.id`), `schemas` a
 * list of schema names (a routine's `SET search_path`).
 */
type Naming = 'schema' | 'sql' | 'joined' | 'owner' | 'schemas';
interface Shape {
  readonly [key: string]: Naming | Shape;
}

const CHECK: Shape = { expression: 'sql' };
const TRIGGER: Shape = { definition: 'sql', when: 'sql' };
const INDEX: Shape = { definition: 'sql', where: 'sql', columns: { expression: 'sql', collation: 'joined', opclass: 'joined' } };
const VIEW_COLUMN: Shape = { type: 'sql', default: 'sql' };
const named = (naming: Naming, keys: string[]): Shape => Object.fromEntries(keys.map((key) => [key, naming]));
/** Function names as regproc prints them and types as format_type does: an aggregate's parts, a routine's SUPPORT. */
const ROUTINE_OPTIONS = named('sql', ['support', 'sfunc', 'stype', 'finalfunc', 'combinefunc', 'sortop', 'serialfunc', 'deserialfunc', 'msfunc', 'minvfunc', 'mstype', 'mfinalfunc']);
const TYPE_OPTIONS: Shape = {
  subtype_opclass: 'joined',
  ...named('sql', ['canonical', 'subtype_diff', 'multirange_type_name', 'input', 'output', 'receive', 'send', 'typmod_in', 'typmod_out', 'analyze', 'subscript', 'element']),
};

/** Where each kind of object names what a schema holds, beyond its own schema. */
const SHAPES: Record<ObjectKind, Shape> = {
  table: {
    columns: { type: 'sql', default: 'sql', generated: { expression: 'sql' }, collation: 'joined' },
    foreign_keys: { references: { schema: 'schema' } },
    checks: CHECK,
    exclusion_constraints: { definition: 'sql' },
    indexes: INDEX,
    triggers: TRIGGER,
    policies: { using: 'sql', with_check: 'sql' },
    partitioning: { key: 'sql' },
    partition_of: { schema: 'schema' },
    inherits: { schema: 'schema' },
    options: { of_type: 'sql' },
  },
  view: { definition: 'sql', columns: VIEW_COLUMN, triggers: TRIGGER },
  materialized_view: { definition: 'sql', columns: VIEW_COLUMN, indexes: INDEX },
  sequence: { owned_by: 'owner' },
  type: { base_type: 'sql', default: 'sql', collation: 'joined', checks: CHECK, attributes: { type: 'sql', collation: 'joined' }, subtype: 'sql', options: TYPE_OPTIONS },
  routine: { argument_types: 'sql', arguments: 'sql', returns: 'sql', definition: 'sql', options: { ...ROUTINE_OPTIONS, 'set.search_path': 'schemas' } },
  event: { definition: 'sql' },
  extension: {},
  virtual_table: {},
  // Kept raw, as the catalog gave it: nothing in it is known to be a name.
  unknown: {},
};

/** The object as it would read with the to-side's schema names (its own and those it references). */
export function mapObject(object: SchemaObject, map: SchemaMap, dialect: Dialect): SchemaObject {
  if (map.size === 0) return object;
  return mapped(object, { schema: 'schema', ...SHAPES[object.kind] }, map, lexiconOf(dialect)) as SchemaObject;
}

/** `value` with what its shape says names a schema's objects mapped; a MySQL routine's, event's or trigger's text read under the sql_mode it records. */
function mapped(value: unknown, shape: Naming | Shape, map: SchemaMap, lexicon: Lexicon): unknown {
  if (Array.isArray(value)) return value.map((item) => mapped(item, shape, map, lexicon));
  if (typeof shape === 'string') return typeof value === 'string' ? NAMINGS[shape](value, map, lexicon) : value;
  // An index key that is a bare column name, an option of another type.
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const own = lexicon.dialect === 'mysql' && (record.options as Record<string, unknown> | undefined)?.sql_mode !== undefined ? lexiconOf('mysql', record) : lexicon;
  const out = { ...record };
  for (const [key, inner] of Object.entries(shape)) if (record[key] !== undefined) out[key] = mapped(record[key], inner, map, own);
  return out;
}

const NAMINGS: Record<Naming, (text: string, map: SchemaMap, lexicon: Lexicon) => string> = {
  schema: (text, map) => mapName(map, text),
  sql: mapSql,
  joined: (text, map) => {
    const from = [...map.keys()].filter((schema) => text.startsWith(`${schema}.`)).sort((a, b) => b.length - a.length)[0];
    return from === undefined ? text : `${map.get(from)}${text.slice(from.length)}`;
  },
  owner: (text, map) => {
    const parts = quotedNameParts(text) ?? text.split('.');
    return parts.length === 3 && map.has(parts[0]!) ? qualifiedName(mapName(map, parts[0]!), parts[1]!, parts[2]!) : text;
  },
  schemas: (text, map, lexicon) => {
    const tokens = lexSql(text, lexicon);
    return tokens ? respelled(tokens, listItems(tokens, 0), map, lexicon) : text;
  },
};

/** The `::reg…` types whose literal names an object by its qualified name; `regnamespace`'s is a schema's name itself. */
const QUALIFIED_REG_TYPES = new Set(['regclass', 'regtype', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regcollation', 'regconfig', 'regdictionary']);

/**
 * SQL text with each schema name it qualifies a name with mapped, quoted or not (`app.users`,
 * `"App".users`, MariaDB's `` `shop`.`orders` ``), as are the schemas a regclass literal and its
 * kind name (`'app.users_id_seq'::regclass`), a routine body's and those of `SET search_path`.
 * Other string literals, comments, and a name that only holds a schema's name (`app_other.t`,
 * `"app.t"`) are left as they are; so is text that cannot be read to its end.
 */
function mapSql(text: string, map: SchemaMap, lexicon: Lexicon): string {
  const tokens = lexSql(text, lexicon);
  return tokens ? respelled(tokens, searchPaths(tokens), map, lexicon) : text;
}

/** The tokens written back with the schema names they hold mapped; `schemaNames` are those that are each a schema's name. */
function respelled(tokens: Token[], schemaNames: ReadonlySet<number>, map: SchemaMap, lexicon: Lexicon): string {
  const postgres = lexicon.dialect === 'postgres';
  return tokens
    .map((token, i) => {
      if (schemaNames.has(i)) {
        // pg_get_functiondef writes SET search_path's names as literals (`TO 'app', 'public'`).
        const value = literalValue(token);
        const schema = value === undefined ? undefined : map.get(value);
        return schema !== undefined ? stringLiteral(schema) : (renamedSchema(token, map, lexicon.dialect) ?? token.text);
      }
      if (token.kind === 'dollar') {
        // A routine's body (the server writes no other dollar quote): code too.
        const tag = /^\$[^$]*\$/.exec(token.text)![0];
        return tag + mapSql(token.text.slice(tag.length, -tag.length), map, lexicon) + tag;
      }
      const [before, after] = [tokens[i - 1], tokens[i + 1]];
      if (after?.text === '.' && before?.text !== '.') return renamedSchema(token, map, lexicon.dialect) ?? token.text;
      const cast = postgres && after?.text === '::' ? tokens[i + 2] : undefined;
      const value = cast?.kind === 'word' ? literalValue(token) : undefined;
      if (value === undefined) return token.text;
      if (cast!.text === 'regnamespace') {
        const name = lexSql(value, lexicon);
        return stringLiteral((name?.length === 1 && renamedSchema(name[0]!, map, 'postgres')) || value);
      }
      return QUALIFIED_REG_TYPES.has(cast!.text) ? stringLiteral(mapSql(value, map, lexicon)) : token.text;
    })
    .join('');
}

/**
 * A word or quoted name that names a mapped schema, as the to-side spells the schema it maps to:
 * as the server quotes a name (sqlName), or quoted as it was where that was not the server's
 * quoting (MariaDB quotes every name, a body's author may).
 */
function renamedSchema(token: Token, map: SchemaMap, dialect: Dialect): string | undefined {
  const name = tokenName(token, dialect);
  const schema = name === undefined ? undefined : map.get(name);
  if (schema === undefined) return undefined;
  if (token.kind !== 'quoted' || token.text === sqlName(name!, dialect)) return sqlName(schema, dialect);
  const quote = token.text[0]!;
  return quote + schema.split(quote).join(quote + quote) + quote;
}

const nextCode = (tokens: Token[], i: number) => {
  let at = i;
  while (tokens[at]?.kind === 'space' || tokens[at]?.kind === 'comment') at++;
  return at;
};

/** The positions of the items of a comma-separated list of names or literals starting at `start`. */
function listItems(tokens: Token[], start: number): Set<number> {
  const items = new Set<number>();
  for (let at = nextCode(tokens, start); ; at = nextCode(tokens, at + 1)) {
    const token = tokens[at];
    if (!token || !(token.kind === 'literal' || token.kind === 'word' || token.kind === 'quoted')) return items;
    items.add(at);
    at = nextCode(tokens, at + 1);
    if (tokens[at]?.text !== ',') return items;
  }
}

/** The positions of the schema names `SET search_path TO …` (or `= …`) lists. */
function searchPaths(tokens: Token[]): Set<number> {
  const names = new Set<number>();
  const word = (at: number, ...words: string[]) => tokens[at]?.kind === 'word' && words.includes(tokens[at]!.text.toLowerCase());
  for (let i = 0; i < tokens.length; i++) {
    if (!word(i, 'set')) continue;
    const variable = nextCode(tokens, i + 1);
    const to = nextCode(tokens, variable + 1);
    if (word(variable, 'search_path') && (word(to, 'to') || tokens[to]?.text === '=')) for (const at of listItems(tokens, to + 1)) names.add(at);
  }
  return names;
}
