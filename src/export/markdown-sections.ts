// One Markdown section per schema object: a heading, its comment, then what the model holds for
// its kind, always in the same order so that the page is byte-deterministic.
import { objectName } from '../model/canonical.js';
import type {
  Check,
  Column,
  Dialect,
  Event,
  Extension,
  ForeignKey,
  Index,
  MaterializedView,
  ObjectKind,
  Options,
  Partitioning,
  Policy,
  Routine,
  SchemaInfo,
  SchemaObject,
  Sequence,
  Subpartition,
  Table,
  Trigger,
  UniqueConstraint,
  UnknownObject,
  UserType,
  View,
  ViewColumn,
  VirtualTable,
} from '../model/types.js';
import { clonedForeignKey, ownParts, parentsColumns, parentTable } from '../model/partition-clones.js';
import { indexKeyText } from '../model/part-label.js';
import { cell, code, codeBlock, nameCell, paragraph, tableCode } from '../util/markdown.js';
import { listedName, objectLabel, qualifiedName } from '../util/qualified-name.js';
import { qualifiedKeyOf } from '../diff/dialect-rules.js';

const KIND_LABELS: Record<ObjectKind, string> = {
  table: 'Table',
  view: 'View',
  materialized_view: 'Materialized view',
  sequence: 'Sequence',
  type: 'Type',
  routine: 'Routine',
  extension: 'Extension',
  event: 'Event',
  virtual_table: 'Virtual table',
  unknown: 'Unknown',
};

/** What a table's section needs from the rest of the snapshot. */
export interface Tables {
  /** The foreign keys that point at a table, for its "Referenced by" lines (a partition's clones left out: its parent's is listed). */
  referencing(table: Table): { from: Table; fk: ForeignKey }[];
  /** The table a partition belongs to, when the snapshot holds it. */
  parentOf(table: Table): Table | undefined;
}

export function tablesOf(objects: SchemaObject[], dialect: Dialect): Tables {
  const tableKey = qualifiedKeyOf(dialect);
  const byKey = new Map(objects.flatMap((o) => (o.kind === 'table' ? [[tableKey(o.schema, o.name), o] as const] : [])));
  const parentOf = (table: Table) => parentTable(table, (schema, name) => byKey.get(tableKey(schema, name)));
  const incoming = new Map<string, { from: Table; fk: ForeignKey }[]>();
  for (const from of byKey.values()) {
    const parent = parentOf(from);
    for (const fk of from.foreign_keys ?? []) {
      if (clonedForeignKey(fk, parent)) continue;
      const key = tableKey(fk.references.schema, fk.references.table);
      (incoming.get(key) ?? incoming.set(key, []).get(key)!).push({ from, fk });
    }
  }
  return { referencing: (table) => incoming.get(tableKey(table.schema, table.name)) ?? [], parentOf };
}

const list = (names: string[]) => names.map(code).join(', ');


const optionalCode = (value: string | undefined) => (value === undefined ? undefined : code(value));
const optionalText = (value: string | number | undefined) => (value === undefined ? undefined : cell(String(value)));
const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');

/** `key=value` pairs as code; in a table cell, wrap is tableCode (a pipe would end the cell). */
function optionList(options: Options | undefined, wrap = code): string | undefined {
  const entries = Object.entries(options ?? {});
  return entries.length ? entries.map(([key, value]) => wrap(`${key}=${value}`)).join(', ') : undefined;
}

/**
 * The options a page documents: not PostgreSQL's `local` (an inheritance child's column or check
 * declared as well as inherited), which decides only what a later DROP on the parent takes along,
 * and would mark most columns of a child made with LIKE and INHERIT.
 */
function documented(options: Options | undefined): Options | undefined {
  if (options?.local === undefined) return options;
  const { local: _local, ...rest } = options;
  return rest;
}

/** The parts a line has, each after a comma: `, deferrable, not valid`. */
const tail = (parts: (string | false | undefined)[]) => parts.filter(Boolean).map((part) => `, ${part}`).join('');

/** A comment at the end of a line, after a dash. */
const commentTail = (comment: string | undefined) => (comment ? ` — ${cell(comment)}` : '');

/** A table column: its header, its cell for each row, and whether it is left out when no row has a value for it. */
type GridColumn<T> = [header: string, value: (row: T, index: number) => string | undefined, optional?: boolean];

/** A Markdown table, without the columns marked optional that are empty in every row. */
function grid<T>(rows: T[], columns: GridColumn<T>[]): string[] {
  const cells = rows.map((row, i) => columns.map(([, value]) => value(row, i) ?? ''));
  const shown = columns.map(([, , optional], c) => !optional || cells.some((row) => row[c] !== ''));
  const line = (values: string[]) => `| ${values.filter((_, c) => shown[c]).join(' | ')} |`;
  return ['', line(columns.map(([header]) => header)), `|${'---|'.repeat(shown.filter(Boolean).length)}`, ...cells.map(line)];
}

/** `- **Label**: value` for each value the object has, in the order given. */
function facts(entries: [label: string, value: string | undefined][]): string[] {
  return entries.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => `- **${label}**: ${value}`);
}

/** What sets a constraint apart from its plain kind (when it is checked, and whether it is), then its comment. */
function constraintFlags(constraint: Pick<Check, 'validated' | 'enforced' | 'no_inherit' | 'comment'> & Pick<UniqueConstraint, 'deferrable' | 'initially_deferred' | 'nulls_not_distinct' | 'options'>): string {
  const flags = tail([
    constraint.deferrable && (constraint.initially_deferred ? 'deferrable initially deferred' : 'deferrable'),
    constraint.nulls_not_distinct && 'nulls not distinct',
    constraint.validated === false && 'not valid',
    constraint.enforced === false && 'not enforced',
    constraint.no_inherit && 'no inherit',
    optionList(documented(constraint.options)),
  ]);
  return `${flags}${commentTail(constraint.comment)}`;
}

const constraintName = (name: string | undefined) => (name ? ` ${code(name)}` : '');

function checkLine(check: Check): string {
  return `- **Check**${constraintName(check.name)}${check.column ? ` on ${code(check.column)}` : ''}: ${code(check.expression)}${constraintFlags(check)}`;
}

function foreignKeyLine(fk: ForeignKey): string {
  const target = qualifiedName(fk.references.schema, fk.references.table);
  const actions = tail([
    fk.on_delete && fk.on_delete !== 'no action' && cell(`on delete ${fk.on_delete}`),
    fk.on_update && fk.on_update !== 'no action' && cell(`on update ${fk.on_update}`),
    fk.match && cell(`match ${fk.match}`),
    // DISABLE TRIGGER ALL on either table turns the key's own triggers off: it is neither checked nor cascades
    fk.triggers && cell(fk.triggers === 'disabled' ? 'triggers disabled: not enforced' : `triggers enabled ${fk.triggers}`),
  ]);
  return `- **References** ${list(fk.columns)} → ${code(target)}${fk.references.columns ? ` (${list(fk.references.columns)})` : ''}${fk.name ? ` via ${code(fk.name)}` : ''}${actions}${constraintFlags(fk)}`;
}

function policyLine(policy: Policy): string {
  const clauses = tail([policy.using && `using ${code(policy.using)}`, policy.with_check && `with check ${code(policy.with_check)}`]);
  return `- **Policy** ${code(policy.name)}: ${policy.permissive ? 'permissive' : 'restrictive'}, for ${cell(policy.command)} to ${list(policy.roles)}${clauses}${commentTail(policy.comment)}`;
}

const subpartition = (sub: Subpartition) => (typeof sub === 'string' ? code(sub) : `${code(sub.name)} (${cell(sub.comment)})`);

/** The partitioning line; partitions with a bound, comment or subpartitions get a line each below it, others are named on it. */
function partitioningLines(partitioning: Partitioning): string[] {
  const partitions = partitioning.partitions ?? [];
  const detailed = partitions.some((p) => p.bound !== undefined || p.comment || p.subpartitions?.length);
  const sub = partitioning.subpartitioning && `subpartitioned by ${code(`${partitioning.subpartitioning.strategy} ${partitioning.subpartitioning.key}`)}`;
  const names = partitions.length > 0 && !detailed && `partitions ${list(partitions.map((p) => p.name))}`;
  return [
    `- **Partitioned by** ${code(`${partitioning.strategy} ${partitioning.key}`)}${tail([names, sub])}`,
    ...(detailed ? partitions : []).map(
      (p) => `  - ${code(p.name)}${p.bound === undefined ? '' : `: ${code(p.bound)}`}${tail([!!p.subpartitions?.length && `subpartitions ${p.subpartitions.map(subpartition).join(', ')}`])}${commentTail(p.comment)}`,
    ),
  ];
}


/** The index table (the server's own DDL for an index, `definition`, says nothing its row does not). */
function indexTable(indexes: Index[] | undefined): string[] {
  if (!indexes?.length) return [];
  return grid(indexes, [
    ['index', (i) => nameCell(i.name)],
    ['columns', (i) => nameCell(`${i.columns.map((key) => indexKeyText(key, listedName)).join(', ')}${i.include?.length ? ` INCLUDE (${i.include.map(listedName).join(', ')})` : ''}`)],
    ['unique', (i) => `${i.unique ? 'yes' : 'no'}${i.nulls_not_distinct ? ', nulls not distinct' : ''}`],
    ['method', (i) => cell(i.method)],
    ['where', (i) => cell(i.where)],
    ['comment', (i) => cell(i.comment), true],
    ['options', (i) => optionList(i.options, tableCode), true],
  ]);
}

/** A line for each trigger: when it fires and how, then its comment; its definition below it. */
function triggerLines(triggers: Trigger[] | undefined): string[] {
  if (!triggers?.length) return [];
  return [
    '',
    ...triggers.flatMap((t) => {
      const fires = `${cell(`${t.timing} ${t.events.join('/')}`)}${t.columns?.length ? ` of ${list(t.columns)}` : ''}`;
      const flags = tail([
        t.level && cell(`for each ${t.level}`),
        t.when && `when ${code(t.when)}`,
        t.enabled && cell(t.enabled === 'disabled' ? t.enabled : `enabled ${t.enabled}`),
        optionList(t.options),
      ]);
      const definition = t.definition.trim() ? codeBlock(t.definition.trim(), 'sql').map((block) => block.replace(/^(?=.)/gm, '  ')) : [];
      return [`- **Trigger** ${code(t.name)}: ${fires}${flags}${commentTail(t.comment)}`, ...definition];
    }),
  ];
}

/** A table's column, a view's or a composite type's attribute (these have only some of a column's attributes). */
type AnyColumn = ViewColumn & Partial<Column>;

/** A column's default cell: its default and whatever else fills in its value. */
function columnValue(column: AnyColumn): string {
  return [
    column.default,
    column.identity && `identity (${column.identity})`,
    column.generated && `generated (${column.generated.stored ? 'stored' : 'virtual'}): ${column.generated.expression}`,
    column.auto_increment && 'auto increment',
    column.on_update && `on update ${column.on_update}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The column table. A table's shows every column of it; a view's or a composite type's leaves out
 * those no column has a value for. The options column is there only when some column has options.
 */
const typeCell = (type: string) => (type === '' ? '' : nameCell(type));

function columnTable(columns: AnyColumn[], label: string, allShown: boolean): string[] {
  return grid(columns, [
    ['#', (_, i) => String(i + 1)],
    [label, (c) => nameCell(c.name)],
    // A SQLite column may declare no type: its cell is left blank, as a missing default's is.
    ['type', (c) => typeCell([c.type, c.charset && `CHARACTER SET ${c.charset}`, c.collation && `COLLATE ${c.collation}`].filter(Boolean).join(' ')), !allShown],
    ['nullable', (c) => yesNo(c.nullable), !allShown],
    ['default', (c) => cell(columnValue(c)), !allShown],
    ['comment', (c) => cell(c.comment), !allShown],
    ['options', (c) => [c.hidden && 'hidden', optionList(documented(c.options), tableCode)].filter(Boolean).join(', '), true],
  ]);
}

/**
 * A table's columns, keys, references, partitioning, security, options, indexes and triggers. A
 * partition whose parent is in the snapshot shows only what it has of its own: the clones of the
 * parent's keys, indexes, checks and triggers, and the columns when they are the parent's, are
 * documented there, not again for each of its partitions.
 */
function tableBody(whole: Table, tables: Tables): string[] {
  const parent = tables.parentOf(whole);
  const table = parent ? ownParts(whole, parent) : whole;
  const parentColumns = parent !== undefined && parentsColumns(table.columns, parent.columns);
  const out = parentColumns ? [] : [...columnTable(table.columns, 'column', true), ''];
  const key = table.primary_key;
  const included = (include: string[] | undefined) => (include?.length ? ` include ${list(include)}` : '');
  if (key) out.push(`- **Primary key**${constraintName(key.name)}: ${list(key.columns)}${included(key.include)}${constraintFlags(key)}`);
  for (const u of table.unique_constraints ?? []) out.push(`- **Unique**${constraintName(u.name)}: ${list(u.columns)}${included(u.include)}${constraintFlags(u)}`);
  out.push(...(table.checks ?? []).map(checkLine));
  for (const x of table.exclusion_constraints ?? []) out.push(`- **Exclude** ${code(x.name)}: ${code(x.definition)}${constraintFlags(x)}`);
  out.push(...(table.foreign_keys ?? []).map(foreignKeyLine));
  for (const { from, fk } of tables.referencing(table)) {
    out.push(`- **Referenced by** ${code(qualifiedName(from.schema, from.name))} (${list(fk.columns)})${fk.name ? ` via ${code(fk.name)}` : ''}`);
  }
  if (table.partition_of) {
    const pending = table.partition_of.detach_pending ? ' (detach pending: out of its parent until `DETACH PARTITION … FINALIZE`)' : '';
    const of = `- **Partition of** ${code(qualifiedName(table.partition_of.schema, table.partition_of.table))} ${code(table.partition_of.bound)}${pending}`;
    out.push(parent ? `${of}; ${parentColumns ? 'its columns and ' : ''}its copies of the parent's keys, indexes, checks and triggers are documented there` : of);
  }
  if (table.partitioning) out.push(...partitioningLines(table.partitioning));
  if (table.inherits?.length) out.push(`- **Inherits** ${list(table.inherits.map((parent) => qualifiedName(parent.schema, parent.table)))}`);
  const security = table.row_security;
  if (security) out.push(`- **Row security**: ${security.enabled ? 'enabled' : 'disabled'}${security.forced ? ', forced' : ''}`);
  out.push(...(table.policies ?? []).map(policyLine));
  out.push(...facts([['Options', optionList(table.options)]]));
  return [...out, ...indexTable(table.indexes), ...triggerLines(table.triggers)];
}

function viewBody(view: View | MaterializedView): string[] {
  const out: string[] = [];
  const columns = view.columns ?? [];
  if (columns.some((c) => c.type || c.default || c.comment)) out.push(...columnTable(columns, 'column', false), '');
  else if (columns.length) out.push(`Columns: ${list(columns.map((c) => c.name))}`, '');
  out.push(...facts([['Check option', view.kind === 'view' ? optionalText(view.check_option) : undefined], ['Options', optionList(view.options)]]));
  out.push(...indexTable(view.kind === 'materialized_view' ? view.indexes : undefined));
  out.push(...triggerLines(view.kind === 'view' ? view.triggers : undefined), '');
  out.push(...codeBlock(view.definition.trim(), 'sql'));
  return out;
}

function routineBody(routine: Routine): string[] {
  return [
    ...facts([
      ['Kind', optionalText(routine.routine_type)],
      ['Arguments', routine.arguments === '' ? 'none' : optionalCode(routine.arguments)],
      ['Returns', optionalCode(routine.returns)],
      ['Language', optionalCode(routine.language)],
      ['Volatility', optionalText(routine.volatility)],
      ['Strict', yesNo(routine.strict)],
      ['Security', optionalText(routine.security)],
      ['Deterministic', yesNo(routine.deterministic)],
      ['Options', optionList(routine.options)],
    ]),
    '',
    ...(routine.definition ? codeBlock(routine.definition.trim(), 'sql') : []),
  ];
}

function sequenceBody(sequence: Sequence): string[] {
  return facts([
    ['Type', optionalCode(sequence.type)],
    ['Start', optionalText(sequence.start)],
    ['Increment', optionalText(sequence.increment)],
    ['Minimum', optionalText(sequence.min)],
    ['Maximum', optionalText(sequence.max)],
    ['Cache', optionalText(sequence.cache)],
    ['Cycle', yesNo(sequence.cycle)],
    ['Owned by', optionalCode(sequence.owned_by)],
    ['Options', optionList(sequence.options)],
  ]);
}

function typeBody(type: UserType): string[] {
  const out = facts([
    ['Kind', optionalText(type.type)],
    ['Values', type.values && list(type.values)],
    ['Base type', optionalCode(type.base_type)],
    ['Subtype', optionalCode(type.subtype)],
    ['Nullable', yesNo(type.nullable)],
    ['Default', optionalCode(type.default)],
    ['Collation', optionalCode(type.collation)],
    ['Options', optionList(type.options)],
  ]);
  out.push(...(type.checks ?? []).map(checkLine));
  if (type.attributes?.length) out.push(...columnTable(type.attributes, 'attribute', false));
  return out;
}

const extensionBody = (extension: Extension) => facts([['Version', optionalCode(extension.version)]]);

function eventBody(event: Event): string[] {
  return [
    ...facts([
      ['Schedule', code(event.schedule)],
      ['Status', optionalText(event.status)],
      ['On completion', optionalText(event.on_completion)],
      ['Options', optionList(event.options)],
    ]),
    '',
    ...codeBlock(event.definition.trim(), 'sql'),
  ];
}

function virtualTableBody(table: VirtualTable): string[] {
  return [...facts([['Module', code(table.module)], ['Arguments', table.arguments && list(table.arguments)]]), '', ...codeBlock(table.definition.trim(), 'sql')];
}

/** What the model has no shape for, field by field as the catalog gave it. */
function unknownBody(object: UnknownObject): string[] {
  const raw = Object.entries(object.raw).map(([key, value]) => `- ${code(key)}: ${code(typeof value === 'string' ? value : JSON.stringify(value))}`);
  return [...facts([['Object type', code(object.object_type)]]), ...raw];
}

function body(object: SchemaObject, tables: Tables): string[] {
  switch (object.kind) {
    case 'table':
      return tableBody(object, tables);
    case 'view':
    case 'materialized_view':
      return viewBody(object);
    case 'routine':
      return routineBody(object);
    case 'sequence':
      return sequenceBody(object);
    case 'type':
      return typeBody(object);
    case 'extension':
      return extensionBody(object);
    case 'event':
      return eventBody(object);
    case 'virtual_table':
      return virtualTableBody(object);
    case 'unknown':
      return unknownBody(object);
  }
}

/** What a schema says about itself, under its heading: its comment and defaults (MySQL charset). */
export function schemaIntro(schema: SchemaInfo): string[] {
  return [...(schema.comment ? [paragraph(schema.comment), ''] : []), ...facts([['Options', optionList(schema.options)]]), ''];
}

export function objectSection(object: SchemaObject, tables: Tables): string[] {
  const label = objectLabel(object.schema, object.kind, objectName(object));
  const out = [`### ${KIND_LABELS[object.kind]} ${code(label)}`, ''];
  if ('comment' in object && object.comment) out.push(paragraph(object.comment), '');
  return [...out, ...body(object, tables), ''];
}
