// Runs every compiled test file (dist/test/**/*.test.js) in its own process, a few at a time,
// and ends with one line: `N passed, N failed` (`, N skipped` when any were skipped).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const testRoot = join(root, 'dist', 'test');
const filter = process.argv.slice(2);

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'stress' && !process.env.DATATRACK_STRESS ? [] : find(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

// The largest files first (size stands for how long a file runs): a long file started last would
// run alone on one core at the end while the others idle.
const files = find(testRoot)
  .filter((f) => filter.length === 0 || filter.some((pattern) => f.includes(pattern)))
  .map((f) => [f, statSync(f).size])
  .sort(([a, sizeA], [b, sizeB]) => sizeB - sizeA || (a < b ? -1 : 1))
  .map(([f]) => f);
const totals = { passed: 0, failed: 0, skipped: 0 };
// Two files more than there are cores (four at most): test files wait on database servers, git,
// the CLI processes they start and their timeouts; on two cores two files at a time left a third
// of the CPU idle, and four ran the suite in 672 s where three took about 720.
const concurrency = Number(process.env.TEST_CONCURRENCY ?? Math.max(2, Math.min(4, availableParallelism() + 2)));
// 0, NaN or a fraction would start no worker, and a run of no test would pass.
if (!Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write(`test/run.mjs: TEST_CONCURRENCY must be a whole number above 0, not ${JSON.stringify(process.env.TEST_CONCURRENCY)}\n`);
  process.exit(2);
}

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), Number(process.env.TEST_FILE_TIMEOUT_MS ?? 300_000));
    child.on('close', (code) => {
      clearTimeout(timer);
      const number = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(output)?.[1] ?? NaN);
      let total = number('Total');
      let passed = number('Passed');
      let skipped = number('Skipped');
      if (Number.isNaN(total)) [total, passed, skipped] = [1, 0, 0]; // crashed before reporting
      // uvu's Total counts the tests that ran; skipped ones (test.skip) are reported beside it.
      const failed = total - passed || (code === 0 ? 0 : 1);
      resolve({ file, code, output, passed, failed, skipped, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const queue = [...files];
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const result = await runFile(file);
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    const name = relative(testRoot, file);
    const status = result.failed ? 'FAIL' : 'ok  ';
    console.log(`${status} ${name}  (${result.passed} passed${result.skipped ? `, ${result.skipped} skipped` : ''}${result.failed ? `, ${result.failed} failed` : ''})  ${result.seconds.toFixed(1)}s`);
    if (result.failed) console.log(result.output.replace(/^/gm, '    '));
    else for (const line of result.output.split('\n').filter((l) => l.startsWith('SKIP '))) console.log(`     ${line}`);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed ? 1 : 0;
