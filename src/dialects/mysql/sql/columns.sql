-- Columns of tables and views. The same column list on MariaDB and MySQL 8, save MySQL's SRS_ID
-- (mysql8/columns.sql); what differs is how COLUMN_DEFAULT and EXTRA are spelled, which assembly normalizes.
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name, ORDINAL_POSITION AS position, COLUMN_DEFAULT AS default_value,
       IS_NULLABLE AS is_nullable, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type,
       CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation, EXTRA AS extra, COLUMN_COMMENT AS comment,
       GENERATION_EXPRESSION AS generation_expression
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ?
