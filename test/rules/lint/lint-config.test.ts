// The lint: section of .datatrack/config.yaml: levels, options, globs, per-schema overrides,
// ignores, and errors at file:line:column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nameLevels } from '../../../src/codec/readable-name.js';
import { readYamlFile } from '../../../src/config/yaml-file.js';
import { LintSettings } from '../../../src/rules/lint/lint-config.js';
import { LINT_RULES } from '../../../src/rules/lint/rule-list.js';
import { tempDir } from '../../helpers/cli.js';

function parse(yaml: string): LintSettings {
  const path = join(tempDir(), 'config.yaml');
  writeFileSync(path, yaml);
  const file = readYamlFile(path, '.datatrack/config.yaml');
  return LintSettings.parse((file.value as { lint?: unknown }).lint, file, LINT_RULES);
}

function fails(yaml: string, message: RegExp): void {
  try {
    parse(yaml);
  } catch (error) {
    assert.match((error as Error).message, message);
    assert.is((error as { exitCode?: number }).exitCode, 2);
    return;
  }
  assert.unreachable('the configuration was accepted');
}

const rule = (id: string) => LINT_RULES.get(id)!;

test('levels and options: defaults, exact ids, globs (exact ids win), per-schema overrides', () => {
  const settings = parse(`lint:
  rules:
    naming-length: {severity: error, max: 40}
    naming-*: info
    types-enum: off
  schemas:
    "legacy*":
      naming-snake-case: off
      naming-length: {max: 64}
`);
  assert.equal(settings.resolve(rule('naming-length'), 'public'), { level: 'error', options: { max: 40 } });
  assert.equal(settings.resolve(rule('naming-snake-case'), 'public'), { level: 'info', options: {} });
  assert.equal(settings.resolve(rule('naming-snake-case'), 'legacy_app'), { level: 'off', options: {} });
  assert.equal(settings.resolve(rule('naming-length'), 'legacy_app'), { level: 'error', options: { max: 64 } });
  assert.is(settings.resolve(rule('types-enum'), 'public').level, 'off');
  assert.is(settings.resolve(rule('structure-no-primary-key'), 'public').level, 'warning');
});

test('ignores by rule glob and object glob; an object glob also covers the parts of the object', () => {
  const settings = parse(`lint:
  ignore:
    - {rule: naming-*, objects: legacy.*}
    - {objects: [public.audit_log], reason: written by a vendor tool}
    - {rule: structure-fk-not-indexed}
`);
  const at = (file: string, object: string, kind = 'column') => nameLevels(file, object, kind);
  assert.ok(settings.ignored('naming-snake-case', at('legacy/tables/Users.yaml', 'legacy.Users.Name')));
  assert.not.ok(settings.ignored('types-enum', at('legacy/tables/users.yaml', 'legacy.users.kind')));
  assert.ok(settings.ignored('types-enum', at('public/tables/audit_log.yaml', 'public.audit_log.kind')));
  assert.not.ok(settings.ignored('types-enum', at('public/tables/audit_logs.yaml', 'public.audit_logs', 'table')));
  assert.ok(settings.ignored('structure-fk-not-indexed', at('public/tables/orders.yaml', 'public.orders.fk', 'foreign_key')));
});

test('an ignore names an object as lint prints it (a name holding a dot quoted) or dotted; its parents end where names end', () => {
  const quoted = parse(`lint:
  ignore:
    - {objects: 'public."s.x"'}
`);
  const odd = nameLevels('public/tables/s.x.yaml', 'public.s.x', 'table');
  assert.ok(quoted.ignored('naming-snake-case', odd));
  assert.ok(quoted.ignored('naming-snake-case', nameLevels('public/tables/s.x.yaml', 'public.s.x.id', 'column')));
  assert.not.ok(quoted.ignored('naming-snake-case', nameLevels('public/tables/s.yaml', 'public.s.x', 'column')));
  assert.ok(parse(`lint:
  ignore:
    - {objects: public.s.x}
`).ignored('naming-snake-case', odd));
  // public.s is another table: it holds nothing of public."s.x"
  assert.not.ok(parse(`lint:
  ignore:
    - {objects: public.s}
`).ignored('naming-snake-case', odd));
});

test('mistakes are reported at file:line:column', () => {
  fails('lint:\n  rulez: {}\n', /config\.yaml:2:3: unknown key "rulez" in lint/);
  fails('lint:\n  rules:\n    naming-snakecase: off\n', /config\.yaml:3:5: unknown rule "naming-snakecase"/);
  fails('lint:\n  rules:\n    naming-snake-case: loud\n', /config\.yaml:3:24: severity must be one of error, warning, info, off/);
  fails('lint:\n  rules:\n    naming-length: {severity: error, maximum: 3}\n', /config\.yaml:3:38: rule naming-length has no option "maximum" \(options: max\)/);
  fails('lint:\n  rules:\n    naming-length: {max: -3}\n', /config\.yaml:3:26: max must be a positive integer/);
  fails('lint:\n  rules:\n    nothing-*: off\n', /config\.yaml:3:5: "nothing-\*" matches no rule/);
  fails('lint:\n  rules:\n    naming-*: {severity: off, max: 3}\n', /config\.yaml:3:15: a glob over rule ids sets a severity only/);
  fails('lint:\n  ignore:\n    - {rules: x}\n', /config\.yaml:3:8: unknown key "rules" \(known: rule, objects, reason\)/);
  // an ignore naming no rule would silently do nothing: refused like the same id under rules
  fails('lint:\n  ignore:\n    - {rule: naming-snake-cas, objects: public.BadName}\n', /config\.yaml:3:14: unknown rule "naming-snake-cas"; see `datatrack rules` for the list/);
  fails('lint:\n  ignore:\n    - {rule: [naming-*, nonexist-*]}\n', /config\.yaml:3:25: "nonexist-\*" matches no rule; see `datatrack rules`/);
  fails('lint:\n  ignore:\n    - {reason: why}\n', /config\.yaml:3:7: an ignore needs rule, objects or both/);
  fails('lint:\n  ignore: {rule: x}\n', /config\.yaml:2:11: ignore must be a list/);
  fails('lint:\n  schemas:\n    legacy: off\n', /config\.yaml:3:13: expected a mapping of rule id/);
});

test.run();
