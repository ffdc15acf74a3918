// PostgreSQL makes a change to a partitioned table on each of its partitions too (a column, a check,
// a foreign key, a row trigger, an index, a primary key or unique constraint): the partitions'
// copies of the change are said once, on the parent's change, as a count. A partition's own
// change, or one that differs from the parent's, stays as it is.
import { sameValue } from './attributes.js';
import type { ModelChange } from './change.js';
import { withoutTable, type Part } from './parts.js';

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

/** A value of the change as it would read on any table: a trigger's DDL names the table it is on. */
function onAnyTable(value: unknown, change: ModelChange): unknown {
  const owner = ownerOf(change) ?? {};
  if (typeof value === 'string') return withoutTable(value, owner);
  const part = value as Part | null | undefined;
  return typeof part?.definition === 'string' ? { ...part, definition: withoutTable(part.definition, owner) } : value;
}

/** The same change: for an added or removed part, the same part (a check with another expression is the partition's own). */
const same = (a: ModelChange, b: ModelChange) => {
  const alike = (x: unknown, y: unknown) => sameValue(onAnyTable(x, a), onAnyTable(y, b));
  return (
    a.kind === b.kind &&
    a.action === b.action &&
    a.attribute === b.attribute &&
    alike(a.from, b.from) &&
    alike(a.to, b.to) &&
    (a.action !== 'add' || alike(a.after, b.after)) &&
    (a.action !== 'remove' || alike(a.before, b.before))
  );
};

/**
 * Parts the server names itself on each partition (`pay_1_pkey` for the parent's `pay_pkey`,
 * `pay_1_amount_idx` for `pay_amount`): a copy is the same part under another name.
 */
const SERVER_NAMED = new Set(['index', 'primary_key', 'unique_constraint']);

/** A server-named part without its names: an index's definition from `USING` on (its own and its table's names come before). */
function unnamed(part: unknown): unknown {
  if (!part || typeof part !== 'object') return part;
  const { name: _name, definition, ...rest } = part as { name?: unknown; definition?: unknown };
  if (typeof definition !== 'string') return rest;
  const using = definition.indexOf(' USING ');
  return { ...rest, definition: using < 0 ? definition : definition.slice(using) };
}

/** The parent's part added or removed under its own name, as `change` adds or removes it on a partition. */
const sameUnnamed = (a: ModelChange, b: ModelChange) =>
  a.kind === b.kind &&
  a.action === b.action &&
  ((a.action === 'add' && sameValue(unnamed(a.after), unnamed(b.after))) || (a.action === 'remove' && sameValue(unnamed(a.before), unnamed(b.before))));

const ownerKey = (schema: string, table: string) => JSON.stringify([schema, table]);

/** The changes without the partitions' copies; each parent change that stands for some says how many (`partitions`). */
export function foldPartitionClones(changes: ModelChange[]): ModelChange[] {
  const byObject = new Map<string, ModelChange[]>();
  const byOwner = new Map<string, ModelChange[]>();
  for (const change of changes) {
    byObject.set(change.object, [...(byObject.get(change.object) ?? []), change]);
    const owner = ownerOf(change);
    if (owner && SERVER_NAMED.has(change.kind)) byOwner.set(ownerKey(owner.schema, owner.name), [...(byOwner.get(ownerKey(owner.schema, owner.name)) ?? []), change]);
  }
  const originals = new Map<ModelChange, ModelChange>();
  for (const change of changes) {
    const parent = ownerOf(change)?.partition_of;
    const part = partName(change);
    if (!parent || part === undefined) continue;
    const original =
      byObject.get(`${parent.schema}.${parent.table}.${part}`)?.find((candidate) => same(candidate, change)) ??
      (SERVER_NAMED.has(change.kind) ? byOwner.get(ownerKey(parent.schema, parent.table))?.find((candidate) => sameUnnamed(candidate, change)) : undefined);
    if (original) originals.set(change, original);
  }
  // A subpartition's copy is of its partition's copy: it is counted on the change that was made, at the top.
  const copies = new Map<ModelChange, number>();
  for (const copy of originals.keys()) {
    const root = rootOf(copy, originals);
    copies.set(root, (copies.get(root) ?? 0) + 1);
  }
  return changes.filter((change) => !originals.has(change)).map((change) => (copies.has(change) ? { ...change, partitions: copies.get(change)! } : change));
}

/** The change a copy was first made as, up its chain of originals (tables that a hand-written snapshot makes each other's partitions end the walk rather than loop). */
function rootOf(copy: ModelChange, originals: Map<ModelChange, ModelChange>): ModelChange {
  const seen = new Set<ModelChange>();
  let root = copy;
  while (originals.has(root) && !seen.has(root)) seen.add(root), (root = originals.get(root)!);
  return root;
}
