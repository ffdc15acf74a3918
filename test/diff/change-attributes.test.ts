// The attributes an impact key may name: every default rule's key is one the diff can report, so a
// configured key refused as unknown could never have matched a change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { knownAttribute, optionMeant } from '../../src/diff/change-attributes.js';
import type { ChangeKind } from '../../src/diff/change.js';
import { DEFAULT_IMPACT } from '../../src/diff/impact.js';

test("every default impact key's attribute is one its kind has", () => {
  const unknown = Object.keys(DEFAULT_IMPACT).filter((key) => {
    const [kind, , ...attribute] = key.split('.');
    return attribute.length > 0 && !knownAttribute(kind as ChangeKind, attribute.join('.'));
  });
  assert.equal(unknown, []);
});

test('an attribute is a key of the kind, a member of a nested mapping, or anything inside options or raw', () => {
  const known = (kind: ChangeKind, attribute: string) => knownAttribute(kind, attribute);
  assert.equal(
    [known('column', 'type'), known('column', 'position'), known('column', 'generated.expression'), known('table', 'partitioning.subpartitioning.strategy'), known('index', 'options.anything.at_all'), known('unknown', 'raw.x')],
    [true, true, true, true, true, true],
  );
  assert.equal(
    [known('column', 'typ'), known('table', 'position'), known('table', 'columns.type'), known('column', 'type.x'), known('table', 'row_security.enabld'), known('virtual_table', 'comment')],
    [false, false, false, false, false, false],
  );
});

test('an option a letter or two from one the dialects write is its typo; any other is taken as written (an extension or engine names its own)', () => {
  const meant = (key: string) => {
    const [kind, , ...attribute] = key.split('.');
    return optionMeant(kind as ChangeKind, attribute.join('.'));
  };
  assert.equal(
    ['table.modify.options.engin', 'routine.modify.options.sett', 'view.modify.options.security_invoke', 'column.modify.options.locall', 'index.modify.options.invalidd', 'table.modify.options.toast.autovacuum_enabld'].map(meant),
    ['options.engine', 'options.set', 'options.security_invoker', 'options.local', 'options.invalid', 'options.toast.autovacuum_enabled'],
  );
  // written ones, a family or a TOAST table's parameters as a whole, one under a family, and names no dialect writes
  assert.equal(
    ['table.modify.options.engine', 'table.modify.options.toast', 'routine.modify.options.set.search_pth', 'column.modify.options.n_distinct', 'index.modify.options.col1', 'table.modify.options.table_type', 'unknown.modify.raw.engin', 'column.modify.type'].map(meant),
    [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
  );
  assert.equal(Object.keys(DEFAULT_IMPACT).filter((key) => meant(key) !== undefined), []);
});

test.run();
