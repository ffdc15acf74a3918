// What an attribute the model leaves out stands for, where that is one fixed value. The dialects
// record a flag or action only where it differs from the server's default (a foreign key is
// `validated: false` when NOT VALID, else nothing), so that the snapshot stays short; a reader that
// compares two versions (the diff) needs the value itself, or ENABLE ROW LEVEL SECURITY would read
// as `null → {…}` and VALIDATE CONSTRAINT as `false → null`. Attributes whose default depends on
// something else (a sequence's bounds on its type, direction and server) are not listed: their
// absence stays null rather than a guessed value. An index's storage parameters are, by the one
// thing their defaults depend on, the access method the index names.

import type { Dialect, SchemaInfo } from './types.js';

/** Storage parameters as options attributes: `fillfactor` → `options.fillfactor`. */
const asOptions = (parameters: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(parameters).map(([name, value]) => [`options.${name}`, value]));

/**
 * PostgreSQL keeps a storage parameter as the statement set it, its default too (SET (fillfactor =
 * 100), then RESET): those whose default is one value read as it when left out, a boolean as
 * `true` or `false` (model/storage-parameters.ts reads its other spellings so). A table's and a
 * materialized view's heap take the same ones (vacuum_index_cleanup's AUTO since PostgreSQL 14, the
 * oldest the server supports). The TOAST table's (`toast.autovacuum_enabled`) have
 * none: of a TOAST table that sets none of its own, autovacuum takes the table's.
 */
const HEAP_STORAGE = asOptions({ fillfactor: '100', autovacuum_enabled: 'true', vacuum_truncate: 'true', user_catalog_table: 'false', vacuum_index_cleanup: 'auto' });

/**
 * An index's, by access method (reloptions.c). A GIN index's gin_pending_list_limit has none:
 * left out, the server's gin_pending_list_limit setting applies, whatever it is then.
 */
const INDEX_STORAGE: Record<string, Readonly<Record<string, string>>> = {
  btree: { fillfactor: '90', deduplicate_items: 'true' },
  hash: { fillfactor: '75' },
  gist: { fillfactor: '90', buffering: 'auto' },
  spgist: { fillfactor: '80' },
  gin: { fastupdate: 'true' },
  brin: { pages_per_range: '128', autosummarize: 'false' },
};

/** A key's index is a B-tree, the one access method that enforces uniqueness. */
const KEY_INDEX_STORAGE = asOptions(INDEX_STORAGE.btree!);

/** Per canonical shape (model/canonical.ts), the attribute path (`row_security.enabled`, `options.method`) and its value when absent. */
const OMITTED: Record<string, Readonly<Record<string, unknown>>> = {
  // PostgreSQL records `local` only on an inheritance child's column or check that it declares as well as inherits.
  column: { auto_increment: false, hidden: false, 'options.local': false },
  // MySQL records a primary key's index method only when it is not BTREE, as an option (an index
  // always names its method); no other dialect records one.
  primary_key: { deferrable: false, initially_deferred: false, 'options.method': 'btree', 'options.invalid': false, ...KEY_INDEX_STORAGE },
  // PostgreSQL leaves out NO ACTION, its default; the other dialects always name the action.
  foreign_key: { on_update: 'no action', on_delete: 'no action', deferrable: false, initially_deferred: false, validated: true },
  unique: { nulls_not_distinct: false, deferrable: false, initially_deferred: false, 'options.invalid': false, ...KEY_INDEX_STORAGE },
  check: { no_inherit: false, validated: true, enforced: true, 'options.local': false },
  exclusion: { deferrable: false, initially_deferred: false, 'options.invalid': false },
  // PostgreSQL records `invalid` only on an index (or a key's) not yet usable: ALTER INDEX … ATTACH
  // PARTITION of the last partition's index makes a partitioned one valid, `true → false`. MySQL
  // records `invisible` only on an INVISIBLE (MariaDB: IGNORED) one.
  index: { nulls_not_distinct: false, 'options.invalid': false, 'options.invisible': false },
  // A PostgreSQL trigger records only ALTER TABLE's DISABLE, ENABLE REPLICA or ENABLE ALWAYS;
  // plain ENABLE is tgenabled 'O', firing in the origin (and local) session_replication_role.
  trigger: { enabled: 'origin' },
  // A table without row security has it neither enabled nor forced.
  table: { 'row_security.enabled': false, 'row_security.forced': false, ...HEAP_STORAGE },
  materialized_view: HEAP_STORAGE,
  view: { 'options.security_barrier': 'false', 'options.security_invoker': 'false' },
  sequence: { cycle: false },
  // MariaDB records `aggregate` only on a CREATE AGGREGATE FUNCTION.
  routine: { 'options.aggregate': false },
};

const NONE: Readonly<Record<string, unknown>> = {};

/** An index's omitted attributes with its access method's storage parameters, by method. */
const INDEX_BY_METHOD: Record<string, Readonly<Record<string, unknown>>> = Object.fromEntries(
  Object.entries(INDEX_STORAGE).map(([method, parameters]) => [method, { ...OMITTED.index, ...asOptions(parameters) }]),
);

/**
 * The values that the attributes of `shape` take when the model leaves them out, by attribute
 * path; an index's storage parameters depend on its access method, which `part` names.
 */
export function omittedDefaults(shape: string, part?: object): Readonly<Record<string, unknown>> {
  const method = shape === 'index' ? (part as { method?: unknown } | undefined)?.method : undefined;
  return (typeof method === 'string' ? INDEX_BY_METHOD[method] : undefined) ?? OMITTED[shape] ?? NONE;
}

/** The storage parameters of an index of `method` that have one default, by name; none for a method the server does not build in. */
export function indexStorageDefaults(method: string): Readonly<Record<string, string>> {
  return INDEX_STORAGE[method] ?? {};
}

/**
 * A schema every database has and a snapshot records only while it holds something (PostgreSQL's
 * `public` with its default comment): gone from a snapshot, it may only have been emptied.
 */
export const UNRECORDED_WHEN_EMPTY: Partial<Record<Dialect, SchemaInfo>> = { postgres: { name: 'public', comment: 'standard public schema' } };
