// References inside a snapshot that point at nothing: a key or index naming a column its table
// lacks, a foreign key to a table (of a schema the snapshot holds) that is not there, a table with
// no columns. A database cannot be in such a state (bar a foreign key created with the checks off),
// so they are the mark of a catalog read that saw two states at once.
import type { IndexKey, Snapshot, Table } from './types.js';

function keyColumn(key: IndexKey): string | undefined {
  return typeof key === 'string' ? key : key.column;
}

function tableProblems(table: Table, tables: Map<string, Table>, schemas: Set<string>): string[] {
  const label = `${table.schema}.${table.name}`;
  if (table.columns.length === 0) return [`${label} has no columns`];
  const columns = new Set(table.columns.map((c) => c.name));
  const problems: string[] = [];
  const named = [
    ...(table.primary_key ? [{ what: 'primary key', columns: table.primary_key.columns }] : []),
    ...(table.indexes ?? []).map((i) => ({ what: `index ${i.name}`, columns: i.columns.map(keyColumn).filter((c): c is string => c !== undefined) })),
    ...(table.unique_constraints ?? []).map((u) => ({ what: `unique constraint ${u.name ?? ''}`, columns: u.columns })),
    ...(table.foreign_keys ?? []).map((f) => ({ what: `foreign key ${f.name ?? ''}`, columns: f.columns })),
  ];
  for (const { what, columns: used } of named) {
    const missing = used.find((c) => !columns.has(c));
    if (missing !== undefined) problems.push(`${label}: ${what} names column ${missing}, which the table lacks`);
  }
  for (const fk of table.foreign_keys ?? []) {
    const { schema, table: name, columns: referenced } = fk.references;
    if (!schemas.has(schema)) continue;
    const target = tables.get(`${schema}\u0000${name}`);
    const targetColumns = new Set(target?.columns.map((c) => c.name));
    const missing = referenced?.find((c) => !targetColumns.has(c));
    if (!target) problems.push(`${label}: foreign key ${fk.name ?? ''} references ${schema}.${name}, which is missing`);
    else if (missing !== undefined) problems.push(`${label}: foreign key ${fk.name ?? ''} references column ${missing}, which ${schema}.${name} lacks`);
  }
  return problems;
}

/** What in the snapshot refers to something it does not hold; empty when it is whole. */
export function danglingReferences(snapshot: Snapshot): string[] {
  const tables = new Map<string, Table>();
  for (const object of snapshot.objects) if (object.kind === 'table') tables.set(`${object.schema}\u0000${object.name}`, object);
  const schemas = new Set(snapshot.schemas.map((s) => s.name));
  return [...tables.values()].flatMap((table) => tableProblems(table, tables, schemas));
}
