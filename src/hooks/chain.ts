// Running the hook that was in place before ours (kept beside it by `hooks install`) after ours
// passed, as git would have run it: only when executable, with git's arguments, and with the
// stdin git gave (which our hook already read, under its timeout, and hands on).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs the chained hook and returns its exit code (0 when there is none to run, as git skips it). */
export function runChainedHook(path: string, args: string[], input: string | undefined): number {
  if (!executable(path)) return 0;
  const result = spawnSync(path, args, { stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'], input });
  // A hook that exits without reading its stdin (most pre-push hooks never do) closes the pipe
  // before all of it is written: git ignores that on the hook's stdin and takes its exit status, as here.
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'EPIPE') {
    process.stderr.write(`datatrack: could not run the chained hook ${path}: ${result.error.message}\n`);
    return 1;
  }
  return result.status ?? 1;
}
