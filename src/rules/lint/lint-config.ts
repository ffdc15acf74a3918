// The `lint:` section of .datatrack/config.yaml: a level (and options) per rule, ignores by rule and
// object glob, and per-schema overrides. Every mistake is reported at its file:line:column.
//
//   lint:
//     rules:
//       naming-snake-case: error
//       naming-length: {severity: warning, max: 40}
//       types-*: info                     # a glob sets the level of every rule it matches
//     ignore:
//       - {rule: naming-*, objects: legacy.*, reason: inherited from the old system}
//     schemas:
//       "staging_*": {structure-no-primary-key: off}
import { errorAt, type YamlFile } from '../../config/yaml-file.js';
import { UsageError } from '../../errors.js';
import { LEVELS, type Level } from '../findings.js';
import { compileGlob, isGlob, PatternError, type Matcher } from '../patterns.js';
import type { LintRule, OptionValue, Registry } from '../rule.js';

interface Setting {
  /** Exact rule id, or a glob over ids (level only). */
  target: string | Matcher;
  level?: Level;
  options: Record<string, OptionValue>;
}

interface Ignore {
  rules?: Matcher[];
  objects?: Matcher[];
}

export interface EffectiveSetting {
  level: Level;
  options: Readonly<Record<string, OptionValue>>;
}

const SECTION_KEYS = ['rules', 'ignore', 'schemas'];
const IGNORE_KEYS = ['rule', 'objects', 'reason'];

type Fail = (keys: (string | number)[], problem: string, atKey?: boolean) => UsageError;

function failWith(file: YamlFile | undefined): Fail {
  return (keys, problem, atKey) => (file ? errorAt(file, ['lint', ...keys], problem, atKey) : new UsageError(`lint configuration: ${problem}`, 'CONFIG_INVALID'));
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function pattern(fail: Fail, at: (string | number)[], glob: unknown): Matcher {
  if (typeof glob !== 'string' || glob === '') throw fail(at, 'expected a name or glob');
  try {
    return compileGlob(glob);
  } catch (error) {
    throw fail(at, (error as PatternError).message);
  }
}

/** One value or a list of them, each read by `one` at its own position. */
function listOf(at: (string | number)[], value: unknown, one: (at: (string | number)[], value: unknown) => Matcher): Matcher[] {
  return Array.isArray(value) ? value.map((v, i) => one([...at, i], v)) : [one(at, value)];
}

/** A rule id or glob that names no rule is a typo: refused, so that no setting or ignore silently does nothing. */
function ruleMatcher(fail: Fail, at: (string | number)[], id: unknown, registry: Registry<LintRule>, atKey = false): Matcher {
  const matcher = pattern(fail, at, id);
  const { source } = matcher;
  if (isGlob(source)) {
    if (!registry.all().some((r) => matcher.test(r.id))) throw fail(at, `"${source}" matches no rule; see \`datatrack rules\``, atKey);
  } else if (!registry.get(source)) throw fail(at, `unknown rule "${source}"; see \`datatrack rules\` for the list`, atKey);
  return matcher;
}

function parseRuleSettings(fail: Fail, at: (string | number)[], value: unknown, registry: Registry<LintRule>): Setting[] {
  if (!isMapping(value)) throw fail(at, 'expected a mapping of rule id → level (error, warning, info, off) or {severity, options…}');
  const globs: Setting[] = [];
  const exact: Setting[] = [];
  for (const [id, raw] of Object.entries(value)) {
    const here = [...at, id];
    const spec = isMapping(raw) ? raw : { severity: raw };
    const level = spec.severity as Level | undefined;
    if (level !== undefined && !LEVELS.includes(level)) throw fail(isMapping(raw) ? [...here, 'severity'] : here, `severity must be one of ${LEVELS.join(', ')}`);
    const { severity: _severity, ...options } = spec;
    const matcher = ruleMatcher(fail, here, id, registry, true);
    if (isGlob(id)) {
      if (Object.keys(options).length) throw fail(here, 'a glob over rule ids sets a severity only; give options per rule id');
      globs.push({ target: matcher, level, options: {} });
      continue;
    }
    const rule = registry.get(id)!;
    for (const [name, option] of Object.entries(options)) {
      const spec = rule.options && Object.hasOwn(rule.options, name) ? rule.options[name] : undefined; // not `constructor`
      if (!spec) throw fail([...here, name], `rule ${id} has no option "${name}"${rule.options ? ` (options: ${Object.keys(rule.options).join(', ')})` : ''}`, true);
      const ok = spec.type === 'integer' ? Number.isInteger(option) && (option as number) > 0 : Array.isArray(option) && option.every((w) => typeof w === 'string');
      if (!ok) throw fail([...here, name], spec.type === 'integer' ? `${name} must be a positive integer` : `${name} must be a list of words`);
    }
    exact.push({ target: id, level, options: options as Record<string, OptionValue> });
  }
  return [...globs, ...exact];
}

export class LintSettings {
  constructor(
    private readonly global: Setting[],
    private readonly schemas: { schema: Matcher; settings: Setting[] }[],
    private readonly ignores: Ignore[],
  ) {}

  static parse(raw: unknown, file: YamlFile | undefined, registry: Registry<LintRule>): LintSettings {
    const fail = failWith(file);
    if (raw === undefined || raw === null) return new LintSettings([], [], []);
    if (!isMapping(raw)) throw fail([], 'lint must be a mapping with rules, ignore and schemas');
    for (const key of Object.keys(raw)) if (!SECTION_KEYS.includes(key)) throw fail([key], `unknown key "${key}" in lint (known: ${SECTION_KEYS.join(', ')})`, true);
    const global = raw.rules === undefined ? [] : parseRuleSettings(fail, ['rules'], raw.rules, registry);
    if (raw.schemas !== undefined && !isMapping(raw.schemas)) throw fail(['schemas'], 'schemas must be a mapping of schema name or glob → rule levels');
    const schemas = Object.entries((raw.schemas ?? {}) as Record<string, unknown>).map(([schema, rules]) => ({
      schema: pattern(fail, ['schemas', schema], schema),
      settings: parseRuleSettings(fail, ['schemas', schema], rules, registry),
    }));
    if (raw.ignore !== undefined && !Array.isArray(raw.ignore)) throw fail(['ignore'], 'ignore must be a list of {rule, objects}');
    const ignores = ((raw.ignore ?? []) as unknown[]).map((entry, i) => {
      if (!isMapping(entry)) throw fail(['ignore', i], 'expected {rule: GLOB, objects: GLOB}');
      for (const key of Object.keys(entry)) if (!IGNORE_KEYS.includes(key)) throw fail(['ignore', i, key], `unknown key "${key}" (known: ${IGNORE_KEYS.join(', ')})`, true);
      if (entry.rule === undefined && entry.objects === undefined) throw fail(['ignore', i], 'an ignore needs rule, objects or both');
      if (entry.reason !== undefined && typeof entry.reason !== 'string') throw fail(['ignore', i, 'reason'], 'reason must be text');
      return {
        rules: entry.rule === undefined ? undefined : listOf(['ignore', i, 'rule'], entry.rule, (at, id) => ruleMatcher(fail, at, id, registry)),
        objects: entry.objects === undefined ? undefined : listOf(['ignore', i, 'objects'], entry.objects, (at, glob) => pattern(fail, at, glob)),
      };
    });
    return new LintSettings(global, schemas, ignores);
  }

  /** The level and options of a rule for objects of one schema. */
  resolve(rule: LintRule, schema: string): EffectiveSetting {
    let level = rule.level;
    const options: Record<string, OptionValue> = Object.fromEntries(Object.entries(rule.options ?? {}).map(([n, s]) => [n, s.default]));
    const apply = (settings: Setting[]) => {
      for (const s of settings) {
        if (typeof s.target === 'string' ? s.target !== rule.id : !s.target.test(rule.id)) continue;
        if (s.level !== undefined) level = s.level;
        Object.assign(options, s.options);
      }
    };
    apply(this.global);
    for (const scoped of this.schemas) if (scoped.schema.test(schema)) apply(scoped.settings);
    return { level, options };
  }

  /**
   * The `schemas:` keys naming one schema that is none of `schemas` (a typo there silently changes
   * nothing). Globs and regular expressions are left out: they are written for schemas that come and go.
   */
  unmatchedSchemas(schemas: readonly string[]): string[] {
    const named = this.schemas.filter(({ schema }) => !isGlob(schema.source) && !schema.source.startsWith('/'));
    return named.filter((scoped) => !schemas.some((schema) => scoped.schema.test(schema))).map((scoped) => scoped.schema.source);
  }

  /**
   * Whether an ignore entry silences this rule on an object, given as its names and its parents'
   * (codec/readable-name.ts nameLevels): `public.users` also covers `public.users.email`.
   */
  ignored(ruleId: string, levels: readonly string[]): boolean {
    return this.ignores.some(
      (ignore) => (!ignore.rules || ignore.rules.some((m) => m.test(ruleId))) && (!ignore.objects || ignore.objects.some((m) => levels.some((name) => m.test(name)))),
    );
  }
}
