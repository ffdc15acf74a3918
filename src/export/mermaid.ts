// An ER diagram of a snapshot in Mermaid's `erDiagram` syntax: one entity per table (columns with
// PK/FK/UK markers; a partition is drawn as its parent), one relationship per foreign key.
// Mermaid's grammar is narrow (entity ids, attribute names and types are word-like), so ids are
// generated and real names kept in labels and comments.
import { clonedForeignKey, parentTable } from '../model/partition-clones.js';
import type { ForeignKey, IndexKey, Snapshot, Table } from '../model/types.js';
import { plural } from '../util/plural.js';
import { printable } from '../util/printable.js';
import { qualifiedName } from '../util/qualified-name.js';
import { qualifiedKeyOf } from '../diff/dialect-rules.js';
import { NumberedNames } from '../util/numbered-names.js';

/**
 * Mermaid's entity codes, which it turns back into the characters: an entity's label may not hold
 * `%` or `\` (printable's escapes have one), an attribute's may not hold two `~` (read as a generic
 * type), a label is HTML to the renderer (`<b>` bold, `<script>` dropped), and a bare `#` would make
 * a name holding `#lt;` read as one.
 */
const ENTITIES: Record<string, string> = { '"': '#quot;', '#': '#35;', '%': '#37;', '&': '#amp;', '<': '#lt;', '>': '#gt;', '\\': '#92;', '~': '#126;' };

function label(text: string): string {
  const escaped = printable(text)
    .replace(/["#%&<>\\~]/g, (c) => ENTITIES[c]!)
    // Mermaid reads a line holding `direction TB` (BT, RL, LR; any case) as that statement, label and all
    .replace(/(?<=direction)\s+(?=tb|bt|rl|lr)/gi, (space) => [...space].map((c) => `#${c.codePointAt(0)};`).join(''));
  return `"${escaped}"`;
}

function word(text: string, allowed: RegExp): string {
  const cleaned = text.replace(allowed, '_').replace(/_+/g, '_');
  // Mermaid reads PK, FK and UK, in any case, as key markers wherever they stand in a box, `pk[]` too
  return /^[A-Za-z_]/.test(cleaned) && !/^[PFU]K\b/i.test(cleaned) ? cleaned : `_${cleaned}`;
}

const attributeName = (name: string) => word(name, /[^A-Za-z0-9_]/g);
const attributeType = (type: string) => word(type || 'untyped', /[^A-Za-z0-9_()[\]-]/g);

/**
 * Whether the type drawn says what the column's type is: spaces read as the underscores they
 * became (`character_varying(20)`), and a leading `_` only shields a word. A comma, dot or quote
 * lost (`numeric(10_2)`, `enum(_a_b_)`, `musicbrainz_fluency` for a schema-qualified type) would
 * state another type. Recent Mermaid accepts `,` and `.` in a type, but the versions still
 * rendering in many viewers reject the whole diagram for them, so the exact type goes in the
 * attribute's comment instead.
 */
function typeKept(type: string, drawn: string): boolean {
  const spaced = (type || 'untyped').replace(/\s+/g, '_');
  return drawn === spaced || drawn === `_${spaced}`;
}

/**
 * The column an index key is, whole: its order or collation does not change what is unique, but a
 * prefix (`name(10)`) or an expression is not the column, nor is a partial index (`WHERE deleted_at
 * IS NULL`) unique over the table, nor an invalid one (a failed CREATE INDEX CONCURRENTLY) unique at all.
 */
const wholeColumn = (key: IndexKey) => (typeof key === 'string' ? key : key.expression === undefined && key.length === undefined ? key.column : undefined);

function keyMarkers(table: Table, column: string): string {
  const markers: string[] = [];
  if (table.primary_key?.columns.includes(column)) markers.push('PK');
  if (table.foreign_keys?.some((fk) => fk.columns.includes(column))) markers.push('FK');
  const unique = table.unique_constraints?.some((u) => u.columns.length === 1 && u.columns[0] === column) ||
    table.indexes?.some((i) => i.unique && i.where === undefined && i.options?.invalid !== true && i.columns.length === 1 && wholeColumn(i.columns[0]!) === column);
  if (unique) markers.push('UK');
  return markers.join(', ');
}

/** `||`/`|o` on the referenced side: optional when any referencing column may be NULL. */
function relationship(table: Table, fk: ForeignKey): string {
  const optional = fk.columns.some((name) => table.columns.find((c) => c.name === name)?.nullable !== false);
  return `${uniqueColumns(table, fk.columns) ? '|o' : '}o'}--${optional ? 'o|' : '||'}`;
}

/** Whether at most one row of `table` holds each value of `columns`: they are its primary key or a unique key (a partial unique index holds for some rows only). */
function uniqueColumns(table: Table, columns: string[]): boolean {
  const same = (keys: readonly unknown[]) => keys.length === columns.length && keys.every((key) => typeof key === 'string' && columns.includes(key));
  return (
    (table.primary_key !== undefined && same(table.primary_key.columns)) ||
    (table.unique_constraints ?? []).some((u) => same(u.columns)) ||
    (table.indexes ?? []).some((index) => index.unique && index.where === undefined && same(index.columns))
  );
}

/**
 * Each table's entity id, spelt from its schema and name (`t_public_customer`) so that a table added
 * or dropped leaves the other tables' lines of a committed diagram as they were; names that spell
 * the same id (`a-b` and `a_b`, a case-only difference) are numbered in table order.
 */
function entityIds(tables: Table[], key: (schema: string, name: string) => string): Map<string, string> {
  const ids = new Map<string, string>();
  const names = new NumberedNames((base, n) => `${base}_${n}`, (id) => id.toLowerCase());
  for (const table of tables) ids.set(key(table.schema, table.name), names.take(`t_${`${table.schema}_${table.name}`.replace(/[^A-Za-z0-9_]/g, '_')}`));
  return ids;
}

export function renderMermaid(snapshot: Snapshot): string {
  const key = qualifiedKeyOf(snapshot.meta.dialect);
  const all = snapshot.objects.filter((o): o is Table => o.kind === 'table');
  const byKey = new Map(all.map((t) => [key(t.schema, t.name), t]));
  const parentOf = (table: Table) => parentTable(table, (schema, name) => byKey.get(key(schema, name)));
  // A partition is its parent's rows: the diagram draws the parent, once, not a box per partition.
  const tables = all.filter((t) => !parentOf(t));
  const ids = entityIds(tables, key);
  /** The entity a table is drawn as: its own, or its parent's for a partition (a key may reference one). */
  const drawnAs = (schema: string, name: string, seen = new Set<string>()): string | undefined => {
    const at = key(schema, name);
    const table = byKey.get(at);
    if (ids.has(at) || !table || seen.has(at)) return ids.get(at);
    const parent = parentOf(table);
    return parent && drawnAs(parent.schema, parent.name, seen.add(at));
  };
  const lines = ['erDiagram'];
  for (const table of tables) {
    lines.push(`  ${ids.get(key(table.schema, table.name))}[${label(qualifiedName(table.schema, table.name))}] {`);
    for (const column of table.columns) {
      const name = attributeName(column.name);
      const type = attributeType(column.type);
      const markers = keyMarkers(table, column.name);
      // What the drawing could not say: the real name, the real type, or both as `name: type`.
      const lost = [name === column.name ? undefined : column.name, typeKept(column.type, type) ? undefined : column.type].filter((t) => t !== undefined);
      const comment = lost.length ? ` ${label(lost.join(': '))}` : '';
      lines.push(`    ${type} ${name}${markers ? ` ${markers}` : ''}${comment}`);
    }
    lines.push('  }');
  }
  // A partition's clones of its parent's foreign keys are the parent's line; a key of its own is drawn
  // from the parent's box, once for all the partitions that declare it alike (Pagila gives each
  // monthly partition its own keys: one line per partition would draw the same line many times).
  const relationships: { line: string; name: string; partitions: number }[] = [];
  const alike = new Map<string, (typeof relationships)[number]>();
  for (const table of all) {
    const from = drawnAs(table.schema, table.name);
    if (!from) continue; // hand-written partitions of each other, neither drawn
    const parent = parentOf(table);
    for (const fk of table.foreign_keys ?? []) {
      if (clonedForeignKey(fk, parent)) continue;
      const to = drawnAs(fk.references.schema, fk.references.table);
      if (!to) continue; // the referenced table is outside this export's scope
      const line = `  ${from} ${relationship(table, fk)} ${to}`;
      const shape = JSON.stringify([line, fk.columns, fk.references.columns]);
      const drawn = parent && alike.get(shape);
      if (drawn) drawn.partitions++;
      else {
        const relationship = { line, name: fk.name ?? fk.columns.join(', '), partitions: 0 };
        relationships.push(relationship);
        if (parent) alike.set(shape, relationship);
      }
    }
  }
  for (const { line, name, partitions } of relationships) {
    lines.push(`${line} : ${label(partitions ? `${name} (and ${plural(partitions, 'other partition')})` : name)}`);
  }
  return lines.join('\n') + '\n';
}
