// The few facts about dialects that the diff needs besides type rules (type-change.ts): kept as
// explicit tables so that no code downstream of the model switches on a dialect.
import type { Dialect } from '../model/types.js';

/** Dialects whose snapshots hold exactly one schema (the database itself, or SQLite's `main`). */
export const SINGLE_SCHEMA_DIALECTS: ReadonlySet<Dialect> = new Set(['mysql', 'sqlite']);

/** Dialects whose table and column names ignore case: `Users` and `users` are the same table. */
export const CASE_INSENSITIVE_DIALECTS: ReadonlySet<Dialect> = new Set(['sqlite']);
