// The lint engine: every enabled rule over every object to check, with the configured level for
// the object's schema, minus ignores. Pure: objects and settings in, located findings out.
import { objectPath } from '../codec/layout.js';
import { ellipsized } from '../util/ellipsized.js';
import { nameLevels } from '../codec/readable-name.js';
import { objectName } from '../model/canonical.js';
import { unnamedPartLabel } from '../model/part-label.js';
import type { Dialect, ObjectKind, SchemaObject } from '../model/types.js';
import type { FindingKind, FindingLocation, LocatedFinding, Severity } from './findings.js';
import type { LintSettings } from './lint/lint-config.js';
import type { ModelIndex } from './model-index.js';
import { clonedHit, inheritedHit } from './partitions.js';
import type { Hit, LintRule, RuleContext } from './rule.js';

/** The list (or single entry) of an object file that holds each kind of part. */
export const SECTION_OF: Partial<Record<FindingKind, string>> = {
  column: 'columns',
  index: 'indexes',
  primary_key: 'primary_key',
  foreign_key: 'foreign_keys',
  unique_constraint: 'unique_constraints',
  check: 'checks',
  trigger: 'triggers',
};

/**
 * The longest message a finding carries: one quoting a MySQL ENUM of thousands of values ran to
 * 45 KB, a line no annotation or terminal shows.
 */
export const MAX_MESSAGE = 500;

export const objectLabel = (object: SchemaObject) => `${object.schema}.${objectName(object)}`;

/** The part at `index` of a section (a list, or one entry such as primary_key): named by what it holds, as diff names it. */
function partAt(object: SchemaObject, section: string, index: number): { columns?: unknown; expression?: string; definition?: string } {
  const held = (object as unknown as Record<string, unknown>)[section];
  return (Array.isArray(held) ? held[index] : held) ?? {};
}

/** The path of what a hit is about, and where in the object's file it is. */
export function locateHit(object: SchemaObject, hit: Hit): { object: string; location: FindingLocation } {
  const label = objectLabel(object);
  const file = objectPath(object).join('/');
  const section = SECTION_OF[hit.kind];
  return {
    object: hit.part?.name !== undefined ? `${label}.${hit.part.name}` : hit.part?.index !== undefined && section ? `${label}.${unnamedPartLabel(hit.kind, partAt(object, section, hit.part.index))}` : label,
    location: hit.part && section ? { file, part: { section, ...hit.part } } : { file },
  };
}

export interface LintTarget {
  dialect: Dialect;
  /** The objects to check. */
  objects: readonly SchemaObject[];
  /** Lookups for rules that look across objects (foreign-key targets, enum types). */
  model: ModelIndex;
}

interface PreparedRule {
  rule: LintRule;
  severity: Severity;
  context: RuleContext;
}

export function runLintRules(target: LintTarget, rules: readonly LintRule[], settings: LintSettings): LocatedFinding[] {
  const findings: LocatedFinding[] = [];
  // The enabled rules for each schema and object kind, with their level and context, prepared once
  // per schema rather than once per object (10,000 tables × 24 rules).
  const prepared = new Map<string, Map<ObjectKind, PreparedRule[]>>();
  const rulesFor = (schema: string, kind: ObjectKind): PreparedRule[] => {
    let byKind = prepared.get(schema);
    if (!byKind) {
      byKind = new Map();
      for (const rule of rules) {
        const { level, options } = settings.resolve(rule, schema);
        if (level === 'off') continue;
        const entry = { rule, severity: level, context: { dialect: target.dialect, options, model: target.model } };
        for (const k of rule.appliesTo) byKind.set(k, [...(byKind.get(k) ?? []), entry]);
      }
      prepared.set(schema, byKind);
    }
    return byKind.get(kind) ?? [];
  };
  for (const object of target.objects) {
    for (const { rule, severity, context } of rulesFor(object.schema, object.kind)) {
      for (const hit of rule.check(object, context)) {
        const find = (schema: string, name: string) => target.model.table(schema, name);
        if (inheritedHit(object, hit, find) || clonedHit(object, hit, find)) continue;
        const { object: path, location } = locateHit(object, hit);
        if (settings.ignored(rule.id, nameLevels(location.file, path, hit.kind))) continue;
        findings.push({ rule: rule.id, severity, kind: hit.kind, object: path, message: ellipsized(hit.message, MAX_MESSAGE), hint: hit.hint ?? rule.hint, location });
      }
    }
  }
  return findings;
}
