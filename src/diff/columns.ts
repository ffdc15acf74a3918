// Columns: matched by name (or by an explicit rename), compared attribute by attribute, and moved
// only when the relative order of the columns both sides have changes: adding or dropping a
// column shifts ordinals but moves nothing. A removed and an added column of the same shape, each
// the other's only match, are reported with a hint that they may be a rename; the configuration
// can say that they are.
import type { Flavor } from '../dialects/mysql/server.js';
import { sqlName } from '../model/sql-name.js';
import type { Column, Dialect } from '../model/types.js';
import { escapeRegExp } from '../util/regexp.js';
import { foldName } from '../model/names.js';
import { takenFromTable, TEXT_TYPE } from '../model/table-charset.js';
import { attributeChanges } from './attributes.js';
import { inOrder } from './kept-order.js';
import { likelyRenames } from './likely-renames.js';
import { localHint } from './local-hint.js';
import type { ChangeKind, ModelChange } from './change.js';
import type { Owner, Part } from './parts.js';
import { withReferencesRenamed, type RenamedNames } from './renamed-references.js';
import { renamedPath, renameRings, type RenameMap } from './settings.js';
import { parenthesized } from './sql-spelling.js';
import { namePart, objectLabel } from '../util/qualified-name.js';

export interface ColumnLike {
  name: string;
  type?: string;
  nullable?: boolean;
}

/**
 * Two versions of a MySQL column, each with what it takes from its table made explicit where both
 * hold text: the model records a column's charset and collation only where they differ from its
 * table's, so a table given a new default records its columns' old ones, which are no change. A
 * column that starts or stops holding text takes its table's as part of its type change: only
 * its own (recorded) ones are reported, against null.
 */
function withTableCharset(from: ColumnLike, to: ColumnLike, owner: Pick<Owner, 'before' | 'after'>): [ColumnLike, ColumnLike] {
  if (!TEXT_TYPE.test(from.type ?? '') || !TEXT_TYPE.test(to.type ?? '')) return [from, to];
  return [takenFromTable(from, owner.before), takenFromTable(to, owner.after)];
}

/** The canonical shape of the columns of an owner (views' columns, the default, are `view_column`). */
const COLUMN_SHAPES: Partial<Record<ChangeKind, string>> = { table: 'column', type: 'type_attribute' };

/** What a renamed column keeps: its type and nullability. */
const shapeOf = (column: ColumnLike) => JSON.stringify([column.type, column.nullable]);

/** What comparing columns follows, from the configuration and the dialect. */
export interface ColumnContext {
  renames: RenameMap;
  /** Column, index and key names that differ only in case are the same (SQLite, MySQL). */
  caseInsensitiveColumns?: boolean;
  /** Text columns take charset and collation from their table where they record none (MySQL). */
  tableCharset?: boolean;
  /** A string literal in SQL text takes backslash escapes (MySQL's `'it\'s'`); elsewhere a backslash is itself. */
  backslashEscapes?: boolean;
  /** The types and sequences renamed in this diff, which column types and defaults name (PostgreSQL). */
  renamedReferences?: RenamedNames;
}

/** What a table's column moved among the others does to the statements that take columns by place. */
const MOVED = 'an INSERT … VALUES without a column list now writes its values into other columns, and SELECT * reads them in another order';

export function diffColumns(owner: Owner, fromColumns: ColumnLike[], toColumns: ColumnLike[], context: ColumnContext, fromOwner = owner.object): ModelChange[] {
  const { renames, caseInsensitiveColumns: caseInsensitive, tableCharset, backslashEscapes, renamedReferences } = context;
  const toByName = new Map(toColumns.map((c) => [c.name, c]));
  const toByFoldedName = new Map(caseInsensitive ? toColumns.map((c) => [foldName(c.name), c]) : []);
  const fromNames = new Set(fromColumns.map((c) => c.name));
  const prefix = `${owner.object}.`;
  // A configured rename is crossed by this diff when its new name is new here or its old name is
  // gone; one of a column whose old and new names are on both sides is of another time (as tables).
  const renamedTo = (column: ColumnLike): ColumnLike | undefined => {
    const gone = !toByName.has(column.name) && !toByFoldedName.has(foldName(column.name));
    const at = (path: string) => {
      const other = path.startsWith(prefix) ? toByName.get(path.slice(prefix.length)) : undefined;
      return other && (gone || !fromNames.has(other.name)) ? other : undefined;
    };
    const target = renamedPath(renames, `${fromOwner}.${column.name}`, (path) => at(path) !== undefined);
    return target === undefined ? undefined : at(target);
  };
  const pairs = new Map<ColumnLike, ColumnLike>();
  const matched = new Set<ColumnLike>();
  const pair = (column: ColumnLike, other: ColumnLike | undefined) => {
    if (!other || matched.has(other)) return;
    pairs.set(column, other);
    matched.add(other);
  };
  // Configured swaps (a → b, b → a) first, where the columns' places say this diff crossed them:
  // a renamed column keeps its place among the columns whose names both sides hold (one dropped
  // or added beside the swap moves none of them), so the column at a's place is called b now.
  const [fromShared, toShared] = [fromColumns.filter((c) => toByName.has(c.name)), toColumns.filter((c) => fromNames.has(c.name))];
  const fromPlace = new Map(fromShared.map((c, i) => [c.name, i]));
  const toPlace = new Map(toShared.map((c, i) => [c.name, i]));
  const present = (path: string) => path.startsWith(`${fromOwner}.`) && fromPlace.has(path.slice(fromOwner.length + 1));
  const nameIn = (path: string) => path.slice(fromOwner.length + 1);
  for (const ring of renameRings(renames, present)) {
    if (ring.every(([a, b]) => fromPlace.get(nameIn(a)) === toPlace.get(nameIn(b))) && ring.every(([a]) => !pairs.has(fromShared[fromPlace.get(nameIn(a))!]!))) {
      for (const [a, b] of ring) pair(fromShared[fromPlace.get(nameIn(a))!]!, toShared[toPlace.get(nameIn(b))!]);
    }
  }
  // Renames then: a renamed column may have taken the name of one dropped since (drop email,
  // rename email_new to email), or left its own to a new column (rename a to a_old, add a).
  for (const column of fromColumns) if (!pairs.has(column)) pair(column, renamedTo(column));
  for (const column of fromColumns) if (!pairs.has(column)) pair(column, toByName.get(column.name) ?? toByFoldedName.get(foldName(column.name)));
  const removed = fromColumns.filter((c) => !pairs.has(c));
  const added = toColumns.filter((c) => !matched.has(c));
  const likely = likelyRenames(removed, added, shapeOf);
  const likelyFrom = new Map([...likely].map(([gone, arrived]) => [arrived, gone]));

  const survivorsFrom = fromColumns.filter((c) => pairs.has(c)).map((c) => pairs.get(c)!.name);
  const survivorsTo = toColumns.filter((c) => matched.has(c)).map((c) => c.name);
  const unmoved = inOrder(survivorsFrom, survivorsTo);

  const shape = COLUMN_SHAPES[owner.kind] ?? 'view_column';
  const base = { kind: 'column' as const, path: owner.path, parent: owner.kind, owner: owner.after, ownerBefore: owner.before };
  const at = (name: string) => `${owner.object}.${name}`;
  const readableColumn = (name: string, of = owner.after) => {
    const { schema, name: ownerName } = of as { schema: string; name: string };
    return `${objectLabel(schema, owner.kind, ownerName)}.${namePart(name)}`;
  };
  // A generated column's expression names the renamed columns too: compared as it reads after the rename.
  const renamed = new Map([...pairs].filter(([a, b]) => a.name !== b.name).map(([a, b]) => [a.name, b.name]));
  const asRenamed = (column: ColumnLike & { generated?: Part }, other: ColumnLike & { generated?: Part }) =>
    renamed.size && column.generated ? { ...column, generated: withColumnsRenamed(column.generated, renamed, backslashEscapes, other.generated) } : column;
  const changes: ModelChange[] = [];
  fromColumns.forEach((column, i) => {
    const other = pairs.get(column);
    if (!other) {
      const to = likely.get(column);
      const hint = to ? { hint: `likely renamed to ${readableColumn(to.name)}` } : {};
      changes.push({ ...base, action: 'remove', object: at(column.name), before: column, ...hint });
      return;
    }
    const object = at(other.name);
    if (other.name !== column.name) changes.push({ ...base, action: 'rename', object, from: column.name, to: other.name, before: column, after: other });
    const [charset, theirs] = tableCharset && owner.kind === 'table' ? withTableCharset(column, other, owner) : [column, other];
    const mine = withReferencesRenamed(charset, theirs, renamedReferences, ['type'], ['default']);
    for (const c of attributeChanges(asRenamed(mine, theirs), theirs, new Set(['name']), shape)) {
      const hint = localHint('column', c);
      changes.push({ ...base, action: 'modify', object, attribute: c.attribute, from: c.from, to: c.to, before: column, after: other, ...(hint ? { hint } : {}) });
    }
    if (!unmoved.has(other.name)) {
      const hint = owner.kind === 'table' ? { hint: MOVED } : {};
      changes.push({ ...base, action: 'modify', object, attribute: 'position', from: i + 1, to: toColumns.indexOf(other) + 1, before: column, after: other, ...hint });
    }
  });
  for (const column of toColumns) {
    if (matched.has(column)) continue;
    const from = likelyFrom.get(column);
    const hint = from ? { hint: `likely renamed from ${readableColumn(from.name, owner.before)}` } : {};
    changes.push({ ...base, action: 'add', object: at(column.name), after: column, ...hint });
  }
  return changes;
}

/**
 * A part (or a generated column's expression) as it reads once columns are renamed: in its column
 * lists (plain or index keys) and, word by word, in its SQL text (definition, predicate, WHEN,
 * expressions). A foreign key's referenced columns are another table's and stay. The server
 * rewrites its text quoting the new name as it needs (PostgreSQL's `"Mail"`, `"user"`) or leaves
 * it as it was (a MySQL trigger's body): each text reads as `counterpart`, the part on the other
 * side, reads where one of those spellings is what it says, so that neither is reported. A string
 * literal is data, which no rename touches: `status <> 'status'` keeps its `'status'`, so that a
 * literal changed beside the rename is still reported.
 */
export function withColumnsRenamed(part: Part, renamed: Map<string, string>, backslashEscapes = false, counterpart?: Part): Part {
  const names = [...renamed.keys()].map(escapeRegExp).join('|');
  // Literals first, so that a name inside one is not taken for a column: `'it\'s'` is one where
  // a backslash escapes (MySQL), `'x\'` ends at its second quote where it does not (PostgreSQL's standard strings, SQLite).
  const literal = backslashEscapes ? `'(?:[^'\\\\]|''|\\\\[^])*'` : `'(?:[^']|'')*'`;
  const words = new RegExp(`${literal}|"(${names})"|(?<![\\w$])(${names})(?![\\w$])`, 'gu');
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const spellings: ((name: string, quoted: boolean) => string)[] = [(name, quoted) => (quoted ? quote(name) : name), (name) => name, quote];
  const text = (value: unknown, theirs: unknown) => {
    if (typeof value !== 'string' || value === theirs) return value;
    const spell = (as: (name: string, quoted: boolean) => string) => (match: string, quoted: string | undefined, bare: string | undefined) =>
      quoted === undefined && bare === undefined ? match : as(renamed.get(quoted ?? bare!)!, quoted !== undefined);
    const spelled = spellings.map((as) => value.replace(words, spell(as)));
    return spelled.find((candidate) => candidate === theirs) ?? spelled[0];
  };
  const theirs = (counterpart ?? {}) as Record<string, unknown>;
  const key = (k: unknown, other: unknown): unknown => {
    if (typeof k === 'string') return renamed.get(k) ?? k;
    if (!k || typeof k !== 'object') return k;
    const { column, expression } = k as { column?: string; expression?: string };
    return { ...k, ...(column !== undefined ? { column: renamed.get(column) ?? column } : {}), ...(expression !== undefined ? { expression: text(expression, (other as { expression?: unknown } | undefined)?.expression) } : {}) };
  };
  const out: Record<string, unknown> = { ...part };
  for (const field of ['columns', 'include']) if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).map((k, i) => key(k, (theirs[field] as unknown[] | undefined)?.[i]));
  if (typeof out.column === 'string') out.column = key(out.column, undefined);
  for (const field of ['definition', 'where', 'expression', 'when', 'using', 'with_check']) if (field in out) out[field] = text(out[field], theirs[field]);
  return out as Part;
}

/** MariaDB's system-versioning columns are generated AS ROW START / ROW END, which take no parentheses. */
function generatedClause(generated: NonNullable<Column['generated']>, dialect: Dialect): string {
  if (dialect === 'mysql' && /^ROW (START|END)$/.test(generated.expression)) return `GENERATED ALWAYS AS ${generated.expression}`;
  return `GENERATED ALWAYS AS (${generated.expression})${generated.stored ? ' STORED' : ''}`;
}

/** A SQLite default as DDL takes it: a literal as it is, an expression in parentheses (SQLite's catalog gives it without). */
const SQLITE_LITERAL_DEFAULT = /^(?:[+-]?\s*(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|[+-]?\s*0x[0-9a-f]+|'(?:[^']|'')*'|x'[0-9a-f]*'|"(?:[^"]|"")*"|[\p{L}_][\p{L}\p{N}_$]*)$/iu;
const sqliteDefault = (text: string) => (SQLITE_LITERAL_DEFAULT.test(text.trim()) || parenthesized(text) ? text : `(${text})`);

/**
 * An added or removed column in one line, as DDL would spell it (`varchar(50) NOT NULL DEFAULT 'x'`),
 * so that a reviewer sees what arrives or goes without opening the snapshot; `flavor`, of a
 * MySQL-dialect column, the server whose words it is spelt in.
 */
export function columnDefinition(column: ColumnLike & Partial<Pick<Column, 'default' | 'identity' | 'generated' | 'auto_increment' | 'charset' | 'collation' | 'on_update' | 'hidden' | 'options'>>, dialect: Dialect, flavor?: Flavor): string {
  const onConflict = column.options?.on_conflict;
  const srid = column.options?.srid;
  return [
    column.type,
    // A geometry column's spatial reference system, which its values must be in (MariaDB takes it right after the type).
    srid !== undefined ? (flavor === 'mariadb' ? `REF_SYSTEM_ID=${srid}` : `SRID ${srid}`) : undefined,
    column.charset !== undefined ? `CHARACTER SET ${column.charset}` : undefined,
    column.collation !== undefined ? `COLLATE ${sqlName(column.collation, dialect)}` : undefined,
    column.nullable === false ? 'NOT NULL' : undefined,
    // SQLite: NOT NULL ON CONFLICT REPLACE stores the default where a NULL is written, no error
    column.nullable === false && typeof onConflict === 'string' ? `ON CONFLICT ${onConflict.toUpperCase()}` : undefined,
    column.auto_increment ? (dialect === 'sqlite' ? 'PRIMARY KEY AUTOINCREMENT' : 'AUTO_INCREMENT') : undefined,
    column.default !== undefined ? `DEFAULT ${dialect === 'sqlite' ? sqliteDefault(column.default) : column.default}` : undefined,
    column.on_update !== undefined ? `ON UPDATE ${column.on_update}` : undefined,
    column.identity ? `GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY` : undefined,
    column.generated ? generatedClause(column.generated, dialect) : undefined,
    // MySQL 8 and MariaDB: left out of SELECT * and positional INSERTs, which is why an added column may be one.
    column.hidden ? 'INVISIBLE' : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
}
