// The test runner itself (test/run.mjs): a concurrency it cannot use is refused, never a run of no test.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const RUNNER = join(process.cwd(), 'test/run.mjs');
const runner = (concurrency: string) =>
  spawnSync(process.execPath, [RUNNER, 'no-test-file-has-this-name'], { encoding: 'utf8', env: { ...process.env, TEST_CONCURRENCY: concurrency } });

test('TEST_CONCURRENCY that is not a whole number above 0 is refused (exit 2), not a run of no workers that passes', () => {
  for (const bad of ['0', '', 'four', '-1', '2.5']) {
    const result = runner(bad);
    assert.is(result.status, 2, `${JSON.stringify(bad)}: ${result.stdout}${result.stderr}`);
    assert.is(result.stderr, `test/run.mjs: TEST_CONCURRENCY must be a whole number above 0, not ${JSON.stringify(bad)}\n`);
  }
  const fine = runner('3');
  assert.is(fine.status, 0, fine.stderr);
  assert.is(fine.stdout, '0 passed, 0 failed\n');
});

test('every test file runs its suite last: uvu leaves a test registered after .run() out without a word', () => {
  const files = (readdirSync('test', { recursive: true }) as string[]).filter((name) => name.endsWith('.test.ts'));
  assert.ok(files.length > 50, `${files.length} test files`);
  const late = files.filter((name) => {
    const lines = readFileSync(join('test', name), 'utf8').split('\n').filter((line) => line.trim() !== '');
    const run = lines.findIndex((line) => /^\w+\.run\(\);$/.test(line));
    return run < 0 || lines.slice(run + 1).some((line) => /^\w+\.run\(\);$/.test(line) === false);
  });
  assert.equal(late, []);
});

test.run();
