// The names of the options datatrack writes into each canonical shape's `options` map
// (canonical.ts): those the dialects' assemblers set themselves, and those the servers list for
// them (PostgreSQL's storage parameters, MySQL's CREATE_OPTIONS). The maps stay open all the same:
// an extension's access method or an engine names its own options as it likes, so a name missing
// here is no error; what it serves is telling a typo of one of these (`engin`) from such a name.

import type { Dialect } from './types.js';

/** VACUUM's and autovacuum's parameters, which a table takes for itself and for its TOAST table (`toast.…`). */
const VACUUM_PARAMETERS = [
  'autovacuum_enabled', 'vacuum_index_cleanup', 'vacuum_truncate', 'vacuum_max_eager_freeze_failure_rate',
  'autovacuum_vacuum_threshold', 'autovacuum_vacuum_max_threshold', 'autovacuum_vacuum_scale_factor',
  'autovacuum_vacuum_insert_threshold', 'autovacuum_vacuum_insert_scale_factor', 'autovacuum_vacuum_cost_delay',
  'autovacuum_vacuum_cost_limit', 'autovacuum_freeze_min_age', 'autovacuum_freeze_max_age', 'autovacuum_freeze_table_age',
  'autovacuum_multixact_freeze_min_age', 'autovacuum_multixact_freeze_max_age', 'autovacuum_multixact_freeze_table_age',
  'log_autovacuum_min_duration',
];

/** PostgreSQL: a table's or materialized view's storage parameters (reloptions), and where its storage is. */
const POSTGRES_RELATION = [
  'fillfactor', 'toast_tuple_target', 'parallel_workers', 'user_catalog_table', 'autovacuum_analyze_threshold',
  'autovacuum_analyze_scale_factor', ...VACUUM_PARAMETERS, ...VACUUM_PARAMETERS.map((name) => `toast.${name}`),
  'access_method', 'tablespace',
];

/** PostgreSQL: what a key's index holds beside its keys (assemble-relations.ts), and a B-tree's storage parameters. */
const POSTGRES_KEY = ['clustered', 'replica_identity', 'index_comment', 'invalid', 'attached_partitions', 'tablespace', 'fillfactor', 'deduplicate_items'];

/** PostgreSQL: a column's planner and storage settings (ALTER COLUMN … SET), a view's and materialized view's columns too. */
const POSTGRES_COLUMN = ['statistics', 'storage', 'compression', 'n_distinct', 'n_distinct_inherited'];

/** MySQL/MariaDB: the SQL mode a stored program was created under. */
const SQL_MODE = 'sql_mode';

/** SQLite: a key's declared key parts and ON CONFLICT algorithm. */
const SQLITE_KEY = ['key_parts', 'on_conflict'];

/**
 * Per shape and dialect, each name whole (`toast.fillfactor`), or a family as `name.*` (`set.*`:
 * any SET configuration parameter of a PostgreSQL routine, `set.search_path`).
 */
const OPTION_NAMES: Record<string, Partial<Record<Dialect, readonly string[]>>> = {
  table: {
    postgres: [...POSTGRES_RELATION, 'unlogged', 'of_type', 'replica_identity'],
    // The table's own, then CREATE_OPTIONS' (InnoDB's page_compressed … as MariaDB's engine names them),
    // and the one string snapshots of earlier versions kept those in.
    mysql: [
      'engine', 'charset', 'collation', 'system_versioned', 'row_format', 'key_block_size', 'stats_persistent',
      'stats_auto_recalc', 'stats_sample_pages', 'checksum', 'page_checksum', 'delay_key_write', 'pack_keys', 'min_rows',
      'max_rows', 'avg_row_length', 'transactional', 'compression', 'encryption', 'data directory', 'index directory',
      'page_compressed', 'page_compression_level', 'encrypted', 'encryption_key_id', 'create_options',
    ],
    sqlite: ['strict', 'without_rowid'],
  },
  column: { postgres: [...POSTGRES_COLUMN, 'local'], mysql: ['extra', 'srid'], sqlite: ['on_conflict'] },
  view_column: { postgres: POSTGRES_COLUMN },
  primary_key: { postgres: POSTGRES_KEY, mysql: ['key_parts', 'method', 'comment', 'invisible'], sqlite: SQLITE_KEY },
  unique: { postgres: [...POSTGRES_KEY, 'unattached'], sqlite: SQLITE_KEY },
  exclusion: { postgres: ['clustered', 'index_comment', 'invalid', 'attached_partitions', 'unattached', 'tablespace'] },
  index: {
    // Storage parameters: the built-in access methods'.
    postgres: [
      'clustered', 'replica_identity', 'invalid', 'attached_partitions', 'unattached', 'tablespace', 'fillfactor',
      'deduplicate_items', 'buffering', 'fastupdate', 'gin_pending_list_limit', 'pages_per_range', 'autosummarize',
    ],
    mysql: ['invisible'],
  },
  check: { postgres: ['local'] },
  trigger: { mysql: ['action_order', SQL_MODE] },
  view: { postgres: ['security_barrier', 'security_invoker'], mysql: ['security', 'algorithm'] },
  materialized_view: { postgres: POSTGRES_RELATION },
  sequence: { postgres: ['unlogged'], mysql: ['engine'] },
  type: {
    // A range type's, then a base type's (CREATE TYPE's parameters).
    postgres: [
      'subtype_opclass', 'canonical', 'subtype_diff', 'multirange_type_name', 'multirange_comment',
      'input', 'output', 'receive', 'send', 'typmod_in', 'typmod_out', 'analyze', 'subscript', 'internallength',
      'passedbyvalue', 'alignment', 'storage', 'category', 'preferred', 'element', 'delimiter', 'collatable',
    ],
  },
  routine: {
    // A function's or procedure's, then an aggregate's.
    postgres: [
      'library', 'parallel', 'leakproof', 'cost', 'rows', 'support', 'set.*',
      'sfunc', 'stype', 'finalfunc', 'combinefunc', 'initcond', 'sortop', 'kind', 'finalfunc_modify', 'finalfunc_extra',
      'serialfunc', 'deserialfunc', 'sspace', 'msfunc', 'minvfunc', 'mstype', 'msspace', 'mfinalfunc', 'mfinalfunc_modify',
      'mfinalfunc_extra', 'minitcond',
    ],
    mysql: ['sql_data_access', 'aggregate', SQL_MODE],
  },
  event: { mysql: ['time_zone', SQL_MODE] },
  schema: { mysql: ['charset', 'collation'] },
};

/** The option names of `shape` that the dialects write (every dialect's, unless one is given). */
function namesOf(shape: string, dialect?: Dialect): readonly string[] {
  const byDialect = OPTION_NAMES[shape] ?? {};
  return dialect ? (byDialect[dialect] ?? []) : Object.values(byDialect).flat();
}

/** Whether `name` is an option datatrack writes on `shape`, or leads to some (`toast`, `set`). */
export function writtenOption(shape: string, name: string, dialect?: Dialect): boolean {
  return namesOf(shape, dialect).some((known) => known === name || known.startsWith(`${name}.`) || (known.endsWith('.*') && name.startsWith(known.slice(0, -1))));
}

/** The options datatrack writes on `shape`, a family by its first part (`set`), to tell a typo by. */
export function writtenOptionNames(shape: string): string[] {
  return namesOf(shape).map((known) => (known.endsWith('.*') ? known.slice(0, -2) : known));
}
