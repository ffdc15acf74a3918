// A synthetic MySQL/MariaDB schema for benchmarks: `n` InnoDB tables of 8–20 mixed-type columns
// (enums among them), a primary key, foreign keys to earlier tables, 1–3 indexes (some composite or
// unique), a CHECK, a view per 25 tables and, with `sequences` (MariaDB only: MySQL has no CREATE
// SEQUENCE), a sequence per 25 tables. Deterministic for a given n and seed.
//
//   node bench/mysql-schema.mjs 1000 [--sequences] | mariadb -uroot -h127.0.0.1 some_database
/** A deterministic pseudo-random sequence (so every run builds the same schema). */
function random(seed) {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const TYPES = [
  ['int', () => 'int NOT NULL DEFAULT 0'],
  ['bigint', () => 'bigint NULL'],
  ['varchar', (r) => `varchar(${[20, 64, 255][Math.floor(r() * 3)]}) NOT NULL DEFAULT ''`],
  ['decimal', () => 'decimal(12,2) NOT NULL DEFAULT 0.00'],
  ['datetime', () => 'datetime NULL'],
  ['timestamp', () => 'timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()'],
  ['date', () => 'date NULL'],
  ['flag', () => 'tinyint(1) NOT NULL DEFAULT 0'],
  ['text', () => 'text NULL'],
  ['enum', () => "enum('new','paid','shipped','void') NOT NULL DEFAULT 'new'"],
  ['double', () => 'double NULL'],
  ['char', () => 'char(3) NULL COMMENT \'ISO code\''],
];

/** DDL for `n` tables of 8–20 mixed columns, a primary key, foreign keys to earlier tables, 1–3 indexes, a check; a view (and with `sequences` a sequence) per 25 tables. */
export function generateSchema(n, { seed = 42, sequences = false } = {}) {
  const r = random(seed);
  const out = [];
  const intColumns = [];
  for (let t = 1; t <= n; t++) {
    const name = `t${String(t).padStart(5, '0')}`;
    const count = 8 + Math.floor(r() * 13);
    const columns = ['  id bigint unsigned NOT NULL AUTO_INCREMENT'];
    const plain = [];
    for (let c = 1; c < count; c++) {
      const [kind, spell] = TYPES[Math.floor(r() * TYPES.length)];
      const column = `c${c}_${kind}`;
      columns.push(`  ${column} ${spell(r)}`);
      if (kind !== 'text') plain.push(column);
      if (kind === 'int') intColumns.push(column);
    }
    const keys = ['  PRIMARY KEY (id)'];
    const fks = t > 1 ? Math.floor(r() * 3) : 0;
    for (let f = 0; f < fks; f++) {
      const target = `t${String(1 + Math.floor(r() * (t - 1))).padStart(5, '0')}`;
      columns.push(`  ref${f}_id bigint unsigned NULL`);
      keys.push(`  CONSTRAINT fk_${name}_${f} FOREIGN KEY (ref${f}_id) REFERENCES ${target} (id) ON DELETE ${r() < 0.5 ? 'CASCADE' : 'SET NULL'}`);
    }
    const indexes = 1 + Math.floor(r() * 3);
    for (let i = 0; i < indexes && plain.length; i++) {
      const first = plain[Math.floor(r() * plain.length)];
      const second = plain[Math.floor(r() * plain.length)];
      const cols = r() < 0.3 && second !== first ? `${first}, ${second}` : first;
      keys.push(`  ${r() < 0.2 ? 'UNIQUE ' : ''}KEY ix_${name}_${i} (${cols.replace(/(c\d+_varchar)/g, '$1(20)').replace(/(c\d+_text)/g, '$1(20)')})`);
    }
    const checked = columns.find((c) => /c\d+_int /.test(c));
    if (checked) keys.push(`  CONSTRAINT ck_${name} CHECK (${checked.trim().split(' ')[0]} >= 0)`);
    out.push(`CREATE TABLE ${name} (\n${[...columns, ...keys].join(',\n')}\n) ENGINE=InnoDB COMMENT='generated table ${t}';`);
    if (t % 25 === 0) {
      const other = `t${String(Math.max(1, t - 10)).padStart(5, '0')}`;
      out.push(`CREATE VIEW v_${name} AS SELECT a.id, a.${plain[0] ?? 'id'} AS first_col, b.id AS other_id FROM ${name} a JOIN ${other} b ON b.id = a.id;`);
      if (sequences) out.push(`CREATE SEQUENCE s_${name} START WITH ${t} INCREMENT BY ${1 + (t % 3)} CACHE ${t % 2 ? 0 : 100};`);
    }
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${generateSchema(Number(process.argv[2] ?? 100), { sequences: process.argv.includes('--sequences') })}\n`);
}
