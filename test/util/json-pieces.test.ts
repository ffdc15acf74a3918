import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JsonList, jsonPieces } from '../../src/util/json-pieces.js';

const joined = (value: unknown) => [...jsonPieces(value)].join('');

/** `value` with each JsonList an array: what JSON.stringify is given to compare. */
function asArrays(value: unknown): unknown {
  if (value instanceof JsonList) return [...value.items];
  if (Array.isArray(value)) return value.map(asArrays);
  if (typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value))) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asArrays(v)]));
  return value;
}

test('jsonPieces: byte for byte what JSON.stringify(value, null, 2) writes, a JsonList as an array', () => {
  const make = () => [
    { a: 1, b: 'x', c: [1, { d: null }], e: {}, f: [] },
    [],
    {},
    'a "quoted"\nline',
    { list: new JsonList([]) },
    { list: new JsonList([{ deep: { deeper: [1, 2, { x: 'é\u2028' }] } }, 'two', 3, null, [], {}]) },
    // what JSON leaves out: a member without JSON, an element without JSON (null), a Date by its toJSON
    { gone: undefined, fn: () => 1, when: new Date(0), list: new JsonList([undefined, () => 1, 'kept']), after: true },
    [{ inner: new JsonList([{ k: 1 }, { k: 2 }]) }, undefined, 'x'],
    { runs: [{ tool: { rules: [{ id: 'r', tags: ['a'] }] }, results: new JsonList([{ ruleId: 'r', locations: [{ line: 1 }] }]), properties: { target: null } }] },
    { '1': 'integer keys first', b: 2, a: new JsonList(['x']), 'with "quote"': 1, '\u0000': 0 },
    Object.assign(Object.create(null), { bare: new JsonList([1]) }),
  ];
  // JsonLists are read once: a fresh value for each side
  const written = make().map(joined);
  const expected = make().map((value) => JSON.stringify(asArrays(value), null, 2));
  written.forEach((text, i) => assert.is(text, expected[i], `value ${i}`));
});

test('jsonPieces: a JsonList is made as it is written, one element to a piece', () => {
  let made = 0;
  function* items() {
    for (let i = 0; i < 1000; i++) {
      made++;
      yield { i, name: `item ${i}` };
    }
  }
  const pieces = jsonPieces({ head: 'x', list: new JsonList(items()), tail: [1] });
  for (let i = 0; i < 5; i++) pieces.next();
  assert.ok(made <= 2, `${made} items made before the fifth piece`);
  const rest = [...pieces];
  assert.is(made, 1000);
  assert.ok(Math.max(...rest.map((piece) => piece.length)) < 100);
});

test.run();
