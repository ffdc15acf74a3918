-- What kind each table is (ordinary, virtual, shadow, view) and its flags (WITHOUT ROWID, STRICT).
-- Kept apart from objects.sql: joined there, SQLite re-evaluates the pragma for every row.
SELECT l.name AS name, l.type AS table_kind, l.wr AS without_rowid, l.strict AS strict
FROM pragma_table_list AS l
WHERE l.schema = 'main' AND l.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY l.name;
