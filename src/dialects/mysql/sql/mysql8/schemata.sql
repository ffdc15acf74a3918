-- The database itself (MySQL has no schema comment).
SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation,
       NULL AS comment
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME = ?
