// What a target tracks: `schemas` globs select schemas, `exclude` globs drop schemas or single
// objects (`schema.name`). Applied to the model, so it means the same on every dialect.
import { parsePath } from '../codec/layout.js';
import { objectName } from '../model/canonical.js';
import type { SchemaObject, Snapshot } from '../model/types.js';
import { UsageError } from '../errors.js';
import { qualifiedName, quotedNameParts } from '../util/qualified-name.js';
import { globSource } from '../util/regexp.js';
import { objectLabel, routineName } from './object-spec.js';

export function globToRegExp(glob: string): RegExp {
  return new RegExp(globSource(glob), 'su');
}

export interface Scope {
  schemas?: string[];
  exclude?: string[];
}

export function schemaInScope(schema: string, scope: Scope): boolean {
  const include = scope.schemas?.map(globToRegExp);
  const exclude = scope.exclude?.map(globToRegExp) ?? [];
  return (!include || include.some((r) => r.test(schema))) && !exclude.some((r) => r.test(schema));
}

/** Whose globs a refusal names: a flag (`--schema`) or a target's configuration. */
export interface ScopeSource {
  schemas: string;
  exclude: string;
}

/**
 * Refuses a scope that is probably a typo: `schemas` globs that name none of the database's
 * schemas, or `exclude` globs that leave none of them, or that by themselves leave none of the
 * objects of every schema kept (`*.*`). Either would otherwise read as every table dropped, in a
 * snapshot and in drift alike. Excludes that happen to cover every object there is now
 * (`public.staging_*` once the last other table is dropped) are no typo: the drop is recorded.
 */
export function refuseMistakenScope(snapshot: Snapshot, scope: Scope, source: ScopeSource, database: string, outcome: string): void {
  const postgres = snapshot.meta.dialect === 'postgres';
  // Every PostgreSQL database has public, which a snapshot records only once it holds something:
  // `schemas: [public]` is no typo when its last table was just dropped.
  // pg_catalog holds no schema file but may hold extensions (adminpack, a procedural language).
  const names = [...snapshot.schemas.map((schema) => schema.name), ...(postgres ? ['public', 'pg_catalog'] : [])];
  const unmatched = (scope.schemas ?? []).filter((glob) => !names.some((name) => globToRegExp(glob).test(name)));
  const quoted = (globs: string[]) => globs.map((glob) => JSON.stringify(glob)).join(', ');
  if (unmatched.length) throw new UsageError(`${source.schemas} ${quoted(unmatched)} matches no schema of ${database}; ${outcome}`, 'NO_SUCH_SCHEMA');
  if (!scope.exclude?.length) return;
  // pg_catalog is tracked only where `schemas` names it: by default its extensions come with the others.
  const kept = names.filter((name) => (name !== 'pg_catalog' || scope.schemas !== undefined) && schemaInScope(name, scope));
  const leave = scope.exclude.length === 1 ? 'leaves' : 'leave';
  if (kept.length === 0) throw new UsageError(`${source.exclude} ${quoted(scope.exclude)} ${leave} no schema of ${database} to track; ${outcome}`, 'NO_SUCH_SCHEMA');
  // `*.*`, or MySQL's `shop.*`: every schema stays, and every object in it goes.
  const exclude = scope.exclude.map(globToRegExp);
  if (kept.every((schema) => exclude.some((r) => r.test(`${schema}.${ANY_NAME}`)))) {
    throw new UsageError(`${source.exclude} ${quoted(scope.exclude)} ${leave} none of the objects of ${database} to track; ${outcome}`, 'NO_SUCH_SCHEMA');
  }
}

/**
 * The exclude globs that left nothing out: a typo (`public.ordrs`), another case, or a routine's
 * argument types spelled otherwise than the snapshot spells them. `leftOut`: what the dialect
 * dropped before the model was built.
 */
export function unmatchedExcludes(snapshot: Snapshot, scope: Scope, leftOut: readonly string[] = []): string[] {
  const names = [
    ...leftOut,
    // PostgreSQL's own schemas are never read, so never left out by a glob either: excluding them is no typo.
    ...(snapshot.meta.dialect === 'postgres' ? ['pg_catalog', 'information_schema', 'pg_toast'] : []),
    ...snapshot.schemas.map((schema) => schema.name),
    ...snapshot.objects.flatMap((o) => [`${o.schema}.${objectName(o)}`, ...(o.kind === 'routine' ? [`${o.schema}.${o.name}`] : [])]),
  ];
  return (scope.exclude ?? []).filter((glob) => {
    const pattern = globToRegExp(glob);
    return !names.some((name) => pattern.test(name));
  });
}

/** The warning for exclude globs that left nothing out (see unmatchedExcludes); `source` names where they came from. */
export function unmatchedExcludesWarning(idle: readonly string[], source: string, database: string): string {
  const [they, match, leave] = idle.length === 1 ? ['it', 'matches', 'leaves'] : ['they', 'match', 'leave'];
  return `${source} ${idle.map((glob) => JSON.stringify(glob)).join(', ')} ${match} no schema or object of ${database}, so ${they} ${leave} nothing out: names are matched as the snapshot writes them, case included (a routine as \`public.f\` or \`public.f(integer)\`)`;
}

/**
 * The foreign keys of tracked tables that reference a table the scope leaves out (excluded, or of a
 * schema not tracked), as `schema.table.key → schema.table`: the snapshot keeps them, referencing a
 * table it does not hold. `leftOut` as for unmatchedExcludes; a MySQL key to another database's
 * table references nothing the scope left out.
 */
export function referencesLeftOut(unscoped: Snapshot, scoped: Snapshot, leftOut: readonly string[]): string[] {
  const key = (schema: string, table: string) => JSON.stringify([schema, table]);
  const tables = (snapshot: Snapshot) => new Set(snapshot.objects.flatMap((o) => (o.kind === 'table' ? [key(o.schema, o.name)] : [])));
  const [kept, all] = [tables(scoped), tables(unscoped)];
  const out = new Set(leftOut);
  return scoped.objects.flatMap((o) => {
    if (o.kind !== 'table') return [];
    return (o.foreign_keys ?? []).flatMap((fk) => {
      const { schema, table } = fk.references;
      if (kept.has(key(schema, table)) || !(all.has(key(schema, table)) || out.has(`${schema}.${table}`) || out.has(schema))) return [];
      return [`${qualifiedName(o.schema, o.name, fk.name ?? fk.columns.join(', '))} → ${qualifiedName(schema, table)}`];
    });
  });
}

/** A name no object has: an exclude glob that matches it (`shop.*`) leaves out every object of the schema. */
const ANY_NAME = '\u{10ffff}';

export function applyScope(snapshot: Snapshot, scope: Scope): Snapshot {
  if (!scope.schemas?.length && !scope.exclude?.length) return snapshot;
  const exclude = scope.exclude?.map(globToRegExp) ?? [];
  return {
    ...snapshot,
    schemas: snapshot.schemas.filter((s) => schemaInScope(s.name, scope)),
    objects: snapshot.objects.filter((o) => objectInScope(o, scope, exclude)),
  };
}

export function objectInScope(object: SchemaObject, scope: Scope, exclude = scope.exclude?.map(globToRegExp) ?? []): boolean {
  // A routine by its name alone too (`public.f` leaves out every f(…)), as MySQL's have no overloads to tell apart.
  const names = [`${object.schema}.${objectName(object)}`, ...(object.kind === 'routine' ? [`${object.schema}.${object.name}`] : [])];
  if (!namedInScope(object.schema, names, scope, exclude)) return false;
  // A sequence a column owns (serial, identity) goes with its table, as pg_dump leaves it out.
  const owner = object.kind === 'sequence' && object.owned_by !== undefined ? (quotedNameParts(object.owned_by) ?? object.owned_by.split('.')) : undefined;
  return owner?.length !== 3 || objectInScope({ kind: 'table', schema: owner[0]!, name: owner[1]!, columns: [] }, scope, exclude);
}

/** Whether an object known by these `schema.name` names is in scope. */
function namedInScope(schema: string, names: string[], scope: Scope, exclude: RegExp[]): boolean {
  return schemaInScope(schema, scope) && !exclude.some((r) => names.some((name) => r.test(name)));
}

/**
 * Of the objects a snapshot removed (their paths, without `.yaml`), those the scope it was taken
 * with leaves out: not necessarily dropped, only no longer tracked, though every diff will show them
 * removed.
 */
export function leftScope(paths: string[], scope: Scope): string[] {
  if (!scope.schemas?.length && !scope.exclude?.length) return [];
  const exclude = scope.exclude?.map(globToRegExp) ?? [];
  return paths.flatMap((path) => {
    const parsed = parsePath(`${path}.yaml`);
    if (parsed?.type !== 'object') return [];
    const names = [`${parsed.schema}.${parsed.name}`, ...(parsed.kind === 'routine' ? [`${parsed.schema}.${routineName(parsed.name)}`] : [])];
    return namedInScope(parsed.schema, names, scope, exclude) ? [] : [objectLabel(parsed)];
  });
}
