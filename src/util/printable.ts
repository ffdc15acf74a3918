// Text that came from a database (identifiers, server versions) is untrusted when printed: an
// ANSI escape could recolour a terminal, a newline forge a line of output or a commit trailer,
// a bidi override reorder what a reviewer reads. Such characters become visible \uXXXX escapes,
// as do lone surrogates, the noncharacters U+FFFE and U+FFFF, which no text needs and XML cannot
// carry, and every character Unicode says may show as nothing (Default_Ignorable_Code_Point: a
// zero-width space, a soft hyphen, a word joiner, the Hangul fillers, variation selectors, tag
// characters), with which `us\u200bers` reads as `users` and `email` + U+E0020 as `email`. The
// joiners U+200C/U+200D stay, and an emoji's presentation selector after a pictograph: Persian
// and Indic text and emoji sequences need them.

const UNPRINTABLE =
  /(?![\u200c\u200d])(?:(?<!\p{Extended_Pictographic})[\ufe0e\ufe0f]|(?![\ufe0e\ufe0f])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\u2028\u2029\ufffe\uffff])/gu;

/** A character as its escape: `\u00e9`, or `\u{1f600}` beyond four hex digits, so that no escape reads as a shorter one and a digit. */
export function unicodeEscape(ch: string): string {
  const code = ch.codePointAt(0)!.toString(16);
  return code.length > 4 ? `\\u{${code}}` : `\\u${code.padStart(4, '0')}`;
}

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, unicodeEscape);
}
