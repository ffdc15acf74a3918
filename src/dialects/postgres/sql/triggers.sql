-- Triggers (not the internal ones that enforce foreign keys) on the tables, views and foreign
-- tables of the schemas in $1, with pg_get_triggerdef's rendering. tgtype bits: 1 row, 2 before,
-- 4 insert, 8 delete, 16 update, 32 truncate, 64 instead of.
SELECT t.tgrelid AS relid, t.tgname AS name, t.tgtype::int AS type_bits, t.tgenabled AS enabled,
       t.tgqual IS NOT NULL AS has_when,
       ARRAY(SELECT a.attname FROM unnest(t.tgattr::int2[]) WITH ORDINALITY AS u(attnum, i)
             JOIN pg_attribute AS a ON a.attrelid = t.tgrelid AND a.attnum = u.attnum ORDER BY u.i)::text[] AS columns,
       pg_get_triggerdef(t.oid) AS definition,
       d.description AS comment
FROM pg_trigger AS t
JOIN pg_class AS c ON c.oid = t.tgrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_description AS d ON d.objoid = t.oid AND d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[]) AND NOT t.tgisinternal
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e');
