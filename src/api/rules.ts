// rules: every rule lint and verify know, with its default level, one-line summary and, for one
// rule, its full documentation with a bad and a good example.
import { UsageError } from '../errors.js';
import { LINT_RULES } from '../rules/lint/rule-list.js';
import type { OptionSpec, RuleDoc } from '../rules/rule.js';
import { PYTHON_RULE_DOCS } from '../rules/verify/python-rules.js';

export interface RuleInfo extends RuleDoc {
  /** lint: a built-in rule configured in .datatrack/config.yaml; verify: a schema_rules.yaml key. */
  command: 'lint' | 'verify';
  options?: Record<string, OptionSpec>;
}

export function listRules(): RuleInfo[] {
  const lint = LINT_RULES.all().map(({ check: _check, appliesTo: _appliesTo, ...doc }) => ({ ...doc, command: 'lint' as const }));
  return [...lint, ...PYTHON_RULE_DOCS.map((doc) => ({ ...doc, command: 'verify' as const }))];
}

export function explainRule(id: string): RuleInfo {
  const rule = listRules().find((r) => r.id === id);
  if (rule) return rule;
  const near = listRules()
    .map((r) => r.id)
    .filter((r) => r.includes(id) || id.includes(r.split('-').pop()!));
  throw new UsageError(`no rule "${id}"${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; \`datatrack rules\` lists them`, 'UNKNOWN_RULE');
}
