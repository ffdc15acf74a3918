-- Functions, procedures, aggregates and window functions of the schemas in $1, except those an
-- extension owns and those PostgreSQL made for a type (range constructors: internal dependency). The definition is pg_get_functiondef's CREATE statement, or the source symbol
-- for internal and C functions; the attributes ALTER FUNCTION sets (LEAKPROOF, COST, ROWS,
-- PARALLEL, SUPPORT, SET configuration, a C function's library) come as they are stored, for every
-- routine; aggregates carry their parts instead (pg_get_functiondef refuses them).
-- COST and ROWS are reals: read through their text, 0.1 stays 0.1 (as a double it would be 0.10000000149011612).
SELECT n.nspname AS schema, p.proname AS name, p.prokind AS prokind,
       ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(t, i) ORDER BY u.i)::text[] AS argument_types,
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS returns,
       l.lanname AS language, p.provolatile AS volatility, p.proisstrict AS strict, p.prosecdef AS security_definer,
       CASE WHEN p.prokind = 'a' THEN NULL
            WHEN l.lanname IN ('internal', 'c') THEN p.prosrc
            ELSE pg_get_functiondef(p.oid) END AS definition,
       d.description AS comment,
       p.proparallel AS parallel,
       p.proleakproof AS leakproof, p.procost::text::float8 AS cost, p.proretset AS returns_set, p.prorows::text::float8 AS rows,
       p.proconfig::text[] AS config,
       CASE WHEN l.lanname = 'c' THEN p.probin END AS library,
       CASE WHEN p.prosupport <> 0 THEN p.prosupport::regproc::text END AS support,
       CASE WHEN p.prokind = 'a' THEN ag.aggtransfn::regproc::text END AS agg_sfunc,
       CASE WHEN p.prokind = 'a' THEN format_type(ag.aggtranstype, NULL) END AS agg_stype,
       CASE WHEN p.prokind = 'a' AND ag.aggfinalfn <> 0 THEN ag.aggfinalfn::regproc::text END AS agg_finalfunc,
       CASE WHEN p.prokind = 'a' AND ag.aggcombinefn <> 0 THEN ag.aggcombinefn::regproc::text END AS agg_combinefunc,
       CASE WHEN p.prokind = 'a' THEN ag.agginitval END AS agg_initcond,
       CASE WHEN p.prokind = 'a' AND ag.aggsortop <> 0 THEN ag.aggsortop::regoperator::text END AS agg_sortop,
       CASE WHEN p.prokind = 'a' THEN ag.aggkind::text END AS agg_kind,
       CASE WHEN p.prokind = 'a' THEN ag.aggfinalmodify::text END AS agg_finalfunc_modify,
       coalesce(ag.aggfinalextra, false) AS agg_finalfunc_extra, coalesce(ag.aggmfinalextra, false) AS agg_mfinalfunc_extra,
       CASE WHEN p.prokind = 'a' AND ag.aggserialfn <> 0 THEN ag.aggserialfn::regproc::text END AS agg_serialfunc,
       CASE WHEN p.prokind = 'a' AND ag.aggdeserialfn <> 0 THEN ag.aggdeserialfn::regproc::text END AS agg_deserialfunc,
       CASE WHEN p.prokind = 'a' AND ag.aggtransspace <> 0 THEN ag.aggtransspace END AS agg_sspace,
       CASE WHEN p.prokind = 'a' AND ag.aggmtransfn <> 0 THEN ag.aggmtransfn::regproc::text END AS agg_msfunc,
       CASE WHEN p.prokind = 'a' AND ag.aggminvtransfn <> 0 THEN ag.aggminvtransfn::regproc::text END AS agg_minvfunc,
       CASE WHEN p.prokind = 'a' AND ag.aggmtranstype <> 0 THEN format_type(ag.aggmtranstype, NULL) END AS agg_mstype,
       CASE WHEN p.prokind = 'a' AND ag.aggmtransspace <> 0 THEN ag.aggmtransspace END AS agg_msspace,
       CASE WHEN p.prokind = 'a' AND ag.aggmfinalfn <> 0 THEN ag.aggmfinalfn::regproc::text END AS agg_mfinalfunc,
       CASE WHEN p.prokind = 'a' THEN ag.aggmfinalmodify::text END AS agg_mfinalfunc_modify,
       CASE WHEN p.prokind = 'a' THEN ag.aggminitval END AS agg_minitcond
FROM pg_proc AS p
JOIN pg_namespace AS n ON n.oid = p.pronamespace
JOIN pg_language AS l ON l.oid = p.prolang
LEFT JOIN pg_aggregate AS ag ON ag.aggfnoid = p.oid
LEFT JOIN pg_description AS d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype IN ('e', 'i'));
