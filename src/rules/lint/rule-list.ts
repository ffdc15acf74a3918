// The built-in lint rules, in the order `datatrack rules` lists them. Written out by hand: a rule
// exists because it is on this list, and an id used twice stops the program at start.
import { Registry, type LintRule } from '../rule.js';
import { enumType, floatMoney, jsonNotJsonb, money, paddedChar, serial, timestampWithoutZone, varcharWithoutLength } from './column-types.js';
import { duplicateIndex, redundantIndex } from './indexes.js';
import { foreignKeyIndex, foreignKeyNotEnforced, foreignKeyType, noPrimaryKey, nullablePrimaryKey, nullableUnique } from './keys.js';
import { keywordName, portableName, reservedWord } from './keywords.js';
import { ambiguousName, genericType, nameLength, nameLimit, snakeCase } from './naming.js';
import { noColumns, tooManyColumns } from './table-shape.js';

export const LINT_RULES = new Registry<LintRule>([
  snakeCase,
  reservedWord,
  portableName,
  keywordName,
  ambiguousName,
  nameLength,
  nameLimit,
  genericType,
  noPrimaryKey,
  nullablePrimaryKey,
  noColumns,
  tooManyColumns,
  foreignKeyIndex,
  foreignKeyType,
  foreignKeyNotEnforced,
  duplicateIndex,
  redundantIndex,
  nullableUnique,
  timestampWithoutZone,
  jsonNotJsonb,
  serial,
  paddedChar,
  money,
  floatMoney,
  varcharWithoutLength,
  enumType,
]);
