-- Tables (plain, partitioned, partitions), views and materialized views of the schemas in $1,
-- except those an extension owns: RLS flags, partitioning, the parent and bound of a partition
-- (and whether its detach is pending), inheritance parents in order, the composite type of a typed table (CREATE TABLE ... OF), storage
-- options; for views the definition as pg_get_viewdef renders it.
SELECT c.oid AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS relkind,
       d.description AS comment,
       c.relrowsecurity AS rls_enabled, c.relforcerowsecurity AS rls_forced,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       c.relispartition AS is_partition,
       EXISTS (SELECT 1 FROM pg_inherits AS h WHERE h.inhrelid = c.oid AND h.inhdetachpending) AS detach_pending, -- pg < 14: false AS detach_pending,
       ARRAY(SELECT pn.nspname FROM pg_inherits AS h
             JOIN pg_class AS p ON p.oid = h.inhparent JOIN pg_namespace AS pn ON pn.oid = p.relnamespace
             WHERE h.inhrelid = c.oid ORDER BY h.inhseqno)::text[] AS parent_schemas,
       ARRAY(SELECT p.relname FROM pg_inherits AS h JOIN pg_class AS p ON p.oid = h.inhparent
             WHERE h.inhrelid = c.oid ORDER BY h.inhseqno)::text[] AS parent_names,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS definition,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS of_type,
       CASE WHEN c.relreplident <> 'd' AND c.relkind IN ('r', 'p') THEN c.relreplident::text END AS replica_identity,
       -- the table's TOAST table's own (toast.autovacuum_enabled ...) as ALTER TABLE ... SET (toast....) names them
       array_cat(c.reloptions, (SELECT array_agg('toast.' || o) FROM unnest(toast.reloptions) AS o))::text[] AS reloptions,
       am.amname AS access_method,
       ts.spcname AS tablespace
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_am AS am ON am.oid = c.relam AND am.amname <> 'heap'
LEFT JOIN pg_tablespace AS ts ON ts.oid = c.reltablespace
LEFT JOIN pg_class AS toast ON toast.oid = c.reltoastrelid
LEFT JOIN pg_description AS d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e');
