-- Every schema object SQLite stores (tables, views, indexes, triggers) with its CREATE statement.
SELECT m.type AS object_type, m.name AS name, m.tbl_name AS table_name, m.sql AS sql
FROM sqlite_schema AS m
WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.type, m.name;
