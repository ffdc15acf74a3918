// SQLite SQL text compared as SQLite reads it: a respelling is no change, a text read otherwise is
// one, though it may be written the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Column, SchemaObject, Table } from '../../src/model/types.js';
import { changeLines, column, table } from '../helpers/models.js';

const sqlite = { dialect: 'sqlite' } as const;

/** A table whose own expressions compare with `vip`, double-quoted as the sqlite3 shell lets a legacy schema write a string. */
const members = (vip: string, ...more: Column[]): Table =>
  table('t', [column('id', 'INTEGER', { nullable: false }), column('email', 'TEXT'), column('kind', 'TEXT'), { ...column('g', 'TEXT'), generated: { expression: `coalesce(kind, ${vip})`, stored: false } }, ...more], {
    checks: [{ name: 'k', expression: `kind <> ${vip}` }],
    indexes: [{ name: 't_vip_email', columns: ['email'], unique: true, where: `kind = ${vip}` }],
  }, 'main');

test("SQLite: a double-quoted word in a table's own expression is read against that side's columns: one added under its name changes what the text says", () => {
  // Before, "vip" named no column: the string 'vip'. After, it is the new (NULL) column: the
  // unique index covers no rows, so duplicates go in.
  const changed = [
    `modify column main.t.g generated.expression: "coalesce(kind, 'vip')" → "coalesce(kind, \\"vip\\")" (caution)`,
    'add column main.t.vip (safe)',
    `modify index main.t.t_vip_email where: "kind = 'vip'" → "kind = \\"vip\\"" (breaking)`,
    `modify check main.t.k expression: "kind <> 'vip'" → "kind <> \\"vip\\"" (caution)`,
  ];
  assert.equal(changeLines([members('"vip"')], [members('"vip"', column('vip', 'TEXT'))], sqlite), changed);
  // The column dropped again: the word is a string once more, shown as the literal it is now.
  assert.equal(changeLines([members('"vip"', column('vip', 'TEXT'))], [members('"vip"')], sqlite), [
    `modify column main.t.g generated.expression: "coalesce(kind, \\"vip\\")" → "coalesce(kind, 'vip')" (caution)`,
    'remove column main.t.vip (breaking)',
    `modify index main.t.t_vip_email where: "kind = \\"vip\\"" → "kind = 'vip'" (breaking)`,
    `modify check main.t.k expression: "kind <> \\"vip\\"" → "kind <> 'vip'" (caution)`,
  ]);
  // Another case of the word is the same column to SQLite.
  assert.equal(changeLines([members('"VIP"')], [members('"vip"', column('vip', 'TEXT'))], sqlite).length, changed.length);
  // Respelled as the literal it was, beside the column added, it still says 'vip'.
  assert.equal(changeLines([members('"vip"')], [members("'vip'", column('vip', 'TEXT'))], sqlite), ['add column main.t.vip (safe)']);
  assert.equal(changeLines([members("'vip'", column('vip', 'TEXT'))], [members('"vip"')], sqlite), ['remove column main.t.vip (breaking)']);
});

/** A table with columns named as SQLite's value keywords, whose check, generated column and trigger body say `value`. */
const dated = (value: string): Table =>
  table('t', [column('due', 'TEXT'), column('current_date', 'TEXT'), column('null', 'TEXT'), column('true', 'INT'), { ...column('g', 'TEXT'), generated: { expression: `coalesce(due, ${value})`, stored: false } }], {
    checks: [{ name: 'k', expression: `due >= ${value}` }],
    triggers: [{ name: 'tr', timing: 'after', events: ['insert'], level: 'row', definition: `CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (${value}); END` }],
  }, 'main');

const view = (where: string): SchemaObject => ({ kind: 'view', schema: 'main', name: 'v', definition: `CREATE VIEW v AS SELECT * FROM t WHERE ${where}` } as SchemaObject);

test('SQLite: a quoted name spelled as a value keyword is the column, not NULL or CURRENT_DATE; a bracketed true is the bare word', () => {
  for (const [quoted, bare] of [['[current_date]', 'current_date'], ['`current_date`', 'CURRENT_DATE'], ['"current_date"', 'current_date'], ['[NULL]', 'NULL'], ['`null`', 'null']]) {
    assert.equal(changeLines([dated(quoted!)], [dated(bare!)], sqlite).length, 3, `${quoted} → ${bare}`);
    assert.equal(changeLines([view(`due >= ${quoted}`)], [view(`due >= ${bare}`)], sqlite).length, 1, `view: ${quoted} → ${bare}`);
  }
  // Quoted alike, or qualified (where the bare word names a column too), they are the same name.
  assert.equal(changeLines([dated('[current_date]')], [dated('"current_date"')], sqlite), []);
  assert.equal(changeLines([view('t.[current_date] = new.[null]')], [view('t.current_date = new."null"')], sqlite), []);
  // true is a boolean only where no column has the name; in brackets it is that column or an error.
  assert.equal(changeLines([dated('[true]')], [dated('true')], sqlite), []);
  assert.equal(changeLines([view('due = [true]')], [view('due = true')], sqlite), []);
  // Double-quoted, it is the column in the table's own expressions, and the string 'true' where
  // no column has the name (the trigger's VALUES; in a view, maybe).
  assert.equal(changeLines([dated('"true"')], [dated('true')], sqlite).map((line) => line.slice(0, line.indexOf(':'))), ['modify trigger main.t.tr definition']);
  assert.equal(changeLines([view('due = "true"')], [view('due = true')], sqlite).length, 1);
});

test.run();
