// JUnit XML for CI test reports: one test case per object checked; it fails when the object has an
// error or warning (all its findings in the failure text), info findings go to system-out.
import { parsePath } from '../../codec/layout.js';
import type { LocatedFinding } from '../findings.js';
import type { CheckResult } from './check-result.js';

// XML 1.0 cannot carry most control characters even escaped: they become visible \uXXXX.
const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const line = (f: LocatedFinding) => `${f.severity} ${f.rule} ${f.object}: ${f.message} (${f.hint})`;

export function renderJunit(result: CheckResult): string {
  const byObject = new Map<string, LocatedFinding[]>(result.checked.map((label) => [label, []]));
  for (const finding of result.findings) {
    const parsed = parsePath(finding.location.file);
    const label = parsed?.type === 'object' ? `${parsed.schema}.${parsed.name}` : finding.object;
    byObject.set(label, [...(byObject.get(label) ?? []), finding]);
  }
  const suite = `datatrack ${result.command}`;
  const cases: string[] = [];
  let failures = 0;
  for (const [label, findings] of byObject) {
    const failing = findings.filter((f) => f.severity !== 'info');
    const info = findings.filter((f) => f.severity === 'info');
    let body = '';
    if (failing.length) {
      failures++;
      const worst = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
      body += `\n      <failure type="${worst}" message="${xml(`${failing.length} finding${failing.length > 1 ? 's' : ''}: ${failing[0]!.message}`)}">${xml(failing.map(line).join('\n'))}</failure>`;
    }
    if (info.length) body += `\n      <system-out>${xml(info.map(line).join('\n'))}</system-out>`;
    cases.push(`    <testcase classname="${xml(suite)}" name="${xml(label)}">${body}${body ? '\n    ' : ''}</testcase>`);
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(suite)}" ${counts}>`,
    `  <testsuite name="${xml(`${suite} ${result.target ?? result.commit.slice(0, 7)}`)}" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
