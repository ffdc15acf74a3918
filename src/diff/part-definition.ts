// An added or removed part of a table in one line, as DDL would say it (names quoted where the
// dialect needs it), so that a reviewer sees what arrives or goes (a foreign key's ON DELETE
// CASCADE, a check's expression, an index's uniqueness, a key added NOT VALID) without opening the
// snapshot. Columns have their own (columns.ts).
import type { Flavor } from '../dialects/mysql/server.js';
import { indexKeyText } from '../model/part-label.js';
import { sqlName } from '../model/sql-name.js';
import type { Check, Dialect, ExclusionConstraint, ForeignKey, Index, Policy, PrimaryKey, Trigger, UniqueConstraint } from '../model/types.js';
import type { ChangeKind } from './change.js';
import { parenthesized } from './sql-spelling.js';

type Name = (identifier: string) => string;
const list = (names: readonly string[], name: Name) => `(${names.map(name).join(', ')})`;
const words = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ');

/** DEFERRABLE, NOT VALID and the other states a constraint may be added in. */
function states(part: { deferrable?: boolean; initially_deferred?: boolean; validated?: boolean; enforced?: boolean; no_inherit?: boolean }): (string | false)[] {
  return [
    !!part.deferrable && `DEFERRABLE${part.initially_deferred ? ' INITIALLY DEFERRED' : ''}`,
    part.validated === false && 'NOT VALID',
    part.enforced === false && 'NOT ENFORCED',
    !!part.no_inherit && 'NO INHERIT',
  ];
}

function key(part: PrimaryKey | UniqueConstraint, name: Name): string {
  const unique = part as UniqueConstraint;
  // Key parts that say more than the names (SQLite's COLLATE and DESC, MySQL's prefix lengths), as the server reports them.
  const keyParts = part.options?.key_parts;
  const onConflict = part.options?.on_conflict;
  return words(
    typeof keyParts === 'string' ? `(${keyParts})` : list(part.columns, name),
    !!part.include?.length && `INCLUDE ${list(part.include, name)}`,
    !!unique.nulls_not_distinct && 'NULLS NOT DISTINCT',
    ...states(part),
    // added ON ONLY a partitioned table: holds on no partition whose index is not attached yet
    part.options?.invalid === true && 'INVALID',
    // SQLite: REPLACE deletes the row a duplicate meets, IGNORE drops the insert, without an error
    typeof onConflict === 'string' && `ON CONFLICT ${onConflict.toUpperCase()}`,
  );
}

function foreignKey(fk: ForeignKey, name: Name): string {
  const action = (event: string, value: string | undefined) => value && value !== 'no action' && `ON ${event} ${value.toUpperCase()}`;
  return words(
    list(fk.columns, name),
    `REFERENCES ${name(fk.references.schema)}.${name(fk.references.table)}${fk.references.columns ? ` ${list(fk.references.columns, name)}` : ''}`,
    !!fk.match && fk.match !== 'simple' && `MATCH ${fk.match.toUpperCase()}`,
    action('DELETE', fk.on_delete),
    action('UPDATE', fk.on_update),
    ...states(fk),
    !!fk.triggers && `(triggers ${fk.triggers})`,
  );
}

function index(ix: Index, name: Name, flavor: Flavor | undefined): string {
  return words(
    ix.unique && 'UNIQUE',
    ix.method,
    `(${ix.columns.map((k) => indexKeyText(k, name)).join(', ')})`,
    !!ix.include?.length && `INCLUDE ${list(ix.include, name)}`,
    !!ix.nulls_not_distinct && 'NULLS NOT DISTINCT',
    !!ix.where && `WHERE ${ix.where}`,
    // An index a failed CREATE INDEX CONCURRENTLY left behind is no index a query uses.
    ix.options?.invalid === true && 'INVALID',
    // Kept up to date but read by no query (MySQL's INVISIBLE, MariaDB's IGNORED).
    ix.options?.invisible === true && (flavor === 'mariadb' ? 'IGNORED' : 'INVISIBLE'),
  );
}

function trigger(t: Trigger, name: Name): string {
  return words(
    t.timing.toUpperCase(),
    t.events.map((event) => event.toUpperCase()).join(' OR '),
    !!t.columns?.length && `OF ${t.columns.map(name).join(', ')}`,
    !!t.level && `FOR EACH ${t.level.toUpperCase()}`,
    !!t.when && `WHEN ${t.when}`,
    !!t.enabled && `(${t.enabled})`,
    // MySQL fires triggers of one timing and event in this order (FOLLOWS / PRECEDES set it).
    typeof t.options?.action_order === 'number' && `(fires ${ordinal(t.options.action_order)})`,
  );
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

function policy(p: Policy): string {
  return words(p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE', `FOR ${p.command.toUpperCase()}`, `TO ${p.roles.join(', ')}`, !!p.using && `USING ${p.using}`, !!p.with_check && `WITH CHECK ${p.with_check}`);
}

/**
 * The one-line definition of an added or removed part of `kind`, or undefined for kinds that have
 * none here; `flavor`, of a MySQL-dialect part, the server whose words it is spelt in.
 */
export function partDefinition(kind: ChangeKind, part: unknown, dialect: Dialect, flavor?: Flavor): string | undefined {
  if (!part || typeof part !== 'object') return undefined;
  const name = (identifier: string) => sqlName(identifier, dialect);
  switch (kind) {
    case 'primary_key':
    case 'unique_constraint':
      return key(part as UniqueConstraint, name);
    case 'foreign_key':
      return foreignKey(part as ForeignKey, name);
    case 'check':
    {
      // PostgreSQL's text brings its own parentheses; SQLite's and MySQL's may not, and CHECK needs them.
      const { expression } = part as Check;
      return words(`CHECK ${parenthesized(expression) ? expression : `(${expression})`}`, ...states(part as Check));
    }
    case 'exclusion_constraint':
      // The server's own text, DEFERRABLE included.
      return (part as ExclusionConstraint).definition;
    case 'index':
      return index(part as Index, name, flavor);
    case 'trigger':
      return trigger(part as Trigger, name);
    case 'policy':
      return policy(part as Policy);
    default:
      return undefined;
  }
}
