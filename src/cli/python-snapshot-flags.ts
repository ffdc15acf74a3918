// The Python tool's `snapshot` flags (datatrack-core 1.1: its help's own example is
// `snapshot --include-data --max-rows 50 --parallel --max-workers 8`). DESIGN §1 keeps its commands
// working, so scripts written for it run here: each flag maps onto this snapshot, or is refused
// saying why. Hidden from the help, which shows this tool's own spelling (--jobs); README lists them.
import { Flags } from '#oclif';
import { UsageError } from '../errors.js';

export const pythonSnapshotFlags = {
  // oclif's own `exclusive` would name --parallel for a --no-parallel: checked in pythonSnapshotJobs.
  parallel: Flags.boolean({ description: 'The Python tool\'s: --no-parallel is --jobs 1.', allowNo: true, hidden: true }),
  'max-workers': Flags.integer({ description: 'The Python tool\'s --jobs.', min: 1, max: 64, hidden: true, exclusive: ['jobs'] }),
  // Its tables were read in batches of this size; here the catalog is read in a fixed number of queries.
  'batch-size': Flags.integer({ description: 'The Python tool\'s; no effect.', min: 1, hidden: true }),
  'include-data': Flags.boolean({ description: 'The Python tool\'s; refused: no rows are recorded.', hidden: true }),
  // Only ever read with --include-data, so alone it changed nothing there either.
  'max-rows': Flags.integer({ description: 'The Python tool\'s; no effect.', min: 0, hidden: true }),
};

export interface PythonSnapshotFlags {
  jobs?: number;
  parallel?: boolean;
  'max-workers'?: number;
  'include-data'?: boolean;
}

/** The job count the Python tool's flags ask for, if they ask for one. */
export function pythonSnapshotJobs(flags: PythonSnapshotFlags): number | undefined {
  // A snapshot is the schema only (DESIGN §4: no volatile values), and rows in the tree would be committed data.
  if (flags['include-data']) throw new UsageError('snapshots record the schema only, never table rows: leave out --include-data (and --max-rows)', 'USAGE');
  if (flags.parallel === false && flags.jobs !== undefined && flags.jobs !== 1) {
    throw new UsageError(`--no-parallel is --jobs 1, and --jobs ${flags.jobs} asks for ${flags.jobs}: give one of them`, 'USAGE');
  }
  return flags.parallel === false ? 1 : flags['max-workers'];
}
