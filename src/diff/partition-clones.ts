// PostgreSQL makes a change to a partitioned table on each of its partitions too (a column, a check,
// a foreign key): the partitions' copies of the change are said once, on the parent's change, as a
// count. A partition's own change, or one that differs from the parent's, stays as it is.
import { sameValue } from './attributes.js';
import type { ModelChange } from './change.js';

interface PartitionOwner {
  schema: string;
  name: string;
  partition_of?: { schema: string; table: string };
}

const ownerOf = (change: ModelChange) => change.owner as PartitionOwner | undefined;

/** The part's name within its owner (`amount_check` of `public.payment_p1.amount_check`), for a part change. */
function partName(change: ModelChange): string | undefined {
  const owner = ownerOf(change);
  const prefix = owner && `${owner.schema}.${owner.name}.`;
  return prefix && change.object.startsWith(prefix) ? change.object.slice(prefix.length) : undefined;
}

/** The same change: for an added or removed part, the same part (a check with another expression is the partition's own). */
const same = (a: ModelChange, b: ModelChange) =>
  a.kind === b.kind &&
  a.action === b.action &&
  a.attribute === b.attribute &&
  sameValue(a.from, b.from) &&
  sameValue(a.to, b.to) &&
  (a.action !== 'add' || sameValue(a.after, b.after)) &&
  (a.action !== 'remove' || sameValue(a.before, b.before));

/** The changes without the partitions' copies; each parent change that stands for some says how many (`partitions`). */
export function foldPartitionClones(changes: ModelChange[]): ModelChange[] {
  const byObject = new Map<string, ModelChange[]>();
  for (const change of changes) byObject.set(change.object, [...(byObject.get(change.object) ?? []), change]);
  const copies = new Map<ModelChange, number>();
  const kept = changes.filter((change) => {
    const parent = ownerOf(change)?.partition_of;
    const part = partName(change);
    if (!parent || part === undefined) return true;
    const original = byObject.get(`${parent.schema}.${parent.table}.${part}`)?.find((candidate) => same(candidate, change));
    if (!original) return true;
    copies.set(original, (copies.get(original) ?? 0) + 1);
    return false;
  });
  return kept.map((change) => (copies.has(change) ? { ...change, partitions: copies.get(change)! } : change));
}
