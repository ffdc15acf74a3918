// What lint and verify load in changed-only mode: the changed objects, plus what rules look up from
// them (foreign-key targets, user types, and the parents partitions and children take columns from).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../../src/api/lint.js';
import { verify } from '../../src/api/verify.js';
import { commitSnapshot, repoWithSnapshot, table } from '../helpers/snapshots.js';

test("--changed: a new partition or child is judged on its own parts, not on the columns of its unchanged parent", async () => {
  const events = table('events', ['id bigint', 'Payload json', 'at timestamp without time zone'], { primary_key: { name: 'events_pkey', columns: ['id'] } });
  const dir = await repoWithSnapshot([events]);
  const partition = table('events_2025', ['id bigint', 'Payload json', 'at timestamp without time zone'], { partition_of: { schema: 'public', table: 'events', bound: 'DEFAULT' } });
  const child = table('special_events', ['id bigint', 'Payload json', 'at timestamp without time zone', 'Extra text null'], { inherits: [{ schema: 'public', table: 'events' }] });
  await commitSnapshot(dir, [events, partition, child]);
  writeFileSync(join(dir, 'rules.yaml'), 'rules:\n  enforce_snake_case: true\nhouse_rules:\n  - {id: no-json, select: {kind: column}, assert: {forbidden_types: [json]}}\n');
  const found = async (changed: true | undefined) => ({
    lint: (await lint({ cwd: dir, changed })).findings.map((f) => `${f.rule} ${f.object}`),
    verify: (await verify({ cwd: dir, changed, rulesFile: join(dir, 'rules.yaml') })).findings.map((f) => `${f.rule} ${f.object}`),
  });
  // What the whole snapshot reports of the partition and the child is what --changed reports of them: their own parts only.
  const whole = await found(undefined);
  const own = (list: string[]) => list.filter((f) => /events_2025|special_events/.test(f));
  assert.equal(own(whole.verify), ['enforce_snake_case public.special_events.Extra']);
  const changed = await found(true);
  assert.equal(changed.verify, own(whole.verify));
  assert.equal(changed.lint, own(whole.lint));
  assert.ok(own(whole.lint).includes('naming-snake-case public.special_events.Extra'));
});

test("--changed: a changed partitioned table's foreign key is covered by its unchanged partitions' indexes, as in a whole run", async () => {
  const users = table('users', ['id bigint'], { primary_key: { name: 'users_pkey', columns: ['id'] } });
  const parent = (comment?: string) =>
    table('pt', ['id bigint', 'user_id bigint null', 'at timestamp'], {
      partitioning: { strategy: 'range', key: 'at' },
      foreign_keys: [{ name: 'pt_user_id_fkey', columns: ['user_id'], references: { schema: 'public', table: 'users', columns: ['id'] } }],
      ...(comment ? { comment } : {}),
    });
  const partition = (name: string) =>
    table(name, ['id bigint', 'user_id bigint null', 'at timestamp'], { partition_of: { schema: 'public', table: 'pt', bound: 'DEFAULT' }, indexes: [{ name: `${name}_user`, columns: ['user_id'], unique: false }] });
  const dir = await repoWithSnapshot([users, parent(), partition('pt_1'), partition('pt_2')]);
  await commitSnapshot(dir, [users, parent('x'), partition('pt_1'), partition('pt_2')]);
  writeFileSync(join(dir, 'fk.yaml'), 'house_rules:\n  - {id: fk, select: {kind: table, name: "pt*"}, assert: {foreign_keys_indexed: true}}\n');
  for (const changed of [undefined, true] as const) {
    assert.equal((await lint({ cwd: dir, changed })).findings.filter((f) => f.rule === 'structure-fk-not-indexed'), [], `changed: ${changed}`);
    assert.equal((await verify({ cwd: dir, changed, rulesFile: join(dir, 'fk.yaml') })).findings, [], `changed: ${changed}`);
  }
});

test.run();
