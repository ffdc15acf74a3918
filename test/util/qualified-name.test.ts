// Names as people read them: quoted where their ends, or what they hold, would not show.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { namePart, textNamePart } from '../../src/util/qualified-name.js';

test('plain text quotes a name printing would hide part of; ordinary names, and Markdown, as ever', () => {
  const ordinary = ['orders', 'Größe', 'order items', '注文', 'می\u200cخواهم', 'a\\u200bb'];
  assert.equal(ordinary.map(textNamePart), ordinary);
  assert.equal(['a.b', 'say "hi"'].map(textNamePart), ['"a.b"', '"say ""hi"""']);
  const hiding = ['t ', ' t', 't\u00a0', 'a\tb', 'a\nb', 'us\u200bers', 'rtl\u202e', 'soft\u00adhyphen', ''];
  assert.equal(hiding.map(textNamePart), hiding.map((name) => `"${name}"`));
  // Markdown shows a name in code, which keeps its spaces and a line break as one
  assert.equal(hiding.map(namePart), hiding);
});

test.run();
