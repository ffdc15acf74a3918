// What lint and verify return to the CLI: the located findings with their summary, the snapshot
// they came from, and what the formatters need (the rules that ran, the objects checked).
import type { Dialect } from '../../model/types.js';
import type { CheckTarget } from '../check-target.js';
import { objectPath } from '../../codec/layout.js';
import { sortFindings, summarize, type LocatedFinding, type Summary } from '../findings.js';
import type { RuleDoc } from '../rule.js';
import { lineFinder, type LineOf } from './lines.js';

export interface CheckResult {
  command: 'lint' | 'verify';
  commit: string;
  target: string | null;
  dialect: Dialect;
  /** The files of the objects checked (`main/tables/users.yaml`), in order: two objects never share one, as they may a `schema.name`. */
  checked: string[];
  /** Changed-only mode: the base snapshot (null when there was none). */
  base?: string | null;
  findings: LocatedFinding[];
  summary: Summary;
  /** The rules that ran, for SARIF's rule table. */
  rules: RuleDoc[];
  /** verify: the rules file read (null when none was found and the Python defaults applied). */
  rulesFile?: string | null;
  /** verify: what the rules could not judge, for stderr (never findings: nothing was found). */
  warnings?: string[];
  lineOf: LineOf;
}

/** Assembles the result of a run over `target`. */
export function buildCheckResult(
  command: CheckResult['command'],
  target: CheckTarget,
  findings: LocatedFinding[],
  rules: RuleDoc[],
): CheckResult {
  const sorted = sortFindings(findings);
  return {
    command,
    commit: target.commit,
    target: target.target ?? null,
    dialect: target.dialect,
    checked: target.objects.map((object) => objectPath(object).join('/')),
    ...(target.base !== undefined ? { base: target.base } : {}),
    findings: sorted,
    summary: summarize(sorted),
    rules,
    lineOf: lineFinder(target.objects),
  };
}
