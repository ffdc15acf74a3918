// A removed and an added object (or column) of the same shape may be one renamed: datatrack never
// decides that on its own, but says so in a hint. A pair is hinted when each side has exactly one
// counterpart of its shape, whatever else was added or removed beside them.

/** The removed → added pairs that match each other, and nothing else, by `sameShape`. */
export function likelyRenames<T>(removed: readonly T[], added: readonly T[], sameShape: (a: T, b: T) => boolean): Map<T, T> {
  const pairs = new Map<T, T>();
  for (const gone of removed) {
    const matches = added.filter((arrived) => sameShape(gone, arrived));
    if (matches.length !== 1) continue;
    const arrived = matches[0]!;
    if (removed.filter((other) => sameShape(other, arrived)).length === 1) pairs.set(gone, arrived);
  }
  return pairs;
}
