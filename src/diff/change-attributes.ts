// The attributes a change of each kind can name (`column.modify.type`, `table.modify.options.engine`):
// those of the canonical shapes its objects or parts are compared by (model/canonical.ts), and the
// place of a column among the others, which the diff adds. An impact key in the configuration that
// names another is a typo that would silently match nothing.
import { shapeHasPath, shapeKeys } from '../model/canonical.js';
import { writtenOption, writtenOptionNames } from '../model/option-names.js';
import { nearest } from '../util/suggest.js';
import type { ChangeKind } from './change.js';

/** The shapes the diff compares each kind by: a column is a table's, a view's or a composite type's attribute. */
const KIND_SHAPES: Record<ChangeKind, readonly string[]> = {
  table: ['table'], column: ['column', 'view_column', 'type_attribute'], index: ['index'], primary_key: ['primary_key'],
  foreign_key: ['foreign_key'], unique_constraint: ['unique'], check: ['check'], trigger: ['trigger'], view: ['view'],
  materialized_view: ['materialized_view'], sequence: ['sequence'], type: ['type'], routine: ['routine'], schema: ['schema'],
  extension: ['extension'], policy: ['policy'], partition: ['partition'], exclusion_constraint: ['exclusion'], event: ['event'],
  virtual_table: ['virtual_table'], unknown: ['unknown'],
};

/** Attributes the diff reports beside those of the shapes (diff/columns.ts). */
const DIFF_ATTRIBUTES: Partial<Record<ChangeKind, readonly string[]>> = { column: ['position'] };

/** Whether a change of `kind` can name `attribute` (`type`, `row_security.enabled`, `options.anything`). */
export function knownAttribute(kind: ChangeKind, attribute: string): boolean {
  return DIFF_ATTRIBUTES[kind]?.includes(attribute) === true || KIND_SHAPES[kind].some((shape) => shapeHasPath(shape, attribute));
}

/** A kind's attributes by their first part, a free-form map's as `options.*`, for an error message. */
export function attributesOf(kind: ChangeKind): string[] {
  const keys = KIND_SHAPES[kind].flatMap((shape) => shapeKeys(shape).map((key) => (shapeHasPath(shape, `${key}.*`) ? `${key}.*` : key)));
  return [...new Set([...keys, ...(DIFF_ATTRIBUTES[kind] ?? [])])];
}

/**
 * The option a change of `kind` can name that `attribute` (`options.engin`) is a typo of: one that
 * names no option the dialects write there but is a letter or two from one (a third of its letters). Any other name is
 * taken as written, as an extension or an engine names its own options as it likes.
 */
export function optionMeant(kind: ChangeKind, attribute: string): string | undefined {
  const [map, ...name] = attribute.split('.');
  if (map !== 'options' || name.length === 0) return undefined;
  const shapes = KIND_SHAPES[kind];
  if (shapes.some((shape) => writtenOption(shape, name.join('.')))) return undefined;
  // Not a word the typed one only starts: an engine's `compress` is no cut-off `compression`.
  const meant = nearest(name.join('.'), [...new Set(shapes.flatMap(writtenOptionNames))]);
  return meant === undefined ? undefined : `options.${meant}`;
}
