// The line of a snapshot file that a finding is about (the table, or the column / index / key
// inside it), for SARIF regions and GitHub annotations. The file's text is re-emitted from the
// model: canonical YAML is byte-identical to what the snapshot stores, and only files with
// findings are emitted.
import { objectPath } from '../../codec/layout.js';
import { emitYaml } from '../../codec/yaml-emit.js';
import { canonicalObject } from '../../model/canonical.js';
import type { SchemaObject } from '../../model/types.js';
import type { FindingLocation } from '../findings.js';

export type LineOf = (location: FindingLocation) => number;

function findLine(lines: string[], part: NonNullable<FindingLocation['part']>): number {
  const start = lines.findIndex((line) => line === `${part.section}:` || line.startsWith(`${part.section}: `));
  if (start < 0) return 1;
  if (part.name === undefined && part.index === undefined) return start + 1;
  // The member's `- name: …` as the file spells it: a name with a line break is a literal block
  // whose first line (`- name: |-`) every such name shares, so all its lines must match.
  const nameLines = part.name === undefined ? undefined : emitYaml({ name: part.name }).replace(/\n$/, '').split('\n').map((line, i) => (i === 0 ? `  - ${line}` : line === '' ? '' : `    ${line}`));
  let item = -1;
  for (let i = start + 1; i < lines.length && (lines[i]!.startsWith(' ') || lines[i] === ''); i++) {
    if (!lines[i]!.startsWith('  - ')) continue;
    item++;
    if (nameLines !== undefined ? nameLines.every((line, k) => lines[i + k] === line) : item === part.index) return i + 1;
  }
  return start + 1;
}

export function lineFinder(objects: readonly SchemaObject[]): LineOf {
  const byFile = new Map(objects.map((o) => [objectPath(o).join('/'), o]));
  const texts = new Map<string, string[]>();
  return (location) => {
    if (!location.part) return 1;
    let lines = texts.get(location.file);
    if (!lines) {
      const object = byFile.get(location.file);
      lines = object ? emitYaml(canonicalObject(object)).split('\n') : [];
      texts.set(location.file, lines);
    }
    return findLine(lines, location.part);
  };
}
