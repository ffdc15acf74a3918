-- MariaDB: the SRID (REF_SYSTEM_ID) of the geometry columns of the tables COLUMNS shows having
-- some (the IN list: the server skips every other table before opening it). The server looks
-- tables up by F_TABLE_SCHEMA and F_TABLE_NAME, not the G_ names. 0 is no SRID. The view's SRID
-- is a SMALLINT: any SRID above 32767 reads as 32767.
SELECT F_TABLE_NAME AS table_name, G_GEOMETRY_COLUMN AS column_name, SRID AS srid
FROM information_schema.GEOMETRY_COLUMNS
WHERE F_TABLE_SCHEMA = ? AND F_TABLE_NAME IN ? AND SRID <> 0
