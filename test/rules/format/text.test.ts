// Lint's and verify's human output: findings under the object they are about, named as the text
// diff names it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { objectPath } from '../../../src/codec/layout.js';
import type { SchemaObject } from '../../../src/model/types.js';
import { findingName, type LocatedFinding } from '../../../src/rules/findings.js';
import type { CheckResult } from '../../../src/rules/format/check-result.js';
import { renderJunit } from '../../../src/rules/format/junit.js';
import { renderText } from '../../../src/rules/format/text.js';

test('an object whose name printing would hide part of is quoted in its heading, its findings and its JUnit case; an ordinary one is not', () => {
  const file = (name: string) => objectPath({ schema: 'main', kind: 'table', name } as SchemaObject).join('/');
  const finding = (name: string, kind: 'table' | 'column' = 'table', part = ''): LocatedFinding => ({
    rule: 'structure-no-primary-key',
    severity: 'warning',
    kind,
    object: `main.${name}${part}`,
    message: 'has no primary key',
    hint: 'add one',
    location: { file: file(name) },
  });
  const findings = [finding('t '), finding('t'), finding('\u200bt'), finding('Größe der Bestellung'), finding('users', 'column', '.e ')];
  const result: CheckResult = {
    command: 'lint',
    commit: '0123456789abcdef0123456789abcdef01234567',
    target: 'default',
    dialect: 'sqlite',
    checked: [...new Set(findings.map((f) => f.location.file))],
    findings,
    summary: { error: 0, warning: findings.length, info: 0 },
    rules: [],
    lineOf: () => 1,
  };
  const headings = renderText(result, (_style, text) => text).split('\n').filter((line) => line.startsWith('main.'));
  assert.equal(headings, ['main."t "', 'main.t', 'main."\\u200bt"', 'main.Größe der Bestellung', 'main.users']);
  assert.equal(findings.map(findingName), ['main."t "', 'main.t', 'main."\u200bt"', 'main.Größe der Bestellung', 'main.users."e "']);
  const cases = [...renderJunit(result).matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(cases, ['main.&quot;t &quot;', 'main.t', 'main.&quot;\\u200bt&quot;', 'main.Größe der Bestellung', 'main.users']);
});

test.run();
