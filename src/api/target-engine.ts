// One target's history is one engine's. A configured target is held to its dialect (resolveTarget);
// one known only from a URL (DATABASE_URL, DATATRACK_<T>_URL, pipeline --source) to its snapshots'.
import { configuredTarget } from '../config/config.js';
import { environmentUrl, type ConnectionSpec } from '../config/targets.js';
import { DIALECT_NAMES, type Dialect } from '../model/types.js';
import { snapshotDialect } from '../store/read-snapshot.js';
import { readRef, targetRef } from '../store/refs.js';
import { UsageError } from '../errors.js';
import type { Workspace } from './workspace.js';

/** The engine of a target's latest snapshot, if it has one. */
export async function snapshotsEngine(workspace: Workspace, target: string): Promise<Dialect | undefined> {
  const tip = readRef(workspace.repo.commonDir, targetRef(target));
  return tip ? snapshotDialect(workspace.repo.objects, tip) : undefined;
}

/**
 * Refuses, before connecting, a URL of another engine than the snapshots of a target the config
 * does not define: a snapshot of it would read as every object removed, and so would its drift.
 * `given`: a URL given for this run (pipeline --source), else the environment's.
 */
export async function refuseOtherEngine(workspace: Workspace, target: string, spec: ConnectionSpec, given?: { variable: string }): Promise<void> {
  const from = given ?? environmentUrl(workspace.config, target, process.env);
  if (!from || configuredTarget(workspace.config, target)) return;
  const previous = await snapshotsEngine(workspace, target);
  if (!previous || previous === spec.dialect) return;
  const [url, expected] = [DIALECT_NAMES[spec.dialect], DIALECT_NAMES[previous]];
  throw new UsageError(
    `${from.variable} is a ${url} connection, but the snapshots of target ${target} are ${expected}; give a ${expected} URL, or snapshot ${url} as another target (-t NAME)`,
    'DIALECT_MISMATCH',
  );
}
