// The object directories a repository reads from: its own, then those GIT_ALTERNATE_OBJECT_DIRECTORIES
// and its `objects/info/alternates` name (`git clone --shared` or `--reference`, CI object caches)
// and, recursively, theirs, in git's order (gitrepository-layout(5); git's object-file.c
// prepare_alt_odb). Objects are only ever written to the repository's own directory.
import * as fs from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { realPath } from '../util/real-path.js';

/** git reads alternates of alternates this many levels deep, and ignores (with a warning) deeper ones. */
const MAX_DEPTH = 5;

/** `objectsDir` itself, then every usable alternate, each once. */
export function objectDirectories(objectsDir: string): string[] {
  const found = [objectsDir];
  const seen = new Set([realPath(objectsDir) ?? objectsDir]);
  const use = (alternate: string | undefined, depth: number) => {
    // As git does: an entry that names no directory, or one already read, is skipped.
    if (depth > MAX_DEPTH || !alternate || seen.has(alternate) || !fs.statSync(alternate, { throwIfNoEntry: false })?.isDirectory()) return;
    seen.add(alternate);
    found.push(alternate);
    for (const entry of alternateEntries(alternate)) use(resolveAlternate(alternate, entry), depth + 1);
  };
  for (const entry of environmentEntries()) use(realPath(resolve(entry)), 0);
  for (const entry of alternateEntries(objectsDir)) use(resolveAlternate(objectsDir, entry), 0);
  return found;
}

/**
 * The paths in a directory's alternates file: one a line, `#` starting a comment. git writes a
 * path in C quotes only when it holds a newline or starts with a quote; such an entry names no
 * directory here, and its objects are read through git (objects.ts).
 */
function alternateEntries(objectsDir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(join(objectsDir, 'info', 'alternates'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/** The paths GIT_ALTERNATE_OBJECT_DIRECTORIES lists (as git's hooks and quarantine set it), quoted ones left to git as in alternateEntries. */
function environmentEntries(): string[] {
  return (process.env.GIT_ALTERNATE_OBJECT_DIRECTORIES ?? '').split(delimiter).filter((entry) => entry !== '' && !entry.startsWith('"'));
}

/**
 * A relative entry is relative to the objects directory whose file names it. Both are resolved
 * physically, as git does: `..` after a symbolic link leaves the link's target.
 */
function resolveAlternate(objectsDir: string, entry: string): string | undefined {
  if (isAbsolute(entry)) return realPath(entry);
  const base = realPath(objectsDir);
  return base === undefined ? undefined : realPath(`${base}/${entry}`);
}
