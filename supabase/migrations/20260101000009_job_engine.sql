-- =============================================================================
-- 0009 job engine: stages, leases, attempts, usage and budgets on agent_jobs;
-- job_events (the live activity feed) and job_artifacts (stage outputs).
-- Users read their jobs, events and artifacts; only the service role writes.
-- =============================================================================

alter table public.agent_jobs
  add column params jsonb default '{}'::jsonb not null,
  add column stage text,
  add column completed_stages text[] default '{}' not null,
  add column attempts int default 0 not null,
  add column max_attempts int default 3 not null check (max_attempts between 1 and 10),
  add column lease_expires_at timestamptz,
  add column leased_by text,
  add column usage jsonb default '{"input_tokens": 0, "output_tokens": 0, "cost_usd": 0}'::jsonb not null,
  add column budget jsonb,
  add column updated_at timestamptz default now() not null;

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
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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

alter publication supabase_realtime add table public.job_events;
