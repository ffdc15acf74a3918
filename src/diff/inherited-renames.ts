// PostgreSQL renames a column of a partitioned or inheritance parent on every partition and child
// too (renaming an inherited column on a child alone is refused): a configured rename of the
// parent's column is one of each descendant's, though the configuration names only the parent's.
import type { SchemaObject, Table } from '../model/types.js';
import { copyRenames, renamedPath, type RenameMap } from './settings.js';

const label = (table: Table) => `${table.schema}.${table.name}`;
const parentsOf = (table: Table) => [...(table.partition_of ? [table.partition_of] : []), ...(table.inherits ?? [])].map((q) => `${q.schema}.${q.table}`);
const lastDot = (path: string) => path.lastIndexOf('.');

/** The new name of `table`'s column by a configured rename of the same column of one of its parents, if any. */
function inheritedName(from: Table, to: Table, column: string, renames: RenameMap): string | undefined {
  const toParents = new Set(parentsOf(to));
  const toColumns = new Set(to.columns.map((c) => c.name));
  const inherited = (path: string) => toParents.has(path.slice(0, lastDot(path))) && toColumns.has(path.slice(lastDot(path) + 1));
  for (const parent of parentsOf(from)) {
    const target = renamedPath(renames, `${parent}.${column}`, inherited);
    if (target !== undefined) return target.slice(lastDot(target) + 1);
  }
  return undefined;
}

/** The configured renames with those the descendants' columns take from their parents', down any depth (a subpartition's from its partition's). */
export function withInheritedRenames(versions: { from: SchemaObject; to: SchemaObject }[], renames: RenameMap): RenameMap {
  if (renames.size === 0) return renames;
  const tables = versions.filter((v): v is { from: Table; to: Table } => v.from.kind === 'table' && v.to.kind === 'table' && parentsOf(v.from).length > 0);
  const all = copyRenames(renames);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, to } of tables) {
      for (const column of from.columns) {
        const key = `${label(from)}.${column.name}`;
        const name = all.has(key) ? undefined : inheritedName(from, to, column.name, all);
        if (name === undefined || name === column.name) continue;
        all.set(key, `${label(to)}.${name}`);
        grew = true;
      }
    }
  }
  return all;
}
