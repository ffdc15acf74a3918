-- Partitions of the tables TABLES marks as partitioned (the IN list: the server skips every other
-- table before opening it; a plain table would give one row with no partition name).
SELECT TABLE_NAME AS table_name, PARTITION_NAME AS name, SUBPARTITION_NAME AS subpartition,
       PARTITION_ORDINAL_POSITION AS position, SUBPARTITION_ORDINAL_POSITION AS subposition,
       PARTITION_METHOD AS method, PARTITION_EXPRESSION AS expression, SUBPARTITION_METHOD AS submethod,
       SUBPARTITION_EXPRESSION AS subexpression, PARTITION_DESCRIPTION AS description, PARTITION_COMMENT AS comment
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN ? AND PARTITION_NAME IS NOT NULL
