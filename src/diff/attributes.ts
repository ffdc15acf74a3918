// Attribute-level comparison of two model parts: one result per attribute that differs, named by
// its model key. Free-form maps (options, raw catalog rows) compare key by key, so `options.engine`
// changes alone; nested shapes present on both sides (generated, row_security, references, …)
// compare member by member; everything else compares as one value. An attribute left out at its
// default compares as that default, and a PostgreSQL storage parameter as the server reads it.
import { shapeKeys } from '../model/canonical.js';
import { omittedDefaults } from '../model/defaults.js';
import { asRead } from '../model/storage-parameters.js';

export interface AttributeChange {
  attribute: string;
  from: unknown;
  to: unknown;
}

const FREE_MAPS = new Set(['options', 'raw']);

type Record_ = Record<string, unknown>;

function isMap(value: unknown): value is Record_ {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Absent, null, an empty list and an empty map all mean "no value" (canonical form drops them). */
export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isMap(value) && Object.keys(value).length === 0;
}

/** Deep equality of model values; map key order does not matter, list order does. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return a === b;
}

/** Keys of both sides in the canonical order of their shape; keys the shape does not know follow, sorted. */
function unionKeys(a: Record_, b: Record_, order: readonly string[]): string[] {
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  const byName = (x: string, y: string) => (order.length === 0 ? 0 : x < y ? -1 : x > y ? 1 : 0);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => rank(x) - rank(y) || byName(x, y));
}

/** A whole value as reported: null when absent, without the members compared elsewhere. */
function present(value: unknown, attribute: string, skip: ReadonlySet<string>): unknown {
  if (isAbsent(value)) return null;
  if (!isMap(value)) return value;
  const kept = Object.entries(value).filter(([key]) => !skip.has(`${attribute}.${key}`));
  return kept.length === Object.keys(value).length ? value : Object.fromEntries(kept);
}

/**
 * The attributes that differ between `from` and `to`, in the canonical key order of `shape`. An
 * attribute the model leaves out at its default (model/defaults.ts) compares and reads as that
 * value, each side's own (an index's storage parameters, by its access method), and a map of such
 * attributes that appears or disappears (row_security) compares member by member:
 * `row_security.enabled: false → true`, not `null → {…}`. A value written another way the server
 * reads alike (`autovacuum_enabled: off`, `false`) is no change (model/storage-parameters.ts).
 * `skip` holds attribute paths compared elsewhere (names, columns, sub-collections such as
 * `partitioning.partitions`).
 */
export function attributeChanges(from: object, to: object, skip: ReadonlySet<string>, shape: string): AttributeChange[] {
  const sides: Sides = { defaults: [omittedDefaults(shape, from), omittedDefaults(shape, to)], shape };
  return compare(from as Record_, to as Record_, skip, shapeKeys(shape), sides, '');
}

/** What the two sides' values are read by: each side's omitted defaults, and the shape whose values the server may read alike. */
interface Sides {
  defaults: [Readonly<Record_>, Readonly<Record_>];
  shape: string;
}

function compare(a: Record_, b: Record_, skip: ReadonlySet<string>, order: readonly string[], sides: Sides, prefix: string): AttributeChange[] {
  const changes: AttributeChange[] = [];
  const [fromDefaults, toDefaults] = sides.defaults;
  const withDefault = (value: unknown, attribute: string, defaults: Readonly<Record_>) => (isAbsent(value) && attribute in defaults ? defaults[attribute] : value);
  const defaultsWithin = (attribute: string) => sides.defaults.some((defaults) => Object.keys(defaults).some((path) => path.startsWith(`${attribute}.`)));
  for (const key of unionKeys(a, b, order)) {
    const attribute = prefix + key;
    if (skip.has(attribute) || key === 'kind' || (isAbsent(a[key]) && isAbsent(b[key]))) continue;
    const x = withDefault(a[key], attribute, fromDefaults);
    const y = withDefault(b[key], attribute, toDefaults);
    if (sameValue(x, y) || sameValue(asRead(sides.shape, attribute, x), asRead(sides.shape, attribute, y))) continue;
    const mapOrAbsent = (isMap(x) || isAbsent(x)) && (isMap(y) || isAbsent(y));
    const nested = mapOrAbsent && ((isMap(x) && isMap(y)) || FREE_MAPS.has(key) || defaultsWithin(attribute));
    if (nested) changes.push(...compare(isMap(x) ? x : {}, isMap(y) ? y : {}, skip, [], sides, `${attribute}.`));
    else changes.push({ attribute, ...oneNumberType(present(x, attribute, skip), present(y, attribute, skip)) });
  }
  return changes;
}

/**
 * An integer the model holds as a number while it is safe in JavaScript, as its digits past 2^53
 * (a sequence's bounds): a change crossing that line is given as digits on both sides, so that a
 * reader of the JSON sees one type per attribute.
 */
function oneNumberType(from: unknown, to: unknown): { from: unknown; to: unknown } {
  const digits = (value: unknown) => typeof value === 'string' && /^-?\d+$/.test(value);
  if (typeof from === 'number' && Number.isInteger(from) && digits(to)) return { from: String(from), to };
  if (typeof to === 'number' && Number.isInteger(to) && digits(from)) return { from, to: String(to) };
  return { from, to };
}
