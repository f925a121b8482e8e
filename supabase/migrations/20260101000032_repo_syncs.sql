-- =============================================================================
-- 0032 repo_syncs: every GitHub import or export of a project,
-- PENDING → RUNNING → SUCCESS / FAILED with the error. The token is never
-- stored. Owners read; only the service role (the `projects` function) writes.
-- =============================================================================

create table public.repo_syncs (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  direction text not null check (direction in ('import', 'export')),
  repo text not null check (length(repo) between 1 and 200),
  branch text,
  status text default 'PENDING' not null check (status in ('PENDING', 'RUNNING', 'SUCCESS', 'FAILED')),
  error_message text,
  files_count int,
  commit_sha text,
  created_at timestamptz default now() not null,
  started_at timestamptz,
  finished_at timestamptz,
  check ((status = 'FAILED') = (error_message is not null))
);

comment on table public.repo_syncs is 'GitHub import/export runs of a project with their outcome (the access token is never stored).';
comment on column public.repo_syncs.project_id is 'The project synced.';
comment on column public.repo_syncs.user_id is 'The owner who started the run.';
comment on column public.repo_syncs.direction is 'import (GitHub → project files) or export (project files → GitHub).';
comment on column public.repo_syncs.repo is 'owner/name for an import; the repository name for an export.';
comment on column public.repo_syncs.branch is 'The branch read or written.';
comment on column public.repo_syncs.status is 'PENDING → RUNNING → SUCCESS or FAILED.';
comment on column public.repo_syncs.error_message is 'Why the run failed (status FAILED).';
comment on column public.repo_syncs.files_count is 'Files imported or pushed.';
comment on column public.repo_syncs.commit_sha is 'The commit read (import) or written (export).';
comment on column public.repo_syncs.started_at is 'When the run left PENDING.';
comment on column public.repo_syncs.finished_at is 'When it ended (SUCCESS or FAILED).';

create index repo_syncs_project_id_idx on public.repo_syncs (project_id, created_at desc);
create index repo_syncs_user_id_idx on public.repo_syncs (user_id);

alter table public.repo_syncs enable row level security;

create policy "Owners can view the syncs of their projects"
  on public.repo_syncs for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- writing imported files: one statement, all or nothing, as the caller (RLS)
-- -----------------------------------------------------------------------------
create or replace function public.import_project_files(p_project_id uuid, p_files jsonb)
returns int
language sql
set search_path = ''
as $$
  with written as (
    insert into public.project_files as f (project_id, path, content, language)
    select p_project_id, file ->> 'path', file ->> 'content', file ->> 'language'
    from jsonb_array_elements(p_files) as file
    on conflict (project_id, path) do update
      set content = excluded.content, language = excluded.language, version = f.version + 1
      where f.content is distinct from excluded.content
    returning 1
  )
  select count(*)::int from written;
$$;

comment on function public.import_project_files(uuid, jsonb) is
  'Writes [{path, content, language}] into a project in one statement (security invoker: RLS decides), bumping the version of changed files; returns how many rows changed.';

revoke execute on function public.import_project_files(uuid, jsonb) from public, anon;
grant execute on function public.import_project_files(uuid, jsonb) to authenticated, service_role;
