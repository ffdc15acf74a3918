// Loading the PostgreSQL connection module: pg's check for a Cloudflare Worker must not pull in
// Node's fetch implementation (undici) on every run, and must leave no global behind.
import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

test('loading pg neither loads undici nor leaves a navigator global', () => {
  const module = new URL('../../../src/dialects/postgres/connection.js', import.meta.url).href;
  const script = `
    const before = 'navigator' in globalThis;
    const { connectPlan } = await import(${JSON.stringify(module)});
    console.log(JSON.stringify({
      loaded: typeof connectPlan,
      navigatorKept: ('navigator' in globalThis) === before,
      undici: process.moduleLoadList.some((name) => name.includes('undici')),
    }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(JSON.parse(output), { loaded: 'function', navigatorKept: true, undici: false });
});

test.run();
