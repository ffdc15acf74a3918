-- The columns of one view that columns.sql left out, read alone so that its failure is this
-- view's alone; the same row shape as columns.sql.
SELECT $view AS table_name, c.cid AS position, c.name AS name, c.type AS type,
       c."notnull" AS not_null, c.dflt_value AS default_value, c.pk AS pk, c.hidden AS hidden
FROM pragma_table_xinfo($view) AS c
ORDER BY c.cid;
