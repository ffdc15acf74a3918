-- Scheduled events: their schedule and state, not when they last ran, and the SQL mode their body
-- runs under (as a routine's); DEFINER left out.
SELECT EVENT_NAME AS name, EVENT_DEFINITION AS definition, EVENT_TYPE AS event_type, EXECUTE_AT AS execute_at,
       INTERVAL_VALUE AS interval_value, INTERVAL_FIELD AS interval_field, STARTS AS starts, ENDS AS ends,
       STATUS AS status, ON_COMPLETION AS on_completion, EVENT_COMMENT AS comment, TIME_ZONE AS time_zone, SQL_MODE AS sql_mode
FROM information_schema.EVENTS
WHERE EVENT_SCHEMA = ?
