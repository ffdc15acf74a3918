// Piscina worker: model objects (as JSON text, which crosses threads far faster than a structured
// clone of the objects) → canonical YAML → git objects (a pack). Returns the blob ids in order.
import { encodeObject } from '../codec/layout.js';
import type { SchemaObject } from '../model/types.js';
import { ObjectStore } from '../store/objects.js';

export interface BlobTask {
  gitdir: string;
  objectsJson: string;
  /** The objects were normalized (canonical key order survives JSON), so no second pass is needed. */
  canonical: boolean;
}

export default function writeObjectBlobs({ gitdir, objectsJson, canonical }: BlobTask): string[] {
  const store = new ObjectStore(gitdir);
  const blobs = (JSON.parse(objectsJson) as SchemaObject[]).map((object) => ({ type: 'blob' as const, content: Buffer.from(encodeObject(object, canonical).text, 'utf8') }));
  return store.writeMany(blobs);
}
