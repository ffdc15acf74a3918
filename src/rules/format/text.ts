// Human output: findings grouped by object, worst first within each; then each distinct hint once
// (a rule's advice is the same on every object) and one summary line. Colour comes from the
// caller's painter (only on a terminal).
import { parsePath } from '../../codec/layout.js';
import type { Style } from '../../cli/terminal.js';
import { plural } from '../../util/plural.js';
import { printable } from '../../util/printable.js';
import { objectLabel, textNamePart } from '../../util/qualified-name.js';
import type { LocatedFinding, Severity } from '../findings.js';
import type { CheckResult } from './check-result.js';

const STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function heading(finding: LocatedFinding): string {
  const parsed = parsePath(finding.location.file);
  return parsed?.type === 'object' ? objectLabel(parsed.schema, parsed.kind, parsed.name, textNamePart) : finding.object;
}

export function renderText(result: CheckResult, paint: (style: Style, text: string) => string): string {
  const groups = new Map<string, LocatedFinding[]>();
  for (const finding of result.findings) {
    const key = heading(finding);
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const lines: string[] = [];
  const hints = new Map<string, Set<string>>();
  for (const [object, findings] of groups) {
    lines.push(paint('bold', printable(object)));
    for (const f of findings.sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
      lines.push(`  ${paint(STYLE[f.severity], f.severity.padEnd(7))}  ${printable(f.message)}  ${paint('dim', f.rule)}`);
      hints.set(f.rule, (hints.get(f.rule) ?? new Set()).add(f.hint));
    }
    lines.push('');
  }
  if (hints.size) {
    lines.push(paint('bold', 'How to fix'));
    for (const [rule, texts] of [...hints].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const hint of texts) lines.push(`  ${rule}: ${printable(hint)}`);
    }
    lines.push('');
  }
  const { error, warning, info } = result.summary;
  const scope = result.base !== undefined ? `${plural(result.checked.length, 'changed object')} since ${result.base === null ? 'the first snapshot' : result.base.slice(0, 7)}` : plural(result.checked.length, 'object');
  const counts = error + warning + info === 0 ? 'no findings' : [plural(error, 'error'), plural(warning, 'warning'), plural(info, 'info', 'info')].join(', ');
  lines.push(`${counts} in ${scope} (${result.command} of ${result.commit.slice(0, 7)}${result.target ? ` ${printable(result.target)}` : ''})`);
  return lines.join('\n');
}
