// What an attribute the model leaves out stands for, where that is one fixed value. The dialects
// record a flag or action only where it differs from the server's default (a foreign key is
// `validated: false` when NOT VALID, else nothing), so that the snapshot stays short; a reader that
// compares two versions (the diff) needs the value itself, or ENABLE ROW LEVEL SECURITY would read
// as `null → {…}` and VALIDATE CONSTRAINT as `false → null`. Attributes whose default depends on
// something else (a sequence's bounds on its type, direction and server) are not listed: their
// absence stays null rather than a guessed value.

import type { Dialect, SchemaInfo } from './types.js';

/** Per canonical shape (model/canonical.ts), the attribute path (`row_security.enabled`, `options.method`) and its value when absent. */
const OMITTED: Record<string, Readonly<Record<string, unknown>>> = {
  // PostgreSQL records `local` only on an inheritance child's column or check that it declares as well as inherits.
  column: { auto_increment: false, hidden: false, 'options.local': false },
  // MySQL records a primary key's index method only when it is not BTREE, as an option (an index
  // always names its method); no other dialect records one.
  primary_key: { deferrable: false, initially_deferred: false, 'options.method': 'btree', 'options.invalid': false },
  // PostgreSQL leaves out NO ACTION, its default; the other dialects always name the action.
  foreign_key: { on_update: 'no action', on_delete: 'no action', deferrable: false, initially_deferred: false, validated: true },
  unique: { nulls_not_distinct: false, deferrable: false, initially_deferred: false, 'options.invalid': false },
  check: { no_inherit: false, validated: true, enforced: true, 'options.local': false },
  exclusion: { deferrable: false, initially_deferred: false, 'options.invalid': false },
  // PostgreSQL records `invalid` only on an index (or a key's) not yet usable: ALTER INDEX … ATTACH
  // PARTITION of the last partition's index makes a partitioned one valid, `true → false`. MySQL
  // records `invisible` only on an INVISIBLE (MariaDB: IGNORED) one.
  index: { nulls_not_distinct: false, 'options.invalid': false, 'options.invisible': false },
  // A PostgreSQL trigger records only ALTER TABLE's DISABLE, ENABLE REPLICA or ENABLE ALWAYS;
  // plain ENABLE is tgenabled 'O', firing in the origin (and local) session_replication_role.
  trigger: { enabled: 'origin' },
  // A table without row security has it neither enabled nor forced. PostgreSQL keeps a storage
  // parameter as the statement set it, its default too (SET (fillfactor = 100), then RESET): those
  // whose default is one value read as it when left out (as written: `on` is not `true`).
  table: {
    'row_security.enabled': false,
    'row_security.forced': false,
    'options.fillfactor': '100',
    'options.autovacuum_enabled': 'true',
    'options.vacuum_truncate': 'true',
    'options.user_catalog_table': 'false',
  },
  view: { 'options.security_barrier': 'false', 'options.security_invoker': 'false' },
  sequence: { cycle: false },
  // MariaDB records `aggregate` only on a CREATE AGGREGATE FUNCTION.
  routine: { 'options.aggregate': false },
};

const NONE: Readonly<Record<string, unknown>> = {};

/** The values that the attributes of `shape` take when the model leaves them out, by attribute path. */
export function omittedDefaults(shape: string): Readonly<Record<string, unknown>> {
  return OMITTED[shape] ?? NONE;
}

/**
 * A schema every database has and a snapshot records only while it holds something (PostgreSQL's
 * `public` with its default comment): gone from a snapshot, it may only have been emptied.
 */
export const UNRECORDED_WHEN_EMPTY: Partial<Record<Dialect, SchemaInfo>> = { postgres: { name: 'public', comment: 'standard public schema' } };
