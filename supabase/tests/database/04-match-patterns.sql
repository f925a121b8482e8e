-- match_patterns returns the nearest patterns of the query's model first and honours count and type.
begin;
create extension if not exists pgtap with schema extensions;
select plan(6);

-- unit vectors along the first axes, and one halfway between axes 1 and 2
create function pg_temp.axis(i int, j int default null) returns extensions.vector language sql as $$
  select array(
    select case when k = i or k = j then 1.0 else 0.0 end from generate_series(1, 1536) k
  )::extensions.vector
$$;
insert into public.pattern_embeddings (project_type, embedding, embedding_model, metadata) values
  ('crm', pg_temp.axis(1), 'm', '{"name": "axis 1"}'),
  ('crm', pg_temp.axis(1, 2), 'm', '{"name": "axes 1+2"}'),
  ('saas', pg_temp.axis(2), 'm', '{"name": "axis 2"}'),
  ('saas', pg_temp.axis(3), 'm', '{"name": "axis 3"}'),
  ('crm', pg_temp.axis(1), 'other', '{"name": "axis 1 of another model"}');

insert into auth.users (id, email) values ('11111111-1111-4111-8111-111111111111', 'owner@example.test');
set local role authenticated;
set local request.jwt.claims = '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}';

select results_eq(
  $$select metadata ->> 'name' from public.match_patterns(pg_temp.axis(1), 'm', 3, null)$$,
  array['axis 1', 'axes 1+2', 'axis 2'], 'nearest first');
select is(
  (select round(similarity::numeric, 4) from public.match_patterns(pg_temp.axis(1), 'm', 1, null)), 1.0000,
  'an identical vector has similarity 1');
select is((select count(*)::int from public.match_patterns(pg_temp.axis(1), 'm', 2, null)), 2, 'match_count limits the rows');
select results_eq(
  $$select metadata ->> 'name' from public.match_patterns(pg_temp.axis(1), 'm', 5, 'saas')$$,
  array['axis 2', 'axis 3'], 'filter_type keeps only that type');
select results_eq(
  $$select metadata ->> 'name' from public.match_patterns(pg_temp.axis(1), 'other', 5, null)$$,
  array['axis 1 of another model'], 'a query meets only the vectors of its own model');

set local role anon;
set local request.jwt.claims = '{"role": "anon"}';
select is_empty($$select * from public.match_patterns(pg_temp.axis(1), 'm', 5, null)$$, 'anon gets no patterns');

select * from finish();
rollback;
