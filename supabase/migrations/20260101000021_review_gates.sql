-- =============================================================================
-- 0021 review gates and pause: a job may stop for the owner's review
-- after a stage (design after the wireframe, feature after the code) and may be
-- paused and resumed. Neither state is ever claimed by a worker or touched by
-- the sweeper (both only take queued and running jobs). A code stage's files
-- are recorded as a manifest in the same transaction as the stage.
-- =============================================================================

alter table public.agent_jobs drop constraint agent_jobs_status_check;
alter table public.agent_jobs add constraint agent_jobs_status_check
  check (status in ('queued', 'running', 'completed', 'failed', 'waiting_for_input', 'cancelled', 'paused', 'awaiting_review'));

alter table public.agent_jobs
  add column review_kind text check (review_kind in ('design', 'feature'));
alter table public.agent_jobs add constraint agent_jobs_review_kind_consistent
  check ((status = 'awaiting_review') = (review_kind is not null));

comment on column public.agent_jobs.status is 'queued | running | completed | failed | waiting_for_input | cancelled | paused | awaiting_review.';
comment on column public.agent_jobs.review_kind is 'While awaiting_review: design (after the wireframe) or feature (after the code); null otherwise.';

-- -----------------------------------------------------------------------------
-- the lease of a paused job's running stage still holds: the stage finishes
-- -----------------------------------------------------------------------------
create or replace function public.extend_agent_job_lease(p_job_id uuid, p_worker text, p_lease_seconds int default 60)
returns boolean
language sql
set search_path = ''
as $$
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
-- complete a stage; p_effects as before, plus
--   "review": "design" | "feature"   stop for the owner's review after this stage
--   files present                     record a manifest ("manifest_source", default "code")
-- A job paused mid-stage stays paused; a review request wins over the pause.
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
  if jsonb_array_length(coalesce(p_effects -> 'files', '[]'::jsonb)) > 0 then
    perform public.record_project_manifest(job.project_id, coalesce(p_effects ->> 'manifest_source', p_stage), p_job_id, format('%s stage', p_stage));
  end if;

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
  'Records a finished stage with its outputs (project columns, files + a manifest, roadmap), artifact, progress, usage and event, all or nothing; with effects.review the job then awaits the owner''s review. False if the worker lost the job or the stage is already done.';

-- -----------------------------------------------------------------------------
-- the end of a run, or a pause for the user (also from a job paused mid-stage)
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
-- the owner's review: approve (continue) or request changes (the stage reruns
-- with the comment, which the stage reads from params.review_comments)
-- -----------------------------------------------------------------------------
create or replace function public.review_agent_job(p_job_id uuid, p_approve boolean, p_comment text default null)
returns text
language plpgsql
set search_path = ''
as $$
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
returns boolean
language plpgsql
set search_path = ''
as $$
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
returns text
language plpgsql
set search_path = ''
as $$
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
