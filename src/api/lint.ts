// lint: the built-in rules on a snapshot read from git (no database), configured by the `lint:`
// section of .datatrack/config.yaml.
import { loadCheckTarget, type CheckTarget } from '../rules/check-target.js';
import { runLintRules } from '../rules/engine.js';
import { buildCheckResult, type CheckResult } from '../rules/format/check-result.js';
import { LintSettings } from '../rules/lint/lint-config.js';
import { LINT_RULES } from '../rules/lint/rule-list.js';
import { decodeSegment } from '../codec/path-encoding.js';
import { TREE_MODE, parseTree } from '../store/git-format.js';
import { readCommit } from '../store/read-snapshot.js';
import { listRefs, REF_PREFIX } from '../store/refs.js';
import type { Repository } from '../store/repository.js';
import { openWorkspace, snapshotTargetOnDemand, type Workspace } from './workspace.js';

export interface CheckRequest {
  cwd: string;
  target?: string;
  rev?: string;
  /** Only objects changed since this revision (true: since the previous snapshot). */
  changed?: string | true;
}

export async function lint(request: CheckRequest): Promise<CheckResult> {
  const workspace = openWorkspace(request.cwd);
  // The configuration is checked before anything is read, so a mistake in it fails fast.
  const settings = lintSettings(workspace);
  const target = await requestedTarget(workspace, request);
  return lintLoaded(target, settings, await knownSchemas(workspace, target.commit));
}

/** The schemas `lint.schemas` keys may be meant for: the linted snapshot's and every target's latest (but a damaged ref's: its target's own commands say so). */
export function knownSchemas(workspace: Workspace, commit: string): Promise<string[]> {
  return schemasOfSnapshots(workspace.repo, [commit, ...listRefs(workspace.repo.commonDir, REF_PREFIX).refs.values()]);
}

/**
 * The schemas of these snapshots (the one linted and every target's latest), from their trees'
 * top directories (so empty schemas too). `lint.schemas` is shared by every target: a key that only
 * another target's schemas match is no typo.
 */
async function schemasOfSnapshots(repo: Repository, commits: string[]): Promise<string[]> {
  const schemas = new Set<string>();
  for (const oid of new Set(commits)) {
    try {
      const { tree } = (await readCommit(repo.objects, oid)).commit;
      for (const entry of parseTree(await repo.objects.readTyped(tree, 'tree'), tree)) if (entry.mode === TREE_MODE) schemas.add(decodeSegment(entry.name));
    } catch {
      // a ref that holds no snapshot (made by hand): it names no schema
    }
  }
  return [...schemas];
}

/** The snapshot a lint or verify request names (the target's latest by default), as the checks read it. */
export function requestedTarget(workspace: Workspace, request: CheckRequest): Promise<CheckTarget> {
  return loadCheckTarget(workspace.repo, {
    rev: request.rev,
    defaultTarget: snapshotTargetOnDemand(workspace, request.target),
    requestedTarget: request.target,
    changed: request.changed,
    configuredTargets: Object.keys(workspace.config.targets),
  });
}

export function lintSettings(workspace: Workspace): LintSettings {
  return LintSettings.parse(workspace.config.lint, workspace.configFile, LINT_RULES);
}

/** lint on a snapshot already read (pipeline and hooks read it once for lint and verify). */
export function lintLoaded(target: CheckTarget, settings: LintSettings, known: readonly string[] = []): CheckResult {
  const rules = LINT_RULES.all();
  // Only a whole snapshot tells which schemas there are (changed-only mode holds the changed objects);
  // `known` adds the schemas other snapshots have (other targets'), which a key may be meant for.
  const schemas = [...new Set(target.objects.map((object) => object.schema))].sort();
  const unmatched = target.base === undefined ? settings.unmatchedSchemas([...schemas, ...known]) : [];
  const some = schemas.length > 10 ? `${schemas.slice(0, 10).join(', ')}, … ${schemas.length - 10} more` : schemas.join(', ');
  const warnings = unmatched.map((name) => `lint.schemas ${JSON.stringify(name)} in .datatrack/config.yaml names no schema of this snapshot (${some}); its settings change nothing`);
  // SARIF's rule table lists the rules that ran, each at its level for the first schema it ran on
  // (a finding carries its own): not one configured off, nor one off by default and left so.
  const ran = rules.flatMap((rule) => {
    const level = schemas.map((schema) => settings.resolve(rule, schema).level).find((l) => l !== 'off');
    return level === undefined ? [] : [{ ...rule, level }];
  });
  return { ...buildCheckResult('lint', target, runLintRules(target, rules, settings), ran), ...(warnings.length ? { warnings } : {}) };
}
