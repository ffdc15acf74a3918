/**
 * Tokenizer, and a cursor over its tokens, for the CREATE statements SQLite
 * keeps in `sqlite_schema.sql`.
 *
 * It follows SQLite's own lexical rules (tokenize.c) closely enough that every
 * statement SQLite accepted splits into the same tokens, but it only classifies
 * what the DDL parser needs: operators are left as single-character `punct`
 * tokens because expressions are only ever returned as source text.
 */

export type TokenKind =
  | 'word' //     bare identifier or keyword
  | 'quoted' //   "ident", `ident` or [ident]
  | 'string' //   'literal' (SQLite also accepts it as an identifier)
  | 'number'
  | 'blob' //     X'ABCD'
  | 'punct';

export interface Token {
  kind: TokenKind;
  /** Source spelling. */
  text: string;
  /** Unquoted, unescaped value for `quoted` and `string`; otherwise `text`. */
  value: string;
  /** A `word` in upper case, as keywords compare (the parser asks each word many times). */
  keyword?: string;
  start: number;
  end: number;
}

export class DdlParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'DdlParseError';
  }
}

/** Characters that open a quoted token, as sqlite3Isquote() sees them. */
export const QUOTE_CHARS = `"'\`[`;

/**
 * sqlite3Dequote(): when the text starts with a quote character, keep what is
 * inside the first quoted run (collapsing doubled closing quotes) and drop the
 * rest. Used both for single tokens and for multi-token declared types.
 */
export function dequote(text: string): string {
  const open = text[0];
  if (open === undefined || !QUOTE_CHARS.includes(open)) return text;
  const close = open === '[' ? ']' : open;
  let out = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== close) out += text[i];
    else if (text[i + 1] === close) out += text[i++];
    else break;
  }
  return out;
}

// Classified by code unit, not by regular expression: a 1,000-table schema is ~400,000 characters.
// SQLite's whitespace: no \v, and no Unicode spaces (a non-breaking space is an identifier character).
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\f' || ch === '\r';
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isHexDigit = (ch: string | undefined): boolean => isDigit(ch) || (ch !== undefined && ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')));
// Every non-ASCII code unit counts as an identifier character, as in SQLite.
const isIdStart = (ch: string | undefined): boolean =>
  ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_' || ch.charCodeAt(0) >= 0x80);
const isIdChar = (ch: string | undefined): boolean => isIdStart(ch) || isDigit(ch) || ch === '$';

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < sql.length) {
    const end = skipTrivia(sql, pos);
    if (end > pos) {
      pos = end;
      continue;
    }
    const token = readToken(sql, pos);
    tokens.push(token);
    pos = token.end;
  }
  return tokens;
}

/** Returns the offset after any whitespace or comment starting at `pos`. */
function skipTrivia(sql: string, pos: number): number {
  if (isSpace(sql[pos]!)) {
    let end = pos + 1;
    while (end < sql.length && isSpace(sql[end]!)) end++;
    return end;
  }
  if (sql.startsWith('--', pos)) {
    const eol = sql.indexOf('\n', pos);
    return eol < 0 ? sql.length : eol + 1;
  }
  if (sql.startsWith('/*', pos)) {
    // An unterminated block comment simply runs to the end, as SQLite allows.
    const close = sql.indexOf('*/', pos + 2);
    return close < 0 ? sql.length : close + 2;
  }
  return pos;
}

function readToken(sql: string, start: number): Token {
  const ch = sql[start]!;
  const make = (kind: TokenKind, end: number, value?: string): Token => {
    const text = sql.slice(start, end);
    return { kind, text, value: value ?? text, start, end };
  };
  if ((ch === 'x' || ch === 'X') && sql[start + 1] === "'") {
    return make('blob', closingQuote(sql, start + 1, "'") + 1);
  }
  if (QUOTE_CHARS.includes(ch)) {
    const end = closingQuote(sql, start, ch === '[' ? ']' : ch) + 1;
    return make(ch === "'" ? 'string' : 'quoted', end, dequote(sql.slice(start, end)));
  }
  if (isIdStart(ch)) {
    let end = start + 1;
    while (isIdChar(sql[end])) end++;
    const word = make('word', end);
    word.keyword = word.text.toUpperCase();
    return word;
  }
  if (isDigit(ch) || (ch === '.' && isDigit(sql[start + 1]))) {
    return make('number', numberEnd(sql, start));
  }
  return make('punct', start + 1);
}

/** Offset of the quote that closes the run opened at `open`, skipping doubled quotes. */
function closingQuote(sql: string, open: number, close: string): number {
  for (let i = open + 1; i < sql.length; i++) {
    if (sql[i] !== close) continue;
    // Brackets have no escape; for the other quotes a doubled quote is content.
    if (close !== ']' && sql[i + 1] === close) i++;
    else return i;
  }
  throw new DdlParseError(`Expected closing ${close} at offset ${sql.length}, found end of input`, sql.length);
}

/** End of a numeric literal: hex, or digits with optional fraction and exponent ('_' separators allowed). */
function numberEnd(sql: string, start: number): number {
  let pos = start;
  const digits = (accept: (ch: string | undefined) => boolean): void => {
    while (accept(sql[pos]) || (sql[pos] === '_' && accept(sql[pos + 1]))) pos++;
  };
  if (sql[pos] === '0' && (sql[pos + 1] === 'x' || sql[pos + 1] === 'X') && isHexDigit(sql[pos + 2])) {
    pos += 2;
    digits(isHexDigit);
    return pos;
  }
  digits(isDigit);
  if (sql[pos] === '.') {
    pos++;
    digits(isDigit);
  }
  const sign = sql[pos + 1] === '+' || sql[pos + 1] === '-' ? 1 : 0;
  if ((sql[pos] === 'e' || sql[pos] === 'E') && isDigit(sql[pos + 1 + sign])) {
    pos += 1 + sign;
    digits(isDigit);
  }
  return pos;
}

/** One comma-separated element of a parenthesised list, with the offsets of its delimiters. */
export interface Item {
  tokens: Token[];
  start: number;
  end: number;
}

export const isPunct = (token: Token | undefined, ch: string): boolean => token?.kind === 'punct' && token.text === ch;

export const keywordOf = (token: Token | undefined): string | undefined => token?.keyword;

/** Tokens SQLite accepts as a name: bare or quoted identifiers, and string literals. */
export const isNameToken = (token: Token | undefined): token is Token =>
  token !== undefined && (token.kind === 'word' || token.kind === 'quoted' || token.kind === 'string');

/** Trims SQLite whitespace only (see isSpace). */
export const trimSql = (text: string): string => text.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, '');

/** Walks one statement's tokens; a failed expectation throws a DdlParseError naming what was expected and where. */
export class Cursor {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(readonly sql: string) {
    this.tokens = tokenize(sql);
  }

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  /** The token just consumed. */
  previous(): Token {
    return this.tokens[this.pos - 1]!;
  }

  next(expected: string): Token {
    const token = this.peek() ?? this.fail(expected);
    this.pos++;
    return token;
  }

  isPunct(ch: string): boolean {
    return isPunct(this.peek(), ch);
  }

  acceptPunct(ch: string): boolean {
    if (!this.isPunct(ch)) return false;
    this.pos++;
    return true;
  }

  expectPunct(ch: string): Token {
    if (!this.isPunct(ch)) this.fail(`'${ch}'`);
    return this.next(`'${ch}'`);
  }

  /** Consumes the keyword sequence only if all of it is there. */
  acceptWords(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) if (this.tokens[this.pos + i]?.keyword !== words[i]) return false;
    this.pos += words.length;
    return true;
  }

  expectWords(...words: string[]): void {
    if (!this.acceptWords(...words)) this.fail(words.join(' '));
  }

  expectOneOf<W extends string>(...words: W[]): W {
    const word = words.find((w) => keywordOf(this.peek()) === w) ?? this.fail(words.join(' or '));
    this.pos++;
    return word;
  }

  identifier(): string {
    const token = this.peek();
    if (!isNameToken(token)) this.fail('a name');
    this.pos++;
    return token.value;
  }

  qualifiedName(): { schema?: string; name: string } {
    const first = this.identifier();
    return this.acceptPunct('.') ? { schema: first, name: this.identifier() } : { name: first };
  }

  /** Consumes `( ... )`, splitting the inside on top-level commas; empty items are dropped. */
  group(): { open: Token; close: Token; items: Item[] } {
    const open = this.expectPunct('(');
    const items: Item[] = [];
    let item: Item = { tokens: [], start: open.end, end: open.end };
    let depth = 0;
    for (;;) {
      const token = this.next(`')' closing the '(' at offset ${open.start}`);
      const ch = token.kind === 'punct' ? token.text : '';
      if (depth === 0 && (ch === ',' || ch === ')')) {
        item.end = token.start;
        if (item.tokens.length > 0) items.push(item);
        if (ch === ')') return { open, close: token, items };
        item = { tokens: [], start: token.end, end: token.end };
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      item.tokens.push(token);
    }
  }

  /** Source text inside the next parenthesised group. */
  parenText(): string {
    const { open, close } = this.group();
    return this.text(open.end, close.start);
  }

  /** Skips tokens, treating parenthesised groups as a whole, up to the first one `stop` accepts (left unconsumed). */
  skipUntil(stop: () => boolean, expected: string): Token {
    let depth = 0;
    for (let token = this.peek(); token; token = this.peek()) {
      if (depth === 0 && stop()) return token;
      if (this.isPunct('(')) depth++;
      if (this.isPunct(')')) depth--;
      this.pos++;
    }
    this.fail(expected);
  }

  /** Consumes the rest of the statement and returns its text, without a trailing ';'. */
  rest(): string {
    const start = this.previous().end;
    const last = this.tokens.at(-1);
    const semicolon = this.pos < this.tokens.length && last?.kind === 'punct' && last.text === ';' ? last : undefined;
    this.pos = this.tokens.length - (semicolon ? 1 : 0);
    return this.text(start, semicolon?.start ?? this.sql.length);
  }

  text(from: number, to: number): string {
    return trimSql(this.sql.slice(from, to));
  }

  atEnd(): boolean {
    return this.peek() === undefined || this.isPunct(';');
  }

  expectEnd(): void {
    this.acceptPunct(';');
    if (this.peek()) this.fail('the end of the statement');
  }

  fail(expected: string): never {
    const token = this.peek();
    const offset = token?.start ?? this.sql.length;
    const found = token ? `'${token.text}'` : 'end of input';
    throw new DdlParseError(`Expected ${expected} at offset ${offset}, found ${found}`, offset);
  }
}
