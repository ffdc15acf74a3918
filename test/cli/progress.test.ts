// Progress goes to a terminal only, and only once work has run about a second; pipes and --json stay clean.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clearProgress, progressReporter } from '../../src/cli/progress.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const fake = { isTTY, text: '', write(chunk: string) { fake.text += chunk; return true; } };
  return fake as unknown as NodeJS.WriteStream & { text: string };
}

test('on a terminal: quiet for the first second, then phases with counts, erased at the end', async () => {
  const tty = stream(true);
  const progress = progressReporter(true, tty);
  progress.report('reading catalog', 1, 11);
  assert.is(tty.text, '');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  progress.report('reading catalog', 2, 11);
  progress.report('writing snapshot', 4500);
  progress.report('writing', 4500);
  progress.done();
  // No escape sequence (a terminal without them prints it): a shorter line is padded over the longer.
  assert.is(tty.text, `\rreading catalog 2/11…\rwriting snapshot 4500…\rwriting 4500…${' '.repeat(9)}\r${' '.repeat(13)}\r`);
});

test('a line on screen when a signal ends the run is cleared first (clearProgress), and only once', async () => {
  const tty = stream(true);
  const progress = progressReporter(true, tty);
  await new Promise((resolve) => setTimeout(resolve, 1050));
  progress.report('writing snapshot', 8003);
  clearProgress();
  progress.done();
  assert.is(tty.text, `\rwriting snapshot 8003…\r${' '.repeat(22)}\r`);
});

test('nothing on a pipe, nothing under --json', async () => {
  for (const [enabled, isTTY] of [[true, false], [false, true]] as const) {
    const out = stream(isTTY);
    const progress = progressReporter(enabled, out);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    progress.report('reading catalog', 3, 11);
    progress.done();
    assert.is(out.text, '');
  }
});

test.run();
