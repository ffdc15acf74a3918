// Progress for long work: on stderr, only on a TTY, only without --json, and only once the work
// has taken about a second (short runs stay quiet).
import type { Progress } from '../dialects/driver.js';
import { displayWidth } from '../util/display-width.js';

const QUIET_MS = 1000;

/** Clears the progress line on screen, if any: what a signal's message, written in its place, calls first. */
let clearShown: () => void = () => {};

export function clearProgress(): void {
  clearShown();
}

export function progressReporter(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): { report: Progress; done(): void } {
  if (!enabled || !stream.isTTY) return { report: () => {}, done: () => {} };
  const started = Date.now();
  // Each line overwrites the last with spaces where it is shorter, rather than an erase-line
  // escape, which a terminal without escapes (TERM=dumb, an editor's shell) prints as text.
  let shown = 0;
  const done = () => {
    if (shown) stream.write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  clearShown = done;
  return {
    report(phase, count, total) {
      if (Date.now() - started < QUIET_MS) return;
      const counts = count === undefined ? '' : total === undefined ? ` ${count}` : ` ${count}/${total}`;
      const line = `${phase}${counts}…`;
      const width = displayWidth(line);
      stream.write(`\r${line}${' '.repeat(Math.max(0, shown - width))}`);
      shown = width;
    },
    done,
  };
}
