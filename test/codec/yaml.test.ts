import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse as referenceParse } from '#yaml';
import { emitYaml } from '../../src/codec/yaml-emit.js';
import { MAX_YAML_DEPTH, parseCanonicalYaml, parseYaml, parseYamlSafely, TOO_DEEP, YamlSyntaxError } from '../../src/codec/yaml-parse.js';

const TRICKY = [
  '', ' ', 'a b', ' leading', 'trailing ', 'key: value', 'a #b', 'a#b', '#x', '- x', '-x', '? x', ':x', 'x:', 'a::b',
  "'new'::order_status", '"quoted"', 'back\\slash', 'yes', 'No', 'ON', 'off', 'y', 'n', 'null', '~', 'true', 'False',
  '12', '-3', '1.5', '1e3', '0x1F', '0o7', '.inf', '.NaN', '+1', '2001-12-14', '1:20', '[a]', '{a}', 'a, b', 'a]b', '&anchor', '*alias',
  '!tag', '%dir', '@at', '`tick`', '|pipe', '>fold', 'line\nbreak', 'two\n\nlines\n', 'trailing newlines\n\n\n', '\n leading newline',
  '  indented\n  block', 'tab\there', 'cr\rlf', 'ansi \u001b[31m red', 'bidi \u202e evil', 'nel \u0085', 'bom \ufeff', 'zw \u200b',
  'Éclair', 'éclair', '日本語のテーブル', 'emoji 🚀', 'ends with space \n', 'CREATE VIEW v AS\n  SELECT 1;\n', '(total >= 0)',
  'character varying(255)', 'timestamp with time zone', 'a'.repeat(300), '$1', '%s', 'x'.repeat(79) + ',',
];

function sample(): Record<string, unknown> {
  return {
    name: 'orders',
    schema: 'public',
    comment: 'Customer orders',
    columns: [
      { name: 'id', type: 'bigint', nullable: false, identity: 'always' },
      { name: 'status', type: 'order_status', nullable: false, default: "'new'::order_status" },
    ],
    primary_key: { name: 'orders_pkey', columns: ['id'] },
    checks: [{ name: 'orders_total_check', expression: '(total >= 0)' }],
    indexes: [{ name: 'orders_customer_id_idx', columns: ['customer_id', { expression: 'lower(email)', descending: true }], unique: false, method: 'btree' }],
    empty_list: [],
    empty_map: {},
    numbers: [0, -1, 2.5, 9007199254740991],
    nested: [[1, 2], [], ['a', ['b']]],
    definition: 'SELECT id,\n       total\n  FROM orders\n WHERE total > 0;',
  };
}

test('emits the canonical form DESIGN §4 shows', () => {
  const text = emitYaml(sample());
  assert.ok(text.startsWith('name: orders\nschema: public\ncomment: Customer orders\ncolumns:\n  - name: id\n    type: bigint\n'));
  assert.ok(text.includes('    default: "\'new\'::order_status"\n'));
  assert.ok(text.includes('primary_key:\n  name: orders_pkey\n  columns: [id]\n'));
  assert.ok(text.includes('  - name: orders_total_check\n    expression: (total >= 0)\n'));
  assert.ok(text.includes('definition: |-\n  SELECT id,\n         total\n'));
  assert.ok(text.endsWith('\n') && !text.includes('\r'));
});

test('canonical text reads back the same with the fast scanner and with a full YAML parser', () => {
  const doc = sample();
  const text = emitYaml(doc);
  assert.equal(parseCanonicalYaml(text), doc);
  assert.equal(referenceParse(text), doc);
});

test('every tricky string survives as a value, a list item, a flow item and a key', () => {
  for (const s of TRICKY) {
    const doc = { value: s, list: [s, 'other'], block: [s, { k: s }], [s === '' ? 'empty' : s]: 1 };
    const text = emitYaml(doc);
    assert.equal(referenceParse(text), doc, `reference parse of ${JSON.stringify(s)}:\n${text}`);
    assert.equal(parseCanonicalYaml(text), doc, `fast parse of ${JSON.stringify(s)}:\n${text}`);
  }
});

test('what PyYAML (YAML 1.1) reads otherwise is written as it reads it too: `?` in a flow item quoted, an exponent after a decimal point', () => {
  const text = emitYaml({ values: ['yes', 'maybe?', 'a?b'], columns: ['why?'], cost: 1e-7, rows: 1e30, small: -2.5e-9, plain: 0.25 });
  assert.is(text, 'values: ["yes", "maybe?", "a?b"]\ncolumns: ["why?"]\ncost: 1.0e-7\nrows: 1.0e+30\nsmall: -2.5e-9\nplain: 0.25\n');
  assert.equal(parseCanonicalYaml(text), referenceParse(text));
  assert.equal(referenceParse(text), { values: ['yes', 'maybe?', 'a?b'], columns: ['why?'], cost: 1e-7, rows: 1e30, small: -2.5e-9, plain: 0.25 });
});

test('random documents round-trip through both parsers', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const pieces = [...TRICKY, 'a', 'b', ' ', ':', '#', '\n', '-', ',', '"', "'", '\\', '[', ']', '{', '}', '|'];
  const str = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(pieces)).join('');
  const value = (depth: number): unknown => {
    const r = random();
    if (depth > 3 || r < 0.5) return pick([str(), str(), Math.floor(random() * 1000) - 500, true, false, null]);
    if (r < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => [`${str()}${i}`, value(depth + 1)]));
  };
  for (let i = 0; i < 400; i++) {
    const doc = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 5) }, (_, j) => [`k${j}`, value(0)]));
    const text = emitYaml(doc);
    assert.equal(referenceParse(text), doc, text);
    assert.equal(parseCanonicalYaml(text), doc, text);
  }
});

test('hand-edited YAML falls back to the full parser', () => {
  const text = '# a comment\nname: orders   # trailing\nschema: public\ncolumns:\n- name: id\n  type: bigint\n';
  assert.is(parseCanonicalYaml(text), undefined);
  assert.equal(parseYaml(text), { name: 'orders', schema: 'public', columns: [{ name: 'id', type: 'bigint' }] });
  assert.equal(parseYaml('a: 1\r\nb: [x, y]\r\n'), { a: 1, b: ['x', 'y'] });
});

test('unsafe YAML is refused: duplicate keys, alias bombs, unknown tags; __proto__ is plain data', () => {
  assert.throws(() => parseYaml('a: 1\na: 2\n'), (e: unknown) => e instanceof YamlSyntaxError);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefghij'[i]).join(', ')}]`)].join('\n');
  assert.throws(() => parseYamlSafely(bomb), (e: unknown) => e instanceof YamlSyntaxError);
  assert.throws(() => parseYaml('a: !!js/function "x"\n'), (e: unknown) => e instanceof YamlSyntaxError);
  const polluted = parseYaml('__proto__:\n  polluted: true\n') as Record<string, unknown>;
  assert.equal(Object.keys(polluted), ['__proto__']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  const fast = parseCanonicalYaml(emitYaml(JSON.parse('{"__proto__": {"polluted": true}}'))) as Record<string, unknown>;
  assert.equal(Object.keys(fast), ['__proto__']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('nesting deeper than the limit is refused at the first level too many, whatever the style', () => {
  const deep = 5000;
  const cases: [string, string][] = [
    ['flow sequences', `a: ${'['.repeat(deep)}${']'.repeat(deep)}\n`],
    ['flow mappings', `a: ${'{k: '.repeat(deep)}1${'}'.repeat(deep)}\n`],
    ['block mappings', `${Array.from({ length: deep }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`],
    ['compact sequences', `${'- '.repeat(deep)}1\n`],
    // two spaces a level, as the canonical emitter indents: the fast scanner must not recurse into it
    ['canonical indentation', `${Array.from({ length: deep }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} 1\n`],
  ];
  for (const [style, text] of cases) {
    try {
      parseYaml(text);
      assert.unreachable(style);
    } catch (error) {
      assert.instance(error, YamlSyntaxError, style);
      assert.is((error as YamlSyntaxError).message, TOO_DEEP, style);
      assert.ok((error as YamlSyntaxError).position!.line < MAX_YAML_DEPTH + 1, style);
    }
  }
  const shallow = `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} 1\n`;
  let value = parseYaml(shallow);
  for (let i = 0; i < 40; i++) value = (value as Record<string, unknown>).k;
  assert.is(value, 1);
});

test('syntax errors carry a line and column', () => {
  try {
    parseYamlSafely('a: 1\nb: [1, 2\n');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, YamlSyntaxError);
    assert.ok((error as YamlSyntaxError).position?.line);
  }
});

test.run();
