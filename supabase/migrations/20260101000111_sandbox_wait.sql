-- =============================================================================
-- 0111 The fix loop's wait for the sandbox: a pipeline stage asks for a sandbox
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
returns table (outcome text, run_id uuid, status text, results jsonb, screenshot_paths text[])
language plpgsql
security definer
set search_path = ''
as $$
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

-- -----------------------------------------------------------------------------
-- finish: as in 0110, and a job parked on this run gets its stage's artifact
-- and is requeued (a paused job stays paused), all in the same transaction
-- -----------------------------------------------------------------------------
create or replace function public.finish_sandbox_run(p_run_id uuid, p_worker text, p_status text, p_results jsonb, p_screenshot_paths text[] default '{}')
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
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

revoke execute on function public.await_sandbox_run(uuid, text, text, int, int) from public, anon, authenticated;
grant execute on function public.await_sandbox_run(uuid, text, text, int, int) to service_role;
