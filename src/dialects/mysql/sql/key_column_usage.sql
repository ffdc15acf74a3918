-- Foreign-key column pairs, for the tables REFERENTIAL_CONSTRAINTS lists (the IN list: the server
-- skips every other table before opening it). Primary and unique keys come from STATISTICS.
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, ORDINAL_POSITION AS position, COLUMN_NAME AS column_name,
       REFERENCED_TABLE_SCHEMA AS referenced_schema, REFERENCED_TABLE_NAME AS referenced_table,
       REFERENCED_COLUMN_NAME AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN ? AND REFERENCED_TABLE_NAME IS NOT NULL
