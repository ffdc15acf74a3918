/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A glob as a regular expression's source: `*` any run of characters, `?` one, everything else
 * literal; the whole text must match. In JavaScript it needs the `s` flag, for `.` to match a line
 * break a name may hold (PostgreSQL's `.` matches one already).
 */
export function globSource(glob: string): string {
  let source = '';
  for (const char of glob) source += char === '*' ? '.*' : char === '?' ? '.' : escapeRegExp(char);
  return `^${source}$`;
}
