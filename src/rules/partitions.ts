// A partition's clones of its parent's parts (model/partition-clones.ts) are judged once, on the
// parent; what it holds of its own is judged on it. Columns and checks a partition or an
// inheritance child takes from its parent keep their names and can only be changed on the
// parent, so they too are judged there, once rather than per table.
import { ownParts, parentTable } from '../model/partition-clones.js';
import type { SchemaObject, Table } from '../model/types.js';
import type { Hit } from './rule.js';

type Find = (schema: string, name: string) => Table | undefined;

/** The tables in the snapshot whose columns `object` takes: its partitioned parent, or the tables it inherits from. */
export function columnParents(object: SchemaObject, find: Find): Table[] {
  if (object.kind !== 'table') return [];
  const partition = parentTable(object, find);
  return partition ? [partition] : (object.inherits ?? []).flatMap((p) => find(p.schema, p.table) ?? []);
}

/**
 * Whether `object` takes its column, check or (as a partition) trigger `name` from a parent under
 * the same name, when the snapshot holds that parent and `judged` says the parent's is judged too.
 */
export function takesFromParent(object: SchemaObject, kind: Hit['kind'], name: string, find: Find, judged: (parent: Table) => boolean = () => true): boolean {
  if (object.kind !== 'table') return false;
  const partition = parentTable(object, find);
  const parents = columnParents(object, find);
  const named = (parts: readonly { name?: string }[] | undefined) => (parts ?? []).some((part) => part.name === name);
  // A row trigger is cloned onto partitions; inheritance children have triggers of their own only.
  const holds = (p: Table) => (kind === 'column' ? named(p.columns) : kind === 'check' ? named(p.checks) : kind === 'trigger' && p === partition && named(p.triggers));
  return parents.some((p) => holds(p) && judged(p));
}

/** Whether a hit on `object` is about a part it takes from its parent (`takesFromParent`): the parent's is judged. */
export function inheritedHit(object: SchemaObject, hit: Hit, find: Find, judged?: (parent: Table) => boolean): boolean {
  return hit.own !== true && hit.part?.name !== undefined && takesFromParent(object, hit.kind, hit.part.name, find, judged);
}

/** The list (or single entry) of a table that holds each kind of part the server clones onto partitions. */
const CLONED_SECTIONS: Partial<Record<Hit['kind'], 'indexes' | 'primary_key' | 'unique_constraints' | 'foreign_keys'>> = {
  index: 'indexes',
  primary_key: 'primary_key',
  unique_constraint: 'unique_constraints',
  foreign_key: 'foreign_keys',
};

const ownPartsOf = new WeakMap<Table, Table>();

/** The partition's parts that are not clones of its parent's (several hits on one partition ask). */
export function partitionOwnParts(partition: Table, parent: Table): Table {
  let own = ownPartsOf.get(partition);
  if (!own) ownPartsOf.set(partition, (own = ownParts(partition, parent)));
  return own;
}

/**
 * Whether a hit on a partition is about a key, index or foreign key the server cloned from its
 * parent: it can only be changed on the parent, where the same hit is reported once, rather than
 * again on each of a thousand partitions.
 */
export function clonedHit(object: SchemaObject, hit: Hit, find: Find): boolean {
  const section = CLONED_SECTIONS[hit.kind];
  const parent = section && hit.part ? parentTable(object, find) : undefined;
  if (!parent || object.kind !== 'table' || !section || !hit.part) return false;
  const parts = (held: Table[typeof section]): { name?: string }[] => (held === undefined ? [] : Array.isArray(held) ? held : [held]);
  const all = parts(object[section]);
  const { name, index } = hit.part;
  const part = name !== undefined ? all.find((p) => p.name === name) : index !== undefined ? all[index] : undefined;
  return part !== undefined && !parts(partitionOwnParts(object, parent)[section]).includes(part);
}
