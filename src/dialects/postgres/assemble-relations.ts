// Tables, views and materialized views from their catalog rows. Rows of every kind are grouped by
// relation once (Maps, not repeated filtering: at 10,000 tables that is the difference between
// milliseconds and minutes), then each relation takes its groups.
import type {
  Check,
  Column,
  ExclusionConstraint,
  ForeignKey,
  Index,
  IndexKey,
  MaterializedView,
  Options,
  Policy,
  PrimaryKey,
  SchemaObject,
  Table,
  Trigger,
  UniqueConstraint,
  View,
  ViewColumn,
} from '../../model/types.js';
import { listItems, unquoted } from '../../util/ddl-text.js';
import { groupBy } from '../../util/group-by.js';
import { uncommented, unnamedPart } from '../../model/partition-clones.js';
import { CatalogChanged } from './errors.js';
import type { CatalogRows, ColumnRow, ConstraintRow, IndexRow, PolicyRow, RelationRow, TriggerRow } from './rows.js';

/** A deparsed text the server could not produce means the object vanished after the snapshot began. */
export function required<T>(value: T | null, what: string): T {
  if (value === null) throw new CatalogChanged(`${what} changed while it was being read`);
  return value;
}

/** Catalog `name=value` entries (reloptions, proconfig) as options, each name after `prefix`: no name holds `=`. */
export function namedValues(entries: string[] | null, prefix = ''): Options {
  const options: Options = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    options[prefix + entry.slice(0, at)] = entry.slice(at + 1);
  }
  return options;
}

/** reloptions (`fillfactor=70`) plus the storage facts a relation may have, as model options. */
export function relationOptions(row: { reloptions: string[] | null; access_method?: string | null; tablespace: string | null }, extra: Options = {}): Options {
  const options: Options = { ...extra, ...namedValues(row.reloptions) };
  if (row.access_method) options.access_method = row.access_method;
  if (row.tablespace) options.tablespace = row.tablespace;
  return options;
}

export function buildColumn(row: ColumnRow): Column {
  const column: Column = { name: row.name, type: row.type, nullable: !row.not_null };
  if (row.default_expr !== null) {
    // attgenerated: 's' stored, 'v' virtual (PostgreSQL 18); otherwise the expression is a DEFAULT.
    if (row.generated) column.generated = { expression: row.default_expr, stored: row.generated === 's' };
    else column.default = row.default_expr;
  }
  if (row.identity) column.identity = row.identity === 'a' ? 'always' : 'by_default';
  if (row.collation) column.collation = row.collation;
  if (row.comment !== null) column.comment = row.comment;
  const options = { ...columnOptions(row), ...localToo(row) };
  if (Object.keys(options).length) column.options = options;
  return column;
}

/**
 * An inheritance child's column or check that it declares itself as well as inherits: the parent's
 * DROP COLUMN or DROP CONSTRAINT leaves it on the child, where one it only inherits goes with the
 * parent's. CREATE TABLE … INHERITS that declares it again (as pg_dump restores it) makes it so,
 * and so does NO INHERIT followed by INHERIT, for every one the child shares with that parent.
 */
const localToo = (row: { local_and_inherited: boolean }): Options => (row.local_and_inherited ? { local: true } : {});

/**
 * What planning and storage use, set by ALTER COLUMN on a table or a materialized view and
 * restored by pg_dump: SET STATISTICS, SET (n_distinct …), SET STORAGE, SET COMPRESSION.
 */
function columnOptions(row: ColumnRow): Options | undefined {
  const options = relationOptions({ reloptions: row.attoptions, tablespace: null }, row.statistics !== null ? { statistics: row.statistics } : {});
  if (row.storage) options.storage = STORAGE[row.storage] ?? row.storage;
  if (row.compression) options.compression = COMPRESSION[row.compression] ?? row.compression;
  return Object.keys(options).length ? options : undefined;
}

/** ALTER COLUMN … SET STORAGE and SET COMPRESSION, as they are written. */
const STORAGE: Record<string, string> = { p: 'plain', m: 'main', e: 'external', x: 'extended' };
const COMPRESSION: Record<string, string> = { p: 'pglz', l: 'lz4' };

const ACTIONS: Record<string, string> = { r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

function deferral(row: ConstraintRow): { deferrable?: boolean; initially_deferred?: boolean } {
  return row.deferrable ? { deferrable: true, ...(row.deferred ? { initially_deferred: true } : {}) } : {};
}

/** `CHECK ((a > 0)) NO INHERIT NOT VALID` → `(a > 0)`: the expression as the server renders it. */
function checkExpression(row: ConstraintRow, table: string): string {
  let text = required(row.definition, `check ${row.name} on ${table}`);
  if (!row.validated && text.endsWith(' NOT VALID')) text = text.slice(0, -' NOT VALID'.length);
  if (row.no_inherit && text.endsWith(' NO INHERIT')) text = text.slice(0, -' NO INHERIT'.length);
  return text.startsWith('CHECK (') && text.endsWith(')') ? text.slice('CHECK ('.length, -1) : text;
}

interface Constraints {
  primary_key?: PrimaryKey;
  foreign_keys: ForeignKey[];
  unique_constraints: UniqueConstraint[];
  checks: Check[];
  exclusion_constraints: ExclusionConstraint[];
}

/** The comment, where there is one: an absent key, so that uncommented objects read as before comments were read. */
export function commented(row: { comment: string | null }): { comment?: string } {
  return row.comment === null ? {} : { comment: row.comment };
}

/**
 * A key's index that is not valid: one added with ALTER TABLE ONLY on a partitioned table, until
 * each partition's index is attached to it. Until then the key holds only on the partitions whose
 * index is, no foreign key can reference it and ON CONFLICT does not take it as an arbiter.
 */
const invalidIndex = (row: ConstraintRow): Options => (row.index_valid ? {} : { invalid: true, ...attached(row.attached_partitions) });

/** A name as it reads in a list of names: quoted where it could not be told apart from the list's own dots and commas. */
const listedName = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

/**
 * The partitions whose index is attached (ALTER INDEX … ATTACH PARTITION) to a partitioned table's
 * index, or key's index, that is not valid yet: attaching one that leaves others to go changes
 * nothing else in either file. A valid index needs no list: every partition's index is attached.
 */
function attached(partitions: [string, string][] | null): Options {
  return partitions?.length ? { attached_partitions: partitions.map(([schema, table]) => `${listedName(schema)}.${listedName(table)}`).join(', ') } : {};
}

/** What a key's index holds beyond its key columns: INCLUDE columns, and as options its storage parameters, tablespace, CLUSTER, REPLICA IDENTITY, comment and invalidity. */
function keyIndex(row: ConstraintRow): { include?: string[]; options?: Options } {
  const flags: Options = invalidIndex(row);
  if (row.clustered) flags.clustered = true;
  if (row.replica_identity) flags.replica_identity = true;
  if (row.index_comment !== null) flags.index_comment = row.index_comment;
  const options = relationOptions(row, flags);
  return { ...(row.include?.length ? { include: row.include } : {}), ...(Object.keys(options).length ? { options } : {}) };
}

/**
 * What an exclusion constraint's index holds that its definition does not say: pg_get_constraintdef
 * prints INCLUDE and WITH (…) but not the index's tablespace, its comment or CLUSTER, and the index
 * itself is not among the table's indexes (the constraint stands for it), so without these a
 * COMMENT ON INDEX, ALTER TABLE … CLUSTER ON or SET TABLESPACE on it would be lost.
 */
function exclusionIndex(row: ConstraintRow): { options?: Options } {
  const options: Options = invalidIndex(row);
  if (row.clustered) options.clustered = true;
  if (row.index_comment !== null) options.index_comment = row.index_comment;
  if (row.tablespace) options.tablespace = row.tablespace;
  return Object.keys(options).length ? { options } : {};
}

/** pg_trigger.tgenabled but for 'O' (fires as usual): a trigger's, and a foreign key's internal ones'. */
const ENABLED: Record<string, string> = { D: 'disabled', R: 'replica', A: 'always' };

export function buildConstraints(rows: ConstraintRow[], table: string): Constraints {
  const out: Constraints = { foreign_keys: [], unique_constraints: [], checks: [], exclusion_constraints: [] };
  for (const row of rows) {
    if (row.type === 'p') out.primary_key = { name: row.name, columns: row.columns, ...deferral(row), ...commented(row), ...keyIndex(row) };
    else if (row.type === 'u') out.unique_constraints.push({ name: row.name, columns: row.columns, ...(row.nulls_not_distinct ? { nulls_not_distinct: true } : {}), ...deferral(row), ...commented(row), ...keyIndex(row) });
    else if (row.type === 'c') out.checks.push({ name: row.name, expression: checkExpression(row, table), ...(row.no_inherit ? { no_inherit: true } : {}), ...(row.validated ? {} : { validated: false }), ...commented(row), ...(row.local_and_inherited ? { options: localToo(row) } : {}) });
    else if (row.type === 'x') out.exclusion_constraints.push({ name: row.name, definition: required(row.definition, `exclusion constraint ${row.name} on ${table}`), ...deferral(row), ...commented(row), ...exclusionIndex(row) });
    else {
      const fk: ForeignKey = { name: row.name, columns: row.columns, references: { schema: row.ref_schema!, table: row.ref_table!, columns: row.ref_columns } };
      if (ACTIONS[row.on_update!]) fk.on_update = ACTIONS[row.on_update!];
      if (ACTIONS[row.on_delete!]) fk.on_delete = row.on_delete_columns ? `${ACTIONS[row.on_delete!]} (${row.on_delete_columns.join(', ')})` : ACTIONS[row.on_delete!];
      if (row.match === 'f') fk.match = 'full';
      if (row.match === 'p') fk.match = 'partial';
      Object.assign(fk, deferral(row));
      if (!row.validated) fk.validated = false;
      if (row.trigger_states?.length) fk.triggers = row.trigger_states.map((state) => ENABLED[state] ?? state).join(', ');
      out.foreign_keys.push({ ...fk, ...commented(row) });
    }
  }
  return out;
}

/**
 * Each key's operator class parameters as pg_get_indexdef prints them after the class
 * (`b gist_trgm_ops (siglen='64')`): the catalog keeps them apart (pg_attribute.attoptions of the
 * index), and the definition is the one place the index rows hold them.
 */
function opclassParameters(definition: string): (string | undefined)[] {
  let open = -1;
  for (const [i, depth] of unquoted(definition)) {
    if (open < 0 && depth === 0 && definition.startsWith(' USING ', i)) open = definition.indexOf('(', i);
    else if (open >= 0 && i > open && depth === 0) {
      return listItems(definition.slice(open + 1, i)).map((key) => /\s\(((?:[a-z_][a-z0-9_]*='(?:[^']|'')*'(?:, )?)+)\)$/.exec(key)?.[1]);
    }
  }
  return [];
}

const INDEX_DESC = 1;
const INDEX_NULLS_FIRST = 2;

function buildIndex(row: IndexRow, table: string): Index {
  const columns: IndexKey[] = [];
  const parameters = row.definition?.includes("='") ? opclassParameters(row.definition) : [];
  for (let i = 0; i < row.key_count; i++) {
    const expression = row.expressions?.[i];
    const key: Exclude<IndexKey, string> = expression ? { expression } : { column: row.columns[i]! };
    const option = row.options[i] ?? 0;
    const descending = (option & INDEX_DESC) !== 0;
    const nullsFirst = (option & INDEX_NULLS_FIRST) !== 0;
    if (descending) key.descending = true;
    if (nullsFirst !== descending) key.nulls = nullsFirst ? 'first' : 'last';
    const collation = row.collations?.[i];
    const opclass = row.opclasses?.[i];
    const statistics = row.statistics?.[i];
    if (collation) key.collation = collation;
    if (opclass) key.opclass = opclass;
    if (parameters[i]) key.opclass_parameters = parameters[i];
    if (typeof statistics === 'number') key.statistics = statistics;
    columns.push(Object.keys(key).length === 1 && key.column !== undefined ? key.column : key);
  }
  const index: Index = { name: row.name, columns, unique: row.is_unique, method: row.method, definition: required(row.definition, `index ${row.name} on ${table}`) };
  const include = row.columns.slice(row.key_count);
  if (include.length) index.include = include as string[];
  if (row.predicate !== null) index.where = row.predicate;
  if (row.nulls_not_distinct) index.nulls_not_distinct = true;
  if (row.comment !== null) index.comment = row.comment;
  const flags: Options = {};
  if (row.clustered) flags.clustered = true;
  if (!row.valid) Object.assign(flags, { invalid: true }, attached(row.attached_partitions));
  if (row.replica_identity) flags.replica_identity = true;
  const options = relationOptions(row, flags);
  if (Object.keys(options).length) index.options = options;
  return index;
}

const EVENTS: [number, string][] = [[4, 'insert'], [8, 'delete'], [16, 'update'], [32, 'truncate']];
/**
 * pg_get_triggerdef prints `… FOR EACH ROW WHEN (<expr>) EXECUTE FUNCTION f(<args>)`; the catalog
 * has no other rendering. The clause is found by reading the text as SQL, outside quoted
 * identifiers and string literals (which it renders with doubled quotes, never E''): a table or
 * column named `x FOR EACH ROW WHEN (y`, or an argument or literal holding `) EXECUTE `, is no
 * keyword, and searching the plain text for those took part of a name or of the arguments as the
 * condition. The condition ends at the parenthesis that closes the one WHEN opens.
 */
export function triggerWhen(definition: string): string | undefined {
  let quote = '';
  let depth = 0;
  let start = -1;
  let forEach = false;
  for (let i = 0; i < definition.length; i++) {
    const ch = definition[i]!;
    if (quote) {
      // A doubled quote inside closes and reopens: the same state after both.
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (start < 0) {
      if (!forEach && definition.startsWith(' FOR EACH ', i)) forEach = true;
      else if (forEach && definition.startsWith(' WHEN (', i)) {
        start = i + ' WHEN ('.length;
        depth = 1;
        i = start - 1;
      } else if (forEach && definition.startsWith(' EXECUTE ', i)) return undefined;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return definition.slice(start, i);
  }
  return undefined;
}

export function buildTrigger(row: TriggerRow, table: string): Trigger {
  const definition = required(row.definition, `trigger ${row.name} on ${table}`);
  const bits = row.type_bits;
  const trigger: Trigger = {
    name: row.name,
    timing: bits & 2 ? 'before' : bits & 64 ? 'instead of' : 'after',
    events: EVENTS.filter(([bit]) => bits & bit).map(([, event]) => event),
    level: bits & 1 ? 'row' : 'statement',
    definition,
  };
  if (row.columns.length) trigger.columns = row.columns;
  const when = row.has_when ? triggerWhen(definition) : undefined;
  if (when) trigger.when = when;
  if (ENABLED[row.enabled]) trigger.enabled = ENABLED[row.enabled];
  if (row.comment !== null) trigger.comment = row.comment;
  return trigger;
}

const COMMANDS: Record<string, string> = { r: 'select', a: 'insert', w: 'update', d: 'delete', '*': 'all' };

function buildPolicy(row: PolicyRow): Policy {
  const policy: Policy = { name: row.name, command: COMMANDS[row.command] ?? row.command, permissive: row.permissive, roles: row.roles };
  if (row.using_expr !== null) policy.using = row.using_expr;
  if (row.check_expr !== null) policy.with_check = row.check_expr;
  return { ...policy, ...commented(row) };
}

const REPLICA_IDENTITY: Record<string, string> = { n: 'nothing', f: 'full', i: 'index' };

/** `RANGE (a, b)` → {strategy: range, key: a, b}. */
function partitioning(key: string): { strategy: string; key: string } {
  const space = key.indexOf(' ');
  const rest = key.slice(space + 1);
  return { strategy: key.slice(0, space).toLowerCase(), key: rest.startsWith('(') && rest.endsWith(')') ? rest.slice(1, -1) : rest };
}

function buildTable(row: RelationRow, parts: RelationParts): Table {
  const label = `${row.schema}.${row.name}`;
  const table: Table = {
    kind: 'table',
    schema: row.schema,
    name: row.name,
    columns: (parts.columns.get(row.oid) ?? []).map(buildColumn),
    ...buildConstraints(parts.constraints.get(row.oid) ?? [], label),
    indexes: (parts.indexes.get(row.oid) ?? []).map((i) => buildIndex(i, label)),
    triggers: (parts.triggers.get(row.oid) ?? []).map((t) => buildTrigger(t, label)),
    policies: (parts.policies.get(row.oid) ?? []).map(buildPolicy),
  };
  if (row.comment !== null) table.comment = row.comment;
  if (row.rls_enabled || row.rls_forced) table.row_security = { enabled: row.rls_enabled, forced: row.rls_forced };
  if (row.relkind === 'p') table.partitioning = partitioning(required(row.partition_key, `the partition key of ${label}`));
  if (row.is_partition) {
    table.partition_of = { schema: row.parent_schemas[0]!, table: row.parent_names[0]!, bound: required(row.partition_bound, `the partition bound of ${label}`) };
    if (row.detach_pending) table.partition_of.detach_pending = true;
    const constraintRows = parts.constraints.get(row.oid) ?? [];
    const attachedOf = (type: string) => constraintRows.filter((r) => r.type === type).map((r) => r.attached);
    markUnattachedTwins(table.indexes!, (parts.indexes.get(row.oid) ?? []).map((r) => r.attached));
    markUnattachedTwins(table.unique_constraints!, attachedOf('u'));
    markUnattachedTwins(table.exclusion_constraints!, attachedOf('x'));
  } else if (row.parent_names.length) {
    table.inherits = row.parent_names.map((name, i) => ({ schema: row.parent_schemas[i]!, table: name }));
  }
  const flags: Options = {};
  if (row.unlogged) flags.unlogged = true;
  if (row.of_type) flags.of_type = row.of_type;
  if (row.replica_identity) flags.replica_identity = REPLICA_IDENTITY[row.replica_identity] ?? row.replica_identity;
  const options = relationOptions(row, flags);
  if (Object.keys(options).length) table.options = options;
  return table;
}

/**
 * A partition's index or key identical to one attached to its parent's (built beside it, or left
 * from before the parent had one) is marked `unattached`: only the other is dropped with the
 * parent's, and nothing else in the snapshot says which of the two that is.
 */
function markUnattachedTwins(parts: (Index | UniqueConstraint | ExclusionConstraint)[], attached: boolean[]): void {
  const twins = new Map<string, number[]>();
  parts.forEach((part, i) => {
    const key = JSON.stringify(unnamedPart(uncommented(part)));
    twins.set(key, [...(twins.get(key) ?? []), i]);
  });
  for (const group of twins.values()) {
    if (!group.some((i) => attached[i])) continue;
    for (const i of group.filter((i) => !attached[i])) parts[i]!.options = { ...parts[i]!.options, unattached: true };
  }
}

function viewColumn(row: ColumnRow): ViewColumn {
  const options = columnOptions(row);
  return { name: row.name, type: row.type, ...(row.default_expr !== null ? { default: row.default_expr } : {}), ...commented(row), ...(options ? { options } : {}) };
}

function buildView(row: RelationRow, parts: RelationParts): View | MaterializedView {
  const label = `${row.schema}.${row.name}`;
  const definition = required(row.definition, `the definition of ${label}`);
  const columns = (parts.columns.get(row.oid) ?? []).map(viewColumn);
  const { check_option, ...options } = relationOptions(row);
  const common = { schema: row.schema, name: row.name, columns, definition, ...(row.comment !== null ? { comment: row.comment } : {}), ...(Object.keys(options).length ? { options } : {}) };
  if (row.relkind === 'm') return { kind: 'materialized_view', ...common, indexes: (parts.indexes.get(row.oid) ?? []).map((i) => buildIndex(i, label)) };
  const view: View = { kind: 'view', ...common, triggers: (parts.triggers.get(row.oid) ?? []).map((t) => buildTrigger(t, label)) };
  if (check_option !== undefined) view.check_option = String(check_option);
  return view;
}

export interface RelationParts {
  columns: Map<number, ColumnRow[]>;
  constraints: Map<number, ConstraintRow[]>;
  indexes: Map<number, IndexRow[]>;
  triggers: Map<number, TriggerRow[]>;
  policies: Map<number, PolicyRow[]>;
}

export function groupRelationParts(rows: CatalogRows): RelationParts {
  const byRelation = <T extends { relid: number }>(list: T[]) => groupBy(list, (r) => r.relid);
  const columns = byRelation(rows.columns);
  for (const list of columns.values()) list.sort((a, b) => a.position - b.position);
  return {
    columns,
    constraints: byRelation(rows.constraints),
    indexes: byRelation(rows.indexes),
    triggers: byRelation(rows.triggers),
    policies: byRelation(rows.policies),
  };
}

export function buildRelations(rows: CatalogRows, parts: RelationParts): SchemaObject[] {
  return rows.relations.map((row) => (row.relkind === 'v' || row.relkind === 'm' ? buildView(row, parts) : buildTable(row, parts)));
}
