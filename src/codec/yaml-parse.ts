// Reads canonical YAML fast, and any other YAML safely.
// Snapshot files are written by `yaml-emit.ts` in a small regular subset; reading that subset
// with a purpose-built scanner is an order of magnitude faster than a general YAML parser
// (10,000 files must load in well under a second). Anything outside the subset (a hand edit,
// a comment, an anchor) makes the scanner give up, and the `yaml` package reads the text with
// duplicate keys refused, no custom tags, a small alias budget and a nesting limit.
import { Lexer, LineCounter, Parser, parseDocument, type Document } from '#yaml';

class NotCanonical extends Error {}

interface Line {
  indent: number;
  text: string;
}

const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(map, key)) throw new NotCanonical();
  // A key named __proto__ is data, not a prototype.
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

function plainValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  const first = text.charCodeAt(0);
  if ((first >= 48 && first <= 57) || text[0] === '-' || text[0] === '+' || text[0] === '.') {
    if (INT.test(text)) {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    if (FLOAT.test(text)) return Number(text);
    throw new NotCanonical();
  }
  if (/^(?:~|yes|no|on|off|y|n|true|false|null)$/i.test(text) || /[\t]| #|: |:$/.test(text)) throw new NotCanonical();
  if ('!&*%@`\'|>?#{}[],"'.includes(text[0]!)) throw new NotCanonical();
  return text;
}

/** Reads a double-quoted scalar starting at `start`; returns its value and the index after it. */
function doubleQuoted(text: string, start: number): [string, number] {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') break;
    else i++;
  }
  if (i >= text.length) throw new NotCanonical();
  try {
    return [JSON.parse(text.slice(start, i + 1)) as string, i + 1];
  } catch {
    throw new NotCanonical();
  }
}

function flowSequence(text: string): unknown[] {
  if (!text.endsWith(']')) throw new NotCanonical();
  const items: unknown[] = [];
  let i = 1;
  const end = text.length - 1;
  if (text.slice(1, end).trim() === '') return items;
  while (i < end) {
    while (text[i] === ' ') i++;
    if (text[i] === '"') {
      const [value, next] = doubleQuoted(text, i);
      items.push(value);
      i = next;
    } else {
      let j = i;
      while (j < end && text[j] !== ',') j++;
      const token = text.slice(i, j).trim();
      if (token === '' || /[[\]{}]/.test(token)) throw new NotCanonical();
      items.push(plainValue(token));
      i = j;
    }
    while (text[i] === ' ') i++;
    if (i < end && text[i] !== ',') throw new NotCanonical();
    i++;
  }
  return items;
}

class Scanner {
  private readonly lines: Line[];
  private pos = 0;

  constructor(private readonly raw: string[]) {
    this.lines = raw.map((text) => {
      let indent = 0;
      while (text.charCodeAt(indent) === 32) indent++;
      return { indent, text: text.slice(indent) };
    });
  }

  document(): Record<string, unknown> {
    const map = this.mapping(0);
    if (this.pos !== this.lines.length) throw new NotCanonical();
    return map;
  }

  private current(): Line | undefined {
    return this.lines[this.pos];
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.current(); line && line.indent === indent; line = this.current()) {
      if (line.text.startsWith('- ') || line.text === '-' || line.text === '') throw new NotCanonical();
      let key: string;
      let rest: string;
      if (line.text[0] === '"') {
        const [value, next] = doubleQuoted(line.text, 0);
        if (line.text[next] !== ':') throw new NotCanonical();
        key = value;
        rest = line.text.slice(next + 1);
      } else {
        const colon = line.text.indexOf(': ');
        const cut = colon >= 0 ? colon : line.text.endsWith(':') ? line.text.length - 1 : -1;
        if (cut <= 0) throw new NotCanonical();
        key = plainValue(line.text.slice(0, cut)) as string;
        if (typeof key !== 'string') throw new NotCanonical();
        rest = line.text.slice(cut + 1);
      }
      if (rest !== '' && rest[0] !== ' ') throw new NotCanonical();
      this.pos++;
      setKey(map, key, this.value(rest.slice(1), indent));
    }
    if (this.current() && this.current()!.indent > indent) throw new NotCanonical();
    return map;
  }

  /** The value after `key:` or `-`: inline, a literal block, or a nested block on the next lines. */
  private value(inline: string, parentIndent: number): unknown {
    if (inline === '') {
      const next = this.current();
      if (!next || next.indent <= parentIndent) throw new NotCanonical();
      // The emitter indents two spaces a level: deeper text is left to the safe parser's depth limit.
      if (next.indent > 2 * MAX_YAML_DEPTH) throw new NotCanonical();
      return next.text.startsWith('- ') || next.text === '-' ? this.sequence(next.indent) : this.mapping(next.indent);
    }
    const first = inline[0];
    if (first === '"') {
      const [value, end] = doubleQuoted(inline, 0);
      if (end !== inline.length) throw new NotCanonical();
      return value;
    }
    if (first === '[') return flowSequence(inline);
    if (inline === '{}') return {};
    if (first === '|') return this.literal(inline, parentIndent);
    return plainValue(inline);
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (let line = this.current(); line && line.indent === indent; line = this.current()) {
      if (line.text === '-') {
        this.pos++;
        items.push(this.value('', indent));
        continue;
      }
      if (!line.text.startsWith('- ')) break;
      const content = line.text.slice(2);
      if (content.startsWith(' ')) throw new NotCanonical();
      if (/^(?:"(?:[^"\\]|\\.)*"|[^"[|{][^]*?):(?: |$)/.test(content)) {
        // `- key: value`: the item is a mapping whose first line starts after the dash.
        this.lines[this.pos] = { indent: indent + 2, text: content };
        items.push(this.mapping(indent + 2));
      } else {
        this.pos++;
        items.push(this.value(content, indent));
      }
    }
    return items;
  }

  private literal(header: string, parentIndent: number): string {
    const match = /^\|([1-9])?([-+])?$/.exec(header);
    if (!match) throw new NotCanonical();
    const start = this.pos;
    let contentIndent = match[1] ? parentIndent + Number(match[1]) : -1;
    let end = start;
    for (; end < this.raw.length; end++) {
      const raw = this.raw[end]!;
      if (raw === '') continue;
      if (raw.trim() === '') throw new NotCanonical(); // whitespace-only lines: leave them to the full parser
      const indent = this.lines[end]!.indent;
      if (contentIndent < 0) {
        if (indent <= parentIndent) break;
        contentIndent = indent;
      }
      if (indent < contentIndent) break;
    }
    // Trailing empty lines belong to the block only as far as chomping keeps them.
    let last = end;
    while (last > start && this.raw[last - 1] === '') last--;
    if (contentIndent < 0) throw new NotCanonical();
    const body = this.raw.slice(start, last).map((line) => line.slice(contentIndent)).join('\n');
    const trailing = end - last;
    this.pos = end;
    if (body === '') throw new NotCanonical();
    if (match[2] === '-') return body;
    if (match[2] === '+') return body + '\n'.repeat(trailing + 1);
    return body + '\n';
  }
}

export interface YamlErrorPosition {
  line: number;
  column: number;
}

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position?: YamlErrorPosition,
  ) {
    super(message);
  }
}

/**
 * How deep collections may nest in YAML that is not canonical. Real config, rule and snapshot files
 * stay under 10; the composer and toJS recurse once per level, so a file nested thousands deep
 * would otherwise build a huge tree and then exhaust the stack.
 */
export const MAX_YAML_DEPTH = 64;
export const TOO_DEEP = `nested deeper than ${MAX_YAML_DEPTH} levels`;

/**
 * Where `text` first nests deeper than MAX_YAML_DEPTH, or undefined. Walks the lexer's tokens
 * through the CST parser, whose stack holds one entry per open level, and stops at the first
 * level too many: time and memory stay proportional to the text read so far, with no tree built.
 */
export function tooDeepAt(text: string): YamlErrorPosition | undefined {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0); // parse() would record where line 1 starts; next() does not
  for (const lexeme of new Lexer().lex(text)) {
    for (const _document of parser.next(lexeme)); // run the step; finished documents are not needed
    if (parser.stack.length > MAX_YAML_DEPTH) {
      const { line, col } = lines.linePos(parser.offset);
      return { line, column: col };
    }
  }
  return undefined;
}

const SAFE_OPTIONS = { uniqueKeys: true, merge: false, schema: 'core', strict: true, prettyErrors: true } as const;

/** A parsed document's first problem as the person who wrote the file can act on it, with its place. */
export function documentProblem(doc: Document): { message: string; line?: number; column?: number } | undefined {
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (!problem) return undefined;
  const pos = problem.linePos?.[0];
  // The library's own advice for this one names its API ("use YAML.parseAllDocuments()").
  const message = problem.code === 'MULTIPLE_DOCS' ? 'more than one YAML document (a second ---); keep one' : problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { message, line: pos?.line, column: pos?.col };
}

/** Parses any YAML text safely: one document, unique keys, no custom tags, bounded aliases and depth. */
export function parseYamlSafely(text: string, maxAliasCount = 50): unknown {
  const deep = tooDeepAt(text);
  if (deep) throw new YamlSyntaxError(TOO_DEEP, deep);
  let doc: Document;
  try {
    doc = parseDocument(text, SAFE_OPTIONS);
  } catch (error) {
    throw new YamlSyntaxError((error as Error).message);
  }
  const problem = documentProblem(doc);
  if (problem) throw new YamlSyntaxError(problem.message, problem.line === undefined ? undefined : { line: problem.line, column: problem.column ?? 1 });
  try {
    return doc.toJS({ maxAliasCount });
  } catch (error) {
    throw new YamlSyntaxError((error as Error).message);
  }
}

/** Reads text in the canonical subset, or returns undefined when the text is outside it. */
export function parseCanonicalYaml(text: string): Record<string, unknown> | undefined {
  // A byte order mark (valid YAML, from an editor) is the full parser's to read past.
  if (text.includes('\r') || text.startsWith('\ufeff')) return undefined;
  try {
    const raw = text.endsWith('\n') ? text.slice(0, -1) : text;
    return new Scanner(raw.split('\n')).document();
  } catch (error) {
    if (error instanceof NotCanonical) return undefined;
    throw error;
  }
}

/** Parses a snapshot file: the fast path for canonical text, the safe general parser otherwise. */
export function parseYaml(text: string): unknown {
  return parseCanonicalYaml(text) ?? parseYamlSafely(text);
}
