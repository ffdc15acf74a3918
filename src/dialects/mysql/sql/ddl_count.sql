-- MariaDB: how many DDL statements the server has started so far (its Com_* counters count a
-- statement when it starts) and the server clock in seconds. Read before and after the catalog;
-- see stability.ts.
SELECT (SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME IN ('COM_CREATE_TABLE', 'COM_ALTER_TABLE', 'COM_DROP_TABLE', 'COM_RENAME_TABLE',
                                'COM_CREATE_INDEX', 'COM_DROP_INDEX', 'COM_CREATE_VIEW', 'COM_DROP_VIEW',
                                'COM_CREATE_TRIGGER', 'COM_DROP_TRIGGER', 'COM_CREATE_FUNCTION', 'COM_DROP_FUNCTION',
                                'COM_ALTER_FUNCTION', 'COM_CREATE_PROCEDURE', 'COM_DROP_PROCEDURE', 'COM_ALTER_PROCEDURE',
                                'COM_CREATE_EVENT', 'COM_ALTER_EVENT', 'COM_DROP_EVENT', 'COM_CREATE_SEQUENCE',
                                'COM_ALTER_SEQUENCE', 'COM_DROP_SEQUENCE', 'COM_CREATE_PACKAGE', 'COM_DROP_PACKAGE',
                                'COM_CREATE_PACKAGE_BODY', 'COM_DROP_PACKAGE_BODY', 'COM_ALTER_DB', 'COM_DROP_DB')) AS ddl,
       UNIX_TIMESTAMP() AS clock
