// Reads snapshots back from git objects into the model.
import { decodeMeta, decodeObject, decodeSchema, META_FILE, parsePath } from '../codec/layout.js';
import { YamlSyntaxError } from '../codec/yaml-parse.js';
import { sortObjects } from '../model/canonical.js';
import type { Dialect, SchemaInfo, SchemaObject, Snapshot } from '../model/types.js';
import { StorageError, UsageError } from '../errors.js';
import { parseCommitMessage } from './commit-message.js';
import { parseCommit, type CommitData } from './git-format.js';
import type { ObjectStore } from './objects.js';
import { findTreeFile, listTreeFiles, type FileIndex } from './tree-files.js';

export interface SnapshotCommit {
  oid: string;
  commit: CommitData;
}

export async function readCommit(objects: ObjectStore, oid: string): Promise<SnapshotCommit> {
  return { oid, commit: parseCommit(await objects.readTyped(oid, 'commit'), oid) };
}

/**
 * Whether a commit is a snapshot: one datatrack wrote says so in its message; any other (another
 * tool's, a branch commit a ref was built on) only if its tree holds the meta file.
 */
export async function isSnapshotCommit(objects: ObjectStore, oid: string): Promise<boolean> {
  const { commit } = await readCommit(objects, oid);
  return parseCommitMessage(commit.message).dialect !== undefined || (await findTreeFile(objects, commit.tree, META_FILE)) !== undefined;
}

export async function readText(objects: ObjectStore, oid: string): Promise<string> {
  // Read synchronously where we can: 10,000 awaits cost more than the reads themselves.
  const found = objects.readSync(oid);
  if (found?.type === 'blob') return found.content.toString('utf8');
  return (await objects.readTyped(oid, 'blob')).toString('utf8');
}

/** A snapshot file that does not decode (damaged, or edited by hand): a storage error that names it. */
export function unreadableFile(path: string, blob: string, error: unknown): StorageError {
  // A blob missing or corrupt is named by the file that holds it: its id alone says nothing to the user.
  if (error instanceof StorageError && (error.code === 'MISSING_OBJECT' || error.code === 'CORRUPT_OBJECT')) return new StorageError(`snapshot file ${path}: ${error.message}`, error.code, error);
  if (error instanceof StorageError) return error;
  // A hand edit's syntax error is placed as an editor would (file:line:column), to be found and fixed.
  const at = error instanceof YamlSyntaxError && error.position ? `:${error.position.line}:${error.position.column}` : '';
  return new StorageError(`snapshot file ${path}${at} (blob ${blob.slice(0, 12)}) cannot be read: ${(error as Error).message}`, 'BAD_SNAPSHOT_FILE', error);
}

/** A revision that names a commit datatrack did not write (a branch commit): the user's to correct. */
export function notASnapshot(commit: string): UsageError {
  return new UsageError(`commit ${commit.slice(0, 12)} is no datatrack snapshot (its tree has no ${META_FILE}); name a snapshot`, 'NOT_A_SNAPSHOT');
}

/** The blob of the meta file in `commit`'s tree: a tree without one is no snapshot. */
export function metaBlob(files: FileIndex, commit: string): string {
  const oid = files.get(META_FILE);
  if (!oid) throw notASnapshot(commit);
  return oid;
}

/** Decodes every file of a snapshot tree into the model. */
async function readSnapshotFiles(objects: ObjectStore, files: FileIndex, commit: string): Promise<Snapshot> {
  const metaOid = metaBlob(files, commit);
  await objects.prefetch(files.values());
  let meta;
  try {
    const { counts: _counts, ...rest } = decodeMeta(await readText(objects, metaOid));
    meta = rest;
  } catch (error) {
    throw unreadableFile(META_FILE, metaOid, error);
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
      throw unreadableFile(path, oid, error);
    }
  }
  schemas.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { meta, schemas, objects: sortObjects(objectsRead) };
}

export interface ReadSnapshot {
  snapshot: Snapshot;
  commit: SnapshotCommit;
  files: FileIndex;
}

export async function readSnapshot(objects: ObjectStore, commitOid: string): Promise<ReadSnapshot> {
  const commit = await readCommit(objects, commitOid);
  const files = await listTreeFiles(objects, commit.commit.tree);
  return { snapshot: await readSnapshotFiles(objects, files, commitOid), commit, files };
}

/** How a step reads a whole snapshot: readSnapshot, or one that shares what it read with other steps. */
export type SnapshotReader = (commit: string) => Promise<ReadSnapshot>;

/**
 * A reader that keeps the last snapshot it read, for steps that read one in turn (pipeline run:
 * lint and verify, then the export; each decoding 10,000 files of its own): a step that asks for
 * another commit (the previous snapshot, before the new one was written; a ref moved meanwhile)
 * reads that one, which is kept instead. What the steps share they only read.
 */
export function lastSnapshotReader(objects: ObjectStore): SnapshotReader {
  let last: { commit: string; read: Promise<ReadSnapshot> } | undefined;
  return (commit) => {
    if (last?.commit === commit) return last.read;
    const read = readSnapshot(objects, commit);
    last = { commit, read };
    // A read that failed is tried again by the next step that asks, as it would be without sharing.
    read.catch(() => {
      if (last?.read === read) last = undefined;
    });
    return read;
  };
}

/** A snapshot commit's meta file (treeMeta). */
export async function snapshotMeta(objects: ObjectStore, commitOid: string): Promise<ReturnType<typeof decodeMeta> | undefined> {
  return treeMeta(objects, (await readCommit(objects, commitOid)).commit.tree);
}

/** The meta file of a snapshot's tree (its engine, server and counts), reading only that file; undefined for a tree that is no snapshot. */
export async function treeMeta(objects: ObjectStore, tree: string): Promise<ReturnType<typeof decodeMeta> | undefined> {
  const metaOid = await findTreeFile(objects, tree, META_FILE);
  if (!metaOid) return undefined;
  try {
    return decodeMeta(await readText(objects, metaOid));
  } catch (error) {
    throw unreadableFile(META_FILE, metaOid, error);
  }
}

/** The engine a snapshot was taken from; undefined for a tree that is no snapshot. */
export async function snapshotDialect(objects: ObjectStore, commitOid: string): Promise<Dialect | undefined> {
  return (await snapshotMeta(objects, commitOid))?.dialect;
}
