// Errors are data: a stable code, a one-line message that says what is wrong and what to do, and
// the exit code of DESIGN §3. The CLI maps them to output in one place (src/cli/base-command.ts).
import { redactUrl } from './util/redact.js';

/** `internal` (a bug) is sysexits' EX_SOFTWARE: never 1, which `diff --exit-code` and lint give findings. */
export const EXIT = { ok: 0, findings: 1, usage: 2, database: 3, storage: 4, internal: 70 } as const;

export class DatatrackError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly data: Record<string, unknown>;

  constructor(message: string, code: string, exitCode: number, cause?: unknown, data: Record<string, unknown> = {}) {
    // A message may repeat what the user typed, and a connection URL typed in the wrong place carries its password.
    super(redactUrl(message), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.data = data;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, exitCode: this.exitCode, ...this.data };
  }
}

/** An error as data: how a command that runs on to the end reports one item that failed in its place. */
export interface ErrorReport {
  code: string;
  message: string;
  exitCode: number;
}

export function errorReport({ code, message, exitCode }: DatatrackError): ErrorReport {
  return { code, message, exitCode };
}

/** A target of a run over several that failed, reported in its place. */
export interface TargetFailure {
  target: string;
  error: ErrorReport;
}

export function isFailure<T extends object>(outcome: T | TargetFailure): outcome is TargetFailure {
  return 'error' in outcome;
}

/** Bad flags, arguments, names or configuration: exit 2. */
export class UsageError extends DatatrackError {
  constructor(message: string, code = 'USAGE', cause?: unknown, data?: Record<string, unknown>) {
    super(message, code, EXIT.usage, cause, data);
  }
}

/** The database could not be reached or read: exit 3. */
export class DatabaseError extends DatatrackError {
  constructor(message: string, code = 'DATABASE', cause?: unknown, data?: Record<string, unknown>) {
    super(message, code, EXIT.database, cause, data);
  }
}

/** The git repository or an object in it is missing, broken or locked: exit 4. */
export class StorageError extends DatatrackError {
  constructor(message: string, code = 'STORAGE', cause?: unknown, data?: Record<string, unknown>) {
    super(message, code, EXIT.storage, cause, data);
  }
}
