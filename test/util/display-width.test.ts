import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { displayWidth } from '../../src/util/display-width.js';

test('columns as a terminal draws them: wide CJK and emoji two, a combining mark none, a joined emoji one picture', () => {
  const cases: [string, number][] = [
    ['main.orders', 11],
    ['日本語テーブル', 14],
    ['주문', 4],
    ['ｆｕｌｌ', 8],
    ['emoji😀', 7],
    ['cafe\u0301', 4],
    ['café', 4],
    ['👨‍👩‍👧', 2],
    ['🇫🇷', 2],
    ['zero\u200bwidth', 9],
    ['', 0],
  ];
  for (const [text, width] of cases) assert.is(displayWidth(text), width, JSON.stringify(text));
});

test.run();
