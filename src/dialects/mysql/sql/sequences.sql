-- MariaDB sequences (those TABLES lists, in the IN list): their definition, never their current
-- value. MariaDB 10.11 has no catalog view of sequence parameters; they live in each sequence's one
-- row. The server itself writes one UNION ALL over those rows into @datatrack_sequences, quoting each
-- name (datatrack never puts an identifier into SQL); catalog.ts prepares and runs it. Sequences
-- dropped since TABLES was read leave an empty statement.
SELECT COALESCE(GROUP_CONCAT(CONCAT('SELECT ', QUOTE(TABLE_NAME), ' AS name, start_value AS start, increment, minimum_value AS min, ',
                           'maximum_value AS max, cache_size AS cache, cycle_option AS cycle FROM `',
                           REPLACE(TABLE_SCHEMA, '`', '``'), '`.`', REPLACE(TABLE_NAME, '`', '``'), '`')
                    ORDER BY TABLE_NAME SEPARATOR ' UNION ALL '), 'SELECT NULL AS name LIMIT 0')
INTO @datatrack_sequences
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SEQUENCE' AND TABLE_NAME IN ?
