// What a target tracks: `schemas` globs select schemas, `exclude` globs drop schemas or single
// objects (`schema.name`). Applied to the model, so it means the same on every dialect.
import { objectName } from '../model/canonical.js';
import type { Snapshot } from '../model/types.js';

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'u');
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

/** The `schemas` globs that name none of `names`: a typo that would record every table as dropped. */
export function unmatchedSchemaGlobs(names: string[], scope: Scope): string[] {
  return (scope.schemas ?? []).filter((glob) => !names.some((name) => globToRegExp(glob).test(name)));
}

export function applyScope(snapshot: Snapshot, scope: Scope): Snapshot {
  if (!scope.schemas?.length && !scope.exclude?.length) return snapshot;
  const exclude = scope.exclude?.map(globToRegExp) ?? [];
  return {
    ...snapshot,
    schemas: snapshot.schemas.filter((s) => schemaInScope(s.name, scope)),
    objects: snapshot.objects.filter(
      (o) => schemaInScope(o.schema, scope) && !exclude.some((r) => r.test(`${o.schema}.${objectName(o)}`)),
    ),
  };
}
