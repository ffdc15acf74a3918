// A definition text that restates an object's other attributes (the server's DDL) and may hold
// more: a trigger's body or the function it runs, a routine's body. When other attributes changed
// too, its change is reported only if they do not account for all of it, so that one real change
// is not counted twice and a body that changed alongside them is not lost: what is left of the
// texts without the attributes' words must be the same, and the text may lose and gain those
// words no more often than the attributes do (a WHEN going from `x > 0` to `x > 1` accounts for
// one 0 turning into 1, not for a second one in the body).
import { escapeRegExp } from '../util/regexp.js';
import { changedItems, differingRuns } from '../util/sequence-diff.js';
import type { AttributeChange } from './attributes.js';

const WORD = /[\p{L}\p{N}_$]+/gu;
/** Words that only join values in DDL (`INSERT OR UPDATE`, `UPDATE OF a, b`, `WITH (…)`, `SET work_mem TO '64MB'`). */
const JOINERS = ['or', 'of', 'with', 'to'];
const DDL = /^\s*(?:CREATE|EXCLUDE)\b/i;
/** Marks that only list or enclose values (`(a, b)`). */
const LISTING = ['(', ')', ','];
const JOINING = new Set([...JOINERS, ...LISTING]);
/** A string literal or quoted identifier. */
const QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"/g;

/** How DDL may spell an attribute's name: word by word (`on_delete`: ON DELETE) or whole (`options.set.search_path`: SET search_path). */
const nameWords = (attribute: string) => [...attribute.split('.'), ...attribute.split(/[._]/)].map((word) => word.toLowerCase());
/** A number in DDL, in any notation (`COST 1e+06`). */
const NUMBER = /(?<![\p{L}\p{N}_$.])\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\p{L}\p{N}_$])/giu;
/** A float4 as PostgreSQL's DDL prints it (`COST %g`): six significant digits (`2.5e+06` for 2500000.5, `123457` for 123456.7). */
const printedFloat = (value: number) => Number(value.toPrecision(6));

/**
 * The text with the attributes' own spellings made the model's: a dotted setting name
 * (`options.set.my.custom` is `SET "my.custom"`) as separate words, and a number the model holds
 * (`options.cost: 2500000.5`) where the server printed it rounded or with an exponent. Only the
 * changed attributes' names and values are respelled, in both texts alike.
 */
function respelled(text: string, others: readonly AttributeChange[]): string {
  const values = others.flatMap((change) => [change.from, change.to]).filter((value): value is number => typeof value === 'number');
  const numbers = new Map(values.map((value) => [printedFloat(value), value]));
  let out = numbers.size ? text.replace(NUMBER, (spelled) => String(numbers.get(Number(spelled)) ?? spelled)) : text;
  for (const change of others) {
    const segments = change.attribute.split('.');
    for (let start = 0; start < segments.length - 1; start++) {
      const dotted = segments.slice(start).join('.');
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}_$.])${escapeRegExp(dotted)}(?![\\p{L}\\p{N}_$.])`, 'giu'), segments.slice(start).join(' '));
    }
  }
  return out;
}

/** The strings a value holds, in its lists and maps too. */
const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);

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

/**
 * The text with the quotes taken off what the changed attributes wholly account for: DDL quotes
 * their values and names (`SET "TimeZone" TO 'UTC'`), the model does not. An empty literal counts
 * as accounted for where a changed value is empty or holds one (`SET search_path TO ''` is the
 * model's `""`; an fts5 table's `content=''` is its argument as written).
 * Other quotes stay, so that a body that only gained or lost quotes is still a change.
 */
function unquoted(text: string, words: ReadonlySet<string>, marks: ReadonlySet<string>, empty: boolean): string {
  return text.replace(QUOTED, (quoted) => (quoted.length > 2 || empty ? (residue(quoted.slice(1, -1), words, marks) === '' ? quoted.slice(1, -1) : quoted) : quoted));
}

type Counts = Map<string, number>;

/** How often each word (lower case) and mark occurs in a value, keys of maps included; `free` ones are not counted. */
function count(value: unknown, counts: Counts, free: ReadonlySet<string>): Counts {
  const add = (token: string) => {
    if (!free.has(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  };
  if (typeof value === 'string') {
    for (const word of value.match(WORD) ?? []) add(word.toLowerCase());
    for (const mark of value.replace(WORD, '')) if (mark.trim() && !LISTING.includes(mark)) add(mark);
    return counts;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (!Array.isArray(value)) count(key, counts, free);
      count(member, counts, free);
    }
  } else if (value !== null && value !== undefined && typeof value !== 'boolean') {
    count(String(value), counts, free);
  }
  return counts;
}

/** The tokens `a` has more of than `b`, with how many more. */
function excess(a: Counts, b: Counts): Counts {
  const out: Counts = new Map();
  for (const [token, n] of a) if (n > (b.get(token) ?? 0)) out.set(token, n - (b.get(token) ?? 0));
  return out;
}

const within = (a: Counts, b: Counts) => [...a].every(([token, n]) => n <= (b.get(token) ?? 0));

/** A text as words (lower case) and marks, in order. */
const tokens = (text: string) => (text.match(/[\p{L}\p{N}_$]+|\S/gu) ?? []).map((token) => token.toLowerCase());

/** Token pairs beyond this are not aligned: the whole differing middle must then be accounted for. */
const MAX_TOKEN_CELLS = 1_000_000;

/**
 * Whether each place the texts differ, token by token, holds on each side only what that side's
 * values (or names, joiners and list marks) account for: the counts alone let a word of one
 * attribute's old value stand in for a body's (`UPDATE OF a … f('b')` to `UPDATE OF b … f('a')`
 * has as many a's and b's before as after, yet the argument changed).
 */
function inPlace(from: string, to: string, fromTokens: ReadonlySet<string>, toTokens: ReadonlySet<string>, fromValues: ReadonlySet<string>, toValues: ReadonlySet<string>): boolean {
  const [a, b] = [tokens(from), tokens(to)];
  return differingRuns(changedItems(a, b, MAX_TOKEN_CELLS), a.length, b.length).every((run) => {
    const [gone, come] = [a.slice(...run.from), b.slice(...run.to)];
    if (!gone.every((token) => fromTokens.has(token)) || !come.every((token) => toTokens.has(token))) return false;
    // Joiners and list marks come with a value or a name, or as a value spells them (a WHEN
    // condition given parentheses), never alone: parentheses moved in a body (`a and (b or c)`)
    // or `to` turned into `or` is the body's own change.
    return [...gone, ...come].some((token) => !JOINING.has(token)) || (gone.every((token) => fromValues.has(token)) && come.every((token) => toValues.has(token)));
  });
}

/** A comment (`comment`, `options.index_comment`): never part of the DDL text (COMMENT ON is its own statement). */
const COMMENT = /(^|[._])comment$/;

/** The changes that DDL can restate: its words may account for part of the text's difference. */
export const restatable = (changes: readonly AttributeChange[]) => changes.filter((change) => !COMMENT.test(change.attribute));

/**
 * Whether the changes of the other attributes account for the whole difference between two texts.
 * A comment's change accounts for none of it: its words (`VAT 0.19` → `VAT 0.21`) would otherwise
 * explain the same change made in a body.
 */
export function restatesOnly(fromText: unknown, toText: unknown, changes: readonly AttributeChange[]): boolean {
  const others = restatable(changes);
  if (typeof fromText !== 'string' || typeof toText !== 'string' || others.length === 0) return false;
  // Only DDL restates (PostgreSQL's and SQLite's CREATE statements, an exclusion constraint's
  // EXCLUDE): a body kept alone (MariaDB's triggers and routines) says none of the attributes.
  if (!DDL.test(fromText) || !DDL.test(toText)) return false;
  const words = new Set(JOINERS);
  const marks = new Set(LISTING);
  // What each side's values spell, beside what either side may hold (names, joiners, list marks).
  const [fromWords, fromMarks, toWords, toMarks] = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
  for (const change of others) {
    for (const word of nameWords(change.attribute)) words.add(word);
    collect(change.from, fromWords, fromMarks);
    collect(change.to, toWords, toMarks);
  }
  const either = new Set([...words, ...marks]);
  for (const token of [...fromWords, ...toWords]) words.add(token);
  for (const mark of [...fromMarks, ...toMarks]) marks.add(mark);
  // An empty value, or one holding an empty literal: PostgreSQL's empty list of names (search_path
  // `""`), a SQLite virtual table's argument (fts5's `content=''`).
  const empty = others.some((change) => [change.from, change.to].flatMap(strings).some((text) => text.trim() === '' || (text.match(QUOTED) ?? []).some((quoted) => quoted.length === 2)));
  const [from, to] = [unquoted(respelled(fromText, others), words, marks, empty), unquoted(respelled(toText, others), words, marks, empty)];
  if (residue(from, words, marks) !== residue(to, words, marks)) return false;
  const [fromValues, toValues] = [new Set([...fromWords, ...fromMarks]), new Set([...toWords, ...toMarks])];
  if (!inPlace(from, to, new Set([...either, ...fromValues]), new Set([...either, ...toValues]), fromValues, toValues)) return false;
  // Attribute names and joiners come and go freely (`STRICT`, `OR`); values as often as they change.
  const free = new Set([...JOINERS, ...others.flatMap((change) => nameWords(change.attribute))]);
  const [before, after] = [new Map() as Counts, new Map() as Counts];
  for (const change of others) {
    count(change.from, before, free);
    count(change.to, after, free);
  }
  const [textBefore, textAfter] = [count(from, new Map(), free), count(to, new Map(), free)];
  return within(excess(textBefore, textAfter), excess(before, after)) && within(excess(textAfter, textBefore), excess(after, before));
}
