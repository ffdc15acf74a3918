// Reading YAML files that people edit (config, rules): safe parsing, size, depth and alias limits, and
// errors that point at file:line:column, for syntax and for content alike.
import * as fs from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from '#yaml';
import { documentProblem, TOO_DEEP, tooDeepAt } from '../codec/yaml-parse.js';
import { UsageError } from '../errors.js';

// Far above any real config or rules file (tens of kilobytes), and low enough that the largest
// file accepted still parses in well under a second and 100 MB.
export const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_ALIASES = 50;

export interface YamlFile {
  path: string;
  /** The displayed name (relative path) used in messages. */
  label: string;
  document: Document;
  lines: LineCounter;
  value: unknown;
}

export class YamlFileError extends UsageError {
  constructor(label: string, line: number | undefined, column: number | undefined, problem: string) {
    const where = line === undefined ? label : `${label}:${line}:${column ?? 1}`;
    super(`${where}: ${problem}`, 'CONFIG_INVALID', undefined, { file: label, line, column });
  }
}

/** Why a file could not be read, in words: Node's "ENOENT: no such file or directory, stat '/abs/…'" repeats the path. */
const READ_FAILURES: Record<string, string> = {
  ENOENT: 'no such file; check the path',
  ENOTDIR: 'a part of the path is a file, not a directory; check the path',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

const SAVE_AS = 'save it as UTF-8 (with LF or CRLF line endings)';

/**
 * The file's text, without a UTF-8 byte order mark (it would count as a column of line 1). A file
 * in UTF-16 or another encoding than UTF-8 is refused: read as UTF-8 it would be one error that
 * says nothing of the cause, or values with replacement characters in them.
 */
function decodedText(bytes: Buffer, label: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new YamlFileError(label, undefined, undefined, `it is saved as UTF-16; ${SAVE_AS}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const good = bytes.subarray(0, firstInvalidUtf8(bytes)).toString('utf8');
    const { line, column } = positionOf(good, good.length);
    throw new YamlFileError(label, line, column, `it is not UTF-8 text (another encoding, such as Latin-1 or Windows-1252); ${SAVE_AS}`);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest prefix that decodes (a cut sequence at its end does not).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * A character the parser would misread rather than refuse: a carriage return alone (an old Mac
 * line ending), which YAML counts as a line break and the parser does not, so that the lines after
 * a comment were read as part of it; a control character YAML does not allow (a NUL, a Ctrl-Z an
 * editor left at the end), which the parser reports as a syntax error that does not name it.
 */
function unreadableCharacter(text: string, label: string): void {
  const found = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (!found) return;
  const { line, column } = positionOf(text, found.index);
  if (found[0] === '\r') throw new YamlFileError(label, line, column, `a carriage return without a line feed (an old Mac line ending), which is not read as a line break here; ${SAVE_AS}`);
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new YamlFileError(label, line, column, `a control character (U+${code}) that YAML does not allow; remove it`);
}

export function readYamlFile(path: string, label: string): YamlFile {
  let text: string;
  try {
    const found = fs.statSync(path);
    // A device or a pipe has no size to check: /dev/zero would be read until memory runs out, a FIFO waited on for ever.
    if (!found.isFile() && !found.isDirectory()) throw new YamlFileError(label, undefined, undefined, 'it is not a regular file (a device or a pipe); make it one');
    const size = found.size;
    if (size > MAX_CONFIG_BYTES) throw new YamlFileError(label, undefined, undefined, `file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES}`);
    text = decodedText(fs.readFileSync(path), label);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = READ_FAILURES[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
    throw new YamlFileError(label, undefined, undefined, `cannot read it: ${reason}`);
  }
  unreadableCharacter(text, label);
  const deep = tooDeepAt(text);
  if (deep) throw new YamlFileError(label, deep.line, deep.column, TOO_DEEP);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: false, schema: 'core', prettyErrors: true, strict: true });
  const problem = documentProblem(document);
  if (problem) throw new YamlFileError(label, problem.line ?? 1, problem.column ?? 1, problem.message);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // Too many aliases (a "billion laughs" file): point at the first alias.
    let offset: number | undefined;
    visit(document, { Alias: (_key, node) => ((offset = node.range?.[0]), visit.BREAK) });
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    throw new YamlFileError(label, pos?.line ?? 1, pos?.col ?? 1, (error as Error).message);
  }
  return { path, label, document, lines, value };
}

/** The YAML node at a key path (or, with `key`, the last key itself), to point an error at it. */
function nodeAt(document: Document, keys: (string | number)[], key: boolean): Node | undefined {
  let node: unknown = document.contents;
  for (const [i, k] of keys.entries()) {
    if (key && i === keys.length - 1 && isMap(node)) {
      return node.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === k)?.key as Node | undefined;
    }
    if (!isMap(node) && !isSeq(node)) return undefined;
    node = node.get(k, true);
  }
  return node as Node | undefined;
}

/** Whether the value at `keys` is written as a quoted scalar ('no', "off"): text, where a plain one may be a YAML 1.1 boolean. */
export function isQuotedAt(file: YamlFile, keys: (string | number)[]): boolean {
  const node = nodeAt(file.document, keys, false);
  return isScalar(node) && (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE');
}

/** Where the value at `keys` starts (or the nearest parent); with `atKey`, where the last key starts. */
export function positionAt(file: YamlFile, keys: (string | number)[], atKey = false): { line: number; column: number } {
  for (let n = keys.length; n >= 0; n--) {
    const node = nodeAt(file.document, keys.slice(0, n), atKey && n === keys.length);
    const offset = node?.range?.[0];
    if (offset !== undefined) {
      const pos = file.lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * An error about the value at `keys`, positioned at that value (or the nearest parent); with
 * `atKey`, at the key itself (for unknown keys).
 */
export function errorAt(file: YamlFile, keys: (string | number)[], problem: string, atKey = false): YamlFileError {
  const { line, column } = positionAt(file, keys, atKey);
  return new YamlFileError(file.label, line, column, problem);
}
