// PostgreSQL clones a partitioned table's foreign keys, indexes and constraints onto every
// partition, naming the clones itself: those are judged once, on the parent. What a partition
// holds of its own (a key added to it alone, as Pagila's payment partitions have) is judged there.
// Columns and checks a partition or an inheritance child takes from its parent keep their names
// and can only be changed on the parent, so they too are judged there, once rather than per table.
import type { ForeignKey, SchemaObject, Table } from '../model/types.js';
import type { Hit } from './rule.js';

/** Lists and small records compared by value (key columns, references). */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** Whether `fk` of a partition is a clone of one its parent declares. */
export function inheritedForeignKey(fk: ForeignKey, parent: Table | undefined): boolean {
  return (parent?.foreign_keys ?? []).some(
    (p) => sameJson(p.columns, fk.columns) && p.references.schema === fk.references.schema && p.references.table === fk.references.table && sameJson(p.references.columns, fk.references.columns),
  );
}

/** The table `object` is a partition of, when the snapshot holds it. */
export function parentTable(object: SchemaObject, find: (schema: string, name: string) => Table | undefined): Table | undefined {
  return object.kind === 'table' && object.partition_of ? find(object.partition_of.schema, object.partition_of.table) : undefined;
}

/**
 * Whether a hit on `object` is about a column, check or (on a partition) trigger that it takes
 * from a parent under the same name, when the snapshot holds that parent and `judged` says the
 * parent's is judged too.
 */
export function inheritedHit(object: SchemaObject, hit: Hit, find: (schema: string, name: string) => Table | undefined, judged: (parent: Table) => boolean = () => true): boolean {
  const name = hit.part?.name;
  if (object.kind !== 'table' || name === undefined) return false;
  const partition = parentTable(object, find);
  const parents = partition ? [partition] : (object.inherits ?? []).flatMap((p) => find(p.schema, p.table) ?? []);
  const named = (parts: readonly { name?: string }[] | undefined) => (parts ?? []).some((part) => part.name === name);
  // A row trigger is cloned onto partitions; inheritance children have triggers of their own only.
  const holds = (p: Table) => (hit.kind === 'column' ? named(p.columns) : hit.kind === 'check' ? named(p.checks) : hit.kind === 'trigger' && p === partition && named(p.triggers));
  return parents.some((p) => holds(p) && judged(p));
}
