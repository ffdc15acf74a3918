-- Extensions installed in the schemas in $1.
SELECT x.extname AS name, n.nspname AS schema, x.extversion AS version, d.description AS comment
FROM pg_extension AS x
JOIN pg_namespace AS n ON n.oid = x.extnamespace
LEFT JOIN pg_description AS d ON d.objoid = x.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[]);
