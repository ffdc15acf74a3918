// The columns a SQLite virtual table declares in its module arguments, for the modules SQLite
// ships whose arguments say them: fts3/fts4/fts5 (a column per argument, `title UNINDEXED`, beside
// `key=value` options) and rtree (its id, its coordinates, and `+` auxiliary columns). Queries
// name those columns, so one dropped is what a column removed is to a table.
import { foldName } from '../model/names.js';
import { sqlTokens } from './sql-spelling.js';

/** A column's name as SQLite compares it: its first token (sqlTokens quotes only a name it cannot fold), unquoted and folded. */
function columnName(tokens: readonly string[]): string | undefined {
  const first = tokens[0];
  if (first === undefined) return undefined;
  const quote = first[0];
  const quoted = (quote === '"' || quote === "'") && first.length > 1 && first.endsWith(quote);
  return foldName(quoted ? first.slice(1, -1).split(quote + quote).join(quote) : first);
}

/** fts3/fts4 read `tokenize porter` as `tokenize=porter`; every other option is `key=value`. */
const fullTextOption = (tokens: readonly string[]) => tokens.includes('=') || (tokens[0] === 'tokenize' && tokens.length > 1);
const fullText = (args: string[][]) => args.filter((tokens) => !fullTextOption(tokens)).map(columnName);
/** An rtree's id, its coordinates' bounds and its `+` auxiliary columns. */
const rtree = (args: string[][]) => args.map((tokens) => columnName(tokens[0] === '+' ? tokens.slice(1) : tokens));

const COLUMNS_OF = new Map<string, (argumentTokens: string[][]) => (string | undefined)[]>([
  ['fts3', fullText],
  ['fts4', fullText],
  ['fts5', (args) => args.filter((tokens) => !tokens.includes('=')).map(columnName)],
  ['rtree', rtree],
  ['rtree_i32', rtree],
]);

/** The columns the module's arguments declare, folded, in order; undefined for a module whose arguments are not known here. */
export function virtualTableColumns(module: unknown, args: unknown): string[] | undefined {
  const columnsOf = typeof module === 'string' ? COLUMNS_OF.get(foldName(module)) : undefined;
  if (!columnsOf || !Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) return undefined;
  const columns = columnsOf(args.map((arg: string) => sqlTokens(arg)));
  return columns.every((name) => name !== undefined) ? (columns as string[]) : undefined;
}
