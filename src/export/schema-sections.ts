// A snapshot's objects by schema, for documents that group them so: every listed schema, and any
// schema that holds objects without being listed (PostgreSQL's pg_catalog, where a procedural
// language's extension lives, is no user schema), so that no object is left out of a document.
import { compareText } from '../model/canonical.js';
import type { SchemaInfo, SchemaObject, Snapshot } from '../model/types.js';

export interface SchemaSection {
  schema: SchemaInfo;
  objects: SchemaObject[];
}

export function schemaSections(snapshot: Snapshot): SchemaSection[] {
  const bySchema = new Map<string, SchemaObject[]>();
  for (const object of snapshot.objects) {
    const objects = bySchema.get(object.schema);
    if (objects) objects.push(object);
    else bySchema.set(object.schema, [object]);
  }
  const sections = snapshot.schemas.map((schema) => ({ schema, objects: bySchema.get(schema.name) ?? [] }));
  const listed = new Set(snapshot.schemas.map((schema) => schema.name));
  const unlisted = [...bySchema.keys()].filter((name) => !listed.has(name));
  if (!unlisted.length) return sections;
  sections.push(...unlisted.map((name) => ({ schema: { name }, objects: bySchema.get(name)! })));
  return sections.sort((a, b) => compareText(a.schema.name, b.schema.name));
}
