// Sequences, types, routines, extensions and the objects the model has no shape for yet.
import type { CatalogInt, Check, Extension, Options, Routine, SchemaObject, Sequence, UnknownObject, UserType } from '../../model/types.js';
import { defaultSequenceBounds } from '../../model/sequence-bounds.js';
import { groupBy } from '../../util/group-by.js';
import { plural } from '../../util/plural.js';
import { qualifiedName } from '../../util/qualified-name.js';
import { buildColumn, buildConstraints, buildTrigger, commented, namedValues, required, type RelationParts } from './assemble-relations.js';
import type { ExtensionRow, OtherRow, RoutineRow, SequenceRow, TypeRow } from './rows.js';

/** A bigint as the model wants it: a number when a double holds it exactly, else its text. */
function catalogInt(text: string): CatalogInt {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

function buildSequence(row: SequenceRow): Sequence {
  const sequence: Sequence = {
    kind: 'sequence',
    schema: row.schema,
    name: row.name,
    type: row.type,
    start: catalogInt(row.start),
    increment: catalogInt(row.increment),
    cache: catalogInt(row.cache),
  };
  // min and max are left out when they are what CREATE SEQUENCE picks for the type and direction.
  const bounds = defaultSequenceBounds('postgres', row.type, row.increment);
  if (row.min !== bounds?.[0]) sequence.min = catalogInt(row.min);
  if (row.max !== bounds?.[1]) sequence.max = catalogInt(row.max);
  if (row.cycle) sequence.cycle = true;
  // A name holding a dot or a quote is quoted, or the three names could not be told apart.
  if (row.owner_column !== null) sequence.owned_by = qualifiedName(row.owner_schema!, row.owner_table!, row.owner_column);
  if (row.comment !== null) sequence.comment = row.comment;
  // Not WAL-logged: after a crash it restarts, and it is not replicated (ALTER SEQUENCE … SET UNLOGGED).
  if (row.unlogged) sequence.options = { unlogged: true };
  return sequence;
}

function domainChecks(row: TypeRow): Check[] {
  return (row.check_names ?? []).map((name, i) => {
    let text = required(row.check_definitions![i]!, `check ${name} of domain ${row.schema}.${row.name}`);
    const validated = row.check_validated![i]!;
    if (!validated && text.endsWith(' NOT VALID')) text = text.slice(0, -' NOT VALID'.length);
    const expression = text.startsWith('CHECK (') && text.endsWith(')') ? text.slice('CHECK ('.length, -1) : text;
    return { name, expression, ...(validated ? {} : { validated: false }), ...commented({ comment: row.check_comments![i] ?? null }) };
  });
}

function withoutEmpty(options: Record<string, string | number | boolean | null>): Options | undefined {
  const out: Options = {};
  for (const [key, value] of Object.entries(options)) if (value !== null) out[key] = value;
  return Object.keys(out).length ? out : undefined;
}

function buildType(row: TypeRow): UserType {
  const common = { kind: 'type' as const, schema: row.schema, name: row.name, ...(row.comment !== null ? { comment: row.comment } : {}) };
  switch (row.typtype) {
    case 'e':
      return { ...common, type: 'enum', values: row.enum_values ?? [] };
    case 'd': {
      const domain: UserType = { ...common, type: 'domain', base_type: row.base_type!, nullable: !row.not_null, checks: domainChecks(row) };
      if (row.default_expr !== null) domain.default = row.default_expr;
      if (row.collation !== null) domain.collation = row.collation;
      return domain;
    }
    case 'c':
      return {
        ...common,
        type: 'composite',
        attributes: (row.attribute_names ?? []).map((name, i) => {
          const collation = row.attribute_collations![i];
          return { name, type: row.attribute_types![i]!, ...(collation ? { collation } : {}), ...commented({ comment: row.attribute_comments![i] ?? null }) };
        }),
      };
    case 'r': {
      const range: UserType = { ...common, type: 'range', subtype: row.subtype! };
      if (row.range_collation !== null) range.collation = row.range_collation;
      const options = withoutEmpty({ subtype_opclass: row.range_opclass, canonical: row.range_canonical, subtype_diff: row.range_subdiff, multirange_type_name: row.multirange, multirange_comment: row.multirange_comment });
      if (options) range.options = options;
      return range;
    }
    default: {
      const base: UserType = { ...common, type: 'base' };
      // Named as CREATE TYPE's parameters; ALTER TYPE … SET changes storage and the functions.
      const options = withoutEmpty({
        input: row.input_function,
        output: row.output_function,
        receive: row.receive_function,
        send: row.send_function,
        typmod_in: row.typmod_in_function,
        typmod_out: row.typmod_out_function,
        analyze: row.analyze_function,
        subscript: row.subscript_function,
        internallength: row.internal_length,
        passedbyvalue: row.passed_by_value,
        alignment: row.alignment,
        storage: row.storage,
        category: row.category,
        preferred: row.preferred,
        element: row.element,
        delimiter: row.delimiter,
        collatable: row.collatable,
      });
      if (options) base.options = options;
      if (row.default_expr !== null) base.default = row.default_expr;
      return base;
    }
  }
}

const ROUTINE_TYPES = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' } as const;
const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const;
const PARALLEL = { s: 'safe', r: 'restricted', u: null } as const;
const AGGREGATE_KINDS: Record<string, string> = { o: 'ordered-set', h: 'hypothetical' };
const FINAL_MODIFY: Record<string, string> = { r: 'read_only', s: 'shareable', w: 'read_write' };

/**
 * A final function's FINALFUNC_MODIFY, where it has one and says other than the default: an
 * ordered-set aggregate's final function may modify the state by default, another's not.
 */
function finalModify(finalfunc: string | null, modify: string | null, aggregateKind: string | null): string | null {
  const byDefault = aggregateKind === 'n' ? 'r' : 'w';
  return finalfunc !== null && modify !== null && modify !== byDefault ? (FINAL_MODIFY[modify] ?? modify) : null;
}

/** The COST CREATE FUNCTION gives a routine that names none (pg_get_functiondef prints it when it differs). */
const defaultCost = (language: string) => (language === 'internal' || language === 'c' ? 1 : 100);

/**
 * The attributes ALTER FUNCTION sets (SUPPORT included), where they are not the defaults. An
 * internal or C function's definition (its symbol) does not say them, and pg_get_functiondef's says them only
 * as text, where `SET search_path` changing read as the whole definition changing. A SET
 * configuration is `set.<name>`, as ALTER FUNCTION … SET names it (`set.search_path`).
 */
function routineOptions(row: RoutineRow): Options | undefined {
  return withoutEmpty({
    library: row.library,
    parallel: PARALLEL[row.parallel],
    leakproof: row.leakproof || null,
    cost: row.cost !== defaultCost(row.language) ? row.cost : null,
    rows: row.returns_set && row.rows !== 1000 ? row.rows : null,
    support: row.support,
    ...namedValues(row.config, 'set.'),
  });
}

function buildRoutine(row: RoutineRow): Routine {
  const routine: Routine = {
    kind: 'routine',
    schema: row.schema,
    name: row.name,
    routine_type: ROUTINE_TYPES[row.prokind],
    argument_types: row.argument_types,
    arguments: row.arguments,
    language: row.language,
    security: row.security_definer ? 'definer' : 'invoker',
  };
  if (row.returns !== null) routine.returns = row.returns;
  if (row.prokind !== 'p') {
    routine.volatility = VOLATILITY[row.volatility];
    routine.strict = row.strict;
  }
  if (row.prokind === 'a') {
    const options = withoutEmpty({
      sfunc: row.agg_sfunc,
      stype: row.agg_stype,
      finalfunc: row.agg_finalfunc,
      combinefunc: row.agg_combinefunc,
      initcond: row.agg_initcond,
      sortop: row.agg_sortop,
      kind: AGGREGATE_KINDS[row.agg_kind ?? ''] ?? null,
      parallel: PARALLEL[row.parallel],
      finalfunc_modify: finalModify(row.agg_finalfunc, row.agg_finalfunc_modify, row.agg_kind),
      // FINALFUNC_EXTRA: the final function takes the aggregate's arguments too (as NULLs).
      finalfunc_extra: row.agg_finalfunc_extra || null,
      serialfunc: row.agg_serialfunc,
      deserialfunc: row.agg_deserialfunc,
      sspace: row.agg_sspace,
      msfunc: row.agg_msfunc,
      minvfunc: row.agg_minvfunc,
      mstype: row.agg_mstype,
      msspace: row.agg_msspace,
      mfinalfunc: row.agg_mfinalfunc,
      mfinalfunc_modify: finalModify(row.agg_mfinalfunc, row.agg_mfinalfunc_modify, row.agg_kind),
      mfinalfunc_extra: row.agg_mfinalfunc_extra || null,
      minitcond: row.agg_minitcond,
    });
    if (options) routine.options = options;
  } else {
    routine.definition = required(row.definition, `the definition of ${row.schema}.${row.name}`);
    const options = routineOptions(row);
    if (options) routine.options = options;
  }
  if (row.comment !== null) routine.comment = row.comment;
  return routine;
}

function buildExtension(row: ExtensionRow): Extension {
  const extension: Extension = { kind: 'extension', schema: row.schema, name: row.name, version: row.version };
  if (row.comment !== null) extension.comment = row.comment;
  return extension;
}

/** JSON from the server with its nulls dropped, as the model omits absent values. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** Names are unique among a relation's checks, and among its triggers. */
const byName = <T extends { name?: string }>(list: T[]): T[] => list.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1));

/**
 * A foreign table is a relation: its columns (with their FDW options), checks and triggers come
 * from the relation queries and are recorded as a table's are, in name order.
 */
function buildUnknown(row: OtherRow, parts: RelationParts): UnknownObject {
  const raw = withoutNulls(row.raw) as Record<string, unknown>;
  if (row.relid !== null) {
    const label = `${row.schema}.${row.name}`;
    // FDW options beside the column's own options map (storage, statistics), not in its place.
    raw.columns = (parts.columns.get(row.relid) ?? []).map((c) => ({ ...buildColumn(c), ...(c.fdw_options?.length ? { fdw_options: c.fdw_options } : {}) }));
    const checks = byName(buildConstraints(parts.constraints.get(row.relid) ?? [], label).checks);
    const triggers = byName((parts.triggers.get(row.relid) ?? []).map((t) => buildTrigger(t, label)));
    if (checks.length) raw.checks = checks;
    if (triggers.length) raw.triggers = triggers;
  }
  return { kind: 'unknown', schema: row.schema, name: row.name, ...(row.comment !== null ? { comment: row.comment } : {}), object_type: row.object_type, raw };
}

/**
 * Raw objects of different kinds can share a name in a schema (CREATE OPERATOR CLASS makes an
 * operator family of its own name; a text search configuration and its dictionary are often
 * named alike), and of one kind too (collations of one name for different encodings; a rule
 * `a.b` of table `a` and a rule `b` of table `a.b`). Each in a file of its own would give the tree
 * two entries of one name, which git refuses (fsck: duplicateEntries) and readers take only one
 * of: they share one file instead, each one's part (and comment) under its object type, in the
 * order of those, several of one type as a list in a fixed order.
 */
function mergeSharedNames(objects: UnknownObject[]): UnknownObject[] {
  return [...groupBy(objects, (o) => `${o.schema}\u0000${o.name}`).values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const parts = group
      .map((o) => {
        const part = o.comment === undefined ? o.raw : { ...o.raw, comment: o.comment };
        return { type: o.object_type, part, order: JSON.stringify(part) };
      })
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    const byType = groupBy(parts, (p) => p.type);
    return {
      kind: 'unknown',
      schema: group[0]!.schema,
      name: group[0]!.name,
      object_type: [...byType.keys()].join(', '),
      raw: Object.fromEntries([...byType].map(([type, same]) => [type, same.length === 1 ? same[0]!.part : same.map((p) => p.part)])),
    };
  });
}

/** The object types whose plural is not the singular and an s. */
const TYPE_PLURALS: Record<string, string> = { 'operator family': 'operator families', statistics: 'statistics' };

/** One warning per kind of object recorded raw, so that nothing is silently left out. */
function unknownWarnings(rows: OtherRow[]): string[] {
  return [...groupBy(rows, (r) => r.object_type)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, list]) => {
      const first = list.map((r) => `${r.schema}.${r.name}`).sort()[0];
      return `${plural(list.length, type, TYPE_PLURALS[type])} (e.g. ${first}) not modelled yet; recorded raw under <schema>/unknown/`;
    });
}

export function buildObjects(
  rows: { sequences: SequenceRow[]; types: TypeRow[]; routines: RoutineRow[]; extensions: ExtensionRow[]; others: OtherRow[] },
  parts: RelationParts,
): { objects: SchemaObject[]; warnings: string[] } {
  return {
    objects: [
      ...rows.sequences.map(buildSequence),
      ...rows.types.map(buildType),
      ...rows.routines.map(buildRoutine),
      ...rows.extensions.map(buildExtension),
      ...mergeSharedNames(rows.others.map((row) => buildUnknown(row, parts))),
    ],
    warnings: unknownWarnings(rows.others),
  };
}
