// A synthetic schema model of N tables (8–20 mixed columns, PK, FKs, 1–3 indexes, checks), for
// benchmarks that measure storage, diff and rules without a database.
const TYPES = ['integer', 'bigint', 'text', 'character varying(255)', 'numeric(12,2)', 'boolean', 'timestamp with time zone', 'date', 'jsonb', 'uuid'];

/** `prefix`: what every table's name starts with (a long one makes 10,000 names alike but for their ends). */
export function syntheticSnapshot(tables, { seed = 1, dialect = 'postgres', variant = 0, prefix = 'table_' } = {}) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const objects = [];
  for (let t = 0; t < tables; t++) {
    const name = `${prefix}${String(t).padStart(5, '0')}`;
    const count = 8 + Math.floor(random() * 13);
    const columns = [{ name: 'id', type: 'bigint', nullable: false, identity: 'always' }];
    for (let c = 1; c < count; c++) {
      const column = { name: `col_${c}_${TYPES[c % TYPES.length].split(/[ (]/)[0]}`, type: TYPES[Math.floor(random() * TYPES.length)], nullable: random() < 0.6 };
      if (random() < 0.15) column.default = "'x'::text";
      if (random() < 0.1) column.comment = `Column ${c} of ${name}`;
      columns.push(column);
    }
    if (variant && t % Math.max(1, Math.floor(tables / 10)) === 0) columns.push({ name: `added_v${variant}`, type: 'text', nullable: true });
    const table = { kind: 'table', schema: 'public', name, columns, primary_key: { name: `${name}_pkey`, columns: ['id'] } };
    if (t > 0) {
      const target = `${prefix}${String(Math.floor(random() * t)).padStart(5, '0')}`;
      columns.push({ name: 'parent_id', type: 'bigint', nullable: true });
      table.foreign_keys = [{ name: `${name}_parent_id_fkey`, columns: ['parent_id'], references: { schema: 'public', table: target, columns: ['id'] }, on_update: 'no action', on_delete: 'cascade' }];
    }
    table.indexes = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      name: `${name}_idx_${i}`, columns: [columns[1 + i].name], unique: i === 0 && random() < 0.3, method: 'btree',
      definition: `CREATE INDEX ${name}_idx_${i} ON public.${name} USING btree (${columns[1 + i].name})`,
    }));
    table.checks = [{ name: `${name}_check`, expression: `CHECK ((${columns[1].name} IS NOT NULL))` }];
    objects.push(table);
  }
  return { meta: { format: 1, dialect, server: '15.19', database: 'bench' }, schemas: [{ name: 'public' }], objects };
}
