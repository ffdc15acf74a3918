// How a name on the command line finds its snapshot file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findObjectFile, matchesSpec } from '../../src/snapshot/object-spec.js';
import type { Dialect } from '../../src/model/types.js';

const files = ['public/tables/users.yaml', 'public/routines/last_day(timestamp with time zone).yaml', 'public/routines/area(integer).yaml', 'public/routines/area(numeric).yaml'];

test('schema.name, a bare name or a routine with its argument types find the file', () => {
  assert.is(findObjectFile(files, 'public.users'), 'public/tables/users.yaml');
  assert.is(findObjectFile(files, 'users'), 'public/tables/users.yaml');
  assert.is(findObjectFile(files, 'public.last_day(timestamp with time zone)'), 'public/routines/last_day(timestamp with time zone).yaml');
});

test("a tree path names its object with or without .yaml; a file's path is read whole, a name ending in .yaml that name", () => {
  const path = 'public/tables/a%2Fb.yaml';
  assert.ok(matchesSpec(path, 'public/tables/a%2Fb.yaml'));
  assert.ok(matchesSpec(path, 'public/tables/a%2Fb'));
  assert.ok(matchesSpec(path, 'public.a/b'));
  assert.not.ok(matchesSpec(path, 'public/tables/a%2Fb.yml'));
  const yaml = 'main/tables/orders.yaml.yaml';
  for (const spec of ['main.orders.yaml', 'main."orders.yaml"', 'orders.yaml', 'main/tables/orders.yaml']) assert.ok(matchesSpec(yaml, spec, 'sqlite'), spec);
  assert.not.ok(matchesSpec(yaml, 'main.orders', 'sqlite'));
});

test('a routine named without its argument types is refused with the names to use', () => {
  assert.throws(() => findObjectFile(files, 'public.last_day'), /^"public\.last_day" is a routine: name it with its argument types, "public\.last_day\(timestamp with time zone\)"$/);
  assert.throws(() => findObjectFile(files, 'area'), /^"area" is a routine: name it with its argument types, "public\.area\(integer\)" or "public\.area\(numeric\)"$/);
  assert.throws(() => findObjectFile(files, 'public.nope'), /^no object "public\.nope" in this snapshot/);
});

test('a routine\'s argument list matches without the spaces around its punctuation, as regprocedure prints it', () => {
  assert.is(findObjectFile(files, 'public.area(integer)'), 'public/routines/area(integer).yaml');
  const two = ['public/routines/f(integer, character varying, integer[]).yaml', 'public/routines/f(numeric(10,2)).yaml'];
  assert.is(findObjectFile(two, 'public.f(integer,character varying,integer[])'), two[0]);
  assert.is(findObjectFile(two, 'f( integer , character varying , integer[] )'), two[0]);
  assert.is(findObjectFile(two, 'f(numeric(10, 2))'), two[1]);
  // the words of a type name stay apart
  assert.throws(() => findObjectFile(two, 'public.f(integer,charactervarying,integer[])'), /^no routine/);
});

test('a routine named with SQL quotes, as regprocedure prints it, finds its file; named so without its types, its overloads', () => {
  const quoted = ['Weird Schema/routines/Func Name(integer).yaml', 'y/routines/f(x), g(integer).yaml', 'app/routines/f(integer).yaml', 'app/routines/f(text).yaml'];
  assert.is(findObjectFile(quoted, '"Weird Schema"."Func Name"(integer)'), quoted[0]);
  assert.is(findObjectFile(quoted, '"Func Name"( integer )'), quoted[0]);
  assert.is(findObjectFile(quoted, 'y."f(x), g"(integer)'), quoted[1]);
  assert.is(findObjectFile(quoted, 'app."f"(text)'), quoted[3]);
  assert.throws(() => findObjectFile(quoted, 'app."f"'), /^"app\.\\"f\\"" is a routine: name it with its argument types, "app\.f\(integer\)" or "app\.f\(text\)"$/);
});

test("a routine's name compares exactly, only its argument list loosely: names with spaces, commas or only whitespace are told apart", () => {
  const spaced = ['public/routines/x().yaml', 'public/routines/x ().yaml', 'public/routines/x (integer).yaml', 'public/routines/r, s().yaml', 'public/routines/r,s().yaml', 'f/routines/   ().yaml', 'f/routines/\t().yaml', 'f/routines/\u00a0().yaml'];
  assert.is(findObjectFile(spaced, 'public."x"()'), spaced[0]);
  assert.is(findObjectFile(spaced, 'public."x "()'), spaced[1]);
  assert.is(findObjectFile(spaced, 'public.x()'), spaced[0]);
  assert.is(findObjectFile(spaced, 'public.x ()'), spaced[0]);
  assert.is(findObjectFile(spaced, 'public."x "(integer)'), spaced[2]);
  assert.throws(() => findObjectFile(spaced, 'public.x(integer)'), /^no routine "public\.x\(integer\)"/);
  assert.is(findObjectFile(spaced, 'public."r, s"()'), spaced[3]);
  assert.is(findObjectFile(spaced, 'public."r,s"( )'), spaced[4]);
  assert.is(findObjectFile(spaced, 'f."   "()'), spaced[5]);
  assert.is(findObjectFile(spaced, 'f."\t"()'), spaced[6]);
  assert.is(findObjectFile(spaced, 'f."\u00a0"()'), spaced[7]);
});

test('an empty name, which SQLite takes quoted, is found by its quoted form', () => {
  const files = ['main/tables/%.yaml', 'main/tables/a.yaml'];
  assert.is(findObjectFile(files, 'main.""', 'sqlite'), files[0]);
  assert.is(findObjectFile(files, '""', 'sqlite'), files[0]);
  assert.throws(() => findObjectFile(files, 'main..', 'sqlite'), /^no object/);
});

test('a routine named with argument types none of its overloads has is answered with the overloads', () => {
  assert.throws(() => findObjectFile(files, 'public.area(int4)'), /^no routine "public\.area\(int4\)": name it with its argument types as the snapshot spells them, "public\.area\(integer\)" or "public\.area\(numeric\)"$/);
  assert.throws(() => findObjectFile(files, 'users(integer)'), /^no object "users\(integer\)" in this snapshot/);
});

test('a MySQL routine named in another case without its argument types is answered with its name as stored', () => {
  const mysql = ['shop/routines/score(int).yaml', 'shop/tables/scores.yaml'];
  assert.throws(() => findObjectFile(mysql, 'shop.SCORE', 'mysql'), /^"shop\.SCORE" is a routine: name it with its argument types, "shop\.score\(int\)"$/);
  // PostgreSQL's quoted names keep their case: another case is another name
  assert.throws(() => findObjectFile(['public/routines/score(integer).yaml'], 'public.SCORE', 'postgres'), /^no object "public\.SCORE" in this snapshot/);
});


test('a name with a dot is found as diff, lint and export show it, quoted; unquoted where that is ambiguous, the files to choose from are named', () => {
  const dotted = ['s.x/tables/t.y.yaml', 's/tables/x.t.y.yaml', 'public/routines/f.g(integer).yaml'];
  assert.is(findObjectFile(dotted, '"s.x"."t.y"'), 's.x/tables/t.y.yaml');
  assert.is(findObjectFile(dotted, 's."x.t.y"'), 's/tables/x.t.y.yaml');
  assert.is(findObjectFile(dotted, '"t.y"'), 's.x/tables/t.y.yaml');
  assert.is(findObjectFile(dotted, 'public."f.g"(integer)'), 'public/routines/f.g(integer).yaml');
  assert.throws(() => findObjectFile(dotted, 's.x.t.y'), /is ambiguous: s\.x\/tables\/t\.y, s\/tables\/x\.t\.y; name one of these/);
  assert.throws(() => findObjectFile(dotted.slice(0, 1), 's.x.t.z'), /did you mean "\\"s\.x\\"\.\\"t\.y\\""\?/);
});

test('a name quoted as SQL quotes it is found, whatever it holds', () => {
  const files = ['public/tables/Order Items.yaml', 'Sales/tables/Q1.yaml', 'public/tables/say "hi".yaml'];
  assert.is(findObjectFile(files, 'public."Order Items"'), 'public/tables/Order Items.yaml');
  assert.is(findObjectFile(files, '"public"."Order Items"'), 'public/tables/Order Items.yaml');
  assert.is(findObjectFile(files, '"Sales".Q1', 'postgres'), 'Sales/tables/Q1.yaml');
  assert.is(findObjectFile(files, '"Order Items"'), 'public/tables/Order Items.yaml');
  assert.is(findObjectFile(files, 'public."say ""hi"""'), 'public/tables/say "hi".yaml');
  // a schema alone, quoted
  assert.is(findObjectFile([...files, 's.x/schema.yaml', 'Sales/schema.yaml'], '"s.x"', 'postgres'), 's.x/schema.yaml');
  assert.is(findObjectFile([...files, 'Sales/schema.yaml'], '"Sales"', 'postgres'), 'Sales/schema.yaml');
  // quoted names keep their case on PostgreSQL; an unbalanced quote names nothing
  assert.throws(() => findObjectFile(files, '"sales".q1', 'postgres'), /^no object/);
  assert.throws(() => findObjectFile(files, 'public."Order Items'), /^no object/);
  // MySQL's backticks, a backtick inside doubled
  const mysql = ['shop/tables/CaseT.yaml', 'shop/tables/caset.yaml', 'shop/tables/we`ird name.yaml'];
  assert.is(findObjectFile(mysql, 'shop.`caset`', 'mysql'), 'shop/tables/caset.yaml');
  assert.is(findObjectFile(mysql, '`shop`.CaseT', 'mysql'), 'shop/tables/CaseT.yaml');
  assert.is(findObjectFile(mysql, 'shop.`we``ird name`', 'mysql'), 'shop/tables/we`ird name.yaml');
});

test('a name held in many schemas lists ten files to choose from and how many more', () => {
  const paths = Array.from({ length: 30 }, (_, i) => `s${String(i).padStart(2, '0')}/tables/t.yaml`);
  assert.throws(() => findObjectFile(paths, 't'), (error: Error) => error.message === `"t" is ambiguous: ${paths.slice(0, 10).map((p) => p.slice(0, -5)).join(', ')} and 20 more; name one of these`);
});

test('every name a hint suggests for a routine finds it: a name holding a quote or a backtick, suggested as diff shows it, typed bare or quoted', () => {
  /** The names the error for `spec` suggests (its first quoted text is `spec` itself). */
  const suggested = (paths: string[], spec: string, dialect: Dialect) => {
    try {
      findObjectFile(paths, spec, dialect);
    } catch (error) {
      return [...(error as Error).message.matchAll(/"(?:[^"\\]|\\.)*"/g)].slice(1).map((m) => JSON.parse(m[0]) as string);
    }
    return assert.unreachable(spec);
  };
  const mariadb = ['db/routines/pr`q().yaml'];
  assert.equal(suggested(mariadb, 'db.pr`q', 'mysql'), ['db.pr`q()']);
  assert.equal(suggested(mariadb, 'db.pr`x()', 'mysql'), ['db.pr`q()']);
  for (const spec of ['db.pr`q()', 'db.`pr``q`()', 'pr`q()', '`pr``q`( )']) assert.is(findObjectFile(mariadb, spec, 'mysql'), mariadb[0], spec);
  const postgres = ['public/routines/q"uote(integer).yaml', 'public/routines/q"uote(text).yaml'];
  assert.equal(suggested(postgres, 'public.q"uote', 'postgres'), ['public."q""uote"(integer)', 'public."q""uote"(text)']);
  assert.equal(suggested(postgres, 'public.q"uote(int4)', 'postgres'), ['public."q""uote"(integer)', 'public."q""uote"(text)']);
  for (const spec of ['public."q""uote"(integer)', 'public.q"uote(integer)', 'q"uote(integer)']) assert.is(findObjectFile(postgres, spec, 'postgres'), postgres[0], spec);
  // history matches each file a snapshot changed as show finds it
  assert.ok(matchesSpec(postgres[1]!, 'public.q"uote(text)', 'postgres'));
  assert.ok(matchesSpec(mariadb[0]!, 'db.pr`q()', 'mysql'));
});

test.run();
