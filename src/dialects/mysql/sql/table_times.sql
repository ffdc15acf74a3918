-- MariaDB, after the catalog read: how many tables and views the database holds, and the latest
-- CREATE_TIME among them (whole seconds; set when a table is created or altered, as the DDL
-- commits). See stability.ts.
SELECT COUNT(*) AS objects, MAX(UNIX_TIMESTAMP(CREATE_TIME)) AS latest
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ?
