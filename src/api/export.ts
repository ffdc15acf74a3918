// export: a snapshot (YAML, JSON, Markdown docs, a Mermaid ER diagram) or the diff between two
// snapshots (YAML, JSON, Markdown) from git as one document, by default where the Python tool
// wrote it (.databases/exports/<db_name>/latest_<type>.<ext>).
import { join, resolve, sep } from 'node:path';
import { parsePath, type ParsedPath } from '../codec/layout.js';
import { emitYaml } from '../codec/yaml-emit.js';
import type { Change } from '../diff/change.js';
import { renderMarkdown as renderDiffMarkdown } from '../diff/render/markdown.js';
import { UsageError } from '../errors.js';
import { renderMarkdown } from '../export/markdown.js';
import { renderMermaid } from '../export/mermaid.js';
import { snapshotDocument, type Provenance } from '../export/snapshot-document.js';
import { objectName } from '../model/canonical.js';
import type { Snapshot } from '../model/types.js';
import { applyScope, globToRegExp, schemaInScope } from '../snapshot/scope.js';
import { readSnapshot, type SnapshotReader } from '../store/read-snapshot.js';
import { refuseOtherTarget, resolveRevision, revisionTarget } from '../store/revisions.js';
import { plural } from '../util/plural.js';
import { redactUrl } from '../util/redact.js';
import { writeFileMakingDirectories } from '../util/write-file.js';
import { selectionOf } from '../util/selection.js';
import { diffIn, summarize, type DiffResult } from './diff.js';
import { openWorkspace, snapshotTargetOnDemand, type Workspace } from './workspace.js';

export const EXPORT_TYPES = ['snapshot', 'diff'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];
export const EXPORT_FORMATS = ['yaml', 'json', 'markdown', 'mermaid'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FORMATS: Record<ExportType, readonly ExportFormat[]> = { snapshot: EXPORT_FORMATS, diff: ['yaml', 'json', 'markdown'] };
const EXTENSIONS: Record<ExportFormat, string> = { yaml: 'yaml', json: 'json', markdown: 'md', mermaid: 'mmd' };

export interface ExportRequest {
  cwd: string;
  target?: string;
  /** Snapshot: the revision to export. Diff: `A..B`, or `A` (A against its target's latest); default the latest change. */
  rev?: string;
  type: ExportType;
  format: ExportFormat;
  /** A file path, `-` for the caller to print, or undefined for the default location. */
  output?: string;
  /** Schema name globs: export only these (for big schemas). */
  schemas?: string[];
  /** Table and view name globs (`name` or `schema.name`): export only those tables and views. */
  tables?: string[];
  /** Where default-located exports go instead of `.databases/exports` (pipeline run --export-dir). */
  exportDir?: string;
  /** How a whole snapshot is read (pipeline run shares the one lint and verify read). */
  read?: SnapshotReader;
}

export interface ExportResult {
  type: ExportType;
  format: ExportFormat;
  /** The snapshot exported; for a diff, its newer side. */
  commit: string | null;
  /** For a diff, its older side (null before a first snapshot). */
  from?: string | null;
  /** Where the export was written; `-` when it is returned in `content` instead. */
  path: string;
  content?: string;
  /** What the export may not do for its reader: a filter that matched nothing, a diagram too big to render. */
  warnings: string[];
}

function renderSnapshot(snapshot: Snapshot, provenance: Provenance, format: ExportFormat): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(snapshot, provenance);
    case 'mermaid':
      return renderMermaid(snapshot);
    case 'json':
      return `${JSON.stringify(snapshotDocument(snapshot, provenance), null, 2)}\n`;
    default:
      return emitYaml(snapshotDocument(snapshot, provenance));
  }
}

function renderDiff(result: DiffResult, format: ExportFormat): string {
  if (format === 'markdown') return renderDiffMarkdown(result);
  return format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : emitYaml(result as unknown as Record<string, unknown>);
}

/** What `--tables` chooses among; with it, other kinds (sequences, types, routines …) are left out. */
const TABLE_KINDS = new Set<string>(['table', 'view', 'materialized_view', 'virtual_table']);

/** Whether an object passes the `tables` globs (everything passes without any). */
function tableFilter(globs: string[] | undefined): (object: { schema: string; kind: string; name: string }) => boolean {
  if (!globs?.length) return () => true;
  const patterns = globs.map(globToRegExp);
  return (o) => TABLE_KINDS.has(o.kind) && patterns.some((p) => p.test(o.name) || p.test(`${o.schema}.${o.name}`));
}

interface Document {
  content: string;
  commit: string | null;
  from?: string | null;
  database: string | undefined;
  warnings: string[];
}

/** Mermaid's defaults (maxTextSize, maxEdges): a bigger diagram parses but does not render (GitHub, mermaid.live). */
const MERMAID_LIMITS = { characters: 50_000, relationships: 500 };

function mermaidWarnings(content: string): string[] {
  const relationships = content.split('\n').filter((line) => / }o--/.test(line)).length;
  if (content.length <= MERMAID_LIMITS.characters && relationships <= MERMAID_LIMITS.relationships) return [];
  return [
    `the diagram has ${content.length} characters and ${relationships} relationships, more than Mermaid renders by default (${MERMAID_LIMITS.characters} characters, ${MERMAID_LIMITS.relationships} relationships): narrow it with --schema or --tables, or raise maxTextSize and maxEdges where it is rendered`,
  ];
}

/**
 * The directory a database's exports go to, named as the Python tool named it (get_connected_db_name):
 * each character but letters, digits, `_` and `-` is `_` (`shop.v2 x` → `shop_v2_x`).
 */
export function exportDirectoryName(database: string): string {
  return database.replace(/[^\p{L}\p{N}_-]/gu, '_');
}

/** Globs of `flag` that chose nothing in `where` (a typo exports an empty document). */
function unmatched(flag: string, globs: string[] | undefined, where: string, matches: (regexp: RegExp) => boolean): string[] {
  return (globs ?? []).filter((glob) => !matches(globToRegExp(glob))).map((glob) => `${flag} ${JSON.stringify(redactUrl(glob))} matches nothing in ${where}`);
}

/** `--schema` and `--tables` globs that chose nothing; tables are looked for in the schemas chosen. */
function unmatchedFilters(snapshot: Snapshot, scoped: Snapshot, request: ExportRequest): string[] {
  return [
    ...unmatched('--schema', request.schemas, 'the snapshot', (r) => snapshot.schemas.some((s) => r.test(s.name))),
    ...unmatched('--tables', request.tables, request.schemas?.length ? 'the schemas --schema chose' : 'the snapshot', (r) =>
      scoped.objects.some((o) => TABLE_KINDS.has(o.kind) && (r.test(objectName(o)) || r.test(`${o.schema}.${objectName(o)}`))),
    ),
  ];
}

async function snapshotExport(workspace: Workspace, request: ExportRequest): Promise<Document> {
  // No ref or commit id holds `..`: this is the range `--type diff` takes, not a misspelt revision.
  if (request.rev?.includes('..')) {
    throw new UsageError(`--rev ${JSON.stringify(request.rev)} is a range: a snapshot export reads one revision; for what changed between two, add --type diff`, 'USAGE');
  }
  const resolved = await resolveRevision(workspace.repo, request.rev, snapshotTargetOnDemand(workspace, request.target), Object.keys(workspace.config.targets));
  // A commit id or tag says no target; the commit's own trailer does, as `show` and `diff` read it,
  // so that one snapshot exports the same document whichever way --rev names it.
  const target = await revisionTarget(workspace.repo, resolved);
  refuseOtherTarget(request.rev, target, request.target);
  const { snapshot, commit } = await (request.read ?? ((oid) => readSnapshot(workspace.repo.objects, oid)))(resolved.commit);
  const provenance = { target, commit: resolved.commit, date: new Date(commit.commit.author.timestamp * 1000).toISOString(), selection: selectionOf(request) };
  const scoped = applyScope(snapshot, { schemas: request.schemas });
  const wanted = tableFilter(request.tables);
  const objects = scoped.objects.filter((o) => wanted({ schema: o.schema, kind: o.kind, name: objectName(o) }));
  // --tables chooses tables and views: a schema holding none of them is no part of the selection,
  // in YAML and JSON as in Markdown (which documents no schema without objects).
  const schemas = request.tables?.length ? scoped.schemas.filter((s) => objects.some((o) => o.schema === s.name)) : scoped.schemas;
  const selected = { ...scoped, schemas, objects };
  const content = renderSnapshot(selected, provenance, request.format);
  const warnings = [...unmatchedFilters(snapshot, scoped, request), ...(request.format === 'mermaid' ? mermaidWarnings(content) : [])];
  return { content, commit: resolved.commit, database: snapshot.meta.database, warnings };
}

async function diffExport(workspace: Workspace, request: ExportRequest): Promise<Document> {
  const { result, database, paths, respelled, renamedFrom } = await diffIn(workspace, { target: request.target, revisions: request.rev === undefined ? [] : [request.rev] });
  // A renamed object is chosen by either name: by its new file, or by the one it was in before
  // (`--tables orders` keeps orders renamed to purchases).
  const filesOf = (change: Change) => [change.path, ...(renamedFrom.has(change) ? [renamedFrom.get(change)!] : [])];
  let scoped = result;
  if (request.schemas?.length || request.tables?.length) {
    const wanted = tableFilter(request.tables);
    const inScope = (path: string) => {
      const parsed = parsePath(path);
      if (parsed === undefined || parsed.type === 'meta' || !schemaInScope(parsed.schema, { schemas: request.schemas })) return false;
      return !request.tables?.length || (parsed.type === 'object' && wanted(parsed));
    };
    const changes = result.changes.filter((c) => filesOf(c).some(inScope));
    // The files counted are the chosen objects' too (both of a renamed one's): the others' changes,
    // left out, are not a difference "only in how the SQL is written", as the rendering would say
    // of files without changes.
    const chosen = new Set([...paths.filter(inScope), ...changes.filter((c) => renamedFrom.has(c)).flatMap(filesOf)]);
    scoped = { ...result, summary: summarize(changes), changes, stats: { ...result.stats, files: paths.filter((path) => chosen.has(path)).length, respelled: respelled.filter(inScope).length }, selection: selectionOf(request) };
  }
  // Only changed objects are read: a glob that meets none of them may be a typo or an object that did
  // not change. An object is counted once however many of its attributes changed.
  const objectIn = (path: string) => {
    const parsed = parsePath(path);
    return parsed === undefined || parsed.type === 'meta' ? [] : [parsed];
  };
  const changed = [...new Set(result.changes.map((c) => c.path))].flatMap(objectIn);
  const where = `the ${plural(changed.length, 'changed object')} of this diff`;
  // As for a snapshot, --tables looks among tables and views, in the schemas --schema chose: a glob
  // meeting only a changed sequence or routine chooses nothing. A renamed one is met by its old name too.
  const named = [...new Set(result.changes.flatMap(filesOf))].flatMap(objectIn);
  const tables = named.filter((p): p is Extract<ParsedPath, { type: 'object' }> => p.type === 'object' && TABLE_KINDS.has(p.kind) && schemaInScope(p.schema, { schemas: request.schemas }));
  const warnings = [
    // the diff's own (two engines compared): the YAML and JSON documents hold them, and stderr says them as `diff` does
    ...(result.warnings ?? []),
    ...unmatched('--schema', request.schemas, where, (r) => changed.some((p) => r.test(p.schema))),
    ...unmatched('--tables', request.tables, request.schemas?.length ? `${where}, in the schemas --schema chose` : where, (r) =>
      tables.some((p) => r.test(p.name) || r.test(`${p.schema}.${p.name}`)),
    ),
  ];
  return { content: renderDiff(scoped, request.format), commit: result.to.commit, from: result.from.commit, database, warnings };
}

export async function exportDocument(request: ExportRequest): Promise<ExportResult> {
  if (!FORMATS[request.type].includes(request.format)) {
    throw new UsageError(`--type ${request.type} exports as ${FORMATS[request.type].join(', ')}, not ${request.format}`, 'USAGE');
  }
  const workspace = openWorkspace(request.cwd);
  const document = request.type === 'diff' ? await diffExport(workspace, request) : await snapshotExport(workspace, request);
  const base = { type: request.type, format: request.format, commit: document.commit, ...('from' in document ? { from: document.from } : {}), warnings: document.warnings };
  if (request.output === '-') return { ...base, path: '-', content: document.content };
  let path: string;
  if (request.output !== undefined) {
    // resolve() drops a trailing separator: `-o docs/` would become a file named docs
    if (request.output.endsWith('/') || request.output.endsWith(sep)) {
      throw new UsageError(`cannot write ${request.output}: ending in ${sep}, it names a directory; choose another path`, 'CANNOT_WRITE');
    }
    path = resolve(request.cwd, request.output);
  } else {
    if (!workspace.root && request.exportDir === undefined) throw new UsageError('a bare repository has no default export directory; pass -o PATH or -o - (to pipeline run: --export-dir DIR)', 'BARE_REPO');
    if (document.database === undefined) throw new UsageError('there is nothing to export yet: the target has no snapshots', 'NO_SNAPSHOTS');
    const exportDir = request.exportDir !== undefined ? resolve(request.cwd, request.exportDir) : join(workspace.root!, '.databases', 'exports');
    path = join(exportDir, exportDirectoryName(document.database), `latest_${request.type}.${EXTENSIONS[request.format]}`);
  }
  writeFileMakingDirectories(path, document.content);
  return { ...base, path };
}
