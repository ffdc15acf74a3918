// lint: the built-in rules on a snapshot read from git (no database), configured by the `lint:`
// section of .datatrack/config.yaml.
import { loadCheckTarget, type CheckTarget } from '../rules/check-target.js';
import { runLintRules } from '../rules/engine.js';
import { buildCheckResult, type CheckResult } from '../rules/format/check-result.js';
import { LintSettings } from '../rules/lint/lint-config.js';
import { LINT_RULES } from '../rules/lint/rule-list.js';
import { openWorkspace, pickSnapshotTarget, type Workspace } from './workspace.js';

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
  return lintLoaded(await requestedTarget(workspace, request), settings);
}

/** The snapshot a lint or verify request names (the target's latest by default), as the checks read it. */
export function requestedTarget(workspace: Workspace, request: CheckRequest): Promise<CheckTarget> {
  return loadCheckTarget(workspace.repo, {
    rev: request.rev,
    defaultTarget: pickSnapshotTarget(workspace, request.target),
    changed: request.changed,
    configuredTargets: Object.keys(workspace.config.targets),
  });
}

export function lintSettings(workspace: Workspace): LintSettings {
  return LintSettings.parse(workspace.config.lint, workspace.configFile, LINT_RULES);
}

/** lint on a snapshot already read (pipeline and hooks read it once for lint and verify). */
export function lintLoaded(target: CheckTarget, settings: LintSettings): CheckResult {
  const rules = LINT_RULES.all();
  // Only a whole snapshot tells which schemas there are (changed-only mode holds the changed objects).
  const schemas = [...new Set(target.objects.map((object) => object.schema))].sort();
  const unmatched = target.base === undefined ? settings.unmatchedSchemas(schemas) : [];
  const warnings = unmatched.map((glob) => `lint.schemas ${JSON.stringify(glob)} in .datatrack/config.yaml matches no schema of this snapshot (${schemas.join(', ')}); its settings change nothing`);
  return { ...buildCheckResult('lint', target, runLintRules(target, rules, settings), rules), ...(warnings.length ? { warnings } : {}) };
}
