import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { virtualTableColumns } from '../../src/diff/virtual-table-columns.js';

test('fts5: a column per argument, options aside; names unquoted and folded as SQLite compares them', () => {
  assert.equal(virtualTableColumns('fts5', ['Title', '"Body Text" UNINDEXED', "'it''s'", "content=''", 'tokenize = "porter ascii"']), ['title', 'body text', "it's"]);
});

test("fts3/fts4: tokenize written without '=' is an option, a column typed or named tokenize is a column", () => {
  assert.equal(virtualTableColumns('FTS4', ['a TEXT', 'tokenize porter', 'tokenize', 'matchinfo=fts3']), ['a', 'tokenize']);
  assert.equal(virtualTableColumns('fts3', ['[x]', '`y`']), ['x', 'y']);
});

test('rtree: the id, the bounds and the + auxiliary columns', () => {
  assert.equal(virtualTableColumns('rtree', ['id', 'x0', 'x1', '+name TEXT']), ['id', 'x0', 'x1', 'name']);
  assert.equal(virtualTableColumns('rtree_i32', ['id', 'a', 'b']), ['id', 'a', 'b']);
});

test('a module whose arguments are not known here (sqlite-vec, a custom one) declares no known columns', () => {
  assert.is(virtualTableColumns('vec0', ['embedding float[4]']), undefined);
  assert.is(virtualTableColumns(undefined, ['a']), undefined);
});

test.run();
