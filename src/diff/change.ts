// The vocabulary of a schema diff (DESIGN §6): what changed, how, and what it means for consumers.
// `Change` is the JSON contract; `ModelChange` is what the pure model diff returns before impact is
// assigned, with the model parts it compared so that the impact rules can look at them.

export const CHANGE_ACTIONS = ['add', 'remove', 'modify', 'rename'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** DESIGN §6's kinds, then the model's kinds that the contract list does not name. */
export const CHANGE_KINDS = [
  'table', 'column', 'index', 'primary_key', 'foreign_key', 'unique_constraint', 'check', 'trigger', 'view',
  'materialized_view', 'sequence', 'type', 'routine', 'schema', 'extension', 'policy', 'partition',
  'exclusion_constraint', 'event', 'virtual_table', 'unknown',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const IMPACTS = ['breaking', 'caution', 'safe'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface Change {
  action: ChangeAction;
  kind: ChangeKind;
  /** Path from the schema: `schema.name`, `schema.name(args)` for routines, `schema.table.part` for parts. */
  object: string;
  /** On modify: the attribute that changed (`type`, `nullable`, `options.engine`, …). */
  attribute?: string;
  /** On modify: the old and new value (null when absent); on rename: the old and new name. */
  from?: unknown;
  to?: unknown;
  impact: Impact;
  /** A likely rename datatrack did not act on (DESIGN allows added fields). */
  hint?: string;
  /** An added or removed column or part of a table as DDL would spell it (`varchar(50) NOT NULL`, `(user_id) REFERENCES public.users (id) ON DELETE CASCADE`). */
  definition?: string;
  /** How many partitions PostgreSQL made the same change on, said once here on their parent. */
  partitions?: number;
  /** How many legacy inheritance children (INHERITS) PostgreSQL made the same change on, said once here on their parent. */
  children?: number;
  /** Of an object recorded raw (kind `unknown`): what the server calls it (`collation`, `text search configuration`). */
  object_type?: string;
  /** The snapshot file holding the object (to-side; from-side for removals). */
  path: string;
}

/** A change as the model diff finds it; impact comes later (impact.ts). */
export interface ModelChange extends Omit<Change, 'impact'> {
  /** The compared model parts (column, index, …) or objects, for the impact rules; never serialised. */
  before?: unknown;
  after?: unknown;
  /** The kind of the object the part belongs to (a column of a view, of a table, …). */
  parent?: ChangeKind;
  /** The object the part belongs to, as it is after the change (a MySQL column's charset defaults to its table's). */
  owner?: unknown;
  /** That object as it was before the change (whether a SQLite column was the rowid). */
  ownerBefore?: unknown;
  /** On each change of an object renamed: the snapshot file it was in before (`path` is the one it is in now). */
  renamedFrom?: string;
}
