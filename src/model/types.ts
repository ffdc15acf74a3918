// The dialect-neutral schema model. Plain data: dialects build it, the codec writes it as canonical
// YAML, everything downstream (diff, rules, export) reads only this. Field names are the YAML keys
// of the storage contract (DESIGN §4), so the codec needs no renaming layer.
// Optional attributes are omitted when the database has no value for them.

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

/** Each dialect as people name it. */
export const DIALECT_NAMES: Record<Dialect, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite' };

/** Dialect-specific attributes that have no neutral home (engine, charset, WITHOUT ROWID, …). */
export type Options = Record<string, string | number | boolean>;

/** A catalog integer: a number when it fits a double exactly, else its decimal text. */
export type CatalogInt = number | string;

export interface QualifiedName {
  schema: string;
  table: string;
}

export interface Column {
  name: string;
  /** The type as the server spells it (format_type, COLUMN_TYPE, SQLite's declared type). */
  type: string;
  nullable: boolean;
  default?: string;
  identity?: 'always' | 'by_default';
  generated?: { expression: string; stored: boolean };
  collation?: string;
  charset?: string;
  on_update?: string;
  auto_increment?: boolean;
  hidden?: boolean;
  comment?: string;
  options?: Options;
}

export interface PrimaryKey {
  name?: string;
  columns: string[];
  /** Columns the key's index carries without being part of the key (PostgreSQL INCLUDE). */
  include?: string[];
  deferrable?: boolean;
  initially_deferred?: boolean;
  comment?: string;
  options?: Options;
}

export interface ForeignKey {
  name?: string;
  columns: string[];
  /**
   * columns is absent where the key names none and there is no primary key of its width to stand
   * for them (SQLite `REFERENCES t` to a table without one): the key refers to t's primary key.
   */
  references: { schema: string; table: string; columns?: string[] };
  on_update?: string;
  on_delete?: string;
  match?: string;
  deferrable?: boolean;
  initially_deferred?: boolean;
  /** False when the server accepted the key without checking existing rows (NOT VALID). */
  validated?: boolean;
  /**
   * PostgreSQL, where the internal triggers that enforce the key do not fire as usual: `disabled`
   * (ALTER TABLE … DISABLE TRIGGER ALL on either table: the key is not checked, nor does it cascade),
   * `replica` or `always` (ENABLE REPLICA / ALWAYS TRIGGER).
   */
  triggers?: string;
  comment?: string;
}

export interface UniqueConstraint {
  name?: string;
  columns: string[];
  /** Columns the constraint's index carries without being part of the key (PostgreSQL INCLUDE). */
  include?: string[];
  nulls_not_distinct?: boolean;
  deferrable?: boolean;
  initially_deferred?: boolean;
  comment?: string;
  options?: Options;
}

export interface Check {
  name?: string;
  expression: string;
  /** Set for a check written on one column (SQLite keeps that distinction in its DDL). */
  column?: string;
  no_inherit?: boolean;
  validated?: boolean;
  /** False for a check the server keeps but never evaluates (MySQL NOT ENFORCED). */
  enforced?: boolean;
  comment?: string;
  /** PostgreSQL: `local` for an inheritance child's check that it declares itself as well as inherits. */
  options?: Options;
}

export interface ExclusionConstraint {
  name: string;
  comment?: string;
  definition: string;
  deferrable?: boolean;
  initially_deferred?: boolean;
  /** What its index holds beyond the definition (PostgreSQL: `tablespace`, `clustered`, `index_comment`). */
  options?: Options;
}

/** An index key: a bare column name, or the detail a plain name cannot carry. */
export type IndexKey =
  | string
  | {
      column?: string;
      expression?: string;
      descending?: boolean;
      nulls?: 'first' | 'last';
      collation?: string;
      opclass?: string;
      /** The operator class's parameters, as PostgreSQL prints them (`siglen='64'`). */
      opclass_parameters?: string;
      length?: number;
      /** The key's statistics target, where set (PostgreSQL ALTER INDEX … ALTER COLUMN n SET STATISTICS, for an expression). */
      statistics?: number;
    };

export interface Index {
  name: string;
  columns: IndexKey[];
  include?: string[];
  unique: boolean;
  method?: string;
  where?: string;
  nulls_not_distinct?: boolean;
  comment?: string;
  /** The server's own DDL for the index, when it renders one (pg_get_indexdef). */
  definition?: string;
  options?: Options;
}

export interface Trigger {
  name: string;
  timing: string;
  events: string[];
  columns?: string[];
  level?: 'row' | 'statement';
  when?: string;
  enabled?: string;
  comment?: string;
  definition: string;
  options?: Options;
}

export interface Policy {
  name: string;
  command: string;
  permissive: boolean;
  roles: string[];
  using?: string;
  with_check?: string;
  comment?: string;
}

/** A subpartition by name, or with its own comment where it differs from its partition's (MariaDB keeps one per subpartition). */
export type Subpartition = string | { name: string; comment: string };

export interface Partitioning {
  strategy: string;
  key: string;
  /** Inline partitions, for servers that do not model a partition as a table of its own (MySQL). */
  partitions?: { name: string; bound?: string; comment?: string; subpartitions?: Subpartition[] }[];
  /** How each inline partition is split again (MySQL SUBPARTITION BY). */
  subpartitioning?: { strategy: string; key: string };
}

export interface Table {
  kind: 'table';
  schema: string;
  name: string;
  comment?: string;
  columns: Column[];
  primary_key?: PrimaryKey;
  foreign_keys?: ForeignKey[];
  unique_constraints?: UniqueConstraint[];
  checks?: Check[];
  exclusion_constraints?: ExclusionConstraint[];
  indexes?: Index[];
  triggers?: Trigger[];
  policies?: Policy[];
  row_security?: { enabled: boolean; forced: boolean };
  partitioning?: Partitioning;
  /**
   * `detach_pending`: a DETACH PARTITION … CONCURRENTLY that stopped between its two transactions
   * (cancelled, or its session ended). The parent's queries no longer read the partition, rows for
   * its bound have nowhere to go, and only `… DETACH PARTITION … FINALIZE` moves on.
   */
  partition_of?: { schema: string; table: string; bound: string; detach_pending?: boolean };
  inherits?: QualifiedName[];
  options?: Options;
}

export interface ViewColumn {
  name: string;
  type?: string;
  /** What an insert through the view puts in the column when it gives none (PostgreSQL ALTER VIEW … SET DEFAULT). */
  default?: string;
  comment?: string;
  /** A materialized view's column's planner and storage settings, as a table column's (PostgreSQL SET STATISTICS, …). */
  options?: Options;
}

export interface View {
  kind: 'view';
  schema: string;
  name: string;
  comment?: string;
  columns?: ViewColumn[];
  definition: string;
  check_option?: string;
  triggers?: Trigger[];
  options?: Options;
}

export interface MaterializedView {
  kind: 'materialized_view';
  schema: string;
  name: string;
  comment?: string;
  columns?: ViewColumn[];
  definition: string;
  indexes?: Index[];
  options?: Options;
}

export interface Sequence {
  kind: 'sequence';
  schema: string;
  name: string;
  comment?: string;
  type?: string;
  start?: CatalogInt;
  increment?: CatalogInt;
  min?: CatalogInt;
  max?: CatalogInt;
  cache?: CatalogInt;
  cycle?: boolean;
  owned_by?: string;
  /** MariaDB: the storage engine (it decides whether NEXTVAL is transactional). */
  options?: Options;
}

export interface TypeAttribute {
  name: string;
  type: string;
  collation?: string;
  comment?: string;
}

export interface UserType {
  kind: 'type';
  schema: string;
  name: string;
  type: 'enum' | 'domain' | 'composite' | 'range' | 'base';
  comment?: string;
  values?: string[];
  base_type?: string;
  nullable?: boolean;
  default?: string;
  collation?: string;
  checks?: Check[];
  attributes?: TypeAttribute[];
  subtype?: string;
  options?: Options;
}

export interface Routine {
  kind: 'routine';
  schema: string;
  name: string;
  routine_type: 'function' | 'procedure' | 'aggregate' | 'window';
  /** Identity argument types; with the name they tell overloads apart. */
  argument_types: string[];
  arguments?: string;
  returns?: string;
  language?: string;
  volatility?: string;
  strict?: boolean;
  security?: 'definer' | 'invoker';
  deterministic?: boolean;
  comment?: string;
  definition?: string;
  options?: Options;
}

export interface Extension {
  kind: 'extension';
  schema: string;
  name: string;
  version?: string;
  comment?: string;
}

export interface Event {
  kind: 'event';
  schema: string;
  name: string;
  schedule: string;
  status?: string;
  on_completion?: string;
  comment?: string;
  definition: string;
  /** `time_zone` when the event was created under one of its own (its STARTS/ENDS/AT are in that zone). */
  options?: Options;
}

export interface VirtualTable {
  kind: 'virtual_table';
  schema: string;
  name: string;
  module: string;
  arguments?: string[];
  definition: string;
}

/** Something the catalog holds that the model has no shape for yet: kept raw, never dropped. */
export interface UnknownObject {
  kind: 'unknown';
  schema: string;
  name: string;
  comment?: string;
  object_type: string;
  raw: Record<string, unknown>;
}

export type SchemaObject =
  | Table
  | View
  | MaterializedView
  | Sequence
  | UserType
  | Routine
  | Extension
  | Event
  | VirtualTable
  | UnknownObject;

export type ObjectKind = SchemaObject['kind'];

export interface SchemaInfo {
  name: string;
  comment?: string;
  /** Schema-wide defaults with no neutral home (MySQL: the database's charset and collation). */
  options?: Options;
}

export interface SnapshotMeta {
  format: number;
  dialect: Dialect;
  server: string;
  database: string;
}

export interface Snapshot {
  meta: SnapshotMeta;
  schemas: SchemaInfo[];
  objects: SchemaObject[];
}

/**
 * A part of the schema the reading account cannot see: the server leaves it out without saying
 * so, so its absence from the model means nothing. Either a whole kind in a schema (`trigger`: the
 * triggers of every table and view) or one attribute of one object.
 */
export interface HiddenPart {
  schema: string;
  kind: ObjectKind | 'trigger';
  /** The object (as objectName spells it) and its attribute (absent: the whole object); neither: every object of the kind. */
  object?: string;
  attribute?: string;
  /**
   * With a whole kind: the raw (`unknown`) objects of these catalog types are hidden with it (the
   * server shows MariaDB's packages, and a routine kept raw, only to an account that sees routines).
   */
  rawTypes?: string[];
  /**
   * With an attribute of a raw (`unknown`) object: the catalog type whose raw data holds it (a
   * MariaDB PACKAGE and its PACKAGE BODY, merged into one object, hold a definition each).
   */
  rawType?: string;
  /**
   * What the snapshot derives from the hidden attribute (dotted paths: `options.aggregate`, which
   * MariaDB ties to a function's body): it cannot be told without it, so it is carried with it.
   */
  derived?: string[];
  /** Why the account cannot see it and what would let it (a grant). */
  reason: string;
}

/** A snapshot as introspection returns it: the model plus what the reader could not see. */
export interface Introspection {
  snapshot: Snapshot;
  warnings: string[];
  /** What the account could not see; carried forward from the previous snapshot (snapshot/carry-forward.ts). */
  hidden?: HiddenPart[];
  /** Names (`schema`, `schema.object`) the scope left out before the model was built: schemas PostgreSQL did not read, MySQL objects not assembled. */
  leftOut?: string[];
  /**
   * The password the connection offered, or would have if asked, when it came from outside the
   * spec's own (PostgreSQL's password file, or the stored one once asked for): what is kept of the
   * run, a note, must not carry it either.
   */
  password?: string;
}
