// The generated PostgreSQL databases the benchmarks share: dt_bench_pg_<N>, created from the
// schema generator once and kept between runs (a 10,000-table schema takes a minute to create).
// Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 postgres, trust or PGPASSWORD).
import pg from 'pg';
import { generateSchema } from './generate-schema.mjs';

export const HOST = process.env.PGHOST ?? '127.0.0.1';
export const PORT = Number(process.env.PGPORT ?? 5432);
export const USER = process.env.PGUSER ?? 'postgres';
const MARK = 'datatrack bench schema v1';

export async function client(database) {
  const c = new pg.Client({ host: HOST, port: PORT, user: USER, database });
  await c.connect();
  return c;
}

export function databaseUrl(database) {
  return `postgresql://${USER}@${HOST}:${PORT}/${database}`;
}

/** Creates dt_bench_pg_<n> from the generator unless it already holds that schema; returns its name. */
export async function ensureDatabase(n) {
  const name = `dt_bench_pg_${n}`;
  const admin = await client('postgres');
  try {
    const { rows } = await admin.query('SELECT shobj_description(oid, $2) AS mark FROM pg_database WHERE datname = $1', [name, 'pg_database']);
    if (rows[0]?.mark === `${MARK} ${n}`) return name;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const db = await client(name);
  const started = performance.now();
  const { statements } = generateSchema({ dialect: 'postgres', tables: n });
  // Batches keep each transaction's lock count below max_locks_per_transaction.
  for (let i = 0; i < statements.length; i += 400) await db.query(`BEGIN; ${statements.slice(i, i + 400).join(';\n')}; COMMIT`);
  await db.query(`COMMENT ON DATABASE ${name} IS '${MARK} ${n}'`);
  await db.query('ANALYZE');
  await db.end();
  process.stderr.write(`created ${name} (${statements.length} statements) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return name;
}

/** Drops the databases of these sizes. */
export async function dropDatabases(sizes) {
  const admin = await client('postgres');
  for (const n of sizes) await admin.query(`DROP DATABASE IF EXISTS dt_bench_pg_${n} WITH (FORCE)`);
  await admin.end();
}
