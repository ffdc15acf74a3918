-- CHECK expressions (MariaDB: with their table, and LEVEL 'Column' for a check written on a column).
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, LEVEL AS level, CHECK_CLAUSE AS clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
