// From the process's start until a command installs its own handlers (base-command's init), module
// loading takes a few tenths of a second, in which Node's default for SIGINT and SIGTERM ended the
// process silently: no line for a person, no document for a --json reader. Nothing is written yet
// then, so the process may end at once; it is said as the command's own handler says it.
const SIGNALS = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
] as const;

const installed: Array<[NodeJS.Signals, () => void]> = [];

/** The one-line message and the --json document of an interrupt, as every command says it. */
export function interruptReport(signal: (typeof SIGNALS)[number][0]): { message: string; exitCode: number } {
  return { message: `interrupted (${signal})`, exitCode: 128 + SIGNALS.find(([name]) => name === signal)![1] };
}

export function installEarlyInterruptHandlers(argv: string[]): void {
  for (const [signal] of SIGNALS) {
    const handler = () => {
      const { message, exitCode } = interruptReport(signal);
      if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERRUPTED', message, exitCode } }, null, 2)}\n`);
      else process.stderr.write(`datatrack: ${message}\n`);
      process.exit(exitCode);
    };
    process.once(signal, handler);
    installed.push([signal, handler]);
  }
}

/** Called once a command's own handlers take over. */
export function dropEarlyInterruptHandlers(): void {
  for (const [signal, handler] of installed.splice(0)) process.removeListener(signal, handler);
}
