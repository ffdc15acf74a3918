// SQL text read as the server reads it, far enough to tell code from what only looks like it:
// string literals, quoted names, comments and dollar-quoted bodies are each one token, so that a
// quote, a dot or a word inside them is never taken for the code around them. Shared by what
// compares bodies token by token (body-layout.ts), follows renamed types and relations
// (renamed-references.ts) and maps schema names (schema-map.ts).
import type { Dialect } from '../model/types.js';

export interface Lexicon {
  dialect: Dialect;
  /** MySQL's strings take backslash escapes unless sql_mode has NO_BACKSLASH_ESCAPES. */
  backslashEscapes: boolean;
}

/** How the text of an object (or a MySQL trigger) is read: MySQL by the sql_mode it was created under, where the object records one. */
export function lexiconOf(dialect: Dialect, holder?: object): Lexicon {
  const sqlMode = (holder as { options?: Record<string, unknown> } | undefined)?.options?.sql_mode;
  return { dialect, backslashEscapes: dialect === 'mysql' && !/\bNO_BACKSLASH_ESCAPES\b/.test(String(sqlMode ?? '')) };
}

export type TokenKind =
  | 'space'
  /** A line or block comment; MySQL's executable `/*! … *\/` is `code`. */
  | 'comment'
  | 'code'
  /** A string literal with its prefix, if any (`'a'`, `E'a'`, `x'41'`; MySQL's `"a"`). */
  | 'literal'
  /** A dollar-quoted string (`$f$ … $f$`), PostgreSQL's way of writing a routine's body. */
  | 'dollar'
  /** A quoted name (`"Order"`, MySQL's `` `order` ``). */
  | 'quoted'
  /** A word (a keyword, a bare name) or a number. */
  | 'word'
  | 'operator'
  | 'punctuation';

export interface Token {
  kind: TokenKind;
  text: string;
}

/** A dollar quote's tag: an unquoted identifier's characters (any non-ASCII letter among them), no dollar sign. */
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_\u0080-\u{10FFFF}]*)?\$/u;

/** A number with its decimal point and exponent (`1.5`, `.5e-3`), else a word; MySQL names may start with digits (`1abc`), so a run of word characters stays one token. */
const WORD = /(\d+\.\d*|\.\d+)(e[+-]?\d+)?|[\p{L}\p{N}_$]+/iuy;
const SPACE = /\s+/y;

/** The match of a sticky pattern at `at`. */
function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)![0];
}

/** Characters that run together into one operator token (`<=`, `::`, `->>`): spacing between them matters. */
const OPERATOR = /[+\-*/<>=~!@#%^&|`?:]/;

/**
 * The text cut into tokens that join back into it; undefined where it cannot be read to its end
 * (an unterminated literal, quoted name or comment).
 */
export function lexSql(text: string, lexicon: Lexicon): Token[] | undefined {
  const { dialect, backslashEscapes } = lexicon;
  const escapes = dialect === 'mysql' && backslashEscapes;
  const tokens: Token[] = [];
  /** The literal or quoted name starting at `start`, closed by `close` (doubled inside), verbatim. */
  const quoted = (start: number, close: string, escaped: boolean): string | undefined => {
    for (let at = start + 1; at < text.length; at++) {
      if (escaped && text[at] === '\\') at++;
      else if (text[at] === close) {
        if (text[at + 1] === close) at++;
        else return text.slice(start, at + 1);
      }
    }
    return undefined;
  };
  const prefixed = (prefix: number, literal: string | undefined) => (literal === undefined ? undefined : text.slice(prefix, prefix + 1) + literal);
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    let kind: TokenKind;
    let token: string | undefined;
    if (/\s/.test(ch)) {
      kind = 'space';
      token = matchAt(SPACE, text, i);
    } else if (lineCommentAt(text, i, dialect)) {
      kind = 'comment';
      const end = text.indexOf('\n', i);
      token = text.slice(i, end < 0 ? text.length : end + 1);
    } else if (text.startsWith('/*', i)) {
      const end = blockCommentEnd(text, i, dialect);
      token = end === undefined ? undefined : text.slice(i, end);
      // MySQL runs what /*! … */ holds: it is code.
      kind = dialect === 'mysql' && /^\/\*[!M]/.test(text.slice(i, i + 3)) ? 'code' : 'comment';
    } else if (ch === "'" || (dialect === 'mysql' && ch === '"')) {
      kind = 'literal';
      token = quoted(i, ch, escapes);
    } else if (/[bBxXnN]/.test(ch) && text[i + 1] === "'") {
      // A bit, hex or national string (b'101', X'41', N'é') is one literal only when its letter
      // touches the quote: `x '41'` is the name x with an alias or a cast.
      kind = 'literal';
      token = prefixed(i, quoted(i + 1, "'", escapes));
    } else if (dialect === 'postgres' && /[eE]/.test(ch) && text[i + 1] === "'") {
      kind = 'literal';
      token = prefixed(i, quoted(i + 1, "'", true));
    } else if (dialect === 'postgres' && /[uU]/.test(ch) && text.startsWith("&'", i + 1)) {
      kind = 'literal';
      const literal = quoted(i + 2, "'", false);
      token = literal === undefined ? undefined : text.slice(i, i + 2) + literal;
    } else if (ch === '"' || (dialect !== 'postgres' && ch === '`')) {
      kind = 'quoted';
      token = quoted(i, ch, false);
    } else if (dialect === 'postgres' && ch === '$' && DOLLAR_TAG.test(text.slice(i, i + 256))) {
      kind = 'dollar';
      const tag = DOLLAR_TAG.exec(text.slice(i))![0];
      const end = text.indexOf(tag, i + tag.length);
      token = end < 0 ? undefined : text.slice(i, end + tag.length);
    } else if (/[\p{L}\p{N}_$.]/u.test(ch) && (ch !== '.' || /\d/.test(text[i + 1] ?? ''))) {
      kind = 'word';
      token = matchAt(WORD, text, i);
    } else if (OPERATOR.test(ch)) {
      kind = 'operator';
      let end = i;
      while (end < text.length && OPERATOR.test(text[end]!) && !lineCommentAt(text, end, dialect) && !text.startsWith('/*', end)) end++;
      token = text.slice(i, Math.max(end, i + 1));
    } else {
      kind = 'punctuation';
      token = ch;
    }
    if (token === undefined) return undefined;
    tokens.push({ kind, text: token });
    i += token.length;
  }
  return tokens;
}

/** Whether a line comment starts at `at`: MySQL reads `--` as one only before a space (`--1` is minus minus one), and `#` too. */
function lineCommentAt(text: string, at: number, dialect: Dialect): boolean {
  if (dialect !== 'mysql') return text.startsWith('--', at);
  return text[at] === '#' || /^--(\s|$)/.test(text.slice(at, at + 3));
}

/** Where the block comment at `start` ends (PostgreSQL's nest), or undefined when it never does. */
function blockCommentEnd(text: string, start: number, dialect: Dialect): number | undefined {
  let depth = 0;
  for (let at = start; at < text.length - 1; at++) {
    if (text.startsWith('/*', at) && (dialect === 'postgres' || depth === 0)) {
      depth++;
      at++;
    } else if (text.startsWith('*/', at)) {
      depth--;
      at++;
      if (depth === 0) return at + 1;
    }
  }
  return undefined;
}

/** The value of a plain string literal (`'it''s'` → `it's`); undefined for another token. */
export function literalValue(token: Token): string | undefined {
  return token.kind === 'literal' && token.text.startsWith("'") ? token.text.slice(1, -1).replace(/''/g, "'") : undefined;
}

/** A value written as a plain string literal. */
export const stringLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The name a word or quoted name stands for: quotes taken off, a PostgreSQL bare word folded to lower case as the server folds it. */
export function tokenName(token: Token, dialect: Dialect): string | undefined {
  if (token.kind === 'quoted') return token.text.slice(1, -1).split(token.text[0]! + token.text[0]).join(token.text[0]);
  if (token.kind !== 'word' || /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(token.text)) return undefined;
  return dialect === 'postgres' ? token.text.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : token.text;
}
