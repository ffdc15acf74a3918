import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { changedItems, differingRuns } from '../../src/util/sequence-diff.js';

const sorted = ([removed, added]: [Set<number>, Set<number>]) => [[...removed].sort((x, y) => x - y), [...added].sort((x, y) => x - y)];

/** A deterministic pseudo-random sequence of short words (a linear congruential generator). */
function words(count: number, seed: number): string[] {
  const out: string[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(`w${state % 50}`);
  }
  return out;
}

test('within the cell bound: the items a longest common subsequence leaves unpaired', () => {
  assert.equal(sorted(changedItems(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])), [[1], [1, 4]]);
  assert.equal(sorted(changedItems([], ['a'])), [[], [0]]);
  assert.equal(sorted(changedItems(['a', 'b'], ['a', 'b'])), [[], []]);
});

test('past the cell bound, a long middle that differs in few places is aligned exactly; in many places it counts as changed whole', () => {
  const from = words(200_000, 7);
  const to = [...from];
  to[50_000] = 'changed';
  to.splice(150_000, 1);
  to.splice(120_000, 0, 'inserted');
  // a bound far below the middle's cells (50,000 × 100,000): the script found, the same as one line at a time would say
  const found = changedItems(from, to, 1_000);
  assert.equal(sorted(found), [[50_000, 150_000], [50_000, 120_000]]);
  assert.equal(differingRuns(found, from.length, to.length).length, 3);
  // a shortest script: as many edits as the exact alignment finds, and what it pairs is equal
  for (const seed of [1, 2, 3, 4, 5]) {
    const a = words(400, seed);
    const b = [...a];
    const edits = words(12, seed + 100).map((w) => Number(w.slice(1)) * 7);
    edits.forEach((at, i) => (i % 3 === 0 ? b.splice(at, 1) : i % 3 === 1 ? b.splice(at, 0, `new${i}`) : (b[at] = `set${i}`)));
    const [exactRemoved, exactAdded] = changedItems(a, b);
    const [removed, added] = changedItems(a, b, 10);
    assert.is(removed.size + added.size, exactRemoved.size + exactAdded.size, `seed ${seed}`);
    assert.ok(removed.size + added.size < 30, `seed ${seed}: aligned, not counted whole`);
    assert.equal(a.filter((_, i) => !removed.has(i)), b.filter((_, i) => !added.has(i)), `seed ${seed}`);
  }
  // two unrelated long sequences: the work bound gives up, the whole middle changed
  const [r, ad] = changedItems(words(100_000, 11), words(100_000, 12), 1_000);
  assert.equal([r.size, ad.size], [100_000, 100_000]);
});

test.run();
