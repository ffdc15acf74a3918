-- Indexes with their key columns (origin: c = CREATE INDEX, u = UNIQUE, pk = PRIMARY KEY;
-- cid -2 marks an expression key, whose text comes from the CREATE INDEX statement).
SELECT l.name AS table_name, i.name AS index_name, i."unique" AS is_unique, i.origin AS origin,
       i.partial AS partial, x.seqno AS seqno, x.cid AS cid, x.name AS column_name, x."desc" AS descending,
       x.coll AS collation
FROM pragma_table_list AS l
JOIN pragma_index_list(l.name) AS i
JOIN pragma_index_xinfo(i.name) AS x
WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND x.key = 1
ORDER BY l.name, i.name, x.seqno;
