// A snapshot leaves out a sequence's min and max where they are what CREATE SEQUENCE picks for the
// sequence's type and direction. Those bounds follow the increment's sign, so ALTER SEQUENCE …
// INCREMENT BY -1, which keeps the bounds, leaves out one side and records the other: the diff reads
// that as no change of bounds.

import type { CatalogInt, Dialect, Sequence } from './types.js';

/** PostgreSQL's ascending bounds per integer type; a descending sequence runs from the type's low end to -1. */
const POSTGRES_TYPE_RANGES: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/** MariaDB's bounds (every sequence is a bigint one short of the type's range at each end). */
const MARIADB_BOUNDS = { ascending: ['1', '9223372036854775806'], descending: ['-9223372036854775807', '-1'] } as const;

/** The [min, max] CREATE SEQUENCE picks, as digits, or undefined where the dialect has none for this type. */
export function defaultSequenceBounds(dialect: Dialect, type: string | undefined, increment: CatalogInt | undefined): readonly [string, string] | undefined {
  const descending = String(increment ?? 1).startsWith('-');
  if (dialect === 'mysql') return descending ? MARIADB_BOUNDS.descending : MARIADB_BOUNDS.ascending;
  const range = dialect === 'postgres' && type !== undefined ? POSTGRES_TYPE_RANGES[type] : undefined;
  if (!range) return undefined;
  return descending ? [range[0], '-1'] : ['1', range[1]];
}

/** Whether a change of `min` or `max` between two versions of a sequence leaves the bound as it was, one side recording it, the other leaving it at its default. */
export function sameSequenceBound(dialect: Dialect, bound: 'min' | 'max', from: Sequence, to: Sequence): boolean {
  const value = (sequence: Sequence) => {
    if (sequence[bound] !== undefined) return String(sequence[bound]);
    return defaultSequenceBounds(dialect, sequence.type, sequence.increment)?.[bound === 'min' ? 0 : 1];
  };
  const [x, y] = [value(from), value(to)];
  return x !== undefined && x === y;
}
