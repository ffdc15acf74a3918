// JUnit XML for CI test reports: one test case per object checked; it fails when the object has an
// error or warning (all its findings in the failure text), info findings go to system-out.
import { parsePath } from '../../codec/layout.js';
import { printable } from '../../util/printable.js';
import { objectLabel, textNamePart } from '../../util/qualified-name.js';
import { findingName, type LocatedFinding } from '../findings.js';
import type { CheckResult } from './check-result.js';

// One line of text: control, ANSI and bidi characters (and line breaks, and what XML 1.0 cannot
// carry even escaped) become visible \uXXXX, as in every human output; then XML's own escaping.
const xml = (text: string) => printable(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const line = (f: LocatedFinding) => `${f.severity} ${f.rule} ${findingName(f)}: ${f.message} (${f.hint})`;

export function renderJunit(result: CheckResult): string {
  // By file: a table and an event of one name, or s."x.y" and "s.x".y, are two test cases.
  const byObject = new Map<string, LocatedFinding[]>(result.checked.map((file) => [file, []]));
  for (const finding of result.findings) byObject.set(finding.location.file, [...(byObject.get(finding.location.file) ?? []), finding]);
  /** A test case's name: the object as the text output names it (a name with a dot quoted, or one printing would hide part of). */
  const nameOf = (file: string, findings: LocatedFinding[]) => {
    const parsed = parsePath(file);
    return parsed?.type === 'object' ? objectLabel(parsed.schema, parsed.kind, parsed.name, textNamePart) : (findings[0]?.object ?? file);
  };
  const suite = `datatrack ${result.command}`;
  const cases: string[] = [];
  let failures = 0;
  for (const [file, findings] of byObject) {
    const label = nameOf(file, findings);
    const failing = findings.filter((f) => f.severity !== 'info');
    const info = findings.filter((f) => f.severity === 'info');
    let body = '';
    if (failing.length) {
      failures++;
      const worst = failing.some((f) => f.severity === 'error') ? 'error' : 'warning';
      body += `\n      <failure type="${worst}" message="${xml(`${failing.length} finding${failing.length > 1 ? 's' : ''}: ${failing[0]!.message}`)}">${failing.map((f) => xml(line(f))).join('\n')}</failure>`;
    }
    if (info.length) body += `\n      <system-out>${info.map((f) => xml(line(f))).join('\n')}</system-out>`;
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
