import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCommitMessage, parseCommitMessage, type SnapshotMessage } from '../../src/store/commit-message.js';

const facts = { target: 'default', dialect: 'sqlite', server: '3.45', database: 'app', tables: 2, objects: 3 };

function roundTrip(m: Partial<SnapshotMessage>) {
  return parseCommitMessage(formatCommitMessage({ ...facts, added: 0, modified: 0, removed: 0, changes: [], ...m }));
}

test('a note that looks like a change list is kept as the note, on an empty snapshot', () => {
  const parsed = roundTrip({ note: '- fixed a bug' });
  assert.is(parsed.note, '- fixed a bug');
  assert.is(parsed.changes, undefined);
});

test('a bulleted note beside real changes: both are read back', () => {
  const parsed = roundTrip({ modified: 1, changes: [{ action: '~', path: 'main/tables/users' }], note: '- add email\n+ drop legacy' });
  assert.is(parsed.note, '- add email\n+ drop legacy');
  assert.equal(parsed.changes, [{ action: '~', path: 'main/tables/users' }]);
});

test('a note on a first snapshot, even one reading like its marker line, stays the note', () => {
  const parsed = roundTrip({ added: 3, changes: undefined, note: 'first snapshot: 9 objects\n\n- from prod' });
  assert.ok(parsed.first);
  assert.is(parsed.note, 'first snapshot: 9 objects\n\n- from prod');
  assert.is(parsed.changes, undefined);
});

test('messages without a note read as before', () => {
  const parsed = roundTrip({ added: 1, removed: 1, changes: [{ action: '+', path: 'main/tables/a' }, { action: '-', path: 'main/tables/b' }] });
  assert.is(parsed.note, undefined);
  assert.is(parsed.changes?.length, 2);
  assert.is(roundTrip({ added: 3, changes: undefined }).first, true);
});

test('a change list whose path starts with a space (a schema named " lead") is the change list, not a note', () => {
  const changes = [{ action: '~' as const, path: ' lead/tables/t' }, { action: '+' as const, path: ' lead/schema' }];
  const parsed = roundTrip({ added: 1, modified: 1, changes, note: 's11' });
  assert.equal(parsed.changes, changes);
  assert.is(parsed.note, 's11');
  assert.is(roundTrip({ modified: 1, changes: [changes[0]!] }).note, undefined);
});

test.run();
