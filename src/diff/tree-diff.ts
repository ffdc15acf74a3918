// Which snapshot files differ, from blob ids alone. Two git trees are walked together and a
// subtree whose id is the same on both sides is never opened, so the cost follows the change,
// not the schema. Flat indexes (a live snapshot hashed in memory, schema-mapped paths) compare
// entry by entry.
import { TREE_MODE, parseTree, type TreeEntry } from '../store/git-format.js';
import type { ObjectStore } from '../store/objects.js';
import { listTreeFiles, type FileIndex } from '../store/tree-files.js';

export interface FileChange {
  /** The path on the to-side (for a removed file, the from-side path mapped into to-side names). */
  path: string;
  /** The from-side path, when schema mapping changed it. */
  fromPath?: string;
  fromBlob?: string;
  toBlob?: string;
}

const byPath = (a: FileChange, b: FileChange) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export async function changedFilesBetweenTrees(objects: ObjectStore, fromTree: string | undefined, toTree: string | undefined): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  const read = async (oid: string | undefined) => (oid ? parseTree(await objects.readTyped(oid, 'tree'), oid) : []);
  const everything = async (entry: TreeEntry, base: string, side: 'fromBlob' | 'toBlob') => {
    if (entry.mode !== TREE_MODE) {
      changes.push({ path: base + entry.name, [side]: entry.oid });
      return;
    }
    for (const [path, oid] of await listTreeFiles(objects, entry.oid)) changes.push({ path: `${base}${entry.name}/${path}`, [side]: oid });
  };
  const walk = async (a: string | undefined, b: string | undefined, base: string): Promise<void> => {
    const before = new Map((await read(a)).map((e) => [e.name, e]));
    for (const entry of await read(b)) {
      const old = before.get(entry.name);
      before.delete(entry.name);
      if (old?.oid === entry.oid && old.mode === entry.mode) continue;
      const path = base + entry.name;
      if (old?.mode === TREE_MODE && entry.mode === TREE_MODE) await walk(old.oid, entry.oid, `${path}/`);
      else if (old && old.mode !== TREE_MODE && entry.mode !== TREE_MODE) changes.push({ path, fromBlob: old.oid, toBlob: entry.oid });
      else {
        if (old) await everything(old, base, 'fromBlob');
        await everything(entry, base, 'toBlob');
      }
    }
    for (const old of before.values()) await everything(old, base, 'fromBlob');
  };
  await walk(fromTree, toTree, '');
  return changes.sort(byPath);
}

/** Files that differ between two flat indexes; `mapPath` renames from-side paths into to-side names first. */
export function changedFilesBetweenIndexes(from: FileIndex, to: FileIndex, mapPath: (path: string) => string = (p) => p): FileChange[] {
  const changes: FileChange[] = [];
  const mappedFrom = new Map<string, { path: string; oid: string }>();
  for (const [path, oid] of from) mappedFrom.set(mapPath(path), { path, oid });
  for (const [path, { path: original, oid }] of mappedFrom) {
    const toBlob = to.get(path);
    if (toBlob === oid) continue;
    changes.push({ path, ...(original !== path ? { fromPath: original } : {}), fromBlob: oid, ...(toBlob ? { toBlob } : {}) });
  }
  for (const [path, oid] of to) if (!mappedFrom.has(path)) changes.push({ path, toBlob: oid });
  return changes.sort(byPath);
}
