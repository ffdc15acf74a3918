// How many terminal columns a text takes, for output aligned in columns (diff --stat): a CJK
// character or an emoji takes two, a combining mark none. Counting UTF-16 units instead would
// pull every name after a Japanese one out of line.

/** East Asian Wide and Fullwidth characters (Unicode's EastAsianWidth.txt, W and F), and emoji shown as pictures. */
const WIDE =
  /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{18aff}\u{1b000}-\u{1b2ff}\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
/** Marks drawn over the character before them, and format characters (zero-width joiner, …). */
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns `text` takes on a terminal: one a character as the user sees it, two for a wide one. */
export function displayWidth(text: string): number {
  // Plain ASCII (nearly every name) needs no segmenting.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += ZERO.test(segment) ? 0 : WIDE.test(segment) ? 2 : 1;
  return width;
}
