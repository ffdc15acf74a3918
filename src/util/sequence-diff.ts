// Where two sequences differ: the items a longest common subsequence leaves unpaired, and the
// runs they make. Quadratic in the differing middle (common ends are trimmed first), so callers
// bound it by the cells they can afford; past the bound, a long middle that differs in few places
// (a routine of megabytes with two lines changed) is aligned by Myers' algorithm, whose cost grows
// with the number of differences, and only where those are many too does the whole middle count
// as changed.

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
  if (a.length * b.length > maxCells) return fewEdits(a, b, start, maxCells + 8 * (a.length + b.length)) ?? [range(a.length, start), range(b.length, start)];
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

/**
 * Myers' shortest edit script (An O(ND) Difference Algorithm, 1986): the items of `a` removed and
 * of `b` added, offset by `offset`, in O((N+M)·D) steps and O(D²) memory; undefined once it has
 * taken `budget` steps without reaching the end (the sequences differ in too many places).
 */
function fewEdits(a: string[], b: string[], offset: number, budget: number): [Set<number>, Set<number>] | undefined {
  const [n, m] = [a.length, b.length];
  // Far enough for the budget: each edit costs a diagonal's worth of steps at least.
  const maxEdits = Math.min(n + m, Math.floor(Math.sqrt(budget)));
  const center = maxEdits + 1;
  // furthest[center + k]: the furthest x reached on diagonal k (x - y = k) with the edits so far.
  const furthest = new Int32Array(2 * maxEdits + 3);
  // Before each round d, the diagonals -d-1 … d+1 as the round before left them.
  const rounds: Int32Array[] = [];
  let steps = 0;
  for (let d = 0; d <= maxEdits; d++) {
    rounds.push(furthest.slice(center - d - 1, center + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && furthest[center + k - 1]! < furthest[center + k + 1]!);
      let x = down ? furthest[center + k + 1]! : furthest[center + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++, steps++;
      furthest[center + k] = x;
      if (x >= n && y >= m) return editsBack(rounds, n, m, offset);
    }
    steps += d + 1;
    if (steps > budget) return undefined;
  }
  return undefined;
}

/** The edits of a script fewEdits found, walked back from the end through each round's diagonals. */
function editsBack(rounds: Int32Array[], n: number, m: number, offset: number): [Set<number>, Set<number>] {
  const [removed, added] = [new Set<number>(), new Set<number>()];
  let [x, y] = [n, m];
  for (let d = rounds.length - 1; d > 0; d--) {
    const before = rounds[d]!;
    const at = (k: number) => before[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const fromX = down ? at(k + 1) : at(k - 1);
    const fromY = fromX - (down ? k + 1 : k - 1);
    // Back along the snake to the edit that led onto it.
    while (x > fromX + (down ? 0 : 1) && y > fromY + (down ? 1 : 0)) x--, y--;
    if (down) added.add(offset + fromY);
    else removed.add(offset + fromX);
    [x, y] = [fromX, fromY];
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
