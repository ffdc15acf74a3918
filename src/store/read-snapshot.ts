// Reads snapshots back from git objects into the model.
import { decodeMeta, decodeObject, decodeSchema, META_FILE, parsePath } from '../codec/layout.js';
import { sortObjects } from '../model/canonical.js';
import type { SchemaInfo, SchemaObject, Snapshot } from '../model/types.js';
import { StorageError } from '../errors.js';
import { parseCommit, type CommitData } from './git-format.js';
import type { ObjectStore } from './objects.js';
import { listTreeFiles, type FileIndex } from './tree-files.js';

export interface SnapshotCommit {
  oid: string;
  commit: CommitData;
}

export async function readCommit(objects: ObjectStore, oid: string): Promise<SnapshotCommit> {
  return { oid, commit: parseCommit(await objects.readTyped(oid, 'commit'), oid) };
}

export async function readText(objects: ObjectStore, oid: string): Promise<string> {
  // Read synchronously where we can: 10,000 awaits cost more than the reads themselves.
  const found = objects.readSync(oid);
  if (found?.type === 'blob') return found.content.toString('utf8');
  return (await objects.readTyped(oid, 'blob')).toString('utf8');
}

function decodeFailure(path: string, blob: string, error: unknown): never {
  if (error instanceof StorageError) throw error;
  throw new StorageError(`snapshot file ${path} (blob ${blob.slice(0, 12)}) cannot be read: ${(error as Error).message}`, 'BAD_SNAPSHOT_FILE', error);
}

/** The blob of a snapshot tree's meta file: a tree without one (a branch commit) is no snapshot. */
export function metaBlob(files: FileIndex): string {
  const oid = files.get(META_FILE);
  if (!oid) throw new StorageError(`snapshot tree has no ${META_FILE}; it was not written by datatrack`, 'NOT_A_SNAPSHOT');
  return oid;
}

/** Decodes every file of a snapshot tree into the model. */
export async function readSnapshotFiles(objects: ObjectStore, files: FileIndex): Promise<Snapshot> {
  const metaOid = metaBlob(files);
  let meta;
  try {
    const { counts: _counts, ...rest } = decodeMeta(await readText(objects, metaOid));
    meta = rest;
  } catch (error) {
    decodeFailure(META_FILE, metaOid, error);
  }
  const schemas: SchemaInfo[] = [];
  const objectsRead: SchemaObject[] = [];
  for (const [path, oid] of files) {
    const parsed = parsePath(path);
    if (!parsed || parsed.type === 'meta') continue;
    try {
      const text = await readText(objects, oid);
      if (parsed.type === 'schema') schemas.push(decodeSchema(text, path));
      else objectsRead.push(decodeObject(text, path, parsed.kind));
    } catch (error) {
      decodeFailure(path, oid, error);
    }
  }
  schemas.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { meta, schemas, objects: sortObjects(objectsRead) };
}

export async function readSnapshot(objects: ObjectStore, commitOid: string): Promise<{ snapshot: Snapshot; commit: SnapshotCommit; files: FileIndex }> {
  const commit = await readCommit(objects, commitOid);
  const files = await listTreeFiles(objects, commit.commit.tree);
  return { snapshot: await readSnapshotFiles(objects, files), commit, files };
}
