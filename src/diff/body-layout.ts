// PostgreSQL keeps a function's body (LANGUAGE sql or plpgsql) and MySQL a routine's, trigger's or
// event's body as they were written: a deploy tool that reformats them (indentation, line breaks,
// comments) changes nothing they do. Two bodies whose tokens are the same, spacing and comments
// aside, are the same: the older side takes the newer one's text before the diff compares them,
// and the file is listed as written differently rather than changed. Everything else is kept
// exactly: string literals, quoted names, the case of every word, MySQL's executable comments.
import type { Dialect, SchemaObject, Trigger } from '../model/types.js';
import { lexiconOf, lexSql, type Lexicon } from './sql-lexer.js';

/** PostgreSQL languages whose bodies read spacing and comments as SQL does (not plpython's indentation). */
const SQL_LANGUAGES = new Set(['sql', 'plpgsql']);

/** The body's tokens, spacing and comments left out; undefined where the text cannot be read to its end: then only equal texts are the same. */
export function bodyTokens(text: string, lexicon: Lexicon): string[] | undefined {
  return lexSql(text, lexicon)?.flatMap((token) => (token.kind === 'space' || token.kind === 'comment' ? [] : [token.text]));
}

function sameBody(a: string, b: string, lexicon: Lexicon): boolean {
  const [x, y] = [bodyTokens(a, lexicon), bodyTokens(b, lexicon)];
  return x !== undefined && y !== undefined && x.length === y.length && x.every((token, i) => token === y[i]);
}

/** pg_get_functiondef's text: the header it renders, then the body as written in a dollar quote of its choosing. */
const POSTGRES_BODY = /^([\s\S]*\nAS (\$[A-Za-z0-9_]*\$))([\s\S]*)\2\n?$/;

function samePostgresDefinition(a: string, b: string): boolean {
  const [x, y] = [POSTGRES_BODY.exec(a), POSTGRES_BODY.exec(b)];
  return x !== null && y !== null && x[1] === y[1] && sameBody(x[3]!, y[3]!, lexiconOf('postgres'));
}

const sqlModeOf = (object: { options?: Record<string, unknown> }) => String(object.options?.sql_mode ?? '');

/** Two MySQL bodies read under the same sql_mode, which says how their strings are read. */
function sameMysqlBody(a: { definition?: string; options?: Record<string, unknown> }, b: { definition?: string; options?: Record<string, unknown> }): boolean {
  const mode = sqlModeOf(a);
  if (a.definition === undefined || b.definition === undefined || mode !== sqlModeOf(b)) return false;
  return sameBody(a.definition, b.definition, lexiconOf('mysql', a));
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
