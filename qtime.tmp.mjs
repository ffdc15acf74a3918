import pg from 'pg';
import fs from 'node:fs';
const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: process.argv[2] });
await c.connect();
for (const f of process.argv.slice(3)) {
  const q = fs.readFileSync(f, 'utf8');
  const t = [];
  for (let i = 0; i < 4; i++) { const s = performance.now(); const r = await c.query(q); t.push((performance.now() - s).toFixed(1)); }
  console.log(f, t.join(' '));
}
await c.end();
