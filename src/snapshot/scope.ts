// What a target tracks: `schemas` globs select schemas, `exclude` globs drop schemas or single
// objects (`schema.name`). Applied to the model, so it means the same on every dialect.
import { objectName } from '../model/canonical.js';
import type { Snapshot } from '../model/types.js';
import { UsageError } from '../errors.js';
import { globSource } from '../util/regexp.js';

export function globToRegExp(glob: string): RegExp {
  return new RegExp(globSource(glob), 'u');
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
 * schemas, or `exclude` globs that leave none of them. Either would otherwise read as every table
 * dropped, in a snapshot and in drift alike.
 */
export function refuseMistakenScope(snapshot: Snapshot, scope: Scope, source: ScopeSource, database: string, outcome: string): void {
  const names = snapshot.schemas.map((schema) => schema.name);
  const unmatched = (scope.schemas ?? []).filter((glob) => !names.some((name) => globToRegExp(glob).test(name)));
  const quoted = (globs: string[]) => globs.map((glob) => JSON.stringify(glob)).join(', ');
  if (unmatched.length) throw new UsageError(`${source.schemas} ${quoted(unmatched)} matches no schema of ${database}; ${outcome}`, 'NO_SUCH_SCHEMA');
  if (scope.exclude?.length && applyScope(snapshot, scope).schemas.length === 0) {
    throw new UsageError(`${source.exclude} ${quoted(scope.exclude)} ${scope.exclude.length === 1 ? 'leaves' : 'leave'} no schema of ${database} to track; ${outcome}`, 'NO_SUCH_SCHEMA');
  }
}

export function applyScope(snapshot: Snapshot, scope: Scope): Snapshot {
  if (!scope.schemas?.length && !scope.exclude?.length) return snapshot;
  const exclude = scope.exclude?.map(globToRegExp) ?? [];
  return {
    ...snapshot,
    schemas: snapshot.schemas.filter((s) => schemaInScope(s.name, scope)),
    objects: snapshot.objects.filter((o) => {
      // A routine by its name alone too (`public.f` leaves out every f(…)), as MySQL's have no overloads to tell apart.
      const names = [`${o.schema}.${objectName(o)}`, ...(o.kind === 'routine' ? [`${o.schema}.${o.name}`] : [])];
      return schemaInScope(o.schema, scope) && !exclude.some((r) => names.some((name) => r.test(name)));
    }),
  };
}
