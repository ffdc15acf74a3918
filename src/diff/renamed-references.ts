// PostgreSQL: a type or relation renamed as configured is renamed in the texts that name it, as the
// server deparses them: a column's type (`mood` → `feeling`, `app.mood[]`), a cast in its default
// (`'new'::mood`) and a regclass literal (`nextval('orders_id_seq'::regclass)`). The server follows
// the renamed object by its OID: those texts are compared as they read after the rename, so that
// what the rename implies is no change of the column, and a real change beside it still one.
// An extension moved to another schema (ALTER EXTENSION … SET SCHEMA) moves the types, functions
// and operators it owns with it, which no snapshot holds: a name of its old schema that neither side
// tracks, spelled in its new schema the other side (`ext.citext` → `citext`), is the same object.
import type { SchemaObject } from '../model/types.js';
import { quotedNameParts } from '../util/qualified-name.js';
import type { FilePair } from './model-diff.js';
import { lexiconOf, lexSql, literalValue, tokenName, type Token } from './sql-lexer.js';

export interface Name {
  schema: string;
  name: string;
}

/** Whether each side of a diff tracks an object of a schema and name: one no extension owns. */
export interface TrackedNames {
  from(name: Name): boolean;
  to(name: Name): boolean;
}

/** What each side holds beyond the files a diff compares, where the caller knows it (the user types its changed columns name). */
export interface HeldBeside {
  from?: (name: Name) => boolean;
  to?: (name: Name) => boolean;
}

/** Whether some objects hold one of a schema and name (a routine by its name; not an extension, whose name is none of its objects'). */
export function holdsName(objects: Iterable<SchemaObject>): (name: Name) => boolean {
  const names = new Set<string>();
  for (const object of objects) if (object.kind !== 'extension') names.add(key(object));
  return (name) => names.has(key(name));
}

/** The names each side tracks: its objects among the pairs, and those held beside them. */
export function trackedNames(pairs: FilePair[], beside: HeldBeside = {}): TrackedNames {
  const held = (side: 'from' | 'to') => holdsName(pairs.flatMap((pair) => (pair[side]?.type === 'object' ? [pair[side].object] : [])));
  const [from, to] = [held('from'), held('to')];
  return { from: (name) => from(name) || beside.from?.(name) === true, to: (name) => to(name) || beside.to?.(name) === true };
}

/** The objects renamed in a diff, old → new (`schema\0name` keys), by what names them: a type (or a relation's row type), a relation (a regclass). */
export interface RenamedNames {
  types: ReadonlyMap<string, Name>;
  relations: ReadonlyMap<string, Name>;
  /** The schemas an extension moved out of → those it moved into: what it owns, and neither side tracks, moved along. */
  extensionMoves: ReadonlyMap<string, ReadonlySet<string>>;
  tracked: TrackedNames;
}

const TYPE_KINDS = new Set<SchemaObject['kind']>(['type', 'table', 'view', 'materialized_view']);
const RELATION_KINDS = new Set<SchemaObject['kind']>(['table', 'view', 'materialized_view', 'sequence']);

const key = (name: Name) => `${name.schema}\u0000${name.name}`;

/** What the renames of a diff (each object's old and new version) rename, or nothing when none names a type or relation nor moves an extension. */
export function renamedNames(renamed: [before: SchemaObject, after: SchemaObject][], tracked: TrackedNames): RenamedNames | undefined {
  const types = new Map<string, Name>();
  const relations = new Map<string, Name>();
  const extensionMoves = new Map<string, Set<string>>();
  for (const [before, after] of renamed) {
    if (before.schema === after.schema && before.name === after.name) continue;
    if (TYPE_KINDS.has(before.kind)) types.set(key(before), after);
    if (RELATION_KINDS.has(before.kind)) relations.set(key(before), after);
    if (before.kind === 'extension' && before.schema !== after.schema) (extensionMoves.get(before.schema) ?? extensionMoves.set(before.schema, new Set()).get(before.schema)!).add(after.schema);
  }
  return types.size || relations.size || extensionMoves.size ? { types, relations, extensionMoves, tracked } : undefined;
}

/** Whether `to` is `from` moved by an extension moved between their schemas: of the same name, and tracked by neither side (an extension's objects are in no snapshot). */
function movedWithExtension(renamed: RenamedNames, from: Name, to: Name): boolean {
  return from.name === to.name && renamed.extensionMoves.get(from.schema)?.has(to.schema) === true && !renamed.tracked.from(from) && !renamed.tracked.to(to);
}

/** The schema and name a name as PostgreSQL deparses it refers to (`mood`, `"Mood"`, `app.mood`): unqualified, it is in public, the only schema on datatrack's search_path. */
function deparsedName(spelled: string): Name | undefined {
  const parts = quotedNameParts(spelled) ?? spelled.split('.');
  if (parts.length === 1) return { schema: 'public', name: parts[0]! };
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : undefined;
}

/** The schema and name of the type a column's type names (format_type: `mood`, `"Mood"`, `other.mood`, `mood[]`); none for a type with a modifier, which no enum or domain takes. */
export function typeName(spelled: string): Name | undefined {
  const bare = spelled.replace(/(\[\])+$/, '');
  return bare.includes('(') ? undefined : deparsedName(bare);
}

const isName = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';

type Piece = { text: string; type?: Name; relation?: Name };

/** The reference the tokens at `i` make, and how many they are: a string literal cast to regclass (a relation), a cast to a type (`::app.mood`). */
function referenceAt(tokens: Token[], i: number): { piece: Piece; length: number } | undefined {
  const [first, second, third, fourth] = tokens.slice(i, i + 4);
  const literal = first && literalValue(first);
  if (literal !== undefined && second?.text === '::' && third?.kind === 'word' && third.text === 'regclass') {
    const relation = deparsedName(literal);
    return relation && { piece: { text: first!.text + second.text + third.text, relation }, length: 3 };
  }
  if (first?.text !== '::' || !isName(second)) return undefined;
  const length = third?.text === '.' && isName(fourth) ? 4 : 2;
  const spelled = tokens.slice(i + 1, i + length).map((token) => token.text).join('');
  const type = deparsedName(spelled);
  return type && { piece: { text: first.text + spelled, type }, length };
}

/** An expression as pg_get_expr writes it cut into the names it references and the text between them; string literals and quoted names are read whole, so that no `::` inside them is taken for a cast. */
function pieces(text: string): Piece[] {
  const tokens = lexSql(text, lexiconOf('postgres'));
  if (!tokens) return [{ text }];
  const out: Piece[] = [];
  let between = '';
  for (let i = 0; i < tokens.length; ) {
    const reference = referenceAt(tokens, i);
    if (reference) {
      out.push({ text: between }, reference.piece);
      between = '';
      i += reference.length;
    } else between += tokens[i++]!.text;
  }
  out.push({ text: between });
  return out;
}

/** Whether `from` is renamed to `to`: as configured (`objects`, the renames of a type or relation), else moved with an extension. */
function renamedTo(renamed: RenamedNames, objects: ReadonlyMap<string, Name>, from: Name | undefined, to: Name | undefined): boolean {
  if (from === undefined || to === undefined) return false;
  const target = objects.get(key(from));
  return target === undefined ? movedWithExtension(renamed, from, to) : key(target) === key(to);
}

/** Whether `to` is the type `from` spelled once the types it names are renamed: `mood[]` and `feeling[]`. */
function typeRenamed(from: string, to: string, renamed: RenamedNames): boolean {
  const arrays = (text: string) => /(\[\])*$/.exec(text)![0];
  return arrays(from) === arrays(to) && renamedTo(renamed, renamed.types, typeName(from), typeName(to));
}

/** The name the tokens at `i` spell (`ext.f`, or `f` alone: in public), and how many they are; none within a longer one, nor a number. */
function nameAt(tokens: Token[], i: number): { name: Name; length: number } | undefined {
  if (!isName(tokens[i]) || tokens[i - 1]?.text === '.') return undefined;
  const qualified = tokens[i + 1]?.text === '.' && isName(tokens[i + 2]);
  if (qualified ? tokens[i + 3]?.text === '.' : tokens[i + 1]?.text === '.') return undefined;
  const [schema, name] = qualified ? [tokenName(tokens[i]!, 'postgres'), tokenName(tokens[i + 2]!, 'postgres')] : ['public', tokenName(tokens[i]!, 'postgres')];
  return schema === undefined || name === undefined ? undefined : { name: { schema, name }, length: qualified ? 3 : 1 };
}

/**
 * Whether `to` is the text `from` with the names an extension moved along spelled in their new
 * schema, and nothing else: a function's (`ext.uuid_generate_v4()` → `uuid_generate_v4()`), a type's
 * with its modifier (`ext.vector(3)` → `vector(3)`).
 */
function namesMoved(from: string, to: string, renamed: RenamedNames): boolean {
  if (renamed.extensionMoves.size === 0) return false;
  const [before, after] = [lexSql(from, lexiconOf('postgres')), lexSql(to, lexiconOf('postgres'))];
  if (!before || !after) return false;
  let [i, j] = [0, 0];
  while (i < before.length && j < after.length) {
    const [a, b] = [nameAt(before, i), nameAt(after, j)];
    if (a && b && movedWithExtension(renamed, a.name, b.name)) [i, j] = [i + a.length, j + b.length];
    else if (before[i]!.text === after[j]!.text) [i, j] = [i + 1, j + 1];
    else return false;
  }
  return i === before.length && j === after.length;
}

/** Whether `to` is the expression `from` once the types and relations it names are renamed, and nothing else. */
function expressionRenamed(from: string, to: string, renamed: RenamedNames): boolean {
  const [before, after] = [pieces(from), pieces(to)];
  return (
    before.length === after.length &&
    before.every((piece, i) => {
      const other = after[i]!;
      if (piece.text === other.text) return true;
      if (piece.relation) return renamedTo(renamed, renamed.relations, piece.relation, other.relation);
      return piece.type ? renamedTo(renamed, renamed.types, piece.type, other.type) : namesMoved(piece.text, other.text, renamed);
    })
  );
}

/**
 * `from` with the texts that name a renamed type or relation as `to` spells them, where that is
 * their only difference: `types`, the fields holding a type (a column's `type`, a domain's
 * `base_type`), and `expressions`, those holding an expression (a `default`).
 */
export function withReferencesRenamed<T extends object>(from: T, to: T, renamed: RenamedNames | undefined, types: readonly string[], expressions: readonly string[]): T {
  if (!renamed) return from;
  const [before, after] = [from as Record<string, unknown>, to as Record<string, unknown>];
  const respelled: Record<string, unknown> = {};
  const take = (fields: readonly string[], implied: (a: string, b: string, r: RenamedNames) => boolean) => {
    for (const field of fields) {
      const [a, b] = [before[field], after[field]];
      if (typeof a === 'string' && typeof b === 'string' && a !== b && implied(a, b, renamed)) respelled[field] = b;
    }
  };
  take(types, (a, b, r) => typeRenamed(a, b, r) || namesMoved(a, b, r));
  take(expressions, expressionRenamed);
  return Object.keys(respelled).length ? ({ ...from, ...respelled } as T) : from;
}
