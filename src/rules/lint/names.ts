// The names an object carries, as the naming rules see them: its own name, its columns, and the
// names of its indexes and constraints. Unnamed constraints (SQLite) carry no name to judge.
import type { SchemaObject } from '../../model/types.js';
import type { FindingKind } from '../findings.js';
import type { Hit } from '../rule.js';

export interface Name {
  kind: FindingKind;
  name: string;
  /** Set for a part of the object; absent for the object's own name. */
  part?: Hit['part'];
}

/** Object kinds that are also finding kinds (everything but extensions, events and the like). */
const OWN_KINDS: Partial<Record<SchemaObject['kind'], FindingKind>> = {
  table: 'table',
  view: 'view',
  materialized_view: 'materialized_view',
  sequence: 'sequence',
  type: 'type',
  routine: 'routine',
};

export function ownName(object: SchemaObject): Name | undefined {
  const kind = OWN_KINDS[object.kind];
  return kind ? { kind, name: object.name } : undefined;
}

/** Column names of tables, views and materialized views: people type a view's columns in queries too. */
export function columnNames(object: SchemaObject): Name[] {
  const columns = object.kind === 'table' ? object.columns : object.kind === 'view' || object.kind === 'materialized_view' ? (object.columns ?? []) : [];
  return columns.map((c) => ({ kind: 'column', name: c.name, part: { name: c.name } }));
}

const constraintNamesOf = new WeakMap<SchemaObject, Name[]>();

/**
 * Named indexes, keys and checks of a table (and a materialized view's indexes). An index named like
 * a key is that key's own index (PostgreSQL lists both), so its name is judged once.
 */
export function constraintNames(object: SchemaObject): Name[] {
  let names = constraintNamesOf.get(object);
  if (!names) constraintNamesOf.set(object, (names = listConstraintNames(object)));
  return names;
}

function listConstraintNames(object: SchemaObject): Name[] {
  const names: Name[] = [];
  const add = (kind: FindingKind, name: string | undefined) => {
    if (name !== undefined && !names.some((n) => n.name === name)) names.push({ kind, name, part: { name } });
  };
  if (object.kind === 'table') {
    add('primary_key', object.primary_key?.name);
    for (const fk of object.foreign_keys ?? []) add('foreign_key', fk.name);
    for (const unique of object.unique_constraints ?? []) add('unique_constraint', unique.name);
    // MariaDB names a column's check after the column, and lets no other name be given: the name is
    // judged as the column's.
    for (const check of object.checks ?? []) if (check.name !== check.column) add('check', check.name);
  }
  if (object.kind === 'table' || object.kind === 'materialized_view') {
    for (const index of object.indexes ?? []) add('index', index.name);
  }
  return names;
}

/** Readable label for a kind in messages: `column`, `foreign key`, … */
export const kindLabel = (kind: FindingKind) => kind.replace(/_/g, ' ');
