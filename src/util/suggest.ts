// "Did you mean …?" for a mistyped command or flag: the known word closest to what was typed, when
// it is close enough to be what was meant (a third of the word's letters at most, at least one).

/**
 * Edit distance (insertions, deletions, substitutions, and a swap of two neighbours, one each) when
 * it is at most `limit`, else `limit + 1`. Only cells within `limit` of the diagonal can stay within
 * it, and a row whose every cell is past it ends the count: 10,000 long names alike but for their
 * ends (`warehouse_inventory_adjustment_line_00042`) cost ~3 s spelt out in full.
 */
function distanceWithin(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  // Three rows: the swap of two neighbours looks two rows back. Cells left of a row's band are never
  // read; the one right of it is set past the limit for the next row to read.
  let before = new Array<number>(b.length + 2).fill(over);
  let previous = new Array<number>(b.length + 2).fill(over);
  let current = new Array<number>(b.length + 2).fill(over);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 && i <= limit ? i : over;
    let rowBest = current[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = Math.min(best, over);
      rowBest = Math.min(rowBest, current[j]!);
    }
    current[to + 1] = over;
    // No cell of a later row is below the least of this one.
    if (rowBest > limit) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
/** Typed letters below this many are too few to read as the start of a word (`s` starts several). */
const MIN_PREFIX = 3;

/**
 * The known word closest to `typed`, if one is close enough; the first of equally close ones. Else
 * the one word `typed` starts (`snap` for snapshot), when it starts only one.
 */
export function closest(typed: string, known: Iterable<string>): string | undefined {
  const words = [...known];
  const near = nearest(typed, words);
  if (near !== undefined || typed.length < MIN_PREFIX) return near;
  const started = new Set(words.filter((word) => word.toLowerCase().startsWith(typed.toLowerCase())));
  return started.size === 1 ? [...started][0] : undefined;
}

/** The known word closest to `typed` within a third of its letters (one at least); the first of equally close ones. */
export function nearest(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  const lower = typed.toLowerCase();
  for (const word of known) {
    // The lengths alone put a word at least this far: no need to spell out the distance (10,000 table names).
    if (Math.abs(word.length - lower.length) >= bestDistance) continue;
    const d = distanceWithin(lower, word.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) [best, bestDistance] = [word, d];
  }
  return best;
}
