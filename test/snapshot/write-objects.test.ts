// The worker pool path (schemas of POOL_THRESHOLD objects and more) writes exactly the blobs the
// inline path writes, whatever the worker count, and git reads them back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { POOL_THRESHOLD, writeSnapshotObjects } from '../../src/snapshot/write-objects.js';
import { openRepository } from '../../src/store/repository.js';
import { git, newRepo } from '../helpers/cli.js';
import { column, snapshot, table } from '../helpers/models.js';

const big = snapshot(
  Array.from({ length: POOL_THRESHOLD + 250 }, (_, i) =>
    table(`t${i}`, [column('id', 'bigint', { nullable: false }), column(`c${i % 7}`, 'text', { default: `'v${i}'::text` })], {
      primary_key: { name: `t${i}_pkey`, columns: ['id'] },
      ...(i % 3 === 0 ? { comment: `table ${i}` } : {}),
    }),
  ),
);

test(`a ${POOL_THRESHOLD + 250}-object snapshot: the same blob ids inline (1 job) and with workers (3 and 4 jobs), one pack each, all readable by git`, async () => {
  const results: string[][] = [];
  for (const jobs of [1, 3, 4]) {
    const dir = newRepo();
    // as on a 4-core machine, whatever this one has: the workers start
    const files = await writeSnapshotObjects(openRepository(dir).objects, big, jobs, 4);
    results.push(files.map((f) => `${f.path.join('/')} ${f.oid}`));
    const sample = files.find((f) => f.path.join('/') === 'public/tables/t4100.yaml')!;
    assert.match(git(dir, 'cat-file', '-p', sample.oid), /^name: t4100\n/);
    git(dir, 'cat-file', '--batch-check', '--batch-all-objects');
    assert.match(git(dir, 'count-objects', '-v'), /^packs: 1$/m);
  }
  assert.is(results[0]!.length, big.objects.length + 2);
  assert.equal(results[1], results[0]);
  assert.equal(results[2], results[0]);
});

test.run();
