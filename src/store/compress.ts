// zlib for git objects, loose and packed. git inflates any zlib stream, so the settings only trade
// speed against size. Two of zlib's defaults cost more than the compression of a small object:
// each call allocates about 256 KiB of state (a window and hash table sized for large inputs), and
// its result is a slice of a fresh 16 KiB output buffer that stays alive as long as the result
// does (10,000 objects held 160 MB). Small inputs get a 4 KiB window and an output buffer of
// their own size.
import { deflateSync, inflateSync } from 'node:zlib';

/** Inputs up to this size fit a 4 KiB window (zlib keeps 262 bytes of look-ahead). */
const SMALL_INPUT = 4096 - 262;
/** zlib's default output chunk, and the smallest it accepts. */
const DEFAULT_CHUNK = 16 * 1024;
const MIN_CHUNK = 64;

/** An output chunk that holds `bytes` in one piece, never larger than zlib's default. */
function chunkFor(bytes: number): number {
  return Math.min(DEFAULT_CHUNK, Math.max(MIN_CHUNK, bytes));
}

export function compress(data: Buffer): Buffer {
  // Level 1 output exceeds its input by a few bytes at most (stored blocks, header, checksum).
  const chunkSize = chunkFor(data.length + 64);
  return deflateSync(data, data.length <= SMALL_INPUT ? { level: 1, windowBits: 12, memLevel: 7, chunkSize } : { level: 1, chunkSize });
}

/** Inflates a zlib stream; `expectedSize`, when known (a pack entry's header), sizes the output. */
export function decompress(data: Buffer, expectedSize?: number): Buffer {
  return inflateSync(data, expectedSize === undefined ? {} : { chunkSize: chunkFor(expectedSize + 1) });
}
