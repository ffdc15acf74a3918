// Table shape rules: tables with no columns, and tables with very many.
import type { LintRule } from '../rule.js';

export const noColumns: LintRule = {
  id: 'structure-no-columns',
  family: 'structure',
  level: 'warning',
  summary: 'Every table has at least one column.',
  description: 'PostgreSQL allows a table with no columns; it is almost always a leftover of a migration that dropped them.',
  examples: { bad: 'CREATE TABLE placeholder ();', good: 'DROP TABLE placeholder;' },
  hint: 'drop the table, or give it its columns',
  appliesTo: ['table'],
  check: (object) => (object.kind === 'table' && object.columns.length === 0 ? [{ kind: 'table', message: `table ${JSON.stringify(object.name)} has no columns` }] : []),
};

export const tooManyColumns: LintRule = {
  id: 'structure-too-many-columns',
  family: 'structure',
  level: 'warning',
  summary: 'Tables have at most 100 columns.',
  description: 'A very wide table usually mixes several entities or stores a repeating group in columns (option `max`).',
  examples: { bad: 'CREATE TABLE survey (answer_1 text, answer_2 text, …, answer_140 text);', good: 'CREATE TABLE survey_answer (survey_id int, question int, answer text);' },
  hint: 'split the table, or move repeating columns into rows of a child table',
  appliesTo: ['table'],
  options: { max: { type: 'integer', default: 100, description: 'most columns allowed' } },
  check: (object, { options }) =>
    object.kind === 'table' && object.columns.length > (options.max as number)
      ? [{ kind: 'table', message: `table ${JSON.stringify(object.name)} has ${object.columns.length} columns; the limit is ${options.max as number}` }]
      : [],
};
