-- =============================================================================
-- Baseline chat: chat threads, messages, attachments and artifacts; project documents; runs started from chat
-- Part of the baseline squashed on 2026-12-07 (docs/database.md, "History").
-- =============================================================================

-- =============================================================================
-- chat:
-- threads per user with a real foreign key to the project they build (the seed's
-- "[chat-thread:ID]" description marker, done properly), messages from the user,
-- the assistant and the agents, attachments kept in the Storage bucket
-- "attachments", and stage outputs attached to agent messages. Users write their
-- own threads and user messages; assistant/agent messages and artifacts are
-- written by the backend (service role) only.
-- =============================================================================

create table public.chat_threads (
  id uuid default extensions.uuid_generate_v4() primary key,
  user_id uuid default auth.uid() references public.profiles(id) on delete cascade not null,
  project_id uuid references public.projects(id) on delete set null,
  title text default 'New chat' not null check (char_length(title) between 1 and 200),
  last_message_at timestamptz,
  last_message_preview text,
  created_at timestamptz default now() not null,
  updated_at timestamptz default now() not null
);

comment on table public.chat_threads is 'A conversation with the agents; runs started in it build the thread''s project.';
comment on column public.chat_threads.user_id is 'The owner of the thread.';
comment on column public.chat_threads.project_id is 'The project the thread builds: set by the first build request, reused by every later run.';
comment on column public.chat_threads.title is 'Shown in the thread list (1-200 characters).';
comment on column public.chat_threads.last_message_at is 'When the newest message was written (the thread list sorts by it).';
comment on column public.chat_threads.last_message_preview is 'The start of the newest message, for the thread list.';

create index chat_threads_user_id_idx on public.chat_threads (user_id, last_message_at desc nulls last);
create index chat_threads_project_id_idx on public.chat_threads (project_id);

create trigger chat_threads_updated_at
  before update on public.chat_threads
  for each row execute function public.handle_updated_at();

alter table public.chat_threads enable row level security;

create policy "Users can view their threads"
  on public.chat_threads for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users can start threads on their own projects"
  on public.chat_threads for insert to authenticated
  with check ((select auth.uid()) = user_id and (project_id is null or exists (
    select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))));

create policy "Users can rename their threads"
  on public.chat_threads for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id and (project_id is null or exists (
    select 1 from public.projects p where p.id = project_id and p.user_id = (select auth.uid()))));

create policy "Users can delete their threads"
  on public.chat_threads for delete to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- chat_messages
-- -----------------------------------------------------------------------------
create table public.chat_messages (
  id uuid default extensions.uuid_generate_v4() primary key,
  thread_id uuid references public.chat_threads(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  role text not null check (role in ('user', 'assistant', 'agent')),
  content text not null check (char_length(content) between 1 and 20000),
  metadata jsonb default '{}'::jsonb not null,
  status text default 'complete' not null check (status in ('complete', 'failed')),
  error text,
  job_id uuid references public.agent_jobs(id) on delete set null,
  created_at timestamptz default now() not null
);

comment on table public.chat_messages is 'Messages of a thread: the user''s, the assistant''s replies (stored once streamed in full) and the agents'' run progress.';
comment on column public.chat_messages.thread_id is 'The thread the message belongs to.';
comment on column public.chat_messages.user_id is 'The thread''s owner, copied on insert so RLS and Realtime need no join.';
comment on column public.chat_messages.role is 'user, assistant (the chat reply) or agent (progress of a run).';
comment on column public.chat_messages.content is 'The text (a run uses at most the first 5,000 characters of a user message).';
comment on column public.chat_messages.metadata is 'generatedFileMap, runMode, stage, truncated, reply_to, …';
comment on column public.chat_messages.status is 'complete, or failed (the user message''s run or reply failed; it can be retried).';
comment on column public.chat_messages.error is 'Why the message failed, in words.';
comment on column public.chat_messages.job_id is 'The run the message started or reports on.';

create index chat_messages_thread_id_idx on public.chat_messages (thread_id, created_at);
create index chat_messages_user_id_idx on public.chat_messages (user_id);
create index chat_messages_job_id_idx on public.chat_messages (job_id);

create or replace function public.handle_chat_message_insert()
returns trigger language plpgsql set search_path = '' as $$
begin
  -- Runs as the writer: a thread the writer cannot see leaves user_id null and the insert fails.
  select t.user_id into new.user_id from public.chat_threads t where t.id = new.thread_id;
  return new;
end;
$$;

comment on function public.handle_chat_message_insert() is 'Trigger function: copies the thread''s owner into chat_messages.user_id.';

create trigger chat_messages_owner
  before insert on public.chat_messages
  for each row execute function public.handle_chat_message_insert();

-- -----------------------------------------------------------------------------
-- security definer: a user's own message (post_chat_message, or an insert
-- through REST) moves the thread's summary, which the user may not write.
-- -----------------------------------------------------------------------------
create or replace function public.handle_chat_message_written()
returns trigger language plpgsql security definer set search_path = '' as $$
begin
  update public.chat_threads
  set last_message_at = new.created_at, last_message_preview = left(new.content, 140)
  where id = new.thread_id;
  return null;
end;
$$;

comment on function public.handle_chat_message_written() is
  'Trigger function: keeps the thread''s last message time and preview current (security definer: the owner may not write them).';

create trigger chat_messages_thread_summary
  after insert on public.chat_messages
  for each row execute function public.handle_chat_message_written();

alter table public.chat_messages enable row level security;

create policy "Users can view the messages of their threads"
  on public.chat_messages for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users can write user messages in their threads"
  on public.chat_messages for insert to authenticated
  with check ((select auth.uid()) = user_id and role = 'user' and status = 'complete' and job_id is null);

-- -----------------------------------------------------------------------------
-- message_attachments: files in the Storage bucket "attachments"
-- -----------------------------------------------------------------------------
create table public.message_attachments (
  id uuid default extensions.uuid_generate_v4() primary key,
  thread_id uuid references public.chat_threads(id) on delete cascade not null,
  message_id uuid references public.chat_messages(id) on delete cascade not null,
  user_id uuid default auth.uid() references public.profiles(id) on delete cascade not null,
  storage_path text not null unique,
  original_name text not null check (char_length(original_name) between 1 and 255),
  mime_type text not null,
  size_bytes bigint not null check (size_bytes between 0 and 10485760),
  created_at timestamptz default now() not null
);

comment on table public.message_attachments is 'Files attached to a user message; the bytes live in the Storage bucket "attachments".';
comment on column public.message_attachments.thread_id is 'The thread of the message.';
comment on column public.message_attachments.message_id is 'The message the file is attached to.';
comment on column public.message_attachments.user_id is 'The owner (who uploaded it).';
comment on column public.message_attachments.storage_path is 'Object name in the bucket "attachments": {user_id}/{thread_id}/{uuid}-{name}.';
comment on column public.message_attachments.original_name is 'The file name as uploaded.';
comment on column public.message_attachments.mime_type is 'The file''s MIME type.';
comment on column public.message_attachments.size_bytes is 'Size in bytes (at most 10 MiB, the bucket''s limit).';

create index message_attachments_thread_id_idx on public.message_attachments (thread_id);
create index message_attachments_message_id_idx on public.message_attachments (message_id);
create index message_attachments_user_id_idx on public.message_attachments (user_id);

alter table public.message_attachments enable row level security;

create policy "Users can view their attachments"
  on public.message_attachments for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users can attach their uploads to their own messages"
  on public.message_attachments for insert to authenticated
  with check (
    (select auth.uid()) = user_id
    and split_part(storage_path, '/', 1) = (select auth.uid())::text
    and exists (select 1 from public.chat_messages m
                where m.id = message_id and m.thread_id = message_attachments.thread_id
                  and m.user_id = (select auth.uid()) and m.role = 'user'));

-- -----------------------------------------------------------------------------
-- message_artifacts: a stage's output attached to the agent message reporting it
-- -----------------------------------------------------------------------------
create table public.message_artifacts (
  id uuid default extensions.uuid_generate_v4() primary key,
  message_id uuid references public.chat_messages(id) on delete cascade not null unique,
  user_id uuid references public.profiles(id) on delete cascade not null,
  job_artifact_id uuid references public.job_artifacts(id) on delete set null,
  payload jsonb not null,
  created_at timestamptz default now() not null
);

comment on table public.message_artifacts is 'What an agent message carries: requirementsArtifact, architectureArtifact, generatedFileMap, review.';
comment on column public.message_artifacts.message_id is 'The agent message (at most one artifact each).';
comment on column public.message_artifacts.user_id is 'The thread''s owner.';
comment on column public.message_artifacts.job_artifact_id is 'The stage artifact the payload was taken from (its full content, or bundle, is there).';
comment on column public.message_artifacts.payload is 'The part of the stage output the chat shows inline.';

create index message_artifacts_user_id_idx on public.message_artifacts (user_id);
create index message_artifacts_job_artifact_id_idx on public.message_artifacts (job_artifact_id);

alter table public.message_artifacts enable row level security;

create policy "Users can view the artifacts of their messages"
  on public.message_artifacts for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- post_chat_message: a user message and its attachments, all or nothing.
-- Security invoker: RLS decides, as for a plain insert.
-- -----------------------------------------------------------------------------
create or replace function public.post_chat_message(
  p_thread_id uuid,
  p_content text,
  p_metadata jsonb default '{}'::jsonb,
  p_attachments jsonb default '[]'::jsonb
)
returns public.chat_messages language plpgsql set search_path = '' as $$
declare
  message public.chat_messages;
begin
  insert into public.chat_messages (thread_id, user_id, role, content, metadata)
  values (p_thread_id, auth.uid(), 'user', p_content, coalesce(p_metadata, '{}'::jsonb))
  returning * into message;
  insert into public.message_attachments (thread_id, message_id, user_id, storage_path, original_name, mime_type, size_bytes)
  select p_thread_id, message.id, auth.uid(), a ->> 'storage_path', a ->> 'original_name', a ->> 'mime_type', (a ->> 'size_bytes')::bigint
  from jsonb_array_elements(coalesce(p_attachments, '[]'::jsonb)) a;
  return message;
end;
$$;

comment on function public.post_chat_message(uuid, text, jsonb, jsonb) is
  'Writes a user message with its attachments ([{storage_path, original_name, mime_type, size_bytes}]) in one transaction, as the caller.';

revoke execute on function public.post_chat_message(uuid, text, jsonb, jsonb) from public, anon;
grant execute on function public.post_chat_message(uuid, text, jsonb, jsonb) to authenticated, service_role;

-- -----------------------------------------------------------------------------
-- start_chat_run: the thread's project (created on the first build), the queued
-- job and the agent message announcing it, in one transaction. Service role only:
-- the chat function checks the caller owns the thread and message first.
-- -----------------------------------------------------------------------------
create or replace function public.start_chat_run(
  p_thread_id uuid,
  p_message_id uuid,
  p_agent_type text,
  p_params jsonb,
  p_project_title text,
  p_announcement text
)
returns table (job_id uuid, project_id uuid, created_project boolean) language plpgsql set search_path = '' as $$
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

revoke execute on function public.start_chat_run(uuid, uuid, text, jsonb, text, text) from public, anon, authenticated;
grant execute on function public.start_chat_run(uuid, uuid, text, jsonb, text, text) to service_role;

-- =============================================================================
-- project documents: files in the Storage bucket
-- "documents", their text cut into chunks with embeddings, and match_documents()
-- beside match_patterns() so the research agent retrieves from them. Written by
-- the backend only (it parses and embeds); the owner reads and deletes.
-- =============================================================================

create table public.project_documents (
  id uuid default extensions.uuid_generate_v4() primary key,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  storage_path text not null unique,
  filename text not null check (char_length(filename) between 1 and 255),
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  chunk_count int default 0 not null,
  created_at timestamptz default now() not null
);

comment on table public.project_documents is 'Documents attached to a project (txt, md, pdf); the research agent retrieves from their chunks.';
comment on column public.project_documents.project_id is 'The project the document informs.';
comment on column public.project_documents.user_id is 'The owner.';
comment on column public.project_documents.storage_path is 'Object name in the bucket "documents": {user_id}/{project_id}/{uuid}-{name}.';
comment on column public.project_documents.filename is 'The file name as uploaded.';
comment on column public.project_documents.content_type is 'text/plain, text/markdown or application/pdf.';
comment on column public.project_documents.size_bytes is 'Size of the file in bytes.';
comment on column public.project_documents.chunk_count is 'How many chunks the text was cut into.';

create index project_documents_project_id_idx on public.project_documents (project_id);
create index project_documents_user_id_idx on public.project_documents (user_id);

alter table public.project_documents enable row level security;

create policy "Users can view their project documents"
  on public.project_documents for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users can delete their project documents"
  on public.project_documents for delete to authenticated
  using ((select auth.uid()) = user_id);

create table public.document_chunks (
  id uuid default extensions.uuid_generate_v4() primary key,
  document_id uuid references public.project_documents(id) on delete cascade not null,
  project_id uuid references public.projects(id) on delete cascade not null,
  user_id uuid references public.profiles(id) on delete cascade not null,
  chunk_index int not null check (chunk_index >= 0),
  content text not null,
  embedding extensions.vector(1536) not null,
  unique (document_id, chunk_index),
  embedding_model text not null
  check (char_length(embedding_model) between 1 and 200)
);

comment on table public.document_chunks is 'A passage of a project document with its embedding, searched by match_documents().';
comment on column public.document_chunks.document_id is 'The document the passage comes from.';
comment on column public.document_chunks.project_id is 'The document''s project (match_documents filters on it).';
comment on column public.document_chunks.user_id is 'The owner.';
comment on column public.document_chunks.chunk_index is 'Position of the passage in the document, from 0.';
comment on column public.document_chunks.content is 'The passage''s text.';
comment on column public.document_chunks.embedding is '1536-d embedding (the same embedder as pattern_embeddings).';

-- A project's documents are a few hundred chunks: an exact scan of one project's
-- rows beats an approximate index, whose filtered searches can come back short.
create index document_chunks_project_id_idx on public.document_chunks (project_id);
create index document_chunks_user_id_idx on public.document_chunks (user_id);

alter table public.document_chunks enable row level security;

create policy "Users can view the chunks of their documents"
  on public.document_chunks for select to authenticated
  using ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- add_project_document: the document and all its chunks, or nothing
-- p_chunks: [{ "content": text, "embedding": [1536 floats] }, …]
-- -----------------------------------------------------------------------------
create or replace function public.add_project_document(
  p_project_id uuid,
  p_storage_path text,
  p_filename text,
  p_content_type text,
  p_size_bytes bigint,
  p_chunks jsonb,
  p_embedding_model text
)
returns uuid language plpgsql set search_path = '' as $$
declare
  owner uuid;
  document uuid;
begin
  select p.user_id into owner from public.projects p where p.id = p_project_id;
  if owner is null then
    raise exception 'add_project_document: no project %', p_project_id using errcode = 'P0002';
  end if;
  insert into public.project_documents (project_id, user_id, storage_path, filename, content_type, size_bytes, chunk_count)
  values (p_project_id, owner, p_storage_path, p_filename, p_content_type, p_size_bytes, jsonb_array_length(p_chunks))
  returning id into document;
  insert into public.document_chunks (document_id, project_id, user_id, chunk_index, content, embedding, embedding_model)
  select document, p_project_id, owner, (c.ordinality - 1)::int, c.value ->> 'content', (c.value ->> 'embedding')::extensions.vector, p_embedding_model
  from jsonb_array_elements(p_chunks) with ordinality c;
  return document;
end;
$$;

-- -----------------------------------------------------------------------------
-- match_documents: the passages of a project's documents nearest a query,
-- among the vectors of the query's embedding model only.
-- Security invoker: RLS on document_chunks keeps other users' passages out.
-- -----------------------------------------------------------------------------
create or replace function public.match_documents(
  query_embedding extensions.vector(1536),
  query_model text,
  filter_project_id uuid,
  match_count int default 5
)
returns table (
  id uuid,
  document_id uuid,
  filename text,
  chunk_index int,
  content text,
  similarity float
)
language sql stable set search_path = '' as $$
  select
    c.id,
    c.document_id,
    d.filename,
    c.chunk_index,
    c.content,
    1 - (c.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.document_chunks c
  join public.project_documents d on d.id = c.document_id
  where c.project_id = filter_project_id
    and c.embedding_model = query_model
  order by c.embedding operator(extensions.<=>) query_embedding, c.chunk_index
  limit least(greatest(match_count, 1), 50);
$$;

-- =============================================================================
-- runs in chat threads:
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
returns trigger language plpgsql set search_path = '' as $$
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
returns text language sql immutable set search_path = '' as $$
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
  'How the chat names a stage: the engine''s (research, wireframe, code, qa) and the build''s (requirements … reviewer_pass_N, sandbox_tests_attempt_N).';

create or replace function public.handle_chat_stage_artifact()
returns trigger language plpgsql set search_path = '' as $$
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
-- run events in the thread: a stage starting, the run ending or waiting. The
-- end-of-build message says how the app did in the sandbox (the fix loop's one
-- line, result.sandbox.summary: "Tests: 14 passed · 8 routes render · fixed in
-- 1 attempt"), as the CLI prints it.
-- -----------------------------------------------------------------------------
create or replace function public.handle_chat_job_event()
returns trigger language plpgsql set search_path = '' as $$
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

create trigger job_events_chat
  after insert on public.job_events
  for each row execute function public.handle_chat_job_event();
