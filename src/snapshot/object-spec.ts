// How users name an object on the command line (`public.users`, `users`, `main.Album`,
// `public.f(integer)`, or a tree path) and how that maps to snapshot files.
import { KIND_DIRECTORIES } from '../model/canonical.js';
import { parsePath, type ParsedPath } from '../codec/layout.js';
import { UsageError } from '../errors.js';

type ObjectPath = Extract<ParsedPath, { type: 'object' }>;

/** `schema.name`, the name an object is shown by. */
export function objectLabel(parsed: { schema: string; name: string }): string {
  return `${parsed.schema}.${parsed.name}`;
}

export function matchesSpec(path: string, spec: string): boolean {
  const parsed = parsePath(path.endsWith('.yaml') ? path : `${path}.yaml`);
  if (!parsed || parsed.type === 'meta') return false;
  const bare = path.replace(/\.yaml$/, '');
  if (spec === bare || spec === path) return true;
  if (parsed.type === 'schema') return spec === parsed.schema;
  const byKind = `${parsed.schema}.${KIND_DIRECTORIES[parsed.kind]}.${parsed.name}`;
  return spec === objectLabel(parsed) || spec === parsed.name || spec === byKind;
}

/** The one file among `paths` that `spec` names; errors when none or several match. */
export function findObjectFile(paths: Iterable<string>, spec: string): string {
  const all = [...paths];
  const matches = all.filter((p) => matchesSpec(p, spec));
  const exact = matches.filter((p) => {
    const parsed = parsePath(p) as ObjectPath | undefined;
    return parsed?.type === 'object' && objectLabel(parsed) === spec;
  });
  const chosen = exact.length === 1 ? exact : matches;
  if (chosen.length === 1) return chosen[0]!;
  if (chosen.length === 0) {
    // A routine's name carries its argument types (PostgreSQL overloads): name the ones meant.
    const routines = all.flatMap((p) => {
      const parsed = parsePath(p);
      if (parsed?.type !== 'object' || parsed.kind !== 'routine') return [];
      const bare = (name: string) => name.replace(/\(.*$/s, '');
      return bare(objectLabel(parsed)) === spec || bare(parsed.name) === spec ? [objectLabel(parsed)] : [];
    });
    if (routines.length) throw new UsageError(`${JSON.stringify(spec)} is a routine: name it with its argument types, ${routines.map((r) => JSON.stringify(r)).join(' or ')}`, 'UNKNOWN_OBJECT');
    throw new UsageError(`no object ${JSON.stringify(spec)} in this snapshot; write it as schema.name (see \`datatrack show\`)`, 'UNKNOWN_OBJECT');
  }
  throw new UsageError(`${JSON.stringify(spec)} is ambiguous: ${chosen.map((p) => p.replace(/\.yaml$/, '')).join(', ')}; name one of these`, 'AMBIGUOUS_OBJECT');
}
