// SQLite catalog rows + the stored CREATE statements → model. The pragmas are the truth for
// columns, keys and indexes; the DDL adds what they do not say (CHECKs, COLLATE, generated
// expressions, AUTOINCREMENT, constraint names, partial-index predicates, expression keys).
import type {
  Check,
  Column,
  ForeignKey,
  Index,
  IndexKey,
  Introspection,
  Options,
  PrimaryKey,
  SchemaObject,
  Table,
  Trigger,
  UniqueConstraint,
  View,
} from '../../model/types.js';
import { groupBy } from '../../util/group-by.js';
import { normalizeSnapshot } from '../../model/canonical.js';
import {
  parseCreateIndex,
  parseCreateTable,
  parseCreateTrigger,
  parseCreateVirtualTable,
  type ConflictAlgorithm,
  type ParsedForeignKey,
  type ParsedTable,
} from './ddl-parser.js';
import { foldName } from '../../model/names.js';

export const SCHEMA = 'main';

interface ObjectRow {
  object_type: string;
  name: string;
  table_name: string;
  sql: string | null;
}
interface TableListRow {
  name: string;
  table_kind: string;
  without_rowid: number;
  strict: number;
}
interface ColumnRow {
  table_name: string;
  position: number;
  name: string;
  type: string;
  not_null: number;
  default_value: string | null;
  pk: number;
  hidden: number;
}
interface ForeignKeyRow {
  table_name: string;
  id: number;
  seq: number;
  ref_table: string;
  from_column: string;
  to_column: string | null;
  on_update: string;
  on_delete: string;
}
interface IndexRow {
  table_name: string;
  index_name: string;
  is_unique: number;
  origin: string;
  partial: number;
  seqno: number;
  cid: number;
  column_name: string | null;
  descending: number;
  collation: string;
}

export interface SqliteRows {
  objects: ObjectRow[];
  table_list: TableListRow[];
  columns: ColumnRow[];
  foreign_keys: ForeignKeyRow[];
  indexes: IndexRow[];
  /** Views SQLite could not compile (over a dropped table …), with its error: read without columns. */
  undescribed_views: { name: string; reason: string }[];
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => foldName(x) === foldName(b[i]!));

function action(text: string): string {
  return text.toLowerCase();
}

const NULL_DEFAULT = /^(?:\(\s*)*null(?:\s*\))*$/i;

function buildColumns(rows: ColumnRow[], ddl: ParsedTable | undefined): Column[] {
  return rows.map((row) => {
    const parsed = ddl?.columns.find((c) => foldName(c.name) === foldName(row.name));
    const column: Column = { name: row.name, type: row.type, nullable: row.not_null === 0 };
    // DEFAULT NULL is no default at all (PostgreSQL and MariaDB record none for it either).
    if (row.default_value !== null && !NULL_DEFAULT.test(row.default_value)) column.default = row.default_value;
    if (parsed?.generated) column.generated = { expression: parsed.generated.expression, stored: row.hidden === 3 };
    // BINARY is what a column compares by when it declares none: spelled out, it says nothing more.
    if (parsed?.collation && parsed.collation.toUpperCase() !== 'BINARY') column.collation = parsed.collation;
    // PRIMARY KEY(id AUTOINCREMENT) says it in the table constraint; SQLite accepts it only on a
    // one-column INTEGER key, so the column is the key's.
    if (parsed?.primaryKey?.autoincrement || (ddl?.primaryKey?.autoincrement && row.pk > 0)) column.auto_increment = true;
    if (row.hidden === 1) column.hidden = true;
    if (parsed?.notNull && parsed.notNullOnConflict) column.options = { on_conflict: parsed.notNullOnConflict };
    return column;
  });
}

/**
 * The declaration of the key SQLite numbered `id` of `count`. SQLite numbers keys in reverse of
 * the order written, so that order tells apart keys on the same columns and table (`a REFERENCES
 * p(id) REFERENCES p(code)`, or a column-level and a table-level key on one column), to which
 * matching by columns and table alone gave one declaration's name and deferral. The match is
 * checked all the same; a declaration list of another length (a statement read otherwise) falls
 * back to the first declaration on the same columns and table.
 */
function declaredForeignKey(fk: ForeignKey, id: number, count: number, ddl: ParsedTable | undefined): ParsedForeignKey | undefined {
  const declared = ddl?.foreignKeys ?? [];
  const same = (d: ParsedForeignKey) => sameNames(d.columns, fk.columns) && foldName(d.table) === foldName(fk.references.table);
  const byOrder = declared.length === count ? declared[count - 1 - id] : undefined;
  return byOrder && same(byOrder) ? byOrder : declared.find(same);
}

function foreignKeyDetails(fk: ForeignKey, match: ParsedForeignKey | undefined): void {
  if (!match) return;
  if (match.name) fk.name = match.name;
  if (match.deferrable === 'deferrable') {
    fk.deferrable = true;
    if (match.initially === 'deferred') fk.initially_deferred = true;
  }
}

function buildForeignKeys(rows: ForeignKeyRow[], ddl: ParsedTable | undefined, primaryKeys: Map<string, string[]>): ForeignKey[] {
  const keys = [...groupBy(rows, (r) => r.id).values()];
  return keys.map((pairs) => {
    const first = pairs[0]!;
    // A key declared without target columns references the target's primary key. With none of the
    // key's width (or no such table) SQLite names no columns and refuses the first write that
    // checks the key: no columns are recorded rather than made-up ones.
    const implied = primaryKeys.get(foldName(first.ref_table)) ?? [];
    const named = pairs.every((p) => p.to_column !== null) ? pairs.map((p) => p.to_column!) : undefined;
    const columns = named ?? (implied.length === pairs.length ? implied : undefined);
    const fk: ForeignKey = {
      columns: pairs.map((p) => p.from_column),
      references: { schema: SCHEMA, table: first.ref_table, ...(columns ? { columns } : {}) },
      on_update: action(first.on_update),
      on_delete: action(first.on_delete),
    };
    foreignKeyDetails(fk, declaredForeignKey(fk, first.id, keys.length, ddl));
    return fk;
  });
}

function buildChecks(ddl: ParsedTable | undefined): Check[] {
  if (!ddl) return [];
  const checks: Check[] = ddl.checks.map((c) => ({ ...(c.name ? { name: c.name } : {}), expression: c.expression }));
  for (const column of ddl.columns) {
    for (const c of column.checks) checks.push({ ...(c.name ? { name: c.name } : {}), expression: c.expression, column: column.name });
  }
  return checks;
}

/** Whether a key on a column compares by another collation than the column's own (BINARY when it declares none). */
function collatesOtherwise(key: IndexRow, columns: Column[]): boolean {
  const own = columns.find((c) => c.name === key.column_name)?.collation ?? 'BINARY';
  return Boolean(key.collation) && key.collation.toUpperCase() !== own.toUpperCase();
}

/**
 * What a key's index says beyond its column names, as SQLite would write the key: DESC, and a
 * collation other than the column's own (`UNIQUE (email COLLATE NOCASE)` makes `A@x` and `a@x`
 * duplicates). Undefined when the names say it all.
 */
function keyParts(keys: IndexRow[], columns: Column[]): string | undefined {
  const parts = keys.map((k) => {
    const collation = collatesOtherwise(k, columns) ? ` COLLATE ${k.collation}` : '';
    return { text: `${k.column_name ?? ''}${collation}${k.descending ? ' DESC' : ''}`, plain: !collation && !k.descending };
  });
  return parts.every((p) => p.plain) ? undefined : parts.map((p) => p.text).join(', ');
}

/** A key's options: its key parts and its ON CONFLICT algorithm, each when it says something. */
function keyOptions(keys: IndexRow[], columns: Column[], onConflict: ConflictAlgorithm | undefined): { options?: Options } {
  const options: Options = {};
  const parts = keyParts(keys, columns);
  if (parts) options.key_parts = parts;
  if (onConflict) options.on_conflict = onConflict;
  return Object.keys(options).length ? { options } : {};
}

type DeclaredUnique = ParsedTable['uniques'][number];

/** Whether a declared UNIQUE's keys compare as the index's do: same collation (the column's own when it names none), same order. */
function sameKeys(declared: DeclaredUnique, keys: IndexRow[], columns: Column[]): boolean {
  return keys.every((k, i) => {
    const key = declared.keys?.[i];
    const collation = key?.collation ?? columns.find((c) => c.name === k.column_name)?.collation ?? 'BINARY';
    return foldName(collation) === foldName(k.collation ?? 'BINARY') && (key?.order === 'desc') === (k.descending === 1);
  });
}

function buildIndexes(
  rows: IndexRow[],
  ddl: ParsedTable | undefined,
  indexSql: Map<string, string>,
  tableColumns: Column[],
): { indexes: Index[]; uniques: UniqueConstraint[] } {
  const indexes: Index[] = [];
  const uniques: UniqueConstraint[] = [];
  const declared: DeclaredUnique[] = [
    ...(ddl?.uniques ?? []),
    ...(ddl?.columns.filter((c) => c.unique).map((c) => ({ ...c.unique, columns: [c.name] })) ?? []),
  ];
  const taken = new Set<DeclaredUnique>();
  for (const keys of groupBy(rows, (r) => r.index_name).values()) {
    const first = keys[0]!;
    if (first.origin === 'pk') continue; // the primary key is modelled as such
    const names = keys.map((k) => k.column_name ?? '');
    if (first.origin === 'u') {
      // Each declaration is one index: two on the same column names (UNIQUE (a), and UNIQUE (a
      // COLLATE NOCASE) ON CONFLICT IGNORE) are told apart by what their keys compare by, and
      // neither takes the other's name or ON CONFLICT.
      // Declarations of the very same keys are one index, which takes the ON CONFLICT one of them gives
      // (`b INT UNIQUE ON CONFLICT IGNORE, UNIQUE (b)`: IGNORE), as SQLite's CREATE TABLE merges them.
      const candidates = declared.filter((d) => !taken.has(d) && sameNames(d.columns, names));
      const alike = candidates.filter((d) => sameKeys(d, keys, tableColumns));
      const merged = alike.length > 0 ? alike : candidates.slice(0, 1);
      for (const d of merged) taken.add(d);
      const match = merged[0];
      const onConflict = merged.find((d) => d.onConflict)?.onConflict;
      uniques.push({ ...(match?.name ? { name: match.name } : {}), columns: names, ...keyOptions(keys, tableColumns, onConflict) });
      continue;
    }
    const text = indexSql.get(first.index_name);
    // The statement adds to the pragma's keys only a partial index's WHERE, expression keys and
    // declared collations; an index with none of them (most) need not be parsed.
    const parsed = text && (first.partial === 1 || keys.some((k) => k.cid === -2) || /collate/i.test(text)) ? parseCreateIndex(text) : undefined;
    const columns: IndexKey[] = keys.map((k, i) => {
      const declared = parsed?.keys[i];
      const expression = k.cid === -2 ? declared?.expression : undefined;
      const detail: Exclude<IndexKey, string> = expression !== undefined ? { expression } : { column: k.column_name ?? '' };
      if (k.descending) detail.descending = true;
      // A key on a column collates as the column does unless it says otherwise: `a COLLATE NOCASE`
      // on a NOCASE column is the index `a` is, and `a COLLATE BINARY` on a plain one too.
      if (expression !== undefined ? declared?.collation : collatesOtherwise(k, tableColumns)) detail.collation = declared?.collation ?? k.collation;
      return Object.keys(detail).length === 1 && detail.column !== undefined ? detail.column : detail;
    });
    const index: Index = { name: first.index_name, columns, unique: first.is_unique === 1 };
    if (parsed?.where) index.where = parsed.where;
    indexes.push(index);
  }
  return { indexes, uniques };
}

function buildTriggers(rows: ObjectRow[]): Trigger[] {
  return rows.map((row) => {
    const parsed = parseCreateTrigger(row.sql ?? '');
    const trigger: Trigger = { name: row.name, timing: parsed.timing, events: [parsed.event], level: 'row', definition: row.sql ?? '' };
    if (parsed.columns.length) trigger.columns = parsed.columns;
    if (parsed.when) trigger.when = parsed.when;
    return trigger;
  });
}

export function assembleSqlite(rows: SqliteRows, meta: { server: string; database: string }): Introspection {
  const warnings: string[] = [];
  const columnsByTable = groupBy(rows.columns, (r) => r.table_name);
  const fksByTable = groupBy(rows.foreign_keys, (r) => r.table_name);
  const indexesByTable = groupBy(rows.indexes, (r) => r.table_name);
  const byType = groupBy(rows.objects, (r) => r.object_type);
  // tbl_name keeps the ON clause's spelling (`ON CHILD` for table child): grouped as SQLite matches it.
  const triggersByTable = groupBy(byType.get('trigger') ?? [], (r) => foldName(r.table_name));
  const takeTriggers = (table: string) => {
    const rows = triggersByTable.get(foldName(table)) ?? [];
    triggersByTable.delete(foldName(table));
    return buildTriggers(rows);
  };
  const indexSql = new Map((byType.get('index') ?? []).filter((r) => r.sql).map((r) => [r.name, r.sql!]));

  const tableList = new Map(rows.table_list.map((r) => [r.name, r]));
  const ordinary = (byType.get('table') ?? []).filter((r) => tableList.get(r.name)?.table_kind === 'table');
  const parsedTables = new Map<string, ParsedTable>();
  for (const row of ordinary) {
    if (row.sql) parsedTables.set(row.name, parseCreateTable(row.sql));
  }
  const primaryKeys = new Map<string, string[]>();
  for (const row of ordinary) {
    const pk = (columnsByTable.get(row.name) ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    primaryKeys.set(foldName(row.name), pk.map((c) => c.name));
  }

  const objects: SchemaObject[] = [];
  for (const row of byType.get('table') ?? []) {
    const listed = tableList.get(row.name);
    if (listed?.table_kind === 'shadow') continue; // owned by a virtual table, like an extension's objects
    if (listed?.table_kind === 'virtual') {
      const parsed = parseCreateVirtualTable(row.sql ?? '');
      objects.push({ kind: 'virtual_table', schema: SCHEMA, name: row.name, module: parsed.module, arguments: parsed.arguments, definition: row.sql ?? '' });
      continue;
    }
    const ddl = parsedTables.get(row.name);
    const columns = buildColumns(columnsByTable.get(row.name) ?? [], ddl);
    const indexRows = indexesByTable.get(row.name) ?? [];
    const { indexes, uniques } = buildIndexes(indexRows, ddl, indexSql, columns);
    const table: Table = {
      kind: 'table',
      schema: SCHEMA,
      name: row.name,
      columns,
      foreign_keys: buildForeignKeys(fksByTable.get(row.name) ?? [], ddl, primaryKeys),
      unique_constraints: uniques,
      checks: buildChecks(ddl),
      indexes,
      triggers: takeTriggers(row.name),
    };
    const pkColumns = primaryKeys.get(foldName(row.name)) ?? [];
    // A key with an index of its own is no rowid alias: WITHOUT ROWID, several columns, a type
    // other than INTEGER, or the quirk of a column declared `INTEGER PRIMARY KEY DESC`.
    const pkIndex = indexRows.filter((r) => r.origin === 'pk');
    const rowidAlias = pkIndex.length === 0 && pkColumns.length === 1 ? columns.find((c) => c.name === pkColumns[0]) : undefined;
    // An INTEGER PRIMARY KEY is the rowid itself: it can never hold NULL, though the pragma says nullable.
    if (rowidAlias && foldName(rowidAlias.type) === 'integer') rowidAlias.nullable = false;
    if (pkColumns.length) {
      const declared = ddl?.primaryKey ?? ddl?.columns.find((c) => c.primaryKey)?.primaryKey;
      table.primary_key = { ...(declared?.name ? { name: declared.name } : {}), columns: pkColumns, ...keyOptions(pkIndex, columns, declared?.onConflict) } satisfies PrimaryKey;
    }
    const options: Record<string, boolean> = {};
    if (listed?.without_rowid) options.without_rowid = true;
    if (listed?.strict) options.strict = true;
    if (Object.keys(options).length) table.options = options;
    objects.push(table);
  }
  for (const { name, reason } of rows.undescribed_views) {
    warnings.push(`${SCHEMA}.${name}: SQLite could not fully describe the view (${reason}); recorded without columns`);
  }
  for (const row of byType.get('view') ?? []) {
    const view: View = {
      kind: 'view',
      schema: SCHEMA,
      name: row.name,
      columns: (columnsByTable.get(row.name) ?? []).map((c) => (c.type ? { name: c.name, type: c.type } : { name: c.name })),
      definition: row.sql ?? '',
      triggers: takeTriggers(row.name),
    };
    objects.push(view);
  }
  // What is left hangs on no table or view read here (a shadow table's, a schema edited by hand):
  // kept as it is stored rather than lost.
  for (const row of [...triggersByTable.values()].flat()) {
    warnings.push(`${SCHEMA}.${row.name}: trigger on ${row.table_name}, which is not a table or view that is modelled; recorded raw`);
    objects.push({ kind: 'unknown', schema: SCHEMA, name: row.name, object_type: 'trigger', raw: { ...row } });
  }
  // An index SQLite lets one create on a virtual table's shadow table (the pragmas read only
  // ordinary tables): kept as it is stored rather than lost, as such a trigger is.
  const readIndexes = new Set(rows.indexes.map((r) => r.index_name));
  for (const row of (byType.get('index') ?? []).filter((r) => !readIndexes.has(r.name))) {
    warnings.push(`${SCHEMA}.${row.name}: index on ${row.table_name}, which is not a table that is modelled; recorded raw`);
    objects.push({ kind: 'unknown', schema: SCHEMA, name: row.name, object_type: 'index', raw: { ...row } });
  }
  for (const [type, list] of byType) {
    if (['table', 'view', 'index', 'trigger'].includes(type)) continue;
    for (const row of list) {
      warnings.push(`${SCHEMA}.${row.name}: SQLite object of type ${type} is not modelled; recorded raw`);
      objects.push({ kind: 'unknown', schema: SCHEMA, name: row.name, object_type: type, raw: { ...row } });
    }
  }
  return {
    snapshot: normalizeSnapshot({ meta: { format: 1, dialect: 'sqlite', server: meta.server, database: meta.database }, schemas: [{ name: SCHEMA }], objects }),
    warnings,
  };
}
