// Catalog queries live as .sql files beside each dialect (one per object kind, runnable as-is in
// the database's own shell) and are read once when the dialect loads.
import { readFileSync } from 'node:fs';

export function loadQueries<K extends string>(moduleUrl: string, names: K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(new URL(`./sql/${name}.sql`, moduleUrl), 'utf8')])) as Record<K, string>;
}
