// Canonical form of model objects: fixed key order, sets sorted, empty values dropped.
// The same schema must give the same bytes on any machine and run, so this is the single place
// that decides order; the YAML and JSON writers emit keys in insertion order.
import type { ObjectKind, SchemaInfo, SchemaObject, Snapshot } from './types.js';

/**
 * A shape lists an object's keys in their canonical order. `key:shape` recurses into a nested
 * object (or into each element of an array), `key:*` sorts a free-form map by key, and a
 * trailing `[]` on the shape name marks an unordered set, sorted by name then content. Empty
 * lists are dropped like other absent values, except where a trailing `!` says the empty list is
 * itself the fact (a table with no columns, an enum with no values).
 */
const SHAPES: Record<string, string[]> = {
  table: [
    'name', 'schema', 'comment', 'columns:column!', 'primary_key:primary_key', 'foreign_keys:foreign_key[]',
    'unique_constraints:unique[]', 'checks:check[]', 'exclusion_constraints:exclusion[]', 'indexes:index[]',
    'triggers:trigger[]', 'policies:policy[]', 'row_security:row_security', 'partitioning:partitioning',
    'partition_of:partition_of', 'inherits:qualified', 'options:*',
  ],
  column: [
    'name', 'type', 'nullable', 'default', 'identity', 'generated:generated', 'collation', 'charset', 'on_update',
    'auto_increment', 'hidden', 'comment', 'options:*',
  ],
  generated: ['expression', 'stored'],
  primary_key: ['name', 'columns', 'include', 'deferrable', 'initially_deferred', 'comment', 'options:*'],
  foreign_key: [
    'name', 'columns', 'references:references', 'on_update', 'on_delete', 'match', 'deferrable',
    'initially_deferred', 'validated', 'triggers', 'comment',
  ],
  references: ['schema', 'table', 'columns'],
  unique: ['name', 'columns', 'include', 'nulls_not_distinct', 'deferrable', 'initially_deferred', 'comment', 'options:*'],
  check: ['name', 'expression', 'column', 'no_inherit', 'validated', 'enforced', 'comment', 'options:*'],
  exclusion: ['name', 'comment', 'definition', 'deferrable', 'initially_deferred', 'options:*'],
  index: [
    'name', 'columns:index_key', 'include', 'unique', 'method', 'where', 'nulls_not_distinct', 'comment', 'definition',
    'options:*',
  ],
  index_key: ['column', 'expression', 'descending', 'nulls', 'collation', 'opclass', 'opclass_parameters', 'length', 'statistics'],
  trigger: ['name', 'timing', 'events', 'columns', 'level', 'when', 'enabled', 'comment', 'definition', 'options:*'],
  policy: ['name', 'command', 'permissive', 'roles', 'using', 'with_check', 'comment'],
  row_security: ['enabled', 'forced'],
  partitioning: ['strategy', 'key', 'partitions:partition', 'subpartitioning:subpartitioning'],
  subpartitioning: ['strategy', 'key'],
  partition: ['name', 'bound', 'comment', 'subpartitions:subpartition'],
  subpartition: ['name', 'comment'],
  partition_of: ['schema', 'table', 'bound', 'detach_pending'],
  qualified: ['schema', 'table'],
  view: ['name', 'schema', 'comment', 'columns:view_column', 'definition', 'check_option', 'triggers:trigger[]', 'options:*'],
  view_column: ['name', 'type', 'default', 'comment', 'options:*'],
  materialized_view: ['name', 'schema', 'comment', 'columns:view_column', 'definition', 'indexes:index[]', 'options:*'],
  sequence: ['name', 'schema', 'comment', 'type', 'start', 'increment', 'min', 'max', 'cache', 'cycle', 'owned_by', 'options:*'],
  type: [
    'name', 'schema', 'type', 'comment', 'values!', 'base_type', 'nullable', 'default', 'collation', 'checks:check[]',
    'attributes:type_attribute', 'subtype', 'options:*',
  ],
  type_attribute: ['name', 'type', 'collation', 'comment'],
  routine: [
    'name', 'schema', 'routine_type', 'argument_types!', 'arguments', 'returns', 'language', 'volatility', 'strict',
    'security', 'deterministic', 'comment', 'definition', 'options:*',
  ],
  extension: ['name', 'schema', 'version', 'comment'],
  event: ['name', 'schema', 'schedule', 'status', 'on_completion', 'comment', 'definition', 'options:*'],
  virtual_table: ['name', 'schema', 'module', 'arguments', 'definition'],
  unknown: ['name', 'schema', 'comment', 'object_type', 'raw:*'],
  schema: ['name', 'comment', 'options:*'],
};

interface Field {
  key: string;
  shape?: string;
  freeForm: boolean;
  isSet: boolean;
  keepEmpty: boolean;
}

const FIELDS: Record<string, Field[]> = Object.fromEntries(
  Object.entries(SHAPES).map(([shape, keys]) => [
    shape,
    keys.map((raw) => {
      const keepEmpty = raw.endsWith('!');
      const spec = keepEmpty ? raw.slice(0, -1) : raw;
      const [key, child] = spec.split(':') as [string, string | undefined];
      const isSet = child?.endsWith('[]') ?? false;
      const childShape = child === undefined || child === '*' ? undefined : child.replace('[]', '');
      return { key, shape: childShape, freeForm: child === '*', isSet, keepEmpty };
    }),
  ]),
);

const KNOWN_KEYS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(FIELDS).map(([shape, fields]) => [shape, new Set(fields.map((f) => f.key))]),
);

/**
 * Whether an attribute path names a key of `shape` (`nullable`), a member of a nested shape that
 * is one mapping (`row_security.enabled`), or anything inside a free-form map (`options.engine`):
 * what the diff may report as a changed attribute.
 */
export function shapeHasPath(shape: string, path: string): boolean {
  const [key, ...rest] = path.split('.');
  const field = FIELDS[shape]?.find((f) => f.key === key);
  if (!field || rest.length === 0) return field !== undefined;
  if (field.freeForm) return true;
  return field.shape !== undefined && SINGLE_SHAPES.has(field.shape) && shapeHasPath(field.shape, rest.join('.'));
}

/** The keys of a shape in canonical order (for readers that report per key, like the diff). */
export function shapeKeys(shape: string): string[] {
  const fields = FIELDS[shape];
  if (!fields) throw new Error(`no canonical shape named ${shape}`);
  return fields.map((f) => f.key);
}

function isEmpty(value: unknown, keepEmptyList = false): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0 && !keepEmptyList;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders a set by name, then by content so that unnamed members (SQLite) sort stably too. */
function sortSet(items: Record<string, unknown>[]): Record<string, unknown>[] {
  const keyed = items.map((item) => ({ item, name: String(item.name ?? ''), body: undefined as string | undefined }));
  const body = (entry: (typeof keyed)[number]) => (entry.body ??= JSON.stringify(entry.item));
  return keyed.sort((a, b) => compareText(a.name, b.name) || compareText(body(a), body(b))).map(({ item }) => item);
}

/** A free-form map (options, raw catalog rows): keys sorted, nested maps too. */
function canonicalFree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalFree);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareText)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonicalFree(v);
  }
  return out;
}

function canonicalValue(value: unknown, field: Field): unknown {
  if (field.freeForm) return canonicalFree(value);
  if (!field.shape) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'object' && v !== null ? canonicalShape(v, field.shape!) : v));
    return field.isSet ? sortSet(items as Record<string, unknown>[]) : items;
  }
  return typeof value === 'object' && value !== null ? canonicalShape(value, field.shape) : value;
}

/** Rebuilds `value` with the shape's key order; keys the shape does not know follow, sorted. */
export function canonicalShape(value: object, shape: string): Record<string, unknown> {
  const fields = FIELDS[shape];
  if (!fields) throw new Error(`no canonical shape named ${shape}`);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let seen = 'kind' in source ? 1 : 0;
  for (const field of fields) {
    const v = source[field.key];
    if (v === undefined) continue;
    seen++;
    if (isEmpty(v, field.keepEmpty)) continue;
    const c = canonicalValue(v, field);
    if (!isEmpty(c, field.keepEmpty)) out[field.key] = c;
  }
  const keys = Object.keys(source);
  if (keys.length === seen) return out; // the common case: nothing outside the shape
  const known = KNOWN_KEYS[shape]!;
  for (const key of keys.sort(compareText)) {
    if (key === 'kind' || known.has(key) || isEmpty(source[key])) continue;
    out[key] = canonicalFree(source[key]);
  }
  return out;
}

/** The canonical body of an object as stored in its file (its kind is implied by the path). */
export function canonicalObject(object: SchemaObject): Record<string, unknown> {
  return canonicalShape(object, object.kind);
}

/** An object in canonical form, kind included: what a snapshot file reads back as. */
export function normalizeObject<T extends SchemaObject>(object: T): T {
  const normalized = { kind: object.kind, ...canonicalObject(object) } as T;
  NORMALIZED.add(normalized);
  return normalized;
}

/** Objects normalizeObject made: already canonical, so writing them needs no second pass. */
const NORMALIZED = new WeakSet<object>();

/** The canonical body of an object, cheaply when it is known to be canonical already. */
export function canonicalBody(object: SchemaObject, knownCanonical = NORMALIZED.has(object)): Record<string, unknown> {
  if (!knownCanonical) return canonicalObject(object);
  const { kind: _kind, ...body } = object;
  return body as Record<string, unknown>;
}

/** Whether every object came from normalizeObject (and so can cross a thread as canonical). */
export function allNormalized(objects: readonly SchemaObject[]): boolean {
  return objects.every((o) => NORMALIZED.has(o));
}

/** The snapshot every dialect returns: objects normalized and ordered, schemas sorted. */
export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  return {
    meta: snapshot.meta,
    schemas: [...snapshot.schemas].sort((a, b) => compareText(a.name, b.name)).map((s) => canonicalShape(s, 'schema') as unknown as SchemaInfo),
    objects: sortObjects(snapshot.objects.map(normalizeObject)),
  };
}

export const KIND_DIRECTORIES: Record<ObjectKind, string> = {
  table: 'tables',
  view: 'views',
  materialized_view: 'materialized_views',
  sequence: 'sequences',
  type: 'types',
  routine: 'routines',
  extension: 'extensions',
  event: 'events',
  virtual_table: 'virtual_tables',
  unknown: 'unknown',
};

export const KIND_BY_DIRECTORY: Record<string, ObjectKind> = Object.fromEntries(
  Object.entries(KIND_DIRECTORIES).map(([kind, dir]) => [dir, kind as ObjectKind]),
);

/** The name that identifies an object within its schema and kind (routines add their argument types). */
export function objectName(object: SchemaObject): string {
  return object.kind === 'routine' ? `${object.name}(${object.argument_types.join(', ')})` : object.name;
}

/** Objects ordered by schema, kind, then name: the order every listing and export uses. */
export function sortObjects<T extends SchemaObject>(objects: T[]): T[] {
  return objects
    .map((o) => ({ o, key: [o.schema, KIND_DIRECTORIES[o.kind], objectName(o)] }))
    .sort((a, b) => compareText(a.key[0]!, b.key[0]!) || compareText(a.key[1]!, b.key[1]!) || compareText(a.key[2]!, b.key[2]!))
    .map(({ o }) => o);
}

export interface SnapshotCounts {
  schemas: number;
  tables: number;
  objects: number;
  [kind: string]: number;
}

export function countSnapshot(snapshot: Snapshot): SnapshotCounts {
  const counts: SnapshotCounts = { schemas: snapshot.schemas.length, tables: 0, objects: snapshot.objects.length };
  for (const object of snapshot.objects) {
    const dir = KIND_DIRECTORIES[object.kind];
    counts[dir] = (counts[dir] ?? 0) + 1;
  }
  return counts;
}

/** Shapes whose members may be written as a bare name instead (an index's plain column keys, MySQL's subpartitions). */
const NAME_OR_SHAPE = new Set(['index_key', 'subpartition']);

export const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested shapes that are one mapping, not a list of them (a table's primary key, a column's generation). */
const SINGLE_SHAPES = new Set(['primary_key', 'references', 'row_security', 'partitioning', 'subpartitioning', 'partition_of', 'generated']);

/** Keys an object of a shape is not read without: a table's column list, a column's name and type. */
const REQUIRED: Record<string, string[]> = {
  table: ['columns'],
  column: ['name', 'type'],
  view_column: ['name'],
  type_attribute: ['name'],
  routine: ['argument_types'],
  primary_key: ['columns'],
  unique: ['columns'],
  foreign_key: ['columns', 'references'],
  references: ['table'],
  index: ['columns'],
  partition_of: ['schema', 'table'],
  qualified: ['schema', 'table'],
};

/** Keys that hold text wherever they appear (datatrack quotes a text that would read as another YAML value). */
const TEXT_KEYS = new Set(['name', 'schema', 'comment', 'definition', 'expression', 'type']);
/** Keys that hold a list of names wherever they appear as plain values. */
const NAME_LIST_KEYS = new Set(['columns', 'include', 'argument_types', 'events', 'roles']);
/** Keys that hold true or false. */
const FLAG_KEYS = new Set(['nullable', 'unique']);

/**
 * What keeps `value` from being of `shape`, read from a file someone may have edited: a mapping,
 * its nested parts a mapping or a list of them as the shape has them, the keys it cannot be read
 * without present, names and other texts strings, name lists lists of strings, flags true or
 * false. Undefined when none. `only`: the keys of a mapping read in part, the others not judged.
 */
export function shapeProblem(value: unknown, shape: string, where = shape, only?: ReadonlySet<string>): string | undefined {
  if (!isMapping(value)) return `${where} is not a mapping`;
  const fields = FIELDS[shape];
  if (!fields) return undefined;
  for (const key of REQUIRED[shape] ?? []) if ((only === undefined || only.has(key)) && (value[key] === undefined || value[key] === null)) return `${where} has no ${key}`;
  for (const field of fields) {
    const member = value[field.key];
    if (member === undefined || member === null) continue;
    const at = `${where}.${field.key}`;
    if (field.freeForm) {
      if (!isMapping(member)) return `${at} is not a mapping`;
    } else if (field.shape) {
      if (SINGLE_SHAPES.has(field.shape)) {
        const problem = shapeProblem(member, field.shape, at);
        if (problem) return problem;
        continue;
      }
      if (!Array.isArray(member)) return `${at} is not a list`;
      for (const [i, item] of member.entries()) {
        if (typeof item === 'string' && NAME_OR_SHAPE.has(field.shape)) continue;
        const problem = shapeProblem(item, field.shape, `${at}[${i}]`);
        if (problem) return problem;
      }
    } else if (isMapping(member)) return `${at} is a mapping, where a value or a list was expected`;
    else if (TEXT_KEYS.has(field.key) && typeof member !== 'string') return `${at} is not a text`;
    else if (FLAG_KEYS.has(field.key) && typeof member !== 'boolean') return `${at} is not true or false`;
    else if (NAME_LIST_KEYS.has(field.key) && !(Array.isArray(member) && member.every((name) => typeof name === 'string'))) return `${at} is not a list of names`;
  }
  return undefined;
}
