-- =============================================================================
-- Baseline sandbox: sandbox runs of generated apps and the fix loop's wait on them
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- Sandbox runs: each run of a generated app in the sandbox runner (build,
-- its tests, every route in headless Chromium) for a job, attempt by attempt.
-- Runners claim queued runs with a lease (several at once, none twice); every
-- state change is one function that also writes the job's `command_run` event.
-- The owner reads the rows and the screenshots (bucket "sandbox", private);
-- only the backend writes them.
-- =============================================================================

create table public.sandbox_runs (
  id uuid primary key default gen_random_uuid(),
  job_id uuid references public.agent_jobs(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  attempt int not null check (attempt >= 1),
  status text not null default 'queued' check (status in ('queued', 'running', 'passed', 'failed', 'limit', 'error')),
  leased_by text,
  lease_expires_at timestamptz,
  claims int not null default 0,
  results jsonb,
  screenshot_paths text[] not null default '{}',
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  unique (job_id, attempt)
);

comment on table public.sandbox_runs is 'Runs of a job''s generated app in the sandbox runner (the sandbox_tests_attempt_N stages): status, results and route screenshots.';
comment on column public.sandbox_runs.job_id is 'The job whose app was run.';
comment on column public.sandbox_runs.user_id is 'The job''s owner, copied so RLS needs no join.';
comment on column public.sandbox_runs.attempt is 'Attempt number within the job: 1, 2, 3 … (one per fix attempt).';
comment on column public.sandbox_runs.status is 'queued → running → passed | failed (the app has problems) | limit (time or memory limit hit) | error (the runner failed).';
comment on column public.sandbox_runs.leased_by is 'The runner holding the run.';
comment on column public.sandbox_runs.lease_expires_at is 'When another runner may take the run over.';
comment on column public.sandbox_runs.claims is 'How often a runner claimed the run; after 3 the run fails instead of being claimed again.';
comment on column public.sandbox_runs.results is 'The sandbox report: build problems, tests (name, file, line, message), route checks, dead links, verdict, timings.';
comment on column public.sandbox_runs.screenshot_paths is 'Object names in the private bucket "sandbox", one PNG per route.';
comment on column public.sandbox_runs.id is 'The run.';
comment on column public.sandbox_runs.created_at is 'When the run was requested.';
comment on column public.sandbox_runs.started_at is 'When a runner claimed it (the latest claim).';
comment on column public.sandbox_runs.finished_at is 'When it finished.';

create index sandbox_runs_user_id_idx on public.sandbox_runs (user_id);
create index sandbox_runs_queue_idx on public.sandbox_runs (created_at) where status in ('queued', 'running');

alter table public.sandbox_runs enable row level security;

create policy "Owners can read their sandbox runs"
  on public.sandbox_runs for select to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.sandbox_runs from anon, authenticated;
grant select on public.sandbox_runs to authenticated;
grant all on public.sandbox_runs to service_role;

-- -----------------------------------------------------------------------------
-- request: the next attempt of a job, queued
-- -----------------------------------------------------------------------------
create or replace function public.request_sandbox_run(p_job_id uuid)
returns public.sandbox_runs language plpgsql security definer set search_path = '' as $$
declare
  run public.sandbox_runs;
begin
  insert into public.sandbox_runs (job_id, user_id, attempt)
  select j.id, j.user_id, coalesce((select max(r.attempt) from public.sandbox_runs r where r.job_id = j.id), 0) + 1
  from public.agent_jobs j where j.id = p_job_id
  returning * into run;
  if run.id is null then
    raise exception 'no job %', p_job_id using errcode = 'P0002';
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'command_run', jsonb_build_object('command', 'sandbox', 'status', 'queued', 'run_id', run.id, 'attempt', run.attempt));
  return run;
end;
$$;

comment on function public.request_sandbox_run(uuid) is
  'Queues the next sandbox attempt of a job and writes its command_run event, in one transaction.';

-- -----------------------------------------------------------------------------
-- claim: the oldest queued run, or a running one whose runner's lease expired;
-- skip locked, so two runners claiming at once get different runs
-- -----------------------------------------------------------------------------
create or replace function public.claim_sandbox_run(p_worker text, p_lease_seconds int default 120)
returns setof public.sandbox_runs language plpgsql security definer set search_path = '' as $$
declare
  run public.sandbox_runs;
begin
  -- A run abandoned three times fails rather than crashing runners forever.
  with abandoned as (
    update public.sandbox_runs
    set status = 'error', finished_at = now(), leased_by = null, lease_expires_at = null,
        results = jsonb_build_object('reason', 'the runner stopped responding three times')
    where status = 'running' and lease_expires_at < now() and claims >= 3
    returning job_id, id, attempt
  )
  insert into public.job_events (job_id, kind, type, data)
  select job_id, 'event', 'command_run', jsonb_build_object('command', 'sandbox', 'status', 'error', 'run_id', id, 'attempt', attempt)
  from abandoned;

  update public.sandbox_runs r
  set status = 'running', leased_by = p_worker, claims = r.claims + 1, started_at = now(),
      lease_expires_at = now() + make_interval(secs => p_lease_seconds)
  where r.id = (
    select c.id from public.sandbox_runs c
    where c.status = 'queued' or (c.status = 'running' and c.lease_expires_at < now())
    order by c.created_at
    for update skip locked
    limit 1
  )
  returning * into run;
  if run.id is null then
    return;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (run.job_id, 'event', 'command_run', jsonb_build_object('command', 'sandbox', 'status', 'started', 'run_id', run.id, 'attempt', run.attempt, 'runner', p_worker));
  return next run;
end;
$$;

comment on function public.claim_sandbox_run(text, int) is
  'Hands the oldest waiting sandbox run (or one whose lease expired) to a runner with a lease, and writes its command_run event; no row when there is none.';

-- -----------------------------------------------------------------------------
-- a step as it happens (build, test, route check): the event, and a longer lease
-- -----------------------------------------------------------------------------
create or replace function public.record_sandbox_step(p_run_id uuid, p_worker text, p_command text, p_status text, p_data jsonb default '{}'::jsonb, p_lease_seconds int default 120)
returns boolean language plpgsql security definer set search_path = '' as $$
declare
  run public.sandbox_runs;
begin
  update public.sandbox_runs
  set lease_expires_at = now() + make_interval(secs => p_lease_seconds)
  where id = p_run_id and status = 'running' and leased_by = p_worker
  returning * into run;
  if run.id is null then
    return false;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (run.job_id, 'event', 'command_run',
          coalesce(p_data, '{}'::jsonb) || jsonb_build_object('command', p_command, 'status', p_status, 'run_id', run.id, 'attempt', run.attempt));
  return true;
end;
$$;

comment on function public.record_sandbox_step(uuid, text, text, text, jsonb, int) is
  'Writes a command_run event of a running sandbox run (build, tests, route check) and extends its lease; false when the runner no longer holds it.';

-- -----------------------------------------------------------------------------
-- finish: status, results and screenshots with the closing event; a job parked
-- on this run gets its stage's artifact and is requeued (a paused job stays paused), all in the same transaction
-- -----------------------------------------------------------------------------
create or replace function public.finish_sandbox_run(p_run_id uuid, p_worker text, p_status text, p_results jsonb, p_screenshot_paths text[] default '{}')
returns boolean language plpgsql security definer set search_path = '' as $$
declare
  run public.sandbox_runs;
  job public.agent_jobs;
  artifact jsonb;
begin
  if p_status not in ('passed', 'failed', 'limit', 'error') then
    raise exception 'a sandbox run cannot finish as %', p_status using errcode = '22023';
  end if;
  update public.sandbox_runs
  set status = p_status, results = p_results, screenshot_paths = coalesce(p_screenshot_paths, '{}'),
      finished_at = now(), leased_by = null, lease_expires_at = null
  where id = p_run_id and status = 'running' and leased_by = p_worker
  returning * into run;
  if run.id is null then
    return false;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (run.job_id, 'event', 'command_run', jsonb_build_object('command', 'sandbox', 'status', p_status, 'run_id', run.id, 'attempt', run.attempt,
          'reason', p_results->>'reason', 'screenshots', coalesce(array_length(p_screenshot_paths, 1), 0)));

  select * into job from public.agent_jobs j
  where j.id = run.job_id and j.leased_by = 'sandbox:' || run.id and j.status in ('running', 'paused')
  for update;
  if job.id is null or job.stage is null or job.stage = any (job.completed_stages) then
    return true;
  end if;
  artifact := jsonb_build_object('agent', 'sandbox', 'source', 'sandbox', 'model', 'sandbox', 'run_id', run.id, 'attempt', run.attempt,
    'status', run.status, 'screenshot_paths', to_jsonb(run.screenshot_paths), 'output', coalesce(run.results, '{}'::jsonb));
  insert into public.job_artifacts (job_id, user_id, stage, content, size_bytes)
  values (job.id, job.user_id, job.stage, artifact, octet_length(artifact::text));
  update public.agent_jobs
  set completed_stages = completed_stages || job.stage, stage = null, leased_by = null, lease_expires_at = null,
      status = case when status = 'running' then 'queued' else status end
  where id = job.id;
  insert into public.job_events (job_id, kind, type, data)
  values (job.id, 'event', 'stage_completed', jsonb_build_object('stage', job.stage, 'sandbox_status', run.status, 'attempt', run.attempt));
  return true;
end;
$$;

comment on function public.finish_sandbox_run(uuid, text, text, jsonb, text[]) is
  'Ends a sandbox run held by the runner: status, results, screenshot paths and its command_run event; a job parked on the run (await_sandbox_run) gets its stage''s artifact and is requeued; one transaction. False when the runner no longer holds the run.';

revoke execute on function public.request_sandbox_run(uuid) from public, anon, authenticated;
revoke execute on function public.claim_sandbox_run(text, int) from public, anon, authenticated;
revoke execute on function public.record_sandbox_step(uuid, text, text, text, jsonb, int) from public, anon, authenticated;
revoke execute on function public.finish_sandbox_run(uuid, text, text, jsonb, text[]) from public, anon, authenticated;
grant execute on function public.request_sandbox_run(uuid) to service_role;
grant execute on function public.claim_sandbox_run(text, int) to service_role;
grant execute on function public.record_sandbox_step(uuid, text, text, text, jsonb, int) to service_role;
grant execute on function public.finish_sandbox_run(uuid, text, text, jsonb, text[]) to service_role;

-- =============================================================================
-- The fix loop's wait for the sandbox: a pipeline stage asks for a sandbox
-- run of the job's current files and the job waits without a worker (still
-- running, leased to the run itself until p_wait_seconds pass). The runner's
-- finish_sandbox_run stores the stage's artifact (sandbox_tests_attempt_N) and
-- requeues the job in the same transaction. A wait that runs out (no runner
-- finished the run) lets a worker claim the job again: the stage then records
-- the run as not done and the pipeline goes on.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- await: attempt p_attempt of the job's sandbox run for stage p_stage
--   none yet            → queued; the job waits ('waiting')
--   queued or running   → the wait ran out: the run ends as error ('timeout')
--   finished            → its result came while no one waited ('finished')
-- returns the run and what happened; null when the worker no longer holds the job
-- -----------------------------------------------------------------------------
create or replace function public.await_sandbox_run(p_job_id uuid, p_worker text, p_stage text, p_attempt int, p_wait_seconds int default 300)
returns table (outcome text, run_id uuid, status text, results jsonb, screenshot_paths text[]) language plpgsql security definer set search_path = '' as $$
declare
  job public.agent_jobs;
  run public.sandbox_runs;
begin
  select * into job from public.agent_jobs j where j.id = p_job_id for update;
  if not found or job.status <> 'running' or job.leased_by is distinct from p_worker then
    return;
  end if;
  select * into run from public.sandbox_runs r where r.job_id = p_job_id and r.attempt = p_attempt for update;
  if run.id is null then
    insert into public.sandbox_runs (job_id, user_id, attempt) values (p_job_id, job.user_id, p_attempt) returning * into run;
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'command_run', jsonb_build_object('command', 'sandbox', 'status', 'queued', 'run_id', run.id, 'attempt', run.attempt));
    update public.agent_jobs
    set stage = p_stage, leased_by = 'sandbox:' || run.id, lease_expires_at = now() + make_interval(secs => p_wait_seconds)
    where id = p_job_id;
    return query select 'waiting'::text, run.id, run.status, run.results, run.screenshot_paths;
    return;
  end if;
  if run.status in ('queued', 'running') then
    update public.sandbox_runs r
    set status = 'error', finished_at = now(), leased_by = null, lease_expires_at = null,
        results = jsonb_build_object('reason', format('no sandbox runner finished the run within %s s', p_wait_seconds))
    where r.id = run.id
    returning * into run;
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'command_run', jsonb_build_object('command', 'sandbox', 'status', 'error', 'run_id', run.id, 'attempt', run.attempt, 'reason', run.results ->> 'reason'));
    return query select 'timeout'::text, run.id, run.status, run.results, run.screenshot_paths;
    return;
  end if;
  return query select 'finished'::text, run.id, run.status, run.results, run.screenshot_paths;
end;
$$;

comment on function public.await_sandbox_run(uuid, text, text, int, int) is
  'A fix-loop stage''s sandbox run: queues attempt p_attempt and parks the job (running, leased to the run) until the runner finishes it or p_wait_seconds pass; answers waiting, timeout (the run ends as error) or finished; no row when the worker no longer holds the job.';

revoke execute on function public.await_sandbox_run(uuid, text, text, int, int) from public, anon, authenticated;
grant execute on function public.await_sandbox_run(uuid, text, text, int, int) to service_role;
