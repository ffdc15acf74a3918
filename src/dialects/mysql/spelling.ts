// MariaDB and MySQL describe the same column differently in information_schema.COLUMNS:
//   MariaDB (10.2.7+): COLUMN_DEFAULT is SQL text — 'abc' quoted, 0 bare, NULL as the text NULL,
//                      current_timestamp(); EXTRA 'on update current_timestamp()'.
//   MySQL 8:           COLUMN_DEFAULT is the bare value — abc, 0, SQL NULL; an expression default
//                      is flagged DEFAULT_GENERATED in EXTRA; CURRENT_TIMESTAMP in capitals.
// Both are brought to MariaDB's spelling (SQL text, current_timestamp(N) in lower case) so the
// YAML means the same on either server. Expression defaults other than the timestamp functions
// stay as each server renders them.
import type { Flavor } from './server.js';

const NUMERIC_TYPES = new Set([
  'tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'decimal', 'numeric', 'float', 'double', 'real', 'year', 'bit', 'bool', 'boolean',
]);

/** `CURRENT_TIMESTAMP`, `current_timestamp()`, `CURRENT_TIMESTAMP(3)`, `now()` → `current_timestamp()` / `current_timestamp(3)`. */
export function timestampFunction(text: string): string | undefined {
  const match = /^(?:current_timestamp|now|localtimestamp|localtime)(?:\((\d*)\))?$/i.exec(text.trim());
  return match ? `current_timestamp(${match[1] ?? ''})` : undefined;
}

/** A string literal as MariaDB writes it in COLUMN_DEFAULT: quotes doubled, backslashes escaped. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export interface ColumnExtra {
  autoIncrement: boolean;
  onUpdate?: string;
  generated?: 'virtual' | 'stored';
  invisible: boolean;
  /** MySQL: the default is an expression, not a literal. */
  defaultIsExpression: boolean;
  /** Anything else EXTRA says (MariaDB system versioning: ROW START / ROW END), kept verbatim. */
  rest?: string;
}

const EXTRA_PARTS: [RegExp, (extra: ColumnExtra, match: RegExpExecArray) => void][] = [
  [/\bauto_increment\b/i, (x) => (x.autoIncrement = true)],
  [/\bon update (\S+)/i, (x, m) => (x.onUpdate = timestampFunction(m[1]!) ?? m[1]!)],
  [/\b(?:virtual|stored|persistent) generated\b/i, (x, m) => (x.generated = /^virtual/i.test(m[0]) ? 'virtual' : 'stored')],
  [/\bINVISIBLE\b/i, (x) => (x.invisible = true)],
  [/\bDEFAULT_GENERATED\b/i, (x) => (x.defaultIsExpression = true)],
];

export function parseExtra(text: string | null): ColumnExtra {
  const extra: ColumnExtra = { autoIncrement: false, invisible: false, defaultIsExpression: false };
  let rest = text ?? '';
  for (const [pattern, apply] of EXTRA_PARTS) {
    const match = pattern.exec(rest);
    if (!match) continue;
    apply(extra, match);
    rest = rest.replace(match[0], ' ');
  }
  rest = rest.replace(/[\s,]+/g, ' ').trim();
  if (rest) extra.rest = rest;
  return extra;
}

/** The column default in MariaDB's spelling, or undefined for none (NULL is the implied default). */
export function columnDefault(value: string | null, dataType: string, extra: ColumnExtra, flavor: Flavor): string | undefined {
  if (value === null || extra.generated) return undefined;
  if (flavor === 'mariadb') return value === 'NULL' ? undefined : timestampFunction(value) ?? value;
  if (extra.defaultIsExpression) return timestampFunction(value) ?? value;
  return NUMERIC_TYPES.has(dataType.toLowerCase()) ? value : quoteLiteral(value);
}
