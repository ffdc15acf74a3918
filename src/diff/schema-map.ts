// Comparing across targets whose schemas are named differently (a MySQL database `shop_staging`
// against `shop`, a SQLite file's `main` against a MySQL database, `--schema-map old=new` for
// PostgreSQL): the from-side's schema names are rewritten into the to-side's before comparing,
// in tree paths and in the objects' own references.
import { decodeSegment, encodeDirectory } from '../codec/path-encoding.js';
import type { Dialect, SchemaInfo, SchemaObject } from '../model/types.js';
import { SINGLE_SCHEMA_DIALECTS } from './dialect-rules.js';

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

export function mapTreePath(path: string, map: SchemaMap): string {
  if (map.size === 0) return path;
  const slash = path.indexOf('/');
  if (slash < 0) return path;
  const schema = decodeSegment(path.slice(0, slash));
  const mapped = map.get(schema);
  return mapped === undefined ? path : encodeDirectory(mapped) + path.slice(slash);
}

export function mapSchemaInfo(info: SchemaInfo, map: SchemaMap): SchemaInfo {
  return map.has(info.name) ? { ...info, name: mapName(map, info.name) } : info;
}

/** The object as it would read with the to-side's schema names (its own and those it references). */
export function mapObject(object: SchemaObject, map: SchemaMap): SchemaObject {
  if (map.size === 0) return object;
  const mapped = { ...object, schema: mapName(map, object.schema) } as SchemaObject & Record<string, unknown>;
  if ((object.kind === 'view' || object.kind === 'materialized_view') && object.definition) {
    (mapped as { definition?: string }).definition = mapQualifiers(object.definition, map);
  }
  if (object.kind !== 'table') return mapped;
  const table = mapped as Extract<SchemaObject, { kind: 'table' }>;
  if (object.foreign_keys) {
    table.foreign_keys = object.foreign_keys.map((fk) => ({ ...fk, references: { ...fk.references, schema: mapName(map, fk.references.schema) } }));
  }
  if (object.partition_of) table.partition_of = { ...object.partition_of, schema: mapName(map, object.partition_of.schema) };
  if (object.inherits) table.inherits = object.inherits.map((q) => ({ ...q, schema: mapName(map, q.schema) }));
  // Defaults and generated columns name sequences and functions qualified too (MariaDB: nextval(`db`.`seq`)).
  table.columns = object.columns.map((column) => {
    const mappedColumn = { ...column };
    if (column.default !== undefined) mappedColumn.default = mapQualifiers(column.default, map);
    if (column.generated) mappedColumn.generated = { ...column.generated, expression: mapQualifiers(column.generated.expression, map) };
    return mappedColumn;
  });
  return table;
}

/**
 * A view's (or a default's) text names tables with their schema where the server qualifies them: MariaDB always
 * (`shop_staging`.`orders`), PostgreSQL outside the search path. Only quoted qualifiers are
 * rewritten: an unquoted `app.` may as well be a table alias.
 */
function mapQualifiers(text: string, map: SchemaMap): string {
  let out = text;
  for (const [from, to] of map) {
    for (const quote of ['`', '"']) {
      const quoted = (name: string) => `${quote}${name.split(quote).join(quote + quote)}${quote}.`;
      out = out.split(quoted(from)).join(quoted(to));
    }
    // PostgreSQL's regclass literals name a relation outside the search path unquoted inside the
    // string: nextval('staging.orders_id_seq'::regclass).
    const plain = (name: string) => /^[a-z_][a-z0-9_$]*$/.test(name);
    if (plain(from) && plain(to)) out = out.split(`'${from}.`).join(`'${to}.`);
  }
  return out;
}
