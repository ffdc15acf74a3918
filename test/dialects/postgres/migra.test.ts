// migra's fixture suite as ground truth for PostgreSQL: each case's a.sql and b.sql are loaded into
// two fresh databases, both are snapshotted through the PostgreSQL dialect, and the diff must report
// every change that expected.sql performs (test/fixtures/migra/<case>.yaml) and nothing that is not
// in the schemas' real difference. Both snapshots are also committed (one repository for all cases)
// and diffed from git, which must agree with the in-memory diff: the canonical YAML's write and read
// are part of the acceptance. Skips while the dialect is missing, or the server is down (unless
// CI=true).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { diff } from '../../../src/api/diff.js';
import type { Change, ModelChange } from '../../../src/diff/change.js';
import { impactOf, type DiffContext } from '../../../src/diff/impact.js';
import { diffSnapshots } from '../../../src/diff/model-diff.js';
import { applyScope } from '../../../src/snapshot/scope.js';
import { FIXTURES, newRepo } from '../../helpers/cli.js';
import { checkChanges, loadExpected } from '../../helpers/expected-changes.js';
import { liveDriver } from '../../helpers/live-driver.js';
import { commitSnapshots, typesBeside } from '../../helpers/models.js';

const DIR = join(FIXTURES, 'migra');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
const SERVER = { host: '127.0.0.1', port: 5432, user: 'postgres' };

test('the fixtures are well-formed: 26 cases, each with its SQL and a valid list of changes', () => {
  assert.is(CASES.length, 26);
  for (const name of CASES) {
    const expected = loadExpected(join(DIR, `${name}.yaml`));
    for (const file of ['a.sql', 'b.sql', 'expected.sql']) assert.ok(existsSync(join(DIR, name, file)), `${name}/${file}`);
    if (!expected.skip) assert.ok((expected.changes ?? []).length > 0, `${name} lists its changes`);
  }
});

test('the matcher: required entries with alternatives, optional ones, any attribute when none is named', () => {
  const expected = { changes: [['add', 'table', 'public.t'], { one_of: [['remove', 'index', 'public.t.a'], ['rename', 'index', 'public.t.b']] }], optional: [['modify', 'column', 'public.t.c']] } as const;
  const check = (reported: { action: string; kind: string; object: string; attribute?: string }[]) => checkChanges(expected as never, reported);
  assert.equal(check([{ action: 'add', kind: 'table', object: 'public.t' }, { action: 'rename', kind: 'index', object: 'public.t.b' }, { action: 'modify', kind: 'column', object: 'public.t.c', attribute: 'type' }]), { missing: [], unexpected: [] });
  assert.equal(check([{ action: 'add', kind: 'table', object: 'public.u' }]), {
    missing: ['add table public.t', 'remove index public.t.a | rename index public.t.b'],
    unexpected: ['add table public.u'],
  });
});

const driver = await liveDriver('postgres', 'migra', `PostgreSQL at ${SERVER.host}:${SERVER.port}`, async () => {
  const client = new pg.Client({ ...SERVER, database: 'postgres', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query('DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$');
  } finally {
    await client.end();
  }
});

async function withDatabase<T>(name: string, sql: string, use: (database: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ ...SERVER, database: 'postgres' });
  await admin.connect();
  try {
    const quoted = admin.escapeIdentifier(name);
    await admin.query(`DROP DATABASE IF EXISTS ${quoted}`);
    await admin.query(`CREATE DATABASE ${quoted}`);
    const client = new pg.Client({ ...SERVER, database: name });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return await use(name);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  }
}

let repo: string | undefined;

/** A change as the JSON contract has it (an in-memory one with its default impact); absent keys dropped. */
function contract(change: Change | ModelChange, types?: Pick<DiffContext, 'typeBefore' | 'typeAfter' | 'domainColumnsAfter'>): object {
  const { action, kind, object, attribute, from, to, hint, path } = change;
  const impact = 'impact' in change ? change.impact : impactOf(change, 'postgres', new Map(), { changes: [change], ...types });
  return JSON.parse(JSON.stringify({ action, kind, object, attribute, from, to, impact, hint, path })) as object;
}

for (const name of CASES) {
  const expected = loadExpected(join(DIR, `${name}.yaml`));
  (driver && !expected.skip ? test : test.skip)(`migra ${name}`, async () => {
    const snapshotOf = (side: 'a' | 'b') =>
      withDatabase(`dt_migra_${name}_${side}_${process.pid}`, readFileSync(join(DIR, name, `${side}.sql`), 'utf8'), async (database) => {
        const spec = { dialect: 'postgres' as const, database, ...SERVER, options: {}, ...expected.scope };
        return applyScope((await driver!.introspect(spec, {})).snapshot, spec);
      });
    const [a, b] = [await snapshotOf('a'), await snapshotOf('b')];
    const changes = diffSnapshots(a, b);
    const { missing, unexpected } = checkChanges(expected, changes);
    assert.equal({ missing, unexpected }, { missing: [], unexpected: [] }, `${name}: reported\n${changes.map((c) => `  ${c.action} ${c.kind} ${c.object} ${c.attribute ?? ''}`).join('\n')}`);
    repo ??= newRepo();
    const commits = await commitSnapshots(repo, `migra-${name}`, [a, b]);
    // The diff from git reads the user types of changed columns (an enum into text keeps its values; a NOT NULL domain refuses NULL).
    const types = typesBeside(a, b);
    assert.equal((await diff({ cwd: repo, revisions: commits })).changes.map((c) => contract(c)), changes.map((c) => contract(c, types)), `${name}: from git`);
  });
}

test.run();
