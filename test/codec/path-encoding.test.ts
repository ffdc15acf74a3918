import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeFileName, decodeSegment, encodeDirectory, encodeFileName, encodeSegment } from '../../src/codec/path-encoding.js';

const NAMES = ['users', 'a/b', '..', '.', '.git', '.GIT', 'git~1', 'Git~2', '.hidden', '%', '100%', 'a%2Fb', '', 'with space', 'Éclair', 'éclair',
  'nul\u0000byte', 'new\nline', 'tab\t', 'ansi\u001b[0m', 'bidi\u202eevil', 'del\u007f', 'c1\u0085', '日本', '🚀', 'x.yaml', 'back\\slash', 'é'.repeat(200)];

test('every identifier round-trips and yields a legal tree entry name', () => {
  for (const name of NAMES) {
    const segment = encodeSegment(name);
    assert.is(decodeSegment(segment), name, JSON.stringify(name));
    assert.ok(segment.length > 0 && !segment.includes('/') && !segment.includes('\u0000'), JSON.stringify(segment));
    assert.ok(!/^\.|^git~\d/i.test(segment), `unsafe: ${segment}`);
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(segment), `unprintable: ${JSON.stringify(segment)}`);
    assert.is(decodeFileName(encodeFileName(name)), name);
  }
});

test('distinct names never collide', () => {
  const encoded = new Set(NAMES.map(encodeSegment));
  assert.is(encoded.size, NAMES.length);
});

test('readable names stay readable', () => {
  assert.is(encodeSegment('orders'), 'orders');
  assert.is(encodeSegment('Éclair'), 'Éclair');
  assert.is(encodeSegment('with space'), 'with space');
  assert.is(encodeSegment('a/b'), 'a%2Fb');
  assert.is(encodeSegment('.git'), '%2Egit');
});

test('directories never end in .yaml, so a schema cannot collide with datatrack.yaml', () => {
  assert.is(encodeDirectory('datatrack.yaml'), 'datatrack%2Eyaml');
  assert.is(decodeSegment(encodeDirectory('datatrack.yaml')), 'datatrack.yaml');
  assert.is(encodeDirectory('public'), 'public');
});

test.run();
