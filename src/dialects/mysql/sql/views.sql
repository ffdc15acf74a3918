-- Views as the server renders them. DEFINER (user@host) is left out: it names an account of one
-- server, so the same schema on two servers would give two trees.
SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, CHECK_OPTION AS check_option,
       SECURITY_TYPE AS security, ALGORITHM AS algorithm
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA = ?
