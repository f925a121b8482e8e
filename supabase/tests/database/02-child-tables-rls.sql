-- Files, roadmaps and sessions follow their project's owner (join check), both ways.
begin;
\ir fixtures/owner-and-other.psql
select plan(9);

insert into public.projects (id, user_id, title, mode) values
  ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'Dog CRM', 'student'),
  ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', '22222222-2222-4222-8222-222222222222', 'Other', 'builder');
insert into public.project_files (project_id, path, content) values
  ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'src/App.tsx', 'export {}');
insert into public.learning_roadmaps (project_id, modules) values ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '[]');
insert into public.daily_sessions (project_id, duration_minutes) values ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 20);

set local role authenticated;
set local request.jwt.claims = '{"sub": "22222222-2222-4222-8222-222222222222", "role": "authenticated"}';

select is_empty('select * from public.project_files', 'another user reads no file of the owner');
select is_empty('select * from public.learning_roadmaps', 'another user reads no roadmap of the owner');
select is_empty('select * from public.daily_sessions', 'another user reads no session of the owner');
select throws_ok(
  $$insert into public.project_files (project_id, path) values ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'evil.ts')$$,
  '42501', 'new row violates row-level security policy for table "project_files"',
  'another user cannot add a file to the owner''s project');
select is_empty(
  $$update public.project_files set content = 'pwned' returning id$$,
  'another user cannot change the owner''s files');
select lives_ok(
  $$insert into public.project_files (project_id, path) values ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'mine.ts')$$,
  'a user can add a file to their own project');
select throws_ok(
  $$update public.project_files set project_id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' where path = 'mine.ts'$$,
  '42501', 'new row violates row-level security policy for table "project_files"',
  'a user cannot move a file into the owner''s project');

set local request.jwt.claims = '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}';
select results_eq('select path from public.project_files', array['src/App.tsx'], 'the owner reads only their own files');
select results_eq(
  'select duration_minutes from public.daily_sessions', array[20], 'the owner reads their session');

select * from finish();
rollback;
