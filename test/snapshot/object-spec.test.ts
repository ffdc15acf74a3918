// How a name on the command line finds its snapshot file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findObjectFile } from '../../src/snapshot/object-spec.js';

const files = ['public/tables/users.yaml', 'public/routines/last_day(timestamp with time zone).yaml', 'public/routines/area(integer).yaml', 'public/routines/area(numeric).yaml'];

test('schema.name, a bare name or a routine with its argument types find the file', () => {
  assert.is(findObjectFile(files, 'public.users'), 'public/tables/users.yaml');
  assert.is(findObjectFile(files, 'users'), 'public/tables/users.yaml');
  assert.is(findObjectFile(files, 'public.last_day(timestamp with time zone)'), 'public/routines/last_day(timestamp with time zone).yaml');
});

test('a routine named without its argument types is refused with the names to use', () => {
  assert.throws(() => findObjectFile(files, 'public.last_day'), /^"public\.last_day" is a routine: name it with its argument types, "public\.last_day\(timestamp with time zone\)"$/);
  assert.throws(() => findObjectFile(files, 'area'), /^"area" is a routine: name it with its argument types, "public\.area\(integer\)" or "public\.area\(numeric\)"$/);
  assert.throws(() => findObjectFile(files, 'public.nope'), /^no object "public\.nope" in this snapshot/);
});

test.run();
