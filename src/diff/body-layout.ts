// PostgreSQL keeps a function's body (LANGUAGE sql or plpgsql) and MySQL a routine's, trigger's or
// event's body as they were written: a deploy tool that reformats them (indentation, line breaks,
// comments) changes nothing they do. Two bodies whose tokens are the same, spacing and comments
// aside, are the same: the older side takes the newer one's text before the diff compares them,
// and the file is listed as written differently rather than changed. Everything else is kept
// exactly: string literals, quoted names, the case of every word, MySQL's executable comments.
import type { Dialect, SchemaObject, Trigger } from '../model/types.js';

/** PostgreSQL languages whose bodies read spacing and comments as SQL does (not plpython's indentation). */
const SQL_LANGUAGES = new Set(['sql', 'plpgsql']);

/** A dollar quote's tag: an unquoted identifier's characters (any non-ASCII letter among them), no dollar sign. */
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_\u0080-\u{10FFFF}]*)?\$/u;

/** Characters that run together into one operator token (`<=`, `::`, `->>`): spacing between them matters. */
const OPERATOR = /[+\-*/<>=~!@#%^&|`?:]/;

interface Lexicon {
  dialect: Dialect;
  /** MySQL's strings take backslash escapes unless sql_mode has NO_BACKSLASH_ESCAPES. */
  backslashEscapes: boolean;
}

/**
 * The body's tokens, spacing and comments left out; undefined where the text cannot be read to its
 * end (an unterminated literal or comment): then only equal texts are the same.
 */
export function bodyTokens(text: string, lexicon: Lexicon): string[] | undefined {
  const { dialect, backslashEscapes } = lexicon;
  const tokens: string[] = [];
  let i = 0;
  /** The literal or quoted name starting at i, closed by `close` (doubled inside), verbatim. */
  const quoted = (start: number, close: string, escapes: boolean): string | undefined => {
    for (let at = start + 1; at < text.length; at++) {
      if (escapes && text[at] === '\\') at++;
      else if (text[at] === close) {
        if (text[at + 1] === close) at++;
        else return text.slice(start, at + 1);
      }
    }
    return undefined;
  };
  while (i < text.length) {
    const ch = text[i]!;
    let token: string | undefined;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (lineCommentAt(text, i, dialect)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = blockCommentEnd(text, i, dialect);
      if (end === undefined) return undefined;
      // MySQL runs what /*! … */ holds: it is code.
      if (dialect === 'mysql' && /^\/\*[!M]/.test(text.slice(i, i + 3))) tokens.push(text.slice(i, end));
      i = end;
      continue;
    }
    if (ch === "'" || (dialect === 'mysql' && ch === '"')) token = quoted(i, ch, dialect === 'mysql' && backslashEscapes);
    else if (/[bBxXnN]/.test(ch) && text[i + 1] === "'") {
      // A bit, hex or national string (b'101', X'41', N'é') is one literal only when its letter
      // touches the quote: `x '41'` is the name x with an alias or a cast.
      const literal = quoted(i + 1, "'", dialect === 'mysql' && backslashEscapes);
      token = literal === undefined ? undefined : ch + literal;
    } else if (dialect === 'postgres' && /[eE]/.test(ch) && text[i + 1] === "'") {
      const literal = quoted(i + 1, "'", true);
      token = literal === undefined ? undefined : ch + literal;
    } else if (dialect === 'postgres' && /[uU]/.test(ch) && text.startsWith("&'", i + 1)) {
      const literal = quoted(i + 2, "'", false);
      token = literal === undefined ? undefined : text.slice(i, i + 2) + literal;
    }
    else if (ch === '"' || (dialect === 'mysql' && ch === '`')) token = quoted(i, ch, false);
    else if (dialect === 'postgres' && ch === '$' && DOLLAR_TAG.test(text.slice(i, i + 256))) {
      const tag = DOLLAR_TAG.exec(text.slice(i))![0];
      const end = text.indexOf(tag, i + tag.length);
      if (end < 0) return undefined;
      token = text.slice(i, end + tag.length);
    } else if (/[\p{L}\p{N}_$.]/u.test(ch) && (ch !== '.' || /\d/.test(text[i + 1] ?? ''))) {
      // A number with its decimal point and exponent (`1.5`, `.5e-3`), else a word; MySQL names may
      // start with digits (`1abc`), so a run of word characters stays one token.
      token = /^(\d+\.\d*|\.\d+)(e[+-]?\d+)?|^[\p{L}\p{N}_$]+/iu.exec(text.slice(i))![0];
    }
    else if (OPERATOR.test(ch)) {
      let end = i;
      while (end < text.length && OPERATOR.test(text[end]!) && !lineCommentAt(text, end, dialect) && !text.startsWith('/*', end)) end++;
      token = text.slice(i, Math.max(end, i + 1));
    } else token = ch;
    if (token === undefined) return undefined;
    tokens.push(token);
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

function sameBody(a: string, b: string, lexicon: Lexicon): boolean {
  const [x, y] = [bodyTokens(a, lexicon), bodyTokens(b, lexicon)];
  return x !== undefined && y !== undefined && x.length === y.length && x.every((token, i) => token === y[i]);
}

/** pg_get_functiondef's text: the header it renders, then the body as written in a dollar quote of its choosing. */
const POSTGRES_BODY = /^([\s\S]*\nAS (\$[A-Za-z0-9_]*\$))([\s\S]*)\2\n?$/;

function samePostgresDefinition(a: string, b: string): boolean {
  const [x, y] = [POSTGRES_BODY.exec(a), POSTGRES_BODY.exec(b)];
  return x !== null && y !== null && x[1] === y[1] && sameBody(x[3]!, y[3]!, { dialect: 'postgres', backslashEscapes: false });
}

const sqlModeOf = (object: { options?: Record<string, unknown> }) => String(object.options?.sql_mode ?? '');

/** Two MySQL bodies read under the same sql_mode, which says how their strings are read. */
function sameMysqlBody(a: { definition?: string; options?: Record<string, unknown> }, b: { definition?: string; options?: Record<string, unknown> }): boolean {
  const mode = sqlModeOf(a);
  if (a.definition === undefined || b.definition === undefined || mode !== sqlModeOf(b)) return false;
  return sameBody(a.definition, b.definition, { dialect: 'mysql', backslashEscapes: !/\bNO_BACKSLASH_ESCAPES\b/.test(mode) });
}

/** `from` with each body that reads as `to`'s written as `to` writes it. */
export function relaidBodies(from: SchemaObject, to: SchemaObject, dialect: Dialect): SchemaObject {
  if (from.kind === 'routine' && to.kind === 'routine' && from.definition !== undefined && to.definition !== undefined && from.definition !== to.definition) {
    const same =
      dialect === 'postgres'
        ? from.language === to.language && SQL_LANGUAGES.has(from.language ?? '') && samePostgresDefinition(from.definition, to.definition)
        : dialect === 'mysql' && sameMysqlBody(from, to);
    return same ? { ...from, definition: to.definition } : from;
  }
  if (dialect !== 'mysql') return from;
  if (from.kind === 'event' && to.kind === 'event' && from.definition !== to.definition && sameMysqlBody(from, to)) return { ...from, definition: to.definition };
  if (from.kind === 'table' && to.kind === 'table' && from.triggers?.length && to.triggers?.length) {
    const theirs = new Map(to.triggers.map((t) => [t.name, t]));
    const relaid = (mine: Trigger): Trigger => {
      const other = theirs.get(mine.name);
      return other && other.definition !== mine.definition && sameMysqlBody(mine, other) ? { ...mine, definition: other.definition } : mine;
    };
    return { ...from, triggers: from.triggers.map(relaid) };
  }
  return from;
}
