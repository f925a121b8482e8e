-- =============================================================================
-- 0001 init schema: core tables, indexes, updated_at triggers
-- =============================================================================

create extension if not exists "uuid-ossp" with schema extensions;

-- -----------------------------------------------------------------------------
-- updated_at trigger function
-- -----------------------------------------------------------------------------
create or replace function public.handle_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function public.handle_updated_at() is
  'Trigger function: stamps updated_at with now() on every update.';

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
  status text default 'planning' not null,

  -- Agent outputs (JSONB for flexibility)
  requirements_spec jsonb,    -- Output from Research Agent
  architecture_spec jsonb,    -- Output from Wireframe Agent

  -- Metadata
  tech_stack text[],
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
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
  created_at timestamptz default now() not null
);

comment on table public.learning_roadmaps is 'The curriculum generated for a student-mode project.';
comment on column public.learning_roadmaps.project_id is 'The student-mode project the roadmap teaches.';
comment on column public.learning_roadmaps.modules is 'Array of {title, steps, is_locked}: the LearningRoadmap modules.';
comment on column public.learning_roadmaps.current_step_index is 'Index of the step the student is on.';

create index learning_roadmaps_project_id_idx on public.learning_roadmaps (project_id);

create table public.daily_sessions (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  transcript jsonb,                -- Array of { role: 'user'|'mentor', content: string }
  concepts_covered text[],
  created_at timestamptz default now() not null
);

comment on table public.daily_sessions is 'Socratic mentor sessions of a student-mode project.';
comment on column public.daily_sessions.project_id is 'The student-mode project of the session.';
comment on column public.daily_sessions.transcript is 'Array of {role: user | mentor, content}.';
comment on column public.daily_sessions.concepts_covered is 'Concepts the session taught.';

create index daily_sessions_project_id_idx on public.daily_sessions (project_id);
