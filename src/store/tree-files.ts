// Flat file lists ⇄ nested git trees.
import { parsePath } from '../codec/layout.js';
import type { ChangedPath } from './commit-message.js';
import { BLOB_MODE, findTreeEntry, parseTree, serializeTree, TREE_MODE, type TreeEntry } from './git-format.js';
import type { ObjectStore } from './objects.js';
import { StorageError } from '../errors.js';

const EXECUTABLE_MODE = '100755';
const LINK_MODE = '120000';

/** path (segments joined by '/') → blob id */
export type FileIndex = Map<string, string>;

interface DirNode {
  files: Map<string, TreeEntry>;
  dirs: Map<string, DirNode>;
}

/**
 * Writes the trees for a set of files (paths as encoded segments) and returns the root tree id;
 * `written` collects each tree's bytes, to write them again if a concurrent prune takes them.
 */
export function writeTrees(objects: ObjectStore, files: { path: string[]; oid: string }[], written?: Map<string, Buffer>): string {
  const root: DirNode = { files: new Map(), dirs: new Map() };
  for (const file of files) {
    let node = root;
    for (const segment of file.path.slice(0, -1)) {
      let child = node.dirs.get(segment);
      if (!child) node.dirs.set(segment, (child = { files: new Map(), dirs: new Map() }));
      node = child;
    }
    const name = file.path[file.path.length - 1]!;
    // Two entries of one name make a tree git refuses (fsck duplicateEntries; a push to a remote that
    // checks objects fails) and readers see only one of: a bug upstream, stopped before any tree is written.
    if (node.files.has(name)) throw new Error(`two files of the snapshot would be stored at ${file.path.join('/')}; nothing was committed`);
    node.files.set(name, { mode: BLOB_MODE, name, oid: file.oid });
  }
  const write = (node: DirNode): string => {
    const entries = [...node.files.values()];
    for (const [name, child] of node.dirs) entries.push({ mode: TREE_MODE, name, oid: write(child) });
    const bytes = serializeTree(entries);
    const oid = objects.write('tree', bytes);
    written?.set(oid, bytes);
    return oid;
  };
  return write(root);
}

/** Every file under a tree, path → blob id. */
export async function listTreeFiles(objects: ObjectStore, treeOid: string): Promise<FileIndex> {
  const files: FileIndex = new Map();
  const walk = async (oid: string, base: string): Promise<void> => {
    for (const entry of parseTree(await objects.readTyped(oid, 'tree'), oid)) {
      const path = base + entry.name;
      if (entry.mode === TREE_MODE) await walk(entry.oid, `${path}/`);
      else if (entry.mode === BLOB_MODE || entry.mode === EXECUTABLE_MODE) {
        // Two entries of one name (git fsck's duplicateEntries): readers would each take another.
        if (files.has(path)) throw new StorageError(`the snapshot tree ${treeOid.slice(0, 12)} lists ${path} twice, which git fsck calls a broken tree; point the target's ref back at a good snapshot with \`git update-ref\``, 'BAD_TREE_ENTRY');
        files.set(path, entry.oid);
      } else if (parsePath(path) !== undefined) {
        // A link or a submodule where a snapshot keeps a file: no datatrack snapshot holds one.
        throw new StorageError(`${path} in the snapshot tree ${treeOid.slice(0, 12)} is a ${entry.mode === LINK_MODE ? 'symbolic link' : 'submodule'}, not a file; point the target's ref back at a good snapshot with \`git update-ref\``, 'BAD_TREE_ENTRY');
      }
    }
  };
  await walk(treeOid, '');
  return files;
}

/**
 * A lookup of blobs by path under trees, each tree on the way read and indexed once however many
 * paths pass through it (a commit's thousands of partitions share their schema's table tree).
 */
/** Lookups in one tree answered by scanning its bytes before it is indexed. */
const SCANNED_LOOKUPS = 4;

export function treeFileFinder(objects: ObjectStore): (treeOid: string, path: string) => Promise<string | undefined> {
  // A tree is scanned for its first few lookups (most trees are asked for one name), indexed once asked for more.
  const trees = new Map<string, { bytes: Promise<Buffer>; lookups: number; index?: Map<string, TreeEntry> }>();
  const entryOf = async (oid: string, name: string): Promise<TreeEntry | undefined> => {
    let tree = trees.get(oid);
    if (!tree) trees.set(oid, (tree = { bytes: objects.readTyped(oid, 'tree'), lookups: 0 }));
    const bytes = await tree.bytes;
    if (!tree.index && ++tree.lookups > SCANNED_LOOKUPS) tree.index = new Map(parseTree(bytes, oid).map((e) => [e.name, e]));
    return tree.index ? tree.index.get(name) : findTreeEntry(bytes, oid, name);
  };
  return async (treeOid, path) => {
    let oid = treeOid;
    const segments = path.split('/');
    for (const [i, segment] of segments.entries()) {
      const entry = await entryOf(oid, segment);
      const last = i === segments.length - 1;
      if (!entry || (entry.mode === TREE_MODE) === last) return undefined;
      oid = entry.oid;
    }
    return oid;
  };
}

/** The blob at `path` (segments joined by '/') under a tree, opening only the trees on the way; undefined when absent. */
export function findTreeFile(objects: ObjectStore, treeOid: string, path: string): Promise<string | undefined> {
  return treeFileFinder(objects)(treeOid, path);
}

/** Object paths (schema and object files, without `.yaml`) that differ between two file indexes. */
export function compareFileIndexes(before: FileIndex, after: FileIndex): ChangedPath[] {
  const changes: ChangedPath[] = [];
  const label = (path: string) => path.slice(0, -'.yaml'.length);
  for (const [path, oid] of after) {
    if (!parsePath(path) || parsePath(path)!.type === 'meta') continue;
    const old = before.get(path);
    if (old === undefined) changes.push({ action: '+', path: label(path) });
    else if (old !== oid) changes.push({ action: '~', path: label(path) });
  }
  for (const path of before.keys()) {
    const parsed = parsePath(path);
    if (parsed && parsed.type !== 'meta' && !after.has(path)) changes.push({ action: '-', path: label(path) });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
