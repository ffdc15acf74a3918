// Texts that differ can print alike: é composed or decomposed, a no-break space beside a space, the
// text `\u001b` beside the escape character printable() shows as it. Where a reader must tell two
// texts apart (the sides of a change), what tells them apart is spelled exactly instead: every
// character but printable ASCII as its escape, a backslash doubled, so that an escape and the same
// text written out differ too.
import { printable, unicodeEscape } from './printable.js';

/**
 * What `text` reads as once printed: printable()'s escapes, compatibility forms folded (NFKC: é
 * composed or not, a ligature, a no-break space as a space) and every kind of space one space. A
 * line break stays one: each rendering shows it its own way (⏎, <br>), not as the text `\u000a`.
 */
export const readsAs = (text: string): string =>
  text
    .split('\n')
    .map(printable)
    .join('\n')
    .normalize('NFKC')
    .replace(/[^\S\n]/g, ' ');

/** A character spelled exactly: printable ASCII as itself, a backslash doubled, any other as its escape. */
export const exactly = (ch: string): string => (ch === '\\' ? '\\\\' : /^[\x20-\x7e]$/.test(ch) ? ch : unicodeEscape(ch));

/**
 * Each of `texts` as printed in a list, where two that differ would read alike (tables named é
 * composed and decomposed) spelled exactly instead, so that a list never shows one name twice.
 */
export function shownApart(texts: readonly string[]): Map<string, string> {
  const byReading = new Map<string, Set<string>>();
  for (const text of texts) {
    const reading = readsAs(text);
    const alike = byReading.get(reading);
    if (alike) alike.add(text);
    else byReading.set(reading, new Set([text]));
  }
  const shown = new Map<string, string>();
  for (const alike of byReading.values()) {
    for (const text of alike) shown.set(text, alike.size > 1 ? Array.from(text, exactly).join('') : printable(text));
  }
  return shown;
}
