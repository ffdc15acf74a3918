// Standard output that cannot be written ends the run: one line on stderr and the storage exit
// code, for every command and for oclif's own help and version, which run before any command.
import { EXIT } from '../errors.js';
import { printable } from '../util/printable.js';
import { writeAllSync } from '../util/write-all.js';
import { writeFailure } from '../util/write-file.js';

/** What a stdout error ends in; a reader that went away (`| head`) is no failure. */
export function stdoutFailed(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`datatrack: ${printable(writeFailure('to standard output', error).message)}\n`);
  process.exit(EXIT.storage);
}

/**
 * A stdout that is a file is written by Node with one fs.writeSync per chunk, its count unread: a
 * disk filling part-way left a document cut short, exit 0. Each chunk is written whole, or failed.
 *
 * A pipe Node writes without blocking: what its reader has not taken yet waits in memory (all of a
 * 150 MB SARIF document behind `| gzip`), and oclif, finding stdout still busy 10 s after the
 * command, ended the process with "timed out" (`datatrack lint | less`, read slowly). Written as
 * `cat` writes, each write waits for the reader instead; so it is set before anything is written.
 */
export function guardStdout(): void {
  const out = process.stdout as NodeJS.WriteStream & { _type?: string; fd: number; _handle?: { setBlocking?: (blocking: boolean) => number } };
  if (out._type === 'pipe') out._handle?.setBlocking?.(true);
  if (out._type !== 'fs') return;
  out._write = (chunk: Uint8Array, _encoding: BufferEncoding, done: (error?: Error | null) => void) => {
    try {
      writeAllSync(out.fd, chunk);
    } catch (error) {
      stdoutFailed(error as NodeJS.ErrnoException);
    }
    done();
  };
}

/** About how much of a document in pieces goes to stdout at a time: a write per piece would be 150,000 of them. */
const WRITE_BYTES = 1 << 20;

/**
 * Writes a document given in pieces, then a line break, as one `write` of the whole would have; an
 * empty document writes nothing at all.
 */
export function writePieces(pieces: Iterable<string>): void {
  let pending = '';
  let written = false;
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < WRITE_BYTES) continue;
    process.stdout.write(pending);
    [pending, written] = ['', true];
  }
  if (written || pending !== '') process.stdout.write(`${pending}\n`);
}
