// Findings: the one shape lint and verify report (DESIGN §6), their order and their summary.
import { readableName } from '../codec/readable-name.js';
import { textNamePart } from '../util/qualified-name.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** A rule's configured level: a severity, or off. */
export type Level = Severity | 'off';
export const LEVELS: readonly Level[] = [...SEVERITIES, 'off'];

/** What a finding is about, in the vocabulary of diff changes. */
export type FindingKind =
  | 'table'
  | 'column'
  | 'index'
  | 'primary_key'
  | 'foreign_key'
  | 'unique_constraint'
  | 'check'
  | 'trigger'
  | 'view'
  | 'materialized_view'
  | 'sequence'
  | 'type'
  | 'routine';

/** The machine-readable finding (the `--json` contract). */
export interface Finding {
  rule: string;
  severity: Severity;
  kind: FindingKind;
  /** Path from the schema: `schema.table`, `schema.table.column`, … */
  object: string;
  message: string;
  hint: string;
}

/** Where a finding points, for SARIF and GitHub annotations (never in the JSON contract). */
export interface FindingLocation {
  /** The object's file in the snapshot tree (`main/tables/users.yaml`). */
  file: string;
  /** The part of that file the finding is about: a section (`columns`) and a member's name or position. */
  part?: { section: string; name?: string; index?: number };
  /** The rule's own definition (verify: a line of schema_rules.yaml). */
  rule?: { file: string; line: number; column: number };
}

export interface LocatedFinding extends Finding {
  location: FindingLocation;
}

export interface Summary {
  error: number;
  warning: number;
  info: number;
}

export interface Report {
  findings: Finding[];
  summary: Summary;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort((a, b) => compare(a.object, b.object) || compare(a.rule, b.rule) || compare(a.message, b.message));
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity]++;
  return summary;
}

/** The §6 JSON shape: exactly the contract's keys, whatever else a finding carries. */
export function toReport(findings: readonly Finding[]): Report {
  return {
    findings: findings.map(({ rule, severity, kind, object, message, hint }) => ({ rule, severity, kind, object, message, hint })),
    summary: summarize(findings),
  };
}

/** Exit status 1 when any finding is an error, or when warnings exceed `maxWarnings`. */
export function failed(summary: Summary, maxWarnings?: number): boolean {
  return summary.error > 0 || (maxWarnings !== undefined && summary.warning > maxWarnings);
}

/**
 * A finding's object as plain text shows it: a name holding a dot quoted (`"s.x"."t.y"`), as its
 * file tells, and one printing would hide part of (`public."t "`).
 */
export const findingName = (finding: LocatedFinding): string => readableName(finding.location.file, finding.object, finding.kind, textNamePart);
