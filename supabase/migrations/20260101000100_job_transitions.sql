-- =============================================================================
-- 0100 every transition of a job is one function: creation, cancel and the
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
returns uuid
language plpgsql
set search_path = ''
as $$
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
returns text
language plpgsql
set search_path = ''
as $$
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
returns text
language plpgsql
set search_path = ''
as $$
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

-- -----------------------------------------------------------------------------
-- the other two places that made or ended jobs now go through the above
-- -----------------------------------------------------------------------------
create or replace function public.start_chat_run(
  p_thread_id uuid,
  p_message_id uuid,
  p_agent_type text,
  p_params jsonb,
  p_project_title text,
  p_announcement text
)
returns table (job_id uuid, project_id uuid, created_project boolean)
language plpgsql
set search_path = ''
as $$
declare
  thread public.chat_threads;
  new_project boolean := false;
  job uuid;
  budget jsonb;
begin
  select * into thread from public.chat_threads t where t.id = p_thread_id for update;
  if not found then
    raise exception 'start_chat_run: no thread %', p_thread_id using errcode = 'P0002';
  end if;
  if thread.project_id is null then
    insert into public.projects (user_id, title, description, mode)
    values (thread.user_id, left(p_project_title, 200), 'Built in a chat thread.', 'builder')
    returning id into thread.project_id;
    update public.chat_threads
    set project_id = thread.project_id,
        title = case when title = 'New chat' then left(p_project_title, 200) else title end
    where id = p_thread_id;
    new_project := true;
  end if;
  select case when jsonb_typeof(p.settings -> 'budget') = 'object' and p.settings -> 'budget' <> '{}'::jsonb
              then p.settings -> 'budget' end
  into budget from public.projects p where p.id = thread.project_id;

  job := public.create_agent_job(thread.project_id, thread.user_id, p_agent_type,
    coalesce(p_params, '{}'::jsonb) || jsonb_build_object('thread_id', p_thread_id, 'message_id', p_message_id), budget);

  update public.chat_messages set job_id = job, status = 'complete', error = null
  where id = p_message_id and thread_id = p_thread_id;
  if not found then
    raise exception 'start_chat_run: message % is not in thread %', p_message_id, p_thread_id using errcode = 'P0002';
  end if;

  insert into public.chat_messages (thread_id, role, content, metadata, job_id)
  values (p_thread_id, 'agent', p_announcement,
          jsonb_build_object('runMode', p_agent_type, 'event', 'run_started', 'project_id', thread.project_id), job);

  return query select job, thread.project_id, new_project;
end;
$$;

comment on function public.start_chat_run(uuid, uuid, text, jsonb, text, text) is
  'Starts a run from a user message: creates the thread''s project on the first build (reused after), queues the job (create_agent_job) and announces it, all or nothing.';

create or replace function public.cancel_studio_order(p_order_id uuid)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  job uuid;
begin
  update public.orders set status = 'cancelled'
  where id = p_order_id and status in ('pending', 'processing')
  returning job_id into job;
  if not found then
    return false;
  end if;
  update public.order_items set status = 'cancelled', completed_at = now()
  where order_id = p_order_id and status in ('pending', 'generating');
  if job is not null then
    perform public.cancel_agent_job(job);
  end if;
  return true;
end;
$$;

comment on function public.cancel_studio_order(uuid) is
  'Cancels an unfinished order: its pending and generating items stop and its job is cancelled (cancel_agent_job); false when it already finished.';

revoke execute on function public.create_agent_job(uuid, uuid, text, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function public.cancel_agent_job(uuid) from public, anon, authenticated;
revoke execute on function public.respond_agent_job(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.create_agent_job(uuid, uuid, text, jsonb, jsonb) to service_role;
grant execute on function public.cancel_agent_job(uuid) to service_role;
grant execute on function public.respond_agent_job(uuid, jsonb) to service_role;
