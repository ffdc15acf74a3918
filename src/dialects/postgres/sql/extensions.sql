-- Extensions installed in the schemas in $1, and those kept in pg_catalog (procedural languages
-- such as plpython3u, adminpack), which belong to no user schema; not the ones initdb made
-- (plpgsql), which are the server's own, as pg_dump judges them (an OID below FirstNormalObjectId).
SELECT x.extname AS name, n.nspname AS schema, x.extversion AS version, d.description AS comment
FROM pg_extension AS x
JOIN pg_namespace AS n ON n.oid = x.extnamespace
LEFT JOIN pg_description AS d ON d.objoid = x.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[]) OR (n.nspname = 'pg_catalog' AND x.oid >= 16384);
