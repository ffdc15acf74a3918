// PostgreSQL keeps some sets in the order a statement listed them, and its DDL prints them so: an
// index's or exclusion constraint's storage parameters (`WITH (fillfactor='70', …)`, which ALTER
// INDEX … SET also reorders), a routine's SET clauses, a trigger's UPDATE OF columns, a foreign
// table's and its columns' OPTIONS, a text search dictionary's options. The server reads each as a
// set (by name), so the model holds each in one order, sorted: a statement that only reorders one
// is no change. Snapshots recorded before hold the written order: the diff puts both sides in this
// order before it compares them. What a member says stays as written (`search_path TO 'a', 'b'`
// is a list, in its order). MySQL's one such set is a LIST partition's values, which the catalog
// describes as written: `REORGANIZE PARTITION a INTO (PARTITION a VALUES IN (2,1))` moves no row.
import { compareText } from './canonical.js';
import { listItems, storageParameterSpan, unquoted } from '../util/ddl-text.js';
import type { Dialect, Partitioning, SchemaObject, Trigger } from './types.js';

/** `items` (comma-separated, outside quotes and parentheses) sorted, as the server separates them. */
function sortedList(items: string): string {
  return listItems(items).sort(compareText).join(', ');
}

/** pg_get_indexdef's and pg_get_constraintdef's storage parameters, `… WITH (a=1, b=2) …`, sorted. */
function withSortedParameters(definition: string): string {
  const span = storageParameterSpan(definition);
  return span ? definition.slice(0, span[0]) + sortedList(definition.slice(...span)) + definition.slice(span[1]) : definition;
}

/**
 * pg_get_functiondef's SET clauses, one line each (` SET work_mem TO '64MB'`), sorted: they are
 * the last lines of its header, whose lines after the first start with a space, before the body
 * (`AS …`, `BEGIN ATOMIC`, `RETURN …`).
 */
function withSortedSetClauses(definition: string): string {
  if (!definition.startsWith('CREATE ') || !definition.includes('\n SET ')) return definition;
  const starts: number[] = [];
  let body = -1;
  for (const [i] of unquoted(definition)) {
    if (definition[i] !== '\n') continue;
    if (definition[i + 1] !== ' ') {
      body = i + 1;
      break;
    }
    starts.push(i + 1);
  }
  let first = starts.length;
  while (first > 0 && definition.startsWith(' SET ', starts[first - 1]!)) first--;
  if (body < 0 || first === starts.length) return definition;
  const ends = [...starts.slice(first + 1), body];
  const lines = starts.slice(first).map((start, n) => definition.slice(start, ends[n]! - 1));
  return definition.slice(0, starts[first]!) + lines.sort(compareText).join('\n') + '\n' + definition.slice(body);
}

/** The names pg_get_triggerdef lists after `UPDATE OF ` from `start`: where each is, bare or quoted. */
function listedNames(text: string, start: number): [number, number][] {
  const names: [number, number][] = [];
  let i = start;
  for (;;) {
    const from = i;
    if (text[i] === '"') {
      for (i++; i < text.length; i++) if (text[i] === '"' && text[++i] !== '"') break;
    } else while (i < text.length && !/[\s,]/.test(text[i]!)) i++;
    names.push([from, i]);
    if (!text.startsWith(', ', i)) return names;
    i += 2;
  }
}

/** A trigger's UPDATE OF columns by name, in its columns and in its definition. */
function triggerInSetOrder(trigger: Trigger): Trigger {
  const columns = trigger.columns;
  if (!Array.isArray(columns) || columns.length < 2 || typeof trigger.definition !== 'string') return trigger;
  const order = columns.map((_, i) => i).sort((a, b) => compareText(columns[a]!, columns[b]!));
  if (order.every((n, i) => n === i)) return trigger;
  const out = { ...trigger, columns: order.map((i) => columns[i]!) };
  let at = -1;
  for (const [i] of unquoted(trigger.definition)) {
    if (trigger.definition.startsWith(' UPDATE OF ', i)) {
      at = i + ' UPDATE OF '.length;
      break;
    }
  }
  const names = at < 0 ? [] : listedNames(trigger.definition, at);
  if (names.length === columns.length) {
    const spelled = names.map(([from, to]) => trigger.definition.slice(from, to));
    const end = names[names.length - 1]![1];
    out.definition = trigger.definition.slice(0, at) + order.map((i) => spelled[i]).join(', ') + trigger.definition.slice(end);
  }
  return out;
}

const indexInSetOrder = <T extends { definition?: string }>(part: T): T =>
  typeof part.definition === 'string' ? { ...part, definition: withSortedParameters(part.definition) } : part;

/** `object` with `key`'s value mapped, where it has one. */
function mapped<T extends object>(object: T, key: string, map: (value: unknown) => unknown): T {
  const value = (object as Record<string, unknown>)[key];
  return value === undefined ? object : { ...object, [key]: map(value) };
}

const each =
  <M>(map: (member: M) => unknown) =>
  (value: unknown) =>
    Array.isArray(value) ? (value as M[]).map((member) => map(member)) : value;
const sorted = (value: unknown) => (Array.isArray(value) ? [...(value as string[])].sort(compareText) : value);

function rawInSetOrder(type: string, raw: Record<string, unknown>): Record<string, unknown> {
  if (type === 'text search dictionary') return mapped(raw, 'options', (options) => (typeof options === 'string' ? sortedList(options) : options));
  if (type !== 'foreign table') return raw;
  const columns = mapped(raw, 'columns', each((column: object) => mapped(fdwOptionsApart(column), 'fdw_options', sorted)));
  return mapped(mapped(columns, 'options', sorted), 'triggers', each(triggerInSetOrder));
}

/** Snapshots recorded before held a foreign table column's FDW options (a list) as its `options`, where its options map belongs. */
function fdwOptionsApart(column: object): object {
  const { options, ...rest } = column as { options?: unknown };
  return Array.isArray(options) ? { ...rest, fdw_options: options } : column;
}

/** A MySQL LIST (or LIST COLUMNS) partitioning with each partition's values (`1,2`, `(1,'x'),(2,'y')`) sorted. */
function listValuesInSetOrder(partitioning: Partitioning): Partitioning {
  if (!partitioning.strategy.startsWith('list') || !partitioning.partitions) return partitioning;
  return { ...partitioning, partitions: partitioning.partitions.map((p) => (p.bound === undefined ? p : { ...p, bound: listItems(p.bound).sort(compareText).join(',') })) };
}

/** `object` with the sets the dialect keeps in written order sorted. */
export function inSetOrder<T extends SchemaObject>(object: T, dialect: Dialect = 'postgres'): T {
  const o = object as SchemaObject;
  if (dialect === 'mysql') return (o.kind === 'table' && o.partitioning ? { ...o, partitioning: listValuesInSetOrder(o.partitioning) } : object) as T;
  switch (o.kind) {
    case 'table':
      return mapped(mapped(mapped(o, 'indexes', each(indexInSetOrder)), 'exclusion_constraints', each(indexInSetOrder)), 'triggers', each(triggerInSetOrder)) as T;
    case 'materialized_view':
      return mapped(o, 'indexes', each(indexInSetOrder)) as T;
    case 'view':
      return mapped(o, 'triggers', each(triggerInSetOrder)) as T;
    case 'routine':
      return mapped(o, 'definition', (definition) => (typeof definition === 'string' ? withSortedSetClauses(definition) : definition)) as T;
    case 'unknown':
      return { ...o, raw: rawInSetOrder(o.object_type, o.raw) } as T;
    default:
      return object;
  }
}
