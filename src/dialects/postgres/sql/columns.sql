-- Columns of the tables, views, materialized views and foreign tables of the schemas in $1 (with
-- attnum: the caller orders them, a sort here spills to disk at 10,000 tables): the type as
-- format_type spells it, the default as pg_get_expr renders it (a view's too: it applies to
-- inserts through the view), and the collation, storage and compression only where they differ
-- from the type's own or the server's default; the statistics target and attribute options
-- where set; a foreign table's columns their FDW options; whether an inheritance child declares a
-- column it inherits as its own too.
SELECT a.attrelid AS relid, a.attnum AS position, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       -- Declared on the child as well as inherited (CREATE TABLE ... (c ...) INHERITS merged it, or NO
       -- INHERIT then INHERIT left it so): the parent's DROP COLUMN leaves the child's. Never on a
       -- partition, whose columns are only inherited.
       a.attislocal AND a.attinhcount > 0 AS local_and_inherited,
       -- A DEFAULT cannot refer to columns, so it deparses without opening the table (which would
       -- build the table's relcache entry: most of this query's cost at 10,000 tables); only a
       -- generation expression needs the table.
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) ELSE pg_get_expr(ad.adbin, 0) END AS default_expr,
       a.attidentity AS identity,
       a.attgenerated AS generated,
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN
         CASE WHEN co.collnamespace = 'pg_catalog'::regnamespace OR pg_collation_is_visible(co.oid) THEN co.collname
              ELSE cn.nspname || '.' || co.collname END
       END AS collation,
       CASE WHEN a.attstorage <> t.typstorage AND c.relkind IN ('r', 'p', 'm', 'f') THEN a.attstorage::text END AS storage,
       nullif(a.attcompression::text, '') AS compression, -- pg < 14: NULL::text AS compression,
       CASE WHEN c.relkind = 'f' THEN a.attfdwoptions::text[] END AS fdw_options,
       -- ALTER COLUMN ... SET STATISTICS (-1, or NULL from PostgreSQL 17, is the server's default)
       nullif(a.attstattarget, -1) AS statistics,
       -- Not pg_attver, the attribute version newer minor releases (15.20) keep there for every
       -- column, which differs between two creations of the same column; pg_dump leaves it out too.
       -- Most columns hold nothing else: they skip the unnest (a quarter of this query's time).
       CASE WHEN a.attoptions[2] IS NOT NULL OR a.attoptions[1] NOT LIKE 'pg\_attver=%'
            THEN ARRAY(SELECT o FROM unnest(a.attoptions) AS o WHERE o NOT LIKE 'pg\_attver=%')::text[] END AS attoptions,
       d.description AS comment
FROM pg_attribute AS a
JOIN pg_class AS c ON c.oid = a.attrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_type AS t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation AS co ON co.oid = a.attcollation
LEFT JOIN pg_namespace AS cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description AS d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND a.attnum > 0 AND NOT a.attisdropped
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e');
