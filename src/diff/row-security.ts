// PostgreSQL row security: a command reaches a table's rows only through a PERMISSIVE policy for it
// (or for ALL) once row security applies; restrictive policies only narrow what permissive ones
// grant. A change that leaves a command with none fails nothing at migration time: SELECT then
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

type PolicyFacts = { name?: string; permissive?: boolean; command?: string };
type TableFacts = { row_security?: { enabled?: boolean; forced?: boolean }; policies?: PolicyFacts[] };

/** The commands that reach rows: all of them where row security does not apply, else those a PERMISSIVE policy covers. */
function open(applies: boolean, policies: readonly PolicyFacts[]): Set<string> {
  return new Set(COMMANDS.filter((command) => !applies || policies.some((p) => p.permissive !== false && (p.command === 'all' || p.command === command))));
}

/** Row security on the table and its policies on each side of the change, all else as the newer side has it; undefined for a change that shuts nothing. */
function sides(change: ModelChange): [before: { applies: boolean; policies: readonly PolicyFacts[] }, after: { applies: boolean; policies: readonly PolicyFacts[] }] | undefined {
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

/** The commands (`select`, `insert`, `update`, `delete`) that reached the table's rows before the change and reach none after. */
export function commandsShut(change: ModelChange): string[] {
  const judged = sides(change);
  if (!judged) return [];
  const [before, after] = [open(judged[0].applies, judged[0].policies), open(judged[1].applies, judged[1].policies)];
  return COMMANDS.filter((command) => before.has(command) && !after.has(command));
}

/** The change with a hint saying which commands it shut and what they do now, where it shut any. */
export function withRowSecurityHint(change: ModelChange): ModelChange {
  const shut = commandsShut(change);
  if (shut.length === 0) return change;
  const who = change.attribute === 'row_security.forced' ? "the table's owner is under row security now too, and " : '';
  const hint = `${who}no PERMISSIVE policy covers ${shut.map((c) => c.toUpperCase()).join(', ')}: ${effects(shut)}`;
  return { ...change, hint: change.hint ? `${change.hint}; ${hint}` : hint };
}
