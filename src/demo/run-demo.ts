// The README's first quick-start command: the main job end to end on a bundled sample SQLite
// database in a scratch git repository, each step run through the real CLI and echoed.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { compiledFile, packageFile } from '../util/package-files.js';
import { makeScratchDirectory } from '../util/scratch-directory.js';

const BIN = packageFile('bin', 'datatrack');
const sql = (name: string) => readFileSync(compiledFile('demo', name), 'utf8');

/** A command line as a shell would need it typed: words with spaces or quotes single-quoted, so the transcript can be pasted. */
export function shellWords(words: string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export const DEMO_STEPS: string[][] = [
  ['init'],
  ['connect', 'sqlite:///shop.db'],
  ['snapshot'],
  ['--change--'],
  ['snapshot', '-m', 'customers get a phone number'],
  ['diff'],
  ['lint'],
  ['verify'],
  ['history'],
  ['history', 'main.customers'],
  ['show', 'main.customers'],
  ['export'],
  ['export', '--format', 'markdown'],
  ['export', '--type', 'diff', '--format', 'markdown'],
];

/** Steps whose exit 1 reports findings (the demo's change breaks a house rule on purpose), not failure. */
const FINDINGS_STEPS = new Set(['lint', 'verify', 'diff']);

export interface DemoResult {
  directory: string;
  failed: string | undefined;
}

/** The caller's environment without what would point the demo's target at a real database. */
function demoEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && !/^DATATRACK_.+_URL$/.test(key)));
  return { ...env, NO_COLOR: '1' };
}

export function runDemo(write: (text: string) => void, directory = makeScratchDirectory('datatrack-demo-', "the demo's scratch directory")): DemoResult {
  write(`scratch repository: ${directory}\n`);
  const db = new Database(join(directory, 'shop.db'));
  db.exec(sql('sample.sql'));
  db.close();
  for (const step of DEMO_STEPS) {
    if (step[0] === '--change--') {
      write(`\n$ sqlite3 shop.db < change.sql   # add a column and an index, drop a view, add a table\n`);
      // beside the database, so that the transcript's line runs as shown
      writeFileSync(join(directory, 'change.sql'), sql('change.sql'));
      const change = new Database(join(directory, 'shop.db'));
      change.exec(sql('change.sql'));
      change.close();
      continue;
    }
    write(`\n$ datatrack ${shellWords(step)}\n`);
    const result = spawnSync(process.execPath, [BIN, ...step], { cwd: directory, encoding: 'utf8', env: demoEnvironment() });
    write(result.stdout + result.stderr);
    const findings = result.status === 1 && FINDINGS_STEPS.has(step[0]!);
    if (findings) write(`(exit 1: findings to act on, as a CI job would see them)\n`);
    else if (result.status !== 0) return { directory, failed: `datatrack ${shellWords(step)} exited ${result.status}` };
  }
  write(`\nEverything above is in git: try  git -C ${directory} log --stat refs/datatrack/default\n`);
  return { directory, failed: undefined };
}
