// The model diff: changed snapshot files in, typed changes out. Pure (no git, no I/O). Objects are
// identified by their file path (schema, kind, name); an object removed and one added count as a
// rename when the configuration says so, and two tables of the same shape as a likely rename (a
// hint on the pair; datatrack never guesses a rename into the result on its own).
import { encodeObject, objectPath, schemaPath } from '../codec/layout.js';
import { foldName } from '../model/names.js';
import { canonicalShape } from '../model/canonical.js';
import { inSetOrder } from '../model/set-order.js';
import type { Dialect, SchemaInfo, SchemaObject, Snapshot } from '../model/types.js';
import { attributeChanges } from './attributes.js';
import { relaidBodies } from './body-layout.js';
import type { ModelChange } from './change.js';
import { foldInheritedCopies } from './inherited-copies.js';
import { withInheritedRenames } from './inherited-renames.js';
import { likelyRenames } from './likely-renames.js';
import { withSchemaCharset } from './routine-charset.js';
import { withoutAppendedRowEnd } from './row-end-keys.js';
import { spelledAlike } from './sql-spelling.js';
import { diffObject, OBJECT_KINDS, objectLabel, readableObjectLabel } from './objects.js';
import { heldInPairs, renamesAsSpelled } from './rename-spelling.js';
import { holdsName, renamedNames, trackedNames, type HeldBeside } from './renamed-references.js';
import { mapObject, mapSchemaInfo, type SchemaMap } from './schema-map.js';
import { NO_SETTINGS, renamedPath, renameChainLength, renameRings, type HeldNames, type RenameMap } from './settings.js';

export type Loaded = { type: 'schema'; info: SchemaInfo } | { type: 'object'; object: SchemaObject };

/** One snapshot file that differs: its path (to-side naming) and what each side holds there. */
export interface FilePair {
  path: string;
  from?: Loaded;
  to?: Loaded;
  /** The schema each side's object is in, where the diff needs its defaults (routineCharset). */
  schemas?: { from?: SchemaInfo; to?: SchemaInfo };
}

interface Entry {
  sortKey: string;
  changes: ModelChange[];
  /** The files the entry compared. */
  files: string[];
}

/** The typed changes of some files, and the files that differ with nothing changed in them. */
export interface FilesDiff {
  changes: ModelChange[];
  /** Files whose text differs but whose objects are the same in meaning: SQL written another way (SQLite keeps a statement as written), sets a server keeps unordered in another order. */
  respelled: string[];
}

function schemaChanges(pair: FilePair, from: SchemaInfo | undefined, to: SchemaInfo | undefined): ModelChange[] {
  const base = { kind: 'schema' as const, path: pair.path };
  if (!from) return [{ ...base, action: 'add', object: to!.name, after: to }];
  if (!to) return [{ ...base, action: 'remove', object: from.name, before: from }];
  return attributeChanges(from, to, new Set(['name']), 'schema').map((c) => ({ ...base, action: 'modify', object: to.name, ...c, before: from, after: to }));
}

/** Kinds whose removed and added objects of one shape are hinted as a likely rename (or a move to another schema). */
const HINTED_KINDS = new Set<SchemaObject['kind']>(['table', 'view', 'materialized_view', 'type', 'sequence']);

/**
 * What a renamed object keeps: a table its columns, and a partition its parent and bound
 * (partitions rotated by date share their columns, not their bounds); a view its query, a type its
 * values or attributes, a sequence its parameters: all but its names (a table's keys and indexes are
 * named after it) and its comment.
 */
const renameShape = (object: SchemaObject, foldColumns: boolean | undefined) => {
  if (object.kind === 'table') return [object.columns.map((c) => [foldColumns ? foldName(c.name) : c.name, c.type, c.nullable]), object.partition_of ?? null];
  const { name: _name, schema: _schema, ...kept } = object as SchemaObject & { comment?: string };
  const query = object.kind === 'view' && typeof object.definition === 'string' ? { definition: object.definition.replace(NAMING_HEADER, 'CREATE VIEW') } : {};
  return { ...kept, ...query, comment: undefined };
};

/**
 * How far apart two objects' shapes are (renameShape): for tables, how many columns (name, type,
 * nullability) one has that the other lacks, and one more where their partition parent or bound
 * differs; for other kinds, whether their shapes differ at all.
 */
function shapeDistance(a: SchemaObject, b: SchemaObject, foldColumns: boolean | undefined): number {
  const [shapeA, shapeB] = [renameShape(a, foldColumns), renameShape(b, foldColumns)];
  if (a.kind !== 'table' || b.kind !== 'table') return JSON.stringify(shapeA) === JSON.stringify(shapeB) ? 0 : 1;
  const [[columnsA, partitionA], [columnsB, partitionB]] = [shapeA, shapeB] as [[unknown[], unknown], [unknown[], unknown]];
  const count = new Map<string, number>();
  for (const column of columnsA) count.set(JSON.stringify(column), (count.get(JSON.stringify(column)) ?? 0) + 1);
  for (const column of columnsB) count.set(JSON.stringify(column), (count.get(JSON.stringify(column)) ?? 0) - 1);
  return [...count.values()].reduce((sum, n) => sum + Math.abs(n), 0) + (JSON.stringify(partitionA) === JSON.stringify(partitionB) ? 0 : 1);
}

/**
 * The head of a SQLite view's or virtual table's definition, which is its whole CREATE statement
 * and so names the object: left out of a view's shape, or a view dropped and created again under
 * another name (SQLite cannot rename one) would never be hinted. PostgreSQL and MySQL keep a view's
 * query alone, but pg_get_functiondef's CREATE OR REPLACE FUNCTION names the routine too.
 */
const NAME = String.raw`(?:"(?:[^"]|"")*"|\`(?:[^\`]|\`\`)*\`|\[[^\]]*\]|[^\s.("\`\[]+)`;
const NAMING_HEADER = new RegExp(
  String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:VIEW|VIRTUAL\s+TABLE|FUNCTION|PROCEDURE)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:${NAME}\s*\.\s*)?${NAME}`,
  'i',
);

/**
 * A renamed object's old version with its definition naming it as the new one does: a SQLite view
 * or virtual table is its whole CREATE statement, whose name changed with the object's (the rename
 * says so); only the rest of the statement is compared.
 */
function namedAsRenamed(from: SchemaObject, to: SchemaObject): SchemaObject {
  const [before, after] = [(from as { definition?: unknown }).definition, (to as { definition?: unknown }).definition];
  if (typeof before !== 'string' || typeof after !== 'string') return from;
  const head = NAMING_HEADER.exec(after)?.[0];
  return head === undefined || !NAMING_HEADER.test(before) ? from : ({ ...from, definition: before.replace(NAMING_HEADER, () => head) } as SchemaObject);
}

/** Sorts schema files before the objects of their schema, then by kind directory and name. */
const sortKey = (path: string) => path.replace(/\/schema\.yaml$/, '/');

export interface DiffOptions {
  renames?: RenameMap;
  /** Names that differ only in case are the same object (SQLite). */
  caseInsensitive?: boolean;
  /** Names of objects of these kinds that differ only in case are the same (MySQL's routines and events). */
  caseInsensitiveKinds?: ReadonlySet<string>;
  /** Column, index and key names that differ only in case are the same (SQLite, MySQL). */
  caseInsensitiveColumns?: boolean;
  /** Text columns take charset and collation from their table where they record none (MySQL). */
  tableCharset?: boolean;
  /** A string literal in SQL text takes backslash escapes (MySQL). */
  backslashEscapes?: boolean;
  /** SQL text is kept as written: a respelling is no change (SQLite). */
  writtenSql?: boolean;
  /** Routine bodies are kept as written in this dialect: relaid (spacing, comments), they are no change. */
  writtenBodies?: Dialect;
  /** A routine is its schema, type and name whatever its argument types (MySQL). */
  routinesByName?: boolean;
  /** A routine's text types may leave out their schema's default charset and collation (MySQL; FilePair.schemas). */
  routineCharset?: boolean;
  /** Sets the server keeps in written order are sorted on both sides: older snapshots hold them unsorted (PostgreSQL). */
  writtenOrderSets?: Dialect;
  /** A system-versioned table's unique keys are compared without the ROW END column the server appends (MariaDB). */
  rowEndKeys?: boolean;
  /** Column types and defaults name types and sequences as PostgreSQL deparses them: a configured rename of one renames them, as an extension moved to another schema does its own (renamed-references.ts). */
  deparsedReferences?: boolean;
  /** A foreign key is deferred by INITIALLY DEFERRED alone: its DEFERRABLE is not compared (SQLite). */
  initiallyDeferredOnly?: boolean;
  /** What each side holds beyond the files compared: no extension owns it (deparsedReferences). */
  heldBeside?: HeldBeside;
  /** The dialect whose CREATE SEQUENCE picks the min and max a snapshot leaves out (model/sequence-bounds.ts). */
  sequenceBounds?: Dialect;
}

export function diffFiles(pairs: FilePair[], options: DiffOptions = {}): FilesDiff {
  const renames = renamesAsSpelled(options.renames ?? NO_SETTINGS.renames, heldInPairs(pairs), options);
  // The two sides as compared where the dialect keeps text as written: a respelling is no change (sql-spelling.ts, body-layout.ts).
  const spelledAs = (from: SchemaObject, to: SchemaObject): [SchemaObject, SchemaObject] =>
    options.writtenSql ? spelledAlike(from, to) : [options.writtenBodies ? relaidBodies(from, to, options.writtenBodies) : from, to];
  const entries: Entry[] = [];
  const removed: { pair: FilePair; object: SchemaObject }[] = [];
  const added: { pair: FilePair; object: SchemaObject }[] = [];
  const kept: { pair: FilePair; from: SchemaObject; to: SchemaObject }[] = [];
  // An object as compared: a routine with the defaults of its schema spelled out, the sets
  // PostgreSQL keeps in written order sorted, and a versioned table's keys as MariaDB was given them.
  const sortedSets = (l: Loaded | undefined): Loaded | undefined => (options.writtenOrderSets && l?.type === 'object' ? { type: 'object', object: inSetOrder(l.object, options.writtenOrderSets) } : l);
  const read = (pair: FilePair, side: 'from' | 'to'): Loaded | undefined => {
    const loaded = sortedSets(pair[side]);
    if (loaded?.type !== 'object') return loaded;
    if (options.routineCharset && loaded.object.kind === 'routine') return { type: 'object', object: withSchemaCharset(loaded.object, pair.schemas?.[side]) };
    if (options.rowEndKeys && loaded.object.kind === 'table') return { type: 'object', object: withoutAppendedRowEnd(loaded.object) };
    return loaded;
  };
  for (const pair of pairs) {
    const [from, to] = [read(pair, 'from'), read(pair, 'to')];
    if (from?.type === 'schema' || to?.type === 'schema') {
      const info = (l: Loaded | undefined) => (l?.type === 'schema' ? l.info : undefined);
      entries.push({ sortKey: sortKey(pair.path), changes: schemaChanges(pair, info(from), info(to)), files: [pair.path] });
    } else if (from?.type === 'object' && to?.type === 'object') kept.push({ pair, from: from.object, to: to.object });
    else if (from?.type === 'object') removed.push({ pair, object: from.object });
    else if (to?.type === 'object') added.push({ pair, object: to.object });
  }
  // An object renamed as configured whose old name a new object took since (users → users_old,
  // then a new users) is the renamed one's, and the new one is added: not one object changed. Read
  // backwards, the old name's object is removed and the renamed one takes its name. An object's
  // new name is the one its renames lead to on the other side, whatever is there; a chain of them
  // passes no name the older side holds: from users_old and a new users, users → users_old →
  // archive renames users_old and leaves the new users be.
  const labels = (objects: SchemaObject[]) => new Set(objects.map(objectLabel));
  const fromHeld = labels([...removed.map((x) => x.object), ...kept.map((x) => x.from)]);
  const toHeld = labels([...added.map((x) => x.object), ...kept.map((x) => x.to)]);
  const held: HeldNames = { here: (path) => fromHeld.has(path), there: (path) => toHeld.has(path) };
  // The name an object is renamed to where the other side holds one of its kind there (`at`).
  const renamedInto = (object: SchemaObject, at: Map<string, SchemaObject['kind']>) => {
    const to = renamedPath(renames, objectLabel(object), (path) => toHeld.has(path), held);
    return to !== undefined && at.get(to) === object.kind ? to : undefined;
  };
  const addedAt = new Map(added.map((x) => [objectLabel(x.object), x.object.kind]));
  const keptAt = new Map(kept.map((x) => [objectLabel(x.to), x.to.kind]));
  const taken = new Set(removed.map((x) => renamedInto(x.object, keptAt)));
  // Objects that swapped names as configured (a → b, b → a), where their shapes say this diff
  // crossed the swap: read as swapped, each is closer to its new name's object than, read in
  // place, to its old one's, all told (one may have changed beside the swap: a column added).
  // Alike either way (two tables of one shape) they are taken as they stand.
  const keptByLabel = new Map(kept.map((x) => [objectLabel(x.from), x]));
  const shapeText = (object: SchemaObject) => JSON.stringify(renameShape(object, options.caseInsensitiveColumns));
  const apart = (a: SchemaObject, b: SchemaObject) => shapeDistance(a, b, options.caseInsensitiveColumns);
  const swapped = new Set<string>();
  for (const ring of renameRings(renames, (path) => keptByLabel.has(path))) {
    const kinds = new Set(ring.map(([a]) => keptByLabel.get(a)!.from.kind));
    const asSwapped = ring.reduce((sum, [a, b]) => sum + apart(keptByLabel.get(a)!.from, keptByLabel.get(b)!.to), 0);
    const inPlace = ring.reduce((sum, [a]) => sum + apart(keptByLabel.get(a)!.from, keptByLabel.get(a)!.to), 0);
    if (kinds.size === 1 && asSwapped < inPlace && ring.every(([a]) => !swapped.has(a))) for (const [a] of ring) swapped.add(a);
  }
  const split = ({ from, to }: (typeof kept)[number]) =>
    swapped.has(objectLabel(from)) || taken.has(objectLabel(to)) || renamedInto(from, addedAt) !== undefined;
  for (const { pair, from, to } of kept.filter(split)) {
    removed.push({ pair, object: from });
    added.push({ pair, object: to });
  }
  const keptWhole = kept.filter((x) => !split(x));

  const paired = new Set<SchemaObject>();
  // The added objects a removed one may pair with, looked up by key rather than searched: a schema
  // renamed or moved (thousands of tables removed and added) would otherwise compare every pair.
  const byKey = (key: (object: SchemaObject) => string | undefined) => {
    const index = new Map<string, typeof added>();
    for (const x of added) {
      const k = key(x.object);
      if (k !== undefined) (index.get(k) ?? index.set(k, []).get(k)!).push(x);
    }
    return (k: string | undefined) => (k === undefined ? undefined : index.get(k)?.find((x) => !paired.has(x.object)));
  };
  const byLabel = byKey((o) => `${o.kind}\u0000${objectLabel(o)}`);
  const folds = (o: SchemaObject) => options.caseInsensitive === true || options.caseInsensitiveKinds?.has(o.kind) === true;
  const byFoldedName = (o: SchemaObject) => (folds(o) ? `${o.kind}\u0000${foldName(objectLabel(o))}` : undefined);
  const sameName = options.caseInsensitive || options.caseInsensitiveKinds?.size ? byKey(byFoldedName) : undefined;
  const routineKey = (o: SchemaObject) => (o.kind === 'routine' ? JSON.stringify([o.schema, folds(o) ? foldName(o.name) : o.name, o.routine_type]) : undefined);
  const sameRoutine = options.routinesByName ? byKey(routineKey) : undefined;
  // An extension's name is the database's (CREATE EXTENSION names it in no schema): one of its name
  // in another schema is it, moved by ALTER EXTENSION … SET SCHEMA.
  const extensionKey = (o: SchemaObject) => (o.kind === 'extension' ? o.name : undefined);
  const sameExtension = byKey(extensionKey);
  const chainFirst = renames.size === 0 ? removed : [...removed].sort((a, b) => renameChainLength(renames, objectLabel(b.object)) - renameChainLength(renames, objectLabel(a.object)));
  const matches: [removed: (typeof removed)[number], added: (typeof added)[number]][] = [];
  for (const r of chainFirst) {
    const named = (path: string) => byLabel(`${r.object.kind}\u0000${path}`);
    const target = renamedPath(renames, objectLabel(r.object), (path) => named(path) !== undefined, held);
    const a = (target === undefined ? undefined : named(target)) ?? sameName?.(byFoldedName(r.object)) ?? sameRoutine?.(routineKey(r.object)) ?? sameExtension(extensionKey(r.object));
    if (!a) continue;
    paired.add(r.object).add(a.object);
    matches.push([r, a]);
  }

  // Objects are compared with the renames their columns take from their parents' too, and with the
  // types and sequences renamed here renamed in the texts that name them.
  const columnRenames = withInheritedRenames(keptWhole, renames);
  const renamedReferences = options.deparsedReferences ? renamedNames(matches.map(([r, a]) => [r.object, a.object]), trackedNames(pairs, options.heldBeside)) : undefined;
  const context = (pair: FilePair) => ({
    path: pair.path,
    renames: columnRenames,
    renamedReferences,
    caseInsensitive: options.caseInsensitive,
    caseInsensitiveColumns: options.caseInsensitiveColumns,
    tableCharset: options.tableCharset,
    backslashEscapes: options.backslashEscapes,
    initiallyDeferredOnly: options.initiallyDeferredOnly,
    sequenceBounds: options.sequenceBounds,
  });
  for (const { pair, from, to } of keptWhole) entries.push({ sortKey: sortKey(pair.path), changes: diffObject(...spelledAs(from, to), context(pair)), files: [pair.path] });
  for (const [r, a] of matches) {
    const base = { kind: OBJECT_KINDS[a.object.kind], path: a.pair.path, before: r.object, after: a.object };
    // Moved to another schema (`public.t: archive.t`), it is renamed by its whole path.
    const [from, to] = r.object.schema === a.object.schema ? [r.object.name, a.object.name] : [objectLabel(r.object), objectLabel(a.object)];
    const rename: ModelChange[] = from === to ? [] : [{ ...base, action: 'rename', object: objectLabel(a.object), from, to }];
    const before = rename.length ? namedAsRenamed(r.object, a.object) : r.object;
    const changes = [...rename, ...diffObject(...spelledAs(before, a.object), context(a.pair))];
    const moved = r.pair.path === a.pair.path ? changes : changes.map((change) => ({ ...change, renamedFrom: r.pair.path }));
    entries.push({ sortKey: sortKey(a.pair.path), changes: moved, files: [...new Set([r.pair.path, a.pair.path])] });
  }

  const hints = new Map<SchemaObject, string>();
  // By kind across schemas: ALTER … SET SCHEMA moves an object as a rename does (into a schema just
  // created too). Not out of a schema dropped into one created: with a schema per tenant, one tenant
  // gone and another come would hint each table of the one as renamed to its twin in the other.
  const [dropped, created] = [new Set<string>(), new Set<string>()];
  for (const { from, to } of pairs) {
    if (from?.type === 'schema' && to === undefined) dropped.add(from.info.name);
    if (to?.type === 'schema' && from === undefined) created.add(to.info.name);
  }
  const byKind = (list: typeof removed) => {
    const groups = new Map<string, typeof removed>();
    for (const x of list) {
      if (!HINTED_KINDS.has(x.object.kind) || paired.has(x.object)) continue;
      (groups.get(x.object.kind) ?? groups.set(x.object.kind, []).get(x.object.kind)!).push(x);
    }
    return groups;
  };
  const addedByKind = byKind(added);
  for (const [kind, gone] of byKind(removed)) {
    const likely = likelyRenames(gone, addedByKind.get(kind) ?? [], (x) => shapeText(x.object));
    for (const [from, to] of likely) {
      if (dropped.has(from.object.schema) && created.has(to.object.schema)) continue;
      hints.set(from.object, `likely renamed to ${readableObjectLabel(to.object)}`);
      hints.set(to.object, `likely renamed from ${readableObjectLabel(from.object)}`);
    }
  }
  const single = (x: { pair: FilePair; object: SchemaObject }, action: 'add' | 'remove'): Entry => {
    const hint = hints.get(x.object);
    const side = action === 'add' ? { after: x.object } : { before: x.object };
    const change: ModelChange = { action, kind: OBJECT_KINDS[x.object.kind], object: objectLabel(x.object), path: x.pair.path, ...side, ...(hint ? { hint } : {}) };
    return { sortKey: sortKey(x.pair.path), changes: [change], files: [x.pair.path] };
  };
  for (const r of removed) if (!paired.has(r.object)) entries.push(single(r, 'remove'));
  for (const a of added) if (!paired.has(a.object)) entries.push(single(a, 'add'));

  entries.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return { changes: foldInheritedCopies(entries.flatMap((e) => e.changes)), respelled: entries.flatMap((e) => (e.changes.length ? [] : e.files)) };
}

/** The files of a whole snapshot, path → what it holds, with the canonical text that git would store. */
function snapshotFiles(snapshot: Snapshot | undefined, map: SchemaMap): Map<string, { loaded: Loaded; text: string }> {
  const files = new Map<string, { loaded: Loaded; text: string }>();
  if (!snapshot) return files;
  for (const schema of snapshot.schemas) {
    const info = mapSchemaInfo(schema, map);
    files.set(schemaPath(info.name).join('/'), { loaded: { type: 'schema', info }, text: JSON.stringify(canonicalShape(info, 'schema')) });
  }
  for (const raw of snapshot.objects) {
    const object = mapObject(raw, map, snapshot.meta.dialect);
    files.set(objectPath(object).join('/'), { loaded: { type: 'object', object }, text: encodeObject(object).text });
  }
  return files;
}

/** Two models in memory (tests, tools): the same diff as from git, comparing canonical file texts. */
export function diffSnapshots(from: Snapshot | undefined, to: Snapshot, options: DiffOptions & { schemaMap?: SchemaMap } = {}): ModelChange[] {
  const before = snapshotFiles(from, options.schemaMap ?? new Map());
  const after = snapshotFiles(to, new Map());
  const schemaOf = (files: typeof before, loaded: Loaded | undefined) => {
    const info = loaded?.type === 'object' ? files.get(schemaPath(loaded.object.schema).join('/'))?.loaded : undefined;
    return info?.type === 'schema' ? info.info : undefined;
  };
  const pairs: FilePair[] = [];
  const pair = (path: string, a: Loaded | undefined, b: Loaded | undefined) => pairs.push({ path, from: a, to: b, schemas: { from: schemaOf(before, a), to: schemaOf(after, b) } });
  for (const [path, a] of before) {
    const b = after.get(path);
    if (b?.text !== a.text) pair(path, a.loaded, b?.loaded);
  }
  for (const [path, b] of after) if (!before.has(path)) pair(path, undefined, b.loaded);
  // Whole snapshots: what an extension moved to another schema owns is what neither holds.
  const holds = (files: typeof before) => holdsName([...files.values()].flatMap(({ loaded }) => (loaded.type === 'object' ? [loaded.object] : [])));
  return diffFiles(pairs, { heldBeside: { from: holds(before), to: holds(after) }, ...options }).changes;
}
