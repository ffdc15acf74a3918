// The attributes an impact key may name: every default rule's key is one the diff can report, so a
// configured key refused as unknown could never have matched a change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { knownAttribute } from '../../src/diff/change-attributes.js';
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

test.run();
