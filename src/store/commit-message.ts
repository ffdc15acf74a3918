// Snapshot commit messages (DESIGN §4): a subject with the counts, a body listing changed objects
// by tree path, and trailers that `history` and `git log --format=%(trailers)` read without
// opening a tree. Everything written here is escaped so no identifier can forge a trailer.
import { printable } from '../util/printable.js';
import { redactUrl } from '../util/redact.js';

export interface SnapshotFacts {
  target: string;
  dialect: string;
  server: string;
  database: string;
  tables: number;
  objects: number;
}

export type ChangeAction = '+' | '~' | '-';

export interface ChangedPath {
  action: ChangeAction;
  /** Tree path without the `.yaml` suffix (already safe to print: path-encoding escapes controls). */
  path: string;
}

export interface SnapshotMessage extends SnapshotFacts {
  added: number;
  modified: number;
  removed: number;
  /** Undefined for a first snapshot, whose objects are all added. */
  changes: ChangedPath[] | undefined;
  note?: string;
}

const TRAILERS: [keyof SnapshotFacts, string][] = [
  ['target', 'Datatrack-Target'],
  ['dialect', 'Datatrack-Dialect'],
  ['server', 'Datatrack-Server'],
  ['database', 'Datatrack-Database'],
  ['tables', 'Datatrack-Tables'],
  ['objects', 'Datatrack-Objects'],
];

/** A user's -m text: kept as paragraphs, but never able to reach the trailer block. */
/** A note goes into a git object for good: a connection URL pasted into it keeps no password. */
function sanitizeNote(note: string): string {
  return redactUrl(note)
    .split(/\r?\n/)
    .map((line) => printable(line).trimEnd())
    .join('\n')
    .trim();
}

export function formatSubject(m: Pick<SnapshotMessage, 'target' | 'tables' | 'added' | 'modified' | 'removed'>): string {
  return `snapshot ${m.target}: ${m.tables} tables (+${m.added} ~${m.modified} -${m.removed})`;
}

export function formatCommitMessage(m: SnapshotMessage): string {
  const paragraphs = [formatSubject(m)];
  const note = m.note ? sanitizeNote(m.note) : '';
  if (note) paragraphs.push(note);
  if (m.changes === undefined) paragraphs.push(`first snapshot: ${m.objects} objects`);
  else if (m.changes.length > 0) paragraphs.push(m.changes.map((c) => `${c.action} ${c.path}`).join('\n'));
  paragraphs.push(TRAILERS.map(([key, name]) => `${name}: ${printable(String(m[key]))}`).join('\n'));
  return paragraphs.join('\n\n') + '\n';
}

export interface ParsedSnapshotMessage extends Partial<SnapshotFacts> {
  subject: string;
  added?: number;
  modified?: number;
  removed?: number;
  changes?: ChangedPath[];
  first: boolean;
  /** The -m text, when there was one. */
  note?: string;
}

/** Reads back what formatCommitMessage wrote; tolerant of commits written by anything else. */
export function parseCommitMessage(message: string): ParsedSnapshotMessage {
  const paragraphs = message.replace(/\n+$/, '').split('\n\n');
  const subject = paragraphs[0] ?? '';
  const parsed: ParsedSnapshotMessage = { subject, first: false };
  const counts = /\(\+(\d+) ~(\d+) -(\d+)\)$/.exec(subject);
  if (counts) [parsed.added, parsed.modified, parsed.removed] = counts.slice(1).map(Number) as [number, number, number];
  const trailerBlock = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1]! : '';
  for (const line of trailerBlock.split('\n')) {
    const entry = TRAILERS.find(([, name]) => line.startsWith(`${name}: `));
    if (!entry) continue;
    const value = line.slice(entry[1].length + 2);
    const key = entry[0];
    if (key === 'tables' || key === 'objects') parsed[key] = Number(value);
    else parsed[key] = value;
  }
  // The body is positional: the note's paragraphs, then the "first snapshot" line or the change
  // list (absent when nothing changed), just before the trailers. Read from the end, so a note
  // that looks like a change list ("- fixed the index") or a first-snapshot line stays a note
  // (history, show and a pull's replay would otherwise lose it).
  const body = paragraphs.slice(1, -1);
  const last = body[body.length - 1];
  if (last !== undefined && /^first snapshot: \d+ objects$/.test(last)) {
    parsed.first = true;
    body.pop();
  } else if (last !== undefined) {
    const lines = last.split('\n');
    const counted = parsed.added === undefined ? undefined : parsed.added + parsed.modified! + parsed.removed!;
    // A path may begin with a space (a schema named " lead"): only the action and its one space are fixed.
    if (lines.every((line) => /^[+~-] ./.test(line)) && (counted === undefined || counted === lines.length)) {
      parsed.changes = lines.map((line) => ({ action: line[0] as ChangeAction, path: line.slice(2) }));
      body.pop();
    }
  }
  if (body.length) parsed.note = body.join('\n\n');
  return parsed;
}
