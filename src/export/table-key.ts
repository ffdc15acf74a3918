// How an export finds the table a foreign key references: by schema and name as the dialect
// compares them. SQLite resolves `REFERENCES Parent` to table `parent` and records the key as
// written, so an exact lookup would leave the key out of the diagram and the "Referenced by" lines.
import { CASE_INSENSITIVE_DIALECTS } from '../diff/dialect-rules.js';
import { foldName } from '../model/names.js';
import type { Dialect } from '../model/types.js';

export function tableKeyOf(dialect: Dialect): (schema: string, name: string) => string {
  const fold = CASE_INSENSITIVE_DIALECTS.has(dialect) ? foldName : (name: string) => name;
  return (schema, name) => `${fold(schema)}\u0000${fold(name)}`;
}
