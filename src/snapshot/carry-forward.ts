// What the reading account cannot see (Introspection.hidden) is not absent from the database: the
// server just leaves it out. So it is carried forward, unchanged, from the target's previous
// snapshot, and a warning says it was not re-read; with no previous snapshot, what is visible is
// recorded and the warning says it may be incomplete. A snapshot by a less privileged account
// therefore never commits a routine, a trigger or a view body as dropped.
import { mapObject, singleSchemaMap } from '../diff/schema-map.js';
import { isMapping, KIND_DIRECTORIES, normalizeObject, objectName, sortObjects } from '../model/canonical.js';
import { keyedRaw, withKeyedRaw } from '../model/raw-object.js';
import type { Column, ForeignKey, HiddenPart, SchemaObject, Snapshot, Table } from '../model/types.js';
import { readSnapshot, type SnapshotReader } from '../store/read-snapshot.js';
import { readRef, targetRef } from '../store/refs.js';
import type { Repository } from '../store/repository.js';

/** The snapshot hidden parts are carried from: the target's latest commit. */
export interface Previous {
  commit: string;
  snapshot: Snapshot;
}

/** `read`: how the snapshot is read (pipeline run shares it with its later steps when nothing changed). */
export async function readPrevious(repo: Repository, target: string, read: SnapshotReader = (commit) => readSnapshot(repo.objects, commit)): Promise<Previous | undefined> {
  const commit = readRef(repo.commonDir, targetRef(target));
  return commit ? { commit, snapshot: (await read(commit)).snapshot } : undefined;
}

const keyOf = (schema: string, kind: string, name: string) => `${schema}\u0000${kind}\u0000${name}`;
const objectKey = (object: SchemaObject) => keyOf(object.schema, object.kind, objectName(object));
const kindLabel = (part: HiddenPart) => (part.kind === 'trigger' ? 'triggers' : KIND_DIRECTORIES[part.kind]);
const isWholeKind = (part: HiddenPart) => part.object === undefined && part.attribute === undefined;
/** One attribute of every object of a kind (MariaDB's foreign keys of every table). */
const isKindAttribute = (part: HiddenPart) => part.object === undefined && part.attribute !== undefined;
/** One whole object the server could not describe (MariaDB: a table whose engine is not loaded). */
const isWholeObject = (part: HiddenPart) => part.object !== undefined && part.attribute === undefined;
const attributeLabel = (part: HiddenPart) => `${part.attribute!.replace(/_/g, ' ')} of the ${KIND_DIRECTORIES[part.kind as keyof typeof KIND_DIRECTORIES]}`;
/** One object's hidden attribute as warnings name it: a raw object's with the type that holds it (`package body definition`). */
const ownAttribute = (part: HiddenPart) => (part.rawType === undefined ? part.attribute! : `${part.rawType.toLowerCase()} ${part.attribute!}`);

/** Objects that hold triggers of their own. */
function holdsTriggers(object: SchemaObject): object is Extract<SchemaObject, { triggers?: unknown }> {
  return object.kind === 'table' || object.kind === 'view';
}

function notCarried(part: HiddenPart): string {
  if (isWholeKind(part)) return `${kindLabel(part)} of ${part.schema} may be missing: ${part.reason}; recorded what is visible (no earlier snapshot to carry them from)`;
  if (isKindAttribute(part)) return `${attributeLabel(part)} of ${part.schema} may be missing: ${part.reason}; recorded what is visible (no earlier snapshot to carry them from)`;
  if (isWholeObject(part)) return `${part.schema}.${part.object}: ${part.reason}; recorded what is visible (no earlier snapshot to carry it from)`;
  return `${part.schema}.${part.object}: its ${ownAttribute(part)} is not visible: ${part.reason}; recorded without it`;
}

/** The object with a raw object's data keyed by type, so that a path finds a package's part whether or not its body was merged in. */
const keyedLayout = (object: SchemaObject): Record<string, unknown> => ({ ...object, ...(object.kind === 'unknown' ? { raw: keyedRaw(object) } : {}) });

/** Where a hidden attribute of one object sits in it (keyed layout), and what is derived from it. */
function carriedPaths(part: HiddenPart): string[][] {
  const at = part.rawType === undefined ? [part.attribute!] : ['raw', part.rawType, part.attribute!];
  return [at, ...(part.derived ?? []).map((path) => path.split('.'))];
}

const valueAt = (value: unknown, path: string[]): unknown => path.reduce((v, key) => (isMapping(v) ? v[key] : undefined), value);

function withValueAt(value: Record<string, unknown>, [key, ...rest]: string[], carried: unknown): Record<string, unknown> {
  const inner = value[key!];
  return { ...value, [key!]: rest.length ? withValueAt(isMapping(inner) ? inner : {}, rest, carried) : carried };
}

/** Whether the previous object held the part at all: a package body created since has no earlier definition to carry. */
const heldBefore = (old: SchemaObject, part: HiddenPart) => part.rawType === undefined || valueAt(keyedLayout(old), ['raw', part.rawType]) !== undefined;

/** `object` with the hidden attribute, and what is derived from it, as `old` had them. */
function withPrevious(object: SchemaObject, old: SchemaObject, part: HiddenPart): SchemaObject {
  const before = keyedLayout(old);
  const carried = carriedPaths(part).reduce((o, path) => withValueAt(o, path, valueAt(before, path)), keyedLayout(object)) as unknown as SchemaObject;
  return carried.kind === 'unknown' ? withKeyedRaw(carried, carried.raw) : carried;
}

/**
 * The previous snapshot's foreign keys of `table` that can still exist: a key on a column that is
 * gone, or to a table or column that is gone, went with it (MySQL drops such a key or refuses the DDL).
 */
function possibleKeys(table: Table, keys: ForeignKey[] | undefined, live: Snapshot, warnings: string[]): ForeignKey[] | undefined {
  if (!keys) return keys;
  const has = (columns: Column[], names: string[] | undefined) => (names ?? []).every((name) => columns.some((c) => c.name === name));
  const schemas = new Set(live.schemas.map((s) => s.name));
  const kept = keys.filter((fk) => {
    const target = live.objects.find((o): o is Table => o.kind === 'table' && o.schema === fk.references.schema && o.name === fk.references.table);
    const possible = has(table.columns, fk.columns) && (target ? has(target.columns, fk.references.columns) : !schemas.has(fk.references.schema));
    // MySQL refuses to drop a table a key references: one gone from this account's view was more likely renamed, which the key follows unseen.
    if (!possible) {
      warnings.push(
        `${table.schema}.${table.name}: foreign key ${fk.name ?? `(${fk.columns.join(', ')})`} was not carried forward: the columns or the table it joins are gone, or were renamed (the key then follows them, which this account cannot see); a snapshot by an account that sees foreign keys records it as it is`,
      );
    }
    return possible;
  });
  return kept.length ? kept : undefined;
}

/**
 * The live snapshot with every hidden part taken from `previous`: a hidden kind replaced by the
 * previous snapshot's objects of that kind, hidden triggers by each table's previous triggers, a
 * hidden object by the previous one, a hidden attribute (and what is derived from it) by the same
 * object's previous value. Also the warnings that say so.
 */
export function carryForward(live: Snapshot, hidden: HiddenPart[], previous: Previous | undefined): { snapshot: Snapshot; warnings: string[] } {
  if (hidden.length === 0) return { snapshot: live, warnings: [] };
  if (!previous) return { snapshot: live, warnings: hidden.map(notCarried) };
  const from = previous.commit.slice(0, 7);
  // The same MySQL schema read from a database of another name (`diff --live` against staging's
  // copy, a target moved to a renamed database): the previous objects are read under the live name,
  // as the diff pairs the two databases, or every hidden part would be missing from the live side.
  // Within one dialect only: the diff pairs a SQLite file's `main` with a MySQL database too, but
  // SQLite's view bodies and keys are no stand-in for what a MySQL account cannot see.
  const rename =
    previous.snapshot.meta.dialect === live.meta.dialect
      ? singleSchemaMap(
          { dialect: previous.snapshot.meta.dialect, schemas: previous.snapshot.schemas.map((s) => s.name) },
          { dialect: live.meta.dialect, schemas: live.schemas.map((s) => s.name) },
        )
      : new Map<string, string>();
  const earlier = previous.snapshot.objects.map((o) => mapObject(o, rename, previous.snapshot.meta.dialect));
  const before = new Map(earlier.map((o) => [objectKey(o), o]));
  const wholeKinds = hidden.filter((p) => isWholeKind(p) && p.kind !== 'trigger');
  const inHiddenKind = (object: SchemaObject) =>
    wholeKinds.some((p) => p.schema === object.schema && (p.kind === object.kind || (object.kind === 'unknown' && object.object_type.split(', ').every((t) => p.rawTypes?.includes(t)))));
  const triggerSchemas = new Set(hidden.filter((p) => isWholeKind(p) && p.kind === 'trigger').map((p) => p.schema));
  const kindAttributes = hidden.filter(isKindAttribute);
  const attributes = new Map<string, HiddenPart[]>();
  const wholeObjects = new Map(hidden.filter(isWholeObject).map((p) => [keyOf(p.schema, p.kind, p.object!), p]));
  for (const part of hidden.filter((p) => !isWholeKind(p) && !isKindAttribute(p) && !isWholeObject(p))) {
    const key = keyOf(part.schema, part.kind, part.object!);
    attributes.set(key, [...(attributes.get(key) ?? []), part]);
  }

  const warnings: string[] = [];
  const newWithTriggers = new Map<string, number>();
  /** Per kind-wide attribute, how many objects are new since the previous snapshot (recorded as visible). */
  const newWithout = new Map<HiddenPart, number>();
  const objects: SchemaObject[] = [];
  for (const object of live.objects) {
    if (inHiddenKind(object)) continue;
    const old = before.get(objectKey(object));
    const whole = wholeObjects.get(objectKey(object));
    if (whole) {
      objects.push(old ?? object);
      warnings.push(old ? `${whole.schema}.${whole.object}: ${whole.reason}; carried forward unchanged from snapshot ${from}` : notCarried(whole));
      continue;
    }
    const taken: Record<string, unknown> = {};
    if (triggerSchemas.has(object.schema) && holdsTriggers(object)) {
      if (old && holdsTriggers(old)) taken.triggers = old.triggers;
      else if (object.kind === 'table') newWithTriggers.set(object.schema, (newWithTriggers.get(object.schema) ?? 0) + 1);
    }
    for (const part of kindAttributes) {
      if (part.schema !== object.schema || part.kind !== object.kind) continue;
      if (!old) newWithout.set(part, (newWithout.get(part) ?? 0) + 1);
      else if (part.attribute === 'foreign_keys' && object.kind === 'table' && old.kind === 'table') taken.foreign_keys = possibleKeys(object, old.foreign_keys, live, warnings);
      else taken[part.attribute!] = (old as unknown as Record<string, unknown>)[part.attribute!];
    }
    let carried = Object.keys(taken).length ? ({ ...object, ...taken } as SchemaObject) : object;
    for (const part of attributes.get(objectKey(object)) ?? []) {
      if (!old || !heldBefore(old, part)) {
        warnings.push(notCarried(part));
        continue;
      }
      carried = withPrevious(carried, old, part);
      warnings.push(`${part.schema}.${part.object}: its ${ownAttribute(part)} was not re-read (${part.reason}); carried forward unchanged from snapshot ${from}`);
    }
    objects.push(carried === object ? object : normalizeObject(carried));
  }
  for (const old of earlier) {
    if (inHiddenKind(old)) objects.push(old);
  }
  const kindWarnings = hidden.filter(isWholeKind).map((part) => {
    const added = part.kind === 'trigger' ? newWithTriggers.get(part.schema) : undefined;
    const fresh = added ? `; ${added} table(s) new since then recorded with only the triggers visible` : '';
    return `${kindLabel(part)} of ${part.schema} were not re-read (${part.reason}); carried forward unchanged from snapshot ${from}${fresh}`;
  });
  const attributeWarnings = kindAttributes.map((part) => {
    const added = newWithout.get(part);
    const fresh = added ? `; ${added} new since then recorded with what is visible` : '';
    return `${attributeLabel(part)} of ${part.schema} were not re-read (${part.reason}); carried forward unchanged from snapshot ${from}${fresh}`;
  });
  return { snapshot: { ...live, objects: sortObjects(objects) }, warnings: [...kindWarnings, ...attributeWarnings, ...warnings] };
}
