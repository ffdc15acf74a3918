// Index rules: an index the table already has (duplicate), and one whose columns lead another
// access path (redundant: the longer one serves the same lookups).
import type { Dialect, IndexKey, SchemaObject, Table } from '../../model/types.js';
import { indexKeyText } from '../../model/part-label.js';
import { parentTable } from '../../model/partition-clones.js';
import { columnKeyOf } from '../../diff/dialect-rules.js';
import { partitionOwnParts } from '../partitions.js';
import type { Hit, LintRule, RuleContext } from '../rule.js';
import { accessPaths, describePath, startsWith, type KeyedAccess } from './index-keys.js';

/** Index attributes besides the key list that make two indexes serve different queries. */
const shape = (path: KeyedAccess) =>
  JSON.stringify([path.index?.method?.toLowerCase() ?? (path.btree ? 'btree' : 'hash'), path.index?.where ?? null, path.index?.include ?? [], path.nullsNotDistinct]);

const hitFor = (path: KeyedAccess, message: string, hint?: string): Hit => ({
  kind: path.kind,
  part: path.name === undefined ? { index: path.position } : { name: path.name },
  message,
  hint,
});

/** Whether an access path of a partition is a clone of its parent's (none for other tables). */
type Cloned = (path: KeyedAccess) => boolean;

/** The clones among a partition's access paths, when the snapshot holds its parent. */
function clonesOf(table: Table, { model }: RuleContext): Cloned {
  const parent = parentTable(table, (schema, name) => model.table(schema, name));
  if (!parent) return () => false;
  const own = partitionOwnParts(table, parent);
  return (path) =>
    path.kind === 'index' ? !(own.indexes ?? []).includes(path.index!) : path.kind === 'primary_key' ? !own.primary_key : !(own.unique_constraints ?? []).includes(table.unique_constraints![path.position]!);
}

/**
 * A table's access paths with the lookups the rules make of them: by key and shape (the candidate
 * copies), by key alone (a covering index) and by first key part (a longer key it leads). Each list
 * keeps the paths' order, so the first match is the one a scan of every path finds, and a table of
 * thousands of indexes is not compared pair by pair.
 */
interface IndexedPaths {
  all: KeyedAccess[];
  /**
   * Each path's keys as a scan reads them with the first one ascending (a B-tree read backwards
   * serves the same lookups and orders, so `(b)` and `(b DESC)`, or `(a)` and `(a DESC, b)`, compare
   * alike), column and collation names as the dialect compares them (SQLite's `nocase` is `NOCASE`).
   */
  oriented: string[][];
  sameKeyAndShape: (i: number) => number[];
  sameKey: (i: number) => number[];
  ledBy: (lead: string) => number[];
}

function grouped<K>(count: number, keyOf: (i: number) => K | undefined): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  return groups;
}

/** A key part read backwards: the other direction, and NULLs at the other end where the index placed them itself. */
function reversed(key: IndexKey): IndexKey {
  const part = typeof key === 'string' ? { column: key } : key;
  const { descending, nulls, ...rest } = part;
  return { ...rest, ...(descending ? {} : { descending: true }), ...(nulls ? { nulls: nulls === 'first' ? 'last' : 'first' } : {}) };
}

function orientedKeys(keys: IndexKey[], nameKey: (name: string) => string): string[] {
  const first = keys[0];
  const backwards = typeof first === 'object' && first.descending === true;
  return keys.map((key) => indexKeyText(backwards ? reversed(key) : key, nameKey));
}

const indexedOf = new WeakMap<Table, IndexedPaths>();

/** The table's indexed access paths, built once for both index rules. */
function indexedPaths(table: Table, dialect: Dialect): IndexedPaths {
  let paths = indexedOf.get(table);
  if (!paths) indexedOf.set(table, (paths = buildIndexedPaths(table, dialect)));
  return paths;
}

function buildIndexedPaths(table: Table, dialect: Dialect): IndexedPaths {
  const all = accessPaths(table);
  const nameKey = columnKeyOf(dialect);
  const oriented = all.map((path) => (path.index ? orientedKeys(path.index.columns, nameKey) : path.keys.map(nameKey)));
  const keyOf = oriented.map((keys) => keys.join('\u0000'));
  const signatureOf = all.map((path, i) => `${keyOf[i]}\u0001${shape(path)}`);
  const bySignature = grouped(all.length, (i) => signatureOf[i]);
  const byKey = grouped(all.length, (i) => keyOf[i]);
  const byLead = grouped(all.length, (i) => oriented[i]![0]);
  return {
    all,
    oriented,
    sameKeyAndShape: (i) => bySignature.get(signatureOf[i]!)!,
    sameKey: (i) => byKey.get(keyOf[i]!)!,
    ledBy: (lead) => byLead.get(lead) ?? [],
  };
}

/**
 * The access path `i` copies (same key and shape), when it is the weaker of the two: an INVALID
 * one over a valid one (it serves nothing), else non-unique over unique (a hidden unique index still
 * enforces its key), else one hidden from the optimizer over a visible one (MySQL INVISIBLE,
 * MariaDB IGNORED), else a partition's own index
 * over a clone of its parent's (the clone can only be dropped on the parent, and a hit on it is left
 * to the parent), else the later one. A unique
 * constraint can copy only the primary key, an earlier unique constraint or, of its own on a
 * partition, one cloned from its parent (PostgreSQL builds a second
 * index for `ALTER TABLE … ADD UNIQUE (id)`): an index copying one is the weaker of those two.
 */
function twinOf(i: number, paths: IndexedPaths, cloned: Cloned): KeyedAccess | undefined {
  const path = paths.all[i]!;
  if (path.kind === 'primary_key') return undefined;
  const candidates = paths.sameKeyAndShape(i);
  if (path.kind === 'unique_constraint') {
    if (cloned(path)) return undefined;
    // A partition's own constraint copies its parent's clone wherever the two sort.
    const j = candidates.find((j) => j !== i && paths.all[j]!.kind !== 'index' && (j < i || cloned(paths.all[j]!)));
    return j === undefined ? undefined : paths.all[j];
  }
  // A unique index enforces its key hidden or not: its plain twin is the copy, whichever one the optimizer reads.
  const weaker = (other: KeyedAccess, j: number) =>
    other.valid !== path.valid
      ? other.valid
      : other.unique !== path.unique
        ? other.unique
        : other.visible !== path.visible
          ? other.visible
          : cloned(other) !== cloned(path)
            ? cloned(other)
            : j < i;
  const j = candidates.find((j) => j !== i && weaker(paths.all[j]!, j));
  return j === undefined ? undefined : paths.all[j];
}

// A foreign key that references the constraint depends on its index (PostgreSQL refuses the drop).
const UNIQUE_HINT = 'drop the duplicate unique constraint; re-create first any foreign key that references it, so that it uses the other key';

/** The hint where the index kept is the one the optimizer does not read: dropping the copy first would leave the key's lookups none. */
const hiddenTwinHint = (twin: KeyedAccess) => `make ${describePath(twin)} visible to the optimizer first (MariaDB: ALTER INDEX … NOT IGNORED; MySQL: ALTER INDEX … VISIBLE), then drop this duplicate`;

/** Whether a path's key reads backwards next to another's: a scan reads one of the two in reverse. */
const descendingFirst = (path: KeyedAccess) => {
  const first = path.index?.columns[0];
  return typeof first === 'object' && first.descending === true;
};

function duplicates(table: Table, cloned: Cloned, dialect: Dialect): Hit[] {
  const paths = indexedPaths(table, dialect);
  return paths.all.flatMap((path, i) => {
    const twin = twinOf(i, paths, cloned);
    if (!twin) return [];
    const spelled = path.keys.join() === twin.keys.join() ? '' : ` on (${twin.keys.join(', ')})${descendingFirst(path) === descendingFirst(twin) ? '' : ', read backwards'}`;
    const message = `${describePath(path)} has the same key (${path.keys.join(', ')}) as ${describePath(twin)}${spelled}`;
    const hint = path.kind === 'unique_constraint' ? UNIQUE_HINT : twin.visible || !path.visible ? undefined : hiddenTwinHint(twin);
    return [hitFor(path, message, hint)];
  });
}

function redundant(table: Table, cloned: Cloned, dialect: Dialect): Hit[] {
  const paths = indexedPaths(table, dialect);
  const hits: Hit[] = [];
  for (const [i, path] of paths.all.entries()) {
    // A copy is reported once, as the duplicate it is.
    if (path.kind !== 'index' || path.unique || !path.ordered || twinOf(i, paths, cloned)) continue;
    // Only a valid index or key answers the lookups (an INVALID one serves none, nor one hidden from the optimizer).
    const serves = (other: KeyedAccess) => other !== path && other.ordered && other.valid && other.visible;
    // An index that also holds INCLUDE columns answers its lookups from the index alone: a longer key serves it only holding them too.
    const holdsIncluded = (other: KeyedAccess) => (path.index?.include ?? []).every((c) => other.columns.includes(c) || (other.index?.include ?? []).includes(c));
    const first = (candidates: number[], test: (other: KeyedAccess, j: number) => boolean) => {
      const j = candidates.find((j) => test(paths.all[j]!, j));
      return j === undefined ? undefined : paths.all[j];
    };
    // Every key is led by an empty one.
    const keys = paths.oriented[i]!;
    const leading = keys.length ? paths.ledBy(keys[0]!) : paths.all.map((_, j) => j);
    const longer = first(leading, (other, j) => serves(other) && paths.oriented[j]!.length > keys.length && startsWith(paths.oriented[j]!, keys) && holdsIncluded(other));
    // The same key with INCLUDE columns added answers every lookup the plain one does, and more.
    const covering = !path.index?.include?.length && first(paths.sameKey(i), (other) => serves(other) && !!other.index?.include?.length);
    if (longer) {
      hits.push(hitFor(path, `index ${JSON.stringify(path.name)} on (${path.keys.join(', ')}) is a leading part of ${describePath(longer)} on (${longer.keys.join(', ')})`));
    } else if (covering) {
      hits.push(hitFor(path, `index ${JSON.stringify(path.name)} on (${path.keys.join(', ')}) is covered by ${describePath(covering)} on (${covering.keys.join(', ')}) INCLUDE (${covering.index!.include!.join(', ')})`));
    }
  }
  return hits;
}

const matviewTables = new WeakMap<SchemaObject, Table>();

/** The indexed object as the index rules read it: a table, or a materialized view's indexes (it has no keys). */
function indexedTable(object: SchemaObject): Table | undefined {
  if (object.kind === 'table') return object;
  if (object.kind !== 'materialized_view' || !object.indexes?.length) return undefined;
  let table = matviewTables.get(object);
  if (!table) matviewTables.set(object, (table = { kind: 'table', schema: object.schema, name: object.name, columns: [], indexes: object.indexes }));
  return table;
}

export const duplicateIndex: LintRule = {
  id: 'structure-duplicate-index',
  family: 'structure',
  level: 'warning',
  summary: 'No two indexes (or an index and a key, or two keys) have the same key.',
  description:
    'An index with the same key, method, predicate and included columns as another index or as the ' +
    'primary key or a unique constraint is pure cost: every write maintains it, no query needs it; so is ' +
    'a unique constraint on the primary key\'s columns or on another unique constraint\'s. A B-tree read ' +
    'backwards serves the same lookups and orders: (b DESC) has the same key as (b).',
  examples: {
    bad: 'CREATE TABLE t (id int PRIMARY KEY, email text);\nCREATE INDEX t_id_idx ON t (id);',
    good: 'CREATE TABLE t (id int PRIMARY KEY, email text);',
  },
  hint: 'drop the duplicate index',
  appliesTo: ['table', 'materialized_view'],
  check: (object, context) => {
    const table = indexedTable(object);
    return table ? duplicates(table, clonesOf(table, context), context.dialect) : [];
  },
};

export const redundantIndex: LintRule = {
  id: 'structure-redundant-index',
  family: 'structure',
  level: 'warning',
  summary: 'No non-unique index is a leading part of another index or key.',
  description:
    'A B-tree index on (a) is redundant next to one on (a, b), or a primary key on (a, b): the longer ' +
    'one answers every lookup on a (read backwards, (a DESC, b) does too); so is one on (a) next to (a) INCLUDE (b). Unique, partial and ' +
    'non-B-tree indexes are never reported.',
  examples: {
    bad: 'CREATE TABLE playlist_track (playlist_id int, track_id int, PRIMARY KEY (playlist_id, track_id));\nCREATE INDEX ON playlist_track (playlist_id);',
    good: 'CREATE TABLE playlist_track (playlist_id int, track_id int, PRIMARY KEY (playlist_id, track_id));\nCREATE INDEX ON playlist_track (track_id);',
  },
  hint: 'drop it; the longer index serves the same lookups',
  appliesTo: ['table', 'materialized_view'],
  check: (object, context) => {
    const table = indexedTable(object);
    return table ? redundant(table, clonesOf(table, context), context.dialect) : [];
  },
};
