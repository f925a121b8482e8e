/** @module Catalog queries for the hygiene rules `supabase db lint` and the Supabase advisors check. */
import type { PGlite, Transaction } from "@electric-sql/pglite";

type Queryable = PGlite | Transaction;

async function names(db: Queryable, sql: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(sql);
  return rows.map((row) => row.name);
}

/** Tables in `public` without row level security. */
export const tablesWithoutRls = (db: Queryable) =>
  names(
    db,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity order by 1`,
  );

/** Functions in `public` (security definer or not) whose search_path is not fixed. */
export const functionsWithMutableSearchPath = (db: Queryable) =>
  names(
    db,
    `select p.proname || case when p.prosecdef then ' (security definer)' else '' end as name
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
     where n.nspname = 'public' and d.objid is null
       and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where starts_with(c, 'search_path='))
     order by 1`,
  );

/** Foreign keys in `public` with no index whose leading columns are the key's columns. */
export const unindexedForeignKeys = (db: Queryable) =>
  names(
    db,
    `select c.conrelid::regclass::text || '.' || c.conname as name
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = 'public'
       and not exists (
         select 1 from pg_index i
         where i.indrelid = c.conrelid
           and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey
           and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] <@ c.conkey
       )
     order by 1`,
  );

/** Tables in `public` with no `comment on table`. */
export const tablesWithoutComment = (db: Queryable) =>
  names(
    db,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and obj_description(c.oid, 'pg_class') is null
     order by 1`,
  );

/** Columns in `public` with no `comment on column`, other than id, created_at and updated_at. */
export const columnsWithoutComment = (db: Queryable) =>
  names(
    db,
    `select c.relname || '.' || a.attname as name
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       and a.attname not in ('id', 'created_at', 'updated_at') and col_description(c.oid, a.attnum) is null
     order by 1`,
  );

/** Tables published to Supabase Realtime. */
export const realtimeTables = (db: Queryable) =>
  names(db, `select schemaname || '.' || tablename as name from pg_publication_tables where pubname = 'supabase_realtime' order by 1`);

/** Functions in `public` (trigger functions aside) that `role` may execute, security definer ones marked. */
export const functionsCallableBy = (db: Queryable, role: "anon" | "authenticated") =>
  names(
    db,
    `select p.proname || case when p.prosecdef then ' (security definer)' else '' end as name
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
     where n.nspname = 'public' and d.objid is null and p.prorettype <> 'trigger'::regtype
       and has_function_privilege('${role}', p.oid, 'execute')
     order by 1`,
  );
