// Qualified names as people read them: each name as it is, double-quoted (a quote in it doubled)
// only where it holds a dot or a quote, so that `s."x.y"` and `"s.x".y` read apart while ordinary
// names read as they always have; names in a list likewise. For reading, not SQL (model/sql-name.ts
// quotes for a dialect).
// Plain text quotes a name too where printing would hide part of it (`"t "` is not `t`).
import { printable } from './printable.js';

/** A name holding a dot or a quote: where it ends could not be told unquoted. */
const holdsSeparator = (name: string) => /[."]/.test(name);

/**
 * A name of which printing as plain text hides something: nothing at all, a blank at an end (`t `
 * and ` t` read as `t`), or a character printable() shows as its escape (a tab, a line break, a
 * zero-width space, a bidi control), which a name could as well hold written out (`t\u200b`).
 * Quoted, its ends show, and its escapes read apart from the same text written out, unquoted.
 */
const hidesPart = (name: string) => name === '' || /^\s|\s$/.test(name) || printable(name) !== name;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** How a rendering writes one name of a qualified one. */
export type NamePart = (name: string) => string;

/**
 * One name of a qualified one, as Markdown shows it (in code, which keeps a name's spaces and shows
 * a line break as one) and as messages and hints spell it.
 */
export const namePart: NamePart = (name) => (holdsSeparator(name) ? quoted(name) : name);

/**
 * One name as plain text shows it (the text diff, history, lint and verify, logs and CI reports):
 * quoted where namePart quotes it and where printing would hide part of it. Still to be made
 * printable, which is why it looks at the name as it is.
 */
export const textNamePart: NamePart = (name) => (holdsSeparator(name) || hidesPart(name) ? quoted(name) : name);

/**
 * A name in a list joined by commas beside SQL words, as an index's keys are: quoted where it holds
 * a comma, a quote or white space, or is empty, so that a key on `"x, y"` reads apart from keys on
 * x and y, and `"a DESC"` from a DESC, while ordinary names read as they always have.
 */
export const listedName: NamePart = (name) => (name === '' || /[,"\s]/.test(name) ? quoted(name) : name);

/** Names joined with dots, each quoted where it must be: `public."t.y"`. */
export const qualifiedName = (...names: string[]): string => names.map(namePart).join('.');

/**
 * An object's name as its file has it, which for a routine ends in its argument types: those stay
 * as they are (`"a.b"(integer)`), only the name is quoted.
 */
export function objectNameLabel(kind: string, fileName: string, part = namePart): string {
  const args = kind === 'routine' ? fileName.indexOf('(') : -1;
  return args < 0 ? part(fileName) : `${part(fileName.slice(0, args))}${fileName.slice(args)}`;
}

/** An object by its schema and the name its file has: `"s.x"."t.y"`, `public."a.b"(integer)`. */
export const objectLabel = (schema: string, kind: string, fileName: string, part = namePart): string => `${part(schema)}.${objectNameLabel(kind, fileName, part)}`;

/**
 * The names of a qualified name typed quoted as SQL writes it, in double quotes or MySQL's
 * backticks (`public."Order Items"`, `` shop.`order items` ``: a quote inside doubled); undefined
 * when `text` holds no quote or is no such name.
 */
export function quotedNameParts(text: string): string[] | undefined {
  if (!/["`]/.test(text)) return undefined;
  const parts: string[] = [];
  for (let at = 0; ; at++) {
    let part = '';
    const quote = text[at];
    if (quote === '"' || quote === '`') {
      for (at++; at < text.length && !(text[at] === quote && text[at + 1] !== quote); at++) part += text[at] === quote ? text[at++] : text[at];
      if (text[at] !== quote) return undefined;
      at++;
    } else {
      for (; at < text.length && text[at] !== '.'; at++) {
        if (text[at] === '"' || text[at] === '`') return undefined;
        part += text[at];
      }
    }
    // `""` is a name SQLite takes (an empty one); nothing between two dots is none.
    if (part === '' && quote !== '"' && quote !== '`') return undefined;
    parts.push(part);
    if (at === text.length) return parts;
    if (text[at] !== '.') return undefined;
  }
}
