// What a column type change means, per dialect: `safe` when the server keeps the data as it is
// (PostgreSQL varchar(n) → varchar(m ≥ n) or text, SQLite within one type affinity), `caution`
// when every value still fits but the table is rewritten or values behave differently (int →
// bigint, MySQL varchar crossing its 255-byte length prefix), `breaking` when values may no longer
// fit or convert (narrowing, unsigned ↔ signed of the same size, unrelated types).
import type { Dialect } from '../model/types.js';
import type { Impact } from './change.js';
import { MAX_DOMAIN_DEPTH, type UserTypeLookup } from './user-types.js';

export interface ParsedType {
  /** Lower-case base name without arguments or modifiers (`character varying`, `int`, `enum`). */
  base: string;
  args: string[];
  unsigned: boolean;
  array: boolean;
  /** Whatever follows the arguments (`without time zone`, `zerofill`). */
  suffix: string;
}

/** Lower case but inside string literals: ENUM and SET labels keep their case, which a binary collation tells apart. */
function lowerOutsideQuotes(text: string): string {
  let quoted = false;
  let out = '';
  // A doubled quote inside a literal closes and reopens it: the same state after both.
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    out += quoted ? ch : ch.toLowerCase();
  }
  return out;
}

export function parseType(text: string): ParsedType {
  let rest = lowerOutsideQuotes(text.trim());
  const array = rest.endsWith('[]');
  if (array) rest = rest.replace(/(\[\])+$/, '');
  const modifiers: string[] = [];
  for (let m; (m = /\s+(with time zone|without time zone|unsigned|signed|zerofill)$/.exec(rest)); ) {
    modifiers.unshift(m[1]!);
    rest = rest.slice(0, m.index);
  }
  const call = /^(.*?)\s*\((.*)\)$/s.exec(rest);
  return {
    base: (call ? call[1]! : rest).trim(),
    args: call ? splitArgs(call[2]!) : [],
    unsigned: modifiers.includes('unsigned'),
    array,
    suffix: modifiers.filter((w) => w !== 'unsigned' && w !== 'signed').join(' '),
  };
}

/**
 * Splits `'a','b,c'`, `10, 2` or a parameter list (`IN a decimal(10,2), OUT b enum('x,y')`) on the
 * commas outside quotes and parentheses.
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote = '';
  let depth = 0;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  args.push(current.trim());
  return args;
}

const num = (text: string | undefined) => (text === undefined || text === '' ? undefined : Number(text));

/** Compares one ranked family (integers, floats, text sizes): undefined when either type is not in it. */
function byRank(family: Record<string, number>, from: ParsedType, to: ParsedType, grown: Impact): Impact | undefined {
  const a = family[from.base];
  const b = family[to.base];
  if (a === undefined || b === undefined) return undefined;
  return b === a ? 'safe' : b > a ? grown : 'breaking';
}

/** Length-limited text: a longer limit (or none) keeps every value. */
function lengthChange(from: ParsedType, to: ParsedType, grown: Impact): Impact {
  const a = num(from.args[0]);
  const b = num(to.args[0]);
  if (b === undefined) return a === undefined ? 'safe' : grown;
  if (a === undefined) return 'breaking';
  return b === a ? 'safe' : b > a ? grown : 'breaking';
}

/** Fractional-second precision: `implicit` when not written; less precision rounds stored values. */
function precisionChange(from: ParsedType, to: ParsedType, implicit: number, grown: Impact): Impact {
  const a = num(from.args[0]) ?? implicit;
  const b = num(to.args[0]) ?? implicit;
  return b === a ? 'safe' : b > a ? grown : 'breaking';
}

/** numeric(p, s) → numeric(q, t): every value fits when neither the integer digits nor the scale shrink. */
function decimalChange(from: ParsedType, to: ParsedType, sameScaleGrowth: Impact): Impact {
  const [p, s = 0] = from.args.map(Number);
  const [q, t = 0] = to.args.map(Number);
  if (q === undefined) return p === undefined ? 'safe' : sameScaleGrowth;
  if (p === undefined) return 'breaking';
  if (q - t < p - s || t < s) return 'breaking';
  if (q === p && t === s) return 'safe';
  return t === s ? sameScaleGrowth : 'caution';
}

/** Enum or set members: appended ones change nothing stored; reordered ones change sorting; removed ones break. */
export function membersChange(from: string[], to: string[]): Impact {
  if (from.some((v) => !to.includes(v))) return 'breaking';
  const kept = to.filter((v) => from.includes(v));
  return kept.every((v, i) => v === from[i]) ? 'safe' : 'caution';
}

/** Decimal digits of each integer type's largest value (signed; UNSIGNED_DIGITS where unsigned ones have more). */
const INTEGER_DIGITS: Record<string, number> = { tinyint: 3, smallint: 5, int2: 5, mediumint: 7, int: 10, integer: 10, int4: 10, bigint: 19, int8: 19 };
const UNSIGNED_DIGITS: Record<string, number> = { mediumint: 8, bigint: 20 };

/**
 * An integer into a decimal keeps every value when the decimal has room for the integer type's
 * digits left of its scale (numeric(12,2) holds any integer, numeric(9) not): caution, as the
 * table is rewritten. `bare`: the precision of a decimal written without one (none on PostgreSQL).
 */
function integerIntoDecimal(from: ParsedType, to: ParsedType, bare: number | undefined): Impact | undefined {
  const digits = (from.unsigned ? UNSIGNED_DIGITS[from.base] : undefined) ?? INTEGER_DIGITS[from.base];
  if (digits === undefined || (to.base !== 'numeric' && to.base !== 'decimal')) return undefined;
  const [precision = bare, scale = 0] = to.args.map(Number);
  return precision === undefined || precision - scale >= digits ? 'caution' : 'breaking';
}

const PG_INTEGERS: Record<string, number> = { smallint: 1, int2: 1, integer: 2, int: 2, int4: 2, bigint: 3, int8: 3 };
const PG_FLOATS: Record<string, number> = { real: 1, float4: 1, 'double precision': 2, float8: 2 };
const PG_VARYING = new Set(['character varying', 'varchar', 'text', 'bit varying', 'varbit']);
const PG_TIMES = new Set(['timestamp', 'time']);

/** interval's fields, coarsest to finest: of `interval day to second(3)`, only the last one written matters. */
const INTERVAL_UNITS = ['year', 'month', 'day', 'hour', 'minute', 'second'];

/** `interval` or `interval <fields>`; not a user type whose name merely starts so (`interval_unit`). */
const isInterval = (t: ParsedType) => /^interval(?: (?:year|month|day|hour|minute|second)(?: to (?:month|hour|minute|second))?)?$/.test(t.base);

/**
 * interval [fields][(p)]: values keep their larger units and are truncated below the smallest
 * unit the fields name (`interval day` drops hours and less; no fields: seconds with p digits).
 * As the server's interval_support, no rewrite when the fields stay or are dropped.
 */
function intervalChange(from: ParsedType, to: ParsedType): Impact {
  const smallest = (t: ParsedType) => INTERVAL_UNITS.indexOf(t.base === 'interval' ? 'second' : t.base.split(' ').at(-1)!);
  const [a, b] = [smallest(from), smallest(to)];
  if (b < a) return 'breaking';
  const precision = a === b && b === INTERVAL_UNITS.length - 1 ? precisionChange(from, to, 6, 'safe') : 'safe';
  if (precision === 'breaking') return precision;
  return to.base === 'interval' || to.base === from.base ? 'safe' : 'caution';
}

function postgresType(from: ParsedType, to: ParsedType): Impact {
  const ints = byRank(PG_INTEGERS, from, to, 'caution');
  if (ints) return ints;
  const floats = byRank(PG_FLOATS, from, to, 'caution');
  if (floats) return floats;
  const decimal = integerIntoDecimal(from, to, undefined);
  if (decimal) return decimal;
  if (PG_VARYING.has(from.base) && PG_VARYING.has(to.base)) {
    const bits = (t: ParsedType) => t.base.startsWith('bit') || t.base === 'varbit';
    if (bits(from) !== bits(to)) return 'breaking';
    // varchar ↔ text is binary coercible: no rewrite, no check.
    const limit = (t: ParsedType) => (t.base === 'text' ? { ...t, args: [] } : t);
    return lengthChange(limit(from), limit(to), 'safe');
  }
  if (['numeric', 'decimal'].includes(from.base) && ['numeric', 'decimal'].includes(to.base)) return decimalChange(from, to, 'safe');
  // bit(n) into bit varying of n bits or more (or no limit) keeps every string.
  if (from.base === 'bit' && (to.base === 'bit varying' || to.base === 'varbit')) return lengthChange(from, to, 'caution') === 'breaking' ? 'breaking' : 'caution';
  if (isInterval(from) && isInterval(to)) return intervalChange(from, to);
  if (PG_TIMES.has(from.base) && from.base === to.base) {
    if (from.suffix !== to.suffix) return 'caution'; // with ↔ without time zone: the values are reinterpreted
    return precisionChange(from, to, 6, 'safe');
  }
  if (PG_BLANK_PADDED.has(from.base)) {
    // character(n) → character(m), varchar(m) or text: every value fits when m ≥ n; its trailing blanks are padding either way.
    if (PG_BLANK_PADDED.has(to.base)) return lengthChange(from, to, 'caution');
    if (PG_VARYING.has(to.base) && !to.base.startsWith('bit') && to.base !== 'varbit') {
      return lengthChange(from, to.base === 'text' ? { ...to, args: [] } : to, 'caution') === 'breaking' ? 'breaking' : 'caution';
    }
  }
  return PG_CONVERSIONS_KEEPING_VALUES.has(`${from.base}→${to.base}`) ? 'caution' : 'breaking';
}

const PG_BLANK_PADDED = new Set(['character', 'char', 'bpchar']);

/**
 * Conversions between unrelated types that keep every value (with a rewrite, or read back
 * differently): a date as that day's midnight, an integer a double holds exactly (an integer's
 * 32 bits in a double's 53, a smallint's 16 in a real's 24; not an integer in a real, nor a bigint
 * in a double), json as jsonb (duplicate keys and key order are not kept) and back.
 */
const PG_CONVERSIONS_KEEPING_VALUES = new Set([
  'date→timestamp',
  ...['smallint', 'int2', 'integer', 'int', 'int4'].flatMap((integer) => [`${integer}→double precision`, `${integer}→float8`]),
  'smallint→real', 'int2→real', 'smallint→float4', 'int2→float4',
  'json→jsonb',
  'jsonb→json',
]);

const MYSQL_INTEGERS: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, integer: 4, bigint: 5 };
const MYSQL_FLOATS: Record<string, number> = { float: 1, double: 2, real: 2 };
/** Maximum bytes of each text and blob type. */
const MYSQL_LOBS: Record<string, number> = { tinytext: 1, text: 2, mediumtext: 3, longtext: 4 };
const MYSQL_BLOBS: Record<string, number> = { tinyblob: 1, blob: 2, mediumblob: 3, longblob: 4 };
const MYSQL_CHARSET_BYTES: Record<string, number> = { latin1: 1, ascii: 1, binary: 1, ucs2: 2, utf8: 3, utf8mb3: 3, utf8mb4: 4, utf16: 4, utf32: 4 };

function mysqlIntegers(from: ParsedType, to: ParsedType): Impact | undefined {
  const a = MYSQL_INTEGERS[from.base];
  const b = MYSQL_INTEGERS[to.base];
  if (a === undefined || b === undefined) return undefined;
  // Display width only; but connectors and ORMs read tinyint(1) as a boolean (MySQL Connector/J, SQLAlchemy, Prisma),
  // and ZEROFILL pads every value read to the width ('00042').
  const readAs = (t: ParsedType) => JSON.stringify([t.base === 'tinyint' && t.args[0] === '1', t.suffix === 'zerofill' && t.args[0]]);
  if (a === b && from.unsigned === to.unsigned) return readAs(from) === readAs(to) ? 'safe' : 'caution';
  const fits = from.unsigned === to.unsigned ? b > a : from.unsigned && b > a;
  return fits ? 'caution' : 'breaking';
}

/**
 * UNSIGNED on a DECIMAL, FLOAT or DOUBLE only refuses negative values (it widens no range, unlike an
 * integer's): gained, it breaks every negative value; lost, it keeps them all, in a rebuilt table.
 */
function withSignedness(from: ParsedType, to: ParsedType, impact: Impact): Impact {
  if (from.unsigned === to.unsigned || impact === 'breaking') return impact;
  return to.unsigned ? 'breaking' : 'caution';
}

/** FLOAT and DOUBLE; with (M,D), every value written is rounded to D decimals and must fit M digits. */
function mysqlFloats(from: ParsedType, to: ParsedType): Impact | undefined {
  const rank = byRank(MYSQL_FLOATS, from, to, 'caution');
  if (rank === undefined || rank === 'breaking' || (from.args.length === 0 && to.args.length === 0)) return rank && withSignedness(from, to, rank);
  const bounds = decimalChange(from, to, 'caution');
  return withSignedness(from, to, bounds === 'safe' ? rank : bounds);
}

/** Bits of each integer type's largest value, signed (one more unsigned), and of a FLOAT's and DOUBLE's mantissa. */
const MYSQL_INTEGER_BITS: Record<string, number> = { tinyint: 7, smallint: 15, mediumint: 23, int: 31, integer: 31, bigint: 63 };
const MYSQL_MANTISSA_BITS: Record<string, number> = { float: 24, double: 53, real: 53 };

/** An integer into a FLOAT or DOUBLE (without (M,D)) keeps every value the mantissa holds exactly: an INT in a DOUBLE, not in a FLOAT. */
function integerIntoFloat(from: ParsedType, to: ParsedType): Impact | undefined {
  const bits = MYSQL_INTEGER_BITS[from.base];
  const mantissa = MYSQL_MANTISSA_BITS[to.base];
  if (bits === undefined || mantissa === undefined) return undefined;
  if (to.args.length > 0 || (!from.unsigned && to.unsigned)) return 'breaking';
  return bits + (from.unsigned ? 1 : 0) <= mantissa ? 'caution' : 'breaking';
}

/** Bytes each TEXT and BLOB type holds at most. */
const MYSQL_LOB_BYTES: Record<string, number> = { tinytext: 255, text: 65535, mediumtext: 16777215, longtext: 4294967295, tinyblob: 255, blob: 65535, mediumblob: 16777215, longblob: 4294967295 };

/** The geometry types but GEOMETRY, which holds a value of each. */
const MYSQL_GEOMETRIES = new Set(['point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);

/** Characters of the longest text a MariaDB UUID, INET6 or INET4, or a YEAR ('0000', '1901'…'2155'), reads as. */
const MYSQL_TEXT_FORMS: Record<string, number> = { uuid: 36, inet6: 39, inet4: 15, year: 4 };

/** The characters of an enum's longest label (PostgreSQL's and MySQL's): a varchar of as many holds each. */
const longestLabel = (labels: readonly string[]) => Math.max(0, ...labels.map((label) => [...label].length));

/** An ENUM's or SET's labels as COLUMN_TYPE quotes them (`'it''s'`, `'a\\b'` for `a\b`), unquoted. */
const labelsOf = (t: ParsedType) => t.args.map((arg) => arg.slice(1, -1).replace(/''|\\\\/g, (pair) => pair[0]!));

/**
 * The longest string a value of `t` is (or reads as), in characters and in bytes of `charset`;
 * `anyText` for a string type, whose values may be any text up to that (blanks at the end too), not
 * only a UUID's or an ENUM's. Undefined for a type that is neither.
 */
function stringExtent(t: ParsedType, charset: string | undefined): { binary: boolean; characters: number; bytes: number; anyText: boolean } | undefined {
  const binary = t.base === 'binary' || t.base === 'varbinary' || MYSQL_BLOBS[t.base] !== undefined;
  const lob = MYSQL_LOB_BYTES[t.base];
  // A character takes one byte at least: a TINYTEXT holds 255 of them at most.
  if (lob !== undefined) return { binary, characters: lob, bytes: lob, anyText: true };
  const anyText = ['char', 'varchar', 'binary', 'varbinary'].includes(t.base);
  // A SET's value is its labels joined by commas, all of them at most.
  const form = t.base === 'enum' ? longestLabel(labelsOf(t)) : t.base === 'set' ? [...labelsOf(t).join(',')].length : MYSQL_TEXT_FORMS[t.base];
  const characters = anyText ? num(t.args[0]) ?? 1 : form;
  if (characters === undefined) return undefined;
  return { binary, characters, bytes: characters * (binary ? 1 : MYSQL_CHARSET_BYTES[charset ?? 'utf8mb4'] ?? 4), anyText };
}

/**
 * A string (or a value read as one) into a string type that holds the longest keeps every value, in
 * a rebuilt table: into a VARCHAR (VARBINARY) of as many characters (bytes), a TEXT (BLOB) type of as
 * many bytes (utf8mb4's varchar(100) is up to 400, more than a TINYTEXT holds), or a CHAR of as many
 * characters where no value ends in blanks, which a CHAR drops (a UUID, an ENUM's labels).
 * Undefined where `to` is no string type, or one is binary and the other not; into a BINARY, which
 * pads values with zero bytes, nothing is kept.
 */
function stringKept(from: ParsedType, to: ParsedType, charset: string | undefined): Impact | undefined {
  const extent = stringExtent(from, charset);
  const target = stringExtent(to, charset);
  if (!extent || !target?.anyText || extent.binary !== target.binary || to.base === 'binary' || (to.base === 'char' && extent.anyText)) return undefined;
  const fits = MYSQL_LOB_BYTES[to.base] !== undefined ? extent.bytes <= target.bytes : extent.characters <= target.characters;
  return fits ? 'caution' : 'breaking';
}

function mysqlType(from: ParsedType, to: ParsedType, charset: string | undefined): Impact {
  const intoDecimal = integerIntoDecimal(from, to, 10);
  const numbers = mysqlIntegers(from, to) ?? mysqlFloats(from, to) ?? (intoDecimal && withSignedness(from, to, intoDecimal)) ?? integerIntoFloat(from, to);
  if (numbers) return numbers;
  for (const family of [MYSQL_LOBS, MYSQL_BLOBS]) {
    const impact = byRank(family, from, to, 'caution');
    if (impact) return impact;
  }
  if ((from.base === 'varchar' || from.base === 'varbinary') && to.base === from.base) {
    const impact = lengthChange(from, to, 'safe');
    if (impact !== 'safe') return impact;
    // A varchar or varbinary stores its length in one byte up to 255 bytes, in two above: crossing rebuilds the table.
    const bytes = from.base === 'varbinary' ? 1 : MYSQL_CHARSET_BYTES[charset ?? 'utf8mb4'] ?? 4;
    const wide = (t: ParsedType) => Number(t.args[0]) * bytes > 255;
    return wide(from) === wide(to) ? 'safe' : 'caution';
  }
  // BIT(M) keeps every value in more bits, in a rebuilt table.
  if (from.base === 'bit' && to.base === 'bit') return lengthChange(from, to, 'caution');
  if ((from.base === 'char' || from.base === 'varchar') && (to.base === 'char' || to.base === 'varchar')) {
    const impact = lengthChange(from, to, 'caution');
    return impact === 'safe' ? 'caution' : impact; // char ↔ varchar changes the row format
  }
  if (['decimal', 'numeric'].includes(from.base) && ['decimal', 'numeric'].includes(to.base)) return withSignedness(from, to, decimalChange(from, to, 'caution'));
  if ((from.base === 'enum' || from.base === 'set') && from.base === to.base) {
    const impact = membersChange(from.args, to.args);
    // MySQL stores an ENUM as its value's index and a SET as a bitmask of them: a value put before
    // others renumbers them (what `col + 0` and numeric comparisons read) and rebuilds the table.
    return impact === 'safe' && !from.args.every((value, i) => to.args[i] === value) ? 'caution' : impact;
  }
  if (['datetime', 'timestamp', 'time'].includes(from.base) && from.base === to.base) return precisionChange(from, to, 0, 'caution');
  // A date is its midnight, and a TIMESTAMP's range (1970–2038) lies within a DATETIME's: every value
  // is kept, read back in another type (or, from a TIMESTAMP, no longer converted to the session's
  // time zone). Not the other way round: a DATETIME beyond 2038 or a time of day does not fit.
  if ((from.base === 'date' || from.base === 'timestamp') && to.base === 'datetime') return precisionChange(from, to, 0, 'caution') === 'breaking' ? 'breaking' : 'caution';
  // A YEAR is 0 or 1901–2155: a SMALLINT or wider holds it.
  if (from.base === 'year' && (MYSQL_INTEGERS[to.base] ?? 0) >= MYSQL_INTEGERS.smallint!) return 'caution';
  // Any geometry fits a GEOMETRY column; a POINT column takes points only.
  if (MYSQL_GEOMETRIES.has(from.base) && to.base === 'geometry') return 'caution';
  return stringKept(from, to, charset) ?? 'breaking';
}

type Affinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC';

/** SQLite's rules for the affinity of a declared type (https://sqlite.org/datatype3.html §3.1). */
export function sqliteAffinity(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

/**
 * Affinity changes where every stored value keeps its meaning; any other change is breaking.
 * INTEGER and NUMERIC affinity store values alike (they differ in CAST only), so they are one class
 * here (NUMBER), and the same change judges the same from either.
 */
const SQLITE_WIDENING = new Set(['NUMBER→NUMBER', 'NUMBER→REAL', 'REAL→NUMBER', 'NUMBER→TEXT', 'REAL→TEXT']);
const storageClass = (affinity: Affinity) => (affinity === 'INTEGER' || affinity === 'NUMERIC' ? 'NUMBER' : affinity);

/**
 * A STRICT table refuses a value its column's type cannot hold losslessly (numbers still convert
 * into TEXT, integers into REAL; ANY keeps each value as given; BLOB takes blobs only).
 */
const STRICT_LOOSENING = new Set(['INT→INTEGER', 'INTEGER→INT', 'INT→REAL', 'INTEGER→REAL', 'INT→TEXT', 'INTEGER→TEXT', 'REAL→TEXT']);

function sqliteStrictType(fromText: string, toText: string): Impact {
  const [a, b] = [fromText.trim().toUpperCase(), toText.trim().toUpperCase()];
  if (a === b) return 'safe';
  if (STRICT_LOOSENING.has(`${a}→${b}`)) return a.startsWith('INT') && b.startsWith('INT') ? 'safe' : 'caution';
  return b === 'ANY' ? 'caution' : 'breaking';
}

function sqliteType(fromText: string, toText: string, context: TypeContext): Impact {
  if (context.strict) return sqliteStrictType(fromText, toText);
  const a = sqliteAffinity(fromText);
  const b = sqliteAffinity(toText);
  if (a === b) return 'safe'; // SQLite stores by affinity; declared lengths are not enforced
  if (b === 'BLOB' || SQLITE_WIDENING.has(`${storageClass(a)}→${storageClass(b)}`)) return 'caution';
  return 'breaking';
}

export interface TypeContext {
  /** The column's character set after the change (MySQL), for varchar length-prefix bytes. */
  charset?: string;
  /** PostgreSQL: the user type a type spelling named on the older side. */
  typeBefore?: UserTypeLookup;
  /** PostgreSQL: the user type a type spelling names on the newer side. */
  typeAfter?: UserTypeLookup;
  /** How many domains the judgement went through already (a hand-edited snapshot may put a domain over itself). */
  domainDepth?: number;
  /** SQLite: the column's table is STRICT before and after the change (its types are enforced, not affinities). */
  strict?: boolean;
}

/**
 * PostgreSQL: an enum into text (or a varchar as long as its longest label) keeps every value, as
 * a domain does into what its base type may become: both still rewrite the table, and the values
 * no longer sort (an enum's order) or are no longer checked (a domain's) as they were.
 */
function userTypeLoosened(from: string, to: string, context: TypeContext): Impact | undefined {
  const array = (t: string) => /\[\]$/.test(t);
  const type = context.typeBefore?.(from);
  if (!type || array(from) !== array(to)) return undefined;
  const target = parseType(to);
  if (type.type === 'enum' && PG_VARYING.has(target.base) && !target.base.startsWith('bit') && target.base !== 'varbit') {
    return target.base === 'text' || target.args.length === 0 || Number(target.args[0]) >= longestLabel(type.values ?? []) ? 'caution' : undefined;
  }
  if (type.type === 'domain' && type.base_type) {
    const base = typeChangeImpact('postgres', type.base_type + (array(from) ? '[]' : ''), to, deeper(context));
    return base === 'breaking' ? undefined : 'caution';
  }
  return undefined;
}

/**
 * PostgreSQL: a type into a domain over what it may become (`integer` → a domain over `integer` or
 * `bigint`) keeps every value the domain's checks let through, as a check added does: caution. (A
 * domain's NOT NULL is judged as the column's: column.modify.type.)
 */
function intoDomain(from: string, to: string, context: TypeContext): Impact | undefined {
  const array = /\[\]$/.test(to);
  const type = context.typeAfter?.(to);
  if (type?.type !== 'domain' || !type.base_type) return undefined;
  return typeChangeImpact('postgres', from, type.base_type + (array ? '[]' : ''), deeper(context)) === 'breaking' ? undefined : 'caution';
}

/** The context one domain further down, undefined past MAX_DOMAIN_DEPTH. */
function deeper(context: TypeContext): TypeContext {
  const depth = (context.domainDepth ?? 0) + 1;
  return depth > MAX_DOMAIN_DEPTH ? { ...context, typeBefore: undefined, typeAfter: undefined } : { ...context, domainDepth: depth };
}

// How MariaDB's COLUMN_TYPE marks a COMPRESSED column: a versioned comment after the type,
// `varchar(200)` then `/*M!100301 COMPRESSED` and the comment's close.
const MARIADB_COMPRESSED = /\s*\/\*M!\d+ COMPRESSED\*\/\s*$/i;

const RULES: Record<Dialect, (from: string, to: string, context: TypeContext) => Impact> = {
  postgres: (a, b, context) => {
    const impact = arrayAware(parseType(a), parseType(b), postgresType);
    return impact === 'breaking' ? userTypeLoosened(a, b, context) ?? intoDomain(a, b, context) ?? impact : impact;
  },
  mysql: (a, b, context) => {
    const [from, to] = [a.replace(MARIADB_COMPRESSED, ''), b.replace(MARIADB_COMPRESSED, '')];
    const impact = from === to ? 'safe' : mysqlType(parseType(from), parseType(to), context.charset);
    // Compressing a column or no longer keeps its values: the table is rewritten, nothing else.
    return impact === 'safe' && MARIADB_COMPRESSED.test(a) !== MARIADB_COMPRESSED.test(b) ? 'caution' : impact;
  },
  sqlite: sqliteType,
};

function arrayAware(from: ParsedType, to: ParsedType, rule: (a: ParsedType, b: ParsedType) => Impact): Impact {
  if (from.array !== to.array) return 'breaking';
  return rule(from, to);
}

export function typeChangeImpact(dialect: Dialect, from: string, to: string, context: TypeContext = {}): Impact {
  if (from === to) return 'safe';
  return RULES[dialect](from, to, context);
}
