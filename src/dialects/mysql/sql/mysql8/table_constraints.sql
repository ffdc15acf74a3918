-- Checks by table: on MySQL 8 the only place that says which table a CHECK belongs to, and
-- whether it is NOT ENFORCED (8.0.16+).
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, CONSTRAINT_TYPE AS constraint_type, ENFORCED AS enforced
FROM information_schema.TABLE_CONSTRAINTS
WHERE TABLE_SCHEMA = ? AND CONSTRAINT_TYPE = 'CHECK'
