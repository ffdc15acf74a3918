// The README's first quick-start command (`npm run demo`) must keep working end to end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO_STEPS, shellWords } from '../../src/demo/run-demo.js';
import { git, run, tempDir } from '../helpers/cli.js';

test('the demo runs every step of the main job and leaves a readable history, whatever database URL the environment names', () => {
  const cwd = tempDir();
  const result = run(['demo'], cwd, { TMPDIR: cwd, DATATRACK_DEFAULT_URL: 'postgresql://nobody@127.0.0.1:1/elsewhere', DATABASE_URL: 'mysql://nobody@127.0.0.1:1/elsewhere' });
  assert.is(result.code, 0, result.stderr + result.stdout);
  for (const step of DEMO_STEPS.filter((s) => s[0] !== '--change--')) assert.ok(result.stdout.includes(`$ datatrack ${shellWords(step)}\n`), step.join(' '));
  assert.match(result.stdout, /\$ datatrack snapshot -m 'customers get a phone number'\n/);
  const directory = /scratch repository: (\S+)/.exec(result.stdout)?.[1];
  assert.ok(directory?.startsWith(cwd), result.stdout);
  const subjects = git(directory!, 'log', '--format=%s', 'refs/datatrack/default').trim().split('\n');
  assert.is(subjects.length, 2);
  assert.match(subjects[0]!, /^snapshot default: \d+ tables \(\+\d+ ~\d+ -\d+\)/);
  assert.match(result.stdout, /\.databases\/exports\/shop\/latest_snapshot\.yaml/);
  // the transcript's change line runs as shown: its file is there
  assert.match(result.stdout, /\$ sqlite3 shop\.db < change\.sql/);
  assert.match(readFileSync(join(directory!, 'change.sql'), 'utf8'), /ALTER TABLE/i);
});

test.run();
