// What printing makes visible: anything that could rewrite a terminal or forge a line, and anything
// that shows as nothing, so that no name reads as another.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printable } from '../../src/util/printable.js';

test('controls, bidi overrides, lone surrogates and noncharacters are escaped', () => {
  assert.is(printable('\u001b[2Jsafe\rBREAKING\n'), '\\u001b[2Jsafe\\u000dBREAKING\\u000a');
  assert.is(printable('a\u202eb\u2028c\ud800d\uffff'), 'a\\u202eb\\u2028c\\ud800d\\uffff');
});

test('every character that may show as nothing is escaped: a name never reads as another', () => {
  // tag characters (ASCII smuggling), variation selectors, the combining grapheme joiner, Arabic marks
  for (const [hidden, escaped] of [['\u{e0020}', '\\u{e0020}'], ['\ufe0f', '\\ufe0f'], ['\ufe00', '\\ufe00'], ['\u034f', '\\u034f'], ['\u200b', '\\u200b'], ['\u00ad', '\\u00ad'], ['\u3164', '\\u3164'], ['\u{e0101}', '\\u{e0101}']]) {
    assert.is(printable(`email${hidden}`), `email${escaped}`, escaped);
  }
});

test('text that needs its joiners and emoji presentation keeps them', () => {
  for (const text of ['❤️ ok', '👨‍👩‍👧', 'می‌خواهم', 'café', 'ｘ', 'Größe']) assert.is(printable(text), text);
});

test.run();
