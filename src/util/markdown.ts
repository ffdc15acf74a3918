// Database text in Markdown. Names, comments and SQL come from the database and are untrusted:
// written as they are, a comment of ``` opens a code fence that swallows the rest of the page,
// `<img onerror=…>` or `[x](javascript:…)` becomes live markup in any viewer, and a comment line
// that starts with `#` becomes a heading. These helpers make such text render as the text it is.
import { printable } from './printable.js';

const lines = (text: string) => text.split(/\r?\n/);

/** printable() for text laid out over lines: a tab is layout there, not a hidden character. */
const printableLine = (line: string) => line.split('\t').map(printable).join('\t');

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Markup escaped for the middle of a line: backslash escapes for what opens emphasis, code, links,
 * tables, strikethrough or math, and entities for HTML, so `&lt;` in a name stays those four letters.
 */
function escapeInline(text: string): string {
  return (
    text
      .replace(/[\\`*|~$[\]]/g, '\\$&')
      // GitHub ignores underscores inside words: escape the runs that could start or end emphasis,
      // every underscore of them (in `__x__` an unescaped second one would still open `_x_`)
      .replace(/_+/g, (run, at: number, all: string) =>
        /[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + run.length] ?? '') ? run : run.replace(/_/g, '\\_'),
      )
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/**
 * What only the start of a block makes markup: headings, list markers, and indentation (a code
 * block). Indentation becomes character references, which CommonMark never reads as structure.
 */
function escapeBlockStart(text: string): string {
  return text
    .replace(/^[ \t]+/, (indent) => indent.replace(/ /g, '&#32;').replace(/\t/g, '&#9;'))
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A name's lines, each made printable and passed through `inline`, joined by <br>: a line break in
 * a name shows as a line break wherever the name is shown (a heading, a cell, code, a link), and
 * can be told from a name holding the text `\u000a` or `<br>`. A carriage return shows as its
 * escape, so that `a\r\nb` does not read as `a\nb`.
 */
function nameLines(text: string, inline: (line: string) => string): string {
  return text
    .split('\n')
    .map((line) => inline(printable(line)))
    .join('<br>');
}

const EMPTY = '_(empty)_';

/** Code as HTML, whose text takes Markdown escapes like any other: for a pipe in a table, or a line break. */
const htmlCode = (text: string) => `<code>${nameLines(text, escapeInline)}</code>`;

/**
 * Inline code that survives any content, backticks included. A renderer strips one space from each
 * end of a span that has one at both (` a ` shows `a`): such content gets a space more each side,
 * as content with a backtick does, so that what is stripped is only the padding. A code span has
 * no line breaks: text with one is written as HTML. An empty span is no span (two backticks show as
 * such): empty text is said to be, in italics, as a note beside a value is.
 */
export function code(text: string): string {
  if (text === '') return EMPTY;
  if (text.includes('\n')) return htmlCode(text);
  const safe = printable(text);
  const fence = '`'.repeat(longestRun(safe, '`') + 1);
  const padded = safe.includes('`') || (safe.startsWith(' ') && safe.endsWith(' ') && /[^ ]/.test(safe));
  return padded ? `${fence} ${safe} ${fence}` : `\`${safe}\``;
}

/**
 * Inline code inside a table row. A pipe ends the cell even within a code span; escaped as `\|`
 * there, a backslash before it (`'a\|b'`) reads as an escaped backslash to some renderers, and the
 * pipe ends the cell after all. With a pipe, the code is written as HTML.
 */
export function tableCode(text: string): string {
  return text.includes('|') ? htmlCode(text) : code(text);
}

/**
 * Spaces a reader would not see in plain text: a table cell's text is trimmed, and a browser shows
 * a run of spaces, or spaces at the start or end of a block, as one or none. Code keeps them.
 */
const LOST_SPACES = /^ | $| {2}/m;

/**
 * A name as plain text (a link's text, a list item), or as code when it has spaces plain text
 * would lose (a name of spaces alone between `**` would also make `** **`, a thematic break).
 * Parentheses are escaped too: in a link's text marked reads `\[x\](y)` as a link (`!\[x\](y)` an
 * image) of its own despite the escaped brackets. An empty name (SQLite allows one) is said to be.
 */
export function name(text: string): string {
  if (text === '') return EMPTY;
  return LOST_SPACES.test(text) ? code(text) : nameLines(text, (line) => escapeInline(line).replace(/[()]/g, '\\$&'));
}

/** A name (or a type, a list of index keys) in a table cell, as name() writes it elsewhere. */
export function nameCell(text: string): string {
  if (text === '') return EMPTY;
  return LOST_SPACES.test(text) ? tableCode(text) : nameLines(text, escapeInline);
}

/** Text for a table cell or the rest of a line: markup escaped, line breaks kept as <br>. */
export function cell(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  return lines(text)
    .map((line) => escapeInline(printableLine(line)))
    .join('<br>');
}

/** Free text (a comment) as a paragraph of its own: plain text whatever its lines start with. */
export function paragraph(text: string): string {
  return escapeBlockStart(cell(text));
}

/**
 * A fenced code block whose fence is longer than any backtick run in the content, so none can close
 * it: the fences and the body, its lines joined (a body of 100,000s of lines spread into push()'s
 * arguments overflows the stack).
 */
export function codeBlock(text: string, info: string): string[] {
  const body = lines(text).map(printableLine).join('\n');
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return [`${fence}${info}`, body, fence];
}
