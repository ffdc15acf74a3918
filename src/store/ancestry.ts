// Which of two snapshots came first on their target's history: a snapshot's first parent is the
// one before it, so the older one is on the newer one's first-parent chain.
import type { ObjectStore } from './objects.js';
import { readCommit } from './read-snapshot.js';

/**
 * 'forward' when `from` is an earlier snapshot of `to`'s history (or the same), 'backward' when
 * `to` is an earlier one of `from`'s, undefined when neither is (two targets' histories, or a
 * shallow clone that cut them short). The two chains are walked in turn, so the cost is about
 * twice the snapshots between them.
 */
export async function snapshotOrder(objects: ObjectStore, from: string, to: string): Promise<'forward' | 'backward' | undefined> {
  const shallow = objects.shallowCommits();
  const walks = [
    { at: to as string | undefined, seeks: from, order: 'forward' as const },
    { at: from as string | undefined, seeks: to, order: 'backward' as const },
  ];
  while (walks.some((walk) => walk.at !== undefined)) {
    for (const walk of walks) {
      if (walk.at === undefined) continue;
      if (walk.at === walk.seeks) return walk.order;
      walk.at = shallow.has(walk.at) ? undefined : (await readCommit(objects, walk.at)).commit.parents[0];
    }
  }
  return undefined;
}
