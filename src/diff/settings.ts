// The diff's sections of `.datatrack/config.yaml`, validated with file:line:column errors:
//   renames: {public.users.mail: public.users.email}   # old object path → new: one `rename` change
//   impact:  {column.add: caution, index.remove: breaking, column.modify.type: breaking}
import type { DatatrackConfig } from '../config/config.js';
import { errorAt, type YamlFile } from '../config/yaml-file.js';
import { UsageError } from '../errors.js';
import { foldName } from '../model/names.js';
import { attributesOf, knownAttribute, optionMeant } from './change-attributes.js';
import { CHANGE_ACTIONS, CHANGE_KINDS, IMPACTS, type ChangeKind, type Impact } from './change.js';
import { ignoresCase } from './dialect-rules.js';
import { qualifiedName, quotedNameParts } from '../util/qualified-name.js';

/** Old object path → new object path, as configured: every rename of the history. */
export type RenameMap = ReadonlyMap<string, string>;
/** `<kind>.<action>[.<attribute>]` → impact. */
export type ImpactOverrides = ReadonlyMap<string, Impact>;

export interface DiffSettings {
  renames: RenameMap;
  impact: ImpactOverrides;
}

export const NO_SETTINGS: DiffSettings = { renames: new Map(), impact: new Map() };

type Fail = (keys: (string | number)[], problem: string, atKey?: boolean) => UsageError;

function mapping(value: unknown, section: string, fail: Fail): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw fail([section], `${section} must be a mapping`);
  return value as Record<string, unknown>;
}

/** An object path as written in `renames:`: its names, and a routine's argument types as they follow them. */
interface RenamePath {
  path: string;
  names: string[];
  args?: string;
}

/** Where a routine's argument types start (`public.f(integer)`), outside any quoted name; -1 where there are none. */
function argumentsStart(text: string): number {
  let quote: string | undefined;
  for (let at = 0; at < text.length; at++) {
    const c = text[at]!;
    // a quote doubled inside a quoted name closes and reopens it: still inside
    if (quote !== undefined) quote = c === quote ? undefined : quote;
    else if (c === '"' || c === '`') quote = c;
    else if (c === '(') return at;
  }
  return -1;
}

/**
 * An object path as written in `renames:`: plain (`s.t.c`) or quoted as diff and the docs print a
 * name holding a dot (`"s.x"."t.y"`), which alone tells `"s.x".tz` (a table) from `s.x.tz` (a
 * column); a routine's ends in its argument types, kept as written (`public."a.b"(integer)`).
 */
function renamePath(text: string): RenamePath {
  const at = argumentsStart(text);
  const [name, args] = at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at)];
  const names = quotedNameParts(name) ?? name.split('.');
  return { path: names.join('.') + (args ?? ''), names, ...(args === undefined ? {} : { args }) };
}

/** Whether a path as written holds a glob's `*` or `?` outside quoted names and argument types: a pattern, which no object path is. */
function isPattern(text: string): boolean {
  const at = argumentsStart(text);
  return /[*?]/.test((at < 0 ? text : text.slice(0, at)).replace(/"(?:[^"]|"")*"|`(?:[^`]|``)*`/g, ''));
}

const PATTERN = 'a rename names one object: write an entry for each object renamed (a name holding * or ? in double quotes)';

/**
 * Why a renamed column's entry can never apply, or nothing: a column stays in its table, unless a
 * configured rename of the table leads there too. `renames` and `tableKey` compare table names as
 * the targets do (`main.Orders` is `main.orders` on SQLite).
 */
function movedColumn(renames: RenameMap, tableKey: (path: string) => string, fromText: string, from: RenamePath, to: RenamePath): string | undefined {
  if (from.names.length !== 3 || from.args !== undefined) return undefined;
  const [fromTable, toTable] = [from.names.slice(0, 2), to.names.slice(0, 2)];
  const [fromPath, toPath] = [tableKey(fromTable.join('.')), tableKey(toTable.join('.'))];
  if (fromPath === toPath || renamedPath(orientRenames(renames, 'forward'), fromPath, (path) => path === toPath) !== undefined) return undefined;
  const [oldTable, newTable] = [qualifiedName(...fromTable), qualifiedName(...toTable)];
  const column = to.names[2] === from.names[2] ? undefined : qualifiedName(...fromTable, to.names[2]!);
  const instead = column === undefined ? `rename the table (${oldTable}: ${newTable})` : `write ${column}, or rename the table too (${oldTable}: ${newTable})`;
  return `${fromText} is a column of ${oldTable}, which no rename here makes ${newTable}; a column stays in its table: ${instead}`;
}

/**
 * A table's path as the configured targets compare names: folded where one of them ignores case
 * (SQLite), so that an entry is refused only where it applies to none of them.
 */
function tablePathKey(config: DatatrackConfig): (path: string) => string {
  return Object.values(config.targets ?? {}).some((target) => ignoresCase(target.dialect, 'table')) ? foldName : (path) => path;
}

function readRenames(value: unknown, tableKey: (path: string) => string, fail: Fail): RenameMap {
  const renames = new Map<string, string>();
  const targets = new Map<string, string>();
  const read: [fromText: string, from: RenamePath, to: RenamePath][] = [];
  for (const [fromText, toText] of Object.entries(mapping(value, 'renames', fail))) {
    const refuse = (problem: string, atKey?: boolean) => fail(['renames', fromText], problem, atKey);
    const from = renamePath(fromText);
    if (from.names.length < 2) throw refuse(`"${fromText}" is not an object path; write schema.table or schema.table.column`, true);
    if (isPattern(fromText)) throw refuse(`"${fromText}" is a pattern; ${PATTERN}`, true);
    const to = typeof toText === 'string' ? renamePath(toText) : undefined;
    if (!to || to.names.length < 2) throw refuse(`the new name of ${fromText} must be an object path such as schema.table.column`);
    if (isPattern(toText as string)) throw refuse(`"${String(toText)}" is a pattern; ${PATTERN}`);
    if (to.path === from.path) throw refuse(`${fromText} is renamed to itself; write the name it was given, or leave the entry out`);
    // A routine is named by its argument types: a path without them names a table, view, type or sequence.
    if (from.args !== undefined && to.args === undefined) throw refuse(`${fromText} is a routine, named with its argument types: write its new name with them (${toText}${from.args})`);
    if (from.args === undefined && to.args !== undefined) throw refuse(`${String(toText)} is a routine, named with its argument types: write its old name with them (${fromText}${to.args})`, true);
    if (to.names.length !== from.names.length) throw refuse(`${fromText} and ${String(toText)} name different kinds of object (a table and a column?); a rename keeps the kind: write both as schema.table or both as schema.table.column`);
    const earlier = targets.get(to.path);
    if (earlier !== undefined) throw refuse(`${earlier} and ${fromText} are both renamed to ${String(toText)}`);
    targets.set(to.path, fromText);
    renames.set(from.path, to.path);
    read.push([fromText, from, to]);
  }
  const keyed = new Map([...renames].map(([from, to]) => [tableKey(from), tableKey(to)]));
  for (const [fromText, from, to] of read) {
    const moved = movedColumn(keyed, tableKey, fromText, from, to);
    if (moved) throw fail(['renames', fromText], moved);
  }
  return renames;
}

/** Renames followed one way only: those of a diff known to read forward in time, or backward (reversed). */
class OneWayRenames extends Map<string, string> {
  constructor(
    readonly direction: 'forward' | 'backward',
    entries?: Iterable<readonly [string, string]>,
  ) {
    super(entries);
  }
}

/**
 * The renames as a diff between two snapshots of one history meets them: forward (the older one
 * first) or backward. Read both ways, the names are ambiguous once a new object took a renamed
 * one's old name: from `users_old` alone to `users_old` and a new `users` is that new table added
 * read forward, but the rename undone (and the old `users_old` back) read backward.
 */
export function orientRenames(renames: RenameMap, direction: 'forward' | 'backward'): RenameMap {
  if (renames.size === 0) return renames;
  return new OneWayRenames(direction, direction === 'forward' ? renames : [...renames].map(([from, to]) => [to, from]));
}

/** A copy of `renames` to add to, followed the same way(s). */
export function copyRenames(renames: RenameMap): Map<string, string> {
  return renames instanceof OneWayRenames ? new OneWayRenames(renames.direction, renames) : new Map(renames);
}

/** The renames with their old and new names respelled, followed the same way(s). */
export function respelledRenames(renames: RenameMap, oldName: (path: string) => string, newName: (path: string) => string): RenameMap {
  const respelled = renames instanceof OneWayRenames ? new OneWayRenames(renames.direction) : new Map<string, string>();
  for (const [from, to] of renames) respelled.set(oldName(from), newName(to));
  return respelled;
}

/** The names each side of a diff holds: `here` the side a renamed path is followed from, `there` the other. */
export interface HeldNames {
  here: (path: string) => boolean;
  there: (path: string) => boolean;
}

/**
 * What `path` is called on the other side of a diff, by the configured renames: the first name
 * along them that `found` accepts (or, given `held`, the furthest, below). A diff may span several renames (a → b, then b → c: a is c two snapshots
 * on) and a column follows its table's rename too; a diff read the other way (prod against
 * staging, a rollback) meets them backwards, so those are followed when no forward one leads to it
 * (only those, or only forward ones, once `orientRenames` said which way the diff reads).
 */
export function renamedPath(renames: RenameMap, path: string, found: (path: string) => boolean, held?: HeldNames): string | undefined {
  if (renames.size === 0) return undefined;
  for (const { map, direction } of ways(renames)) {
    const seen = new Set([path]);
    // With `held`, the walk ends at a name the older side holds (this side read forward, the other
    // read backward): that side's own object of that name is the one renamed on from there. So
    // a → b → c, where a new object took b's name since, is c; but where the older side holds b,
    // a is b if the newer side holds b, and nothing along this chain if it does not.
    const older = held === undefined ? undefined : direction === 'forward' ? held.here : held.there;
    const ends = new Set<string>();
    let furthest: string | undefined;
    for (const at of seen) {
      if (ends.has(at)) continue;
      const dot = at.lastIndexOf('.');
      const owner = dot > 0 ? map.get(at.slice(0, dot)) : undefined;
      for (const next of [map.get(at), owner === undefined ? undefined : owner + at.slice(dot)]) {
        if (next === undefined || seen.has(next)) continue;
        if (found(next)) {
          if (older === undefined) return next;
          furthest = next;
        }
        if (older?.(next)) ends.add(next);
        seen.add(next);
      }
    }
    if (furthest !== undefined) return furthest;
  }
  return undefined;
}

/**
 * How many configured renames lead on from `path`, one after another (a → b → c: 2), the first way
 * that has any: where two objects' renames lead to one name, the one further along the chain is
 * the one that was renamed there (reading a → b, b → c back from a new b and c, c was a and the
 * new b is none of it).
 */
export function renameChainLength(renames: RenameMap, path: string): number {
  for (const { map } of ways(renames)) {
    const seen = new Set([path]);
    for (let at = map.get(path); at !== undefined && !seen.has(at); at = map.get(at)) seen.add(at);
    if (seen.size > 1) return seen.size - 1;
  }
  return 0;
}

/** The renames forward, then (unless the diff's direction is known) backward, each with the way it reads in time. */
function ways(renames: RenameMap): { map: RenameMap; direction: 'forward' | 'backward' }[] {
  if (renames instanceof OneWayRenames) return [{ map: renames, direction: renames.direction }];
  return [
    { map: renames, direction: 'forward' },
    { map: new Map([...renames].map(([from, to]) => [to, from])), direction: 'backward' },
  ];
}

/**
 * Configured renames that swap names among objects on both sides of a diff (a → b and b → a, or a
 * longer ring through more names, or through a temporary name neither side holds), each ring as
 * its [old, new] pairs, forward ones first. No name
 * is gone or new in a swap, so `renamedPath` alone never takes one: the caller decides from the
 * objects whether this diff crossed it (the configuration keeps every rename of the history).
 */
export function renameRings(renames: RenameMap, present: (path: string) => boolean): [string, string][][] {
  const rings: [string, string][][] = [];
  for (const { map } of ways(renames)) {
    const inRing = new Set<string>();
    for (const start of map.keys()) {
      if (inRing.has(start) || !present(start)) continue;
      const ring: [string, string][] = [];
      for (let at = start; ring.length < map.size; ) {
        // Through a name neither side holds (a → tmp, b → a, tmp → b: the swap written as run).
        let next = map.get(at);
        for (const passed = new Set<string>(); next !== undefined && !present(next) && !passed.has(next); next = map.get(next)) passed.add(next);
        if (next === undefined || !present(next)) break;
        ring.push([at, next]);
        if (next === start) {
          rings.push(ring);
          for (const [path] of ring) inRing.add(path);
          break;
        }
        at = next;
      }
    }
  }
  return rings;
}

/** Why an impact key's attribute could match no change of its kind: a typo of one it has. */
function attributeProblem(kind: ChangeKind, attribute: string): string | undefined {
  if (!knownAttribute(kind, attribute)) {
    return `unknown attribute "${attribute}" of ${kind} (known: ${attributesOf(kind).join(', ')}; a dotted path reaches inside one: row_security.enabled, options.engine)`;
  }
  const meant = optionMeant(kind, attribute);
  return meant === undefined ? undefined : `unknown option "${attribute}" of ${kind}: did you mean ${meant}?`;
}

export const IMPACT_KEY = /^([a-z_]+)\.([a-z]+)(?:\.(.+))?$/;

function readImpact(value: unknown, fail: Fail): ImpactOverrides {
  const impact = new Map<string, Impact>();
  for (const [key, level] of Object.entries(mapping(value, 'impact', fail))) {
    const match = IMPACT_KEY.exec(key);
    const [, kind, action, attribute] = match ?? [];
    const problem = !match
      ? `"${key}" is not <kind>.<action>[.<attribute>] (e.g. column.add, column.modify.type)`
      : !(CHANGE_KINDS as readonly string[]).includes(kind!)
        ? `unknown kind "${kind}" (known: ${CHANGE_KINDS.join(', ')})`
        : !(CHANGE_ACTIONS as readonly string[]).includes(action!)
          ? `unknown action "${action}" (known: ${CHANGE_ACTIONS.join(', ')})`
          : attribute !== undefined && action !== 'modify'
            ? `only modify changes have an attribute; write ${kind}.${action}`
            : attribute !== undefined
              ? attributeProblem(kind as ChangeKind, attribute)
              : undefined;
    if (problem) throw fail(['impact', key], problem, true);
    if (!(IMPACTS as readonly unknown[]).includes(level)) throw fail(['impact', key], `impact must be one of ${IMPACTS.join(', ')}`);
    impact.set(key, level as Impact);
  }
  return impact;
}

export function diffSettings(config: DatatrackConfig, file: YamlFile | undefined): DiffSettings {
  const fail: Fail = (keys, problem, atKey) => (file ? errorAt(file, keys, problem, atKey) : new UsageError(problem, 'CONFIG_INVALID'));
  return { renames: readRenames(config.renames, tablePathKey(config), fail), impact: readImpact(config.impact, fail) };
}
