// MariaDB appends a system-versioned table's ROW END column to each of its unique keys, so that a
// row's old versions never collide with it: `PRIMARY KEY (id)` reads `(id, row_end)` once the table
// is versioned. The catalog lists that column only where the table declares it (`re TIMESTAMP(6)
// GENERATED ALWAYS AS ROW END`), and then SHOW CREATE TABLE cannot tell it from one written into
// the key. Among current rows (ROW END at its maximum) the key still holds on what it held before,
// so the diff compares keys without it: `ADD SYSTEM VERSIONING` is that option's change and its
// columns', not a primary key and each unique index made breaking.
import { keyColumn } from '../model/part-label.js';
import type { IndexKey, Table } from '../model/types.js';

const rowEndColumn = (table: Table): string | undefined =>
  table.options?.system_versioned === true ? table.columns.find((c) => c.generated?.expression === 'ROW END')?.name : undefined;

/** The key's columns without a last one that is the ROW END column, which a key of it alone keeps. */
function withoutLast<T extends IndexKey>(columns: T[], rowEnd: string): T[] {
  return columns.length > 1 && keyColumn(columns[columns.length - 1]!) === rowEnd ? columns.slice(0, -1) : columns;
}

/** The table with its unique keys as written before MariaDB appended the ROW END column. */
export function withoutAppendedRowEnd(table: Table): Table {
  const rowEnd = rowEndColumn(table);
  if (rowEnd === undefined) return table;
  const out = { ...table };
  if (out.primary_key) out.primary_key = { ...out.primary_key, columns: withoutLast(out.primary_key.columns, rowEnd) };
  if (out.indexes) out.indexes = out.indexes.map((index) => (index.unique ? { ...index, columns: withoutLast(index.columns, rowEnd) } : index));
  return out;
}
