// information_schema shows an account only what its privileges cover, and says nothing about the
// rest: without TRIGGER no trigger is listed, without EVENT no event, without a routine privilege
// no routine. So the account's grants decide which kinds are hidden from it; the snapshot carries
// those forward from the previous one (snapshot/carry-forward.ts) instead of recording them gone.
import type { HiddenPart } from '../../model/types.js';
import type { Row } from './catalog.js';

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
    if (c === '\\' && i + 1 < pattern.length) body += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') body += '.*';
    else if (c === '_') body += '.';
    else body += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, 'su').test(database);
}

const KINDS: { kind: HiddenPart['kind']; any: string[]; grant: string }[] = [
  { kind: 'trigger', any: ['TRIGGER'], grant: 'TRIGGER' },
  { kind: 'event', any: ['EVENT'], grant: 'EVENT' },
  { kind: 'routine', any: ['EXECUTE', 'ALTER ROUTINE', 'GLOBAL SELECT', 'GLOBAL SHOW_ROUTINE', 'GLOBAL SHOW CREATE ROUTINE'], grant: 'EXECUTE' },
];

/** The kinds of object the account's grants hide from it in the database. */
export function hiddenKinds(input: {
  database: string;
  account: string;
  role: string | null;
  userPrivileges: Row[];
  schemaPrivileges: Row[];
}): HiddenPart[] {
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
  return KINDS.filter((k) => !k.any.some((p) => held.has(p))).map((k) => ({
    schema: input.database,
    kind: k.kind,
    reason: `account ${input.account} lacks the ${k.grant} privilege and the server hides what it cannot see; GRANT ${k.grant} ON \`${input.database}\`.* TO ${granteeOf(input.account)} to track them`,
  }));
}
