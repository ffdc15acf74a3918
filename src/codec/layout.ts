// The snapshot tree layout (DESIGN §4): `datatrack.yaml`, `<schema>/schema.yaml` and one file per
// object at `<schema>/<kind>/<name>.yaml`. Pure: model ⇄ paths and texts, no git here.
import { canonicalBody, canonicalShape, countSnapshot, KIND_BY_DIRECTORY, KIND_DIRECTORIES, objectName, shapeProblem } from '../model/canonical.js';
import type { SchemaInfo, SchemaObject, Snapshot, SnapshotMeta } from '../model/types.js';
import { decodeFileName, decodeSegment, encodeDirectory, encodeFileName } from './path-encoding.js';
import { emitYaml } from './yaml-emit.js';
import { parseYaml } from './yaml-parse.js';

export const FORMAT_VERSION = 1;
export const META_FILE = 'datatrack.yaml';
export const SCHEMA_FILE = 'schema.yaml';

export interface SnapshotFile {
  /** Tree path segments, already encoded; the last one is the file name. */
  path: string[];
  text: string;
}

export function objectPath(object: SchemaObject): string[] {
  return [encodeDirectory(object.schema), KIND_DIRECTORIES[object.kind], encodeFileName(objectName(object))];
}

export function schemaPath(schema: string): string[] {
  return [encodeDirectory(schema), SCHEMA_FILE];
}

/** An object's file; `knownCanonical` skips canonicalization for objects known to be canonical. */
export function encodeObject(object: SchemaObject, knownCanonical?: boolean): SnapshotFile {
  return { path: objectPath(object), text: emitYaml(canonicalBody(object, knownCanonical)) };
}

export function encodeMeta(snapshot: Snapshot): string {
  const { format: _format, ...meta } = snapshot.meta;
  return emitYaml({ format: FORMAT_VERSION, ...meta, counts: countSnapshot(snapshot) });
}

/** Every file of a snapshot, meta first, then schemas and objects in canonical order. */
export function encodeSnapshot(snapshot: Snapshot): SnapshotFile[] {
  const files: SnapshotFile[] = [{ path: [META_FILE], text: encodeMeta(snapshot) }];
  for (const schema of snapshot.schemas) {
    files.push({ path: schemaPath(schema.name), text: emitYaml(canonicalShape(schema, 'schema')) });
  }
  for (const object of snapshot.objects) files.push(encodeObject(object));
  return files;
}

export class LayoutError extends Error {}

function asRecord(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new LayoutError(`${path} is not a YAML mapping`);
  return value as Record<string, unknown>;
}

export type ParsedPath =
  | { type: 'meta' }
  | { type: 'schema'; schema: string }
  | { type: 'object'; schema: string; kind: SchemaObject['kind']; name: string };

/** What a tree path holds, or undefined for a path that is not part of the layout. */
export function parsePath(path: string): ParsedPath | undefined {
  const parts = path.split('/');
  if (parts.length === 1 && parts[0] === META_FILE) return { type: 'meta' };
  if (parts.length === 2 && parts[1] === SCHEMA_FILE) return { type: 'schema', schema: decodeSegment(parts[0]!) };
  if (parts.length === 3) {
    const kind = KIND_BY_DIRECTORY[parts[1]!];
    if (kind && parts[2]!.endsWith('.yaml')) {
      return { type: 'object', schema: decodeSegment(parts[0]!), kind, name: decodeFileName(parts[2]!) };
    }
  }
  return undefined;
}

export function decodeMeta(text: string): SnapshotMeta & { counts?: Record<string, number> } {
  const raw = asRecord(parseYaml(text), META_FILE);
  if (raw.format !== FORMAT_VERSION) {
    throw new LayoutError(`${META_FILE} has format ${String(raw.format)}; this datatrack reads format ${FORMAT_VERSION}`);
  }
  // Every reader takes the dialect from here (which rules, which quoting): a file without one is no snapshot's.
  if (!(raw.dialect === 'postgres' || raw.dialect === 'mysql' || raw.dialect === 'sqlite')) throw new LayoutError(`${META_FILE} names no dialect datatrack knows (postgres, mysql, sqlite): ${JSON.stringify(raw.dialect ?? null)}`);
  for (const key of ['database', 'server'] as const) if (raw[key] !== undefined && typeof raw[key] !== 'string') throw new LayoutError(`${META_FILE}: ${key} is not a text`);
  return raw as unknown as SnapshotMeta & { counts?: Record<string, number> };
}

export function decodeSchema(text: string, path: string): SchemaInfo {
  return asRecord(parseYaml(text), path) as unknown as SchemaInfo;
}

/** Where a top-level entry of a snapshot file begins: at the margin, after a line break. */
const ENTRY_START = /\n(?=[^ \n])/g;
/** A top-level key as the writer spells it; any other line at the margin (a comment, `---`, a list at its key's indentation) is not told apart without reading the whole file. */
const ENTRY_KEY = /([a-z_]+):(?=[ \n]|$)/y;

/**
 * Only the top-level entries `keys` of a table's or materialized view's file (`name` and `schema`
 * among them), read as decodeObject reads them; undefined when they cannot be told apart without
 * reading it all (ENTRY_KEY), or do not read, or name another object than `path` does: decodeObject
 * then says what is wrong. The index and key names of 10,000 unchanged tables, each decoded whole,
 * took ~0.5 s of a 10-table `lint --changed`.
 */
export function decodeObjectEntries(text: string, path: string, kind: SchemaObject['kind'], keys: ReadonlySet<string>): Record<string, unknown> | undefined {
  let kept = '';
  ENTRY_START.lastIndex = 0;
  for (let start = 0; start < text.length; ) {
    ENTRY_KEY.lastIndex = start;
    const key = ENTRY_KEY.exec(text)?.[1];
    if (key === undefined) return undefined;
    const end = ENTRY_START.exec(text)?.index;
    const next = end === undefined ? text.length : end + 1;
    if (keys.has(key)) kept += text.slice(start, next);
    start = next;
  }
  let body: unknown;
  try {
    body = parseYaml(kept);
  } catch {
    return undefined;
  }
  if (shapeProblem(body, kind, kind, keys)) return undefined;
  const { name, schema } = body as Record<string, unknown>;
  const where = parsePath(path);
  return where?.type === 'object' && where.schema === schema && where.name === name ? (body as Record<string, unknown>) : undefined;
}

export function decodeObject(text: string, path: string, kind: SchemaObject['kind']): SchemaObject {
  const body = asRecord(parseYaml(text), path);
  if (typeof body.name !== 'string' || typeof body.schema !== 'string') throw new LayoutError(`${path} lacks name or schema`);
  const problem = shapeProblem(body, kind, kind);
  if (problem) throw new LayoutError(`${path}: ${problem}`);
  const object = { kind, ...body } as unknown as SchemaObject;
  // The file is found by its path and the object read from its body: the two must name one object
  // (objects kept raw share a file, each under its kind).
  const where = parsePath(path);
  if (kind !== 'unknown' && where?.type === 'object' && (where.schema !== object.schema || where.name !== objectName(object))) {
    throw new LayoutError(`${path} holds ${object.schema}.${objectName(object)}, which belongs in ${objectPath(object).join('/')}`);
  }
  return object;
}
