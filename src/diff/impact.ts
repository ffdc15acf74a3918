// The impact of each change on the database's consumers. Defaults are a table keyed like the
// configuration (`<kind>.<action>[.<attribute>]`); a few entries look at the change itself (is
// the added column nullable, is the type change a widening, was an enum value removed). The most
// specific key wins, and any key in `.datatrack/config.yaml` `impact:` wins over every default.
import { foldName } from '../model/names.js';
import { sameValue } from './attributes.js';
import { UNRECORDED_WHEN_EMPTY } from '../model/defaults.js';
import type { Dialect, PrimaryKey, SchemaInfo, Table, UserType } from '../model/types.js';
import { knownAttribute } from './change-attributes.js';
import { CHANGE_KINDS, type Change, type Impact, type ModelChange } from './change.js';
import { CASE_INSENSITIVE_COLUMN_DIALECTS, columnKeyOf, ignoresCase } from './dialect-rules.js';
import { outputColumns, parameters, resultRowChange, tableColumns } from './result-columns.js';
import { commandsShut } from './row-security.js';
import type { ImpactOverrides } from './settings.js';
import { membersChange, splitArgs, typeChangeImpact } from './type-change.js';
import { domainFacts, type DomainColumns, type UserTypeLookup } from './user-types.js';
import { virtualTableColumns } from './virtual-table-columns.js';

/** What a rule may know of the diff a change belongs to, beyond the change itself. */
export interface DiffContext {
  /** Every change of the same diff, for the rules that judge one change by another (an overload that takes a dropped routine's calls). */
  changes: readonly ModelChange[];
  /** The newer side's routines of a schema and name, changed or not (PostgreSQL overloads). */
  routinesAfter?: (schema: string, name: string) => readonly RoutineFacts[];
  /** PostgreSQL: the older side's user types (enums, domains) that changed columns are declared with. */
  typeBefore?: UserTypeLookup;
  /** PostgreSQL: the newer side's user types that changed or added columns are declared with. */
  typeAfter?: UserTypeLookup;
  /** PostgreSQL: the newer side's columns declared with a domain (known when the diff drops a domain's default). */
  domainColumnsAfter?: DomainColumns;
}

interface ImpactContext extends DiffContext {
  dialect: Dialect;
}

/**
 * The changes of a diff by kind and action (`table.remove`), grouped once per diff: a rule that
 * looks for another change must not scan them all for each change it judges (20,000 tables moved
 * to another schema took a minute that way).
 */
const groupedChanges = new WeakMap<readonly ModelChange[], Map<string, ModelChange[]>>();

function changesOf(context: DiffContext, kind: string, action: ModelChange['action']): readonly ModelChange[] {
  let groups = groupedChanges.get(context.changes);
  if (!groups) {
    groups = new Map();
    for (const change of context.changes) {
      const key = `${change.kind}.${change.action}`;
      const group = groups.get(key);
      if (group) group.push(change);
      else groups.set(key, [change]);
    }
    groupedChanges.set(context.changes, groups);
  }
  return groups.get(`${kind}.${action}`) ?? [];
}

type Rule = Impact | ((change: ModelChange, context: ImpactContext) => Impact);

type ColumnFacts = { type?: string; nullable?: boolean; default?: unknown; generated?: unknown; identity?: unknown; auto_increment?: boolean; charset?: string };

/** Whether the column takes NULL: neither it nor (PostgreSQL) its domain, or one under it, is NOT NULL. */
const acceptsNull = (column: ColumnFacts, types: UserTypeLookup | undefined) => column.nullable !== false && !domainFacts(column.type, types)?.notNull;

/**
 * Whether an INSERT that leaves the column out still gets a value for it: its own default (or
 * generation, identity, auto-increment), else its PostgreSQL domain's default, else NULL where the
 * column takes it. A MySQL/MariaDB ENUM NOT NULL without a default takes its first label (strict mode too).
 */
function filled(column: ColumnFacts, dialect: Dialect, types: UserTypeLookup | undefined): boolean {
  if ([column.default, column.generated, column.identity].some((v) => v !== undefined) || column.auto_increment) return true;
  if (domainFacts(column.type, types)?.default !== undefined) return true;
  return acceptsNull(column, types) || (dialect === 'mysql' && /^enum\s*\(/i.test(column.type ?? ''));
}

/** A new column breaks writers that do not know it only when it must be given a value (SQLite's rowid fills its alias). */
const columnAdded: Rule = (change, context) => {
  // An attribute added to a composite type changes the row that every user of the type reads and builds.
  if (change.parent === 'type') return 'caution';
  if (change.parent !== 'table') return 'safe';
  return filled((change.after ?? {}) as ColumnFacts, context.dialect, context.typeAfter) || sqliteRowid(change, context) ? 'safe' : 'breaking';
};

/** Whether a table's column, as the change leaves it, no longer fills itself for inserts that leave it out (each side with its own side's domains). */
const fillingLost = (change: ModelChange, context: ImpactContext) =>
  change.parent === 'table' &&
  filled((change.before ?? {}) as ColumnFacts, context.dialect, context.typeBefore) &&
  !filled((change.after ?? {}) as ColumnFacts, context.dialect, context.typeAfter);

/**
 * A check may fail on rows already there, unless it is a column's own check on a column this very
 * change adds (MariaDB's json_valid() of a JSON column): the server checked the rows as it added it.
 */
const checkAdded: Rule = (change) => {
  const column = (change.after as { column?: string } | undefined)?.column;
  const before = change.ownerBefore as { columns?: { name: string }[] } | undefined;
  const after = change.owner as { columns?: { name: string }[] } | undefined;
  const isNew = column !== undefined && before?.columns !== undefined && after?.columns?.some((c) => c.name === column) && !before.columns.some((c) => c.name === column);
  return isNew ? 'safe' : 'caution';
};

/** A NOT NULL column that inserts could leave out (its default, auto-increment or identity filled it) and now must name. */
const fillingDropped = (change: ModelChange, context: ImpactContext): Impact => {
  if (!fillingLost(change, context)) return 'caution';
  // SQLite's rowid fills its alias without AUTOINCREMENT too (with the largest id plus one, which a deleted row's id may be again).
  return sqliteRowid(change, context) ? 'caution' : 'breaking';
};

/** Whether the changed column is, after the change, its SQLite table's rowid. */
function sqliteRowid(change: ModelChange, context: ImpactContext): boolean {
  const after = change.after as { name?: string; type?: unknown } | undefined;
  return context.dialect === 'sqlite' && isRowidAlias(after?.type, after?.name, change.owner);
}

/** A MySQL column records its charset only where it differs from its table's. */
const charsetOf = (change: ModelChange) =>
  (change.after as ColumnFacts | undefined)?.charset ?? (change.owner as { options?: { charset?: unknown } } | undefined)?.options?.charset;

/**
 * SQLite: a one-column primary key declared exactly INTEGER is the rowid itself, which an insert
 * that leaves it out fills with a new id; declared any other way, the same insert stores NULL.
 * Judged on the table as it was and as it is, so that a key changed alongside (made DESC) counts.
 */
function rowidAliasLost(change: ModelChange): boolean {
  const [before, after] = [change.before, change.after] as ({ name?: string } | undefined)[];
  return isRowidAlias(change.from, before?.name, change.ownerBefore) && !isRowidAlias(change.to, after?.name, change.owner);
}

/**
 * SQLite: whether a column of this declared type and name is its table's rowid (under `key`, the
 * table's primary key unless another is given). A one-column key with key parts has an index of
 * its own, which only `INTEGER PRIMARY KEY DESC` declared on the column gives an INTEGER rowid
 * table's key: by SQLite's quirk that column is no alias.
 */
function isRowidAlias(type: unknown, column: string | undefined, table: unknown, key = (table as Table | undefined)?.primary_key): boolean {
  const owner = table as Table | undefined;
  const columns = key?.columns;
  return String(type).toUpperCase() === 'INTEGER' && columns?.length === 1 && columns[0] === column && !key?.options?.key_parts && !owner?.options?.without_rowid;
}

/**
 * SQLite: a primary key given key parts, `INTEGER PRIMARY KEY DESC`, stops its column being the
 * rowid, so an insert that leaves it out stores NULL rather than a new id, as a key column no
 * longer declared exactly INTEGER does (rowidAliasLost).
 */
const primaryKeyParts: Rule = (change, context) => {
  if (context.dialect === 'mysql') {
    // The columns themselves changed: that change is judged on its own.
    const [before, after] = [change.before, change.after] as (PrimaryKey | undefined)[];
    return before && after && columnSet(before) === columnSet(after) && prefixLoosened(primaryKeyPrefixes(before), primaryKeyPrefixes(after)) ? 'breaking' : 'caution';
  }
  if (context.dialect !== 'sqlite') return 'caution';
  // Each side as it is: a type changed with the key (INTEGER PRIMARY KEY to INT PRIMARY KEY DESC) is judged from INTEGER.
  const isRowid = (table: unknown, key: unknown) => {
    const column = (key as PrimaryKey | undefined)?.columns[0];
    return isRowidAlias((table as Table | undefined)?.columns.find((c) => c.name === column)?.type, column, table, key as PrimaryKey | undefined);
  };
  return isRowid(change.ownerBefore, change.before) && !isRowid(change.owner, change.after) ? 'breaking' : 'caution';
};

/**
 * A view's column takes its type from its query: with the query unchanged, a new type comes from
 * elsewhere (a table's column retyped, judged there; MySQL's GROUP_CONCAT length setting), so it is
 * said, not judged again as the view's own narrowing: at most caution, and safe where the type
 * change itself is (a SQLite `TEXT` → `VARCHAR(50)` of the table under it must not make the view
 * weigh more than the table).
 */
const derivedViewType = (change: ModelChange, context: ImpactContext) =>
  (change.parent === 'view' || change.parent === 'materialized_view') &&
  !changesOf(context, change.parent, 'modify').some((c) => c.path === change.path && c.attribute === 'definition');

/**
 * Whether a table's new column type fails writes that passed: into a PostgreSQL NOT NULL domain it
 * refuses the NULLs it took, as NOT NULL added does; out of a domain with a default (or a MySQL
 * ENUM, which fills itself) an insert that leaves it out fails, as with a default dropped. The type
 * alone is judged: the column's own NOT NULL and default, changed too, are changes of their own.
 */
function writesRefusedByType(change: ModelChange, context: ImpactContext): boolean {
  if (change.parent !== 'table') return false;
  const before = (change.before ?? {}) as ColumnFacts;
  const retyped = { ...before, type: (change.after as ColumnFacts | undefined)?.type };
  if (acceptsNull(before, context.typeBefore) && !acceptsNull(retyped, context.typeAfter)) return true;
  return filled(before, context.dialect, context.typeBefore) && !filled(retyped, context.dialect, context.typeAfter);
}

const typeChanged: Rule = (change, context) => {
  if (context.dialect === 'sqlite' && rowidAliasLost(change)) return 'breaking';
  if (writesRefusedByType(change, context)) return 'breaking';
  const charset = charsetOf(change);
  // SQLite: the type itself counts only where the table was STRICT already; made STRICT, its
  // values were stored by affinity, and what STRICT now refuses is options.strict's change.
  const isStrict = (table: unknown) => (table as { options?: { strict?: unknown } } | undefined)?.options?.strict === true;
  const strict = isStrict(change.ownerBefore) && isStrict(change.owner);
  const types = { typeBefore: context.typeBefore, typeAfter: context.typeAfter };
  const impact = typeChangeImpact(context.dialect, String(change.from ?? ''), String(change.to ?? ''), { charset: typeof charset === 'string' ? charset : undefined, ...types, strict });
  return derivedViewType(change, context) && impact === 'breaking' ? 'caution' : impact;
};

/**
 * A SQLite virtual table's module arguments, where they declare its columns (fts5, rtree): a query
 * naming a column dropped fails, and an INSERT … VALUES or SELECT * reading the columns by place
 * reads others where the columns it keeps were reordered, as a table's moved column does. Any
 * other change of them (a column added, an option) is caution.
 */
const virtualTableArguments: Rule = (change) => {
  const [before, after] = [change.before, change.after] as ({ module?: unknown } | undefined)[];
  const [from, to] = [virtualTableColumns(before?.module, change.from), virtualTableColumns(after?.module, change.to)];
  if (!from || !to) return 'caution';
  const kept = from.filter((column) => to.includes(column));
  const keptAfter = to.filter((column) => from.includes(column));
  return kept.length < from.length || kept.some((column, i) => column !== keptAfter[i]) ? 'breaking' : 'caution';
};

const becomes = (value: unknown, then: Impact, otherwise: Impact): Rule => (change) => (change.to === value ? then : otherwise);

/**
 * A PostgreSQL domain's default fills every column declared with it that has none of its own:
 * dropped, an insert that leaves out such a column now fails where the column or the domain is NOT
 * NULL (the newer side's columns, changed or not). Set or changed: caution, as a column's.
 */
const domainDefault: Rule = (change, context) => {
  const domain = change.after as UserType | undefined;
  if (change.to !== null || domain?.type !== 'domain') return 'caution';
  const columns = context.domainColumnsAfter?.(domain.schema, domain.name) ?? [];
  return columns.some((column) => !filled(column, context.dialect, context.typeAfter)) ? 'breaking' : 'caution';
};

/**
 * A column's collation decides which of its values are equal. On a column that a primary key, a
 * unique constraint or a unique index takes as it is (not through a collation of the key's own),
 * values the key refused as duplicates may get in or rows already there clash (MariaDB
 * utf8mb4_general_ci → utf8mb4_bin, SQLite's NOCASE dropped, PostgreSQL a nondeterministic
 * collation → "default"), `ON CONFLICT` and `ON DUPLICATE KEY` meet other rows, and `WHERE c = …`
 * finds others: breaking. Elsewhere it changes how values sort and compare: caution.
 */
const collationChanged: Rule = (change, context) => {
  const column = (change.after as { name?: string } | undefined)?.name;
  if (change.parent !== 'table' || column === undefined) return 'caution';
  const name = columnKeyOf(context.dialect);
  const table = (change.owner ?? {}) as { primary_key?: IndexFacts; unique_constraints?: IndexFacts[]; indexes?: IndexFacts[] };
  const keys = [table.primary_key, ...(table.unique_constraints ?? []), ...(table.indexes ?? []).filter((index) => index.unique)];
  const takes = (part: unknown) => {
    const plain = keyPrefix(part)?.column;
    return plain !== undefined && name(plain) === name(column);
  };
  const covers = (key: IndexFacts | undefined) => !invalid(key) && (key?.columns ?? []).some(takes);
  return keys.some(covers) ? 'breaking' : 'caution';
};

/** MySQL charsets that hold every character, and those that hold only the Basic Multilingual Plane (no emoji). */
const ALL_OF_UNICODE = new Set(['utf8mb4', 'utf16', 'utf16le', 'utf32', 'gb18030']);
const PLANE_ZERO = new Set(['utf8mb3', 'utf8', 'ucs2']);

/**
 * A text column converted to a charset that cannot hold every character of its old one loses
 * those characters (stored as `?`, or the ALTER fails on them): utf8mb4 → utf8mb3 drops emoji,
 * a Unicode charset → latin1 all but Western European text.
 */
const charsetChanged: Rule = (change) => {
  const [from, to] = [change.from, change.to].map((charset) => String(charset ?? '').toLowerCase());
  // binary keeps the bytes (MySQL makes the column VARBINARY/BLOB, a type change judged on its own).
  if (ALL_OF_UNICODE.has(to) || to === 'binary') return 'caution';
  if (PLANE_ZERO.has(to)) return ALL_OF_UNICODE.has(from) ? 'breaking' : 'caution';
  return ALL_OF_UNICODE.has(from) || PLANE_ZERO.has(from) ? 'breaking' : 'caution';
};

/**
 * A dropped RANGE or LIST partition drops its rows. They stay when the table stops being
 * partitioned (MySQL REMOVE PARTITIONING) or is now spread by HASH or KEY: COALESCE PARTITION and
 * repartitioning move a partition's rows into the others, and HASH and KEY partitions cannot be dropped.
 * A MariaDB SYSTEM_TIME history partition holds only old row versions (and snapshots no longer
 * record them: one taken before that lists them). A table partitioned anew (another strategy or
 * key: ALTER TABLE … PARTITION BY) has every row moved into its new partitions.
 */
const partitionRemoved: Rule = (change, context) => {
  const strategy = (change.owner as { partitioning?: { strategy?: string } } | undefined)?.partitioning?.strategy;
  if (strategy === undefined || /^((linear )?(hash|key)|system_time)$/.test(strategy)) return 'caution';
  const repartitioned = changesOf(context, 'table', 'modify').some((c) => c.path === change.path && /^partitioning\.(strategy|key)$/.test(c.attribute ?? ''));
  return repartitioned ? 'caution' : 'breaking';
};

const enumValues: Rule = (change) => membersChange((change.from as string[] | null) ?? [], (change.to as string[] | null) ?? []);

type KeyFacts = { columns?: unknown[]; include?: unknown[]; nulls_not_distinct?: boolean };
type IndexFacts = KeyFacts & { unique?: boolean; where?: string; options?: { invalid?: unknown } };

/**
 * An index left INVALID by a failed CREATE INDEX CONCURRENTLY, or a partitioned table's index or key
 * whose partitions' indexes are not all attached yet: no query reads it and ON CONFLICT does not
 * take it as an arbiter; one whose build failed on a duplicate (indisready false, which the
 * snapshot does not tell apart) refuses no duplicate either.
 */
const invalid = (index: IndexFacts | undefined) => index?.options?.invalid === true;

/** A key's columns as a set, when every key is a plain column (an expression or a collation enforces something else). */
function columnSet(key: KeyFacts | undefined): string | undefined {
  if (!Array.isArray(key?.columns) || !key.columns.every((c) => typeof c === 'string')) return undefined;
  return JSON.stringify([...(key.columns as string[])].sort());
}

/**
 * Whether the table, as it is after the change, still enforces that `key`'s columns are unique: a
 * primary key, a unique constraint or a whole (not partial) unique index on the same columns, in
 * any order. PostgreSQL's `ADD CONSTRAINT … UNIQUE USING INDEX` turns an index into a constraint's
 * this way, the usual way to add one without locking writes.
 */
function stillUnique(key: IndexFacts, owner: unknown): boolean {
  const parts = keyPrefixes(key);
  if (parts === undefined || key.where !== undefined) return false;
  const columns = (prefixes: KeyPrefix[]) => JSON.stringify(prefixes.map((p) => p.column).sort());
  // A prefix no longer than the key's refuses at least what it did (MySQL `name(10)` for `name(20)`, or for the whole value).
  const enforces = (other: KeyFacts | undefined) => {
    const theirs = keyPrefixes(other);
    return theirs !== undefined && columns(theirs) === columns(parts) && !prefixLoosened(parts, theirs);
  };
  const table = (owner ?? {}) as { primary_key?: IndexFacts; unique_constraints?: IndexFacts[]; indexes?: IndexFacts[] };
  // An invalid key (added ON ONLY a partitioned table, its partitions' indexes not all attached) enforces nothing on those partitions.
  const unique = [...(table.unique_constraints ?? []), ...(table.indexes ?? []).filter((i) => i.unique && i.where === undefined)].filter((k) => !invalid(k));
  // A primary key's columns are NOT NULL: NULLS NOT DISTINCT or not, it refuses what the key did;
  // so does a key with NULLS NOT DISTINCT (Django's UniqueConstraint(nulls_distinct=False) replacing
  // a unique_together), while one without it lets in the rows with NULLs that such a key refused.
  return (!invalid(table.primary_key) && enforces(table.primary_key)) || unique.some((other) => enforces(other) && (Boolean(other.nulls_not_distinct) || !key.nulls_not_distinct));
}

/** A key's column and the length of the prefix of it that the key takes (MySQL's `name(10)`), or undefined for the whole value. */
type KeyPrefix = { column: string; length?: number };

/**
 * Whether a unique key on the same columns was loosened by its prefixes: a longer prefix of a
 * column, or the whole value where a prefix was, tells apart values the key took for equal, so
 * rows it refused as duplicates get in and `ON DUPLICATE KEY` no longer meets the row it did, as
 * when a key stops being unique (breaking). A shorter prefix only refuses more, as a key made
 * unique does (caution).
 */
function prefixLoosened(from: KeyPrefix[], to: KeyPrefix[]): boolean {
  const after = new Map(to.map((p) => [p.column, p.length]));
  return from.some((p) => p.length !== undefined && (after.get(p.column) ?? Infinity) > p.length);
}

/**
 * A key part as a column with the prefix of it the key takes, when it is a plain column (its sort
 * direction aside); undefined for an expression, or a column with a collation or operator class
 * of its own, which make the key enforce something else.
 */
function keyPrefix(part: unknown): KeyPrefix | undefined {
  if (typeof part === 'string') return { column: part };
  const p = part as { column?: unknown; length?: unknown } | undefined;
  if (typeof p?.column !== 'string' || !Object.keys(p).every((k) => ['column', 'descending', 'length'].includes(k))) return undefined;
  return typeof p.length === 'number' ? { column: p.column, length: p.length } : { column: p.column };
}

/** A unique key's parts when each is a plain column: an index's or constraint's own, a MySQL primary key's with the prefixes its key_parts spell. */
function keyPrefixes(key: KeyFacts | undefined): KeyPrefix[] | undefined {
  const columns = key?.columns;
  if (!Array.isArray(columns)) return undefined;
  if (typeof (key as PrimaryKey).options?.key_parts === 'string' && columns.every((c) => typeof c === 'string')) return primaryKeyPrefixes(key as PrimaryKey);
  const parts = columns.map(keyPrefix);
  return parts.every((p) => p !== undefined) ? (parts as KeyPrefix[]) : undefined;
}

/** A MySQL primary key's prefixes: its `options.key_parts` (`id, name(10) DESC`) spells each column in order. */
function primaryKeyPrefixes(key: PrimaryKey): KeyPrefix[] {
  const parts = typeof key.options?.key_parts === 'string' ? splitArgs(key.options.key_parts) : [];
  return key.columns.map((column, i) => {
    const length = parts[i]?.startsWith(column) ? /^\((\d+)\)/.exec(parts[i]!.slice(column.length))?.[1] : undefined;
    return { column, ...(length ? { length: Number(length) } : {}) };
  });
}

/** Key columns that only change order: what is unique stays so; the index behind it serves other queries. */
const keyColumns: Rule = (change) => (columnSet({ columns: change.from as unknown[] }) === columnSet({ columns: change.to as unknown[] }) ? 'caution' : 'breaking');

const RESTRICTING = new Set(['restrict', 'no action']);

/**
 * A foreign key that cascaded (or set NULL or the default) on delete or update: dropped, deleting
 * or re-keying a referenced row no longer reaches the rows that referenced it. Nothing fails; they
 * are left pointing at nothing, which is worse for readers. A restricting one only stops
 * checking: caution.
 */
const foreignKeyDropped: Rule = (change) => {
  const before = (change.before ?? {}) as { on_delete?: string; on_update?: string };
  const acts = (action: string | undefined) => action !== undefined && !RESTRICTING.has(action.toLowerCase());
  return acts(before.on_delete) || acts(before.on_update) ? 'breaking' : 'caution';
};

/** MySQL/MariaDB engines with transactions: a table moved off them is no longer rolled back, and drops its foreign keys. */
const TRANSACTIONAL_ENGINES = new Set(['innodb', 'xtradb', 'rocksdb', 'tokudb', 'ndbcluster', 'ndb']);
const engineChanged: Rule = (change) =>
  TRANSACTIONAL_ENGINES.has(String(change.from).toLowerCase()) && !TRANSACTIONAL_ENGINES.has(String(change.to).toLowerCase()) ? 'breaking' : 'caution';

/**
 * A referential action that stops cascading (or setting NULL or the default) makes deletes and
 * updates of referenced rows fail that used to pass: breaking. Between RESTRICT and NO ACTION,
 * which InnoDB checks alike, nothing changes.
 */
const referentialAction: Rule = (change, context) => {
  const [from, to] = [String(change.from), String(change.to)];
  if (RESTRICTING.has(from) && RESTRICTING.has(to)) return context.dialect === 'mysql' ? 'safe' : 'caution';
  return RESTRICTING.has(to) || cannotBeSet(change, to) ? 'breaking' : 'caution';
};

/**
 * SET NULL on a NOT NULL column, or SET DEFAULT on one with no default (the default is NULL), fails
 * every delete or update of a referenced row it meets, as RESTRICT would, with a not-null error.
 * PostgreSQL's `SET NULL (a, b)` sets the columns it names.
 */
function cannotBeSet(change: ModelChange, action: string): boolean {
  const match = /^set (null|default)(?: \((.*)\))?$/i.exec(action);
  if (!match) return false;
  const key = (change.after ?? {}) as { columns?: string[] };
  const columns = new Map(((change.owner ?? {}) as { columns?: (ColumnFacts & { name: string })[] }).columns?.map((c) => [c.name, c]) ?? []);
  const set = match[2] !== undefined ? match[2].split(', ') : (key.columns ?? []);
  return set.some((name) => {
    const column = columns.get(name);
    return column?.nullable === false && (match[1]!.toLowerCase() === 'null' || column.default == null);
  });
}

/** A MySQL partition's subpartitions by name, without the comments some carry (`{name, comment}`). */
const subpartitionNames = (value: unknown) => (Array.isArray(value) ? value.map((sub: string | { name: string }) => (typeof sub === 'string' ? sub : sub.name)) : value);

/**
 * MySQL answers MATCH … AGAINST only from a FULLTEXT index of exactly the columns it names: once
 * that index is gone or covers other columns, those queries fail (error 1191), they do not slow down.
 * In any order: `MATCH (a, b)` reads a FULLTEXT index of (b, a), or another of the same columns left.
 */
const fulltextLost = (change: ModelChange) => {
  type Fulltext = { method?: string; columns?: unknown[] };
  const before = change.before as Fulltext | undefined;
  if (before?.method !== 'fulltext') return false;
  const columns = (index: Fulltext) => JSON.stringify((index.columns ?? []).map((p) => keyPrefix(p)?.column ?? JSON.stringify(p)).sort());
  const indexes = ((change.owner ?? {}) as { indexes?: Fulltext[] }).indexes ?? [];
  return !indexes.some((index) => index.method === 'fulltext' && columns(index) === columns(before));
};

/**
 * Dropping a unique index lets duplicates in, unless a key of its table enforces the same (safe
 * when that key's index has the same INCLUDE columns, else caution: only index-only scans lose);
 * a FULLTEXT one fails its searches.
 */
const indexDropped: Rule = (change) => {
  const index = change.before as IndexFacts | undefined;
  if (fulltextLost(change)) return 'breaking';
  // An INVALID index served no query: dropping it (as one does before building it again) changes
  // nothing a reader sees; a unique one may still have refused new duplicates (a build that failed
  // after it was made ready), so caution.
  if (invalid(index)) return index?.unique ? 'caution' : 'safe';
  if (!index?.unique) return 'caution';
  if (!stillUnique(index, change.owner)) return 'breaking';
  const table = (change.owner ?? {}) as { primary_key?: KeyFacts; unique_constraints?: KeyFacts[] };
  return [table.primary_key, ...(table.unique_constraints ?? [])].some((key) => sameValue(key?.columns, index.columns) && sameValue(key?.include, index.include)) ? 'safe' : 'caution';
};

/** A dropped unique constraint lets duplicates in, unless the table enforces the same otherwise. */
const uniqueConstraintDropped: Rule = (change) => (stillUnique((change.before ?? {}) as IndexFacts, change.owner) ? 'caution' : 'breaking');

/**
 * A unique index's predicate: a whole index made partial, or its predicate changed, no longer keeps
 * the rows outside it unique (duplicates get in), and `ON CONFLICT (…)` whose WHERE does not imply
 * the new predicate no longer finds it ("no unique or exclusion constraint matching"): breaking,
 * unless the table still keeps those columns unique otherwise. Made whole again it refuses more: caution.
 */
const indexPredicate: Rule = (change) => {
  const before = change.before as IndexFacts | undefined;
  if (!before?.unique || invalid(before) || change.to === null || change.to === undefined) return 'caution';
  return stillUnique({ ...before, where: undefined }, change.owner) ? 'caution' : 'breaking';
};

/**
 * A unique key or index that stops treating NULLs as equal (NULLS NOT DISTINCT dropped in place) lets
 * in the rows that differ only by NULLs it refused, and `ON CONFLICT` no longer meets them: breaking,
 * unless the table keeps those columns unique otherwise. Made NOT DISTINCT, it refuses more: caution.
 */
const nullsDistinct: Rule = (change) => {
  const before = change.before as IndexFacts | undefined;
  if (change.from !== true || !before || invalid(before) || (change.kind === 'index' && !before.unique)) return 'caution';
  return stillUnique(before, change.owner) ? 'caution' : 'breaking';
};

/** A new unique index refuses writes that used to pass (and fails to build over duplicates), as a unique constraint does. */
const indexAdded: Rule = (change) => ((change.after as { unique?: boolean } | undefined)?.unique ? 'caution' : 'safe');

/** A unique index's columns are a key, as a unique constraint's (MySQL has no other): `ON DUPLICATE KEY` and `ON CONFLICT (…)` target them. */
const indexColumns: Rule = (change) => {
  if (fulltextLost(change)) return 'breaking';
  // An expression key's statistics target only says how much ANALYZE samples (see options.statistics).
  const withoutStatistics = (value: unknown) => JSON.stringify((Array.isArray(value) ? value : []).map((p) => (typeof p === 'object' && p !== null ? { ...p, statistics: undefined } : p)));
  if (withoutStatistics(change.from) === withoutStatistics(change.to)) return 'safe';
  if (!(change.before as IndexFacts | undefined)?.unique) return 'caution';
  // In any order, and a column's sort direction and prefix length aside ({column, descending,
  // length}): the same columns are unique. An expression part compares whole.
  const parts = (value: unknown) => JSON.stringify((Array.isArray(value) ? value : []).map((p) => keyPrefix(p)?.column ?? JSON.stringify(p)).sort());
  if (parts(change.from) !== parts(change.to)) return 'breaking';
  const prefixes = (value: unknown) => (value as unknown[]).flatMap((p) => keyPrefix(p) ?? []);
  return prefixLoosened(prefixes(change.from), prefixes(change.to)) ? 'breaking' : 'caution';
};

export type RoutineFacts = { schema?: string; name?: string; routine_type?: string; argument_types?: string[]; arguments?: string };

/** Each parameter's mode: IN unless written OUT or INOUT (a function's are all IN). */
const parameterModes = (routine: RoutineFacts) => parameters(routine.arguments).map((parameter) => parameter.mode);

/**
 * MySQL and MariaDB do not overload routines, so new parameters change the routine in place (on
 * PostgreSQL they make another one, and the old one's removal is breaking): a CALL or call with the
 * old number of arguments fails, as does one passing an expression where a parameter is now OUT,
 * and one whose OUT value is no longer set reads nothing. The type of a parameter that takes a
 * value in (IN, INOUT) is judged as a column's: narrowed, what callers pass may no longer fit. An
 * OUT parameter's type only shapes what the routine hands back, as a column's does for readers:
 * caution either way. Only OUT ↔ INOUT and such types leave callers working.
 *
 * PostgreSQL keeps the input types (the routine's identity), so only names, DEFAULTs and the OUT
 * parameters change in place: a DEFAULT removed fails the calls that left that argument out, and
 * the OUT (and INOUT) parameters are the result row's columns, judged as such (result-columns.ts).
 */
const routineArguments: Rule = (change, context) => {
  const [before, after] = [change.before, change.after] as (RoutineFacts | undefined)[];
  if (!before || !after) return 'caution';
  if (context.dialect === 'postgres') {
    const defaultDropped = defaultedParameters(after) < defaultedParameters(before);
    return defaultDropped || resultRowChange(outputColumns(before.arguments), outputColumns(after.arguments)) === 'breaking' ? 'breaking' : 'caution';
  }
  if (context.dialect !== 'mysql') return 'caution';
  const [fromModes, toModes] = [parameterModes(before), parameterModes(after)];
  const [fromTypes, toTypes] = [before.argument_types ?? [], after.argument_types ?? []];
  if (fromModes.length !== toModes.length || fromTypes.length !== toTypes.length) return 'breaking';
  if (fromModes.some((mode, i) => mode !== toModes[i] && (mode === 'in' || toModes[i] === 'in'))) return 'breaking';
  const takesValueIn = (i: number) => toModes[i] !== 'out';
  return fromTypes.some((type, i) => takesValueIn(i) && typeChangeImpact(context.dialect, type, toTypes[i]!) === 'breaking') ? 'breaking' : 'caution';
};

/** A MySQL type as a routine's parameter or result spells it, less the CHARSET / COLLATE it is written with. */
const withoutCharset = (type: string) => type.replace(/(\s+CHARSET\s+\S+)?(\s+COLLATE\s+\S+)?$/i, '');

/**
 * A PostgreSQL function's result type, read by every caller as a column's value is: judged as
 * `column.modify.type` (bigint → text breaks `f() + 1`). A set-returning function that stops
 * returning a set, or starts, changes how many rows a call gives: breaking. A result that was
 * void was read by nobody: caution. A TABLE(…) result is a row whose columns are read by name, as
 * a view's (result-columns.ts); into or out of another kind of result: caution.
 */
const routineReturns: Rule = (change, context) => {
  const [from, to] = [String(change.from ?? ''), String(change.to ?? '')];
  if (change.from == null || change.to == null) return 'caution';
  if (context.dialect === 'mysql') {
    // Only the character set or collation changed: the same values, compared otherwise.
    const [a, b] = [withoutCharset(from), withoutCharset(to)];
    return a === b ? 'caution' : typeChangeImpact('mysql', a, b);
  }
  if (context.dialect !== 'postgres') return 'caution';
  const setOf = /^setof\s+/i;
  if (setOf.test(from) !== setOf.test(to)) return 'breaking';
  const [fromTable, toTable] = [tableColumns(from), tableColumns(to)];
  if (fromTable && toTable) return resultRowChange(fromTable, toTable);
  if (from === 'void' || fromTable || toTable) return 'caution';
  if (to === 'void') return 'breaking';
  return typeChangeImpact('postgres', from.replace(setOf, ''), to.replace(setOf, ''));
};

/** How many of a routine's trailing parameters have a DEFAULT (pg_get_function_arguments writes `= x` so too). */
const defaultedParameters = (routine: RoutineFacts) => (routine.arguments ? splitArgs(routine.arguments).filter((p) => /\sDEFAULT\s/i.test(p)).length : 0);

/** Whether every call of `short` matches `long` too: it starts with short's argument types and gives every further parameter a DEFAULT. */
function takesCallsOf(long: RoutineFacts, short: RoutineFacts): boolean {
  const [longTypes, shortTypes] = [long.argument_types ?? [], short.argument_types ?? []];
  return longTypes.length > shortTypes.length && shortTypes.every((type, i) => longTypes[i] === type) && defaultedParameters(long) >= longTypes.length - shortTypes.length;
}

/**
 * A PostgreSQL routine dropped while another of its name added in the same change takes its calls:
 * the new one starts with the same argument types and gives every further parameter a DEFAULT (the
 * usual way to add a parameter: create the longer one, drop the shorter, as the two at once make
 * every call with the old arguments ambiguous). Calls keep working, now into other code: caution.
 */
const routineRemoved: Rule = (change, context) => {
  const gone = change.before as RoutineFacts | undefined;
  if (context.dialect !== 'postgres' || !gone?.argument_types) return 'breaking';
  const takesItsCalls = changesOf(context, 'routine', 'add').some((other) => {
    const added = other.after as RoutineFacts | undefined;
    if (!added) return false;
    return added.schema === gone.schema && added.name === gone.name && added.routine_type === gone.routine_type && takesCallsOf(added, gone);
  });
  return takesItsCalls ? 'caution' : 'breaking';
};

/**
 * A new PostgreSQL overload beside one the newer side keeps (`f(int, int, int DEFAULT 0)` added
 * to `f(int, int)`, or the other way round): every existing call with the shorter argument list
 * now matches both and fails as ambiguous. Otherwise a new routine changes nothing existing: safe.
 */
const routineAdded: Rule = (change, context) => {
  const added = change.after as RoutineFacts | undefined;
  if (context.dialect !== 'postgres' || !added?.schema || !added.name || !context.routinesAfter) return 'safe';
  const same = (other: RoutineFacts) => JSON.stringify(other.argument_types) === JSON.stringify(added.argument_types);
  const others = context.routinesAfter(added.schema, added.name).filter((other) => other.routine_type === added.routine_type && !same(other));
  return others.some((other) => takesCallsOf(added, other) || takesCallsOf(other, added)) ? 'breaking' : 'safe';
};

/** PostgreSQL row security that leaves a command that reached the table's rows without a PERMISSIVE policy (row-security.ts). */
const rowSecurityShut: Rule = (change) => (commandsShut(change).length > 0 ? 'breaking' : 'caution');

/** Raw data (JSON) with its comments left out. */
const withoutComments = (value: unknown) => JSON.stringify(value, (key, inner: unknown) => (key === 'comment' ? undefined : inner));

/** An object kept raw whose change is only to comments (an operator class's, a foreign table column's): safe, as every comment. */
const rawCommentOnly: Rule = (change) => (/(^|\.)comment$/.test(change.attribute ?? '') || withoutComments(change.from) === withoutComments(change.to) ? 'safe' : 'caution');

/** A rename that only changes case is no rename where names ignore case (MySQL's column and routine names do, its table names need not). */
const renamed: Rule = (change, context) =>
  (change.kind === 'column' ? CASE_INSENSITIVE_COLUMN_DIALECTS.has(context.dialect) : ignoresCase(context.dialect, change.kind)) && foldName(String(change.from)) === foldName(String(change.to)) ? 'safe' : 'breaking';

/**
 * The keys and indexes a query names, per dialect: PostgreSQL's INSERT … ON CONFLICT ON CONSTRAINT
 * takes a primary key, unique or exclusion constraint; MySQL's USE/FORCE/IGNORE INDEX and SQLite's
 * INDEXED BY an index. Under the old name those statements fail.
 */
const NAMED_BY_QUERIES: Readonly<Record<string, ReadonlySet<string>>> = {
  postgres: new Set(['primary_key', 'unique_constraint', 'exclusion_constraint']),
  mysql: new Set(['index']),
  sqlite: new Set(['index']),
};

/**
 * A renamed key or index: breaking where a query names it; elsewhere DDL and code that matches the
 * name in error messages (Ecto's unique_constraint) read it. One that had no name, or only another
 * case of it where such names ignore case, was named by nothing that the new name fails.
 */
const nameRead: Rule = (change, context) => {
  if ((change.before as { name?: string } | undefined)?.name === undefined) return 'safe';
  if (CASE_INSENSITIVE_COLUMN_DIALECTS.has(context.dialect) && foldName(String(change.from)) === foldName(String(change.to))) return 'safe';
  return NAMED_BY_QUERIES[context.dialect]?.has(change.kind) ? 'breaking' : 'caution';
};

const TOP_LEVEL: Record<string, Rule> = { add: 'safe', remove: 'breaking', rename: renamed, modify: 'caution' };

/** A parent left (NO INHERIT): the child's rows are out of that parent's queries. */
const parentLeft: Rule = (change) => {
  const names = (value: unknown) => (Array.isArray(value) ? value.map((parent) => JSON.stringify(parent)) : []);
  const after = new Set(names(change.to));
  return names(change.from).some((parent) => !after.has(parent)) ? 'breaking' : 'caution';
};

/**
 * A view or routine that runs with its caller's rights from now on (PostgreSQL security_invoker,
 * MySQL/MariaDB SQL SECURITY INVOKER, SECURITY DEFINER dropped): a role granted the view or
 * EXECUTE alone, not what it reads, now fails.
 */
const invokerRights: Rule = (change) => (change.to === 'invoker' || (change.attribute === 'options.security_invoker' && /^(true|on|yes|1)$/i.test(String(change.to))) ? 'breaking' : 'caution');

/** An INSTEAD OF trigger dropped: writes through its view that it carried out now fail (or, on PostgreSQL, fall to the view's own rules, which refuse a computed column). */
const triggerRemoved: Rule = (change) => ((change.before as { timing?: string } | undefined)?.timing === 'instead of' ? 'breaking' : 'caution');

/** The default impact of each kind of change; see README "Diff and impact". */
export const DEFAULT_IMPACT: Record<string, Rule> = {
  ...Object.fromEntries(
    ['table', 'view', 'materialized_view', 'sequence', 'type', 'routine', 'schema', 'extension', 'virtual_table'].flatMap((kind) =>
      Object.entries(TOP_LEVEL).map(([action, impact]) => [`${kind}.${action}`, impact]),
    ),
  ),
  // Dropped or only emptied (its objects' removals carry their own impact): not said to be breaking twice.
  'schema.remove': (change, context) => {
    const [before, unrecorded] = [change.before as SchemaInfo | undefined, UNRECORDED_WHEN_EMPTY[context.dialect]];
    return unrecorded && before?.name === unrecorded.name && before.comment === unrecorded.comment ? 'caution' : 'breaking';
  },
  'type.modify.values': enumValues,
  // A domain's base type and NOT NULL are those of every column declared with it.
  'type.modify.base_type': typeChanged,
  'type.modify.nullable': becomes(false, 'breaking', 'caution'),
  'type.modify.default': domainDefault,
  // A sequence a column owns (serial, identity) goes with that column's own change, which carries
  // the impact: counted again here it would double every such drop.
  'sequence.remove': (change) => ((change.before as { owned_by?: string } | undefined)?.owned_by ? 'caution' : 'breaking'),
  'column.add': columnAdded,
  'column.remove': 'breaking',
  'column.rename': renamed,
  'column.modify': 'caution',
  'column.modify.type': typeChanged,
  // A SQLite rowid alias is NOT NULL, yet an insert giving it NULL gets a new id rather than failing.
  'column.modify.nullable': (change, context) => (change.to === false && !sqliteRowid(change, context) ? 'breaking' : 'caution'),
  'column.modify.default': fillingDropped,
  'column.modify.auto_increment': fillingDropped,
  'column.modify.generated': (change) => (change.from === null ? 'breaking' : 'caution'),
  'column.modify.charset': charsetChanged,
  'column.modify.collation': collationChanged,
  // A table's column moved among the others (MySQL's MODIFY … AFTER, a SQLite table rebuilt in
  // another order): an INSERT … VALUES without a column list writes into other columns, silently
  // where the types take the values. Only a real move is one: a column added or dropped moves none.
  'column.modify.position': (change) => (change.parent === 'table' ? 'breaking' : 'caution'),
  // An INVISIBLE column (MySQL 8, MariaDB) leaves `SELECT *` and positional INSERTs: readers lose it, such writers fail.
  'column.modify.hidden': becomes(true, 'breaking', 'caution'),
  // GENERATED ALWAYS AS IDENTITY refuses a value an insert gives (without OVERRIDING SYSTEM VALUE), as a generated column does.
  // Losing the identity of a NOT NULL column with no default is breaking too (fillingDropped).
  'column.modify.identity': (change, context) => (change.to === 'always' ? 'breaking' : fillingDropped(change, context)),
  // A range type's subtype is the bounds' type of every column declared with it, as a domain's base type.
  'type.modify.subtype': typeChanged,
  // A deferrable key cannot be ON CONFLICT's arbiter: every upsert naming it fails ("ON CONFLICT
  // does not support deferrable unique constraints"), and a foreign key can no longer reference it.
  // Made NOT DEFERRABLE, it is checked row by row instead of at the statement's end: `UPDATE … SET
  // x = x + 1` over a run of keys now fails on a duplicate, and SET CONSTRAINTS … DEFERRED errors.
  ...Object.fromEntries(['primary_key', 'unique_constraint', 'exclusion_constraint'].map((kind) => [`${kind}.modify.deferrable`, 'breaking'])),
  // Another exclusion rule either refuses rows that passed or lets in rows it refused (a predicate
  // added exempts the rows outside it, as a unique index made partial).
  'exclusion_constraint.modify.definition': 'breaking',
  'index.modify.where': indexPredicate,
  'index.modify.nulls_not_distinct': nullsDistinct,
  'unique_constraint.modify.nulls_not_distinct': nullsDistinct,
  // UNLOGGED: a crash empties the table (or sequence), and standbys have none of its rows (reading it
  // there fails: "cannot access temporary or unlogged relations during recovery").
  'table.modify.options.unlogged': becomes(true, 'breaking', 'caution'),
  'sequence.modify.options.unlogged': becomes(true, 'breaking', 'caution'),
  'primary_key.add': 'caution',
  'primary_key.remove': 'breaking',
  'primary_key.modify.columns': keyColumns,
  'primary_key.modify.options.key_parts': primaryKeyParts,
  'unique_constraint.add': 'caution',
  'unique_constraint.remove': uniqueConstraintDropped,
  'unique_constraint.modify.columns': keyColumns,
  'exclusion_constraint.add': 'caution',
  'exclusion_constraint.remove': 'breaking',
  'foreign_key.add': 'caution',
  'foreign_key.remove': foreignKeyDropped,
  'check.add': checkAdded,
  'check.remove': 'safe',
  'index.add': indexAdded,
  'index.remove': indexDropped,
  'index.modify.unique': becomes(false, 'breaking', 'caution'),
  'index.modify.columns': indexColumns,
  'index.modify.method': (change) => (fulltextLost(change) ? 'breaking' : 'caution'),
  'partition.add': 'safe',
  // The same subpartitions in the same order: only their comments ({name, comment}) changed.
  'partition.modify.subpartitions': (change) => (sameValue(subpartitionNames(change.from), subpartitionNames(change.to)) ? 'safe' : 'caution'),
  'partition.remove': partitionRemoved,
  'foreign_key.modify.on_delete': referentialAction,
  'foreign_key.modify.on_update': referentialAction,
  // MySQL keeps a primary key's comment among its options, PostgreSQL a key's index's own: still only comments.
  'primary_key.modify.options.comment': 'safe',
  'primary_key.modify.options.index_comment': 'safe',
  'unique_constraint.modify.options.index_comment': 'safe',
  'exclusion_constraint.modify.options.index_comment': 'safe',
  'type.modify.options.multirange_comment': 'safe',
  // Another partition's index attached to a partitioned table's index that stays invalid: no query
  // or write reads it until the last is (then `invalid: true → false` says so, caution).
  ...Object.fromEntries(['index', 'primary_key', 'unique_constraint', 'exclusion_constraint'].map((kind) => [`${kind}.modify.options.attached_partitions`, 'safe'])),
  // Which of a partition's two identical indexes (or keys) is attached to its parent's: neither is
  // built, dropped or read otherwise.
  ...Object.fromEntries(['index', 'unique_constraint', 'exclusion_constraint'].map((kind) => [`${kind}.modify.options.unattached`, 'safe'])),
  // Whether an inheritance child's column or check is its own as well as inherited decides, as
  // `unattached` does, only whether the parent's DROP COLUMN or DROP CONSTRAINT takes it along:
  // no query or write reads it.
  'column.modify.options.local': 'safe',
  'check.modify.options.local': 'safe',
  // A PostgreSQL partition is a table of its own: detached, its rows vanish from its parent's readers.
  // A detach left pending (DETACH … CONCURRENTLY cancelled half-way) has taken them out already, and
  // rows for its bound fail to insert; FINALIZE then only ends what was done.
  'table.modify.partition_of': (change) => (change.to === null && !(change.from as { detach_pending?: boolean } | null)?.detach_pending ? 'breaking' : 'caution'),
  'table.modify.partition_of.detach_pending': becomes(true, 'breaking', 'caution'),
  // NO INHERIT takes the child's rows out of that parent's queries, as a detached partition's.
  'table.modify.inherits': parentLeft,
  // A foreign table (recorded raw) can be a partition or a child too: its rows leave the parent alike.
  'unknown.modify.raw.partition_of': becomes(null, 'breaking', 'caution'),
  'unknown.modify.raw.inherits': parentLeft,
  // A MySQL/MariaDB table's CREATE_OPTIONS, one option each: none drops rows or changes what a
  // query reads. Those that only say how optimizer statistics are kept or whether rows and pages
  // carry checksums: safe. The rest change how rows are stored and rebuild the table, and some
  // bound what it can take later (row format, compression, encryption, crash safety,
  // DELAY_KEY_WRITE, MAX_ROWS and the other size hints, an engine's own options): caution, as any
  // table option.
  // MariaDB's DROP SYSTEM VERSIONING deletes every historical row, and FOR SYSTEM_TIME queries fail.
  'table.modify.options.system_versioned': becomes(null, 'breaking', 'caution'),
  'table.modify.options.engine': engineChanged,
  ...Object.fromEntries(['stats_persistent', 'stats_auto_recalc', 'stats_sample_pages', 'checksum', 'page_checksum'].map((option) => [`table.modify.options.${option}`, 'safe'])),
  // PostgreSQL's planner settings: how many values ANALYZE samples, or the distinct count it is to
  // assume, for a column, an expression key or a statistics object; and which index CLUSTER
  // without USING orders by. Plans may change, results cannot.
  ...Object.fromEntries(['statistics', 'n_distinct', 'n_distinct_inherited'].map((option) => [`column.modify.options.${option}`, 'safe'])),
  ...Object.fromEntries(['primary_key', 'unique_constraint', 'exclusion_constraint', 'index'].map((kind) => [`${kind}.modify.options.clustered`, 'safe'])),
  'unknown.modify.raw.target': (change) => ((change.after as { object_type?: string } | undefined)?.object_type === 'statistics' ? 'safe' : 'caution'),
  // MySQL/MariaDB, where a function and a procedure of one name share the routine's file: CALL of
  // a procedure that is a function now fails, as SELECT of a function that is a procedure now does.
  'routine.modify.routine_type': 'breaking',
  'routine.modify.arguments': routineArguments,
  'virtual_table.modify.arguments': virtualTableArguments,
  'routine.modify.returns': routineReturns,
  'table.modify.row_security.enabled': rowSecurityShut,
  'table.modify.row_security.forced': rowSecurityShut,
  'policy.remove': rowSecurityShut,
  'policy.modify.permissive': rowSecurityShut,
  'policy.modify.command': rowSecurityShut,
  'policy.modify.roles': rowSecurityShut,
  'routine.add': routineAdded,
  'routine.remove': routineRemoved,
  // SQLite WITHOUT ROWID: `rowid` no longer exists for queries to read, and an INTEGER PRIMARY KEY
  // is no longer the rowid, so an insert that leaves it out fails instead of getting a new id.
  'table.modify.options.without_rowid': becomes(true, 'breaking', 'caution'),
  'trigger.remove': triggerRemoved,
  'view.modify.options.security_invoker': invokerRights,
  'view.modify.options.security': invokerRights,
  'routine.modify.security': invokerRights,
  // MySQL/MariaDB: a TEMPTABLE view is read into a temporary table, so nothing can be written through it.
  'view.modify.options.algorithm': becomes('temptable', 'breaking', 'caution'),
  // A transaction that writes the referencing row before the referenced one, or re-keys rows in
  // two steps, passed under a deferred check and now fails at the statement (SET CONSTRAINTS …
  // DEFERRED on a key no longer deferrable fails too).
  'foreign_key.modify.deferrable': becomes(false, 'breaking', 'caution'),
  ...Object.fromEntries(['foreign_key', 'primary_key', 'unique_constraint', 'exclusion_constraint'].map((kind) => [`${kind}.modify.initially_deferred`, becomes(false, 'breaking', 'caution')])),
  'event.add': 'caution',
  'event.remove': 'caution',
  'event.rename': renamed,
  'unknown.add': 'caution',
  'unknown.remove': 'caution',
  'unknown.modify': rawCommentOnly,
  // A comment never changes behaviour; a renamed trigger or policy changes nothing a statement sees.
  ...Object.fromEntries(CHANGE_KINDS.filter((kind) => knownAttribute(kind, 'comment')).map((kind) => [`${kind}.modify.comment`, 'safe'])),
  ...Object.fromEntries(['index', 'primary_key', 'unique_constraint', 'foreign_key', 'check', 'exclusion_constraint'].map((kind) => [`${kind}.rename`, nameRead])),
  'trigger.rename': 'safe',
  'policy.rename': 'safe',
};

/** Lookup keys for a change, most specific first: column.modify.options.engine, column.modify.options, column.modify. */
export function impactKeys(change: Pick<Change, 'kind' | 'action' | 'attribute'>): string[] {
  const base = `${change.kind}.${change.action}`;
  if (change.action !== 'modify' || !change.attribute) return [base];
  const parts = change.attribute.split('.');
  return [...parts.map((_, i) => `${base}.${parts.slice(0, parts.length - i).join('.')}`), base];
}

type PartitionFacts = { schema?: string; name?: string; partition_of?: { schema: string; table: string } };

/**
 * Whether a removed table was a PostgreSQL partition whose partitioned tree stays: a partition
 * dropped by a retention job (pg_partman, a cron DROP TABLE), or one inside a sub-partitioned
 * partition dropped with it, rather than the tree itself.
 */
function partitionDropped(change: ModelChange, diff: DiffContext): boolean {
  if (change.kind !== 'table' || change.action !== 'remove') return false;
  const removedTables = removedTablesByName(diff);
  const seen = new Set<PartitionFacts>();
  for (let table = change.before as PartitionFacts | undefined; table?.partition_of && !seen.has(table); ) {
    seen.add(table);
    table = removedTables.get(tableKey(table.partition_of.schema, table.partition_of.table));
    if (!table) return true;
  }
  return false;
}

const tableKey = (schema: string | undefined, name: string | undefined) => JSON.stringify([schema, name]);
const removedTables = new WeakMap<readonly ModelChange[], Map<string, PartitionFacts>>();

/** The tables a diff removes, by schema and name (PostgreSQL's, as partition_of names them: exactly). */
function removedTablesByName(diff: DiffContext): Map<string, PartitionFacts> {
  let tables = removedTables.get(diff.changes);
  if (!tables) {
    tables = new Map();
    for (const c of changesOf(diff, 'table', 'remove')) {
      const table = c.before as PartitionFacts;
      // The first of a name, as a search in change order finds it.
      if (!tables.has(tableKey(table.schema, table.name))) tables.set(tableKey(table.schema, table.name), table);
    }
    removedTables.set(diff.changes, tables);
  }
  return tables;
}

/**
 * `diff`: what is known of the diff the change belongs to (default: that change alone). A dropped
 * partition of a tree that stays is a table removed, and may also be configured as
 * `partition.remove`, the key of MySQL's DROP PARTITION, which beats `table.remove` there.
 */
export function impactOf(change: ModelChange, dialect: Dialect, overrides: ImpactOverrides, diff: DiffContext = { changes: [change] }): Impact {
  const keys = impactKeys(change);
  for (const key of partitionDropped(change, diff) ? ['partition.remove', ...keys] : keys) {
    const override = overrides.get(key);
    if (override) return override;
  }
  for (const key of keys) {
    const rule = DEFAULT_IMPACT[key];
    if (rule) return typeof rule === 'function' ? rule(change, { ...diff, dialect }) : rule;
  }
  return 'caution';
}
