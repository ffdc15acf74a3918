-- Schema objects the model has no shape for yet, so that they are recorded (raw) rather than
-- dropped: foreign tables, collations, text search configurations, dictionaries, parsers and
-- templates, operators, operator classes and families, conversions, extended statistics, rules
-- (named <table>.<rule>, as rule names are unique per table only; not the _RETURN rule that is a
-- view's own definition), casts and transforms (filed under the schema of their first type or
-- function in scope), event triggers (filed under the schema of their function) and shell types
-- (CREATE TYPE name; not defined yet, which pg_dump keeps too).
-- Extension-owned ones (and the rules of extension-owned relations) are left out; relid lets a
-- foreign table take its columns from columns.sql, its checks from constraints.sql and its
-- triggers from triggers.sql. The objects they refer to are named as the reg* casts name them
-- (never by OID): schema-qualified only when not visible on the search path (public, then pg_catalog), quoted where needed. Text search parsers and templates have no reg*
-- type (their OIDs are not pg_proc's), so their names are built the same way here. Each comes
-- with its comment.
WITH ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
objects AS (
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS name, 'foreign table' AS object_type,
       jsonb_build_object('server', s.srvname, 'options', ft.ftoptions,
         -- A foreign table can be a partition or an inheritance child; its parents named as regclass does.
         'partition_of', CASE WHEN c.relispartition THEN (SELECT h.inhparent::regclass::text FROM pg_inherits AS h WHERE h.inhrelid = c.oid) END,
         'partition_bound', CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
         'inherits', CASE WHEN NOT c.relispartition THEN
           (SELECT jsonb_agg(h.inhparent::regclass::text ORDER BY h.inhseqno) FROM pg_inherits AS h WHERE h.inhrelid = c.oid) END) AS raw,
       'pg_class'::regclass AS classid, c.oid AS objid
FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_foreign_table AS ft ON ft.ftrelid = c.oid JOIN pg_foreign_server AS s ON s.oid = ft.ftserver
WHERE n.nspname = ANY ($1::text[]) AND c.relkind = 'f'
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
UNION ALL
SELECT NULL, n.nspname, co.collname, 'collation',
       -- Every column the server has (they differ between versions), less oids and the library version.
       to_jsonb(co) - ARRAY['oid', 'collname', 'collnamespace', 'collowner', 'collversion'],
       'pg_collation'::regclass, co.oid
FROM pg_collation AS co JOIN pg_namespace AS n ON n.oid = co.collnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_collation'::regclass AND ext.objid = co.oid)
UNION ALL
SELECT NULL, n.nspname, cfg.cfgname, 'text search configuration',
       jsonb_build_object('parser', CASE WHEN pg_ts_parser_is_visible(prs.oid) THEN quote_ident(prs.prsname)
                                         ELSE quote_ident(pn.nspname) || '.' || quote_ident(prs.prsname) END,
         'mappings', (SELECT jsonb_agg(jsonb_build_array(tok.alias, m.mapdict::regdictionary::text) ORDER BY m.maptokentype, m.mapseqno)
                      FROM pg_ts_config_map AS m JOIN ts_token_type(cfg.cfgparser) AS tok ON tok.tokid = m.maptokentype
                      WHERE m.mapcfg = cfg.oid)),
       'pg_ts_config'::regclass, cfg.oid
FROM pg_ts_config AS cfg JOIN pg_namespace AS n ON n.oid = cfg.cfgnamespace
JOIN pg_ts_parser AS prs ON prs.oid = cfg.cfgparser JOIN pg_namespace AS pn ON pn.oid = prs.prsnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_config'::regclass AND ext.objid = cfg.oid)
UNION ALL
SELECT NULL, n.nspname, dict.dictname, 'text search dictionary',
       jsonb_build_object('template', CASE WHEN pg_ts_template_is_visible(tmpl.oid) THEN quote_ident(tmpl.tmplname)
                                           ELSE quote_ident(tn.nspname) || '.' || quote_ident(tmpl.tmplname) END,
                          'options', dict.dictinitoption),
       'pg_ts_dict'::regclass, dict.oid
FROM pg_ts_dict AS dict JOIN pg_namespace AS n ON n.oid = dict.dictnamespace
JOIN pg_ts_template AS tmpl ON tmpl.oid = dict.dicttemplate JOIN pg_namespace AS tn ON tn.oid = tmpl.tmplnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_dict'::regclass AND ext.objid = dict.oid)
UNION ALL
SELECT NULL, n.nspname, prs.prsname, 'text search parser',
       jsonb_build_object('start', prs.prsstart::regproc::text, 'gettoken', prs.prstoken::regproc::text, 'end', prs.prsend::regproc::text,
                          'lextypes', prs.prslextype::regproc::text,
                          -- The headline function is optional (0, which regproc would print as '-').
                          'headline', CASE WHEN prs.prsheadline <> 0 THEN prs.prsheadline::regproc::text END),
       'pg_ts_parser'::regclass, prs.oid
FROM pg_ts_parser AS prs JOIN pg_namespace AS n ON n.oid = prs.prsnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_parser'::regclass AND ext.objid = prs.oid)
UNION ALL
SELECT NULL, n.nspname, tmpl.tmplname, 'text search template',
       -- The init function is optional (0, which regproc would print as '-').
       jsonb_build_object('lexize', tmpl.tmpllexize::regproc::text, 'init', CASE WHEN tmpl.tmplinit <> 0 THEN tmpl.tmplinit::regproc::text END),
       'pg_ts_template'::regclass, tmpl.oid
FROM pg_ts_template AS tmpl JOIN pg_namespace AS n ON n.oid = tmpl.tmplnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_ts_template'::regclass AND ext.objid = tmpl.oid)
UNION ALL
SELECT NULL, n.nspname,
       o.oprname || '(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', '
         || CASE WHEN o.oprright = 0 THEN 'NONE' ELSE format_type(o.oprright, NULL) END || ')',
       'operator',
       -- What the planner uses an operator for (ALTER OPERATOR ... SET changes the estimators).
       jsonb_build_object('function', o.oprcode::regproc::text,
         'commutator', CASE WHEN o.oprcom <> 0 THEN o.oprcom::regoperator::text END,
         'negator', CASE WHEN o.oprnegate <> 0 THEN o.oprnegate::regoperator::text END,
         'restrict', CASE WHEN o.oprrest <> 0 THEN o.oprrest::regproc::text END,
         'join', CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regproc::text END,
         'hashes', o.oprcanhash, 'merges', o.oprcanmerge),
       'pg_operator'::regclass, o.oid
FROM pg_operator AS o JOIN pg_namespace AS n ON n.oid = o.oprnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_operator'::regclass AND ext.objid = o.oid)
UNION ALL
SELECT NULL, n.nspname, oc.opcname || ' using ' || am.amname, 'operator class',
       jsonb_build_object('type', format_type(oc.opcintype, NULL), 'default', oc.opcdefault,
         -- Its operators and support functions are its family's (pg_amop, pg_amproc), recorded there.
         'family', CASE WHEN pg_opfamily_is_visible(opf.oid) THEN quote_ident(opf.opfname)
                        ELSE quote_ident(fn.nspname) || '.' || quote_ident(opf.opfname) END,
         'storage', CASE WHEN oc.opckeytype <> 0 THEN format_type(oc.opckeytype, NULL) END),
       'pg_opclass'::regclass, oc.oid
FROM pg_opclass AS oc JOIN pg_namespace AS n ON n.oid = oc.opcnamespace JOIN pg_am AS am ON am.oid = oc.opcmethod
JOIN pg_opfamily AS opf ON opf.oid = oc.opcfamily JOIN pg_namespace AS fn ON fn.oid = opf.opfnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_opclass'::regclass AND ext.objid = oc.oid)
UNION ALL
SELECT NULL, n.nspname, opf.opfname || ' using ' || am.amname, 'operator family',
       -- Members as CREATE OPERATOR CLASS / ALTER OPERATOR FAMILY ... ADD list them: strategy and
       -- operator (FOR ORDER BY a sort family), support number, types and function.
       -- Members that share a number order by their text in byte order: the database's own
       -- collation (an ICU one sorts '_' before '0') would order the same family otherwise elsewhere.
       jsonb_build_object(
         'operators', (SELECT jsonb_agg(jsonb_build_array(ao.amopstrategy, ao.amopopr::regoperator::text)
                                        || CASE WHEN ao.amoppurpose = 'o' THEN
                                             (SELECT jsonb_build_array(CASE WHEN pg_opfamily_is_visible(sf.oid) THEN quote_ident(sf.opfname)
                                                                            ELSE quote_ident(sn.nspname) || '.' || quote_ident(sf.opfname) END)
                                              FROM pg_opfamily AS sf JOIN pg_namespace AS sn ON sn.oid = sf.opfnamespace WHERE sf.oid = ao.amopsortfamily)
                                           ELSE '[]' END
                                        ORDER BY ao.amopstrategy, ao.amopopr::regoperator::text COLLATE "C")
                       FROM pg_amop AS ao WHERE ao.amopfamily = opf.oid),
         'functions', (SELECT jsonb_agg(jsonb_build_array(ap.amprocnum, format_type(ap.amproclefttype, NULL), format_type(ap.amprocrighttype, NULL),
                                                          ap.amproc::regprocedure::text)
                                        ORDER BY ap.amprocnum, format_type(ap.amproclefttype, NULL) COLLATE "C", format_type(ap.amprocrighttype, NULL) COLLATE "C")
                       FROM pg_amproc AS ap WHERE ap.amprocfamily = opf.oid)),
       'pg_opfamily'::regclass, opf.oid
FROM pg_opfamily AS opf JOIN pg_namespace AS n ON n.oid = opf.opfnamespace JOIN pg_am AS am ON am.oid = opf.opfmethod
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_opfamily'::regclass AND ext.objid = opf.oid)
UNION ALL
SELECT NULL, n.nspname, cv.conname, 'conversion',
       jsonb_build_object('from', pg_encoding_to_char(cv.conforencoding), 'to', pg_encoding_to_char(cv.contoencoding),
                          'function', cv.conproc::regproc::text, 'default', cv.condefault),
       'pg_conversion'::regclass, cv.oid
FROM pg_conversion AS cv JOIN pg_namespace AS n ON n.oid = cv.connamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_conversion'::regclass AND ext.objid = cv.oid)
UNION ALL
SELECT NULL, n.nspname, st.stxname, 'statistics',
       -- ALTER STATISTICS ... SET STATISTICS: -1 (NULL from PostgreSQL 17) is the server's default.
       jsonb_build_object('definition', pg_get_statisticsobjdef(st.oid), 'target', nullif(st.stxstattarget, -1)),
       'pg_statistic_ext'::regclass, st.oid
FROM pg_statistic_ext AS st JOIN pg_namespace AS n ON n.oid = st.stxnamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_statistic_ext'::regclass AND ext.objid = st.oid)
UNION ALL
SELECT NULL, n.nspname, c.relname || '.' || rw.rulename, 'rule',
       jsonb_build_object('table', c.relname, 'enabled', rw.ev_enabled, 'definition', pg_get_ruledef(rw.oid, true)),
       'pg_rewrite'::regclass, rw.oid
FROM pg_rewrite AS rw JOIN pg_class AS c ON c.oid = rw.ev_class JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = ANY ($1::text[]) AND NOT (rw.rulename = '_RETURN' AND c.relkind IN ('v', 'm'))
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
UNION ALL
-- Casts belong to no schema: each is filed under the first of its source type's, target type's and
-- function's schemas that is in scope, and named (source AS target); one between built-in types
-- (CREATE CAST (varchar AS integer) WITH INOUT AS IMPLICIT) under pg_catalog, as the extensions
-- kept there are, which the caller's scope then judges. Not the built-in ones (OIDs below
-- FirstNormalObjectId, 16384, as pg_dump), nor those PostgreSQL made for a type (a range's cast to
-- its multirange: internal dependency).
SELECT NULL, coalesce(sn.nspname, tn.nspname, fn.nspname,
                      CASE WHEN st.typnamespace = 'pg_catalog'::regnamespace AND tt.typnamespace = 'pg_catalog'::regnamespace
                                AND (ca.castfunc = 0 OR f.pronamespace = 'pg_catalog'::regnamespace) THEN 'pg_catalog' END),
       '(' || format_type(ca.castsource, NULL) || ' AS ' || format_type(ca.casttarget, NULL) || ')', 'cast',
       jsonb_build_object('function', CASE WHEN ca.castfunc <> 0 THEN ca.castfunc::regprocedure::text END,
                          'context', CASE ca.castcontext WHEN 'e' THEN 'explicit' WHEN 'a' THEN 'assignment' ELSE 'implicit' END,
                          'method', CASE ca.castmethod WHEN 'f' THEN 'function' WHEN 'i' THEN 'inout' ELSE 'binary' END),
       'pg_cast'::regclass, ca.oid
FROM pg_cast AS ca
JOIN pg_type AS st ON st.oid = ca.castsource LEFT JOIN pg_namespace AS sn ON sn.oid = st.typnamespace AND sn.nspname = ANY ($1::text[])
JOIN pg_type AS tt ON tt.oid = ca.casttarget LEFT JOIN pg_namespace AS tn ON tn.oid = tt.typnamespace AND tn.nspname = ANY ($1::text[])
LEFT JOIN pg_proc AS f ON f.oid = ca.castfunc LEFT JOIN pg_namespace AS fn ON fn.oid = f.pronamespace AND fn.nspname = ANY ($1::text[])
WHERE ca.oid >= 16384
  AND (coalesce(sn.nspname, tn.nspname, fn.nspname) IS NOT NULL
       OR (st.typnamespace = 'pg_catalog'::regnamespace AND tt.typnamespace = 'pg_catalog'::regnamespace AND (ca.castfunc = 0 OR f.pronamespace = 'pg_catalog'::regnamespace)))
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_cast'::regclass AND e.objid = ca.oid AND e.deptype IN ('e', 'i'))
UNION ALL
-- Transforms belong to no schema either: filed as casts are (under the first of their type's and
-- functions' schemas in scope), named as CREATE TRANSFORM names them (FOR type LANGUAGE lang).
SELECT NULL, coalesce(tn.nspname, fn.nspname, gn.nspname),
       'FOR ' || format_type(trf.trftype, NULL) || ' LANGUAGE ' || quote_ident(l.lanname), 'transform',
       jsonb_build_object('from_sql', CASE WHEN trf.trffromsql <> 0 THEN trf.trffromsql::regprocedure::text END,
                          'to_sql', CASE WHEN trf.trftosql <> 0 THEN trf.trftosql::regprocedure::text END),
       'pg_transform'::regclass, trf.oid
FROM pg_transform AS trf JOIN pg_language AS l ON l.oid = trf.trflang
JOIN pg_type AS t ON t.oid = trf.trftype LEFT JOIN pg_namespace AS tn ON tn.oid = t.typnamespace AND tn.nspname = ANY ($1::text[])
LEFT JOIN pg_proc AS f ON f.oid = trf.trffromsql LEFT JOIN pg_namespace AS fn ON fn.oid = f.pronamespace AND fn.nspname = ANY ($1::text[])
LEFT JOIN pg_proc AS g ON g.oid = trf.trftosql LEFT JOIN pg_namespace AS gn ON gn.oid = g.pronamespace AND gn.nspname = ANY ($1::text[])
WHERE coalesce(tn.nspname, fn.nspname, gn.nspname) IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_transform'::regclass AND ext.objid = trf.oid)
UNION ALL
-- WHEN TAG IN (...) is a set: its tags in byte order, not in the order the statement listed them.
SELECT NULL, n.nspname, et.evtname, 'event trigger',
       jsonb_build_object('event', et.evtevent, 'function', et.evtfoid::regproc::text, 'enabled', et.evtenabled,
                          'tags', (SELECT array_agg(tag ORDER BY tag COLLATE "C") FROM unnest(et.evttags) AS tag)),
       'pg_event_trigger'::regclass, et.oid
FROM pg_event_trigger AS et JOIN pg_proc AS f ON f.oid = et.evtfoid JOIN pg_namespace AS n ON n.oid = f.pronamespace
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_event_trigger'::regclass AND ext.objid = et.oid)
UNION ALL
-- (raw says it is not defined yet: an empty one would leave the file without its raw part)
SELECT NULL, n.nspname, t.typname, 'shell type', jsonb_build_object('defined', t.typisdefined), 'pg_type'::regclass, t.oid
FROM pg_type AS t JOIN pg_namespace AS n ON n.oid = t.typnamespace
WHERE n.nspname = ANY ($1::text[]) AND t.typtype = 'p' AND NOT t.typisdefined
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
)
SELECT o.relid, o.schema, o.name, o.object_type, o.raw, d.description AS comment
FROM objects AS o
LEFT JOIN pg_description AS d ON d.classoid = o.classid AND d.objoid = o.objid AND d.objsubid = 0;
