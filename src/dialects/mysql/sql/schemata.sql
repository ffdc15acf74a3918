-- The database itself: its defaults apply to every table created without its own. So does the
-- server's aria_page_checksum, to an Aria table created without PAGE_CHECKSUM (see assemble.ts).
SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation,
       SCHEMA_COMMENT AS comment, @@GLOBAL.aria_page_checksum AS aria_page_checksum
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME = ?
