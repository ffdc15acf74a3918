// Documents that group a snapshot's objects by schema leave none out: an object in a schema the
// snapshot does not list (an extension PostgreSQL keeps in pg_catalog) gets a section of its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderMarkdown } from '../../src/export/markdown.js';
import { snapshotDocument } from '../../src/export/snapshot-document.js';
import type { SchemaObject } from '../../src/model/types.js';
import { column, snapshot, table } from '../helpers/models.js';

const PROVENANCE = { target: 'default', commit: '0123456789abcdef0123456789abcdef01234567', date: '2024-01-01T00:00:00.000Z' };
const adminpack: SchemaObject = { kind: 'extension', schema: 'pg_catalog', name: 'adminpack', version: '2.1' };
const objects = [table('t', [column('x')]), { kind: 'extension', schema: 'public', name: 'citext', version: '1.6' } as SchemaObject, adminpack];
const listed = snapshot(objects, { schemas: ['public', 'sales'] });

test('JSON and YAML: every listed schema (empty ones too), and the unlisted one that holds an object, in name order', () => {
  const document = snapshotDocument(listed, PROVENANCE) as { schemas: { name: string; extensions?: unknown[]; tables?: unknown[] }[] };
  assert.equal(
    document.schemas.map((s) => [s.name, (s.extensions ?? []).length, (s.tables ?? []).length]),
    [
      ['pg_catalog', 1, 0],
      ['public', 1, 1],
      ['sales', 0, 0],
    ],
  );
});

test('Markdown: the unlisted schema has its section and contents entry', () => {
  const markdown = renderMarkdown(listed, PROVENANCE);
  assert.match(markdown, /- \*\*pg_catalog\*\*\n {2}- extensions: \[adminpack\]/);
  assert.match(markdown, /## Schema `pg_catalog`\n[\s\S]*### Extension `pg_catalog.adminpack`/);
  assert.ok(markdown.indexOf('## Schema `pg_catalog`') < markdown.indexOf('## Schema `public`'));
});

test.run();
