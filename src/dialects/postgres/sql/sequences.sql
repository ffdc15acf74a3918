-- Sequences of the schemas in $1 (their definition, never their current value) and the column
-- that owns each (serial: dependency 'a', identity: 'i'). Numbers come as text: they are bigints.
SELECT n.nspname AS schema, c.relname AS name, d.description AS comment,
       format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
       c.relpersistence = 'u' AS unlogged,
       own.owner_schema, own.owner_table, own.owner_column
FROM pg_sequence AS s
JOIN pg_class AS c ON c.oid = s.seqrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_description AS d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
LEFT JOIN LATERAL (
  SELECT tn.nspname AS owner_schema, t.relname AS owner_table, a.attname AS owner_column
  FROM pg_depend AS dep
  JOIN pg_class AS t ON t.oid = dep.refobjid
  JOIN pg_namespace AS tn ON tn.oid = t.relnamespace
  JOIN pg_attribute AS a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
  WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass
    AND dep.deptype IN ('a', 'i')
  LIMIT 1
) AS own ON true
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e');
