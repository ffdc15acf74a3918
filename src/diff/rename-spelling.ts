// Configured renames spelled as a diff's objects spell their names, where the dialect ignores
// case: on SQLite `main.Orders: main.purchases` renames the table stored as `orders`, as a house
// rule's `Orders` matches it; on MySQL so does a column's, routine's or event's name written in
// another case (its table names follow the file system's case, and are compared as written).
import { foldName } from '../model/names.js';
import type { Column, SchemaObject, TypeAttribute } from '../model/types.js';
import type { FilePair } from './model-diff.js';
import { objectLabel } from './objects.js';
import { respelledRenames, type RenameMap } from './settings.js';

/** Which names ignore case, as the diff's dialect options say (dialect-rules.ts). */
export interface NameCase {
  /** Every name (SQLite). */
  caseInsensitive?: boolean;
  /** The names of objects of these kinds (MySQL's routines and events). */
  caseInsensitiveKinds?: ReadonlySet<string>;
  /** Column names (SQLite, MySQL). */
  caseInsensitiveColumns?: boolean;
}

/** A name a side of a diff holds: an object's label (`schema.name`, a routine's with its argument types), its kind and its columns' names. */
export interface HeldName {
  label: string;
  kind: string;
  columns?: readonly { name: string }[];
}

/** What each side of some snapshot files holds: its objects' labels, and their columns' (a composite type's attributes). */
export function heldInPairs(pairs: FilePair[]): { from: HeldName[]; to: HeldName[] } {
  const held = (object: SchemaObject): HeldName => ({ label: objectLabel(object), kind: object.kind, columns: (object as { columns?: Column[] }).columns ?? (object as { attributes?: TypeAttribute[] }).attributes });
  const side = (name: 'from' | 'to') => pairs.flatMap((pair) => (pair[name]?.type === 'object' ? [held(pair[name].object)] : []));
  return { from: side('from'), to: side('to') };
}

/** The names held, by the key a name spelled in any case finds them under → as they are spelled; the first side's spelling first. */
function spellings(sides: Iterable<HeldName>[], nameCase: NameCase): Map<string, string> {
  const spelled = new Map<string, string>();
  const add = (key: string, name: string) => {
    if (!spelled.has(key)) spelled.set(key, name);
  };
  for (const side of sides) {
    for (const { label, kind, columns } of side) {
      const key = nameCase.caseInsensitive || nameCase.caseInsensitiveKinds?.has(kind) ? foldName(label) : label;
      add(key, label);
      if (nameCase.caseInsensitiveColumns) for (const column of columns ?? []) add(`${key}.${foldName(column.name)}`, `${label}.${column.name}`);
    }
  }
  return spelled;
}

/** How the names of renames are spelled by `renamesAsSpelled`: an old name, a new one. */
export interface RenameSpelling {
  oldName(path: string): string;
  newName(path: string): string;
}

const AS_WRITTEN: RenameSpelling = { oldName: (path) => path, newName: (path) => path };

/**
 * Each name spelled as the side of the diff that holds it spells it (an old name as the older side
 * does, a new one as the newer), where only the case differs and the dialect ignores it; a name
 * neither side holds (a swap's temporary one) is folded on SQLite, so that the entries of a chain
 * meet whatever case each is written in.
 */
export function renameSpelling(held: { from: Iterable<HeldName>; to: Iterable<HeldName> }, nameCase: NameCase): RenameSpelling {
  const folds = nameCase.caseInsensitive === true || (nameCase.caseInsensitiveKinds?.size ?? 0) > 0 || nameCase.caseInsensitiveColumns === true;
  if (!folds) return AS_WRITTEN;
  const [from, to] = [[...held.from], [...held.to]];
  // A column's path with only its own name folded: MySQL's `shop.Orders.Email` is column email of table Orders.
  const columnFolded = (path: string) => path.slice(0, path.lastIndexOf('.') + 1) + foldName(path.slice(path.lastIndexOf('.') + 1));
  const speller = (spelled: Map<string, string>) => (path: string) =>
    spelled.get(path) ?? spelled.get(foldName(path)) ?? spelled.get(columnFolded(path)) ?? (nameCase.caseInsensitive ? foldName(path) : path);
  return { oldName: speller(spellings([from, to], nameCase)), newName: speller(spellings([to, from], nameCase)) };
}

/** The renames with their names spelled as the diff's sides spell them (renameSpelling). */
export function renamesAsSpelled(renames: RenameMap, held: { from: Iterable<HeldName>; to: Iterable<HeldName> }, nameCase: NameCase): RenameMap {
  if (renames.size === 0) return renames;
  const spelling = renameSpelling(held, nameCase);
  return spelling === AS_WRITTEN ? renames : respelledRenames(renames, spelling.oldName, spelling.newName);
}
