-- Views as the server renders them (MySQL 8 does not expose ALGORITHM here); DEFINER left out.
SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, CHECK_OPTION AS check_option,
       SECURITY_TYPE AS security, NULL AS algorithm
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA = ?
