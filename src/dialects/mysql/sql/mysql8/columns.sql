-- Columns of tables and views (MySQL 8: SRS_ID, a geometry column's SRID, NULL when it has none;
-- MariaDB keeps that in GEOMETRY_COLUMNS, geometry_columns.sql).
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name, ORDINAL_POSITION AS position, COLUMN_DEFAULT AS default_value,
       IS_NULLABLE AS is_nullable, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type,
       CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation, EXTRA AS extra, COLUMN_COMMENT AS comment,
       GENERATION_EXPRESSION AS generation_expression, SRS_ID AS srid
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ?
