// PostgreSQL: a type or relation renamed as configured is renamed in the texts that name it, as the
// server deparses them: a column's type (`mood` → `feeling`, `app.mood[]`), a cast in its default
// (`'new'::mood`) and a regclass literal (`nextval('orders_id_seq'::regclass)`). The server follows
// the renamed object by its OID: those texts are compared as they read after the rename, so that
// what the rename implies is no change of the column, and a real change beside it still one.
import type { SchemaObject } from '../model/types.js';
import { quotedNameParts } from '../util/qualified-name.js';
import { lexiconOf, lexSql, literalValue, type Token } from './sql-lexer.js';

interface Name {
  schema: string;
  name: string;
}

/** The objects renamed in a diff, old → new (`schema\0name` keys), by what names them: a type (or a relation's row type), a relation (a regclass). */
export interface RenamedNames {
  types: ReadonlyMap<string, Name>;
  relations: ReadonlyMap<string, Name>;
}

const TYPE_KINDS = new Set<SchemaObject['kind']>(['type', 'table', 'view', 'materialized_view']);
const RELATION_KINDS = new Set<SchemaObject['kind']>(['table', 'view', 'materialized_view', 'sequence']);

const key = (name: Name) => `${name.schema}\u0000${name.name}`;

/** What the renames of a diff (each object's old and new version) rename, or nothing when none names a type or relation. */
export function renamedNames(renamed: [before: SchemaObject, after: SchemaObject][]): RenamedNames | undefined {
  const types = new Map<string, Name>();
  const relations = new Map<string, Name>();
  for (const [before, after] of renamed) {
    if (before.schema === after.schema && before.name === after.name) continue;
    if (TYPE_KINDS.has(before.kind)) types.set(key(before), after);
    if (RELATION_KINDS.has(before.kind)) relations.set(key(before), after);
  }
  return types.size || relations.size ? { types, relations } : undefined;
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

type Piece = { text: string; type?: Name; relation?: Name };

/** The reference the tokens at `i` make, and how many they are: a string literal cast to regclass (a relation), a cast to a type (`::app.mood`). */
function referenceAt(tokens: Token[], i: number): { piece: Piece; length: number } | undefined {
  const [first, second, third, fourth] = tokens.slice(i, i + 4);
  const literal = first && literalValue(first);
  if (literal !== undefined && second?.text === '::' && third?.kind === 'word' && third.text === 'regclass') {
    const relation = deparsedName(literal);
    return relation && { piece: { text: first!.text + second.text + third.text, relation }, length: 3 };
  }
  const isName = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';
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

const renamedTo = (renamed: ReadonlyMap<string, Name>, from: Name | undefined, to: Name | undefined) => {
  const target = from && renamed.get(key(from));
  return target !== undefined && to !== undefined && key(target) === key(to);
};

/** Whether `to` is the type `from` spelled once the types it names are renamed: `mood[]` and `feeling[]`. */
function typeRenamed(from: string, to: string, renamed: RenamedNames): boolean {
  const arrays = (text: string) => /(\[\])*$/.exec(text)![0];
  return arrays(from) === arrays(to) && renamedTo(renamed.types, typeName(from), typeName(to));
}

/** Whether `to` is the expression `from` once the types and relations it names are renamed, and nothing else. */
function expressionRenamed(from: string, to: string, renamed: RenamedNames): boolean {
  const [before, after] = [pieces(from), pieces(to)];
  return (
    before.length === after.length &&
    before.every((piece, i) => {
      const other = after[i]!;
      if (piece.text === other.text) return true;
      return piece.relation ? renamedTo(renamed.relations, piece.relation, other.relation) : renamedTo(renamed.types, piece.type, other.type);
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
  take(types, typeRenamed);
  take(expressions, expressionRenamed);
  return Object.keys(respelled).length ? ({ ...from, ...respelled } as T) : from;
}
