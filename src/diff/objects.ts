// One object against its other version: attributes first, then its parts in a fixed order
// (columns → primary key → indexes → foreign keys → unique constraints → checks → exclusion
// constraints → triggers → policies → partitions), as atlas orders a table diff. A type's parts
// are a composite type's attributes, compared as columns are, and a domain's checks.
import { objectName } from '../model/canonical.js';
import { unnamedPartLabel } from '../model/part-label.js';
import type { Dialect, ForeignKey, QualifiedName, SchemaObject } from '../model/types.js';
import { sameSequenceBound } from '../model/sequence-bounds.js';
import { attributeChanges, sameValue, type AttributeChange } from './attributes.js';
import type { ChangeKind, ModelChange } from './change.js';
import { diffColumns, withColumnsRenamed, type ColumnContext, type ColumnLike } from './columns.js';
import { localHint } from './local-hint.js';
import { diffParts, partLabel, type Owner, type Part, type PartSpec } from './parts.js';
import { restatesOnly } from './restatement.js';
import { withRowSecurityHint } from './row-security.js';
import { alikeRaw } from '../model/raw-object.js';
import { withReferencesRenamed } from './renamed-references.js';
import { renamedPath, type RenameMap } from './settings.js';
import { objectLabel as readableLabel } from '../util/qualified-name.js';

/**
 * A partitioned table's index, or key's index, turns valid when the last of its partitions' indexes
 * is attached to it; that partition's file does not change (the attachment is the parent index's
 * `attached_partitions` until then).
 */
const attachedHint: PartSpec['hint'] = (c, table) =>
  c.attribute === 'options.invalid' && c.to === false && 'partitioning' in table ? "valid now: each partition's index is attached to it (ALTER INDEX … ATTACH PARTITION)" : undefined;

/** An index turned valid has every partition's index attached: its list of those attached so far goes without saying. */
const attachedListUnsaid: PartSpec['unsaid'] = (changes) =>
  changes.some((c) => c.attribute === 'options.invalid' && c.to === false) ? changes.filter((c) => c.attribute !== 'options.attached_partitions') : changes;

const SPECS = {
  primary_key: { kind: 'primary_key', shape: 'primary_key', unnamedLabel: (p) => unnamedPartLabel('primary_key', p), hint: attachedHint, unsaid: attachedListUnsaid },
  index: {
    kind: 'index',
    shape: 'index',
    unnamedLabel: (p) => unnamedPartLabel('index', p),
    restating: { attribute: 'definition', whole: true },
    hint: attachedHint,
    unsaid: attachedListUnsaid,
  },
  foreign_key: { kind: 'foreign_key', shape: 'foreign_key', unnamedLabel: (p) => unnamedPartLabel('foreign_key', p) },
  unique_constraint: { kind: 'unique_constraint', shape: 'unique', unnamedLabel: (p) => unnamedPartLabel('unique_constraint', p), hint: attachedHint, unsaid: attachedListUnsaid },
  check: { kind: 'check', shape: 'check', unnamedLabel: (p) => unnamedPartLabel('check', p), hint: (c) => localHint('check', c) },
  exclusion_constraint: {
    kind: 'exclusion_constraint',
    shape: 'exclusion',
    unnamedLabel: (p) => unnamedPartLabel('exclusion_constraint', p),
    restating: { attribute: 'definition' },
    hint: attachedHint,
    unsaid: attachedListUnsaid,
  },
  trigger: {
    kind: 'trigger',
    shape: 'trigger',
    unnamedLabel: () => 'trigger',
    restating: { attribute: 'definition' },
    ordinal: { attribute: 'options.action_order', group: (p) => JSON.stringify([(p as { timing?: unknown }).timing, (p as { events?: unknown }).events]) },
  },
  policy: { kind: 'policy', shape: 'policy', unnamedLabel: () => 'policy' },
  partition: { kind: 'partition', shape: 'partition', unnamedLabel: () => 'partition' },
} satisfies Record<string, PartSpec>;

/** SQLite's foreign key, whose DEFERRABLE defers nothing without INITIALLY DEFERRED, which says it too: the deferral is compared alone. */
const FOREIGN_KEY_WITHOUT_DEFERRABLE: PartSpec = { ...SPECS.foreign_key, skip: ['deferrable'] };

/** Where each collection of parts lives in an object, in the order they are compared. */
const PART_FIELDS: [field: string, spec: PartSpec][] = [
  ['primary_key', SPECS.primary_key],
  ['indexes', SPECS.index],
  ['foreign_keys', SPECS.foreign_key],
  ['unique_constraints', SPECS.unique_constraint],
  ['checks', SPECS.check],
  ['exclusion_constraints', SPECS.exclusion_constraint],
  ['triggers', SPECS.trigger],
  ['policies', SPECS.policy],
  ['partitioning.partitions', SPECS.partition],
];

export const OBJECT_KINDS: Record<SchemaObject['kind'], ChangeKind> = {
  table: 'table',
  view: 'view',
  materialized_view: 'materialized_view',
  sequence: 'sequence',
  type: 'type',
  routine: 'routine',
  extension: 'extension',
  event: 'event',
  virtual_table: 'virtual_table',
  unknown: 'unknown',
};

/** What a change of an object's own attribute means that its values do not say, as the change's hint. */
const OBJECT_HINTS: Partial<Record<SchemaObject['kind'], (change: AttributeChange) => string | undefined>> = {
  table: (c) =>
    c.attribute === 'partition_of.detach_pending' && c.to === true
      ? "DETACH PARTITION … CONCURRENTLY stopped half-way: the parent's queries no longer read this partition and rows for its bound fail to insert, until ALTER TABLE … DETACH PARTITION … FINALIZE"
      : undefined,
};

/** Kinds whose DDL text restates their other attributes besides holding the body (see restatement.ts). */
const RESTATING_OBJECTS: Partial<Record<SchemaObject['kind'], string>> = { routine: 'definition', virtual_table: 'definition' };

/** Where the columns and the sets of parts of an object live, for the kinds that have them. */
interface PartsLayout {
  columns: string;
  sets: [field: string, spec: PartSpec][];
}

const RELATION_PARTS: PartsLayout = { columns: 'columns', sets: PART_FIELDS };

/** Object kinds whose columns and parts are diffed one by one; the rest compare attribute by attribute. */
const PARTS: Partial<Record<SchemaObject['kind'], PartsLayout>> = {
  table: RELATION_PARTS,
  view: RELATION_PARTS,
  materialized_view: RELATION_PARTS,
  type: { columns: 'attributes', sets: [['checks', SPECS.check]] },
};

export function objectLabel(object: SchemaObject): string {
  return `${object.schema}.${objectName(object)}`;
}

/** An object's name as people read it, a name holding a dot or a quote quoted (`"s.x"."t.y"`): for hints. */
export function readableObjectLabel(object: SchemaObject): string {
  return readableLabel(object.schema, object.kind, objectName(object));
}

function partsAt(object: SchemaObject, field: string): Part[] {
  let value: unknown = object;
  for (const key of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Part[];
}

export interface ObjectContext extends ColumnContext {
  path: string;
  /** Table names that differ only in case are the same (SQLite). */
  caseInsensitive?: boolean;
  /** The dialect whose CREATE SEQUENCE picks the min and max a snapshot leaves out. */
  sequenceBounds?: Dialect;
  /** A foreign key is deferred by INITIALLY DEFERRED alone: its DEFERRABLE is not compared (SQLite). */
  initiallyDeferredOnly?: boolean;
}

/** The changes between two versions of one object (`to` may be renamed from `from`). */
export function diffObject(original: SchemaObject, to: SchemaObject, context: ObjectContext): ModelChange[] {
  // A domain's base type and default, a range's subtype, name types as a column's type and default do.
  const from = withReferencesRenamed(withOwnerRenamed(original, to, context.renames), to, context.renamedReferences, ['base_type', 'subtype'], ['default']);
  const kind = OBJECT_KINDS[to.kind];
  const owner: Owner = { object: objectLabel(to), path: context.path, kind, before: from, after: to };
  const fromOwner = objectLabel(from);
  const skip = new Set(['name', 'schema']);
  if (to.kind === 'routine') skip.add('argument_types');
  const parts = PARTS[to.kind];
  if (parts) for (const field of [parts.columns, ...parts.sets.map(([f]) => f)]) skip.add(field);
  const [fromLaid, toLaid] = from.kind === 'unknown' && to.kind === 'unknown' ? alikeRaw(from, to) : [from, to];
  let attributes = attributeChanges(fromLaid, toLaid, skip, to.kind);
  if (from.kind === 'sequence' && to.kind === 'sequence' && context.sequenceBounds) {
    const dialect = context.sequenceBounds;
    attributes = attributes.filter((c) => !((c.attribute === 'min' || c.attribute === 'max') && sameSequenceBound(dialect, c.attribute, from, to)));
  }
  const restating = RESTATING_OBJECTS[to.kind];
  if (restating) {
    const others = attributes.filter((c) => c.attribute !== restating);
    const text = (o: SchemaObject) => (o as unknown as Record<string, unknown>)[restating];
    if (restatesOnly(text(from), text(to), others)) attributes = others;
  }
  const changes: ModelChange[] = attributes.map((c) => {
    const hint = OBJECT_HINTS[to.kind]?.(c);
    return { action: 'modify', kind, object: owner.object, attribute: c.attribute, from: c.from, to: c.to, path: context.path, before: from, after: to, ...(hint ? { hint } : {}) };
  });
  if (!parts) return changes;
  const columns = (o: SchemaObject) => (o as unknown as Record<string, ColumnLike[] | undefined>)[parts.columns] ?? [];
  const columnChanges = diffColumns(owner, columns(from), columns(to), context, fromOwner);
  // Appended one by one: spread as arguments, the changes of a table of 150,000 columns overflow the stack.
  for (const change of columnChanges) changes.push(change);
  // A renamed column is renamed in the keys and indexes on it too: they are compared as they read after the rename.
  const renamed = new Map(columnChanges.filter((c) => c.action === 'rename').map((c) => [c.from as string, c.to as string]));
  for (const [field, setSpec] of parts.sets) {
    const spec = context.initiallyDeferredOnly && setSpec === SPECS.foreign_key ? FOREIGN_KEY_WITHOUT_DEFERRABLE : setSpec;
    const after = partsAt(to, field);
    // each spelled as its counterpart, the part of the same label on the other side, spells it
    const respelled = (part: Part, counterpart?: Part) => withColumnsRenamed(part, renamed, context.backslashEscapes, counterpart);
    const asRenamed = (part: Part) => respelled(part, after.find((other) => partLabel(spec, other) === partLabel(spec, respelled(part))));
    const before = partsAt(from, field).map((part) => withReferenceRenamed(renamed.size ? asRenamed(part) : part, after, context.renames));
    for (const change of diffParts(spec, owner, before, after, context.renames, fromOwner, { columns: context.caseInsensitiveColumns, tables: context.caseInsensitive })) changes.push(change);
  }
  // What row security now keeps from its rows, said on the change (ENABLE, FORCE, a policy) that did it.
  return to.kind === 'table' ? changes.map(withRowSecurityHint) : changes;
}

/** Whether the object path `from` (`schema.table[.column]`) is `to`, or becomes it by the configured renames. */
const becomes = (renames: RenameMap, from: string, to: string) => from === to || renamedPath(renames, from, (path) => path === to) !== undefined;

const tablePath = (name: QualifiedName) => `${name.schema}.${name.table}`;

/** A parent table as `candidates` (the other side's parents) name it, where the configured renames make it one of them. */
function parentRenamed<T extends QualifiedName>(parent: T, candidates: QualifiedName[], renames: RenameMap): T {
  const other = candidates.find((candidate) => becomes(renames, tablePath(parent), tablePath(candidate)));
  return other ? { ...parent, schema: other.schema, table: other.table } : parent;
}

/**
 * An object as it reads once what owns it is renamed as configured, where the other side names it
 * so: a sequence's OWNED BY column (a serial's or identity's), a table's partitioned or inheritance
 * parents. The server follows the renamed table or column: the object still belongs to what it did.
 */
function withOwnerRenamed(from: SchemaObject, to: SchemaObject, renames: RenameMap): SchemaObject {
  if (renames.size === 0) return from;
  if (from.kind === 'sequence' && to.kind === 'sequence' && from.owned_by && to.owned_by) {
    return becomes(renames, from.owned_by, to.owned_by) ? { ...from, owned_by: to.owned_by } : from;
  }
  if (from.kind !== 'table' || to.kind !== 'table') return from;
  const { partition_of: partitionOf, inherits } = from;
  return {
    ...from,
    ...(partitionOf && to.partition_of ? { partition_of: parentRenamed(partitionOf, [to.partition_of], renames) } : {}),
    ...(inherits ? { inherits: inherits.map((parent) => parentRenamed(parent, to.inherits ?? [], renames)) } : {}),
  };
}

/**
 * A foreign key as it reads once the table and columns it references are renamed as configured,
 * where the other side has the key referencing them so: the key still references what it did. (The
 * configuration holds every rename of the history; the other side tells whether this diff crosses it.)
 */
function withReferenceRenamed(part: Part, toParts: Part[], renames: RenameMap): Part {
  const { columns, references } = part as Partial<ForeignKey>;
  if (!references || renames.size === 0) return part;
  const table = `${references.schema}.${references.table}`;
  const reads = ({ schema, table: name, columns: keys }: ForeignKey['references']) =>
    becomes(renames, table, `${schema}.${name}`) &&
    keys?.length === references.columns?.length &&
    (references.columns ?? []).every((key, i) => becomes(renames, `${table}.${key}`, `${schema}.${name}.${keys![i]}`));
  const kept = toParts.map((other) => other as Partial<ForeignKey>).find((other) => sameValue(other.columns, columns) && other.references && reads(other.references));
  return kept ? ({ ...part, references: kept.references } as Part) : part;
}
