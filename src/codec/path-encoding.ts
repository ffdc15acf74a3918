// Reversible encoding of identifiers as git tree entry names.
// Any identifier must round-trip, yet a tree entry may not contain `/` or NUL, may not be `.`,
// `..` or `.git` (nor what NTFS/HFS treat as `.git`), and should not carry characters that
// disguise what a reviewer reads (controls, bidi overrides). Those characters, `%` itself, a
// leading dot and a leading `git~N` are percent-encoded as UTF-8 bytes; everything else, case and
// Unicode included, stays as written so that `git log --stat` stays readable.

import { StorageError } from '../errors.js';

const ENCODED_CHAR = /[%/\\\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;
const EMPTY = '%';

function percent(ch: string): string {
  return Array.from(Buffer.from(ch, 'utf8'), (byte) => '%' + byte.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** Encodes one identifier as one tree entry name (without any suffix). */
export function encodeSegment(name: string): string {
  if (name === '') return EMPTY;
  let out = name.replace(ENCODED_CHAR, percent);
  if (out.startsWith('.')) out = '%2E' + out.slice(1);
  else if (/^git~[0-9]/i.test(out)) out = percent(out[0]!) + out.slice(1);
  return out;
}

/** Encodes a directory name: like a segment, and never ending in `.yaml`, which marks files. */
export function encodeDirectory(name: string): string {
  const out = encodeSegment(name);
  return out.endsWith('.yaml') ? out.slice(0, -5) + '%2Eyaml' : out;
}

/**
 * A tree entry no datatrack wrote (a bad or non-UTF-8 % escape: by hand, or another tool): storage
 * damage, said with what to do, wherever a reader meets it.
 */
function notWritten(segment: string, what: string): StorageError {
  return new StorageError(
    `snapshot tree entry ${JSON.stringify(segment)} has ${what}, which datatrack never writes; point the target's ref back at a good snapshot with \`git update-ref\` (\`git log\` on the ref lists them)`,
    'BAD_TREE_ENTRY',
  );
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeSegment(segment: string): string {
  if (segment === EMPTY) return '';
  if (!segment.includes('%')) return segment;
  const bytes: number[] = [];
  for (let i = 0; i < segment.length; ) {
    if (segment[i] === '%') {
      const hex = segment.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw notWritten(segment, 'a bad % escape');
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const code = segment.codePointAt(i)!;
      const ch = String.fromCodePoint(code);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  try {
    return UTF8.decode(Buffer.from(bytes));
  } catch {
    throw notWritten(segment, 'a % escape that is no UTF-8');
  }
}

export const FILE_SUFFIX = '.yaml';

export function encodeFileName(name: string): string {
  return encodeSegment(name) + FILE_SUFFIX;
}

export function decodeFileName(fileName: string): string {
  if (!fileName.endsWith(FILE_SUFFIX)) throw new Error(`not a snapshot file: ${JSON.stringify(fileName)}`);
  return decodeSegment(fileName.slice(0, -FILE_SUFFIX.length));
}
