-- =============================================================================
-- Baseline job transitions: every change of a job's state, each one function writing the job and its event
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- job engine functions: every state change of a job is one statement or
-- one function call, so two workers never run one job and a finished stage is
-- written exactly once together with its outputs. Service role only.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- claim: a queued job, a running job between stages (lease released), or one
-- whose worker stopped responding (lease expired: that counts as an attempt)
-- -----------------------------------------------------------------------------
create or replace function public.claim_agent_job(p_job_id uuid, p_worker text, p_lease_seconds int default 60)
returns setof public.agent_jobs language sql set search_path = '' as $$
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
-- the lease of a paused job's running stage still holds: the stage finishes
-- -----------------------------------------------------------------------------
create or replace function public.extend_agent_job_lease(p_job_id uuid, p_worker text, p_lease_seconds int default 60)
returns boolean language sql set search_path = '' as $$
  with extended as (
    update public.agent_jobs
    set lease_expires_at = now() + make_interval(secs => p_lease_seconds)
    where id = p_job_id and status in ('running', 'paused') and leased_by = p_worker
    returning 1
  )
  select exists (select 1 from extended);
$$;

comment on function public.extend_agent_job_lease(uuid, text, int) is
  'Extends the lease of the worker holding a running (or paused mid-stage) job; false when it no longer holds it (cancelled, expired, taken).';

-- -----------------------------------------------------------------------------
-- start a stage: the stage name and its event, only while the worker holds the job
-- (a cancel cannot slip between them: the event never follows job_cancelled)
-- -----------------------------------------------------------------------------
create or replace function public.start_agent_job_stage(p_job_id uuid, p_worker text, p_stage text)
returns boolean language plpgsql set search_path = '' as $$
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
-- p_effects may also hold
--   "review": "design" | "feature"   stop for the owner's review after this stage
--   files present                     record a manifest ("manifest_source", default "code")
-- A job paused mid-stage stays paused; a review request wins over the pause.
-- The roadmap stage stores the whole roadmap (title, level, hours and modules).
-- effects.removed_files (paths) are deleted in the same transaction and recorded
-- in the manifest: a fix pass removing a page (its page, test and components).
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
returns boolean language plpgsql set search_path = '' as $$
declare
  job public.agent_jobs;
  file jsonb;
  review text := p_effects ->> 'review';
begin
  select * into job from public.agent_jobs where id = p_job_id for update;
  if not found or job.status not in ('running', 'paused') or job.leased_by is distinct from p_worker then
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
  delete from public.project_files f
  where f.project_id = job.project_id
    and f.path in (select jsonb_array_elements_text(coalesce(p_effects -> 'removed_files', '[]'::jsonb)));
  if jsonb_array_length(coalesce(p_effects -> 'files', '[]'::jsonb)) + jsonb_array_length(coalesce(p_effects -> 'removed_files', '[]'::jsonb)) > 0 then
    perform public.record_project_manifest(job.project_id, coalesce(p_effects ->> 'manifest_source', p_stage), p_job_id, format('%s stage', p_stage));
  end if;

  if p_effects ? 'roadmap' then
    insert into public.learning_roadmaps (project_id, modules, title, description, skill_level, total_estimated_hours)
    values (job.project_id, p_effects -> 'roadmap' -> 'modules', p_effects -> 'roadmap' ->> 'title',
      p_effects -> 'roadmap' ->> 'description', p_effects -> 'roadmap' ->> 'skill_level',
      (p_effects -> 'roadmap' ->> 'total_estimated_hours')::numeric);
  end if;

  insert into public.job_artifacts (job_id, user_id, stage, content, size_bytes)
  values (p_job_id, job.user_id, p_stage, p_output, octet_length(p_output::text));

  -- The lease is released: the next stage may run in another invocation.
  update public.agent_jobs set
    completed_stages = completed_stages || p_stage,
    stage = null,
    leased_by = null,
    lease_expires_at = null,
    status = case when review is not null then 'awaiting_review' else status end,
    review_kind = review,
    progress = greatest(progress, p_progress),
    usage = case when p_usage is null then usage else jsonb_build_object(
      'input_tokens', (usage ->> 'input_tokens')::bigint + coalesce((p_usage ->> 'input_tokens')::bigint, 0),
      'output_tokens', (usage ->> 'output_tokens')::bigint + coalesce((p_usage ->> 'output_tokens')::bigint, 0),
      'cost_usd', (usage ->> 'cost_usd')::numeric + coalesce((p_usage ->> 'cost_usd')::numeric, 0)) end
  where id = p_job_id;

  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'stage_completed',
    jsonb_strip_nulls(jsonb_build_object('stage', p_stage, 'progress', p_progress, 'duration_ms', p_duration_ms)));
  if review is not null then
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'review_requested', jsonb_build_object('kind', review, 'stage', p_stage));
  end if;
  return true;
end;
$$;

comment on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) is
  'Records a finished stage with its outputs (project columns, files written and removed + a manifest, roadmap), artifact, progress, usage and event, all or nothing; with effects.review the job then awaits the owner''s review. False if the worker lost the job or the stage is already done.';

-- -----------------------------------------------------------------------------
-- the end of a run, or a pause for the user (also from a job paused mid-stage)
-- -----------------------------------------------------------------------------
create or replace function public.finish_agent_job(p_job_id uuid, p_worker text, p_status text, p_result jsonb default null, p_error text default null)
returns boolean language plpgsql set search_path = '' as $$
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
  where id = p_job_id and status in ('running', 'paused') and leased_by = p_worker;
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
returns table (requeued int, failed int) language plpgsql set search_path = '' as $$
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
revoke execute on function public.finish_agent_job(uuid, text, text, jsonb, text) from public, anon, authenticated;
revoke execute on function public.sweep_agent_jobs() from public, anon, authenticated;
grant execute on function public.claim_agent_job(uuid, text, int) to service_role;
grant execute on function public.extend_agent_job_lease(uuid, text, int) to service_role;
grant execute on function public.start_agent_job_stage(uuid, text, text) to service_role;
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

-- =============================================================================
-- review gates and pause: a job may stop for the owner's review
-- after a stage (design after the wireframe, feature after the code) and may be
-- paused and resumed. Neither state is ever claimed by a worker or touched by
-- the sweeper (both only take queued and running jobs). A code stage's files
-- are recorded as a manifest in the same transaction as the stage.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- the owner's review: approve (continue) or request changes (the stage reruns
-- with the comment, which the stage reads from params.review_comments)
-- -----------------------------------------------------------------------------
create or replace function public.review_agent_job(p_job_id uuid, p_approve boolean, p_comment text default null)
returns text language plpgsql set search_path = '' as $$
declare
  job public.agent_jobs;
  reviewed text;
  revision int;
begin
  select * into job from public.agent_jobs where id = p_job_id for update;
  if not found or job.status <> 'awaiting_review' then
    return null;
  end if;
  -- The job stopped right after the stage under review.
  reviewed := job.completed_stages[cardinality(job.completed_stages)];
  if p_approve then
    update public.agent_jobs set status = 'queued', review_kind = null where id = p_job_id;
    insert into public.job_events (job_id, kind, type, data)
    values (p_job_id, 'event', 'review_approved',
      jsonb_strip_nulls(jsonb_build_object('kind', job.review_kind, 'stage', reviewed, 'comment', nullif(trim(p_comment), ''))));
    return 'queued';
  end if;
  if coalesce(trim(p_comment), '') = '' then
    raise exception 'review_agent_job: requesting changes needs a comment' using errcode = '22023';
  end if;
  -- The reviewed output stays as an artifact of its revision; the stage runs again.
  select count(*) + 1 into revision from public.job_artifacts a where a.job_id = p_job_id and a.stage like reviewed || ':rev%';
  update public.job_artifacts set stage = reviewed || ':rev' || revision where job_id = p_job_id and stage = reviewed;
  update public.agent_jobs set
    status = 'queued',
    review_kind = null,
    completed_stages = array_remove(completed_stages, reviewed),
    params = jsonb_set(params, '{review_comments}', coalesce(params -> 'review_comments', '[]'::jsonb)
      || jsonb_build_object('stage', reviewed, 'kind', job.review_kind, 'comment', trim(p_comment), 'revision', revision))
  where id = p_job_id;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'changes_requested',
    jsonb_build_object('kind', job.review_kind, 'stage', reviewed, 'comment', trim(p_comment), 'revision', revision));
  return 'queued';
end;
$$;

comment on function public.review_agent_job(uuid, boolean, text) is
  'The owner''s decision on a job awaiting review: approve requeues it for the next stage; otherwise the reviewed stage is reopened with the comment appended to params.review_comments (its output kept as "<stage>:revN"). Null when the job is not awaiting review.';

-- -----------------------------------------------------------------------------
-- pause and resume
-- -----------------------------------------------------------------------------
create or replace function public.pause_agent_job(p_job_id uuid)
returns boolean language plpgsql set search_path = '' as $$
declare
  running_stage text;
begin
  -- A stage in flight keeps its lease and finishes; nothing new is claimed.
  update public.agent_jobs set status = 'paused'
  where id = p_job_id and status in ('queued', 'running')
  returning stage into running_stage;
  if not found then
    return false;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'job_paused', jsonb_strip_nulls(jsonb_build_object('stage', running_stage)));
  return true;
end;
$$;

comment on function public.pause_agent_job(uuid) is
  'Pauses a queued or running job: the stage in flight finishes, no new stage starts until resume_agent_job. False when the job is in another state.';

create or replace function public.resume_agent_job(p_job_id uuid)
returns text language plpgsql set search_path = '' as $$
declare
  resumed text;
begin
  -- Still mid-stage: running again under its worker (or the sweeper when that worker died); else queued.
  update public.agent_jobs set status = case when leased_by is not null then 'running' else 'queued' end
  where id = p_job_id and status = 'paused'
  returning status into resumed;
  if not found then
    return null;
  end if;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'job_resumed', jsonb_build_object('status', resumed));
  return resumed;
end;
$$;

comment on function public.resume_agent_job(uuid) is
  'Resumes a paused job: queued (or running when its stage is still in flight); returns the new status, null when the job was not paused.';

revoke execute on function public.review_agent_job(uuid, boolean, text) from public, anon, authenticated;
revoke execute on function public.pause_agent_job(uuid) from public, anon, authenticated;
revoke execute on function public.resume_agent_job(uuid) from public, anon, authenticated;
grant execute on function public.review_agent_job(uuid, boolean, text) to service_role;
grant execute on function public.pause_agent_job(uuid) to service_role;
grant execute on function public.resume_agent_job(uuid) to service_role;

-- -----------------------------------------------------------------------------
-- the activity feed: a job's log lines by
-- level and its events by type, in order
-- -----------------------------------------------------------------------------
create index job_events_log_level_idx on public.job_events (job_id, level, seq) where kind = 'log';
create index job_events_event_type_idx on public.job_events (job_id, type, seq) where kind = 'event';
create index agent_jobs_user_id_created_at_idx on public.agent_jobs (user_id, created_at desc);

-- =============================================================================
-- every transition of a job is one function: creation, cancel and the
-- owner's answers join claim/start/complete/finish/pause/resume/review. Each
-- changes the agent_jobs row and writes its job_events row in one transaction,
-- so the chat's and the timeline's triggers see every change. Service role
-- only: the functions check that the caller owns the job or project first.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- create: the queued job and its job_queued event
-- -----------------------------------------------------------------------------
create or replace function public.create_agent_job(
  p_project_id uuid,
  p_user_id uuid,
  p_agent_type text,
  p_params jsonb default '{}'::jsonb,
  p_budget jsonb default null
)
returns uuid language plpgsql set search_path = '' as $$
declare
  job uuid;
begin
  insert into public.agent_jobs (project_id, user_id, agent_type, params, budget)
  values (p_project_id, p_user_id, p_agent_type, coalesce(p_params, '{}'::jsonb), p_budget)
  returning id into job;
  insert into public.job_events (job_id, kind, type, data)
  values (job, 'event', 'job_queued', jsonb_build_object('agent_type', p_agent_type));
  return job;
end;
$$;

comment on function public.create_agent_job(uuid, uuid, text, jsonb, jsonb) is
  'Queues a job for a project with its job_queued event, in one transaction; returns the job id. The only way a job row is created.';

-- -----------------------------------------------------------------------------
-- cancel: any unfinished job; a stage in flight loses its lease (its worker
-- sees that on the next extend or complete and stops)
-- -----------------------------------------------------------------------------
create or replace function public.cancel_agent_job(p_job_id uuid)
returns text language plpgsql set search_path = '' as $$
begin
  update public.agent_jobs
  set status = 'cancelled', leased_by = null, lease_expires_at = null, stage = null, review_kind = null
  where id = p_job_id and status in ('queued', 'running', 'waiting_for_input', 'paused', 'awaiting_review');
  if not found then
    return null;
  end if;
  insert into public.job_events (job_id, kind, type, data) values (p_job_id, 'event', 'job_cancelled', '{}'::jsonb);
  return 'cancelled';
end;
$$;

comment on function public.cancel_agent_job(uuid) is
  'Cancels an unfinished job with its job_cancelled event; returns ''cancelled'', or null when the job had already ended.';

-- -----------------------------------------------------------------------------
-- respond: the owner's answers to a job waiting for input. p_answers is
-- [{question_id, answer, question}]; a later answer to a question replaces the
-- earlier one in params.answers. "continue" to a budget pause lifts the budget
-- for the rest of the run; "stop" to a budget or repeated-failure pause ends it.
-- -----------------------------------------------------------------------------
create or replace function public.respond_agent_job(p_job_id uuid, p_answers jsonb)
returns text language plpgsql set search_path = '' as $$
declare
  job public.agent_jobs;
  answered text[];
  merged jsonb;
  stops boolean;
  continues boolean;
begin
  if jsonb_typeof(p_answers) is distinct from 'array' then
    raise exception 'respond_agent_job: the answers must be an array' using errcode = '22023';
  end if;
  select * into job from public.agent_jobs where id = p_job_id for update;
  if not found or job.status <> 'waiting_for_input' then
    return null;
  end if;
  select coalesce(array_agg(a ->> 'question_id'), '{}') into answered from jsonb_array_elements(p_answers) a;
  select coalesce(jsonb_agg(a), '[]'::jsonb) || p_answers into merged
  from jsonb_array_elements(coalesce(job.params -> 'answers', '[]'::jsonb)) a
  where not (a ->> 'question_id' = any (answered));
  stops := exists (select 1 from jsonb_array_elements(p_answers) a
                   where a ->> 'question_id' in ('budget', 'retry') and a ->> 'answer' = 'stop');
  continues := exists (select 1 from jsonb_array_elements(p_answers) a
                       where a ->> 'question_id' = 'budget' and a ->> 'answer' = 'continue');

  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'clarification_answered', jsonb_build_object('answers', to_jsonb(answered)));
  if stops then
    update public.agent_jobs set status = 'cancelled', params = jsonb_set(params, '{answers}', merged) where id = p_job_id;
    insert into public.job_events (job_id, kind, type, data) values (p_job_id, 'event', 'job_cancelled', '{}'::jsonb);
    return 'cancelled';
  end if;
  update public.agent_jobs set
    status = 'queued',
    params = jsonb_set(params, '{answers}', merged),
    budget = case when job.result ->> 'reason' = 'budget' and continues then null else budget end,
    result = null
  where id = p_job_id;
  return 'queued';
end;
$$;

comment on function public.respond_agent_job(uuid, jsonb) is
  'Records the owner''s answers to a job waiting for input (params.answers) with its clarification_answered event and requeues it, or cancels it when the answer to a budget or retry pause is "stop"; returns the new status, null when the job was not waiting.';

revoke execute on function public.create_agent_job(uuid, uuid, text, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function public.cancel_agent_job(uuid) from public, anon, authenticated;
revoke execute on function public.respond_agent_job(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.create_agent_job(uuid, uuid, text, jsonb, jsonb) to service_role;
grant execute on function public.cancel_agent_job(uuid) to service_role;
grant execute on function public.respond_agent_job(uuid, jsonb) to service_role;

-- =============================================================================
-- "Try to fix again": a pipeline job that ended completed with
-- result.passed false after its fix loop stopped (at the attempt limit, or on a
-- revision that changed nothing or repeated an earlier one) gets more
-- attempts. The stopped fix pass reopens: its artifact is kept as
-- "<stage>:retryN", params.max_fix_attempts rises past the attempts made, and
-- the job is queued again with its fix_retry_requested event, in one
-- transaction. Service role only: the jobs function checks the caller owns the
-- job first.
-- =============================================================================

create or replace function public.retry_fix_loop(p_job_id uuid, p_more int default 3)
returns text language plpgsql set search_path = '' as $$
declare
  job public.agent_jobs;
  reopened text;
  tried int;
  retry int;
begin
  if p_more is null or p_more not between 1 and 10 then
    raise exception 'retry_fix_loop: p_more must be between 1 and 10' using errcode = '22023';
  end if;
  select * into job from public.agent_jobs j where j.id = p_job_id for update;
  if not found or job.status <> 'completed' or job.agent_type <> 'pipeline'
     or jsonb_typeof(job.result -> 'sandbox') is distinct from 'object'
     or (job.result ->> 'passed') is distinct from 'false' then
    return null;
  end if;
  -- The loop ends with the pass that stopped it; a loop that ended on a sandbox
  -- run that never ran (no runner) has nothing to reopen.
  reopened := job.completed_stages[cardinality(job.completed_stages)];
  if reopened is null or reopened !~ '^reviewer_pass_[0-9]+$'
     or not exists (select 1 from public.job_artifacts a where a.job_id = p_job_id and a.stage = reopened and a.content ? 'stopped') then
    return null;
  end if;
  tried := coalesce((job.result -> 'sandbox' ->> 'attempts')::int, substring(reopened from '[0-9]+$')::int);
  select count(*) + 1 into retry from public.job_artifacts a where a.job_id = p_job_id and a.stage like reopened || ':retry%';
  update public.job_artifacts set stage = reopened || ':retry' || retry where job_id = p_job_id and stage = reopened;
  update public.agent_jobs set
    status = 'queued',
    completed_stages = array_remove(completed_stages, reopened),
    completed_at = null,
    error = null,
    result = null,
    params = jsonb_set(params, '{max_fix_attempts}', to_jsonb(tried + p_more))
  where id = p_job_id;
  insert into public.job_events (job_id, kind, type, data)
  values (p_job_id, 'event', 'fix_retry_requested',
    jsonb_build_object('stage', reopened, 'retry', retry, 'attempts', tried, 'max_fix_attempts', tried + p_more));
  return 'queued';
end;
$$;

comment on function public.retry_fix_loop(uuid, int) is
  'Try to fix again: a completed pipeline job whose fix loop stopped with result.passed false is queued again with p_more further attempts (params.max_fix_attempts); the stopped fix pass reruns, its earlier output kept as "<stage>:retryN". Returns queued, or null when the job is in no such state.';

revoke execute on function public.retry_fix_loop(uuid, int) from public, anon, authenticated;
grant execute on function public.retry_fix_loop(uuid, int) to service_role;
revoke execute on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) from public, anon, authenticated;
grant execute on function public.complete_agent_job_stage(uuid, text, text, jsonb, float, jsonb, jsonb, int) to service_role;
