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

const SYSTEM_ERROR_FIXES: [codes: string[], fix: string][] = [
  [['EACCES', 'EPERM', 'EROFS'], 'check the ownership and permissions of that path (or a read-only file system)'],
  // Node names neither the file nor the fix ("ENOSPC: no space left on device, write").
  [['ENOSPC', 'EDQUOT', 'EFBIG'], 'the disk is full, or a quota or file-size limit was reached: free some space and run it again'],
  // `spawnSync git EMFILE` names neither.
  [['EMFILE', 'ENFILE'], 'too many files are open: raise the limit (ulimit -n) and run it again'],
];

/**
 * A message with what to do about the system error it is or holds (`cannot lock refs/…: EACCES:
 * permission denied, link …`): Node's text names no fix.
 */
export function withSystemErrorFix(message: string, code: string): string {
  const systemCode = /^E[A-Z]+$/.test(code) ? code : (/\b(E[A-Z]+): /.exec(message)?.[1] ?? code);
  const fix = SYSTEM_ERROR_FIXES.find(([codes]) => codes.includes(systemCode))?.[1];
  return fix === undefined || message.endsWith(fix) ? message : `${message}; ${fix}`;
}

/**
 * A Node file-system error (EACCES on a read-only .git/objects, ENOSPC) as the storage error it is, with
 * its fix: a run over several targets or steps then reports it in its place instead of ending
 * there. Any other error is returned as it is.
 */
export function systemErrorAsStorage(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // File-system failures only: a socket's (ECONNRESET) is no storage error.
  const storage = typeof code === 'string' && (code === 'EIO' || SYSTEM_ERROR_FIXES.some(([codes]) => codes.includes(code)));
  if (error instanceof DatatrackError || !(error instanceof Error) || !storage) return error;
  return new StorageError(withSystemErrorFix(error.message.replace(/^Error: /, ''), code), code, error);
}
