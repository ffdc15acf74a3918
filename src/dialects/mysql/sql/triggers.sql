-- Triggers (listed only for tables the account holds the TRIGGER privilege on), with the SQL mode
-- their body runs under (as a routine's); DEFINER left out.
-- Filtered by the table's schema (a trigger always lives in it): MariaDB narrows its scan to one
-- database on EVENT_OBJECT_SCHEMA, and on TRIGGER_SCHEMA opens every table of every database,
-- where DDL anywhere on the server would hold the read up.
SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS table_name, EVENT_MANIPULATION AS event,
       ACTION_TIMING AS timing, ACTION_ORIENTATION AS orientation, ACTION_ORDER AS action_order,
       ACTION_STATEMENT AS definition, SQL_MODE AS sql_mode
FROM information_schema.TRIGGERS
WHERE EVENT_OBJECT_SCHEMA = ?
