-- Projects belong to their owner: others and anon can neither see nor change them.
begin;
\ir fixtures/owner-and-other.psql
select plan(10);

insert into public.projects (id, user_id, title, mode) values
  ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', '11111111-1111-4111-8111-111111111111', 'Dog CRM', 'builder');

select ok(exists (select 1 from public.profiles where id = '11111111-1111-4111-8111-111111111111'),
  'signing up creates a profile');

-- as the owner
set local role authenticated;
set local request.jwt.claims = '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}';

select results_eq('select title from public.projects', array['Dog CRM'], 'the owner sees their project');
select lives_ok(
  $$insert into public.projects (user_id, title, mode) values ('11111111-1111-4111-8111-111111111111', 'Second', 'student')$$,
  'the owner can create a project');
select throws_ok(
  $$insert into public.projects (user_id, title, mode) values ('22222222-2222-4222-8222-222222222222', 'Planted', 'builder')$$,
  '42501', 'new row violates row-level security policy for table "projects"',
  'the owner cannot create a project for someone else');

-- as another signed-in user
set local request.jwt.claims = '{"sub": "22222222-2222-4222-8222-222222222222", "role": "authenticated"}';

select is_empty('select * from public.projects', 'another user sees no project of the owner');
select is_empty(
  $$update public.projects set title = 'Hijacked' where id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' returning id$$,
  'another user cannot update the owner''s project');
select is_empty(
  $$delete from public.projects where id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' returning id$$,
  'another user cannot delete the owner''s project');
select results_eq('select count(*)::int from public.profiles', array[2], 'signed-in users can view every profile');

-- as anon
set local role anon;
set local request.jwt.claims = '{"role": "anon"}';
select is_empty('select * from public.projects', 'anon sees no project');

reset role;
select results_eq(
  $$select title from public.projects where id = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'$$,
  array['Dog CRM'], 'the owner''s project is unchanged');

select * from finish();
rollback;
