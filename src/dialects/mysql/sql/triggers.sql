-- Triggers (listed only for tables the account holds the TRIGGER privilege on); DEFINER left out.
SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS table_name, EVENT_MANIPULATION AS event,
       ACTION_TIMING AS timing, ACTION_ORIENTATION AS orientation, ACTION_ORDER AS action_order,
       ACTION_STATEMENT AS definition
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA = ?
