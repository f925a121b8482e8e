-- =============================================================================
-- 0002 RLS policies on all tables
-- Ownership flows from projects.user_id; child tables use a join check.
-- (select auth.uid()) is evaluated once per statement rather than once per row.
-- =============================================================================

alter table public.profiles enable row level security;
alter table public.projects enable row level security;
alter table public.project_files enable row level security;
alter table public.learning_roadmaps enable row level security;
alter table public.daily_sessions enable row level security;

-- -----------------------------------------------------------------------------
-- profiles
-- -----------------------------------------------------------------------------
create policy "Signed-in users can view profiles"
  on public.profiles for select to authenticated
  using (true);

create policy "Users can create their own profile"
  on public.profiles for insert to authenticated
  with check ((select auth.uid()) = id);

create policy "Users can update their own profile"
  on public.profiles for update to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);

-- -----------------------------------------------------------------------------
-- projects
-- -----------------------------------------------------------------------------
create policy "Owners can view their projects"
  on public.projects for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Owners can create projects"
  on public.projects for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Owners can update their projects"
  on public.projects for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Owners can delete their projects"
  on public.projects for delete to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- child tables: the parent project must belong to the caller
-- -----------------------------------------------------------------------------
create policy "Project owners can manage project files"
  on public.project_files for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can manage learning roadmaps"
  on public.learning_roadmaps for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));

create policy "Project owners can manage daily sessions"
  on public.daily_sessions for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid())));
