// PostgreSQL: the row a function returns through its OUT (and INOUT) parameters or its
// RETURNS TABLE(…) columns is read by name, as a view's columns are (`SELECT b FROM f()`): a
// column gone or renamed breaks its readers, a retyped one is judged as a column's type change,
// and one only added or moved changes the row's shape (caution).
import type { Impact } from './change.js';
import { splitArgs, typeChangeImpact } from './type-change.js';

/** One column of a result row: its name (none where the parameter has none) and type, as pg_get_function_arguments / _result write them. */
interface ResultColumn {
  name?: string;
  type: string;
}

/** `name type` (the name quoted where it must be), or a type alone. */
function resultColumn(text: string): ResultColumn {
  const named = /^("(?:[^"]|"")*"|[^\s"(]+)\s+(.+)$/s.exec(text.trim());
  return named ? { name: named[1]!, type: named[2]! } : { type: text.trim() };
}

/** A parameter list's parameters with their mode: IN unless written OUT, INOUT or VARIADIC (a MySQL function's are all IN). */
export function parameters(list: string | undefined): { mode: 'in' | 'out' | 'inout' | 'variadic'; text: string }[] {
  return (list ? splitArgs(list) : []).map((parameter) => {
    const mode = /^(in|out|inout|variadic)\s+/i.exec(parameter);
    return { mode: (mode?.[1]!.toLowerCase() ?? 'in') as 'in' | 'out' | 'inout' | 'variadic', text: mode ? parameter.slice(mode[0].length) : parameter };
  });
}

/** The columns a routine's OUT and INOUT parameters make of its result row. */
export const outputColumns = (list: string | undefined) => parameters(list).flatMap((p) => (p.mode === 'out' || p.mode === 'inout' ? [p.text] : []));

const TABLE_RESULT = /^table\s*\((.*)\)$/is;

/** The columns of a `TABLE(a integer, b text)` result, or undefined for any other result. */
export function tableColumns(result: string): string[] | undefined {
  const columns = TABLE_RESULT.exec(result.trim())?.[1];
  return columns === undefined ? undefined : splitArgs(columns);
}

/**
 * A result row from `before` to `after` (each column `name type`): breaking when a column is gone
 * or renamed, or retyped as column.modify.type rates breaking; caution when one is added, moved or
 * retyped so; else as its columns' type changes (varchar(10) → text: safe).
 */
export function resultRowChange(before: readonly string[], after: readonly string[]): Impact {
  const [from, to] = [before.map(resultColumn), after.map(resultColumn)];
  // A column without a name is matched by its place.
  const key = (column: ResultColumn, i: number) => column.name ?? `$${i + 1}`;
  const newer = new Map(to.map((column, i) => [key(column, i), { column, i }]));
  let impact: Impact = from.length === to.length ? 'safe' : 'caution';
  for (const [i, column] of from.entries()) {
    const other = newer.get(key(column, i));
    if (!other) return 'breaking';
    const retyped = typeChangeImpact('postgres', column.type, other.column.type);
    if (retyped === 'breaking') return 'breaking';
    if (retyped === 'caution' || other.i !== i) impact = 'caution';
  }
  return impact;
}
