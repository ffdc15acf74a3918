// SQLite keeps the CREATE statements as they were written, and a table rebuilt by a migration
// tool (Alembic's batch mode, a copy-and-swap) comes back in the tool's own spelling. Two texts
// that differ only in spacing, comments, the case of A–Z outside string literals (and outside a
// double-quoted word, which SQLite reads as a string where it names no column; in a table's own
// expressions, where only its columns are in scope, such a word is read as its column or the
// literal, on each side against that side's columns), the quoting of a name (unless bare it would
// be a value, as `null` and `current_date` are), parentheses around the whole text or a whole WHERE
// condition, or the order of a trigger's UPDATE OF columns are the same SQL to SQLite (its names
// ignore case, quoted or not): the older side takes the newer one's spelling before the diff
// compares them, so that only real changes are reported.
import { foldName } from '../model/names.js';

/**
 * The keys of the model whose values are SQL text as the user wrote it; a column's declared type
 * and a virtual table's module name too (SQLite keeps the type as written, `varchar(10)` or
 * `DECIMAL(10, 5)`, and reads both without regard to case), and a key's parts, whose collation
 * SQLite reports as the statement spells it (`k COLLATE nocase`).
 */
const SQL_TEXT_KEYS = new Set(['default', 'expression', 'where', 'when', 'definition', 'collation', 'arguments', 'type', 'module', 'key_parts']);

const PLAIN_NAME = /^[a-z_][a-z0-9_$]*$/;

/** Words SQLite reads bare as a value, never a name (its NULL and CTIME_KW tokens): quoted, they name a column. */
const VALUE_KEYWORDS = new Set(['null', 'current_time', 'current_date', 'current_timestamp']);

/**
 * Words SQLite reads bare as a boolean where no column has the name. Quoted in brackets or
 * backticks they name a column or fail, so match the bare word; double-quoted, they are the
 * string 'true' where no column has the name.
 */
const BOOLEANS = new Set(['true', 'false']);

/** A name token whose case sqlTokens kept (a double-quoted word, maybe a string) folded, as where it can only be a name. */
function asName(token: string): string {
  if (!token.startsWith('"')) return token;
  const name = foldName(token.slice(1, -1).replace(/""/g, '"'));
  return PLAIN_NAME.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The text as tokens SQLite would read, with what does not matter to it taken out. */
export function sqlTokens(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  const quoted = (close: string, escapes: boolean): string => {
    let out = '';
    for (i++; i < text.length; i++) {
      if (text[i] === close) {
        if (escapes && text[i + 1] === close) {
          out += close;
          i++;
          continue;
        }
        i++;
        return out;
      }
      out += text[i];
    }
    return out;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) i++;
    else if (text.startsWith('--', i)) i = text.includes('\n', i) ? text.indexOf('\n', i) + 1 : text.length;
    else if (text.startsWith('/*', i)) i = text.includes('*/', i + 2) ? text.indexOf('*/', i + 2) + 2 : text.length;
    else if (ch === "'") tokens.push(`'${quoted("'", true).replace(/'/g, "''")}'`);
    else if (ch === '"' || ch === '`' || ch === '[') {
      const written = quoted(ch === '[' ? ']' : ch, ch !== '[');
      // SQLite folds A–Z only ("Ä" and "ä" are two columns), and reads a double-quoted word that
      // names no column as a string: "Active" and "active" may be two values, so it keeps its case;
      // one a dot qualifies, or that qualifies (`"NEW"."id"`), is a name all the same.
      const qualified = tokens[tokens.length - 1] === '.' || /^\s*\./.test(text.slice(i));
      const name = ch === '"' && !qualified && foldName(written) !== written ? undefined : foldName(written);
      // A name spelled as a value keyword stays quoted, `[null]` a column where `null` is NULL, unless
      // qualified, where the bare word is a name too (`new.current_date`).
      const keyword = name !== undefined && !qualified && (VALUE_KEYWORDS.has(name) || (ch === '"' && BOOLEANS.has(name)));
      tokens.push(name !== undefined && PLAIN_NAME.test(name) && !keyword ? name : `"${(name ?? written).replace(/"/g, '""')}"`);
    } else if (/[\p{L}\p{N}_$]/u.test(ch)) {
      const start = i;
      // A number keeps its decimal point (1.5); a name leaves the dot of a qualified name to its
      // own token, so that t.a reads as "t"."a" and t . a do.
      const part = /\p{N}/u.test(ch) ? /[\p{L}\p{N}_$.]/u : /[\p{L}\p{N}_$]/u;
      while (i < text.length && part.test(text[i]!)) i++;
      // A blob literal: X'ABCD', its digits in either case.
      if (/^x$/i.test(text.slice(start, i)) && text[i] === "'") tokens.push(`X'${quoted("'", true).toUpperCase()}'`);
      else tokens.push(foldName(text.slice(start, i)));
    } else {
      tokens.push(ch);
      i++;
    }
  }
  return tokens;
}

const TIMINGS = new Set(['before', 'after', 'instead']);
/** Words that can open the first statement of a trigger body. */
const BODY_STARTS = new Set(['select', 'insert', 'update', 'delete', 'replace', 'with', 'values']);
const EVENTS = new Set(['insert', 'update', 'delete']);

/**
 * A CREATE TRIGGER's tokens with its header's defaults spelled out, as SQLite reads it: BEFORE when
 * no timing is given, FOR EACH ROW left out (SQLite has row triggers only), the columns of UPDATE OF
 * in one order (the trigger fires when any of them is set), and the WHEN condition without
 * parentheses around all of it, as a predicate's (`WHEN (new.a > 0)`).
 */
function triggerHeader(tokens: string[]): string[] {
  let i = tokens.indexOf('trigger');
  if (i < 1 || i > 2 || tokens[0] !== 'create') return tokens;
  i++;
  if (tokens[i] === 'if' && tokens[i + 1] === 'not' && tokens[i + 2] === 'exists') i += 3;
  i += tokens[i + 1] === '.' ? 3 : 1;
  // The header names only (its trigger, table and UPDATE OF columns): a double-quoted word there is no string.
  const headerEnd = [tokens.indexOf('when', i), tokens.indexOf('begin', i)].filter((at) => at >= 0).reduce((a, b) => Math.min(a, b), tokens.length);
  const out = tokens.map((token, j) => (j < headerEnd ? asName(token) : token));
  if (!TIMINGS.has(out[i]!) && EVENTS.has(out[i]!)) out.splice(i, 0, 'before');
  const event = out[i] === 'instead' ? i + 2 : i + 1;
  if (out[event] === 'update' && out[event + 1] === 'of') {
    // Each column is one token (sqlTokens reads a quoted name as one), the list ends at ON.
    const end = out.indexOf('on', event + 2);
    const columns = out.slice(event + 2, end).filter((token) => token !== ',');
    if (end > 0 && columns.length * 2 - 1 === end - event - 2) out.splice(event + 2, end - event - 2, ...columns.sort().flatMap((c, k) => (k ? [',', c] : [c])));
  }
  const body = out.indexOf('begin', i);
  for (let j = i; j < body - 2; j++) {
    if (out[j] === 'for' && out[j + 1] === 'each' && out[j + 2] === 'row') {
      out.splice(j, 3);
      break;
    }
  }
  // The condition ends at the first BEGIN after it that opens a statement (a column may be called begin).
  // BEGIN looked for again: `body` counted FOR EACH ROW, taken out since.
  const when = out.indexOf('when', i);
  const end = out.findIndex((token, j) => j > when && token === 'begin' && BODY_STARTS.has(out[j + 1]!));
  if (when < 0 || when > out.indexOf('begin', i) || end < 0) return out;
  return [...out.slice(0, when + 1), ...unwrapped(out.slice(when + 1, end)), ...out.slice(end)];
}

/**
 * The tokens without parentheses that enclose all of them: `(a > 0)` and `a > 0` are one predicate,
 * default or index key to SQLite, and tools that rebuild a table write such parentheses or leave them
 * out (`WHERE (a > 0)`, `DEFAULT ((1 + 2))`). Parentheses inside the text are kept: which ones only
 * group is a question of operator precedence, and a pair that is not redundant changes the meaning.
 */
function unwrapped(tokens: string[]): string[] {
  let out = tokens;
  while (out[0] === '(' && closingParen(out) === out.length - 1) out = out.slice(1, -1);
  return out;
}

/** What may follow a WHERE or HAVING condition: the clause after it, or the end of its statement or subquery. */
const CONDITION_ENDS = new Set([')', ';', 'group', 'having', 'window', 'order', 'limit', 'union', 'intersect', 'except', 'returning']);

/**
 * The tokens with the parentheses around a whole WHERE or HAVING condition taken out, in a view's
 * query or a trigger's statements as in an index's predicate: `WHERE (a > 0)` is `WHERE a > 0`.
 * A pair that only opens the condition stays (`WHERE (a, b) IN …`, `WHERE (a) = 1`).
 */
function unwrappedConditions(tokens: string[]): string[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== 'where' && out[i] !== 'having') continue;
    while (out[i + 1] === '(') {
      const close = i + 1 + closingParen(out.slice(i + 1));
      if (close <= i + 1 || !(close + 1 === out.length || CONDITION_ENDS.has(out[close + 1]!))) break;
      out.splice(close, 1);
      out.splice(i + 1, 1);
    }
  }
  return out;
}

/** Whether one pair of parentheses encloses all of `text` (`(a > 0)`, not `(a) > (b)`). */
export function parenthesized(text: string): boolean {
  const tokens = sqlTokens(text);
  return tokens[0] === '(' && closingParen(tokens) === tokens.length - 1;
}

/** The index of the token that closes the parenthesis opening `tokens`. */
function closingParen(tokens: string[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '(') depth++;
    else if (tokens[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The words a column default may be that are values, not names. */
const DEFAULT_KEYWORDS = new Set([...VALUE_KEYWORDS, ...BOOLEANS]);

/** Digits as SQLite reads them, an underscore allowed between two of them (`1_000`, SQLite 3.46 on). */
const DIGITS = String.raw`\d+(?:_\d+)*`;
const HEX_DIGITS = String.raw`[0-9a-f]+(?:_[0-9a-f]+)*`;
const INTEGER = new RegExp(String.raw`^([+-]?)\s*(${DIGITS}|0x${HEX_DIGITS})$`, 'i');
const REAL = new RegExp(String.raw`^([+-]?)\s*((?:${DIGITS}\.(?:${DIGITS})?|\.${DIGITS}|${DIGITS})(?:e[+-]?${DIGITS})?)$`, 'i');
const [MIN_INT64, MAX_INT64] = [-(2n ** 63n), 2n ** 63n - 1n];

/** A real as compared: one spelling for each value. */
const realValue = (value: number) => value.toExponential();

/**
 * The value of a default that is a number, as SQLite stores it: `1`, `+1`, `(1)`, `0x1`, `1_0` (10)
 * and TRUE are the integer 1 (10); `1.0`, `1.`, `1e0` the real 1 (another value: its storage class
 * differs). A hex literal is the 64 bits it spells, in two's complement (`0xFFFFFFFFFFFFFFFF` is -1;
 * SQLite refuses one past 64 bits), and a decimal integer beyond 64 bits is a real. Written either
 * way, the default is the same.
 */
function numericValue(text: string): string | undefined {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && !/[()]/.test(t.slice(1, -1))) t = t.slice(1, -1).trim();
  const boolean = ({ true: '1', false: '0' } as Record<string, string>)[t.toLowerCase()];
  if (boolean !== undefined) return boolean;
  const integer = INTEGER.exec(t);
  if (integer) {
    const digits = integer[2]!.replace(/_/g, '');
    const magnitude = /^0x/i.test(digits) ? BigInt.asIntN(64, BigInt(digits)) : BigInt(digits);
    const value = integer[1] === '-' ? -magnitude : magnitude;
    return value < MIN_INT64 || value > MAX_INT64 ? realValue(Number(value)) : value.toString();
  }
  const real = REAL.exec(t);
  return real ? realValue(Number(`${real[1]}${real[2]!.replace(/_/g, '')}`)) : undefined;
}

/** A string literal saying `word`. */
const literal = (word: string) => `'${word.replace(/'/g, "''")}'`;

/**
 * A column default that is one name is a string to SQLite, spelled as written: `DEFAULT "Active"`,
 * `DEFAULT Active`, `[Active]` and 'Active' all store the text Active (and "active" another one),
 * so it is compared as that string literal, not as a name whose case and quotes do not matter.
 */
function defaultAsWritten(text: string): string {
  const number = numericValue(text);
  if (number !== undefined) return number;
  const trimmed = text.trim();
  const quoted = /^(?:"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\])$/.exec(trimmed);
  const word = quoted ? (quoted[1]?.replace(/""/g, '"') ?? quoted[2]?.replace(/``/g, '`') ?? quoted[3]!) : /^[\p{L}_][\p{L}\p{N}_$]*$/u.test(trimmed) && !DEFAULT_KEYWORDS.has(trimmed.toLowerCase()) ? trimmed : undefined;
  return word === undefined ? text : literal(word);
}

/** What a SQL text says to SQLite, as one string: equal for two spellings of the same thing. */
const sqlKey = (text: string, key: string | undefined) => triggerHeader(unwrapped(unwrappedConditions(sqlTokens(key === 'default' ? defaultAsWritten(text) : text)))).join(' ');

/** A table's own SQL texts: its checks', generated columns' and index keys' expressions, and its partial indexes' predicates. */
const TABLE_EXPRESSION_KEYS = new Set(['expression', 'where']);

/**
 * A table's own expression with each double-quoted word that may be a column or a string (not a
 * qualifier, a qualified name, a function or a collation named in quotes) replaced by what `read`
 * makes of it, given the word and its folded name; left as it is where `read` gives undefined.
 */
function quotedWordsRead(text: string, read: (word: string, name: string) => string | undefined): string {
  return text.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\/|`(?:[^`]|``)*`|\[[^\]]*\]|"((?:[^"]|"")*)"/g, (token, quoted: string | undefined, at: number) => {
    if (quoted === undefined) return token;
    const named = /\.\s*$/.test(text.slice(0, at)) || /^\s*[.(]/.test(text.slice(at + token.length)) || /\bcollate\s*$/i.test(text.slice(0, at));
    const word = quoted.replace(/""/g, '"');
    return named ? token : (read(word, foldName(word)) ?? token);
  });
}

/**
 * A table's own expression with each double-quoted word read as SQLite reads it there: the name of
 * one of its columns (folded, in backticks, which SQLite never reads as a string), else a string
 * literal. ALTER TABLE … RENAME COLUMN and DROP COLUMN rewrite every such string in the schema as
 * 'Active', and a column may be spelled "QTY" for qty; neither is a change. Only the table's
 * columns are in scope there, so the word's meaning is known.
 */
const quotedWordsResolved = (text: string, columns: ReadonlySet<string>) =>
  quotedWordsRead(text, (word, name) => (columns.has(name) ? `\`${name.replace(/`/g, '``')}\`` : literal(word)));

/** A text as compared: a table's own expression with its quoted words read (see quotedWordsResolved). */
const resolvedIn = (text: string, key: string, columns: ReadonlySet<string> | undefined) => (columns && TABLE_EXPRESSION_KEYS.has(key) ? quotedWordsResolved(text, columns) : text);

const sameSql = (a: string, b: string, key: string, columns?: ReadonlySet<string>) => sqlKey(resolvedIn(a, key, columns), key) === sqlKey(resolvedIn(b, key, columns), key);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a CHECK is written on its column or on the table is spelling too: SQLite checks both
 * alike (a column's may name other columns), and a rebuild (Alembic's batch mode) writes every
 * check on the table. The check's `column` says where it was written.
 */
const WRITTEN_WHERE = (key: string | undefined) => (key === 'checks' ? 'column' : undefined);

/** A trigger's UPDATE OF columns, in the order written: SQLite fires it when any of them is set. */
const UNORDERED = (key: string | undefined) => (key === 'triggers' ? 'columns' : undefined);

/** Whether two lists of names hold the same names (compared as SQLite compares them), in any order. */
function sameNames(a: unknown, b: unknown): boolean {
  const sorted = (list: unknown) => (Array.isArray(list) && list.every((name) => typeof name === 'string') ? list.map(foldName).sort().join('\u0000') : undefined);
  return sorted(a) !== undefined && sorted(a) === sorted(b);
}

/** A list's member as matched across the two sides: by name where it has one, else by its SQL text. */
function memberKey(member: unknown, listKey: string | undefined, columns: ReadonlySet<string> | undefined): string {
  if (isRecord(member) && typeof member.name === 'string') return `name:${member.name.toLowerCase()}`;
  const where = WRITTEN_WHERE(listKey);
  const said = where && isRecord(member) ? { ...member, [where]: undefined } : member;
  return `content:${JSON.stringify(said, (key, value: unknown) => (SQL_TEXT_KEYS.has(key) && typeof value === 'string' ? sqlKey(resolvedIn(value, key, columns), key) : value))}`;
}

/** The folded names of a table's columns. */
const columnNames = (table: Record<string, unknown>) => new Set(Array.isArray(table.columns) ? table.columns.flatMap((c: unknown) => (isRecord(c) && typeof c.name === 'string' ? [foldName(c.name)] : [])) : []);

/**
 * The columns of a table on either side: what a double-quoted word in its own expressions may name.
 * Both sides' serve: ownReadings wrote each word naming a column on one side only as a literal on
 * the other, so each left names a column on both sides or on neither.
 */
function tableColumns(from: Record<string, unknown>, to: Record<string, unknown>): Set<string> | undefined {
  if (from.kind !== 'table' || to.kind !== 'table') return undefined;
  return new Set([...columnNames(from), ...columnNames(to)]);
}

/** `value` with `rewrite` applied to each of a table's own expressions in it (not its triggers', which may name any table's columns). */
function inTableExpressions(value: unknown, rewrite: (text: string) => string, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && TABLE_EXPRESSION_KEYS.has(key) ? rewrite(value) : value;
  if (Array.isArray(value)) return value.map((member: unknown) => inTableExpressions(member, rewrite, key));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, member]) => [k, k === 'triggers' ? member : inTableExpressions(member, rewrite, k)]));
  return value;
}

/**
 * Both sides of a table with each double-quoted word of its own expressions that names a column on
 * one side only written, on the side where it names none, as the string literal SQLite reads it as
 * there. Its meaning changed where its text need not have: `WHERE kind = "vip"` compares with 'vip'
 * until a column vip is added, and with that column after, so the diff shows `kind = 'vip'` before.
 */
function ownReadings<T>(from: T, to: T): [T, T] {
  if (!isRecord(from) || !isRecord(to) || from.kind !== 'table' || to.kind !== 'table') return [from, to];
  const [fromColumns, toColumns] = [columnNames(from), columnNames(to)];
  // The same columns on both sides (most tables): no word reads otherwise, and the sides stay as they are.
  if (fromColumns.size === toColumns.size && [...fromColumns].every((name) => toColumns.has(name))) return [from, to];
  const read = (own: Set<string>, other: Set<string>) => (text: string) => quotedWordsRead(text, (word, name) => (!own.has(name) && other.has(name) ? literal(word) : undefined));
  return [inTableExpressions(from, read(fromColumns, toColumns)) as T, inTableExpressions(to, read(toColumns, fromColumns)) as T];
}

/** `from` with each SQL text that means what `to`'s does spelled as `to` spells it; `columns`, within a table, are its columns'. */
function respellSql<T>(from: T, to: unknown, key?: string, columns?: ReadonlySet<string>): T {
  if (typeof from === 'string') return (key !== undefined && SQL_TEXT_KEYS.has(key) && typeof to === 'string' && from !== to && sameSql(from, to, key, columns) ? to : from) as T;
  if (Array.isArray(from)) {
    if (!Array.isArray(to)) return from;
    const counterparts = new Map(to.map((member: unknown) => [memberKey(member, key, columns), member]));
    return from.map((member: unknown, i) => (typeof member === 'string' ? respellSql(member, to[i], key, columns) : respellSql(member, counterparts.get(memberKey(member, key, columns)), key, columns))) as T;
  }
  if (isRecord(from) && isRecord(to)) {
    const inTable = columns ?? tableColumns(from, to);
    const out = Object.fromEntries(Object.entries(from).map(([k, value]) => [k, respellSql(value, to[k], k, k === 'triggers' ? undefined : inTable)]));
    // `key` is the list a member is in: a check written elsewhere takes `to`'s place with its spelling.
    const where = WRITTEN_WHERE(key);
    if (where) {
      delete out[where];
      if (to[where] !== undefined) out[where] = to[where];
    }
    const unordered = UNORDERED(key);
    if (unordered && sameNames(from[unordered], to[unordered])) out[unordered] = to[unordered];
    return out as T;
  }
  return from;
}

/**
 * The two sides of an object as the diff compares them: each side's double-quoted words read as
 * on that side (ownReadings), and `from`'s SQL texts that mean what `to`'s do spelled as `to`'s.
 */
export function spelledAlike<T>(from: T, to: T): [T, T] {
  const [ownFrom, ownTo] = ownReadings(from, to);
  return [respellSql(ownFrom, ownTo), ownTo];
}
