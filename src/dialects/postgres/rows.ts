// The rows the catalog queries in sql/ return, one interface per file. `relid` (a pg_class oid)
// only joins rows of one snapshot together; no oid reaches the model.

export interface SchemaRow {
  name: string;
  comment: string | null;
}

export interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  relkind: 'r' | 'p' | 'v' | 'm';
  comment: string | null;
  rls_enabled: boolean;
  rls_forced: boolean;
  partition_key: string | null;
  partition_bound: string | null;
  is_partition: boolean;
  detach_pending: boolean;
  parent_schemas: string[];
  parent_names: string[];
  definition: string | null;
  unlogged: boolean;
  of_type: string | null;
  replica_identity: string | null;
  reloptions: string[] | null;
  access_method: string | null;
  tablespace: string | null;
}

export interface ColumnRow {
  relid: number;
  position: number;
  name: string;
  type: string;
  not_null: boolean;
  /** attislocal of an inherited column (attinhcount > 0): an inheritance child declares it too. */
  local_and_inherited: boolean;
  default_expr: string | null;
  identity: '' | 'a' | 'd';
  generated: '' | 's' | 'v';
  collation: string | null;
  /** attstorage where it is not the type's: p plain, m main, e external, x extended. */
  storage: string | null;
  /** attcompression where one is set: p pglz, l lz4. */
  compression: string | null;
  /** A foreign table column's options for its foreign-data wrapper (`column_name=…`). */
  fdw_options: string[] | null;
  /** attstattarget where it is set (ALTER COLUMN … SET STATISTICS). */
  statistics: number | null;
  /** attoptions (`n_distinct=100`): ALTER COLUMN … SET (…). */
  attoptions: string[] | null;
  comment: string | null;
}

export interface ConstraintRow {
  relid: number;
  name: string;
  type: 'p' | 'u' | 'f' | 'c' | 'x';
  deferrable: boolean;
  deferred: boolean;
  validated: boolean;
  no_inherit: boolean;
  /** conislocal of an inherited check (coninhcount > 0): an inheritance child declares it too. */
  local_and_inherited: boolean;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
  on_update: string | null;
  on_delete: string | null;
  match: string | null;
  on_delete_columns: string[] | null;
  /** Of a foreign key: the pg_trigger.tgenabled states of its internal triggers other than 'O' (fires as usual). */
  trigger_states: string[] | null;
  definition: string | null;
  nulls_not_distinct: boolean | null;
  /** A primary key's or unique constraint's INCLUDE columns; null when there are none. */
  include: string[] | null;
  /** Of a primary key's or unique constraint's index: */
  reloptions: string[] | null;
  tablespace: string | null;
  clustered: boolean;
  replica_identity: boolean;
  index_valid: boolean;
  index_comment: string | null;
  /** Of a partitioned table's index not valid yet: the partitions whose index is attached to it, as [schema, table]; null otherwise. */
  attached_partitions: [schema: string, table: string][] | null;
  /** Of a partition's key or index: whether it is attached to its parent's. */
  attached: boolean;
  comment: string | null;
}

export interface IndexRow {
  relid: number;
  name: string;
  method: string;
  is_unique: boolean;
  nulls_not_distinct: boolean;
  key_count: number;
  valid: boolean;
  clustered: boolean;
  replica_identity: boolean;
  definition: string | null;
  predicate: string | null;
  columns: (string | null)[];
  expressions: (string | null)[] | null;
  /** Each key's statistics target where set (only an expression key takes one); NULL for an index without expressions. */
  statistics: (number | null)[] | null;
  options: (number | null)[];
  opclasses: (string | null)[] | null;
  collations: (string | null)[] | null;
  reloptions: string[] | null;
  tablespace: string | null;
  comment: string | null;
  /** Of a partitioned table's index not valid yet: the partitions whose index is attached to it, as [schema, table]; null otherwise. */
  attached_partitions: [schema: string, table: string][] | null;
  /** Of a partition's key or index: whether it is attached to its parent's. */
  attached: boolean;
}

export interface TriggerRow {
  relid: number;
  name: string;
  type_bits: number;
  enabled: string;
  has_when: boolean;
  columns: string[];
  definition: string | null;
  comment: string | null;
}

export interface PolicyRow {
  relid: number;
  name: string;
  command: string;
  permissive: boolean;
  roles: string[];
  using_expr: string | null;
  check_expr: string | null;
  comment: string | null;
}

export interface SequenceRow {
  schema: string;
  name: string;
  comment: string | null;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  unlogged: boolean;
  owner_schema: string | null;
  owner_table: string | null;
  owner_column: string | null;
}

export interface TypeRow {
  schema: string;
  name: string;
  typtype: 'e' | 'd' | 'c' | 'r' | 'b';
  comment: string | null;
  enum_values: string[] | null;
  base_type: string | null;
  not_null: boolean;
  default_expr: string | null;
  collation: string | null;
  check_names: string[] | null;
  check_definitions: (string | null)[] | null;
  check_validated: boolean[] | null;
  check_comments: (string | null)[] | null;
  attribute_names: string[] | null;
  attribute_types: string[] | null;
  attribute_collations: (string | null)[] | null;
  attribute_comments: (string | null)[] | null;
  subtype: string | null;
  range_opclass: string | null;
  range_collation: string | null;
  range_canonical: string | null;
  range_subdiff: string | null;
  multirange: string | null;
  multirange_comment: string | null;
  input_function: string | null;
  output_function: string | null;
  internal_length: number | null;
  alignment: string | null;
  storage: string | null;
  category: string | null;
  passed_by_value: boolean | null;
  receive_function: string | null;
  send_function: string | null;
  typmod_in_function: string | null;
  typmod_out_function: string | null;
  analyze_function: string | null;
  subscript_function: string | null;
  element: string | null;
  delimiter: string | null;
  collatable: boolean | null;
  preferred: boolean | null;
}

export interface RoutineRow {
  schema: string;
  name: string;
  prokind: 'f' | 'p' | 'a' | 'w';
  argument_types: string[];
  arguments: string;
  returns: string | null;
  language: string;
  volatility: 'i' | 's' | 'v';
  strict: boolean;
  security_definer: boolean;
  definition: string | null;
  comment: string | null;
  parallel: 's' | 'r' | 'u';
  leakproof: boolean;
  cost: number;
  returns_set: boolean;
  rows: number;
  /** SET configuration (proconfig): `name=value` entries. */
  config: string[] | null;
  /** A C function's shared library (probin). */
  library: string | null;
  support: string | null;
  agg_sfunc: string | null;
  agg_stype: string | null;
  agg_finalfunc: string | null;
  agg_combinefunc: string | null;
  agg_initcond: string | null;
  agg_sortop: string | null;
  agg_kind: string | null;
  agg_finalfunc_modify: string | null;
  agg_finalfunc_extra: boolean;
  agg_mfinalfunc_extra: boolean;
  agg_serialfunc: string | null;
  agg_deserialfunc: string | null;
  agg_sspace: number | null;
  agg_msfunc: string | null;
  agg_minvfunc: string | null;
  agg_mstype: string | null;
  agg_msspace: number | null;
  agg_mfinalfunc: string | null;
  agg_mfinalfunc_modify: string | null;
  agg_minitcond: string | null;
}

export interface ExtensionRow {
  name: string;
  schema: string;
  version: string;
  comment: string | null;
}

export interface OtherRow {
  /** Set for a foreign table, whose columns come with the other relations' columns. */
  relid: number | null;
  schema: string;
  name: string;
  object_type: string;
  raw: Record<string, unknown>;
  comment: string | null;
}

/** Everything one snapshot reads, by query name (the file names in sql/). */
export interface CatalogRows {
  schemas: SchemaRow[];
  relations: RelationRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  sequences: SequenceRow[];
  types: TypeRow[];
  routines: RoutineRow[];
  extensions: ExtensionRow[];
  others: OtherRow[];
}
