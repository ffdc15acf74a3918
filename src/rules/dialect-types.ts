// What the type rules need to know about each dialect's spelling of column types: PostgreSQL's
// format_type (`timestamp without time zone`, `character varying(255)`, `integer` with a
// `nextval(…)` default for serial), MySQL's COLUMN_TYPE (`varchar(255)`, `int(11) unsigned`,
// `enum('a','b')`) and SQLite's declared types (free text, e.g. `NVARCHAR(200)`). All dialect
// knowledge of the lint rules lives in this one table.
import { sqliteAffinity } from '../diff/type-change.js';
import type { Column, Dialect } from '../model/types.js';

export interface DialectTypes {
  /** The longest identifier the server stores; PostgreSQL truncates longer ones without an error. */
  nameLimit?: { max: number; unit: 'bytes' | 'characters'; truncates: boolean };
  /** What an index name must be unique in: its table's indexes and keys, or its schema's tables, views and indexes too. */
  indexNamespace: 'table' | 'schema';
  timestampWithoutZone(type: string): boolean;
  /** A JSON type that has a better binary sibling (PostgreSQL json vs jsonb). */
  textJson(type: string): boolean;
  /** A column filled from a sequence the old way (serial), where identity columns exist. */
  serial(column: Column): boolean;
  /** Blank-padded fixed-length character types. */
  paddedChar(type: string): boolean;
  money(type: string): boolean;
  /** Binary floating point. */
  float(type: string): boolean;
  /** varchar with no length: unbounded here, refused by MySQL. */
  varcharWithoutLength(type: string): boolean;
  /** An enum or set spelled inline in the column type (MySQL), its kind; user-defined enums are found in the model. */
  inlineEnum(type: string): 'enum' | 'set' | undefined;
  /** The part of a type that must agree between a foreign key column and the column it references. */
  keyType(type: string): string;
  /** The type in lower case without what only changes how a client shows its values (MySQL display widths and ZEROFILL). */
  plainType(type: string): string;
}

/** Remembers a normalisation per type spelling: a schema spells few distinct types, many times. */
function memo<T>(answer: (type: string) => T): (type: string) => T {
  const seen = new Map<string, T>();
  return (type) => {
    if (seen.has(type)) return seen.get(type) as T;
    const result = answer(type);
    seen.set(type, result);
    return result;
  };
}
const lower = memo((type) => type.trim().toLowerCase().replace(/\s+/g, ' '));
/** Element type of an array (`integer[]`, `text[][]`): the rules judge the element. */
const element = memo((type) => lower(type).replace(/(\[\d*\])+$/, ''));

const postgres: DialectTypes = {
  nameLimit: { max: 63, unit: 'bytes', truncates: true },
  indexNamespace: 'schema',
  timestampWithoutZone: (type) => /^timestamp(\(\d+\))? without time zone$/.test(element(type)),
  textJson: (type) => element(type) === 'json',
  serial: (column) =>
    column.identity === undefined &&
    ['smallint', 'integer', 'bigint'].includes(lower(column.type)) &&
    /^nextval\('.+'::regclass\)$/.test(column.default ?? ''),
  paddedChar: (type) => /^(character|bpchar)(\(\d+\))?$/.test(element(type)),
  money: (type) => element(type) === 'money',
  float: (type) => ['real', 'double precision'].includes(element(type)),
  varcharWithoutLength: (type) => element(type) === 'character varying',
  inlineEnum: () => undefined,
  // format_type spells every type one way (int4 is always `integer`): the spelling is the type.
  keyType: lower,
  plainType: lower,
};

// Display widths (`int(11)`) and ZEROFILL, which only pads what a client is shown, are cosmetic;
// signedness and lengths are not. MariaDB and MySQL before 8.0.19 spell int as int(11), later MySQL as int.
const mysqlPlain = memo((type) =>
  lower(type)
    .replace(/^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)/, '$1')
    .replace(/ zerofill\b/, ''),
);

const mysql: DialectTypes = {
  nameLimit: { max: 64, unit: 'characters', truncates: false },
  indexNamespace: 'table',
  // DATETIME stores no zone, but MySQL's zone-aware TIMESTAMP ends in 2038: no clear better type.
  timestampWithoutZone: () => false,
  textJson: () => false,
  serial: () => false,
  // CHAR(n) is padded on disk only: values come back without the trailing spaces, and LENGTH,
  // comparisons and CONCAT see them so (unless the deprecated PAD_CHAR_TO_FULL_LENGTH mode is on).
  paddedChar: () => false,
  money: () => false,
  float: (type) => /^(float|double|real)\b/.test(lower(type)),
  varcharWithoutLength: () => false,
  inlineEnum: (type) => /^(enum|set)\(/.exec(lower(type))?.[1] as 'enum' | 'set' | undefined,
  keyType: (type) => mysqlPlain(type).replace(/^integer\b/, 'int'),
  plainType: mysqlPlain,
};

const sqlite: DialectTypes = {
  indexNamespace: 'schema',
  timestampWithoutZone: () => false,
  textJson: () => false,
  serial: () => false,
  // SQLite stores CHAR(n) as TEXT: no padding, no length.
  paddedChar: () => false,
  money: () => false,
  // PostgreSQL's spellings too (float4, float8), which a schema carried over keeps.
  float: (type) => /^(real|float[48]?|double)( precision)?(\(|$)/.test(lower(type)),
  varcharWithoutLength: (type) => /^(n?varchar|varying character|character varying|nvarchar)$/.test(lower(type)),
  inlineEnum: () => undefined,
  // SQLite stores and compares values by the column's affinity, not its declared type: INT and
  // INTEGER, VARCHAR(20) and TEXT behave the same.
  keyType: memo(sqliteAffinity),
  plainType: lower,
};

/** The same table with every answer about a type spelling remembered (a schema repeats its types). */
function remembered(types: DialectTypes): DialectTypes {
  return {
    ...types,
    timestampWithoutZone: memo(types.timestampWithoutZone),
    textJson: memo(types.textJson),
    paddedChar: memo(types.paddedChar),
    money: memo(types.money),
    float: memo(types.float),
    varcharWithoutLength: memo(types.varcharWithoutLength),
    inlineEnum: memo(types.inlineEnum),
  };
}

export const DIALECT_TYPES: Record<Dialect, DialectTypes> = { postgres: remembered(postgres), mysql: remembered(mysql), sqlite: remembered(sqlite) };
