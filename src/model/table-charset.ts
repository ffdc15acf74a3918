// MySQL and MariaDB record a text column's charset and collation only where they differ from its
// table's: what a column compares by is its own, else its table's.

/** MySQL types that hold text in a character set (JSON is MariaDB's longtext). */
export const TEXT_TYPE = /^(?:(?:var)?char\(|(?:tiny|medium|long)?text\b|enum\(|set\()/i;

type TableCharset = { options?: { charset?: unknown; collation?: unknown } };
type TextColumn = { charset?: string; collation?: string };

/** A text column with the charset and collation it takes from its table made explicit. */
export function takenFromTable<C extends object>(column: C, table: object): C {
  const { charset, collation } = (table as TableCharset).options ?? {};
  const own = column as C & TextColumn;
  return { ...own, ...(typeof charset === 'string' ? { charset: own.charset ?? charset } : {}), ...(typeof collation === 'string' ? { collation: own.collation ?? collation } : {}) };
}
