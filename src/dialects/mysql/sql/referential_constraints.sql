-- Foreign keys: one row per key, with its actions.
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, REFERENCED_TABLE_NAME AS referenced_table,
       UPDATE_RULE AS on_update, DELETE_RULE AS on_delete, MATCH_OPTION AS match_option
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ?
