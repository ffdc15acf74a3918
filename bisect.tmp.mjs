import pg from 'pg';
import fs from 'node:fs';
const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'dt_bench_pg_1000' });
await c.connect();
let q = fs.readFileSync('/tmp/q_types.sql', 'utf8').split('\n').filter(l => !/^\s*--/.test(l)).map(l => l.replace(/\s--.*$/, '')).join('\n');
const from = q.indexOf('\nFROM pg_type');
const sel = q.slice(0, from).replace(/^SELECT /, '       ');
const items = sel.split(/,\n(?=       \S)/);
const rest = q.slice(from);
const time = async (text) => { const t = []; for (let i = 0; i < 3; i++) { const s = performance.now(); await c.query(text); t.push(performance.now() - s); } return Math.min(...t).toFixed(1); };
console.log('all', await time('SELECT ' + items.join(',') + rest));
console.log('none', await time('SELECT 1' + rest));
for (let i = 0; i < items.length; i++) {
  const without = items.filter((_, j) => j !== i);
  console.log(i, (await time('SELECT ' + without.join(',') + rest)).padStart(7), (await time('SELECT ' + items[i] + rest)).padStart(7), items[i].trim().slice(0, 70).replace(/\s+/g, ' '));
}
await c.end();
