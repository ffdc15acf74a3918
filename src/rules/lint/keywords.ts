// Names that collide with SQL keywords: reserved in this dialect (must be quoted everywhere),
// reserved elsewhere (not portable), or non-reserved keywords (legal, but confusing).
import { DIALECT_NAMES, type Dialect } from '../../model/types.js';
import { DIALECT_KEYWORDS } from '../data/dialect-keywords.js';
import { SQL2016_RESERVED } from '../data/sql2016-reserved.js';
import type { LintRule } from '../rule.js';
import { kindLabel } from './names.js';
import { queryNames } from './naming.js';

const DIALECTS = Object.keys(DIALECT_NAMES) as Dialect[];
const reserved = Object.fromEntries(DIALECTS.map((d) => [d, new Set(DIALECT_KEYWORDS[d].reserved)])) as Record<Dialect, Set<string>>;
const nonReserved = Object.fromEntries(DIALECTS.map((d) => [d, new Set(DIALECT_KEYWORDS[d].nonReserved)])) as Record<Dialect, Set<string>>;
const standard = new Set(SQL2016_RESERVED);
const NAMED_KINDS = ['table', 'view', 'materialized_view'] as const;

/** The names on the dialect's list, reported as "<kind> name "x" is <what> in <dialect>". */
const listedNames =
  (lists: Record<Dialect, Set<string>>, what: string): LintRule['check'] =>
  (object, { dialect }) =>
    queryNames(object)
      .filter((n) => lists[dialect].has(n.name.toLowerCase()))
      .map((n) => ({ kind: n.kind, part: n.part, message: `${kindLabel(n.kind)} name ${JSON.stringify(n.name)} is ${what} in ${DIALECT_NAMES[dialect]}` }));

export const reservedWord: LintRule = {
  id: 'naming-reserved-word',
  family: 'naming',
  level: 'warning',
  summary: "Table, view and column names are not reserved words of the database's dialect.",
  description:
    'A reserved word (order, user, group, check …) can only be used as a name when quoted, in every ' +
    'query, by every tool. The lists were probed from PostgreSQL 15, MariaDB 10.11 (plus the words MySQL ' +
    '8.0 reserves) and SQLite: a word is reserved when the server refuses it unquoted as a table or column name.',
  examples: { bad: 'CREATE TABLE "order" ("user" integer);', good: 'CREATE TABLE purchase_order (customer_id integer);' },
  hint: 'rename it so that it needs no quotes (order → purchase_order)',
  appliesTo: NAMED_KINDS,
  check: listedNames(reserved, 'a reserved word'),
};

export const portableName: LintRule = {
  id: 'naming-sql-reserved-word',
  family: 'naming',
  level: 'info',
  summary: 'Table, view and column names are not reserved in SQL:2016 or in the other dialects.',
  description:
    'A name this database accepts may be reserved by the SQL standard or by another database ' +
    '(year, value, rank, language …): queries and tools that must run elsewhere then need to quote it, ' +
    'and a future version may reserve it here too.',
  examples: { bad: 'CREATE TABLE film (year integer, rank integer);', good: 'CREATE TABLE film (release_year integer, chart_position integer);' },
  hint: 'rename it if the schema or its queries must be portable',
  appliesTo: NAMED_KINDS,
  check: (object, { dialect }) => {
    const hits = [];
    for (const n of queryNames(object)) {
      const word = n.name.toLowerCase();
      if (reserved[dialect].has(word)) continue; // naming-reserved-word reports it
      const where = [...(standard.has(word) ? ['SQL:2016'] : []), ...DIALECTS.filter((d) => d !== dialect && reserved[d].has(word)).map((d) => DIALECT_NAMES[d])];
      if (where.length) hits.push({ kind: n.kind, part: n.part, message: `${kindLabel(n.kind)} name ${JSON.stringify(n.name)} is reserved in ${where.join(', ')}` });
    }
    return hits;
  },
};

export const keywordName: LintRule = {
  id: 'naming-keyword',
  family: 'naming',
  level: 'off',
  summary: "Table, view and column names are not non-reserved keywords of the database's dialect (off by default).",
  description:
    'Non-reserved keywords (name, type, comment, data …) are legal names, but they read like syntax and ' +
    'some become reserved in later versions. Turn this on for strict naming.',
  // Not `document`, a PostgreSQL keyword itself: the good example must pass the rule.
  examples: { bad: 'CREATE TABLE article (type text, comment text);', good: 'CREATE TABLE article (article_type text, review_note text);' },
  hint: 'rename it to something that is not SQL syntax',
  appliesTo: NAMED_KINDS,
  check: listedNames(nonReserved, 'a keyword'),
};
