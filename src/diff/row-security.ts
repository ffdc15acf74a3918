// PostgreSQL row security: a command reaches a table's rows only through a PERMISSIVE policy for it
// (or for ALL) and for the role running it (or PUBLIC) once row security applies; restrictive
// policies only narrow what permissive ones grant. A change that leaves a command with none fails nothing at migration time: SELECT then
// returns no rows, UPDATE and DELETE touch none, and INSERT fails. Which commands a change shuts
// so decides its impact (impact.ts) and is said in its hint.
import type { ModelChange } from './change.js';

const COMMANDS = ['select', 'insert', 'update', 'delete'] as const;

/** What the commands do once no policy lets them through: SELECT returns no rows, INSERT fails, UPDATE and DELETE change none. */
function effects(shut: readonly string[]): string {
  const writes = shut.filter((c) => c === 'update' || c === 'delete').map((c) => c.toUpperCase());
  return [
    ...(shut.includes('select') ? ['SELECT returns no rows'] : []),
    ...(shut.includes('insert') ? ['INSERT fails'] : []),
    ...(writes.length ? [`${writes.join(' and ')} ${writes.length > 1 ? 'change' : 'changes'} no rows`] : []),
  ].join(', ');
}

type PolicyFacts = { name?: string; permissive?: boolean; command?: string; roles?: string[] };
type TableFacts = { row_security?: { enabled?: boolean; forced?: boolean }; policies?: PolicyFacts[] };
type Side = { applies: boolean; policies: readonly PolicyFacts[] };

/**
 * Who a policy is for: the roles it names, by name, or every role (PUBLIC). A role no policy names
 * reaches rows only through PUBLIC's: OTHER_ROLES stands for all of those. Membership (a role
 * granted another) is not in a snapshot: a role is judged by the policies that name it.
 */
const OTHER_ROLES = '';
const forRole = (policy: PolicyFacts, role: string) => !policy.roles || policy.roles.includes('public') || (role !== OTHER_ROLES && policy.roles.includes(role));

/** Whether a command reaches the table's rows for a role: always where row security does not apply, else through a PERMISSIVE policy for it (or ALL) and that role. */
const reaches = (side: Side, command: string, role: string) =>
  !side.applies || side.policies.some((p) => p.permissive !== false && (p.command === 'all' || p.command === command) && forRole(p, role));

/** Row security on the table and its policies on each side of the change, all else as the newer side has it; undefined for a change that shuts nothing. */
function sides(change: ModelChange): [before: Side, after: Side] | undefined {
  if (change.kind === 'table' && change.action === 'modify') {
    const table = (change.after ?? {}) as TableFacts;
    const policies = table.policies ?? [];
    // ENABLE applies it to every role but the owner; FORCE to the owner too, where it is enabled.
    if (change.attribute === 'row_security.enabled') return [{ applies: change.from === true, policies }, { applies: change.to === true, policies }];
    const enabled = table.row_security?.enabled === true;
    if (change.attribute === 'row_security.forced') return [{ applies: enabled && change.from === true, policies }, { applies: enabled && change.to === true, policies }];
    return undefined;
  }
  if (change.kind !== 'policy' || (change.action !== 'remove' && change.action !== 'modify')) return undefined;
  const table = (change.owner ?? {}) as TableFacts;
  const [applies, policies] = [table.row_security?.enabled === true, table.policies ?? []];
  const before = change.before as PolicyFacts;
  // The table's policies as they were but for this one: each policy change is judged by what it alone shut.
  const withBefore = change.action === 'remove' ? [...policies, before] : policies.map((p) => (p.name === (change.after as PolicyFacts).name ? before : p));
  return [{ applies, policies: withBefore }, { applies, policies }];
}

/** Per command shut for some roles: the roles shut (OTHER_ROLES among them for every role no policy names), and the named roles it still reaches. */
type Shut = { command: string; roles: string[]; open: string[] };

function shutFor(change: ModelChange): Shut[] {
  const judged = sides(change);
  if (!judged) return [];
  const [before, after] = judged;
  const named = [...new Set([...before.policies, ...after.policies].flatMap((p) => p.roles ?? []).filter((role) => role !== 'public'))].sort();
  return COMMANDS.flatMap((command) => {
    const roles = [...named, OTHER_ROLES].filter((role) => reaches(before, command, role) && !reaches(after, command, role));
    return roles.length ? [{ command, roles, open: named.filter((role) => reaches(after, command, role)) }] : [];
  });
}

/** The commands (`select`, `insert`, `update`, `delete`) that reached the table's rows, for some role, before the change and reach none for it after. */
export function commandsShut(change: ModelChange): string[] {
  return shutFor(change).map((shut) => shut.command);
}

/** For whom a command is shut: every role (said by nothing), the roles named, or every role but those it still reaches. */
function whom(shut: Shut): string {
  if (!shut.roles.includes(OTHER_ROLES)) return ` for ${shut.roles.join(', ')}`;
  return shut.open.length ? ` for every role but ${shut.open.join(', ')}` : '';
}

/** The change with a hint saying which commands it shut and what they do now, where it shut any. */
export function withRowSecurityHint(change: ModelChange): ModelChange {
  const shut = shutFor(change);
  if (shut.length === 0) return change;
  const who = change.attribute === 'row_security.forced' ? "the table's owner is under row security now too, and " : '';
  // Commands shut for the same roles are said together.
  const groups = [...new Map(shut.map((s) => [whom(s), shut.filter((other) => whom(other) === whom(s)).map((other) => other.command)])).entries()];
  const hint = who + groups.map(([roles, commands]) => `no PERMISSIVE policy covers ${commands.map((c) => c.toUpperCase()).join(', ')}${roles}: ${effects(commands)}`).join('; ');
  return { ...change, hint: change.hint ? `${change.hint}; ${hint}` : hint };
}
