-- =============================================================================
-- Baseline job engine: agent_jobs, job_events, job_artifacts and the ops views
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- agent_jobs: persistent job tracking, RLS, Realtime publication
-- Users may only read their jobs; the backend writes them with the service role.
-- =============================================================================

create table public.agent_jobs (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  agent_type text not null,
  status text default 'queued' not null
    check (status in ('queued', 'running', 'completed', 'failed', 'waiting_for_input', 'cancelled', 'paused', 'awaiting_review')),
  progress float default 0.0 not null,
  result jsonb,
  error text,
  celery_task_id text,        -- For Celery task revocation
  created_at timestamptz default now() not null,
  started_at timestamptz,     -- Auto-set when status → 'running'
  completed_at timestamptz,    -- Auto-set when status → terminal state
  params jsonb default '{}'::jsonb not null,
  stage text,
  completed_stages text[] default '{}' not null,
  attempts int default 0 not null,
  max_attempts int default 3 not null check (max_attempts between 1 and 10),
  lease_expires_at timestamptz,
  leased_by text,
  usage jsonb default '{"input_tokens": 0, "output_tokens": 0, "cost_usd": 0}'::jsonb not null,
  budget jsonb,
  updated_at timestamptz default now() not null,
  review_kind text check (review_kind in ('design', 'feature')),
  -- the provider and model a job runs with, recorded once when it first runs
  llm_provider text,
  llm_model text,
  constraint agent_jobs_review_kind_consistent check ((status = 'awaiting_review') = (review_kind is not null))
);

comment on table public.agent_jobs is 'One row per agent or pipeline run; realtime-published so the browser follows it live.';
comment on column public.agent_jobs.status is 'queued | running | completed | failed | waiting_for_input | cancelled | paused | awaiting_review.';
comment on column public.agent_jobs.progress is 'Percent complete, 0-100.';
comment on column public.agent_jobs.result is 'Agent output on completion; clarification questions while waiting_for_input.';
comment on column public.agent_jobs.celery_task_id is 'Kept for compatibility with the original job schema; unused by the Edge Function engine.';
comment on column public.agent_jobs.started_at is 'Stamped once, on the first move to running.';
comment on column public.agent_jobs.completed_at is 'Stamped on the move to completed, failed or cancelled.';
comment on column public.agent_jobs.project_id is 'The project the job works on.';
comment on column public.agent_jobs.user_id is 'Owner of the job; the only user who may read it.';
comment on column public.agent_jobs.agent_type is 'research | wireframe | code | qa | pedagogy | roadmap | pipeline | …';
comment on column public.agent_jobs.error is 'What went wrong, in words, when the job failed.';

create index agent_jobs_project_id_created_at_idx on public.agent_jobs (project_id, created_at desc);
create index agent_jobs_user_id_idx on public.agent_jobs (user_id);
create index agent_jobs_status_idx on public.agent_jobs (status);

comment on column public.agent_jobs.review_kind is 'While awaiting_review: design (after the wireframe) or feature (after the code); null otherwise.';

-- -----------------------------------------------------------------------------
-- started_at / completed_at stamps
-- -----------------------------------------------------------------------------
create or replace function public.handle_agent_job_updated_at()
returns trigger language plpgsql set search_path = '' as $$
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

comment on column public.agent_jobs.params is 'The validated request: input_context, run options, clarification answers.';
comment on column public.agent_jobs.stage is 'The stage running now (pipeline: research, wireframe, code, qa).';
comment on column public.agent_jobs.completed_stages is 'Stages whose output is written; a resumed job never runs them again.';
comment on column public.agent_jobs.attempts is 'How many times a worker stopped responding mid-stage (lease expired); at max_attempts the job fails.';
comment on column public.agent_jobs.max_attempts is 'Worker losses tolerated before the job fails (1-10).';
comment on column public.agent_jobs.lease_expires_at is 'Until when the worker holding the job owns it; past it the sweeper requeues the job.';
comment on column public.agent_jobs.leased_by is 'Identifier of the worker holding the lease.';
comment on column public.agent_jobs.usage is 'Tokens and cost summed over every LLM call of the job.';
comment on column public.agent_jobs.budget is 'Optional limits {max_tokens, max_cost_usd}; exceeding one pauses the job for the user.';

create trigger agent_jobs_updated_at
  before update on public.agent_jobs
  for each row execute function public.handle_updated_at();

create index agent_jobs_lease_idx on public.agent_jobs (lease_expires_at) where status = 'running';
create index agent_jobs_queued_idx on public.agent_jobs (created_at) where status = 'queued';

-- =============================================================================
-- The job engine: stages, leases, attempts, usage and budgets on agent_jobs;
-- job_events (the live activity feed) and job_artifacts (stage outputs).
-- Users read their jobs, events and artifacts; only the service role writes.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- job_events: log lines and structured events, numbered per job
-- -----------------------------------------------------------------------------
create table public.job_events (
  id bigint generated always as identity primary key,
  job_id uuid references public.agent_jobs(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  seq int not null,
  kind text not null check (kind in ('log', 'event')),
  level text check (level in ('debug', 'info', 'warn', 'error', 'tool')),
  type text,
  message text,
  data jsonb default '{}'::jsonb not null,
  created_at timestamptz default now() not null,
  unique (job_id, seq),
  check ((kind = 'log' and level is not null and message is not null) or (kind = 'event' and type is not null))
);

comment on table public.job_events is 'The activity feed of a job: log lines and stage events, numbered by seq so a client can replay what it missed.';
comment on column public.job_events.seq is 'Per-job sequence number, 1, 2, 3 …, assigned on insert.';
comment on column public.job_events.kind is 'log (level + message) or event (type + data).';
comment on column public.job_events.type is 'Event type: stage_started, stage_completed, file_created, clarification_requested, …';
comment on column public.job_events.user_id is 'The job''s owner, copied from agent_jobs so RLS and Realtime need no join.';
comment on column public.job_events.job_id is 'The job the event belongs to.';
comment on column public.job_events.level is 'Log level: debug, info, warn, error, tool.';
comment on column public.job_events.message is 'The log line.';
comment on column public.job_events.data is 'Structured details of the event or log line.';

create index job_events_user_id_idx on public.job_events (user_id);

-- security definer: numbering must see and lock the job row whoever inserts;
-- whether the insert itself is allowed is still RLS's decision.
create or replace function public.handle_job_event_insert()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  -- Lock the job row so concurrent inserts for one job take numbers one at a time.
  select j.user_id into strict new.user_id from public.agent_jobs j where j.id = new.job_id for update;
  select coalesce(max(e.seq), 0) + 1 into new.seq from public.job_events e where e.job_id = new.job_id;
  return new;
end;
$$;

comment on function public.handle_job_event_insert() is
  'Trigger function: numbers a job event (seq) and copies the job owner into user_id.';

revoke execute on function public.handle_job_event_insert() from public, anon, authenticated;

create trigger job_events_number
  before insert on public.job_events
  for each row execute function public.handle_job_event_insert();

alter table public.job_events enable row level security;

create policy "Users can view the events of their jobs"
  on public.job_events for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- job_artifacts: each stage's validated output (large bundles in Storage)
-- -----------------------------------------------------------------------------
create table public.job_artifacts (
  id uuid default extensions.uuid_generate_v4() primary key,
  job_id uuid references public.agent_jobs(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  stage text not null,
  content jsonb,
  bundle_path text,
  size_bytes int default 0 not null,
  created_at timestamptz default now() not null,
  unique (job_id, stage),
  check (content is not null or bundle_path is not null)
);

comment on table public.job_artifacts is 'One row per finished stage of a job: its output, or a reference to a bundle in the artifacts bucket.';
comment on column public.job_artifacts.stage is 'research, wireframe, code, qa, reviewer_pass_N, …';
comment on column public.job_artifacts.bundle_path is 'Object path in the Storage bucket "artifacts" when the output is too large for the row.';
comment on column public.job_artifacts.job_id is 'The job whose stage produced the artifact.';
comment on column public.job_artifacts.user_id is 'The job''s owner.';
comment on column public.job_artifacts.content is 'The stage''s validated output, when small enough to keep in the row.';
comment on column public.job_artifacts.size_bytes is 'Size of the output in bytes.';

create index job_artifacts_user_id_idx on public.job_artifacts (user_id);

alter table public.job_artifacts enable row level security;

create policy "Users can view the artifacts of their jobs"
  on public.job_artifacts for select to authenticated
  using ((select auth.uid()) = user_id);

-- =============================================================================
-- ops: job health views for the dashboard's SQL editor. The ops schema is
-- not in the API's exposed schemas, and only the service role may read it.
-- =============================================================================

create schema if not exists ops;

revoke all on schema ops from public, anon, authenticated;
grant usage on schema ops to service_role;

create view ops.job_stats with (security_invoker = true) as
select
  j.agent_type,
  date_trunc('day', j.created_at)::date as day,
  count(*) as jobs,
  count(*) filter (where j.status = 'completed') as completed,
  count(*) filter (where j.status = 'failed') as failed,
  count(*) filter (where j.status = 'cancelled') as cancelled,
  round(
    (count(*) filter (where j.status = 'failed'))::numeric
      / nullif(count(*) filter (where j.status in ('completed', 'failed')), 0),
    3
  ) as failure_rate,
  percentile_cont(0.5) within group (order by extract(epoch from j.completed_at - j.started_at))
    filter (where j.status = 'completed') as p50_seconds,
  percentile_cont(0.95) within group (order by extract(epoch from j.completed_at - j.started_at))
    filter (where j.status = 'completed') as p95_seconds,
  sum((j.usage ->> 'cost_usd')::numeric) as cost_usd
from public.agent_jobs j
group by j.agent_type, date_trunc('day', j.created_at)::date;

comment on view ops.job_stats is 'Per agent type and day: job counts, failure rate, p50/p95 run time of completed jobs, and LLM cost.';

create view ops.stuck_jobs with (security_invoker = true) as
select j.id, j.agent_type, j.status, j.stage, j.attempts, j.max_attempts, j.lease_expires_at, j.leased_by, j.created_at,
  case when j.status = 'running' then 'lease expired' else 'queued for over 5 minutes' end as reason
from public.agent_jobs j
where (j.status = 'running' and j.lease_expires_at < now())
   or (j.status = 'queued' and j.created_at < now() - interval '5 minutes');

comment on view ops.stuck_jobs is 'Running jobs whose lease expired and jobs queued for over 5 minutes: what the sweeper should pick up.';

create view ops.recent_failures with (security_invoker = true) as
select j.id, j.agent_type, j.stage, j.attempts, j.error, j.completed_at, j.project_id, j.user_id
from public.agent_jobs j
where j.status = 'failed' and j.completed_at > now() - interval '7 days'
order by j.completed_at desc;

comment on view ops.recent_failures is 'Jobs that failed in the last 7 days, newest first, with their errors.';

revoke all on all tables in schema ops from public, anon, authenticated;
grant select on all tables in schema ops to service_role;
