// information_schema shows an account only what its privileges cover, and says nothing about the
// rest: without TRIGGER no trigger is listed, without EVENT no event, without a routine privilege
// no routine. So the account's grants decide which kinds are hidden from it; the snapshot carries
// those forward from the previous one (snapshot/carry-forward.ts) instead of recording them gone.
import type { HiddenPart } from '../../model/types.js';
import type { Row } from './catalog.js';
import { escapeRegExp } from '../../util/regexp.js';

interface PrivilegeRow { grantee: string; privilege: string; schema_pattern?: string }

/** `user@host` (CURRENT_USER()) or a role (`r`, or MySQL's `` `r`@`%` ``) → GRANTEE's `'user'@'host'` form. */
export function granteeOf(account: string): string {
  const unquoted = account.replace(/`/g, '');
  const at = unquoted.lastIndexOf('@');
  return at < 0 ? `'${unquoted}'` : `'${unquoted.slice(0, at)}'@'${unquoted.slice(at + 1)}'`;
}

/** Whether a SCHEMA_PRIVILEGES pattern (LIKE syntax, `\` escapes) covers the database. */
export function schemaPatternMatches(pattern: string, database: string): boolean {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) body += escapeRegExp(pattern[++i]!);
    else if (c === '%') body += '.*';
    else if (c === '_') body += '.';
    else body += escapeRegExp(c);
  }
  return new RegExp(`^${body}$`, 'su').test(database);
}

/** What ALL PRIVILEGES on a database stands for, as far as reading its catalog goes. */
const ALL_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'EVENT', 'EXECUTE', 'ALTER ROUTINE', 'CREATE ROUTINE', 'DELETE HISTORY'];
const GRANT_LINE = /^GRANT (.+?) ON (\*|`(?:[^`]|``)*`)\.\* TO (`(?:[^`]|``)*`(?:@`(?:[^`]|``)*`)?)/;

/**
 * Privileges that reach the account through its enabled roles, as SHOW GRANTS lists them: the
 * privilege views (USER_PRIVILEGES, SCHEMA_PRIVILEGES) show an account its own grants only, not its
 * roles'. MariaDB lists each role's grants under the role's name; MySQL 8 folds the privileges of the
 * active roles into the account's own lines (SHOW GRANTS without FOR runs as `USING` the active
 * roles), so lines granted to the account itself count too. Table- and column-level lines are left
 * out, as the privilege views' rows are.
 */
export function roleGrants(lines: string[], role: string | null, account: string): { userPrivileges: Row[]; schemaPrivileges: Row[] } {
  const grantees = new Set([granteeOf(account), ...(role ?? '').split(',').map((r) => r.trim()).filter((r) => r && r !== 'NONE').map(granteeOf)]);
  const userPrivileges: Row[] = [];
  const schemaPrivileges: Row[] = [];
  for (const line of lines) {
    const match = GRANT_LINE.exec(line);
    if (!match) continue;
    const grantee = granteeOf(match[3]!.replace(/``/g, '\u0000').replace(/`/g, '').replace(/\u0000/g, '`'));
    if (!grantees.has(grantee)) continue;
    const named = match[1]!.split(',').map((p) => p.trim().toUpperCase());
    const privileges = named.includes('ALL PRIVILEGES') || named.includes('ALL') ? ALL_PRIVILEGES : named;
    for (const privilege of privileges) {
      if (match[2] === '*') userPrivileges.push({ grantee, privilege });
      else schemaPrivileges.push({ grantee, privilege, schema_pattern: match[2]!.slice(1, -1).replace(/``/g, '`') });
    }
  }
  return { userPrivileges, schemaPrivileges };
}

/** ROUTINES.ROUTINE_TYPE values; those the model has no shape for are recorded raw under them. */
const ROUTINE_TYPES = ['FUNCTION', 'PROCEDURE', 'PACKAGE', 'PACKAGE BODY'];

const KINDS: { kind: HiddenPart['kind']; any: string[]; grant: string; rawTypes?: string[] }[] = [
  { kind: 'trigger', any: ['TRIGGER'], grant: 'TRIGGER' },
  { kind: 'event', any: ['EVENT'], grant: 'EVENT' },
  // ROUTINES lists packages (recorded raw) with the functions and procedures, under the same grants.
  { kind: 'routine', any: ['EXECUTE', 'ALTER ROUTINE', 'GLOBAL SELECT', 'GLOBAL SHOW_ROUTINE', 'GLOBAL SHOW CREATE ROUTINE'], grant: 'EXECUTE', rawTypes: ROUTINE_TYPES },
];

interface GrantInput {
  database: string;
  account: string;
  role: string | null;
  userPrivileges: Row[];
  schemaPrivileges: Row[];
}

/** The privileges the account (and its roles) holds on the database: schema-level ones as named, global ones also as `GLOBAL <name>`. */
function privilegesHeld(input: GrantInput): Set<string> {
  const grantees = new Set([granteeOf(input.account)]);
  for (const role of (input.role ?? '').split(',').map((r) => r.trim()).filter((r) => r && r !== 'NONE')) grantees.add(granteeOf(role));
  const held = new Set<string>();
  for (const row of input.userPrivileges as unknown as PrivilegeRow[]) {
    if (!grantees.has(row.grantee)) continue;
    held.add(row.privilege);
    held.add(`GLOBAL ${row.privilege}`);
  }
  for (const row of input.schemaPrivileges as unknown as PrivilegeRow[]) {
    if (grantees.has(row.grantee) && schemaPatternMatches(row.schema_pattern ?? '', input.database)) held.add(row.privilege);
  }
  return held;
}

/**
 * Whether the account reads the database with database-wide SELECT. With only table- or column-level
 * grants, information_schema lists just those tables and columns, and the rest would be recorded
 * as dropped.
 */
export function hasDatabaseSelect(input: GrantInput): boolean {
  return privilegesHeld(input).has('SELECT');
}

/** Table privileges besides SELECT: holding any of them on the database lets MariaDB list its key constraints. */
const REVEALS_KEYS = ['INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'DELETE HISTORY'];

/** The kinds of object (and parts of objects) the account's grants hide from it in the database. */
export function hiddenKinds(input: GrantInput & { flavor?: 'mariadb' | 'mysql' }): HiddenPart[] {
  const held = privilegesHeld(input);
  const hidden: HiddenPart[] = KINDS.filter((k) => !k.any.some((p) => held.has(p))).map((k) => ({
    schema: input.database,
    kind: k.kind,
    ...(k.rawTypes ? { rawTypes: k.rawTypes } : {}),
    reason: `account ${input.account} lacks the ${k.grant} privilege and the server hides what it cannot see; GRANT ${k.grant} ON \`${input.database}\`.* TO ${granteeOf(input.account)} to track them`,
  }));
  // MariaDB shows REFERENTIAL_CONSTRAINTS and TABLE_CONSTRAINTS rows only to an account that holds
  // some privilege besides SELECT on the table (10.11; KEY_COLUMN_USAGE and STATISTICS need none).
  if (input.flavor === 'mariadb' && !REVEALS_KEYS.some((p) => held.has(p) || held.has(`GLOBAL ${p}`))) {
    hidden.push({
      schema: input.database,
      kind: 'table',
      attribute: 'foreign_keys',
      reason: `account ${input.account} holds no table privilege besides SELECT, and MariaDB lists foreign keys only to an account with one more; GRANT REFERENCES ON \`${input.database}\`.* TO ${granteeOf(input.account)} to track them`,
    });
  }
  return hidden;
}
