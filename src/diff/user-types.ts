// PostgreSQL: the user types (enums, domains) a diff's retyped columns had, read from the older
// side: an enum turned into text, or a domain into its base type, keeps every value, which the
// type names alone cannot tell. Only those types' files are read, each alone.
import { objectPath } from '../codec/layout.js';
import type { Dialect, UserType } from '../model/types.js';
import type { FilePair, Loaded } from './model-diff.js';
import { typeName } from './renamed-references.js';

/** A type as a column spells it (format_type: `mood`, `"Mood"`, `other.mood`, `mood[]`) → the type object it names there. */
export type UserTypeLookup = (spelled: string) => UserType | undefined;

/** How many domains over domains are followed to the base type. */
const MAX_DOMAIN_DEPTH = 8;

type Typed = { name: string; type: string };

/** The types of the columns (or a composite type's attributes) that a pair changes, as the older side spells them. */
function retypedFrom(pair: FilePair): string[] {
  if (pair.from?.type !== 'object' || pair.to?.type !== 'object') return [];
  const [before, after] = [pair.from.object, pair.to.object];
  if (before.kind === 'type' && after.kind === 'type' && before.base_type && before.base_type !== after.base_type) return [before.base_type];
  const parts = (object: object) => ((object as { columns?: Typed[] }).columns ?? (object as { attributes?: Typed[] }).attributes ?? []) as Typed[];
  const newer = new Map(parts(after).map((part) => [part.name, part.type]));
  return parts(before).flatMap((part) => (newer.has(part.name) && newer.get(part.name) !== part.type ? [part.type] : []));
}

/** The lookup over these types (a side's, or those read of it). */
export function userTypeLookup(types: readonly UserType[]): UserTypeLookup {
  const byName = new Map(types.map((type) => [`${type.schema}\u0000${type.name}`, type]));
  return (spelled) => {
    const name = typeName(spelled);
    return name && byName.get(`${name.schema}\u0000${name.name}`);
  };
}

export async function userTypesBefore(pairs: FilePair[], from: { file(path: string): Promise<Loaded | undefined> }, dialect: Dialect): Promise<UserTypeLookup | undefined> {
  if (dialect !== 'postgres') return undefined;
  const tried = new Set<string>();
  const found: UserType[] = [];
  const read = async (spelled: string, depth: number): Promise<void> => {
    const name = typeName(spelled);
    if (!name || tried.has(`${name.schema}\u0000${name.name}`) || depth > MAX_DOMAIN_DEPTH) return;
    tried.add(`${name.schema}\u0000${name.name}`);
    const loaded = await from.file(objectPath({ kind: 'type', type: 'enum', ...name }).join('/'));
    if (loaded?.type !== 'object' || loaded.object.kind !== 'type') return;
    found.push(loaded.object);
    if (loaded.object.type === 'domain' && loaded.object.base_type) await read(loaded.object.base_type, depth + 1);
  };
  for (const spelled of new Set(pairs.flatMap(retypedFrom))) await read(spelled, 0);
  return found.length ? userTypeLookup(found) : undefined;
}
