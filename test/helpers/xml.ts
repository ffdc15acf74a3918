// A strict reader for the XML datatrack writes (JUnit reports): it fails on anything that is not
// well-formed — a stray `<` or `&`, an unknown entity, a character XML 1.0 forbids, a duplicate
// attribute, a tag closed out of order, text or a second element outside the root — and returns
// the element tree with entities decoded, for tests to assert on.

/** Throws a plain Error (not an assertion, so tests can also expect a refusal with assert.throws). */
function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(`not well-formed XML: ${problem}`);
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (its children's not included), decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';
const TAG = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([A-Za-z_][\w.-]*)="([^"]*)"/g;

function decode(text: string): string {
  check(!/<|&(?!(?:amp|lt|gt|quot|apos);)/.test(text), `unescaped markup in ${JSON.stringify(text)}`);
  check(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text), `a character XML 1.0 cannot carry in ${JSON.stringify(text)}`);
  return text.replace(/&(\w+);/g, (_, name: string) => ENTITIES[name]!);
}

/** Parses a whole document (with datatrack's prolog) and returns its root element. */
export function parseXml(xml: string): XmlElement {
  check(xml.startsWith(PROLOG), `no XML declaration: ${JSON.stringify(xml.slice(0, 60))}`);
  const document: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open = [document];
  let at = PROLOG.length;
  for (const match of xml.slice(at).matchAll(TAG)) {
    const [whole, closing, name, attributeText, selfClosing] = match as unknown as [string, string, string, string, string];
    const start = PROLOG.length + match.index;
    open.at(-1)!.text += decode(xml.slice(at, start));
    at = start + whole.length;
    if (closing) {
      check(!attributeText && !selfClosing, `malformed closing tag ${whole}`);
      check(open.pop()!.name === name, `</${name}> closes another element (or nothing)`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(ATTRIBUTE)) {
      check(!(key! in attributes), `duplicate attribute ${key} on <${name}>`);
      attributes[key!] = decode(value!);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    open.at(-1)!.children.push(element);
    if (!selfClosing) open.push(element);
  }
  document.text += decode(xml.slice(at));
  check(open.length === 1, `<${open.at(-1)!.name}> is never closed`);
  check(document.text.trim() === '', 'text outside the root element');
  check(document.children.length === 1, 'not exactly one root element');
  return document.children[0]!;
}
