// An object or a part of one as people read it, from its snapshot file and the dotted name the JSON
// contract gives it (a change's or a finding's `object`): the file tells where the schema and the
// object's name end, so a name holding a dot can be quoted (`"s.x"."t.y"."c.z"`).
import { unnamedLabelWord } from '../model/part-label.js';
import { namePart, objectLabel, type NamePart } from '../util/qualified-name.js';
import { parsePath, SCHEMA_FILE } from './layout.js';

/** Whether a part's name is the label of a part without one (`primary_key`, `foreign_key(a)`). */
export function isUnnamedLabel(kind: string, name: string): boolean {
  const word = unnamedLabelWord(kind);
  return name === word || name.startsWith(`${word}(`);
}

/**
 * The owner the snapshot file `path` (with its .yaml) holds, as dotted names say it and as people
 * read it (each name written by `part`): a schema, or an object.
 */
export function fileOwner(path: string, part: NamePart = namePart): { dotted: string; label: string } | undefined {
  let parsed;
  try {
    parsed = parsePath(path);
  } catch {
    return undefined; // not a path of the layout: the dotted name is all there is to show
  }
  if (parsed?.type === 'object') return { dotted: `${parsed.schema}.${parsed.name}`, label: objectLabel(parsed.schema, parsed.kind, parsed.name, part) };
  if (parsed?.type === 'schema') return { dotted: parsed.schema, label: part(parsed.schema) };
  return undefined;
}

/** `dotted` (the object in `path`, or a part of it of `kind`) for people to read, each name written by `part`. */
export function readableName(path: string, dotted: string, kind: string, part: NamePart = namePart): string {
  const owner = fileOwner(path, part);
  if (!owner) return dotted;
  if (dotted === owner.dotted) return owner.label;
  if (!dotted.startsWith(`${owner.dotted}.`)) return dotted;
  const name = dotted.slice(owner.dotted.length + 1);
  return `${owner.label}.${isUnnamedLabel(kind, name) ? name : part(name)}`;
}

/**
 * `dotted` (in `path`) and what holds it, outermost first, each as the JSON contract dots it and as
 * people read it: what a glob naming it or a parent of it may match. Parents end where names end,
 * never at a dot inside one (`public.s` holds nothing of `public."s.x"`).
 */
export function nameLevels(path: string, dotted: string, kind: string): string[] {
  const owner = fileOwner(path);
  if (!owner || (dotted !== owner.dotted && !dotted.startsWith(`${owner.dotted}.`))) return [dotted];
  const schema = fileOwner(`${path.split('/')[0]!}/${SCHEMA_FILE}`);
  const levels = [...(schema ? [schema.dotted, schema.label] : []), owner.dotted, owner.label];
  if (dotted !== owner.dotted) levels.push(dotted, readableName(path, dotted, kind));
  return [...new Set(levels)];
}
