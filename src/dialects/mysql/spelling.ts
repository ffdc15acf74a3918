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

/** One option of a table's CREATE_OPTIONS: `partitioned` has no value. */
export interface CreateOption {
  name: string;
  value?: string;
  /** Written with its name in backquotes: defined by the engine (or let in by IGNORE_BAD_TABLE_OPTIONS), not by the server. */
  engineDefined: boolean;
}

/**
 * CREATE_OPTIONS writes the server's own options bare (`row_format=COMPRESSED key_block_size=8`,
 * `partitioned`) and an engine's options as SHOW CREATE TABLE does: the name in backquotes as the
 * user wrote it, the value as an SQL string (`` `PAGE_COMPRESSED`='1' ``, quotes doubled and
 * backslashes escaped, so a value may hold spaces, quotes and `=`). Last come the two options
 * whose name is two words, `DATA DIRECTORY='/path/'` and `INDEX DIRECTORY=…`. MySQL 8 writes some
 * values in double quotes (`COMPRESSION="zlib"`). Every character is consumed, so no text can
 * stop the split.
 */
const CREATE_OPTION = /\s*(?:`((?:[^`]|``)+)`|((?:DATA|INDEX) DIRECTORY(?==)|[^\s=]+|=))(?:=('(?:[^'\\]|''|\\[^])*'|"(?:[^"\\]|""|\\[^])*"|\S*))?/iy;
const ESCAPES: Record<string, string> = { '0': '\0', n: '\n', r: '\r', t: '\t', b: '\b', Z: '\x1a' };

/** An SQL string literal's value: `'it''s'` → `it's`, `'a\\nb'` → a, newline, b. */
function unquote(literal: string): string {
  const quote = literal[0]!;
  if (literal.length < 2 || (quote !== "'" && quote !== '"') || !literal.endsWith(quote)) return literal;
  return literal.slice(1, -1).replace(new RegExp(`\\\\([^])|${quote}${quote}`, 'g'), (_, escaped: string | undefined) => (escaped === undefined ? quote : ESCAPES[escaped] ?? escaped));
}

export function parseCreateOptions(text: string | null): CreateOption[] {
  const options: CreateOption[] = [];
  const pattern = new RegExp(CREATE_OPTION);
  const source = (text ?? '').trimEnd();
  while (pattern.lastIndex < source.length) {
    const match = pattern.exec(source);
    if (!match) break;
    const [, quoted, bare, value] = match;
    const option: CreateOption = { name: quoted !== undefined ? quoted.replace(/``/g, '`') : bare!, engineDefined: quoted !== undefined };
    if (value !== undefined) option.value = unquote(value);
    options.push(option);
  }
  return options;
}

/** Whether CREATE_OPTIONS marks the table partitioned (its bare `partitioned`; an engine option's value may say the word too). */
export function isPartitioned(text: string | null): boolean {
  return parseCreateOptions(text).some((o) => !o.engineDefined && o.name === 'partitioned' && o.value === undefined);
}
