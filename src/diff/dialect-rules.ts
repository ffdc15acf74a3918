// The few facts about dialects that the diff needs besides type rules (type-change.ts): kept as
// explicit tables so that no code downstream of the model switches on a dialect.
import { foldName } from '../model/names.js';
import type { Dialect } from '../model/types.js';

/** Dialects whose snapshots hold exactly one schema (the database itself, or SQLite's `main`). */
export const SINGLE_SCHEMA_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql', 'sqlite']);

/** Dialects whose table and column names ignore case: `Users` and `users` are the same table. */
export const CASE_INSENSITIVE_DIALECTS: ReadonlySet<Dialect> = new Set(['sqlite']);

/**
 * Dialects whose names within a table (columns, indexes, keys) ignore case: SQLite's, as all its
 * names do, and MySQL's on every platform, where table names follow the file system's case.
 */
export const CASE_INSENSITIVE_COLUMN_DIALECTS: ReadonlySet<Dialect> = new Set(['sqlite', 'mysql']);

/** Kinds of object whose names ignore case where the dialect's table names need not: MySQL's routines and events, as on every platform. */
const CASE_INSENSITIVE_KINDS: Partial<Record<Dialect, ReadonlySet<string>>> = { mysql: new Set(['routine', 'event']) };

/** Whether two names of an object of this kind that differ only in case are one name to the dialect. */
export function ignoresCase(dialect: Dialect, kind: string): boolean {
  return CASE_INSENSITIVE_DIALECTS.has(dialect) || CASE_INSENSITIVE_KINDS[dialect]?.has(kind) === true;
}

/** A name as the dialect compares it: a foreign key may spell its target `Parent(Code)` where SQLite created `parent(code)`. */
export function nameKeyOf(dialect: Dialect): (name: string) => string {
  return CASE_INSENSITIVE_DIALECTS.has(dialect) ? foldName : (name) => name;
}

/** A column's name as the dialect compares it: MySQL's `Email` is the `email` a query names. */
export function columnKeyOf(dialect: Dialect): (name: string) => string {
  return CASE_INSENSITIVE_COLUMN_DIALECTS.has(dialect) ? foldName : (name) => name;
}

/** What a table or type is found by, schema and name as the dialect compares them: two spellings of one name have the same key. */
export function qualifiedKeyOf(dialect: Dialect): (schema: string, name: string) => string {
  const key = nameKeyOf(dialect);
  return (schema, name) => `${key(schema)}\u0000${key(name)}`;
}

/**
 * Dialects whose text columns record charset and collation only where they differ from their
 * table's (MySQL/MariaDB): the diff compares the columns' effective values, so that a new table
 * default is not a change of every column that kept its own, and a conversion of the columns is.
 */
export const TABLE_CHARSET_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql']);

/**
 * Dialects that keep SQL text (defaults, checks, index expressions, view and trigger statements)
 * as the user wrote it rather than as the server renders it (SQLite): spacing, comments, case, the
 * quoting of names and parentheses around a whole text are no change there (sql-spelling.ts).
 */
export const WRITTEN_SQL_DIALECTS: ReadonlySet<Dialect> = new Set(['sqlite']);

/**
 * Dialects whose routines cannot be overloaded (MySQL/MariaDB): a function or procedure is its
 * name, so one whose argument types changed is the same routine, modified, not another one.
 */
export const ROUTINES_BY_NAME_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql']);

/**
 * Dialects whose earlier snapshots left out of a routine's text types the charset and collation
 * they took from the database's defaults (MySQL/MariaDB): the diff reads such a type with the
 * defaults its snapshot's schema records (routine-charset.ts).
 */
export const ROUTINE_CHARSET_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql']);

/**
 * Dialects that keep some sets in the order they were written (PostgreSQL: storage parameters, SET
 * clauses, UPDATE OF columns, FDW options; MySQL: a LIST partition's values; model/set-order.ts):
 * snapshots recorded before those were sorted, and all of MySQL's, hold the written order, so the
 * diff sorts both sides.
 */
export const WRITTEN_ORDER_SET_DIALECTS: ReadonlySet<Dialect> = new Set(['postgres', 'mysql']);

/**
 * Dialects whose system-versioned tables carry their ROW END column at the end of each unique key
 * (MariaDB): the diff compares the keys without it (row-end-keys.ts).
 */
export const ROW_END_KEY_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql']);

/**
 * Dialects whose string literals take backslash escapes (MySQL, outside NO_BACKSLASH_ESCAPES):
 * `'it\'s'` is one literal there, while PostgreSQL's standard strings and SQLite's end `'x\'` at
 * its second quote.
 */
export const BACKSLASH_ESCAPE_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql']);

/**
 * Dialects whose column types and defaults name user types and sequences as the server deparses
 * them (PostgreSQL: `mood`, `'new'::mood`, `nextval('orders_id_seq'::regclass)`), following the
 * object itself: renamed, it is renamed in them (renamed-references.ts).
 */
export const DEPARSED_REFERENCE_DIALECTS: ReadonlySet<Dialect> = new Set(['postgres']);

/**
 * Dialects where only INITIALLY DEFERRED defers a foreign key (SQLite): DEFERRABLE alone, or with
 * INITIALLY IMMEDIATE, is checked at each statement as a key without it, and no statement defers
 * it later (there is no SET CONSTRAINTS). The diff compares a key's deferral alone, so that one
 * respelled among those forms is no change, and one no longer deferred is one change, not two.
 */
export const INITIALLY_DEFERRED_ONLY_DIALECTS: ReadonlySet<Dialect> = new Set(['sqlite']);

/** Dialects that keep routine bodies as written (PostgreSQL's sql and plpgsql, MySQL's routines, triggers and events): relaid, they are the same. */
const WRITTEN_BODY_DIALECTS: ReadonlySet<Dialect> = new Set(['postgres', 'mysql']);

/** The diff's options that follow from the dialect. */
export function dialectDiffOptions(dialect: Dialect): {
  caseInsensitive: boolean;
  caseInsensitiveKinds: ReadonlySet<string>;
  caseInsensitiveColumns: boolean;
  tableCharset: boolean;
  backslashEscapes: boolean;
  writtenSql: boolean;
  writtenBodies: Dialect | undefined;
  routinesByName: boolean;
  routineCharset: boolean;
  writtenOrderSets: Dialect | undefined;
  rowEndKeys: boolean;
  deparsedReferences: boolean;
  initiallyDeferredOnly: boolean;
  sequenceBounds: Dialect;
} {
  return {
    caseInsensitive: CASE_INSENSITIVE_DIALECTS.has(dialect),
    caseInsensitiveKinds: CASE_INSENSITIVE_KINDS[dialect] ?? new Set(),
    caseInsensitiveColumns: CASE_INSENSITIVE_COLUMN_DIALECTS.has(dialect),
    tableCharset: TABLE_CHARSET_DIALECTS.has(dialect),
    backslashEscapes: BACKSLASH_ESCAPE_DIALECTS.has(dialect),
    writtenSql: WRITTEN_SQL_DIALECTS.has(dialect),
    writtenBodies: WRITTEN_BODY_DIALECTS.has(dialect) ? dialect : undefined,
    routinesByName: ROUTINES_BY_NAME_DIALECTS.has(dialect),
    routineCharset: ROUTINE_CHARSET_DIALECTS.has(dialect),
    writtenOrderSets: WRITTEN_ORDER_SET_DIALECTS.has(dialect) ? dialect : undefined,
    rowEndKeys: ROW_END_KEY_DIALECTS.has(dialect),
    deparsedReferences: DEPARSED_REFERENCE_DIALECTS.has(dialect),
    initiallyDeferredOnly: INITIALLY_DEFERRED_ONLY_DIALECTS.has(dialect),
    sequenceBounds: dialect,
  };
}
