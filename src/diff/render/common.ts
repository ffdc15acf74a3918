// What the text and Markdown renderings share: changes grouped by the object (file) they belong
// to, values shortened for a line, endpoints named, the summary sentence.
import { parsePath } from '../../codec/layout.js';
import { indexKeyText, unnamedLabelWord } from '../../model/part-label.js';
import type { IndexKey } from '../../model/types.js';
import { listItems } from '../../util/ddl-text.js';
import { plural } from '../../util/plural.js';
import { ellipsized, isLowSurrogate } from '../../util/ellipsized.js';
import { printable } from '../../util/printable.js';
import { changedItems, differingRuns, type Run } from '../../util/sequence-diff.js';
import { exactly, readsAs } from '../../util/read-apart.js';
import { fileOwner, isUnnamedLabel, readableName } from '../../codec/readable-name.js';
import { textNamePart } from '../../util/qualified-name.js';
import type { Selection } from '../../util/selection.js';
import type { Change, Impact } from '../change.js';
import type { Endpoint } from '../sides.js';

export interface DiffSummaryLike {
  added: number;
  removed: number;
  modified: number;
  renamed: number;
  breaking: number;
  caution: number;
  safe: number;
}

/** What a rendering needs of a diff result. */
export interface DiffDocument {
  from: Endpoint;
  to: Endpoint;
  summary: DiffSummaryLike;
  changes: Change[];
  /** How many object files differ (some may differ only in how their SQL is written). */
  stats?: { files: number; respelled?: number };
  /** What the reader needs to weigh the changes (two engines compared, objects a live read could not see). */
  warnings?: string[];
  /** The globs a filtered export chose its changes by. */
  selection?: Selection;
}

export interface ChangeGroup {
  /** The object the changes belong to (`public.orders`), or the schema, as changes name it. */
  owner: string;
  /** The owner as plain text shows it: a name with a dot quoted (`"s.x"."t.y"`), or one printing would hide part of (`public."t "`). */
  label: string;
  /** Its kind, as the layout names it (table, view, schema, …). */
  kind: string;
  changes: Change[];
  /** The change when it is the whole object's add, remove or rename. */
  whole?: Change;
}

/**
 * Groups changes by their object file, in the order the diff reported them. Two objects may share
 * a file across the diff (one dropped whose name a renamed one took): a second whole-object change
 * to a file starts a group of its own, which the changes after it join.
 */
export function groupChanges(changes: Change[]): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const latest = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const parsed = parsePath(change.path);
    const { dotted: owner, label } = fileOwner(change.path, textNamePart) ?? { dotted: change.object, label: change.object };
    const whole = change.object === owner && change.action !== 'modify';
    let group = latest.get(change.path);
    if (!group || (whole && group.whole)) {
      group = { owner, label, kind: change.object_type ?? (parsed?.type === 'object' ? parsed.kind : 'schema'), changes: [] };
      latest.set(change.path, group);
      groups.push(group);
    }
    group.changes.push(change);
    if (whole) group.whole = change;
  }
  return groups;
}

/** A change's object relative to its group's owner (`orders.total` → `total`). */
export function partName(group: ChangeGroup, change: Change): string {
  return change.object.startsWith(`${group.owner}.`) ? change.object.slice(group.owner.length + 1) : change.object;
}

/** A change's object for people to read, its part included: `"s.x"."t.y"."c.z"`, `public.t.foreign_key(a)`; as Markdown shows it. */
export const changeLabel = (change: Change): string => readableName(change.path, change.object, change.kind);

const MAX_VALUE = 60;
/** The room of a value alone on its line: both sides' (one side nothing, an added column's definition). */
const LONE_VALUE = 2 * MAX_VALUE;
/** How much of what two texts share is kept before the place where they first differ. */
const LEAD = 15;

/** Line breaks shown as ⏎: a text's later lines are as much the value as its first (a comment given a second line). */
const oneLine = (text: string) => text.replace(/\r?\n/g, '⏎');


function shorten(text: string, width: number): string {
  return ellipsized(oneLine(text), width);
}

/** A model value on one line: lists and maps in flow style, text on one line shortened to `width`; empty text says so, as nothing does. */
/**
 * A list's text item as a list shows it: quoted where it holds what separates or ends items (a
 * comma outside parentheses and quotes, a bracket), or could be taken for none (`['x', 'y, z']`
 * and `['x, y', 'z']` read apart as `[x, "y, z"]`, `["x, y", z]`; a key `lower(a, b)` stays).
 */
const listItem = (item: string) => (/[[\]…]|^\s|\s$|^$/.test(item) || (item.includes(',') && (!item.includes('(') || listItems(item).length > 1)) ? JSON.stringify(item) : item);

export function formatValue(value: unknown, width = MAX_VALUE): string {
  if (value === null || value === undefined) return '(none)';
  if (value === '') return '(empty)';
  let text: string;
  if (Array.isArray(value)) text = `[${value.map((item) => (typeof item === 'string' ? listItem(item) : formatValue(item, width))).join(', ')}]`;
  else if (typeof value === 'object') text = `{${Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v, width)}`).join(', ')}}`;
  else text = String(value);
  return printable(shorten(text, width));
}

/**
 * A rename's old and new name, whole: identifiers are short, and generated ones that differ only in
 * their last characters (PostgreSQL's 63) would read the same cut to a value's width. Each is
 * quoted as plain text quotes a name (`d` → `"d "`), then what printing would hide of their
 * difference is spelled out. An object moved to another schema is renamed by its dotted
 * `schema.name`, shown as it is: where its schema's name ends is not known.
 */
export function renamedNames(change: Change): [string, string] {
  const moved = change.to === change.object;
  const shown = (name: unknown) => (typeof name !== 'string' || moved || isUnnamedLabel(change.kind, name) ? name : textNamePart(name));
  const [from, to] = valuesApart(shown(change.from), shown(change.to));
  // Printable as a name is anywhere else (a line break as its escape), not as a value is (⏎).
  return [printable(String(from)), printable(String(to))];
}

/** An added or removed column's DDL (`numeric(12,2) GENERATED ALWAYS AS (…) STORED`), alone on its line. */
/**
 * An added or removed part's definition, less what its label already says: a part without a name
 * is labelled by what defines it (`check(a > 0)`, `foreign_key(a)`, `unique(a)`), which the
 * definition would repeat (`CHECK (a > 0)`, `(a) REFERENCES …`). Empty when nothing is left.
 */
export function formatDefinition(change: Change): string {
  let definition = change.definition ?? '';
  const label = (kind: string) => (text: string) => change.object.endsWith(`.${kind}${text}`) || change.object.endsWith(`.${kind}(${text})`);
  if (change.kind === 'check' && definition.startsWith('CHECK ') && label('check')(definition.slice('CHECK '.length))) definition = '';
  const columns = /^\([^()]*\)/.exec(definition)?.[0];
  const labelled = change.kind === 'foreign_key' || change.kind === 'unique_constraint' ? label(unnamedLabelWord(change.kind)) : undefined;
  if (columns !== undefined && labelled?.(columns)) definition = definition.slice(columns.length).trimStart();
  return definition ? formatValue(definition, LONE_VALUE) : '';
}

/** Text from a little before `at` (from a word's start), on one line (line breaks shown as ⏎), shortened. */
function excerpt(text: string, at: number): string {
  let start = Math.max(0, at - LEAD);
  // Back to the start of the word the excerpt would begin inside, when that is near.
  for (let back = 0; start > 0 && back < LEAD && !/\s/.test(text[start - 1]!); back++) start--;
  if (isLowSurrogate(text.charCodeAt(start))) start--;
  const cut = ellipsized(oneLine(text.slice(start)), MAX_VALUE - 1);
  return printable(`${start > 0 ? '…' : ''}${cut}`);
}

/** Lists longer than this show only where they differ (an enum of 30 values with one added). */
const LIST_CONTEXT_FROM = 6;

const isLongList = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > LIST_CONTEXT_FROM;

/**
 * Where two texts (as characters) differ, character by character: paired line by line first, each
 * line break a token of its own, so that a CR dropped from every line of a long text makes as many
 * short places, not one too long to pair character by character.
 */
function characterRuns(from: string[], to: string[]): Run[] {
  const lines = (chars: string[]) => {
    const tokens = chars.join('').match(/\r?\n|(?:[^\r\n]|\r(?!\n))+/g) ?? [];
    const starts = [0];
    for (const token of tokens) starts.push(starts[starts.length - 1]! + Array.from(token).length);
    return { tokens, starts };
  };
  const [a, b] = [lines(from), lines(to)];
  return differingRuns(changedItems(a.tokens, b.tokens, MAX_WORD_CELLS), a.tokens.length, b.tokens.length).flatMap((lineRun) => {
    const [fromStart, toStart] = [a.starts[lineRun.from[0]]!, b.starts[lineRun.to[0]]!];
    const [fromChars, toChars] = [from.slice(fromStart, a.starts[lineRun.from[1]]), to.slice(toStart, b.starts[lineRun.to[1]])];
    return differingRuns(changedItems(fromChars, toChars, MAX_WORD_CELLS), fromChars.length, toChars.length).map(
      (run): Run => ({ from: [fromStart + run.from[0], fromStart + run.from[1]], to: [toStart + run.to[0], toStart + run.to[1]] }),
    );
  });
}

/** What a difference printing hides may be made of: anything but printable ASCII (a backslash aside) and line breaks. */
const HIDEABLE = /[^\x20-\x5b\x5d-\x7e\n]/;

/** A character of a difference printing would hide: a CR as ␍ (a line break stays one, shown as ⏎), any other exactly. */
const shownExactly = (ch: string) => (ch === '\n' ? ch : ch === '\r' ? '␍' : exactly(ch));

/**
 * Two texts with the characters they differ in spelled exactly wherever printing would hide the
 * difference: a CR before a line break (both show as ⏎), é composed or not, a no-break space, the
 * text `\u001b` against the escape character. Each place is compared as it reads beside its
 * neighbours (a CR before a line break reads as nothing); where the texts read the same as wholes,
 * every place is spelled (pairing character by character can miss why: `ée` against `e\u0301e`).
 * Differences that show, and what the texts share, stay as written.
 */
function hiddenSpelledOut(from: string, to: string): [string, string] {
  if (from === to || (!HIDEABLE.test(from) && !HIDEABLE.test(to))) return [from, to];
  const [a, b] = [Array.from(from), Array.from(to)];
  const reads = (chars: string[], [start, end]: [number, number]) => readsAs(oneLine(chars.slice(Math.max(0, start - 1), end + 1).join('')));
  const alike = readsAs(oneLine(from)) === readsAs(oneLine(to));
  const hidden = characterRuns(a, b).filter((run) => alike || reads(a, run.from) === reads(b, run.to));
  if (hidden.length === 0) return [from, to];
  const spelled = (chars: string[], places: [number, number][]) => {
    for (const [start, end] of places) for (let i = start; i < end; i++) chars[i] = shownExactly(chars[i]!);
    return chars.join('');
  };
  return [spelled(a, hidden.map((run) => run.from)), spelled(b, hidden.map((run) => run.to))];
}

/** Two values as the renderings start from them: two texts with what printing would hide of their difference spelled out. */
export const valuesApart = (from: unknown, to: unknown): [unknown, unknown] =>
  typeof from === 'string' && typeof to === 'string' ? hiddenSpelledOut(from, to) : [from, to];

/** How a list is written: `[a, b]`, or a MySQL type's `enum('a','b')`. */
interface ListSpelling {
  open: string;
  close: string;
  separator: string;
}

const FLOW_LIST: ListSpelling = { open: '[', close: ']', separator: ', ' };

/** Both lists around each place they differ, one item of context each side, `…` for the rest. */
function listExcerpts(from: unknown[], to: unknown[], spelling = FLOW_LIST, changed?: [Set<number>, Set<number>]): [string, string] {
  const spelled = (list: unknown[]) => list.map((item) => (typeof item !== 'string' ? JSON.stringify(item) : spelling === FLOW_LIST ? listItem(item) : item));
  const [a, b] = [spelled(from), spelled(to)];
  const [removed, added] = changed ?? changedItems(from.map((item) => JSON.stringify(item)), to.map((item) => JSON.stringify(item)));
  // An item changed in place shows what printing would hide of its change (a label é composed or not).
  for (const { from: [i, iEnd], to: [j, jEnd] } of differingRuns([removed, added], a.length, b.length)) {
    for (let k = 0; k < Math.min(iEnd - i, jEnd - j); k++) [a[i + k], b[j + k]] = hiddenSpelledOut(a[i + k]!, b[j + k]!);
  }
  // An insertion shows its neighbours on the side it is missing from too: the items the LCS pairs around it.
  // As much context as the line has room for: an item each side of each place, the one before it, or none.
  const around = (list: string[], changed: Set<number>, other: Set<number>, otherList: string[], context: 0 | 1 | 2) => {
    const shown = new Set<number>();
    const show = (...indexes: number[]) => indexes.forEach((index) => index >= 0 && index < list.length && shown.add(index));
    for (const at of changed) show(at, ...(context > 0 ? [at - 1] : []), ...(context > 1 ? [at + 1] : []));
    // Where the other side gained or lost items, show this side's items next to that place.
    let [i, j] = [0, 0];
    while (i < list.length || j < otherList.length) {
      if (changed.has(i)) i++;
      else if (other.has(j)) {
        if (context > 0) show(i - 1, ...(context > 1 || i === 0 ? [i] : []));
        j++;
      } else i++, j++;
    }
    const out: string[] = [];
    list.forEach((item, index) => {
      if (shown.has(index)) out.push(item);
      else if (out[out.length - 1] !== '…') out.push('…');
    });
    return `${spelling.open}${out.join(spelling.separator)}${spelling.close}`;
  };
  const lines = ([2, 1, 0] as const).map((context) => [around(a, removed, added, b, context), around(b, added, removed, a, context)] as const);
  // An item that only moved reads the same on both sides alone: it needs its neighbours, which tell where it went.
  const apart = lines.filter(([x, y]) => x !== y);
  const fitting = apart.find((pair) => pair.every((line) => line.length <= MAX_VALUE));
  if (fitting) return textPair(fitting[0], fitting[1]);
  // Only the changed items, longer than a value's line: shown whole up to a bound, as cutting them at
  // the line's width would hide every place after the first few.
  const whole = (line: string) => printable(ellipsized(line, MAX_PLACES));
  const [left, right] = apart[apart.length - 1] ?? lines[2]!;
  return [whole(left), whole(right)];
}

/** How long the changed items of a list or text may make a line (a few hundred values all renamed are cut here). */
const MAX_PLACES = 400;

/** The places two lists differ: runs of changed items, each counted once. */
function changedPlaces(removed: Set<number>, added: Set<number>): number {
  const runs = (changed: Set<number>) => [...changed].filter((index) => !changed.has(index - 1)).length;
  return Math.max(runs(removed), runs(added));
}

const WORD_SPELLING: ListSpelling = { open: '', close: '', separator: ' ' };
/**
 * Texts are compared word by word only while their differing middles are small enough (a few
 * hundred words each): a diff may hold thousands of changed definitions, and a longer one is
 * shown from its first difference instead.
 */
const MAX_WORD_CELLS = 250_000;

/**
 * Two long texts (a CHECK expression, a view's definition) that differ in several places, as their
 * words around each place: an excerpt from the first difference would hide the others.
 * Undefined when they differ in one place only, or only in their spacing.
 */
function wordExcerpts(from: string, to: string): [string, string] | undefined {
  // Only the differing middle is split (a body of megabytes changed in two lines), from a few words
  // before it, more than any excerpt shows; the common ends stand as one item each, never shown.
  const shorter = Math.min(from.length, to.length);
  let head = 0;
  while (head < shorter && from.charCodeAt(head) === to.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && from.charCodeAt(from.length - 1 - tail) === to.charCodeAt(to.length - 1 - tail)) tail++;
  const start = wordsBefore(from, head, MARGIN_WORDS);
  const end = from.length - tail + wordsAfter(from.slice(from.length - tail), MARGIN_WORDS);
  const words = (text: string, cut: number) => [...(start > 0 ? [COMMON_END] : []), ...wordsOf(text.slice(start, cut)), ...(cut < text.length ? [COMMON_END] : [])];
  const [a, b] = [words(from, end), words(to, to.length - (from.length - end))];
  const changed = changedItems(a, b, MAX_WORD_CELLS);
  if (changedPlaces(...changed) < 2) return undefined;
  return listExcerpts(a, b, WORD_SPELLING, changed);
}

/**
 * A text's words, the spacing between them dropped; the spacing at its ends stays on its first and
 * last word, where a change to it alone (`end;` → `end; `) would otherwise show nowhere.
 */
const wordsOf = (text: string) => text.match(/^\s*\S+\s*$|^\s*\S+|\S+\s*$|\S+/g) ?? [];

/** Words kept around a long text's differing middle: more than the most context an excerpt shows. */
const MARGIN_WORDS = 4;
/** What stands for a long text's common start or end, beyond the margin: elided, as unchanged items are. */
const COMMON_END = '\u0000';

/** Where the `count`th word before `at` starts (0 when there are fewer), at a word's start. */
function wordsBefore(text: string, at: number, count: number): number {
  let i = at;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  for (let n = 0; n < count && i > 0; n++) {
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  }
  return i;
}

/** How far into `text` its first `count` whole words (and what leads up to them) reach; the whole text when it has fewer. */
function wordsAfter(text: string, count: number): number {
  let i = 0;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  for (let n = 0; n < count && i < text.length; n++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    while (i < text.length && !/\s/.test(text[i]!)) i++;
  }
  return i;
}

/** A MySQL ENUM or SET type as its quoted values (`enum('a','it''s')`), or undefined for any other text. */
function enumValues(type: string): { spelling: ListSpelling; values: string[] } | undefined {
  const match = /^(enum|set)\((.*)\)$/is.exec(type);
  const values = match?.[2]!.match(/'(?:[^']|'')*'/g);
  if (!match || !values || values.join(',') !== match[2]) return undefined;
  return { spelling: { open: `${match[1]}(`, close: ')', separator: ',' }, values };
}

/**
 * Both sides of a modification, one line each. Long texts (a view's or a function's definition)
 * that differ beyond what one line shows are shown from where they first differ, so the two sides
 * never read the same; long lists, MySQL ENUM and SET types, and long texts that differ in several
 * places, around each place they differ. What printing would hide of a difference (a CR before a
 * line break, é composed or not) is spelled exactly.
 */
export function formatPair(from: unknown, to: unknown): [string, string] {
  if (isLongList(from) && isLongList(to)) return listExcerpts(from, to);
  // Other lists and maps (an expression index's columns) are compared as their whole one-line text:
  // each cut to the line's width, two that differ past it would read the same.
  const structured = (value: unknown) => typeof value === 'object' && value !== null;
  if (structured(from) && structured(to)) return formatPair(formatValue(from, Infinity), formatValue(to, Infinity));
  if (typeof from !== 'string' || typeof to !== 'string' || from === to) return textPair(from, to);
  // Spelling out costs a pass over every character (seconds on a body of megabytes): a long text's
  // is taken only where its excerpts would read the same without it.
  if (Math.max(from.length, to.length) > SPELL_OUT_LENGTH) {
    const shown = textExcerpts(from, to);
    if (readsAs(shown[0]) !== readsAs(shown[1])) return shown;
  }
  return textExcerpts(...hiddenSpelledOut(from, to));
}

/** The longest texts whose every hidden difference is spelled out, however they print otherwise. */
const SPELL_OUT_LENGTH = 10_000;

/** Two texts as one line each: whole, or excerpts around where they differ. */
function textExcerpts(from: string, to: string): [string, string] {
  if (from.length > MAX_VALUE || to.length > MAX_VALUE) {
    const [fromEnum, toEnum] = [enumValues(from), enumValues(to)];
    if (fromEnum && toEnum && fromEnum.spelling.open === toEnum.spelling.open) return listExcerpts(fromEnum.values, toEnum.values, fromEnum.spelling);
    const excerpts = wordExcerpts(from, to);
    if (excerpts) return visiblyApart(from, to, excerpts);
  }
  return visiblyApart(from, to, textPair(from, to));
}

/** The blanks at a text's start and at its end: nothing shows them there, where a line break shows as ⏎ and a tab as its escape. */
const blankEnds = (text: string) => `${/^\p{Zs}*/u.exec(text)![0]}\u0000${/\p{Zs}*$/u.exec(text)![0]}`;

/**
 * Two texts whose blanks at an end differ, where nothing shows them, are quoted to read apart:
 * that difference alone (`"x"` → `"x "`) or beside one that shows (`"abc "` → `"abd"`). Empty
 * text is then `""`, as quoted text reads.
 */
function visiblyApart(from: unknown, to: unknown, pair: [string, string]): [string, string] {
  if (typeof from !== 'string' || typeof to !== 'string' || blankEnds(from) === blankEnds(to)) return pair;
  const quoted = (text: string, shown: string) => (text === '' ? '""' : `"${shown}"`);
  return [quoted(from, pair[0]), quoted(to, pair[1])];
}

/**
 * Both values on one line each. Two texts whose first difference the line would cut off, or show
 * only the first letters of (`JOIN ap…` → `JOIN ac…`), are shown from a little before it.
 */
function textPair(from: unknown, to: unknown): [string, string] {
  // Where one side is nothing (a partition detached, a comment added), the other has its room too.
  const none = (value: unknown) => value === null || value === undefined;
  const width = none(from) || none(to) ? LONE_VALUE : MAX_VALUE;
  const pair: [string, string] = [formatValue(from, width), formatValue(to, width)];
  if (typeof from !== 'string' || typeof to !== 'string' || from === to) return pair;
  let at = 0;
  while (from[at] === to[at]) at++;
  const shownOfDifference = (text: string) => (oneLine(text).length > width ? width - 1 - at : Infinity);
  if (Math.min(shownOfDifference(from), shownOfDifference(to)) >= LEAD) return pair;
  return [excerpt(from, at), excerpt(to, at)];
}

export function describeEndpoint(endpoint: Endpoint): string {
  const target = endpoint.target === null ? '' : printable(endpoint.target);
  if (endpoint.live) return `${target} (live)`;
  if (endpoint.commit === null) return `${target || 'empty'} (nothing)`.trim();
  return `${target ? `${target} ` : ''}${endpoint.commit.slice(0, 7)}`;
}

export const IMPACT_ORDER: Impact[] = ['breaking', 'caution', 'safe'];

/** Objects whose files differ with nothing changed in them. */
export const respelled = (files: number) => `${plural(files, 'object')} written differently, the same in meaning`;

/** How many files differ with nothing changed in them (a document without the count: all of its files, when it has no change). */
export const respelledFiles = (total: number, stats?: { files: number; respelled?: number }) => stats?.respelled ?? (total === 0 ? (stats?.files ?? 0) : 0);

export function summaryLine(summary: DiffSummaryLike, stats?: { files: number; respelled?: number }): string {
  const total = summary.added + summary.removed + summary.modified + summary.renamed;
  // Files that differ with nothing changed: SQL written another way (SQLite keeps a statement as
  // written), which a snapshot records, as history then shows; said so that the two agree.
  const same = respelledFiles(total, stats);
  if (total === 0) return same ? `no changes (${respelled(same)})` : 'no changes';
  const actions = [`${summary.added} added`, `${summary.removed} removed`, `${summary.modified} modified`];
  if (summary.renamed) actions.push(`${summary.renamed} renamed`);
  return `${plural(total, 'change')}: ${actions.join(', ')}; ${summary.breaking} breaking, ${summary.caution} caution, ${summary.safe} safe${same ? `; ${respelled(same)}` : ''}`;
}

/** The tables PostgreSQL made a parent's change on too, said with it (`and 2 partitions`, `and 1 child table`); empty when none. */
export function copiesNote(change: Change): string {
  const counts = [change.partitions && plural(change.partitions, 'partition'), change.children && plural(change.children, 'child table')].filter(Boolean);
  return counts.length ? `and ${counts.join(', ')}` : '';
}

/** An index's keys as its DDL spells each (`b COLLATE "C" DESC`), not as the model holds them. */
const keysAsWritten = (keys: unknown) => (Array.isArray(keys) ? keys.map((key) => indexKeyText(key as IndexKey)) : keys);

/** Both sides of a modification as the renderings show them, one line each. */
export function changePair(change: Change): [string, string] {
  if (change.kind === 'index' && change.attribute === 'columns') {
    const [from, to] = formatPair(keysAsWritten(change.from), keysAsWritten(change.to));
    // What DDL does not spell in the key (a statistics target) is shown as the model holds it.
    if (from !== to) return [from, to];
  }
  return formatPair(change.from, change.to);
}

/**
 * A change on one line, for pipeline logs and hook reports: impact, action, kind, object and what
 * changed, as the text diff says it: an added or removed column's definition (`text NOT NULL` is
 * why it is breaking), a rename's old name (the object is the new one), the partitions a parent's
 * change was made on, and a likely rename's hint (a drop and an add that are one rename).
 */
export function changeSummaryLine(change: Change): string {
  const what =
    change.attribute !== undefined
      ? ` ${change.attribute}: ${changePair(change).join(' → ')}`
      : change.action === 'rename'
        ? ` ${renamedNames(change).join(' → ')}`
        : formatDefinition(change)
          ? ` ${formatDefinition(change)}`
          : '';
  const notes = [copiesNote(change), change.hint && `hint: ${change.hint}`].filter(Boolean);
  return `${change.impact} ${change.action} ${change.object_type ?? change.kind} ${readableName(change.path, change.object, change.kind, textNamePart)}${what}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

