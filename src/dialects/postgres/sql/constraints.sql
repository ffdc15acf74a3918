-- Primary, unique, foreign-key, check and exclusion constraints of the tables of the schemas in
-- $1, and the checks of their foreign tables. Key columns come as names in key order, each a
-- scalar lookup by (table, attnum) so that the cost stays linear whatever the planner estimates;
-- a foreign key's target is named as it is, in or out of scope. Checks and exclusions carry pg_get_constraintdef's rendering; each constraint
-- its comment. A primary key or unique constraint also has what its index holds beyond the keys
-- (INCLUDE columns, storage options, tablespace, CLUSTER, REPLICA IDENTITY USING INDEX, the
-- index's own comment, which is not the constraint's, and whether it is valid: one added ON ONLY a
-- partitioned table is not until each partition's index is attached to it), which
-- the constraint's definition says too but the key columns do not. An exclusion constraint's
-- definition says its INCLUDE columns and storage parameters but not its index's tablespace,
-- comment or CLUSTER (and its index is left out of indexes.sql): those come the same way.
-- A foreign key that references a partitioned table comes with one clone per partition of that
-- table (conparentid: the key it was cloned from), on the same referencing table and named by the
-- server: bookkeeping of the server's, which psql and pg_dump do not show either, and which would
-- make every new partition of the referenced table a change of each referencing table. A clone on
-- a partition of a partitioned referencing table (the parent's key, inherited) is kept: partitions
-- record what they inherit, as they do their indexes and triggers.
-- A foreign key's internal triggers are not listed by triggers.sql: only the states of those
-- turned off (or set to fire on replicas only, or always) come here.
SELECT k.conrelid AS relid, k.conname AS name, k.contype AS type,
       k.condeferrable AS deferrable, k.condeferred AS deferred, k.convalidated AS validated,
       k.connoinherit AS no_inherit,
       -- Of an inheritance child's check: declared on it as well as inherited (merged at CREATE TABLE
       -- ... INHERITS, or NO INHERIT then INHERIT): the parent's DROP CONSTRAINT leaves the child's.
       k.conislocal AND k.coninhcount > 0 AS local_and_inherited,
       ARRAY(SELECT (SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = k.conrelid AND a.attnum = u.attnum)
             FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, i) ORDER BY u.i)::text[] AS columns,
       rn.nspname AS ref_schema, r.relname AS ref_table,
       ARRAY(SELECT (SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = k.confrelid AND a.attnum = u.attnum)
             FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, i) ORDER BY u.i)::text[] AS ref_columns,
       CASE WHEN k.contype = 'f' THEN k.confupdtype::text END AS on_update,
       CASE WHEN k.contype = 'f' THEN k.confdeltype::text END AS on_delete,
       CASE WHEN k.contype = 'f' THEN k.confmatchtype::text END AS match,
       CASE WHEN k.confdelsetcols IS NOT NULL THEN -- pg < 15: NULL::text[] AS on_delete_columns,
         ARRAY(SELECT (SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = k.conrelid AND a.attnum = u.attnum) -- pg < 15:
               FROM unnest(k.confdelsetcols) WITH ORDINALITY AS u(attnum, i) ORDER BY u.i)::text[] -- pg < 15:
       END AS on_delete_columns, -- pg < 15:
       -- A foreign key is enforced by internal triggers on both tables, which ALTER TABLE ... DISABLE
       -- TRIGGER ALL on either (as pg_restore --disable-triggers runs) turns off: their states other
       -- than the usual one.
       CASE WHEN k.contype = 'f' THEN
         ARRAY(SELECT DISTINCT t.tgenabled::text FROM pg_trigger AS t WHERE t.tgconstraint = k.oid AND t.tgenabled <> 'O' ORDER BY 1)
       END AS trigger_states,
       CASE WHEN k.contype IN ('c', 'x') THEN pg_get_constraintdef(k.oid) END AS definition,
       CASE WHEN k.contype = 'u' THEN ki.indnullsnotdistinct END AS nulls_not_distinct, -- pg < 15: NULL::boolean AS nulls_not_distinct,
       CASE WHEN ki.indnatts > ki.indnkeyatts THEN
         ARRAY(SELECT (SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = k.conrelid AND a.attnum = u.attnum)
               FROM unnest(ki.indkey::int2[]) WITH ORDINALITY AS u(attnum, i) WHERE u.i > ki.indnkeyatts ORDER BY u.i)::text[]
       END AS include,
       kc.reloptions::text[] AS reloptions,
       kts.spcname AS tablespace,
       coalesce(ki.indisclustered, false) AS clustered,
       coalesce(ki.indisreplident, false) AS replica_identity,
       coalesce(ki.indisvalid, true) AS index_valid,
       -- A key's index not valid yet on a partitioned table: the partitions whose index is attached, as indexes.sql reads them.
       CASE WHEN c.relkind = 'p' AND NOT ki.indisvalid THEN
         (SELECT array_agg(ARRAY[pn.nspname::text, p.relname::text] ORDER BY pn.nspname, p.relname)
          FROM pg_inherits AS h JOIN pg_index AS pi ON pi.indexrelid = h.inhrelid
          JOIN pg_class AS p ON p.oid = pi.indrelid JOIN pg_namespace AS pn ON pn.oid = p.relnamespace
          WHERE h.inhparent = ki.indexrelid)
       END AS attached_partitions,
       ic.description AS index_comment,
       -- A partition's key attached to its parent's, as indexes.sql reads an index's.
       k.conparentid <> 0 AND k.contype IN ('p', 'u', 'x') AS attached,
       d.description AS comment
FROM pg_constraint AS k
JOIN pg_class AS c ON c.oid = k.conrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_class AS r ON r.oid = k.confrelid
LEFT JOIN pg_namespace AS rn ON rn.oid = r.relnamespace
LEFT JOIN pg_index AS ki ON ki.indexrelid = k.conindid AND k.contype IN ('p', 'u', 'x')
LEFT JOIN pg_class AS kc ON kc.oid = ki.indexrelid
LEFT JOIN pg_tablespace AS kts ON kts.oid = kc.reltablespace
LEFT JOIN pg_description AS ic ON ic.objoid = ki.indexrelid AND ic.classoid = 'pg_class'::regclass AND ic.objsubid = 0
LEFT JOIN pg_description AS d ON d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'f') AND k.contype IN ('p', 'u', 'f', 'c', 'x')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS origin WHERE origin.oid = k.conparentid AND origin.conrelid = k.conrelid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e');
