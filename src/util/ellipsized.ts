// Text cut to a width for people to read (a diff's value, a finding's message), never inside a
// surrogate pair: half an emoji prints as U+FFFD.

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** `text` cut to `width` characters, the last of them an ellipsis. */
export function ellipsized(text: string, width: number): string {
  if (text.length <= width) return text;
  const end = isHighSurrogate(text.charCodeAt(width - 2)) ? width - 2 : width - 1;
  return `${text.slice(0, end)}…`;
}
