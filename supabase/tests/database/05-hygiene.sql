-- Catalog rules: RLS on every public table, fixed search_path on every function.
begin;
create extension if not exists pgtap with schema extensions;
select plan(3);

select is_empty(
  $$select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity$$,
  'every table in public has RLS enabled');
select is_empty(
  $$select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
    where n.nspname = 'public' and d.objid is null
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where starts_with(c, 'search_path='))$$,
  'every function in public fixes its search_path');
select is(
  (select array_agg(tablename::text collate "default" order by tablename) from pg_publication_tables
   where pubname = 'supabase_realtime'),
  array['agent_jobs', 'chat_messages', 'chat_threads', 'comment_threads', 'comments', 'job_events', 'notifications', 'order_items', 'orders', 'products', 'projects'],
  'projects, jobs, the chat, comments, notifications and Studio orders are published to Realtime');

select * from finish();
rollback;
