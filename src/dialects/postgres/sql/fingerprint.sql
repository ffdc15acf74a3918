-- A fingerprint of the catalog rows of the schemas in $1 that the server's deparsing functions
-- (pg_get_*def, pg_get_expr, format_type) read from the live catalog rather than from the
-- snapshot. Taken in the snapshot and again after the last catalog query in a fresh one: if the two
-- differ, DDL committed during the read and the deparsed text may mix two catalog states.
-- Rows count by xmin, as (xmin, number of rows) pairs: a row that DDL inserts or updates carries
-- the new transaction's id, one it deletes lowers its pair's count, while VACUUM, ANALYZE and
-- freezing keep xmin, so data activity leaves the fingerprint alone. pg_class rows count by what
-- deparsing takes from them instead (TRUNCATE, VACUUM FULL and REINDEX rewrite them). Catalogs only
-- read through the snapshot (defaults, policies, sequences, comments, inheritance) are consistent
-- already; objects outside the schemas in $1 are left out, so that churn in an excluded schema
-- cannot stop a snapshot (a rename there during the read can show in a deparsed name).
-- The relations and types are materialized once and hash-joined (the planner would otherwise probe
-- pg_attribute's index once per relation).
WITH ns AS MATERIALIZED (SELECT oid, xmin FROM pg_namespace WHERE nspname = ANY ($1::text[])),
rel AS MATERIALIZED (SELECT c.oid, c.relnamespace, c.relname, c.relkind, c.relam, c.reloptions FROM pg_class AS c JOIN ns ON ns.oid = c.relnamespace),
typ AS MATERIALIZED (SELECT t.oid, t.xmin FROM pg_type AS t JOIN ns ON ns.oid = t.typnamespace),
row_xmin (x) AS (
  SELECT xmin FROM ns
  UNION ALL SELECT a.xmin FROM pg_attribute AS a JOIN rel ON rel.oid = a.attrelid
  UNION ALL SELECT i.xmin FROM pg_index AS i JOIN rel ON rel.oid = i.indrelid
  UNION ALL SELECT t.xmin FROM pg_trigger AS t JOIN rel ON rel.oid = t.tgrelid
  UNION ALL SELECT r.xmin FROM pg_rewrite AS r JOIN rel ON rel.oid = r.ev_class
  UNION ALL SELECT p.xmin FROM pg_partitioned_table AS p JOIN rel ON rel.oid = p.partrelid
  UNION ALL SELECT xmin FROM typ
  UNION ALL SELECT e.xmin FROM pg_enum AS e JOIN typ ON typ.oid = e.enumtypid
  UNION ALL SELECT k.xmin FROM pg_constraint AS k JOIN ns ON ns.oid = k.connamespace
  UNION ALL SELECT p.xmin FROM pg_proc AS p JOIN ns ON ns.oid = p.pronamespace
  UNION ALL SELECT o.xmin FROM pg_operator AS o JOIN ns ON ns.oid = o.oprnamespace
  UNION ALL SELECT o.xmin FROM pg_opclass AS o JOIN ns ON ns.oid = o.opcnamespace
  UNION ALL SELECT co.xmin FROM pg_collation AS co JOIN ns ON ns.oid = co.collnamespace
  UNION ALL SELECT s.xmin FROM pg_statistic_ext AS s JOIN ns ON ns.oid = s.stxnamespace
),
pairs AS (SELECT x::text AS x, count(*) AS n FROM row_xmin GROUP BY row_xmin.x)
SELECT md5(concat_ws(' ',
         (SELECT string_agg(x || ':' || n, ' ' ORDER BY x) FROM pairs),
         (SELECT count(*) || ':' || sum(hashtext(concat_ws(' ', oid, relnamespace, relname, relkind, relam, reloptions))) FROM rel))) AS fingerprint;
