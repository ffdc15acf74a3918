/** "1 table", "2 tables": a count with its noun, for human output (never for a format a machine parses). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
