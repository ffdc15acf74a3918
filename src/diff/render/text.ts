// The human diff: `git diff --stat` meets a schema. One line per object with its action mark,
// then one line per change inside it (`+`/`-`/`~`/`>` with old → new), each tagged with its impact.
import { isUnnamedLabel } from '../../codec/readable-name.js';
import { displayWidth } from '../../util/display-width.js';
import { printable } from '../../util/printable.js';
import { shownApart } from '../../util/read-apart.js';
import { textNamePart } from '../../util/qualified-name.js';
import type { Change, ChangeAction, Impact } from '../change.js';
import { changePair, copiesNote, describeEndpoint, formatDefinition, groupChanges, partName, renamedNames, summaryLine, type ChangeGroup, type DiffDocument } from './common.js';

export type Paint = (style: 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold', text: string) => string;

const MARKS: Record<ChangeAction, { mark: string; style: 'green' | 'red' | 'yellow' | 'cyan' }> = {
  add: { mark: '+', style: 'green' },
  remove: { mark: '-', style: 'red' },
  modify: { mark: '~', style: 'yellow' },
  rename: { mark: '>', style: 'cyan' },
};
const IMPACT_STYLE: Record<Impact, 'red' | 'yellow' | 'dim'> = { breaking: 'red', caution: 'yellow', safe: 'dim' };

function worst(changes: Change[]): Impact {
  return changes.some((c) => c.impact === 'breaking') ? 'breaking' : changes.some((c) => c.impact === 'caution') ? 'caution' : 'safe';
}

function detail(change: Change): string {
  if (change.action === 'rename') return renamedNames(change).join(' → ');
  if (change.action !== 'modify') return formatDefinition(change);
  const [from, to] = changePair(change);
  return `${printable(change.attribute ?? '')}: ${from} → ${to}`;
}

/**
 * `index orders_total`; a part without a name is labelled by its kind already (`primary_key`,
 * `foreign_key(a)`): said once. A name holding a dot or a quote is quoted, as in a label
 * (`column "a.b"`), or where it ends could not be told from what follows; so is one of which
 * printing would hide part (`column "c "`), which is why the name is made printable after.
 */
const kindAndName = (kind: string, name: string) => (isUnnamedLabel(kind, name) ? name : `${kind} ${textNamePart(name)}`);

function changeLine(group: ChangeGroup, change: Change, paint: Paint): string[] {
  const { mark, style } = MARKS[change.action];
  const self = change.object === group.owner;
  // A rename names both the old and the new name in its detail.
  const what = self ? '' : change.action === 'rename' ? change.kind : printable(kindAndName(change.kind, partName(group, change)));
  const text = [what, detail(change)].filter(Boolean).join(self ? '' : ' ');
  const note = copiesNote(change);
  const copies = note ? ` ${paint('dim', `(${note})`)}` : '';
  const lines = [`    ${paint(style, mark)} ${text}${copies}  ${paint(IMPACT_STYLE[change.impact], change.impact)}`];
  if (change.hint) lines.push(`      ${paint('dim', `hint: ${printable(change.hint)}`)}`);
  return lines;
}

function groupHeader(group: ChangeGroup, paint: Paint, shown: string, extra = ''): string {
  const { mark, style } = MARKS[group.whole?.action ?? 'modify'];
  const label = `${paint(style, mark)} ${group.kind} ${paint('bold', shown)}`;
  const impact = worst(group.changes);
  return `${label}${extra}  ${paint(IMPACT_STYLE[impact], impact)}`;
}

/** The lines under an object's header: what changed in it, part by part (the whole object's add or remove is the header). */
function groupBody(group: ChangeGroup, paint: Paint): string[] {
  const lines: string[] = [];
  for (const change of group.changes) {
    if (change === group.whole && change.action !== 'rename') {
      if (change.hint) lines.push(`      ${paint('dim', `hint: ${printable(change.hint)}`)}`);
      continue;
    }
    lines.push(...changeLine(group, change, paint));
  }
  return lines;
}

/** What changed inside objects, without headers: one line per change (`history OBJECT` under each snapshot). */
export function renderChangeLines(changes: Change[], paint: Paint): string[] {
  return groupChanges(changes).flatMap((group) => groupBody(group, paint));
}

export interface TextOptions {
  stat?: boolean;
  nameOnly?: boolean;
}

export function renderText(result: DiffDocument, paint: Paint, options: TextOptions = {}): string[] {
  const groups = groupChanges(result.changes);
  const shown = shownApart(groups.map((g) => g.label));
  if (options.nameOnly) return groups.map((g) => shown.get(g.label)!);
  const lines = [paint('yellow', `diff ${describeEndpoint(result.from)} → ${describeEndpoint(result.to)}`)];
  const width = Math.max(0, ...groups.map((g) => displayWidth(shown.get(g.label)!) + g.kind.length));
  for (const group of groups) {
    if (options.stat) {
      const counts = (['add', 'remove', 'modify', 'rename'] as const).map((a) => [MARKS[a].mark, group.changes.filter((c) => c.action === a).length] as const);
      const pad = ' '.repeat(width - displayWidth(shown.get(group.label)!) - group.kind.length);
      // A change made on a parent's partitions or children too says so here, as in the full diff.
      const copies = group.changes.map(copiesNote).find(Boolean);
      lines.push(groupHeader(group, paint, shown.get(group.label)!, `${pad} | ${counts.filter(([, n]) => n).map(([m, n]) => `${m}${n}`).join(' ')}${copies ? ` (${copies})` : ''}`));
      continue;
    }
    lines.push(groupHeader(group, paint, shown.get(group.label)!), ...groupBody(group, paint));
  }
  lines.push('', summaryLine(result.summary, result.stats));
  if (result.changes.some((c) => c.hint?.startsWith('likely renamed'))) {
    lines.push(paint('dim', 'a likely rename can be recorded in .datatrack/config.yaml (renames: {old.path: new.path}) to diff it as one'));
  }
  return lines;
}
