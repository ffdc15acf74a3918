// show: a snapshot's summary, or one object's YAML, read from git.
import { decodeObject, decodeSchema, parsePath } from '../codec/layout.js';
import { countSnapshot, objectName } from '../model/canonical.js';
import { UsageError } from '../errors.js';
import { parseCommitMessage } from '../store/commit-message.js';
import { notASnapshot, readCommit, readSnapshot, readText, snapshotDialect, unreadableFile } from '../store/read-snapshot.js';
import { refuseOtherTarget, resolveRevision } from '../store/revisions.js';
import { listTreeFiles } from '../store/tree-files.js';
import { findObjectFile, nearestObject, routineHint } from '../snapshot/object-spec.js';
import type { Dialect, SchemaInfo, SchemaObject } from '../model/types.js';
import { openWorkspace, snapshotTargetOnDemand } from './workspace.js';

export interface CommitInfo {
  commit: string;
  target: string | null;
  date: string;
  author: string;
  message: string;
  /** The note given with `snapshot -m`, or null. */
  note: string | null;
}

export interface SnapshotSummary extends CommitInfo {
  dialect: string;
  server: string;
  database: string;
  counts: Record<string, number>;
  objects: { kind: string; schema: string; name: string }[];
}

export interface ObjectView extends CommitInfo {
  path: string;
  /** The object, or a schema (its file holds no kind: the JSON says `schema`, as `objects` do their kinds). */
  object: SchemaObject | (SchemaInfo & { kind: 'schema' });
  yaml: string;
}

/**
 * A lone argument that is no revision is looked up as an object. When it is neither and reads as a
 * revision (no `schema.name` dot, or `~`, `^`, `@{`), both readings are named: `show prod~1`
 * answered "no object" alone would hide the mistyped revision.
 */
function findLoneArgument(files: string[], argument: string, target: string, dialect: Dialect | undefined): string {
  try {
    return findObjectFile(files, argument, dialect);
  } catch (error) {
    const revisionLike = !argument.includes('.') || /[~^]|@\{/.test(argument);
    if (!(error instanceof UsageError && error.code === 'UNKNOWN_OBJECT') || !revisionLike) throw error;
    // `show area`: a routine's name is no revision either; its overloads are the answer.
    const hint = routineHint(files, argument, dialect);
    if (hint) throw hint;
    const near = nearestObject(files, argument);
    throw new UsageError(
      `unknown revision or object ${JSON.stringify(argument)}: not a target name, target~N, commit id or refs/datatrack/ ref, nor a schema.name in ${target}'s latest snapshot (${near ? `did you mean ${JSON.stringify(near)}?` : 'see `datatrack show`'})`,
      'UNKNOWN_REVISION_OR_OBJECT',
    );
  }
}

export async function show(request: { cwd: string; target?: string; rev?: string; object?: string }): Promise<SnapshotSummary | ObjectView> {
  const workspace = openWorkspace(request.cwd);
  const objects = workspace.repo.objects;
  const target = snapshotTargetOnDemand(workspace, request.target);
  let { rev, object } = request;
  const configured = Object.keys(workspace.config.targets);
  let resolved;
  let lone = false;
  /** A lone argument that abbreviates some tree's or blob's id (`cafe`) may still name a table: said only if none has the name. */
  let notCommit: UsageError | undefined;
  try {
    resolved = await resolveRevision(workspace.repo, rev, target, configured);
  } catch (error) {
    // `show public.users`: a lone argument that is no revision names an object of the latest snapshot.
    if (!(error instanceof UsageError && (error.code === 'UNKNOWN_REVISION' || error.code === 'NOT_A_SNAPSHOT')) || object !== undefined) throw error;
    if (error.code === 'NOT_A_SNAPSHOT') notCommit = error;
    [rev, object, lone] = [undefined, rev, true];
    resolved = await resolveRevision(workspace.repo, rev, target, configured);
  }
  const { commit } = await readCommit(objects, resolved.commit);
  const parsed = parseCommitMessage(commit.message);
  const info: CommitInfo = {
    commit: resolved.commit,
    target: resolved.target ?? parsed.target ?? null,
    date: new Date(commit.author.timestamp * 1000).toISOString(),
    author: `${commit.author.name} <${commit.author.email}>`,
    message: parsed.subject,
    note: parsed.note ?? null,
  };
  refuseOtherTarget(rev, info.target, request.target);
  if (object !== undefined) {
    const files = await listTreeFiles(objects, commit.tree);
    const dialect = await snapshotDialect(objects, resolved.commit);
    // A commit datatrack did not write has no objects to find: said as such, not as "no object".
    if (dialect === undefined) throw notASnapshot(resolved.commit);
    let path: string;
    try {
      path = lone ? findLoneArgument([...files.keys()], object, target(), dialect) : findObjectFile(files.keys(), object, dialect);
    } catch (error) {
      throw notCommit ?? error;
    }
    const blob = files.get(path)!;
    const yaml = await readText(objects, blob);
    const where = parsePath(path)!;
    let model;
    try {
      model = where.type === 'object' ? decodeObject(yaml, path, where.kind) : { kind: 'schema' as const, ...decodeSchema(yaml, path) };
    } catch (error) {
      throw unreadableFile(path, blob, error);
    }
    return { ...info, path, object: model, yaml };
  }
  const { snapshot } = await readSnapshot(objects, resolved.commit);
  return {
    ...info,
    dialect: snapshot.meta.dialect,
    server: snapshot.meta.server,
    database: snapshot.meta.database,
    counts: countSnapshot(snapshot),
    objects: snapshot.objects.map((o) => ({ kind: o.kind, schema: o.schema, name: objectName(o) })),
  };
}
