// The `pipeline:` and `hooks:` sections of .datatrack/config.yaml: which steps run and which
// findings or impacts fail a run. Errors point at file:line:column.
import { errorAt, type YamlFile } from '../config/yaml-file.js';
import { UsageError } from '../errors.js';
import { MAX_TIMEOUT_SECONDS } from '../config/url.js';

export const STEPS = ['snapshot', 'lint', 'verify', 'diff', 'export'] as const;
export type Step = (typeof STEPS)[number];
/** The least severe finding that fails a run (`never`: findings are reported, never fatal). */
export const FINDING_THRESHOLDS = ['error', 'warning', 'info', 'never'] as const;
export type FindingThreshold = (typeof FINDING_THRESHOLDS)[number];
/** The least severe change impact that fails a run (`any`: every change). */
export const IMPACT_THRESHOLDS = ['breaking', 'caution', 'any', 'never'] as const;
export type ImpactThreshold = (typeof IMPACT_THRESHOLDS)[number];

export interface PipelineSettings {
  steps: Step[];
  failOn: { lint: FindingThreshold; verify: FindingThreshold; diff: ImpactThreshold };
  /** `type:format` exports written by the export step, e.g. `snapshot:yaml`, `diff:markdown`. */
  exports: string[];
}

export interface HookSettings {
  lint: boolean;
  verify: boolean;
  /** pre-push only: compare the live database with the latest snapshot. */
  drift: boolean;
  /** pre-push drift: an unreachable database blocks instead of warning. */
  strict: boolean;
  failOnDrift: ImpactThreshold;
}

export interface HooksSettings {
  preCommit: HookSettings;
  prePush: HookSettings;
  /** Seconds before a hook gives up (and blocks): a hook must never hang a commit. */
  timeout: number;
}

const EXPORT_CHOICES = ['snapshot:yaml', 'snapshot:json', 'snapshot:markdown', 'snapshot:mermaid', 'diff:yaml', 'diff:json', 'diff:markdown'];

type Raw = Record<string, unknown>;

function section(value: unknown, file: YamlFile | undefined, at: string[]): Raw {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw problem(file, at, `${at.join('.')} must be a mapping`);
  return value as Raw;
}

function problem(file: YamlFile | undefined, at: (string | number)[], message: string): UsageError {
  return file ? errorAt(file, at, message) : new UsageError(`.datatrack/config.yaml: ${message}`, 'CONFIG_INVALID');
}

function known(raw: Raw, keys: string[], file: YamlFile | undefined, at: string[]): void {
  for (const key of Object.keys(raw)) {
    if (!keys.includes(key)) throw file ? errorAt(file, [...at, key], `unknown key "${key}" in ${at.join('.')} (known: ${keys.join(', ')})`, true) : problem(file, at, `unknown key ${key}`);
  }
}

function choice<T extends string>(raw: Raw, key: string, choices: readonly T[], fallback: T, file: YamlFile | undefined, at: string[]): T {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (!choices.includes(value as T)) throw problem(file, [...at, key], `${[...at, key].join('.')} must be one of ${choices.join(', ')}`);
  return value as T;
}

function flag(raw: Raw, key: string, fallback: boolean, file: YamlFile | undefined, at: string[]): boolean {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw problem(file, [...at, key], `${[...at, key].join('.')} must be true or false`);
  return value;
}

function list(raw: Raw, key: string, choices: readonly string[], fallback: string[], file: YamlFile | undefined, at: string[]): string[] {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) throw problem(file, [...at, key], `${[...at, key].join('.')} must be a list`);
  const name = [...at, key].join('.');
  value.forEach((item, i) => {
    if (!choices.includes(item as string)) throw problem(file, [...at, key, i], `${name} entry ${JSON.stringify(item)} is none of ${choices.join(', ')}`);
  });
  return value as string[];
}

export function pipelineSettings(value: unknown, file: YamlFile | undefined): PipelineSettings {
  const raw = section(value, file, ['pipeline']);
  known(raw, ['steps', 'fail_on', 'export'], file, ['pipeline']);
  const failOn = section(raw.fail_on, file, ['pipeline', 'fail_on']);
  known(failOn, ['lint', 'verify', 'diff'], file, ['pipeline', 'fail_on']);
  const at = ['pipeline', 'fail_on'];
  const steps = list(raw, 'steps', STEPS, [...STEPS], file, ['pipeline']) as Step[];
  // A run of no steps passes whatever the database holds: a mistake, not a setting.
  if (steps.length === 0) throw problem(file, ['pipeline', 'steps'], `pipeline.steps lists no step; name some of ${STEPS.join(', ')}, or leave it out for all of them`);
  return {
    steps,
    failOn: {
      lint: choice(failOn, 'lint', FINDING_THRESHOLDS, 'error', file, at),
      verify: choice(failOn, 'verify', FINDING_THRESHOLDS, 'error', file, at),
      diff: choice(failOn, 'diff', IMPACT_THRESHOLDS, 'breaking', file, at),
    },
    exports: list(raw, 'export', EXPORT_CHOICES, ['snapshot:yaml', 'diff:json'], file, ['pipeline']),
  };
}

function hookSettings(value: unknown, file: YamlFile | undefined, name: string, prePush: boolean): HookSettings {
  const at = ['hooks', name];
  const raw = section(value, file, at);
  known(raw, prePush ? ['lint', 'verify', 'drift', 'strict', 'fail_on_drift'] : ['lint', 'verify'], file, at);
  return {
    lint: flag(raw, 'lint', true, file, at),
    verify: flag(raw, 'verify', true, file, at),
    drift: flag(raw, 'drift', false, file, at),
    strict: flag(raw, 'strict', false, file, at),
    failOnDrift: choice(raw, 'fail_on_drift', IMPACT_THRESHOLDS, 'breaking', file, at),
  };
}

export function hooksSettings(value: unknown, file: YamlFile | undefined): HooksSettings {
  const raw = section(value, file, ['hooks']);
  known(raw, ['pre_commit', 'pre_push', 'timeout'], file, ['hooks']);
  const timeout = raw.timeout ?? 60;
  // Node's timers take at most 2^31 - 1 ms: a longer one fires at once, and every push was blocked.
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > MAX_TIMEOUT_SECONDS) {
    throw problem(file, ['hooks', 'timeout'], `hooks.timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`);
  }
  return { preCommit: hookSettings(raw.pre_commit, file, 'pre_commit', false), prePush: hookSettings(raw.pre_push, file, 'pre_push', true), timeout };
}

/** Whether a lint/verify summary crosses a finding threshold. */
export function findingsFail(summary: { error: number; warning: number; info: number }, threshold: FindingThreshold): boolean {
  if (threshold === 'never') return false;
  return summary.error > 0 || (threshold !== 'error' && summary.warning > 0) || (threshold === 'info' && summary.info > 0);
}

/** The Python tool's `--strict`: warnings fail too (a policy that already fails on info stays so). */
export function strictFindings(threshold: FindingThreshold): FindingThreshold {
  return threshold === 'info' ? 'info' : 'warning';
}

/** Whether a diff summary crosses an impact threshold. */
export function impactFails(summary: { breaking: number; caution: number; safe: number }, threshold: ImpactThreshold): boolean {
  if (threshold === 'never') return false;
  return summary.breaking > 0 || (threshold !== 'breaking' && summary.caution > 0) || (threshold === 'any' && summary.safe > 0);
}
