// PostgreSQL's storage parameters as the server reads them: a boolean in each spelling parse_bool
// takes, the rest as written; an index's or exclusion constraint's WITH clause without the
// parameters at its access method's defaults, quoted names and predicates that look like one kept.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { asRead, definitionAsRead, storageValue } from '../../src/model/storage-parameters.js';

test("a boolean storage parameter reads as true or false in each spelling parse_bool takes; others, and what it refuses, as written", () => {
  for (const spelled of ['true', 'TRUE', 't', 'Tr', 'tru', 'yes', 'Y', 'ye', 'on', 'ON', '1']) assert.is(storageValue('autovacuum_enabled', spelled), 'true', spelled);
  for (const spelled of ['false', 'F', 'fa', 'fals', 'no', 'N', 'off', 'OF', '0']) assert.is(storageValue('toast.vacuum_truncate', spelled), 'false', spelled);
  // 'o' is neither on nor off; a number is no boolean; an enum keeps its spelling
  assert.is(storageValue('fastupdate', 'o'), 'o');
  assert.is(storageValue('fastupdate', 'onn'), 'onn');
  assert.is(storageValue('fillfactor', '1'), '1');
  assert.is(storageValue('buffering', 'on'), 'on');
});

test('an enum storage parameter reads by its value in any case, vacuum_index_cleanup in each boolean spelling the server takes', () => {
  for (const spelled of ['AUTO', 'Auto', 'auto']) assert.is(storageValue('buffering', spelled), 'auto', spelled);
  for (const spelled of ['on', 'ON', 'true', 'Yes', '1']) assert.is(storageValue('vacuum_index_cleanup', spelled), 'on', spelled);
  for (const spelled of ['off', 'FALSE', 'no', '0']) assert.is(storageValue('toast.vacuum_index_cleanup', spelled), 'off', spelled);
  assert.is(storageValue('vacuum_index_cleanup', 'AUTO'), 'auto');
  // the server refuses these: kept as written, as any value it would not take
  assert.is(storageValue('vacuum_index_cleanup', 'ye'), 'ye');
  assert.is(storageValue('buffering', 'true'), 'true');
  assert.is(asRead('view', 'check_option', 'LOCAL'), 'local');
  assert.is(asRead('table', 'options.vacuum_index_cleanup', 'Yes'), 'on');
});

test("an index's or exclusion constraint's definition reads without the storage parameters at its access method's defaults, each boolean as true or false", () => {
  assert.is(definitionAsRead("CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='90', deduplicate_items=on)"), 'CREATE INDEX i ON public.t USING btree (a)');
  assert.is(
    definitionAsRead("CREATE INDEX i ON public.t USING btree (a) WITH (deduplicate_items=off, fillfactor='90') WHERE (a > 0)"),
    'CREATE INDEX i ON public.t USING btree (a) WITH (deduplicate_items=false) WHERE (a > 0)',
  );
  // 90 is a B-tree's default, not a hash index's; buffering is GiST's own
  assert.is(definitionAsRead("CREATE INDEX i ON public.t USING hash (a) WITH (fillfactor='90')"), 'CREATE INDEX i ON public.t USING hash (a) WITH (fillfactor=90)');
  assert.is(definitionAsRead("EXCLUDE USING gist (r WITH &&) INCLUDE (a) WITH (buffering=auto, fillfactor='90') WHERE ((a > 0))"), 'EXCLUDE USING gist (r WITH &&) INCLUDE (a) WHERE ((a > 0))');
  assert.is(definitionAsRead("CREATE INDEX i ON public.t USING gin (c) WITH (fastupdate='Yes', gin_pending_list_limit='4096')"), 'CREATE INDEX i ON public.t USING gin (c) WITH (gin_pending_list_limit=4096)');
  // names and literals that look like the clause or the method are not read as them
  const tricky = `CREATE INDEX "i USING brin WITH (fillfactor=1)" ON public."t USING hash" USING btree ((f(a, ' WITH (x)'))) WITH (fillfactor='70', pages_per_range='128')`;
  assert.is(definitionAsRead(tricky), `CREATE INDEX "i USING brin WITH (fillfactor=1)" ON public."t USING hash" USING btree ((f(a, ' WITH (x)'))) WITH (fillfactor=70, pages_per_range=128)`);
  assert.is(definitionAsRead('CREATE INDEX i ON public.t USING btree (a)'), 'CREATE INDEX i ON public.t USING btree (a)');
  // a SQLite index, as written: no storage parameters to read
  assert.is(definitionAsRead('CREATE INDEX i ON t (a) WHERE a > 0'), 'CREATE INDEX i ON t (a) WHERE a > 0');
});

test('only the shapes that hold PostgreSQL storage parameters read them so', () => {
  assert.is(asRead('table', 'options.autovacuum_enabled', 'off'), 'false');
  assert.is(asRead('view', 'options.security_invoker', 'ON'), 'true');
  assert.is(asRead('unique', 'options.deduplicate_items', '0'), 'false');
  assert.is(asRead('column', 'options.autovacuum_enabled', 'off'), 'off');
  assert.is(asRead('table', 'comment', 'off'), 'off');
  assert.is(asRead('trigger', 'definition', "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='90')"), "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='90')");
  assert.is(asRead('index', 'definition', "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='90')"), 'CREATE INDEX i ON public.t USING btree (a)');
  assert.is(asRead('table', 'options.autovacuum_enabled', true), true);
});

test.run();
