-- Routine parameters; position 0 is a function's return value.
SELECT SPECIFIC_NAME AS routine_name, ROUTINE_TYPE AS routine_type, ORDINAL_POSITION AS position,
       PARAMETER_MODE AS mode, PARAMETER_NAME AS name, DTD_IDENTIFIER AS type
FROM information_schema.PARAMETERS
WHERE SPECIFIC_SCHEMA = ?
