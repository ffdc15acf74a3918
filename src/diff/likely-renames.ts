// A removed and an added object (or column) of the same shape may be one renamed: datatrack never
// decides that on its own, but says so in a hint. A pair is hinted when each side has exactly one
// counterpart of its shape, whatever else was added or removed beside them.

/** The removed → added pairs whose shape (`shapeOf`, a string) no other removed or added one has. */
export function likelyRenames<T>(removed: readonly T[], added: readonly T[], shapeOf: (item: T) => string): Map<T, T> {
  const byShape = (items: readonly T[]) => {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      const shape = shapeOf(item);
      (groups.get(shape) ?? groups.set(shape, []).get(shape)!).push(item);
    }
    return groups;
  };
  const arrivals = byShape(added);
  const pairs = new Map<T, T>();
  for (const [shape, gone] of byShape(removed)) {
    const arrived = arrivals.get(shape);
    if (gone.length === 1 && arrived?.length === 1) pairs.set(gone[0]!, arrived[0]!);
  }
  return pairs;
}
