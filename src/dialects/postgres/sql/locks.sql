-- ACCESS SHARE on every relation of the schemas in $1, taken right after the snapshot began (as
-- pg_dump does): the pg_get_* functions read the live catalog, not the snapshot, so from then on no
-- DROP or ALTER may change what is still to be deparsed. Tables and views the role may read get a
-- LOCK TABLE statement, quoted by the server (format %I), which the caller runs: a third of the cost
-- of locking by oid. The rest (materialized views and foreign tables, which LOCK TABLE refuses, and
-- relations the role may not read) are locked here by pg_relation_size, whose NULL means the
-- relation was dropped after the snapshot began (then the caller reads again, as it does when the
-- LOCK finds a relation gone).
WITH rel AS (
  SELECT c.oid, n.nspname, c.relname,
         c.relkind IN ('r', 'p', 'v') AND has_table_privilege(c.oid, 'SELECT') AS lockable
  FROM pg_class AS c
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
)
SELECT (SELECT 'LOCK TABLE ' || string_agg(format('%I.%I', nspname, relname), ', ') || ' IN ACCESS SHARE MODE'
        FROM rel WHERE lockable) AS statement,
       (SELECT count(*) FILTER (WHERE pg_relation_size(oid) IS NULL) FROM rel WHERE NOT lockable) AS vanished;
