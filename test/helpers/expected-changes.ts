// Expected changes written down per case (test/fixtures/migra/<case>.yaml): entries
// `[action, kind, object, attribute?]`, required ones (`changes`, `beyond_migra`, with `one_of`
// alternatives) and allowed ones (`optional`). A diff passes when it reports every required
// entry and nothing that no entry allows.
import { readFileSync } from 'node:fs';
import { parse } from '#yaml';
import { CHANGE_ACTIONS, CHANGE_KINDS } from '../../src/diff/change.js';

export type Entry = [action: string, kind: string, object: string, attribute?: string];
export type Requirement = Entry | { one_of: Entry[] };

export interface ExpectedChanges {
  flags?: string;
  skip?: string;
  scope?: { schemas?: string[]; exclude?: string[] };
  changes?: Requirement[];
  beyond_migra?: Requirement[];
  optional?: Entry[];
  not_modelled?: string[];
}

interface Reported {
  action: string;
  kind: string;
  object: string;
  attribute?: string;
}

export function describeEntry(entry: Entry): string {
  return entry.filter((x) => x !== undefined).join(' ');
}

function validEntry(entry: unknown, where: string): Entry {
  const ok =
    Array.isArray(entry) &&
    entry.length >= 3 &&
    entry.length <= 4 &&
    entry.every((x) => typeof x === 'string') &&
    (CHANGE_ACTIONS as readonly string[]).includes(entry[0]) &&
    (CHANGE_KINDS as readonly string[]).includes(entry[1]) &&
    (entry[3] === undefined || entry[0] === 'modify');
  if (!ok) throw new Error(`${where}: ${JSON.stringify(entry)} is not [action, kind, object, attribute?]`);
  return entry as Entry;
}

export function loadExpected(path: string): ExpectedChanges {
  const data = parse(readFileSync(path, 'utf8')) as ExpectedChanges;
  for (const section of ['changes', 'beyond_migra'] as const) {
    for (const requirement of data[section] ?? []) {
      if (Array.isArray(requirement)) validEntry(requirement, `${path} ${section}`);
      else requirement.one_of.forEach((e) => validEntry(e, `${path} ${section} one_of`));
    }
  }
  for (const entry of data.optional ?? []) validEntry(entry, `${path} optional`);
  return data;
}

function matches(entry: Entry, change: Reported): boolean {
  const [action, kind, object, attribute] = entry;
  return change.action === action && change.kind === kind && change.object === object && (attribute === undefined || change.attribute === attribute);
}

export function checkChanges(expected: ExpectedChanges, reported: Reported[]): { missing: string[]; unexpected: string[] } {
  const required = [...(expected.changes ?? []), ...(expected.beyond_migra ?? [])];
  const alternatives = (r: Requirement): Entry[] => (Array.isArray(r) ? [r] : r.one_of);
  const missing = required
    .filter((r) => !alternatives(r).some((entry) => reported.some((c) => matches(entry, c))))
    .map((r) => alternatives(r).map(describeEntry).join(' | '));
  const allowed = [...required.flatMap(alternatives), ...(expected.optional ?? [])];
  const unexpected = reported.filter((c) => !allowed.some((entry) => matches(entry, c))).map((c) => [c.action, c.kind, c.object, c.attribute].filter(Boolean).join(' '));
  return { missing, unexpected };
}
