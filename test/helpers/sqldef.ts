// sqldef's current/desired cases (test/fixtures/sqldef, see PROVENANCE.md there).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '#yaml';
import { FIXTURES } from './cli.js';

export interface SqldefCase {
  file: string;
  name: string;
  current?: string;
  desired?: string;
  /** The DDL sqldef emits for current → desired; '' when they are equivalent. */
  up?: string;
  error?: string;
  enable_drop?: boolean;
  flavor?: string;
  min_version?: string;
  max_version?: string;
  offline?: boolean;
}

export function sqldefCases(tool: 'sqlite3def' | 'mysqldef' | 'psqldef'): SqldefCase[] {
  const dir = join(FIXTURES, 'sqldef', tool);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .flatMap((file) => Object.entries(parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Omit<SqldefCase, 'file' | 'name'>>).map(([name, c]) => ({ file, name, ...c })));
}
