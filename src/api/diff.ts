// diff: what changed between two snapshots (default: the target's latest two), between a snapshot
// and the live database (--live: drift), or between targets. Trees are compared first and only the
// files whose blob ids differ are parsed; the model diff, then the impact rules, do the rest.
import { parsePath } from '../codec/layout.js';
import { columnDefinition, type ColumnLike } from '../diff/columns.js';
import { partDefinition } from '../diff/part-definition.js';
import { loadDriver, type Progress } from '../dialects/driver.js';
import { flavorOf } from '../dialects/mysql/server.js';
import type { Change, ModelChange } from '../diff/change.js';
import { impactOf, type DiffContext, type RoutineFacts } from '../diff/impact.js';
import { diffFiles, type FilePair, type Loaded } from '../diff/model-diff.js';
import { dialectDiffOptions } from '../diff/dialect-rules.js';
import { mapObject, mapSchemaInfo, mapTreePath, singleSchemaMap, type SchemaMap } from '../diff/schema-map.js';
import { diffSettings, orientRenames, type DiffSettings } from '../diff/settings.js';
import { unappliedRenames } from '../diff/unapplied-renames.js';
import { emptySide, gitSide, liveSide, type Endpoint, type Side } from '../diff/sides.js';
import { changedFilesBetweenIndexes, changedFilesBetweenTrees, type FileChange } from '../diff/tree-diff.js';
import { domainColumnsAfter, holdsType, userTypesOf } from '../diff/user-types.js';
import type { Name } from '../diff/renamed-references.js';
import { UsageError } from '../errors.js';
import type { Dialect, SchemaInfo } from '../model/types.js';
import { carryForward, readPrevious } from '../snapshot/carry-forward.js';
import { applyScope, objectInScope, refuseMistakenScope, schemaInScope, unmatchedExcludes, unmatchedExcludesWarning, type Scope } from '../snapshot/scope.js';
import { objectLabel } from '../diff/objects.js';
import { snapshotOrder } from '../store/ancestry.js';
import { isSnapshotCommit, readCommit } from '../store/read-snapshot.js';
import { refuseOtherTarget, resolveRevision, revisionTarget, unknownRevision, type DefaultTarget } from '../store/revisions.js';
import { targetRef } from '../store/refs.js';
import { plural, someOf } from '../util/plural.js';
import type { Selection } from '../util/selection.js';
import { refuseOtherEngine } from './target-engine.js';
import { openWorkspace, snapshotTargetOnDemand, targetConnection, targetNamed, type Workspace } from './workspace.js';

export const DIFF_FORMATS = ['text', 'json', 'yaml', 'markdown'] as const;

export interface DiffRequest {
  cwd: string;
  target?: string;
  /** None, one (`prod~3`, `staging`, `A..B`) or two revisions. */
  revisions?: string[];
  /** Compare with the live database instead of a newer snapshot. */
  live?: boolean;
  /** `from=to` pairs: schema `from` of the older side is schema `to` of the newer. */
  schemaMap?: string[];
  /** Progress of a live introspection. */
  progress?: Progress;
}

export interface DiffSummary {
  added: number;
  removed: number;
  modified: number;
  breaking: number;
  renamed: number;
  caution: number;
  safe: number;
}

export interface DiffResult {
  from: Endpoint;
  to: Endpoint;
  summary: DiffSummary;
  changes: Change[];
  /**
   * What the diff had to read: files that differ and blobs parsed (its cost follows the change);
   * `respelled`: how many of those files hold no change (written differently, the same in meaning).
   */
  stats: { files: number; respelled: number; blobs_read: number };
  /** What a live introspection could not see. */
  warnings?: string[];
  /** The --schema / --tables globs an export chose its changes by (only a filtered export has it). */
  selection?: Selection;
}

async function sideAt(workspace: Workspace, rev: string | undefined, defaultTarget: DefaultTarget): Promise<Side> {
  const resolved = await resolveRevision(workspace.repo, rev, defaultTarget, Object.keys(workspace.config.targets));
  return gitSide(workspace.repo.objects, resolved.commit, (await revisionTarget(workspace.repo, resolved)) ?? null);
}

/** The snapshot before `side` on its target's history, or nothing before a first snapshot (or one built on a commit that is none). */
async function parentOf(workspace: Workspace, side: Side): Promise<Side> {
  const { commit } = await readCommit(workspace.repo.objects, side.endpoint.commit!);
  const parent = commit.parents[0];
  return parent && (await isSnapshotCommit(workspace.repo.objects, parent)) ? gitSide(workspace.repo.objects, parent, side.endpoint.target) : emptySide(side.endpoint.target);
}

async function liveOf(workspace: Workspace, target: string, progress: Progress | undefined, warnings: string[]): Promise<Side> {
  const spec = targetConnection(workspace, target);
  await refuseOtherEngine(workspace, target, spec);
  const introspection = await (await loadDriver(spec.dialect)).introspect(spec, { progress });
  const source = { schemas: `the schemas of target ${target}`, exclude: `the exclude globs of target ${target}` };
  refuseMistakenScope(introspection.snapshot, spec, source, spec.database, 'nothing was compared');
  const idle = unmatchedExcludes(introspection.snapshot, spec, introspection.leftOut);
  if (idle.length) warnings.push(unmatchedExcludesWarning(idle, source.exclude, spec.database));
  // What the account cannot see is taken as last recorded, not reported as drift.
  const hidden = introspection.hidden ?? [];
  const carried = carryForward(introspection.snapshot, hidden, hidden.length ? await readPrevious(workspace.repo, target) : undefined);
  warnings.push(...carried.warnings, ...introspection.warnings);
  return liveSide(applyScope(carried.snapshot, spec), target, spec);
}

async function resolveSides(workspace: Workspace, request: Omit<DiffRequest, 'cwd'>, warnings: string[]): Promise<{ from: Side; to: Side }> {
  const target = snapshotTargetOnDemand(workspace, request.target);
  // An empty argument (an unset `"$BASE"`) is none, as show, lint and export read it.
  let revisions = (request.revisions ?? []).filter((rev) => rev !== '');
  if (revisions.length === 1 && revisions[0]!.includes('..')) {
    if (revisions[0]!.includes('...')) throw new UsageError(`"${revisions[0]}": A...B (git's symmetric difference) means nothing between two snapshots; use A..B`, 'USAGE');
    const sides = revisions[0]!.split('..');
    if (sides.length !== 2) throw unknownRevision(revisions[0]!);
    const [a, b] = sides as [string, string];
    // An empty side is the latest snapshot of the other side's target (`pg~1..` stays within pg, as a lone `pg~1` does); both empty, the default target's.
    const latestBeside = async (rev: string) => targetRef((await sideAt(workspace, rev, target)).endpoint.target ?? target());
    revisions = a && b ? [a, b] : a ? [a, await latestBeside(a)] : b ? [await latestBeside(b), b] : [target(), target()];
  }
  if (revisions.length > 2) throw new UsageError('diff takes at most two revisions', 'USAGE');
  // A range beside another revision: a message search (:/text, x^{/text}) may hold two dots itself.
  const range = revisions.length === 2 ? revisions.find((r) => r.includes('..') && !r.startsWith(':/') && !r.includes('^{/')) : undefined;
  if (range !== undefined) throw new UsageError(`"${range}" names both sides of the diff already; give either A..B alone or two revisions A B`, 'USAGE');
  if (request.live && revisions.length > 1) throw new UsageError('--live compares one snapshot with the live database; give at most one revision', 'USAGE');
  const [a, b] = revisions;
  if (b !== undefined) {
    const sides = { from: await sideAt(workspace, a, target), to: await sideAt(workspace, b, target) };
    refuseOtherTarget(a, sides.from.endpoint.target, request.target);
    refuseOtherTarget(b, sides.to.endpoint.target, request.target);
    return sides;
  }
  // One target name alone means that target's latest change, as no revision means the default target's.
  // A lone revision of one target compares within it (or with its database): a -t naming another
  // would be silently ignored, and the drift read from a database other than the one meant.
  const refuseLoneOfOtherTarget = (owner: string | undefined) => {
    if (request.target === undefined || owner === undefined || owner === target()) return;
    throw new UsageError(`${JSON.stringify(a)} is a revision of target ${owner}, which this diff compares ${request.live ? 'with its own database' : 'with its latest snapshot'}; -t ${target()} names another: drop -t, or give a revision of ${target()}`, 'USAGE');
  };
  const only = a === undefined ? target() : targetNamed(workspace, a);
  if (a !== undefined) refuseLoneOfOtherTarget(only);
  if (only !== undefined) {
    const latest = await sideAt(workspace, undefined, only);
    if (request.live) return { from: latest, to: await liveOf(workspace, only, request.progress, warnings) };
    return { from: await parentOf(workspace, latest), to: latest };
  }
  const from = await sideAt(workspace, a, target);
  refuseLoneOfOtherTarget(from.endpoint.target ?? undefined);
  const toTarget = from.endpoint.target ?? target();
  return { from, to: request.live ? await liveOf(workspace, toTarget, request.progress, warnings) : await sideAt(workspace, undefined, toTarget) };
}

function explicitSchemaMap(pairs: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const match = /^([^=]+)=([^=]+)$/.exec(pair);
    if (!match) throw new UsageError(`--schema-map ${JSON.stringify(pair)} is not OLD=NEW (e.g. --schema-map app_v1=app)`, 'USAGE');
    const [, old, now] = match as unknown as [string, string, string];
    // One schema read as two, or two as one: the objects of one would be compared with the other's, or overwrite them.
    if (map.has(old)) throw new UsageError(`--schema-map maps ${JSON.stringify(old)} twice (to ${JSON.stringify(map.get(old))} and ${JSON.stringify(now)}); give one NEW for each OLD`, 'USAGE');
    const twin = [...map].find(([, other]) => other === now);
    if (twin) throw new UsageError(`--schema-map maps both ${JSON.stringify(twin[0])} and ${JSON.stringify(old)} to ${JSON.stringify(now)}; map each schema of the newer side from one of the older`, 'USAGE');
    map.set(old, now);
  }
  return map;
}

/** Explicit pairs, plus the one schema of a MySQL or SQLite snapshot onto the other side's one schema. */
async function schemaMapFor(from: Side, to: Side, explicit: string[], warnings: string[]): Promise<SchemaMap> {
  const map = explicitSchemaMap(explicit);
  const [a, b] = [await from.meta(), await to.meta()];
  if (map.size > 0) {
    const older = new Set(await from.schemas());
    for (const [old, now] of map) {
      if (!older.has(old)) warnings.push(`--schema-map ${old}=${now}: the older side has no schema ${JSON.stringify(old)}; nothing of it was mapped`);
      // Its objects would meet the mapped ones' under one name, as two schemas mapped to one would.
      else if (older.has(now) && !map.has(now)) throw new UsageError(`--schema-map ${old}=${now}: the older side has a schema ${JSON.stringify(now)} of its own, which ${JSON.stringify(old)} would be read into; map ${JSON.stringify(now)} too (--schema-map ${now}=…) or compare other schemas`, 'USAGE');
      // Snapshots read with search_path=public: the server names what public holds unqualified, what
      // another schema holds qualified, and which bare word names public's object only the server knew.
      else if (a?.dialect === 'postgres' && (old === 'public' || now === 'public')) {
        warnings.push(`--schema-map ${old}=${now}: PostgreSQL names what public holds without its schema and what ${JSON.stringify(old === 'public' ? now : old)} holds with it, so the column types, defaults, expressions and definitions that name them are reported changed; map schemas other than public`);
      }
    }
  }
  if (map.size > 0 || !a || !b) return map;
  return singleSchemaMap({ dialect: a.dialect, schemas: await from.schemas() }, { dialect: b.dialect, schemas: await to.schemas() });
}

const loadedInScope = (loaded: Loaded, scope: Scope) => (loaded.type === 'schema' ? schemaInScope(loaded.info.name, scope) : objectInScope(loaded.object, scope));

/** A from-side file as it reads mapped into the to-side's schemas; `dialect` is the from-side's. */
function mapLoaded(loaded: Loaded, map: SchemaMap, dialect: Dialect): Loaded {
  return loaded.type === 'schema' ? { type: 'schema', info: mapSchemaInfo(loaded.info, map) } : { type: 'object', object: mapObject(loaded.object, map, dialect) };
}

async function changedFiles(workspace: Workspace, from: Side, to: Side, map: SchemaMap, fromDialect: Dialect): Promise<FileChange[]> {
  const changes =
    map.size === 0 && from.source !== 'live' && to.source === 'git'
      ? await changedFilesBetweenTrees(workspace.repo.objects, from.tree, to.tree)
      : changedFilesBetweenIndexes(await from.index(), await to.index(), (path) => mapTreePath(path, map, fromDialect));
  return changes.filter((c) => {
    const parsed = parsePath(c.path);
    return parsed !== undefined && parsed.type !== 'meta';
  });
}

/** The server each side of a diff was read from (its snapshot's `server`), whose words spell what it adds or removes. */
export interface SideServers {
  from?: string;
  to?: string;
}

/** The public shape of a change: the contract's keys in order, the model parts left behind. */
function publicChange(change: ModelChange, impact: Change['impact'], dialect: Dialect, servers: SideServers): Change {
  const { action, kind, object, attribute, from, to, hint, path, partitions, children } = change;
  const part = action === 'add' ? change.after : action === 'remove' ? change.before : undefined;
  const server = action === 'add' ? servers.to : servers.from;
  const flavor = dialect === 'mysql' && server !== undefined ? flavorOf(server) : undefined;
  const definition = kind === 'column' && part ? columnDefinition(part as ColumnLike, dialect, flavor) : partDefinition(kind, part, dialect, flavor);
  const objectType = kind === 'unknown' ? ((change.after ?? change.before) as { object_type?: string } | undefined)?.object_type : undefined;
  return {
    action,
    kind,
    object,
    ...(attribute !== undefined ? { attribute } : {}),
    ...(action === 'modify' || action === 'rename' ? { from, to } : {}),
    impact,
    ...(hint !== undefined ? { hint } : {}),
    ...(definition ? { definition } : {}),
    ...(partitions ? { partitions } : {}),
    ...(children ? { children } : {}),
    ...(objectType ? { object_type: objectType } : {}),
    path,
  };
}

/**
 * The public changes, each with its impact, between the two sides of some snapshot files; with
 * `order`, the configured renames are followed only the way the diff reads in time.
 */
export function diffPairs(pairs: FilePair[], dialect: Dialect, settings: DiffSettings, order: 'forward' | 'backward' | undefined, beside: SidesBeside = {}, servers: SideServers = {}): PairsDiff {
  const renames = order === undefined ? settings.renames : orientRenames(settings.renames, order);
  const options = dialectDiffOptions(dialect);
  // The user types the changed columns name, read beside the pairs: an extension moved to another schema owns none of them.
  const heldBeside = { from: (name: Name) => holdsType(beside.typeBefore, name), to: (name: Name) => holdsType(beside.typeAfter, name) };
  const { changes, respelled } = diffFiles(pairs, { renames, heldBeside, ...options });
  const warnings = unappliedRenames(settings.renames, pairs, options);
  const renamedFrom = new Map<Change, string>();
  const publicChanges = changes.map((c) => {
    const change = publicChange(c, impactOf(c, dialect, settings.impact, { changes, ...beside }), dialect, servers);
    if (c.renamedFrom !== undefined) renamedFrom.set(change, c.renamedFrom);
    return change;
  });
  return { changes: publicChanges, respelled, warnings, renamedFrom };
}

/** The public changes of some snapshot files, and what diffPairs says beside them. */
export interface PairsDiff {
  changes: Change[];
  /** The files that differ with no change in them (written another way). */
  respelled: string[];
  /** The configured renames these files show can never apply. */
  warnings: string[];
  /** The changes of objects renamed → the file each object was in before. */
  renamedFrom: ReadonlyMap<Change, string>;
}

/** What the impact rules may need of each side beyond the files that differ. */
type SidesBeside = Omit<DiffContext, 'changes'>;

/** The files beside a diff's pairs that its impact rules read (a few, each alone). */
export async function sidesBeside(pairs: FilePair[], from: Pick<Side, 'file'>, to: Pick<Side, 'index' | 'load' | 'file'>, dialect: Dialect): Promise<SidesBeside> {
  return {
    routinesAfter: await routinesBesideAdded(pairs, to, dialect),
    typeBefore: await userTypesOf(pairs, 'from', from, dialect),
    typeAfter: await userTypesOf(pairs, 'to', to, dialect),
    domainColumnsAfter: await domainColumnsAfter(pairs, to, dialect),
  };
}

/**
 * The newer side's routines that share a schema and name with a routine the diff adds, changed or
 * not: a new PostgreSQL overload can make the calls of one kept unchanged ambiguous. Read only when
 * a routine is added (their files, a handful, from the side's index).
 */
async function routinesBesideAdded(pairs: FilePair[], to: Pick<Side, 'index' | 'load'>, dialect: Dialect): Promise<DiffContext['routinesAfter']> {
  if (dialect !== 'postgres') return undefined;
  const key = (schema: string, name: string) => `${schema}\u0000${name}`;
  const added = pairs.flatMap((pair) => (!pair.from && pair.to?.type === 'object' && pair.to.object.kind === 'routine' ? [pair.to.object] : []));
  if (added.length === 0) return undefined;
  const found = new Map<string, RoutineFacts[]>();
  for (const [path, blob] of await to.index()) {
    const parsed = parsePath(path);
    // A routine's file is named `name(argument types)`; a name may hold parentheses itself.
    if (parsed?.type !== 'object' || parsed.kind !== 'routine' || !added.some((r) => r.schema === parsed.schema && parsed.name.startsWith(`${r.name}(`))) continue;
    const loaded = await to.load(path, blob);
    if (loaded.type !== 'object' || loaded.object.kind !== 'routine') continue;
    const id = key(loaded.object.schema, loaded.object.name);
    found.set(id, [...(found.get(id) ?? []), loaded.object]);
  }
  return (schema, name) => found.get(key(schema, name)) ?? [];
}

/**
 * A pair with the schema its routine is in on each side, for a dialect whose earlier snapshots left
 * the schema's default charset and collation out of a routine's text types (diff/routine-charset.ts);
 * each schema's file is read once, and only for a routine's pair. `fromPath`: the file's path on
 * the older side, before a schema map.
 */
export function routineSchemas(dialect: Dialect, from: Pick<Side, 'schema'>, to: Pick<Side, 'schema'>): (pair: FilePair, fromPath: string) => Promise<FilePair> {
  if (!dialectDiffOptions(dialect).routineCharset) return async (pair) => pair;
  const reader = (side: Pick<Side, 'schema'>) => {
    const read = new Map<string, Promise<SchemaInfo | undefined>>();
    return (path: string, loaded: Loaded | undefined) => {
      const where = parsePath(path);
      if (loaded?.type !== 'object' || loaded.object.kind !== 'routine' || where?.type !== 'object') return undefined;
      if (!read.has(where.schema)) read.set(where.schema, side.schema(where.schema));
      return read.get(where.schema);
    };
  };
  const [older, newer] = [reader(from), reader(to)];
  return async (pair, fromPath) => {
    const schemas = { from: await older(fromPath, pair.from), to: await newer(pair.path, pair.to) };
    return schemas.from || schemas.to ? { ...pair, schemas } : pair;
  };
}

export function summarize(changes: Change[]): DiffSummary {
  const count = (pick: (c: Change) => boolean) => changes.filter(pick).length;
  return {
    added: count((c) => c.action === 'add'),
    removed: count((c) => c.action === 'remove'),
    modified: count((c) => c.action === 'modify'),
    breaking: count((c) => c.impact === 'breaking'),
    renamed: count((c) => c.action === 'rename'),
    caution: count((c) => c.impact === 'caution'),
    safe: count((c) => c.impact === 'safe'),
  };
}

/**
 * Whether the diff reads forward in time (the live database, or a first snapshot against nothing,
 * is later than any snapshot) or backward, where the two sides are snapshots of one target's
 * history; undefined across targets.
 */
async function timeOrder(workspace: Workspace, from: Side, to: Side): Promise<'forward' | 'backward' | undefined> {
  if (from.source === 'none' || to.source === 'live') return 'forward';
  const [a, b] = [from.endpoint.commit, to.endpoint.commit];
  if (a === null || b === null || from.endpoint.target !== to.endpoint.target) return undefined;
  return snapshotOrder(workspace.repo.objects, a, b);
}

/**
 * The diff within an open workspace, with the newer side's database name (for export paths), the
 * paths of the files that differ (an export of some tables counts only theirs) and the old file of
 * each renamed object's changes (an export of some tables chooses it by either name).
 */
export async function diffIn(workspace: Workspace, request: Omit<DiffRequest, 'cwd'>): Promise<{ result: DiffResult; database: string | undefined; paths: string[]; respelled: string[]; renamedFrom: ReadonlyMap<Change, string> }> {
  const settings = diffSettings(workspace.config, workspace.configFile);
  const objects = workspace.repo.objects;
  const blobsBefore = objects.reads.blob;
  const warnings: string[] = [];
  const { from, to } = await resolveSides(workspace, request, warnings);
  const map = await schemaMapFor(from, to, request.schemaMap ?? [], warnings);
  const [toMeta, fromMeta] = [await to.meta(), await from.meta()];
  const meta = toMeta ?? fromMeta;
  const dialect: Dialect = meta?.dialect ?? 'postgres';
  const fromDialect = fromMeta?.dialect ?? dialect;
  const files = await changedFiles(workspace, from, to, map, fromDialect);
  // The snapshot may hold what the target no longer tracks (an exclude added since): out of scope, it is not drift.
  const scope = to.scope;
  const withSchemas = routineSchemas(dialect, from, to);
  const pairs: FilePair[] = [];
  await objects.prefetch(files.flatMap((file) => [from.source === 'git' ? file.fromBlob : undefined, to.source === 'git' ? file.toBlob : undefined]).filter((oid) => oid !== undefined));
  const compared: FileChange[] = [];
  const untracked: string[] = [];
  for (const file of files) {
    const before = file.fromBlob ? mapLoaded(await from.load(file.fromPath ?? file.path, file.fromBlob), map, fromDialect) : undefined;
    const after = file.toBlob ? await to.load(file.path, file.toBlob) : undefined;
    if (scope && !after && before && !loadedInScope(before, scope)) {
      untracked.push(before.type === 'schema' ? `schema ${before.info.name}` : objectLabel(before.object));
      continue;
    }
    compared.push(file);
    pairs.push(await withSchemas({ path: file.path, from: before, to: after }, file.fromPath ?? file.path));
  }
  // Not drift, as the database may still hold them; but a gate on this diff must not pass what the next snapshot records as dropped.
  if (untracked.length) {
    const [they, are] = untracked.length === 1 ? ['it', 'is'] : ['them', 'are'];
    warnings.push(`${plural(untracked.length, 'object')} of the snapshot ${are} outside the scope target ${to.endpoint.target} now tracks (${someOf(untracked, 5)}): not compared, but the next snapshot records ${they} as removed, and every diff across it shows ${they} removed`);
  }
  if (fromMeta && toMeta && fromMeta.dialect !== toMeta.dialect) {
    warnings.push(`comparing a ${fromMeta.dialect} snapshot with a ${toMeta.dialect} one: each server spells types, defaults and expressions its own way, so many changes are only spelling`);
  }
  const order = settings.renames.size === 0 ? undefined : await timeOrder(workspace, from, to);
  const servers = { from: fromMeta?.server, to: toMeta?.server };
  const { changes, respelled, warnings: unapplied, renamedFrom } = diffPairs(pairs, dialect, settings, order, await sidesBeside(pairs, from, to, dialect), servers);
  warnings.push(...unapplied);
  const result = {
    from: from.endpoint,
    to: to.endpoint,
    summary: summarize(changes),
    changes,
    stats: { files: compared.length, respelled: respelled.length, blobs_read: objects.reads.blob - blobsBefore },
    ...(warnings.length ? { warnings } : {}),
  };
  return { result, database: meta?.database, paths: compared.map((file) => file.path), respelled, renamedFrom };
}

export async function diff(request: DiffRequest): Promise<DiffResult> {
  return (await diffIn(openWorkspace(request.cwd), request)).result;
}
