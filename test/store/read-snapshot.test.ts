import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lastSnapshotReader } from '../../src/store/read-snapshot.js';
import { openRepository } from '../../src/store/repository.js';
import { rejects } from '../helpers/assert.js';
import { newRepo } from '../helpers/cli.js';
import { commitSnapshot, repoWithSnapshot, table } from '../helpers/snapshots.js';

test('lastSnapshotReader: a commit read in turn is decoded once; another is read, and kept instead', async () => {
  const dir = newRepo();
  const first = await commitSnapshot(dir, [table('users', ['id bigint']), table('orders', ['id bigint'])]);
  const second = await commitSnapshot(dir, [table('users', ['id bigint']), table('invoices', ['id bigint'])]);
  const { objects } = openRepository(dir);
  const read = lastSnapshotReader(objects);
  const blobs = () => objects.reads.blob;

  const a = await read(first);
  const afterFirst = blobs();
  assert.ok(afterFirst > 0);
  assert.is(await read(first), a, 'the same decoded snapshot, not read again');
  assert.is(blobs(), afterFirst);
  // steps may read different revisions: the previous snapshot, then the one just written
  const b = await read(second);
  assert.equal(b.snapshot.objects.map((o) => o.name), ['invoices', 'users']);
  assert.equal(a.snapshot.objects.map((o) => o.name), ['orders', 'users']);
  assert.ok(blobs() > afterFirst);
  const afterSecond = blobs();
  assert.is(await read(second), b);
  assert.is(blobs(), afterSecond);
  // only the last is kept: going back reads again
  assert.is.not(await read(first), a);
  assert.ok(blobs() > afterSecond);
  assert.equal((await read(first)).snapshot, a.snapshot);
});

test('lastSnapshotReader: a read that failed is tried again by the next step that asks', async () => {
  const dir = await repoWithSnapshot([table('users', ['id bigint'])]);
  const read = lastSnapshotReader(openRepository(dir).objects);
  const missing = 'f'.repeat(40);
  const failed = read(missing);
  await rejects(() => failed, /f{12}|missing|not found/i);
  const again = read(missing);
  assert.is.not(again, failed);
  await rejects(() => again, /f{12}|missing|not found/i);
});

test.run();
