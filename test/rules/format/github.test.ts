// GitHub workflow commands: database-sourced text is made printable first, then escaped as
// @actions/core does (%25 in data; %3A and %2C as well in property values).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CheckResult } from '../../../src/rules/format/check-result.js';
import { renderGithub } from '../../../src/rules/format/github.js';

test('names with %, :, commas, line breaks, ANSI and bidi controls stay inside one escaped command', () => {
  const object = 'main.a%b:c,d\r\n::error::forged\u001b[31m\u202e';
  const result = {
    findings: [{ rule: 'naming-snake-case', severity: 'warning', kind: 'table', object, message: 'table name is 100% wrong', hint: 'rename it', location: { file: 'main/tables/a%b:c,d.yaml' } }],
    lineOf: () => 1,
  } as unknown as CheckResult;
  const printed = 'main.a%25b%3Ac%2Cd\\u000d\\u000a%3A%3Aerror%3A%3Aforged\\u001b[31m\\u202e';
  assert.is(
    renderGithub(result),
    `::warning file=main/tables/a%25b%3Ac%2Cd.yaml,line=1,title=naming-snake-case ${printed}::${printed.replace(/%3A/g, ':').replace(/%2C/g, ',')}: table name is 100%25 wrong (rename it)`,
  );
});

test.run();
