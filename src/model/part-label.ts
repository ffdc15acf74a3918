// How the parts of an object are spelled where a name is wanted: an index key as DDL writes it, and
// a part without a name (SQLite's foreign keys, unique and check constraints) by what it holds.
// diff, lint and the docs name them alike, so one part is one name wherever it appears.
import type { IndexKey } from './types.js';

/** The plain column an index key is on, or undefined for an expression. */
export const keyColumn = (key: IndexKey) => (typeof key === 'string' ? key : key.expression === undefined ? key.column : undefined);

/** A key as the index's DDL spells it: `lower(email)`, `name(10)`, `code COLLATE "C" DESC NULLS LAST`. */
export function indexKeyText(key: IndexKey, name: (identifier: string) => string = (identifier) => identifier): string {
  if (typeof key === 'string') return name(key);
  const base = `${key.column === undefined ? (key.expression ?? '') : name(key.column)}${key.length ? `(${key.length})` : ''}`;
  return [base, key.collation && `COLLATE ${name(key.collation)}`, key.opclass_parameters ? `${key.opclass ?? ''} (${key.opclass_parameters})`.trim() : key.opclass, key.descending && 'DESC', key.nulls && `NULLS ${key.nulls.toUpperCase()}`].filter(Boolean).join(' ');
}

const keyList = (columns: unknown) => (Array.isArray(columns) ? columns.map((c) => indexKeyText(c as IndexKey)).join(', ') : '');

/** The word a part without a name is labelled by (`unique(a)`), where it is not its kind. */
export function unnamedLabelWord(kind: string): string {
  return kind === 'unique_constraint' ? 'unique' : kind === 'exclusion_constraint' ? 'exclude' : kind;
}

/** The name of a part that has none, by its kind: `foreign_key(a, b)`, `unique(a)`, `check(x > 0)`, `primary_key`. */
export function unnamedPartLabel(kind: string, part: { columns?: unknown; expression?: string; definition?: string }): string {
  const word = unnamedLabelWord(kind);
  switch (kind) {
    case 'index':
    case 'foreign_key':
    case 'unique_constraint':
      return `${word}(${keyList(part.columns)})`;
    case 'check':
      return `check(${part.expression ?? ''})`;
    case 'exclusion_constraint':
      return `${word}(${part.definition ?? ''})`;
    default:
      return kind;
  }
}
