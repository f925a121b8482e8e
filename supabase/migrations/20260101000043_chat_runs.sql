-- =============================================================================
-- 0043 runs in chat threads:
-- a stage output too large for its row is kept in the Storage bucket
-- "artifacts" and the row holds the reference ({"bundle_ref": path}); a job
-- started from a thread (params.thread_id) reports its progress there as agent
-- messages, each finished stage with its output as a message_artifacts row.
-- The triggers run inside the engine's own transactions (complete_agent_job_stage,
-- finish_agent_job), so a stage is recorded with its chat message or not at all.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- bundle references: content {"bundle_ref": "<path>", "size_bytes": n, …}
-- -----------------------------------------------------------------------------
create or replace function public.handle_job_artifact_bundle()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.content ? 'bundle_ref' then
    new.bundle_path := new.content ->> 'bundle_ref';
    new.size_bytes := coalesce((new.content ->> 'size_bytes')::int, new.size_bytes);
  end if;
  return new;
end;
$$;

comment on function public.handle_job_artifact_bundle() is
  'Trigger function: a stage output stored in the bucket "artifacts" (content.bundle_ref) records its path in bundle_path and its real size.';

create trigger job_artifacts_bundle
  before insert on public.job_artifacts
  for each row execute function public.handle_job_artifact_bundle();

-- -----------------------------------------------------------------------------
-- what the chat shows of a stage: a sentence and the inline payload
-- -----------------------------------------------------------------------------
create or replace function public.chat_stage_label(p_stage text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_stage in ('research', 'requirements') then 'requirements'
    when p_stage in ('wireframe', 'architecture') then 'architecture'
    when p_stage in ('code', 'implementer') then 'code'
    when p_stage = 'qa' then 'review'
    when p_stage ~ '^reviewer_pass_[0-9]+$' then 'review pass ' || substr(p_stage, 15)
    when p_stage ~ '^sandbox_tests_attempt_[0-9]+$' then 'sandbox tests, attempt ' || substr(p_stage, 23)
    else replace(p_stage, '_', ' ')
  end;
$$;

comment on function public.chat_stage_label(text) is
  'How the chat names a stage: the engine''s (research, wireframe, code, qa) and seed 000''s (requirements … reviewer_pass_N, sandbox_tests_attempt_N).';

create or replace function public.handle_chat_stage_artifact()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  job public.agent_jobs;
  thread_id uuid;
  output jsonb := new.content -> 'output';
  label text := public.chat_stage_label(new.stage);
  payload jsonb;
  summary text;
  message uuid;
begin
  select * into job from public.agent_jobs j where j.id = new.job_id;
  thread_id := (job.params ->> 'thread_id')::uuid;
  if thread_id is null or not exists (select 1 from public.chat_threads t where t.id = thread_id) then
    return null;
  end if;

  if label = 'requirements' then
    payload := jsonb_build_object('requirementsArtifact', output);
    summary := format('Requirements ready for %s: %s features.',
      coalesce(output ->> 'app_name', 'the app'), coalesce(jsonb_array_length(output -> 'core_features'), 0));
  elsif label = 'architecture' then
    payload := jsonb_build_object('architectureArtifact', output);
    summary := format('Architecture ready: %s pages.', coalesce(jsonb_array_length(output -> 'site_map'), 0));
  elsif label = 'code' then
    payload := jsonb_build_object('generatedFileMap', coalesce(
      (select jsonb_agg(jsonb_build_object('path', f ->> 'file_path', 'language', f ->> 'language', 'bytes', octet_length(f ->> 'code')) order by f ->> 'file_path')
         from jsonb_array_elements(case when jsonb_typeof(output) = 'array' then output else '[]'::jsonb end) f),
      (select jsonb_agg(jsonb_build_object('path', pf.path, 'language', pf.language, 'bytes', octet_length(pf.content)) order by pf.path)
         from public.project_files pf where pf.project_id = job.project_id),
      '[]'::jsonb));
    summary := format('Code written: %s files.', jsonb_array_length(payload -> 'generatedFileMap'));
  elsif label = 'review' then
    payload := jsonb_build_object('review', jsonb_build_object(
      'passed', output -> 'passed', 'summary', output -> 'summary', 'issues', coalesce(jsonb_array_length(output -> 'issues'), 0)));
    summary := case when (output ->> 'passed')::boolean then 'Review passed.' else 'Review found problems.' end;
  else
    payload := jsonb_build_object('artifact', case when new.bundle_path is null then new.content end);
    summary := format('Stage %s finished.', label);
  end if;
  payload := payload || jsonb_build_object('stage', new.stage, 'job_id', new.job_id,
    'bundle_path', new.bundle_path, 'size_bytes', new.size_bytes);

  insert into public.chat_messages (thread_id, role, content, metadata, job_id)
  values (thread_id, 'agent', summary,
    jsonb_build_object('event', 'stage_completed', 'stage', new.stage, 'runMode', job.agent_type, 'hasArtifact', true)
      || case when label = 'code' then jsonb_build_object('generatedFileMap', payload -> 'generatedFileMap') else '{}'::jsonb end,
    new.job_id)
  returning id into message;
  insert into public.message_artifacts (message_id, user_id, job_artifact_id, payload)
  values (message, job.user_id, new.id, payload);
  return null;
end;
$$;

comment on function public.handle_chat_stage_artifact() is
  'Trigger function: a stage artifact of a job started from a chat thread becomes an agent message with its message_artifacts payload, in the same transaction.';

create trigger job_artifacts_chat
  after insert on public.job_artifacts
  for each row execute function public.handle_chat_stage_artifact();

-- -----------------------------------------------------------------------------
-- run events in the thread: a stage starting, the run ending or waiting
-- -----------------------------------------------------------------------------
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
      then format('The build is done: %s files. Ask for changes, e.g. "make the header blue".', coalesce(jsonb_array_length(job.result -> 'files'), 0))
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
  'Trigger function: stage starts and the end of a job started from a chat thread become agent messages there; a failed run marks its user message failed (to retry).';

create trigger job_events_chat
  after insert on public.job_events
  for each row execute function public.handle_chat_job_event();
