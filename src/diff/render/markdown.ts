// The diff as Markdown for a pull-request comment: a summary table, then the changes grouped by
// impact with breaking ones first. Every database-sourced string is escaped so that a name can
// neither break the table nor inject markup.
import { cell, code, tableCode } from '../../util/markdown.js';
import { printable } from '../../util/printable.js';
import { shownApart } from '../../util/read-apart.js';
import { selectionMarkdown } from '../../util/selection.js';
import type { Change, ChangeAction, Impact } from '../change.js';
import { changeLabel, changePair, copiesNote, describeEndpoint, formatDefinition, IMPACT_ORDER, respelled, respelledFiles, summaryLine, valuesApart, type DiffDocument } from './common.js';

const HEADINGS: Record<Impact, string> = { breaking: '🔴 Breaking', caution: '🟡 Caution', safe: '🟢 Safe' };
const VERBS: Record<ChangeAction, string> = { add: 'added', remove: 'removed', modify: 'modified', rename: 'renamed' };

function detail(change: Change): string {
  const text = partDetail(change);
  const note = copiesNote(change);
  return note ? `${text}${text ? ' ' : ''}_(${note})_` : text;
}

function partDetail(change: Change): string {
  // names whole, as the object column shows them (a line break as one), where the text diff puts them on one line
  if (change.action === 'rename') return valuesApart(change.from, change.to).map((name) => tableCode(String(name))).join(' → ');
  if (change.action !== 'modify') return [formatDefinition(change) ? tableCode(formatDefinition(change)) : '', change.hint ? `_${cell(change.hint)}_` : ''].filter(Boolean).join(' ');
  const [from, to] = changePair(change);
  return `${tableCode(change.attribute ?? '')}: ${tableCode(from)} → ${tableCode(to)}${change.hint ? ` _${cell(change.hint)}_` : ''}`;
}

export function renderMarkdown(result: DiffDocument): string {
  const lines = [`### Schema diff ${code(describeEndpoint(result.from))} → ${code(describeEndpoint(result.to))}`, ''];
  // A comment read without stderr: the removals and additions of two engines compared would read as real ones.
  for (const warning of result.warnings ?? []) lines.push(`_Warning: ${cell(warning)}_`, '');
  const selection = selectionMarkdown(result.selection);
  if (selection) lines.push(selection, '');
  const same = respelledFiles(result.changes.length, result.stats);
  if (result.changes.length === 0) return [...lines, same ? `No schema changes (${respelled(same)}).` : 'No schema changes.', ''].join('\n');
  lines.push(summaryLine(result.summary, result.stats), '', '| impact | changes |', '|---|---:|');
  for (const impact of IMPACT_ORDER) lines.push(`| ${HEADINGS[impact]} | ${result.summary[impact]} |`);
  // Names that would read alike (é composed and decomposed) are spelled exactly, as the text diff spells them.
  const apart = shownApart(result.changes.map(changeLabel));
  const shown = (label: string) => (apart.get(label) === printable(label) ? label : apart.get(label)!);
  for (const impact of IMPACT_ORDER) {
    const changes = result.changes.filter((c) => c.impact === impact);
    if (changes.length === 0) continue;
    lines.push('', `#### ${HEADINGS[impact]} (${changes.length})`, '', '| change | object | detail |', '|---|---|---|');
    for (const change of changes) lines.push(`| ${change.object_type === undefined ? change.kind.replace(/_/g, ' ') : cell(change.object_type)} ${VERBS[change.action]} | ${tableCode(shown(changeLabel(change)))} | ${detail(change)} |`);
  }
  return [...lines, ''].join('\n');
}
