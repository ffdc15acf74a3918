-- Tables, views and (MariaDB) sequences. Only declared properties: no row counts, sizes or
-- AUTO_INCREMENT counters, which change with the data and would make every snapshot differ.
SELECT TABLE_NAME AS table_name, TABLE_TYPE AS table_type, ENGINE AS engine, TABLE_COLLATION AS collation,
       CREATE_OPTIONS AS create_options, TABLE_COMMENT AS comment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
