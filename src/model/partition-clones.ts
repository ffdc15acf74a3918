// PostgreSQL clones a partitioned table's keys, indexes, foreign keys, checks and row triggers onto
// every partition. Clones of keys and indexes get names the server makes up (`pay_1_pkey`,
// `pay_1_amount_idx`); checks and triggers keep the parent's names. COMMENT ON never recurses, so a
// clone has none of its parent's comments. What a partition holds of its own (a key added to it
// alone, as Pagila's payment partitions have) is no clone.
import type { Column, ForeignKey, SchemaObject, Table } from './types.js';

/** Lists and small records compared by value (key columns, references). */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** The table `object` is a partition of, when the snapshot holds it. */
export function parentTable(object: SchemaObject, find: (schema: string, name: string) => Table | undefined): Table | undefined {
  return object.kind === 'table' && object.partition_of ? find(object.partition_of.schema, object.partition_of.table) : undefined;
}

/** A part without its comment. */
export function uncommented(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('comment' in value)) return value;
  const { comment: _comment, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** A server-named part without its names: an index's definition from `USING` on (its own and its table's names come before). */
export function unnamedPart(part: unknown): unknown {
  if (!part || typeof part !== 'object') return part;
  const { name: _name, definition, ...rest } = part as { name?: unknown; definition?: unknown };
  if (typeof definition !== 'string') return rest;
  const using = definition.indexOf(' USING ');
  return { ...rest, definition: using < 0 ? definition : definition.slice(using) };
}

/** The parent's foreign key that `fk` of a partition is a clone of. */
function cloneSource(fk: ForeignKey, parent: Table | undefined): ForeignKey | undefined {
  return (parent?.foreign_keys ?? []).find(
    (p) => sameJson(p.columns, fk.columns) && p.references.schema === fk.references.schema && p.references.table === fk.references.table && sameJson(p.references.columns, fk.references.columns),
  );
}

/** Whether `fk` of a partition is a clone of one its parent declares. */
export function clonedForeignKey(fk: ForeignKey, parent: Table | undefined): boolean {
  return cloneSource(fk, parent) !== undefined;
}

/**
 * Whether `fk` of a partition is its parent's key as the parent has it: one whose internal triggers
 * were turned off (ALTER TABLE … DISABLE TRIGGER ALL) or on again on the partition alone is not
 * enforced as the parent's is, on that partition's rows only, and that is its own.
 */
function unchangedClone(fk: ForeignKey, parent: Table): boolean {
  const source = cloneSource(fk, parent);
  return source !== undefined && source.triggers === fk.triggers;
}

/** Whether a server-named key or index is a clone of one of the parent's: the same, names and the parent's comment aside. */
const clonedPart = (part: unknown, parents: readonly unknown[] | undefined) =>
  (parents ?? []).some((p) => sameJson(unnamedPart(uncommented(p)), unnamedPart(part)) || sameJson(unnamedPart(p), unnamedPart(part)));

const named = (name: string | undefined, parents: readonly { name?: string }[] | undefined) => name !== undefined && (parents ?? []).some((p) => p.name === name);

/** A name as PostgreSQL makes one up for a clone: `<partition>_<columns>_idx` (or _key, _pkey, _excl, with a number when taken). */
const serverNamed = (name: string | undefined, table: string) => name !== undefined && name.startsWith(`${table}_`) && /_(idx|key|pkey|excl)\d*$/.test(name);

/**
 * The parts that are no clone of one of the parent's. Each parent part has one clone per partition:
 * a partition's own index identical to a cloned one (a leftover from before the parent had it) is
 * its own, not a second clone. The snapshot does not say which of the twins is attached; the one
 * with a server-made name is taken for the clone.
 */
function unclaimed<T extends { name?: string }>(parts: T[], parents: readonly unknown[] | undefined, table: string): T[] {
  const clones = new Set<T>();
  for (const parent of parents ?? []) {
    const candidates = parts.filter((part) => !clones.has(part) && clonedPart(part, [parent]));
    const clone = candidates.find((part) => serverNamed(part.name, table)) ?? candidates[0];
    if (clone) clones.add(clone);
  }
  return parts.filter((part) => !clones.has(part));
}

/** The partition with only the keys, indexes, foreign keys, checks and triggers it has of its own, not as clones of its parent's. */
export function ownParts(table: Table, parent: Table): Table {
  const own: Table = { ...table };
  if (own.primary_key && clonedPart(own.primary_key, parent.primary_key ? [parent.primary_key] : [])) delete own.primary_key;
  if (own.unique_constraints) own.unique_constraints = unclaimed(own.unique_constraints, parent.unique_constraints, table.name);
  if (own.exclusion_constraints) own.exclusion_constraints = unclaimed(own.exclusion_constraints, parent.exclusion_constraints, table.name);
  if (own.indexes) own.indexes = unclaimed(own.indexes, parent.indexes, table.name);
  if (own.foreign_keys) own.foreign_keys = own.foreign_keys.filter((fk) => !unchangedClone(fk, parent));
  if (own.checks) own.checks = own.checks.filter((c) => !named(c.name, parent.checks));
  // A row trigger cloned onto the partition and then disabled (or enabled) there alone fires for
  // its rows as the parent's does not: the partition's own.
  if (own.triggers) own.triggers = own.triggers.filter((t) => !(parent.triggers ?? []).some((p) => p.name === t.name && p.enabled === t.enabled));
  return own;
}

/**
 * Whether a partition's columns are its parent's: a comment on the parent's column, or its
 * identity (which PostgreSQL before 17 keeps on the parent alone), is none of the partition's and
 * no difference; a comment the partition's column has of its own is.
 */
export function parentsColumns(columns: readonly Column[], parentColumns: readonly Column[]): boolean {
  const without = (column: Column, keys: string[]) => Object.fromEntries(Object.entries(column).filter(([key]) => !keys.includes(key)));
  return (
    columns.length === parentColumns.length &&
    columns.every((column, i) => {
      const notHeld = ['comment', 'identity'].filter((key) => !(key in column));
      return sameJson(column, without(parentColumns[i]!, notHeld));
    })
  );
}
