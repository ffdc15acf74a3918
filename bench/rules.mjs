// lint and verify on a 10,000-table snapshot read from git, whole CLI (node bin/datatrack, as a user
// runs it), and in changed-only mode after a 10-table change; then both in one process, as the
// pre-commit hook (and pipeline run) runs them on one read of the snapshot. No database: the model
// is built here and written with writeSnapshot into a temporary repository.
// Then the output formats' peak RSS on the schema generator's 10,000 SQLite tables (~117,000
// findings: SQLite's foreign keys come without an index, its types are generic), and --changed
// after a new table with an unindexed foreign key (its hint's index name must be free in the schema).
//   npm run build && node bench/rules.mjs [tables]      (figures go to bench/RESULTS-rules.md by hand)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { datatrack, generatedSqliteRepo, median } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { normalizeSnapshot } = await import(join(root, 'dist/src/model/canonical.js'));
const { openRepository } = await import(join(root, 'dist/src/store/repository.js'));
const { writeSnapshot } = await import(join(root, 'dist/src/store/write-snapshot.js'));

const TABLES = Number(process.argv[2] ?? 10_000);
const RUNS = 5;

/** A plausible table: key, a foreign key with its index, a few typed columns, a unique key, a comment. */
function table(i, variant = 0) {
  const name = `table_${String(i).padStart(5, '0')}`;
  const parent = `table_${String(Math.max(0, i - 1)).padStart(5, '0')}`;
  return {
    kind: 'table',
    schema: 'public',
    name,
    comment: `Table number ${i}`,
    columns: [
      { name: 'id', type: 'bigint', nullable: false, identity: 'always' },
      { name: 'parent_id', type: 'bigint', nullable: true },
      { name: 'code', type: 'character varying(40)', nullable: false },
      { name: 'title', type: 'text', nullable: true },
      { name: 'amount', type: variant ? 'double precision' : 'numeric(12,2)', nullable: true },
      { name: 'status', type: 'character varying(20)', nullable: false, default: "'new'::character varying" },
      { name: 'created_at', type: 'timestamp with time zone', nullable: false, default: 'now()' },
      { name: 'updated_at', type: variant ? 'timestamp without time zone' : 'timestamp with time zone', nullable: true },
    ],
    primary_key: { name: `${name}_pkey`, columns: ['id'] },
    foreign_keys: [{ name: `${name}_parent_fk`, columns: ['parent_id'], references: { schema: 'public', table: parent, columns: ['id'] }, on_delete: 'cascade' }],
    unique_constraints: [{ name: `${name}_code_key`, columns: ['code'] }],
    indexes: [
      { name: `${name}_parent_idx`, columns: ['parent_id'], unique: false, method: 'btree' },
      { name: `${name}_created_idx`, columns: ['created_at'], unique: false, method: 'btree' },
    ],
  };
}

async function commit(repo, objects) {
  const snapshot = normalizeSnapshot({ meta: { format: 1, dialect: 'postgres', server: '15.20', database: 'bench' }, schemas: [{ name: 'public' }], objects });
  return writeSnapshot({ repo, target: 'default', snapshot });
}

// CPU time (user + sys, from GNU time when present) varies less than wall time on a busy machine.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function time(args, cwd) {
  const times = [];
  const cpu = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const command = [process.execPath, join(root, 'bin/datatrack'), ...args];
    const start = process.hrtime.bigint();
    last = GNU_TIME
      ? spawnSync(GNU_TIME, ['-f', 'cpu %U %S', ...command], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (last.status !== 0 && last.status !== 1) throw new Error(`datatrack ${args.join(' ')}: ${last.stderr}`);
    const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(last.stderr);
    if (used) cpu.push((Number(used[1]) + Number(used[2])) * 1000);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const report = args.includes('--json') ? JSON.parse(last.stdout) : undefined;
  return { median: median(times), min: Math.min(...times), cpu: cpu.length ? median(cpu) : undefined, findings: report?.findings.length };
}

const dir = mkdtempSync(join(tmpdir(), 'dt-bench-rules-'));
try {
  execFileSync('git', ['init', '--quiet', dir]);
  writeFileSync(
    join(dir, 'schema_rules.yaml'),
    [
      'rules: {enforce_snake_case: true, max_name_length: 30, ambiguous_names: [data, value, info], reserved_keywords: [select, from, table, order]}',
      'house_rules:',
      '  - {id: audit, select: {kind: table, name: "table_*"}, assert: {required_columns: [{name: created_at, type: "timestamp with*"}], primary_key: true, comment: true}}',
      '  - {id: index-names, select: {kind: index}, assert: {name_template: "{table}_*_idx"}}',
      '  - {id: money, select: {kind: column, name: "/(amount|price)$/"}, assert: {forbidden_types: ["double*", real]}}',
      '',
    ].join('\n'),
  );
  const repo = openRepository(dir);
  const objects = Array.from({ length: TABLES }, (_, i) => table(i));
  let start = process.hrtime.bigint();
  await commit(repo, objects);
  const writeMs = Number(process.hrtime.bigint() - start) / 1e6;
  // 10 tables change: they gain a float amount and a zone-less timestamp
  for (let i = 0; i < 10; i++) objects[i * Math.floor(TABLES / 10)] = table(i * Math.floor(TABLES / 10), 1);
  await commit(repo, objects);

  const read = spawnSync(process.execPath, ['-e', `
    const { openRepository } = await import(${JSON.stringify(join(root, 'dist/src/store/repository.js'))});
    const { readSnapshot } = await import(${JSON.stringify(join(root, 'dist/src/store/read-snapshot.js'))});
    const { readRef } = await import(${JSON.stringify(join(root, 'dist/src/store/refs.js'))});
    const repo = openRepository(process.cwd());
    const t = performance.now();
    await readSnapshot(repo.objects, readRef(repo.commonDir, 'refs/datatrack/default'));
    console.log(performance.now() - t);
  `, '--input-type=module'], { cwd: dir, encoding: 'utf8' });
  const rows = [
    ['node -e 0 (start-up floor)', (() => { const t = process.hrtime.bigint(); spawnSync(process.execPath, ['-e', '0']); return { median: Number(process.hrtime.bigint() - t) / 1e6 }; })()],
    ['readSnapshot alone (in process, no start-up)', { median: Number(read.stdout.trim()) }],
    ['lint (whole snapshot)', time(['lint', '--json'], dir)],
    ['verify (whole snapshot)', time(['verify', '--json'], dir)],
    ['lint --format sarif (whole snapshot)', time(['lint', '--format', 'sarif'], dir)],
    ['lint --changed (10 tables changed)', time(['lint', '--changed', '--json'], dir)],
    ['verify --changed (10 tables changed)', time(['verify', '--changed', '--json'], dir)],
    // exit 1: the 10 changed tables break the money rule, an error, so the hook blocks
    ['hook pre-commit (lint + verify, one read)', time(['hook', 'pre-commit'], dir)],
  ];
  console.log(`${TABLES} tables (${objects.length} objects), snapshot written in ${writeMs.toFixed(0)} ms; median of ${RUNS} runs`);
  console.log('| run | wall median ms | wall min ms | CPU median ms | findings |\n|---|---|---|---|---|');
  for (const [label, r] of rows) console.log(`| ${label} | ${r.median.toFixed(0)} | ${r.min?.toFixed(0) ?? ''} | ${r.cpu?.toFixed(0) ?? ''} | ${r.findings ?? ''} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

{
  const dir = generatedSqliteRepo(TABLES);
  try {
    const runs = Math.min(RUNS, 3);
    const measure = (label, args, statuses) => {
      const times = Array.from({ length: runs }, () => datatrack(args, dir, {}, statuses));
      return [label, median(times.map((t) => t.seconds)).toFixed(2), Math.max(...times.map((t) => t.rssMb)).toFixed(0), (times[0].stdout.length / 1e6).toFixed(1)];
    };
    const rows = [
      measure('lint (text)', ['lint']),
      measure('lint --json', ['lint', '--json']),
      measure('lint --format json', ['lint', '--format', 'json']),
      measure('lint --format sarif', ['lint', '--format', 'sarif']),
      // exit 1: the default Python rules find snake_case and generic-type errors
      measure('verify --format sarif', ['verify', '--format', 'sarif'], [0, 1]),
    ];
    const db = new Database(join(dir, 'bench.db'));
    db.exec('CREATE TABLE t_new (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES t_00042(id))');
    db.close();
    datatrack(['snapshot'], dir);
    rows.push(measure('lint --changed (a new table, its foreign key unindexed)', ['lint', '--changed']));
    console.log(`\n${TABLES} generated SQLite tables (bench/generate-schema.mjs); median of ${runs} runs, stdout read through a pipe`);
    console.log('| run | wall median s | peak RSS MB | output MB |\n|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
