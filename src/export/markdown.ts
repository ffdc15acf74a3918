// Schema documentation as Markdown, for people: an index of tables and views, then per table its
// columns (type, nullability, default, comment), keys, indexes, references out and in, triggers.
import { KIND_DIRECTORIES, objectName } from '../model/canonical.js';
import type { IndexKey, SchemaObject, Snapshot, Table, View, MaterializedView } from '../model/types.js';
import { cell, code, codeBlock, name, paragraph } from './markdown-text.js';
import type { Provenance } from './snapshot-document.js';

// The pipeline's Markdown summary escapes its table cells the same way.
export { cell };

/**
 * Each object's anchor: a slug of its schema and name. Slugs fold case and punctuation, so `A B`,
 * `a-b` and `a_b` share one, as do schema `s.t` table `z` and schema `s` table `t.z`; the later
 * ones in document order get -2, -3, … so that every Contents link lands on its own object.
 */
function anchorIds(objects: SchemaObject[]): Map<SchemaObject, string> {
  const ids = new Map<SchemaObject, string>();
  const taken = new Set<string>();
  for (const object of objects) {
    const slug = `${object.schema}-${objectName(object)}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
    let id = slug;
    for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
    taken.add(id);
    ids.set(object, id);
  }
  return ids;
}

function keyText(key: IndexKey): string {
  if (typeof key === 'string') return key;
  const base = key.column ?? key.expression ?? '';
  return [base, key.descending ? 'DESC' : '', key.collation ? `COLLATE ${key.collation}` : ''].filter(Boolean).join(' ');
}

const list = (names: string[]) => names.map(code).join(', ');

function tableSection(table: Table, incoming: { from: Table; fk: NonNullable<Table['foreign_keys']>[number] }[]): string[] {
  const out = [`### Table ${code(`${table.schema}.${table.name}`)}`, ''];
  if (table.comment) out.push(paragraph(table.comment), '');
  out.push('| # | column | type | nullable | default | comment |', '|---|---|---|---|---|---|');
  table.columns.forEach((c, i) => {
    const extra = c.identity ? `identity (${c.identity})` : c.generated ? `generated: ${c.generated.expression}` : c.default;
    out.push(`| ${i + 1} | ${cell(c.name)} | ${cell(c.type)} | ${c.nullable ? 'yes' : 'no'} | ${cell(extra)} | ${cell(c.comment)} |`);
  });
  out.push('');
  if (table.primary_key) out.push(`- **Primary key**${table.primary_key.name ? ` ${code(table.primary_key.name)}` : ''}: ${list(table.primary_key.columns)}`);
  for (const u of table.unique_constraints ?? []) out.push(`- **Unique**${u.name ? ` ${code(u.name)}` : ''}: ${list(u.columns)}`);
  for (const c of table.checks ?? []) out.push(`- **Check**${c.name ? ` ${code(c.name)}` : ''}: ${code(c.expression)}`);
  for (const fk of table.foreign_keys ?? []) {
    const target = `${fk.references.schema}.${fk.references.table}`;
    const actions = [fk.on_delete && fk.on_delete !== 'no action' ? `on delete ${fk.on_delete}` : '', fk.on_update && fk.on_update !== 'no action' ? `on update ${fk.on_update}` : ''].filter(Boolean).join(', ');
    out.push(`- **References** ${list(fk.columns)} → ${code(target)}${fk.references.columns ? ` (${list(fk.references.columns)})` : ''}${fk.name ? ` via ${code(fk.name)}` : ''}${actions ? `, ${actions}` : ''}`);
  }
  for (const { from, fk } of incoming) {
    out.push(`- **Referenced by** ${code(`${from.schema}.${from.name}`)} (${list(fk.columns)})${fk.name ? ` via ${code(fk.name)}` : ''}`);
  }
  if (table.partition_of) out.push(`- **Partition of** ${code(`${table.partition_of.schema}.${table.partition_of.table}`)} ${code(table.partition_of.bound)}`);
  if (table.partitioning) out.push(`- **Partitioned by** ${code(`${table.partitioning.strategy} ${table.partitioning.key}`)}`);
  if (table.indexes?.length) {
    out.push('', '| index | columns | unique | method | where |', '|---|---|---|---|---|');
    for (const i of table.indexes) out.push(`| ${cell(i.name)} | ${cell(i.columns.map(keyText).join(', '))} | ${i.unique ? 'yes' : 'no'} | ${cell(i.method)} | ${cell(i.where)} |`);
  }
  if (table.triggers?.length) out.push('', `Triggers: ${table.triggers.map((t) => `${code(t.name)} (${t.timing} ${t.events.join('/')})`).join(', ')}`);
  out.push('');
  return out;
}

function viewSection(view: View | MaterializedView): string[] {
  const out = [`### ${view.kind === 'view' ? 'View' : 'Materialized view'} ${code(`${view.schema}.${view.name}`)}`, ''];
  if (view.comment) out.push(paragraph(view.comment), '');
  if (view.columns?.length) out.push(`Columns: ${view.columns.map((c) => code(c.name)).join(', ')}`, '');
  out.push(...codeBlock(view.definition.trim(), 'sql'), '');
  return out;
}

export function renderMarkdown(snapshot: Snapshot, provenance: Provenance): string {
  const { meta } = snapshot;
  const tables = snapshot.objects.filter((o): o is Table => o.kind === 'table');
  const incoming = new Map<string, { from: Table; fk: NonNullable<Table['foreign_keys']>[number] }[]>();
  for (const from of tables) {
    for (const fk of from.foreign_keys ?? []) {
      const key = `${fk.references.schema}\u0000${fk.references.table}`;
      (incoming.get(key) ?? incoming.set(key, []).get(key)!).push({ from, fk });
    }
  }
  const out = [`# Schema of ${code(meta.database)}`, ''];
  out.push(`${meta.dialect} ${name(meta.server)} · snapshot ${code(provenance.commit.slice(0, 12))}${provenance.target ? ` of target ${code(provenance.target)}` : ''} · ${provenance.date}`, '');
  const sections = snapshot.schemas
    .map((schema) => ({ schema, objects: snapshot.objects.filter((o) => o.schema === schema.name) }))
    .filter((section) => section.objects.length);
  const ids = anchorIds(sections.flatMap((section) => section.objects));
  out.push('## Contents', '');
  for (const { schema, objects } of sections) {
    out.push(`- **${name(schema.name)}**`);
    for (const kind of new Set(objects.map((o) => KIND_DIRECTORIES[o.kind]))) {
      const names = objects.filter((o) => KIND_DIRECTORIES[o.kind] === kind).map((o) => `[${name(objectName(o))}](#${ids.get(o)})`);
      out.push(`  - ${kind.replace(/_/g, ' ')}: ${names.join(', ')}`);
    }
  }
  out.push('');
  for (const { schema, objects } of sections) {
    out.push(`## Schema ${code(schema.name)}`, '');
    if (schema.comment) out.push(paragraph(schema.comment), '');
    for (const object of objects) {
      out.push(`<a id="${ids.get(object)}"></a>`, '');
      if (object.kind === 'table') out.push(...tableSection(object, incoming.get(`${object.schema}\u0000${object.name}`) ?? []));
      else if (object.kind === 'view' || object.kind === 'materialized_view') out.push(...viewSection(object));
      else out.push(`### ${object.kind.replace(/_/g, ' ')} ${code(`${object.schema}.${objectName(object)}`)}`, '');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
