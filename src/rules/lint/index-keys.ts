// The key lists of a table's indexes and keys, in one comparable form: the primary key and unique
// constraints serve lookups like indexes do, so redundancy and foreign-key coverage consider them too.
import type { ForeignKey, Index, IndexKey, Table } from '../../model/types.js';
import type { FindingKind } from '../findings.js';
import { indexKeyText } from '../../model/part-label.js';

export interface KeyedAccess {
  kind: Extract<FindingKind, 'index' | 'primary_key' | 'unique_constraint'>;
  name: string | undefined;
  /** Position in its list (for unnamed keys). */
  position: number;
  /** One comparable string per key part; column names alone for plain columns. */
  keys: string[];
  /** The plain column of each key part, undefined for an expression. */
  columns: (string | undefined)[];
  unique: boolean;
  /** A unique key or index that treats NULLs as equal (PostgreSQL 15 NULLS NOT DISTINCT). */
  nullsNotDistinct: boolean;
  /** Only B-tree access paths have usable prefixes; partial indexes serve only their predicate. */
  ordered: boolean;
  btree: boolean;
  index?: Index;
}

/** The plain column an index key is on, or undefined for an expression. */
export const keyColumn = (key: IndexKey) => (typeof key === 'string' ? key : key.expression === undefined ? key.column : undefined);

const pathsOf = new WeakMap<Table, KeyedAccess[]>();

/** Every access path of a table: primary key, unique constraints, then indexes (several rules ask). */
export function accessPaths(table: Table): KeyedAccess[] {
  let paths = pathsOf.get(table);
  if (!paths) pathsOf.set(table, (paths = buildAccessPaths(table)));
  return paths;
}

function buildAccessPaths(table: Table): KeyedAccess[] {
  const paths: KeyedAccess[] = [];
  if (table.primary_key) {
    const columns = table.primary_key.columns;
    paths.push({ kind: 'primary_key', name: table.primary_key.name, position: 0, keys: columns, columns, unique: true, nullsNotDistinct: false, ordered: true, btree: true });
  }
  (table.unique_constraints ?? []).forEach((u, position) => {
    paths.push({ kind: 'unique_constraint', name: u.name, position, keys: u.columns, columns: u.columns, unique: true, nullsNotDistinct: u.nulls_not_distinct ?? false, ordered: true, btree: true });
  });
  const constraintNames = new Set(paths.map((p) => p.name).filter((n) => n !== undefined));
  (table.indexes ?? []).forEach((index, position) => {
    // PostgreSQL and MySQL also list a key's own index; it is the key, not a second access path.
    if (constraintNames.has(index.name)) return;
    const btree = index.method === undefined || index.method.toLowerCase() === 'btree';
    paths.push({
      kind: 'index',
      name: index.name,
      position,
      keys: index.columns.map(indexKeyText),
      columns: index.columns.map(keyColumn),
      unique: index.unique,
      nullsNotDistinct: index.nulls_not_distinct ?? false,
      ordered: btree && index.where === undefined,
      btree,
      index,
    });
  });
  return paths;
}

/** Whether `prefix` is the leading part of `keys` (equal lists included). */
export const startsWith = (keys: string[], prefix: string[]) => prefix.length <= keys.length && prefix.every((k, i) => keys[i] === k);

/** An access path by its name, or its kind when it has none (SQLite keys): every message gives its key after it. */
export function describePath(path: KeyedAccess): string {
  if (path.kind === 'primary_key') return 'the primary key';
  const label = path.kind === 'index' ? 'index' : 'unique constraint';
  return path.name === undefined ? `the unnamed ${label}` : `${label} ${JSON.stringify(path.name)}`;
}

/** One `column IS NOT NULL` term: the name bare, "quoted", `quoted` or [quoted], in any parentheses. */
const NOT_NULL_TERM = /^\s*\(*\s*(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([^\s()"`[\]]+))\s+is\s+not\s+null\s*\)*\s*$/i;

/**
 * The AND terms of a partial index's predicate, each as a test of the column it requires NOT NULL
 * (undefined for a term that says anything else); undefined for a predicate with an OR, which may let
 * a row through without them (read conservatively: any OR counts).
 */
export function notNullTerms(where: string): (((column: string) => boolean) | undefined)[] | undefined {
  if (/\bOR\b/i.test(where)) return undefined;
  return where.split(/\bAND\b/i).map((term) => {
    const m = NOT_NULL_TERM.exec(term);
    if (!m) return undefined;
    // a bare name is folded by the server (PostgreSQL) or compared ignoring case (SQLite)
    if (m[4] !== undefined) return (column) => column.toLowerCase() === m[4]!.toLowerCase();
    const name = m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3];
    return (column) => column === name;
  });
}

/**
 * Whether some B-tree access path starts with exactly the foreign key's columns, in any order. A
 * partial index whose predicate only requires those columns NOT NULL counts: every lookup the key
 * makes (col = value) implies it, and the planner uses it (the usual index on a nullable key).
 */
export function foreignKeyCovered(table: Table, fk: ForeignKey): boolean {
  const wanted = new Set(fk.columns);
  const usable = (path: KeyedAccess) => {
    if (path.ordered) return true;
    if (!path.btree || path.index?.where === undefined) return false;
    const terms = notNullTerms(path.index.where);
    return terms !== undefined && terms.every((isNotNull) => isNotNull !== undefined && fk.columns.some(isNotNull));
  };
  return accessPaths(table).some(
    (path) => usable(path) && path.columns.length >= wanted.size && path.columns.slice(0, wanted.size).every((c) => c !== undefined && wanted.has(c)),
  );
}
