// PostgreSQL clones a partitioned table's foreign keys, indexes and constraints onto every
// partition, naming the clones itself: those are judged once, on the parent. What a partition
// holds of its own (a key added to it alone, as Pagila's payment partitions have) is judged there.
import type { ForeignKey, SchemaObject, Table } from '../model/types.js';

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
