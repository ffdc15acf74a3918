// Git packfiles, read and written directly. A snapshot of thousands of tables writes its new
// objects as one pack (two files) instead of thousands of loose ones: file creation is what costs
// most on a busy disk. Reading packs here (including the deltas `git gc` makes) keeps every read on
// the fast path; the git binary remains the fallback for what this reader does not know.
// Formats: gitformat-pack(5) — pack version 2, index version 2.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { GitObject, ObjectType } from './objects.js';
import { decompress } from './compress.js';
import { makeSharedDirectories, shareLikeGit } from './shared-repository.js';
import { processAlive } from '../util/process-alive.js';
import { removingOnFailure } from '../util/temporary-file.js';

const TYPE_CODES: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };
const TYPE_NAMES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const IDX_MAGIC = 0xff744f63;

export interface PackEntry {
  oid: string;
  type: ObjectType;
  /** The content's length. */
  size: number;
  /** The content, compressed (compress.ts): workers compress, one writer assembles the pack. */
  data: Buffer;
}

function entryHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (type << 4) | (size & 0x0f);
  size = Math.floor(size / 16);
  while (size > 0) {
    bytes.push(byte | 0x80);
    byte = size & 0x7f;
    size = Math.floor(size / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/**
 * Writes a file and flushes it to the disk before it is renamed into place, as git does for its
 * packs (core.fsync's default): the ref moved after it must never point at a pack a power loss
 * left empty. Loose objects are not flushed, as git does not flush its own.
 */
function writeDurably(path: string, content: Buffer): void {
  const fd = fs.openSync(path, 'w', 0o444);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `entries` (distinct ids) as a pack and its index in `packDir` and returns the pack's
 * name. Both are written under temporary names and renamed, the index last: git and this reader
 * only see a pack through its index, so a killed process leaves nothing half-visible. `shared`:
 * the repository's core.sharedRepository mode (shared-repository.ts).
 */
export function writePack(packDir: string, entries: PackEntry[], shared: number): string {
  makeSharedDirectories(packDir, shared);
  removeAbandonedKeeps(packDir);
  const parts: Buffer[] = [Buffer.from('PACK'), Buffer.alloc(8)];
  parts[1]!.writeUInt32BE(2, 0);
  parts[1]!.writeUInt32BE(entries.length, 4);
  const records: { oid: Buffer; offset: number; crc: number }[] = [];
  let offset = 12;
  for (const entry of entries) {
    const header = entryHeader(TYPE_CODES[entry.type], entry.size);
    const data = entry.data;
    records.push({ oid: Buffer.from(entry.oid, 'hex'), offset, crc: crc32(data, crc32(header)) });
    parts.push(header, data);
    offset += header.length + data.length;
  }
  if (offset >= 2 ** 31) throw new Error('pack too large for 32-bit offsets');
  const packHash = createHash('sha1');
  for (const part of parts) packHash.update(part);
  const packChecksum = packHash.digest();
  parts.push(packChecksum);

  records.sort((a, b) => Buffer.compare(a.oid, b.oid));
  const fanout = Buffer.alloc(256 * 4);
  for (let byte = 0, i = 0; byte < 256; byte++) {
    while (i < records.length && records[i]!.oid[0]! <= byte) i++;
    fanout.writeUInt32BE(i, byte * 4);
  }
  const head = Buffer.alloc(8);
  head.writeUInt32BE(IDX_MAGIC, 0);
  head.writeUInt32BE(2, 4);
  const crcs = Buffer.alloc(records.length * 4);
  const offsets = Buffer.alloc(records.length * 4);
  records.forEach((r, i) => {
    crcs.writeUInt32BE(r.crc >>> 0, i * 4);
    offsets.writeUInt32BE(r.offset, i * 4);
  });
  const idxBody = Buffer.concat([head, fanout, ...records.map((r) => r.oid), crcs, offsets, packChecksum]);
  const idx = Buffer.concat([idxBody, createHash('sha1').update(idxBody).digest()]);

  const name = `pack-${packChecksum.toString('hex')}`;
  const pack = Buffer.concat(parts);
  for (let attempt = 1; ; attempt++) {
    // As git names its own: no .pack or .idx ending, for git opens every *.idx in the directory
    // and a killed write would leave a truncated one that fsck reports.
    const unique = `${process.pid}_${randomBytes(6).toString('hex')}`;
    const tempPack = join(packDir, `tmp_pack_${unique}`);
    const tempIdx = join(packDir, `tmp_idx_${unique}`);
    try {
      removingOnFailure([tempPack, tempIdx], () => {
        writeDurably(tempPack, pack);
        writeDurably(tempIdx, idx);
        shareLikeGit(tempPack, shared);
        shareLikeGit(tempIdx, shared);
        // Kept before git can see the pack: a `git repack -a -d` alongside would otherwise delete it
        // as unreachable before the ref holds its objects (git's receive-pack keeps its own so).
        fs.writeFileSync(join(packDir, `${name}.keep`), KEEP_REASON);
        fs.renameSync(tempPack, join(packDir, `${name}.pack`));
        fs.renameSync(tempIdx, join(packDir, `${name}.idx`));
      });
      return name;
    } catch (error) {
      // `git gc --prune=now` running alongside deletes every `tmp_*` file in the pack directory,
      // ours included, between our write and our rename. Write the pair again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
    }
  }
}

/** What a pack's .keep says while its objects are not yet reachable: who keeps it, as git's receive-pack writes. */
const KEEP_REASON = `datatrack ${process.pid} on ${hostname()}\n`;
const KEEP_PATTERN = /^datatrack (\d+) on (.+)\n?$/;

/** Lets git repack and prune the pack `name` again: the ref holds its objects now (or never will). */
export function releaseKeep(packDir: string, name: string): void {
  fs.rmSync(join(packDir, `${name}.keep`), { force: true });
}

/** The .keep files a killed (or interrupted) datatrack on this host left: their packs are git's to repack again. */
export function removeAbandonedKeeps(packDir: string): void {
  let files: string[];
  try {
    files = fs.readdirSync(packDir);
  } catch {
    return; // no packs yet
  }
  for (const file of files.filter((n) => n.endsWith('.keep'))) {
    let text: string;
    try {
      text = fs.readFileSync(join(packDir, file), 'utf8');
    } catch {
      continue;
    }
    const [, pid, host] = KEEP_PATTERN.exec(text) ?? [];
    if (pid === undefined || host !== hostname() || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    fs.rmSync(join(packDir, file), { force: true });
  }
}

/**
 * A pack up to this size is read whole once this many objects have been asked of it: reading a
 * snapshot takes most of a pack's objects, and one read beats a system call per object, while a
 * diff that reads a few dozen objects of a large pack should not read all of it.
 */
const WHOLE_PACK_BYTES = 64 * 1024 * 1024;
const WHOLE_PACK_AFTER_READS = 256;

/**
 * A pack's index as git wrote it, searched in place (the fan-out table, then a binary search of
 * the sorted ids), as git does: the snapshots share the repository with the team's history, whose
 * packs may hold millions of objects, and parsing every entry of them made each command pay for it.
 */
class PackIndex {
  private readonly count: number;
  private readonly ids = 8 + 256 * 4;
  private sortedOffsets: Float64Array | undefined;

  private constructor(private readonly idx: Buffer) {
    this.count = idx.readUInt32BE(8 + 255 * 4);
  }

  static read(path: string): PackIndex | undefined {
    let idx: Buffer;
    try {
      idx = fs.readFileSync(path);
    } catch {
      return undefined; // a concurrent repack removed it
    }
    if (idx.length < 8 + 256 * 4 || idx.readUInt32BE(0) !== IDX_MAGIC || idx.readUInt32BE(4) !== 2) return undefined;
    const index = new PackIndex(idx);
    // ids, CRCs, offsets and the two checksums at least: a truncated index is no index
    return idx.length >= index.ids + index.count * 28 + 40 ? index : undefined;
  }

  private offsetAt(i: number): number {
    const small = this.ids + this.count * 24; // after the ids (20 bytes each) and the CRCs (4 each)
    const offset = this.idx.readUInt32BE(small + i * 4);
    if (!(offset & 0x80000000)) return offset;
    return Number(this.idx.readBigUInt64BE(small + this.count * 4 + (offset & 0x7fffffff) * 8));
  }

  /** The offset of `oid` in the pack, or undefined when the pack does not hold it. */
  offsetOf(oid: string): number | undefined {
    if (oid.length !== 40) return undefined;
    const key = Buffer.from(oid, 'hex');
    if (key.length !== 20) return undefined;
    const first = key[0]!;
    let low = first === 0 ? 0 : this.idx.readUInt32BE(8 + (first - 1) * 4);
    let high = this.idx.readUInt32BE(8 + first * 4);
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = this.ids + mid * 20;
      const order = this.idx.compare(key, 0, 20, at, at + 20);
      if (order === 0) return this.offsetAt(mid);
      if (order > 0) high = mid;
      else low = mid + 1;
    }
    return undefined;
  }

  /** Where the entry at `offset` ends: the next entry's offset, or the pack's checksum. */
  endOf(offset: number, packSize: number): number | undefined {
    if (!this.sortedOffsets) {
      this.sortedOffsets = new Float64Array(this.count);
      for (let i = 0; i < this.count; i++) this.sortedOffsets[i] = this.offsetAt(i);
      this.sortedOffsets.sort();
    }
    const sorted = this.sortedOffsets;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    if (low === 0 || sorted[low - 1] !== offset) return undefined;
    return low < sorted.length ? sorted[low]! : packSize - 20;
  }
}

/** One pack: its index searched in place, the pack read on demand. */
class Pack {
  private fd: number | undefined;
  private whole: Buffer | undefined;
  private reads = 0;

  constructor(
    readonly path: string,
    readonly index: PackIndex,
    private readonly size: number,
  ) {}

  private read(position: number, length: number): Buffer {
    if (!this.whole && ++this.reads > WHOLE_PACK_AFTER_READS && this.size <= WHOLE_PACK_BYTES) this.whole = fs.readFileSync(this.path);
    if (this.whole) return this.whole.subarray(position, position + length);
    this.fd ??= fs.openSync(this.path, 'r');
    const buffer = Buffer.alloc(length);
    const got = fs.readSync(this.fd, buffer, 0, length, position);
    return got === length ? buffer : buffer.subarray(0, got);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.whole = undefined;
  }

  /** The object at `offset`, deltas resolved (`resolve` finds ref-delta bases anywhere). */
  objectAt(offset: number, resolve: (oid: string) => GitObject | undefined, depth = 0): GitObject | undefined {
    if (depth > 64) return undefined;
    const end = this.index.endOf(offset, this.size);
    if (end === undefined) return undefined;
    const raw = this.read(offset, end - offset);
    let i = 0;
    let byte = raw[i++]!;
    const type = (byte >> 4) & 7;
    // The inflated size (of the object, or of the delta): it sizes the output buffer.
    let size = byte & 0x0f;
    for (let shift = 16; byte & 0x80; shift *= 128) {
      byte = raw[i++]!;
      size += (byte & 0x7f) * shift;
    }
    if (TYPE_NAMES[type]) return { type: TYPE_NAMES[type]!, content: decompress(raw.subarray(i), size) };
    let base: GitObject | undefined;
    if (type === OFS_DELTA) {
      byte = raw[i++]!;
      let distance = byte & 0x7f;
      while (byte & 0x80) {
        byte = raw[i++]!;
        distance = (distance + 1) * 128 + (byte & 0x7f);
      }
      base = this.objectAt(offset - distance, resolve, depth + 1);
    } else if (type === REF_DELTA) {
      base = resolve(raw.toString('hex', i, i + 20));
      i += 20;
    }
    if (!base) return undefined;
    return { type: base.type, content: applyDelta(base.content, decompress(raw.subarray(i), size)) };
  }
}

function readVarint(data: Buffer, start: number): [number, number] {
  let value = 0;
  let shift = 1;
  let i = start;
  let byte: number;
  do {
    byte = data[i++]!;
    value += (byte & 0x7f) * shift;
    shift *= 128;
  } while (byte & 0x80);
  return [value, i];
}

export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let [, i] = readVarint(delta, 0); // base size
  let size: number;
  [size, i] = readVarint(delta, i);
  const out = Buffer.alloc(size);
  let at = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[i++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (1 << (4 + bit))) length += delta[i++]! * 2 ** (8 * bit);
      if (length === 0) length = 0x10000;
      at += base.copy(out, at, offset, offset + length);
    } else if (op > 0) {
      at += delta.copy(out, at, i, i + op);
      i += op;
    } else {
      throw new Error('invalid delta opcode 0');
    }
  }
  if (at !== size) throw new Error('delta does not produce its stated size');
  return out;
}

/** Every pack of an object directory, loaded on first use and reloaded on request. */
export class PackSet {
  private packs: Pack[] | undefined;

  constructor(private readonly packDir: string) {}

  private load(): Pack[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.packDir).filter((n) => n.startsWith('pack-') && n.endsWith('.idx'));
    } catch {
      return [];
    }
    const packs: Pack[] = [];
    for (const name of names) {
      const packPath = join(this.packDir, name.replace(/\.idx$/, '.pack'));
      const index = PackIndex.read(join(this.packDir, name));
      const size = fs.statSync(packPath, { throwIfNoEntry: false })?.size;
      if (index && size !== undefined) packs.push(new Pack(packPath, index, size));
    }
    return packs;
  }

  private all(): Pack[] {
    return (this.packs ??= this.load());
  }

  has(oid: string): boolean {
    return this.all().some((pack) => pack.index.offsetOf(oid) !== undefined);
  }

  /** The object from whichever pack holds it, or undefined (not packed, or not readable here). */
  read(oid: string, resolve: (oid: string) => GitObject | undefined): GitObject | undefined {
    for (const pack of this.all()) {
      const offset = pack.index.offsetOf(oid);
      if (offset === undefined) continue;
      try {
        return pack.objectAt(offset, resolve);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** Forget what was read: packs may have been rewritten (git gc, repack) since. */
  reload(): void {
    for (const pack of this.packs ?? []) pack.close();
    this.packs = undefined;
  }
}
