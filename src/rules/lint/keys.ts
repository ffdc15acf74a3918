// Key rules: a table without a primary key or with one that NULLs slip into, foreign keys without a
// covering index or with a type that differs from the referenced column's, and unique keys that
// NULLs slip through.
import type { Dialect, ForeignKey, Index, Table } from '../../model/types.js';
import { DIALECT_TYPES } from '../dialect-types.js';
import { keyAndIndexNames } from '../model-index.js';
import type { Hit, LintRule, RuleContext } from '../rule.js';
import { columnKeyOf } from '../../diff/dialect-rules.js';
import { sqlName } from '../../model/sql-name.js';
import { namePart, qualifiedName } from '../../util/qualified-name.js';
import { clonedForeignKey, parentTable } from '../../model/partition-clones.js';
import { takenFromTable, TEXT_TYPE } from '../../model/table-charset.js';
import { accessPaths, foreignKeyCovered, notNullTerms, type NameKey } from './index-keys.js';

const list = (columns: readonly string[]) => columns.join(', ');
/** The referenced table, with its schema when it is not the referencing table's: `other.parent` and `parent` may both exist. */
const qualified = (schema: string, table: string, from: Table) => (schema === from.schema ? namePart(table) : qualifiedName(schema, table));
const referencedTable = (fk: ForeignKey, from: Table) => qualified(fk.references.schema, fk.references.table, from);
const fkLabel = (fk: ForeignKey, from: Table) =>
  `foreign key ${fk.name === undefined ? '' : `${JSON.stringify(fk.name)} `}(${list(fk.columns)}) → ${referencedTable(fk, from)}${fk.references.columns ? `(${list(fk.references.columns)})` : ''}`;
const fkPart = (fk: ForeignKey, index: number): Hit['part'] => (fk.name === undefined ? { index } : { name: fk.name });

/** Names a new index of `table` may not take: its own indexes' and keys', and where index names are the schema's, every relation's there. */
function indexNameTaken(table: Table, { dialect, model }: RuleContext): (name: string) => boolean {
  const key = columnKeyOf(dialect);
  const own = new Set(keyAndIndexNames(table).map(key));
  const schemaWide = DIALECT_TYPES[dialect].indexNamespace === 'schema';
  return (name) => own.has(key(name)) || (schemaWide && (model.relationNamed(table.schema, name) || model.proposedForOther(table.schema, name, table)));
}

/**
 * A free name for an index on `columns`: table_columns_idx, as PostgreSQL names one itself (the longer
 * of the two parts cut until the name fits the identifier limit; on PostgreSQL below it, since
 * naming-length-limit reads a name of exactly 63 bytes as cut), numbered (_idx1, _idx2 …) past names
 * already taken.
 */
function indexName(table: Table, columns: string[], dialect: Dialect, taken: (name: string) => boolean): string {
  const limit = DIALECT_TYPES[dialect].nameLimit;
  const room = limit === undefined ? Infinity : limit.max - (limit.truncates ? 1 : 0);
  const size = (name: string) => (limit?.unit === 'bytes' ? Buffer.byteLength(name) : [...name].length);
  for (let n = 0; ; n++) {
    const suffix = `_idx${n === 0 ? '' : n}`;
    const parts = [[...table.name], [...columns.join('_')]];
    const name = () => `${parts[0]!.join('')}_${parts[1]!.join('')}${suffix}`;
    while (size(name()) > room) parts[parts[0]!.length >= parts[1]!.length ? 0 : 1]!.pop();
    if (!taken(name())) return name();
  }
}

/** The DDL of an index on `columns`, as the dialect writes it. */
function indexDdl(table: Table, columns: string[], name: string, dialect: Dialect): string {
  // MySQL's schema is the database connected to, SQLite's main: only PostgreSQL names it.
  const on = dialect === 'postgres' ? `${sqlName(table.schema, dialect)}.${sqlName(table.name, dialect)}` : sqlName(table.name, dialect);
  return `create an index on the foreign key columns: CREATE INDEX ${sqlName(name, dialect)} ON ${on} (${columns.map((c) => sqlName(c, dialect)).join(', ')});`;
}

export const noPrimaryKey: LintRule = {
  id: 'structure-no-primary-key',
  family: 'structure',
  level: 'warning',
  summary: 'Every table has a primary key.',
  description:
    'Without a primary key rows cannot be addressed reliably, logical replication and many tools refuse ' +
    'the table, and duplicates creep in. Partitions are judged through their parent (one whose parent the snapshot does not hold, on its own).',
  examples: { bad: 'CREATE TABLE event (occurred_at timestamptz, payload jsonb);', good: 'CREATE TABLE event (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, occurred_at timestamptz, payload jsonb);' },
  hint: 'add a primary key (a surrogate identity column if no natural key exists)',
  appliesTo: ['table'],
  // A partition lacks a key only when its parent does, and a key added there is the fix: judged
  // there, unless the snapshot does not hold the parent.
  check: (object, { model }) =>
    object.kind === 'table' && !object.primary_key && !parentTable(object, (schema, name) => model.table(schema, name))
      ? [{ kind: 'table', message: `table ${JSON.stringify(object.name)} has no primary key` }]
      : [],
};

export const nullablePrimaryKey: LintRule = {
  id: 'structure-nullable-primary-key',
  family: 'structure',
  level: 'warning',
  summary: 'Primary key columns are NOT NULL.',
  description:
    'SQLite keeps a legacy bug: in a rowid table a PRIMARY KEY column other than INTEGER PRIMARY KEY ' +
    'accepts NULL unless it is declared NOT NULL, and every NULL is distinct, so rows with no key pile up. ' +
    '(STRICT and WITHOUT ROWID tables, PostgreSQL and MySQL make key columns NOT NULL themselves.)',
  examples: { bad: 'CREATE TABLE country (code text PRIMARY KEY, name text);', good: 'CREATE TABLE country (code text NOT NULL PRIMARY KEY, name text);' },
  hint: 'declare the primary key columns NOT NULL (SQLite: re-create the table; clear out rows with a NULL key first)',
  appliesTo: ['table'],
  check: (object) => {
    if (object.kind !== 'table' || !object.primary_key) return [];
    const open = object.primary_key.columns.filter((name) => object.columns.find((c) => c.name === name)?.nullable);
    if (open.length === 0) return [];
    const { name } = object.primary_key;
    const key = name === undefined ? `(${list(object.primary_key.columns)})` : JSON.stringify(name);
    return [{ kind: 'primary_key', part: name === undefined ? { index: 0 } : { name }, message: `primary key ${key} accepts NULL in column${open.length > 1 ? 's' : ''} ${list(open)}` }];
  },
};

export const foreignKeyNotEnforced: LintRule = {
  id: 'structure-fk-not-enforced',
  family: 'structure',
  level: 'warning',
  summary: 'Every foreign key is enforced: its internal triggers are on.',
  description:
    'PostgreSQL enforces a foreign key with internal triggers on both tables. ALTER TABLE … DISABLE TRIGGER ALL ' +
    'on either table (what pg_restore --disable-triggers and many bulk loads run) turns them off, and until they ' +
    'are turned on again nothing checks the key, nor does it cascade: orphaned rows go in without an error. ' +
    'Triggers set to fire on replicas only are off for ordinary sessions too.',
  examples: { bad: 'ALTER TABLE customer DISABLE TRIGGER ALL;  -- and never enabled again', good: 'ALTER TABLE customer ENABLE TRIGGER ALL;' },
  hint: 'turn the triggers back on (ALTER TABLE … ENABLE TRIGGER ALL on both tables), then look for rows that broke the key while it was off',
  appliesTo: ['table'],
  check: (object) => {
    if (object.kind !== 'table') return [];
    const why = (triggers: string) => (/\bdisabled\b/.test(triggers) ? 'its triggers are disabled' : /\breplica\b/.test(triggers) ? 'its triggers fire on replicas only' : undefined);
    return (object.foreign_keys ?? []).flatMap((fk, i) => {
      const reason = why(fk.triggers ?? '');
      return reason ? [{ kind: 'foreign_key', part: fkPart(fk, i), message: `${fkLabel(fk, object)} is not enforced: ${reason}` } satisfies Hit] : [];
    });
  },
};

export const foreignKeyIndex: LintRule = {
  id: 'structure-fk-not-indexed',
  family: 'structure',
  level: 'warning',
  summary: 'Every foreign key has an index (or key) whose leading columns are its columns.',
  description:
    'Deleting or updating a referenced row must find the referencing rows; without an index on the ' +
    'foreign key columns that is a full scan of the referencing table, under lock. An index, primary key ' +
    'or unique constraint covers the key when its leading columns are exactly the key columns (in any order); ' +
    "a partitioned table's key, when every partition has one.",
  examples: {
    bad: 'CREATE TABLE payment (id int PRIMARY KEY, rental_id int REFERENCES rental);',
    good: 'CREATE TABLE payment (id int PRIMARY KEY, rental_id int REFERENCES rental);\nCREATE INDEX payment_rental_id_idx ON payment (rental_id);',
  },
  hint: 'create an index on the foreign key columns',
  appliesTo: ['table'],
  check: (object, context) => {
    if (object.kind !== 'table') return [];
    const { model, dialect } = context;
    const parent = parentTable(object, (schema, name) => model.table(schema, name));
    const taken = indexNameTaken(object, context);
    // Each hint's index gets a name of its own (of the schema's, where index names are the schema's), so
    // that all of them can be run; keys on the same columns share one.
    const named = new Map<string, string>();
    const nameFor = (columns: string[]) => {
      const key = JSON.stringify(columns);
      let name = named.get(key);
      if (name === undefined) {
        named.set(key, (name = indexName(object, columns, dialect, (n) => taken(n) || [...named.values()].includes(n))));
        model.propose(object.schema, name, object);
      }
      return name;
    };
    return (object.foreign_keys ?? []).flatMap((fk, i) => {
      if (foreignKeyCovered(object, fk, (t) => model.partitions(t), model.nameKey) || clonedForeignKey(fk, parent)) return [];
      const waiting = unattachedIndex(object, fk);
      const hint = waiting ? attachHint(object, waiting, dialect) : indexDdl(object, fk.columns, nameFor(fk.columns), dialect);
      return [{ kind: 'foreign_key', part: fkPart(fk, i), message: `${fkLabel(fk, object)} has no index on (${list(fk.columns)})`, hint } satisfies Hit];
    });
  },
};

/**
 * A partitioned table's index made ON ONLY it that would cover the key once valid: a partition's
 * index is missing or not attached yet. Another CREATE INDEX on the parent would duplicate it (and
 * lock every partition while it builds, which ON ONLY was there to avoid).
 */
function unattachedIndex(table: Table, fk: ForeignKey): Index | undefined {
  if (!table.partitioning) return undefined;
  const asValid = (index: Index): Table => ({ kind: 'table', schema: table.schema, name: table.name, columns: table.columns, indexes: [{ ...index, options: {} }] });
  return (table.indexes ?? []).find((index) => index.options?.invalid === true && index.name !== undefined && foreignKeyCovered(asValid(index), fk));
}

function attachHint(table: Table, index: Index, dialect: Dialect): string {
  return `index ${index.name} covers it once every partition's index is attached to it: create the partitions' missing ones, then ALTER INDEX ${sqlName(table.schema, dialect)}.${sqlName(index.name!, dialect)} ATTACH PARTITION each`;
}

export const foreignKeyType: LintRule = {
  id: 'structure-fk-type-mismatch',
  family: 'structure',
  level: 'warning',
  summary: "A foreign key column's type is the referenced column's type.",
  description:
    'A smallint referencing an integer key overflows once the key grows; differing types also cost a ' +
    'conversion on every join. Types are compared as the database spells them, ignoring case and MySQL ' +
    'display widths, a domain by its base type; on SQLite by type affinity (INT and INTEGER are alike there), which is what SQLite stores and compares by.',
  examples: {
    bad: 'CREATE TABLE store (id integer PRIMARY KEY);\nCREATE TABLE staff (store_id smallint REFERENCES store);',
    good: 'CREATE TABLE store (id integer PRIMARY KEY);\nCREATE TABLE staff (store_id integer REFERENCES store);',
  },
  hint: "give the column the referenced column's type",
  appliesTo: ['table'],
  check: (object, { dialect, model }) => {
    if (object.kind !== 'table') return [];
    const parent = parentTable(object, (schema, name) => model.table(schema, name));
    const types = DIALECT_TYPES[dialect];
    const hits: Hit[] = [];
    const same = (a: string, b: string) => model.nameKey(a) === model.nameKey(b);
    for (const fk of object.foreign_keys ?? []) {
      if (clonedForeignKey(fk, parent)) continue;
      const { schema, table } = fk.references;
      const target = model.qualifiedKey(schema, table) === model.qualifiedKey(object.schema, object.name) ? object : model.table(schema, table);
      if (!target) continue; // not in this snapshot (another schema left out) or not loaded
      fk.columns.forEach((name, c) => {
        const column = object.columns.find((x) => same(x.name, name));
        const referencedName = fk.references.columns?.[c];
        const referenced = referencedName === undefined ? undefined : target.columns.find((x) => same(x.name, referencedName));
        if (!column || !referenced) return;
        // A domain holds its base type's values: a column of the domain and one of its base type agree.
        const base = model.baseType(column.type, object.schema);
        const referencedBase = model.baseType(referenced.type, target.schema);
        if (types.keyType(base) === types.keyType(referencedBase)) {
          // MySQL compares text keys by their collation: one that differs makes every child row fail the check.
          const collated = dialect === 'mysql' && TEXT_TYPE.test(column.type) && TEXT_TYPE.test(referenced.type);
          const [mine, theirs] = collated ? [takenFromTable(column, object).collation, takenFromTable(referenced, target).collation] : [];
          if (mine === theirs || mine === undefined || theirs === undefined) return;
          hits.push({
            kind: 'column',
            part: { name },
            own: true,
            message: `column ${JSON.stringify(name)} is ${column.type} in collation ${mine} but references ${qualified(target.schema, target.name, object)}.${namePart(referenced.name)}, which is in ${theirs}`,
          });
          return;
        }
        // A SQLite column may declare no type at all (BLOB affinity).
        const spell = (type: string, of: string) => (type === '' ? 'of no declared type' : of === type ? type : `${type} (a domain over ${of})`);
        hits.push({
          kind: 'column',
          part: { name },
          // about this table's own key, though its column may be a parent's: reported here
          own: true,
          message: `column ${JSON.stringify(name)} is ${spell(column.type, base)} but references ${qualified(target.schema, target.name, object)}.${namePart(referenced.name)}, which is ${spell(referenced.type, referencedBase)}`,
        });
      });
    }
    return hits;
  },
};

/** Whether a partial index's predicate admits no NULL in `column`: one of its AND terms is `column IS NOT NULL`. */
const predicateExcludesNull = (where: string | undefined, column: string, nameKey: NameKey) =>
  where !== undefined && (notNullTerms(where, nameKey)?.some((isNotNull) => isNotNull?.(column)) ?? false);

export const nullableUnique: LintRule = {
  id: 'structure-nullable-unique',
  family: 'structure',
  level: 'info',
  summary: 'Unique keys are on NOT NULL columns (or treat NULLs as equal).',
  description:
    'A unique constraint or index lets any number of rows hold NULL in its columns, since NULL equals ' +
    'nothing. That is sometimes intended (an optional unique email); often it is a hole in the key.',
  examples: {
    bad: 'CREATE TABLE account (id int PRIMARY KEY, email text UNIQUE);',
    good: 'CREATE TABLE account (id int PRIMARY KEY, email text NOT NULL UNIQUE);',
  },
  hint: 'make the columns NOT NULL, or use NULLS NOT DISTINCT (PostgreSQL 15+) if NULL must be unique too',
  appliesTo: ['table'],
  check: (object, { dialect, model }) => {
    if (object.kind !== 'table') return [];
    // NULLS NOT DISTINCT is PostgreSQL's alone: elsewhere the columns' nullability is the only fix.
    const hint = dialect === 'postgres' ? undefined : 'make the columns NOT NULL, unless rows without a value are meant to be exempt from the key';
    const nullable = new Set(object.columns.filter((c) => c.nullable).map((c) => c.name));
    const hits: Hit[] = [];
    for (const path of accessPaths(object)) {
      if (!path.unique || path.kind === 'primary_key') continue;
      const open = path.columns.filter((c): c is string => c !== undefined && nullable.has(c) && !predicateExcludesNull(path.index?.where, c, model.nameKey));
      if (path.nullsNotDistinct || open.length === 0) continue;
      const label = path.kind === 'index' ? 'unique index' : 'unique constraint';
      hits.push({
        kind: path.kind,
        part: path.name === undefined ? { index: path.position } : { name: path.name },
        message: `${label} ${path.name === undefined ? `(${list(path.keys)})` : JSON.stringify(path.name)} includes nullable column${open.length > 1 ? 's' : ''} ${list(open)}`,
        hint,
      });
    }
    return hits;
  },
};
