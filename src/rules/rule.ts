// What a rule is: plain data (id, default level, documentation with a bad and a good example) and,
// for lint rules, a pure function from one model object to hits. Rules never read git or config.
import type { Dialect, ObjectKind, SchemaObject } from '../model/types.js';
import type { FindingKind, Level } from './findings.js';
import type { ModelIndex } from './model-index.js';

/** Documentation shared by every rule `datatrack rules` lists. */
export interface RuleDoc {
  id: string;
  /** naming | structure | types for lint; schema_rules for the Python-format checks of verify. */
  family: string;
  level: Level;
  /** One line, for the rule list. */
  summary: string;
  /** Why the rule exists and what it checks, for `rules --explain`. */
  description: string;
  examples: { bad: string; good: string };
  /** What to do about a finding. */
  hint: string;
}

export type OptionValue = number | readonly string[];

export interface OptionSpec {
  type: 'integer' | 'words';
  default: OptionValue;
  description: string;
}

/** A finding before the engine adds the rule, severity and object path. */
export interface Hit {
  kind: FindingKind;
  /** The part of the object the hit is about (column, index, constraint): by name, or by position when unnamed. */
  part?: { name?: string; index?: number };
  /**
   * About something of the object's own through a part it takes from a parent (a foreign key a
   * partition or child declares itself, on an inherited column): reported on it, not left to the parent.
   */
  own?: boolean;
  message: string;
  hint?: string;
}

export interface RuleContext {
  dialect: Dialect;
  options: Readonly<Record<string, OptionValue>>;
  model: ModelIndex;
}

export interface LintRule extends RuleDoc {
  appliesTo: readonly ObjectKind[];
  options?: Readonly<Record<string, OptionSpec>>;
  check(object: SchemaObject, context: RuleContext): Hit[];
}

/** Rules by stable id, in the order given; a duplicate id is a programming error. */
export class Registry<R extends RuleDoc> {
  private readonly byId = new Map<string, R>();

  constructor(rules: readonly R[]) {
    for (const rule of rules) {
      if (this.byId.has(rule.id)) throw new Error(`rule id ${rule.id} is registered twice`);
      this.byId.set(rule.id, rule);
    }
  }

  get(id: string): R | undefined {
    return this.byId.get(id);
  }

  all(): R[] {
    return [...this.byId.values()];
  }
}
