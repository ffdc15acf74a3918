// "Did you mean …?" for a mistyped command or flag: the known word closest to what was typed, when
// it is close enough to be what was meant (a third of the word's letters at most, at least one).

/** Edit distance: insertions, deletions, substitutions, and a swap of two neighbours, one each. */
function distance(a: string, b: string): number {
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

function nearest(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  const lower = typed.toLowerCase();
  for (const word of known) {
    // The lengths alone put a word at least this far: no need to spell out the distance (10,000 table names).
    if (Math.abs(word.length - lower.length) >= bestDistance) continue;
    const d = distance(lower, word.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [word, d];
  }
  return best;
}
