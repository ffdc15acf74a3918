// What lint and verify look at: a snapshot read from git, whole, or (changed-only mode) just the
// objects whose files differ from a base snapshot, plus the few objects rules look up from them
// (foreign-key targets, user types). Other unchanged objects are parsed in changed-only mode only
// when a rule needs the names their schema already uses (a hint's new index name).
import { decodeMeta, decodeObject, decodeObjectEntries, parsePath } from '../codec/layout.js';
import { StorageError } from '../errors.js';
import type { SchemaObject } from '../model/types.js';
import { metaBlob, readCommit, readSnapshot, readText, unreadableFile, type SnapshotReader } from '../store/read-snapshot.js';
import type { Repository } from '../store/repository.js';
import { refuseOtherTarget, resolveRevision, revisionTarget, type DefaultTarget } from '../store/revisions.js';
import { compareFileIndexes, listTreeFiles, type FileIndex } from '../store/tree-files.js';
import type { LintTarget } from './engine.js';
import { ModelIndex, RELATION_NAME_ENTRIES, relationNamesOf } from './model-index.js';

export interface CheckTarget extends LintTarget {
  commit: string;
  target: string | undefined;
  /** In changed-only mode: the base snapshot compared against (null: none, everything is new). */
  base?: string | null;
}

export interface CheckRequest {
  rev?: string;
  /** The target whose latest snapshot is meant when `rev` (or a changed-only base) is left out. */
  defaultTarget: DefaultTarget;
  /** The target -t named, if any: a `rev` of another target is refused. */
  requestedTarget?: string;
  /** Changed-only mode: a base revision, or true for the snapshot's parent. */
  changed?: string | true;
  /** Configured targets: one named with no snapshot yet is said to have none, not to be an unknown revision. */
  configuredTargets?: readonly string[];
  /** How a whole snapshot is read (pipeline run shares one read with its export). */
  read?: SnapshotReader;
}

async function decode(repo: Repository, files: FileIndex, path: string): Promise<SchemaObject> {
  const parsed = parsePath(path);
  const oid = files.get(path)!;
  if (parsed?.type !== 'object') throw new StorageError(`${path} is not an object file`, 'BAD_SNAPSHOT_FILE');
  try {
    return decodeObject(await readText(repo.objects, oid), path, parsed.kind);
  } catch (error) {
    throw unreadableFile(path, oid, error);
  }
}

/**
 * The relation names of the objects of `schema` not loaded: a table's or materialized view's own
 * and its indexes' and keys' (its file read now, synchronously, as a rule asks: only the entries
 * that hold them, unless the file is not laid out as snapshots are written), another kind's from
 * its path.
 */
function namesNotLoaded(repo: Repository, files: FileIndex, loaded: Set<string>, schema: string, nameKey: (name: string) => string): string[] {
  const names: string[] = [];
  for (const [path, oid] of files) {
    const parsed = parsePath(path);
    if (loaded.has(path) || parsed?.type !== 'object' || nameKey(parsed.schema) !== nameKey(schema)) continue;
    if (parsed.kind !== 'table' && parsed.kind !== 'materialized_view') {
      names.push(...relationNamesOf({ kind: parsed.kind, schema: parsed.schema, name: parsed.name } as SchemaObject));
      continue;
    }
    const blob = repo.objects.readSync(oid);
    // What only git itself finds (a pack written since the store was opened) is not worth waiting for here: its names go unchecked.
    if (blob?.type !== 'blob') continue;
    try {
      const text = blob.content.toString('utf8');
      const entries = decodeObjectEntries(text, path, parsed.kind, RELATION_NAME_ENTRIES);
      names.push(...relationNamesOf(entries ? ({ kind: parsed.kind, ...entries } as SchemaObject) : decodeObject(text, path, parsed.kind)));
    } catch (error) {
      throw unreadableFile(path, oid, error);
    }
  }
  return names;
}

async function changedOnly(repo: Repository, commit: string, target: string | undefined, request: CheckRequest): Promise<CheckTarget> {
  const { commit: data } = await readCommit(repo.objects, commit);
  const files = await listTreeFiles(repo.objects, data.tree);
  let base: string | null;
  if (request.changed === true) base = data.parents[0] ?? null;
  else {
    const resolved = await resolveRevision(repo, request.changed, target ?? request.defaultTarget, request.configuredTargets);
    refuseOtherTarget(request.changed, await revisionTarget(repo, resolved), request.requestedTarget);
    base = resolved.commit;
  }
  const baseFiles = base === null ? new Map<string, string>() : await listTreeFiles(repo.objects, (await readCommit(repo.objects, base)).commit.tree);
  // A base that is no snapshot (a branch commit) would make every object look changed.
  if (base !== null) metaBlob(baseFiles, base);
  const meta = decodeMeta(await readText(repo.objects, metaBlob(files, commit)));

  const changedPaths = compareFileIndexes(baseFiles, files)
    .filter((c) => c.action !== '-')
    .map((c) => `${c.path}.yaml`)
    .filter((path) => parsePath(path)?.type === 'object');
  await repo.objects.prefetch(changedPaths.map((path) => files.get(path)!));
  const objects = await Promise.all(changedPaths.map((path) => decode(repo, files, path)));
  const model = new ModelIndex(objects, meta.dialect);
  const loaded = new Set(changedPaths);
  // What the rules look up from the changed objects: the tables their foreign keys reference (as
  // the dialect compares names, so `Parent` finds parent.yaml on SQLite), the parents a partition or
  // inheritance child takes its columns from (without them, a new daily partition would be judged
  // whole, its parent's columns and all), and user types.
  const referenced = new Set<string>();
  for (const object of objects) {
    if (object.kind !== 'table') continue;
    for (const fk of object.foreign_keys ?? []) referenced.add(model.qualifiedKey(fk.references.schema, fk.references.table));
    for (const parent of [...(object.partition_of ? [object.partition_of] : []), ...(object.inherits ?? [])]) referenced.add(model.qualifiedKey(parent.schema, parent.table));
  }
  for (const path of files.keys()) {
    const parsed = parsePath(path);
    if (loaded.has(path) || parsed?.type !== 'object') continue;
    if (parsed.kind === 'type' || (parsed.kind === 'table' && referenced.has(model.qualifiedKey(parsed.schema, parsed.name)))) {
      model.add(await decode(repo, files, path));
      loaded.add(path);
    }
  }
  // A changed partitioned table's foreign keys are covered by its partitions' indexes: which tables
  // are its partitions only their files say, so every table file is read then (lookups only).
  if (objects.some((object) => object.kind === 'table' && object.partitioning !== undefined)) {
    const tables = [...files.keys()].filter((path) => {
      const parsed = parsePath(path);
      return !loaded.has(path) && parsed?.type === 'object' && parsed.kind === 'table';
    });
    await repo.objects.prefetch(tables.map((path) => files.get(path)!));
    for (const path of tables) {
      model.add(await decode(repo, files, path));
      loaded.add(path);
    }
  }
  model.readNamesWith((schema) => namesNotLoaded(repo, files, loaded, schema, model.nameKey));
  return { commit, target, dialect: meta.dialect, objects, model, base };
}

export async function loadCheckTarget(repo: Repository, request: CheckRequest): Promise<CheckTarget> {
  const resolved = await resolveRevision(repo, request.rev, request.defaultTarget, request.configuredTargets);
  // A commit id or tag names no target; its commit's trailer does, for the report and a --changed base.
  const target = await revisionTarget(repo, resolved);
  refuseOtherTarget(request.rev, target, request.requestedTarget);
  if (request.changed !== undefined) return changedOnly(repo, resolved.commit, target, request);
  const { snapshot } = await (request.read ?? ((commit) => readSnapshot(repo.objects, commit)))(resolved.commit);
  return { commit: resolved.commit, target, dialect: snapshot.meta.dialect, objects: snapshot.objects, model: new ModelIndex(snapshot.objects, snapshot.meta.dialect) };
}
