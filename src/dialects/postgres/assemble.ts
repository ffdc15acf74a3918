// Catalog rows → the model: relations, the other objects, and the schemas that hold them.
import { normalizeSnapshot } from '../../model/canonical.js';
import { UNRECORDED_WHEN_EMPTY } from '../../model/defaults.js';
import { inSetOrder } from '../../model/set-order.js';
import type { Introspection, SchemaInfo } from '../../model/types.js';
import { buildObjects } from './assemble-objects.js';
import { buildRelations, groupRelationParts } from './assemble-relations.js';
import type { CatalogRows } from './rows.js';

/** What every database has: `public` with this comment is recorded only once it holds something. */
const PUBLIC = UNRECORDED_WHEN_EMPTY.postgres!;

export function assemblePostgres(rows: CatalogRows, meta: { server: string; database: string }): Introspection {
  const parts = groupRelationParts(rows);
  const relations = buildRelations(rows, parts);
  const { objects, warnings } = buildObjects(rows, parts);
  const all = [...relations, ...objects].map((object) => inSetOrder(object));
  const used = new Set(all.map((o) => o.schema));
  const schemas: SchemaInfo[] = rows.schemas
    .filter((s) => s.name !== PUBLIC.name || s.comment !== PUBLIC.comment || used.has(s.name))
    .map((s) => (s.comment === null ? { name: s.name } : { name: s.name, comment: s.comment }));
  return {
    snapshot: normalizeSnapshot({ meta: { format: 1, dialect: 'postgres', server: meta.server, database: meta.database }, schemas, objects: all }),
    warnings,
  };
}
