-- Previews are swept once per stage; an explain job asked from a thread posts its
-- answer as an AI comment and notifies the owner; another user sees none of it.
begin;
\ir fixtures/owner-and-other.psql
select plan(12);

insert into public.projects (id, user_id, title, mode) values
  ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'Dog CRM', 'builder');
insert into public.preview_sessions (id, project_id, user_id, preview_token, status, bundle_path, expires_at) values
  ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111',
   repeat('t', 43), 'READY', 'a/c/index.html', now() - interval '1 minute');
insert into public.comment_threads (id, project_id, user_id, file_path, line_start, line_end) values
  ('dddddddd-dddd-4ddd-8ddd-dddddddddddd', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'src/App.tsx', 3, 5);
insert into public.agent_jobs (id, project_id, user_id, agent_type, status, params) values
  ('eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'explain', 'running',
   '{"thread_id": "dddddddd-dddd-4ddd-8ddd-dddddddddddd"}');

-- the sweeper, twice over: each stage recorded once, the purge won once
select results_eq($$select id from public.sweep_preview_sessions('0 seconds', '0 seconds')$$,
  array['cccccccc-cccc-4ccc-8ccc-cccccccccccc'::uuid], 'an expired session is soft-deleted and due for purging at once with no grace');
select results_eq($$select id from public.sweep_preview_sessions('0 seconds', '0 seconds')$$,
  array['cccccccc-cccc-4ccc-8ccc-cccccccccccc'::uuid], 'a second sweep before the purge lists it again, recording nothing new');
select ok(public.purge_preview_session('cccccccc-cccc-4ccc-8ccc-cccccccccccc'), 'the first purge wins');
select ok(not public.purge_preview_session('cccccccc-cccc-4ccc-8ccc-cccccccccccc'), 'a second purge does nothing');
select results_eq($$select stage from public.preview_cleanup_events order by id$$,
  array['EXPIRED', 'SOFT_DELETED', 'PURGED'], 'each stage is recorded exactly once');
select results_eq($$select status || ':' || coalesce(bundle_path, '-') from public.preview_sessions$$,
  array['PURGED:-'], 'the purged session keeps no bundle path');

-- an explain job answered in a thread
update public.agent_jobs set status = 'completed', result = '{"answer": "It renders the list."}' where id = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
select results_eq($$select author_type || ':' || body from public.comments$$,
  array['AI:It renders the list.'], 'the answer is posted in the thread as an AI comment');
select results_eq($$select type from public.notifications order by type$$,
  array['comment_added', 'job_completed'], 'the owner is told about the comment and the finished job');

set local role authenticated;
set local request.jwt.claims = '{"sub": "22222222-2222-4222-8222-222222222222", "role": "authenticated"}';
select is_empty('select 1 from public.comments union all select 1 from public.notifications union all select 1 from public.preview_cleanup_events',
  'another user reads no comment, notification or cleanup event of the owner');
select throws_ok($$select * from public.sweep_preview_sessions('0 seconds', '0 seconds')$$, '42501', null, 'users cannot run the sweeper');

set local request.jwt.claims = '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}';
select throws_ok(
  $$insert into public.comments (thread_id, author_type, body) values ('dddddddd-dddd-4ddd-8ddd-dddddddddddd', 'AI', 'forged')$$,
  '42501', null, 'the owner cannot forge an AI comment');
select results_eq($$select count(*)::int from public.notifications where read_at is null$$, array[2], 'the owner sees their two unread notifications');

select * from finish();
rollback;
