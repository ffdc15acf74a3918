// history: snapshots of a target, newest first, read from commit messages (no tree reads), and
// with an object only the snapshots that changed it, with what changed: for just those snapshots,
// the object's file before and after is read (two blobs) and diffed as `diff` would. A configured
// rename is followed back: the snapshot that renamed the object is a change of it, and its older
// snapshots are read under its old name.
import { parsePath } from '../codec/layout.js';
import { configuredTarget } from '../config/config.js';
import { UsageError } from '../errors.js';
import { parseCommitMessage, type ParsedSnapshotMessage } from '../store/commit-message.js';
import { isSnapshotCommit, readCommit, readText, snapshotMeta, treeMeta } from '../store/read-snapshot.js';
import { readRef, targetRef } from '../store/refs.js';
import { noSnapshots, refOnSnapshot } from '../store/revisions.js';
import { compareFileIndexes, listTreeFiles, treeFileFinder } from '../store/tree-files.js';
import type { Change } from '../diff/change.js';
import { dialectDiffOptions, ROUTINES_BY_NAME_DIALECTS } from '../diff/dialect-rules.js';
import { renamesAsSpelled, type HeldName } from '../diff/rename-spelling.js';
import { diffSettings, renamedPath, type DiffSettings } from '../diff/settings.js';
import { loadFile, schemaFile } from '../diff/sides.js';
import type { Dialect } from '../model/types.js';
import { diffPairs, routineSchemas, sidesBeside } from './diff.js';
import { findObjectFile, matchesSpec, nearestObject, objectLabel, routineHint, routineName } from '../snapshot/object-spec.js';
import { openWorkspace, pickSnapshotTarget, targetNamed, type Workspace } from './workspace.js';
import type { ObjectStore } from '../store/objects.js';
import type { CommitData } from '../store/git-format.js';

export interface HistoryEntry {
  commit: string;
  date: string;
  author: string;
  message: string;
  /** The note given with `snapshot -m`, or null. */
  note: string | null;
  tables: number | null;
  objects: number | null;
  added: number;
  modified: number;
  removed: number;
  /** With an object: what happened to it in this snapshot. */
  change?: 'added' | 'modified' | 'removed';
  /** With an object: its changes in this snapshot, as `diff --format json` gives them (not on a shallow clone's first snapshot, which lacks the one before). */
  changes?: Change[];
  /** Set when the snapshot before it is another engine's (a `connect --force` to another database): its counts are every object removed and added. */
  engine_change?: { from: string; to: string };
}

const ACTIONS = { '+': 'added', '~': 'modified', '-': 'removed' } as const;

/** What a commit changed, from its body; by comparing trees for commits that do not list it. */
async function changedPaths(objects: ObjectStore, commit: CommitData, listed: { action: '+' | '~' | '-'; path: string }[] | undefined) {
  if (listed) return listed;
  const after = await listTreeFiles(objects, commit.tree);
  const before = commit.parents[0] ? await listTreeFiles(objects, (await readCommit(objects, commit.parents[0])).commit.tree) : new Map<string, string>();
  return compareFileIndexes(before, after);
}

/** The changes of some files from the commit's parent to the commit, diffed together: two blobs a file (and the trees on their path). */
async function fileChanges(objects: ObjectStore, commit: CommitData, paths: string[], dialect: Dialect, settings: DiffSettings): Promise<Change[]> {
  const parent = commit.parents[0] ? (await readCommit(objects, commit.parents[0])).commit : undefined;
  const find = treeFileFinder(objects);
  const side = async (data: CommitData | undefined, path: string) => {
    const blob = data && (await find(data.tree, path));
    return blob ? loadFile(objects, path, blob) : undefined;
  };
  const schemaIn = (data: CommitData | undefined) => ({ schema: async (name: string) => (data ? schemaFile(objects, data.tree, name) : undefined) });
  const withSchemas = routineSchemas(dialect, schemaIn(parent), schemaIn(commit));
  const pairs = await Promise.all(paths.map(async (path) => withSchemas({ path, from: await side(parent, path), to: await side(commit, path) }, path)));
  const after = { index: () => listTreeFiles(objects, commit.tree), load: (path: string, blob: string) => loadFile(objects, path, blob), file: async (path: string) => await side(commit, path) };
  const before = { file: async (path: string) => (await side(parent, path)) };
  // The server is a trailer of the commit's message, or, for a commit made by hand, in its meta file.
  const server = async (data: CommitData | undefined) => data && (parseCommitMessage(data.message).server ?? (await treeMeta(objects, data.tree))?.server);
  const servers = { from: await server(parent), to: await server(commit) };
  return diffPairs(pairs, dialect, settings, 'forward', await sidesBeside(pairs, before, after, dialect), servers).changes;
}

/**
 * The tables among `changed` that descend from the table at `path` (its partitions, its INHERITS
 * children, and theirs in turn), as either side of the commit has them.
 */
async function descendantFiles(objects: ObjectStore, commit: CommitData, path: string, changed: string[]): Promise<string[]> {
  const table = parsePath(path);
  const others = changed.filter((file) => file !== path && parsePath(file)?.type === 'object');
  if (table?.type !== 'object' || table.kind !== 'table' || others.length === 0) return [];
  const parent = commit.parents[0] ? (await readCommit(objects, commit.parents[0])).commit : undefined;
  const find = treeFileFinder(objects);
  const tableIn = async (data: CommitData | undefined, file: string) => {
    const blob = data && (await find(data.tree, file));
    // Only a table with a parent matters, and its file says so in a top-level key: found in the
    // text before any file is decoded (a first snapshot changes every table).
    if (!blob || !/^(partition_of|inherits):/m.test(await readText(objects, blob))) return undefined;
    const loaded = await loadFile(objects, file, blob);
    return loaded.type === 'object' && loaded.object.kind === 'table' ? loaded.object : undefined;
  };
  const key = (schema: string, name: string) => `${schema}\u0000${name}`;
  const parentsOf = new Map<string, { self: string; parents: string[] }>();
  for (const file of others) {
    const parsed = parsePath(file);
    if (parsed?.type !== 'object' || parsed.kind !== 'table') continue;
    const parents = (await Promise.all([tableIn(parent, file), tableIn(commit, file)])).flatMap((t) =>
      [...(t?.partition_of ? [t.partition_of] : []), ...(t?.inherits ?? [])].map((q) => key(q.schema, q.table)),
    );
    if (parents.length > 0) parentsOf.set(file, { self: key(parsed.schema, parsed.name), parents });
  }
  const reached = new Set([key(table.schema, table.name)]);
  const found: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [file, { self, parents }] of parentsOf) {
      if (found.includes(file) || !parents.some((p) => reached.has(p))) continue;
      found.push(file);
      reached.add(self);
      grew = true;
    }
  }
  return found;
}

/**
 * What a commit changed in the object at `path`. On PostgreSQL the tables descending from it that
 * the commit changed too are diffed beside it, so that their copies of its changes are said once,
 * on it, as diff says them (`(and 3 partitions)`).
 */
async function objectChanges(objects: ObjectStore, commit: CommitData, path: string, actions: Map<string, Action>, dialect: Dialect, settings: DiffSettings): Promise<Change[]> {
  const changed = [...actions.keys()];
  const descendants = dialect === 'postgres' ? await descendantFiles(objects, commit, path, changed) : [];
  return (await fileChanges(objects, commit, [path, ...descendants, ...renameTwins(path, actions)], dialect, settings)).filter((change) => change.path === path);
}

/** Beyond this many, a snapshot's other added or removed objects of a kind are not read for a likely rename (a schema rebuilt). */
const MAX_TWINS = 100;

/**
 * The files an object added or removed by a snapshot may have been renamed from or to: those of
 * its kind the same snapshot removed or added (any schema: SET SCHEMA moves one). Diffed with it,
 * its change has the likely-rename hint `diff` gives, the only sign that its history goes on
 * under another name.
 */
function renameTwins(path: string, actions: Map<string, Action>): string[] {
  const action = actions.get(path);
  const kind = parsePath(path);
  if ((action !== '+' && action !== '-') || kind?.type !== 'object') return [];
  const opposite = action === '+' ? '-' : '+';
  const twins = [...actions].filter(([other, act]) => act === opposite && other !== path && ((o) => o?.type === 'object' && o.kind === kind.kind)(parsePath(other))).map(([other]) => other);
  return twins.length <= MAX_TWINS ? twins : [];
}

/** `schema.name` of an object file, as renames are configured. */
function labelOf(path: string): string | undefined {
  const parsed = parsePath(path);
  return parsed?.type === 'object' ? objectLabel(parsed) : undefined;
}

/** The objects of the files a snapshot changed that one side of it holds: all but those `absent` there (`+` from the older side, `-` from the newer). */
function heldInCommit(actions: Map<string, Action>, absent: Action): HeldName[] {
  return [...actions].flatMap(([path, action]) => {
    const parsed = parsePath(path);
    return action !== absent && parsed?.type === 'object' ? [{ label: objectLabel(parsed), kind: parsed.kind }] : [];
  });
}

/**
 * The old `schema.name` of a `rename` change: its `from` is the old name, or the old schema.name
 * when the schema changed too; a routine's object keeps its argument types after the name
 * (`public.g(integer)` renamed from `f` was `public.f(integer)`).
 */
function renamedFrom(rename: Change): string {
  const [from, to] = [String(rename.from), String(rename.to)];
  if (to === rename.object) return from;
  if (rename.object.endsWith(to)) return rename.object.slice(0, rename.object.length - to.length) + from;
  const at = rename.object.lastIndexOf(`.${to}(`);
  return at < 0 ? from : `${rename.object.slice(0, at + 1)}${from}${rename.object.slice(at + 1 + to.length)}`;
}

type Action = '+' | '~' | '-';

/**
 * What a snapshot did to the object at `path` (changed there by `action`), read with the files the
 * configured renames relate to it: renamed into `path` (its past goes on under `before`), or gone
 * from `path` by a rename, its past another object's (`before` undefined; listed as the new
 * object's creation when one took the name in the same snapshot). Undefined: a plain change of the
 * file, diffed later only if this object is the one the history is of.
 */
async function renameStep(objects: ObjectStore, commit: CommitData, path: string, action: Action, actions: Map<string, Action>, newer: boolean, dialect: Dialect, settings: DiffSettings) {
  const label = labelOf(path);
  if (label === undefined) return undefined;
  const renames = renamesAsSpelled(settings.renames, { from: heldInCommit(actions, '+'), to: heldInCommit(actions, '-') }, dialectDiffOptions(dialect));
  const related = [...actions.keys()].filter((p) => {
    const other = labelOf(p);
    return p !== path && other !== undefined && renamedPath(renames, other, (l) => l === label) !== undefined;
  });
  if (related.length === 0) return undefined;
  const changes = await fileChanges(objects, commit, [path, ...related], dialect, settings);
  const own = changes.filter((c) => c.path === path);
  const into = own.find((c) => c.action === 'rename');
  if (into) {
    const before = related.find((p) => actions.get(p) !== '+' && labelOf(p) === renamedFrom(into));
    return { listed: { change: 'modified' as const, changes: own }, before };
  }
  const away = changes.find((c) => c.action === 'rename' && c.path !== path && renamedFrom(c) === label);
  if (!away) return { listed: { change: ACTIONS[action], changes: own }, before: path };
  // The name holds a new object from this snapshot on: its history starts here.
  if (action !== '-') return { listed: { change: 'added' as const, changes: own }, before: undefined };
  // A newer object took the name later: what the name held before is the renamed one's history.
  if (newer) return { listed: undefined, before: undefined };
  // The name's last object, renamed away: its history under this name.
  return { listed: { change: 'removed' as const, changes: [away, ...own] }, before: path };
}

/**
 * On MySQL a routine is its name: one whose argument list changed is the same routine in a file of
 * another name, which `diff` pairs with the old one (a modification). Its history goes on under
 * the old file; the old file's ends there, removed, with what became of the routine. Undefined
 * where no such pair changed (a function replaced by a procedure of its name is not one).
 */
async function signatureStep(objects: ObjectStore, commit: CommitData, path: string, action: Action, actions: Map<string, Action>, dialect: Dialect, settings: DiffSettings) {
  const parsed = parsePath(path);
  if (!ROUTINES_BY_NAME_DIALECTS.has(dialect) || action === '~' || parsed?.type !== 'object' || parsed.kind !== 'routine') return undefined;
  const other = [...actions].find(([p, a]) => {
    const candidate = parsePath(p);
    return a !== action && a !== '~' && candidate?.type === 'object' && candidate.kind === 'routine' && candidate.schema === parsed.schema && routineName(candidate.name) === routineName(parsed.name);
  })?.[0];
  if (other === undefined) return undefined;
  const changes = await fileChanges(objects, commit, [path, other], dialect, settings);
  if (changes.some((c) => c.action !== 'modify')) return undefined;
  return action === '+' ? { listed: { change: 'modified' as const, changes }, before: other } : { listed: { change: 'removed' as const, changes }, before: path };
}

/**
 * Marks the entries whose snapshot follows another engine's, from the commit messages' trailers: the
 * parent of the last one listed is read when the walk stopped before it (-n), not beyond a shallow
 * clone's boundary, where it is missing.
 */
async function markEngineChanges(objects: ObjectStore, entries: HistoryEntry[], engines: Map<string, { dialect: string | undefined; parent: string | undefined }>): Promise<void> {
  const shallow = objects.shallowCommits();
  for (const entry of entries) {
    const own = engines.get(entry.commit);
    if (!own?.dialect || !own.parent || shallow.has(entry.commit)) continue;
    const before = engines.get(own.parent)?.dialect ?? (await readMessage(objects, own.parent, (await readCommit(objects, own.parent)).commit, true)).dialect;
    if (before && before !== own.dialect) entry.engine_change = { from: before, to: own.dialect };
  }
}

/**
 * A snapshot's commit message as datatrack writes it. A snapshot commit another tool or a person
 * made (`git commit-tree` of a snapshot tree) has no trailers: its engine and counts are read from
 * its meta file, and what it changed from its tree and its parent's (unless a shallow clone lacks
 * the parent), as datatrack would have written them.
 */
async function readMessage(objects: ObjectStore, oid: string, commit: CommitData, shallow: boolean): Promise<ParsedSnapshotMessage> {
  const parsed = parseCommitMessage(commit.message);
  if (parsed.dialect !== undefined) return parsed;
  const meta = await snapshotMeta(objects, oid);
  if (!meta) return parsed;
  const changes = shallow ? undefined : await changedPaths(objects, commit, undefined);
  const count = (action: Action) => changes?.filter((c) => c.action === action).length;
  return { ...parsed, dialect: meta.dialect, tables: meta.counts?.tables, objects: meta.counts?.objects, added: count('+'), modified: count('~'), removed: count('-'), changes, first: false };
}

/** The warning where a shallow clone's history ends; `unshown`: the object whose changes in that snapshot are not shown. */
function shallowHistoryEnds(oid: string, unshown: string | undefined): string {
  const unseen = unshown === undefined ? ':' : `, whose changes to ${JSON.stringify(unshown)} are not shown: they need the snapshot before it, and`;
  return `the history stops at ${oid.slice(0, 7)}${unseen} this clone's snapshot history is shallow (fetched with --depth); \`git fetch --unshallow\` fetches the rest`;
}

export async function history(request: { cwd: string; target?: string; limit?: number; object?: string; warnings?: string[] }): Promise<HistoryEntry[]> {
  const workspace = openWorkspace(request.cwd);
  const target = pickSnapshotTarget(workspace, request.target);
  let oid = readRef(workspace.repo.commonDir, targetRef(target));
  if (!oid) throw noSnapshots(target);
  // A ref moved onto another commit (a branch's, by hand): its history would list the project's commits as snapshots.
  await refOnSnapshot(workspace.repo, target, oid);
  // Config mistakes in diff settings only matter when there is something to diff.
  const settings = request.object === undefined ? undefined : diffSettings(workspace.config, workspace.configFile);
  const entries: HistoryEntry[] = [];
  /**
   * With an object: the snapshots that changed a file it may name (`file`, as first met from the
   * newest), the file chosen once all are known; `path` is where that object was then, and
   * `listed` what a rename made of the change.
   */
  const hits: { entry: HistoryEntry; commit: CommitData; file: string; path: string; action: Action; dialect: Dialect; changed: Map<string, Action>; listed?: Pick<HistoryEntry, 'change' | 'changes'> }[] = [];
  /** Each file met → the path its object had in the snapshot being read (renames followed back); undefined once its history ended. */
  const pathOf = new Map<string, string | undefined>();
  /** Every file a snapshot changed: what a name that matched none of them may have meant. */
  const seen = new Set<string>();
  const limit = request.limit ?? Infinity;
  const shallow = workspace.repo.objects.shallowCommits();
  let found = 0;
  /** Whether the last snapshot read changed the object in ways not shown (a shallow clone's first one). */
  let unshown = false;
  /** Each commit read: its engine (the message's trailer) and its parent. */
  const engines = new Map<string, { dialect: string | undefined; parent: string | undefined }>();
  // With OBJECT every snapshot is read before -n cuts the list: which file the name means (or that it
  // is ambiguous) is decided over the whole history, never over the window the first N matches make.
  while (oid && (request.object !== undefined || found < limit)) {
    const { commit } = await readCommit(workspace.repo.objects, oid);
    const parsed = await readMessage(workspace.repo.objects, oid, commit, shallow.has(oid));
    engines.set(oid, { dialect: parsed.dialect, parent: commit.parents[0] });
    const entry: HistoryEntry = {
      commit: oid,
      date: new Date(commit.author.timestamp * 1000).toISOString(),
      author: `${commit.author.name} <${commit.author.email}>`,
      message: parsed.subject,
      note: parsed.note ?? null,
      tables: parsed.tables ?? null,
      objects: parsed.objects ?? null,
      added: parsed.added ?? 0,
      modified: parsed.modified ?? 0,
      removed: parsed.removed ?? 0,
    };
    if (request.object === undefined) {
      entries.push(entry);
      found++;
    } else {
      // A shallow clone's history ends here, as `git log`'s does, on a snapshot without its parent:
      // what it changed is read from its message alone, and listed without being diffed.
      const listedOnly = shallow.has(oid);
      const changes = listedOnly
        ? (parsed.changes ?? [])
        : await changedPaths(workspace.repo.objects, commit, parsed.first ? undefined : parsed.changes ?? (parsed.added === 0 && parsed.modified === 0 && parsed.removed === 0 ? [] : undefined));
      const actions = new Map(changes.map((c) => [`${c.path}.yaml`, c.action]));
      for (const file of actions.keys()) seen.add(file);
      const dialect = (parsed.dialect as Dialect | undefined) ?? 'postgres';
      // Every file the name may mean as the dialect compares names: which one it names is chosen once all are known.
      for (const file of actions.keys()) if (matchesSpec(file, request.object, dialect) && !pathOf.has(file)) pathOf.set(file, file);
      let matched = false;
      for (const [file, path] of pathOf) {
        const action = path === undefined ? undefined : actions.get(path);
        if (path === undefined || action === undefined) continue;
        const newer = hits.some((h) => h.file === file);
        const step = listedOnly
          ? { listed: { change: ACTIONS[action] }, before: path }
          : ((await signatureStep(workspace.repo.objects, commit, path, action, actions, dialect, settings!)) ?? (await renameStep(workspace.repo.objects, commit, path, action, actions, newer, dialect, settings!)));
        if (step) pathOf.set(file, step.before);
        if (step && !step.listed) continue;
        hits.push({ entry, commit, file, path, action, dialect, changed: actions, listed: step?.listed });
        matched = true;
      }
      if (matched) found++;
      unshown = listedOnly && matched;
    }
    if (shallow.has(oid)) {
      if (found < limit || unshown) request.warnings?.push(shallowHistoryEnds(oid, unshown ? request.object : undefined));
      break;
    }
    // A snapshot built on a commit that is none (a branch's): the history ends there, as at a first snapshot.
    const parent = commit.parents[0];
    oid = parent && (await isSnapshotCommit(workspace.repo.objects, parent)) ? parent : undefined;
  }
  await markEngineChanges(workspace.repo.objects, request.object === undefined ? entries : hits.map((hit) => hit.entry), engines);
  if (request.object !== undefined && hits.length > 0) {
    // One object, as `show` would name it: `users` in two schemas is ambiguous, not two histories in one.
    // Names compared as the newest snapshot's engine compares them.
    const file = findObjectFile(new Set(hits.map((hit) => hit.file)), request.object, hits[0]!.dialect);
    for (const hit of hits.filter((h) => h.file === file).slice(0, limit)) {
      entries.push({ ...hit.entry, ...(hit.listed ?? { change: ACTIONS[hit.action], changes: await objectChanges(workspace.repo.objects, hit.commit, hit.path, hit.changed, hit.dialect, settings!) }) });
    }
  }
  // Every snapshot was read and none ever held it: a misspelt name, not an object that never changed.
  if (request.object !== undefined && entries.length === 0 && !(oid && shallow.has(oid))) throw unknownObject(workspace, target, request.object, seen, [...engines.values()][0]?.dialect as Dialect | undefined);
  return entries;
}

function nearHint(seen: Set<string>, name: string): string {
  const near = nearestObject(seen, name);
  return near ? `did you mean ${JSON.stringify(near)}?` : 'write it as schema.name (for a column or an index, its table), a routine with its argument types (see `datatrack show`)';
}

/** The error for a name no snapshot held, saying what it was likely meant as. */
/** `dialect`: the newest snapshot's, as names are compared. */
function unknownObject(workspace: Workspace, target: string, name: string, seen: Set<string>, dialect: Dialect | undefined): UsageError {
  // `history prod`, as `show prod` and `diff prod` take a target where history takes -t.
  const named = configuredTarget(workspace.config, name) ? name : targetNamed(workspace, name);
  if (named !== undefined) {
    return new UsageError(`"${name}" is a target, not an object of ${target}: its snapshots are \`datatrack history -t ${named}\``, 'UNKNOWN_OBJECT');
  }
  if (/\.\.|[~^]|@\{/.test(name)) {
    return new UsageError(`history takes no revision or range (${JSON.stringify(name)}): it lists a target's snapshots newest first; -t TARGET picks the target, -n N how many`, 'UNKNOWN_OBJECT');
  }
  return (
    routineHint(seen, name, dialect) ??
    new UsageError(`no snapshot of ${target} holds an object ${JSON.stringify(name)}; ${nearHint(seen, name)}`, 'UNKNOWN_OBJECT')
  );
}
