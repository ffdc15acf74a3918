-- The lock probe over the relations of the schemas in $1: does another session hold (or wait for)
-- one in a mode that blocks reading it, as running DDL does? Tables the role may read get a LOCK
-- TABLE ... NOWAIT statement, quoted by the server (format %I), which the caller runs and then
-- releases at once (a third of the cost of locking by oid). The rest (views, materialized views and
-- foreign tables, and relations the role may not read) are probed here by pg_relation_size, which
-- waits for the lock (up to lock_timeout) and lets it go; its NULL means the relation was dropped
-- after the snapshot began (then the caller reads again, as it does when the LOCK finds a relation
-- gone). A view is not given to LOCK TABLE: that locks what the view reads too, checked with the
-- view owner's rights, so a view whose owner lost SELECT on its table would fail every snapshot, a
-- superuser's too (what a view reads is probed on its own, below).
-- Besides the relations in scope (less those an exclude glob of $2 names, `schema.name` as regular
-- expressions: an ETL job's staging tables, truncated under ACCESS EXCLUSIVE, are why one excludes
-- them): what the scope's views and SQL-standard function bodies read, wherever it lives (an
-- excluded schema or table too), since deparsing them locks it.
WITH scope AS (SELECT oid FROM pg_namespace WHERE nspname = ANY ($1::text[])),
named AS (
  SELECT c.oid FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
  WHERE c.relnamespace IN (SELECT oid FROM scope) AND NOT (n.nspname || '.' || c.relname) ~ ANY ($2::text[])
  UNION
  SELECT d.refobjid FROM pg_depend AS d
  JOIN pg_rewrite AS r ON r.oid = d.objid
  JOIN pg_class AS v ON v.oid = r.ev_class
  WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND v.relnamespace IN (SELECT oid FROM scope)
  UNION
  SELECT d.refobjid FROM pg_depend AS d
  JOIN pg_proc AS p ON p.oid = d.objid
  WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_class'::regclass AND p.pronamespace IN (SELECT oid FROM scope)
),
rel AS (
  SELECT c.oid, n.nspname, c.relname,
         -- LOCK TABLE needs USAGE on the schema as well: a table granted in a schema that is not is probed the other way.
         c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, 'SELECT') AND has_schema_privilege(c.relnamespace, 'USAGE') AS lockable
  FROM pg_class AS c
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
  WHERE c.oid IN (SELECT oid FROM named) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
)
SELECT (SELECT 'LOCK TABLE ' || string_agg(format('%I.%I', nspname, relname), ', ') || ' IN ACCESS SHARE MODE NOWAIT'
        FROM rel WHERE lockable) AS statement,
       (SELECT count(*) FILTER (WHERE pg_relation_size(oid) IS NULL) FROM rel WHERE NOT lockable) AS vanished;
