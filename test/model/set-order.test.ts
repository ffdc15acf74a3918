// The sets PostgreSQL keeps in the order they were written, sorted in the model: storage
// parameters in index and exclusion definitions, SET clauses in a routine's definition, UPDATE OF
// columns, FDW and dictionary options. Quoted names and literals that look like those clauses are
// left alone, and so is the order inside a value (search_path TO 'b', 'a').
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inSetOrder } from '../../src/model/set-order.js';
import type { Routine, Table, UnknownObject } from '../../src/model/types.js';

const routine = (definition: string): Routine => ({
  kind: 'routine',
  schema: 'public',
  name: 'f',
  routine_type: 'function',
  argument_types: [],
  arguments: '',
  language: 'sql',
  security: 'invoker',
  definition,
});

test("an index's and an exclusion constraint's storage parameters sorted; quoted names and a predicate that look like them kept", () => {
  const table: Table = {
    kind: 'table',
    schema: 'public',
    name: 't',
    columns: [],
    indexes: [
      {
        name: 'i',
        columns: ['a'],
        unique: false,
        definition: `CREATE INDEX "i WITH (z=1, a=2)" ON public.t USING btree ((f(a, b))) WITH (fillfactor='70', deduplicate_items=off) WHERE (b <> ' WITH (y, x)'::text)`,
      },
      { name: 'j', columns: ['a'], unique: false, definition: 'CREATE INDEX j ON public.t USING btree (a)' },
    ],
    exclusion_constraints: [{ name: 'x', definition: `EXCLUDE USING gist (a WITH =) WITH (fillfactor='70', buffering="on") WHERE ((a > 0))` }],
  };
  const sorted = inSetOrder(table);
  assert.is(
    sorted.indexes![0]!.definition,
    `CREATE INDEX "i WITH (z=1, a=2)" ON public.t USING btree ((f(a, b))) WITH (deduplicate_items=off, fillfactor='70') WHERE (b <> ' WITH (y, x)'::text)`,
  );
  assert.is(sorted.indexes![1]!.definition, 'CREATE INDEX j ON public.t USING btree (a)');
  assert.is(sorted.exclusion_constraints![0]!.definition, `EXCLUDE USING gist (a WITH =) WITH (buffering="on", fillfactor='70') WHERE ((a > 0))`);
  assert.equal(inSetOrder(sorted), sorted);
});

test("a routine's SET clauses sorted, each value's list as written; a default, a value or a body that holds SET lines kept", () => {
  const head = `CREATE OR REPLACE FUNCTION public.f(x text DEFAULT '\n SET z TO 1')\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\n`;
  assert.is(
    inSetOrder(routine(`${head} SET work_mem TO '64MB'\n SET application_name TO 'a\n b'\n SET search_path TO 'b', 'a'\nAS $function$select 1\n SET y TO 2\n$function$\n`)).definition,
    `${head} SET application_name TO 'a\n b'\n SET search_path TO 'b', 'a'\n SET work_mem TO '64MB'\nAS $function$select 1\n SET y TO 2\n$function$\n`,
  );
  assert.is(
    inSetOrder(routine(`${head} SET work_mem TO '64MB'\n SET "my.x" TO '1'\nBEGIN ATOMIC\n SELECT 1;\nEND\n`)).definition,
    `${head} SET "my.x" TO '1'\n SET work_mem TO '64MB'\nBEGIN ATOMIC\n SELECT 1;\nEND\n`,
  );
  // A C function's definition is its symbol.
  assert.is(inSetOrder(routine('f_symbol')).definition, 'f_symbol');
});

test("a trigger's UPDATE OF columns by name, in its columns and in its definition (quoted names included)", () => {
  const table: Table = {
    kind: 'table',
    schema: 'public',
    name: 't',
    columns: [],
    triggers: [
      {
        name: 'UPDATE OF x',
        timing: 'before',
        events: ['insert', 'update'],
        columns: ['b', 'a, "c"', 'A'],
        definition: `CREATE TRIGGER "UPDATE OF x" BEFORE INSERT OR UPDATE OF b, "a, ""c""", "A" ON public.t FOR EACH ROW EXECUTE FUNCTION tf()`,
      },
    ],
  };
  const [trigger] = inSetOrder(table).triggers!;
  assert.equal(trigger!.columns, ['A', 'a, "c"', 'b']);
  assert.is(trigger!.definition, `CREATE TRIGGER "UPDATE OF x" BEFORE INSERT OR UPDATE OF "A", "a, ""c""", b ON public.t FOR EACH ROW EXECUTE FUNCTION tf()`);
});

test("a foreign table's and its columns' OPTIONS and a text search dictionary's options sorted; other raw objects kept", () => {
  const raw = (object_type: string, value: Record<string, unknown>): UnknownObject => ({ kind: 'unknown', schema: 'public', name: 'x', object_type, raw: value });
  assert.equal(
    inSetOrder(raw('foreign table', { server: 's', options: ['table_name=t', 'schema_name=s'], columns: [{ name: 'a', type: 'integer', fdw_options: ['c2=1', 'c1=x, y'] }, { name: 'b', type: 'integer', options: { storage: 'main' } }] })).raw,
    { server: 's', options: ['schema_name=s', 'table_name=t'], columns: [{ name: 'a', type: 'integer', fdw_options: ['c1=x, y', 'c2=1'] }, { name: 'b', type: 'integer', options: { storage: 'main' } }] },
  );
  // recorded before FDW options had a key of their own: read as they are recorded now
  assert.equal(inSetOrder(raw('foreign table', { server: 's', columns: [{ name: 'a', type: 'integer', options: ['c2=1', 'c1=x'] }] })).raw, {
    server: 's',
    columns: [{ name: 'a', type: 'integer', fdw_options: ['c1=x', 'c2=1'] }],
  });
  assert.equal(inSetOrder(raw('text search dictionary', { template: 'simple', options: `stopwords = 'a, b', accept = 'false'` })).raw, {
    template: 'simple',
    options: `accept = 'false', stopwords = 'a, b'`,
  });
  assert.equal(inSetOrder(raw('event trigger', { tags: ['b', 'a'] })).raw, { tags: ['b', 'a'] });
});

test.run();
