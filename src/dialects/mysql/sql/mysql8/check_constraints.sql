-- CHECK expressions (MySQL 8: check names are unique per schema; the table comes from TABLE_CONSTRAINTS).
SELECT NULL AS table_name, CONSTRAINT_NAME AS name, NULL AS level, CHECK_CLAUSE AS clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
