-- Stored functions and procedures (ROUTINE_DEFINITION is NULL when the account may not read the
-- body) with the SQL mode each was created under, which decides how its body parses and runs
-- (ANSI_QUOTES makes "id" a name, the STRICT modes make a bad value an error); DEFINER left out.
SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS routine_type, DTD_IDENTIFIER AS returns, ROUTINE_BODY AS language,
       ROUTINE_DEFINITION AS definition, IS_DETERMINISTIC AS is_deterministic, SQL_DATA_ACCESS AS sql_data_access,
       SECURITY_TYPE AS security, ROUTINE_COMMENT AS comment, SQL_MODE AS sql_mode
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = ?
