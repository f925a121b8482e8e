-- =============================================================================
-- 0112 The chat's end-of-build message says how the app did in the sandbox
-- (the fix loop's one line, result.sandbox.summary: "Tests: 14 passed · 8 routes
-- render · fixed in 1 attempt"), as the CLI prints it. Otherwise as in 0043.
-- =============================================================================

create or replace function public.handle_chat_job_event()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  thread_id uuid;
  summary text;
begin
  if new.kind <> 'event' or new.type not in ('stage_started', 'job_completed', 'job_failed', 'job_waiting_for_input', 'job_cancelled') then
    return null;
  end if;
  select * into job from public.agent_jobs j where j.id = new.job_id;
  thread_id := (job.params ->> 'thread_id')::uuid;
  if thread_id is null or not exists (select 1 from public.chat_threads t where t.id = thread_id) then
    return null;
  end if;

  summary := case new.type
    when 'stage_started' then format('Working on the %s…', public.chat_stage_label(new.data ->> 'stage'))
    when 'job_completed' then case when job.agent_type = 'pipeline'
      then format('The build is done: %s files.%s Ask for changes, e.g. "make the header blue".', coalesce(jsonb_array_length(job.result -> 'files'), 0),
        coalesce(' ' || (job.result -> 'sandbox' ->> 'summary') || '.', ''))
      else 'The change is applied.' end
    when 'job_failed' then format('The run failed: %s', coalesce(job.error, new.data ->> 'error', 'unknown error'))
    when 'job_waiting_for_input' then coalesce(job.result ->> 'message', 'The run needs your answer before it can go on.')
    else 'The run was cancelled.'
  end;

  insert into public.chat_messages (thread_id, role, content, metadata, job_id, status, error)
  values (thread_id, 'agent', summary,
    jsonb_build_object('event', new.type, 'runMode', job.agent_type) || jsonb_strip_nulls(jsonb_build_object('stage', new.data ->> 'stage')),
    new.job_id,
    case when new.type = 'job_failed' then 'failed' else 'complete' end,
    case when new.type = 'job_failed' then job.error end);

  if new.type = 'job_failed' then
    update public.chat_messages m set status = 'failed', error = coalesce(job.error, 'The run failed.')
    where m.id = (job.params ->> 'message_id')::uuid and m.role = 'user';
  end if;
  return null;
end;
$$;

comment on function public.handle_chat_job_event() is
  'Trigger function: stage starts and the end of a job started from a chat thread become agent messages there (a build''s end with its sandbox summary); a failed run marks its user message failed (to retry).';
