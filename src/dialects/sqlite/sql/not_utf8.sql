-- The raw bytes of each object's name and CREATE statement, read only when the text read holds
-- U+FFFD: SQLite stores whatever bytes a client gave it, and text that is not UTF-8 reaches us with
-- each bad byte replaced by U+FFFD, so that two names or bodies could read the same.
SELECT m.type AS object_type, CAST(m.name AS BLOB) AS name, CAST(m.sql AS BLOB) AS sql
FROM sqlite_schema AS m
WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
