// One Markdown section per schema object: a heading, its comment, then what the model holds for
// its kind, always in the same order so that the page is byte-deterministic.
import { objectName } from '../model/canonical.js';
import type {
  Check,
  Column,
  Event,
  Extension,
  ForeignKey,
  Index,
  IndexKey,
  MaterializedView,
  ObjectKind,
  Options,
  Partitioning,
  Policy,
  Routine,
  SchemaInfo,
  SchemaObject,
  Sequence,
  Table,
  Trigger,
  UniqueConstraint,
  UnknownObject,
  UserType,
  View,
  VirtualTable,
} from '../model/types.js';
import { cell, code, codeBlock, paragraph } from '../util/markdown.js';

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

/** The foreign keys that point at each table, for its "Referenced by" lines. */
export type ReferencesIn = Map<string, { from: Table; fk: ForeignKey }[]>;

const tableKey = (schema: string, table: string) => `${schema}\u0000${table}`;

export function referencesIn(objects: SchemaObject[]): ReferencesIn {
  const incoming: ReferencesIn = new Map();
  for (const from of objects) {
    if (from.kind !== 'table') continue;
    for (const fk of from.foreign_keys ?? []) {
      const key = tableKey(fk.references.schema, fk.references.table);
      (incoming.get(key) ?? incoming.set(key, []).get(key)!).push({ from, fk });
    }
  }
  return incoming;
}

const list = (names: string[]) => names.map(code).join(', ');
const optionalCode = (value: string | undefined) => (value === undefined ? undefined : code(value));
const optionalText = (value: string | number | undefined) => (value === undefined ? undefined : cell(String(value)));
const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');

function optionList(options: Options | undefined): string | undefined {
  const entries = Object.entries(options ?? {});
  return entries.length ? entries.map(([key, value]) => code(`${key}=${value}`)).join(', ') : undefined;
}

/** `- **Label**: value` for each value the object has, in the order given. */
function facts(entries: [label: string, value: string | undefined][]): string[] {
  return entries.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => `- **${label}**: ${value}`);
}

/** What sets a constraint apart from its plain kind: when it is checked, and whether it is. */
function constraintFlags(constraint: Pick<Check, 'validated' | 'enforced' | 'no_inherit'> & Pick<UniqueConstraint, 'deferrable' | 'initially_deferred' | 'nulls_not_distinct' | 'options'>): string {
  return [
    constraint.deferrable && (constraint.initially_deferred ? 'deferrable initially deferred' : 'deferrable'),
    constraint.nulls_not_distinct && 'nulls not distinct',
    constraint.validated === false && 'not valid',
    constraint.enforced === false && 'not enforced',
    constraint.no_inherit && 'no inherit',
    optionList(constraint.options),
  ]
    .filter(Boolean)
    .map((flag) => `, ${flag}`)
    .join('');
}

const constraintName = (name: string | undefined) => (name ? ` ${code(name)}` : '');

function checkLine(check: Check): string {
  return `- **Check**${constraintName(check.name)}: ${code(check.expression)}${constraintFlags(check)}`;
}

function foreignKeyLine(fk: ForeignKey): string {
  const target = `${fk.references.schema}.${fk.references.table}`;
  const actions = [
    fk.on_delete && fk.on_delete !== 'no action' ? `on delete ${fk.on_delete}` : '',
    fk.on_update && fk.on_update !== 'no action' ? `on update ${fk.on_update}` : '',
    fk.match ? `match ${fk.match}` : '',
  ]
    .filter(Boolean)
    .map((action) => `, ${cell(action)}`)
    .join('');
  return `- **References** ${list(fk.columns)} → ${code(target)}${fk.references.columns ? ` (${list(fk.references.columns)})` : ''}${fk.name ? ` via ${code(fk.name)}` : ''}${actions}${constraintFlags(fk)}`;
}

function policyLine(policy: Policy): string {
  const using = policy.using ? `, using ${code(policy.using)}` : '';
  const withCheck = policy.with_check ? `, with check ${code(policy.with_check)}` : '';
  return `- **Policy** ${code(policy.name)}: ${policy.permissive ? 'permissive' : 'restrictive'}, for ${cell(policy.command)} to ${list(policy.roles)}${using}${withCheck}`;
}

function partitioningLine(partitioning: Partitioning): string {
  const partitions = partitioning.partitions?.length ? `, partitions ${list(partitioning.partitions.map((p) => p.name))}` : '';
  const sub = partitioning.subpartitioning ? `, subpartitioned by ${code(`${partitioning.subpartitioning.strategy} ${partitioning.subpartitioning.key}`)}` : '';
  return `- **Partitioned by** ${code(`${partitioning.strategy} ${partitioning.key}`)}${partitions}${sub}`;
}

/** A key as the index's DDL would spell it. */
function keyText(key: IndexKey): string {
  if (typeof key === 'string') return key;
  const base = `${key.column ?? key.expression ?? ''}${key.length ? `(${key.length})` : ''}`;
  return [base, key.collation && `COLLATE ${key.collation}`, key.opclass, key.descending && 'DESC', key.nulls && `NULLS ${key.nulls.toUpperCase()}`].filter(Boolean).join(' ');
}

function indexTable(indexes: Index[] | undefined): string[] {
  if (!indexes?.length) return [];
  const rows = indexes.map((i) => {
    const columns = `${i.columns.map(keyText).join(', ')}${i.include?.length ? ` INCLUDE (${i.include.join(', ')})` : ''}`;
    const unique = `${i.unique ? 'yes' : 'no'}${i.nulls_not_distinct ? ', nulls not distinct' : ''}`;
    return `| ${cell(i.name)} | ${cell(columns)} | ${unique} | ${cell(i.method)} | ${cell(i.where)} |`;
  });
  return ['', '| index | columns | unique | method | where |', '|---|---|---|---|---|', ...rows];
}

function triggerLine(triggers: Trigger[] | undefined): string[] {
  if (!triggers?.length) return [];
  return ['', `Triggers: ${triggers.map((t) => `${code(t.name)} (${cell(`${t.timing} ${t.events.join('/')}`)})`).join(', ')}`];
}

/** A column's default cell: its default and whatever else fills in its value. */
function columnValue(column: Column): string {
  return [
    column.default,
    column.identity && `identity (${column.identity})`,
    column.generated && `generated: ${column.generated.expression}`,
    column.auto_increment && 'auto increment',
    column.on_update && `on update ${column.on_update}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function tableBody(table: Table, incoming: ReferencesIn): string[] {
  const out = ['| # | column | type | nullable | default | comment |', '|---|---|---|---|---|---|'];
  table.columns.forEach((c, i) => out.push(`| ${i + 1} | ${cell(c.name)} | ${cell(c.type)} | ${c.nullable ? 'yes' : 'no'} | ${cell(columnValue(c))} | ${cell(c.comment)} |`));
  out.push('');
  const key = table.primary_key;
  const included = (include: string[] | undefined) => (include?.length ? ` include ${list(include)}` : '');
  if (key) out.push(`- **Primary key**${constraintName(key.name)}: ${list(key.columns)}${included(key.include)}${constraintFlags(key)}`);
  for (const u of table.unique_constraints ?? []) out.push(`- **Unique**${constraintName(u.name)}: ${list(u.columns)}${included(u.include)}${constraintFlags(u)}`);
  out.push(...(table.checks ?? []).map(checkLine));
  for (const x of table.exclusion_constraints ?? []) out.push(`- **Exclude** ${code(x.name)}: ${code(x.definition)}${constraintFlags(x)}`);
  out.push(...(table.foreign_keys ?? []).map(foreignKeyLine));
  for (const { from, fk } of incoming.get(tableKey(table.schema, table.name)) ?? []) {
    out.push(`- **Referenced by** ${code(`${from.schema}.${from.name}`)} (${list(fk.columns)})${fk.name ? ` via ${code(fk.name)}` : ''}`);
  }
  if (table.partition_of) out.push(`- **Partition of** ${code(`${table.partition_of.schema}.${table.partition_of.table}`)} ${code(table.partition_of.bound)}`);
  if (table.partitioning) out.push(partitioningLine(table.partitioning));
  if (table.inherits?.length) out.push(`- **Inherits** ${list(table.inherits.map((parent) => `${parent.schema}.${parent.table}`))}`);
  const security = table.row_security;
  if (security) out.push(`- **Row security**: ${security.enabled ? 'enabled' : 'disabled'}${security.forced ? ', forced' : ''}`);
  out.push(...(table.policies ?? []).map(policyLine));
  out.push(...facts([['Options', optionList(table.options)]]));
  return [...out, ...indexTable(table.indexes), ...triggerLine(table.triggers)];
}

function viewBody(view: View | MaterializedView): string[] {
  const out: string[] = [];
  if (view.columns?.length) out.push(`Columns: ${view.columns.map((c) => code(c.name)).join(', ')}`, '');
  out.push(...facts([['Check option', view.kind === 'view' ? optionalText(view.check_option) : undefined], ['Options', optionList(view.options)]]));
  out.push(...indexTable(view.kind === 'materialized_view' ? view.indexes : undefined));
  out.push(...triggerLine(view.kind === 'view' ? view.triggers : undefined), '');
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
  if (type.attributes?.length) {
    out.push('', '| # | attribute | type | comment |', '|---|---|---|---|');
    type.attributes.forEach((a, i) => out.push(`| ${i + 1} | ${cell(a.name)} | ${cell(a.collation ? `${a.type} COLLATE ${a.collation}` : a.type)} | ${cell(a.comment)} |`));
  }
  return out;
}

const extensionBody = (extension: Extension) => facts([['Version', optionalCode(extension.version)]]);

function eventBody(event: Event): string[] {
  return [
    ...facts([
      ['Schedule', code(event.schedule)],
      ['Status', optionalText(event.status)],
      ['On completion', optionalText(event.on_completion)],
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

function body(object: SchemaObject, incoming: ReferencesIn): string[] {
  switch (object.kind) {
    case 'table':
      return tableBody(object, incoming);
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

export function objectSection(object: SchemaObject, incoming: ReferencesIn): string[] {
  const out = [`### ${KIND_LABELS[object.kind]} ${code(`${object.schema}.${objectName(object)}`)}`, ''];
  if ('comment' in object && object.comment) out.push(paragraph(object.comment), '');
  return [...out, ...body(object, incoming), ''];
}
