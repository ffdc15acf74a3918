-- Indexes of the tables and materialized views of the schemas in $1, except those that back a
-- primary key, unique or exclusion constraint (the model records the constraint). Keys come as
-- parallel arrays in index order (INCLUDE columns last): the column name or the expression text,
-- the statistics target, the indoption bits, the operator class unless it is the type's default,
-- and the collation unless it is the column's own (for an expression: its type's default); an
-- array with nothing to say (no expression, only default operator classes) is NULL, and so are
-- the statistics targets of an index without an expression. The query reads shard $3 of $2
-- (by table oid): pg_get_indexdef fills each connection's catalog caches for the index and its
-- table, the costliest part of a whole snapshot, and shards let several connections share it;
-- sharding by table keeps each table's entries in one connection (by index oid, every connection
-- met nearly every table: two shards cost 1.2x one whole read). Each lookup is a scalar
-- subquery by oid, an index probe whatever the planner estimates (joins here degrade to
-- repeated scans of whole catalogs at some sizes). OFFSET 0 keeps a key list's subquery from being
-- pulled up into the aggregates over it, each of which would otherwise repeat its lookups.
SELECT i.indrelid AS relid, ci.relname AS name, am.amname AS method,
       i.indisunique AS is_unique,
       i.indnullsnotdistinct AS nulls_not_distinct, -- pg < 15: false AS nulls_not_distinct,
       i.indnkeyatts AS key_count, i.indisvalid AS valid, i.indisclustered AS clustered,
       i.indisreplident AS replica_identity,
       pg_get_indexdef(i.indexrelid) AS definition,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       ARRAY(SELECT (SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = i.indrelid AND a.attnum = u.attnum)
             FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(attnum, n) ORDER BY u.n)::text[] AS columns,
       CASE WHEN 0 = ANY (i.indkey::int2[]) THEN
         ARRAY(SELECT CASE WHEN u.attnum = 0 THEN pg_get_indexdef(i.indexrelid, u.n::int, false) END
               FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(attnum, n) ORDER BY u.n)
       END AS expressions,
       -- ALTER INDEX ... ALTER COLUMN n SET STATISTICS, which only an expression key takes: read
       -- only for the indexes that have one, in one range scan of the index's own attributes
       -- (attnum n is key n; -1, or NULL from PostgreSQL 17, is the default).
       CASE WHEN 0 = ANY (i.indkey::int2[]) THEN
         (SELECT array_agg(nullif(a.attstattarget, -1) ORDER BY a.attnum) FROM pg_attribute AS a WHERE a.attrelid = i.indexrelid)::int[]
       END AS statistics,
       i.indoption::int2[] AS options,
       (SELECT CASE WHEN count(k.opclass) > 0 THEN array_agg(k.opclass ORDER BY k.n) END
        FROM (SELECT u.n, (SELECT CASE WHEN NOT oc.opcdefault THEN
                                     CASE WHEN pg_opclass_is_visible(oc.oid) THEN oc.opcname
                                          ELSE (SELECT nspname FROM pg_namespace WHERE oid = oc.opcnamespace) || '.' || oc.opcname END
                                   END
                            FROM pg_opclass AS oc WHERE oc.oid = u.opclass) AS opclass
              FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS u(opclass, n) OFFSET 0) AS k)::text[] AS opclasses,
       (SELECT CASE WHEN count(k.collation) > 0 THEN array_agg(k.collation ORDER BY k.n) END
        FROM (SELECT u.n,
                     CASE WHEN u.coll <> 0 AND u.coll IS DISTINCT FROM
                               CASE WHEN u.attnum > 0
                                    THEN (SELECT a.attcollation FROM pg_attribute AS a WHERE a.attrelid = i.indrelid AND a.attnum = u.attnum)
                                    ELSE (SELECT t.typcollation FROM pg_attribute AS ia JOIN pg_type AS t ON t.oid = ia.atttypid
                                          WHERE ia.attrelid = i.indexrelid AND ia.attnum = u.n) END
                          THEN (SELECT CASE WHEN pg_collation_is_visible(co.oid) THEN co.collname
                                            ELSE (SELECT nspname FROM pg_namespace WHERE oid = co.collnamespace) || '.' || co.collname END
                                FROM pg_collation AS co WHERE co.oid = u.coll)
                     END AS collation
              FROM unnest(i.indkey::int2[], i.indcollation::oid[]) WITH ORDINALITY AS u(attnum, coll, n)
              WHERE u.coll IS NOT NULL OFFSET 0) AS k)::text[] AS collations,
       ci.reloptions::text[] AS reloptions,
       ts.spcname AS tablespace,
       d.description AS comment,
       -- A partitioned table's index not valid yet: the partitions whose index is attached to it so
       -- far (ALTER INDEX ... ATTACH PARTITION), as {schema, table} pairs; once valid, every one's is.
       CASE WHEN c.relkind = 'p' AND NOT i.indisvalid THEN
         (SELECT array_agg(ARRAY[pn.nspname::text, p.relname::text] ORDER BY pn.nspname, p.relname)
          FROM pg_inherits AS h JOIN pg_index AS pi ON pi.indexrelid = h.inhrelid
          JOIN pg_class AS p ON p.oid = pi.indrelid JOIN pg_namespace AS pn ON pn.oid = p.relnamespace
          WHERE h.inhparent = i.indexrelid)
       END AS attached_partitions,
       -- A partition's index attached to its parent's (PostgreSQL clones one onto each partition,
       -- or adopts an identical one there): what tells it from an identical index of its own.
       CASE WHEN c.relispartition THEN EXISTS (SELECT 1 FROM pg_inherits AS h WHERE h.inhrelid = i.indexrelid) ELSE false END AS attached
FROM pg_index AS i
JOIN pg_class AS ci ON ci.oid = i.indexrelid
JOIN pg_class AS c ON c.oid = i.indrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_am AS am ON am.oid = ci.relam
LEFT JOIN pg_tablespace AS ts ON ts.oid = ci.reltablespace
LEFT JOIN pg_description AS d ON d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'm') AND i.indrelid::int8 % $2::int = $3::int
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k
                  WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e');
