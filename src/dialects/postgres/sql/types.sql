-- User-defined types of the schemas in $1, except those an extension owns: enums (labels in
-- order), domains (base type, NOT NULL, default, checks with their comments), stand-alone
-- composite types (attributes with their comments; not the row types of tables), range types (a
-- multirange comes with its range and is recorded there) and base types (not the array types
-- PostgreSQL creates alongside).
SELECT n.nspname AS schema, t.typname AS name, t.typtype AS typtype, d.description AS comment,
       CASE WHEN t.typtype = 'e' THEN
         ARRAY(SELECT e.enumlabel FROM pg_enum AS e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[]
       END AS enum_values,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       t.typnotnull AS not_null,
       CASE WHEN t.typdefaultbin IS NOT NULL THEN pg_get_expr(t.typdefaultbin, 0) ELSE t.typdefault END AS default_expr,
       CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN
         CASE WHEN pg_collation_is_visible(co.oid) THEN co.collname ELSE con.nspname || '.' || co.collname END
       END AS collation,
       CASE WHEN t.typtype = 'd' THEN
         ARRAY(SELECT k.conname FROM pg_constraint AS k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)::text[]
       END AS check_names,
       CASE WHEN t.typtype = 'd' THEN
         ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint AS k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)::text[]
       END AS check_definitions,
       CASE WHEN t.typtype = 'd' THEN
         ARRAY(SELECT k.convalidated FROM pg_constraint AS k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)
       END AS check_validated,
       CASE WHEN t.typtype = 'd' THEN
         ARRAY(SELECT kd.description FROM pg_constraint AS k
               LEFT JOIN pg_description AS kd ON kd.objoid = k.oid AND kd.classoid = 'pg_constraint'::regclass AND kd.objsubid = 0
               WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)::text[]
       END AS check_comments,
       CASE WHEN t.typtype = 'c' THEN
         ARRAY(SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[]
       END AS attribute_names,
       CASE WHEN t.typtype = 'c' THEN
         ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute AS a
               WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[]
       END AS attribute_types,
       CASE WHEN t.typtype = 'c' THEN
         ARRAY(SELECT CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN
                        CASE WHEN pg_collation_is_visible(ac.oid) THEN ac.collname ELSE acn.nspname || '.' || ac.collname END END
               FROM pg_attribute AS a JOIN pg_type AS at ON at.oid = a.atttypid
               LEFT JOIN pg_collation AS ac ON ac.oid = a.attcollation LEFT JOIN pg_namespace AS acn ON acn.oid = ac.collnamespace
               WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[]
       END AS attribute_collations,
       -- COMMENT ON COLUMN of a composite type: on its pg_class row, by attribute number.
       CASE WHEN t.typtype = 'c' THEN
         ARRAY(SELECT ad.description FROM pg_attribute AS a
               LEFT JOIN pg_description AS ad ON ad.objoid = a.attrelid AND ad.classoid = 'pg_class'::regclass AND ad.objsubid = a.attnum
               WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[]
       END AS attribute_comments,
       CASE WHEN t.typtype = 'r' THEN format_type(r.rngsubtype, NULL) END AS subtype,
       -- A range's operator class and collation, schema-qualified where not visible on the search
       -- path, as an index key's and a column's are: a bare name would name another one, or none.
       CASE WHEN t.typtype = 'r' AND NOT ropc.opcdefault THEN
         CASE WHEN pg_opclass_is_visible(ropc.oid) THEN ropc.opcname ELSE ropn.nspname || '.' || ropc.opcname END
       END AS range_opclass,
       CASE WHEN t.typtype = 'r' AND r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN
         CASE WHEN rco.collnamespace = 'pg_catalog'::regnamespace OR pg_collation_is_visible(rco.oid) THEN rco.collname
              ELSE rcn.nspname || '.' || rco.collname END
       END AS range_collation,
       CASE WHEN t.typtype = 'r' AND r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS range_canonical,
       CASE WHEN t.typtype = 'r' AND r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS range_subdiff,
       CASE WHEN t.typtype = 'r' THEN format_type(r.rngmultitypid, NULL) END AS multirange, -- pg < 14: NULL AS multirange,
       -- COMMENT ON TYPE of the multirange, which has no file of its own.
       CASE WHEN t.typtype = 'r' THEN (SELECT md.description FROM pg_description AS md -- pg < 14: NULL::text AS multirange_comment,
                                       WHERE md.objoid = r.rngmultitypid AND md.classoid = 'pg_type'::regclass AND md.objsubid = 0) END AS multirange_comment, -- pg < 14:
       CASE WHEN t.typtype = 'b' THEN t.typinput::regproc::text END AS input_function,
       CASE WHEN t.typtype = 'b' THEN t.typoutput::regproc::text END AS output_function,
       CASE WHEN t.typtype = 'b' THEN t.typlen END AS internal_length,
       CASE WHEN t.typtype = 'b' THEN t.typalign::text END AS alignment,
       CASE WHEN t.typtype = 'b' THEN t.typstorage::text END AS storage,
       CASE WHEN t.typtype = 'b' THEN t.typcategory::text END AS category,
       -- The rest of what CREATE TYPE (and ALTER TYPE ... SET) gives a base type, where not its default.
       CASE WHEN t.typtype = 'b' AND t.typbyval THEN true END AS passed_by_value,
       CASE WHEN t.typtype = 'b' AND t.typreceive <> 0 THEN t.typreceive::regproc::text END AS receive_function,
       CASE WHEN t.typtype = 'b' AND t.typsend <> 0 THEN t.typsend::regproc::text END AS send_function,
       CASE WHEN t.typtype = 'b' AND t.typmodin <> 0 THEN t.typmodin::regproc::text END AS typmod_in_function,
       CASE WHEN t.typtype = 'b' AND t.typmodout <> 0 THEN t.typmodout::regproc::text END AS typmod_out_function,
       CASE WHEN t.typtype = 'b' AND t.typanalyze <> 0 THEN t.typanalyze::regproc::text END AS analyze_function,
       -- A fixed-length type passed by reference with an ELEMENT of fixed length gets raw_array_subscript_handler unasked (PostgreSQL 14+, where
       -- 12 and 13 have none): only another is its own. Any other type with an ELEMENT was given its handler, which CREATE TYPE requires of it.
       CASE WHEN t.typtype = 'b' AND t.typsubscript <> 0 AND NOT (t.typlen > 0 AND NOT t.typbyval AND (SELECT el.typlen FROM pg_type AS el WHERE el.oid = t.typelem) > 0 AND t.typsubscript = 'raw_array_subscript_handler'::regproc) THEN t.typsubscript::regproc::text END AS subscript_function, -- pg < 14: NULL::text AS subscript_function,
       CASE WHEN t.typtype = 'b' AND t.typelem <> 0 THEN format_type(t.typelem, NULL) END AS element,
       CASE WHEN t.typtype = 'b' AND t.typdelim <> ',' THEN t.typdelim::text END AS delimiter,
       CASE WHEN t.typtype = 'b' AND t.typcollation <> 0 THEN true END AS collatable,
       CASE WHEN t.typtype = 'b' AND t.typispreferred THEN true END AS preferred
FROM pg_type AS t
JOIN pg_namespace AS n ON n.oid = t.typnamespace
LEFT JOIN pg_type AS bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation AS co ON co.oid = t.typcollation
LEFT JOIN pg_namespace AS con ON con.oid = co.collnamespace
LEFT JOIN pg_range AS r ON r.rngtypid = t.oid
LEFT JOIN pg_type AS st ON st.oid = r.rngsubtype
LEFT JOIN pg_opclass AS ropc ON ropc.oid = r.rngsubopc
LEFT JOIN pg_namespace AS ropn ON ropn.oid = ropc.opcnamespace
LEFT JOIN pg_collation AS rco ON rco.oid = r.rngcollation
LEFT JOIN pg_namespace AS rcn ON rcn.oid = rco.collnamespace
LEFT JOIN pg_description AS d ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
  AND (t.typtype IN ('e', 'd', 'r')
       OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class AS c WHERE c.oid = t.typrelid) = 'c')
       OR (t.typtype = 'b' AND NOT EXISTS (SELECT 1 FROM pg_type AS el WHERE el.oid = t.typelem AND el.typarray = t.oid)))
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e');
