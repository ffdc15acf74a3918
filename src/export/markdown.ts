// Schema documentation as Markdown, for people: provenance, an index of every object by schema and
// kind, then each schema's objects (markdown-sections.ts): for a table its columns, keys, indexes,
// references out and in, triggers; for a view its definition; for the others what the model holds.
import { KIND_DIRECTORIES, objectName } from '../model/canonical.js';
import type { SchemaObject, Snapshot } from '../model/types.js';
import { objectSection, schemaIntro, tablesOf } from './markdown-sections.js';
import { code, name } from '../util/markdown.js';
import { selectionMarkdown } from '../util/selection.js';
import type { Provenance } from './snapshot-document.js';
import { schemaSections } from './schema-sections.js';
import { NumberedNames } from '../util/numbered-names.js';


/** A name folded for an id: lowercase, each run of what is not a letter or digit one hyphen. */
const fold = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');

/**
 * Each object's anchor: its schema and name folded, joined by a dot. GitHub's ids for headings
 * (`table-publicorders`) never hold a dot, so no anchor is also a heading's (the link would land on
 * whichever comes first). Folding merges `A B`, `a-b` and `a_b`: the later ones in document order
 * get -2, -3, … so that every Contents link lands on its own object.
 */
function anchorIds(objects: SchemaObject[]): Map<SchemaObject, string> {
  const ids = new Map<SchemaObject, string>();
  const names = new NumberedNames((slug, n) => `${slug}-${n}`);
  for (const object of objects) ids.set(object, names.take(`${fold(object.schema)}.${fold(objectName(object))}`));
  return ids;
}

export function renderMarkdown(snapshot: Snapshot, provenance: Provenance): string {
  const { meta } = snapshot;
  const tables = tablesOf(snapshot.objects, meta.dialect);
  const out = [`# Schema of ${code(meta.database)}`, ''];
  out.push(`${meta.dialect} ${name(meta.server)} · snapshot ${code(provenance.commit.slice(0, 12))}${provenance.target ? ` of target ${code(provenance.target)}` : ''} · ${provenance.date}`, '');
  const selection = selectionMarkdown(provenance.selection);
  if (selection) out.push(selection, '');
  const sections = schemaSections(snapshot).filter((section) => section.objects.length);
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
    out.push(`## Schema ${code(schema.name)}`, '', ...schemaIntro(schema));
    for (const object of objects) {
      out.push(`<a id="${ids.get(object)}"></a>`, '', ...objectSection(object, tables));
    }
  }
  return collapseBlankLines(out.join('\n').split('\n')).join('\n');
}

/**
 * Runs of blank lines between blocks made one, but not inside a code block: there they are the
 * definition's own. Our fences are longer than any backtick run inside, so only the closing one
 * matches its opening one.
 */
function collapseBlankLines(lines: string[]): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const marker = /^ *(`{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) fence = marker;
    else if (fence !== undefined && line.trim() === fence) fence = undefined;
    else if (fence === undefined && line === '' && out[out.length - 1] === '') continue;
    out.push(line);
  }
  return out;
}
