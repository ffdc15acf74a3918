// verify: the house rules of schema_rules.yaml (the Python datatrack's `rules:` and the extended
// `house_rules:`) on a snapshot read from git. Without a rules file, the Python tool's defaults.
import * as fs from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { RULES_FILE } from './init.js';
import type { CheckTarget } from '../rules/check-target.js';
import { buildCheckResult, type CheckResult } from '../rules/format/check-result.js';
import type { RuleDoc } from '../rules/rule.js';
import type { Matcher } from '../rules/patterns.js';
import { checkHouseRules, type Criteria, type HouseRule } from '../rules/verify/house-rules.js';
import { checkPythonRules, PYTHON_DEFAULT_RULES, PYTHON_RULE_DOCS } from '../rules/verify/python-rules.js';
import { readRulesFile, type RulesFile } from '../rules/verify/rules-file.js';
import { requestedTarget, type CheckRequest } from './lint.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface VerifyRequest extends CheckRequest {
  /** A rules file other than schema_rules.yaml at the repository root. */
  rulesFile?: string;
}

/** A one-line account of a house rule, for SARIF's rule table. */
function houseRuleDoc(rule: HouseRule): RuleDoc {
  const { kind, except, ...criteria } = rule.select;
  const describe = (c: Criteria) => Object.entries(c).map(([key, matchers]: [string, Matcher[]]) => `${key} ${matchers.map((m) => m.source).join(' or ')}`);
  const by = describe(criteria);
  const unless = except ? describe(except) : [];
  const description =
    `Selects each ${kind}${by.length ? ` with ${by.join(', ')}` : ''}${unless.length ? `, except ${unless.join(', ')}` : ''}; ` +
    `asserts ${Object.keys(rule.assert).join(', ')}. Defined in ${rule.position.file}:${rule.position.line}.`;
  return {
    id: rule.id,
    family: 'house_rules',
    level: rule.severity,
    summary: rule.message ?? `${kind}: ${Object.keys(rule.assert).join(', ')}`,
    description,
    examples: { bad: '', good: '' },
    hint: rule.hint ?? `see the rule at ${rule.position.file}:${rule.position.line}`,
  };
}

function findRulesFile(cwd: string, root: string | undefined, requested: string | undefined): RulesFile | undefined {
  if (requested !== undefined) {
    const path = resolve(cwd, requested);
    const inside = root !== undefined && !relative(root, path).startsWith('..') && !isAbsolute(relative(root, path));
    // Outside the work tree a path as typed would be read against the repository's root by SARIF
    // viewers and GitHub annotations (or name another file from another directory): absolute.
    // The root itself (`--rules .`) is named as typed: its relative path is empty.
    return readRulesFile(path, inside && relative(root!, path) !== '' ? relative(root!, path) : path);
  }
  const path = root === undefined ? undefined : join(root, RULES_FILE);
  // A link that leads nowhere is a rules file gone wrong, not none: read (and failed on) as one,
  // rather than checking the defaults and passing.
  return path !== undefined && fs.lstatSync(path, { throwIfNoEntry: false }) ? readRulesFile(path, RULES_FILE) : undefined;
}

/** Said wherever verify runs without a rules file, so that the defaults are not taken for the team's own rules. */
export const NO_RULES_FILE = 'no schema_rules.yaml; checking the Python datatrack defaults (snake_case, reserved keywords)';

export async function verify(request: VerifyRequest): Promise<CheckResult> {
  const workspace = openWorkspace(request.cwd);
  const file = findRulesFile(request.cwd, workspace.root, request.rulesFile);
  return verifyLoaded(await requestedTarget(workspace, request), file);
}

/** The rules file verify uses in a work tree (schema_rules.yaml at its root), if there is one. */
export function defaultRulesFile(workspace: Workspace): RulesFile | undefined {
  return findRulesFile(workspace.root ?? workspace.repo.gitDir, workspace.root, undefined);
}

/** verify on a snapshot already read (pipeline and hooks read it once for lint and verify). */
export function verifyLoaded(target: CheckTarget, file: RulesFile | undefined): CheckResult {
  const python = file ? file.python : PYTHON_DEFAULT_RULES;
  const houseRules = file?.houseRules ?? [];
  const find = (schema: string, name: string) => target.model.table(schema, name);
  const house = checkHouseRules(target.objects, houseRules, target.model, target.dialect, { whole: target.base === undefined });
  const findings = [...(python ? checkPythonRules(target.objects, python, find) : []), ...house.findings];
  const rules = [...(python ? PYTHON_RULE_DOCS : []), ...houseRules.map(houseRuleDoc)];
  return { ...buildCheckResult('verify', target, findings, rules), rulesFile: file?.label ?? null, warnings: house.warnings };
}
