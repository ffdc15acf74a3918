// The --schema / --tables globs an export was narrowed by, recorded in the document itself: a
// reader of a filtered diff or snapshot, without the command line, would take what is left out
// for what does not exist or did not change.
import { code } from './markdown.js';
import { redactUrl } from './redact.js';

export interface Selection {
  schemas?: string[];
  tables?: string[];
}

/** The globs given, or nothing when the export is whole. A URL given for a glob by mistake keeps its password out of the document. */
export function selectionOf(request: Selection): Selection | undefined {
  const selection: Selection = {};
  if (request.schemas?.length) selection.schemas = request.schemas.map(redactUrl);
  if (request.tables?.length) selection.tables = request.tables.map(redactUrl);
  return Object.keys(selection).length ? selection : undefined;
}

/** One Markdown sentence saying what the document holds, for its top. */
export function selectionMarkdown(selection: Selection | undefined): string | undefined {
  if (selection === undefined) return undefined;
  const globs = (list: string[]) => list.map(code).join(', ');
  const parts = [
    ...(selection.schemas ? [`schemas matching ${globs(selection.schemas)}`] : []),
    ...(selection.tables ? [`tables and views matching ${globs(selection.tables)} (no other kind of object)`] : []),
  ];
  return `_Only ${parts.join('; only ')}: the rest is left out._`;
}
