// Where two sequences differ: the items a longest common subsequence leaves unpaired, and the
// runs they make. Quadratic in the differing middle (common ends are trimmed first), so callers
// bound it by the cells they can afford; past the bound the whole middle counts as changed.

/** Beyond this many cells, lists are compared by their common ends only, not item by item. */
const MAX_LIST_CELLS = 4_000_000;

/**
 * Which items of each list are not in a longest common subsequence of the two: the items removed
 * from `from` and added in `to` (a renamed enum value is one of each, in the same place).
 */
export function changedItems(from: string[], to: string[], maxCells = MAX_LIST_CELLS): [Set<number>, Set<number>] {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let tail = 0;
  while (tail < from.length - start && tail < to.length - start && from[from.length - 1 - tail] === to[to.length - 1 - tail]) tail++;
  const [a, b] = [from.slice(start, from.length - tail), to.slice(start, to.length - tail)];
  const range = (n: number, offset: number) => new Set(Array.from({ length: n }, (_, i) => offset + i));
  if (a.length * b.length > maxCells) return [range(a.length, start), range(b.length, start)];
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  }
  const [removed, added] = [new Set<number>(), new Set<number>()];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) i++, j++;
    else if (j >= b.length || (i < a.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) removed.add(start + i++);
    else added.add(start + j++);
  }
  return [removed, added];
}

/** A place two sequences differ: the items of each, [start, end), between two that are paired. */
export interface Run {
  from: [number, number];
  to: [number, number];
}

/** The places two sequences differ, from the items changedItems left unpaired in each. */
export function differingRuns([removed, added]: [Set<number>, Set<number>], fromLength: number, toLength: number): Run[] {
  const runs: Run[] = [];
  let [i, j] = [0, 0];
  while (i < fromLength || j < toLength) {
    if (!removed.has(i) && !added.has(j)) {
      i++, j++;
      continue;
    }
    const [fromStart, toStart] = [i, j];
    while (removed.has(i)) i++;
    while (added.has(j)) j++;
    runs.push({ from: [fromStart, i], to: [toStart, j] });
  }
  return runs;
}
