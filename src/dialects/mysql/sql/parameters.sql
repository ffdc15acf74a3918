-- Routine parameters; position 0 is a function's return value. DTD_IDENTIFIER leaves out the
-- character set and collation of a text parameter, which CHARACTER_SET_NAME and COLLATION_NAME hold.
SELECT SPECIFIC_NAME AS routine_name, ROUTINE_TYPE AS routine_type, ORDINAL_POSITION AS position,
       PARAMETER_MODE AS mode, PARAMETER_NAME AS name, DTD_IDENTIFIER AS type,
       CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation
FROM information_schema.PARAMETERS
WHERE SPECIFIC_SCHEMA = ?
