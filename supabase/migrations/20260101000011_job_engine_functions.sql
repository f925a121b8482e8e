-- =============================================================================
-- 0011 job engine functions: every state change of a job is one statement or
-- one function call, so two workers never run one job and a finished stage is
-- written exactly once together with its outputs. Service role only.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- claim: a queued job, a running job between stages (lease released), or one
-- whose worker stopped responding (lease expired: that counts as an attempt)
-- -----------------------------------------------------------------------------
create or replace function public.claim_agent_job(p_job_id uuid, p_worker text, p_lease_seconds int default 60)
returns setof public.agent_jobs
language sql
set search_path = ''
as $$
  update public.agent_jobs
  set status = 'running',
      attempts = attempts + case when status = 'running' and lease_expires_at < now() then 1 else 0 end,
      leased_by = p_worker,
      lease_expires_at = now() + make_interval(secs => p_lease_seconds)
  where id = p_job_id
    and attempts < max_attempts
    and (status = 'queued' or (status = 'running' and (leased_by is null or lease_expires_at < now())))
  returning *;
$$;

comment on function public.claim_agent_job(uuid, text, int) is
  'Atomically hands a job to a worker: queued, between stages, or abandoned by a worker whose lease expired; returns no row when someone else holds it.';

-- -----------------------------------------------------------------------------
-- extend the lease while a stage runs
-- -----------------------------------------------------------------------------
create or replace function public.extend_agent_job_lease(p_job_id uuid, p_worker text, p_lease_seconds int default 60)
returns boolean
language sql
set search_path = ''
as $$
  with extended as (
    update public.agent_jobs
    set lease_expires_at = now() + make_interval(secs => p_lease_seconds)
    where id = p_job_id and status = 'running' and leased_by = p_worker
    returning 1
  )
  select exists (select 1 from extended);
$$;

comment on function public.extend_agent_job_lease(uuid, text, int) is
  'Extends the lease of the worker holding a running job; false when it no longer holds it (cancelled, expired, taken).';

-- -----------------------------------------------------------------------------
-- start a stage: the stage name and its event, only while the worker holds the job
-- (a cancel cannot slip between them: the event never follows job_cancelled)
-- -----------------------------------------------------------------------------
create or replace function public.start_agent_job_stage(p_job_id uuid, p_worker text, p_stage text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  attempt int;
begin
  update public.agent_jobs set stage = p_stage
  where id = p_job_id and status = 'running' and leased_by = p_worker
  returning attempts into attempt;
  if not found then
    return false;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'stage_started', jsonb_build_object('stage', p_stage, 'attempt', attempt));
  return true;
end;
$$;

comment on function public.start_agent_job_stage(uuid, text, text) is
  'Marks a stage as running with its stage_started event, in one transaction; false when the worker no longer holds the job.';

-- -----------------------------------------------------------------------------
-- complete a stage: outputs, artifact, progress and event in one transaction
-- p_effects: { "project": {column: value, …}, "files": [{path, content, language}],
--              "roadmap": {modules, …} }
-- -----------------------------------------------------------------------------
create or replace function public.complete_agent_job_stage(
  p_job_id uuid,
  p_worker text,
  p_stage text,
  p_output jsonb,
  p_progress float,
  p_effects jsonb default '{}'::jsonb,
  p_usage jsonb default null,
  p_duration_ms int default null
)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  file jsonb;
begin
  select * into job from public.agent_jobs where id = p_job_id for update;
  if not found or job.status <> 'running' or job.leased_by is distinct from p_worker then
    return false;
  end if;
  if p_stage = any (job.completed_stages) then
    return false;
  end if;

  if p_effects ? 'project' then
    update public.projects p set
      requirements_spec = case when p_effects -> 'project' ? 'requirements_spec' then p_effects -> 'project' -> 'requirements_spec' else p.requirements_spec end,
      architecture_spec = case when p_effects -> 'project' ? 'architecture_spec' then p_effects -> 'project' -> 'architecture_spec' else p.architecture_spec end,
      status = coalesce(p_effects -> 'project' ->> 'status', p.status),
      tech_stack = case when p_effects -> 'project' ? 'tech_stack'
        then array(select jsonb_array_elements_text(p_effects -> 'project' -> 'tech_stack')) else p.tech_stack end
    where p.id = job.project_id;
  end if;

  for file in select * from jsonb_array_elements(coalesce(p_effects -> 'files', '[]'::jsonb)) loop
    insert into public.project_files as f (project_id, path, content, language)
    values (job.project_id, file ->> 'path', file ->> 'content', file ->> 'language')
    on conflict (project_id, path) do update
      set content = excluded.content, language = excluded.language, version = f.version + 1
      where f.content is distinct from excluded.content;
  end loop;

  if p_effects ? 'roadmap' then
    insert into public.learning_roadmaps (project_id, modules)
    values (job.project_id, p_effects -> 'roadmap' -> 'modules');
  end if;

  insert into public.job_artifacts (job_id, user_id, stage, content, size_bytes)
  values (p_job_id, job.user_id, p_stage, p_output, octet_length(p_output::text));

  -- The lease is released: the next stage may run in another invocation.
  update public.agent_jobs set
    completed_stages = completed_stages || p_stage,
    stage = null,
    leased_by = null,
    lease_expires_at = null,
    progress = greatest(progress, p_progress),
    usage = case when p_usage is null then usage else jsonb_build_object(
      'input_tokens', (usage ->> 'input_tokens')::bigint + coalesce((p_usage ->> 'input_tokens')::bigint, 0),
      'output_tokens', (usage ->> 'output_tokens')::bigint + coalesce((p_usage ->> 'output_tokens')::bigint, 0),
      'cost_usd', (usage ->> 'cost_usd')::numeric + coalesce((p_usage ->> 'cost_usd')::numeric, 0)) end
  where id = p_job_id;

  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'stage_completed',
    jsonb_strip_nulls(jsonb_build_object('stage', p_stage, 'progress', p_progress, 'duration_ms', p_duration_ms)));
  return true;
end;
$$;

comment on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) is
  'Records a finished stage with its outputs (project columns, files, roadmap), artifact, progress, usage and event (with how long the agent took), all or nothing; false if the worker lost the job or the stage is already done.';

-- -----------------------------------------------------------------------------
-- the end of a run, or a pause for the user
-- -----------------------------------------------------------------------------
create or replace function public.finish_agent_job(p_job_id uuid, p_worker text, p_status text, p_result jsonb default null, p_error text default null)
returns boolean
language plpgsql
set search_path = ''
as $$
begin
  if p_status not in ('completed', 'failed', 'waiting_for_input') then
    raise exception 'finish_agent_job: % is not a status a worker may set', p_status using errcode = '22023';
  end if;
  update public.agent_jobs
  set status = p_status,
      result = coalesce(p_result, result),
      error = p_error,
      progress = case when p_status = 'completed' then 100 else progress end,
      stage = null,
      leased_by = null,
      lease_expires_at = null
  where id = p_job_id and status = 'running' and leased_by = p_worker;
  if not found then
    return false;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'job_' || p_status,
    case when p_error is null then '{}'::jsonb else jsonb_build_object('error', p_error) end);
  return true;
end;
$$;

comment on function public.finish_agent_job(uuid, text, text, jsonb, text) is
  'Ends a run (completed with result, failed with error) or pauses it (waiting_for_input with the questions in result), releasing the lease.';

-- -----------------------------------------------------------------------------
-- the sweeper: expired leases are requeued, or failed after max_attempts
-- -----------------------------------------------------------------------------
create or replace function public.sweep_agent_jobs()
returns table (requeued int, failed int)
language plpgsql
set search_path = ''
as $$
declare
  requeued_ids uuid[];
  failed_ids uuid[];
begin
  with expired as (
    update public.agent_jobs
    set status = 'queued', attempts = attempts + 1, leased_by = null, lease_expires_at = null, stage = null
    where status = 'running' and lease_expires_at < now() and attempts + 1 < max_attempts
    returning id
  ) select coalesce(array_agg(id), '{}') into requeued_ids from expired;

  with exhausted as (
    update public.agent_jobs
    set status = 'failed', attempts = attempts + 1, leased_by = null, lease_expires_at = null,
        error = format('The job stopped responding %s times (worker crash or timeout) and was given up.', attempts + 1)
    where status = 'running' and lease_expires_at < now() and attempts + 1 >= max_attempts
    returning id
  ) select coalesce(array_agg(id), '{}') into failed_ids from exhausted;

  insert into public.job_events (job_id, kind, level, message)
  select id, 'log', 'warn', 'The worker stopped responding; the job was requeued and resumes from its last finished stage.'
  from unnest(requeued_ids) id;
  insert into public.job_events (job_id, kind, type, data)
  select id, 'event', 'job_failed', jsonb_build_object('error', 'attempts exhausted') from unnest(failed_ids) id;

  return query select cardinality(requeued_ids), cardinality(failed_ids);
end;
$$;

comment on function public.sweep_agent_jobs() is
  'Requeues running jobs whose lease expired, or fails them after max_attempts; run every minute (pg_cron on Supabase, a timer locally).';

revoke execute on function public.claim_agent_job(uuid, text, int) from public, anon, authenticated;
revoke execute on function public.extend_agent_job_lease(uuid, text, int) from public, anon, authenticated;
revoke execute on function public.start_agent_job_stage(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) from public, anon, authenticated;
revoke execute on function public.finish_agent_job(uuid, text, text, jsonb, text) from public, anon, authenticated;
revoke execute on function public.sweep_agent_jobs() from public, anon, authenticated;
grant execute on function public.claim_agent_job(uuid, text, int) to service_role;
grant execute on function public.extend_agent_job_lease(uuid, text, int) to service_role;
grant execute on function public.start_agent_job_stage(uuid, text, text) to service_role;
grant execute on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) to service_role;
grant execute on function public.finish_agent_job(uuid, text, text, jsonb, text) to service_role;
grant execute on function public.sweep_agent_jobs() to service_role;

-- Where pg_cron exists (Supabase), sweep every minute; the local stack runs a timer instead.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('sweep-agent-jobs', '* * * * *', 'select public.sweep_agent_jobs()');
  end if;
end
$$;
