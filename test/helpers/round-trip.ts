// The storage contract's round trip: a snapshot written to git and read back is the same model.
import * as assert from 'uvu/assert';
import type { Snapshot } from '../../src/model/types.js';
import { readSnapshot } from '../../src/store/read-snapshot.js';
import { openRepository } from '../../src/store/repository.js';
import { writeSnapshot } from '../../src/store/write-snapshot.js';
import { fsck, newRepo } from './cli.js';

/** Writes `captured` as a snapshot commit in a new repository, reads it back, compares; fsck must stay clean. */
export async function assertGitRoundTrip(captured: Snapshot): Promise<void> {
  const dir = newRepo();
  const repo = openRepository(dir);
  const written = await writeSnapshot({ repo, target: 'default', snapshot: captured });
  const { snapshot: readBack } = await readSnapshot(repo.objects, written.commit);
  assert.equal(readBack, captured);
  fsck(dir);
}
