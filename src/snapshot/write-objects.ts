// Encodes a snapshot and writes its blobs: inline for small schemas, across a piscina worker pool
// for large ones (YAML encoding, hashing and zlib are CPU-bound and independent per object; the
// main thread writes the new objects as one pack).
// The result is the same either way, whatever the worker count: each file depends on its object only.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { encodeMeta, encodeSnapshot, objectPath, schemaPath } from '../codec/layout.js';
import { allNormalized, canonicalShape } from '../model/canonical.js';
import { emitYaml } from '../codec/yaml-emit.js';
import type { SchemaObject, Snapshot } from '../model/types.js';
import type { NewObject, ObjectStore } from '../store/objects.js';
import { storeFiles, type StoredFile } from '../store/write-snapshot.js';
import { encodeBlobs, type BlobTask, type EncodedBlobs } from './blob-worker.js';
import { compiledFile } from '../util/package-files.js';

/**
 * Below this many objects, starting workers costs more than it saves: on two cores their start-up
 * competes with the catalog work (started early, they made 2,500 PostgreSQL tables slower).
 */
export const POOL_THRESHOLD = 4000;
/** Objects per worker task: small tasks keep each worker's memory low and the workers evenly busy. */
const TASK_SIZE = 500;

/** The worker threads that encode and write blobs. */
class BlobWriters {
  private constructor(private readonly pool: import('piscina').Piscina<BlobTask, EncodedBlobs>, private readonly workers: number) {}

  /**
   * `jobs` threads in all: the main thread and jobs - 1 workers. One worker beside the main
   * thread does not pay: on two cores, 10,000 tables took 15–25 % longer than the main thread
   * alone (a worker starts cold and the main thread must feed it).
   */
  static async start(jobs: number, cores: number): Promise<BlobWriters | undefined> {
    // More threads than cores only compete: `--jobs 64` on two cores made 4,000 tables three times slower.
    const threads = Math.min(jobs, cores);
    if (threads < 3) return undefined;
    const workers = threads - 1;
    const { Piscina } = await import('piscina');
    // A task is a few hundred small objects: a young generation of 4 MB holds it, where V8's
    // default lets each worker grow tens of megabytes it never needs (peak RSS at 10,000 tables).
    const pool = new Piscina<BlobTask, EncodedBlobs>({
      filename: pathToFileURL(compiledFile('snapshot', 'blob-worker.js')).href,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 100,
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    return new BlobWriters(pool, workers);
  }

  async write(store: ObjectStore, snapshot: Snapshot): Promise<StoredFile[]> {
    const tasks: SchemaObject[][] = [];
    for (let i = 0; i < snapshot.objects.length; i += TASK_SIZE) tasks.push(snapshot.objects.slice(i, i + TASK_SIZE));
    const results: EncodedBlobs[] = new Array(tasks.length);
    let next = 0;
    // One task in flight per worker, serialized just before it is sent: the JSON of the whole
    // schema never exists at once. The main thread takes tasks too, between two of which it
    // lets the workers' lanes send their next one.
    const workerLane = async () => {
      for (let i = next++; i < tasks.length; i = next++) {
        results[i] = await this.pool.run({ gitdir: store.gitdir, objectsDir: store.objectsDir, objectsJson: JSON.stringify(tasks[i]), canonical: allNormalized(tasks[i]!) });
      }
    };
    const mainLane = async () => {
      for (let i = next++; i < tasks.length; i = next++) {
        results[i] = encodeBlobs(store, tasks[i]!, allNormalized(tasks[i]!));
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...Array.from({ length: this.workers }, workerLane), mainLane()]);
    const oids = results.flatMap((result) => result.oids);
    // Buffers cross threads as plain Uint8Arrays; an object new to two tasks is stored once.
    const fresh = new Map<string, NewObject>();
    for (const object of results.flatMap((result) => result.fresh)) {
      if (!fresh.has(object.oid)) fresh.set(object.oid, { ...object, content: asBuffer(object.content), ...(object.data ? { data: asBuffer(object.data) } : {}) });
    }
    store.storeNew([...fresh.values()]);
    const files: StoredFile[] = [{ path: ['datatrack.yaml'], oid: store.write('blob', Buffer.from(encodeMeta(snapshot), 'utf8')) }];
    for (const schema of snapshot.schemas) {
      files.push({ path: schemaPath(schema.name), oid: store.write('blob', Buffer.from(emitYaml(canonicalShape(schema, 'schema')), 'utf8')) });
    }
    snapshot.objects.forEach((object, i) => files.push({ path: objectPath(object), oid: oids[i]! }));
    return files;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Writes every file of a snapshot as blobs; with `jobs` of 3 or more (and as many cores), a large
 * schema is shared between the main thread and jobs - 1 workers.
 */
export async function writeSnapshotObjects(store: ObjectStore, snapshot: Snapshot, jobs = 1, cores = availableParallelism()): Promise<StoredFile[]> {
  const writers = snapshot.objects.length >= POOL_THRESHOLD ? await BlobWriters.start(jobs, cores) : undefined;
  if (!writers) return storeFiles(store, encodeSnapshot(snapshot));
  try {
    return await writers.write(store, snapshot);
  } finally {
    await writers.close();
  }
}
