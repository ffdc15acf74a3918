// A raw object may stand for several server objects of one name (a MariaDB PACKAGE and its PACKAGE
// BODY): its object_type lists their types, and its raw data is keyed by each type.
import type { UnknownObject } from './types.js';

const SEPARATOR = ', ';

const mergesSeveral = (object: UnknownObject) => object.object_type.includes(SEPARATOR);

/** The raw data keyed by type, as an object merging several holds it. */
export const keyedRaw = (object: UnknownObject): Record<string, unknown> => (mergesSeveral(object) ? object.raw : { [object.object_type]: object.raw });

/** The object with its raw data given keyed by type, laid out as the object lays it out. */
export const withKeyedRaw = (object: UnknownObject, keyed: Record<string, unknown>): UnknownObject => ({
  ...object,
  raw: mergesSeveral(object) ? keyed : (keyed[object.object_type] as Record<string, unknown>),
});

/** One raw object standing for both. */
export function mergedRaw(first: UnknownObject, next: UnknownObject): UnknownObject {
  return { ...first, object_type: `${first.object_type}${SEPARATOR}${next.object_type}`, raw: { ...keyedRaw(first), [next.object_type]: next.raw } };
}

/**
 * Two versions of a raw object in one layout: keyed on both sides when either merges several, so
 * that a package body added or dropped is one change, not each field of the package moving.
 */
export function alikeRaw(from: UnknownObject, to: UnknownObject): [UnknownObject, UnknownObject] {
  if (mergesSeveral(from) === mergesSeveral(to)) return [from, to];
  return [{ ...from, raw: keyedRaw(from) }, { ...to, raw: keyedRaw(to) }];
}
