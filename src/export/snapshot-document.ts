// A whole snapshot as one document (for `export --type snapshot`): provenance first, then each
// schema with its objects grouped by kind, every object in its canonical form.
import { canonicalObject, canonicalShape, KIND_DIRECTORIES } from '../model/canonical.js';
import type { Snapshot } from '../model/types.js';
import type { Selection } from '../util/selection.js';
import { schemaSections } from './schema-sections.js';

export interface Provenance {
  target: string | undefined;
  commit: string;
  date: string;
  /** The --schema / --tables globs a filtered export chose its objects by. */
  selection?: Selection;
}

export function snapshotDocument(snapshot: Snapshot, provenance: Provenance): Record<string, unknown> {
  const schemas = schemaSections(snapshot).map(({ schema, objects }) => {
    const entry: Record<string, unknown> = canonicalShape(schema, 'schema');
    for (const object of objects) {
      const kind = KIND_DIRECTORIES[object.kind];
      ((entry[kind] ??= []) as unknown[]).push(canonicalObject(object));
    }
    return entry;
  });
  const { format: _format, ...meta } = snapshot.meta;
  return { ...(provenance.target ? { target: provenance.target } : {}), commit: provenance.commit, date: provenance.date, ...(provenance.selection ? { selection: provenance.selection } : {}), ...meta, schemas };
}
