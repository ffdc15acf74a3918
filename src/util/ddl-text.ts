// Scanning DDL as PostgreSQL prints it (pg_get_indexdef, pg_get_constraintdef): what lies outside
// string literals and quoted names, at which parenthesis depth.

/** Each index of `text` outside string literals and quoted names, with the parenthesis depth after it (DDL as the server prints it: quotes doubled inside). */
export function* unquoted(text: string, start = 0): Generator<[number, number]> {
  let quote = '';
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      // A doubled quote inside closes and reopens: the same state after both.
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    yield [i, depth];
  }
}

/** The comma-separated items of `text` (outside quotes and parentheses), trimmed. */
export function listItems(text: string): string[] {
  const cuts = [-1];
  for (const [i, depth] of unquoted(text)) if (text[i] === ',' && depth === 0) cuts.push(i);
  cuts.push(text.length);
  return cuts.slice(1).map((end, n) => text.slice(cuts[n]! + 1, end).trim());
}

/** Where the storage parameters of pg_get_indexdef's or pg_get_constraintdef's text are (`… WITH (a=1, b=2) …`): the list between the parentheses. */
export function storageParameterSpan(definition: string): [start: number, end: number] | undefined {
  if (!definition.includes(' WITH (')) return undefined;
  let open = -1;
  for (const [i, depth] of unquoted(definition)) {
    if (open < 0 && depth === 0 && definition.startsWith(' WITH (', i)) open = i + ' WITH ('.length;
    else if (open >= 0 && depth === 0 && i >= open) return [open, i];
  }
  return undefined;
}
