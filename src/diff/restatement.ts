// A definition text that restates an object's other attributes (the server's DDL) and may hold
// more: a trigger's body or the function it runs, a routine's body. When other attributes changed
// too, its change is reported only if they do not account for all of it, so that one real change
// is not counted twice and a body that changed alongside them is not lost.
import type { AttributeChange } from './attributes.js';

const WORD = /[\p{L}\p{N}_$]+/gu;
/** Words that only join values in DDL (`INSERT OR UPDATE`, `UPDATE OF a, b`, `WITH (…)`). */
const JOINERS = ['or', 'of', 'with'];
/** Marks that only list or enclose values (`(a, b)`). */
const LISTING = ['(', ')', ','];

function collect(value: unknown, words: Set<string>, marks: Set<string>): void {
  if (value === null || value === undefined || typeof value === 'boolean') return;
  if (typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (!Array.isArray(value)) collect(key, words, marks);
      collect(member, words, marks);
    }
    return;
  }
  const text = String(value);
  for (const word of text.match(WORD) ?? []) words.add(word.toLowerCase());
  for (const mark of text.replace(WORD, '')) if (mark.trim()) marks.add(mark);
}

/** The text without what the changed attributes can account for: their names, values and joiners. */
function residue(text: string, words: ReadonlySet<string>, marks: ReadonlySet<string>): string {
  let out = text.replace(WORD, (word) => (words.has(word.toLowerCase()) ? ' ' : word));
  for (const mark of marks) out = out.split(mark).join(' ');
  return out.replace(/\s+/g, ' ').trim();
}

/** Whether the changes of the other attributes account for the whole difference between two texts. */
export function restatesOnly(fromText: unknown, toText: unknown, others: readonly AttributeChange[]): boolean {
  if (typeof fromText !== 'string' || typeof toText !== 'string' || others.length === 0) return false;
  const words = new Set(JOINERS);
  const marks = new Set(LISTING);
  for (const change of others) {
    for (const part of change.attribute.split(/[._]/)) words.add(part.toLowerCase());
    collect(change.from, words, marks);
    collect(change.to, words, marks);
  }
  return residue(fromText, words, marks) === residue(toText, words, marks);
}
