// A partition's clones of its parent's parts (model/partition-clones.ts) are judged once, on the
// parent; what it holds of its own is judged on it. Columns and checks a partition or an
// inheritance child takes from its parent keep their names and can only be changed on the
// parent, so they too are judged there, once rather than per table.
import { parentTable } from '../model/partition-clones.js';
import type { SchemaObject, Table } from '../model/types.js';
import type { Hit } from './rule.js';

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
