// PostgreSQL's storage parameters (reloptions) as the server reads them. pg_class.reloptions keeps
// each as the statement wrote it, and pg_get_indexdef prints it so: `autovacuum_enabled = off`,
// `= false` and `= 'No'` are one setting, and `WITH (fillfactor = 90)` on a B-tree index is its
// default, as leaving it out is (model/defaults.ts). The diff compares them as read and reports
// them as written.
import { listItems, storageParameterSpan, unquoted } from '../util/ddl-text.js';
import { indexStorageDefaults } from './defaults.js';

/**
 * The boolean ones (reloptions.c's boolRelOpts; `toast.` for a table's TOAST table). A number is
 * kept as written.
 */
const BOOLEAN = new Set([
  'autovacuum_enabled', 'toast.autovacuum_enabled', 'vacuum_truncate', 'toast.vacuum_truncate', 'user_catalog_table',
  'security_barrier', 'security_invoker', 'deduplicate_items', 'fastupdate', 'autosummarize',
]);

/** What parse_bool takes, in any case: true, yes, on, 1 and false, no, off, 0, and a prefix of true, false, yes or no, or of off from two letters. */
const TRUE = new Set(['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1']);
const FALSE = new Set(['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0']);

/**
 * The enum ones, by the values the server takes for each, in any case but no shorter (reloptions.c's
 * enumRelOpts, pg_strcasecmp): vacuum_index_cleanup's on and off in every boolean spelling too.
 */
const CLEANUP = { auto: 'auto', on: 'on', true: 'on', yes: 'on', 1: 'on', off: 'off', false: 'off', no: 'off', 0: 'off' };
const ENUM: Record<string, Readonly<Record<string, string>>> = {
  buffering: { on: 'on', off: 'off', auto: 'auto' },
  vacuum_index_cleanup: CLEANUP,
  'toast.vacuum_index_cleanup': CLEANUP,
  check_option: { local: 'local', cascaded: 'cascaded' },
};

/** A storage parameter's value as the server reads it: a boolean as `true` or `false`, an enum's by its value (`AUTO` as `auto`), any other as written. */
export function storageValue(name: string, value: string): string {
  const spelled = value.toLowerCase();
  const values = ENUM[name];
  if (values) return Object.hasOwn(values, spelled) ? values[spelled]! : value;
  if (!BOOLEAN.has(name)) return value;
  return TRUE.has(spelled) ? 'true' : FALSE.has(spelled) ? 'false' : value;
}

/** The access method a definition names (`… USING gist (…`), outside quoted names. */
function accessMethod(definition: string): string {
  for (const [i, depth] of unquoted(definition)) {
    if (depth === 0 && definition.startsWith(' USING ', i)) return /^\w+/.exec(definition.slice(i + ' USING '.length))?.[0] ?? '';
  }
  return '';
}

/** `name='v''s'` or `name=off`, as pg_get_indexdef prints a storage parameter: its name and its value unquoted. */
function parameter(item: string): [name: string, value: string] {
  const at = item.indexOf('=');
  const written = item.slice(at + 1);
  return [item.slice(0, at), written.startsWith("'") && written.endsWith("'") ? written.slice(1, -1).replaceAll("''", "'") : written];
}

/**
 * An index's or exclusion constraint's definition with its storage parameters (`WITH
 * (fillfactor='90', deduplicate_items=off)`) as read: those at their access method's default left
 * out, a boolean spelt `true` or `false`, and the clause with the last of them.
 */
export function definitionAsRead(definition: string): string {
  const span = storageParameterSpan(definition);
  if (!span) return definition;
  const defaults = indexStorageDefaults(accessMethod(definition));
  const kept = listItems(definition.slice(...span)).flatMap((item) => {
    if (!item.includes('=')) return [item];
    const [name, written] = parameter(item);
    const value = storageValue(name, written);
    return value === defaults[name] ? [] : [`${name}=${value}`];
  });
  const [open, close] = span;
  return kept.length ? definition.slice(0, open) + kept.join(', ') + definition.slice(close) : definition.slice(0, open - ' WITH ('.length) + definition.slice(close + 1);
}

/** Shapes (model/canonical.ts) whose options hold PostgreSQL storage parameters: a relation's, a view's, an index's, a key's index's. */
const PARAMETER_SHAPES = new Set(['table', 'materialized_view', 'view', 'index', 'primary_key', 'unique']);
/** Shapes whose definition holds their index's storage parameters (pg_get_indexdef, pg_get_constraintdef). */
const DEFINING_SHAPES = new Set(['index', 'exclusion']);

/** The value of an attribute of `shape` as the server reads it, where it holds storage parameters; any other as it is. */
export function asRead(shape: string, attribute: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (attribute === 'definition') return DEFINING_SHAPES.has(shape) ? definitionAsRead(value) : value;
  // A view's WITH CHECK OPTION, as its check_option parameter holds it (`LOCAL`, as written).
  if (attribute === 'check_option') return shape === 'view' ? storageValue(attribute, value) : value;
  return attribute.startsWith('options.') && PARAMETER_SHAPES.has(shape) ? storageValue(attribute.slice('options.'.length), value) : value;
}
