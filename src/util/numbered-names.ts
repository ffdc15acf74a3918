// Names made distinct in the order they are asked for: a name already given gets the next number
// after its base (`t_a_2`, `t_a_3`), as a diagram's entity ids and a document's anchors do.

export class NumberedNames {
  private readonly taken = new Set<string>();
  /** Per base, the number to try next: names are never given back, so the ones below it are taken (thousands of alike names stay linear). */
  private readonly next = new Map<string, number>();

  /** `spell` writes a base with its number; `key` is how two names compare (case folded, for one). */
  constructor(
    private readonly spell: (base: string, n: number) => string,
    private readonly key: (name: string) => string = (name) => name,
  ) {}

  take(base: string): string {
    let name = base;
    let n = this.next.get(this.key(base)) ?? 2;
    while (this.taken.has(this.key(name))) name = this.spell(base, n++);
    this.next.set(this.key(base), n);
    this.taken.add(this.key(name));
    return name;
  }
}
