// Files written where the user points (`export -o`, `pipeline run --summary`): a directory that
// does not exist yet is made, as `mkdir -p` would, rather than failing after all the work is done.
import * as fs from 'node:fs';
import { dirname } from 'node:path';

export function writeFileMakingDirectories(path: string, content: string | Buffer): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  fs.writeFileSync(path, content);
}
