import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closest } from '../../src/util/suggest.js';

test('closest: the word within a third of its letters, a swap of neighbours counting one', () => {
  const commands = ['snapshot', 'show', 'history', 'diff', 'lint', 'verify'];
  assert.is(closest('snapsot', commands), 'snapshot');
  assert.is(closest('histroy', commands), 'history');
  assert.is(closest('LINT', commands), 'lint');
  assert.is(closest('nosuchcmd', commands), undefined);
  // one edit is always allowed, so short words get suggestions too; more is not
  assert.is(closest('dif', commands), 'diff');
  assert.is(closest('xy', ['diff']), undefined);
  assert.is(closest('anything', []), undefined);
});

/** The distance spelt out in full, every cell: what closest chose by before it counted only as far as it needs. */
function fullDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

function spelledOutClosest(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  for (const word of known) {
    const d = fullDistance(typed.toLowerCase(), word.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [word, d];
  }
  if (best !== undefined || typed.length < 3) return best;
  const started = new Set(known.filter((word) => word.toLowerCase().startsWith(typed.toLowerCase())));
  return started.size === 1 ? [...started][0] : undefined;
}

test('closest: the same word as the distance spelt out in full, over names alike but for a few letters', () => {
  // A small alphabet makes near misses, swaps and ties common; lengths 0–14 reach every limit from 1 to 5.
  let state = 7;
  const random = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
  const word = () => Array.from({ length: random(15) }, () => 'abcAB_'[random(6)]).join('');
  const mutated = (from: string) => {
    const letters = [...from];
    for (let edits = random(5); edits > 0; edits--) {
      const at = random(letters.length + 1);
      const change = random(4);
      if (change === 0) letters.splice(at, 0, 'abc'[random(3)]!);
      else if (change === 1) letters.splice(at, 1);
      else if (change === 2) letters[at] = 'abc'[random(3)]!;
      else if (at + 1 < letters.length) [letters[at], letters[at + 1]] = [letters[at + 1]!, letters[at]!];
    }
    return letters.join('');
  };
  for (let round = 0; round < 400; round++) {
    const known = Array.from({ length: 1 + random(30) }, word);
    const typed = random(2) ? mutated(known[random(known.length)]!) : word();
    assert.is(closest(typed, known), spelledOutClosest(typed, known), `${JSON.stringify(typed)} among ${JSON.stringify(known)}`);
  }
});

test('closest: 10,000 long names alike but for their ends answer at once, the same as before', () => {
  const name = (i: number) => `main.warehouse_inventory_adjustment_line_with_a_long_descriptive_name_of_its_own_${String(i).padStart(5, '0')}`;
  const known = Array.from({ length: 10_000 }, (_, i) => [name(i), name(i).slice('main.'.length)]).flat();
  const started = performance.now();
  assert.is(closest(name(3).replace('inventory', 'inventroy'), known), name(3));
  assert.is(closest(name(3).replace('main.', '').replace('adjustment', 'adjustmnet'), known), name(3).slice('main.'.length));
  // Spelt out in full, every distance took ~5 s on a quiet machine; now a few milliseconds.
  assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
});

test.run();
