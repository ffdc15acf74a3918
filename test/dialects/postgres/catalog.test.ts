// The catalog queries' version markers: what a server older than the marked version runs instead.
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { forServer } from '../../../src/dialects/postgres/catalog.js';
import { ROOT } from '../../helpers/cli.js';

test('a marked line is kept as written for newer servers and replaced (or dropped) for older ones', () => {
  const text = ['SELECT a,', '       b, -- pg < 15: NULL AS b,', '       c -- pg < 14:', 'FROM t'].join('\n');
  assert.is(forServer(text, 150004), ['SELECT a,', '       b,', '       c', 'FROM t'].join('\n'));
  assert.is(forServer(text, 140011), ['SELECT a,', '       NULL AS b,', '       c', 'FROM t'].join('\n'));
  assert.is(forServer(text, 130000), ['SELECT a,', '       NULL AS b,', '       ', 'FROM t'].join('\n'));
});

test('no marker survives in any catalog query, for any server version', () => {
  const dir = `${ROOT}src/dialects/postgres/sql/`;
  for (const file of readdirSync(dir)) {
    const text = readFileSync(dir + file, 'utf8');
    for (const version of [120000, 140000, 150000, 180000]) assert.not.match(forServer(text, version), /-- pg </, `${file} for ${version}`);
  }
});

test.run();
