/** "1 table", "2 tables": a count with its noun, for human output (never for a format a machine parses). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** The first `most` items joined with commas, and how many more there are: a message stays one readable line. */
export function someOf(items: readonly string[], most: number): string {
  return items.length > most ? `${items.slice(0, most).join(', ')} and ${items.length - most} more` : items.join(', ');
}
