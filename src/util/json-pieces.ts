// JSON.stringify(value, null, 2), given in pieces: lint's SARIF of 150,000 findings is ~150 MB as
// one string, and the objects it was made from as much again (1.4 GB at its peak). A long list is
// marked a JsonList, and each of its elements is made and written only when its turn comes.

/** A list written one element at a time, as `items` yields them: none is kept once written. */
export class JsonList {
  constructor(readonly items: Iterable<unknown>) {}
}

/** What JSON.stringify walks as a plain object: no class instance, nothing with a toJSON of its own. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether a JsonList is in `value`: only the way to one is taken apart, anything else is stringified whole. */
function holdsList(value: unknown): boolean {
  if (value instanceof JsonList) return true;
  if (Array.isArray(value)) return value.some(holdsList);
  return isPlainObject(value) && Object.values(value).some(holdsList);
}

/** JSON.stringify's text of `value` at `indent` (it never holds a line break but its own: strings escape theirs). */
const indented = (text: string, indent: string) => (indent === '' ? text : text.replaceAll('\n', `\n${indent}`));

/**
 * The pieces of `JSON.stringify(value, null, 2)`, byte for byte, a JsonList written as an array. The
 * elements of a JsonList are stringified whole: they are the small parts a long list is made of.
 */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (!holdsList(value)) {
    yield indented(JSON.stringify(value, null, 2), indent);
    return;
  }
  const inner = `${indent}  `;
  if (value instanceof JsonList || Array.isArray(value)) {
    let empty = true;
    for (const item of value instanceof JsonList ? value.items : value) {
      yield `${empty ? '[' : ','}\n${inner}`;
      empty = false;
      // An element without JSON (undefined, a function) is null, as JSON.stringify writes it.
      if (value instanceof JsonList || !holdsList(item)) yield indented(JSON.stringify(item, null, 2) ?? 'null', inner);
      else yield* jsonPieces(item, inner);
    }
    yield empty ? '[]' : `\n${indent}]`;
    return;
  }
  let empty = true;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const walked = holdsList(item);
    const text = walked ? undefined : JSON.stringify(item, null, 2);
    // A member without JSON (undefined, a function) is left out, as JSON.stringify leaves it out.
    if (!walked && text === undefined) continue;
    yield `${empty ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    empty = false;
    if (walked) yield* jsonPieces(item, inner);
    else yield indented(text!, inner);
  }
  yield empty ? '{}' : `\n${indent}}`;
}
