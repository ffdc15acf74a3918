// Identifiers written as DDL (a lint hint's statement, a diff's definition): bare where the dialect
// reads them back as they are, quoted otherwise (upper case on PostgreSQL, reserved words, spaces).
import type { Dialect } from './types.js';
import { DIALECT_KEYWORDS } from '../rules/data/dialect-keywords.js';

const RESERVED = Object.fromEntries(Object.entries(DIALECT_KEYWORDS).map(([dialect, words]) => [dialect, new Set(words.reserved)])) as Record<Dialect, Set<string>>;
/** PostgreSQL folds bare names to lower case; MySQL and SQLite keep their case. */
const BARE: Record<Dialect, RegExp> = { postgres: /^[a-z_][a-z0-9_$]*$/, mysql: /^[A-Za-z_][A-Za-z0-9_$]*$/, sqlite: /^[A-Za-z_][A-Za-z0-9_]*$/ };

/** Whether the server refuses `name` unquoted as a table or column name. */
export const isReserved = (name: string, dialect: Dialect): boolean => RESERVED[dialect].has(name.toLowerCase());

export function sqlName(name: string, dialect: Dialect): string {
  if (BARE[dialect].test(name) && !isReserved(name, dialect)) return name;
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}
