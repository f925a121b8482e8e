-- =============================================================================
-- 0071 soft-deleted projects (projects.deleted_at) are hidden from
-- normal reads, with everything that belongs to them (child policies check the
-- project through its select policy); the owner moves a project to the trash
-- and back through two functions.
-- =============================================================================

drop policy "Owners can view their projects" on public.projects;

create policy "Owners can view their live projects"
  on public.projects for select to authenticated
  using ((select auth.uid()) = user_id and deleted_at is null);

-- security definer: once deleted_at is set the row is invisible to its owner,
-- so neither the update nor a restore could find it through RLS.
create or replace function public.set_project_deleted(p_project_id uuid, p_deleted boolean)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.projects
  set deleted_at = case when p_deleted then coalesce(deleted_at, now()) end
  where id = p_project_id and user_id = (select auth.uid());
  return found;
end;
$$;

comment on function public.set_project_deleted(uuid, boolean) is
  'Moves one of the caller''s projects to the trash (p_deleted) or restores it; false when it is not theirs.';

create or replace function public.deleted_projects()
returns table (id uuid, title text, deleted_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.title, p.deleted_at from public.projects p
  where p.user_id = (select auth.uid()) and p.deleted_at is not null
  order by p.deleted_at desc;
$$;

comment on function public.deleted_projects() is
  'The caller''s projects in the trash, newest first (security definer: the select policy hides them).';

revoke execute on function public.set_project_deleted(uuid, boolean) from public, anon;
revoke execute on function public.deleted_projects() from public, anon;
grant execute on function public.set_project_deleted(uuid, boolean) to authenticated, service_role;
grant execute on function public.deleted_projects() to authenticated, service_role;
