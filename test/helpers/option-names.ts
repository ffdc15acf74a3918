// The option names a snapshot holds, by the shape whose options map holds each, and those
// model/option-names.ts does not list for its dialect: an impact key naming one a letter or two
// from a listed name would be refused as that name's typo.
import { writtenOption } from '../../src/model/option-names.js';
import type { Snapshot } from '../../src/model/types.js';

/** The parts of each shape that hold options of their own, by key (canonical.ts). */
const PARTS: Record<string, Record<string, string>> = {
  table: { columns: 'column', primary_key: 'primary_key', unique_constraints: 'unique', checks: 'check', exclusion_constraints: 'exclusion', indexes: 'index', triggers: 'trigger' },
  view: { columns: 'view_column', triggers: 'trigger' },
  materialized_view: { columns: 'view_column', indexes: 'index' },
  type: { checks: 'check' },
};

type Holder = { options?: Record<string, unknown> } & Record<string, unknown>;

/** Each option in the snapshot as `shape name`, once, sorted. */
export function heldOptions(snapshot: Snapshot): string[] {
  const held = new Set<string>();
  const visit = (shape: string, holder: Holder) => {
    for (const name of Object.keys(holder.options ?? {})) held.add(`${shape} ${name}`);
    for (const [key, part] of Object.entries(PARTS[shape] ?? {})) {
      const value = holder[key];
      for (const each of Array.isArray(value) ? value : value ? [value] : []) visit(part, each as Holder);
    }
  };
  for (const schema of snapshot.schemas) visit('schema', schema as unknown as Holder);
  for (const object of snapshot.objects) visit(object.kind, object as unknown as Holder);
  return [...held].sort();
}

/** The snapshot's options (`shape name`) that its dialect's list lacks. */
export function unlistedOptions(snapshot: Snapshot): string[] {
  return heldOptions(snapshot).filter((held) => {
    const [shape, ...name] = held.split(' ');
    return !writtenOption(shape!, name.join(' '), snapshot.meta.dialect);
  });
}
