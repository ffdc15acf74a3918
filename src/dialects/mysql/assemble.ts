// information_schema rows → model. Each view was read on its own; here they are joined by table
// name. Decisions (see README, MySQL section):
// - the schema is the database; PRIMARY is the table's primary_key and not repeated in indexes;
// - a UNIQUE key is an index with unique: true (MySQL has no unique constraint apart from its index);
// - DEFINER, SQL mode, AUTO_INCREMENT counters, row counts and timestamps are left out: they
//   describe the server or the data, not the schema;
// - a MariaDB sequence is a sequence (always bigint in 10.11), min and max left out when they are
//   what CREATE SEQUENCE picks for its direction, as on PostgreSQL;
// - what the model has no shape for (MariaDB packages) is kept raw as `unknown`.
import type {
  Check,
  Column,
  Event,
  ForeignKey,
  HiddenPart,
  Index,
  IndexKey,
  Options,
  Partitioning,
  PrimaryKey,
  Routine,
  SchemaInfo,
  Sequence,
  SchemaObject,
  Snapshot,
  Subpartition,
  Table,
  Trigger,
  UnknownObject,
  View,
} from '../../model/types.js';
import { mergedRaw } from '../../model/raw-object.js';
import { normalizeSnapshot, objectName } from '../../model/canonical.js';
import { defaultSequenceBounds } from '../../model/sequence-bounds.js';
import { globToRegExp } from '../../snapshot/scope.js';
import { groupBy } from '../../util/group-by.js';
import type { CatalogRows, Row } from './catalog.js';
import type { Flavor } from './server.js';
import { columnDefault, parseCreateOptions, parseExtra, type ColumnExtra } from './spelling.js';

interface TableRow { table_name: string; table_type: string; engine: string | null; collation: string | null; create_options: string | null; comment: string | null }
interface ColumnRow {
  table_name: string; name: string; position: number; default_value: string | null; is_nullable: string; data_type: string;
  column_type: string; charset: string | null; collation: string | null; extra: string | null; comment: string | null;
  generation_expression: string | null;
  /** MySQL 8's SRS_ID: NULL for a column without an SRID. */
  srid?: number | null;
}
/** MariaDB's GEOMETRY_COLUMNS, only the columns with an SRID. */
interface GeometryRow { table_name: string; column_name: string; srid: number }
interface StatisticsRow {
  table_name: string; index_name: string; non_unique: number; seq: number; column_name: string | null; expression: string | null;
  collation: string | null; sub_part: number | null; index_type: string; comment: string | null; invisible: number | null;
}
interface ConstraintRow { table_name: string; name: string; constraint_type: string; enforced: string | null }
interface CheckRow { table_name: string | null; name: string; level: string | null; clause: string }
interface ReferentialRow { table_name: string; name: string; referenced_table: string; on_update: string; on_delete: string; match_option: string | null }
interface KeyColumnRow { table_name: string; name: string; position: number; column_name: string; referenced_schema: string; referenced_table: string; referenced_column: string }
interface ViewRow { name: string; definition: string | null; check_option: string | null; security: string | null; algorithm: string | null }
interface TriggerRow { name: string; table_name: string; event: string; timing: string; orientation: string; action_order: number; definition: string; sql_mode?: string | null }
interface RoutineRow {
  name: string; routine_type: string; returns: string | null; language: string | null; definition: string | null; is_deterministic: string;
  sql_data_access: string | null; security: string | null; comment: string | null; sql_mode?: string | null;
}
interface ParameterRow { routine_name: string; routine_type: string; position: number; mode: string | null; name: string | null; type: string; charset?: string | null; collation?: string | null }
interface EventRow {
  name: string; definition: string; event_type: string; execute_at: string | null; interval_value: string | null; interval_field: string | null;
  starts: string | null; ends: string | null; status: string; on_completion: string; comment: string | null; time_zone?: string | null; sql_mode?: string | null;
}
interface PartitionRow {
  table_name: string; name: string; subpartition: string | null; position: number; subposition: number | null; method: string;
  expression: string | null; submethod: string | null; subexpression: string | null; description: string | null; comment: string | null;
}
interface SchemaRow {
  name: string; charset: string; collation: string; comment: string | null;
  /** MariaDB: the PAGE_CHECKSUM an Aria table created without one gets (1 or 0); MySQL has no Aria. */
  aria_page_checksum?: number | string | null;
}
/** Numbers as mysql2 gives them: a number when it fits a double exactly, else its text. */
interface SequenceRow { name: string; start: number | string; increment: number | string; min: number | string; max: number | string; cache: number | string; cycle: number }

export interface AssembleContext {
  database: string;
  server: string;
  flavor: Flavor;
  /** `schema.object` globs whose objects are not assembled (applyScope runs on the result as well). */
  exclude?: string[];
}

const rowsOf = <T>(rows: Row[] | undefined) => (rows ?? []) as unknown as T[];
const lower = (text: string) => text.toLowerCase();
const present = (text: string | null | undefined): text is string => text !== null && text !== undefined && text !== '';
const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** A collation's character set: the part before the first underscore (`utf8mb4_general_ci` → `utf8mb4`). */
export function charsetOf(collation: string): string {
  return collation.split('_')[0]!;
}

/**
 * A stored program's SQL mode, as the server keeps it from its CREATE (none left out: each one
 * changes how the body parses or what it does with a bad value); an empty mode is not written.
 */
function withSqlMode(options: Options, row: { sql_mode?: string | null }): Options {
  return present(row.sql_mode) ? { ...options, sql_mode: row.sql_mode } : options;
}

function withOptions<T extends { options?: Options }>(target: T, options: Options): T {
  if (Object.keys(options).length) target.options = options;
  return target;
}

/**
 * A geometry column's SRID, only where one is set: MySQL 8 has none for NULL (an SRID of 0 is one,
 * restricting the column to SRID 0 values), MariaDB none for 0 (its default, which
 * geometry_columns.sql leaves out).
 */
function columnOptions(extra: ColumnExtra, srid: number | null | undefined): Options {
  const options: Options = {};
  if (extra.rest) options.extra = extra.rest;
  if (srid !== null && srid !== undefined) options.srid = Number(srid);
  return options;
}

function buildColumn(row: ColumnRow, table: TableRow | undefined, flavor: Flavor, srid: number | null | undefined): Column {
  const extra = parseExtra(row.extra);
  const column: Column = { name: row.name, type: row.column_type, nullable: row.is_nullable === 'YES' };
  const defaultValue = columnDefault(row.default_value, row.data_type, extra, flavor);
  if (defaultValue !== undefined) column.default = defaultValue;
  if (extra.generated) column.generated = { expression: row.generation_expression ?? '', stored: extra.generated === 'stored' };
  const tableCollation = table?.collation ?? undefined;
  if (row.collation && row.collation !== tableCollation) column.collation = row.collation;
  if (row.charset && (!tableCollation || row.charset !== charsetOf(tableCollation))) column.charset = row.charset;
  if (extra.onUpdate) column.on_update = extra.onUpdate;
  if (extra.autoIncrement) column.auto_increment = true;
  if (extra.invisible) column.hidden = true;
  if (present(row.comment)) column.comment = row.comment;
  return withOptions(column, columnOptions(extra, srid));
}

function keyPart(row: StatisticsRow): IndexKey {
  const key: Exclude<IndexKey, string> = row.expression !== null ? { expression: row.expression } : { column: row.column_name ?? '' };
  if (row.collation === 'D') key.descending = true;
  // A SPATIAL key part reads SUB_PART 32 (the size of the key the engine builds), but it is no
  // prefix: SHOW CREATE TABLE writes `SPATIAL KEY k (g)`, and `(g(32))` is refused (error 1089).
  if (row.sub_part !== null && row.index_type !== 'SPATIAL') key.length = Number(row.sub_part);
  return Object.keys(key).length === 1 && key.column !== undefined ? key.column : key;
}

function renderKeyPart(key: IndexKey): string {
  if (typeof key === 'string') return key;
  const base = key.expression !== undefined ? `(${key.expression})` : key.column!;
  return `${base}${key.length !== undefined ? `(${key.length})` : ''}${key.descending ? ' DESC' : ''}`;
}

function buildKeys(rows: StatisticsRow[]): { primaryKey?: PrimaryKey; indexes: Index[] } {
  const indexes: Index[] = [];
  let primaryKey: PrimaryKey | undefined;
  for (const parts of groupBy(rows, (r) => r.index_name).values()) {
    parts.sort((a, b) => a.seq - b.seq);
    const first = parts[0]!;
    const keys = parts.map(keyPart);
    const method = lower(first.index_type);
    const options: Options = {};
    if (Number(first.invisible) === 1) options.invisible = true;
    if (first.index_name === 'PRIMARY') {
      // The name is always PRIMARY; only what can differ is kept.
      if (keys.some((k) => typeof k !== 'string')) options.key_parts = keys.map(renderKeyPart).join(', ');
      if (method !== 'btree') options.method = method;
      if (present(first.comment)) options.comment = first.comment;
      primaryKey = withOptions<PrimaryKey>({ columns: parts.map((p) => p.column_name ?? renderKeyPart(keyPart(p))) }, options);
      continue;
    }
    const index: Index = { name: first.index_name, columns: keys, unique: Number(first.non_unique) === 0, method };
    if (present(first.comment)) index.comment = first.comment;
    indexes.push(withOptions(index, options));
  }
  return { primaryKey, indexes };
}

function buildForeignKeys(keys: ReferentialRow[], columns: Map<string, KeyColumnRow[]>, table: string): ForeignKey[] {
  return keys.map((key) => {
    const pairs = (columns.get(`${table}\u0000${key.name}`) ?? []).sort((a, b) => a.position - b.position);
    const fk: ForeignKey = {
      name: key.name,
      columns: pairs.map((p) => p.column_name),
      references: { schema: pairs[0]?.referenced_schema ?? '', table: key.referenced_table, columns: pairs.map((p) => p.referenced_column) },
      on_update: lower(key.on_update),
      on_delete: lower(key.on_delete),
    };
    if (present(key.match_option) && key.match_option !== 'NONE') fk.match = lower(key.match_option);
    return fk;
  });
}

interface DeclaredCheck { table_name: string; name: string; clause?: string; level?: string | null; enforced: boolean }

/** Checks by table: MariaDB's CHECK_CONSTRAINTS names the table; on MySQL 8 TABLE_CONSTRAINTS does (check names are unique per schema there). */
function declaredChecks(rows: Partial<CatalogRows>): Map<string, DeclaredCheck[]> {
  const clauses = rowsOf<CheckRow>(rows.check_constraints);
  if (!rows.table_constraints) {
    return groupBy(clauses.map((c) => ({ table_name: c.table_name ?? '', name: c.name, clause: c.clause, level: c.level, enforced: true })), (c) => c.table_name);
  }
  const byName = new Map(clauses.map((c) => [c.name, c]));
  const checks = rowsOf<ConstraintRow>(rows.table_constraints).filter((c) => c.constraint_type === 'CHECK');
  return groupBy(checks.map((c) => ({ table_name: c.table_name, name: c.name, clause: byName.get(c.name)?.clause, enforced: c.enforced !== 'NO' })), (c) => c.table_name);
}

/** The names an SQL expression quotes in backquotes, string literals skipped (`'a`b'` names nothing). */
function quotedNames(expression: string): Set<string> {
  const names = new Set<string>();
  for (const match of expression.matchAll(/'(?:[^'\\]|''|\\[^])*'|"(?:[^"\\]|""|\\[^])*"|`((?:[^`]|``)*)`/g)) {
    if (match[1] !== undefined) names.add(match[1].replace(/``/g, '`'));
  }
  return names;
}

/**
 * The column a MariaDB column-level check is written on. MariaDB names such a check after its
 * column when it is created and keeps that name when the column is renamed (Laravel's
 * renameColumn of a json column, whose JSON_VALID check is one), even once a new column takes the
 * old name: a check that does not read the column of its name, and reads one column, is that
 * column's. An expression that reads several leaves the name, as the catalog says no more.
 */
function checkColumn(check: DeclaredCheck, columns: Set<string>): string {
  if (check.clause === undefined) return check.name;
  const read = [...quotedNames(check.clause)].filter((name) => columns.has(name));
  return read.length === 1 && !read.includes(check.name) ? read[0]! : check.name;
}

function buildChecks(declared: DeclaredCheck[], table: string, columns: Set<string>, warnings: string[], database: string): Check[] {
  return declared.map((d) => {
    if (d.clause === undefined) warnings.push(`${database}.${table}: the expression of check ${d.name} is not visible; recorded without it`);
    const check: Check = { name: d.name, expression: d.clause ?? '' };
    if (d.level === 'Column') check.column = checkColumn(d, columns);
    if (!d.enforced) check.enforced = false;
    return check;
  });
}

function buildTriggers(rows: TriggerRow[]): Trigger[] {
  // Several triggers on one timing and event fire in ACTION_ORDER: kept only where it decides something.
  const shared = groupBy(rows, (r) => `${r.timing} ${r.event}`);
  return rows.map((row) => {
    const trigger: Trigger = { name: row.name, timing: lower(row.timing), events: [lower(row.event)], level: row.orientation === 'STATEMENT' ? 'statement' : 'row', definition: row.definition };
    const options: Options = shared.get(`${row.timing} ${row.event}`)!.length > 1 ? { action_order: Number(row.action_order) } : {};
    return withOptions(trigger, withSqlMode(options, row));
  });
}

/**
 * MariaDB describes a LIST COLUMNS partition declared DEFAULT as MAXVALUE, a bound no LIST partition
 * can have: it is written as declared. Over several columns it says `(MAXVALUE,MAXVALUE)`, one per
 * column. (A plain LIST one it describes as `0`, as it does `VALUES IN (0)`.)
 */
const LIST_DEFAULT = /^(MAXVALUE|\(MAXVALUE(,MAXVALUE)*\))$/;

function partitionBound(method: string, description: string): string {
  return method === 'LIST COLUMNS' && LIST_DEFAULT.test(description) ? 'DEFAULT' : description;
}

/**
 * The partitions a snapshot records. SYSTEM_TIME partitioning keeps only its CURRENT partition: the
 * HISTORY ones hold old row versions, and with `AUTO` the server adds one whenever a write comes
 * after the last one's interval, which the catalog cannot tell from one declared; they are data
 * (like auto_increment), and recording them made writes to such a table new snapshots.
 */
const recorded = (partition: PartitionRow) => partition.method !== 'SYSTEM_TIME' || partition.description === 'CURRENT';

function buildPartitioning(rows: PartitionRow[]): Partitioning {
  const partitions = [...groupBy(rows, (r) => r.name).values()].map((parts) => parts.sort((a, b) => (a.subposition ?? 0) - (b.subposition ?? 0)));
  partitions.sort((a, b) => a[0]!.position - b[0]!.position);
  const first = partitions[0]![0]!;
  const partitioning: Partitioning = {
    strategy: lower(first.method),
    key: first.expression ?? '',
    partitions: partitions.filter((parts) => recorded(parts[0]!)).map((parts) => {
      const head = parts[0]!;
      const partition: NonNullable<Partitioning['partitions']>[number] = { name: head.name };
      if (head.description !== null) partition.bound = partitionBound(head.method, head.description);
      // A subpartitioned partition's comment lives on each subpartition (MariaDB copies the partition's
      // to those without their own): one they all share is the partition's, any other stays with its
      // subpartition, so that none is dropped or given to the partition.
      const shared = parts.every((p) => (p.comment ?? '') === (head.comment ?? ''));
      if (shared && present(head.comment)) partition.comment = head.comment;
      const subs = parts.flatMap((p): Subpartition[] => (!present(p.subpartition) ? [] : !shared && present(p.comment) ? [{ name: p.subpartition, comment: p.comment }] : [p.subpartition]));
      if (subs.length) partition.subpartitions = subs;
      return partition;
    }),
  };
  if (first.submethod) partitioning.subpartitioning = { strategy: lower(first.submethod), key: first.subexpression ?? '' };
  return partitioning;
}

/**
 * MariaDB's PARTITIONS.PARTITION_COMMENT is a VARCHAR(80), while a partition's comment may hold
 * 1024 characters: the view cuts a longer one (SHOW CREATE TABLE has it whole), and no other view
 * has it. A comment of 80 characters may be such a cut one, whose end (and any change to it) the
 * snapshot cannot see; that is said, rather than passed off as the whole comment.
 */
const PARTITION_COMMENT_WIDTH = 80;

function cutPartitionComments(rows: PartitionRow[], table: string): string[] {
  const ordered = [...rows].sort((a, b) => a.position - b.position || (a.subposition ?? 0) - (b.subposition ?? 0));
  const cut = ordered.filter((r) => (r.comment ?? '').length >= PARTITION_COMMENT_WIDTH).map((r) => (present(r.subpartition) ? `subpartition ${r.subpartition}` : `partition ${r.name}`));
  return cut.length
    ? [`${table}: the comment of ${cut.join(', ')} reads ${PARTITION_COMMENT_WIDTH} characters, all that MariaDB's information_schema.PARTITIONS holds; any further characters are not in the snapshot`]
    : [];
}

/**
 * CREATE_OPTIONS one option each, keyed by its name in lower case, its value as the text it is, so
 * that a diff names the one that changed (`options.row_format`). `partitioned` is left out: the
 * table's `partitioning` says it. The server's own options come first; an engine's option whose
 * name a key of the table already has (possible only under IGNORE_BAD_TABLE_OPTIONS) keeps its
 * backquotes, so neither hides the other.
 */
function addCreateOptions(options: Options, text: string | null): void {
  const parsed = parseCreateOptions(text).filter((o) => o.engineDefined || o.name !== 'partitioned');
  for (const option of [...parsed.filter((o) => !o.engineDefined), ...parsed.filter((o) => o.engineDefined)]) {
    const name = option.name.toLowerCase();
    options[option.engineDefined && name in options ? `\`${name}\`` : name] = option.value ?? true;
  }
}

/**
 * An Aria table created without PAGE_CHECKSUM takes the server's aria_page_checksum, and its
 * CREATE_OPTIONS says nothing of it, until any ALTER TABLE (a comment, AUTO_INCREMENT=, FORCE)
 * writes the value it has: that is no change. So the option is kept only where it differs from
 * the server's default.
 */
function withoutDefaultPageChecksum(options: Options, engine: string | null, defaults: SchemaRow | undefined): void {
  // Only Aria reads PAGE_CHECKSUM. Another engine's table keeps it in CREATE_OPTIONS (left by ALTER
  // … ENGINE=InnoDB of an Aria table) until the next rebuild (any ALTER, OPTIMIZE) drops it, which
  // would read as a change of a table nobody changed.
  if (engine?.toLowerCase() !== 'aria') {
    delete options.page_checksum;
    return;
  }
  const serverDefault = defaults?.aria_page_checksum;
  if (serverDefault === null || serverDefault === undefined) return;
  if (options.page_checksum === String(Number(serverDefault))) delete options.page_checksum;
}

function tableOptions(row: TableRow, defaults: SchemaRow | undefined): Options {
  const options: Options = {};
  if (row.engine) options.engine = row.engine;
  if (row.collation) {
    options.charset = charsetOf(row.collation);
    options.collation = row.collation;
  }
  if (row.table_type === 'SYSTEM VERSIONED') options.system_versioned = true;
  addCreateOptions(options, row.create_options);
  withoutDefaultPageChecksum(options, row.engine, defaults);
  return options;
}

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/**
 * A parameter's or return value's type with the character set and collation it has:
 * `varchar(10) CHARSET latin1 COLLATE latin1_swedish_ci`. Always spelled out: a text parameter
 * written without them took the database's defaults when the routine was created and keeps them
 * after an ALTER DATABASE, so spelling them relative to the database's current defaults would
 * change a routine nobody touched (and hide one recreated under the new defaults).
 */
function declaredType(parameter: ParameterRow): string {
  const { type, charset, collation } = parameter;
  return charset && collation ? `${type} CHARSET ${charset} COLLATE ${collation}` : type;
}

function buildRoutine(row: RoutineRow, parameters: ParameterRow[], database: string): Routine {
  const procedure = row.routine_type === 'PROCEDURE';
  const args = parameters.filter((p) => p.position > 0).sort((a, b) => a.position - b.position);
  const result = parameters.find((p) => p.position === 0);
  const routine: Routine = {
    kind: 'routine',
    schema: database,
    name: row.name,
    routine_type: procedure ? 'procedure' : 'function',
    argument_types: args.map((p) => p.type),
    arguments: args.map((p) => [procedure ? p.mode : undefined, quoteIfNeeded(p.name ?? ''), declaredType(p)].filter(present).join(' ')).join(', '),
    language: lower(row.language ?? 'SQL'),
    deterministic: row.is_deterministic === 'YES',
  };
  if (!procedure && row.returns) routine.returns = result ? declaredType({ ...result, type: row.returns }) : row.returns;
  if (row.security) routine.security = lower(row.security) as Routine['security'];
  if (present(row.comment)) routine.comment = row.comment;
  if (row.definition !== null) routine.definition = row.definition;
  const options: Options = row.sql_data_access ? { sql_data_access: lower(row.sql_data_access) } : {};
  if (!procedure && row.definition !== null && isAggregateBody(row.definition)) options.aggregate = true;
  return withOptions(routine, withSqlMode(options, row));
}

/** Why ROUTINES gives the account no body for a stored program (a routine or a MariaDB package). */
function hiddenBodyReason(row: RoutineRow): string {
  return `only the ${lower(row.routine_type)}'s definer or an account with global SELECT / SHOW_ROUTINE may read it`;
}

/** Strings, quoted names and comments: text that says nothing of what a routine body does. */
const INERT_TEXT = /'(?:[^'\\]|''|\\[^])*'|"(?:[^"\\]|""|\\[^])*"|`(?:[^`]|``)*`|\/\*[^]*?\*\/|(?:--\s|#)[^\n]*/g;

/**
 * MariaDB's CREATE AGGREGATE FUNCTION: ROUTINES has no column for it (SHOW CREATE FUNCTION and
 * mysql.proc do). The server makes it a function of its body: an aggregate function must run
 * FETCH GROUP NEXT ROW (error 4106) and no other routine may (error 4105), so the statement
 * outside strings and comments marks one.
 */
function isAggregateBody(definition: string): boolean {
  return /\bfetch\s+group\s+next\s+row\b/i.test(definition.replace(INERT_TEXT, ' '));
}

function schedule(row: EventRow): string {
  if (row.event_type === 'ONE TIME') return `AT '${row.execute_at ?? ''}'`;
  // MariaDB gives a compound interval ('1:30' HOUR_MINUTE) already quoted, as SHOW CREATE EVENT writes it.
  const value = /^(?:-?\d+|'.*')$/s.test(row.interval_value ?? '') ? row.interval_value : `'${row.interval_value ?? ''}'`;
  return [`EVERY ${value} ${row.interval_field ?? ''}`, row.starts ? `STARTS '${row.starts}'` : '', row.ends ? `ENDS '${row.ends}'` : ''].filter(Boolean).join(' ');
}

/**
 * MySQL 8.3+ says REPLICA_SIDE_DISABLED for an event a replica holds disabled (one created on its
 * source), where MariaDB and earlier MySQL say SLAVESIDE_DISABLED: one spelling, so that upgrading
 * the server is no change.
 */
const eventStatus = (status: string) => (status === 'REPLICA_SIDE_DISABLED' ? 'slaveside_disabled' : lower(status));

function buildEvent(row: EventRow, database: string): Event {
  const event: Event = {
    kind: 'event',
    schema: database,
    name: row.name,
    schedule: schedule(row),
    status: eventStatus(row.status),
    on_completion: lower(row.on_completion),
    definition: row.definition,
  };
  if (present(row.comment)) event.comment = row.comment;
  // SYSTEM, the usual zone, means the server's own; any other shifts when the event fires.
  const options: Options = present(row.time_zone) && row.time_zone !== 'SYSTEM' ? { time_zone: row.time_zone } : {};
  return withOptions(event, withSqlMode(options, row));
}

function catalogInt(value: number | string): number | string {
  return typeof value === 'number' ? value : Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

function buildSequence(database: string, table: TableRow, row: SequenceRow): Sequence {
  const sequence: Sequence = { kind: 'sequence', schema: database, name: row.name, type: 'bigint', start: catalogInt(row.start), increment: catalogInt(row.increment), cache: catalogInt(row.cache) };
  const bounds = defaultSequenceBounds('mysql', 'bigint', row.increment);
  if (String(row.min) !== bounds?.[0]) sequence.min = catalogInt(row.min);
  if (String(row.max) !== bounds?.[1]) sequence.max = catalogInt(row.max);
  if (Number(row.cycle)) sequence.cycle = true;
  if (present(table.comment)) sequence.comment = table.comment;
  if (present(table.engine)) sequence.options = { engine: table.engine };
  return sequence;
}

function raw(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * MariaDB could not open the table (its engine is not loaded, its definition unreadable): TABLES
 * lists it with the server's complaint as its comment and no collation, the other views not at all.
 */
const couldNotOpen = (row: TableRow) => (row.table_type === 'BASE TABLE' || row.table_type === 'SYSTEM VERSIONED') && row.collation === null;

/**
 * Of a table MariaDB could not open (`collation` null: its engine is not loaded), the catalog lists
 * the views that read it, directly or through another such view, with no columns. They are as
 * intact as the table (neither can be altered meanwhile), so they are carried forward alike rather
 * than recorded emptied. A view is taken to read what its definition quotes (MariaDB writes every
 * name there as `db`.`table`); one over a table that is gone keeps the catalog's word.
 */
function unreadableViews(tables: TableRow[], views: Map<string, ViewRow>, columns: Map<string, ColumnRow[]>): Set<string> {
  const unopened = new Set(tables.filter(couldNotOpen).map((t) => t.table_name));
  const blank = [...views.values()].filter((v) => !columns.has(v.name) && v.definition);
  const found = new Set<string>();
  for (let grew = unopened.size > 0; grew; ) {
    grew = false;
    for (const view of blank) {
      if (found.has(view.name) || ![...quotedNames(view.definition!)].some((n) => unopened.has(n) || found.has(n))) continue;
      found.add(view.name);
      grew = true;
    }
  }
  return found;
}

export function assembleMysql(rows: Partial<CatalogRows>, context: AssembleContext): { snapshot: Snapshot; warnings: string[]; hidden: HiddenPart[]; leftOut: string[] } {
  const { database, flavor } = context;
  const warnings: string[] = [];
  const hidden: HiddenPart[] = [];
  const exclude = (context.exclude ?? []).map(globToRegExp);
  const leftOut: string[] = [];
  const excluded = (name: string) => {
    const out = exclude.some((r) => r.test(`${database}.${name}`));
    if (out) leftOut.push(`${database}.${name}`);
    return out;
  };

  const tables = rowsOf<TableRow>(rows.tables).filter((t) => !excluded(t.table_name));
  const tableRows = new Map(tables.map((t) => [t.table_name, t]));
  const columns = groupBy(rowsOf<ColumnRow>(rows.columns), (r) => r.table_name);
  const srids = new Map(rowsOf<GeometryRow>(rows.geometry_columns).map((g) => [`${g.table_name}\u0000${g.column_name}`, g.srid]));
  const statistics = groupBy(rowsOf<StatisticsRow>(rows.statistics), (r) => r.table_name);
  const checksByTable = declaredChecks(rows);
  const foreignKeys = groupBy(rowsOf<ReferentialRow>(rows.referential_constraints), (r) => r.table_name);
  const keyColumns = groupBy(rowsOf<KeyColumnRow>(rows.key_column_usage), (r) => `${r.table_name}\u0000${r.name}`);
  const triggers = groupBy(rowsOf<TriggerRow>(rows.triggers), (r) => r.table_name);
  const partitions = groupBy(rowsOf<PartitionRow>(rows.partitions), (r) => r.table_name);
  const views = new Map(rowsOf<ViewRow>(rows.views).map((v) => [v.name, v]));
  const sequences = new Map(rowsOf<SequenceRow>(rows.sequences).map((s) => [s.name, s]));

  const schemaRow = rowsOf<SchemaRow>(rows.schemata)[0];
  const unreadable = unreadableViews(rowsOf<TableRow>(rows.tables), views, columns);
  const objects: SchemaObject[] = [];
  for (const row of tables) {
    const name = row.table_name;
    const tableColumns = (columns.get(name) ?? []).sort((a, b) => a.position - b.position);
    if (row.table_type === 'VIEW') {
      const view = views.get(name);
      if (!view) continue; // dropped between the two reads
      if (view.definition === '' || view.definition === null) {
        hidden.push({ schema: database, kind: 'view', object: name, attribute: 'definition', reason: 'the account needs SHOW VIEW to read it' });
      }
      if (unreadable.has(name)) hidden.push({ schema: database, kind: 'view', object: name, reason: 'the server could not describe the view: it reads a table the server could not open' });
      const model: View = {
        kind: 'view',
        schema: database,
        name,
        columns: tableColumns.map((c) => ({ name: c.name, type: c.column_type })),
        definition: view.definition ?? '',
      };
      if (view.check_option && view.check_option !== 'NONE') model.check_option = lower(view.check_option);
      const options: Options = {};
      if (view.security) options.security = lower(view.security);
      if (view.algorithm) options.algorithm = lower(view.algorithm);
      objects.push(withOptions(model, options));
      continue;
    }
    if (row.table_type === 'SEQUENCE') {
      const parameters = sequences.get(name);
      if (parameters) objects.push(buildSequence(database, row, parameters));
      continue; // else dropped between the two reads
    }
    if (row.table_type !== 'BASE TABLE' && row.table_type !== 'SYSTEM VERSIONED') {
      warnings.push(`${database}.${name}: ${row.table_type.toLowerCase()} objects are not modelled; recorded raw`);
      objects.push({ kind: 'unknown', schema: database, name, object_type: row.table_type, raw: raw(row) });
      continue;
    }
    if (couldNotOpen(row)) {
      // It is not an empty table: the previous snapshot's stands for it.
      hidden.push({ schema: database, kind: 'table', object: name, reason: `the server could not open the table (${row.comment ?? 'no reason given'})` });
      const unopened: Table = { kind: 'table', schema: database, name, columns: [] };
      objects.push(withOptions(unopened, row.engine ? { engine: row.engine } : {}));
      continue;
    }
    const { primaryKey, indexes } = buildKeys(statistics.get(name) ?? []);
    const table: Table = {
      kind: 'table',
      schema: database,
      name,
      columns: tableColumns.map((c) => buildColumn(c, tableRows.get(name), flavor, c.srid ?? srids.get(`${name}\u0000${c.name}`))),
      foreign_keys: buildForeignKeys(foreignKeys.get(name) ?? [], keyColumns, name),
      checks: buildChecks(checksByTable.get(name) ?? [], name, new Set(tableColumns.map((c) => c.name)), warnings, database),
      indexes,
      triggers: buildTriggers((triggers.get(name) ?? []).sort((a, b) => compare(a.name, b.name))),
    };
    if (primaryKey) table.primary_key = primaryKey;
    if (present(row.comment)) table.comment = row.comment;
    const tablePartitions = partitions.get(name);
    if (tablePartitions) {
      table.partitioning = buildPartitioning(tablePartitions);
      if (flavor === 'mariadb') warnings.push(...cutPartitionComments(tablePartitions.filter(recorded), `${database}.${name}`));
    }
    objects.push(withOptions(table, tableOptions(row, schemaRow)));
  }

  const parameters = groupBy(rowsOf<ParameterRow>(rows.parameters), (r) => `${r.routine_type}\u0000${r.routine_name}`);
  const routinePaths = new Set<string>();
  const routines = rowsOf<RoutineRow>(rows.routines).sort((a, b) => compare(a.routine_type, b.routine_type) || compare(a.name, b.name));
  for (const row of routines) {
    let reason = 'is not modelled';
    let described: object = row;
    if (row.routine_type === 'FUNCTION' || row.routine_type === 'PROCEDURE') {
      const routine = buildRoutine(row, parameters.get(`${row.routine_type}\u0000${row.name}`) ?? [], database);
      const name = objectName(routine);
      if (excluded(name)) continue;
      if (!routinePaths.has(name)) {
        routinePaths.add(name);
        if (row.definition === null) {
          const derived = routine.routine_type === 'function' ? { derived: ['options.aggregate'] } : {};
          hidden.push({ schema: database, kind: 'routine', object: name, attribute: 'definition', ...derived, reason: hiddenBodyReason(row) });
        }
        objects.push(routine);
        continue;
      }
      // Functions and procedures have separate namespaces, routine files one: the second is kept raw,
      // with its parameters spelt as a routine's `arguments` (ROUTINES has no column for them); left
      // out when it has none, as snapshots from before they were kept leave them out.
      reason = `shares the name ${name} with a function`;
      if (routine.arguments) described = { ...row, arguments: routine.arguments };
    }
    if (excluded(row.name)) continue;
    warnings.push(`${database}.${row.name}: ${row.routine_type.toLowerCase()} ${reason}; recorded raw`);
    if (row.definition === null) {
      hidden.push({ schema: database, kind: 'unknown', object: row.name, attribute: 'definition', rawType: row.routine_type, reason: hiddenBodyReason(row) });
    }
    objects.push({ kind: 'unknown', schema: database, name: row.name, object_type: row.routine_type, raw: raw(described) });
  }

  for (const row of rowsOf<EventRow>(rows.events)) {
    if (!excluded(row.name)) objects.push(buildEvent(row, database));
  }

  const schema: SchemaInfo = { name: database, ...(present(schemaRow?.comment) ? { comment: schemaRow.comment } : {}) };
  const snapshot = normalizeSnapshot({
    meta: { format: 1, dialect: 'mysql', server: context.server, database },
    schemas: [withOptions(schema, schemaRow ? { charset: schemaRow.charset, collation: schemaRow.collation } : {})],
    objects: mergeUnknown(objects),
  });
  return { snapshot, warnings, hidden, leftOut };
}

/** Raw objects that share a name (a MariaDB PACKAGE and its PACKAGE BODY) become one file. */
function mergeUnknown(objects: SchemaObject[]): SchemaObject[] {
  const out: SchemaObject[] = [];
  const unknown = new Map<string, number>();
  for (const object of objects) {
    const at = object.kind === 'unknown' ? unknown.get(object.name) : undefined;
    if (object.kind === 'unknown' && at !== undefined) {
      out[at] = mergedRaw(out[at] as UnknownObject, object);
      continue;
    }
    if (object.kind === 'unknown') unknown.set(object.name, out.length);
    out.push(object);
  }
  return out;
}
