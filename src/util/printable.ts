// Text that came from a database (identifiers, server versions) is untrusted when printed: an
// ANSI escape could recolour a terminal, a newline forge a line of output or a commit trailer,
// a bidi override reorder what a reviewer reads. Such characters become visible \uXXXX escapes,
// as do the noncharacters U+FFFE and U+FFFF, which no text needs and XML cannot carry.

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/gu;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
