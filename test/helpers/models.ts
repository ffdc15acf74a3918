// Hand-made models for tests that need no database: tables, snapshots, and the model diff's
// changes in a compact form that reads well in assertions.
import { dialectDiffOptions } from '../../src/diff/dialect-rules.js';
import { impactOf, type DiffContext } from '../../src/diff/impact.js';
import { columnsByDomain, userTypeLookup } from '../../src/diff/user-types.js';
import { diffSnapshots } from '../../src/diff/model-diff.js';
import type { SchemaMap } from '../../src/diff/schema-map.js';
import { orientRenames, type ImpactOverrides, type RenameMap } from '../../src/diff/settings.js';
import { normalizeSnapshot } from '../../src/model/canonical.js';
import type { Column, Dialect, SchemaObject, Snapshot, Table, UserType } from '../../src/model/types.js';
import type { Change } from '../../src/diff/change.js';
import { openRepository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';

export function column(name: string, type = 'integer', extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, ...extra };
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}, schema = 'public'): Table {
  return { kind: 'table', schema, name, columns, ...extra };
}

export function snapshot(objects: SchemaObject[], options: { dialect?: Dialect; schemas?: string[]; database?: string } = {}): Snapshot {
  const schemas = options.schemas ?? [...new Set(objects.map((o) => o.schema))];
  return normalizeSnapshot({
    meta: { format: 1, dialect: options.dialect ?? 'postgres', server: '1', database: options.database ?? 'app' },
    schemas: (schemas.length ? schemas : ['public']).map((name) => ({ name })),
    objects,
  });
}

export interface Options {
  dialect?: Dialect;
  renames?: Record<string, string>;
  /** Whether the diff is known to read forward or backward in time (the renames are then followed that way only). */
  order?: 'forward' | 'backward';
  impact?: Record<string, string>;
  schemaMap?: Record<string, string>;
}

/** Changes as `action kind object[ attribute: from → to] (impact)` lines. */
export function changeLines(from: SchemaObject[] | Snapshot | undefined, to: SchemaObject[] | Snapshot, options: Options = {}): string[] {
  const asSnapshot = (s: SchemaObject[] | Snapshot) => (Array.isArray(s) ? snapshot(s, { dialect: options.dialect }) : s);
  const configured: RenameMap = new Map(Object.entries(options.renames ?? {}));
  const renames = options.order ? orientRenames(configured, options.order) : configured;
  const overrides = new Map(Object.entries(options.impact ?? {})) as ImpactOverrides;
  const schemaMap: SchemaMap = new Map(Object.entries(options.schemaMap ?? {}));
  const [before, after] = [from === undefined ? undefined : asSnapshot(from), asSnapshot(to)];
  const changes = diffSnapshots(before, after, { renames, schemaMap, ...dialectDiffOptions(options.dialect ?? 'postgres') });
  const context = { changes, ...typesBeside(before, after) };
  return resultLines(changes.map((c) => ({ ...c, impact: impactOf(c, options.dialect ?? 'postgres', overrides, context) })));
}

/** What a diff from git reads of its sides' user types, from two whole snapshots in memory: every type and table they hold. */
export function typesBeside(from: Snapshot | undefined, to: Snapshot): Pick<DiffContext, 'typeBefore' | 'typeAfter' | 'domainColumnsAfter'> {
  const types = (s: Snapshot | undefined) => userTypeLookup((s?.objects ?? []).filter((o): o is UserType => o.kind === 'type'));
  return { typeBefore: types(from), typeAfter: types(to), domainColumnsAfter: columnsByDomain(to.objects.filter((o): o is Table => o.kind === 'table')) };
}

/** Commits each snapshot in turn on refs/datatrack/<target>; returns the commit ids. */
export async function commitSnapshots(dir: string, target: string, snapshots: Snapshot[]): Promise<string[]> {
  const repo = openRepository(dir);
  const commits: string[] = [];
  for (const [i, s] of snapshots.entries()) {
    commits.push((await writeSnapshot({ repo, target, snapshot: s, allowEmpty: true, when: new Date(Date.UTC(2024, 0, 1 + i)) })).commit);
  }
  return commits;
}

/** The public changes of a diff result in the same compact form as changeLines. */
export function resultLines(changes: Change[]): string[] {
  return changes.map((c) => {
    const detail = c.action === 'modify' ? ` ${c.attribute}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}` : c.action === 'rename' ? ` ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}` : '';
    return `${c.action} ${c.kind} ${c.object}${detail} (${c.impact})${c.hint ? ` [${c.hint}]` : ''}`;
  });
}
