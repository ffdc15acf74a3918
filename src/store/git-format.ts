// The byte formats of git tree and commit objects, written and read here so that every object
// datatrack stores goes through the same atomic writer (objects.ts).
import { StorageError } from '../errors.js';

export const TREE_MODE = '40000';
export const BLOB_MODE = '100644';

export interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
}

/** git sorts tree entries by name, comparing a subtree's name as if it ended in '/'. */
function sortKey(entry: TreeEntry): Buffer {
  return Buffer.from(entry.mode === TREE_MODE ? `${entry.name}/` : entry.name, 'utf8');
}

export function serializeTree(entries: TreeEntry[]): Buffer {
  const sorted = entries.map((e) => ({ e, key: sortKey(e) })).sort((a, b) => Buffer.compare(a.key, b.key));
  const parts: Buffer[] = [];
  for (const { e } of sorted) {
    parts.push(Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex'));
  }
  return Buffer.concat(parts);
}

export function parseTree(content: Buffer, oid: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let i = 0;
  while (i < content.length) {
    const space = content.indexOf(0x20, i);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > content.length) throw new StorageError(`tree ${oid} is corrupt`, 'CORRUPT_OBJECT');
    const mode = content.toString('latin1', i, space);
    entries.push({ mode: mode === '040000' ? TREE_MODE : mode, name: content.toString('utf8', space + 1, nul), oid: content.toString('hex', nul + 1, nul + 21) });
    i = nul + 21;
  }
  return entries;
}

/**
 * The entry named `name` of a tree, read without decoding the others: one file looked up in a
 * tree of 10,000 (an object's history, snapshot by snapshot) costs a scan of bytes, not 10,000 entries.
 */
export function findTreeEntry(content: Buffer, oid: string, name: string): TreeEntry | undefined {
  const wanted = Buffer.from(name, 'utf8');
  let i = 0;
  while (i < content.length) {
    const space = content.indexOf(0x20, i);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 21 > content.length) throw new StorageError(`tree ${oid} is corrupt`, 'CORRUPT_OBJECT');
    if (nul - space - 1 === wanted.length && content.subarray(space + 1, nul).equals(wanted)) {
      const mode = content.toString('latin1', i, space);
      return { mode: mode === '040000' ? TREE_MODE : mode, name, oid: content.toString('hex', nul + 1, nul + 21) };
    }
    i = nul + 21;
  }
  return undefined;
}

export interface Signature {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Minutes east of UTC. */
  timezoneOffset: number;
}

export interface CommitData {
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Names and e-mails go into a header line: no angle brackets or line breaks may survive. */
function identPart(text: string): string {
  return text.replace(/[<>\n\r\0]/g, '').trim();
}

export function formatSignature(s: Signature): string {
  return `${identPart(s.name)} <${identPart(s.email)}> ${s.timestamp} ${formatOffset(s.timezoneOffset)}`;
}

export function serializeCommit(commit: CommitData): Buffer {
  const lines = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`)];
  lines.push(`author ${formatSignature(commit.author)}`, `committer ${formatSignature(commit.committer)}`);
  const message = commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`;
  return Buffer.from(`${lines.join('\n')}\n\n${message}`, 'utf8');
}

function parseSignature(text: string): Signature {
  const match = /^(.*) <(.*)> (\d+) ([+-])(\d\d)(\d\d)$/.exec(text);
  if (!match) return { name: text, email: '', timestamp: 0, timezoneOffset: 0 };
  const offset = Number(match[5]) * 60 + Number(match[6]);
  return { name: match[1]!, email: match[2]!, timestamp: Number(match[3]), timezoneOffset: match[4] === '-' ? -offset : offset };
}

export function parseCommit(content: Buffer, oid: string): CommitData {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const commit: Partial<CommitData> & { parents: string[] } = { parents: [], message: split < 0 ? '' : text.slice(split + 2) };
  for (const line of headers) {
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') commit.tree = value;
    else if (key === 'parent') commit.parents.push(value);
    else if (key === 'author') commit.author = parseSignature(value);
    else if (key === 'committer') commit.committer = parseSignature(value);
  }
  if (!commit.tree || !commit.author || !commit.committer) throw new StorageError(`commit ${oid} is corrupt`, 'CORRUPT_OBJECT');
  return commit as CommitData;
}
