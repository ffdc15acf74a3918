-- Every schema that is not PostgreSQL's own, with its comment. The scope globs are applied in Node
-- and the chosen names become $1 of every other query.
SELECT n.nspname AS name, d.description AS comment
FROM pg_namespace AS n
LEFT JOIN pg_description AS d ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e
                  WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e')
ORDER BY n.nspname COLLATE "C";
