// Catalog queries live as .sql files beside each dialect (one per object kind, runnable as-is in
// the database's own shell) and are read once when the dialect loads.
import { readFileSync } from 'node:fs';
import { compiledFile } from '../util/package-files.js';

/** The queries `names` of a dialect (`mysql8/tables` is in a subdirectory of its sql/). */
export function loadQueries<K extends string>(dialect: 'postgres' | 'mysql' | 'sqlite', names: K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(compiledFile('dialects', dialect, 'sql', `${name}.sql`), 'utf8')])) as Record<K, string>;
}
