// What a target's `schemas` and `exclude` globs keep.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Snapshot } from '../../src/model/types.js';
import { applyScope } from '../../src/snapshot/scope.js';

test('an exclude glob\'s * covers a name holding a line break', () => {
  const snapshot = {
    meta: { dialect: 'sqlite' },
    schemas: [{ name: 'main' }],
    objects: [
      { kind: 'table', schema: 'main', name: 'line\nbreak', columns: [] },
      { kind: 'table', schema: 'main', name: 'kept', columns: [] },
    ],
  } as unknown as Snapshot;
  assert.equal(applyScope(snapshot, { exclude: ['main.line*'] }).objects.map((o) => o.name), ['kept']);
});

test.run();
