-- =============================================================================
-- 0007 agent_jobs: persistent job tracking, RLS, Realtime publication
-- Users may only read their jobs; the backend writes them with the service role.
-- =============================================================================

create table public.agent_jobs (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  agent_type text not null,
  status text default 'queued' not null
    check (status in ('queued', 'running', 'completed', 'failed', 'waiting_for_input', 'cancelled')),
  progress float default 0.0 not null,
  result jsonb,
  error text,
  celery_task_id text,        -- For Celery task revocation
  created_at timestamptz default now() not null,
  started_at timestamptz,     -- Auto-set when status → 'running'
  completed_at timestamptz    -- Auto-set when status → terminal state
);

comment on table public.agent_jobs is 'One row per agent or pipeline run; realtime-published so the browser follows it live.';
comment on column public.agent_jobs.status is 'queued | running | completed | failed | waiting_for_input | cancelled.';
comment on column public.agent_jobs.progress is 'Percent complete, 0-100.';
comment on column public.agent_jobs.result is 'Agent output on completion; clarification questions while waiting_for_input.';
comment on column public.agent_jobs.celery_task_id is 'Kept from seed 003; unused by the Edge Function engine.';
comment on column public.agent_jobs.started_at is 'Stamped once, on the first move to running.';
comment on column public.agent_jobs.completed_at is 'Stamped on the move to completed, failed or cancelled.';
comment on column public.agent_jobs.project_id is 'The project the job works on.';
comment on column public.agent_jobs.user_id is 'Owner of the job; the only user who may read it.';
comment on column public.agent_jobs.agent_type is 'research | wireframe | code | qa | pedagogy | roadmap | pipeline | …';
comment on column public.agent_jobs.error is 'What went wrong, in words, when the job failed.';

create index agent_jobs_project_id_created_at_idx on public.agent_jobs (project_id, created_at desc);
create index agent_jobs_user_id_idx on public.agent_jobs (user_id);
create index agent_jobs_status_idx on public.agent_jobs (status);

-- -----------------------------------------------------------------------------
-- started_at / completed_at stamps
-- -----------------------------------------------------------------------------
create or replace function public.handle_agent_job_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  old_status text := case when tg_op = 'UPDATE' then old.status end;
begin
  if new.status = 'running' and new.started_at is null then
    new.started_at := now();
  end if;

  if new.status in ('completed', 'failed', 'cancelled') then
    if old_status is distinct from new.status then
      new.completed_at := now();
    end if;
  elsif old_status in ('completed', 'failed', 'cancelled') then
    new.completed_at := null;  -- requeued after finishing: no longer complete
  end if;

  return new;
end;
$$;

comment on function public.handle_agent_job_updated_at() is
  'Trigger function: sets started_at on the first move to running and completed_at on a terminal status.';

create trigger agent_jobs_status_timestamps
  before insert or update of status on public.agent_jobs
  for each row execute function public.handle_agent_job_updated_at();

-- -----------------------------------------------------------------------------
-- RLS: read-only for owners
-- -----------------------------------------------------------------------------
alter table public.agent_jobs enable row level security;

create policy "Users can view their own jobs"
  on public.agent_jobs for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- Realtime
-- -----------------------------------------------------------------------------
alter publication supabase_realtime add table public.projects;
alter publication supabase_realtime add table public.agent_jobs;
