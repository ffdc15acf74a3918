// The key lists of a table's indexes and keys, in one comparable form: the primary key and unique
// constraints serve lookups like indexes do, so redundancy and foreign-key coverage consider them too.
import type { ForeignKey, Index, Table } from '../../model/types.js';
import type { FindingKind } from '../findings.js';
import { indexKeyText, keyColumn } from '../../model/part-label.js';

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
  /**
   * A unique key or index that treats NULLs as equal (PostgreSQL 15 NULLS NOT DISTINCT) over a key
   * part that can hold one: over NOT NULL columns the clause changes nothing (ALTER TABLE … ADD UNIQUE
   * NULLS NOT DISTINCT (id) copies the primary key all the same).
   */
  nullsNotDistinct: boolean;
  /** Only B-tree access paths have usable prefixes; partial indexes serve only their predicate. */
  ordered: boolean;
  btree: boolean;
  /**
   * Not INVALID: a failed CREATE INDEX CONCURRENTLY, or a partitioned table's index or key added ON
   * ONLY it whose partitions' indexes are not all attached yet, serves no lookup.
   */
  valid: boolean;
  /**
   * Not hidden from the optimizer (MySQL INVISIBLE, MariaDB IGNORED): such an index answers no
   * query, though InnoDB still checks foreign keys through it.
   */
  visible: boolean;
  index?: Index;
}

const valid = (part: { options?: { invalid?: unknown } }) => part.options?.invalid !== true;
const visible = (part: { options?: { invisible?: unknown } }) => part.options?.invisible !== true;


const pathsOf = new WeakMap<Table, KeyedAccess[]>();

/** Every access path of a table: primary key, unique constraints, then indexes (several rules ask). */
export function accessPaths(table: Table): KeyedAccess[] {
  let paths = pathsOf.get(table);
  if (!paths) pathsOf.set(table, (paths = buildAccessPaths(table)));
  return paths;
}

function buildAccessPaths(table: Table): KeyedAccess[] {
  const paths: KeyedAccess[] = [];
  const nullable = new Set(table.columns.filter((c) => c.nullable).map((c) => c.name));
  const nullsEqual = (declared: boolean | undefined, columns: (string | undefined)[]) => declared === true && columns.some((c) => c === undefined || nullable.has(c));
  if (table.primary_key) {
    const columns = table.primary_key.columns;
    // A MEMORY table's key may be a hash (MySQL records the method): it answers no range or order.
    const method = table.primary_key.options?.method;
    const btree = typeof method !== 'string' || method.toLowerCase() === 'btree';
    paths.push({ kind: 'primary_key', name: table.primary_key.name, position: 0, keys: columns, columns, unique: true, nullsNotDistinct: false, ordered: btree, btree, valid: valid(table.primary_key), visible: true });
  }
  (table.unique_constraints ?? []).forEach((u, position) => {
    paths.push({
      kind: 'unique_constraint',
      name: u.name,
      position,
      keys: u.columns,
      columns: u.columns,
      unique: true,
      nullsNotDistinct: nullsEqual(u.nulls_not_distinct, u.columns),
      ordered: true,
      btree: true,
      valid: valid(u),
      visible: true,
    });
  });
  const constraintNames = new Set(paths.map((p) => p.name).filter((n) => n !== undefined));
  (table.indexes ?? []).forEach((index, position) => {
    // PostgreSQL and MySQL also list a key's own index; it is the key, not a second access path.
    if (constraintNames.has(index.name)) return;
    const columns = index.columns.map(keyColumn);
    const btree = index.method === undefined || index.method.toLowerCase() === 'btree';
    paths.push({
      kind: 'index',
      name: index.name,
      position,
      keys: index.columns.map((key) => indexKeyText(key)),
      columns,
      unique: index.unique,
      nullsNotDistinct: nullsEqual(index.nulls_not_distinct, columns),
      ordered: btree && index.where === undefined,
      btree,
      valid: valid(index),
      visible: visible(index),
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

/** One `column IS NOT NULL` term: the name bare, "quoted", `quoted` or [quoted]. */
const NOT_NULL_TERM = /^(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([^\s()"`[\]]+))\s+is\s+not\s+null$/i;

/** What the AND terms of a predicate are cut at: parentheses and the word AND, quoted names and strings kept whole. */
const AND_TOKEN = /"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|'(?:[^']|'')*'|[()]|\bAND\b/gi;

/**
 * The AND terms of a predicate, each without the parentheses around it: an AND in parentheses is cut
 * too, one under a NOT or inside a call is not (`NOT (a IS NULL AND b IS NOT NULL)` lets a NULL b in).
 */
function andTerms(predicate: string): string[] {
  const text = predicate.trim();
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  let firstClose = -1;
  for (const token of text.matchAll(AND_TOKEN)) {
    if (token[0] === '(') depth++;
    else if (token[0] === ')' && --depth === 0 && firstClose < 0) firstClose = token.index;
    else if (depth === 0 && /^and$/i.test(token[0])) {
      terms.push(text.slice(start, token.index));
      start = token.index + token[0].length;
    }
  }
  if (terms.length > 0) return [...terms, text.slice(start)].flatMap(andTerms);
  // one term: the parentheses that open it and close at its end hold the whole of it
  return text.startsWith('(') && firstClose === text.length - 1 ? andTerms(text.slice(1, -1)) : [text];
}

/**
 * The AND terms of a partial index's predicate, each as a test of the column it requires NOT NULL
 * (undefined for a term that says anything else); undefined for a predicate with an OR, which may let
 * a row through without them (read conservatively: any OR counts).
 */
export function notNullTerms(where: string, nameKey: NameKey = exactName): (((column: string) => boolean) | undefined)[] | undefined {
  if (/\bOR\b/i.test(where)) return undefined;
  return andTerms(where).map((term) => {
    const m = NOT_NULL_TERM.exec(term);
    if (!m) return undefined;
    // a bare name is folded by the server (PostgreSQL) or compared ignoring case (SQLite)
    if (m[4] !== undefined) return (column) => column.toLowerCase() === m[4]!.toLowerCase();
    // a quoted one as the dialect compares names (SQLite ignores case, quoted or not)
    const name = nameKey(m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? '');
    return (column) => nameKey(column) === name;
  });
}

/** How the dialect compares names (ModelIndex.nameKey); as written where none is given. */
export type NameKey = (name: string) => string;
const exactName: NameKey = (name) => name;

/**
 * Whether some B-tree access path starts with exactly the foreign key's columns, in any order. A
 * partial index whose predicate only requires those columns NOT NULL counts: every lookup the key
 * makes (col = value) implies it, and the planner uses it (the usual index on a nullable key).
 * Given a table's partitions, a partitioned table's key is covered on them too.
 */
export function foreignKeyCovered(table: Table, fk: ForeignKey, partitionsOf?: (table: Table) => Table[], nameKey: NameKey = exactName): boolean {
  if (partitionsOf && table.partitioning) {
    // PostgreSQL finds the referencing rows partition by partition, each through its own index:
    // a partitioned table's key is covered when every partition, down to the leaves, covers it.
    const partitions = partitionsOf(table);
    if (partitions.length > 0 && partitions.every((p) => foreignKeyCovered(p, fk, partitionsOf, nameKey))) return true;
  }
  const wanted = new Set(fk.columns);
  const usable = (path: KeyedAccess) => {
    if (!path.valid) return false;
    if (path.ordered) return true;
    if (!path.btree || path.index?.where === undefined) return false;
    const terms = notNullTerms(path.index.where, nameKey);
    return terms !== undefined && terms.every((isNotNull) => isNotNull !== undefined && fk.columns.some(isNotNull));
  };
  // A key part compared by another collation than its column's own (recorded only then) answers no
  // lookup the key's equality makes: the server scans the table instead.
  const ownCollation = (path: KeyedAccess) => (path.index?.columns ?? []).slice(0, wanted.size).every((key) => typeof key === 'string' || key.collation === undefined);
  return accessPaths(table).some(
    (path) => usable(path) && ownCollation(path) && path.columns.length >= wanted.size && path.columns.slice(0, wanted.size).every((c) => c !== undefined && wanted.has(c)),
  );
}
