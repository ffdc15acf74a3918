-- The account's database-level privileges; TABLE_SCHEMA may be a LIKE pattern (GRANT ... ON `app\_%`.*).
SELECT GRANTEE AS grantee, TABLE_SCHEMA AS schema_pattern, PRIVILEGE_TYPE AS privilege
FROM information_schema.SCHEMA_PRIVILEGES
