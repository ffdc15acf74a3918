// Lock files that say whose they are: created with their owner's mark in one step (a hard link of a
// finished file fails when the lock exists, so no one ever sees an empty lock), and removable by
// anyone once that owner, a process of this host, is gone (killed with -9 while holding it).
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { processAlive } from './process-alive.js';

/** What a datatrack lock holds: whose it is, so a dead owner's can go. */
const OWNER = `datatrack-lock ${process.pid} ${hostname()}\n`;

/** Takes the lock at `path`, false when it is taken; `scratch` is a fresh path beside it, for the mark. */
export function takeOwnedLock(path: string, scratch: string): boolean {
  try {
    fs.writeFileSync(scratch, OWNER);
    fs.linkSync(scratch, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

/**
 * Removes the lock at `path` when a datatrack process of this host that no longer runs holds it;
 * true when it is gone (or was released meanwhile). A lock of git's, of a live process or of another
 * host is never removed. It is first moved aside (to `scratch`) and checked there, so a lock another
 * process took meanwhile is put back rather than lost.
 */
export function removeIfAbandoned(path: string, scratch: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    return true; // released meanwhile: try again at once
  }
  const match = /^datatrack-lock (\d+) (\S+)\n$/.exec(text);
  if (!match || match[2] !== hostname() || Number(match[1]) === process.pid || processAlive(Number(match[1]))) return false;
  try {
    fs.renameSync(path, scratch);
  } catch {
    return true;
  }
  if (fs.readFileSync(scratch, 'utf8') !== text) {
    try {
      fs.linkSync(scratch, path); // not ours to remove: put it back unless its place is taken
    } catch {
      // its owner finished or another lock stands there now
    }
  }
  fs.rmSync(scratch, { force: true });
  return true;
}
