// The context every command works in: the git repository, its work tree and the configuration.
import { configuredTarget, loadConfig, targetEnvName, type DatatrackConfig } from '../config/config.js';
import { bindEarlierPassword } from '../config/password-binding.js';
import { migratePythonLink } from '../config/python-link.js';
import { DEFAULT_TARGET, environmentUrl, pickTarget, resolveTarget, unknownTarget, type ConnectionSpec, type GivenUrl } from '../config/targets.js';
import { UsageError } from '../errors.js';
import type { YamlFile } from '../config/yaml-file.js';
import { listRefNames, readRef, REF_PREFIX, targetRef } from '../store/refs.js';
import { openRepository, type Repository } from '../store/repository.js';

export interface Workspace {
  repo: Repository;
  /** The work tree root, where `.datatrack/` lives; undefined in a bare repository. */
  root: string | undefined;
  config: DatatrackConfig;
  /** The parsed config file, to point errors in its sections at file:line:column (see errorAt). */
  configFile: YamlFile | undefined;
}

/** `migrate: false`: the Python tool's link is left as it is, for what must change no file (a git hook). */
export function openWorkspace(cwd: string, { migrate = true }: { migrate?: boolean } = {}): Workspace {
  const repo = openRepository(cwd);
  const root = repo.workTree;
  const migrated = root && migrate ? migratePythonLink(root) : undefined;
  if (migrated) process.stderr.write(`warning: ${migrated}\n`);
  const { config, file } = root ? loadConfig(root) : { config: { version: 1, targets: {} }, file: undefined };
  return { repo, root, config, configFile: file };
}

/**
 * Target `name`'s connection, for a command that connects to it (`given`: a URL for this run,
 * pipeline --source). A bare repository has no work tree, so no configuration: only the
 * environment can name a connection there, and `init`, which needs a work tree, is no advice.
 */
/** Where a bare repository takes target `name`'s connection from: the environment. */
export const bareConnectionVariables = (name: string) => (name === DEFAULT_TARGET ? `${targetEnvName(name)} or DATABASE_URL` : targetEnvName(name));

export function targetConnection(workspace: Workspace, name: string, given?: GivenUrl): ConnectionSpec {
  if (!workspace.root && !given && !environmentUrl(workspace.config, name, process.env)) {
    throw new UsageError(`this is a bare repository, which has no .datatrack/config.yaml: give target ${name}'s connection as ${bareConnectionVariables(name)}`, 'BARE_REPO');
  }
  // A SQLite database takes no password: its connection never reads the secrets file.
  const takesPassword = configuredTarget(workspace.config, name)?.dialect !== 'sqlite';
  const bound = workspace.root && takesPassword ? bindEarlierPassword(workspace.root, name) : undefined;
  if (bound) process.stderr.write(`warning: ${bound}\n`);
  return resolveTarget(workspace.config, name, workspace.root ?? workspace.repo.gitDir, process.env, given);
}

/** The targets with snapshots here, the first few named (empty when none). */
function targetsWithSnapshots(workspace: Workspace): string {
  const names = listRefNames(workspace.repo.commonDir, REF_PREFIX).map((ref) => ref.slice(REF_PREFIX.length)).sort();
  return `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`;
}

/**
 * The target a command that reads snapshots works on. A name asked for (or set as default_target)
 * that is not configured, has no environment URL and has no snapshots is a typo, not a target
 * without snapshots yet.
 */
export function pickSnapshotTarget(workspace: Workspace, requested: string | undefined): string {
  const name = pickTarget(workspace.config, requested);
  // With no -t, in a repository with no target configured yet, the fallback "default" may just have
  // no snapshots yet; beside configured targets (the default one disconnected) it names none of
  // them, and "run `datatrack snapshot -t default`" would send the user to an unknown target. A
  // default_target the config names is checked as -t is.
  const fallback = requested === undefined && workspace.config.default_target === undefined && Object.keys(workspace.config.targets).length === 0;
  const known = fallback || configuredTarget(workspace.config, name) || environmentUrl(workspace.config, name, process.env) !== undefined || readRef(workspace.repo.commonDir, targetRef(name));
  if (!known && !workspace.root) {
    // `init` and `connect` need a work tree: here a target is a ref with snapshots, or one the environment connects.
    const others = targetsWithSnapshots(workspace);
    const existing = others ? `snapshots exist for ${others}; ` : '';
    throw new UsageError(`target ${name} has no snapshots in this bare repository; ${existing}to snapshot it here, give its connection as ${bareConnectionVariables(name)}`, 'UNKNOWN_TARGET');
  }
  if (!known) throw unknownTarget(workspace.config, name, workspace.root);
  // No config names a target (a bare repository, a fresh clone): other targets' snapshots are likely the ones meant.
  if (fallback && !environmentUrl(workspace.config, name, process.env) && !readRef(workspace.repo.commonDir, targetRef(name))) {
    const others = targetsWithSnapshots(workspace);
    if (others) throw new UsageError(`no target is configured here, and target ${name} has no snapshots; snapshots exist for ${others}: give one with -t NAME`, 'NO_SNAPSHOTS');
  }
  return name;
}

/** pickSnapshotTarget, asked once a command needs the default target: a revision names its own. */
export function snapshotTargetOnDemand(workspace: Workspace, requested: string | undefined): () => string {
  let picked: string | undefined;
  return () => (picked ??= pickSnapshotTarget(workspace, requested));
}

/** The target a lone revision names, written as its name or as its full ref (refs/datatrack/<name>), when it has snapshots. */
export function targetNamed(workspace: Workspace, rev: string): string | undefined {
  const name = rev.startsWith(REF_PREFIX) ? rev.slice(REF_PREFIX.length) : rev;
  if (/[~^:]/.test(name) || name.startsWith('refs/')) return undefined;
  try {
    return readRef(workspace.repo.commonDir, targetRef(name)) !== undefined ? name : undefined;
  } catch {
    return undefined;
  }
}
