// Text that came from a database (identifiers, server versions) is untrusted when printed: an
// ANSI escape could recolour a terminal, a newline forge a line of output or a commit trailer,
// a bidi override reorder what a reviewer reads. Such characters become visible \uXXXX escapes,
// as do the noncharacters U+FFFE and U+FFFF, which no text needs and XML cannot carry, and the
// characters that show as nothing at all (a zero-width space, a soft hyphen, a word joiner, the
// Hangul fillers), with which `us\u200bers` reads as `users`. The joiners U+200C/U+200D stay:
// Persian and Indic text and emoji sequences need them.

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufffe\uffff]/gu;

/** A character as its escape: `\u00e9`, or `\u{1f600}` beyond four hex digits, so that no escape reads as a shorter one and a digit. */
export function unicodeEscape(ch: string): string {
  const code = ch.codePointAt(0)!.toString(16);
  return code.length > 4 ? `\\u{${code}}` : `\\u${code.padStart(4, '0')}`;
}

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, unicodeEscape);
}
