// pipeline run --all over three targets, one per engine (PostgreSQL, MariaDB, SQLite) in one repository.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git, repoWithSqlite, run } from '../helpers/cli.js';
import { createDatabase, dropDatabases, execSql, pgUrl, postgresUp } from '../helpers/postgres.js';
import { freshDatabase, mysqlTest, mysqlUrl } from '../helpers/mysql.js';

// mysqlTest is `test` when MariaDB answers (the helper prints SKIP, or fails under CI, when not).
const bothUp = (await postgresUp()) && (mysqlTest as unknown) === test ? test : (test.skip as unknown as typeof test);

bothUp('pipeline run --all: PostgreSQL, MariaDB and SQLite targets, three refs advanced, one summary, exit code by policy', async () => {
  const { dir } = repoWithSqlite('CREATE TABLE lite (id INTEGER PRIMARY KEY)');
  writeFileSync(join(dir, 'schema_rules.yaml'), 'rules:\n  enforce_snake_case: true\n');
  const pgDb = await createDatabase('pipeline');
  await execSql(pgDb, 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2))');
  const myDb = await freshDatabase('pipeline', 'CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(255))');
  try {
    assert.is(run(['connect', pgUrl(pgDb), '--name', 'pg'], dir).code, 0);
    assert.is(run(['connect', mysqlUrl(myDb), '--name', 'maria'], dir).code, 0);
    const first = run(['pipeline', 'run', '--all', '--json'], dir);
    const result = JSON.parse(first.stdout) as { targets: { target: string; exitCode: number; steps: { step: string; status: string }[] }[]; exitCode: number };
    assert.is(first.code, 0, first.stdout);
    assert.equal(result.targets.map((t) => t.target).sort(), ['default', 'maria', 'pg']);
    for (const target of ['default', 'maria', 'pg']) assert.is(git(dir, 'rev-list', '--count', `refs/datatrack/${target}`).trim(), '1');
    // a breaking change on one engine fails the run (policy default: diff fails on breaking)
    await execSql(pgDb, 'ALTER TABLE orders DROP COLUMN total');
    const second = run(['pipeline', 'run', '--all'], dir);
    assert.is(second.code, 1);
    assert.match(second.stdout, /pg\n {2}snapshot +ok .*\n(?:.*\n)*? {2}diff +failed +1 change: 1 breaking/);
    assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/pg').trim(), '2');
    assert.is(git(dir, 'rev-list', '--count', 'refs/datatrack/maria').trim(), '1');
  } finally {
    await dropDatabases();
  }
});

test.run();
