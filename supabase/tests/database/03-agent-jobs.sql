-- Users read their jobs but never write them; the status trigger stamps the times.
begin;
\ir fixtures/owner-and-other.psql
select plan(9);

insert into public.projects (id, user_id, title, mode) values
  ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'Dog CRM', 'builder');

-- the backend (service role) creates and runs the job
set local role service_role;
set local request.jwt.claims = '{"role": "service_role"}';
insert into public.agent_jobs (id, project_id, user_id, agent_type) values
  ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'research');
select is((select started_at from public.agent_jobs), null, 'a queued job has no started_at');
update public.agent_jobs set status = 'running';
select isnt((select started_at from public.agent_jobs), null, 'started_at is stamped on the move to running');
update public.agent_jobs set status = 'completed', progress = 100;
select isnt((select completed_at from public.agent_jobs), null, 'completed_at is stamped on completion');
select throws_ok(
  $$update public.agent_jobs set status = 'exploded'$$,
  '23514', null, 'an unknown job status is rejected');

set local role authenticated;
set local request.jwt.claims = '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}';
select results_eq('select status from public.agent_jobs', array['completed'], 'the owner reads their job');
select throws_ok(
  $$insert into public.agent_jobs (project_id, user_id, agent_type) values ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'qa')$$,
  '42501', 'new row violates row-level security policy for table "agent_jobs"',
  'the owner cannot create a job directly');
select is_empty($$update public.agent_jobs set status = 'queued' returning id$$, 'the owner cannot change a job');
select is_empty($$delete from public.agent_jobs returning id$$, 'the owner cannot delete a job');

set local request.jwt.claims = '{"sub": "22222222-2222-4222-8222-222222222222", "role": "authenticated"}';
select is_empty('select * from public.agent_jobs', 'another user reads no job of the owner');

select * from finish();
rollback;
