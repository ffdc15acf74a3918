// Names made distinct in the order asked for: the numbering a diagram's ids and a document's
// anchors keep, whatever else took a number, and however many names are alike.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NumberedNames } from '../../src/util/numbered-names.js';

test('a name already given gets the next free number after its base; one that took a number itself is skipped', () => {
  const names = new NumberedNames((base, n) => `${base}_${n}`, (name) => name.toLowerCase());
  assert.equal(['t_a', 'T_A', 't_a_3', 't_a', 't_b', 't_a'].map((base) => names.take(base)), ['t_a', 'T_A_2', 't_a_3', 't_a_4', 't_b', 't_a_5']);
});

test('ten thousand alike names are numbered in order, each once', () => {
  const names = new NumberedNames((base, n) => `${base}-${n}`);
  const given = Array.from({ length: 10_000 }, () => names.take('main.-'));
  assert.is(new Set(given).size, 10_000);
  assert.equal([given[0], given[1], given[9_999]], ['main.-', 'main.--2', 'main.--10000']);
});

test.run();
