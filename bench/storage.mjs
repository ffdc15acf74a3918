// Storage speed (issue 2): writing a 10,000-table snapshot's objects (canonical YAML, blobs, trees,
// commit, ref) and reading one back into the model, from git. Prints medians; no database involved.
import { execFileSync } from 'node:child_process';
import { syntheticSnapshot } from './model.mjs';
import { machineLine, median, scratchRepo, table } from './lib.mjs';

const { normalizeSnapshot } = await import('../dist/src/model/canonical.js');
const { writeSnapshot } = await import('../dist/src/store/write-snapshot.js');
const { writeSnapshotObjects } = await import('../dist/src/snapshot/write-objects.js');
const { readSnapshot } = await import('../dist/src/store/read-snapshot.js');
const { openRepository } = await import('../dist/src/store/repository.js');

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const jobsList = [1, 2];
const rows = [];
for (const size of sizes) {
  const snapshot = normalizeSnapshot(syntheticSnapshot(size));
  for (const jobs of jobsList) {
    const write = [];
    const rewrite = [];
    const read = [];
    for (let run = 0; run < runs; run++) {
      const repo = openRepository(scratchRepo());
      let started = performance.now();
      const files = await writeSnapshotObjects(repo.objects, snapshot, jobs);
      const written = await writeSnapshot({ repo, target: 'bench', snapshot, files });
      write.push(performance.now() - started);
      started = performance.now();
      await writeSnapshot({ repo, target: 'bench', snapshot, files: await writeSnapshotObjects(repo.objects, snapshot, jobs) });
      rewrite.push(performance.now() - started);
      started = performance.now();
      await readSnapshot(repo.objects, written.commit);
      read.push(performance.now() - started);
      if (run === 0 && size === sizes[0]) execFileSync('git', ['fsck', '--strict', '--no-progress'], { cwd: repo.workTree });
    }
    rows.push([size, jobs, median(write).toFixed(0), median(rewrite).toFixed(0), median(read).toFixed(0)]);
    console.error(`storage ${size} tables, jobs ${jobs}: write ${median(write).toFixed(0)} ms, unchanged rewrite ${median(rewrite).toFixed(0)} ms, read ${median(read).toFixed(0)} ms`);
  }
}
console.log(`### Storage (${runs} runs, median ms; ${machineLine()})\n`);
console.log(table(['tables', 'jobs', 'write objects + commit', 'unchanged re-write', 'read into model'], rows));
