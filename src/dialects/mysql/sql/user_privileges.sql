-- The account's global privileges (what it may see in every database).
SELECT GRANTEE AS grantee, PRIVILEGE_TYPE AS privilege
FROM information_schema.USER_PRIVILEGES
