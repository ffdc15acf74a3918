// Times in human output: to the second, in UTC, and saying so (git log prints the author's own
// zone, which a team spread over zones would read as different moments). --json keeps ISO 8601.

/** An ISO 8601 instant as human output gives it: `2026-12-06T08:24:19.000Z` → `2026-12-06 08:24:19Z`. */
export const utcTime = (iso: string): string => `${iso.slice(0, 19).replace('T', ' ')}Z`;
