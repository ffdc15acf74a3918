-- Foreign keys, one row per column pair; id groups the pairs of one key.
SELECT l.name AS table_name, f.id AS id, f.seq AS seq, f."table" AS ref_table, f."from" AS from_column,
       f."to" AS to_column, f.on_update AS on_update, f.on_delete AS on_delete
FROM pragma_table_list AS l
JOIN pragma_foreign_key_list(l.name) AS f
WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, f.id, f.seq;
