// fs.writeSync writes what it can and returns how much: on a disk that fills, or a file-size limit
// met, part-way through, a short count with the error lost (libuv reports an error only when
// nothing was written). Writing the rest until all is written makes the next call meet the error,
// and throw it, rather than leave a file cut short as if complete.
import { writeSync } from 'node:fs';

export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}
