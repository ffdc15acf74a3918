-- Index key parts, PRIMARY included (MariaDB: IGNORED is its name for an invisible index;
-- there are no functional key parts, so no EXPRESSION column).
SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS seq,
       COLUMN_NAME AS column_name, NULL AS expression, COLLATION AS collation, SUB_PART AS sub_part,
       INDEX_TYPE AS index_type, INDEX_COMMENT AS comment, IGNORED = 'YES' AS invisible
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
