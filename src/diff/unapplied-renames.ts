// Configured renames that a diff meets but can never apply, said as warnings. A path alone cannot
// tell a routine's name without its argument types from a table's, or which kind of object it
// names, so `renames:` takes `public.f: public.g` and `public.t: public.v` (a table to a view) as
// written; the objects the diff compares tell that neither names one object under two names.
import { foldName } from '../model/names.js';
import type { Routine } from '../model/types.js';
import type { FilePair } from './model-diff.js';
import { objectLabel } from './objects.js';
import { heldInPairs, renameSpelling, type NameCase } from './rename-spelling.js';
import type { RenameMap } from './settings.js';

const kindWord = (kinds: Set<string>) => [...kinds].map((kind) => kind.replace(/_/g, ' ')).join(' and a ');

export function unappliedRenames(renames: RenameMap, pairs: FilePair[], nameCase: NameCase): string[] {
  if (renames.size === 0) return [];
  const kinds = new Map<string, Set<string>>();
  const routines = new Map<string, Routine>();
  const routineKey = nameCase.caseInsensitive || nameCase.caseInsensitiveKinds?.has('routine') ? foldName : (name: string) => name;
  for (const loaded of pairs.flatMap((pair) => [pair.from, pair.to])) {
    if (loaded?.type !== 'object') continue;
    const label = objectLabel(loaded.object);
    (kinds.get(label) ?? kinds.set(label, new Set()).get(label)!).add(loaded.object.kind);
    if (loaded.object.kind === 'routine') routines.set(routineKey(`${loaded.object.schema}.${loaded.object.name}`), loaded.object);
  }
  const spelling = renameSpelling(heldInPairs(pairs), nameCase);
  const warnings: string[] = [];
  for (const [from, to] of renames) {
    const [before, after] = [kinds.get(spelling.oldName(from)), kinds.get(spelling.newName(to))];
    const routine = before === undefined ? routines.get(routineKey(from)) : undefined;
    const never = `the rename of ${from} to ${to} (renames:) never applies`;
    if (routine) {
      const args = `(${routine.argument_types.join(', ')})`;
      warnings.push(`${never}: ${from} is no object here but the routine ${objectLabel(routine)}, named with its argument types; write ${objectLabel(routine)}: ${to}${args}`);
    } else if (before && after && ![...before].some((kind) => after.has(kind))) {
      warnings.push(`${never}: ${from} is a ${kindWord(before)} and ${to} a ${kindWord(after)}, and a rename keeps the kind of object; leave it out`);
    }
  }
  return warnings;
}
