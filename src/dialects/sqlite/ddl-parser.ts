/**
 * Parser for the CREATE statements SQLite keeps in `sqlite_schema.sql`.
 *
 * The PRAGMAs describe columns, foreign keys and indexes, but lose CHECKs,
 * collations, generated expressions, AUTOINCREMENT, WITHOUT ROWID / STRICT,
 * constraint names, partial-index predicates and index expressions. Those are
 * recovered here. The input is SQL that SQLite already accepted, so the parser
 * extracts rather than validates: expressions and trigger bodies are never
 * interpreted, only returned as source text.
 */
import {
  Cursor,
  QUOTE_CHARS,
  dequote,
  isNameToken,
  isPunct,
  keywordOf,
  trimSql,
  type Item,
  type Token,
} from './ddl-tokens.js';

export { DdlParseError } from './ddl-tokens.js';

export interface ParsedForeignKey {
  name?: string;
  /** Local columns; for a column-level REFERENCES, that column. */
  columns: string[];
  table: string;
  /** Referenced columns as written; [] when omitted (meaning the parent's primary key). */
  refColumns: string[];
  /** Lower-cased action: 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action'. */
  onDelete?: string;
  onUpdate?: string;
  deferrable?: 'deferrable' | 'not deferrable';
  initially?: 'deferred' | 'immediate';
}

/** What an INSERT or UPDATE does when it would break the constraint (SQLite's ON CONFLICT clause). */
export type ConflictAlgorithm = 'rollback' | 'fail' | 'ignore' | 'replace';

export interface ParsedCheck {
  name?: string;
  /** Source text inside the CHECK( ... ) parens. */
  expression: string;
  /** Set for column-level checks. */
  column?: string;
}

export interface ParsedColumn {
  name: string;
  /** The declared type exactly as `pragma table_info` reports it; '' when none. */
  type: string;
  primaryKey?: { order?: 'asc' | 'desc'; autoincrement: boolean; name?: string; onConflict?: ConflictAlgorithm };
  notNull: boolean;
  /** The NOT NULL constraint's ON CONFLICT algorithm, when one other than ABORT (the default) is written. */
  notNullOnConflict?: ConflictAlgorithm;
  unique?: { name?: string; onConflict?: ConflictAlgorithm };
  /** Source text of the DEFAULT value; a parenthesised expression keeps its parens. */
  default?: string;
  collation?: string;
  /** VIRTUAL unless STORED is written. */
  generated?: { expression: string; stored: boolean };
  /** Column-level CHECKs only; table-level ones are on the table. */
  checks: ParsedCheck[];
  /** The column's last REFERENCES; a column may have several, all in ParsedTable.foreignKeys. */
  references?: ParsedForeignKey;
}

export interface ParsedTable {
  schema?: string;
  name: string;
  /** Empty for CREATE TABLE ... AS SELECT: its columns only exist in the pragma. */
  columns: ParsedColumn[];
  /** Table-level PRIMARY KEY(...) only; a column-level one is on the column. */
  primaryKey?: { name?: string; columns: string[]; autoincrement: boolean; onConflict?: ConflictAlgorithm };
  /** `keys` only when a key says more than its column's name (COLLATE, ASC or DESC). */
  uniques: { name?: string; columns: string[]; keys?: ParsedIndexKey[]; onConflict?: ConflictAlgorithm }[];
  checks: ParsedCheck[];
  /**
   * Every foreign key, column-level (a column may have several) and table-level, in the order
   * written: SQLite numbers them in reverse of it (pragma foreign_key_list id 0 is the last one),
   * which is the only way to tell apart keys on the same columns and table.
   */
  foreignKeys: ParsedForeignKey[];
  withoutRowid: boolean;
  strict: boolean;
  asSelect: boolean;
}

/**
 * `column` is set for a lone name, quoted or not, and `expression` (source text) for any other key.
 * A lone double-quoted name has both: SQLite reads it as a string when it names no column, and the
 * key is then that expression (pragma_index_xinfo says which, with cid -2).
 */
export interface ParsedIndexKey {
  column?: string;
  expression?: string;
  collation?: string;
  order?: 'asc' | 'desc';
}

export interface ParsedIndex {
  schema?: string;
  name: string;
  table: string;
  unique: boolean;
  keys: ParsedIndexKey[];
  /** Source text of a partial index's predicate. */
  where?: string;
}

export interface ParsedVirtualTable {
  schema?: string;
  name: string;
  module: string;
  /** Module arguments as source text, split on top-level commas. */
  arguments: string[];
}

export interface ParsedTrigger {
  schema?: string;
  name: string;
  timing: 'before' | 'after' | 'instead of';
  event: 'insert' | 'update' | 'delete';
  /** The UPDATE OF column list; [] otherwise. */
  columns: string[];
  table: string;
  forEachRow: boolean;
  when?: string;
}

/** Unquoted words that end a column's type because they start a column constraint. */
const COLUMN_CONSTRAINT_WORDS = new Set([
  'CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'AS', 'DEFERRABLE',
]);
/** Unquoted words that, at the start of a table element, make it a constraint rather than a column. */
const TABLE_CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);
/** Type names SQLite recognises exactly and reports in upper case whatever the spelling. */
const STANDARD_TYPES = new Set(['ANY', 'BLOB', 'INT', 'INTEGER', 'REAL', 'TEXT']);
/** Keywords acting as binary or NOT operators in expressions; all bind looser than COLLATE. */
const OPERATOR_WORDS = new Set([
  'AND', 'OR', 'NOT', 'IS', 'IN', 'LIKE', 'GLOB', 'MATCH', 'REGEXP', 'BETWEEN', 'ISNULL', 'NOTNULL', 'ESCAPE',
]);
/** Words that can open the first statement of a trigger body. */
const STATEMENT_STARTS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'WITH', 'VALUES']);

const lower = <W extends string>(word: W): Lowercase<W> => word.toLowerCase() as Lowercase<W>;

/** `{ key: value }`, or `{}` when the value is absent, so absent facts stay absent keys. */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** CREATE [TEMP|TEMPORARY] [UNIQUE] <object> [IF NOT EXISTS] [schema.]name */
function createHeader(c: Cursor, object: 'TABLE' | 'VIRTUAL TABLE' | 'INDEX' | 'TRIGGER') {
  c.expectWords('CREATE');
  if (!c.acceptWords('TEMP')) c.acceptWords('TEMPORARY');
  const unique = object === 'INDEX' && c.acceptWords('UNIQUE');
  c.expectWords(...object.split(' '));
  c.acceptWords('IF', 'NOT', 'EXISTS');
  return { unique, ...c.qualifiedName() };
}

export function parseCreateTable(sql: string): ParsedTable {
  const c = new Cursor(sql);
  const { schema, name } = createHeader(c, 'TABLE');
  const table: ParsedTable = {
    ...opt('schema', schema),
    name,
    columns: [],
    uniques: [],
    checks: [],
    foreignKeys: [],
    withoutRowid: false,
    strict: false,
    asSelect: false,
  };
  if (c.acceptWords('AS')) return { ...table, asSelect: true };
  parseTableBody(c, table);
  parseTableOptions(c, table);
  c.expectEnd();
  return table;
}

function parseTableBody(c: Cursor, table: ParsedTable): void {
  c.expectPunct('(');
  do {
    if (TABLE_CONSTRAINT_WORDS.has(keywordOf(c.peek()) ?? '')) break;
    table.columns.push(parseColumn(c, table.foreignKeys));
  } while (c.acceptPunct(','));
  // SQLite lets table constraints follow one another without separating commas.
  while (!c.acceptPunct(')')) {
    parseTableConstraint(c, table);
    c.acceptPunct(',');
  }
}

function parseTableOptions(c: Cursor, table: ParsedTable): void {
  if (c.atEnd()) return;
  do {
    if (c.acceptWords('WITHOUT', 'ROWID')) table.withoutRowid = true;
    else if (c.acceptWords('STRICT')) table.strict = true;
    else c.fail('WITHOUT ROWID or STRICT');
  } while (c.acceptPunct(','));
}

function parseColumn(c: Cursor, foreignKeys: ParsedForeignKey[]): ParsedColumn {
  const column: ParsedColumn = { name: c.identifier(), type: parseType(c), notNull: false, checks: [] };
  while (!c.isPunct(',') && !c.isPunct(')')) {
    const before = column.references;
    parseColumnConstraint(c, column, foreignKeys);
    if (column.references !== before) foreignKeys.push(column.references!);
  }
  return column;
}

/** Type words run up to the first constraint keyword, optionally followed by `(n)` or `(n, m)`. */
function parseType(c: Cursor): string {
  const first = c.peek();
  let last: Token | undefined;
  while (isNameToken(c.peek()) && !COLUMN_CONSTRAINT_WORDS.has(keywordOf(c.peek()) ?? '')) last = c.next('a type');
  if (!first || !last) return '';
  if (c.isPunct('(')) last = c.group().close;
  return declaredType(c.sql.slice(first.start, last.end));
}

/**
 * Reproduces what sqlite3AddColumn() stores as the declared type, so the result
 * equals pragma table_info's `type`: the raw source span (inner whitespace and
 * comments kept), then SQLite's quirks in its order.
 */
function declaredType(span: string): string {
  // GENERATED and ALWAYS are not reserved, so the grammar swallows them into
  // the type; SQLite strips them again by plain suffix matching on the bytes.
  let type = span;
  if (Buffer.byteLength(type) >= 16 && type.slice(-6).toUpperCase() === 'ALWAYS') {
    type = trimSql(type.slice(0, -6));
    if (Buffer.byteLength(type) >= 9 && type.slice(-9).toUpperCase() === 'GENERATED') type = trimSql(type.slice(0, -9));
  }
  // sqlite3DequoteToken(): drop enclosing quotes only when no other quote char is inside.
  const inner = type.slice(1, -1);
  if (type.length >= 2 && QUOTE_CHARS.includes(type[0]!) && ![...inner].some((ch) => QUOTE_CHARS.includes(ch))) {
    type = inner;
  }
  const upper = type.toUpperCase();
  return STANDARD_TYPES.has(upper) ? upper : dequote(type);
}

/**
 * SQLite reads `CONSTRAINT name` as an element of its own: of several in a row the last names what
 * follows, and one that nothing follows (`a INT CONSTRAINT c,`) names nothing. Undefined when none.
 */
function constraintName(c: Cursor): string | undefined {
  let name: string | undefined;
  while (c.acceptWords('CONSTRAINT')) name = c.identifier();
  return name;
}

function parseColumnConstraint(c: Cursor, column: ParsedColumn, foreignKeys: ParsedForeignKey[]): void {
  const name = constraintName(c);
  if (name !== undefined && (c.isPunct(',') || c.isPunct(')'))) return;
  if (c.acceptWords('PRIMARY', 'KEY')) {
    const order = sortOrder(c);
    const conflict = onConflict(c);
    const autoincrement = c.acceptWords('AUTOINCREMENT');
    column.primaryKey = { ...opt('order', order), autoincrement, ...opt('name', name), ...opt('onConflict', conflict) };
  } else if (c.acceptWords('NOT', 'NULL')) {
    const conflict = onConflict(c);
    column.notNull = true;
    if (conflict) column.notNullOnConflict = conflict;
  } else if (c.acceptWords('NULL')) {
    onConflict(c);
  } else if (c.acceptWords('UNIQUE')) {
    // UNIQUE twice on a column is one index, with the ON CONFLICT either gives (SQLite's CREATE TABLE merges them).
    const conflict = onConflict(c) ?? column.unique?.onConflict;
    column.unique = { ...opt('name', name ?? column.unique?.name), ...opt('onConflict', conflict) };
  } else if (c.acceptWords('CHECK')) {
    column.checks.push({ ...opt('name', name), expression: c.parenText(), column: column.name });
  } else if (c.acceptWords('DEFAULT')) {
    column.default = defaultValue(c);
  } else if (c.acceptWords('COLLATE')) {
    column.collation = c.identifier();
  } else if (c.acceptWords('REFERENCES')) {
    column.references = referencesClause(c, [column.name], name);
  } else if (c.acceptWords('GENERATED', 'ALWAYS', 'AS') || c.acceptWords('AS')) {
    column.generated = { expression: c.parenText(), stored: generatedStorage(c) };
    // SQLite also takes [NOT] DEFERRABLE as a constraint of its own, amending the table's latest
    // foreign key: this column's REFERENCES, or, when it has none yet, an earlier column's.
  } else if (!deferrable(c, foreignKeys.at(-1))) {
    c.fail('a column constraint');
  }
}

function generatedStorage(c: Cursor): boolean {
  if (c.acceptWords('STORED')) return true;
  c.acceptWords('VIRTUAL');
  return false;
}

/** SQLite's grammar allows one literal or name token, optionally signed, or a parenthesised expression. */
function defaultValue(c: Cursor): string {
  const first = c.peek() ?? c.fail('a default value');
  if (c.isPunct('(')) return c.sql.slice(first.start, c.group().close.end);
  if (!c.acceptPunct('+')) c.acceptPunct('-');
  return c.sql.slice(first.start, c.next('a default value').end);
}

function sortOrder(c: Cursor): 'asc' | 'desc' | undefined {
  if (c.acceptWords('ASC')) return 'asc';
  if (c.acceptWords('DESC')) return 'desc';
  return undefined;
}

/** The ON CONFLICT algorithm, if one is written; ABORT is SQLite's default, so it reads as none. */
function onConflict(c: Cursor): ConflictAlgorithm | undefined {
  if (!c.acceptWords('ON', 'CONFLICT')) return undefined;
  const algorithm = lower(c.expectOneOf('ROLLBACK', 'ABORT', 'FAIL', 'IGNORE', 'REPLACE'));
  return algorithm === 'abort' ? undefined : algorithm;
}

/** The part of a foreign key after REFERENCES. */
function referencesClause(c: Cursor, columns: string[], name: string | undefined): ParsedForeignKey {
  const table = c.identifier();
  const refColumns = c.isPunct('(') ? c.group().items.map((item) => item.tokens[0]!.value) : [];
  const fk: ParsedForeignKey = { ...opt('name', name), columns, table, refColumns };
  for (;;) {
    if (c.acceptWords('ON')) {
      const event = c.expectOneOf('DELETE', 'UPDATE', 'INSERT');
      const action = referentialAction(c);
      // SQLite parses ON INSERT but ignores it.
      if (event === 'DELETE') fk.onDelete = action;
      if (event === 'UPDATE') fk.onUpdate = action;
    } else if (c.acceptWords('MATCH')) {
      // SQLite parses MATCH and ignores it (every key matches SIMPLE): nothing to record.
      c.identifier();
    } else if (!deferrable(c, fk)) {
      return fk;
    }
  }
}

function referentialAction(c: Cursor): string {
  if (c.acceptWords('SET')) return `set ${lower(c.expectOneOf('NULL', 'DEFAULT'))}`;
  if (c.acceptWords('NO', 'ACTION')) return 'no action';
  return lower(c.expectOneOf('CASCADE', 'RESTRICT'));
}

/** `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`, recorded on `fk` if there is one; false when absent. */
function deferrable(c: Cursor, fk: ParsedForeignKey | undefined): boolean {
  let value: ParsedForeignKey['deferrable'];
  if (c.acceptWords('NOT', 'DEFERRABLE')) value = 'not deferrable';
  else if (c.acceptWords('DEFERRABLE')) value = 'deferrable';
  else return false;
  const initially = c.acceptWords('INITIALLY') ? lower(c.expectOneOf('DEFERRED', 'IMMEDIATE')) : undefined;
  if (fk) {
    // A later clause replaces an earlier one whole, as SQLite's does: a bare DEFERRABLE is immediate again.
    delete fk.initially;
    Object.assign(fk, { deferrable: value }, opt('initially', initially));
  }
  return true;
}

function parseTableConstraint(c: Cursor, table: ParsedTable): void {
  const name = constraintName(c);
  if (name !== undefined && (c.isPunct(',') || c.isPunct(')'))) return;
  if (c.acceptWords('PRIMARY', 'KEY')) {
    const { items } = c.group();
    // AUTOINCREMENT goes inside the parens, after the last key: PRIMARY KEY(id AUTOINCREMENT).
    const last = items.at(-1);
    const autoincrement = last !== undefined && keywordOf(last.tokens.at(-1)) === 'AUTOINCREMENT';
    if (autoincrement) last.end = last.tokens.pop()!.start;
    const conflict = onConflict(c);
    table.primaryKey = { ...opt('name', name), columns: keyColumns(c.sql, items), autoincrement, ...opt('onConflict', conflict) };
  } else if (c.acceptWords('UNIQUE')) {
    const keys = c.group().items.map((item) => indexKey(c.sql, item));
    const columns = keys.map((key) => key.column ?? key.expression!);
    // UNIQUE (a) and UNIQUE (a COLLATE NOCASE) are two indexes on the same column names: the
    // collation and order are what tell them apart.
    const detailed = keys.some((key) => key.collation !== undefined || key.order !== undefined);
    table.uniques.push({ ...opt('name', name), columns, ...opt('keys', detailed ? keys : undefined), ...opt('onConflict', onConflict(c)) });
  } else if (c.acceptWords('CHECK')) {
    table.checks.push({ ...opt('name', name), expression: c.parenText() });
    onConflict(c);
  } else if (c.acceptWords('FOREIGN', 'KEY')) {
    const columns = c.group().items.map((item) => item.tokens[0]!.value);
    c.expectWords('REFERENCES');
    const fk = referencesClause(c, columns, name);
    table.foreignKeys.push(fk);
  } else {
    c.fail('a table constraint');
  }
}

/** PRIMARY KEY / UNIQUE columns: SQLite rejects expressions there, so each key is a column plus ignored suffixes. */
function keyColumns(sql: string, items: Item[]): string[] {
  return items.map((item) => {
    const key = indexKey(sql, item);
    return key.column ?? key.expression!;
  });
}

/** Splits `expr [COLLATE name] [ASC|DESC]`; a lone name token is a column, anything else an expression (see ParsedIndexKey). */
function indexKey(sql: string, item: Item): ParsedIndexKey {
  const tokens = [...item.tokens];
  let end = item.end;
  const orderWord = keywordOf(tokens.at(-1));
  const order = orderWord === 'ASC' || orderWord === 'DESC' ? lower(orderWord) : undefined;
  if (order) end = tokens.pop()!.start;
  const collationToken = tokens.at(-1);
  const collation = keywordOf(tokens.at(-2)) === 'COLLATE' && isNameToken(collationToken) && isOperand(tokens.slice(0, -2))
    ? collationToken.value
    : undefined;
  if (collation !== undefined) end = tokens.splice(-2)[0]!.start;
  const core = bareKey(tokens);
  const expression = trimSql(sql.slice(item.start, end));
  const name = core.length === 1 && isNameToken(core[0]) ? core[0] : undefined;
  const target = name === undefined ? { expression } : { column: name.value, ...opt('expression', name.text.startsWith('"') ? expression : undefined) };
  return { ...target, ...opt('collation', collation), ...opt('order', order) };
}

/**
 * Whether the tokens form a single operand, optionally with prefix operators.
 * COLLATE binds tighter than any binary operator, so in `a || b COLLATE x` it
 * applies to `b` only and is part of the key's expression, not its collation.
 */
function isOperand(tokens: Token[]): boolean {
  const isPrefixOperator = (token: Token) => isPunct(token, '+') || isPunct(token, '-') || isPunct(token, '~');
  const operand = tokens.slice(Math.max(0, tokens.findIndex((token) => !isPrefixOperator(token))));
  return outsideGroups(operand).every((token) =>
    token.kind === 'punct' ? token.text === '.' : !OPERATOR_WORDS.has(keywordOf(token) ?? ''));
}

/** The tokens outside any parentheses or CASE ... END, without those delimiters. */
function outsideGroups(tokens: Token[]): Token[] {
  let depth = 0;
  return tokens.filter((token) => {
    const word = keywordOf(token);
    if (isPunct(token, '(') || word === 'CASE') depth++;
    else if (isPunct(token, ')') || word === 'END') depth--;
    else return depth === 0;
    return false;
  });
}

/**
 * Looks through what SQLite looks through when deciding whether a key is a
 * plain column: enclosing parentheses, as in `(a)`, and COLLATE suffixes.
 */
function bareKey(tokens: Token[]): Token[] {
  if (keywordOf(tokens.at(-2)) === 'COLLATE') return bareKey(tokens.slice(0, -2));
  if (!isPunct(tokens[0], '(') || !isPunct(tokens.at(-1), ')')) return tokens;
  let depth = 0;
  for (const token of tokens.slice(0, -1)) {
    if (isPunct(token, '(')) depth++;
    if (isPunct(token, ')')) depth--;
    // The opening paren closes before the end, as in `(a) + (b)`.
    if (depth === 0) return tokens;
  }
  return bareKey(tokens.slice(1, -1));
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const c = new Cursor(sql);
  const { unique, schema, name } = createHeader(c, 'INDEX');
  c.expectWords('ON');
  const table = c.identifier();
  const keys = c.group().items.map((item) => indexKey(sql, item));
  const where = c.acceptWords('WHERE') ? c.rest() : undefined;
  c.expectEnd();
  return { ...opt('schema', schema), name, table, unique, keys, ...opt('where', where) };
}

export function parseCreateVirtualTable(sql: string): ParsedVirtualTable {
  const c = new Cursor(sql);
  const { schema, name } = createHeader(c, 'VIRTUAL TABLE');
  c.expectWords('USING');
  const module = c.identifier();
  const args = c.isPunct('(') ? c.group().items.map((item) => c.text(item.start, item.end)) : [];
  c.expectEnd();
  return { ...opt('schema', schema), name, module, arguments: args };
}

/** Parses the trigger header; the body from BEGIN on is not looked at. */
export function parseCreateTrigger(sql: string): ParsedTrigger {
  const c = new Cursor(sql);
  const { schema, name } = createHeader(c, 'TRIGGER');
  const timing = triggerTiming(c);
  const event = lower(c.expectOneOf('INSERT', 'UPDATE', 'DELETE'));
  const columns: string[] = [];
  if (event === 'update' && c.acceptWords('OF')) {
    do columns.push(c.identifier());
    while (c.acceptPunct(','));
  }
  c.expectWords('ON');
  const table = c.qualifiedName().name;
  const forEachRow = c.acceptWords('FOR', 'EACH', 'ROW');
  const when = c.acceptWords('WHEN') ? whenClause(c) : undefined;
  c.expectWords('BEGIN');
  return { ...opt('schema', schema), name, timing, event, columns, table, forEachRow, ...opt('when', when) };
}

function triggerTiming(c: Cursor): ParsedTrigger['timing'] {
  if (c.acceptWords('INSTEAD', 'OF')) return 'instead of';
  if (c.acceptWords('AFTER')) return 'after';
  c.acceptWords('BEFORE');
  return 'before';
}

/**
 * BEGIN is not reserved, so a column may be called `begin` (even `new.begin`);
 * the body's BEGIN is the first top-level one that a statement follows.
 */
function whenClause(c: Cursor): string {
  const start = c.previous().end;
  const isBodyStart = () => keywordOf(c.peek()) === 'BEGIN' && STATEMENT_STARTS.has(keywordOf(c.peek(1)) ?? '');
  const begin = c.skipUntil(isBodyStart, 'BEGIN followed by a statement');
  return c.text(start, begin.start);
}
