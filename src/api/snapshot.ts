// snapshot: introspect a target's database and commit the schema on refs/datatrack/<target>.
import { pickTarget, resolveTarget, targetEnvName } from '../config/targets.js';
import { loadDriver, type Progress } from '../dialects/driver.js';
import { applyScope } from '../snapshot/scope.js';
import { writeSnapshotObjects } from '../snapshot/write-objects.js';
import { writeSnapshot } from '../store/write-snapshot.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface SnapshotRequest {
  cwd: string;
  target?: string;
  all?: boolean;
  note?: string;
  allowEmpty?: boolean;
  jobs?: number;
  progress?: Progress;
  /** Schema globs to track, replacing the target's configured `schemas`. */
  schemas?: string[];
  /** Schema or `schema.object` globs to leave out, replacing the target's configured `exclude`. */
  exclude?: string[];
  /** A connection URL for this run, as DATATRACK_<TARGET>_URL would give it. */
  url?: string;
}

export interface SnapshotResult {
  target: string;
  commit: string;
  tree: string;
  changed: boolean;
  tables: number;
  objects: number;
  added: number;
  modified: number;
  removed: number;
  seconds: number;
  changes: { action: 'added' | 'modified' | 'removed'; path: string }[];
  warnings: string[];
}

async function snapshotTarget(workspace: Workspace, target: string, request: SnapshotRequest): Promise<SnapshotResult> {
  const started = performance.now();
  const env = request.url === undefined ? process.env : { ...process.env, [targetEnvName(target)]: request.url };
  const configured = resolveTarget(workspace.config, target, workspace.root ?? workspace.repo.gitDir, env);
  // The scope reaches the dialects through the spec (PostgreSQL filters schemas in its catalog queries).
  const spec = { ...configured, schemas: request.schemas ?? configured.schemas, exclude: request.exclude ?? configured.exclude };
  const driver = await loadDriver(spec.dialect);
  const { snapshot, warnings } = await driver.introspect(spec, { jobs: request.jobs, progress: request.progress });
  request.progress?.('writing snapshot', snapshot.objects.length);
  const scoped = applyScope(snapshot, spec);
  const written = await writeSnapshot({
    repo: workspace.repo,
    target,
    snapshot: scoped,
    files: await writeSnapshotObjects(workspace.repo.objects, scoped, request.jobs),
    note: request.note,
    allowEmpty: request.allowEmpty,
  });
  const label = (action: SnapshotResult['changes'][number]['action'], paths: string[]) => paths.map((path) => ({ action, path }));
  return {
    target,
    commit: written.commit,
    tree: written.tree,
    changed: written.changed,
    tables: written.tables,
    objects: written.objects,
    added: written.added.length,
    modified: written.modified.length,
    removed: written.removed.length,
    seconds: Math.round(performance.now() - started) / 1000,
    changes: written.parent ? [...label('added', written.added), ...label('modified', written.modified), ...label('removed', written.removed)] : [],
    warnings,
  };
}

/** Snapshots one target (default: the configured default), or every configured target with `all`. */
export async function snapshot(request: SnapshotRequest): Promise<SnapshotResult[]> {
  const workspace = openWorkspace(request.cwd);
  const targets = request.all ? Object.keys(workspace.config.targets) : [pickTarget(workspace.config, request.target)];
  return Promise.all(targets.map((target) => snapshotTarget(workspace, target, request)));
}
