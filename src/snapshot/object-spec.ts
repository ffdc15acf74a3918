// How users name an object on the command line (`public.users`, `users`, `main.Album`,
// `public.f(integer)`, or a tree path) and how that maps to snapshot files.
import { KIND_DIRECTORIES } from '../model/canonical.js';
import { parsePath, type ParsedPath } from '../codec/layout.js';
import { ignoresCase } from '../diff/dialect-rules.js';
import { foldName } from '../model/names.js';
import type { Dialect } from '../model/types.js';
import { UsageError } from '../errors.js';
import { closest } from '../util/suggest.js';
import { objectLabel as readableLabel, objectNameLabel, quotedNameParts } from '../util/qualified-name.js';
import { someOf } from '../util/plural.js';

type ObjectPath = Extract<ParsedPath, { type: 'object' }>;

/** `schema.name`, the name an object is shown by. */
export function objectLabel(parsed: { schema: string; name: string }): string {
  return `${parsed.schema}.${parsed.name}`;
}

/**
 * A routine's argument list as typed and as stored compare without spaces around its punctuation:
 * `f(integer,text)`, as PostgreSQL's regprocedure prints it, is the file `f(integer, text)`. Its
 * name compares exactly (`"x "()` is not `x()`).
 */
const looseArguments = (args: string) => args.replace(/\s*([(),[\]])\s*/g, '$1');
/**
 * The ways a routine, as its file names it or as typed, splits into its name and its argument list:
 * at any parenthesis, since a name may hold one, quoted or not (`f(x), g(integer)`,
 * `y."f(x), g"(integer)`); whole, where it ends in none. A quote starts no quoted name in the middle
 * of one (MySQL's `` pr`q() ``, PostgreSQL's `q"uote(integer)`).
 */
function routineSplits(text: string): { name: string; args: string }[] {
  const splits = [...text.matchAll(/\(/g)].map((m) => ({ name: text.slice(0, m.index), args: text.slice(m.index) }));
  return text.endsWith(')') ? splits : [{ name: text, args: '' }, ...splits];
}

/**
 * Whether `typed`, a routine's name as typed, names the routine `name` of `schema`: as `schema.name`,
 * bare, by its kind's directory, or quoted as regprocedure prints it (exact). Unquoted, a typed name
 * ends at its last letter (`public.f (integer)`).
 */
function namesRoutine(typed: string, schema: string, name: string, key: (name: string) => string): boolean {
  const trimmed = typed.trimEnd();
  if ([`${schema}.${name}`, name, `${schema}.${KIND_DIRECTORIES.routine}.${name}`].some((label) => key(label) === key(trimmed))) return true;
  const quoted = quotedNameParts(trimmed);
  if (quoted?.length === 2) return key(quoted[0]!) === key(schema) && key(quoted[1]!) === key(name);
  return quoted?.length === 1 && key(quoted[0]!) === key(name);
}

/** A routine's name without its argument types. */
export const routineName = (name: string) => name.replace(/\(.*$/s, '');

/**
 * A name as `dialect` compares names of this kind (SQLite's `main.album` is `main.Album`, a MySQL
 * routine's name ignores case); exact without a dialect or where the dialect keeps case.
 */
function nameKey(parsed: Exclude<ParsedPath, { type: 'meta' }>, dialect: Dialect | undefined): (name: string) => string {
  return dialect !== undefined && ignoresCase(dialect, parsed.type === 'schema' ? 'schema' : parsed.kind) ? foldName : (name) => name;
}

/**
 * Whether `spec` names the snapshot file `path` (with its .yaml: a commit's change list, which
 * leaves it off, is no file path; `orders.yaml` is the table `orders.yaml`); with `dialect`,
 * comparing names as that dialect does.
 */
export function matchesSpec(path: string, spec: string, dialect?: Dialect): boolean {
  const parsed = parsePath(path);
  if (!parsed || parsed.type === 'meta') return false;
  // A tree path, with or without its .yaml.
  if (spec === path || spec === path.replace(/\.yaml$/, '')) return true;
  const key = nameKey(parsed, dialect);
  if (parsed.type === 'schema') {
    // `"public"`, `"s.x"`: a schema quoted as SQL quotes it.
    const quotedSchema = quotedNameParts(spec);
    return key(quotedSchema?.length === 1 ? quotedSchema[0]! : spec) === key(parsed.schema);
  }
  const byKind = `${parsed.schema}.${KIND_DIRECTORIES[parsed.kind]}.${parsed.name}`;
  // As diff, lint and export show a name with a dot: quoted (`"s.x"."t.y"`).
  const shown = readableLabel(parsed.schema, parsed.kind, parsed.name);
  const names = [objectLabel(parsed), parsed.name, byKind, ...(shown === objectLabel(parsed) ? [] : [shown, objectNameLabel(parsed.kind, parsed.name)])];
  if (parsed.kind === 'routine') {
    const stored = routineSplits(parsed.name);
    return routineSplits(spec).some((typed) =>
      stored.some(({ name, args }) => key(looseArguments(typed.args)) === key(looseArguments(args)) && namesRoutine(typed.name, parsed.schema, name, key)),
    );
  }
  if (names.some((name) => key(name) === key(spec))) return true;
  // Quoted as SQL quotes it: `public."Order Items"`, `"Sales".orders`.
  const quoted = quotedNameParts(spec);
  if (quoted?.length === 2) return key(quoted[0]!) === key(parsed.schema) && key(quoted[1]!) === key(parsed.name);
  return quoted?.length === 1 && key(quoted[0]!) === key(parsed.name);
}

/**
 * When `spec` names a routine of `paths` without its argument types, or with types none of its
 * overloads has (`int4` for `integer`), the error that names the ones to use; with `dialect`, the
 * name compared as that dialect compares routine names (a MySQL routine's ignores case).
 */
export function routineHint(paths: Iterable<string>, spec: string, dialect?: Dialect): UsageError | undefined {
  const key = dialect !== undefined && ignoresCase(dialect, 'routine') ? foldName : (name: string) => name;
  const typed = routineSplits(spec);
  const routines = [...paths].flatMap((p) => {
    const parsed = parsePath(p);
    if (parsed?.type !== 'object' || parsed.kind !== 'routine') return [];
    const stored = routineSplits(parsed.name);
    const naming = typed.filter((t) => stored.some(({ name }) => namesRoutine(t.name, parsed.schema, name, key)));
    // Named as diff shows it, a name holding a dot or a quote quoted (`public."q""uote"(integer)`): a name that finds it.
    return naming.length === 0 ? [] : [{ label: readableLabel(parsed.schema, parsed.kind, parsed.name), untyped: naming.some((t) => t.args === '') }];
  });
  if (routines.length === 0) return undefined;
  const names = [...new Set(routines.map((r) => r.label))].map((r) => JSON.stringify(r)).join(' or ');
  // `area`, not `area(int4)`: named without an argument list.
  if (routines.some((r) => r.untyped)) return new UsageError(`${JSON.stringify(spec)} is a routine: name it with its argument types, ${names}`, 'UNKNOWN_OBJECT');
  return new UsageError(`no routine ${JSON.stringify(spec)}: name it with its argument types as the snapshot spells them, ${names}`, 'UNKNOWN_OBJECT');
}

/** The object `spec` may have meant: one named alike but for case (SQLite reads `users` as `Users`) or a typo. */
export function nearestObject(paths: Iterable<string>, spec: string): string | undefined {
  const objects = [...paths].map((p) => parsePath(p)).filter((p): p is ObjectPath => p?.type === 'object');
  const labelOf = new Map(objects.flatMap((o) => [[objectLabel(o), readableLabel(o.schema, o.kind, o.name)], [o.name, readableLabel(o.schema, o.kind, o.name)]] as const));
  const word = closest(spec, labelOf.keys());
  return word === undefined ? undefined : labelOf.get(word);
}

/** The files among `paths` that `spec` names (with `dialect`, as that dialect compares names): one named by its `schema.name` if there is one. */
function namedFiles(paths: string[], spec: string, dialect?: Dialect): string[] {
  const matches = paths.filter((p) => matchesSpec(p, spec, dialect));
  const exact = matches.filter((p) => {
    const parsed = parsePath(p) as ObjectPath | undefined;
    return parsed?.type === 'object' && nameKey(parsed, dialect)(objectLabel(parsed)) === nameKey(parsed, dialect)(spec);
  });
  return exact.length === 1 ? exact : matches;
}

/**
 * The one file among `paths` that `spec` names; errors when none or several match. The name as
 * written is looked up first, then as the snapshot's `dialect` compares names: `main.album` is
 * SQLite's `main.Album`, while PostgreSQL's quoted names keep their case.
 */
export function findObjectFile(paths: Iterable<string>, spec: string, dialect?: Dialect): string {
  const all = [...paths];
  let chosen = namedFiles(all, spec);
  if (chosen.length === 0 && dialect !== undefined) chosen = namedFiles(all, spec, dialect);
  if (chosen.length === 1) return chosen[0]!;
  if (chosen.length === 0) {
    // A routine's name carries its argument types (PostgreSQL overloads): name the ones meant.
    const near = nearestObject(all, spec);
    const hint = near ? `did you mean ${JSON.stringify(near)}?` : 'write it as schema.name (see `datatrack show`)';
    throw routineHint(all, spec, dialect) ?? new UsageError(`no object ${JSON.stringify(spec)} in this snapshot; ${hint}`, 'UNKNOWN_OBJECT');
  }
  throw new UsageError(`${JSON.stringify(spec)} is ambiguous: ${someOf(chosen.map((p) => p.replace(/\.yaml$/, '')), 10)}; name one of these`, 'AMBIGUOUS_OBJECT');
}
