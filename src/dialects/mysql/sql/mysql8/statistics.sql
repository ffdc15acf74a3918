-- Index key parts, PRIMARY included (MySQL 8: functional key parts in EXPRESSION, IS_VISIBLE).
SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, SEQ_IN_INDEX AS seq,
       COLUMN_NAME AS column_name, EXPRESSION AS expression, COLLATION AS collation, SUB_PART AS sub_part,
       INDEX_TYPE AS index_type, INDEX_COMMENT AS comment, IS_VISIBLE = 'NO' AS invisible
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ?
