-- Columns of ordinary tables and views, in ordinal order (hidden: 2 virtual, 3 stored generated).
SELECT l.name AS table_name, c.cid AS position, c.name AS name, c.type AS type,
       c."notnull" AS not_null, c.dflt_value AS default_value, c.pk AS pk, c.hidden AS hidden
FROM pragma_table_list AS l
JOIN pragma_table_xinfo(l.name) AS c
WHERE l.schema = 'main' AND l.type IN ('table', 'view') AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name, c.cid;
