// Canonical YAML writer. One document, LF, UTF-8, keys in insertion order (the model's canonical
// order), mappings in block style, short scalar lists in flow style, multi-line text as literal
// blocks. It writes only a small, regular subset of YAML so that `yaml-parse.ts` can read it back
// fast and any YAML tool can read it at all; strings are quoted whenever a YAML 1.1 or 1.2 reader
// could take them for anything but a string.

const FLOW_WIDTH = 80;
const INDENT = '  ';

// Characters that are never written raw: C0/C1 controls, DEL, line/paragraph separators, BOM,
// bidirectional controls (they could reorder what a reviewer sees) and lone surrogates.
const UNSAFE_CHAR = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const FIRST_PLAIN = /^[A-Za-z_$(/\p{L}]/u;
const RESERVED_WORD = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

function plainSafe(text: string, inFlow: boolean): boolean {
  if (text === '' || !FIRST_PLAIN.test(text) || RESERVED_WORD.test(text)) return false;
  if (text.trim() !== text || text.includes('\t') || text.includes('\n') || UNSAFE_CHAR.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return false;
  // PyYAML (YAML 1.1, what the Python tool's users read these files with) also ends a plain scalar at `?` in a flow list.
  return !inFlow || !/[,?[\]{}]/.test(text);
}

export function quoteDouble(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (UNSAFE_CHAR.test(ch)) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

// Names, types and keys repeat across thousands of files: remember how each string is written.
const renderedBlock = new Map<string, string>();
const renderedFlow = new Map<string, string>();
const CACHE_LIMIT = 50_000;

function scalarString(text: string, inFlow: boolean): string {
  const cache = inFlow ? renderedFlow : renderedBlock;
  let out = cache.get(text);
  if (out === undefined) {
    out = plainSafe(text, inFlow) ? text : quoteDouble(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, out);
  }
  return out;
}

function scalar(value: unknown, inFlow: boolean): string {
  if (typeof value === 'string') return scalarString(value, inFlow);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to canonical YAML`);
    // JavaScript writes 1e-7 and 1e+30; YAML 1.1 readers (PyYAML) take an exponent as a number only after a decimal point.
    const text = String(value);
    return text.includes('e') && !text.includes('.') ? text.replace('e', '.0e') : text;
  }
  if (typeof value === 'bigint') return value.toString();
  return scalarString(String(value), inFlow);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** A literal block fits text with line breaks and nothing that a block would alter. */
function literalBlock(text: string, keyIndent: string): string | undefined {
  if (!text.includes('\n') || text.includes('\r') || UNSAFE_CHAR.test(text)) return undefined;
  const body = text.replace(/\n+$/, '');
  if (body === '') return undefined;
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = body.split('\n');
  // Whitespace-only lines are where readers disagree about indentation: quote instead.
  if (lines.some((line) => line !== '' && line.trim() === '')) return undefined;
  const firstContent = lines.find((line) => line !== '') ?? '';
  // A reader infers the indentation from the first non-empty line; say it when that line starts
  // with a space, or the text's own indentation would be eaten.
  const indicator = firstContent.startsWith(' ') || firstContent.startsWith('\t') ? String(INDENT.length) : '';
  const contentIndent = keyIndent + INDENT;
  const rendered = lines.map((line) => (line === '' ? '' : contentIndent + line));
  for (let i = 1; i < trailing; i++) rendered.push('');
  return `|${indicator}${chomp}\n${rendered.join('\n')}`;
}

function flowSequence(items: unknown[]): string | undefined {
  if (!items.every(isScalar)) return undefined;
  const text = `[${items.map((item) => scalar(item, true)).join(', ')}]`;
  return text.length <= FLOW_WIDTH ? text : undefined;
}

function emitValue(value: unknown, indent: string, out: string[], prefix: string): void {
  if (Array.isArray(value)) {
    const flow = value.length === 0 ? '[]' : flowSequence(value);
    if (flow !== undefined) out.push(prefix + ' ' + flow);
    else {
      out.push(prefix);
      emitSequence(value, indent + INDENT, out);
    }
  } else if (value !== null && typeof value === 'object') {
    if (Object.keys(value).length === 0) out.push(prefix + ' {}');
    else {
      out.push(prefix);
      emitMapping(value as Record<string, unknown>, indent + INDENT, out);
    }
  } else if (typeof value === 'string') {
    const block = literalBlock(value, indent);
    out.push(prefix + ' ' + (block ?? scalar(value, false)));
  } else {
    out.push(prefix + ' ' + scalar(value, false));
  }
}

function emitMapping(map: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    emitValue(value, indent, out, `${indent}${scalar(key, false)}:`);
  }
}

function emitSequence(items: unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      // The first entry shares the dash line; the rest line up under it.
      const start = out.length;
      emitMapping(item as Record<string, unknown>, indent + INDENT, out);
      out[start] = `${indent}- ${out[start]!.slice(indent.length + INDENT.length)}`;
    } else {
      emitValue(item, indent, out, `${indent}-`);
    }
  }
}

/** Writes a mapping as one canonical YAML document (with a final newline). */
export function emitYaml(document: Record<string, unknown>): string {
  const out: string[] = [];
  emitMapping(document, '', out);
  return out.join('\n') + '\n';
}
