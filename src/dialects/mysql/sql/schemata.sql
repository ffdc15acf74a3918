-- The database itself: its defaults apply to every table created without its own.
SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation,
       SCHEMA_COMMENT AS comment
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME = ?
