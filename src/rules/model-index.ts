// Lookups across the objects a rule run has loaded: tables by name (foreign-key targets), user
// types by the name a column's type spells (enums), and the names a new index cannot take. In
// changed-only mode this holds the changed objects plus what they refer to, not the whole snapshot.
import { nameKeyOf, qualifiedKeyOf } from '../diff/dialect-rules.js';
import type { Dialect, SchemaObject, Table, UserType } from '../model/types.js';

/** Splits a type spelling into schema and name: `mpaa_rating`, `public.mpaa_rating`, `"Odd Type"[]`. */
export function parseTypeName(spelling: string): { schema?: string; name: string } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  const bare = spelling.replace(/(\[\d*\])+$/, '');
  for (let i = 0; i < bare.length; i++) {
    const char = bare[i]!;
    if (char === '"') {
      if (quoted && bare[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (char === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { name: parts.join('.') };
}

/** The names of a table's keys and indexes (PostgreSQL names a key's index after it; MySQL and SQLite give unnamed ones none here). */
export const keyAndIndexNames = (table: Table): string[] =>
  [table.primary_key, ...(table.unique_constraints ?? []), ...(table.exclusion_constraints ?? []), ...(table.indexes ?? [])].flatMap((k) => (k?.name === undefined ? [] : [k.name]));

/** The top-level entries of a table's or materialized view's file that relationNamesOf reads. */
export const RELATION_NAME_ENTRIES: ReadonlySet<string> = new Set(['name', 'schema', 'primary_key', 'unique_constraints', 'exclusion_constraints', 'indexes']);

/**
 * The names an object takes in its schema's namespace of relations, which PostgreSQL's indexes share
 * with tables, views, sequences and composite types (pg_class), and SQLite's with tables and views.
 */
export function relationNamesOf(object: SchemaObject): string[] {
  switch (object.kind) {
    case 'table':
      return [object.name, ...keyAndIndexNames(object)];
    case 'materialized_view':
      return [object.name, ...(object.indexes ?? []).map((i) => i.name)];
    case 'view':
    case 'sequence':
    case 'virtual_table':
      return [object.name];
    case 'type':
      return object.type === 'composite' ? [object.name] : [];
    default:
      return [];
  }
}

export class ModelIndex {
  private readonly tables = new Map<string, Table>();
  /** A partitioned table's partitions (PostgreSQL's partition_of), by the parent's key. */
  private readonly partitionsByParent = new Map<string, Table[]>();
  private readonly types = new Map<string, UserType>();
  private readonly typesByName = new Map<string, UserType[]>();
  /** Qualified keys of every name a new index could clash with where index names are the schema's (relationNamesOf). */
  private readonly relations = new Set<string>();
  private readonly proposed = new Map<string, Table>();
  /** Changed-only mode: the relation names of a schema's objects that were not loaded, read the first time a rule asks. */
  private namesNotLoaded?: (schema: string) => Iterable<string>;
  private readonly schemasRead = new Set<string>();
  private domains = 0;
  /** Column type (by schema) → what it is once domains are followed down; every column of a type asks. */
  private readonly bases = new Map<string, string>();
  /** A schema, table or column name as the dialect compares it. */
  readonly nameKey: (name: string) => string;
  /** What a table or type is found by: two spellings of one name have the same key. */
  readonly qualifiedKey: (schema: string, name: string) => string;

  constructor(objects: Iterable<SchemaObject>, dialect: Dialect) {
    this.nameKey = nameKeyOf(dialect);
    this.qualifiedKey = qualifiedKeyOf(dialect);
    for (const object of objects) this.add(object);
  }

  add(object: SchemaObject): void {
    for (const name of relationNamesOf(object)) this.relations.add(this.qualifiedKey(object.schema, name));
    if (object.kind === 'table') {
      this.tables.set(this.qualifiedKey(object.schema, object.name), object);
      if (object.partition_of) {
        const parent = this.qualifiedKey(object.partition_of.schema, object.partition_of.table);
        this.partitionsByParent.set(parent, [...(this.partitionsByParent.get(parent) ?? []), object]);
      }
    }
    else if (object.kind === 'type') {
      this.types.set(this.qualifiedKey(object.schema, object.name), object);
      const same = this.typesByName.get(object.name) ?? [];
      same.push(object);
      this.typesByName.set(object.name, same);
      if (object.type === 'domain') {
        this.domains++;
        this.bases.clear();
      }
    }
  }

  /** The type a column type spells once domains are followed down (a domain over a domain too); the spelling itself for any other type. */
  baseType(spelling: string, fromSchema: string): string {
    if (this.domains === 0) return spelling;
    const key = `${fromSchema}\u0000${spelling}`;
    let base = this.bases.get(key);
    if (base === undefined) {
      let [type, where] = [spelling, fromSchema];
      for (let depth = 0; depth < 8; depth++) {
        const domain = this.userType(type, where);
        if (domain?.type !== 'domain' || domain.base_type === undefined) break;
        [type, where] = [domain.base_type, domain.schema];
      }
      this.bases.set(key, (base = type));
    }
    return base;
  }

  /** Whether a table, view, sequence, composite type or index of the schema already has the name. */
  relationNamed(schema: string, name: string): boolean {
    const key = this.qualifiedKey(schema, name);
    if (this.relations.has(key) || !this.namesNotLoaded || this.schemasRead.has(this.nameKey(schema))) return this.relations.has(key);
    this.schemasRead.add(this.nameKey(schema));
    for (const taken of this.namesNotLoaded(schema)) this.relations.add(this.qualifiedKey(schema, taken));
    return this.relations.has(key);
  }

  /**
   * Where relationNamed finds the names of the objects not loaded (changed-only mode): a new index
   * must not take the name of an unchanged table's index, whose file is read only when a rule asks.
   */
  readNamesWith(source: (schema: string) => Iterable<string>): void {
    this.namesNotLoaded = source;
  }

  /**
   * Whether a lint hint proposed the name for a new relation of another table: two hints'
   * CREATE INDEX statements must not clash where index names are the schema's (a_b.c and a.b_c).
   */
  proposedForOther(schema: string, name: string, table: Table): boolean {
    const by = this.proposed.get(this.qualifiedKey(schema, name));
    return by !== undefined && by !== table;
  }

  /** Records the name a hint proposes for a new relation on `table` (see proposedForOther). */
  propose(schema: string, name: string, table: Table): void {
    this.proposed.set(this.qualifiedKey(schema, name), table);
  }

  table(schema: string, name: string): Table | undefined {
    return this.tables.get(this.qualifiedKey(schema, name));
  }

  /** The partitions of a partitioned table (of the objects loaded). */
  partitions(table: Table): Table[] {
    return this.partitionsByParent.get(this.qualifiedKey(table.schema, table.name)) ?? [];
  }

  /**
   * The user type a column type names. An unqualified name is looked up in the column's own schema,
   * then in `public` (format_type leaves off the schemas on the search path), then anywhere it is unique.
   */
  userType(spelling: string, fromSchema: string): UserType | undefined {
    const { schema, name } = parseTypeName(spelling);
    if (schema !== undefined) return this.types.get(this.qualifiedKey(schema, name));
    const candidates = this.typesByName.get(name) ?? [];
    return (
      candidates.find((t) => t.schema === fromSchema) ??
      candidates.find((t) => t.schema === 'public') ??
      (candidates.length === 1 ? candidates[0] : undefined)
    );
  }
}
