// Our Markdown as a CommonMark + GFM reader sees it (marked's lexer, with tables, autolinks and
// inline HTML as GitHub has them): the text of each heading, table cell and link, and what would make
// the page render other than as meant. The tests then compare that text with the names a database gave.
import { Lexer, type Token, type Tokens } from 'marked';
import * as assert from 'uvu/assert';
import type { SchemaObject, Snapshot } from '../../src/model/types.js';
import { printable } from '../../src/util/printable.js';

const lex = (markdown: string) => new Lexer({ gfm: true }).lex(markdown);
/** A token's inline or block children (marked's Generic token type keeps `token.type` checks from narrowing). */
const childrenOf = (token: Token): Token[] | undefined => ('tokens' in token ? token.tokens : undefined);

/** The only HTML we write: line breaks, code with a pipe in it, and the objects' anchors. */
const OUR_INLINE_HTML = /^(?:<br>|<code>|<\/code>)$/;
const ANCHOR = /^<a id="([^"]*)"><\/a>$/;

/**
 * The character references we write (`&amp;` `&lt;` `&gt;`, `&#32;` for a leading space). marked
 * leaves every reference in its text for the browser to decode; we decode these, and any other name
 * is a reference we did not write, which a browser may show as another character.
 */
const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]*));/g;

export interface Heading {
  level: number;
  text: string;
  /** The id GitHub gives it: its text lowercased, punctuation dropped, spaces as hyphens, `-1`, `-2` … after a repeat. */
  slug: string;
}

export interface ReadMarkdown {
  headings: Heading[];
  /** Each table's rows (its header first), each row its cells' text. */
  tables: string[][][];
  links: { href: string; text: string }[];
  /** The ids of our `<a id>` anchors, in document order. */
  anchors: string[];
  /** The text of the heading that follows each anchor: where a link to it lands. */
  landings: Map<string, string>;
  /** The text of each paragraph and list item line outside tables. */
  paragraphs: string[];
  /** What renders other than as meant: HTML or images we did not write, rows with the wrong number of cells, links to nowhere, ids that repeat. */
  problems: string[];
}

/** GitHub's heading ids (its Ruby `[^\p{Word}\- ]` removed, as github-slugger does). */
function slugger(): (text: string) => string {
  const occurrences = new Map<string, number>();
  return (text) => {
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    let slug = base;
    while (occurrences.has(slug)) {
      occurrences.set(base, occurrences.get(base)! + 1);
      slug = `${base}-${occurrences.get(base)}`;
    }
    occurrences.set(slug, 0);
    return slug;
  };
}

function decodeReferences(text: string, problems: string[]): string {
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      if (name in NAMED_REFERENCES) return NAMED_REFERENCES[name]!;
      problems.push(`a character reference we do not write: ${reference}`);
      return reference;
    }
    const point = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    // as CommonMark has it: NUL, a surrogate or past Unicode is the replacement character
    return point === 0 || (point >= 0xd800 && point <= 0xdfff) || point > 0x10ffff ? '\uFFFD' : String.fromCodePoint(point);
  });
}

/** The text a reader sees of an inline run: code and text as shown, a line break as \n, tags dropped. */
function textOf(inline: Token[], problems: string[]): string {
  const where = () => JSON.stringify(inline.map((token) => token.raw).join(''));
  return inline
    .map((token) => {
      switch (token.type) {
        case 'text':
          // a soft line break: CommonMark drops the spaces at either side, marked keeps them in the text
          return token.tokens ? textOf(token.tokens, problems) : decodeReferences(token.text.replace(/[ \t]*\n[ \t]*/g, '\n'), problems);
        case 'escape':
        case 'codespan':
          return token.text;
        case 'br':
          return '\n';
        case 'html':
          if (!OUR_INLINE_HTML.test(token.text)) problems.push(`inline HTML ${JSON.stringify(token.text)} in ${where()}`);
          return token.text === '<br>' ? '\n' : '';
        case 'image':
          problems.push(`an image in ${where()}`);
          return '';
        default:
          // emphasis, strikethrough and links: their text (a link is also read as one, by linksOf)
          return textOf(childrenOf(token) ?? [], problems);
      }
    })
    .join('');
}

/** A paragraph's inline run without the spaces that start and end it, which CommonMark drops and marked keeps. */
function trimmed(inline: Token[]): Token[] {
  const last = inline.length - 1;
  return inline.map((token, i) => {
    if (token.type !== 'text' || token.tokens) return token;
    const text = (i === 0 ? token.text.replace(/^[ \t]+/, '') : token.text).replace(i === last ? /[ \t]+$/ : /$^/, '');
    return { ...token, text };
  });
}

/** Every link in an inline run, however deep (in emphasis, say). */
function linksOf(inline: Token[]): Tokens.Link[] {
  return inline.flatMap((token) => [...(token.type === 'link' ? [token as Tokens.Link] : []), ...linksOf(childrenOf(token) ?? [])]);
}

/** Whether a table body row, read alone under a delimiter row of `columns` cells, is a table of that many columns. */
function hasColumns(row: string, columns: number): boolean {
  return lex(`${row}\n|${'---|'.repeat(columns)}`).some((token) => token.type === 'table');
}

export function readMarkdown(markdown: string): ReadMarkdown {
  const read: ReadMarkdown = { headings: [], tables: [], links: [], anchors: [], landings: new Map(), paragraphs: [], problems: [] };
  const { problems } = read;
  const slug = slugger();
  const inline = (tokens: Token[]) => {
    // the href percent-encoded, as GitHub writes it (marked leaves it as written)
    for (const link of linksOf(tokens)) read.links.push({ href: encodeURI(link.href).replace(/%25([\da-fA-F]{2})/g, '%$1'), text: textOf(link.tokens, []) });
    return textOf(tokens, problems);
  };
  const readTable = (table: Tokens.Table) => {
    const width = table.header.length;
    read.tables.push([table.header, ...table.rows].map((cells) => cells.map((cell) => inline(cell.tokens))));
    // marked, like GitHub, pads a short body row and drops a long one's extra cells: the source tells
    for (const line of table.raw.split('\n').slice(2, 2 + table.rows.length)) {
      if (!hasColumns(line, width)) problems.push(`a row with other than ${width} cells: ${line}`);
    }
  };
  const readBlocks = (tokens: Token[]) => {
    for (const token of tokens) {
      const children = childrenOf(token);
      // `<a id="…"></a>` alone on its line is a paragraph of inline HTML, not an HTML block (a tag follows its open tag)
      const anchor = token.type === 'paragraph' && ANCHOR.exec(token.text);
      if (anchor) read.anchors.push(anchor[1]!);
      else if (token.type === 'html') problems.push(`HTML block ${JSON.stringify(token.text)}`);
      else if (token.type === 'def') problems.push(`a link definition, which shows nothing: ${JSON.stringify(token.raw)}`);
      else if (token.type === 'table') readTable(token as Tokens.Table);
      else if (token.type === 'list') readBlocks((token as Tokens.List).items);
      else if (token.type === 'heading') {
        const text = inline(children!);
        read.headings.push({ level: (token as Tokens.Heading).depth, text, slug: slug(text) });
        for (const id of read.anchors) if (!read.landings.has(id)) read.landings.set(id, text);
      }
      // a paragraph, or a list item's line (a text token holding inline ones)
      else if (token.type === 'paragraph' || token.type === 'text') read.paragraphs.push(inline(trimmed(children ?? [token])));
      else if (children) readBlocks(children);
    }
  };
  readBlocks(lex(markdown));
  // GitHub gives the anchors' ids and the headings' the same prefix (user-content-): one id for two places lands on the first
  const ids = [...read.anchors, ...read.headings.map((h) => h.slug)];
  for (const id of new Set(ids.filter((t, i) => ids.indexOf(t) !== i))) problems.push(`id repeated: ${id}`);
  for (const link of read.links) {
    if (!link.href.startsWith('#') || !ids.includes(decodeURIComponent(link.href.slice(1)))) problems.push(`link to ${JSON.stringify(link.href)} (${JSON.stringify(link.text)})`);
  }
  return read;
}

/** Names that Markdown would read as something else if written as they are. */
export const HOSTILE_NAMES = [
  'a|b',
  'back`tick',
  '*star*',
  '_under_',
  '#hash',
  '[x](javascript:alert(1))',
  '<script>alert(1)</script>',
  '<!--',
  '&amp;',
  'two\nlines',
  'two\\u000alines',
  'two<br>lines',
  'trail\\',
  ' lead',
  'trail ',
  'a.b',
  'q"uote',
  'Ünïcødé 表 🙂',
  'x'.repeat(60),
];

/** Database text over several lines, each of which would be markup at the start of a line. */
export const HOSTILE_COMMENT = ['<img src=x onerror=alert(1)>', '# heading', '[x](javascript:alert(1))', '| a | b |', '<!-- c', '&amp; `t` *e* _u_ trail\\'].join('\n');

const KIND_HEADINGS: Partial<Record<SchemaObject['kind'], string>> = { table: 'Table', view: 'View', type: 'Type' };

/** A name as a reader sees it: a line break as one, any other hidden character as its \\u escape. */
export const shown = (name: string) => name.split('\n').map(printable).join('\n');

/** A schema-qualified name as a heading gives it: a part with a dot or a quote in double quotes. */
const qualified = (...parts: string[]) => parts.map((part) => (/[."]/.test(part) ? `"${part.replace(/"/g, '""')}"` : part)).join('.');

/**
 * What of a snapshot the documentation does not show as it is: each schema, table, view and type
 * has a heading of its own that reads as its name, and a Contents link to it; each column its row
 * (name, type, default and comment as the database has them), each index its row, each key and
 * check its line with its comment.
 */
export function unreadNames(snapshot: Snapshot, read: ReadMarkdown): string[] {
  const missing: string[] = [];
  const want = (found: boolean, what: string) => found || missing.push(what);
  const rows = read.tables.flatMap((table) => table.slice(1));
  const commented = (comment: string | undefined) => (comment ? ` — ${comment}` : '');
  for (const schema of snapshot.schemas.filter((s) => snapshot.objects.some((o) => o.schema === s.name))) {
    want(read.headings.some((h) => h.text === `Schema ${shown(schema.name)}`), `schema ${JSON.stringify(schema.name)}`);
    if (schema.comment) want(read.paragraphs.includes(schema.comment), `comment of schema ${JSON.stringify(schema.name)}`);
  }
  for (const object of snapshot.objects) {
    const label = KIND_HEADINGS[object.kind];
    if (!label) continue;
    const heading = `${label} ${shown(qualified(object.schema, object.name))}`;
    const where = JSON.stringify(heading);
    want(read.headings.some((h) => h.text === heading), where);
    want(read.links.some((link) => link.text === shown(object.name) && read.landings.get(decodeURIComponent(link.href.slice(1))) === heading), `a Contents link to ${where}`);
    if ('comment' in object && object.comment) want(read.paragraphs.includes(object.comment), `comment of ${where}`);
    if (object.kind !== 'table') continue;
    for (const column of object.columns) {
      const row = rows.find((cells) => cells[1] === shown(column.name) && cells[2] === shown(column.type));
      want(row?.[4] === (column.default ?? '') && row[5] === (column.comment ?? ''), `column ${JSON.stringify(column.name)} of ${where}`);
    }
    for (const index of object.indexes ?? []) want(rows.some((cells) => cells[0] === shown(index.name)), `index ${JSON.stringify(index.name)} of ${where}`);
    const key = object.primary_key;
    const keyLine = key?.name && `Primary key ${shown(key.name)}: `;
    if (keyLine) want(read.paragraphs.some((p) => p.startsWith(keyLine) && p.endsWith(commented(key!.comment))), `primary key ${JSON.stringify(key!.name)} of ${where}`);
    for (const check of object.checks ?? []) want(read.paragraphs.some((p) => p.startsWith(`Check ${shown(check.name ?? '')}`) && p.endsWith(commented(check.comment))), `check ${JSON.stringify(check.name)} of ${where}`);
    for (const fk of object.foreign_keys ?? []) {
      const line = `References ${shown(fk.columns.join(', '))} → ${shown(qualified(fk.references.schema, fk.references.table))}`;
      want(read.paragraphs.some((p) => p.startsWith(line) && (!fk.name || p.includes(` via ${shown(fk.name)}`))), `foreign key to ${line} of ${where}`);
    }
  }
  return missing;
}

/** The documentation of `snapshot` renders as meant and shows every name as it is, each heading once. */
export function assertReadsAsWritten(snapshot: Snapshot, markdown: string): ReadMarkdown {
  const read = readMarkdown(markdown);
  assert.equal(read.problems, []);
  assert.equal(unreadNames(snapshot, read), []);
  const headings = read.headings.map((h) => h.text);
  assert.equal(headings.filter((text, i) => headings.indexOf(text) !== i), [], 'every heading is distinct');
  return read;
}
