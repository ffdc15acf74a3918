// Progress for long work: on stderr, only on a TTY, only without --json, and only once the work
// has taken about a second (short runs stay quiet).
import type { Progress } from '../dialects/driver.js';

const QUIET_MS = 1000;

export function progressReporter(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): { report: Progress; done(): void } {
  if (!enabled || !stream.isTTY) return { report: () => {}, done: () => {} };
  const started = Date.now();
  let shown = false;
  return {
    report(phase, done, total) {
      if (Date.now() - started < QUIET_MS) return;
      const counts = done === undefined ? '' : total === undefined ? ` ${done}` : ` ${done}/${total}`;
      stream.write(`\r\u001b[2K${phase}${counts}…`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
