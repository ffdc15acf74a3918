// PostgreSQL makes a change to a parent table on the tables that descend from it too: on each
// partition of a partitioned table (a column, a check, a foreign key, a row trigger, an index, a
// primary key or unique constraint), and on each child of a legacy inheritance parent (INHERITS)
// what ALTER TABLE recurses to there. The descendants' copies of the change are said once, on the
// parent's change, as a count. A descendant's own change, or one that differs from the parent's,
// stays as it is.
import { uncommented, unnamedPart } from '../model/partition-clones.js';
import type { Check, QualifiedName } from '../model/types.js';
import { sameValue } from './attributes.js';
import type { ModelChange } from './change.js';
import { withoutTable, type Part } from './parts.js';

interface DescendantOwner {
  schema: string;
  name: string;
  partition_of?: QualifiedName;
  inherits?: QualifiedName[];
}

const ownerOf = (change: ModelChange) => change.owner as DescendantOwner | undefined;

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

/** Whether the copy `y` of the parent's part `x` is `alike`, the parent's comment aside when the copy has none. */
const copiedPart = (alike: (x: unknown, y: unknown) => boolean) => (x: unknown, y: unknown) =>
  alike(x, y) || ((y as { comment?: unknown } | undefined)?.comment === undefined && alike(uncommented(x), y));

/**
 * Whether `b` is the same change as the parent's `a`: for an added or removed part, the same part
 * (a check with another expression is the descendant's own), a column the parent's comment aside.
 */
const same = (a: ModelChange, b: ModelChange) => {
  const alike = (x: unknown, y: unknown) => sameValue(onAnyTable(x, a), onAnyTable(y, b));
  const samePart = copiedPart(alike);
  return (
    a.kind === b.kind &&
    a.action === b.action &&
    a.attribute === b.attribute &&
    alike(a.from, b.from) &&
    alike(a.to, b.to) &&
    (a.action !== 'add' || samePart(a.after, b.after)) &&
    (a.action !== 'remove' || samePart(a.before, b.before))
  );
};

/**
 * Parts the server names itself on each partition (`pay_1_pkey` for the parent's `pay_pkey`,
 * `pay_1_amount_idx` for `pay_amount`): a copy is the same part under another name.
 */
const SERVER_NAMED = new Set(['index', 'primary_key', 'unique_constraint']);

/**
 * Whether `b`, on a partition, is its copy of the parent's change `a` to a part of its own name.
 * A modification the server makes on the copies too (ALTER INDEX … SET STATISTICS) is the same
 * modification of the same part. Recreating the parent's part (to change its columns) recreates
 * the copies under the names the server gives them: a copy whose name stays (`pay_1_pkey`) is
 * modified as the parent's part is, one whose name spells its columns (`pay_1_amount_idx`) is
 * removed and added.
 */
const sameUnnamed = (a: ModelChange, b: ModelChange) => {
  const alike = copiedPart((x, y) => sameValue(unnamedPart(x), unnamedPart(y)));
  const sameBefore = () => alike(a.before, b.before);
  const sameAfter = () => alike(a.after, b.after);
  if (a.kind !== b.kind) return false;
  if (b.action === 'add') return (a.action === 'add' || a.action === 'modify') && sameAfter();
  if (b.action === 'remove') return (a.action === 'remove' || a.action === 'modify') && sameBefore();
  return b.action === 'modify' && a.action === 'modify' && a.attribute === b.attribute && sameBefore() && sameAfter();
};

const ownerKey = (schema: string, table: string) => JSON.stringify([schema, table]);

/** How a table descends from its parents: which they are, which of their changes PostgreSQL makes on it, and the field that counts its copies. */
interface Descent {
  field: 'partitions' | 'children';
  parents: (owner: DescendantOwner) => QualifiedName[];
  /** Whether the parent's change is one PostgreSQL makes on the descendant too. */
  carried: (change: ModelChange) => boolean;
  /** Whether the descendant's copy of a part of this kind has a name the server gave it. */
  serverNamed: (kind: ModelChange['kind']) => boolean;
}

const DESCENTS: Descent[] = [
  { field: 'partitions', parents: (owner) => (owner.partition_of ? [owner.partition_of] : []), carried: () => true, serverNamed: (kind) => SERVER_NAMED.has(kind) },
  // ALTER TABLE recurses to inheritance children for columns (added, dropped, renamed, their type,
  // default and NOT NULL) and for checks not declared NO INHERIT; indexes, keys, foreign keys and
  // triggers stay the parent's own, and COMMENT ON never recurses.
  {
    field: 'children',
    parents: (owner) => owner.inherits ?? [],
    carried: (change) =>
      change.attribute !== 'comment' && (change.kind === 'column' || (change.kind === 'check' && !((change.after ?? change.before) as Check | undefined)?.no_inherit)),
    serverNamed: () => false,
  },
];

/** The changes without the descendants' copies; each parent change that stands for some says how many (`partitions`, `children`). */
export function foldInheritedCopies(changes: ModelChange[]): ModelChange[] {
  const byObject = new Map<string, ModelChange[]>();
  const byOwner = new Map<string, ModelChange[]>();
  for (const change of changes) {
    byObject.set(change.object, [...(byObject.get(change.object) ?? []), change]);
    const owner = ownerOf(change);
    if (owner && SERVER_NAMED.has(change.kind)) byOwner.set(ownerKey(owner.schema, owner.name), [...(byOwner.get(ownerKey(owner.schema, owner.name)) ?? []), change]);
  }
  /** The parent's change that `change` is a copy of: under the same part name, or, named by the server, the same part under the parent's name. */
  const originalIn = (descent: Descent, parent: QualifiedName, change: ModelChange, part: string) => {
    const isCopy = (candidate: ModelChange, alike: typeof same) => descent.carried(candidate) && alike(candidate, change);
    return (
      byObject.get(`${parent.schema}.${parent.table}.${part}`)?.find((candidate) => isCopy(candidate, same)) ??
      (descent.serverNamed(change.kind) ? byOwner.get(ownerKey(parent.schema, parent.table))?.find((candidate) => isCopy(candidate, sameUnnamed)) : undefined)
    );
  };
  // A child of two parents took the change from whichever made it.
  const originals = new Map<ModelChange, { original: ModelChange; field: Descent['field'] }>();
  for (const change of changes) {
    const owner = ownerOf(change);
    const part = partName(change);
    if (!owner || part === undefined) continue;
    for (const descent of DESCENTS) {
      const original = descent.parents(owner).map((parent) => originalIn(descent, parent, change, part)).find(Boolean);
      if (original) {
        originals.set(change, { original, field: descent.field });
        break;
      }
    }
  }
  // A subpartition's copy is of its partition's copy, a grandchild's of its parent's: each is counted on the change that was made, at the top,
  // once per table (a recreated copy is removed and added).
  const copies = new Map<ModelChange, Partial<Record<Descent['field'], Set<string>>>>();
  for (const [copy, { field }] of originals) {
    const root = rootOf(copy, originals);
    const tables = copies.get(root) ?? {};
    const owner = ownerOf(copy)!;
    copies.set(root, { ...tables, [field]: new Set(tables[field]).add(ownerKey(owner.schema, owner.name)) });
  }
  const counted = (tables: Partial<Record<Descent['field'], Set<string>>>) => Object.fromEntries(Object.entries(tables).map(([field, set]) => [field, set.size]));
  return changes.filter((change) => !originals.has(change)).map((change) => (copies.has(change) ? { ...change, ...counted(copies.get(change)!) } : change));
}

/** The change a copy was first made as, up its chain of originals (tables that a hand-written snapshot makes each other's parents end the walk rather than loop). */
function rootOf(copy: ModelChange, originals: Map<ModelChange, { original: ModelChange }>): ModelChange {
  const seen = new Set<ModelChange>();
  let root = copy;
  while (originals.has(root) && !seen.has(root)) seen.add(root), (root = originals.get(root)!.original);
  return root;
}
