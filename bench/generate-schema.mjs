// A synthetic schema of N tables for benchmarks, the same shape in every dialect: 8–20 columns of
// mixed types, a primary key, foreign keys to earlier tables, 1–3 indexes, checks, defaults, enums,
// sequences and a view per twenty tables. Deterministic: the same N gives the same DDL.
//
//   node bench/generate-schema.mjs --dialect postgres|mysql|sqlite --tables N > schema.sql
//   import { generateSchema } from './generate-schema.mjs'  → { statements: string[] }

const TYPES = {
  postgres: {
    int: 'integer', big: 'bigint', str: (n) => `varchar(${n})`, text: 'text', num: (p, s) => `numeric(${p},${s})`,
    bool: 'boolean', date: 'date', time: 'timestamp with time zone', json: 'jsonb', uuid: 'uuid',
    now: 'now()', true: 'true',
  },
  mysql: {
    int: 'int', big: 'bigint', str: (n) => `varchar(${n})`, text: 'text', num: (p, s) => `decimal(${p},${s})`,
    bool: 'tinyint(1)', date: 'date', time: 'datetime', json: 'json', uuid: 'char(36)',
    now: 'CURRENT_TIMESTAMP', true: '1',
  },
  sqlite: {
    int: 'INTEGER', big: 'INTEGER', str: (n) => `VARCHAR(${n})`, text: 'TEXT', num: (p, s) => `NUMERIC(${p},${s})`,
    bool: 'BOOLEAN', date: 'DATE', time: 'TIMESTAMP', json: 'TEXT', uuid: 'TEXT',
    now: 'CURRENT_TIMESTAMP', true: '1',
  },
};

/** A small seeded PRNG (mulberry32), so every run and machine gets the same schema. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENUM_VALUES = ['new', 'active', 'paused', 'closed', 'archived'];

export function generateSchema({ dialect, tables }) {
  const t = TYPES[dialect];
  if (!t) throw new Error(`unknown dialect ${dialect} (postgres, mysql, sqlite)`);
  const rand = random(tables);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const statements = [];
  const enums = Math.max(1, Math.floor(tables / 50));
  const enumType = (i) => (dialect === 'postgres' ? `status_${i}` : dialect === 'mysql' ? `enum(${ENUM_VALUES.map((v) => `'${v}'`).join(',')})` : 'TEXT');
  if (dialect === 'postgres') {
    for (let i = 0; i < enums; i++) statements.push(`CREATE TYPE status_${i} AS ENUM (${ENUM_VALUES.map((v) => `'${v}'`).join(', ')})`);
    for (let i = 0; i < Math.max(1, Math.floor(tables / 25)); i++) statements.push(`CREATE SEQUENCE counter_${i} START ${i + 1} INCREMENT ${1 + (i % 3)}`);
  }
  const name = (i) => `t_${String(i).padStart(5, '0')}`;
  const columnKinds = [
    () => [t.int, ''],
    () => [t.big, ''],
    () => [t.str(pick([20, 64, 255])), ` DEFAULT ''`],
    () => [t.text, ''],
    () => [t.num(pick([10, 12, 18]), 2), ' DEFAULT 0'],
    () => [t.bool, ` DEFAULT ${t.true}`],
    () => [t.date, ''],
    () => [t.time, dialect === 'mysql' ? '' : ` DEFAULT ${t.now}`],
    () => [t.json, ''],
    () => [t.uuid, ''],
  ];
  for (let i = 1; i <= tables; i++) {
    const table = name(i);
    const columns = [`id ${t.big} NOT NULL`];
    const count = 8 + Math.floor(rand() * 13);
    const numeric = [];
    const plain = [];
    for (let c = 1; c < count; c++) {
      const column = `c${c}`;
      let [type, fallback] = pick(columnKinds)();
      if (c === 1) [type, fallback] = [enumType(i % enums), dialect === 'mysql' ? ` DEFAULT 'new'` : ` DEFAULT 'new'`];
      const notNull = rand() < 0.4 ? ' NOT NULL' : '';
      const withDefault = rand() < 0.5 ? fallback : '';
      columns.push(`${column} ${type}${notNull}${withDefault}`);
      if (type.startsWith('numeric') || type.startsWith('decimal') || type.startsWith('NUMERIC')) numeric.push(column);
      if (type !== t.text && type !== t.json) plain.push(column);
    }
    const fks = i > 1 ? Math.floor(rand() * 3) : 0;
    const constraints = [`CONSTRAINT ${table}_pkey PRIMARY KEY (id)`];
    for (let f = 0; f < fks; f++) {
      const target = name(1 + Math.floor(rand() * (i - 1)));
      columns.push(`${target}_id${f} ${t.big}`);
      constraints.push(`CONSTRAINT ${table}_fk${f} FOREIGN KEY (${target}_id${f}) REFERENCES ${target} (id)${rand() < 0.3 ? ' ON DELETE CASCADE' : ''}`);
    }
    if (numeric.length && rand() < 0.5) constraints.push(`CONSTRAINT ${table}_${numeric[0]}_check CHECK (${numeric[0]} >= 0)`);
    statements.push(`CREATE TABLE ${table} (\n  ${[...columns, ...constraints].join(',\n  ')}\n)`);
    const indexes = 1 + Math.floor(rand() * 3);
    for (let x = 0; x < indexes && plain.length; x++) {
      const keys = [pick(plain), ...(rand() < 0.3 ? [pick(plain)] : [])].filter((k, n, all) => all.indexOf(k) === n);
      const unique = x === 0 && rand() < 0.2 ? 'UNIQUE ' : '';
      statements.push(`CREATE ${unique}INDEX ${table}_ix${x} ON ${table} (${keys.join(', ')})`);
    }
    if (i % 20 === 0) statements.push(`CREATE VIEW ${table}_v AS SELECT id, ${plain.slice(0, 3).join(', ') || 'id AS id2'} FROM ${table} WHERE id > 0`);
  }
  return { statements };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (flag, fallback) => {
    const at = process.argv.indexOf(flag);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const { statements } = generateSchema({ dialect: arg('--dialect', 'postgres'), tables: Number(arg('--tables', '100')) });
  process.stdout.write(statements.map((s) => `${s};\n`).join(''));
}
