// Piscina worker: model objects (as JSON text, which crosses threads far faster than a structured
// clone of the objects) → canonical YAML → git object ids, with the new objects compressed for
// the pack that the main thread writes (one pack per snapshot, whatever the worker count).
import { encodeObject } from '../codec/layout.js';
import type { SchemaObject } from '../model/types.js';
import { ObjectStore, type NewObject } from '../store/objects.js';

export interface BlobTask {
  gitdir: string;
  objectsDir: string;
  objectsJson: string;
  /** The objects were normalized (canonical key order survives JSON), so no second pass is needed. */
  canonical: boolean;
}

export interface EncodedBlobs {
  oids: string[];
  fresh: NewObject[];
}

/** One store per repository for the pool's life: its pack index is read once, not per task. */
const stores = new Map<string, ObjectStore>();

/** Encodes objects as blobs and finds (and compresses) the new ones: what a task does, on any thread. */
export function encodeBlobs(store: ObjectStore, objects: SchemaObject[], canonical: boolean): EncodedBlobs {
  return store.check(objects.map((object) => ({ type: 'blob' as const, content: Buffer.from(encodeObject(object, canonical).text, 'utf8') })), true);
}

export default function encodeTask({ gitdir, objectsDir, objectsJson, canonical }: BlobTask): EncodedBlobs {
  let store = stores.get(objectsDir);
  if (!store) stores.set(objectsDir, (store = new ObjectStore(gitdir, objectsDir)));
  return encodeBlobs(store, JSON.parse(objectsJson) as SchemaObject[], canonical);
}
