// Snapshots built in code and written to a repository, for tests of what reads them (lint, verify).
import { normalizeSnapshot } from '../../src/model/canonical.js';
import type { Column, Dialect, SchemaObject, Table } from '../../src/model/types.js';
import { openRepository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';
import { newRepo } from './cli.js';

/** A table with the given columns (`name type`, `name type null` for nullable) and extras. */
export function table(name: string, columns: string[], extras: Partial<Table> = {}, schema = 'public'): Table {
  const parsed: Column[] = columns.map((spec) => {
    const [column, ...rest] = spec.split(' ');
    const nullable = rest[rest.length - 1] === 'null';
    return { name: column!, type: (nullable ? rest.slice(0, -1) : rest).join(' ') || 'integer', nullable };
  });
  return { kind: 'table', schema, name, columns: parsed, ...extras };
}

/** Writes one snapshot commit of `objects` on refs/datatrack/<target>. */
export async function commitSnapshot(dir: string, objects: SchemaObject[], dialect: Dialect = 'postgres', target = 'default'): Promise<string> {
  const schemas = [...new Set(objects.map((o) => o.schema))].map((name) => ({ name }));
  const snapshot = normalizeSnapshot({ meta: { format: 1, dialect, server: 'test', database: 'app' }, schemas, objects });
  const result = await writeSnapshot({ repo: openRepository(dir), target, snapshot, allowEmpty: true });
  return result.commit;
}

/** A fresh repository holding one snapshot of `objects`. */
export async function repoWithSnapshot(objects: SchemaObject[], dialect: Dialect = 'postgres'): Promise<string> {
  const dir = newRepo();
  await commitSnapshot(dir, objects, dialect);
  return dir;
}
