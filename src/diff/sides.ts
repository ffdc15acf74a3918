// The two things a diff compares: a snapshot in git (read lazily, blob by blob), a live database
// introspected just now (hashed in memory, never written), or nothing (before a first snapshot).
import { decodeMeta, decodeObject, decodeSchema, encodeSnapshot, META_FILE, objectPath, parsePath, schemaPath } from '../codec/layout.js';
import { decodeSegment } from '../codec/path-encoding.js';
import { StorageError } from '../errors.js';
import type { SchemaInfo, Snapshot, SnapshotMeta } from '../model/types.js';
import type { Scope } from '../snapshot/scope.js';
import { parseTree, TREE_MODE, type TreeEntry } from '../store/git-format.js';
import { hashObject, type ObjectStore } from '../store/objects.js';
import { notASnapshot, readCommit, readText, unreadableFile } from '../store/read-snapshot.js';
import { findTreeFile, listTreeFiles, type FileIndex } from '../store/tree-files.js';
import type { Loaded } from './model-diff.js';

export interface Endpoint {
  target: string | null;
  /** null for a live database and for "before the first snapshot". */
  commit: string | null;
  live?: true;
}

export interface Side {
  endpoint: Endpoint;
  source: 'git' | 'live' | 'none';
  /** The git tree, when the side is a snapshot in git. */
  tree?: string;
  index(): Promise<FileIndex>;
  /** The schemas the side holds (from the tree's top level, without listing the whole tree). */
  schemas(): Promise<string[]>;
  meta(): Promise<SnapshotMeta | undefined>;
  load(path: string, blob: string): Promise<Loaded>;
  /** The file at a path, read alone (without listing the tree), or undefined where there is none. */
  file(path: string): Promise<Loaded | undefined>;
  /** A schema's own file (its defaults), read alone. */
  schema(name: string): Promise<SchemaInfo | undefined>;
  /** A live database's: what the target tracks, the same on the side it is compared with. */
  scope?: Scope;
}

/** One snapshot file (a schema's or an object's) from git, decoded into the model. */
export async function loadFile(objects: ObjectStore, path: string, blob: string): Promise<Loaded> {
  const where = parsePath(path);
  try {
    const text = await readText(objects, blob);
    if (where?.type === 'schema') return { type: 'schema', info: decodeSchema(text, path) };
    if (where?.type === 'object') return { type: 'object', object: decodeObject(text, path, where.kind) };
  } catch (error) {
    throw unreadableFile(path, blob, error);
  }
  throw new StorageError(`snapshot file ${path} is not part of the datatrack layout`, 'BAD_SNAPSHOT_FILE');
}

/** A schema's file in a snapshot's tree (two or three tree reads and one blob), or undefined where it has none. */
export async function schemaFile(objects: ObjectStore, tree: string, name: string): Promise<SchemaInfo | undefined> {
  const path = schemaPath(name).join('/');
  const blob = await findTreeFile(objects, tree, path);
  const loaded = blob ? await loadFile(objects, path, blob) : undefined;
  return loaded?.type === 'schema' ? loaded.info : undefined;
}

export async function gitSide(objects: ObjectStore, commit: string, target: string | null): Promise<Side> {
  const { commit: data } = await readCommit(objects, commit);
  let index: Promise<FileIndex> | undefined;
  let meta: Promise<SnapshotMeta | undefined> | undefined;
  let root: Promise<TreeEntry[]> | undefined;
  const top = () => (root ??= objects.readTyped(data.tree, 'tree').then((content) => parseTree(content, data.tree)));
  const side: Side = {
    endpoint: { target, commit },
    source: 'git',
    tree: data.tree,
    index: () => (index ??= listTreeFiles(objects, data.tree)),
    schemas: async () => (await top()).filter((e) => e.mode === TREE_MODE).map((e) => decodeSegment(e.name)),
    meta: () =>
      (meta ??= (async () => {
        const entry = (await top()).find((e) => e.name === META_FILE);
        if (!entry) throw notASnapshot(commit);
        try {
          const { counts: _counts, ...rest } = decodeMeta(await readText(objects, entry.oid));
          return rest;
        } catch (error) {
          throw unreadableFile(META_FILE, entry.oid, error);
        }
      })()),
    load: (path, blob) => loadFile(objects, path, blob),
    file: async (path) => {
      const blob = await findTreeFile(objects, data.tree, path);
      return blob ? loadFile(objects, path, blob) : undefined;
    },
    schema: (name) => schemaFile(objects, data.tree, name),
  };
  return side;
}

export function liveSide(snapshot: Snapshot, target: string, scope?: Scope): Side {
  const index: FileIndex = new Map();
  for (const file of encodeSnapshot(snapshot)) index.set(file.path.join('/'), hashObject('blob', Buffer.from(file.text, 'utf8')).oid);
  const loaded = new Map<string, Loaded>();
  for (const info of snapshot.schemas) loaded.set(schemaPath(info.name).join('/'), { type: 'schema', info });
  for (const object of snapshot.objects) loaded.set(objectPath(object).join('/'), { type: 'object', object });
  return {
    endpoint: { target, commit: null, live: true },
    source: 'live',
    scope,
    index: async () => index,
    schemas: async () => snapshot.schemas.map((s) => s.name),
    meta: async () => snapshot.meta,
    load: async (path) => loaded.get(path)!,
    file: async (path) => loaded.get(path),
    schema: async (name) => snapshot.schemas.find((s) => s.name === name),
  };
}

export function emptySide(target: string | null): Side {
  return {
    endpoint: { target, commit: null },
    source: 'none',
    index: async () => new Map(),
    schemas: async () => [],
    meta: async () => undefined,
    load: async (path) => {
      throw new Error(`an empty snapshot has no ${path}`);
    },
    file: async () => undefined,
    schema: async () => undefined,
  };
}
