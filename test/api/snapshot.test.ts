// Several targets snapshotted side by side (snapshot --all, pipeline run --all) share one progress line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { progressOfOne } from '../../src/api/snapshot.js';

test('each report names its target when several run, and is left as it is for one', () => {
  const reports: unknown[][] = [];
  const progress = (...args: unknown[]) => void reports.push(args);
  progressOfOne(progress, 'prod', 2)!('reading catalog', 3, 11);
  progressOfOne(progress, 'prod', 1)!('writing snapshot', 40);
  assert.equal(reports, [['prod: reading catalog', 3, 11], ['writing snapshot', 40]]);
  assert.is(progressOfOne(undefined, 'prod', 2), undefined);
});

test.run();
