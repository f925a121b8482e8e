-- =============================================================================
-- Baseline projects: profiles, projects and their files, roadmaps and mentor sessions; the shared trigger helpers
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists vector with schema extensions;

-- -----------------------------------------------------------------------------
-- updated_at trigger function
-- -----------------------------------------------------------------------------
create or replace function public.handle_updated_at()
returns trigger language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function public.handle_updated_at() is
  'Trigger function: stamps updated_at with now() on every update.';

-- -----------------------------------------------------------------------------
-- column guard: what an owner may change on rows the backend maintains (the
-- grants say the same; this holds on Data API implementations that skip them)
-- -----------------------------------------------------------------------------
create or replace function public.guard_owner_columns()
returns trigger language plpgsql set search_path = '' as $$
declare
  allowed text[] := tg_argv::text[] || array['updated_at'];
begin
  if current_user in ('authenticated', 'anon') and (to_jsonb(new) - allowed) is distinct from (to_jsonb(old) - allowed) then
    raise exception 'Only % may be changed on %', array_to_string(tg_argv::text[], ', '), tg_table_name using errcode = '42501';
  end if;
  return new;
end;
$$;

comment on function public.guard_owner_columns() is
  'Trigger function: a signed-in user may change only the columns named in the trigger''s arguments; counters, paths and soft delete stay the backend''s.';

-- -----------------------------------------------------------------------------
-- profiles: extends auth.users
-- -----------------------------------------------------------------------------
create table public.profiles (
  id uuid references auth.users on delete cascade not null primary key,
  username text unique,
  full_name text,
  avatar_url text,
  skill_level text check (skill_level in ('beginner', 'intermediate', 'advanced')),
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
);

comment on table public.profiles is 'One row per auth user: public profile and learning skill level.';
comment on column public.profiles.skill_level is 'beginner | intermediate | advanced; drives student-mode content.';
comment on column public.profiles.username is 'Unique handle shown to other users.';
comment on column public.profiles.full_name is 'Display name; filled from the sign-up metadata.';
comment on column public.profiles.avatar_url is 'URL of the avatar image.';

create trigger profiles_updated_at
  before update on public.profiles
  for each row execute function public.handle_updated_at();

-- -----------------------------------------------------------------------------
-- projects: the hub for Builder and Student modes
-- -----------------------------------------------------------------------------
create table public.projects (
  id uuid default extensions.uuid_generate_v4() primary key,
  user_id uuid references public.profiles(id) on delete cascade not null,
  title text not null,
  description text,
  mode text check (mode in ('builder', 'student')) not null,
  status text default 'planning' not null
    constraint projects_status_check check (status in ('planning', 'in-progress', 'building', 'completed', 'archived')),

  -- Agent outputs (JSONB for flexibility)
  requirements_spec jsonb,    -- Output from Research Agent
  architecture_spec jsonb,    -- Output from Wireframe Agent

  -- Metadata
  tech_stack text[],
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,
  settings jsonb default '{}'::jsonb not null,
  product_count int default 0 not null,
  order_count int default 0 not null,
  featured_product_ids uuid[] default '{}' not null,
  deleted_at timestamptz
);

comment on table public.projects is 'A user''s app idea and everything the agents produced for it.';
comment on column public.projects.mode is 'builder (generate the app) or student (learn by building it).';
comment on column public.projects.status is 'planning | in-progress | building | completed | archived.';
comment on column public.projects.requirements_spec is 'RequirementsDoc written by the research agent.';
comment on column public.projects.architecture_spec is 'WireframeSpec written by the wireframe agent.';
comment on column public.projects.user_id is 'Owner; every row of the project''s child tables belongs to this user.';
comment on column public.projects.title is 'Name of the project.';
comment on column public.projects.description is 'The idea in the user''s words.';
comment on column public.projects.tech_stack is 'Technologies of the generated app, e.g. {react,typescript,supabase}.';

create index projects_user_id_idx on public.projects (user_id);

-- Studio's: counts kept by its triggers, the featured products, soft delete.
comment on column public.projects.product_count is 'Studio products of the project that are not soft-deleted (trigger-maintained).';
comment on column public.projects.order_count is 'Studio orders of the project that are not soft-deleted (trigger-maintained).';
comment on column public.projects.featured_product_ids is 'Products the owner features on the project, in display order.';
comment on column public.projects.deleted_at is 'When the project was soft-deleted; null while it is live.';

create index projects_status_idx on public.projects (status);
create index projects_created_at_idx on public.projects (created_at);
create index projects_deleted_at_idx on public.projects (deleted_at);

create trigger projects_updated_at
  before update on public.projects
  for each row execute function public.handle_updated_at();

-- -----------------------------------------------------------------------------
-- project_files: the virtual file system
-- -----------------------------------------------------------------------------
create table public.project_files (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  path text not null,         -- e.g., "src/app/page.tsx"
  content text,               -- The actual code
  language text,              -- 'typescript', 'python', 'css', etc.
  version int default 1 not null,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null,

  unique(project_id, path)    -- Prevent duplicate paths per project (also indexes project_id)
);

comment on table public.project_files is 'Source files of a project, one row per path.';
comment on column public.project_files.version is 'Incremented on every saved edit; used for conflict detection.';
comment on column public.project_files.project_id is 'The project the file belongs to.';
comment on column public.project_files.path is 'Path inside the project, e.g. src/App.tsx; unique per project.';
comment on column public.project_files.content is 'The file''s source text.';
comment on column public.project_files.language is 'typescript, css, json, html, …';

create trigger project_files_updated_at
  before update on public.project_files
  for each row execute function public.handle_updated_at();

-- -----------------------------------------------------------------------------
-- learning_roadmaps and daily_sessions: student mode
-- -----------------------------------------------------------------------------
create table public.learning_roadmaps (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  modules jsonb not null,          -- Array of { title, steps, is_locked }
  current_step_index int default 0 not null,
  created_at timestamptz default now() not null,
  title text check (char_length(title) between 1 and 200),
  description text,
  skill_level text check (skill_level in ('beginner', 'intermediate', 'advanced')),
  total_estimated_hours numeric check (total_estimated_hours > 0 and total_estimated_hours <= 500)
);

comment on table public.learning_roadmaps is 'The curriculum generated for a student-mode project.';
comment on column public.learning_roadmaps.project_id is 'The student-mode project the roadmap teaches.';
comment on column public.learning_roadmaps.modules is
  'Array of the LearningRoadmap modules {title, description, steps, estimated_hours, prerequisites}, each with is_locked derived from current_step_index.';
comment on column public.learning_roadmaps.current_step_index is
  'Steps finished, counted over all modules'' steps in order; the student moves it on by one, which opens the next module after its last step.';

create index learning_roadmaps_project_id_idx on public.learning_roadmaps (project_id);

create table public.daily_sessions (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  transcript jsonb,                -- Array of { role: 'user'|'mentor', content: string }
  concepts_covered text[],
  created_at timestamptz default now() not null,
  duration_minutes int default 0 not null
);

comment on table public.daily_sessions is 'Socratic mentor sessions of a student-mode project.';
comment on column public.daily_sessions.project_id is 'The student-mode project of the session.';
comment on column public.daily_sessions.transcript is 'Array of {role: user | mentor, content}.';
comment on column public.daily_sessions.concepts_covered is 'Concepts the session taught.';

create index daily_sessions_project_id_idx on public.daily_sessions (project_id);

-- =============================================================================
-- RLS policies on all tables
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

comment on column public.daily_sessions.duration_minutes is 'Length of the mentor session in minutes.';

-- =============================================================================
-- a profiles row for every new auth user
-- Runs as the definer because the signing-up user has no session yet.
-- =============================================================================

create or replace function public.handle_new_user()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, full_name, avatar_url)
  values (
    new.id,
    new.raw_user_meta_data ->> 'full_name',
    new.raw_user_meta_data ->> 'avatar_url'
  )
  on conflict (id) do nothing;
  return new;
end;
$$;

comment on function public.handle_new_user() is
  'Trigger function: creates the public.profiles row of a new auth.users row.';

revoke execute on function public.handle_new_user() from public, anon, authenticated;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function public.handle_new_user();

comment on column public.projects.settings is
  'Per-project options, e.g. {"budget": {"max_tokens": 200000, "max_cost_usd": 1.5}} — the budget every new job of the project starts with.';

-- -----------------------------------------------------------------------------
-- soft-deleted projects (deleted_at) are hidden from normal reads, with
-- everything that belongs to them (child policies check the project through
-- its select policy); the owner moves a project to the trash and back through
-- two functions.
-- -----------------------------------------------------------------------------
create policy "Owners can view their live projects"
  on public.projects for select to authenticated
  using ((select auth.uid()) = user_id and deleted_at is null);

-- security definer: once deleted_at is set the row is invisible to its owner,
-- so neither the update nor a restore could find it through RLS.
create or replace function public.set_project_deleted(p_project_id uuid, p_deleted boolean)
returns boolean language plpgsql security definer set search_path = '' as $$
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
returns table (id uuid, title text, deleted_at timestamptz) language sql stable security definer set search_path = '' as $$
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

-- =============================================================================
-- Safe file paths. A project file's path is a normalised relative path:
-- 1 to 500 characters, no leading "/", no backslash, no control character, no
-- drive prefix ("C:"), and no empty, "." or ".." segment. Every writer of
-- project_files (the REST API, the editor, imports, the agents, rollback and
-- refactor apply) goes through this, so an export can never carry an entry
-- that unpacks outside its folder (zip-slip).
-- The rule is written inline rather than as a function so that it adds nothing
-- callable through /rpc. NOT VALID, as it was added to tables that had rows:
-- older rows are not re-checked (the export refuses them instead).
-- =============================================================================

alter table public.project_files
  add constraint project_files_path_is_safe check (
    char_length(path) between 1 and 500
    and path !~ '[\x01-\x1f\x7f\\]'
    and path !~ '^/'
    and path !~ '^[A-Za-z]:'
    and path !~ '(^|/)\.{0,2}(/|$)'
  ) not valid;

comment on constraint project_files_path_is_safe on public.project_files is
  'A normalised relative path: 1-500 characters, no leading /, backslash, control character, drive prefix, or empty/./.. segment.';
-- -----------------------------------------------------------------------------
-- A roadmap keeps its title, description, skill level and total hours beside
-- its modules. Each module carries `is_locked`, which the student's progress
-- sets: a module opens once every step before it is done (current_step_index
-- has reached its first step). A trigger derives the locks on every write, so
-- they cannot be set by hand; the student may write current_step_index only,
-- one finished step at a time; roadmaps themselves are the roadmap agent's.
-- -----------------------------------------------------------------------------
comment on column public.learning_roadmaps.title is 'The roadmap''s title, as the roadmap agent wrote it.';
comment on column public.learning_roadmaps.description is 'What the roadmap covers, as the roadmap agent wrote it.';
comment on column public.learning_roadmaps.skill_level is 'The level the roadmap was planned for: beginner | intermediate | advanced.';
comment on column public.learning_roadmaps.total_estimated_hours is 'The hours of all modules (at most 500).';

-- -----------------------------------------------------------------------------
-- locks follow progress
-- -----------------------------------------------------------------------------
create or replace function public.handle_roadmap_progress()
returns trigger language plpgsql set search_path = '' as $$
declare
  module jsonb;
  first_step int := 0;
  locked jsonb := '[]'::jsonb;
begin
  if current_user in ('authenticated', 'anon') then
    if tg_op = 'INSERT' then
      raise exception 'Roadmaps are written by the roadmap agent' using errcode = '42501';
    end if;
    if new.current_step_index is distinct from old.current_step_index and new.current_step_index <> old.current_step_index + 1 then
      raise exception 'A roadmap moves on one finished step at a time: from step % to step %, not %',
        old.current_step_index, old.current_step_index + 1, new.current_step_index using errcode = '22023';
    end if;
  end if;
  if jsonb_typeof(new.modules) is distinct from 'array' then
    raise exception 'learning_roadmaps.modules must be a JSON array of modules' using errcode = '22023';
  end if;
  for module in select value from jsonb_array_elements(new.modules) loop
    if jsonb_typeof(module) is distinct from 'object' or jsonb_typeof(coalesce(module -> 'steps', '[]')) <> 'array' then
      raise exception 'each module of learning_roadmaps.modules must be an object whose steps are an array' using errcode = '22023';
    end if;
    locked := locked || jsonb_build_array(module || jsonb_build_object('is_locked', new.current_step_index < first_step));
    first_step := first_step + jsonb_array_length(coalesce(module -> 'steps', '[]'));
  end loop;
  if new.current_step_index < 0 or new.current_step_index > first_step then
    raise exception 'current_step_index % is outside the roadmap''s % steps', new.current_step_index, first_step using errcode = '22023';
  end if;
  new.modules := locked;
  return new;
end;
$$;

comment on function public.handle_roadmap_progress() is
  'Trigger function: sets each roadmap module''s is_locked from current_step_index (a module opens when every step before it is done); a signed-in user may only move the progress on by one step and may not create roadmaps.';

revoke execute on function public.handle_roadmap_progress() from public, anon, authenticated;

-- Named to sort after learning_roadmaps_owner_columns: the guard sees the student's change, not the derived locks.
create trigger learning_roadmaps_progress before insert or update of current_step_index, modules on public.learning_roadmaps
  for each row execute function public.handle_roadmap_progress();

-- -----------------------------------------------------------------------------
-- what the student may write: progress only (and delete a roadmap)
-- -----------------------------------------------------------------------------
revoke insert, update on public.learning_roadmaps from anon, authenticated;
grant update (current_step_index) on public.learning_roadmaps to authenticated;

create trigger learning_roadmaps_owner_columns before update on public.learning_roadmaps
  for each row execute function public.guard_owner_columns('current_step_index');
