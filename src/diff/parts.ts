// The parts of an object that form a set (indexes, keys, checks, triggers, policies, partitions):
// matched by identity, then compared attribute by attribute. A part whose definition is unchanged
// but whose name changed is one `rename`, not a remove and an add. Drop/modify loop over `from`,
// add loop over `to`, so the order of the changes follows the snapshots' canonical order.
import { escapeRegExp } from '../util/regexp.js';
import { groupBy } from '../util/group-by.js';
import { foldName } from '../model/names.js';
import { attributeChanges, sameValue, type AttributeChange } from './attributes.js';
import type { ChangeKind, ModelChange } from './change.js';
import { inOrder } from './kept-order.js';
import { restatable, restatesOnly } from './restatement.js';
import { renamedPath, type RenameMap } from './settings.js';

export type Part = { name?: string; definition?: string } & object;

export interface PartSpec {
  kind: ChangeKind;
  /** The canonical shape (model/canonical.ts) whose key order the attribute changes follow. */
  shape: string;
  /** What the part is called in an object path when it has no name of its own. */
  unnamedLabel(part: Part): string;
  /** Attributes compared elsewhere, or never (the name: a changed name is a rename). */
  skip?: string[];
  /**
   * An attribute that restates the others as text (the server's DDL), so that one real change is
   * not counted twice. `whole`: it holds nothing else (pg_get_indexdef) and is reported only when
   * nothing else changed; otherwise it may hold more (a trigger's body) and is reported unless the
   * other changes account for all of its difference (restatement.ts).
   */
  restating?: { attribute: string; whole?: boolean };
  /**
   * A number that orders the parts of one group (MySQL's ACTION_ORDER among the triggers of one
   * timing and event; absent when a part is alone). Dropping or adding a part renumbers the
   * others, so the number is reported only where the relative order of the parts both sides
   * have changed.
   */
  ordinal?: { attribute: string; group(part: Part): string };
  /** What a change of one attribute means that its values do not say (what the server did elsewhere), as the change's hint. */
  hint?(change: AttributeChange, owner: object): string | undefined;
  /** The changes of one part less those another of them says already. */
  unsaid?(changes: AttributeChange[]): AttributeChange[];
}

export interface Owner {
  /** The object path of the owner (`public.orders`). */
  object: string;
  path: string;
  kind: ChangeKind;
  /** The owner itself, as it was before the change (under its old name, when renamed) and as it is after. */
  before: object;
  after: object;
}

export function partLabel(spec: PartSpec, part: Part): string {
  return part.name ?? spec.unnamedLabel(part);
}

/** Identity within the owner: the name, or for an unnamed part what it is (folded where names ignore case). */
function identity(spec: PartSpec, part: Part, caseInsensitive: boolean): string {
  const [prefix, label] = part.name !== undefined ? ['name', part.name] : ['content', spec.unnamedLabel(part)];
  return `${prefix}:${caseInsensitive ? foldName(label) : label}`;
}

function sameFolded(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && foldName(a) === foldName(b);
}

/** A list of column names (or index keys) as `to` spells it, where the two differ only in case. */
function respellList(from: unknown, to: unknown): unknown {
  if (!Array.isArray(from) || !Array.isArray(to) || from.length !== to.length) return from;
  return from.map((key: unknown, i) => {
    const other: unknown = to[i];
    if (sameFolded(key, other)) return other;
    const [a, b] = [key as { column?: unknown } | null, other as { column?: unknown } | null];
    return a && b && typeof a === 'object' && typeof b === 'object' && sameFolded(a.column, b.column) ? { ...a, column: b.column } : key;
  });
}

/** Which names a dialect's parts compare without regard to case: their columns' (SQLite, MySQL), the tables they reference (SQLite). */
export interface IgnoredCase {
  columns?: boolean;
  tables?: boolean;
}

/**
 * `from` with the column names that `to` spells in another case only taken as `to` spells them:
 * where names ignore case (SQLite; MySQL's columns), renaming column `a` to `A` changes no index or
 * key on it, though the server rewrites their column lists. Their CREATE text is left to
 * sql-spelling.ts, which ignores case outside string literals only: folding all of it hid `'i'`
 * becoming `'I'` in a body. A referenced table's name is respelled only where table names ignore
 * case too: MySQL's `Orders` and `orders` are two tables on Linux.
 */
function respelled(from: Part, to: Part, tables: boolean): Part {
  const [f, t] = [from as Record<string, unknown>, to as Record<string, unknown>];
  const out: Record<string, unknown> = { ...f, columns: respellList(f.columns, t.columns), include: respellList(f.include, t.include) };
  for (const key of ['columns', 'include']) if (f[key] === undefined) delete out[key];
  const [fromRef, toRef] = [f.references as Record<string, unknown> | undefined, t.references as Record<string, unknown> | undefined];
  if (fromRef && toRef) out.references = { ...fromRef, ...(tables && sameFolded(fromRef.table, toRef.table) ? { table: toRef.table } : {}), ...(fromRef.columns ? { columns: respellList(fromRef.columns, toRef.columns) } : {}) };
  return out as Part;
}

/** A name as PostgreSQL's DDL prints it: bare where quote_identifier may leave it so (it quotes keywords too), else quoted. */
function printedName(name: string): string {
  const quoted = escapeRegExp(`"${name.replace(/"/g, '""')}"`);
  return /^[a-z_][a-z0-9_]*$/.test(name) ? `(?:${escapeRegExp(name)}|${quoted})` : quoted;
}

/**
 * DDL text without the table it is on (`ON public.orders`; SQLite keeps its trigger's `ON orders`
 * as written, unqualified): the same part on another table (a partition's copy) or on its table
 * renamed reads the same.
 */
export function withoutTable(text: string, table: { schema?: unknown; name?: unknown }): string {
  if (typeof table.schema !== 'string' || typeof table.name !== 'string') return text;
  return text.replace(new RegExp(`(?<=\\b[Oo][Nn]\\s+(?:[Oo][Nn][Ll][Yy]\\s+)?)(?:${printedName(table.schema)}\\.)?${printedName(table.name)}(?![\\w$])`, 'u'), '');
}

/** The part as it would be without its name and its table's: DDL text loses them too (pg_get_indexdef has both). */
export function withoutName(part: Part, table: { schema?: unknown; name?: unknown } = {}): Record<string, unknown> {
  const { name, ...rest } = part as Record<string, unknown>;
  if (typeof rest.definition === 'string') {
    const text = withoutTable(rest.definition, table);
    rest.definition = typeof name === 'string' ? text.replace(new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, 'u'), '') : text;
  }
  return rest;
}

/**
 * What a part must keep to be the same part renamed: all but its name, its comment and whether the
 * table is clustered on it, which a migration often sets or drops as it renames (`ALTER INDEX …
 * RENAME`, `COMMENT ON INDEX`, `ALTER TABLE … CLUSTER ON`): that is said as a change of the renamed
 * part, not read as one part dropped and another added.
 */
function renamedBody(part: Part, table: { schema?: unknown; name?: unknown } | undefined): Record<string, unknown> {
  const { comment: _comment, ...rest } = withoutName(part, table);
  const options = rest.options as Record<string, unknown> | undefined;
  if (options && 'clustered' in options) {
    const { clustered: _clustered, ...others } = options;
    const { options: _options, ...withoutOptions } = rest;
    return Object.keys(others).length ? { ...withoutOptions, options: others } : withoutOptions;
  }
  return rest;
}

export function partModifications(spec: PartSpec, owner: Owner, label: string, before: Part, to: Part, alsoSkip: string[] = [], ignoresCase: IgnoredCase = {}): ModelChange[] {
  const from = ignoresCase.columns ? respelled(before, to, ignoresCase.tables === true) : before;
  const skip = new Set(['name', ...(spec.skip ?? []), ...alsoSkip]);
  let changes = attributeChanges(from, to, skip, spec.shape);
  if (spec.restating) {
    const { attribute, whole } = spec.restating;
    const [fromText, toText] = [withoutName(from, owner.before)[attribute], withoutName(to, owner.after)[attribute]];
    const others = changes.filter((c) => c.attribute !== attribute);
    if (sameValue(fromText, toText) || (whole ? restatable(others).length > 0 : restatesOnly(fromText, toText, others))) changes = others;
  }
  if (spec.unsaid) changes = spec.unsaid(changes);
  return changes.map((c) => {
    const hint = spec.hint?.(c, owner.after);
    return {
      action: 'modify',
      kind: spec.kind,
      object: `${owner.object}.${label}`,
      attribute: c.attribute,
      from: c.from,
      to: c.to,
      path: owner.path,
      before,
      after: to,
      parent: owner.kind,
      owner: owner.after,
      ownerBefore: owner.before,
      ...(hint ? { hint } : {}),
    };
  });
}

/**
 * The `from` parts of matched pairs whose place among their group's matched parts is the same on
 * both sides, and those that moved to another group (a trigger made AFTER, or for another event):
 * their move is the change, and no order holds across two groups.
 */
function keptTheirPlace(ordinal: NonNullable<PartSpec['ordinal']>, pairs: Map<Part, Part>): Set<Part> {
  const [outer, inner] = ordinal.attribute.split('.') as [string, string | undefined];
  const place = (part: Part) => {
    const value = (part as Record<string, unknown>)[outer];
    return Number((inner === undefined ? value : (value as Record<string, unknown> | undefined)?.[inner]) ?? 1);
  };
  const groups = new Map<string, [Part, Part][]>();
  const kept = new Set<Part>();
  for (const [from, to] of pairs) {
    const group = ordinal.group(from);
    if (group === ordinal.group(to)) groups.set(group, [...(groups.get(group) ?? []), [from, to]]);
    else kept.add(from);
  }
  for (const members of groups.values()) {
    const ids = members.map((_, i) => String(i));
    const before = [...ids].sort((a, b) => place(members[Number(a)]![0]) - place(members[Number(b)]![0]));
    const after = [...ids].sort((a, b) => place(members[Number(a)]![1]) - place(members[Number(b)]![1]));
    for (const id of inOrder(before, after)) kept.add(members[Number(id)]![0]);
  }
  return kept;
}

/** Adds, removes, renames and modifications between two sets of parts of one owner. */
export function diffParts(spec: PartSpec, owner: Owner, fromParts: Part[], toParts: Part[], renames: RenameMap, fromOwner = owner.object, ignoresCase: IgnoredCase = {}): ModelChange[] {
  const caseInsensitive = ignoresCase.columns === true;
  const toById = groupBy(toParts, (p) => identity(spec, p, caseInsensitive));
  const matched = new Set<Part>();
  const pairs = new Map<Part, Part>();
  const pair = (part: Part, fits: (other: Part) => boolean) => {
    const other = toById.get(identity(spec, part, caseInsensitive))?.find((o) => !matched.has(o) && fits(o));
    if (other) {
      matched.add(other);
      pairs.set(part, other);
    }
  };
  // Unnamed parts can share a label (two foreign keys of one column to two tables): each takes
  // its unchanged counterpart before any is paired with one that changed.
  for (const part of fromParts) pair(part, (other) => sameValue(part, other));
  for (const part of fromParts) if (!pairs.has(part)) pair(part, () => true);
  const removed = fromParts.filter((p) => !pairs.has(p));
  const added = toParts.filter((p) => !matched.has(p));
  // Renames: named explicitly in the configuration, or the same definition under a new name.
  for (const part of removed) {
    const named = (path: string) => added.find((a) => !matched.has(a) && `${owner.object}.${partLabel(spec, a)}` === path);
    const target = renamedPath(renames, `${fromOwner}.${partLabel(spec, part)}`, (path) => named(path) !== undefined);
    const explicit = target === undefined ? undefined : named(target);
    const body = explicit ? undefined : renamedBody(part, owner.before);
    const other = explicit ?? added.find((a) => !matched.has(a) && sameValue(body, renamedBody(a, owner.after)));
    if (other) {
      matched.add(other);
      pairs.set(part, other);
    }
  }
  const placed = spec.ordinal ? keptTheirPlace(spec.ordinal, pairs) : new Set<Part>();
  const changes: ModelChange[] = [];
  const base = { kind: spec.kind, path: owner.path, parent: owner.kind, owner: owner.after, ownerBefore: owner.before };
  for (const part of fromParts) {
    const other = pairs.get(part);
    const label = partLabel(spec, part);
    if (!other) {
      changes.push({ ...base, action: 'remove', object: `${owner.object}.${label}`, before: part });
      continue;
    }
    const newLabel = partLabel(spec, other);
    // An unnamed part's label spells its columns: where names ignore case, respelling them renames nothing.
    const relabelled = newLabel !== label && !(caseInsensitive && part.name === undefined && foldName(newLabel) === foldName(label));
    if (relabelled) changes.push({ ...base, action: 'rename', object: `${owner.object}.${newLabel}`, from: label, to: newLabel, before: part, after: other });
    changes.push(...partModifications(spec, owner, newLabel, part, other, placed.has(part) ? [spec.ordinal!.attribute] : [], ignoresCase));
  }
  for (const part of toParts) {
    if (!matched.has(part)) changes.push({ ...base, action: 'add', object: `${owner.object}.${partLabel(spec, part)}`, after: part });
  }
  return changes;
}
