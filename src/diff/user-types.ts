// PostgreSQL: the user types (enums, domains) that a diff's changed columns are declared with, read
// from each side: an enum turned into text, or a domain into its base type, keeps every value, and
// a column of a NOT NULL domain refuses NULL (or takes the domain's default), which the type names
// alone cannot tell. Only those types' files are read, each alone; the types the diff itself
// compares are at hand already.
import { objectPath, parsePath } from '../codec/layout.js';
import type { Column, Dialect, Table, UserType } from '../model/types.js';
import type { FilePair, Loaded } from './model-diff.js';
import { qualifiedName } from '../util/qualified-name.js';
import { typeName } from './renamed-references.js';

/** A type as a column spells it (format_type: `mood`, `"Mood"`, `other.mood`, `mood[]`) → the type object it names there. */
export type UserTypeLookup = (spelled: string) => UserType | undefined;

/** The columns of the newer side's tables declared with a domain (not an array of it), by the domain's schema and name. */
export type DomainColumns = (schema: string, name: string) => readonly Column[];

/** How many domains over domains are followed to the base type. */
export const MAX_DOMAIN_DEPTH = 8;

type Typed = { name: string; type: string };

const typedParts = (object: object) => ((object as { columns?: Typed[] }).columns ?? (object as { attributes?: Typed[] }).attributes ?? []) as Typed[];

/**
 * The types a pair's `side` names where the diff may judge them: its columns (or a composite type's
 * attributes) that the other side lacks or has otherwise, and a domain's changed base type.
 */
function typesNamed(pair: FilePair, side: 'from' | 'to'): string[] {
  const [mine, theirs] = side === 'from' ? [pair.from, pair.to] : [pair.to, pair.from];
  if (mine?.type !== 'object') return [];
  const other = theirs?.type === 'object' ? theirs.object : undefined;
  if (mine.object.kind === 'type' && other?.kind === 'type' && mine.object.base_type && mine.object.base_type !== other.base_type) return [mine.object.base_type];
  const others = new Map(other ? typedParts(other).map((part) => [part.name, JSON.stringify(part)]) : []);
  return typedParts(mine.object).flatMap((part) => (others.get(part.name) === JSON.stringify(part) ? [] : [part.type]));
}

const key = (schema: string, name: string) => `${schema}\u0000${name}`;

/** The lookup over these types (a side's, or those read of it). */
export function userTypeLookup(types: readonly UserType[]): UserTypeLookup {
  const byName = new Map(types.map((type) => [key(type.schema, type.name), type]));
  return (spelled) => {
    const name = typeName(spelled);
    return name && byName.get(key(name.schema, name.name));
  };
}

/** Whether a lookup holds the type of this schema and name. */
export const holdsType = (types: UserTypeLookup | undefined, name: { schema: string; name: string }): boolean => types?.(qualifiedName(name.schema, name.name)) !== undefined;

const isArray = (spelled: string) => /\[\]$/.test(spelled);

/**
 * What a column declared with a domain takes from it: the domain's default (its own, which CREATE
 * DOMAIN copied from a domain it is over), and whether it or any domain under it is NOT NULL (the
 * server checks each). Undefined for any other type, an array of a domain included (NULL fills an array).
 */
export function domainFacts(spelled: string | undefined, types: UserTypeLookup | undefined): { default?: string; notNull: boolean } | undefined {
  let type = spelled === undefined || isArray(spelled) ? undefined : types?.(spelled);
  if (type?.type !== 'domain') return undefined;
  const facts = { ...(type.default !== undefined ? { default: type.default } : {}), notNull: false };
  for (let depth = 0; type?.type === 'domain' && depth <= MAX_DOMAIN_DEPTH; depth++) {
    if (type.nullable === false) facts.notNull = true;
    type = type.base_type === undefined || isArray(type.base_type) ? undefined : types?.(type.base_type);
  }
  return facts;
}

/**
 * The user types of one side that the diff's changed columns name there (and the domains under
 * them): those the pairs hold, and the others read alone. `side`: which side of the pairs.
 */
export async function userTypesOf(pairs: FilePair[], side: 'from' | 'to', reader: { file(path: string): Promise<Loaded | undefined> }, dialect: Dialect): Promise<UserTypeLookup | undefined> {
  if (dialect !== 'postgres') return undefined;
  const held = new Map<string, UserType>();
  for (const pair of pairs) {
    const loaded = pair[side];
    if (loaded?.type === 'object' && loaded.object.kind === 'type') held.set(key(loaded.object.schema, loaded.object.name), loaded.object);
  }
  const typeAt = async (name: { schema: string; name: string }) => {
    const loaded = held.has(key(name.schema, name.name)) ? undefined : await reader.file(objectPath({ kind: 'type', type: 'enum', ...name }).join('/'));
    return held.get(key(name.schema, name.name)) ?? (loaded?.type === 'object' && loaded.object.kind === 'type' ? loaded.object : undefined);
  };
  const tried = new Set<string>();
  const found: UserType[] = [];
  const read = async (name: { schema: string; name: string } | undefined, depth: number): Promise<void> => {
    if (!name || tried.has(key(name.schema, name.name)) || depth > MAX_DOMAIN_DEPTH) return;
    tried.add(key(name.schema, name.name));
    const type = await typeAt(name);
    if (!type) return;
    found.push(type);
    if (type.type === 'domain' && type.base_type) await read(typeName(type.base_type), depth + 1);
  };
  for (const type of held.values()) await read(type, 0);
  for (const spelled of new Set(pairs.flatMap((pair) => typesNamed(pair, side)))) await read(typeName(spelled), 0);
  return found.length ? userTypeLookup(found) : undefined;
}

/** Whether a pair is a domain whose default is gone: the columns declared with it may no longer be filled. */
const defaultDropped = (pair: FilePair) =>
  pair.from?.type === 'object' && pair.to?.type === 'object' && pair.from.object.kind === 'type' && pair.to.object.kind === 'type' &&
  pair.to.object.type === 'domain' && pair.from.object.default !== undefined && pair.to.object.default === undefined;

/** The columns of these tables by the domain each is declared with (an array of a domain is none of its). */
export function columnsByDomain(tables: Iterable<Table>): DomainColumns {
  const columns = new Map<string, Column[]>();
  for (const table of tables) {
    for (const column of table.columns) {
      const name = isArray(column.type) ? undefined : typeName(column.type);
      if (!name) continue;
      const named = columns.get(key(name.schema, name.name));
      if (named) named.push(column);
      else columns.set(key(name.schema, name.name), [column]);
    }
  }
  return (schema, name) => columns.get(key(schema, name)) ?? [];
}

/**
 * The newer side's table columns by the domain they are declared with, read (every table's file)
 * only when the diff drops a domain's default: whether that breaks inserts depends on the columns
 * that use it, changed or not.
 */
export async function domainColumnsAfter(pairs: FilePair[], to: { index(): Promise<Map<string, string>>; load(path: string, blob: string): Promise<Loaded> }, dialect: Dialect): Promise<DomainColumns | undefined> {
  if (dialect !== 'postgres' || !pairs.some(defaultDropped)) return undefined;
  const tables: Table[] = [];
  for (const [path, blob] of await to.index()) {
    const where = parsePath(path);
    if (where?.type !== 'object' || where.kind !== 'table') continue;
    const loaded = await to.load(path, blob);
    if (loaded.type === 'object' && loaded.object.kind === 'table') tables.push(loaded.object);
  }
  return columnsByDomain(tables);
}
