-- Chat threads, messages and storage objects belong to their owner; agents' messages are the backend's.
begin;
\ir fixtures/owner-and-other.psql
select plan(8);

insert into public.chat_threads (id, user_id, title) values
  ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', '11111111-1111-4111-8111-111111111111', 'Recipe box');
insert into public.chat_messages (thread_id, role, content) values
  ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'agent', 'Requirements ready.');
insert into storage.objects (bucket_id, name, owner_id) values
  ('attachments', '11111111-1111-4111-8111-111111111111/cccccccc-cccc-4ccc-8ccc-cccccccccccc/notes.txt', '11111111-1111-4111-8111-111111111111');

set local role authenticated;
set local request.jwt.claims = '{"sub": "22222222-2222-4222-8222-222222222222", "role": "authenticated"}';

select is_empty('select * from public.chat_threads', 'another user sees no thread of the owner');
select is_empty('select * from public.chat_messages', 'another user reads no message of the owner');
select is_empty($$select * from storage.objects where bucket_id = 'attachments'$$, 'another user lists no attachment of the owner');
select throws_ok(
  $$select public.post_chat_message('cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'intrusion')$$,
  '42501', 'new row violates row-level security policy for table "chat_messages"',
  'another user cannot write into the owner''s thread');

set local request.jwt.claims = '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}';
select results_eq('select content from public.chat_messages', array['Requirements ready.'], 'the owner reads the agents'' message');
select throws_ok(
  $$insert into public.chat_messages (thread_id, role, content) values ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'agent', 'fake progress')$$,
  '42501', 'new row violates row-level security policy for table "chat_messages"',
  'the owner cannot write as the agents');
select lives_ok(
  $$select public.post_chat_message('cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'Make the header blue')$$,
  'the owner writes a user message');
select results_eq(
  $$select count(*)::int from storage.objects where bucket_id = 'attachments'$$, array[1], 'the owner lists their attachment');

select * from finish();
rollback;
