// connect, disconnect, targets, test-connection: managing where snapshots come from.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DIR, configuredTarget, loadConfig, saveTarget, targetNameClash, type DatatrackConfig, type TargetConfig } from '../config/config.js';
import { withConfigLock } from '../config/config-lock.js';
import { readSecrets, writePassword } from '../config/secrets.js';
import { storedTarget } from '../config/stored-target.js';
import { DEFAULT_TARGET, environmentUrl, parseEnvironmentUrl, pickTarget, unknownTarget, validateTargetName, type ConnectionSpec } from '../config/targets.js';
import { describeTarget, parseConnectionUrl } from '../config/url.js';
import { loadDriver } from '../dialects/driver.js';
import { DIALECT_NAMES, type Dialect } from '../model/types.js';
import { errorReport, StorageError, UsageError, type ErrorReport } from '../errors.js';
import { listRefNames, readRef, REF_PREFIX, targetRef } from '../store/refs.js';
import { snapshotsEngine } from './target-engine.js';
import { openWorkspace, targetConnection, type Workspace } from './workspace.js';

function requireRoot(workspace: Workspace): string {
  if (!workspace.root) throw new UsageError("this is a bare repository; targets are configured in a work tree's .datatrack/config.yaml (a snapshot here takes its connection from DATATRACK_<TARGET>_URL)", 'BARE_REPO');
  return workspace.root;
}

export interface ConnectResult {
  target: string;
  dialect: string;
  url: string;
  server: string;
  default: boolean;
  warnings: string[];
}

/** Refuses a name that cannot live beside a configured target's or a snapshot ref's (one fetched from a remote too). */
function refuseClashingName(workspace: Workspace, name: string): void {
  const names = [...Object.keys(workspace.config.targets), ...listRefNames(workspace.repo.commonDir, REF_PREFIX).map((ref) => ref.slice(REF_PREFIX.length))];
  for (const other of names) {
    const clash = targetNameClash(name, other);
    if (clash) throw new UsageError(`target name ${JSON.stringify(name)} clashes with ${JSON.stringify(other)}: ${clash}; choose another name`, 'BAD_TARGET_NAME');
  }
}

/**
 * `history`: the engine of its snapshots when it is not the URL's, for the --force this asks for
 * puts the URL's snapshots on that history too (as refuseOtherEngineHistory says of a name not configured).
 */
function refuseExisting(config: DatatrackConfig, name: string, force: boolean | undefined, history?: { previous: Dialect; given: Dialect }): void {
  if (!configuredTarget(config, name) || force) return;
  if (history) {
    const [expected, given] = [DIALECT_NAMES[history.previous], DIALECT_NAMES[history.given]];
    throw new UsageError(
      `target ${name} already exists and its snapshots are ${expected}; use --force to replace it with this ${given} database (its next snapshot then shows every object removed and added) or --name to add another`,
      'TARGET_EXISTS',
    );
  }
  throw new UsageError(`target ${name} already exists; use --force to replace it or --name to add another`, 'TARGET_EXISTS');
}

/**
 * A name whose snapshots are another engine's (its target disconnected, or pulled from a teammate)
 * would take this database's snapshots on the same history, the first of them reading as every
 * object removed and another schema added: only with --force.
 */
function refuseOtherEngineHistory(name: string, dialect: Dialect, previous: Dialect | undefined, force: boolean | undefined): void {
  if (force || !previous || previous === dialect) return;
  const [given, expected] = [DIALECT_NAMES[dialect], DIALECT_NAMES[previous]];
  throw new UsageError(
    `the snapshots of target ${name} are ${expected}; connect this ${given} database under another --name, or give --force to go on with its history on ${given} (its next snapshot then shows every object removed and added)`,
    'DIALECT_MISMATCH',
  );
}

/** `password`: given apart from the URL (--password-stdin), so that it never sits in a process's arguments. */
export async function connect(request: { cwd: string; url: string; name?: string; force?: boolean; password?: string }): Promise<ConnectResult> {
  const workspace = openWorkspace(request.cwd);
  const root = requireRoot(workspace);
  const name = validateTargetName(request.name ?? DEFAULT_TARGET);
  if (request.url.trim() === '') throw new UsageError('the URL is empty; give a connection URL or a SQLite file path', 'BAD_URL');
  const { target, password: inUrl, relativeFile } = parseConnectionUrl(request.url, request.cwd);
  if (request.password !== undefined && target.dialect === 'sqlite') throw new UsageError('a SQLite database takes no password; leave out --password-stdin', 'USAGE');
  if (request.password !== undefined && inUrl !== undefined) throw new UsageError('the URL has a password and --password-stdin gives another; give it once', 'USAGE');
  const password = request.password ?? inUrl;
  const previous = await snapshotsEngine(workspace, name);
  refuseExisting(workspace.config, name, request.force, previous && previous !== target.dialect ? { previous, given: target.dialect } : undefined);
  refuseClashingName(workspace, name);
  refuseOtherEngineHistory(name, target.dialect, previous, request.force);
  const spec: ConnectionSpec = { ...target, port: target.port === undefined ? undefined : Number(target.port), password, options: target.options ?? {} };
  const { server, warnings = [] } = await (await loadDriver(target.dialect)).testConnection(spec);
  const stored = storedTarget(root, target, relativeFile);
  return withConfigLock(root, () => {
    // Read again under the lock: another connect may have changed the configuration meanwhile.
    const { config } = loadConfig(root);
    refuseExisting(config, name, request.force);
    refuseClashingName({ ...workspace, config }, name);
    const makeDefault = !config.default_target || !configuredTarget(config, config.default_target);
    // The password first: a secrets file that cannot be written must not leave a target without one.
    writePassword(root, name, password === undefined ? undefined : { password, server: stored });
    saveTarget(root, name, stored, makeDefault);
    return { target: name, dialect: target.dialect, url: describeTarget(stored), server, default: makeDefault || config.default_target === name, warnings };
  });
}

export function disconnect(request: { cwd: string; name?: string }): { target: string; snapshots_kept: boolean } {
  const workspace = openWorkspace(request.cwd);
  const root = requireRoot(workspace);
  const name = pickTarget(workspace.config, request.name);
  const unknown = () => new UsageError(`unknown target ${JSON.stringify(name)}; see \`datatrack targets\``, 'UNKNOWN_TARGET');
  // Nothing to remove where datatrack keeps nothing (no init): the lock would make its directory.
  if (!existsSync(join(root, CONFIG_DIR))) throw unknown();
  withConfigLock(root, () => {
    const configured = configuredTarget(loadConfig(root).config, name) !== undefined;
    // A password can outlive its target (the config edited by hand, or by a teammate's commit): it still goes.
    // This work tree's own file only: a linked worktree also reads the main work tree's passwords,
    // which this disconnect does not remove, so one of those is no target to report as removed.
    if (!configured && readSecrets(root)[name] === undefined) throw unknown();
    if (configured) saveTarget(root, name, undefined, false);
    writePassword(root, name, undefined);
  });
  return { target: name, snapshots_kept: readRef(workspace.repo.commonDir, targetRef(name)) !== undefined };
}

export interface TargetListing {
  name: string;
  dialect: string;
  url: string;
  default: boolean;
  latest: string | null;
  /** Where the connection comes from: the config, or the environment variable whose URL replaces it. */
  source: string;
  /** Why the latest snapshot cannot be told (its ref file is damaged): the target is listed all the same. */
  error?: ErrorReport;
}

/** A target's latest snapshot, or why its ref cannot be read. */
function latestSnapshot(workspace: Workspace, name: string): Pick<TargetListing, 'latest' | 'error'> {
  try {
    return { latest: readRef(workspace.repo.commonDir, targetRef(name)) ?? null };
  } catch (error) {
    if (!(error instanceof StorageError)) throw error;
    return { latest: null, error: errorReport(error) };
  }
}

/**
 * The targets as commands would connect to them (an environment URL replaces a target's configured
 * connection; DATABASE_URL stands for an unconfigured default target), or only `request.target`.
 */
export function listTargets(request: { cwd: string; target?: string; env?: NodeJS.ProcessEnv }): TargetListing[] {
  const workspace = openWorkspace(request.cwd);
  const env = request.env ?? process.env;
  const defaultName = workspace.config.default_target ?? DEFAULT_TARGET;
  const root = workspace.root ?? workspace.repo.gitDir;
  // Beside the configured ones: the default and the target asked for, which other commands connect
  // to through their environment URL even when the config does not name them.
  const unconfigured = [defaultName, ...(request.target === undefined ? [] : [validateTargetName(request.target)])].filter((name) => !configuredTarget(workspace.config, name));
  const names = [...new Set([...Object.keys(workspace.config.targets), ...unconfigured])];
  const targets = names.flatMap((name): [string, TargetConfig, string][] => {
    const fromEnv = environmentUrl(workspace.config, name, env);
    if (fromEnv) return [[name, parseEnvironmentUrl(fromEnv, root).target, fromEnv.variable]];
    const configured = configuredTarget(workspace.config, name);
    return configured ? [[name, configured, 'config']] : [];
  });
  if (request.target !== undefined && !targets.some(([name]) => name === request.target)) throw unknownTarget(workspace.config, request.target, workspace.root);
  return targets
    .filter(([name]) => request.target === undefined || name === request.target)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, target, source]) => ({
      name,
      dialect: target.dialect,
      url: describeTarget(target),
      default: name === defaultName,
      ...latestSnapshot(workspace, name),
      source,
    }));
}

export async function testConnection(request: { cwd: string; target?: string }): Promise<{ target: string; dialect: string; server: string; warnings: string[] }> {
  const workspace = openWorkspace(request.cwd);
  const name = pickTarget(workspace.config, request.target);
  const spec = targetConnection(workspace, name);
  const { server, warnings = [] } = await (await loadDriver(spec.dialect)).testConnection(spec);
  return { target: name, dialect: spec.dialect, server, warnings };
}
