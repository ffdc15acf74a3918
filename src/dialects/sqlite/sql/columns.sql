-- Columns of ordinary tables and views, in ordinal order (hidden: 2 virtual, 3 stored generated).
-- table_xinfo over a view SQLite cannot compile (one over a dropped table, or calling a function
-- this connection lacks) would fail this whole statement. table_list counts no columns for such a
-- view (and then for some others: it stops counting at the first it cannot compile), so views
-- with none are left out here and read alone (view_columns.sql).
SELECT l.name AS table_name, c.cid AS position, c.name AS name, c.type AS type,
       c."notnull" AS not_null, c.dflt_value AS default_value, c.pk AS pk, c.hidden AS hidden
FROM pragma_table_list AS l
JOIN pragma_table_xinfo(l.name) AS c
WHERE l.schema = 'main' AND (l.type = 'table' OR (l.type = 'view' AND l.ncol > 0)) AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, c.cid;
